/* SPDX-License-Identifier: BSD-3-Clause
 * rte_malloc API behaviour on one thread: arguments, alignment, zeroing,
 * calloc overflow, realloc, validate, invalid frees, stats and per-type
 * accounting, heap naming, external heap stubs. Full-heap check after
 * every phase. */
#include <stdint.h>
#include <rte_malloc.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include "heap_test.h"

static void test_bad_args(void)
{
	cap_begin();
	rte_errno = 0;
	CHECK(rte_malloc("t", 0, 0) == NULL);
	CHECK(rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_malloc("t", 100, 3) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_zmalloc("t", 100, 96) == NULL);
	CHECK(rte_malloc_socket("t", 100, 0, RTE_MAX_NUMA_NODES + 77) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_malloc_socket("t", 100, 0, -5) == NULL);
	if (rte_eal_has_hugepages()) {
		/* a socket with no heap (this box has rte_socket_count() sockets) */
		int s = RTE_MAX_NUMA_NODES - 1;
		if (heap_index_of_socket(s) < 0)
			CHECK(rte_malloc_socket("t", 100, 0, s) == NULL);
	}
	rte_errno = 0;
	volatile size_t big = SIZE_MAX / 2, big2 = (SIZE_MAX >> 10) + 1; /* hide from -Walloc-size */
	CHECK(rte_calloc("t", big, 4, 0) == NULL);
	CHECK(rte_errno == ENOMEM);
	CHECK(rte_calloc("t", big2, 1024, 0) == NULL);
	CHECK(rte_calloc("t", 0, 16, 0) == NULL);
	CHECK(rte_realloc(NULL, 0, 0) == NULL);
	int n = cap_end("rte_");
	CHECK_MSG(n >= 8, "expected a log line per bad call, got %d", n);
	rte_free(NULL);     /* no-op, no log */
	HEAP_VERIFY("bad args");
}

static void test_align_zero(void)
{
	void *p[64];
	int k = 0;
	for (unsigned int al = 0; al <= (1u << 20); al = al ? al * 2 : 1) {
		for (size_t sz = 1; sz <= 200000; sz = sz * 5 + 3) {
			void *q = rte_zmalloc("align", sz, al);
			CHECK_MSG(q != NULL, "zmalloc %zu align %u", sz, al);
			if (q == NULL)
				continue;
			size_t want = al < RTE_CACHE_LINE_SIZE ? RTE_CACHE_LINE_SIZE : al;
			CHECK_MSG(((uintptr_t)q & (want - 1)) == 0, "%p not aligned to %zu", q, want);
			const unsigned char *c = q;
			size_t nz = 0;
			for (size_t i = 0; i < sz; i++)
				nz += c[i] != 0;
			CHECK_MSG(nz == 0, "zmalloc(%zu) has %zu non-zero bytes", sz, nz);
			size_t usable = 0;
			CHECK(rte_malloc_validate(q, &usable) == 0 && usable >= sz);
			memset(q, 0xa5, sz);   /* dirty it for the next round */
			if (k < 64)
				p[k++] = q;
			else
				rte_free(q);
		}
	}
	for (int i = 0; i < k; i++)
		rte_free(p[i]);
	/* recycled memory must come back zeroed by zmalloc/calloc */
	for (int round = 0; round < 3; round++) {
		unsigned char *a = rte_malloc(NULL, 3000, 0), *b = rte_malloc(NULL, 100000, 0);
		REQUIRE(a && b);
		memset(a, 0xff, 3000);
		memset(b, 0xff, 100000);
		rte_free(a);
		rte_free(b);
		a = rte_calloc(NULL, 3, 1000, 0);
		b = rte_zmalloc(NULL, 100000, 0);
		REQUIRE(a && b);
		size_t nz = 0;
		for (int i = 0; i < 3000; i++)
			nz += a[i] != 0;
		for (int i = 0; i < 100000; i++)
			nz += b[i] != 0;
		CHECK_MSG(nz == 0, "recycled zeroed memory has %zu non-zero bytes", nz);
		rte_free(a);
		rte_free(b);
	}
	HEAP_VERIFY("alignment/zeroing");
}

static void test_realloc(void)
{
	size_t sz = 10;
	unsigned char *p = rte_malloc("re", sz, 0);
	REQUIRE(p);
	fill_pattern(p, sz, 7);
	/* grow through small classes into large blocks, then shrink back */
	size_t sizes[] = { 50, 64, 65, 700, 4096, 8191, 8192, 8193, 30000, 1 << 20, 3 << 20,
			   100000, 9000, 5000, 200, 10 };
	for (unsigned int i = 0; i < RTE_DIM(sizes); i++) {
		size_t ns = sizes[i];
		unsigned char *q = rte_realloc(p, ns, 0);
		CHECK_MSG(q != NULL, "realloc to %zu", ns);
		if (q == NULL)
			break;
		size_t keep = RTE_MIN(sz, ns);
		CHECK_MSG(check_prefix(q, keep, 7), "content lost realloc %zu -> %zu", sz, ns);
		fill_pattern(q, ns, 7);
		p = q;
		sz = ns;
		HEAP_VERIFY("realloc step");
	}
	/* alignment change forces a move that keeps content */
	unsigned char *q = rte_realloc(p, sz, 4096);
	REQUIRE(q);
	CHECK(((uintptr_t)q & 4095) == 0);
	CHECK(check_pattern(q, sz, 7));
	p = q;
	/* bad realloc leaves the block alone */
	cap_begin();
	CHECK(rte_realloc(p, 0, 0) == NULL);
	CHECK(rte_realloc(p, 100, 5) == NULL);
	char stack_buf[64];
	CHECK(rte_realloc(stack_buf, 100, 0) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(cap_end("rte_realloc") == 3);
	CHECK(check_pattern(p, sz, 7));
	CHECK(rte_malloc_validate(p, NULL) == 0);
	rte_free(p);
	/* realloc(NULL) is malloc */
	p = rte_realloc(NULL, 77, 0);
	CHECK(p != NULL);
	rte_free(p);
	HEAP_VERIFY("realloc");
}

static void test_invalid_frees(void)
{
	char stack_buf[256];
	static char static_buf[256];
	void *small = rte_malloc("inv", 100, 0);
	void *large = rte_malloc("inv", 100000, 0);
	REQUIRE(small && large);
	memset(small, 0x5a, 100);
	memset(large, 0x5a, 100000);
	cap_begin();
	rte_free(stack_buf);
	rte_free(static_buf);
	rte_free((void *)(uintptr_t)0x10);
	rte_free((char *)small + 64);          /* interior, next block start in class */
	rte_free((char *)small + 8);           /* interior */
	rte_free((char *)large + 64);          /* interior of large */
	rte_free((char *)large + 4096);
	int bad = cap_end("ignored");
	CHECK_MSG(bad == 7, "expected 7 invalid-free log lines, got %d", bad);
	CHECK(rte_malloc_validate(small, NULL) == 0);
	CHECK(rte_malloc_validate(large, NULL) == 0);
	CHECK(rte_malloc_validate((char *)large + 64, NULL) == -1);
	CHECK(rte_malloc_validate(stack_buf, NULL) == -1);
	CHECK(rte_malloc_validate(NULL, NULL) == -1);
	HEAP_VERIFY("invalid frees");
	rte_free(small);
	rte_free(large);
	CHECK(rte_malloc_validate(small, NULL) == -1);
	cap_begin();
	rte_free(small);                       /* double frees */
	rte_free(large);
	CHECK(cap_end("ignored") == 2);
	HEAP_VERIFY("double frees");
	/* the heap still works and hands those blocks out again */
	void *a = rte_malloc("inv", 100, 0), *b = rte_malloc("inv", 100000, 0);
	CHECK(a != NULL && b != NULL);
	rte_free(a);
	rte_free(b);
	HEAP_VERIFY("after invalid frees");
}

static long long type_bytes(const char *type)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rte_malloc_dump_stats(f, type);
	fclose(f);
	long long v = -1;
	char key[64];
	snprintf(key, sizeof(key), "Type:%s live_bytes:", type);
	char *p = strstr(buf, key);
	if (p)
		v = atoll(p + strlen(key));
	free(buf);
	return v;
}

static void test_stats(void)
{
	struct rte_malloc_socket_stats st0, st1, st2;
	int sock = rte_socket_id_by_idx(0);
	REQUIRE(rte_malloc_get_socket_stats(sock, &st0) == 0);
	CHECK(rte_malloc_get_socket_stats(RTE_MAX_NUMA_NODES + 3, &st1) == -1);
	CHECK(type_bytes("acct_t") <= 0);
	void *p[10];
	for (int i = 0; i < 10; i++) {
		p[i] = rte_malloc_socket("acct_t", i < 5 ? 1000 : 50000, 0, sock);
		REQUIRE(p[i]);
	}
	long long tb = type_bytes("acct_t");
	CHECK_MSG(tb >= 5 * 1000 + 5 * 50000 && tb <= 5 * 1024 + 5 * 50048, "type bytes %lld", tb);
	REQUIRE(rte_malloc_get_socket_stats(sock, &st1) == 0);
	CHECK(st1.alloc_count == st0.alloc_count + 10);
	CHECK(st1.heap_allocsz_bytes >= st0.heap_allocsz_bytes + 5 * 1000 + 5 * 50000);
	CHECK(st1.heap_totalsz_bytes == st1.heap_allocsz_bytes + st1.heap_freesz_bytes);
	for (int i = 0; i < 10; i++)
		rte_free(p[i]);
	CHECK(type_bytes("acct_t") == 0);
	REQUIRE(rte_malloc_get_socket_stats(sock, &st2) == 0);
	CHECK(st2.alloc_count == st0.alloc_count);
	CHECK(st2.heap_allocsz_bytes == st0.heap_allocsz_bytes);
	/* dump functions print something and find no problem */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rte_malloc_dump_heaps(f);
	rte_malloc_dump_stats(f, NULL);
	fclose(f);
	CHECK(strstr(buf, "heap check: 0 problem(s)") != NULL);
	CHECK(strstr(buf, "Heap_size:") != NULL);
	free(buf);
	HEAP_VERIFY("stats");
}

static void test_heap_names(void)
{
	int sock = rte_socket_id_by_idx(0);
	char name[32];
	snprintf(name, sizeof(name), "socket_%d", sock);
	CHECK(rte_malloc_heap_get_socket(name) == sock);
	CHECK(rte_malloc_heap_socket_is_external(sock) == 0);
	CHECK(rte_malloc_heap_socket_is_external(SOCKET_ID_ANY) == 0);
	CHECK(rte_malloc_heap_socket_is_external(RTE_MAX_NUMA_NODES + 9) == -1);
	cap_begin();
	CHECK(rte_malloc_heap_get_socket(NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_malloc_heap_get_socket("") == -1 && rte_errno == EINVAL);
	CHECK(cap_end("invalid heap name") == 2);
	CHECK(rte_malloc_heap_get_socket("nope") == -1 && rte_errno == ENOENT);
	/* virt2iova */
	void *p = rte_malloc(NULL, 1000, 0);
	REQUIRE(p);
	CHECK(rte_malloc_virt2iova(p) != RTE_BAD_IOVA);
	CHECK(rte_malloc_virt2iova(name) == RTE_BAD_IOVA);
	rte_free(p);
}

int main(void)
{
	test_eal_init("heap_basic", NULL);
	test_bad_args();
	test_align_zero();
	test_realloc();
	test_invalid_frees();
	test_stats();
	test_heap_names();
	HEAP_VERIFY("end");
	rte_eal_cleanup();
	return test_done();
}
