/* SPDX-License-Identifier: BSD-3-Clause
 * Rings of fixed-size elements (esize bytes, a multiple of 4); the pointer
 * API in rte_ring.h is this API with esize = sizeof(void *).
 *
 * The enqueue/dequeue family (documented once, here):
 *
 *   rte_ring_{mp,sp,}_enqueue{,_bulk,_burst}[_elem]
 *   rte_ring_{mc,sc,}_dequeue{,_bulk,_burst}[_elem]
 *
 *   mp / mc   multi-producer / multi-consumer safe (RTE_RING_SYNC_MT),
 *             whatever the ring's flags.
 *   sp / sc   single producer / consumer: the caller guarantees no other
 *             thread uses that side at the same time.
 *   (none)    use the side's mode chosen at creation (prod/cons.sync_type:
 *             MT, ST, RTS or HTS).
 *   _bulk     move exactly n objects or none; returns n or 0.
 *   _burst    move as many as possible, up to n; returns how many.
 *   (single)  one object; returns 0, or -ENOBUFS (ring full) / -ENOENT
 *             (ring empty).
 *   _elem     objects are esize bytes each (esize must be the ring's esize).
 *   free_space (enqueue) / available (dequeue), when not NULL, receive the
 *             free slots / remaining objects after the operation.
 *
 * Each side's mode is independent: an MP/SC ring or an RTS/HTS pair is fine.
 * Calling the mp/sp/mc/sc forms on a side created in RTS or HTS mode is not
 * supported (as in DPDK); the plain forms always do the right thing.
 */
#ifndef _RTE_RING_ELEM_H_
#define _RTE_RING_ELEM_H_

#include <rte_ring_core.h>
#include <rte_ring_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes needed for a ring of count elements of esize bytes (header
 * included); -EINVAL when esize is not a multiple of 4 or count is not a
 * power of 2 / exceeds RTE_RING_SZ_MASK. */
ssize_t rte_ring_get_memsize_elem(unsigned int esize, unsigned int count);

/** rte_ring_create() for esize-byte elements. NULL + rte_errno: EINVAL (bad
 * esize, count or flags), ENAMETOOLONG, EEXIST (name taken), ENOMEM,
 * ENOSPC, E_RTE_NO_CONFIG. */
struct rte_ring *rte_ring_create_elem(const char *name, unsigned int esize,
				      unsigned int count, int socket_id, unsigned int flags);

/* ---- enqueue ------------------------------------------------------------ */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_MT, free_space);
}

static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_ST, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			   unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  r->prod.sync_type, free_space);
}

static __rte_always_inline int
rte_ring_mp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

static __rte_always_inline int
rte_ring_sp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

static __rte_always_inline int
rte_ring_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_MT, free_space);
}

static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_ST, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			    unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  r->prod.sync_type, free_space);
}

/* ---- dequeue ------------------------------------------------------------ */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_MT, available);
}

static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_ST, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			   unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  r->cons.sync_type, available);
}

static __rte_always_inline int
rte_ring_mc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

static __rte_always_inline int
rte_ring_sc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

static __rte_always_inline int
rte_ring_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_MT, available);
}

static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_ST, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			    unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  r->cons.sync_type, available);
}

#ifdef __cplusplus
}
#endif

#include <rte_ring_hts.h>
#include <rte_ring_rts.h>
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>
#include <rte_ring.h>

#endif /* _RTE_RING_ELEM_H_ */
