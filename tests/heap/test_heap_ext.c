/* SPDX-License-Identifier: BSD-3-Clause
 * External heaps: create, add application memory (with per-page IOVAs),
 * allocate from it by its socket id, exhaust it (no growth), refuse to
 * remove/destroy while in use, remove and destroy; every bad argument gets
 * its errno and a log line. Full-heap check after each phase. */
#include <sys/mman.h>
#include <stdint.h>
#include <rte_malloc.h>
#include <rte_lcore.h>
#include "heap_test.h"

#define REG (4u << 20)
#define PG 4096u

int main(void)
{
	test_eal_init("heap_ext", NULL);
	char *mem = mmap(NULL, 2 * REG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(mem != MAP_FAILED);
	char *r1 = mem, *r2 = mem + REG;
	static rte_iova_t iova[REG / PG];
	for (unsigned int i = 0; i < REG / PG; i++)
		iova[i] = 0x100000000ULL + (rte_iova_t)(REG / PG - 1 - i) * PG;   /* scattered */

	cap_begin();
	CHECK(rte_malloc_heap_create(NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_create("") == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_create("0123456789012345678901234567890123456789") == -1 &&
	      rte_errno == EINVAL);
	CHECK(rte_malloc_heap_create("socket_0") == -1 && rte_errno == EEXIST);
	CHECK(rte_malloc_heap_destroy("nope") == -1 && rte_errno == ENOENT);
	CHECK(rte_malloc_heap_destroy("socket_0") == -1 && rte_errno == EPERM);
	int logged = cap_end("rte_malloc_heap_");
	CHECK_MSG(logged == 6, "%d log lines", logged);

	REQUIRE(rte_malloc_heap_create("ext0") == 0);
	cap_begin();
	CHECK(rte_malloc_heap_create("ext0") == -1 && rte_errno == EEXIST);
	CHECK(rte_malloc_heap_memory_add("ext0", NULL, REG, NULL, 0, PG) == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_memory_add("ext0", r1 + 8, REG, NULL, 0, PG) == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_memory_add("ext0", r1, REG + 100, NULL, 0, PG) == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_memory_add("ext0", r1, REG, NULL, 0, 3000) == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_memory_add("ext0", r1, REG, iova, 7, PG) == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_memory_add("nope", r1, REG, NULL, 0, PG) == -1 && rte_errno == ENOENT);
	CHECK(rte_malloc_heap_memory_add("socket_0", r1, REG, NULL, 0, PG) == -1 && rte_errno == EPERM);
	CHECK(cap_end("rte_malloc_heap_") == 8);

	REQUIRE(rte_malloc_heap_memory_add("ext0", r1, REG, iova, REG / PG, PG) == 0);
	REQUIRE(rte_malloc_heap_memory_add("ext0", r2, REG, NULL, 0, PG) == 0);
	cap_begin();
	CHECK(rte_malloc_heap_memory_add("ext0", r1 + PG, PG * 4, NULL, 0, PG) == -1 &&
	      rte_errno == EEXIST);
	CHECK(rte_malloc_heap_memory_attach("ext0", r1, REG / 2) == -1 && rte_errno == ENOENT);
	CHECK(cap_end("rte_malloc_heap_") == 2);
	CHECK(rte_malloc_heap_memory_attach("ext0", r1, REG) == 0);
	CHECK(rte_malloc_heap_memory_detach("ext0", r2, REG) == 0);
	/* bad region / unknown heap: one log line each, nothing changes */
	cap_begin();
	CHECK(rte_malloc_heap_memory_remove("ext0", NULL, REG) == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_memory_attach("ext0", r1, 0) == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_memory_detach("nosuch", r1, REG) == -1 && rte_errno == ENOENT);
	CHECK(cap_end("rte_malloc_heap_") == 3);
	HEAP_VERIFY("added");

	int sock = rte_malloc_heap_get_socket("ext0");
	CHECK(sock >= RTE_MAX_NUMA_NODES);
	CHECK(rte_malloc_heap_socket_is_external(sock) == 1);
	struct rte_malloc_socket_stats st;
	REQUIRE(rte_malloc_get_socket_stats(sock, &st) == 0);
	CHECK(st.heap_totalsz_bytes == 2 * REG && st.alloc_count == 0);

	/* allocations land in the regions, IOVAs follow the table */
	enum { N = 400 };
	static void *p[N];
	int n = 0;
	for (int i = 0; i < N; i++) {
		size_t sz = (i % 3 == 0) ? 20000 : 16 + (size_t)i * 11 % 3000;
		unsigned int al = (i % 7 == 0) ? 4096 : 0;
		p[i] = (i & 1) ? rte_zmalloc_socket("ext", sz, al, sock) :
				 rte_malloc_socket("ext", sz, al, sock);
		CHECK_MSG(p[i] != NULL, "alloc %d size %zu", i, sz);
		if (p[i] == NULL)
			break;
		n++;
		char *c = p[i];
		CHECK((c >= r1 && c + sz <= r1 + REG) || (c >= r2 && c + sz <= r2 + REG));
		CHECK(al == 0 || ((uintptr_t)c & (al - 1)) == 0);
		if (i & 1) {
			size_t nz = 0;
			for (size_t k = 0; k < sz; k++)
				nz += c[k] != 0;
			CHECK(nz == 0);
		}
		fill_pattern(c, sz, (unsigned int)i);
		size_t off = (size_t)(c - r1);
		if (c >= r1 && c < r1 + REG)
			CHECK(rte_malloc_virt2iova(c) == iova[off / PG] + off % PG);
		else
			CHECK(rte_malloc_virt2iova(c) == RTE_BAD_IOVA);
	}
	HEAP_VERIFY("allocated");
	/* exhaustion: no growth from the page layer */
	static void *more[4096];
	int m = 0;
	while (m < 4096 && (more[m] = rte_malloc_socket("ext", 30000, 0, sock)) != NULL)
		m++;
	CHECK(m < 4096 && rte_errno == ENOMEM);
	REQUIRE(rte_malloc_get_socket_stats(sock, &st) == 0);
	CHECK(st.heap_totalsz_bytes == 2 * REG);
	cap_begin();
	CHECK(rte_malloc_heap_memory_remove("ext0", r1, REG) == -1 && rte_errno == EBUSY);
	CHECK(rte_malloc_heap_destroy("ext0") == -1 && rte_errno == EBUSY);
	CHECK(cap_end("rte_malloc_heap_") == 2);
	for (int i = 0; i < m; i++)
		rte_free(more[i]);
	for (int i = 0; i < n; i++) {
		size_t sz = (i % 3 == 0) ? 20000 : 16 + (size_t)i * 11 % 3000;
		CHECK_MSG(check_pattern(p[i], sz, (unsigned int)i), "block %d", i);
		if (i % 5 == 0) {   /* realloc inside the external heap */
			char *q = rte_realloc_socket(p[i], sz * 2, 0, sock);
			CHECK(q != NULL);
			if (q) {
				CHECK(check_prefix(q, sz, (unsigned int)i));
				p[i] = q;
			}
		}
		rte_free(p[i]);
	}
	HEAP_VERIFY("freed");
	REQUIRE(rte_malloc_get_socket_stats(sock, &st) == 0);
	CHECK(st.alloc_count == 0);
	CHECK(rte_malloc_heap_memory_remove("ext0", r1, REG) == 0);
	CHECK(rte_malloc_heap_memory_remove("ext0", r2, REG) == 0);
	cap_begin();
	CHECK(rte_malloc_heap_memory_remove("ext0", r2, REG) == -1 && rte_errno == ENOENT);
	CHECK(cap_end("rte_malloc_heap_") == 1);
	CHECK(rte_malloc_validate(r1 + 4096, NULL) == -1);
	CHECK(rte_malloc_heap_destroy("ext0") == 0);
	cap_begin();
	CHECK(rte_malloc_socket("ext", 100, 0, sock) == NULL && rte_errno == EINVAL);
	CHECK(cap_end("no heap for socket") == 1);
	CHECK(rte_malloc_heap_get_socket("ext0") == -1 && rte_errno == ENOENT);
	HEAP_VERIFY("destroyed");
	/* the name can be used again */
	CHECK(rte_malloc_heap_create("ext0") == 0);
	CHECK(rte_malloc_heap_destroy("ext0") == 0);
	munmap(mem, 2 * REG);
	rte_eal_cleanup();
	return test_done();
}
