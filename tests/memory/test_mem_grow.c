/* SPDX-License-Identifier: BSD-3-Clause
 * Growth and shrink seen through the public API: rte_malloc of more than a
 * page maps new pages (memseg walk, rte_eal_get_physmem_size, an ALLOC mem
 * event, memfd blocks = the kernel's hugepages), rte_free hands whole pages
 * back (FREE event, blocks drop). Memzones behave the same way. Memory
 * returned by both is inside memseg lists, so it is shareable. */
#include <stdint.h>
#include <sys/stat.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_memory.h>
#include <rte_errno.h>
#include "test.h"

static struct { size_t alloc_bytes, free_bytes; int allocs, frees; } ev;
static void cb(enum rte_mem_event t, const void *addr, size_t len, void *arg)
{
	(void)addr; (void)arg;
	if (t == RTE_MEM_EVENT_ALLOC) {
		ev.allocs++;
		ev.alloc_bytes += len;
	} else {
		ev.frees++;
		ev.free_bytes += len;
	}
}

static int count_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	(void)msl; (void)ms;
	(*(size_t *)arg)++;
	return 0;
}

static size_t nsegs(void)
{
	size_t n = 0;
	rte_memseg_walk(count_cb, &n);
	return n;
}

static long blocks_of(const void *p)
{
	struct stat st;
	const struct rte_memseg *ms = rte_mem_virt2memseg(p, NULL);
	int fd = ms ? rte_memseg_get_fd(ms) : -1;
	return fd >= 0 && fstat(fd, &st) == 0 ? (long)st.st_blocks : -1;
}

int main(void)
{
	test_eal_init("memgrow", NULL);
	REQUIRE(rte_mem_event_callback_register("grow", cb, NULL) == 0);
	size_t pg = rte_eal_has_hugepages() ? RTE_PGSIZE_2M : 4096;
	size_t big = 8 * pg + 12345;
	if (big < (8 << 20))
		big = 8 << 20;
	uint64_t phys0 = rte_eal_get_physmem_size();
	size_t segs0 = nsegs();

	char *p = rte_malloc("grow", big, 0);
	REQUIRE(p != NULL);
	memset(p, 0x5c, big);
	CHECK(rte_mem_virt2memseg_list(p) != NULL);
	CHECK(rte_mem_virt2memseg_list(p + big - 1) != NULL);
	CHECK_MSG(rte_eal_get_physmem_size() >= phys0 + big, "physmem %llu -> %llu for %zu",
		  (unsigned long long)phys0, (unsigned long long)rte_eal_get_physmem_size(), big);
	CHECK(nsegs() >= segs0 + big / pg);
	CHECK(ev.allocs >= 1 && ev.alloc_bytes >= big);
	long blk_grown = blocks_of(p);
	CHECK(blk_grown >= (long)(big / 512));
	CHECK(rte_malloc_virt2iova(p) == rte_mem_virt2iova(p));

	rte_free(p);
	CHECK_MSG(ev.frees >= 1 && ev.free_bytes + 2 * pg >= big, "freed %zu of %zu", ev.free_bytes, big);
	CHECK_MSG(rte_eal_get_physmem_size() <= phys0 + 2 * pg, "physmem %llu after free (start %llu)",
		  (unsigned long long)rte_eal_get_physmem_size(), (unsigned long long)phys0);
	CHECK(nsegs() <= segs0 + 2);

	/* memzones: memory from the same shared pages */
	const struct rte_memzone *mz = rte_memzone_reserve("grow_mz", big, SOCKET_ID_ANY, 0);
	REQUIRE(mz != NULL);
	CHECK(rte_mem_virt2memseg_list(mz->addr) != NULL);
	CHECK(mz->hugepage_sz == pg);
	memset(mz->addr, 1, mz->len);
	uint64_t phys_mz = rte_eal_get_physmem_size();
	CHECK(phys_mz >= phys0 + big);
	CHECK(rte_memzone_free(mz) == 0);
	CHECK(rte_eal_get_physmem_size() <= phys0 + 2 * pg);

	/* IOVA-contiguous memzone of several pages: contiguous or a clean ENOMEM */
	mz = rte_memzone_reserve("grow_contig", 3 * pg, SOCKET_ID_ANY, RTE_MEMZONE_IOVA_CONTIG);
	if (mz) {
		for (size_t off = 0; off < mz->len; off += 4096)
			CHECK(rte_mem_virt2iova((char *)mz->addr + off) == mz->iova + off);
		rte_memzone_free(mz);
	} else {
		CHECK(rte_errno == ENOMEM && rte_eal_iova_mode() == RTE_IOVA_PA);
	}
	CHECK(rte_mem_event_callback_unregister("grow", NULL) == 0);
	rte_eal_cleanup();
	return test_done();
}
