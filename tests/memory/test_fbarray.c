/* SPDX-License-Identifier: BSD-3-Clause
 * rte_fbarray: every query checked against a brute-force model on random
 * bitmaps (sizes around word edges), bad input, and the memseg lists' own
 * arrays seen through the API. */
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <rte_fbarray.h>
#include <rte_memory.h>
#include <rte_malloc.h>
#include <rte_errno.h>
#include "test.h"

static bool model[1000];
static unsigned int L;
static uint64_t rng = 88172645463325252ULL;
static uint64_t rnd(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static int m_next_n(unsigned int s, unsigned int n, bool used)
{
	for (unsigned int i = s; i + n <= L; i++) {
		unsigned int k = 0;
		while (k < n && model[i + k] == used)
			k++;
		if (k == n)
			return (int)i;
	}
	return -1;
}
static int m_prev_n(unsigned int s, unsigned int n, bool used)
{
	for (long e = s; e + 1 >= (long)n; e--) {
		unsigned int k = 0;
		while (k < n && model[e - k] == used)
			k++;
		if (k == n)
			return (int)(e - n + 1);
	}
	return -1;
}
static int m_contig(unsigned int s, bool used, int dir)
{
	int n = 0;
	for (long i = s; i >= 0 && i < (long)L && model[i] == used; i += dir)
		n++;
	return n;
}
static int m_biggest(unsigned int s, bool used, int dir)
{
	int best = -1, best_len = 0;
	if (dir > 0) {
		for (unsigned int i = s; i < L;) {
			int r = m_contig(i, used, 1);
			if (r > best_len) { best_len = r; best = (int)i; }
			i += r ? (unsigned int)r : 1;
		}
	} else {
		for (long i = s; i >= 0;) {
			int r = m_contig((unsigned int)i, used, -1);
			if (r > best_len) { best_len = r; best = (int)(i - r + 1); }
			i -= r ? r : 1;
		}
	}
	return best;
}

static void check_all(struct rte_fbarray *a)
{
	unsigned int cnt = 0;
	for (unsigned int i = 0; i < L; i++)
		cnt += model[i];
	CHECK(a->count == cnt);
	for (unsigned int s = 0; s < L; s += 1 + (unsigned int)(rnd() % 7)) {
		for (int u = 0; u <= 1; u++) {
			unsigned int n = 1 + (unsigned int)(rnd() % 70);
			int (*nx)(struct rte_fbarray *, unsigned int, unsigned int) =
				u ? rte_fbarray_find_next_n_used : rte_fbarray_find_next_n_free;
			int (*pv)(struct rte_fbarray *, unsigned int, unsigned int) =
				u ? rte_fbarray_find_prev_n_used : rte_fbarray_find_prev_n_free;
			if (n <= L) {
				CHECK_MSG(nx(a, s, n) == m_next_n(s, n, u), "next_n s %u n %u u %d", s, n, u);
				CHECK_MSG(pv(a, s, n) == m_prev_n(s, n, u), "prev_n s %u n %u u %d", s, n, u);
			}
			CHECK((u ? rte_fbarray_find_next_used : rte_fbarray_find_next_free)(a, s) == m_next_n(s, 1, u));
			CHECK((u ? rte_fbarray_find_prev_used : rte_fbarray_find_prev_free)(a, s) == m_prev_n(s, 1, u));
			CHECK((u ? rte_fbarray_find_contig_used : rte_fbarray_find_contig_free)(a, s) == m_contig(s, u, 1));
			CHECK((u ? rte_fbarray_find_rev_contig_used : rte_fbarray_find_rev_contig_free)(a, s) == m_contig(s, u, -1));
			CHECK_MSG((u ? rte_fbarray_find_biggest_used : rte_fbarray_find_biggest_free)(a, s) == m_biggest(s, u, 1),
				  "biggest s %u u %d", s, u);
			CHECK_MSG((u ? rte_fbarray_find_rev_biggest_used : rte_fbarray_find_rev_biggest_free)(a, s) == m_biggest(s, u, -1),
				  "rev_biggest s %u u %d", s, u);
			CHECK(rte_fbarray_is_used(a, s) == model[s]);
		}
	}
}

static int walk_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	struct rte_fbarray *arr = (struct rte_fbarray *)&msl->memseg_arr;
	int idx = rte_fbarray_find_idx(arr, ms);
	if (idx < 0 || rte_fbarray_is_used(arr, (unsigned int)idx) != 1 || rte_fbarray_get(arr, (unsigned int)idx) != ms)
		(*(int *)arg)++;
	return 0;
}

int main(void)
{
	struct rte_fbarray a;
	rng ^= (uint64_t)time(NULL);
	CHECK(rte_fbarray_init(NULL, "x", 10, 8) == -1 && rte_errno == EINVAL);
	CHECK(rte_fbarray_init(&a, NULL, 10, 8) == -1 && rte_errno == EINVAL);
	CHECK(rte_fbarray_init(&a, "x", 0, 8) == -1 && rte_errno == EINVAL);
	CHECK(rte_fbarray_init(&a, "x", 10, 0) == -1 && rte_errno == EINVAL);
	static const unsigned int sizes[] = { 1, 63, 64, 65, 127, 128, 200, 256, 1000 };
	for (size_t z = 0; z < RTE_DIM(sizes); z++) {
		L = sizes[z];
		REQUIRE(rte_fbarray_init(&a, "fbtest", L, 24) == 0);
		CHECK(a.len == L && a.count == 0 && a.elt_sz == 24);
		memset(model, 0, sizeof(model));
		for (int round = 0; round < 4; round++) {
			unsigned int density = (unsigned int)(rnd() % 4);   /* sparse .. full */
			for (unsigned int i = 0; i < L; i++) {
				bool u = density == 3 ? (rnd() % 16 != 0) : (rnd() % 4 < density);
				if (round == 0 && z == 0)
					u = false;
				CHECK((u ? rte_fbarray_set_used : rte_fbarray_set_free)(&a, i) == 0);
				model[i] = u;
			}
			check_all(&a);
		}
		/* a free run that ends exactly at len after whole-word steps
		 * (DPDK's own fbarray test: first used, the rest free) */
		for (unsigned int i = 0; i < L; i++)
			rte_fbarray_set_free(&a, i);
		CHECK(rte_fbarray_find_contig_free(&a, 0) == (int)L);
		CHECK(rte_fbarray_set_used(&a, 0) == 0);
		if (L > 1)
			CHECK(rte_fbarray_find_contig_free(&a, 1) == (int)L - 1);
		CHECK(rte_fbarray_find_rev_contig_free(&a, L - 1) == (int)L - 1);
		CHECK(rte_fbarray_set_free(&a, 0) == 0);
		void *e = rte_fbarray_get(&a, L - 1);
		CHECK(e != NULL && rte_fbarray_find_idx(&a, e) == (int)L - 1);
		memset(e, 0xee, 24);   /* element memory is writable */
		CHECK(rte_fbarray_get(&a, L) == NULL && rte_errno == EINVAL);
		CHECK(rte_fbarray_set_used(&a, L) == -1 && rte_errno == EINVAL);
		CHECK(rte_fbarray_is_used(&a, L) == -1);
		CHECK(rte_fbarray_find_next_used(&a, L) == -1 && rte_errno == EINVAL);
		CHECK(rte_fbarray_find_next_n_free(&a, 0, 0) == -1 && rte_errno == EINVAL);
		CHECK(rte_fbarray_find_idx(&a, (char *)e + 1) == -1);
		CHECK(rte_fbarray_attach(&a) == 0);
		char buf[256];
		FILE *f = fmemopen(buf, sizeof(buf), "w");
		rte_fbarray_dump_metadata(&a, f);
		fclose(f);
		CHECK(strstr(buf, "fbtest") != NULL);
		CHECK(rte_fbarray_destroy(&a) == 0);
		CHECK(rte_fbarray_destroy(&a) == -1);   /* zeroed: invalid now */
	}
	CHECK(rte_fbarray_get(NULL, 0) == NULL);
	CHECK(rte_fbarray_find_next_free(NULL, 0) == -1 && rte_errno == EINVAL);
	rte_fbarray_dump_metadata(NULL, stderr);

	/* the memseg lists' arrays through the API */
	test_eal_init("fbarray", NULL);
	void *p = rte_malloc(NULL, 3 << 20, 0);
	REQUIRE(p != NULL);
	int bad = 0;
	CHECK(rte_memseg_walk(walk_cb, &bad) == 0 && bad == 0);
	struct rte_memseg_list *msl = rte_mem_virt2memseg_list(p);
	REQUIRE(msl != NULL);
	CHECK(rte_fbarray_find_next_used(&msl->memseg_arr, 0) >= 0);
	CHECK(rte_fbarray_destroy(&msl->memseg_arr) == -1);   /* not ours to destroy */
	rte_free(p);
	rte_eal_cleanup();
	return test_done();
}
