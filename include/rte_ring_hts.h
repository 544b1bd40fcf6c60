/* SPDX-License-Identifier: BSD-3-Clause
 * HTS (head/tail sync) mode: multi-producer/consumer where a side runs one
 * operation at a time (a thread reserves only when head == tail). Slower
 * than MT under contention, but a preempted thread can never leave others
 * spinning behind a half-finished reservation for longer than its own
 * operation, and it is the multi-thread mode that supports the peek and
 * zero-copy APIs (rte_ring_peek.h, rte_ring_peek_zc.h).
 *
 * The functions follow the family of rte_ring_elem.h with "hts" inserted;
 * the plain rte_ring_enqueue*() forms use HTS automatically on a ring made
 * with RING_F_MP_HTS_ENQ / RING_F_MC_HTS_DEQ.
 */
#ifndef _RTE_RING_HTS_H_
#define _RTE_RING_HTS_H_

#include <rte_ring_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
				  unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_MT_HTS, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_bulk_elem(struct rte_ring *r, void *obj_table,
				  unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_MT_HTS, available);
}

static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
				   unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_MT_HTS, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_burst_elem(struct rte_ring *r, void *obj_table,
				   unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_MT_HTS, available);
}

static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
			     unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_bulk(struct rte_ring *r, void **obj_table,
			     unsigned int n, unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_burst(struct rte_ring *r, void * const *obj_table,
			      unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_burst_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_burst(struct rte_ring *r, void **obj_table,
			      unsigned int n, unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_burst_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_HTS_H_ */
