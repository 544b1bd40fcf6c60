/* SPDX-License-Identifier: BSD-3-Clause
 * The heap grows past one page and shrinks back: memory held from the
 * page layer (socket stats heap_totalsz_bytes, and the internal counter)
 * rises while blocks are live and returns near the baseline when they are
 * freed. Then, under "-m 64", allocation until exhaustion fails cleanly with
 * ENOMEM, the heap stays consistent, and everything is usable again after
 * freeing. Usage: test_heap_grow [mode] where mode "grow" or "exhaust". */
#include <stdint.h>
#include <rte_malloc.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include "heap_test.h"

#define MB (1024 * 1024)

static size_t held(void)
{
	struct rte_malloc_socket_stats st;
	size_t t = 0;
	for (unsigned int i = 0; i < rte_socket_count(); i++)
		if (rte_malloc_get_socket_stats(rte_socket_id_by_idx(i), &st) == 0)
			t += st.heap_totalsz_bytes;
	CHECK(t == eal_heap_held_bytes());
	return t;
}

static int count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	(void)msl;
	*(size_t *)arg += ms->len;
	return 0;
}
/* Bytes the page layer has mapped (all memseg lists). */
static size_t mapped(void)
{
	size_t n = 0;
	rte_memseg_walk(count_seg, &n);
	return n;
}

static void test_grow_shrink(void)
{
	size_t map0 = mapped();
	enum { NL = 200, NS = 20000 };
	static void *large[NL], *small[NS];
	size_t base = held();
	for (int i = 0; i < NL; i++) {
		large[i] = rte_malloc("grow", 256 * 1024, 0);
		REQUIRE(large[i]);
		memset(large[i], i, 256 * 1024);
	}
	for (int i = 0; i < NS; i++) {
		small[i] = rte_malloc("grow", 1000, 0);
		REQUIRE(small[i]);
		memset(small[i], i, 1000);
	}
	size_t peak = held();
	CHECK_MSG(peak >= base + (size_t)NL * 256 * 1024 + (size_t)NS * 1000,
		  "held %zu -> %zu", base, peak);
	HEAP_VERIFY("grown");
	size_t map1 = mapped();
	CHECK_MSG(map1 >= map0 + (size_t)NL * 256 * 1024, "page layer mapped %zu -> %zu", map0, map1);
	for (int i = 0; i < NL; i++)
		rte_free(large[i]);
	for (int i = 0; i < NS; i++)
		rte_free(small[i]);
	size_t after = held();
	/* one empty small segment and one empty large span may be kept */
	CHECK_MSG(after <= base + 6 * MB, "held %zu at start, %zu at peak, %zu after free",
		  base, peak, after);
	HEAP_VERIFY("shrunk");
	size_t map2 = mapped();
	CHECK_MSG(map2 <= map0 + 6 * MB, "page layer mapped %zu at start, %zu at peak, %zu after free",
		  map0, map1, map2);

	/* one block bigger than any span so far goes straight back */
	size_t before = held();
	void *big = rte_malloc("grow", 64 * MB, 0);
	REQUIRE(big);
	memset(big, 1, 64 * MB);
	CHECK(held() >= before + 64 * MB);
	rte_free(big);
	CHECK_MSG(held() <= before, "held %zu before, %zu after 64 MiB free", before, held());
	HEAP_VERIFY("big block");
}

static void test_exhaust(void)
{
	enum { MAXB = 512 };
	static void *blk[MAXB];
	int n = 0, got_enomem = 0;
	size_t total = 0;
	/* large blocks until the page layer says no (cap: 8x the -m limit) */
	while (n < MAXB) {
		rte_errno = 0;
		void *p = rte_malloc("exh", MB, 0);
		if (p == NULL) {
			got_enomem = rte_errno == ENOMEM;
			break;
		}
		blk[n++] = p;
		total += MB;
	}
	if (n == MAXB) {
		for (int i = 0; i < n; i++)
			rte_free(blk[i]);
		TEST_SKIP("page layer does not enforce -m (provisional page layer?)");
	}
	CHECK_MSG(got_enomem, "exhaustion gave rte_errno %d, not ENOMEM", rte_errno);
	CHECK_MSG(total >= 16 * MB, "only %zu MiB before exhaustion under -m 64", total / MB);
	/* small blocks fail cleanly too (maybe after using the remaining space) */
	static void *sm[100000];
	int ns = 0;
	while (ns < 100000 && (sm[ns] = rte_malloc("exh", 2048, 0)) != NULL)
		ns++;
	CHECK_MSG(ns < 100000, "small allocations never ran out");
	CHECK(rte_errno == ENOMEM);
	HEAP_VERIFY("exhausted");
	for (int i = 0; i < n; i++)
		rte_free(blk[i]);
	for (int i = 0; i < ns; i++)
		rte_free(sm[i]);
	HEAP_VERIFY("after exhaustion");
	/* usable again */
	void *p = rte_malloc("exh", 8 * MB, 0);
	CHECK(p != NULL);
	rte_free(p);
	HEAP_VERIFY("reuse");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "grow";
	if (strcmp(mode, "exhaust") == 0) {
		static const char *const extra[] = { "-m", "64", NULL };
		test_eal_init("heap_exh", extra);
		test_exhaust();
	} else {
		test_eal_init("heap_grow", NULL);
		test_grow_shrink();
	}
	rte_eal_cleanup();
	return test_done();
}
