/* External memory as DPDK 22.11 has it (issue 11):
 * - rte_extmem_register/unregister/attach/detach: argument checks, a list
 *   marked external that rte_mem_virt2memseg_list/rte_mem_virt2memseg find,
 *   with the caller's IOVAs; EEXIST/ENOENT as documented;
 * - a region added to an external heap is found the same way (the heap's
 *   socket id, heap = 1) and rte_memzone_reserve on that socket id works. */
#include <errno.h>
#include <inttypes.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <stdint.h>
#include <rte_eal.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include "test.h"

#define PG 4096
#define NPG 1024

static void *map_region(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(p != MAP_FAILED);
	return p;
}

/* A secondary sees a list the primary registered (the lists are shared):
 * attach succeeds and the lookup finds it, marked external. */
static int secondary(const char *prefix, const char *vastr, const char *lenstr)
{
	char *argv[8] = { (char *)"sec", (char *)prefix, (char *)"--proc-type=secondary",
			  (char *)"--lcores=3@0" };
	int argc = 4;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	if (rte_eal_init(argc, argv) < 0)
		return 2;
	void *va = (void *)(uintptr_t)strtoull(vastr, NULL, 16);
	size_t len = (size_t)strtoull(lenstr, NULL, 10);
	int rc = 0;
	if (rte_extmem_attach(va, len) != 0)
		rc = 3;
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list((char *)va + PG);
	if (msl == NULL || !msl->external || msl->base_va != va)
		rc = 4;
	if (rte_extmem_detach(va, len) != 0)
		rc = 5;
	rte_eal_cleanup();
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "secondary") == 0)
		return secondary(argv[2], argv[3], argv[4]);
	test_eal_init("extmem", (const char *const[]){ "-l", "0", NULL });
	static rte_iova_t iovas[NPG];
	for (unsigned int i = 0; i < NPG; i++)
		iovas[i] = 0x40000000ULL + (rte_iova_t)(NPG - i) * PG;   /* not contiguous */
	size_t len = (size_t)NPG * PG;
	char *va = map_region(len);

	/* bad arguments */
	CHECK(rte_extmem_register(NULL, len, iovas, NPG, PG) == -1 && rte_errno == EINVAL);
	CHECK(rte_extmem_register(va, len, iovas, NPG, 3000) == -1 && rte_errno == EINVAL);
	CHECK(rte_extmem_register(va, len - 100, NULL, 0, PG) == -1 && rte_errno == EINVAL);
	CHECK(rte_extmem_register(va + 64, len - PG, NULL, 0, PG) == -1 && rte_errno == EINVAL);
	CHECK(rte_extmem_register(va, len, iovas, NPG - 1, PG) == -1 && rte_errno == EINVAL);
	CHECK(rte_extmem_register(va, 0, NULL, 0, PG) == -1 && rte_errno == EINVAL);
	CHECK(rte_mem_virt2memseg_list(va) == NULL);

	/* register: found, external, with our IOVAs */
	REQUIRE(rte_extmem_register(va, len, iovas, NPG, PG) == 0);
	struct rte_memseg_list *msl = rte_mem_virt2memseg_list(va + 123);
	CHECK(msl != NULL);
	if (msl) {
		CHECK(msl->external == 1 && msl->heap == 0);
		CHECK(msl->base_va == va && msl->len == len && msl->page_sz == PG);
		CHECK(msl->socket_id >= RTE_MAX_NUMA_NODES);
	}
	CHECK(rte_mem_virt2memseg_list(va + len - 1) == msl);
	CHECK(rte_mem_virt2memseg_list(va + len) != msl);
	struct rte_memseg *ms = rte_mem_virt2memseg(va + 5 * PG + 7, NULL);
	CHECK(ms != NULL);
	if (ms) {
		CHECK(ms->addr == va + 5 * PG && ms->len == PG && ms->iova == iovas[5]);
		CHECK(msl == NULL || ms->socket_id == msl->socket_id);
	}
	CHECK(rte_mem_virt2memseg(va + 5 * PG, msl) == ms);
	if (rte_eal_iova_mode() == RTE_IOVA_PA)
		CHECK(rte_mem_virt2iova(va + 9 * PG + 11) == iovas[9] + 11);

	/* a secondary sees it */
	{
		char pfx[96], vastr[32], lenstr[32];
		snprintf(pfx, sizeof(pfx), "--file-prefix=extmem_%d", (int)getpid());
		snprintf(vastr, sizeof(vastr), "%" PRIxPTR, (uintptr_t)va);
		snprintf(lenstr, sizeof(lenstr), "%zu", len);
		fflush(NULL);
		pid_t pid = fork();
		REQUIRE(pid >= 0);
		if (pid == 0) {
			execl("/proc/self/exe", argv[0], "secondary", pfx, vastr, lenstr, (char *)NULL);
			_exit(127);
		}
		int st;
		waitpid(pid, &st, 0);
		CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "secondary status 0x%x", st);
	}

	/* duplicates and overlaps */
	CHECK(rte_extmem_register(va, len, iovas, NPG, PG) == -1 && rte_errno == EEXIST);
	CHECK(rte_extmem_register(va + PG, PG, NULL, 0, PG) == -1 && rte_errno == EEXIST);

	/* attach/detach: the exact registered region only */
	CHECK(rte_extmem_attach(va, len) == 0);
	CHECK(rte_extmem_detach(va, len) == 0);
	CHECK(rte_extmem_attach(va, PG) == -1 && rte_errno == ENOENT);
	CHECK(rte_extmem_attach(NULL, len) == -1 && rte_errno == EINVAL);

	/* a second region gets its own socket id */
	char *va2 = map_region(16 * PG);
	REQUIRE(rte_extmem_register(va2, 16 * PG, NULL, 0, PG) == 0);
	struct rte_memseg_list *msl2 = rte_mem_virt2memseg_list(va2);
	CHECK(msl2 != NULL && msl2 != msl && msl && msl2->socket_id != msl->socket_id);
	ms = rte_mem_virt2memseg(va2, NULL);
	CHECK(ms != NULL && ms->iova == RTE_BAD_IOVA);

	/* unregister */
	CHECK(rte_extmem_unregister(va, PG) == -1 && rte_errno == ENOENT);
	CHECK(rte_extmem_unregister(va, len) == 0);
	CHECK(rte_mem_virt2memseg_list(va) == NULL);
	CHECK(rte_extmem_unregister(va, len) == -1 && rte_errno == ENOENT);
	CHECK(rte_extmem_attach(va, len) == -1 && rte_errno == ENOENT);
	CHECK(rte_extmem_unregister(va2, 16 * PG) == 0);

	/* external heap: its region is a list too; memzones on its socket */
	REQUIRE(rte_malloc_heap_create("ext_heap") == 0);
	int sock = rte_malloc_heap_get_socket("ext_heap");
	CHECK(sock >= RTE_MAX_NUMA_NODES);
	REQUIRE(rte_malloc_heap_memory_add("ext_heap", va, len, iovas, NPG, PG) == 0);
	msl = rte_mem_virt2memseg_list(va + len / 2);
	CHECK(msl != NULL && msl->external == 1 && msl->heap == 1 && msl->socket_id == sock);
	ms = rte_mem_virt2memseg(va + 3 * PG, NULL);
	CHECK(ms != NULL && ms->iova == iovas[3]);
	/* not rte_extmem's to remove */
	CHECK(rte_extmem_unregister(va, len) == -1);
	CHECK(rte_mem_virt2memseg_list(va) == msl);

	const struct rte_memzone *mz = rte_memzone_reserve("ext_mz", 64 * 1024, sock, 0);
	CHECK_MSG(mz != NULL, "memzone on external socket %d: %s", sock, rte_strerror(rte_errno));
	if (mz) {
		CHECK((char *)mz->addr >= va && (char *)mz->addr + mz->len <= va + len);
		CHECK(mz->socket_id == sock);
		CHECK(mz->hugepage_sz == PG);
		memset(mz->addr, 0x5a, mz->len);
		CHECK(rte_memzone_free(mz) == 0);
	}
	CHECK(rte_memzone_reserve("no_heap", 64, sock + 100, 0) == NULL && rte_errno == EINVAL);
	mz = rte_memzone_reserve("ext_mz_iova", 3 * PG, sock, 0);
	CHECK(mz != NULL);
	if (mz) {
		size_t off = (size_t)((char *)mz->addr - va);
		CHECK_MSG(mz->iova == iovas[off / PG] + off % PG, "mz iova %#" PRIx64, mz->iova);
		rte_memzone_free(mz);
	}
	void *p = rte_malloc_socket("ext", 1000, 0, sock);
	CHECK(p != NULL && rte_mem_virt2memseg_list(p) == msl);
	rte_free(p);
	/* IOVA-contiguous memzones come only from a region whose IOVA table is
	 * one run (as DPDK: none without a table, in VA mode too) */
	bool one_run = true;
	for (unsigned int i = 1; i < NPG; i++)
		one_run = one_run && iovas[i] == iovas[i - 1] + PG;
	mz = rte_memzone_reserve("ext_mz_contig", 2 * PG, sock, RTE_MEMZONE_IOVA_CONTIG);
	CHECK_MSG((mz != NULL) == one_run, "contig memzone %p, table one run: %d", (void *)mz, one_run);
	if (mz)
		rte_memzone_free(mz);
	CHECK(rte_malloc_heap_memory_remove("ext_heap", va, len) == 0);
	/* the same region again: once with one IOVA run, once without a table */
	rte_iova_t run_iovas[NPG];
	for (unsigned int i = 0; i < NPG; i++)
		run_iovas[i] = 0x100000000ULL + (rte_iova_t)i * PG;
	REQUIRE(rte_malloc_heap_memory_add("ext_heap", va, len, run_iovas, NPG, PG) == 0);
	mz = rte_memzone_reserve("ext_mz_contig", 2 * PG, sock, RTE_MEMZONE_IOVA_CONTIG);
	CHECK(mz != NULL);
	if (mz) {
		CHECK(mz->iova == run_iovas[0] + (rte_iova_t)((char *)mz->addr - va));
		rte_memzone_free(mz);
	}
	CHECK(rte_malloc_heap_memory_remove("ext_heap", va, len) == 0);
	REQUIRE(rte_malloc_heap_memory_add("ext_heap", va, len, NULL, NPG, PG) == 0);
	mz = rte_memzone_reserve("ext_mz_contig", 2 * PG, sock, RTE_MEMZONE_IOVA_CONTIG);
	CHECK(mz == NULL);
	mz = rte_memzone_reserve("ext_mz_plain", 2 * PG, sock, 0);
	CHECK(mz != NULL && mz->iova == RTE_BAD_IOVA);
	if (mz)
		rte_memzone_free(mz);

	CHECK(rte_malloc_heap_memory_remove("ext_heap", va, len) == 0);
	CHECK(rte_mem_virt2memseg_list(va) == NULL);
	CHECK(rte_malloc_heap_destroy("ext_heap") == 0);
	munmap(va, len);
	munmap(va2, 16 * PG);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
