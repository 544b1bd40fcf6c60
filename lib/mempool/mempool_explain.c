/* SPDX-License-Identifier: BSD-3-Clause
 * rte_dplite_explain() and rte_dplite_limits() (rte_dplite_explain.h, a
 * dplite extension): the memory layers come from lib/eal/mem/explain.c
 * (eal_explain.h); this file adds what sits on top of memory:
 *
 *   - the mempool whose memory chunk (or pool header zone) holds the
 *     address, the object (index in rte_mempool_obj_iter order) and where
 *     that object is: in an lcore's cache, in the backend (ring or stack,
 *     searched slot by slot), or taken by a user;
 *   - the mbuf, when the pool is a pktmbuf pool (its private area is an
 *     rte_pktmbuf_pool_private and the object's mbuf points back at the
 *     pool): the fields are read from struct rte_mbuf's layout, no call
 *     into lib/mbuf (which sits above this library);
 *   - the limits of mempools and rings (cache size, ring size).
 *
 * Everything is read while the pools run: an object moving between a cache,
 * the backend and a user during the search may be reported in either
 * place, or as in use when it was seen in neither (each step is a snapshot).
 * Pools are read inside rte_memzone_walk, whose lock keeps rte_mempool_free
 * (it frees the pool's zone) waiting, as telemetry does. Nothing is written.
 *
 * May call: mempool.c (lookup), mempool_ops.c, ring/stack headers (layouts),
 * lib/eal/mem/explain.c, EAL public APIs. */
#include <errno.h>
#include <string.h>
#include <stdio.h>
#include <rte_dplite_explain.h>
#include <rte_errno.h>
#include <rte_mempool.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_stack.h>
#include "eal_explain.h"
#include "mempool_private.h"

const char *rte_dplite_obj_state_name(enum rte_dplite_obj_state s)
{
	switch (s) {
	case RTE_DPLITE_OBJ_IN_USE: return "in use";
	case RTE_DPLITE_OBJ_IN_CACHE: return "in a cache";
	case RTE_DPLITE_OBJ_IN_POOL: return "in the pool";
	case RTE_DPLITE_OBJ_FREE_UNKNOWN: return "not in a cache (backend not searchable)";
	default: return "not an object";
	}
}

const char *rte_dplite_backing_name(enum rte_dplite_backing b)
{
	switch (b) {
	case RTE_DPLITE_BACKING_HUGETLB: return "hugetlb memfd";
	case RTE_DPLITE_BACKING_MEMFD: return "4 KiB memfd";
	case RTE_DPLITE_BACKING_EXTERNAL: return "external";
	default: return "none";
	}
}

/* Tail position of one side of a ring, whatever its sync mode (relaxed:
 * a snapshot). */
static uint32_t side_tail(const struct rte_ring_headtail *ht)
{
	if (ht->sync_type == RTE_RING_SYNC_MT_RTS) {
		const struct rte_ring_rts_headtail *r = (const struct rte_ring_rts_headtail *)ht;
		union __rte_ring_rts_poscnt t;
		t.raw = __atomic_load_n(&r->tail.raw, __ATOMIC_RELAXED);
		return t.val.pos;
	}
	if (ht->sync_type == RTE_RING_SYNC_MT_HTS) {
		const struct rte_ring_hts_headtail *h = (const struct rte_ring_hts_headtail *)ht;
		union __rte_ring_hts_pos p;
		p.raw = __atomic_load_n(&h->ht.raw, __ATOMIC_RELAXED);
		return p.pos.tail;
	}
	return __atomic_load_n(&ht->tail, __ATOMIC_RELAXED);
}

/* 1: obj is among the ring's stored pointers, 0: not, -1: cannot tell. */
static int ring_holds(const struct rte_ring *r, const void *obj)
{
	if (r == NULL)
		return -1;
	uint32_t cons = side_tail(&r->cons), prod = side_tail(&r->prod);
	uint32_t n = prod - cons;
	if (n > r->capacity)
		return -1;
	void *const *slots = (void *const *)(const void *)&r[1];
	for (uint32_t i = 0; i < n; i++)
		if (__atomic_load_n(&slots[(cons + i) & r->mask], __ATOMIC_RELAXED) == obj)
			return 1;
	return 0;
}

static int stack_holds(const struct rte_stack *s, const void *obj)
{
	if (s == NULL)
		return -1;
	if (s->flags & RTE_STACK_F_LF)
		return -1;              /* a lock-free list: not walkable safely */
	uint32_t n = __atomic_load_n(&s->stack_std.len, __ATOMIC_RELAXED);
	if (n > s->capacity)
		return -1;
	for (uint32_t i = 0; i < n; i++)
		if (__atomic_load_n(&s->stack_std.objs[i], __ATOMIC_RELAXED) == obj)
			return 1;
	return 0;
}

static void obj_state(struct rte_mempool *mp, void *obj, struct rte_dplite_explain *e)
{
	if (mp->cache_size != 0 && mp->local_cache != NULL)
		for (int l = 0; l < RTE_MAX_LCORE; l++) {
			const struct rte_mempool_cache *c = &mp->local_cache[l];
			uint32_t len = __atomic_load_n(&c->len, __ATOMIC_RELAXED);
			if (len > RTE_DIM(c->objs))
				continue;
			for (uint32_t i = 0; i < len; i++)
				if (__atomic_load_n(&c->objs[i], __ATOMIC_RELAXED) == obj) {
					e->mempool.state = RTE_DPLITE_OBJ_IN_CACHE;
					e->mempool.cache_lcore = l;
					return;
				}
		}
	const char *ops = e->mempool.ops_name;
	int held = -1;
	if ((mp->flags & RTE_MEMPOOL_F_POOL_CREATED) == 0)
		held = 0;
	else if (strncmp(ops, "ring_", 5) == 0)
		held = ring_holds((const struct rte_ring *)mp->pool_data, obj);
	else if (strcmp(ops, "stack") == 0)
		held = stack_holds((const struct rte_stack *)mp->pool_data, obj);
	e->mempool.state = held > 0 ? RTE_DPLITE_OBJ_IN_POOL :
			   held == 0 ? RTE_DPLITE_OBJ_IN_USE : RTE_DPLITE_OBJ_FREE_UNKNOWN;
}

static void explain_mbuf(struct rte_mempool *mp, void *obj, struct rte_dplite_explain *e)
{
	const struct rte_mbuf *m = obj;
	if (mp->private_data_size < sizeof(struct rte_pktmbuf_pool_private) ||
	    mp->elt_size < sizeof(struct rte_mbuf) || m->pool != mp)
		return;
	e->layers |= RTE_DPLITE_EXPLAIN_MBUF;
	e->mbuf.mbuf = obj;
	e->mbuf.buf_addr = m->buf_addr;
	e->mbuf.buf_iova = m->buf_iova;
	e->mbuf.buf_len = m->buf_len;
	e->mbuf.data_off = m->data_off;
	e->mbuf.headroom = m->data_off;
	e->mbuf.refcnt = __atomic_load_n(&m->refcnt, __ATOMIC_RELAXED);
	e->mbuf.nb_segs = m->nb_segs;
	e->mbuf.data_len = m->data_len;
	e->mbuf.pkt_len = m->pkt_len;
	e->mbuf.priv_size = m->priv_size;
	e->mbuf.port = m->port;
}

/* The pool a memzone is the header of (the check mempool.c's lookup makes:
 * MP_ prefix, back pointer, same name), else NULL. */
static struct rte_mempool *pool_of_zone(const struct rte_memzone *mz)
{
	struct rte_mempool *mp = mz->addr;
	size_t pl = sizeof(RTE_MEMPOOL_MZ_PREFIX) - 1;
	if (strncmp(mz->name, RTE_MEMPOOL_MZ_PREFIX, pl) != 0 || mz->len < sizeof(*mp) ||
	    __atomic_load_n(&mp->mz, __ATOMIC_ACQUIRE) != mz ||
	    strncmp(mz->name + pl, mp->name, RTE_MEMPOOL_NAMESIZE) != 0)
		return NULL;
	return mp;
}

static void explain_pool(struct rte_mempool *mp, int in_header, struct rte_dplite_explain *e);

/* Inside rte_memzone_walk: its lock keeps rte_mempool_free (which frees
 * the pool's zone) off while the pool is read. */
struct pool_find {
	struct rte_dplite_explain *e;
	int found;
};

static void pool_find_cb(const struct rte_memzone *mz, void *arg)
{
	struct pool_find *f = arg;
	struct rte_mempool *mp = f->found ? NULL : pool_of_zone(mz);
	uintptr_t a = (uintptr_t)f->e->addr;
	const struct rte_mempool_memhdr *h;
	if (mp == NULL)
		return;
	STAILQ_FOREACH(h, &mp->mem_list, next)
		if (a >= (uintptr_t)h->addr && a - (uintptr_t)h->addr < h->len) {
			f->found = 1;
			explain_pool(mp, 0, f->e);
			return;
		}
	if (a >= (uintptr_t)mz->addr && a - (uintptr_t)mz->addr < mz->len) {
		f->found = 1;
		explain_pool(mp, 1, f->e);
	}
}

/* [p, p + len) inside one memory chunk of mp. */
static int in_chunks(const struct rte_mempool *mp, const void *p, size_t len)
{
	const struct rte_mempool_memhdr *h;
	uintptr_t a = (uintptr_t)p;
	STAILQ_FOREACH(h, &mp->mem_list, next)
		if (a >= (uintptr_t)h->addr && a - (uintptr_t)h->addr <= h->len &&
		    len <= h->len - (a - (uintptr_t)h->addr))
			return 1;
	return 0;
}

static int chunks_readable(const struct rte_mempool *mp)
{
	const struct rte_mempool_memhdr *h;
	STAILQ_FOREACH(h, &mp->mem_list, next)
		if (!eal_mem_readable(h->addr, h->len))
			return 0;
	return 1;
}

static void explain_pool(struct rte_mempool *mp, int in_header, struct rte_dplite_explain *e)
{
	struct rte_mempool_objhdr *hdr;
	uintptr_t a = (uintptr_t)e->addr;
	uint32_t idx = 0;

	/* a pool made by another process: bind its ops here (names them) */
	if (rte_mempool_get_ops(mp->ops_index)->name[0] == '\0')
		mp_ops_resolve(mp->ops_index);
	e->layers |= RTE_DPLITE_EXPLAIN_MEMPOOL;
	snprintf(e->mempool.name, sizeof(e->mempool.name), "%s", mp->name);
	snprintf(e->mempool.ops_name, sizeof(e->mempool.ops_name), "%s",
		 rte_mempool_get_ops(mp->ops_index)->name);
	e->mempool.pool = mp;
	e->mempool.elt_size = mp->elt_size;
	e->mempool.header_size = mp->header_size;
	e->mempool.trailer_size = mp->trailer_size;
	e->mempool.size = mp->size;
	e->mempool.cache_size = mp->cache_size;
	e->mempool.state = RTE_DPLITE_OBJ_UNKNOWN;
	if (in_header)
		return;
	/* Object headers live in the chunks. A chunk of external or anonymous
	 * memory may not be mapped in this process (dplite-info is a
	 * secondary): walk only while every header read lies in a chunk that
	 * is, at most populated_size steps. */
	if (!chunks_readable(mp))
		return;
	uint32_t steps = 0;
	for (hdr = STAILQ_FIRST(&mp->elt_list); hdr != NULL && steps <= mp->populated_size;
	     hdr = STAILQ_NEXT(hdr, next), steps++) {
		if (!in_chunks(mp, hdr, sizeof(*hdr) + mp->elt_size))
			return;
		uintptr_t obj = (uintptr_t)hdr + sizeof(*hdr);
		uintptr_t lo = obj - mp->header_size, hi = obj + mp->elt_size + mp->trailer_size;
		if (a >= lo && a < hi) {
			e->mempool.obj = (void *)obj;
			e->mempool.obj_index = idx;
			e->mempool.obj_offset = (int64_t)(a - obj);
			obj_state(mp, (void *)obj, e);
			explain_mbuf(mp, (void *)obj, e);
			return;
		}
		idx++;
	}
}

int rte_dplite_explain(const void *addr, struct rte_dplite_explain *out)
{
	int rc = eal_mem_explain(addr, out);
	if (rc == -EINVAL || rc == -ENODEV) {
		rte_errno = -rc;
		return rc;
	}
	/* Pools live in memzones (heap memory) or in populate_anon's mappings,
	 * which no memory layer knows: look for a pool either way. */
	struct pool_find f = { out, 0 };
	rte_memzone_walk(pool_find_cb, &f);
	if (out->layers == 0) {
		rte_errno = ENOENT;
		return -ENOENT;
	}
	if (out->iova == RTE_BAD_IOVA && out->mempool.obj != NULL && out->mempool.obj_offset >= 0 &&
	    rte_mempool_virt2iova(out->mempool.obj) != RTE_BAD_IOVA)
		out->iova = rte_mempool_virt2iova(out->mempool.obj) + (rte_iova_t)out->mempool.obj_offset;
	return 0;
}

/* ---- limits ------------------------------------------------------------------------- */
struct pool_max { uint32_t cache; };
static void pool_max_cb(const struct rte_memzone *mz, void *arg)
{
	struct pool_max *m = arg;
	const struct rte_mempool *mp = pool_of_zone(mz);
	if (mp == NULL)
		return;
	if (mp->cache_size > m->cache)
		m->cache = mp->cache_size;
}

struct ring_max { uint32_t size; };
static void ring_max_cb(const struct rte_memzone *mz, void *arg)
{
	struct ring_max *m = arg;
	const struct rte_ring *r = mz->addr;
	size_t pl = sizeof(RTE_RING_MZ_PREFIX) - 1;
	if (strncmp(mz->name, RTE_RING_MZ_PREFIX, pl) != 0 || mz->len < sizeof(*r) ||
	    r->memzone != mz || strncmp(r->name, mz->name + pl, sizeof(r->name)) != 0)
		return;
	if (r->capacity > m->size)
		m->size = r->capacity;
}

static void row(struct rte_dplite_limit *tab, unsigned int n, unsigned int i, const char *name,
		const char *unit, uint64_t max, uint64_t used, const char *note)
{
	if (i >= n)
		return;
	memset(&tab[i], 0, sizeof(tab[i]));
	snprintf(tab[i].name, sizeof(tab[i].name), "%s", name);
	snprintf(tab[i].unit, sizeof(tab[i].unit), "%s", unit);
	tab[i].max = max;
	tab[i].used = used;
	tab[i].hits = UINT64_MAX;
	tab[i].compile_time = 1;
	snprintf(tab[i].note, sizeof(tab[i].note), "%s", note);
}

int rte_dplite_limits(struct rte_dplite_limit *tab, unsigned int n)
{
	if (tab == NULL && n > 0) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	int m = eal_mem_limits(tab, n);
	if (m < 0) {
		rte_errno = -m;
		return m;
	}
	unsigned int i = (unsigned int)m;
	struct pool_max pm = { 0 };
	struct ring_max rm = { 0 };
	rte_memzone_walk(pool_max_cb, &pm);
	rte_memzone_walk(ring_max_cb, &rm);
	row(tab, n, i++, "mempool cache size", "objects", RTE_MEMPOOL_CACHE_MAX_SIZE, pm.cache,
	    "RTE_MEMPOOL_CACHE_MAX_SIZE; used: the largest cache of a pool");
	row(tab, n, i++, "ring size", "slots", RTE_RING_SZ_MASK, rm.size,
	    "RTE_RING_SZ_MASK; used: the largest ring's capacity");
	return (int)i;
}
