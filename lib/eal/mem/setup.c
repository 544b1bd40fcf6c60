/* SPDX-License-Identifier: BSD-3-Clause
 * The memory subsystem's start-up/shut-down (eal_memory_init/cleanup).
 *
 * Owns: the address-space reservation, the config memfd mapped at its start
 * (layout in eal_mem.h), the memseg lists' memfds and the resolved memory
 * facts (hugepages or not, IOVA mode, limits), stored in config.c's eal_mem.
 * Top of lib/eal/mem: calls every file below it; only init.c calls it.
 *
 * Start-up (primary):
 *   discover hugepage sizes -> plan lists (size x node) -> size the config ->
 *   reserve [base, base + cfg + lists) PROT_NONE|NORESERVE (at --base-virtaddr
 *   or 16 TiB with MAP_FIXED_NOREPLACE, else where the kernel likes) ->
 *   config memfd mapped MAP_SHARED|MAP_FIXED at base -> one memfd per list ->
 *   IOVA mode -> (--legacy-mem: map -m/--socket-mem) -> eal_heap_init().
 * Nothing else is touched: no page is faulted except the config's first few,
 * so init costs a few syscalls and a few hundred KB of RSS.
 *
 * Crash safety: every object is a memfd or an anonymous mapping; when the last
 * process of the prefix dies (kill -9 included) the kernel frees all pages,
 * hugepages included. No hugetlbfs files exist to go stale. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <rte_memory.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include "eal_mem.h"
#include "eal_memalloc.h"

/* ---- planning ------------------------------------------------------------------- */
struct list_plan {
	uint64_t page_sz;
	int socket;
	bool huge;
	const char *mount;
	size_t npages;
	size_t cfg_off;    /* memsegs + used bitmap + given bitmap */
	size_t cfg_bytes;
};

#define GIB (1ULL << 30)

/* --socket-mem with every value 0 (DPDK accepts --socket-mem=0: nothing
 * preallocated) caps nothing; otherwise a socket given 0 gets no memory. */
static bool socket_mem_caps(void)
{
	if (!eal.opt.force_sockets)
		return false;
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++)
		if (eal.opt.socket_mem[s])
			return true;
	return false;
}

static uint64_t socket_cap(int s)
{
	uint64_t cap = UINT64_MAX;
	if (socket_mem_caps())
		cap = eal.opt.socket_mem[s];
	if (eal.opt.force_socket_limits && eal.opt.socket_limit[s])
		cap = RTE_MIN(cap, eal.opt.socket_limit[s]);
	if (eal.opt.memory)
		cap = RTE_MIN(cap, eal.opt.memory);
	return cap;
}

static int plan_lists(struct list_plan *pl, struct eal_hp_info *hp, int nhp)
{
	int n = 0;
	for (int h = 0; h < nhp; h++)
		for (int s = 0; s < RTE_MAX_NUMA_NODES && s < 32 && n < EAL_MAX_MSL; s++) {
			if (!(hp[h].nodes_mask & (1u << s)) || socket_cap(s) == 0)
				continue;
			pl[n++] = (struct list_plan){ .page_sz = hp[h].page_sz, .socket = s,
						      .huge = true, .mount = hp[h].mount };
		}
	if (n == 0)
		pl[n++] = (struct list_plan){ .page_sz = eal_os_page_size(), .socket = 0 };
	for (int i = 0; i < n; i++) {
		uint64_t va = pl[i].huge ? EAL_MSL_VA_HUGE : EAL_MSL_VA_SMALL;
		uint64_t cap = socket_cap(pl[i].socket);
		/* small pages: twice the cap, because a big heap block starts on a
		 * 2 MiB granule and ends on its last page (the granule's rest is
		 * address space only) */
		if (cap != UINT64_MAX)
			va = RTE_MIN(va, RTE_ALIGN_CEIL(pl[i].huge ? cap : 2 * cap + (64ULL << 20), GIB));
		va = RTE_MAX(va, GIB);
		pl[i].npages = va / pl[i].page_sz;
	}
	return n;
}

static size_t list_cfg_bytes(size_t npages);

/* Config size and list offsets for plan pl; returns the config's length
 * (page aligned) and sets *cfg_len (aligned for the lists) and *total. */
static size_t layout(struct list_plan *pl, int nl, size_t lalign, size_t *mz_off,
		     size_t *cfg_len, size_t *total)
{
	size_t off = RTE_ALIGN_CEIL(sizeof(struct eal_mem_config), 4096);
	for (int i = 0; i < nl; i++) {
		pl[i].cfg_off = off;
		pl[i].cfg_bytes = list_cfg_bytes(pl[i].npages);
		off += pl[i].cfg_bytes;
	}
	*mz_off = off;
	off += eal_memzone_table_bytes();
	*cfg_len = RTE_ALIGN_CEIL(off, lalign);
	*total = *cfg_len;
	for (int i = 0; i < nl; i++)
		*total += pl[i].npages * pl[i].page_sz;
	return off;
}

/* Address space this process may still map under RLIMIT_AS, keeping room
 * for thread stacks and libraries; SIZE_MAX when unlimited. */
static size_t as_room(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_AS, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return SIZE_MAX;
	size_t vm = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages;
	if (f != NULL) {
		if (fscanf(f, "%lu", &pages) == 1)
			vm = pages * eal_os_page_size();
		fclose(f);
	}
	size_t margin = 256ULL << 20;   /* lcore threads' stacks, the mp thread, libs */
	return rl.rlim_cur > vm + margin ? rl.rlim_cur - vm - margin : 0;
}

static size_t list_cfg_bytes(size_t npages)
{
	size_t b = RTE_ALIGN_CEIL(npages * sizeof(struct rte_memseg), 8);
	b += 2 * (RTE_ALIGN_CEIL(npages, 64) / 8);
	return RTE_ALIGN_CEIL(b, 4096);
}

static int open_list_fd(const struct list_plan *p, int idx)
{
	char name[32];
	snprintf(name, sizeof(name), "dplite_msl%d", idx);
	int fd = eal_os_memfd(name, p->page_sz, p->huge);
	if (fd < 0 && p->huge && p->mount && p->mount[0])
		fd = eal_os_tmpfile(p->mount);   /* kernels without hugetlb memfd */
	if (fd < 0)
		return fd;
	int rc = eal_os_ftruncate(fd, (uint64_t)p->npages * p->page_sz);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	return fd;
}

/* Reserve len bytes, the config at the start, lalign-aligned lists after it. */
static void *reserve_space(size_t len, size_t lalign)
{
	uint64_t want = eal.opt.base_virtaddr ? eal.opt.base_virtaddr : EAL_DEFAULT_BASE;
	void *p = eal_os_reserve((void *)(uintptr_t)want, len, true);
	if (p != NULL) {
		eal_mem.resv = p;
		eal_mem.resv_len = len;
		return p;
	}
	if (eal.opt.base_virtaddr)
		EAL_LOG(WARNING, "--base-virtaddr 0x%" PRIx64 " is not available (%s); "
			"letting the kernel choose\n", want, strerror(errno));
	p = eal_os_reserve(NULL, len + lalign, false);
	if (p == NULL)
		return NULL;
	eal_mem.resv = p;
	eal_mem.resv_len = len + lalign;
	/* the caller moves the config so that it ends on an lalign boundary */
	return p;
}

static int resolve_iova(bool huge)
{
	enum rte_iova_mode want = eal.opt.iova_mode;
	/* the config's first page is mapped and written: a good probe */
	bool phys = eal_os_virt2phy(eal_mem.cfg) != RTE_BAD_IOVA;
	if (want == RTE_IOVA_PA && !phys) {
		EAL_LOG(ERR, "--iova-mode=pa: physical addresses are not available "
			"(needs root and /proc/self/pagemap)\n");
		return -EACCES;
	}
	if (want == RTE_IOVA_DC)
		want = (phys && huge) ? RTE_IOVA_PA : RTE_IOVA_VA;
	eal.iova_mode = want;
	return 0;
}

static void teardown(void)
{
	for (int i = 0; i < EAL_MAX_MSL; i++)
		if (eal_mem.msl_fd[i] >= 0) {
			close(eal_mem.msl_fd[i]);
			eal_mem.msl_fd[i] = -1;
		}
	if (eal_mem.cfg_fd >= 0)
		close(eal_mem.cfg_fd);
	eal_mem.cfg_fd = -1;
	if (eal_mem.resv)
		eal_os_unreserve(eal_mem.resv, eal_mem.resv_len);
	eal_mem.resv = NULL;
	eal_mem.resv_len = 0;
	eal_mem.cfg = NULL;
}

int eal_memory_init(void)
{
	struct eal_hp_info hp[EAL_MAX_HP_SIZES];
	struct list_plan pl[EAL_MAX_MSL];
	int nhp = 0, rc;

	for (int i = 0; i < EAL_MAX_MSL; i++)
		eal_mem.msl_fd[i] = -1;
	eal_mem.cfg_fd = -1;
	if (eal.proc_type == RTE_PROC_SECONDARY)
		return eal_memory_attach();

	if (!eal.opt.no_hugetlbfs)
		nhp = eal_hugepage_discover(hp, EAL_MAX_HP_SIZES);
	/* Without --huge-dir, no hugepages means ordinary pages (below). An
	 * explicit --huge-dir that leads to none is a mistake to report, as
	 * DPDK does (it fails then too). */
	if (!eal.opt.no_hugetlbfs && eal.opt.hugepage_dir[0] && nhp == 0) {
		EAL_LOG(ERR, "--huge-dir %s: not a hugetlbfs mount (or an existing directory in "
			"one) with reserved hugepages; give a mount point from /proc/mounts, or "
			"leave the option out\n", eal.opt.hugepage_dir);
		return -EINVAL;
	}
	int nl = plan_lists(pl, hp, nhp);
	bool huge = pl[0].huge;

	/* open the list memfds first: a size whose memfd fails is dropped */
	int fds[EAL_MAX_MSL], kept = 0;
	for (int i = 0; i < nl; i++) {
		int fd = open_list_fd(&pl[i], kept);
		if (fd < 0) {
			EAL_LOG(DEBUG, "cannot create backing for %" PRIu64 " kB pages: %s\n",
				pl[i].page_sz >> 10, strerror(-fd));
			continue;
		}
		pl[kept] = pl[i];
		fds[kept++] = fd;
	}
	if (kept == 0 && huge) {
		pl[0] = (struct list_plan){ .page_sz = eal_os_page_size(), .socket = 0 };
		plan_lists(pl, NULL, 0);
		huge = false;
		int fd = open_list_fd(&pl[0], 0);
		if (fd >= 0)
			fds[kept++] = fd;
	}
	if (kept == 0) {
		EAL_LOG(ERR, "cannot create any memory backing (memfd_create failed)\n");
		return -ENOMEM;
	}
	nl = kept;
	for (int i = 0; i < nl; i++)
		eal_mem.msl_fd[i] = fds[i];

	if (!huge) {
		if (eal.opt.no_hugetlbfs)
			EAL_LOG(NOTICE, "--no-huge: using ordinary %zu kB pages (memfd-backed, shareable)\n",
				eal_os_page_size() >> 10);
		else
			EAL_LOG(NOTICE, "no usable hugepages (none reserved, or no writable hugetlbfs "
				"mount%s%s); falling back to ordinary %zu kB pages\n",
				eal.opt.hugepage_dir[0] ? " at " : "", eal.opt.hugepage_dir,
				eal_os_page_size() >> 10);
	}

	/* size the config; lists start aligned to their largest page (and to
	 * a heap granule) */
	size_t lalign = RTE_PGSIZE_2M, mz_off, cfg_len, total;
	for (int i = 0; i < nl; i++)
		lalign = RTE_MAX(lalign, (size_t)pl[i].page_sz);
	size_t off = layout(pl, nl, lalign, &mz_off, &cfg_len, &total);
	/* RLIMIT_AS: shrink the largest list until the reservation fits */
	size_t room = as_room();
	if (total + lalign > room) {
		size_t want = total;
		for (;;) {
			int big = 0;
			for (int i = 1; i < nl; i++)
				if (pl[i].npages * pl[i].page_sz > pl[big].npages * pl[big].page_sz)
					big = i;
			size_t cur = pl[big].npages * pl[big].page_sz;
			size_t next = RTE_ALIGN_FLOOR(cur / 4 * 3, RTE_MAX((size_t)pl[big].page_sz, lalign));
			if (total + lalign <= room || next < lalign)
				break;
			pl[big].npages = next / pl[big].page_sz;
			off = layout(pl, nl, lalign, &mz_off, &cfg_len, &total);
		}
		EAL_LOG(NOTICE, "address space is limited (RLIMIT_AS): reserving %zu MB instead of "
			"%zu MB; memory is limited to what fits in it\n", total >> 20, want >> 20);
	}

	void *base = reserve_space(total, lalign);
	if (base == NULL) {
		EAL_LOG(ERR, "cannot reserve %zu MB of address space: %s%s\n", total >> 20,
			strerror(errno), room != SIZE_MAX ? " (RLIMIT_AS is set: raise it or lower -m)" : "");
		rc = -ENOMEM;
		goto fail;
	}
	base = RTE_PTR_ALIGN_CEIL(base, 4096);
	if (eal_mem.resv_len > total)   /* kernel-chosen: lists must be aligned */
		base = RTE_PTR_SUB(RTE_PTR_ALIGN_CEIL(RTE_PTR_ADD(base, cfg_len), lalign), cfg_len);
	EAL_LOG(DEBUG, "reserved %zu MB of address space at %p for %d memseg list(s)\n",
		total >> 20, base, nl);

	eal_mem.cfg_fd = eal_os_memfd("dplite_config", 4096, false);
	if (eal_mem.cfg_fd < 0 || (rc = eal_os_ftruncate(eal_mem.cfg_fd, off)) < 0 ||
	    eal_os_map_shared(base, off, eal_mem.cfg_fd, true) == NULL) {
		EAL_LOG(ERR, "cannot create the shared memory config: %s\n", strerror(errno));
		rc = -ENOMEM;
		goto fail;
	}
	struct eal_mem_config *cfg = base;
	eal_mem.cfg = cfg;
	cfg->version = 1;
	eal_rwlock_init(&cfg->mem_lock, EAL_LOCK_MEM);
	eal_rwlock_init(&cfg->mz_lock, EAL_LOCK_MZ);
	eal_rwlock_init(&cfg->tailq_lock, EAL_LOCK_TAILQ);
	eal_rwlock_init(&cfg->mempool_lock, EAL_LOCK_MEMPOOL);
	eal_rwlock_init(&cfg->timer_lock, EAL_LOCK_TIMER);
	cfg->cfg_va = (uint64_t)(uintptr_t)base;
	cfg->cfg_len = off;
	cfg->va_base = (uint64_t)(uintptr_t)base;
	cfg->va_len = total;
	cfg->has_hugepages = huge;
	cfg->legacy_mem = eal.opt.legacy_mem;
	cfg->default_page_sz = pl[0].page_sz;
	cfg->nchannel = eal.opt.nchannel;
	cfg->nrank = eal.opt.nrank;
	cfg->limit_total = eal.opt.memory ? eal.opt.memory : UINT64_MAX;
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		uint64_t c = socket_cap(s);
		cfg->limit_socket[s] = c;
	}
	/* default page size: 2 MiB if present, else the smallest kept */
	for (int i = 0; i < nl; i++)
		if (pl[i].page_sz == RTE_PGSIZE_2M)
			cfg->default_page_sz = RTE_PGSIZE_2M;
	uintptr_t va = (uintptr_t)base + cfg_len;
	for (int i = 0; i < nl; i++) {
		struct rte_memseg_list *msl = &cfg->msl[i];
		msl->base_va = (void *)va;
		msl->page_sz = pl[i].page_sz;
		msl->socket_id = pl[i].socket;
		msl->len = pl[i].npages * pl[i].page_sz;
		msl->heap = 1;       /* feeds the malloc heap */
		msl->external = 0;
		snprintf(msl->memseg_arr.name, sizeof(msl->memseg_arr.name), "memseg-%" PRIu64 "k-%d-%d",
			 pl[i].page_sz >> 10, pl[i].socket, i);
		msl->memseg_arr.len = (unsigned int)pl[i].npages;
		msl->memseg_arr.elt_sz = sizeof(struct rte_memseg);
		msl->memseg_arr.data = RTE_PTR_ADD(base, pl[i].cfg_off);
		cfg->given[i] = RTE_PTR_ADD(base, pl[i].cfg_off + pl[i].cfg_bytes -
					    RTE_ALIGN_CEIL(pl[i].npages, 64) / 8);
		va += msl->len;
	}
	cfg->nb_msl = (uint32_t)nl;
	eal_memzone_table_init(cfg, RTE_PTR_ADD(base, mz_off), NULL);
	eal.has_hugepages = huge;
	if ((rc = resolve_iova(huge)) < 0)
		goto fail;
	cfg->iova_mode = eal.iova_mode;
	__atomic_store_n(&cfg->magic, EAL_MEMCFG_MAGIC, __ATOMIC_RELEASE);

	if ((rc = eal_mem_map_lists()) < 0)
		goto fail;
	if (cfg->legacy_mem && (rc = eal_memseg_legacy_prealloc()) < 0)
		goto fail;
	if ((rc = eal_heap_init()) < 0) {
		EAL_LOG(ERR, "heap initialisation failed: %s\n", strerror(-rc));
		goto fail;
	}
	if ((rc = eal_mem_claim_lcores()) < 0 || (rc = eal_mem_attach_serve()) < 0) {
		eal_heap_cleanup();
		goto fail;
	}
	EAL_LOG(DEBUG, "memory: %d memseg list(s), default page %" PRIu64 " kB, config at %p, "
		"IOVA as %s\n", nl, cfg->default_page_sz >> 10, base,
		eal.iova_mode == RTE_IOVA_PA ? "PA" : "VA");
	return 0;
fail:
	eal_memseg_lists_fini();
	teardown();
	eal.has_hugepages = false;
	return rc;
}

void eal_memory_cleanup(void)
{
	if (eal_mem.cfg == NULL && eal_mem.resv == NULL)
		return;
	if (!eal.opt.no_shconf)
		rte_mp_action_unregister("dpl_mem_attach");
	if (eal.proc_type == RTE_PROC_PRIMARY && eal_mem_others_alive()) {
		/* Secondaries still run on this memory: leave it to them. Our fds
		 * and mappings go; the kernel frees the pages with the last user. */
		EAL_LOG(NOTICE, "secondary processes still attached: shared memory stays until they exit\n");
		eal_heap_disown();
	} else {
		eal_memzone_cleanup();
	}
	eal_heap_cleanup();
	eal_mem_release_lcores();
	eal_memseg_lists_fini();
	teardown();   /* unmapping + closing the memfds frees every page */
	eal.has_hugepages = false;
}
