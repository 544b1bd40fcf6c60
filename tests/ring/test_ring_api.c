/* SPDX-License-Identifier: BSD-3-Clause
 * rte_ring API behaviour, single-threaded: sizing, creation errors (errno
 * per DPDK), lookup/free through memzones, struct fields and sync types per
 * flag, every enqueue/dequeue variant with exact return values and
 * free_space/available, element sizes, queries, reset, dumps, htd_max, and
 * the SP/SC cached-index path staying exact when mixed with MP/MC calls. */
#include <stdint.h>
#include <string.h>
#include <rte_ring.h>
#include <rte_memzone.h>
#include <rte_errno.h>
#include <rte_log.h>
#include "test.h"

#define P(x) ((void *)(uintptr_t)(x))

static void test_memsize(void)
{
	size_t hdr = sizeof(struct rte_ring);

	CHECK(hdr % RTE_CACHE_LINE_SIZE == 0);
	CHECK(rte_ring_get_memsize(1024) == (ssize_t)RTE_ALIGN_CEIL(hdr + 1024 * sizeof(void *), 64));
	CHECK(rte_ring_get_memsize(1000) == -EINVAL);
	CHECK(rte_ring_get_memsize(0) == -EINVAL);
	CHECK(rte_ring_get_memsize(RTE_RING_SZ_MASK + 1u) == -EINVAL);
	CHECK(rte_ring_get_memsize_elem(4, 2) == (ssize_t)RTE_ALIGN_CEIL(hdr + 8, 64));
	CHECK(rte_ring_get_memsize_elem(12, 64) == (ssize_t)RTE_ALIGN_CEIL(hdr + 12 * 64, 64));
	CHECK(rte_ring_get_memsize_elem(6, 64) == -EINVAL);
	CHECK(rte_ring_get_memsize_elem(16, 63) == -EINVAL);
	/* DPDK-compatible public layout */
	CHECK(offsetof(struct rte_ring, prod) % RTE_CACHE_LINE_SIZE == 0);
	CHECK(offsetof(struct rte_ring, cons) - offsetof(struct rte_ring, prod) >= 2 * RTE_CACHE_LINE_SIZE);
	CHECK(RTE_RING_NAMESIZE == RTE_MEMZONE_NAMESIZE - 3);
}

static void test_create_errors(void)
{
	char name[64];
	struct rte_ring *r, *r2;

	rte_errno = 0;
	CHECK(rte_ring_create("bad_count", 1000, SOCKET_ID_ANY, 0) == NULL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_ring_create("zero_count", 0, SOCKET_ID_ANY, 0) == NULL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_ring_create("huge", RTE_RING_SZ_MASK + 1u, SOCKET_ID_ANY, 0) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	/* count 0 with EXACT_SZ: refused, as docs/ring.md says (DPDK accepts it) */
	CHECK(rte_ring_create("zero_exact", 0, SOCKET_ID_ANY, RING_F_EXACT_SZ) == NULL &&
	      rte_errno == EINVAL);
	CHECK(rte_ring_create("huge_exact", RTE_RING_SZ_MASK, SOCKET_ID_ANY, RING_F_EXACT_SZ) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_ring_create_elem("esize6", 6, 64, SOCKET_ID_ANY, 0) == NULL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_ring_create_elem("esize0", 0, 64, SOCKET_ID_ANY, 0) == NULL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_ring_create("flags", 64, SOCKET_ID_ANY, 0x1000) == NULL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_ring_create("flags2", 64, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_MP_HTS_ENQ) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_ring_create("flags3", 64, SOCKET_ID_ANY, RING_F_MC_RTS_DEQ | RING_F_MC_HTS_DEQ) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_ring_create(NULL, 64, SOCKET_ID_ANY, 0) == NULL && rte_errno == EINVAL);

	/* name length: NAMESIZE-1 chars fit, NAMESIZE do not */
	memset(name, 'n', sizeof(name));
	name[RTE_RING_NAMESIZE] = '\0';
	rte_errno = 0;
	CHECK(rte_ring_create(name, 64, SOCKET_ID_ANY, 0) == NULL && rte_errno == ENAMETOOLONG);
	name[RTE_RING_NAMESIZE - 1] = '\0';
	r = rte_ring_create(name, 64, SOCKET_ID_ANY, 0);
	CHECK(r != NULL);
	CHECK(rte_ring_lookup(name) == r);

	/* duplicate */
	rte_errno = 0;
	r2 = rte_ring_create(name, 128, SOCKET_ID_ANY, 0);
	CHECK(r2 == NULL && rte_errno == EEXIST);
	CHECK(rte_ring_lookup(name) == r);
	rte_ring_free(r);
	rte_errno = 0;
	CHECK(rte_ring_lookup(name) == NULL && rte_errno == ENOENT);
	/* the name is reusable after free */
	r = rte_ring_create(name, 128, SOCKET_ID_ANY, 0);
	CHECK(r != NULL && r->size == 128);
	rte_ring_free(r);

	rte_errno = 0;
	CHECK(rte_ring_lookup("no_such_ring") == NULL && rte_errno == ENOENT);
	rte_errno = 0;
	CHECK(rte_ring_lookup(NULL) == NULL && rte_errno == ENOENT);
	rte_ring_free(NULL);	/* no-op */
}

/* Every bad input logs exactly one line. */
static int log_lines_of(void (*fn)(void))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len), *old = rte_log_get_stream();
	int lines = 0;

	REQUIRE(f != NULL);
	rte_openlog_stream(f);
	fn();
	rte_openlog_stream(old);
	fclose(f);
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	free(buf);
	return lines;
}
static void bad_count(void) { CHECK(rte_ring_create("lc", 100, SOCKET_ID_ANY, 0) == NULL); }
static void bad_esize(void) { CHECK(rte_ring_create_elem("le", 10, 64, SOCKET_ID_ANY, 0) == NULL); }
static void bad_flags(void) { CHECK(rte_ring_create("lf", 64, SOCKET_ID_ANY, 0x80) == NULL); }
static void bad_name(void)
{
	CHECK(rte_ring_create("0123456789012345678901234567890123", 64, SOCKET_ID_ANY, 0) == NULL);
}
static void bad_dup(void) { CHECK(rte_ring_create("ldup", 64, SOCKET_ID_ANY, 0) == NULL); }
static void bad_memsize(void) { CHECK(rte_ring_get_memsize(3) == -EINVAL); }
static void bad_init(void)
{
	static struct rte_ring r;

	CHECK(rte_ring_init(&r, "li", 3, 0) == -EINVAL);
}
static void missing_lookup(void) { CHECK(rte_ring_lookup("lmissing") == NULL); }

static void test_one_log_line(void)
{
	struct rte_ring *d = rte_ring_create("ldup", 64, SOCKET_ID_ANY, 0);

	REQUIRE(d != NULL);
	CHECK(log_lines_of(bad_count) == 1);
	CHECK(log_lines_of(bad_esize) == 1);
	CHECK(log_lines_of(bad_flags) == 1);
	CHECK(log_lines_of(bad_name) == 1);
	CHECK(log_lines_of(bad_dup) == 1);
	CHECK(log_lines_of(bad_memsize) == 1);
	CHECK(log_lines_of(bad_init) == 1);
	CHECK(log_lines_of(missing_lookup) == 0);	/* a lookup miss is not an error */
	rte_ring_free(d);
}

static void test_fields_and_modes(void)
{
	static const struct {
		unsigned int flags;
		enum rte_ring_sync_type p, c;
	} m[] = {
		{ 0, RTE_RING_SYNC_MT, RTE_RING_SYNC_MT },
		{ RING_F_SP_ENQ, RTE_RING_SYNC_ST, RTE_RING_SYNC_MT },
		{ RING_F_SC_DEQ, RTE_RING_SYNC_MT, RTE_RING_SYNC_ST },
		{ RING_F_SP_ENQ | RING_F_SC_DEQ, RTE_RING_SYNC_ST, RTE_RING_SYNC_ST },
		{ RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, RTE_RING_SYNC_MT_RTS, RTE_RING_SYNC_MT_RTS },
		{ RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, RTE_RING_SYNC_MT_HTS, RTE_RING_SYNC_MT_HTS },
		{ RING_F_MP_RTS_ENQ | RING_F_SC_DEQ, RTE_RING_SYNC_MT_RTS, RTE_RING_SYNC_ST },
		{ RING_F_SP_ENQ | RING_F_MC_HTS_DEQ, RTE_RING_SYNC_ST, RTE_RING_SYNC_MT_HTS },
	};
	for (unsigned int i = 0; i < RTE_DIM(m); i++) {
		struct rte_ring *r = rte_ring_create("modes", 256, SOCKET_ID_ANY, m[i].flags);
		const struct rte_memzone *mz;

		REQUIRE(r != NULL);
		CHECK(strcmp(r->name, "modes") == 0);
		CHECK(r->flags == (int)m[i].flags);
		CHECK(r->size == 256 && r->mask == 255 && r->capacity == 255);
		CHECK(rte_ring_get_size(r) == 256 && rte_ring_get_capacity(r) == 255);
		CHECK(r->prod.sync_type == m[i].p && r->cons.sync_type == m[i].c);
		CHECK(rte_ring_get_prod_sync_type(r) == m[i].p);
		CHECK(rte_ring_get_cons_sync_type(r) == m[i].c);
		CHECK(rte_ring_is_prod_single(r) == (m[i].p == RTE_RING_SYNC_ST));
		CHECK(rte_ring_is_cons_single(r) == (m[i].c == RTE_RING_SYNC_ST));
		CHECK(rte_ring_get_prod_htd_max(r) ==
		      (m[i].p == RTE_RING_SYNC_MT_RTS ? 255u / 8 : UINT32_MAX));
		CHECK(rte_ring_get_cons_htd_max(r) ==
		      (m[i].c == RTE_RING_SYNC_MT_RTS ? 255u / 8 : UINT32_MAX));
		CHECK(rte_ring_set_prod_htd_max(r, 7) == (m[i].p == RTE_RING_SYNC_MT_RTS ? 0 : -ENOTSUP));
		CHECK(rte_ring_set_cons_htd_max(r, 9) == (m[i].c == RTE_RING_SYNC_MT_RTS ? 0 : -ENOTSUP));
		if (m[i].p == RTE_RING_SYNC_MT_RTS)
			CHECK(rte_ring_get_prod_htd_max(r) == 7);
		if (m[i].c == RTE_RING_SYNC_MT_RTS)
			CHECK(rte_ring_get_cons_htd_max(r) == 9);
		mz = rte_memzone_lookup("RG_modes");
		CHECK(mz != NULL && r->memzone == mz && mz->addr == (void *)r);
		CHECK(rte_ring_count(r) == 0 && rte_ring_empty(r) && !rte_ring_full(r));
		CHECK(rte_ring_free_count(r) == 255);
		rte_ring_free(r);
		CHECK(rte_memzone_lookup("RG_modes") == NULL);
	}
	/* exact size */
	struct rte_ring *r = rte_ring_create("exact", 1000, SOCKET_ID_ANY, RING_F_EXACT_SZ);
	REQUIRE(r != NULL);
	CHECK(r->size == 1024 && r->mask == 1023 && r->capacity == 1000);
	CHECK(rte_ring_free_count(r) == 1000);
	rte_ring_free(r);
	r = rte_ring_create("exact2", 1024, SOCKET_ID_ANY, RING_F_EXACT_SZ);
	REQUIRE(r != NULL);
	CHECK(r->size == 2048 && r->capacity == 1024);
	rte_ring_free(r);
}

/* One full exercise of the pointer API on a ring of capacity 15, with the
 * producer/consumer variant picked by `kind` (0 = default, 1 = mp/mc,
 * 2 = sp/sc). */
static unsigned int enq_bulk(struct rte_ring *r, int kind, void **o, unsigned int n, unsigned int *f)
{
	return kind == 0 ? rte_ring_enqueue_bulk(r, o, n, f) :
	       kind == 1 ? rte_ring_mp_enqueue_bulk(r, o, n, f) : rte_ring_sp_enqueue_bulk(r, o, n, f);
}
static unsigned int enq_burst(struct rte_ring *r, int kind, void **o, unsigned int n, unsigned int *f)
{
	return kind == 0 ? rte_ring_enqueue_burst(r, o, n, f) :
	       kind == 1 ? rte_ring_mp_enqueue_burst(r, o, n, f) : rte_ring_sp_enqueue_burst(r, o, n, f);
}
static int enq_one(struct rte_ring *r, int kind, void *o)
{
	return kind == 0 ? rte_ring_enqueue(r, o) :
	       kind == 1 ? rte_ring_mp_enqueue(r, o) : rte_ring_sp_enqueue(r, o);
}
static unsigned int deq_bulk(struct rte_ring *r, int kind, void **o, unsigned int n, unsigned int *a)
{
	return kind == 0 ? rte_ring_dequeue_bulk(r, o, n, a) :
	       kind == 1 ? rte_ring_mc_dequeue_bulk(r, o, n, a) : rte_ring_sc_dequeue_bulk(r, o, n, a);
}
static unsigned int deq_burst(struct rte_ring *r, int kind, void **o, unsigned int n, unsigned int *a)
{
	return kind == 0 ? rte_ring_dequeue_burst(r, o, n, a) :
	       kind == 1 ? rte_ring_mc_dequeue_burst(r, o, n, a) : rte_ring_sc_dequeue_burst(r, o, n, a);
}
static int deq_one(struct rte_ring *r, int kind, void **o)
{
	return kind == 0 ? rte_ring_dequeue(r, o) :
	       kind == 1 ? rte_ring_mc_dequeue(r, o) : rte_ring_sc_dequeue(r, o);
}

static void exercise_ptr(struct rte_ring *r, int kind)
{
	void *in[32], *out[32];
	unsigned int f = 12345, a = 12345;
	uintptr_t next_in = 1, next_out = 1;

	for (int i = 0; i < 32; i++)
		in[i] = NULL;
	/* several laps so the slots wrap */
	for (int lap = 0; lap < 5; lap++) {
		for (int i = 0; i < 32; i++)
			in[i] = (void *)(next_in + i);
		CHECK(enq_bulk(r, kind, in, 10, &f) == 10 && f == 5);
		CHECK(rte_ring_count(r) == 10 && rte_ring_free_count(r) == 5);
		CHECK(enq_bulk(r, kind, in + 10, 6, &f) == 0 && f == 5);	/* all or nothing */
		CHECK(enq_burst(r, kind, in + 10, 6, &f) == 5 && f == 0);	/* partial */
		CHECK(rte_ring_full(r) && !rte_ring_empty(r));
		CHECK(enq_one(r, kind, in[15]) == -ENOBUFS);
		CHECK(enq_burst(r, kind, in + 15, 3, NULL) == 0);
		next_in += 15;

		CHECK(deq_bulk(r, kind, out, 16, &a) == 0 && a == 15);
		CHECK(deq_bulk(r, kind, out, 4, &a) == 4 && a == 11);
		CHECK(deq_one(r, kind, &out[4]) == 0);
		CHECK(deq_burst(r, kind, out + 5, 32, &a) == 10 && a == 0);
		for (int i = 0; i < 15; i++)
			CHECK_MSG(out[i] == (void *)(next_out + i), "kind %d lap %d i %d", kind, lap, i);
		next_out += 15;
		CHECK(rte_ring_empty(r) && rte_ring_count(r) == 0);
		CHECK(deq_one(r, kind, &out[0]) == -ENOENT);
		CHECK(deq_burst(r, kind, out, 8, &a) == 0 && a == 0);
		/* single enqueue/dequeue; free_space after a dequeue is exact */
		CHECK(enq_one(r, kind, (void *)next_in) == 0);
		CHECK(enq_bulk(r, kind, in, 0, &f) == 0 && f == 14);
		CHECK(deq_one(r, kind, &out[0]) == 0 && out[0] == (void *)next_in);
		CHECK(enq_bulk(r, kind, in, 1, &f) == 1 && f == 14);
		CHECK(deq_bulk(r, kind, out, 1, &a) == 1 && a == 0 && out[0] == in[0]);
		next_in++; next_out++;
		next_out = next_in;
	}
}

static void test_variants(void)
{
	static const unsigned int flags[] = {
		0, RING_F_SP_ENQ | RING_F_SC_DEQ, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ,
		RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, RING_F_SP_ENQ | RING_F_MC_RTS_DEQ,
		RING_F_MP_HTS_ENQ | RING_F_SC_DEQ,
	};
	for (unsigned int i = 0; i < RTE_DIM(flags); i++) {
		struct rte_ring *r = rte_ring_create("variants", 16, SOCKET_ID_ANY, flags[i]);
		int rts_hts = flags[i] & (RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ |
					  RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ);

		REQUIRE(r != NULL);
		exercise_ptr(r, 0);
		if (!rts_hts) {	/* explicit mp/sp only on MT/ST sides (as DPDK) */
			exercise_ptr(r, 1);
			exercise_ptr(r, 2);
			/* mixing sp and mp on the same side stays exact */
			exercise_ptr(r, 1);
			exercise_ptr(r, 2);
		}
		rte_ring_free(r);
	}
}

static void test_rts_hts_explicit(void)
{
	void *in[8] = { (void *)1, (void *)2, (void *)3, (void *)4, (void *)5, (void *)6,
			(void *)7, (void *)8 };
	void *out[8];
	unsigned int f, a;
	struct rte_ring *r = rte_ring_create("rts", 8, SOCKET_ID_ANY,
					     RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ);
	struct rte_ring *h = rte_ring_create("hts", 8, SOCKET_ID_ANY,
					     RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ);
	REQUIRE(r != NULL && h != NULL);
	CHECK(rte_ring_mp_rts_enqueue_bulk(r, in, 8, &f) == 0 && f == 7);
	CHECK(rte_ring_mp_rts_enqueue_burst(r, in, 8, &f) == 7 && f == 0);
	CHECK(rte_ring_mc_rts_dequeue_bulk(r, out, 3, &a) == 3 && a == 4 && out[2] == in[2]);
	CHECK(rte_ring_mc_rts_dequeue_burst(r, out, 8, &a) == 4 && a == 0 && out[3] == in[6]);
	CHECK(rte_ring_mp_hts_enqueue_bulk(h, in, 8, &f) == 0 && f == 7);
	CHECK(rte_ring_mp_hts_enqueue_burst(h, in, 8, &f) == 7 && f == 0);
	CHECK(rte_ring_mc_hts_dequeue_bulk(h, out, 3, &a) == 3 && a == 4 && out[2] == in[2]);
	CHECK(rte_ring_mc_hts_dequeue_burst(h, out, 8, &a) == 4 && a == 0 && out[3] == in[6]);
	rte_ring_free(r);
	rte_ring_free(h);
}

static void test_elem_sizes(void)
{
	static const unsigned int esz[] = { 4, 8, 12, 16, 20, 32, 64 };
	static const unsigned int flags[] = { 0, RING_F_SP_ENQ | RING_F_SC_DEQ,
		RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ };

	for (unsigned int fi = 0; fi < RTE_DIM(flags); fi++)
	for (unsigned int e = 0; e < RTE_DIM(esz); e++) {
		unsigned int es = esz[e], words = es / 4, f, a;
		uint32_t in[32 * 16], out[32 * 16];
		uint32_t seq_in = 0, seq_out = 0;
		struct rte_ring *r = rte_ring_create_elem("elems", es, 32, SOCKET_ID_ANY, flags[fi]);

		REQUIRE(r != NULL);
		CHECK(r->capacity == 31);
		for (int round = 0; round < 20; round++) {
			unsigned int n = 1 + (unsigned int)(round * 7) % 23;
			unsigned int got;

			for (unsigned int i = 0; i < n * words; i++)
				in[i] = (seq_in + i / words) * 16 + i % words;
			if (round % 3 == 0) {
				CHECK(rte_ring_enqueue_bulk_elem(r, in, es, n, &f) == n && f == 31 - n);
			} else if (round % 3 == 1) {
				/* explicit mp form only on MT/ST producers (as DPDK) */
				if (flags[fi] == 0 || flags[fi] == (RING_F_SP_ENQ | RING_F_SC_DEQ))
					CHECK(rte_ring_mp_enqueue_burst_elem(r, in, es, n, &f) == n);
				else
					CHECK(rte_ring_enqueue_burst_elem(r, in, es, n, &f) == n);
				CHECK(f == 31 - n);
			} else {
				for (unsigned int i = 0; i < n; i++)
					CHECK(rte_ring_enqueue_elem(r, &in[i * words], es) == 0);
			}
			seq_in += n;
			memset(out, 0xee, sizeof(out));
			if (round % 2 == 0) {
				got = rte_ring_dequeue_burst_elem(r, out, es, 32, &a);
				CHECK(got == n && a == 0);
			} else {
				got = 0;
				while (rte_ring_dequeue_elem(r, &out[got * words], es) == 0)
					got++;
				CHECK(got == n);
			}
			for (unsigned int i = 0; i < got * words; i++)
				CHECK_MSG(out[i] == (seq_out + i / words) * 16 + i % words,
					  "esize %u flags %#x round %d", es, flags[fi], round);
			CHECK(out[got * words] == 0xeeeeeeee);	/* nothing written past */
			seq_out += got;
		}
		/* sp/sc and mc forms */
		if (flags[fi] == 0 || flags[fi] == (RING_F_SP_ENQ | RING_F_SC_DEQ)) {
			CHECK(rte_ring_sp_enqueue_bulk_elem(r, in, es, 5, NULL) == 5);
			CHECK(rte_ring_sp_enqueue_elem(r, &in[5 * words], es) == 0);
			CHECK(rte_ring_sp_enqueue_burst_elem(r, in, es, 40, &f) == 25 && f == 0);
			CHECK(rte_ring_mp_enqueue_elem(r, in, es) == -ENOBUFS);
			CHECK(rte_ring_mp_enqueue_bulk_elem(r, in, es, 1, &f) == 0 && f == 0);
			CHECK(rte_ring_sc_dequeue_bulk_elem(r, out, es, 5, &a) == 5 && a == 26);
			CHECK(rte_ring_sc_dequeue_elem(r, out, es) == 0 && out[0] == in[5 * words]);
			CHECK(rte_ring_mc_dequeue_elem(r, out, es) == 0 && out[0] == in[0]);
			CHECK(rte_ring_mc_dequeue_bulk_elem(r, out, es, 4, &a) == 4 && a == 20);
			CHECK(rte_ring_sc_dequeue_burst_elem(r, out, es, 10, &a) == 10 && a == 10);
			CHECK(rte_ring_mc_dequeue_burst_elem(r, out, es, 20, &a) == 10 && a == 0);
			CHECK(rte_ring_sc_dequeue_elem(r, out, es) == -ENOENT);
			CHECK(rte_ring_mc_dequeue_elem(r, out, es) == -ENOENT);
		}
		rte_ring_free(r);
	}
}

static void test_init_reset_dump(void)
{
	ssize_t sz = rte_ring_get_memsize(64);
	struct rte_ring *r;
	void *objs[64], *out[64];
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	REQUIRE(sz > 0);
	r = aligned_alloc(RTE_CACHE_LINE_SIZE, (size_t)sz);
	REQUIRE(r != NULL);
	CHECK(rte_ring_init(r, "local", 100, 0) == -EINVAL);
	CHECK(rte_ring_init(r, "local", 64, 0xff00) == -EINVAL);
	CHECK(rte_ring_init(r, "local", 64, RING_F_SP_ENQ | RING_F_MP_RTS_ENQ) == -EINVAL);
	CHECK(rte_ring_init(r, "0123456789012345678901234567890", 64, 0) == -ENAMETOOLONG);
	CHECK(rte_ring_init(NULL, "x", 64, 0) == -EINVAL);
	CHECK(rte_ring_init(r, "local", 64, RING_F_SP_ENQ | RING_F_SC_DEQ) == 0);
	CHECK(r->memzone == NULL && r->capacity == 63);
	for (int i = 0; i < 64; i++)
		objs[i] = (void *)(uintptr_t)(i + 100);
	CHECK(rte_ring_enqueue_bulk(r, objs, 40, NULL) == 40);
	CHECK(rte_ring_dequeue_bulk(r, out, 10, NULL) == 10);
	CHECK(rte_ring_count(r) == 30);
	CHECK(rte_ring_lookup("local") == NULL && rte_errno == ENOENT); /* not in a memzone */
	rte_ring_free(r);	/* refused with a log line, ring untouched */
	CHECK(rte_ring_count(r) == 30);
	rte_ring_reset(r);
	CHECK(rte_ring_count(r) == 0 && rte_ring_empty(r));
	CHECK(r->prod.head == 0 && r->prod.tail == 0 && r->cons.head == 0 && r->cons.tail == 0);
	/* after reset the SP/SC caches must not claim stale objects/space */
	CHECK(rte_ring_dequeue(r, &out[0]) == -ENOENT);
	CHECK(rte_ring_enqueue_burst(r, objs, 64, NULL) == 63);
	CHECK(rte_ring_dequeue_burst(r, out, 64, NULL) == 63 && out[62] == objs[62]);

	f = open_memstream(&buf, &len);
	REQUIRE(f != NULL);
	rte_ring_dump(f, r);
	fclose(f);
	CHECK(buf != NULL && strstr(buf, "local") != NULL && strstr(buf, "capacity=63") != NULL);
	free(buf);
	free(r);

	/* list_dump finds memzone rings only */
	struct rte_ring *a = rte_ring_create("listed_a", 64, SOCKET_ID_ANY, 0);
	struct rte_ring *b = rte_ring_create("listed_b", 64, SOCKET_ID_ANY,
					     RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ);
	REQUIRE(a != NULL && b != NULL);
	CHECK(rte_memzone_reserve("RG_fake", 64, SOCKET_ID_ANY, 0) != NULL);
	CHECK(rte_ring_lookup("fake") == NULL && rte_errno == ENOENT);
	buf = NULL;
	f = open_memstream(&buf, &len);
	REQUIRE(f != NULL);
	rte_ring_list_dump(f);
	fclose(f);
	CHECK(buf != NULL && strstr(buf, "listed_a") && strstr(buf, "listed_b") &&
	      !strstr(buf, "fake") && strstr(buf, "MT_RTS") && strstr(buf, "MT_HTS"));
	free(buf);
	rte_ring_free(a);
	rte_ring_free(b);
}

/* Absurd counts (2^31 and up, far above any capacity) must neither pass the
 * cached-limit fast path nor wrap anything: bulk moves nothing, burst moves
 * what there is, in every sync mode. */
static void test_huge_counts(void)
{
	static const unsigned int flags[] = {
		0, RING_F_SP_ENQ | RING_F_SC_DEQ,
		RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
	};
	const unsigned int huge[] = { 0x80000000u, 0x80000005u, 0xffffffffu };
	void *o[16], *out[16];
	unsigned int fs, av;

	for (int i = 0; i < 16; i++)
		o[i] = P(i + 1);
	for (unsigned int f = 0; f < RTE_DIM(flags); f++) {
		struct rte_ring *r = rte_ring_create("huge_n", 16, SOCKET_ID_ANY, flags[f]);

		REQUIRE(r != NULL);
		/* make both sides hold a valid cached limit first */
		CHECK(rte_ring_enqueue_bulk(r, o, 4, NULL) == 4);
		CHECK(rte_ring_dequeue_bulk(r, out, 2, NULL) == 2);
		for (unsigned int h = 0; h < RTE_DIM(huge); h++) {
			CHECK_MSG(rte_ring_enqueue_bulk(r, o, huge[h], &fs) == 0 && fs == 13,
				  "flags %#x n %#x", flags[f], huge[h]);
			if (f < 2) {	/* sp/mp calls only on ST/MT sides */
				CHECK(rte_ring_sp_enqueue_bulk(r, o, huge[h], NULL) == 0);
				CHECK(rte_ring_mp_enqueue_bulk(r, o, huge[h], NULL) == 0);
				CHECK(rte_ring_sc_dequeue_bulk(r, out, huge[h], NULL) == 0);
				CHECK(rte_ring_mc_dequeue_bulk(r, out, huge[h], NULL) == 0);
			}
			CHECK(rte_ring_dequeue_bulk(r, out, huge[h], &av) == 0 && av == 2);
			CHECK(rte_ring_count(r) == 2);
		}
		CHECK(rte_ring_dequeue_burst(r, out, huge[0], &av) == 2 && av == 0);
		CHECK(out[0] == o[2] && out[1] == o[3]);
		CHECK(rte_ring_enqueue_burst(r, o, huge[1], &fs) == 15 && fs == 0);
		CHECK(rte_ring_full(r));
		CHECK(rte_ring_dequeue_burst(r, out, huge[2], NULL) == 15 && out[14] == o[14]);
		CHECK(rte_ring_empty(r));
		rte_ring_free(r);
	}
}

/* Program writing head/tail directly (as DPDK's own tests do) must not be
 * fooled by the SP/SC cache. */
static void test_direct_field_writes(void)
{
	struct rte_ring *r = rte_ring_create("fields", 16, SOCKET_ID_ANY,
					     RING_F_SP_ENQ | RING_F_SC_DEQ);
	void *o[16] = { 0 }, *out[16];

	REQUIRE(r != NULL);
	CHECK(rte_ring_enqueue_bulk(r, o, 4, NULL) == 4);
	CHECK(rte_ring_dequeue_bulk(r, out, 4, NULL) == 4);
	/* pretend the ring is at position 1000, empty */
	r->prod.head = r->prod.tail = r->cons.head = r->cons.tail = 1000;
	CHECK(rte_ring_dequeue(r, &out[0]) == -ENOENT);
	CHECK(rte_ring_enqueue_burst(r, o, 16, NULL) == 15);
	CHECK(r->prod.tail == 1015);
	CHECK(rte_ring_dequeue_burst(r, out, 16, NULL) == 15);
	CHECK(r->cons.tail == 1015);
	/* both sides now hold a cached limit; move everything forward by hand
	 * to a full ring at 5000 and neither side may trust its old limit */
	for (int i = 0; i < 16; i++)
		o[i] = P(100 + i);
	CHECK(rte_ring_enqueue_bulk(r, o, 15, NULL) == 15);
	r->prod.head = r->prod.tail = 5015;
	r->cons.head = r->cons.tail = 5000;
	CHECK(rte_ring_full(r));
	CHECK(rte_ring_enqueue(r, o[0]) == -ENOBUFS);
	CHECK(rte_ring_dequeue_burst(r, out, 16, NULL) == 15);
	CHECK(out[0] == P(100 + ((5000 - 1015) & 15)));	/* slot of position 5000 */
	CHECK(rte_ring_empty(r) && r->cons.tail == 5015);
	CHECK(rte_ring_dequeue(r, &out[0]) == -ENOENT);
	rte_ring_free(r);
}

/* sp/sc and mp/mc calls on one side share its cached limit: mixing them
 * must never overwrite live objects or return stale ones. */
static void test_mixed_st_mt(void)
{
	struct rte_ring *r = rte_ring_create("mixed", 16, SOCKET_ID_ANY, 0);
	void *o[16], *out[16];

	REQUIRE(r != NULL);
	for (int i = 0; i < 16; i++)
		o[i] = P(i + 1);
	CHECK(rte_ring_sp_enqueue(r, o[0]) == 0);		/* limit now 15 */
	CHECK(rte_ring_mp_enqueue_burst(r, o + 1, 14, NULL) == 14);
	CHECK(rte_ring_full(r));
	CHECK(rte_ring_sp_enqueue(r, o[15]) == -ENOBUFS);	/* must not overwrite */
	CHECK(rte_ring_sp_enqueue_burst(r, o, 4, NULL) == 0);
	CHECK(rte_ring_sc_dequeue(r, &out[0]) == 0 && out[0] == o[0]);	/* limit 15 */
	CHECK(rte_ring_mc_dequeue_burst(r, out + 1, 14, NULL) == 14 && out[14] == o[14]);
	CHECK(rte_ring_empty(r));
	CHECK(rte_ring_sc_dequeue(r, &out[0]) == -ENOENT);	/* nothing stale */
	CHECK(rte_ring_sc_dequeue_burst(r, out, 4, NULL) == 0);
	/* and back: sp fills, sc drains exactly */
	CHECK(rte_ring_sp_enqueue_burst(r, o, 16, NULL) == 15);
	CHECK(rte_ring_sc_dequeue_burst(r, out, 16, NULL) == 15 && out[14] == o[14]);

	/* Moving a used ring's positions backwards by hand needs
	 * rte_ring_reset() first (docs/ring.md): reset drops both cached limits,
	 * so a full ring written just below 2^32 is seen as full, and an empty
	 * one as empty, by both sp/sc and mp/mc calls. */
	rte_ring_reset(r);
	r->prod.head = r->prod.tail = 5;
	r->cons.head = r->cons.tail = 5u - 15u;			/* full */
	CHECK(rte_ring_full(r));
	CHECK(rte_ring_sp_enqueue(r, o[2]) == -ENOBUFS);
	CHECK(rte_ring_mp_enqueue_burst(r, o, 4, NULL) == 0);
	CHECK(rte_ring_sc_dequeue_burst(r, out, 16, NULL) == 15);
	rte_ring_reset(r);
	r->prod.head = r->prod.tail = r->cons.head = r->cons.tail = 0u - 1u;	/* empty */
	CHECK(rte_ring_empty(r));
	CHECK(rte_ring_sc_dequeue(r, &out[0]) == -ENOENT);
	CHECK(rte_ring_mc_dequeue_burst(r, out, 4, NULL) == 0);
	/* and the limits the mp/mc calls keep are shared with sp/sc calls */
	CHECK(rte_ring_mp_enqueue_burst(r, o, 16, NULL) == 15);
	CHECK(rte_ring_sp_enqueue(r, o[0]) == -ENOBUFS);
	CHECK(rte_ring_sc_dequeue_burst(r, out, 10, NULL) == 10 && out[9] == o[9]);
	CHECK(rte_ring_mp_enqueue_burst(r, o, 16, NULL) == 10);
	CHECK(rte_ring_mc_dequeue_burst(r, out, 16, NULL) == 15 && out[4] == o[14] &&
	      out[5] == o[0] && out[14] == o[9]);
	CHECK(r->cons.tail == 0u - 1u + 25u);
	rte_ring_free(r);
}

int main(void)
{
	test_eal_init("ring_api", NULL);
	test_memsize();
	test_create_errors();
	test_fields_and_modes();
	test_variants();
	test_rts_hts_explicit();
	test_elem_sizes();
	test_init_reset_dump();
	test_direct_field_writes();
	test_mixed_st_mt();
	test_huge_counts();
	test_one_log_line();
	rte_eal_cleanup();
	return test_done();
}
