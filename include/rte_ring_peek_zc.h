/* SPDX-License-Identifier: BSD-3-Clause
 * Zero-copy two-phase API for rings whose side is SP/SC or HTS: start
 * reserves n slots and returns where they are, the caller reads or writes
 * the slots in place, finish(m <= n) publishes m of them. Because a
 * reservation may wrap past the end of the slot array it is described by
 * two pieces: n1 elements at ptr1, then (only when n1 < n) the rest at ptr2
 * (otherwise ptr2 is NULL). Same rules as rte_ring_peek.h otherwise; the
 * family naming is that of rte_ring_elem.h.
 */
#ifndef _RTE_RING_PEEK_ZC_H_
#define _RTE_RING_PEEK_ZC_H_

#include <rte_ring_peek_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Where a zero-copy reservation lives in the ring. */
struct rte_ring_zc_data {
	void *ptr1;		/**< first reserved slot */
	void *ptr2;		/**< slot 0 when the reservation wraps, else NULL */
	unsigned int n1;	/**< elements at ptr1 */
} __rte_cache_aligned;

static __rte_always_inline void
__rte_ring_zc_fill(struct rte_ring *r, uint32_t head, uint32_t esize, uint32_t n,
		   struct rte_ring_zc_data *zcd)
{
	uint8_t *ring = (uint8_t *)__rte_ring_slots(r);
	uint32_t idx = head & r->mask;

	zcd->ptr1 = ring + (size_t)idx * esize;
	if (idx + n > r->size) {
		zcd->n1 = r->size - idx;
		zcd->ptr2 = ring;
	} else {
		zcd->n1 = n;
		zcd->ptr2 = NULL;
	}
}

static __rte_always_inline unsigned int
__rte_ring_do_zc_start(struct rte_ring *r, int is_prod, unsigned int esize, unsigned int n,
		       enum rte_ring_queue_behavior behavior, struct rte_ring_zc_data *zcd,
		       unsigned int *avail, const char *func)
{
	uint32_t head;

	n = __rte_ring_peek_move_head(r, is_prod, n, behavior, &head, avail, func);
	if (n != 0)
		__rte_ring_zc_fill(r, head, esize, n, zcd);
	return n;
}

static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				    struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return __rte_ring_do_zc_start(r, 1, esize, n, RTE_RING_QUEUE_FIXED, zcd, free_space,
				      __func__);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_start(struct rte_ring *r, unsigned int n,
			       struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return rte_ring_enqueue_zc_bulk_elem_start(r, sizeof(uintptr_t), n, zcd, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				     struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return __rte_ring_do_zc_start(r, 1, esize, n, RTE_RING_QUEUE_VARIABLE, zcd, free_space,
				      __func__);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_start(struct rte_ring *r, unsigned int n,
				struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return rte_ring_enqueue_zc_burst_elem_start(r, sizeof(uintptr_t), n, zcd, free_space);
}

static __rte_always_inline void
rte_ring_enqueue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	uint32_t tail, m = n;
	int st = __rte_ring_peek_reserved(r, 1, &tail, &m, __func__);

	if (st >= 0)
		__rte_ring_peek_publish(r, 1, st, tail + m);
}

static __rte_always_inline void
rte_ring_enqueue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_enqueue_zc_elem_finish(r, n);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				    struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return __rte_ring_do_zc_start(r, 0, esize, n, RTE_RING_QUEUE_FIXED, zcd, available,
				      __func__);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_start(struct rte_ring *r, unsigned int n,
			       struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return rte_ring_dequeue_zc_bulk_elem_start(r, sizeof(uintptr_t), n, zcd, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				     struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return __rte_ring_do_zc_start(r, 0, esize, n, RTE_RING_QUEUE_VARIABLE, zcd, available,
				      __func__);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_start(struct rte_ring *r, unsigned int n,
				struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return rte_ring_dequeue_zc_burst_elem_start(r, sizeof(uintptr_t), n, zcd, available);
}

static __rte_always_inline void
rte_ring_dequeue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	uint32_t tail, m = n;
	int st = __rte_ring_peek_reserved(r, 0, &tail, &m, __func__);

	if (st >= 0)
		__rte_ring_peek_publish(r, 0, st, tail + m);
}

static __rte_always_inline void
rte_ring_dequeue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_zc_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_PEEK_ZC_H_ */
