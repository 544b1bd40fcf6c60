/* SPDX-License-Identifier: BSD-3-Clause
 * Explain an address, memory layers only: which memseg list, page (memseg),
 * backing file and offset, heap span and rte_malloc block, memzone, IOVA and
 * physical address hold it; and the maximums of these layers with their use.
 * The layers above (mempool object, mbuf) are added by lib/mempool's
 * mempool_explain.c, which calls eal_mem_explain()/eal_mem_limits() here and
 * owns the public rte_dplite_explain()/rte_dplite_limits()
 * (rte_dplite_explain.h): memory never calls up into mempool.
 *
 * Read-only: nothing here changes shared state. Locks taken, each alone and
 * briefly: the memzone table's read lock (rte_memzone_walk), one heap's lock
 * for the walk over a large span's blocks (boundary tags move under it),
 * mem_lock for the page counts. Small-block state is read without a lock:
 * type bytes are single bytes written by their owner, so a concurrent
 * malloc/free makes the answer the state just before or just after.
 *
 * May call: every file of lib/eal/mem below setup.c (heap internals through
 * heap_private.h), lib/eal state/log/errno. Called by lib/mempool only. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <rte_dplite_explain.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include "eal_mem.h"
#include "eal_memalloc.h"
#include "eal_explain.h"
#include "heap_private.h"

/* ---- memseg list, page, backing --------------------------------------------------- */
static int msl_index_any(const struct eal_mem_config *cfg, const struct rte_memseg_list *msl)
{
	if (msl >= cfg->msl && msl < cfg->msl + cfg->nb_msl)
		return (int)(msl - cfg->msl);
	if (msl >= cfg->ext_msl && msl < cfg->ext_msl + EAL_MAX_EXT_MSL)
		return (int)cfg->nb_msl + (int)(msl - cfg->ext_msl);
	return -1;
}

static int used_bit(const struct rte_memseg_list *msl, size_t i)
{
	const uint64_t *used = (const uint64_t *)RTE_PTR_ADD(msl->memseg_arr.data,
		RTE_ALIGN_CEIL((size_t)msl->memseg_arr.len * sizeof(struct rte_memseg), 8));
	return (int)((used[i >> 6] >> (i & 63)) & 1);
}

static void explain_pages(const struct eal_mem_config *cfg, const void *addr,
			  struct rte_dplite_explain *e)
{
	struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	if (msl == NULL)
		return;
	int li = msl_index_any(cfg, msl);
	e->layers |= RTE_DPLITE_EXPLAIN_MEMSEG_LIST;
	e->msl.index = li;
	e->msl.base_va = msl->base_va;
	e->msl.len = msl->len;
	e->msl.page_sz = msl->page_sz;
	e->msl.socket_id = msl->socket_id;
	e->msl.external = (int32_t)msl->external;
	e->msl.n_segs = msl->memseg_arr.len;
	e->msl.n_used = msl->memseg_arr.count;

	size_t off = RTE_PTR_DIFF(addr, msl->base_va);
	size_t pi = off / msl->page_sz;
	if (pi < msl->memseg_arr.len && used_bit(msl, pi)) {
		const struct rte_memseg *ms = (const struct rte_memseg *)msl->memseg_arr.data + pi;
		e->layers |= RTE_DPLITE_EXPLAIN_MEMSEG;
		e->memseg.index = (int32_t)pi;
		e->memseg.addr = ms->addr;
		e->memseg.len = ms->len;
		e->memseg.hugepage_sz = ms->hugepage_sz;
		e->memseg.socket_id = ms->socket_id;
		e->memseg.iova = ms->iova;
	}

	e->layers |= RTE_DPLITE_EXPLAIN_BACKING;
	if (msl->external) {
		e->backing.kind = RTE_DPLITE_BACKING_EXTERNAL;
		e->backing.fd_offset = off;   /* offset in the registered region */
		snprintf(e->backing.file, sizeof(e->backing.file), "%s",
			 msl->heap ? "external heap region" : "rte_extmem region");
		return;
	}
	e->backing.kind = msl->page_sz > (uint64_t)eal_os_page_size() ?
		RTE_DPLITE_BACKING_HUGETLB : RTE_DPLITE_BACKING_MEMFD;
	/* page i of a list is at offset i * page_sz of the list's file (memseg.c) */
	e->backing.fd_offset = off;
	int fd = li >= 0 && li < (int)cfg->nb_msl ? eal_mem.msl_fd[li] : -1;
	if (fd >= 0) {
		char link[64];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		ssize_t n = readlink(link, e->backing.file, sizeof(e->backing.file) - 1);
		e->backing.file[n > 0 ? n : 0] = '\0';
	}
}

/* ---- heap ---------------------------------------------------------------------------- */
static void explain_small(const struct heap_span *sp, uintptr_t a, struct rte_dplite_explain *e)
{
	const struct heap_seg *seg = (const struct heap_seg *)sp;
	unsigned int si = (unsigned int)((a - (uintptr_t)seg) >> SLAB_SHIFT);
	e->malloc.small = 1;
	if (si == 0)
		return;                   /* slab 0: segment header, slab metas, type bytes */
	const struct heap_slab *s = &seg->slabs[si];
	uint8_t state = __atomic_load_n(&s->state, __ATOMIC_RELAXED);
	if (state == SLAB_FREE || s->bsize == 0) {
		e->malloc.free = 1;       /* slab not carved into blocks: free heap memory */
		e->malloc.block = (void *)slab_base(s);
		e->malloc.size = SLAB_SIZE;
		e->malloc.requested = 0;
		snprintf(e->malloc.type, sizeof(e->malloc.type), "%s", "(free slab)");
		return;
	}
	uint32_t idx = slab_block_index(s, (const void *)a);
	if (idx >= s->capacity)
		return;                   /* slack at the end of the slab */
	e->malloc.block = slab_base(s) + (size_t)idx * s->bsize;
	e->malloc.size = s->bsize;
	e->malloc.requested = s->bsize;
	uint8_t t = __atomic_load_n(&seg->types[si][idx], __ATOMIC_RELAXED);
	if (idx >= s->carved || t == 0 || t == HEAP_TYPE_PENDING) {
		e->malloc.free = 1;
		snprintf(e->malloc.type, sizeof(e->malloc.type), "%s",
			 t == HEAP_TYPE_PENDING ? "(freed by another lcore)" : "(free)");
	} else {
		snprintf(e->malloc.type, sizeof(e->malloc.type), "%s", heap_root_ptr->types[t]);
	}
}

static void explain_large(struct heap_span *sp, uintptr_t a, struct rte_dplite_explain *e)
{
	struct heap_heap *h = &heap_root_ptr->heaps[sp->heap_idx];
	struct lblk *b = span_first_block(sp);
	if (a < (uintptr_t)b)
		return;                   /* span header (and external IOVA table) */
	heap_lock(h);
	while ((uintptr_t)b < (uintptr_t)sp + sp->len && b->state != LB_END && b->size >= LBLK_HDR) {
		if (a < (uintptr_t)b + b->size) {
			e->malloc.block = RTE_PTR_ADD(b, LBLK_HDR);
			e->malloc.size = b->size - LBLK_HDR;
			e->malloc.free = b->state != LB_LIVE;
			if (b->state == LB_LIVE) {
				e->malloc.requested = b->req;
				e->malloc.pid = b->pid;
				e->malloc.memzone_block = (b->dirty & LBLK_F_MEMZONE) != 0;
				snprintf(e->malloc.type, sizeof(e->malloc.type), "%s",
					 heap_root_ptr->types[b->type < HEAP_NTYPES ? b->type : HEAP_TYPE_OTHER]);
			} else {
				snprintf(e->malloc.type, sizeof(e->malloc.type), "%s", "(free)");
			}
			break;
		}
		b = RTE_PTR_ADD(b, b->size);
	}
	heap_unlock(h);
}

int eal_mem_readable(const void *addr, size_t len)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	uintptr_t a = (uintptr_t)addr;
	if (msl != NULL && !msl->external && a + len >= a &&
	    a + len <= (uintptr_t)msl->base_va + msl->len)
		return 1;
	return eal_os_mapped(addr, len);
}

/* The heap span holding addr, reading only memory mapped here.
 * heap_span_of() is not used: for an address the radix does not know it
 * scans every external region's header, and a process that did not attach
 * an external region (dplite-info, any secondary) has nothing mapped there. */
static struct heap_span *span_lookup(const void *addr)
{
	uintptr_t a = (uintptr_t)addr;
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	if (msl != NULL && msl->external) {
		/* an external heap's region starts with its span header (heap_ext.c) */
		struct heap_span *sp = msl->base_va;
		if (!msl->heap || !eal_os_mapped(sp, sizeof(*sp)) ||
		    sp->magic != (SPAN_MAGIC ^ (uintptr_t)sp) || a - (uintptr_t)sp >= sp->len ||
		    !eal_os_mapped(sp, sp->len))
			return NULL;
		return sp;
	}
	if (a >> HEAP_VA_BITS)
		return NULL;
	/* radix only; acquire loads pair with the release stores of radix_set (heap.c) */
	void **leaf = __atomic_load_n(&heap_root_ptr->radix[a >> (HEAP_GRANULE_SHIFT + HEAP_LEAF_BITS)],
				      __ATOMIC_ACQUIRE);
	struct heap_span *sp = leaf == NULL ? NULL :
		__atomic_load_n(&leaf[(a >> HEAP_GRANULE_SHIFT) & ((1u << HEAP_LEAF_BITS) - 1)],
				__ATOMIC_ACQUIRE);
	return sp != NULL && a - (uintptr_t)sp < sp->len ? sp : NULL;
}

static void explain_heap(const void *addr, struct rte_dplite_explain *e)
{
	if (heap_root_ptr == NULL)
		return;
	struct heap_span *sp = span_lookup(addr);
	if (sp == NULL)
		return;
	const struct heap_heap *h = &heap_root_ptr->heaps[sp->heap_idx];
	e->layers |= RTE_DPLITE_EXPLAIN_MALLOC;
	e->malloc.span = sp;
	e->malloc.span_len = sp->len;
	e->malloc.heap_idx = (int32_t)sp->heap_idx;
	e->malloc.socket_id = h->socket_id;
	snprintf(e->malloc.heap_name, sizeof(e->malloc.heap_name), "%s", h->name);
	snprintf(e->malloc.type, sizeof(e->malloc.type), "%s", "(heap metadata)");
	if (sp->kind == SPAN_SMALL)
		explain_small(sp, (uintptr_t)addr, e);
	else
		explain_large(sp, (uintptr_t)addr, e);
}

/* ---- memzone ------------------------------------------------------------------------- */
struct mz_find { uintptr_t a; struct rte_dplite_explain *e; };
static void mz_find_cb(const struct rte_memzone *mz, void *arg)
{
	struct mz_find *f = arg;
	if (f->a < (uintptr_t)mz->addr || f->a - (uintptr_t)mz->addr >= mz->len ||
	    (f->e->layers & RTE_DPLITE_EXPLAIN_MEMZONE))
		return;
	f->e->layers |= RTE_DPLITE_EXPLAIN_MEMZONE;
	snprintf(f->e->memzone.name, sizeof(f->e->memzone.name), "%s", mz->name);
	f->e->memzone.addr = mz->addr;
	f->e->memzone.len = mz->len;
	f->e->memzone.socket_id = mz->socket_id;
	f->e->memzone.hugepage_sz = mz->hugepage_sz;
	f->e->memzone.iova = mz->iova;
}

int eal_mem_explain(const void *addr, struct rte_dplite_explain *e)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (e == NULL)
		return -EINVAL;
	memset(e, 0, sizeof(*e));
	e->addr = addr;
	e->iova = RTE_BAD_IOVA;
	e->phys_addr = RTE_BAD_IOVA;
	e->memseg.iova = RTE_BAD_IOVA;
	e->memzone.iova = RTE_BAD_IOVA;
	e->mempool.cache_lcore = -1;
	if (cfg == NULL)
		return -ENODEV;
	uintptr_t a = (uintptr_t)addr;
	if (a >= cfg->cfg_va && a < cfg->cfg_va + cfg->cfg_len) {
		e->layers |= RTE_DPLITE_EXPLAIN_CONFIG | RTE_DPLITE_EXPLAIN_BACKING;
		e->backing.kind = RTE_DPLITE_BACKING_MEMFD;
		e->backing.fd_offset = a - cfg->cfg_va;
		if (eal_mem.cfg_fd >= 0) {
			char link[64];
			snprintf(link, sizeof(link), "/proc/self/fd/%d", eal_mem.cfg_fd);
			ssize_t n = readlink(link, e->backing.file, sizeof(e->backing.file) - 1);
			e->backing.file[n > 0 ? n : 0] = '\0';
		}
	}
	explain_pages(cfg, addr, e);
	explain_heap(addr, e);
	struct mz_find f = { a, e };
	if (e->layers & RTE_DPLITE_EXPLAIN_MALLOC)
		rte_memzone_walk(mz_find_cb, &f);
	if (e->layers == 0)
		return -ENOENT;
	/* rte_malloc_virt2iova reads the span (heap_span_of): only where it is ours */
	if ((e->layers & RTE_DPLITE_EXPLAIN_MALLOC) && !e->msl.external)
		e->iova = rte_malloc_virt2iova(addr);
	else if (e->layers & RTE_DPLITE_EXPLAIN_MALLOC)
		e->iova = e->memseg.iova == RTE_BAD_IOVA ? RTE_BAD_IOVA :
			  e->memseg.iova + RTE_PTR_DIFF(addr, e->memseg.addr);
	else if (e->layers & RTE_DPLITE_EXPLAIN_MEMSEG)
		e->iova = rte_mem_virt2iova(addr);
	if (e->layers & (RTE_DPLITE_EXPLAIN_MEMSEG | RTE_DPLITE_EXPLAIN_CONFIG)) {
		e->phys_addr = eal_os_virt2phy(addr);
		if (e->phys_addr == RTE_BAD_IOVA && (e->layers & RTE_DPLITE_EXPLAIN_MEMSEG) &&
		    eal_mem_readable(addr, 1)) {
			/* a shared page another process wrote is not in our page
			 * table until we touch it: read one byte, then ask again */
			(void)*(const volatile char *)addr;
			e->phys_addr = eal_os_virt2phy(addr);
		}
		if (e->phys_addr != RTE_BAD_IOVA)
			e->layers |= RTE_DPLITE_EXPLAIN_PHYS;
	}
	return 0;
}

/* ---- limits -------------------------------------------------------------------------- */
struct lim_out {
	struct rte_dplite_limit *tab;
	unsigned int cap, n;
};

static void lim(struct lim_out *o, const char *name, const char *unit, uint64_t max, uint64_t used,
		uint64_t hits, int compile_time, const char *note)
{
	if (o->n < o->cap) {
		struct rte_dplite_limit *l = &o->tab[o->n];
		memset(l, 0, sizeof(*l));
		snprintf(l->name, sizeof(l->name), "%s", name);
		snprintf(l->unit, sizeof(l->unit), "%s", unit);
		l->max = max;
		l->used = used;
		l->hits = hits;
		l->compile_time = compile_time;
		snprintf(l->note, sizeof(l->note), "%s", note);
	}
	o->n++;
}

static uint64_t hits_of(const struct eal_mem_config *cfg, enum eal_limit_hit k)
{
	return __atomic_load_n(&cfg->limit_hits[k], __ATOMIC_RELAXED);
}

int eal_mem_limits(struct rte_dplite_limit *tab, unsigned int cap)
{
	struct eal_mem_config *cfg = eal_mcfg();
	struct lim_out o = { tab, cap, 0 };
	char name[48], note[96];
	if (cfg == NULL)
		return -ENODEV;

	/* pages: the lists, each list, per page size, per socket, total */
	lim(&o, "memseg lists", "count", EAL_MAX_MSL, cfg->nb_msl, UINT64_MAX, 1,
	    "EAL_MAX_MSL; DPDK: RTE_MAX_MEMSEG_LISTS 128");
	uint32_t n_ext = 0;
	for (unsigned int i = 0; i < EAL_MAX_EXT_MSL; i++)
		n_ext += __atomic_load_n(&cfg->ext_msl[i].base_va, __ATOMIC_ACQUIRE) != NULL;
	lim(&o, "external memseg lists", "count", EAL_MAX_EXT_MSL, n_ext,
	    hits_of(cfg, EAL_HIT_EXT_MSL), 1, "rte_extmem_register + external heap regions");
	eal_rwlock_read_lock(&cfg->mem_lock);
	uint64_t type_pg[EAL_MAX_MSL], type_len[EAL_MAX_MSL], type_used[EAL_MAX_MSL];
	unsigned int ntype = 0;
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		const struct rte_memseg_list *msl = &cfg->msl[i];
		uint64_t used = (uint64_t)msl->memseg_arr.count * msl->page_sz;
		snprintf(name, sizeof(name), "msl %u segments", i);
		snprintf(note, sizeof(note), "%" PRIu64 " kB pages, socket %d; DPDK: RTE_MAX_MEMSEG_PER_LIST %d",
			 msl->page_sz >> 10, msl->socket_id, RTE_MAX_MEMSEG_PER_LIST);
		lim(&o, name, "pages", msl->memseg_arr.len, msl->memseg_arr.count, UINT64_MAX, 0, note);
		snprintf(name, sizeof(name), "msl %u memory", i);
		snprintf(note, sizeof(note), "VA reserved at %p; DPDK: RTE_MAX_MEM_MB_PER_LIST %d",
			 msl->base_va, RTE_MAX_MEM_MB_PER_LIST);
		lim(&o, name, "bytes", msl->len, used, UINT64_MAX, 0, note);
		unsigned int t;
		for (t = 0; t < ntype && type_pg[t] != msl->page_sz; t++)
			;
		if (t == ntype) {
			type_pg[t] = msl->page_sz;
			type_len[t] = type_used[t] = 0;
			ntype++;
		}
		type_len[t] += msl->len;
		type_used[t] += used;
	}
	for (unsigned int t = 0; t < ntype; t++) {
		snprintf(name, sizeof(name), "memory of %" PRIu64 " kB pages", type_pg[t] >> 10);
		snprintf(note, sizeof(note), "all lists of this page size; DPDK: RTE_MAX_MEM_MB_PER_TYPE %d",
			 RTE_MAX_MEM_MB_PER_TYPE);
		lim(&o, name, "bytes", type_len[t], type_used[t], UINT64_MAX, 0, note);
	}
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		bool has = false;
		for (uint32_t i = 0; i < cfg->nb_msl; i++)
			has |= cfg->msl[i].socket_id == s;
		if (!has)
			continue;
		snprintf(name, sizeof(name), "memory on socket %d", s);
		lim(&o, name, "bytes", cfg->limit_socket[s], cfg->mapped_socket[s], UINT64_MAX, 0,
		    "--socket-limit (no limit: UINT64_MAX)");
	}
	lim(&o, "memory, all sockets", "bytes", cfg->limit_total, cfg->mapped_total,
	    hits_of(cfg, EAL_HIT_MEM_LIMIT), 0, "-m / --socket-limit; hits: refused at the limit");
	eal_rwlock_read_unlock(&cfg->mem_lock);
	lim(&o, "kernel pages", "requests", UINT64_MAX, 0, hits_of(cfg, EAL_HIT_MEM_SHORT), 0,
	    "hits: the kernel had no page (hugepage or cgroup shortage)");
	lim(&o, "memseg list address space", "requests", UINT64_MAX, 0, hits_of(cfg, EAL_HIT_MEM_VA), 0,
	    "hits: no list had room (or a run of free pages) for a request");

	/* memzones */
	lim(&o, "memzones", "count", cfg->mz_cap, __atomic_load_n(&cfg->mz_count, __ATOMIC_RELAXED),
	    hits_of(cfg, EAL_HIT_MZ_TABLE), 1, "EAL_MZ_CAP; DPDK: RTE_MAX_MEMZONE 2560");

	/* heaps */
	struct heap_root *r = heap_root_ptr;
	if (r != NULL) {
		uint32_t nheaps = 0, nexth = 0;
		for (unsigned int i = 0; i < RTE_MAX_HEAPS; i++) {
			nheaps += r->heaps[i].in_use != 0;
			nexth += r->heaps[i].in_use && r->heaps[i].external;
		}
		lim(&o, "heaps", "count", RTE_MAX_HEAPS, nheaps, hits_of(cfg, EAL_HIT_HEAPS), 1,
		    "RTE_MAX_HEAPS: socket heaps + external heaps");
		lim(&o, "external heaps", "count", RTE_MAX_HEAPS - (nheaps - nexth), nexth,
		    hits_of(cfg, EAL_HIT_HEAPS), 1,
		    "rte_malloc_heap_create: the heap slots the socket heaps leave");
		snprintf(note, sizeof(note), "%u external heap(s); HEAP_MAX_EXT_REGIONS", nexth);
		lim(&o, "external heap regions", "count", HEAP_MAX_EXT_REGIONS,
		    __atomic_load_n(&r->n_ext, __ATOMIC_RELAXED), hits_of(cfg, EAL_HIT_EXT_REGIONS), 1,
		    note);
		lim(&o, "rte_malloc type names", "count", HEAP_TYPE_OTHER - HEAP_TYPE_NONE - 1,
		    r->ntypes > HEAP_TYPE_NONE + 1 ? r->ntypes - HEAP_TYPE_NONE - 1 : 0,
		    hits_of(cfg, EAL_HIT_TYPES), 1, "more names are counted as \"(other)\"");
		for (unsigned int i = 0; i < RTE_MAX_HEAPS; i++) {
			const struct heap_heap *h = &r->heaps[i];
			if (!h->in_use)
				continue;
			snprintf(name, sizeof(name), "heap %u (%s) size", i, h->name);
			snprintf(note, sizeof(note), "socket %d; grows from the memseg lists%s",
				 h->socket_id, h->external ? " (external: its regions only)" : "");
			lim(&o, name, "bytes", UINT64_MAX, h->total_bytes, UINT64_MAX, 0, note);
		}
	}
	return (int)o.n;
}
