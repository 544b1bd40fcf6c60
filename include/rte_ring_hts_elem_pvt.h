/* SPDX-License-Identifier: BSD-3-Clause
 * HTS (head/tail sync) internals. Head and tail of a side live in one
 * 64-bit word; a thread may reserve only when head == tail (no operation of
 * this side in flight), so at most one enqueue (dequeue) runs at a time and
 * it completes by storing head = tail = end. That serialisation is what
 * makes the peek and zero-copy APIs possible on a multi-thread side.
 *
 * Ordering: the reservation load-acquire of {head,tail} pairs with the
 * previous thread's release store of it (W1 + H1 in one), the other side's
 * tail is read with load-acquire (P2/C2) and the completion store is a
 * release (P1/C1) of the same 64-bit word the other side reads.
 */
#ifndef _RTE_RING_HTS_ELEM_PVT_H_
#define _RTE_RING_HTS_ELEM_PVT_H_

#include <rte_ring_core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Complete: head = tail = pos (also used by the peek API's finish). */
static __rte_always_inline void
__rte_ring_hts_update_tail(struct rte_ring_hts_headtail *ht, uint32_t pos)
{
	union __rte_ring_hts_pos p;

	p.pos.head = pos;
	p.pos.tail = pos;
	__atomic_store_n(&ht->ht.raw, p.raw, __ATOMIC_RELEASE);
}

static __rte_always_inline uint32_t
__rte_ring_hts_move_head(struct rte_ring_hts_headtail *own, const struct rte_ring_headtail *other,
			 uint32_t cap, uint32_t num, enum rte_ring_queue_behavior behavior,
			 uint32_t *old_head, uint32_t *avail)
{
	union __rte_ring_hts_pos op, np;
	uint32_t n, av;

	unsigned int spins = 0;
	op.raw = __atomic_load_n(&own->ht.raw, __ATOMIC_ACQUIRE);
	do {
		while (unlikely(op.pos.head != op.pos.tail)) {
			__rte_wait_backoff(&spins);
			op.raw = __atomic_load_n(&own->ht.raw, __ATOMIC_ACQUIRE);
		}
		av = cap + __rte_ring_tail_acquire(other) - op.pos.head;	/* P2 / C2 */
		n = __rte_ring_clamp(num, av, behavior);
		if (n == 0)
			break;
		np.pos.tail = op.pos.tail;
		np.pos.head = op.pos.head + n;
	} while (unlikely(!__atomic_compare_exchange_n(&own->ht.raw, &op.raw, np.raw, 0,
						       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)));
	*old_head = op.pos.head;
	*avail = av;
	return n;
}

static __rte_always_inline uint32_t
__rte_ring_hts_move_prod_head(struct rte_ring *r, uint32_t num,
			      enum rte_ring_queue_behavior behavior,
			      uint32_t *old_head, uint32_t *free_entries)
{
	return __rte_ring_hts_move_head(&r->hts_prod, &r->cons, r->capacity, num, behavior,
					old_head, free_entries);
}

static __rte_always_inline uint32_t
__rte_ring_hts_move_cons_head(struct rte_ring *r, uint32_t num,
			      enum rte_ring_queue_behavior behavior,
			      uint32_t *old_head, uint32_t *entries)
{
	return __rte_ring_hts_move_head(&r->hts_cons, &r->prod, 0, num, behavior,
					old_head, entries);
}

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_HTS_ELEM_PVT_H_ */
