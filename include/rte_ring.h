/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring: a fixed-size, lock-free FIFO of pointers (or, via
 * rte_ring_elem.h, of fixed-size elements) shared between threads and
 * processes. Enqueue/dequeue fast paths are inline; creation, lookup and
 * dumps live in lib/ring/ring.c. See rte_ring_elem.h for the meaning of the
 * _mp/_sp/_mc/_sc/_bulk/_burst family, rte_ring_rts.h / rte_ring_hts.h for
 * the preemption-tolerant modes and docs/ring.md for the algorithm.
 */
#ifndef _RTE_RING_H_
#define _RTE_RING_H_

#include <rte_ring_core.h>
#include <rte_ring_elem.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes for a pointer ring of count slots; -EINVAL for a bad count. */
ssize_t rte_ring_get_memsize(unsigned int count);

/** Initialise a pointer ring in caller memory (rte_ring_get_memsize bytes,
 * cache-line aligned). 0, or -EINVAL (bad count/flags), -ENAMETOOLONG.
 * The ring is not findable by rte_ring_lookup() (r->memzone is NULL). */
int rte_ring_init(struct rte_ring *r, const char *name, unsigned int count,
		  unsigned int flags);

/** Create a pointer ring in a memzone "RG_<name>". flags: RING_F_*; one of
 * SP/MP_RTS/MP_HTS for the producer, one of SC/MC_RTS/MC_HTS for the
 * consumer (none = MT). Capacity is count - 1, or count with
 * RING_F_EXACT_SZ. NULL + rte_errno on error (see rte_ring_create_elem). */
struct rte_ring *rte_ring_create(const char *name, unsigned int count,
				 int socket_id, unsigned int flags);

/** Free a ring made by rte_ring_create*(); NULL is a no-op, a ring from
 * rte_ring_init() is refused with a log line. */
void rte_ring_free(struct rte_ring *r);

/** Print a ring's state. */
void rte_ring_dump(FILE *f, const struct rte_ring *r);

/** Empty the ring. Not thread-safe: no enqueue/dequeue may run meanwhile. */
void rte_ring_reset(struct rte_ring *r);

/** Dump every ring of this process group. */
void rte_ring_list_dump(FILE *f);

/** Find a ring by name, in this or another process; NULL + ENOENT. */
struct rte_ring *rte_ring_lookup(const char *name);

/* ---- pointer enqueue/dequeue (see rte_ring_elem.h for the family) ------- */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk(struct rte_ring *r, void * const *obj_table, unsigned int n,
			 unsigned int *free_space)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk(struct rte_ring *r, void * const *obj_table, unsigned int n,
			 unsigned int *free_space)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_bulk(struct rte_ring *r, void * const *obj_table, unsigned int n,
		      unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline int
rte_ring_mp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_mp_enqueue_elem(r, &obj, sizeof(void *));
}

static __rte_always_inline int
rte_ring_sp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_sp_enqueue_elem(r, &obj, sizeof(void *));
}

static __rte_always_inline int
rte_ring_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_enqueue_elem(r, &obj, sizeof(void *));
}

static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			 unsigned int *available)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			 unsigned int *available)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
		      unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline int
rte_ring_mc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_mc_dequeue_elem(r, obj_p, sizeof(void *));
}

static __rte_always_inline int
rte_ring_sc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_sc_dequeue_elem(r, obj_p, sizeof(void *));
}

static __rte_always_inline int
rte_ring_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_dequeue_elem(r, obj_p, sizeof(void *));
}

static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst(struct rte_ring *r, void * const *obj_table, unsigned int n,
			  unsigned int *free_space)
{
	return rte_ring_mp_enqueue_burst_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst(struct rte_ring *r, void * const *obj_table, unsigned int n,
			  unsigned int *free_space)
{
	return rte_ring_sp_enqueue_burst_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_enqueue_burst(struct rte_ring *r, void * const *obj_table, unsigned int n,
		       unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem(r, obj_table, sizeof(void *), n, free_space);
}

static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			  unsigned int *available)
{
	return rte_ring_mc_dequeue_burst_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			  unsigned int *available)
{
	return rte_ring_sc_dequeue_burst_elem(r, obj_table, sizeof(void *), n, available);
}

static __rte_always_inline unsigned int
rte_ring_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
		       unsigned int *available)
{
	return rte_ring_dequeue_burst_elem(r, obj_table, sizeof(void *), n, available);
}

/* ---- queries (snapshots: exact only while nobody else uses the ring) ---- */
/** Objects in the ring (completed enqueues minus completed dequeues). */
static inline unsigned int
rte_ring_count(const struct rte_ring *r)
{
	uint32_t c = (__rte_ring_tail_relaxed(&r->prod) -
		      __rte_ring_tail_relaxed(&r->cons)) & r->mask;

	return c > r->capacity ? r->capacity : c;
}

/** Free slots. */
static inline unsigned int
rte_ring_free_count(const struct rte_ring *r)
{
	return r->capacity - rte_ring_count(r);
}

/** 1 when no slot is free. */
static inline int
rte_ring_full(const struct rte_ring *r)
{
	return rte_ring_free_count(r) == 0;
}

/** 1 when no object is in the ring. */
static inline int
rte_ring_empty(const struct rte_ring *r)
{
	return __rte_ring_tail_relaxed(&r->prod) == __rte_ring_tail_relaxed(&r->cons);
}

/** Number of slots (a power of 2). */
static inline unsigned int
rte_ring_get_size(const struct rte_ring *r)
{
	return r->size;
}

/** Usable slots: size - 1, or the requested count with RING_F_EXACT_SZ. */
static inline unsigned int
rte_ring_get_capacity(const struct rte_ring *r)
{
	return r->capacity;
}

static inline enum rte_ring_sync_type
rte_ring_get_prod_sync_type(const struct rte_ring *r)
{
	return r->prod.sync_type;
}

static inline int
rte_ring_is_prod_single(const struct rte_ring *r)
{
	return rte_ring_get_prod_sync_type(r) == RTE_RING_SYNC_ST;
}

static inline enum rte_ring_sync_type
rte_ring_get_cons_sync_type(const struct rte_ring *r)
{
	return r->cons.sync_type;
}

static inline int
rte_ring_is_cons_single(const struct rte_ring *r)
{
	return rte_ring_get_cons_sync_type(r) == RTE_RING_SYNC_ST;
}

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_H_ */
