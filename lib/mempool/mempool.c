/* SPDX-License-Identifier: BSD-3-Clause
 * Mempool lifecycle: create, populate, iterate, count, dump, free.
 *
 * Owns, per pool:
 *   - the "MP_<name>" memzone: struct rte_mempool, local_cache[RTE_MAX_LCORE]
 *     (when cache_size > 0), then the private data area;
 *   - one struct rte_mempool_memhdr per memory chunk (rte_zmalloc'd, listed in
 *     mp->mem_list) and whatever the chunk's free_cb releases (for
 *     populate_default: "MP_<name>_<i>" memzones; for populate_anon: mmap);
 *   - the backend state behind mp->pool_data (owned by the ops).
 *
 * Invariants:
 *   - every object is on mp->elt_list exactly once from populate to free;
 *     populated_size == length of elt_list <= size;
 *   - an object is in exactly one place: the backend, one cache, or a user;
 *   - rte_mempool_lookup() returns a pool only once mp->mz is set, which is
 *     the last store of creation (release; the lookup loads it acquire);
 *   - counts include every lcore cache and are 0 before the first populate.
 *
 * The registry is the memzone list: the MP_ prefix plus the back pointer
 * mp->mz == zone tells a pool header apart from its chunk zones.
 *
 * Registry lock: the mempool list lock (rte_mcfg_mempool_*, in shared
 * memory, so it also orders other processes; recursive per thread).
 *   - create holds it from the header zone's reservation to the publishing
 *     store of mp->mz, so no reader meets a half-built header;
 *   - free holds it while it clears mp->mz and until the header zone is
 *     given back, so a reader under the lock either finds the pool whole or
 *     not at all;
 *   - rte_mempool_lookup and rte_mempool_walk (callbacks included, as in
 *     DPDK) read under it; a walk callback may still create or free pools
 *     (the lock is recursive). A pointer kept after the lock is released
 *     is the caller's to protect, as in DPDK (hold rte_mcfg_mempool_read_lock).
 * Lock order: mempool list lock -> memzone lock -> heap lock.
 */
#include <stdbool.h>
#include <string.h>
#include <inttypes.h>
#include <stdlib.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/mman.h>
#include <rte_mempool.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include "mempool_private.h"

#define MP_LOG(level, ...) RTE_LOG(level, MEMPOOL, __VA_ARGS__)

/* ---- object size ---------------------------------------------------------------- */
uint32_t rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags,
				   struct rte_mempool_objsz *sz)
{
	struct rte_mempool_objsz lsz;

	if (sz == NULL)
		sz = &lsz;
	sz->header_size = sizeof(struct rte_mempool_objhdr);
	if ((flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) == 0)
		sz->header_size = RTE_ALIGN_CEIL(sz->header_size, RTE_MEMPOOL_ALIGN);
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	sz->trailer_size = sizeof(struct rte_mempool_objtlr);
#else
	sz->trailer_size = 0;
#endif
	sz->elt_size = RTE_ALIGN_CEIL(elt_size, sizeof(uint64_t));
	if ((flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) == 0) {
		uint32_t total = sz->header_size + sz->elt_size + sz->trailer_size;
		/* Pad the trailer so the next object's header starts a line. */
		sz->trailer_size += RTE_ALIGN_CEIL(total, RTE_MEMPOOL_ALIGN) - total;
	}
	sz->total_size = sz->header_size + sz->elt_size + sz->trailer_size;
	return sz->total_size;
}

/* ---- event callbacks (process-local) ---------------------------------------------- */
struct mp_event_cb {
	rte_mempool_event_callback *func;
	void *user_data;
	struct mp_event_cb *next;
};
static pthread_mutex_t mp_cb_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mp_event_cb *mp_cb_list;

/* What this process's pools went through (relaxed atomic adds: counters
 * only, nothing is ordered by them); /mempool/events shows them. */
static struct mp_counters mp_cnt;

void mp_counters_get(struct mp_counters *c)
{
	c->created = __atomic_load_n(&mp_cnt.created, __ATOMIC_RELAXED);
	c->create_failed = __atomic_load_n(&mp_cnt.create_failed, __ATOMIC_RELAXED);
	c->ready = __atomic_load_n(&mp_cnt.ready, __ATOMIC_RELAXED);
	c->destroyed = __atomic_load_n(&mp_cnt.destroyed, __ATOMIC_RELAXED);
	c->populate_failed = __atomic_load_n(&mp_cnt.populate_failed, __ATOMIC_RELAXED);
	c->callback_calls = __atomic_load_n(&mp_cnt.callback_calls, __ATOMIC_RELAXED);
	pthread_mutex_lock(&mp_cb_lock);
	c->callbacks = 0;
	for (struct mp_event_cb *cb = mp_cb_list; cb; cb = cb->next)
		c->callbacks++;
	pthread_mutex_unlock(&mp_cb_lock);
}

int rte_mempool_event_callback_register(rte_mempool_event_callback *func, void *user_data)
{
	struct mp_event_cb *cb;

	if (func == NULL) {
		MP_LOG(ERR, "event callback: NULL function\n");
		rte_errno = EINVAL;
		return -EINVAL;
	}
	pthread_mutex_lock(&mp_cb_lock);
	for (cb = mp_cb_list; cb; cb = cb->next) {
		if (cb->func == func && cb->user_data == user_data) {
			pthread_mutex_unlock(&mp_cb_lock);
			rte_errno = EEXIST;
			return -EEXIST;
		}
	}
	cb = malloc(sizeof(*cb));
	if (cb == NULL) {
		pthread_mutex_unlock(&mp_cb_lock);
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	cb->func = func;
	cb->user_data = user_data;
	cb->next = mp_cb_list;
	mp_cb_list = cb;
	pthread_mutex_unlock(&mp_cb_lock);
	return 0;
}

int rte_mempool_event_callback_unregister(rte_mempool_event_callback *func, void *user_data)
{
	pthread_mutex_lock(&mp_cb_lock);
	for (struct mp_event_cb **pp = &mp_cb_list; *pp; pp = &(*pp)->next) {
		if ((*pp)->func == func && (*pp)->user_data == user_data) {
			struct mp_event_cb *cb = *pp;
			*pp = cb->next;
			pthread_mutex_unlock(&mp_cb_lock);
			free(cb);
			return 0;
		}
	}
	pthread_mutex_unlock(&mp_cb_lock);
	rte_errno = ENOENT;
	return -ENOENT;
}

/* Callbacks run without the lock held (they may (un)register); we call a
 * snapshot taken under the lock. */
static void mp_event_invoke(enum rte_mempool_event ev, struct rte_mempool *mp)
{
	struct mp_event_cb snap[32];
	unsigned int n = 0;

	pthread_mutex_lock(&mp_cb_lock);
	for (struct mp_event_cb *cb = mp_cb_list; cb && n < RTE_DIM(snap); cb = cb->next)
		snap[n++] = *cb;
	pthread_mutex_unlock(&mp_cb_lock);
	__atomic_fetch_add(ev == RTE_MEMPOOL_EVENT_READY ? &mp_cnt.ready : &mp_cnt.destroyed, 1,
			   __ATOMIC_RELAXED);
	__atomic_fetch_add(&mp_cnt.callback_calls, n, __ATOMIC_RELAXED);
	for (unsigned int i = 0; i < n; i++)
		snap[i].func(ev, mp, snap[i].user_data);
}

/* ---- population -------------------------------------------------------------------- */
static void mp_add_elem(struct rte_mempool *mp, void *opaque, void *obj, rte_iova_t iova)
{
	struct rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);

	RTE_SET_USED(opaque);
	hdr->mp = mp;
	hdr->iova = iova;
	STAILQ_INSERT_TAIL(&mp->elt_list, hdr, next);
	mp->populated_size++;
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	hdr->cookie = RTE_MEMPOOL_HEADER_COOKIE1;
	rte_mempool_get_trailer(obj)->cookie = RTE_MEMPOOL_TRAILER_COOKIE;
#endif
	rte_mempool_ops_enqueue_bulk(mp, &obj, 1);
}

static void mp_free_memchunks(struct rte_mempool *mp)
{
	struct rte_mempool_memhdr *memhdr;

	/* Objects may sit in caches: forget them with the memory. */
	if (mp->local_cache != NULL)
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
			__rte_mempool_cache_set_len(&mp->local_cache[i], 0);
	STAILQ_INIT(&mp->elt_list);
	/* mem_list changes under the list lock: the walk reads it (below) */
	rte_mcfg_mempool_write_lock();
	while ((memhdr = STAILQ_FIRST(&mp->mem_list)) != NULL) {
		STAILQ_REMOVE_HEAD(&mp->mem_list, next);
		if (memhdr->free_cb != NULL)
			memhdr->free_cb(memhdr, memhdr->opaque);
		rte_free(memhdr);
		mp->nb_mem_chunks--;
	}
	rte_mcfg_mempool_write_unlock();
	mp->populated_size = 0;
}

int rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr, rte_iova_t iova, size_t len,
			      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque)
{
	struct rte_mempool_memhdr *memhdr;
	size_t off;
	int ret;

	if (mp == NULL || vaddr == NULL) {
		MP_LOG(ERR, "populate_iova: NULL pool or address\n");
		return -EINVAL;
	}
	if ((mp->flags & RTE_MEMPOOL_F_POOL_CREATED) == 0) {
		ret = rte_mempool_ops_alloc(mp);
		if (ret != 0) {
			MP_LOG(ERR, "%s: backend alloc failed: %s\n", mp->name, strerror(-ret));
			return ret;
		}
		mp->flags |= RTE_MEMPOOL_F_POOL_CREATED;
	}
	if (mp->populated_size >= mp->size) {
		MP_LOG(ERR, "%s: already fully populated\n", mp->name);
		return -ENOSPC;
	}
	memhdr = rte_zmalloc("MEMPOOL_MEMHDR", sizeof(*memhdr), 0);
	if (memhdr == NULL) {
		MP_LOG(ERR, "%s: no memory for a chunk header\n", mp->name);
		return -ENOMEM;
	}
	if (mp->flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN)
		off = RTE_PTR_DIFF(RTE_PTR_ALIGN_CEIL(vaddr, sizeof(uint64_t)), vaddr);
	else
		off = RTE_PTR_DIFF(RTE_PTR_ALIGN_CEIL(vaddr, RTE_MEMPOOL_ALIGN), vaddr);
	/* A chunk too small for one object adds nothing and returns 0 (DPDK). */
	if (off > len) {
		rte_free(memhdr);
		return 0;
	}
	/* The chunk is listed (under the list lock) before any object is
	 * written into it: the walk uses mem_list to tell a pool's chunk zones
	 * from pool headers without reading chunk memory. */
	memhdr->mp = mp;
	memhdr->addr = vaddr;
	memhdr->iova = iova;
	memhdr->len = len;
	memhdr->free_cb = free_cb;
	memhdr->opaque = opaque;
	rte_mcfg_mempool_write_lock();
	STAILQ_INSERT_TAIL(&mp->mem_list, memhdr, next);
	mp->nb_mem_chunks++;
	rte_mcfg_mempool_write_unlock();
	ret = rte_mempool_ops_populate(mp, mp->size - mp->populated_size, vaddr + off,
				       iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + off,
				       len - off, mp_add_elem, NULL);
	if (ret <= 0) {
		rte_mcfg_mempool_write_lock();
		STAILQ_REMOVE(&mp->mem_list, memhdr, rte_mempool_memhdr, next);
		mp->nb_mem_chunks--;
		rte_mcfg_mempool_write_unlock();
		rte_free(memhdr);
		if (ret < 0)
			__atomic_fetch_add(&mp_cnt.populate_failed, 1, __ATOMIC_RELAXED);
		return ret;
	}
	/* DPDK's rule: NON_IO (set at creation) goes once a chunk brings IO
	 * addresses, unless the pool asked for none. */
	if (iova != RTE_BAD_IOVA && !(mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG))
		mp->flags &= ~RTE_MEMPOOL_F_NON_IO;
	if (mp->populated_size == mp->size)
		mp_event_invoke(RTE_MEMPOOL_EVENT_READY, mp);
	return ret;
}

/* IO address of one byte: the memseg's when the EAL has it (cheap), the
 * kernel's otherwise (rte_mem_virt2iova does both). */
static rte_iova_t mp_iova_of(const char *va)
{
	return rte_mem_virt2iova(va);
}

/*
 * Populate from [addr, addr + len) one IOVA-contiguous run at a time, so no
 * object straddles two pages whose IO addresses do not follow each other:
 * each run starts at a page boundary (or at addr), grows page by page while
 * the next page's IO address continues the run, and becomes one chunk.
 * Pages without an IO address (RTE_BAD_IOVA) form runs of their own.
 * free_cb/opaque go with the first chunk that holds objects only (it then
 * owns the whole area); *owned tells whether that happened.
 * Returns the number of objects added or a negative errno; on error the
 * chunks added here stay in the pool (the caller frees them all).
 */
static int mp_populate_runs(struct rte_mempool *mp, char *addr, size_t len, size_t pg_sz,
			    rte_mempool_memchunk_free_cb_t *free_cb, void *opaque, bool *owned)
{
	size_t off, run;
	int cnt = 0, ret;

	*owned = false;
	for (off = 0; off < len && mp->populated_size < mp->size; off += run) {
		rte_iova_t iova = mp_iova_of(addr + off);

		run = RTE_MIN((size_t)RTE_PTR_DIFF(RTE_PTR_ALIGN_CEIL(addr + off + 1, pg_sz),
						   addr + off), len - off);
		while (off + run < len) {
			rte_iova_t next = mp_iova_of(addr + off + run);
			if (iova == RTE_BAD_IOVA ? next != RTE_BAD_IOVA : next != iova + run)
				break;
			run = RTE_MIN(run + pg_sz, len - off);
		}
		ret = rte_mempool_populate_iova(mp, addr + off, iova, run,
						*owned ? NULL : free_cb, *owned ? NULL : opaque);
		if (ret == 0)
			continue;   /* run too small for one object */
		if (ret < 0)
			return ret;
		*owned = true;
		cnt += ret;
	}
	return cnt;
}

int rte_mempool_populate_virt(struct rte_mempool *mp, char *addr, size_t len, size_t pg_sz,
			      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque)
{
	bool owned;
	int ret;

	if (mp == NULL || addr == NULL || pg_sz == 0 || !rte_is_power_of_2((uint32_t)pg_sz) ||
	    pg_sz > UINT32_MAX) {
		MP_LOG(ERR, "populate_virt: bad arguments (addr %p len %zu pg_sz %zu)\n",
		       (void *)addr, len, pg_sz);
		return -EINVAL;
	}
	if (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG)
		return rte_mempool_populate_iova(mp, addr, RTE_BAD_IOVA, len, free_cb, opaque);
	ret = mp_populate_runs(mp, addr, len, pg_sz, free_cb, opaque, &owned);
	if (ret < 0)
		mp_free_memchunks(mp);
	return ret;
}

static void mp_memzone_chunk_free(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	RTE_SET_USED(memhdr);
	rte_memzone_free(opaque);
}

static void mp_anon_chunk_free(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	RTE_SET_USED(opaque);
	munmap(memhdr->addr, memhdr->len);
}

static void mp_chunk_zone_name(char *buf, size_t sz, const struct rte_mempool *mp, unsigned id)
{
	int n = snprintf(buf, sz, RTE_MEMPOOL_MZ_FORMAT "_%u", mp->name, id);

	/* Long pool names: fall back to a name derived from the pool address. */
	if (n < 0 || (size_t)n >= sz)
		snprintf(buf, sz, "MPC_%" PRIxPTR "_%u", (uintptr_t)mp, id);
}

/* Size and alignment of a plain (not IOVA-contiguous) zone meant to hold
 * the objects that `want` bytes hold when contiguous: page-aware sizing
 * (no object across a page boundary) and page alignment when an object
 * fits in a page, as DPDK sizes with its page shift. 0 or -errno. */
static int mp_plain_zone_geometry(struct rte_mempool *mp, size_t want, size_t *size,
				  size_t *align)
{
	size_t total = (size_t)mp->header_size + mp->elt_size + mp->trailer_size;
	size_t pg_sz, min_chunk, al;
	ssize_t mem;
	uint32_t objs;

	if (rte_mempool_get_page_size(mp, &pg_sz) < 0 || pg_sz == 0 || total == 0)
		return -EINVAL;
	objs = (uint32_t)RTE_MIN(RTE_MAX(want / total, (size_t)1), (size_t)UINT32_MAX);
	mem = rte_mempool_ops_calc_mem_size(mp, objs, rte_log2_u64(pg_sz), &min_chunk, &al);
	if (mem < 0)
		return (int)mem;
	*size = (size_t)mem;
	*align = total <= pg_sz ? RTE_MAX(al, pg_sz) : al;
	return 0;
}

/*
 * Default population: memzones named MP_<name>_<i> until every object has a
 * place. Each zone is first asked for IOVA-contiguous (one chunk, one IO
 * address); when that fails the zone is plain and its pages are split into
 * IOVA-contiguous runs (mp_populate_runs), because a plain zone's mz->iova
 * is only its first page's address. Pools with RTE_MEMPOOL_F_NO_IOVA_CONTIG
 * get one chunk per zone and no IO addresses (RTE_BAD_IOVA), as in DPDK.
 */
int rte_mempool_populate_default(struct rte_mempool *mp)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	int need_contig, ret = 0;
	unsigned int mz_id;

	if (mp == NULL)
		return -EINVAL;
	if (mp->nb_mem_chunks != 0) {
		MP_LOG(ERR, "%s: already populated\n", mp->name);
		return -EEXIST;
	}
	need_contig = (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) == 0;
	for (mz_id = 0; mp->populated_size < mp->size; mz_id++) {
		const struct rte_memzone *mz = NULL;
		size_t min_chunk, align, want;
		uint32_t left = mp->size - mp->populated_size;
		ssize_t mem = rte_mempool_ops_calc_mem_size(mp, left, 0, &min_chunk, &align);
		bool contig = false, owned = false;

		if (mem < 0) {
			ret = (int)mem;
			goto fail;
		}
		mp_chunk_zone_name(mz_name, sizeof(mz_name), mp, mz_id);
		/* Ask for everything; halve on shortage down to one object. */
		for (want = (size_t)mem; mz == NULL; want = RTE_MAX(want / 2, min_chunk)) {
			if (need_contig) {
				mz = rte_memzone_reserve_aligned(mz_name, want, mp->socket_id,
								 RTE_MEMZONE_IOVA_CONTIG,
								 (unsigned int)align);
				contig = mz != NULL;
			}
			if (mz == NULL && need_contig) {
				/* Plain zone for objects that need an IO address:
				 * sized and aligned by pages so every object fits
				 * inside one page (a run boundary may fall at any
				 * page boundary). */
				size_t pw = want, pa = align;
				if (mp_plain_zone_geometry(mp, want, &pw, &pa) < 0)
					pw = want, pa = align;
				mz = rte_memzone_reserve_aligned(mz_name, pw, mp->socket_id, 0,
								 (unsigned int)pa);
			} else if (mz == NULL) {
				mz = rte_memzone_reserve_aligned(mz_name, want, mp->socket_id, 0,
								 (unsigned int)align);
			}
			if (mz != NULL)
				break;
			if (rte_errno != ENOMEM || want <= min_chunk) {
				ret = -rte_errno;
				MP_LOG(ERR, "%s: cannot reserve %zu bytes: %s\n", mp->name, want,
				       rte_strerror(rte_errno));
				goto fail;
			}
		}
		if (!need_contig || (contig && mz->iova != RTE_BAD_IOVA)) {
			ret = rte_mempool_populate_iova(mp, mz->addr,
							need_contig ? mz->iova : RTE_BAD_IOVA,
							mz->len, mp_memzone_chunk_free,
							(void *)(uintptr_t)mz);
			owned = ret > 0;
		} else
			ret = mp_populate_runs(mp, mz->addr, mz->len, mz->hugepage_sz,
					       mp_memzone_chunk_free, (void *)(uintptr_t)mz,
					       &owned);
		if (ret <= 0) {
			if (ret == 0) {
				MP_LOG(ERR, "%s: a zone of %zu bytes holds no object\n",
				       mp->name, mz->len);
				ret = -ENOBUFS;
			}
			/* a chunk of this zone that made it in frees it with the pool */
			if (!owned)
				rte_memzone_free(mz);
			goto fail;
		}
	}
	return (int)mp->populated_size;
fail:
	mp_free_memchunks(mp);
	return ret;
}

int rte_mempool_populate_anon(struct rte_mempool *mp)
{
	size_t pg = (size_t)getpagesize(), min_chunk, align, len;
	ssize_t mem;
	char *addr;
	int ret;

	if (mp == NULL || mp->nb_mem_chunks != 0) {
		MP_LOG(ERR, "populate_anon: %s\n", mp ? "pool already populated" : "NULL pool");
		rte_errno = EINVAL;
		return 0;
	}
	mem = rte_mempool_ops_calc_mem_size(mp, mp->size, rte_log2_u64(pg), &min_chunk, &align);
	if (mem < 0) {
		rte_errno = (int)-mem;
		return 0;
	}
	len = RTE_ALIGN_CEIL((size_t)mem, pg);
	addr = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (addr == MAP_FAILED) {
		MP_LOG(ERR, "%s: anonymous mmap of %zu bytes failed\n", mp->name, len);
		rte_errno = ENOMEM;
		return 0;
	}
	/* Anonymous memory has no IO address: one chunk, RTE_BAD_IOVA. */
	ret = rte_mempool_populate_iova(mp, addr, RTE_BAD_IOVA, len, mp_anon_chunk_free, NULL);
	if (ret <= 0) {
		munmap(addr, len);
		rte_errno = ret < 0 ? -ret : EINVAL;
		return 0;
	}
	return (int)mp->populated_size;
}

int rte_mempool_get_page_size(struct rte_mempool *mp, size_t *pg_sz)
{
	if (mp == NULL || pg_sz == NULL)
		return -EINVAL;
	if (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG)
		*pg_sz = 0;
	else if (rte_eal_has_hugepages())
		*pg_sz = RTE_PGSIZE_2M;
	else
		*pg_sz = (size_t)getpagesize();
	return 0;
}

/* ---- creation and release ------------------------------------------------------------ */
static const char *mp_default_ops_name(unsigned int flags)
{
	if ((flags & RTE_MEMPOOL_F_SP_PUT) && (flags & RTE_MEMPOOL_F_SC_GET))
		return "ring_sp_sc";
	if (flags & RTE_MEMPOOL_F_SP_PUT)
		return "ring_sp_mc";
	if (flags & RTE_MEMPOOL_F_SC_GET)
		return "ring_mp_sc";
	return "ring_mp_mc";
}

static struct rte_mempool *
mp_create_empty(const char *name, unsigned n, unsigned elt_size, unsigned cache_size,
		unsigned private_data_size, int socket_id, unsigned flags)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	struct rte_mempool_objsz objsz;
	const struct rte_memzone *mz;
	struct rte_mempool *mp;
	size_t mz_size;
	int ret;

	if (name == NULL) {
		MP_LOG(ERR, "create: NULL name\n");
		rte_errno = EINVAL;
		return NULL;
	}
	if (strnlen(name, RTE_MEMPOOL_NAMESIZE) >= RTE_MEMPOOL_NAMESIZE) {
		MP_LOG(ERR, "create: name \"%.40s\" too long (max %d)\n", name,
		       (int)RTE_MEMPOOL_NAMESIZE - 1);
		rte_errno = ENAMETOOLONG;
		return NULL;
	}
	if (n == 0 || (flags & ~RTE_MEMPOOL_VALID_USER_FLAGS) != 0) {
		MP_LOG(ERR, "create %s: invalid %s\n", name, n == 0 ? "object count 0" : "flags");
		rte_errno = EINVAL;
		return NULL;
	}
	/* DPDK's rule: the cache (times 1.5, its flush threshold there) must
	 * fit in the pool. */
	if (cache_size > RTE_MEMPOOL_CACHE_MAX_SIZE || (uint64_t)cache_size * 3 / 2 > n) {
		MP_LOG(ERR, "create %s: cache size %u too big for %u objects (max %u)\n",
		       name, cache_size, n, RTE_MEMPOOL_CACHE_MAX_SIZE);
		rte_errno = EINVAL;
		return NULL;
	}
	/* Sizes whose rounding would wrap 32 bits are refused up front (DPDK
	 * wraps them to small values). */
	if (private_data_size > UINT32_MAX - RTE_MEMPOOL_ALIGN ||
	    elt_size > UINT32_MAX - 4 * RTE_MEMPOOL_ALIGN) {
		MP_LOG(ERR, "create %s: %s size %u too big\n", name,
		       elt_size > UINT32_MAX - 4 * RTE_MEMPOOL_ALIGN ? "element" : "private data",
		       elt_size > UINT32_MAX - 4 * RTE_MEMPOOL_ALIGN ? elt_size : private_data_size);
		rte_errno = EINVAL;
		return NULL;
	}
	rte_mempool_calc_obj_size(elt_size, flags, &objsz);
	private_data_size = RTE_ALIGN_CEIL(private_data_size, RTE_MEMPOOL_ALIGN);
	mz_size = RTE_MEMPOOL_HEADER_SIZE(mp, cache_size) + private_data_size;
	snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT, name);
	rte_mcfg_mempool_write_lock();
	mz = rte_memzone_reserve_aligned(mz_name, mz_size, socket_id, 0, RTE_MEMPOOL_ALIGN);
	if (mz == NULL) {
		rte_mcfg_mempool_write_unlock();
		MP_LOG(ERR, "create %s: %s\n", name, rte_errno == EEXIST ?
		       "a mempool with this name exists" : rte_strerror(rte_errno));
		return NULL;
	}
	mp = mz->addr;
	memset(mp, 0, mz_size);
	snprintf(mp->name, sizeof(mp->name), "%s", name);
	mp->size = n;
	mp->flags = flags;
	mp->socket_id = socket_id;
	mp->elt_size = objsz.elt_size;
	mp->header_size = objsz.header_size;
	mp->trailer_size = objsz.trailer_size;
	mp->cache_size = cache_size;
	mp->private_data_size = private_data_size;
	STAILQ_INIT(&mp->elt_list);
	STAILQ_INIT(&mp->mem_list);
	/* No object is usable for IO until a populate brings IO addresses. */
	mp->flags |= RTE_MEMPOOL_F_NON_IO;
	if (cache_size != 0) {
		mp->local_cache = (struct rte_mempool_cache *)RTE_PTR_ADD(mp, sizeof(*mp));
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
			mp->local_cache[i].size = cache_size;
			mp->local_cache[i].flushthresh = cache_size;
			mp->local_cache[i].len = 0;
		}
	}
	ret = rte_mempool_set_ops_byname(mp, mp_default_ops_name(flags), NULL);
	if (ret != 0) {
		rte_memzone_free(mz);
		rte_mcfg_mempool_write_unlock();
		rte_errno = -ret;
		return NULL;
	}
	/* Last: makes the pool visible to rte_mempool_lookup() (and to readers
	 * of the memzone list that check the link without the list lock). */
	__atomic_store_n(&mp->mz, mz, __ATOMIC_RELEASE);
	rte_mcfg_mempool_write_unlock();
	return mp;
}

struct rte_mempool *
rte_mempool_create_empty(const char *name, unsigned n, unsigned elt_size, unsigned cache_size,
			 unsigned private_data_size, int socket_id, unsigned flags)
{
	struct rte_mempool *mp = mp_create_empty(name, n, elt_size, cache_size, private_data_size,
						 socket_id, flags);
	__atomic_fetch_add(mp ? &mp_cnt.created : &mp_cnt.create_failed, 1, __ATOMIC_RELAXED);
	return mp;
}

struct rte_mempool *
rte_mempool_create(const char *name, unsigned n, unsigned elt_size, unsigned cache_size,
		   unsigned private_data_size, rte_mempool_ctor_t *mp_init, void *mp_init_arg,
		   rte_mempool_obj_cb_t *obj_init, void *obj_init_arg,
		   int socket_id, unsigned flags)
{
	struct rte_mempool *mp;
	int ret;

	mp = rte_mempool_create_empty(name, n, elt_size, cache_size, private_data_size,
				      socket_id, flags);
	if (mp == NULL)
		return NULL;
	if (mp_init != NULL)
		mp_init(mp, mp_init_arg);
	ret = rte_mempool_populate_default(mp);
	if (ret < 0) {
		rte_mempool_free(mp);
		rte_errno = -ret;
		return NULL;
	}
	if (obj_init != NULL)
		rte_mempool_obj_iter(mp, obj_init, obj_init_arg);
	return mp;
}

void rte_mempool_free(struct rte_mempool *mp)
{
	const struct rte_memzone *mz;

	if (mp == NULL)
		return;
	mp_event_invoke(RTE_MEMPOOL_EVENT_DESTROY, mp);
	/* Under the list lock from the unlink to the return of the header
	 * zone: a reader holding the lock never meets a pool being torn down. */
	rte_mcfg_mempool_write_lock();
	mz = mp->mz;
	/* Hide it from lookups first. */
	__atomic_store_n(&mp->mz, NULL, __ATOMIC_RELEASE);
	mp_free_memchunks(mp);
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		rte_mempool_ops_free(mp);
	if (mz == NULL || rte_memzone_free(mz) != 0)
		MP_LOG(ERR, "free %s: pool memzone missing\n", mp->name);
	rte_mcfg_mempool_write_unlock();
}

/* ---- caches ---------------------------------------------------------------------------- */
struct rte_mempool_cache *rte_mempool_cache_create(uint32_t size, int socket_id)
{
	struct rte_mempool_cache *cache;

	if (size == 0 || size > RTE_MEMPOOL_CACHE_MAX_SIZE) {
		MP_LOG(ERR, "cache_create: invalid size %u (1..%u)\n", size,
		       RTE_MEMPOOL_CACHE_MAX_SIZE);
		rte_errno = EINVAL;
		return NULL;
	}
	cache = rte_zmalloc_socket("MEMPOOL_CACHE", sizeof(*cache), RTE_CACHE_LINE_SIZE, socket_id);
	if (cache == NULL) {
		MP_LOG(ERR, "cache_create: out of memory\n");
		rte_errno = ENOMEM;
		return NULL;
	}
	cache->size = size;
	cache->flushthresh = size;
	cache->len = 0;
	return cache;
}

void rte_mempool_cache_free(struct rte_mempool_cache *cache)
{
	rte_free(cache);
}

/* ---- counts ------------------------------------------------------------------------------ */
unsigned int rte_mempool_avail_count(const struct rte_mempool *mp)
{
	uint64_t count;

	if (mp == NULL || (mp->flags & RTE_MEMPOOL_F_POOL_CREATED) == 0)
		return 0;   /* no backend yet: nothing to count (DPDK crashes here) */
	count = rte_mempool_ops_get_count(mp);
	if (mp->cache_size != 0)
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
			count += __atomic_load_n(&mp->local_cache[i].len, __ATOMIC_RELAXED);
	/* A snapshot taken while objects move between a cache and the
	 * backend can count one twice; never report more than exist. */
	if (count > mp->size)
		count = mp->size;
	return (unsigned int)count;
}

unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp)
{
	unsigned int avail;

	if (mp == NULL)
		return 0;
	avail = rte_mempool_avail_count(mp);
	return mp->populated_size > avail ? mp->populated_size - avail : 0;
}

/* ---- iteration ----------------------------------------------------------------------------- */
uint32_t rte_mempool_obj_iter(struct rte_mempool *mp, rte_mempool_obj_cb_t *obj_cb,
			      void *obj_cb_arg)
{
	struct rte_mempool_objhdr *hdr;
	uint32_t n = 0;

	if (mp == NULL || obj_cb == NULL)
		return 0;
	STAILQ_FOREACH(hdr, &mp->elt_list, next) {
		obj_cb(mp, obj_cb_arg, (char *)hdr + sizeof(*hdr), n);
		n++;
	}
	return n;
}

uint32_t rte_mempool_mem_iter(struct rte_mempool *mp, rte_mempool_mem_cb_t *mem_cb,
			      void *mem_cb_arg)
{
	struct rte_mempool_memhdr *hdr;
	uint32_t n = 0;

	if (mp == NULL || mem_cb == NULL)
		return 0;
	STAILQ_FOREACH(hdr, &mp->mem_list, next) {
		mem_cb(mp, mem_cb_arg, hdr, n);
		n++;
	}
	return n;
}

/* ---- registry: lookup and walk --------------------------------------------------------------- */
static struct rte_mempool *mp_from_zone(const struct rte_memzone *mz)
{
	struct rte_mempool *mp = mz->addr;

	if (strncmp(mz->name, RTE_MEMPOOL_MZ_PREFIX, sizeof(RTE_MEMPOOL_MZ_PREFIX) - 1) != 0 ||
	    mz->len < sizeof(*mp))
		return NULL;
	if (__atomic_load_n(&mp->mz, __ATOMIC_ACQUIRE) != mz)
		return NULL;
	if (strncmp(mz->name + sizeof(RTE_MEMPOOL_MZ_PREFIX) - 1, mp->name,
		    RTE_MEMPOOL_NAMESIZE) != 0)
		return NULL;
	return mp;
}

struct rte_mempool *rte_mempool_lookup(const char *name)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct rte_mempool *mp;

	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (strnlen(name, RTE_MEMPOOL_NAMESIZE) >= RTE_MEMPOOL_NAMESIZE) {
		rte_errno = ENOENT;
		return NULL;
	}
	snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT, name);
	rte_mcfg_mempool_read_lock();
	mz = rte_memzone_lookup(mz_name);
	mp = mz ? mp_from_zone(mz) : NULL;
	/* A pool reached from another process: make sure its ops resolve here. */
	if (mp != NULL && rte_mempool_get_ops(mp->ops_index)->name[0] == '\0')
		mp_ops_resolve(mp->ops_index);
	rte_mcfg_mempool_read_unlock();
	if (mp == NULL)
		rte_errno = ENOENT;
	return mp;
}

struct mp_walk_ctx {
	struct rte_mempool **pools;
	unsigned int n, cap;
};

/* A chunk zone of populate_default is named "MP_<pool>_<n>" and holds
 * objects that their users write at any time, without our locks: the walk
 * must not read it to find out it is no pool header. It is a chunk when
 * the name minus "_<n>" is a live pool whose mem_list (changed under the
 * list lock, which the walk holds) has a chunk inside the zone; a chunk is
 * listed before objects are written into it, so an unlisted zone is not
 * being written by its pool. */
static bool mp_zone_is_chunk(const struct rte_memzone *mz)
{
	char stem[RTE_MEMZONE_NAMESIZE];
	const char *us = strrchr(mz->name, '_');
	size_t plen = sizeof(RTE_MEMPOOL_MZ_PREFIX) - 1;

	if (us == NULL || us <= mz->name + plen || us[1] == '\0' ||
	    strspn(us + 1, "0123456789") != strlen(us + 1))
		return false;
	snprintf(stem, sizeof(stem), "%.*s", (int)(us - mz->name), mz->name);
	const struct rte_memzone *head = rte_memzone_lookup(stem);
	struct rte_mempool *owner = head != NULL ? mp_from_zone(head) : NULL;
	if (owner == NULL)
		return false;
	const struct rte_mempool_memhdr *h;
	uintptr_t lo = (uintptr_t)mz->addr, hi = lo + mz->len;
	STAILQ_FOREACH(h, &owner->mem_list, next)
		if ((uintptr_t)h->addr < hi && (uintptr_t)h->addr + h->len > lo)
			return true;
	return false;
}

static void mp_walk_collect(const struct rte_memzone *mz, void *arg)
{
	struct mp_walk_ctx *ctx = arg;
	if (strncmp(mz->name, RTE_MEMPOOL_MZ_PREFIX, sizeof(RTE_MEMPOOL_MZ_PREFIX) - 1) != 0 ||
	    mp_zone_is_chunk(mz))
		return;
	struct rte_mempool *mp = mp_from_zone(mz);

	if (mp == NULL)
		return;
	if (ctx->n == ctx->cap) {
		unsigned int cap = ctx->cap ? ctx->cap * 2 : 16;
		struct rte_mempool **p = realloc(ctx->pools, cap * sizeof(*p));
		if (p == NULL)
			return;
		ctx->pools = p;
		ctx->cap = cap;
	}
	ctx->pools[ctx->n++] = mp;
}

/* The callbacks run under the list lock (no other thread or process can
 * free a pool meanwhile) but outside the memzone walk, so a callback may
 * create or free pools itself; a pool the callback frees before the walk
 * reaches it is skipped. */
void rte_mempool_walk(void (*func)(struct rte_mempool *, void *arg), void *arg)
{
	struct mp_walk_ctx ctx = { NULL, 0, 0 };

	if (func == NULL)
		return;
	rte_mcfg_mempool_read_lock();
	rte_memzone_walk(mp_walk_collect, &ctx);
	for (unsigned int i = 0; i < ctx.n; i++) {
		const struct rte_memzone *mz = __atomic_load_n(&ctx.pools[i]->mz, __ATOMIC_ACQUIRE);
		if (mz != NULL && mz->addr == ctx.pools[i])
			func(ctx.pools[i], arg);
	}
	rte_mcfg_mempool_read_unlock();
	free(ctx.pools);
}

/* ---- dump / audit --------------------------------------------------------------------------- */
static unsigned int mp_audit_objects(struct rte_mempool *mp)
{
	unsigned int bad = 0;
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	struct rte_mempool_objhdr *hdr;

	STAILQ_FOREACH(hdr, &mp->elt_list, next) {
		void *obj = (char *)hdr + sizeof(*hdr);
		if (hdr->mp != mp) {
			MP_LOG(ERR, "audit %s: object %p has a foreign pool pointer\n", mp->name, obj);
			bad++;
		} else if (hdr->cookie != RTE_MEMPOOL_HEADER_COOKIE1 &&
			   hdr->cookie != RTE_MEMPOOL_HEADER_COOKIE2) {
			MP_LOG(ERR, "audit %s: object %p header cookie corrupted\n", mp->name, obj);
			bad++;
		} else if (rte_mempool_get_trailer(obj)->cookie != RTE_MEMPOOL_TRAILER_COOKIE) {
			MP_LOG(ERR, "audit %s: object %p overran its buffer\n", mp->name, obj);
			bad++;
		}
	}
#else
	RTE_SET_USED(mp);
#endif
	return bad;
}

void rte_mempool_audit(struct rte_mempool *mp)
{
	if (mp == NULL)
		return;
	if (mp->local_cache != NULL)
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
			if (mp->local_cache[i].len > mp->local_cache[i].size)
				MP_LOG(ERR, "audit %s: lcore %u cache holds %u > %u\n", mp->name, i,
				       mp->local_cache[i].len, mp->local_cache[i].size);
	mp_audit_objects(mp);
}

void rte_mempool_dump(FILE *f, struct rte_mempool *mp)
{
	struct rte_mempool_memhdr *memhdr;
	unsigned int cached = 0;

	if (f == NULL || mp == NULL)
		return;
	fprintf(f, "mempool <%s>@%p\n", mp->name, (void *)mp);
	fprintf(f, "  flags=%x\n", mp->flags);
	fprintf(f, "  socket_id=%d\n", mp->socket_id);
	fprintf(f, "  pool=%p\n", mp->pool_data);
	fprintf(f, "  ops_index=%d (%s)\n", mp->ops_index,
		rte_mempool_get_ops(mp->ops_index)->name);
	fprintf(f, "  iova=0x%" PRIx64 "\n", mp->mz ? mp->mz->iova : 0);
	fprintf(f, "  nb_mem_chunks=%u\n", mp->nb_mem_chunks);
	fprintf(f, "  size=%u\n", mp->size);
	fprintf(f, "  populated_size=%u\n", mp->populated_size);
	fprintf(f, "  header_size=%u\n", mp->header_size);
	fprintf(f, "  elt_size=%u\n", mp->elt_size);
	fprintf(f, "  trailer_size=%u\n", mp->trailer_size);
	fprintf(f, "  total_obj_size=%u\n", mp->header_size + mp->elt_size + mp->trailer_size);
	fprintf(f, "  private_data_size=%u\n", mp->private_data_size);
	STAILQ_FOREACH(memhdr, &mp->mem_list, next)
		fprintf(f, "  chunk %p iova=0x%" PRIx64 " len=%zu\n", memhdr->addr,
			memhdr->iova, memhdr->len);
	fprintf(f, "  cache_size=%u\n", mp->cache_size);
	if (mp->local_cache != NULL) {
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
			unsigned int len = __atomic_load_n(&mp->local_cache[i].len,
							   __ATOMIC_RELAXED);
			if (len)
				fprintf(f, "    cache_count[%u]=%u\n", i, len);
			cached += len;
		}
	}
	fprintf(f, "    total_cache_count=%u\n", cached);
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		fprintf(f, "  common_pool_count=%u\n", rte_mempool_ops_get_count(mp));
	fprintf(f, "  avail_count=%u\n", rte_mempool_avail_count(mp));
	fprintf(f, "  in_use_count=%u\n", rte_mempool_in_use_count(mp));
	fprintf(f, "  audit=%s\n", mp_audit_objects(mp) ? "FAILED" : "ok");
}

static void mp_dump_one(struct rte_mempool *mp, void *arg)
{
	rte_mempool_dump(arg, mp);
}

void rte_mempool_list_dump(FILE *f)
{
	if (f != NULL)
		rte_mempool_walk(mp_dump_one, f);
}

/* ---- debug cookies ------------------------------------------------------------------------------ */
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
/* Returns 0 when obj may go on (possibly after logging), -1 to drop it. */
static int mp_check_one(const struct rte_mempool *mp, void *obj, int free)
{
	struct rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);
	struct rte_mempool_objtlr *tlr;

	if (hdr->mp != mp) {
		MP_LOG(ERR, "%s: object %p belongs to pool %s, not this one\n", mp->name, obj,
		       hdr->mp ? hdr->mp->name : "(none)");
		return -1;
	}
	if (free == 0) {   /* put: must be out */
		if (hdr->cookie == RTE_MEMPOOL_HEADER_COOKIE1) {
			MP_LOG(ERR, "%s: object %p put twice (double free)\n", mp->name, obj);
			return -1;
		}
		if (hdr->cookie != RTE_MEMPOOL_HEADER_COOKIE2)
			MP_LOG(ERR, "%s: object %p header cookie corrupted (0x%" PRIx64 ")\n",
			       mp->name, obj, hdr->cookie);
		hdr->cookie = RTE_MEMPOOL_HEADER_COOKIE1;
	} else {           /* get: must have been free */
		if (hdr->cookie != RTE_MEMPOOL_HEADER_COOKIE1)
			MP_LOG(ERR, "%s: object %p handed out but not marked free (0x%" PRIx64 ")\n",
			       mp->name, obj, hdr->cookie);
		hdr->cookie = RTE_MEMPOOL_HEADER_COOKIE2;
	}
	tlr = (struct rte_mempool_objtlr *)RTE_PTR_ADD(obj, mp->elt_size);
	if (tlr->cookie != RTE_MEMPOOL_TRAILER_COOKIE) {
		MP_LOG(ERR, "%s: object %p buffer overrun (trailer cookie 0x%" PRIx64 ")\n",
		       mp->name, obj, tlr->cookie);
		tlr->cookie = RTE_MEMPOOL_TRAILER_COOKIE;
	}
	return 0;
}

void __rte_mempool_debug_put(struct rte_mempool *mp, void * const *obj_table,
			     unsigned int n, struct rte_mempool_cache *cache)
{
	void *ok[64];
	unsigned int i = 0;

	while (i < n) {
		unsigned int k = 0;
		for (; i < n && k < RTE_DIM(ok); i++)
			if (mp_check_one(mp, obj_table[i], 0) == 0)
				ok[k++] = obj_table[i];
		if (k)
			rte_mempool_do_generic_put(mp, ok, k, cache);
	}
}
#endif

void rte_mempool_check_cookies(const struct rte_mempool *mp, void * const *obj_table_const,
			       unsigned int n, int free)
{
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	for (unsigned int i = 0; i < n; i++)
		mp_check_one(mp, obj_table_const[i], free);
#else
	RTE_SET_USED(mp); RTE_SET_USED(obj_table_const); RTE_SET_USED(n); RTE_SET_USED(free);
#endif
}

void rte_mempool_contig_blocks_check_cookies(const struct rte_mempool *mp,
					     void * const *first_obj_table_const,
					     unsigned int n, int free)
{
	RTE_SET_USED(mp); RTE_SET_USED(first_obj_table_const); RTE_SET_USED(n); RTE_SET_USED(free);
}
