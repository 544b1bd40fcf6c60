/* SPDX-License-Identifier: BSD-3-Clause
 * RTS (relaxed tail sync) internals. Head and tail are each a 64-bit
 * {cnt, pos} word. A thread reserves by CAS-ing head to {cnt+1, pos+n};
 * on completion it CASes tail to {cnt+1, ...} and, if it was the last
 * outstanding operation (tail.cnt+1 == head.cnt), also moves tail.pos up to
 * head.pos. So threads never wait for each other in order (unlike MT), and a
 * preempted thread delays the tail but blocks nobody's reservation until
 * head runs more than htd_max ahead of tail.
 *
 * Ordering: H1 on the head CAS (as MT); every tail update is a release RMW,
 * so the tail word's modification order is one release sequence and the
 * other side's load-acquire of it (P2/C2) sees every finished thread's slot
 * accesses (P1/C1), including those of threads that did not move tail.pos.
 */
#ifndef _RTE_RING_RTS_ELEM_PVT_H_
#define _RTE_RING_RTS_ELEM_PVT_H_

#include <rte_ring_core.h>

#ifdef __cplusplus
extern "C" {
#endif

static __rte_always_inline void
__rte_ring_rts_update_tail(struct rte_ring_rts_headtail *ht)
{
	union __rte_ring_rts_poscnt h, ot, nt;

	ot.raw = __atomic_load_n(&ht->tail.raw, __ATOMIC_ACQUIRE);
	do {
		h.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_RELAXED);
		nt.raw = ot.raw;
		if (++nt.val.cnt == h.val.cnt)
			nt.val.pos = h.val.pos;
	} while (unlikely(!__atomic_compare_exchange_n(&ht->tail.raw, &ot.raw, nt.raw, 0,
						       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)));
}

/* Spin while head is more than htd_max ahead of tail; returns fresh head. */
static __rte_always_inline union __rte_ring_rts_poscnt
__rte_ring_rts_head_wait(const struct rte_ring_rts_headtail *ht, union __rte_ring_rts_poscnt h)
{
	const uint32_t max = ht->htd_max;
	unsigned int spins = 0;

	for (;;) {
		union __rte_ring_rts_poscnt t;

		t.raw = __atomic_load_n(&ht->tail.raw, __ATOMIC_RELAXED);
		if (likely(h.val.pos - t.val.pos <= max))
			return h;
		__rte_wait_backoff(&spins);
		h.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_ACQUIRE);
	}
}

static __rte_always_inline uint32_t
__rte_ring_rts_move_head(struct rte_ring_rts_headtail *own, const struct rte_ring_headtail *other,
			 uint32_t cap, uint32_t num, enum rte_ring_queue_behavior behavior,
			 uint32_t *old_head, uint32_t *avail)
{
	union __rte_ring_rts_poscnt oh, nh;
	uint32_t n, av;

	oh.raw = __atomic_load_n(&own->head.raw, __ATOMIC_ACQUIRE);	/* H1 */
	do {
		oh = __rte_ring_rts_head_wait(own, oh);
		av = cap + __rte_ring_tail_acquire(other) - oh.val.pos;	/* P2 / C2 */
		n = __rte_ring_clamp(num, av, behavior);
		if (n == 0)
			break;
		nh.val.pos = oh.val.pos + n;
		nh.val.cnt = oh.val.cnt + 1;
	} while (unlikely(!__atomic_compare_exchange_n(&own->head.raw, &oh.raw, nh.raw, 0,
						       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)));
	*old_head = oh.val.pos;
	*avail = av;
	return n;
}

static __rte_always_inline uint32_t
__rte_ring_rts_move_prod_head(struct rte_ring *r, uint32_t num,
			      enum rte_ring_queue_behavior behavior,
			      uint32_t *old_head, uint32_t *free_entries)
{
	return __rte_ring_rts_move_head(&r->rts_prod, &r->cons, r->capacity, num, behavior,
					old_head, free_entries);
}

static __rte_always_inline uint32_t
__rte_ring_rts_move_cons_head(struct rte_ring *r, uint32_t num,
			      enum rte_ring_queue_behavior behavior,
			      uint32_t *old_head, uint32_t *entries)
{
	return __rte_ring_rts_move_head(&r->rts_cons, &r->prod, 0, num, behavior,
					old_head, entries);
}

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_RTS_ELEM_PVT_H_ */
