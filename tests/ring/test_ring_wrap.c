/* SPDX-License-Identifier: BSD-3-Clause
 * Wrap-around of the free-running 32-bit positions: rings initialised on
 * malloc'd memory get head/tail set just below UINT32_MAX through the public
 * struct fields (prod/cons for MT/ST, rts_* and hts_* for RTS/HTS), then
 * objects are pushed across the 2^32 boundary in every mode and size, and
 * FIFO order, counts and free_space/available must stay exact. */
#include <stdint.h>
#include <string.h>
#include <rte_ring.h>
#include "test.h"

static void set_side(struct rte_ring *r, int prod, uint32_t pos)
{
	enum rte_ring_sync_type st = prod ? r->prod.sync_type : r->cons.sync_type;

	switch (st) {
	case RTE_RING_SYNC_MT_RTS: {
		struct rte_ring_rts_headtail *h = prod ? &r->rts_prod : &r->rts_cons;
		h->head.val.pos = pos;
		h->head.val.cnt = 7;
		h->tail.val.pos = pos;
		h->tail.val.cnt = 7;
		break;
	}
	case RTE_RING_SYNC_MT_HTS: {
		struct rte_ring_hts_headtail *h = prod ? &r->hts_prod : &r->hts_cons;
		h->ht.pos.head = pos;
		h->ht.pos.tail = pos;
		break;
	}
	default:
		if (prod)
			r->prod.head = r->prod.tail = pos;
		else
			r->cons.head = r->cons.tail = pos;
	}
}

static void run(unsigned int flags, unsigned int count, uint32_t start, int use_burst)
{
	ssize_t sz = rte_ring_get_memsize((flags & RING_F_EXACT_SZ) ?
					  rte_align32pow2(count + 1) : count);
	struct rte_ring *r;
	uintptr_t next_in = 1, next_out = 1;
	void *in[64], *out[64];
	unsigned int cap, f, a;
	uint64_t moved = 0;

	REQUIRE(sz > 0);
	r = aligned_alloc(RTE_CACHE_LINE_SIZE, (size_t)sz);
	REQUIRE(r != NULL);
	REQUIRE(rte_ring_init(r, "wrap", count, flags) == 0);
	cap = r->capacity;
	set_side(r, 1, start);
	set_side(r, 0, start);
	CHECK(rte_ring_count(r) == 0 && rte_ring_empty(r) && rte_ring_free_count(r) == cap);

	/* fill/drain in uneven chunks until well past the boundary */
	for (int iter = 0; iter < 200; iter++) {
		unsigned int n = 1 + (unsigned int)(iter * 13) % (cap < 40 ? cap : 40);
		unsigned int before = rte_ring_count(r), got;

		for (unsigned int i = 0; i < n; i++)
			in[i] = (void *)(next_in + i);
		if (use_burst)
			got = rte_ring_enqueue_burst(r, in, n, &f);
		else
			got = rte_ring_enqueue_bulk(r, in, n, &f);
		if (before + n <= cap)
			CHECK_MSG(got == n && f == cap - before - n, "flags %#x iter %d", flags, iter);
		else if (use_burst)
			CHECK(got == cap - before && f == 0);
		else
			CHECK(got == 0 && f == cap - before);
		next_in += got;
		CHECK(rte_ring_count(r) == before + got);

		unsigned int m = 1 + (unsigned int)(iter * 7) % 32, have = rte_ring_count(r);
		got = use_burst ? rte_ring_dequeue_burst(r, out, m, &a) :
				  rte_ring_dequeue_bulk(r, out, m, &a);
		if (m <= have)
			CHECK(got == m && a == have - m);
		else if (use_burst)
			CHECK(got == have && a == 0);
		else
			CHECK(got == 0 && a == have);
		for (unsigned int i = 0; i < got; i++)
			CHECK_MSG(out[i] == (void *)(next_out + i), "flags %#x iter %d i %u",
				  flags, iter, i);
		next_out += got;
		moved += got;
	}
	/* drain */
	while (rte_ring_dequeue(r, &out[0]) == 0) {
		CHECK(out[0] == (void *)next_out);
		next_out++;
		moved++;
	}
	CHECK(next_out == next_in);
	CHECK(rte_ring_empty(r));
	/* we really crossed 2^32 (or 2^31 for the INT32_MAX start) */
	CHECK(start < UINT32_MAX - 200 || (uint32_t)(start + moved) < start);
	CHECK(moved > 200);
	CHECK(r->prod.tail == (uint32_t)(start + moved));
	CHECK(r->cons.tail == (uint32_t)(start + moved));
	free(r);
}

static void run_elem16(unsigned int flags, uint32_t start)
{
	ssize_t sz = rte_ring_get_memsize_elem(16, 16);
	struct rte_ring *r = aligned_alloc(64, (size_t)sz);
	uint32_t in[4 * 10], out[4 * 10], seq = 0, seq_out = 0;

	REQUIRE(r != NULL);
	/* rte_ring_init sizes for pointers, but the header is the same: the
	 * element size is only a property of the calls. */
	REQUIRE(rte_ring_init(r, "wrap16", 16, flags) == 0);
	set_side(r, 1, start);
	set_side(r, 0, start);
	for (int iter = 0; iter < 40; iter++) {
		for (int i = 0; i < 40; i++)
			in[i] = seq * 4 + (uint32_t)i;
		CHECK(rte_ring_enqueue_bulk_elem(r, in, 16, 10, NULL) == 10);
		seq += 10;
		CHECK(rte_ring_dequeue_bulk_elem(r, out, 16, 10, NULL) == 10);
		for (int i = 0; i < 40; i++)
			CHECK(out[i] == seq_out * 4 + (uint32_t)i);
		seq_out += 10;
	}
	CHECK(r->prod.tail == start + 400u);
	free(r);
}

int main(void)
{
	static const unsigned int flags[] = {
		0, RING_F_SP_ENQ | RING_F_SC_DEQ, RING_F_SP_ENQ, RING_F_SC_DEQ,
		RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
		RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ, RING_F_SP_ENQ | RING_F_MC_RTS_DEQ,
		RING_F_MP_HTS_ENQ | RING_F_SC_DEQ, RING_F_EXACT_SZ,
		RING_F_EXACT_SZ | RING_F_SP_ENQ | RING_F_SC_DEQ,
	};
	static const uint32_t starts[] = { UINT32_MAX - 100, UINT32_MAX - 3, UINT32_MAX,
					   (uint32_t)INT32_MAX - 20 };

	test_eal_init("ring_wrap", NULL);
	for (unsigned int i = 0; i < RTE_DIM(flags); i++)
		for (unsigned int s = 0; s < RTE_DIM(starts); s++) {
			unsigned int count = (flags[i] & RING_F_EXACT_SZ) ? 50 : 64;

			run(flags[i], count, starts[s], 0);
			run(flags[i], count, starts[s], 1);
			if (starts[s] > UINT32_MAX - 200)
				run_elem16(flags[i] & ~RING_F_EXACT_SZ, starts[s]);
		}
	rte_eal_cleanup();
	return test_done();
}
