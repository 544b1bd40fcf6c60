/* SPDX-License-Identifier: BSD-3-Clause
 * Memory segments: the pages behind the heap, grouped in memseg lists.
 *
 * Each list is one fixed virtual range [base_va, base_va + len) holding pages
 * of one size on one NUMA socket, backed by one memfd (eal_mem.msl_fd[i]) in
 * which page i lives at offset i * page_sz. Every process maps the whole
 * range from the memfd (MAP_NORESERVE, mem_attach.c), so the file decides
 * which pages exist: mapping page i = fallocate that file range (a shortage
 * fails here, never later as SIGBUS) + an mmap MAP_FIXED|MAP_POPULATE of it
 * to pre-fault it here. Unmapping = FALLOC_FL_PUNCH_HOLE, which returns the
 * page to the kernel at once and removes it from every process.
 *
 * Per page two bits, both in the shared config:
 *   used  (the rte_fbarray bitmap): the page is mapped; walks report it.
 *   given (cfg->given[i]): the page belongs to the heap.
 * Dynamic mode keeps used == given. --legacy-mem maps the -m/--socket-mem
 * amount at start-up (used, not given) and eal_pages_free only clears
 * "given", so nothing is ever unmapped.
 *
 * Invariants (all under cfg->mem_lock held for writing when changed):
 *   used[p] <=> the memseg entry p is filled and the file holds page p;
 *   given[p] => used[p];
 *   cfg->mapped_socket[s] = sum of page_sz over used pages on socket s;
 *   cfg->mapped_total <= limit_total, mapped_socket[s] <= limit_socket[s].
 * Mem event callbacks run with mem_lock held for writing; the lock is
 * recursive for its writer, so a callback may use any walk. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <rte_memory.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include "eal_mem.h"
#include "eal_memalloc.h"
#include "os_cgroup.h"

/* ---- bitmaps ---------------------------------------------------------------- */
static inline bool bit_get(const uint64_t *b, size_t i) { return (b[i >> 6] >> (i & 63)) & 1; }
static inline void bit_set(uint64_t *b, size_t i) { b[i >> 6] |= 1ULL << (i & 63); }
static inline void bit_clr(uint64_t *b, size_t i) { b[i >> 6] &= ~(1ULL << (i & 63)); }

static inline struct rte_memseg *msl_seg(const struct rte_memseg_list *msl, size_t i)
{
	return (struct rte_memseg *)msl->memseg_arr.data + i;
}
static inline uint64_t *msl_used(const struct rte_memseg_list *msl)
{
	return (uint64_t *)RTE_PTR_ADD(msl->memseg_arr.data,
				       RTE_ALIGN_CEIL((size_t)msl->memseg_arr.len * sizeof(struct rte_memseg), 8));
}
static inline size_t bitmap_bytes(size_t n) { return RTE_ALIGN_CEIL(n, 64) / 8; }

int eal_msl_index(const struct rte_memseg_list *msl)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || msl < cfg->msl || msl >= cfg->msl + cfg->nb_msl)
		return -1;
	return (int)(msl - cfg->msl);
}

/* ---- mem event callbacks and validators (process-local: they hold function
 * pointers, which mean nothing in another process) ----------------------------- */
struct mem_cb {
	char name[RTE_MEM_EVENT_CALLBACK_NAME_LEN];
	rte_mem_event_callback_t fn;
	void *arg;
	struct mem_cb *next;
};
struct mem_validator {
	char name[RTE_MEM_EVENT_CALLBACK_NAME_LEN];
	rte_mem_alloc_validator_t fn;
	int socket_id;
	size_t limit;
	struct mem_validator *next;
};
static pthread_mutex_t cb_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mem_cb *cb_list;
static struct mem_validator *val_list;

static __thread int in_notify;   /* callbacks may not (un)register: EDEADLK */

static void notify(enum rte_mem_event ev, const void *addr, size_t len)
{
	pthread_mutex_lock(&cb_lock);
	in_notify++;
	for (struct mem_cb *c = cb_list; c; c = c->next)
		c->fn(ev, addr, len, c->arg);
	in_notify--;
	pthread_mutex_unlock(&cb_lock);
}

static int refuse_in_notify(const char *what)
{
	if (!in_notify)
		return 0;
	EAL_LOG(ERR, "%s: not allowed from inside a mem event callback\n", what);
	rte_errno = EDEADLK;
	return -1;
}

int rte_mem_event_callback_register(const char *name, rte_mem_event_callback_t clb, void *arg)
{
	if (name == NULL || clb == NULL ||
	    strnlen(name, RTE_MEM_EVENT_CALLBACK_NAME_LEN) >= RTE_MEM_EVENT_CALLBACK_NAME_LEN) {
		EAL_LOG(ERR, "mem event callback: bad name or NULL callback\n");
		rte_errno = EINVAL;
		return -1;
	}
	if (eal.opt.legacy_mem) {
		EAL_LOG(ERR, "mem event callbacks are not supported with --legacy-mem\n");
		rte_errno = ENOTSUP;
		return -1;
	}
	if (refuse_in_notify("rte_mem_event_callback_register"))
		return -1;
	pthread_mutex_lock(&cb_lock);
	for (struct mem_cb *c = cb_list; c; c = c->next)
		if (strcmp(c->name, name) == 0 && c->arg == arg) {
			pthread_mutex_unlock(&cb_lock);
			EAL_LOG(ERR, "mem event callback '%s' already registered\n", name);
			rte_errno = EEXIST;
			return -1;
		}
	struct mem_cb *c = calloc(1, sizeof(*c));
	if (c == NULL) {
		pthread_mutex_unlock(&cb_lock);
		rte_errno = ENOMEM;
		return -1;
	}
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->fn = clb;
	c->arg = arg;
	struct mem_cb **pp = &cb_list;   /* keep registration order */
	while (*pp)
		pp = &(*pp)->next;
	*pp = c;
	pthread_mutex_unlock(&cb_lock);
	return 0;
}

int rte_mem_event_callback_unregister(const char *name, void *arg)
{
	if (name == NULL) {
		EAL_LOG(ERR, "mem event callback unregister: NULL name\n");
		rte_errno = EINVAL;
		return -1;
	}
	if (eal.opt.legacy_mem) {
		rte_errno = ENOTSUP;
		return -1;
	}
	if (refuse_in_notify("rte_mem_event_callback_unregister"))
		return -1;
	pthread_mutex_lock(&cb_lock);
	for (struct mem_cb **pp = &cb_list; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->name, name) == 0 && (*pp)->arg == arg) {
			struct mem_cb *c = *pp;
			*pp = c->next;
			pthread_mutex_unlock(&cb_lock);
			free(c);
			return 0;
		}
	pthread_mutex_unlock(&cb_lock);
	rte_errno = ENOENT;
	return -1;
}

int rte_mem_alloc_validator_register(const char *name, rte_mem_alloc_validator_t clb,
				     int socket_id, size_t limit)
{
	if (name == NULL || clb == NULL || socket_id < 0 || socket_id >= RTE_MAX_NUMA_NODES ||
	    strnlen(name, RTE_MEM_EVENT_CALLBACK_NAME_LEN) >= RTE_MEM_EVENT_CALLBACK_NAME_LEN) {
		EAL_LOG(ERR, "mem alloc validator: bad name, callback or socket\n");
		rte_errno = EINVAL;
		return -1;
	}
	if (eal.opt.legacy_mem) {
		rte_errno = ENOTSUP;
		return -1;
	}
	pthread_mutex_lock(&cb_lock);
	for (struct mem_validator *v = val_list; v; v = v->next)
		if (strcmp(v->name, name) == 0 && v->socket_id == socket_id) {
			pthread_mutex_unlock(&cb_lock);
			rte_errno = EEXIST;
			return -1;
		}
	struct mem_validator *v = calloc(1, sizeof(*v));
	if (v == NULL) {
		pthread_mutex_unlock(&cb_lock);
		rte_errno = ENOMEM;
		return -1;
	}
	snprintf(v->name, sizeof(v->name), "%s", name);
	v->fn = clb;
	v->socket_id = socket_id;
	v->limit = limit;
	v->next = val_list;
	val_list = v;
	pthread_mutex_unlock(&cb_lock);
	return 0;
}

int rte_mem_alloc_validator_unregister(const char *name, int socket_id)
{
	if (name == NULL || socket_id < 0 || socket_id >= RTE_MAX_NUMA_NODES) {
		rte_errno = EINVAL;
		return -1;
	}
	if (eal.opt.legacy_mem) {
		rte_errno = ENOTSUP;
		return -1;
	}
	pthread_mutex_lock(&cb_lock);
	for (struct mem_validator **pp = &val_list; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->name, name) == 0 && (*pp)->socket_id == socket_id) {
			struct mem_validator *v = *pp;
			*pp = v->next;
			pthread_mutex_unlock(&cb_lock);
			free(v);
			return 0;
		}
	pthread_mutex_unlock(&cb_lock);
	rte_errno = ENOENT;
	return -1;
}

/* Would growing socket s to new_total be vetoed by a validator? */
static bool validators_deny(int s, uint64_t new_total)
{
	bool deny = false;
	pthread_mutex_lock(&cb_lock);
	for (struct mem_validator *v = val_list; v && !deny; v = v->next)
		if (v->socket_id == s && new_total > v->limit &&
		    v->fn(s, v->limit, (size_t)new_total) < 0)
			deny = true;
	pthread_mutex_unlock(&cb_lock);
	return deny;
}

static void cleanup_callbacks(void)
{
	pthread_mutex_lock(&cb_lock);
	while (cb_list) {
		struct mem_cb *c = cb_list;
		cb_list = c->next;
		free(c);
	}
	while (val_list) {
		struct mem_validator *v = val_list;
		val_list = v->next;
		free(v);
	}
	pthread_mutex_unlock(&cb_lock);
}

/* ---- mapping and unmapping pages ------------------------------------------------- */
/* Unmap pages [first, first+n) of list i (all used), punch them out of the
 * file, clear their memsegs. Caller holds mem_lock for writing. */
static void unmap_pages(int i, size_t first, size_t n)
{
	struct eal_mem_config *cfg = eal_mcfg();
	struct rte_memseg_list *msl = &cfg->msl[i];
	size_t pg = msl->page_sz;
	void *va = RTE_PTR_ADD(msl->base_va, first * pg);
	/* The range stays mapped from the memfd (every process maps whole
	 * lists, see mem_attach.c); punching the file frees the pages in all
	 * of them at once. */
	(void)va;
	if (eal_os_punch(eal_mem.msl_fd[i], first * pg, n * pg) < 0)
		EAL_LOG(ERR, "cannot release %zu bytes of memseg list %d\n", n * pg, i);
	uint64_t *used = msl_used(msl);
	for (size_t p = first; p < first + n; p++) {
		memset(msl_seg(msl, p), 0, sizeof(struct rte_memseg));
		bit_clr(used, p);
	}
	msl->memseg_arr.count -= (unsigned int)n;
	cfg->mapped_total -= n * pg;
	cfg->mapped_socket[msl->socket_id] -= n * pg;
}

/* Map pages [first, first+n) of list i (all unused). 0 or -errno (no log). */
static int map_pages(int i, size_t first, size_t n)
{
	struct eal_mem_config *cfg = eal_mcfg();
	struct rte_memseg_list *msl = &cfg->msl[i];
	size_t pg = msl->page_sz;
	void *va = RTE_PTR_ADD(msl->base_va, first * pg);
	int fd = eal_mem.msl_fd[i];
	bool bound = false;
	int rc;

	for (uint32_t k = 0; k < cfg->nb_msl && !bound; k++)   /* several sockets: place it */
		if (cfg->msl[k].socket_id != msl->socket_id)
			bound = eal_os_bind_node(msl->socket_id) == 0;
	rc = eal_os_falloc(fd, first * pg, n * pg);
	if (rc < 0)   /* fallocate is not atomic: drop what it did allocate */
		eal_os_punch(fd, first * pg, n * pg);
	if (rc == 0) {
		rc = eal_os_map_fixed(va, n * pg, fd, first * pg);
		if (rc < 0)
			eal_os_punch(fd, first * pg, n * pg);
	}
	if (bound)
		eal_os_unbind();
	if (rc < 0)
		return rc;
	uint64_t *used = msl_used(msl);
	bool pa = cfg->iova_mode == RTE_IOVA_PA;
	for (size_t p = first; p < first + n; p++) {
		struct rte_memseg *ms = msl_seg(msl, p);
		void *a = RTE_PTR_ADD(msl->base_va, p * pg);
		ms->addr = a;
		ms->len = pg;
		ms->hugepage_sz = pg;
		ms->socket_id = msl->socket_id;
		ms->nchannel = cfg->nchannel;
		ms->nrank = cfg->nrank;
		ms->flags = cfg->legacy_mem ? RTE_MEMSEG_FLAG_DO_NOT_FREE : 0;
		ms->iova = pa ? eal_os_virt2phy(a) : (rte_iova_t)(uintptr_t)a;
		bit_set(used, p);
	}
	msl->memseg_arr.count += (unsigned int)n;
	cfg->mapped_total += n * pg;
	cfg->mapped_socket[msl->socket_id] += n * pg;
	return 0;
}

/* Find n free ("not given") pages in list i starting at a page whose address
 * is a multiple of align. Returns the first index or SIZE_MAX. */
static size_t find_run(int i, size_t n, size_t align)
{
	struct eal_mem_config *cfg = eal_mcfg();
	struct rte_memseg_list *msl = &cfg->msl[i];
	const uint64_t *given = cfg->given[i];
	size_t pg = msl->page_sz, cap = msl->memseg_arr.len;
	uintptr_t base = (uintptr_t)msl->base_va;
	size_t start = (RTE_ALIGN_CEIL(base, align) - base) / pg;
	size_t stride = align > pg ? align / pg : 1;

	size_t idx = start;
	while (idx + n <= cap) {
		size_t j = idx;
		while (j < idx + n) {
			if ((j & 63) == 0 && j + 64 <= idx + n && given[j >> 6] == 0) {
				j += 64;
				continue;
			}
			if (bit_get(given, j))
				break;
			j++;
		}
		if (j >= idx + n)
			return idx;
		/* page j is taken: next candidate starts after it, on the stride */
		idx = start + RTE_ALIGN_CEIL(j + 1 - start, stride);
	}
	return SIZE_MAX;
}

/* Pages of [first, first+n) not yet mapped. */
static size_t count_unmapped(const struct rte_memseg_list *msl, size_t first, size_t n)
{
	const uint64_t *used = msl_used(msl);
	size_t c = 0;
	for (size_t p = first; p < first + n; p++)
		c += !bit_get(used, p);
	return c;
}

static uint64_t remaining(uint64_t limit, uint64_t used)
{
	return limit == UINT64_MAX ? UINT64_MAX : (limit > used ? limit - used : 0);
}

enum try_result { TRY_OK, TRY_NO_VA, TRY_LIMIT, TRY_SHORT, TRY_DMA_MASK, TRY_NOT_CONTIG };

/* Do pages [first, first+n) of msl all fit under the DMA mask (if any)? */
static bool fits_dma_mask(const struct rte_memseg_list *msl, size_t first, size_t n)
{
	uint32_t bits = eal_mcfg()->dma_maskbits;
	if (bits == 0 || bits >= 64)
		return true;
	for (size_t k = first; k < first + n; k++) {
		const struct rte_memseg *ms = msl_seg(msl, k);
		if (ms->iova != RTE_BAD_IOVA && ((ms->iova + ms->len - 1) >> bits) != 0)
			return false;
	}
	return true;
}

/* Try to hand out n pages of list i. */
static enum try_result try_list(int i, size_t n, size_t align, unsigned int flags,
				struct eal_page_span *out)
{
	struct eal_mem_config *cfg = eal_mcfg();
	struct rte_memseg_list *msl = &cfg->msl[i];
	size_t pg = msl->page_sz;
	int s = msl->socket_id;
	size_t first = find_run(i, n, RTE_MAX(align, pg));
	if (first == SIZE_MAX)
		return TRY_NO_VA;
	uint64_t need = count_unmapped(msl, first, n) * pg;
	if (need > remaining(cfg->limit_total, cfg->mapped_total) ||
	    need > remaining(cfg->limit_socket[s], cfg->mapped_socket[s]))
		return TRY_LIMIT;
	if (need && validators_deny(s, cfg->mapped_socket[s] + need))
		return TRY_LIMIT;
	/* A hugepage pool that is obviously too small fails fast here instead of
	 * fallocate transiently draining it (other processes would see ENOMEM). */
	if (need && cfg->has_hugepages) {
		long hp = eal_hugepage_free_count(pg, s);
		if (hp >= 0 && need > (uint64_t)hp * pg)
			return TRY_SHORT;
	}

	/* Dynamic mode: not given == unmapped, so the run is one unmapped range.
	 * Legacy mode: map the unmapped sub-runs; if one fails, those already
	 * mapped stay (used, not given) for later calls, as legacy never unmaps. */
	const uint64_t *used = msl_used(msl);
	for (size_t p = first; p < first + n;) {
		if (bit_get(used, p)) {
			p++;
			continue;
		}
		size_t q = p;
		while (q < first + n && !bit_get(used, q))
			q++;
		if (map_pages(i, p, q - p) < 0)
			return TRY_SHORT;
		p = q;
	}
	void *va = RTE_PTR_ADD(msl->base_va, first * pg);
	rte_iova_t iova = msl_seg(msl, first)->iova;
	if (cfg->iova_mode == RTE_IOVA_PA) {
		for (size_t k = 1; k < n && iova != RTE_BAD_IOVA; k++)
			if (msl_seg(msl, first + k)->iova != iova + k * pg)
				iova = RTE_BAD_IOVA;
		if (iova == RTE_BAD_IOVA && (flags & EAL_PAGES_F_IOVA_CONTIG)) {
			if (!cfg->legacy_mem)
				unmap_pages(i, first, n);
			return TRY_NOT_CONTIG;
		}
	}
	if (!fits_dma_mask(msl, first, n)) {
		if (!cfg->legacy_mem)
			unmap_pages(i, first, n);
		return TRY_DMA_MASK;
	}
	/* out first: a caller that keeps it in shared memory (the heap's
	 * transit record) then always knows about pages marked given below,
	 * even if it is killed before we return */
	out->len = n * pg;
	out->page_sz = pg;
	out->socket_id = s;
	out->iova = iova;
	__atomic_store_n(&out->addr, va, __ATOMIC_RELEASE);
	for (size_t k = first; k < first + n; k++) {
		if (cfg->legacy_mem)   /* premapped pages may hold an earlier user's data */
			memset(RTE_PTR_ADD(msl->base_va, k * pg), 0, pg);
		bit_set(cfg->given[i], k);
	}
	cfg->nb_given[i] += (uint32_t)n;
	__atomic_fetch_add(&msl->version, 1, __ATOMIC_RELEASE);
	if (need)
		notify(RTE_MEM_EVENT_ALLOC, va, n * pg);
	return TRY_OK;
}

size_t eal_pages_default_size(void)
{
	struct eal_mem_config *cfg = eal_mcfg();
	return cfg ? cfg->default_page_sz : eal_os_page_size();
}

/* Bytes still obtainable on socket s with pages of pg (for the ENOMEM line). */
static uint64_t free_bytes(int s, size_t pg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	uint64_t f = RTE_MIN(remaining(cfg->limit_total, cfg->mapped_total),
			     remaining(cfg->limit_socket[s], cfg->mapped_socket[s]));
	if (cfg->has_hugepages) {
		long hp = eal_hugepage_free_count(pg, s);
		if (hp >= 0)
			f = RTE_MIN(f, (uint64_t)hp * pg);
	}
	return f;
}

/* Did the kernel refuse pages because a cgroup limit is (nearly) reached? */
static bool cgroup_full(size_t pg, size_t len, struct eal_cgroup_limit *cg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (pg == 0 || eal_os_cgroup_limit(pg, cfg->has_hugepages, cg) < 0)
		return false;
	return cg->usage + RTE_ALIGN_CEIL(len, pg) > cg->limit;
}

int eal_pages_alloc(size_t len, size_t align, int socket_id, unsigned int flags,
		    size_t want_page_sz, struct eal_page_span *out)
{
	struct eal_cgroup_limit cg;
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || out == NULL || len == 0 || (align && !rte_is_power_of_2(align)) ||
	    (socket_id != SOCKET_ID_ANY && (socket_id < 0 || socket_id >= RTE_MAX_NUMA_NODES)) ||
	    ((flags & EAL_PAGES_F_PAGE_SZ) && want_page_sz == 0)) {
		EAL_LOG(ERR, "eal_pages_alloc: invalid arguments (len %zu align %zu socket %d)\n",
			len, align, socket_id);
		return -EINVAL;
	}
	int pref = socket_id;
	if (pref == SOCKET_ID_ANY) {
		unsigned int sk = rte_socket_id();
		pref = sk < RTE_MAX_NUMA_NODES ? (int)sk : 0;
	}
	enum try_result worst = TRY_NO_VA;
	size_t tried_pg = 0;
	int tried_sock = pref;
	bool any_list = false;

	eal_rwlock_write_lock(&cfg->mem_lock);
	/* pass 0: preferred socket, pass 1: the others (SOCKET_ID_ANY only);
	 * within a pass: the default page size first, then the others. */
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && socket_id != SOCKET_ID_ANY)
			break;
		for (int want_default = 1; want_default >= 0; want_default--) {
			for (uint32_t i = 0; i < cfg->nb_msl; i++) {
				struct rte_memseg_list *msl = &cfg->msl[i];
				if ((msl->socket_id == pref) != (pass == 0))
					continue;
				if ((msl->page_sz == cfg->default_page_sz) != (want_default == 1))
					continue;
				if ((flags & EAL_PAGES_F_PAGE_SZ) && msl->page_sz != want_page_sz)
					continue;
				any_list = true;
				size_t n = RTE_ALIGN_CEIL(len, (size_t)msl->page_sz) / msl->page_sz;
				if (len > msl->len)
					continue;
				enum try_result r = try_list((int)i, n, align, flags, out);
				if (r == TRY_OK) {
					eal_rwlock_write_unlock(&cfg->mem_lock);
					return 0;
				}
				if (r >= worst) {
					worst = r;
					tried_pg = msl->page_sz;
					tried_sock = msl->socket_id;
				}
			}
		}
	}
	uint64_t fb = tried_pg ? free_bytes(tried_sock, tried_pg) : 0;
	if (any_list && worst != TRY_NOT_CONTIG && worst != TRY_DMA_MASK)
		eal_limit_hit(cfg, worst == TRY_LIMIT ? EAL_HIT_MEM_LIMIT :
			      worst == TRY_SHORT ? EAL_HIT_MEM_SHORT : EAL_HIT_MEM_VA);
	eal_rwlock_write_unlock(&cfg->mem_lock);

	if (!any_list)
		EAL_LOG(ERR, "cannot allocate %zu bytes: no memory of page size %zu on socket %d\n",
			len, want_page_sz ? want_page_sz : (size_t)cfg->default_page_sz, socket_id);
	else if (worst == TRY_NOT_CONTIG)
		EAL_LOG(DEBUG, "cannot allocate %zu IOVA-contiguous bytes: pages are not "
			"physically contiguous\n", len);
	else if (worst == TRY_SHORT && cgroup_full(tried_pg, len, &cg))
		EAL_LOG(ERR, "cannot allocate %zu bytes on socket %d: needed %zu kB; the %s cgroup "
			"limit is reached (%s: limit %" PRIu64 " kB, %" PRIu64 " kB in use)\n", len,
			tried_sock, RTE_ALIGN_CEIL(len, tried_pg) >> 10,
			cfg->has_hugepages ? "hugetlb" : "memory", cg.cgroup, cg.limit >> 10,
			cg.usage >> 10);
	else
		EAL_LOG(ERR, "cannot allocate %zu bytes on socket %d: needed %zu kB, %" PRIu64
			" kB free (%s)\n", len, tried_sock,
			RTE_ALIGN_CEIL(len, tried_pg ? tried_pg : 4096) >> 10, fb >> 10,
			worst == TRY_LIMIT ? "memory limit reached" :
			worst == TRY_SHORT ? "the kernel has no more pages" :
			worst == TRY_DMA_MASK ? "pages above the DMA mask" :
			"address space of the memseg lists exhausted");
	return -ENOMEM;
}

int eal_pages_free(void *addr, size_t len)
{
	struct eal_mem_config *cfg = eal_mcfg();
	struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	if (cfg == NULL || msl == NULL || len == 0) {
		EAL_LOG(ERR, "eal_pages_free: %p is not in a memseg list\n", addr);
		return -EINVAL;
	}
	int i = eal_msl_index(msl);
	size_t pg = msl->page_sz;
	size_t off = RTE_PTR_DIFF(addr, msl->base_va);
	if (off % pg || len % pg || len > msl->len - off) {
		EAL_LOG(ERR, "eal_pages_free: %p+%zu is not whole pages of list %d\n", addr, len, i);
		return -EINVAL;
	}
	size_t first = off / pg, n = len / pg;
	eal_rwlock_write_lock(&cfg->mem_lock);
	for (size_t p = first; p < first + n; p++)
		if (!bit_get(cfg->given[i], p)) {
			eal_rwlock_write_unlock(&cfg->mem_lock);
			EAL_LOG(ERR, "eal_pages_free: page %p was not allocated\n",
				RTE_PTR_ADD(msl->base_va, p * pg));
			return -EINVAL;
		}
	for (size_t p = first; p < first + n; p++)
		bit_clr(cfg->given[i], p);
	cfg->nb_given[i] -= (uint32_t)n;
	if (!cfg->legacy_mem) {
		/* callbacks see the memory while it is still mapped */
		notify(RTE_MEM_EVENT_FREE, addr, len);
		unmap_pages(i, first, n);
	}
	__atomic_fetch_add(&msl->version, 1, __ATOMIC_RELEASE);
	eal_rwlock_write_unlock(&cfg->mem_lock);
	return 0;
}

int eal_pages_owned(void *addr, size_t len)
{
	struct eal_mem_config *cfg = eal_mcfg();
	struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	if (cfg == NULL || msl == NULL || len == 0)
		return 0;
	int i = eal_msl_index(msl);
	size_t pg = msl->page_sz, off = RTE_PTR_DIFF(addr, msl->base_va);
	if (off % pg || len % pg || len > msl->len - off)
		return 0;
	int all = 1;
	eal_rwlock_write_lock(&cfg->mem_lock);
	for (size_t p = off / pg; p < (off + len) / pg && all; p++)
		all = bit_get(cfg->given[i], p);
	eal_rwlock_write_unlock(&cfg->mem_lock);
	return all;
}

/* mem_lock's holder died (eal_rwlock repair callback). The bitmaps are the
 * truth: each page's memseg entry is written before its "used" bit and
 * "given" is set only on used pages and cleared before they are unmapped.
 * Dynamic mode: pages used but not given were being mapped or unmapped
 * when the holder died: punch them out. Then every counter is recomputed. */
static void mem_repair(void *arg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	(void)arg;
	if (cfg == NULL)
		return;
	uint64_t total = 0, per_socket[RTE_MAX_NUMA_NODES] = { 0 };
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		struct rte_memseg_list *msl = &cfg->msl[i];
		uint64_t *used = msl_used(msl);
		size_t cap = msl->memseg_arr.len, nused = 0, ngiven = 0;
		for (size_t p = 0; p < cap; p++) {
			bool u = bit_get(used, p), g = bit_get(cfg->given[i], p);
			if (g && !u) {
				bit_clr(cfg->given[i], p);
				g = false;
			}
			if (u && !g && !cfg->legacy_mem) {
				eal_os_punch(eal_mem.msl_fd[i], p * msl->page_sz, msl->page_sz);
				memset(msl_seg(msl, p), 0, sizeof(struct rte_memseg));
				bit_clr(used, p);
				u = false;
			}
			nused += u;
			ngiven += g;
		}
		msl->memseg_arr.count = (unsigned int)nused;
		cfg->nb_given[i] = (uint32_t)ngiven;
		total += nused * msl->page_sz;
		per_socket[msl->socket_id] += nused * msl->page_sz;
		__atomic_fetch_add(&msl->version, 1, __ATOMIC_RELEASE);
	}
	cfg->mapped_total = total;
	memcpy(cfg->mapped_socket, per_socket, sizeof(per_socket));
	EAL_LOG(WARNING, "memory: page tables repaired after their lock holder died (%" PRIu64
		" kB mapped)\n", total >> 10);
}

RTE_INIT(memseg_repair_register)
{
	eal_rwlock_set_repair(EAL_LOCK_MEM, mem_repair);
}

/* --legacy-mem: map -m / --socket-mem at start-up (used, not given). */
int eal_memseg_legacy_prealloc(void)
{
	struct eal_mem_config *cfg = eal_mcfg();
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		uint64_t want = 0;
		if (eal.opt.force_sockets)
			want = eal.opt.socket_mem[s];
		else if (eal.opt.memory && s == 0)
			want = eal.opt.memory;
		for (uint32_t i = 0; i < cfg->nb_msl && want; i++) {
			struct rte_memseg_list *msl = &cfg->msl[i];
			int ss = eal.opt.force_sockets ? s : msl->socket_id;
			if (msl->socket_id != ss || msl->page_sz != cfg->default_page_sz)
				continue;
			size_t n = RTE_MIN(RTE_ALIGN_CEIL(want, msl->page_sz) / msl->page_sz,
					   (size_t)msl->memseg_arr.len);
			int rc = map_pages((int)i, 0, n);
			if (rc < 0) {
				EAL_LOG(ERR, "--legacy-mem: cannot map %" PRIu64 " MB on socket %d: %s "
					"(%" PRIu64 " kB free)\n", want >> 20, ss, strerror(-rc),
					free_bytes(ss, msl->page_sz) >> 10);
				return -ENOMEM;
			}
			want -= RTE_MIN(want, (uint64_t)n * msl->page_sz);
		}
	}
	return 0;
}

void eal_memseg_lists_fini(void)
{
	cleanup_callbacks();
}

/* ---- lookups ------------------------------------------------------------------ */
struct rte_memseg_list *rte_mem_virt2memseg_list(const void *addr)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL)
		return NULL;
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		struct rte_memseg_list *msl = &cfg->msl[i];
		if ((uintptr_t)addr >= (uintptr_t)msl->base_va &&
		    (uintptr_t)addr < (uintptr_t)msl->base_va + msl->len)
			return msl;
	}
	/* external memory (extmem.c); acquire pairs with the release store of
	 * base_va that publishes a filled-in list */
	for (uint32_t i = 0; i < EAL_MAX_EXT_MSL; i++) {
		struct rte_memseg_list *msl = &cfg->ext_msl[i];
		uintptr_t base = (uintptr_t)__atomic_load_n(&msl->base_va, __ATOMIC_ACQUIRE);
		if (base != 0 && (uintptr_t)addr >= base && (uintptr_t)addr < base + msl->len)
			return msl;
	}
	return NULL;
}

struct rte_memseg *rte_mem_virt2memseg(const void *addr, const struct rte_memseg_list *msl)
{
	if (msl == NULL)
		msl = rte_mem_virt2memseg_list(addr);
	if (msl == NULL || (uintptr_t)addr < (uintptr_t)msl->base_va ||
	    (uintptr_t)addr >= (uintptr_t)msl->base_va + msl->len) {
		rte_errno = EINVAL;
		return NULL;
	}
	size_t idx = RTE_PTR_DIFF(addr, msl->base_va) / msl->page_sz;
	if (!bit_get(msl_used(msl), idx)) {
		rte_errno = ENOENT;
		return NULL;
	}
	return msl_seg(msl, idx);
}

rte_iova_t rte_mem_virt2iova(const void *virt)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || cfg->iova_mode != RTE_IOVA_PA)
		return (rte_iova_t)(uintptr_t)virt;
	const struct rte_memseg *ms = rte_mem_virt2memseg(virt, NULL);
	if (ms != NULL && ms->iova != RTE_BAD_IOVA)
		return ms->iova + RTE_PTR_DIFF(virt, ms->addr);
	return eal_os_virt2phy(virt);
}

phys_addr_t rte_mem_virt2phy(const void *virt)
{
	const struct rte_memseg *ms = rte_mem_virt2memseg(virt, NULL);
	struct eal_mem_config *cfg = eal_mcfg();
	if (ms != NULL && cfg->iova_mode == RTE_IOVA_PA && ms->iova != RTE_BAD_IOVA)
		return ms->iova + RTE_PTR_DIFF(virt, ms->addr);
	return eal_os_virt2phy(virt);
}

struct iova2virt_arg { rte_iova_t iova; void *va; };
static int iova2virt_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	struct iova2virt_arg *a = arg;
	(void)msl;
	if (ms->iova != RTE_BAD_IOVA && a->iova >= ms->iova && a->iova < ms->iova + ms->len) {
		a->va = RTE_PTR_ADD(ms->addr, a->iova - ms->iova);
		return 1;
	}
	return 0;
}

void *rte_mem_iova2virt(rte_iova_t iova)
{
	struct iova2virt_arg a = { iova, NULL };
	rte_memseg_walk(iova2virt_cb, &a);
	return a.va;
}

int rte_mem_lock_page(const void *virt)
{
	uintptr_t pg = eal_os_page_size();
	int rc = eal_os_mlock((const void *)((uintptr_t)virt & ~(pg - 1)), pg);
	if (rc < 0) {
		errno = -rc;
		return -1;
	}
	return 0;
}

/* ---- walks ---------------------------------------------------------------------- */
int rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func, void *arg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || func == NULL)
		return -1;
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		int r = func(&cfg->msl[i], arg);
		if (r)
			return r < 0 ? -1 : 1;
	}
	return 0;
}

int rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || func == NULL)
		return -1;
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		const struct rte_memseg_list *msl = &cfg->msl[i];
		const uint64_t *used = msl_used(msl);
		size_t words = bitmap_bytes(msl->memseg_arr.len) / 8;
		for (size_t w = 0; w < words; w++) {
			uint64_t bits = used[w];
			while (bits) {
				size_t p = w * 64 + (size_t)__builtin_ctzll(bits);
				bits &= bits - 1;
				int r = func(msl, msl_seg(msl, p), arg);
				if (r)
					return r < 0 ? -1 : 1;
			}
		}
	}
	return 0;
}

int rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func, void *arg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || func == NULL)
		return -1;
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		const struct rte_memseg_list *msl = &cfg->msl[i];
		const uint64_t *used = msl_used(msl);
		size_t cap = msl->memseg_arr.len, p = 0;
		while (p < cap) {
			if (used[p >> 6] == 0 && (p & 63) == 0) {
				p += 64;
				continue;
			}
			if (!bit_get(used, p)) {
				p++;
				continue;
			}
			size_t q = p;
			while (q < cap && bit_get(used, q))
				q++;
			int r = func(msl, msl_seg(msl, p), (q - p) * msl->page_sz, arg);
			if (r)
				return r < 0 ? -1 : 1;
			p = q;
		}
	}
	return 0;
}

int rte_memseg_walk(rte_memseg_walk_t func, void *arg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL)
		return -1;
	eal_rwlock_read_lock(&cfg->mem_lock);
	int r = rte_memseg_walk_thread_unsafe(func, arg);
	eal_rwlock_read_unlock(&cfg->mem_lock);
	return r;
}

int rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL)
		return -1;
	eal_rwlock_read_lock(&cfg->mem_lock);
	int r = rte_memseg_contig_walk_thread_unsafe(func, arg);
	eal_rwlock_read_unlock(&cfg->mem_lock);
	return r;
}

int rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL)
		return -1;
	eal_rwlock_read_lock(&cfg->mem_lock);
	int r = rte_memseg_list_walk_thread_unsafe(func, arg);
	eal_rwlock_read_unlock(&cfg->mem_lock);
	return r;
}

/* Locate ms: its list index and page index, or -EINVAL / -ENODEV. */
static int seg_locate(const struct rte_memseg *ms, int *li, size_t *pi)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || ms == NULL)
		return -EINVAL;
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		const struct rte_memseg_list *msl = &cfg->msl[i];
		const struct rte_memseg *a = msl->memseg_arr.data;
		if (ms >= a && ms < a + msl->memseg_arr.len) {
			*li = (int)i;
			*pi = (size_t)(ms - a);
			return bit_get(msl_used(msl), *pi) ? 0 : -ENODEV;
		}
	}
	return -EINVAL;
}

int rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms)
{
	int li;
	size_t pi;
	int rc = seg_locate(ms, &li, &pi);
	if (rc < 0) {
		rte_errno = -rc;
		return -1;
	}
	return eal_mem.msl_fd[li];
}

int rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms, size_t *offset)
{
	int li;
	size_t pi;
	if (offset == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	int rc = seg_locate(ms, &li, &pi);
	if (rc < 0) {
		rte_errno = -rc;
		return -1;
	}
	*offset = pi * eal_mcfg()->msl[li].page_sz;
	return 0;
}

int rte_memseg_get_fd(const struct rte_memseg *ms)
{
	if (eal_mcfg() == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	eal_rwlock_read_lock(&eal_mcfg()->mem_lock);
	int rc = rte_memseg_get_fd_thread_unsafe(ms);
	eal_rwlock_read_unlock(&eal_mcfg()->mem_lock);
	return rc;
}

int rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset)
{
	if (eal_mcfg() == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	eal_rwlock_read_lock(&eal_mcfg()->mem_lock);
	int rc = rte_memseg_get_fd_offset_thread_unsafe(ms, offset);
	eal_rwlock_read_unlock(&eal_mcfg()->mem_lock);
	return rc;
}

/* ---- reporting -------------------------------------------------------------------- */
static int dump_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	fprintf(arg, "Segment %d-%zu: IOVA:0x%" PRIx64 ", len:%zu, virt:%p, socket_id:%d, "
		"hugepage_sz:%" PRIu64 ", nchannel:%u, nrank:%u fd:%d\n",
		eal_msl_index(msl), (size_t)(ms - (const struct rte_memseg *)msl->memseg_arr.data),
		ms->iova, ms->len, ms->addr, ms->socket_id, ms->hugepage_sz, ms->nchannel,
		ms->nrank, eal_mem.msl_fd[eal_msl_index(msl)]);
	return 0;
}

void rte_dump_physmem_layout(FILE *f)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (f == NULL || cfg == NULL)
		return;
	eal_rwlock_read_lock(&cfg->mem_lock);
	for (uint32_t i = 0; i < cfg->nb_msl; i++) {
		const struct rte_memseg_list *msl = &cfg->msl[i];
		fprintf(f, "memseg list %u: va %p-%p, page size %" PRIu64 " kB, socket %d, "
			"%u pages mapped, %u given to the heap\n", i, msl->base_va,
			RTE_PTR_ADD(msl->base_va, msl->len), msl->page_sz >> 10, msl->socket_id,
			msl->memseg_arr.count, cfg->nb_given[i]);
	}
	rte_memseg_walk_thread_unsafe(dump_seg, f);
	eal_rwlock_read_unlock(&cfg->mem_lock);
}

uint64_t rte_eal_get_physmem_size(void)
{
	struct eal_mem_config *cfg = eal_mcfg();
	return cfg ? __atomic_load_n(&cfg->mapped_total, __ATOMIC_RELAXED) : 0;
}

unsigned int rte_memory_get_nchannel(void)
{
	return eal_mcfg() ? eal_mcfg()->nchannel : 0;
}

unsigned int rte_memory_get_nrank(void)
{
	return eal_mcfg() ? eal_mcfg()->nrank : 0;
}

static int dma_mask_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	uint64_t mask = *(uint64_t *)arg;
	(void)msl;
	if (ms->iova == RTE_BAD_IOVA)
		return 0;
	return ((ms->iova + ms->len - 1) & mask) ? 1 : 0;
}

static int check_dma_mask(uint8_t maskbits, bool locked)
{
	if (maskbits > 63 || maskbits < 12) {
		EAL_LOG(ERR, "rte_mem_check_dma_mask: invalid mask width %u\n", maskbits);
		return -1;
	}
	uint64_t mask = ~((1ULL << maskbits) - 1);
	int r = locked ? rte_memseg_walk(dma_mask_cb, &mask)
		       : rte_memseg_walk_thread_unsafe(dma_mask_cb, &mask);
	return r ? -1 : 0;
}

int rte_mem_check_dma_mask(uint8_t maskbits) { return check_dma_mask(maskbits, true); }
int rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits) { return check_dma_mask(maskbits, false); }

void rte_mem_set_dma_mask(uint8_t maskbits)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL)
		return;
	eal_rwlock_write_lock(&cfg->mem_lock);
	/* keep the narrowest mask asked for, as DPDK does */
	if (cfg->dma_maskbits == 0 || maskbits < cfg->dma_maskbits)
		cfg->dma_maskbits = maskbits;
	eal_rwlock_write_unlock(&cfg->mem_lock);
}
