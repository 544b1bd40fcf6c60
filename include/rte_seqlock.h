/* SPDX-License-Identifier: BSD-3-Clause
 * Sequence lock: a sequence counter (rte_seqcount.h, its ordering pairs)
 * plus a spinlock that serialises writers. */
#ifndef _RTE_SEQLOCK_H_
#define _RTE_SEQLOCK_H_

#include <stdbool.h>
#include <stdint.h>
#include <rte_seqcount.h>
#include <rte_spinlock.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	rte_seqcount_t count;
	rte_spinlock_t lock;
} rte_seqlock_t;

#define RTE_SEQLOCK_INITIALIZER { RTE_SEQCOUNT_INITIALIZER, RTE_SPINLOCK_INITIALIZER }

static inline void rte_seqlock_init(rte_seqlock_t *seqlock)
{
	rte_seqcount_init(&seqlock->count);
	rte_spinlock_init(&seqlock->lock);
}

static inline uint32_t rte_seqlock_read_begin(const rte_seqlock_t *seqlock)
{
	return rte_seqcount_read_begin(&seqlock->count);
}

static inline bool rte_seqlock_read_retry(const rte_seqlock_t *seqlock, uint32_t begin_sn)
{
	return rte_seqcount_read_retry(&seqlock->count, begin_sn);
}

static inline void rte_seqlock_write_lock(rte_seqlock_t *seqlock)
{
	rte_spinlock_lock(&seqlock->lock);
	rte_seqcount_write_begin(&seqlock->count);
}

static inline void rte_seqlock_write_unlock(rte_seqlock_t *seqlock)
{
	rte_seqcount_write_end(&seqlock->count);
	rte_spinlock_unlock(&seqlock->lock);
}

#ifdef __cplusplus
}
#endif
#endif
