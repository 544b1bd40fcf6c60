/* SPDX-License-Identifier: BSD-3-Clause
 * Slot copies of every shape: element sizes 4..68 bytes (constants, as the
 * inline code sees them in applications), counts 1..40 as runtime values and
 * 1/3/8/32 as constants, bulk and burst, sp/sc and mp/mc, across the end of
 * the slot array. Every dequeued element must carry the bytes enqueued into it, and
 * nothing past n elements of the caller's table may be written. The same
 * source is built three times (tests/ring/CMakeLists.txt): with the library's
 * flags, for the plain x86-64 baseline (an application built without -march
 * flags) and, where the CPU has AVX2, for x86-64-v3 (the 32-byte moves). */
#include <stdint.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>
#include "test.h"

#define RING_COUNT 64u		/* 63 usable slots: copies wrap often */
#define MAX_N 40u
#define MAX_ESIZE 68u
#define GUARD 0xA5

static uint8_t in_tab[MAX_N * MAX_ESIZE];
static uint8_t out_tab[MAX_N * MAX_ESIZE + 64];
static volatile unsigned int opaque_n;	/* a count the compiler cannot see */
static uint32_t seq;

static void fill(unsigned int esize, unsigned int n)
{
	for (unsigned int i = 0; i < n * esize; i++)
		in_tab[i] = (uint8_t)(seq + i * 7u + esize);
}

/* out_tab must hold in_tab's n elements and be untouched after them */
static int same(unsigned int esize, unsigned int n)
{
	if (memcmp(in_tab, out_tab, (size_t)n * esize) != 0)
		return 0;
	for (unsigned int i = n * esize; i < sizeof(out_tab); i++)
		if (out_tab[i] != GUARD)
			return 0;
	return 1;
}

/* One round trip of n elements of ESIZE bytes through the call family;
 * mode 0 sp/sc bulk, 1 mp/mc bulk, 2 sp/sc burst, 3 mp/mc burst, 4 the
 * ring's default calls (test_ring_api covers those; not used here, they
 * inline all four sync modes). */
#define ROUND_TRIP(ESIZE, r, mode, n, ok) do {					\
	unsigned int a_ = 0, b_ = 0;						\
	fill(ESIZE, n);								\
	memset(out_tab, GUARD, sizeof(out_tab));				\
	switch (mode) {								\
	case 0:									\
		a_ = rte_ring_sp_enqueue_bulk_elem(r, in_tab, ESIZE, n, NULL);	\
		b_ = rte_ring_sc_dequeue_bulk_elem(r, out_tab, ESIZE, n, NULL);	\
		break;								\
	case 1:									\
		a_ = rte_ring_mp_enqueue_bulk_elem(r, in_tab, ESIZE, n, NULL);	\
		b_ = rte_ring_mc_dequeue_bulk_elem(r, out_tab, ESIZE, n, NULL);	\
		break;								\
	case 2:									\
		a_ = rte_ring_sp_enqueue_burst_elem(r, in_tab, ESIZE, n, NULL);	\
		b_ = rte_ring_sc_dequeue_burst_elem(r, out_tab, ESIZE, n, NULL); \
		break;								\
	case 3:									\
		a_ = rte_ring_mp_enqueue_burst_elem(r, in_tab, ESIZE, n, NULL);	\
		b_ = rte_ring_mc_dequeue_burst_elem(r, out_tab, ESIZE, n, NULL); \
		break;								\
	default:								\
		a_ = rte_ring_enqueue_bulk_elem(r, in_tab, ESIZE, n, NULL);	\
		b_ = rte_ring_dequeue_bulk_elem(r, out_tab, ESIZE, n, NULL);	\
		break;								\
	}									\
	(ok) = a_ == (n) && b_ == (n) && same(ESIZE, n);			\
	seq++;									\
} while (0)

/* Runtime counts 1..MAX_N through every call family, then the constant
 * counts 1, 3, 8 and 32 (the compiler specialises the copy for those)
 * through the sp/sc bulk and burst calls (the other families share the
 * copy code), for one constant ESIZE. Kept to few expansion sites: every
 * site inlines whole enqueue/dequeue paths, and sanitizer builds pay for
 * each one at compile time. */
#define CONST_CASE(ESIZE, r, N, ok) do {					\
	ROUND_TRIP(ESIZE, r, 0, N, ok);						\
	CHECK_MSG(ok, "esize %u bulk n %u (constant)", ESIZE, N);		\
	ROUND_TRIP(ESIZE, r, 2, N, ok);						\
	CHECK_MSG(ok, "esize %u burst n %u (constant)", ESIZE, N);		\
} while (0)

#define SIZE_CASE(ESIZE) do {							\
	struct rte_ring *r_ = rte_ring_create_elem("copy" #ESIZE, ESIZE,	\
						   RING_COUNT, SOCKET_ID_ANY, 0); \
	int ok_;								\
	REQUIRE(r_ != NULL);							\
	for (unsigned int mode = 0; mode < 4; mode++) {				\
		for (unsigned int k = 1; k <= MAX_N; k++) {			\
			opaque_n = k;						\
			ROUND_TRIP(ESIZE, r_, mode, opaque_n, ok_);		\
			CHECK_MSG(ok_, "esize %u mode %u n %u (runtime)", ESIZE, mode, k); \
		}								\
	}									\
	for (unsigned int k = 0; k < 4; k++) {	/* walk the constants past the wrap */ \
		CONST_CASE(ESIZE, r_, 1, ok_);					\
		CONST_CASE(ESIZE, r_, 3, ok_);					\
		CONST_CASE(ESIZE, r_, 8, ok_);					\
		CONST_CASE(ESIZE, r_, 32, ok_);					\
	}									\
	rte_ring_free(r_);							\
} while (0)

/* The single-object calls of the pointer and the 16-byte APIs. */
static void singles(void)
{
	struct rte_ring *r = rte_ring_create("copy_single", RING_COUNT, SOCKET_ID_ANY, 0);
	struct rte_ring *r16 = rte_ring_create_elem("copy_single16", 16, RING_COUNT,
						    SOCKET_ID_ANY, 0);
	uint64_t e[2], o[4];
	void *p;

	REQUIRE(r != NULL && r16 != NULL);
	for (uintptr_t i = 1; i < 3 * RING_COUNT; i++) {
		p = NULL;
		CHECK((i & 1 ? rte_ring_sp_enqueue(r, (void *)i) : rte_ring_mp_enqueue(r, (void *)i)) == 0);
		CHECK((i & 2 ? rte_ring_sc_dequeue(r, &p) : rte_ring_mc_dequeue(r, &p)) == 0);
		CHECK(p == (void *)i);
		e[0] = i;
		e[1] = ~i;
		memset(o, GUARD, sizeof(o));
		CHECK((i & 1 ? rte_ring_sp_enqueue_elem(r16, e, 16) : rte_ring_mp_enqueue_elem(r16, e, 16)) == 0);
		CHECK((i & 2 ? rte_ring_sc_dequeue_elem(r16, o, 16) : rte_ring_mc_dequeue_elem(r16, o, 16)) == 0);
		CHECK(o[0] == i && o[1] == ~(uint64_t)i && o[2] == 0xA5A5A5A5A5A5A5A5ull);
	}
	/* empty and full polls move nothing and report it */
	CHECK(rte_ring_sc_dequeue(r, &p) == -ENOENT && rte_ring_mc_dequeue(r, &p) == -ENOENT);
	CHECK(rte_ring_sc_dequeue_elem(r16, o, 16) == -ENOENT);
	for (unsigned int i = 0; i < RING_COUNT - 1; i++)
		CHECK(rte_ring_sp_enqueue_elem(r16, e, 16) == 0);
	CHECK(rte_ring_sp_enqueue_elem(r16, e, 16) == -ENOBUFS);
	CHECK(rte_ring_mp_enqueue_elem(r16, e, 16) == -ENOBUFS);
	CHECK(rte_ring_count(r16) == RING_COUNT - 1);
	rte_ring_free(r);
	rte_ring_free(r16);
}

int main(void)
{
#ifdef TEST_RING_COPY_NEEDS_AVX2
	if (!__builtin_cpu_supports("avx2"))
		TEST_SKIP("CPU without AVX2");
#endif
	test_eal_init("ring_copy", NULL);
	/* with n running 1..40 these reach every remainder step of the copy */
	SIZE_CASE(4);
	SIZE_CASE(8);
	SIZE_CASE(12);
	SIZE_CASE(16);
	SIZE_CASE(20);
	SIZE_CASE(68);
	singles();
	rte_eal_cleanup();
	return test_done();
}
