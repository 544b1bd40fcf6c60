/* SPDX-License-Identifier: BSD-3-Clause
 * Sequence counter: one writer (serialised by the caller) updates data that
 * many readers copy without locking; a reader retries when the count was odd
 * (write in progress) or changed while it read.
 * S1: write_begin's increment is followed by a release fence, so a reader
 * that sees any new data also sees the odd count afterwards (its acquire
 * fence S2 before re-reading the count). S3 (release store in write_end)
 * pairs with S4 (acquire load in read_begin): a reader that starts after a
 * write sees all of it. Readers must read the data with atomic (relaxed)
 * loads or tolerate torn reads that the retry discards. */
#ifndef _RTE_SEQCOUNT_H_
#define _RTE_SEQCOUNT_H_

#include <stdbool.h>
#include <stdint.h>
#include <rte_atomic.h>
#include <rte_branch_prediction.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	uint32_t sn;
} rte_seqcount_t;

#define RTE_SEQCOUNT_INITIALIZER { 0 }

static inline void rte_seqcount_init(rte_seqcount_t *seqcount)
{
	seqcount->sn = 0;
}

static inline uint32_t rte_seqcount_read_begin(const rte_seqcount_t *seqcount)
{
	return __atomic_load_n(&seqcount->sn, __ATOMIC_ACQUIRE);   /* S4 */
}

static inline bool rte_seqcount_read_retry(const rte_seqcount_t *seqcount, uint32_t begin_sn)
{
	if (unlikely(begin_sn & 1))
		return true;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);                       /* S2 */
	return __atomic_load_n(&seqcount->sn, __ATOMIC_RELAXED) != begin_sn;
}

static inline void rte_seqcount_write_begin(rte_seqcount_t *seqcount)
{
	uint32_t sn = seqcount->sn + 1;
	__atomic_store_n(&seqcount->sn, sn, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);                       /* S1 */
}

static inline void rte_seqcount_write_end(rte_seqcount_t *seqcount)
{
	uint32_t sn = seqcount->sn + 1;
	__atomic_store_n(&seqcount->sn, sn, __ATOMIC_RELEASE);        /* S3 */
}

#ifdef __cplusplus
}
#endif
#endif
