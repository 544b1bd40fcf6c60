/* SPDX-License-Identifier: BSD-3-Clause
 * Memzone property test: random sizes, alignments and boundaries (seeded;
 * the seed is printed, pass one as argv[1] to replay). For every zone:
 * address aligned, [addr, addr+len) does not cross a multiple of bound,
 * iova == rte_mem_virt2iova(addr), IOVA-contiguous zones really are, zones
 * never overlap, and their contents survive the others' churn. */
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <rte_memzone.h>
#include <rte_memory.h>
#include <rte_errno.h>
#include "test.h"

#define NB_ZONES 400

struct zone { const struct rte_memzone *mz; uint8_t fill; size_t want; };
static struct zone zones[NB_ZONES];
static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void check_zone(const struct zone *z, size_t align, size_t bound, bool contig)
{
	const struct rte_memzone *mz = z->mz;
	uintptr_t a = (uintptr_t)mz->addr;
	CHECK(mz->len >= z->want);
	CHECK_MSG((a & (align - 1)) == 0, "%s addr %p align %zu", mz->name, mz->addr, align);
	if (bound)
		CHECK_MSG(a / bound == (a + mz->len - 1) / bound, "%s [%p+%zu) crosses %zu",
			  mz->name, mz->addr, mz->len, bound);
	CHECK(mz->iova == rte_mem_virt2iova(mz->addr));
	/* contiguity is checked for memory from the page layer (memseg lists) */
	if (contig && rte_mem_virt2memseg_list(mz->addr) != NULL)
		for (size_t off = 0; off < mz->len; off += 4096)
			CHECK_MSG(rte_mem_virt2iova((char *)mz->addr + off) == mz->iova + off,
				  "%s not IOVA-contiguous at +%zu", mz->name, off);
}

static bool intact(const struct zone *z)
{
	const uint8_t *p = z->mz->addr;
	for (size_t i = 0; i < z->want; i += 61)
		if (p[i] != z->fill)
			return false;
	return p[z->want - 1] == z->fill;
}

static void make(int i)
{
	char name[RTE_MEMZONE_NAMESIZE];
	size_t len = 1 + rnd() % (rnd() % 4 == 0 ? (1u << 20) : 4096);
	size_t align = (size_t)1 << (rnd() % 22);           /* 1 .. 2 MiB */
	size_t eff_align = align < RTE_CACHE_LINE_SIZE ? RTE_CACHE_LINE_SIZE : align;
	size_t bound = 0;
	if (rnd() % 2) {
		size_t need = RTE_ALIGN_CEIL(len, (size_t)RTE_CACHE_LINE_SIZE);
		if (rnd() % 2)   /* else the bound may be below the alignment: legal too */
			need = RTE_MAX(need, eff_align);
		bound = rte_align64pow2(need) << (rnd() % 3);
	}
	bool contig = rnd() % 3 == 0;
	snprintf(name, sizeof(name), "prop_%d_%u", i, (unsigned int)(rnd() % 100000));
	const struct rte_memzone *mz = rte_memzone_reserve_bounded(name, len, SOCKET_ID_ANY,
		contig ? RTE_MEMZONE_IOVA_CONTIG : 0, (unsigned int)align, (unsigned int)bound);
	if (mz == NULL) {
		/* IOVA-contiguous zones spanning pages may fail in PA mode: pages need
		 * not be physically adjacent. Anything else is a failure. */
		CHECK_MSG(contig && rte_errno == ENOMEM, "%s len %zu align %zu bound %zu: %s",
			  name, len, align, bound, rte_strerror(rte_errno));
		zones[i].mz = NULL;
		return;
	}
	zones[i] = (struct zone){ mz, (uint8_t)(1 + rnd() % 250), len };
	check_zone(&zones[i], eff_align, bound, contig);
	memset(mz->addr, zones[i].fill, len);
}

int main(int argc, char **argv)
{
	rng = argc > 1 ? strtoull(argv[1], NULL, 0) : (uint64_t)time(NULL) * 2654435761u + (uint64_t)getpid();
	if (rng == 0)
		rng = 1;
	printf("seed %llu\n", (unsigned long long)rng);
	test_eal_init("mzprop", NULL);
	for (int i = 0; i < NB_ZONES; i++)
		make(i);
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < NB_ZONES; i++)
			if (zones[i].mz && rnd() % 2) {
				CHECK_MSG(intact(&zones[i]), "%s corrupted", zones[i].mz->name);
				CHECK(rte_memzone_free(zones[i].mz) == 0);
				zones[i].mz = NULL;
			}
		for (int i = 0; i < NB_ZONES; i++)
			if (zones[i].mz == NULL)
				make(i);
	}
	/* pairwise: no overlaps */
	for (int i = 0; i < NB_ZONES; i++)
		for (int j = i + 1; j < NB_ZONES && zones[i].mz; j++) {
			if (zones[j].mz == NULL)
				continue;
			uintptr_t a = (uintptr_t)zones[i].mz->addr, b = (uintptr_t)zones[j].mz->addr;
			CHECK(a + zones[i].mz->len <= b || b + zones[j].mz->len <= a);
		}
	for (int i = 0; i < NB_ZONES; i++)
		if (zones[i].mz) {
			CHECK_MSG(intact(&zones[i]), "%s corrupted", zones[i].mz->name);
			CHECK(rte_memzone_free(zones[i].mz) == 0);
		}
	rte_eal_cleanup();
	return test_done();
}
