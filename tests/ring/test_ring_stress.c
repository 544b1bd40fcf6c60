/* SPDX-License-Identifier: BSD-3-Clause
 * Ring stress: N producers and M consumers (more threads than cores, plain
 * pthreads) per sync mode and per API (plain bulk/burst, peek, zero-copy,
 * 16-byte elements). Each object carries (producer, sequence); consumers
 * check that every producer's objects arrive in increasing order, and a
 * shared bitmap checks that every produced object is seen exactly once.
 *
 * usage: test_ring_stress [seconds-per-mode [producers [consumers]]]
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <rte_ring.h>
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>
#include "test.h"

#define MAX_THREADS 16
#define MAX_SEQ (1u << 21)	/* per producer; producers stop there */
#define BURST 32

enum api { API_PLAIN, API_PEEK, API_ZC, API_ELEM16 };

struct mode {
	const char *name;
	unsigned int flags;
	int single_prod, single_cons;
	enum api api;
};

struct elem16 {
	uint32_t prod, seq, check, pad;
};

static struct rte_ring *ring;
static const struct mode *cur;
static unsigned int nprod, ncons;
static double run_seconds;
static uint64_t *seen[MAX_THREADS];	/* bitmap per producer */
static uint32_t produced[MAX_THREADS];
static unsigned int prod_done;		/* producers finished (atomic) */
static unsigned long errors;		/* atomic */
static unsigned long consumed;		/* atomic */

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static void fail(const char *what, uint32_t p, uint32_t seq)
{
	if (__atomic_fetch_add(&errors, 1, __ATOMIC_RELAXED) < 10)
		fprintf(stderr, "FAIL [%s] %s: producer %u seq %u\n", cur->name, what, p, seq);
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13; *s ^= *s >> 7; *s ^= *s << 17;
	return *s;
}

static void *obj_of(uint32_t p, uint32_t seq)
{
	return (void *)(((uintptr_t)(p + 1) << 32) | seq);
}

/* ---- producers ---------------------------------------------------------- */
static unsigned int produce_some(uint32_t p, uint32_t seq, unsigned int n, uint64_t *rs)
{
	void *objs[BURST];
	struct elem16 e[BURST];
	struct rte_ring_zc_data z;
	unsigned int done = 0, k;

	for (unsigned int i = 0; i < n; i++) {
		objs[i] = obj_of(p, seq + i);
		e[i].prod = p; e[i].seq = seq + i; e[i].check = ~(seq + i); e[i].pad = 0;
	}
	switch (cur->api) {
	case API_PLAIN:
		switch (rnd(rs) % 3) {
		case 0: done = rte_ring_enqueue_bulk(ring, objs, n, NULL); break;
		case 1: done = rte_ring_enqueue_burst(ring, objs, n, NULL); break;
		default:
			if (cur->single_prod)
				done = rte_ring_sp_enqueue_burst(ring, objs, n, NULL);
			else if (cur->flags & (RING_F_MP_RTS_ENQ | RING_F_MP_HTS_ENQ))
				done = rte_ring_enqueue(ring, objs[0]) == 0;
			else
				done = rte_ring_mp_enqueue_bulk(ring, objs, n, NULL);
		}
		break;
	case API_PEEK:
		k = (rnd(rs) & 1) ? rte_ring_enqueue_burst_start(ring, n, NULL) :
				    rte_ring_enqueue_bulk_start(ring, n, NULL);
		if (k != 0) {
			/* sometimes publish fewer than reserved */
			done = (k > 1 && (rnd(rs) & 3) == 0) ? k - 1 : k;
			rte_ring_enqueue_finish(ring, objs, done);
		}
		break;
	case API_ZC:
		k = rte_ring_enqueue_zc_burst_start(ring, n, &z, NULL);
		if (k != 0) {
			done = (k > 1 && (rnd(rs) & 3) == 0) ? k - 1 : k;
			for (unsigned int i = 0; i < done; i++) {
				if (i < z.n1)
					((void **)z.ptr1)[i] = objs[i];
				else
					((void **)z.ptr2)[i - z.n1] = objs[i];
			}
			rte_ring_enqueue_zc_finish(ring, done);
		}
		break;
	case API_ELEM16:
		done = (rnd(rs) & 1) ? rte_ring_enqueue_burst_elem(ring, e, sizeof(e[0]), n, NULL) :
				       rte_ring_enqueue_bulk_elem(ring, e, sizeof(e[0]), n, NULL);
		break;
	}
	return done;
}

static void *producer(void *arg)
{
	uint32_t p = (uint32_t)(uintptr_t)arg, seq = 0;
	uint64_t rs = 0x9e3779b97f4a7c15ull * (p + 1);
	double end = now_s() + run_seconds;
	unsigned int iter = 0;

	while (seq < MAX_SEQ) {
		unsigned int n = 1 + (unsigned int)(rnd(&rs) % BURST);

		if (n > MAX_SEQ - seq)
			n = MAX_SEQ - seq;
		unsigned int k = produce_some(p, seq, n, &rs);

		seq += k;
		if (k == 0 || (++iter & 63) == 0) {
			sched_yield();
			if (now_s() > end)
				break;
		}
	}
	produced[p] = seq;
	__atomic_fetch_add(&prod_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* ---- consumers ---------------------------------------------------------- */
static void take(uint32_t *last, uint32_t p, uint32_t seq)
{
	uint64_t bit;

	if (p >= nprod || seq >= MAX_SEQ) {
		fail("garbage object", p, seq);
		return;
	}
	if (last[p] != UINT32_MAX && seq <= last[p])
		fail("out of order", p, seq);
	last[p] = seq;
	bit = 1ull << (seq % 64);
	if (__atomic_fetch_or(&seen[p][seq / 64], bit, __ATOMIC_RELAXED) & bit)
		fail("duplicate", p, seq);
}

static void take_ptr(uint32_t *last, void *o)
{
	uintptr_t v = (uintptr_t)o;

	take(last, (uint32_t)(v >> 32) - 1, (uint32_t)v);
}

static unsigned int consume_some(uint32_t *last, uint64_t *rs)
{
	void *objs[BURST];
	struct elem16 e[BURST];
	struct rte_ring_zc_data z;
	unsigned int n = 1 + (unsigned int)(rnd(rs) % BURST), k = 0, keep;

	switch (cur->api) {
	case API_PLAIN:
		switch (rnd(rs) % 3) {
		case 0: k = rte_ring_dequeue_bulk(ring, objs, n, NULL); break;
		case 1: k = rte_ring_dequeue_burst(ring, objs, n, NULL); break;
		default:
			if (cur->single_cons)
				k = rte_ring_sc_dequeue_burst(ring, objs, n, NULL);
			else if (cur->flags & (RING_F_MC_RTS_DEQ | RING_F_MC_HTS_DEQ))
				k = rte_ring_dequeue(ring, &objs[0]) == 0;
			else
				k = rte_ring_mc_dequeue_burst(ring, objs, n, NULL);
		}
		for (unsigned int i = 0; i < k; i++)
			take_ptr(last, objs[i]);
		break;
	case API_PEEK:
		k = rte_ring_dequeue_burst_start(ring, objs, n, NULL);
		if (k != 0) {
			/* sometimes give some back: they must come again */
			keep = (k > 1 && (rnd(rs) & 3) == 0) ? k / 2 : k;
			rte_ring_dequeue_finish(ring, keep);
			for (unsigned int i = 0; i < keep; i++)
				take_ptr(last, objs[i]);
			k = keep;
		}
		break;
	case API_ZC:
		k = (rnd(rs) & 1) ? rte_ring_dequeue_zc_burst_start(ring, n, &z, NULL) :
				    rte_ring_dequeue_zc_bulk_start(ring, n, &z, NULL);
		if (k != 0) {
			keep = (k > 1 && (rnd(rs) & 3) == 0) ? k / 2 : k;
			for (unsigned int i = 0; i < keep; i++)
				take_ptr(last, i < z.n1 ? ((void **)z.ptr1)[i] :
							  ((void **)z.ptr2)[i - z.n1]);
			rte_ring_dequeue_zc_finish(ring, keep);
			k = keep;
		}
		break;
	case API_ELEM16:
		k = rte_ring_dequeue_burst_elem(ring, e, sizeof(e[0]), n, NULL);
		for (unsigned int i = 0; i < k; i++) {
			if (e[i].check != ~e[i].seq)
				fail("torn element", e[i].prod, e[i].seq);
			take(last, e[i].prod, e[i].seq);
		}
		break;
	}
	return k;
}

static void *consumer(void *arg)
{
	uint32_t last[MAX_THREADS];
	uint64_t rs = 0xdeadbeefcafef00dull + (uintptr_t)arg;
	unsigned long mine = 0;

	memset(last, 0xff, sizeof(last));
	for (;;) {
		int all_done = __atomic_load_n(&prod_done, __ATOMIC_ACQUIRE) == nprod;
		unsigned int k = consume_some(last, &rs);

		mine += k;
		if (k == 0) {
			if (all_done && rte_ring_count(ring) == 0)
				break;
			sched_yield();
		}
	}
	__atomic_fetch_add(&consumed, mine, __ATOMIC_RELAXED);
	return NULL;
}

static void run_mode(const struct mode *m, unsigned int np, unsigned int nc)
{
	pthread_t th[2 * MAX_THREADS];
	unsigned long total = 0;
	unsigned int esize = m->api == API_ELEM16 ? sizeof(struct elem16) : sizeof(void *);

	cur = m;
	nprod = m->single_prod ? 1 : np;
	ncons = m->single_cons ? 1 : nc;
	ring = rte_ring_create_elem("stress", esize, 256, SOCKET_ID_ANY, m->flags);
	REQUIRE(ring != NULL);
	prod_done = 0;
	consumed = 0;
	for (unsigned int p = 0; p < nprod; p++) {
		seen[p] = calloc(MAX_SEQ / 64, sizeof(uint64_t));
		REQUIRE(seen[p] != NULL);
	}
	for (unsigned int c = 0; c < ncons; c++)
		REQUIRE(pthread_create(&th[nprod + c], NULL, consumer, (void *)(uintptr_t)c) == 0);
	for (unsigned int p = 0; p < nprod; p++)
		REQUIRE(pthread_create(&th[p], NULL, producer, (void *)(uintptr_t)p) == 0);
	for (unsigned int t = 0; t < nprod + ncons; t++)
		pthread_join(th[t], NULL);

	for (unsigned int p = 0; p < nprod; p++) {
		uint32_t cnt = 0;

		for (uint32_t w = 0; w < MAX_SEQ / 64; w++)
			cnt += (uint32_t)__builtin_popcountll(seen[p][w]);
		CHECK_MSG(cnt == produced[p], "[%s] producer %u: produced %u seen %u", m->name, p,
			  produced[p], cnt);
		/* seen set must be exactly [0, produced) */
		if (produced[p] > 0)
			CHECK_MSG(seen[p][(produced[p] - 1) / 64] & (1ull << ((produced[p] - 1) % 64)),
				  "[%s] producer %u last object missing", m->name, p);
		total += produced[p];
		free(seen[p]);
	}
	CHECK_MSG(consumed == total, "[%s] consumed %lu produced %lu", m->name, consumed, total);
	CHECK(rte_ring_empty(ring));
	CHECK(total > 0);
	printf("[%s] %u producers, %u consumers: %lu objects\n", m->name, nprod, ncons, total);
	rte_ring_free(ring);
}

int main(int argc, char **argv)
{
	static const struct mode modes[] = {
		{ "MP/MC", 0, 0, 0, API_PLAIN },
		{ "SP/SC", RING_F_SP_ENQ | RING_F_SC_DEQ, 1, 1, API_PLAIN },
		{ "MP/SC", RING_F_SC_DEQ, 0, 1, API_PLAIN },
		{ "SP/MC", RING_F_SP_ENQ, 1, 0, API_PLAIN },
		{ "RTS/RTS", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, 0, 0, API_PLAIN },
		{ "HTS/HTS", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, 0, 0, API_PLAIN },
		{ "RTS/HTS", RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ, 0, 0, API_PLAIN },
		{ "MP/RTS elem16", RING_F_MC_RTS_DEQ, 0, 0, API_ELEM16 },
		{ "HTS/SC elem16", RING_F_MP_HTS_ENQ | RING_F_SC_DEQ, 0, 1, API_ELEM16 },
		{ "peek SP/SC", RING_F_SP_ENQ | RING_F_SC_DEQ, 1, 1, API_PEEK },
		{ "peek HTS/HTS", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, 0, 0, API_PEEK },
		{ "zc SP/SC", RING_F_SP_ENQ | RING_F_SC_DEQ, 1, 1, API_ZC },
		{ "zc HTS/HTS", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, 0, 0, API_ZC },
		{ "zc HTS/SC", RING_F_MP_HTS_ENQ | RING_F_SC_DEQ, 0, 1, API_ZC },
	};
	unsigned int np = 3, nc = 3;

	run_seconds = argc > 1 ? atof(argv[1]) : 0.5;
	if (argc > 2)
		np = (unsigned int)atoi(argv[2]);
	if (argc > 3)
		nc = (unsigned int)atoi(argv[3]);
	if (np < 1 || np > MAX_THREADS || nc < 1 || nc > MAX_THREADS || run_seconds <= 0) {
		fprintf(stderr, "usage: %s [seconds [producers [consumers]]]\n", argv[0]);
		return 1;
	}
	test_eal_init("ring_stress", NULL);
	for (unsigned int i = 0; i < RTE_DIM(modes); i++)
		run_mode(&modes[i], np, nc);
	CHECK(errors == 0);
	rte_eal_cleanup();
	return test_done();
}
