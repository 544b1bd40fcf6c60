/* SPDX-License-Identifier: BSD-3-Clause
 * RTS (relaxed tail sync) mode: multi-producer/consumer where threads do not
 * wait for each other to retire in order. Prefer it (or HTS) over plain MT
 * when producer/consumer threads can be preempted (overcommitted cores, non-
 * EAL threads): a preempted MT thread stalls every later thread of its side
 * in the tail wait; a preempted RTS thread only stops the tail from moving,
 * and others keep reserving until head is htd_max ahead of tail.
 *
 * The functions follow the family of rte_ring_elem.h with "rts" inserted;
 * the plain rte_ring_enqueue*() forms use RTS automatically on a ring made
 * with RING_F_MP_RTS_ENQ / RING_F_MC_RTS_DEQ.
 */
#ifndef _RTE_RING_RTS_H_
#define _RTE_RING_RTS_H_

#include <rte_ring_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
				  unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_MT_RTS, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk_elem(struct rte_ring *r, void *obj_table,
				  unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_MT_RTS, available);
}

static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
				   unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_MT_RTS, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst_elem(struct rte_ring *r, void *obj_table,
				   unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_MT_RTS, available);
}

static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
			     unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk(struct rte_ring *r, void **obj_table,
			     unsigned int n, unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst(struct rte_ring *r, void * const *obj_table,
			      unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_burst_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst(struct rte_ring *r, void **obj_table,
			      unsigned int n, unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_burst_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

/** Producer head-tail distance limit; UINT32_MAX when the producer is not RTS. */
static inline uint32_t
rte_ring_get_prod_htd_max(const struct rte_ring *r)
{
	if (r->prod.sync_type == RTE_RING_SYNC_MT_RTS)
		return r->rts_prod.htd_max;
	return UINT32_MAX;
}

/** Set the producer head-tail distance limit: 0, or -ENOTSUP when not RTS. */
static inline int
rte_ring_set_prod_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->prod.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	r->rts_prod.htd_max = v;
	return 0;
}

/** Consumer head-tail distance limit; UINT32_MAX when the consumer is not RTS. */
static inline uint32_t
rte_ring_get_cons_htd_max(const struct rte_ring *r)
{
	if (r->cons.sync_type == RTE_RING_SYNC_MT_RTS)
		return r->rts_cons.htd_max;
	return UINT32_MAX;
}

/** Set the consumer head-tail distance limit: 0, or -ENOTSUP when not RTS. */
static inline int
rte_ring_set_cons_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->cons.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	r->rts_cons.htd_max = v;
	return 0;
}

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_RTS_H_ */
