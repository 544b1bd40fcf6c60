/* SPDX-License-Identifier: BSD-3-Clause
 * Phase-fair reader/writer lock (Brandenburg & Anderson): readers and
 * writers alternate in phases, so neither side starves. Layout as DPDK's:
 *   rd.in  : reader arrivals (units of RTE_PFLOCK_RINC) | writer bits (low 2)
 *   rd.out : reader departures
 *   wr.in / wr.out : writer ticket lock.
 * A reader adds RINC to rd.in; if a writer is present (PRES) it waits until
 * the writer bits change (the phase ends). A writer takes a ticket, then
 * publishes PRES|phase in rd.in and waits until every reader that arrived
 * before it has left (rd.out reaches its snapshot).
 * P1 (release add on rd.out, reader unlock) pairs with P2 (acquire wait in
 * write_lock); P3 (release and on rd.in, write unlock) pairs with P4 (acquire
 * wait in read_lock); P5 (release add on wr.out) pairs with P6 (acquire wait
 * on wr.out). Works in shared memory. */
#ifndef _RTE_PFLOCK_H_
#define _RTE_PFLOCK_H_

#include <stdint.h>
#include <rte_common.h>
#include <rte_pause.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_pflock {
	struct {
		uint16_t in;
		uint16_t out;
	} rd, wr;
};
typedef struct rte_pflock rte_pflock_t;

#define RTE_PFLOCK_WBITS 0x3
#define RTE_PFLOCK_PRES  0x2
#define RTE_PFLOCK_PHID  0x1
#define RTE_PFLOCK_LSB   0xFFF0
#define RTE_PFLOCK_RINC  0x10

#define RTE_PFLOCK_INITIALIZER { { 0, 0 }, { 0, 0 } }

static inline void rte_pflock_init(struct rte_pflock *pf)
{
	pf->rd.in = 0;
	pf->rd.out = 0;
	pf->wr.in = 0;
	pf->wr.out = 0;
}

static inline void rte_pflock_read_lock(rte_pflock_t *pf)
{
	uint16_t w = __atomic_fetch_add(&pf->rd.in, RTE_PFLOCK_RINC, __ATOMIC_ACQUIRE) & RTE_PFLOCK_WBITS;
	if (w == 0)
		return;
	unsigned int spins = 0;
	/* a writer is present: wait for its phase to end */
	while ((__atomic_load_n(&pf->rd.in, __ATOMIC_ACQUIRE) & RTE_PFLOCK_WBITS) == w)   /* P4 */
		__rte_wait_backoff(&spins);
}

static inline void rte_pflock_read_unlock(rte_pflock_t *pf)
{
	__atomic_fetch_add(&pf->rd.out, RTE_PFLOCK_RINC, __ATOMIC_RELEASE);   /* P1 */
}

static inline void rte_pflock_write_lock(rte_pflock_t *pf)
{
	unsigned int spins = 0;
	uint16_t ticket = __atomic_fetch_add(&pf->wr.in, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&pf->wr.out, __ATOMIC_ACQUIRE) != ticket)     /* P6 */
		__rte_wait_backoff(&spins);
	uint16_t w = (uint16_t)(RTE_PFLOCK_PRES | (ticket & RTE_PFLOCK_PHID));
	uint16_t readers = __atomic_fetch_add(&pf->rd.in, w, __ATOMIC_RELAXED);
	spins = 0;
	while (__atomic_load_n(&pf->rd.out, __ATOMIC_ACQUIRE) != readers)    /* P2 */
		__rte_wait_backoff(&spins);
}

static inline void rte_pflock_write_unlock(rte_pflock_t *pf)
{
	__atomic_fetch_and(&pf->rd.in, (uint16_t)RTE_PFLOCK_LSB, __ATOMIC_RELEASE);   /* P3 */
	__atomic_fetch_add(&pf->wr.out, 1, __ATOMIC_RELEASE);                       /* P5 */
}

#ifdef __cplusplus
}
#endif
#endif
