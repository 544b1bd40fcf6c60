/* SPDX-License-Identifier: BSD-3-Clause
 * Memory options and limits, one forked child per configuration (each child
 * inits its own EAL): -m and --socket-limit caps end in ENOMEM (never a
 * signal), a hugepage shortage ends in ENOMEM and leaves nothing allocated,
 * --legacy-mem maps up front and never shrinks, --in-memory,
 * --single-file-segments, --huge-unlink, --base-virtaddr, --huge-dir,
 * --iova-mode. The parent checks each child exited 0 (77 = not applicable). */
#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_errno.h>
#include "test.h"
#include "mem_test.h"
#include "eal_memalloc.h"

#define MAX_SPANS 4096
static struct eal_page_span spans[MAX_SPANS];

static int cb_count;
static void cb(enum rte_mem_event t, const void *a, size_t l, void *arg)
{
	(void)t; (void)a; (void)l; (void)arg;
	cb_count++;
}

/* Grow one page at a time until ENOMEM; returns how many spans we got. */
static int grow_until_enomem(size_t pg, int max)
{
	int n = 0, rc = 0;
	while (n < max && (rc = eal_pages_alloc(pg, 0, SOCKET_ID_ANY, 0, 0, &spans[n])) == 0) {
		memset(spans[n].addr, 0x77, spans[n].len);   /* would SIGBUS if not backed */
		n++;
	}
	CHECK_MSG(rc == -ENOMEM, "growth ended with %d after %d pages", rc, n);
	return n;
}

/* Memzones draw on the page layer only once the real heap is in (the
 * provisional heap used libc); checks on memzone limits need that. */
static bool heap_is_paged(void)
{
	const struct rte_memzone *mz = rte_memzone_reserve("probe_heap", 64, SOCKET_ID_ANY, 0);
	bool paged = mz && rte_mem_virt2memseg_list(mz->addr) != NULL;
	if (mz)
		rte_memzone_free(mz);
	return paged;
}

static void case_limit_m(void)
{
	const char *extra[] = { "-m", "16", NULL };
	test_eal_init("opt_m", extra);
	size_t pg = RTE_MAX(eal_pages_default_size(), (size_t)1 << 20);   /* growth step */
	uint64_t start = rte_eal_get_physmem_size();
	struct eal_page_span big;
	CHECK(eal_pages_alloc(32 << 20, 0, SOCKET_ID_ANY, 0, 0, &big) == -ENOMEM);
	int n = grow_until_enomem(pg, MAX_SPANS);
	CHECK(rte_eal_get_physmem_size() <= (16 << 20));
	CHECK_MSG(start + (uint64_t)n * pg + pg > (16 << 20), "only %d pages of %zu", n, pg);
	/* room again after a free */
	CHECK(n > 0 && eal_pages_free(spans[n - 1].addr, spans[n - 1].len) == 0);
	CHECK(eal_pages_alloc(pg, 0, SOCKET_ID_ANY, 0, 0, &spans[n - 1]) == 0);
	/* memzones hit the same wall cleanly */
	rte_errno = 0;
	if (heap_is_paged())
		CHECK(rte_memzone_reserve("too_big", 64 << 20, SOCKET_ID_ANY, 0) == NULL &&
		      rte_errno == ENOMEM);
	for (int i = 0; i < n; i++)
		CHECK(eal_pages_free(spans[i].addr, spans[i].len) == 0);
	CHECK(rte_eal_get_physmem_size() == start);
	rte_eal_cleanup();
}

static void case_socket_limit(void)
{
	if (test_no_huge())
		exit(77);   /* --socket-limit needs hugepages, as in DPDK */
	const char *extra[] = { "--socket-limit=8", NULL };
	test_eal_init("opt_sl", extra);
	if (!rte_eal_has_hugepages())
		exit(77);
	size_t pg = eal_pages_default_size();
	grow_until_enomem(pg, MAX_SPANS);
	CHECK(rte_eal_get_physmem_size() <= (8 << 20));
	rte_eal_cleanup();
}

/* Ask for more hugepages than the system has: ENOMEM, nothing left over. */
static void case_shortage(void)
{
	test_eal_init("opt_short", NULL);
	if (!rte_eal_has_hugepages())
		exit(77);   /* 4 KiB pages have no pool to run dry */
	size_t pg = eal_pages_default_size();
	long total = meminfo_get("HugePages_Total");
	REQUIRE(total > 0);
	struct eal_page_span sp, probe;
	REQUIRE(eal_pages_alloc(pg, 0, SOCKET_ID_ANY, 0, 0, &probe) == 0);
	int fd = rte_memseg_get_fd(rte_mem_virt2memseg(probe.addr, NULL));
	struct stat st0, st1;
	REQUIRE(fstat(fd, &st0) == 0);
	uint64_t phys = rte_eal_get_physmem_size();
	CHECK(eal_pages_alloc((size_t)(total + 1) * pg, 0, SOCKET_ID_ANY, 0, 0, &sp) == -ENOMEM);
	CHECK(rte_eal_get_physmem_size() == phys);
	REQUIRE(fstat(fd, &st1) == 0);
	CHECK_MSG(st1.st_blocks == st0.st_blocks, "blocks %ld -> %ld", (long)st0.st_blocks,
		  (long)st1.st_blocks);
	/* memzone: same answer, no signal */
	rte_errno = 0;
	if (heap_is_paged())
		CHECK(rte_memzone_reserve("short", (size_t)(total + 1) * pg, SOCKET_ID_ANY, 0) == NULL &&
		      rte_errno == ENOMEM);
	/* and ordinary growth still works afterwards */
	CHECK(eal_pages_alloc(2 * pg, 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	memset(sp.addr, 1, sp.len);
	CHECK(eal_pages_free(sp.addr, sp.len) == 0);
	CHECK(eal_pages_free(probe.addr, probe.len) == 0);
	rte_eal_cleanup();
}

static void case_legacy(void)
{
	const char *extra[] = { "--legacy-mem", "-m", "8", NULL };
	test_eal_init("opt_legacy", extra);
	size_t pg = eal_pages_default_size();
	CHECK_MSG(rte_eal_get_physmem_size() == (8 << 20), "physmem %llu",
		  (unsigned long long)rte_eal_get_physmem_size());
	rte_errno = 0;
	CHECK(rte_mem_event_callback_register("legacy", cb, NULL) == -1 && rte_errno == ENOTSUP);
	struct eal_page_span sp;
	REQUIRE(eal_pages_alloc(2 * pg, 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	memset(sp.addr, 0x33, sp.len);
	const struct rte_memseg *ms = rte_mem_virt2memseg(sp.addr, NULL);
	CHECK(ms && (ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE));
	CHECK(eal_pages_free(sp.addr, sp.len) == 0);
	CHECK(rte_eal_get_physmem_size() == (8 << 20));   /* never shrinks */
	CHECK(rte_mem_virt2memseg(sp.addr, NULL) != NULL);
	struct eal_page_span again;
	REQUIRE(eal_pages_alloc(2 * pg, 0, SOCKET_ID_ANY, 0, 0, &again) == 0);
	CHECK(((unsigned char *)again.addr)[0] == 0 && ((unsigned char *)again.addr)[again.len - 1] == 0);
	CHECK(eal_pages_free(again.addr, again.len) == 0);
	grow_until_enomem(pg, MAX_SPANS);
	CHECK(rte_eal_get_physmem_size() == (8 << 20));
	rte_eal_cleanup();
}

static void case_flags_accepted(void)
{
	const char *extra[] = { "--single-file-segments", "--huge-unlink", NULL };
	test_eal_init("opt_sfs", extra);
	struct eal_page_span sp;
	CHECK(eal_pages_alloc(1, 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	CHECK(eal_pages_free(sp.addr, sp.len) == 0);
	rte_eal_cleanup();
}

static void case_in_memory(void)
{
	const char *extra[] = { "--in-memory", NULL };
	test_eal_init("opt_inmem", extra);
	const struct rte_memzone *mz = rte_memzone_reserve("inmem", 4096, SOCKET_ID_ANY, 0);
	CHECK(mz != NULL && rte_memzone_lookup("inmem") == mz);
	struct eal_page_span sp;
	CHECK(eal_pages_alloc(1, 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	CHECK(eal_pages_free(sp.addr, sp.len) == 0);
	rte_eal_cleanup();
}

static void case_base_va(void)
{
	const char *extra[] = { "--base-virtaddr=0x300000000000", NULL };
	test_eal_init("opt_base", extra);
	struct eal_page_span sp;
	REQUIRE(eal_pages_alloc(1, 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(sp.addr);
	REQUIRE(msl != NULL);
#ifndef __SANITIZE_THREAD__   /* TSan confines mappings to its own ranges */
	CHECK_MSG((uintptr_t)msl->base_va >= 0x300000000000ULL &&
		  (uintptr_t)msl->base_va < 0x310000000000ULL, "base_va %p", msl->base_va);
#endif
	CHECK(eal_pages_free(sp.addr, sp.len) == 0);
	rte_eal_cleanup();
}

/* --huge-dir: a directory in no hugetlbfs mount is refused, as DPDK refuses
 * it (without the option, no hugepages means ordinary pages); the mount
 * itself and an existing directory inside it give hugepages (DPDK 22.11
 * takes both). --no-huge ignores the option. */
static void case_huge_dir(void)
{
	char *argv[64];
	const char *missing[] = { "--huge-dir=/nonexistent/dplite", NULL };
	int argc = test_eal_argv(argv, 64, "opt_hdir", missing);
	int rc = rte_eal_init(argc, argv);
	if (test_no_huge()) {
		CHECK(rc >= 0 && rte_eal_has_hugepages() == 0);
		if (rc >= 0)
			rte_eal_cleanup();
		return;
	}
	CHECK_MSG(rc < 0 && rte_errno == EINVAL, "--huge-dir outside hugetlbfs: rc %d errno %d", rc,
		  rte_errno);
	if (rc >= 0)
		rte_eal_cleanup();

	/* a writable hugetlbfs mount with pages: the mount and a directory in it */
	char mnt[256] = "", dev[256], dir[256], type[64];
	FILE *f = fopen("/proc/mounts", "r");
	while (f && fscanf(f, "%255s %255s %63s %*s %*d %*d\n", dev, dir, type) == 3)
		if (strcmp(type, "hugetlbfs") == 0 && access(dir, W_OK) == 0 && mnt[0] == '\0')
			snprintf(mnt, sizeof(mnt), "%s", dir);
	if (f)
		fclose(f);
	test_eal_init("opt_hdir_probe", NULL);
	int huge = rte_eal_has_hugepages();
	rte_eal_cleanup();
	if (mnt[0] == '\0' || !huge)
		return;   /* no hugepages here: nothing more to compare */
	char sub[300], opt[320];
	snprintf(sub, sizeof(sub), "%s/dplite_hdir_%d", mnt, (int)getpid());
	REQUIRE(mkdir(sub, 0700) == 0);
	snprintf(opt, sizeof(opt), "--huge-dir=%s", sub);
	const char *in_mount[] = { opt, NULL };
	argc = test_eal_argv(argv, 64, "opt_hdir_sub", in_mount);
	rc = rte_eal_init(argc, argv);
	CHECK_MSG(rc >= 0 && rte_eal_has_hugepages(), "--huge-dir %s (in the mount): rc %d", sub, rc);
	if (rc >= 0)
		rte_eal_cleanup();
	rmdir(sub);
	/* a directory in the mount that does not exist: refused */
	snprintf(opt, sizeof(opt), "--huge-dir=%s/dplite_missing_%d", mnt, (int)getpid());
	argc = test_eal_argv(argv, 64, "opt_hdir_miss", in_mount);
	rc = rte_eal_init(argc, argv);
	CHECK_MSG(rc < 0 && rte_errno == EINVAL, "%s: rc %d", opt, rc);
	if (rc >= 0)
		rte_eal_cleanup();
}

static void case_iova_va(void)
{
	const char *extra[] = { "--iova-mode=va", NULL };
	test_eal_init("opt_va", extra);
	CHECK(rte_eal_iova_mode() == RTE_IOVA_VA);
	struct eal_page_span sp;
	REQUIRE(eal_pages_alloc(1, 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	CHECK(sp.iova == (rte_iova_t)(uintptr_t)sp.addr);
	CHECK(rte_mem_virt2iova(sp.addr) == (rte_iova_t)(uintptr_t)sp.addr);
	CHECK(eal_pages_free(sp.addr, sp.len) == 0);
	rte_eal_cleanup();
}

static void case_iova_pa(void)
{
	char *argv[64];
	const char *extra[] = { "--iova-mode=pa", NULL };
	int argc = test_eal_argv(argv, 64, "opt_pa", extra);
	int rc = rte_eal_init(argc, argv);
	if (getuid() != 0) {
		/* no physical addresses for us: a clean refusal */
		CHECK(rc == -1 && rte_errno == EACCES);
		return;
	}
	REQUIRE(rc >= 0);
	CHECK(rte_eal_iova_mode() == RTE_IOVA_PA);
	struct eal_page_span sp;
	REQUIRE(eal_pages_alloc(1, 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	CHECK(sp.iova != RTE_BAD_IOVA && sp.iova != (rte_iova_t)(uintptr_t)sp.addr);
	CHECK(rte_mem_virt2phy(sp.addr) == sp.iova);
	CHECK(rte_mem_iova2virt(sp.iova + 5) == (char *)sp.addr + 5);
	CHECK(eal_pages_free(sp.addr, sp.len) == 0);
	rte_eal_cleanup();
}

/* A DMA mask below every page's IOVA: growth fails cleanly, memory stays usable. */
static void case_dma_mask(void)
{
	test_eal_init("opt_dma", NULL);
	struct eal_page_span sp;
	REQUIRE(eal_pages_alloc(1, 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	CHECK(rte_mem_check_dma_mask(63) == 0);
	CHECK(rte_mem_check_dma_mask(12) == -1);   /* pages sit above 4 KiB */
	rte_mem_set_dma_mask(12);
	rte_mem_set_dma_mask(40);                  /* a wider one does not relax it */
	struct eal_page_span more;
	uint64_t phys = rte_eal_get_physmem_size();
	CHECK(eal_pages_alloc(1, 0, SOCKET_ID_ANY, 0, 0, &more) == -ENOMEM);
	CHECK(rte_eal_get_physmem_size() == phys);
	memset(sp.addr, 1, sp.len);
	CHECK(eal_pages_free(sp.addr, sp.len) == 0);
	rte_eal_cleanup();
}

static const struct { const char *name; void (*fn)(void); } cases[] = {
	{ "dma_mask", case_dma_mask },
	{ "limit_m", case_limit_m }, { "socket_limit", case_socket_limit },
	{ "shortage", case_shortage }, { "legacy", case_legacy },
	{ "flags_accepted", case_flags_accepted }, { "in_memory", case_in_memory },
	{ "base_va", case_base_va }, { "huge_dir", case_huge_dir },
	{ "iova_va", case_iova_va }, { "iova_pa", case_iova_pa },
};

int main(void)
{
	int failed = 0;
	for (size_t i = 0; i < RTE_DIM(cases); i++) {
		fflush(NULL);
		pid_t pid = fork();
		REQUIRE(pid >= 0);
		if (pid == 0) {
			cases[i].fn();
			exit(test_done());
		}
		int st;
		REQUIRE(waitpid(pid, &st, 0) == pid);
		if (WIFSIGNALED(st)) {
			fprintf(stderr, "FAIL case %s: killed by signal %d\n", cases[i].name, WTERMSIG(st));
			failed++;
		} else if (WEXITSTATUS(st) == 77) {
			fprintf(stderr, "case %s: not applicable here\n", cases[i].name);
		} else if (WEXITSTATUS(st) != 0) {
			fprintf(stderr, "FAIL case %s: exit %d\n", cases[i].name, WEXITSTATUS(st));
			failed++;
		} else {
			fprintf(stderr, "case %s: ok\n", cases[i].name);
		}
	}
	CHECK(failed == 0);
	return test_done();
}
