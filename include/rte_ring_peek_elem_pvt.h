/* SPDX-License-Identifier: BSD-3-Clause
 * Internals of the two-phase (peek) and zero-copy ring APIs: start reserves
 * by moving this side's head (ST or HTS protocol), finish publishes by
 * setting head = tail = tail + n. Between the two the side has exactly one
 * operation in flight (ST by contract, HTS by construction), which is why
 * MT and RTS sides cannot offer these APIs.
 *
 * finish(n) with n smaller than the reservation hands the rest back (head
 * moves back to tail + n); n larger than the reservation is clamped to it
 * (DPDK asserts in debug builds and corrupts the ring otherwise).
 * Ordering: the same P1/P2/C1/C2 pairs as the plain API (rte_ring_elem_pvt.h).
 */
#ifndef _RTE_RING_PEEK_ELEM_PVT_H_
#define _RTE_RING_PEEK_ELEM_PVT_H_

#include <rte_ring_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

static __rte_always_inline unsigned int
__rte_ring_peek_move_head(struct rte_ring *r, int is_prod, uint32_t n,
			  enum rte_ring_queue_behavior behavior, uint32_t *head,
			  unsigned int *avail_out, const char *func)
{
	uint32_t av = 0;
	enum rte_ring_sync_type st = is_prod ? r->prod.sync_type : r->cons.sync_type;

	*head = 0;
	switch (st) {
	case RTE_RING_SYNC_ST:
		n = is_prod ?
			__rte_ring_st_move_prod_head(r, n, behavior, head,
						     avail_out != NULL ? &av : NULL) :
			__rte_ring_st_move_cons_head(r, n, behavior, head,
						     avail_out != NULL ? &av : NULL);
		break;
	case RTE_RING_SYNC_MT_HTS:
		n = is_prod ? __rte_ring_hts_move_prod_head(r, n, behavior, head, &av) :
			      __rte_ring_hts_move_cons_head(r, n, behavior, head, &av);
		break;
	default:
		__rte_ring_bad_sync_mode(r, func);
		n = 0;
		break;
	}
	if (avail_out != NULL)
		*avail_out = av - n;
	return n;
}

/* Current reservation of one side: tail in *tail, n clamped to head - tail.
 * Returns the sync type, or -1 (after logging) when peek is unsupported. */
static __rte_always_inline int
__rte_ring_peek_reserved(struct rte_ring *r, int is_prod, uint32_t *tail, uint32_t *n,
			 const char *func)
{
	struct rte_ring_headtail *ht = is_prod ? &r->prod : &r->cons;
	uint32_t head;

	switch (ht->sync_type) {
	case RTE_RING_SYNC_ST:
		head = __atomic_load_n(&ht->head, __ATOMIC_RELAXED);
		*tail = __atomic_load_n(&ht->tail, __ATOMIC_RELAXED);
		break;
	case RTE_RING_SYNC_MT_HTS: {
		union __rte_ring_hts_pos p;

		p.raw = __atomic_load_n(&((struct rte_ring_hts_headtail *)ht)->ht.raw,
					__ATOMIC_RELAXED);
		head = p.pos.head;
		*tail = p.pos.tail;
		break;
	}
	default:
		__rte_ring_bad_sync_mode(r, func);
		*n = 0;
		return -1;
	}
	if (unlikely(*n > head - *tail))
		*n = head - *tail;
	return (int)ht->sync_type;
}

/* Publish [tail, tail + n) of one side and drop the rest of the reservation. */
static __rte_always_inline void
__rte_ring_peek_publish(struct rte_ring *r, int is_prod, int st, uint32_t pos)
{
	if (st == RTE_RING_SYNC_ST) {
		if (is_prod)
			__rte_ring_st_finish(&r->prod, pos);
		else
			__rte_ring_st_finish(&r->cons, pos);
	} else if (st == RTE_RING_SYNC_MT_HTS) {
		__rte_ring_hts_update_tail(is_prod ? &r->hts_prod : &r->hts_cons, pos);
	}
}

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_PEEK_ELEM_PVT_H_ */
