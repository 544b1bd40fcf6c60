/* SPDX-License-Identifier: BSD-3-Clause
 * Two-phase ("peek") enqueue/dequeue for rings whose side is SP/SC or HTS:
 *
 *   n = rte_ring_enqueue_bulk_start(r, want, &free);   reserve slots
 *   ... build the objects ...
 *   rte_ring_enqueue_finish(r, objs, m);              copy m <= n in, publish
 *
 *   n = rte_ring_dequeue_bulk_start(r, objs, want, &avail);  copy out, hold
 *   ... inspect objs ...
 *   rte_ring_dequeue_finish(r, m);                    release m <= n
 *
 * Between start and finish no other operation of that side may begin (HTS
 * makes other threads wait; ST callers must not call). finish with fewer
 * objects than reserved gives the rest back: for a dequeue they stay in the
 * ring and are seen again. bulk/burst/_elem/free_space/available mean what
 * they mean in rte_ring_elem.h. On an MT or RTS side these return 0 and log.
 */
#ifndef _RTE_RING_PEEK_H_
#define _RTE_RING_PEEK_H_

#include <rte_ring_peek_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	uint32_t head;

	return __rte_ring_peek_move_head(r, 1, n, RTE_RING_QUEUE_FIXED, &head, free_space,
					 __func__);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem_start(r, n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	uint32_t head;

	return __rte_ring_peek_move_head(r, 1, n, RTE_RING_QUEUE_VARIABLE, &head, free_space,
					 __func__);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_burst_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem_start(r, n, free_space);
}

static __rte_always_inline void
rte_ring_enqueue_elem_finish(struct rte_ring *r, const void *obj_table, unsigned int esize,
			     unsigned int n)
{
	uint32_t tail, m = n;
	int st = __rte_ring_peek_reserved(r, 1, &tail, &m, __func__);

	if (st < 0)
		return;
	if (m != 0)
		__rte_ring_enqueue_elems(r, tail, obj_table, esize, m);
	__rte_ring_peek_publish(r, 1, st, tail + m);
}

static __rte_always_inline void
rte_ring_enqueue_finish(struct rte_ring *r, void * const *obj_table, unsigned int n)
{
	rte_ring_enqueue_elem_finish(r, obj_table, sizeof(uintptr_t), n);
}

static __rte_always_inline unsigned int
__rte_ring_do_dequeue_start(struct rte_ring *r, void *obj_table, unsigned int esize,
			    unsigned int n, enum rte_ring_queue_behavior behavior,
			    unsigned int *available, const char *func)
{
	uint32_t head;

	n = __rte_ring_peek_move_head(r, 0, n, behavior, &head, available, func);
	if (n != 0)
		__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
	return n;
}

static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem_start(struct rte_ring *r, void *obj_table, unsigned int esize,
				 unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_start(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					   available, __func__);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_start(struct rte_ring *r, void **obj_table, unsigned int n,
			    unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem_start(r, obj_table, sizeof(uintptr_t), n, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem_start(struct rte_ring *r, void *obj_table, unsigned int esize,
				  unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_start(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					   available, __func__);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_burst_start(struct rte_ring *r, void **obj_table, unsigned int n,
			     unsigned int *available)
{
	return rte_ring_dequeue_burst_elem_start(r, obj_table, sizeof(uintptr_t), n, available);
}

static __rte_always_inline void
rte_ring_dequeue_elem_finish(struct rte_ring *r, unsigned int n)
{
	uint32_t tail, m = n;
	int st = __rte_ring_peek_reserved(r, 0, &tail, &m, __func__);

	if (st >= 0)
		__rte_ring_peek_publish(r, 0, st, tail + m);
}

static __rte_always_inline void
rte_ring_dequeue_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_PEEK_H_ */
