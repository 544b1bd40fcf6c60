/* SPDX-License-Identifier: BSD-3-Clause
 * Ring benchmarks (built against dplite and against DPDK by bench/run.sh).
 *
 * - single core: enqueue_bulk(n) immediately followed by dequeue_bulk(n) on
 *   one lcore, for SP/SC, MP/MC, RTS and HTS rings; ns per object moved
 *   (one enqueue + one dequeue).
 * - two cores: the worker lcore produces bursts, the main lcore consumes
 *   them; ns per object delivered, measured by the consumer from the common
 *   start line to the last object. Each timed pass sits between two short
 *   ping-pongs (not timed) and is also printed with them as a BENCH-PAIR
 *   line, so report.py can compare the builds within one vCPU placement.
 * - DPDK-style rows (as DPDK's ring_perf_autotest measures them): the
 *   burst/bulk size is read from a volatile, so neither build can fold it
 *   into the copy; the `_elem` API with 16-byte elements; single-object
 *   calls (rte_ring_sp_enqueue/sc_dequeue ...); and bulk dequeues of 8 from
 *   an empty ring (ns per failed call). 1-core rows: ns per object moved
 *   (enqueue + dequeue), single rows: ns per enqueue+dequeue pair.
 * - ping-pong: two lcores bounce one cache line; round-trip ns. This uses no
 *   library code at all and is the physical floor for any cross-core
 *   handoff; both builds measure it so it doubles as a noise check.
 */
#include "bench_common.h"

#include <rte_ring.h>

#define RING_SIZE 2048u
#define MAX_BULK  32u

static void *objs_in[MAX_BULK];
static void *objs_out[MAX_BULK];

/* ---- single core -------------------------------------------------------- */

enum ring_mode { MODE_SPSC, MODE_MPMC, MODE_RTS, MODE_HTS };

static unsigned int mode_flags(enum ring_mode m)
{
	switch (m) {
	case MODE_SPSC: return RING_F_SP_ENQ | RING_F_SC_DEQ;
	case MODE_MPMC: return 0;
	case MODE_RTS:  return RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ;
	case MODE_HTS:  return RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ;
	}
	return 0;
}

static const char *mode_name(enum ring_mode m)
{
	static const char *names[] = { "SP/SC", "MP/MC", "RTS", "HTS" };

	return names[m];
}

static const char *mode_key(enum ring_mode m)
{
	static const char *keys[] = { "spsc", "mpmc", "rts", "hts" };

	return keys[m];
}

/* One enqueue+dequeue round trip through the explicitly named call for the
 * mode, as an application would write it (generic calls for RTS/HTS). */
static inline unsigned int
single_step(struct rte_ring *r, enum ring_mode m, unsigned int n)
{
	unsigned int a, b;

	switch (m) {
	case MODE_SPSC:
		a = rte_ring_sp_enqueue_bulk(r, objs_in, n, NULL);
		b = rte_ring_sc_dequeue_bulk(r, objs_out, n, NULL);
		break;
	case MODE_MPMC:
		a = rte_ring_mp_enqueue_bulk(r, objs_in, n, NULL);
		b = rte_ring_mc_dequeue_bulk(r, objs_out, n, NULL);
		break;
	default:
		a = rte_ring_enqueue_bulk(r, objs_in, n, NULL);
		b = rte_ring_dequeue_bulk(r, objs_out, n, NULL);
		break;
	}
	return a + b;
}

static __attribute__((noinline)) void bench_single(enum ring_mode m, unsigned int n)
{
	char key[64], desc[128];
	struct rte_ring *r;
	uint64_t warm, iters, i, t0, t1, best = UINT64_MAX, moved = 0;
	int rep;

	snprintf(key, sizeof(key), "ring.1core.%s.bulk%u", mode_key(m), n);
	if (!bench_wanted(key))
		return;
	r = rte_ring_create("bench_r1", RING_SIZE, rte_socket_id(), mode_flags(m));
	if (r == NULL)
		bench_fail("rte_ring_create (single core)");

	warm = bench_iters(300000 / n + 30000, 500);
	iters = 65536 / n;                         /* objects per pass: 64 Ki */
	for (i = 0; i < warm; i++)
		moved += single_step(r, m, n);
	for (rep = 0; rep < bench_opt.passes; rep++) {
		t0 = bench_now_ns();
		for (i = 0; i < iters; i++)
			moved += single_step(r, m, n);
		t1 = bench_now_ns();
		best = bench_min(best, t1 - t0);
	}
	bench_keep((uintptr_t)moved + (uintptr_t)objs_out[0]);
	if (moved != 2ull * n * ((uint64_t)bench_opt.passes * iters + warm)) {
		rte_errno = EIO;
		bench_fail("ring single-core: bulk call moved the wrong count");
	}
	snprintf(desc, sizeof(desc), "ring 1 core %s enq+deq bulk %u", mode_name(m), n);
	bench_result(key, "ns/obj", (double)best / ((double)iters * n), desc);
	rte_ring_free(r);
}

/* ---- DPDK-style rows: runtime sizes, 16-byte elements, singles, empty ---- */

/* Sizes come from here: volatile, so the compiler cannot specialise the
 * ring's copy for a known n (an application rarely passes a constant). */
static volatile unsigned int rt_sizes[] = { 1, 8, 32 };

struct elem16 {
	uint64_t a, b;
};

static struct elem16 e16_in[MAX_BULK], e16_out[MAX_BULK];

enum rt_api { API_SINGLE, API_BURST, API_BULK };

/* One enqueue + dequeue of n objects through the call named by (esize, mp,
 * api); every argument but n is a constant after inlining. Returns objects
 * moved (enqueued + dequeued). */
static __rte_always_inline unsigned int
rt_step(struct rte_ring *r, unsigned int esize, int mp, enum rt_api api, unsigned int n)
{
	unsigned int a = 0, b = 0;

	if (esize == 0) {		/* pointer API */
		switch (api) {
		case API_SINGLE:
			a = (mp ? rte_ring_mp_enqueue(r, objs_in[0])
				: rte_ring_sp_enqueue(r, objs_in[0])) == 0;
			b = (mp ? rte_ring_mc_dequeue(r, &objs_out[0])
				: rte_ring_sc_dequeue(r, &objs_out[0])) == 0;
			break;
		case API_BURST:
			a = mp ? rte_ring_mp_enqueue_burst(r, objs_in, n, NULL)
			       : rte_ring_sp_enqueue_burst(r, objs_in, n, NULL);
			b = mp ? rte_ring_mc_dequeue_burst(r, objs_out, n, NULL)
			       : rte_ring_sc_dequeue_burst(r, objs_out, n, NULL);
			break;
		case API_BULK:
			a = mp ? rte_ring_mp_enqueue_bulk(r, objs_in, n, NULL)
			       : rte_ring_sp_enqueue_bulk(r, objs_in, n, NULL);
			b = mp ? rte_ring_mc_dequeue_bulk(r, objs_out, n, NULL)
			       : rte_ring_sc_dequeue_bulk(r, objs_out, n, NULL);
			break;
		}
		return a + b;
	}
	switch (api) {
	case API_SINGLE:
		a = (mp ? rte_ring_mp_enqueue_elem(r, e16_in, esize)
			: rte_ring_sp_enqueue_elem(r, e16_in, esize)) == 0;
		b = (mp ? rte_ring_mc_dequeue_elem(r, e16_out, esize)
			: rte_ring_sc_dequeue_elem(r, e16_out, esize)) == 0;
		break;
	case API_BURST:
		a = mp ? rte_ring_mp_enqueue_burst_elem(r, e16_in, esize, n, NULL)
		       : rte_ring_sp_enqueue_burst_elem(r, e16_in, esize, n, NULL);
		b = mp ? rte_ring_mc_dequeue_burst_elem(r, e16_out, esize, n, NULL)
		       : rte_ring_sc_dequeue_burst_elem(r, e16_out, esize, n, NULL);
		break;
	case API_BULK:
		a = mp ? rte_ring_mp_enqueue_bulk_elem(r, e16_in, esize, n, NULL)
		       : rte_ring_sp_enqueue_bulk_elem(r, e16_in, esize, n, NULL);
		b = mp ? rte_ring_mc_dequeue_bulk_elem(r, e16_out, esize, n, NULL)
		       : rte_ring_sc_dequeue_bulk_elem(r, e16_out, esize, n, NULL);
		break;
	}
	return a + b;
}

/* A bulk dequeue of n from an empty ring (returns 0). */
static __rte_always_inline unsigned int
empty_step(struct rte_ring *r, unsigned int esize, int mp, unsigned int n)
{
	if (esize == 0)
		return mp ? rte_ring_mc_dequeue_bulk(r, objs_out, n, NULL)
			  : rte_ring_sc_dequeue_bulk(r, objs_out, n, NULL);
	return mp ? rte_ring_mc_dequeue_bulk_elem(r, e16_out, esize, n, NULL)
		  : rte_ring_sc_dequeue_bulk_elem(r, e16_out, esize, n, NULL);
}

/* Best pass of `calls` calls of the step, in ns; *moved accumulates what the
 * steps returned. One loop per constant combination (see rt_figure). */
#define RT_LOOP(step_expr, calls, warm, moved, best) do {			\
	uint64_t i_, t0_;							\
	int p_;									\
	for (i_ = 0; i_ < (warm); i_++)						\
		(moved) += (step_expr);						\
	for (p_ = 0; p_ < bench_opt.passes; p_++) {				\
		t0_ = bench_now_ns();						\
		for (i_ = 0; i_ < (calls); i_++)				\
			(moved) += (step_expr);					\
		(best) = bench_min((best), bench_now_ns() - t0_);		\
	}									\
} while (0)

static __rte_always_inline void
rt_run(struct rte_ring *r, unsigned int esize, int mp, enum rt_api api, int empty,
       unsigned int size_idx, uint64_t calls, uint64_t warm, uint64_t *moved, uint64_t *best)
{
	if (empty)
		RT_LOOP(empty_step(r, esize, mp, rt_sizes[size_idx]), calls, warm, *moved, *best);
	else
		RT_LOOP(rt_step(r, esize, mp, api, rt_sizes[size_idx]), calls, warm, *moved, *best);
}

/* Each measured loop gets a function of its own (one per esize/mp/api
 * combination), aligned to a cache line. With all sixteen inlined into
 * rt_figure, the register allocator spilled loop variables differently in
 * each build and each row's loop landed wherever the rest of that big
 * function put it: DPDK's identical pointer and 16-byte empty-dequeue
 * loops differed by 1.9x (0.26 against 0.48 ns), and the same source's
 * rows flipped between builds with unrelated code changes. A small function
 * per loop measures the ring call, not the code placement. */
#define RT_FN(name, E, M, A, EMPTY)						\
static __attribute__((noinline, aligned(64))) void				\
name(struct rte_ring *r, unsigned int size_idx, uint64_t calls, uint64_t warm,	\
     uint64_t *moved, uint64_t *best)						\
{										\
	uint64_t m = 0, b = *best;						\
	rt_run(r, E, M, A, EMPTY, size_idx, calls, warm, &m, &b);		\
	*moved += m;								\
	*best = b;								\
}
#define RT_FNS(E, M)								\
	RT_FN(rt_##E##_##M##_single, E, M, API_SINGLE, 0)			\
	RT_FN(rt_##E##_##M##_burst, E, M, API_BURST, 0)				\
	RT_FN(rt_##E##_##M##_bulk, E, M, API_BULK, 0)				\
	RT_FN(rt_##E##_##M##_empty, E, M, API_BULK, 1)
RT_FNS(0, 0)
RT_FNS(0, 1)
RT_FNS(16, 0)
RT_FNS(16, 1)
#undef RT_FNS
#undef RT_FN

/* esize 0 = pointer API. size_idx indexes rt_sizes (ignored for singles). */
static __attribute__((noinline)) void rt_figure(unsigned int esize, int mp, enum rt_api api, int empty,
		      unsigned int size_idx)
{
	static const char *api_key[] = { "single", "burst", "bulk" };
	char key[64], desc[128], what[24];
	struct rte_ring *r;
	unsigned int n = api == API_SINGLE && !empty ? 1 : rt_sizes[size_idx];
	uint64_t calls, warm, moved = 0, best = UINT64_MAX, expect;

	if (empty)
		snprintf(what, sizeof(what), "empty.bulk%u", n);
	else if (api == API_SINGLE)
		snprintf(what, sizeof(what), "single");
	else
		snprintf(what, sizeof(what), "%s%u", api_key[api], n);
	snprintf(key, sizeof(key), "ring.1core.%s%s.%s", esize ? "elem16." : "rt.",
		 mp ? "mpmc" : "spsc", what);
	if (!bench_wanted(key))
		return;
	r = esize ? rte_ring_create_elem("bench_rt", esize, RING_SIZE, rte_socket_id(), 0)
		  : rte_ring_create("bench_rt", RING_SIZE, rte_socket_id(), 0);
	if (r == NULL)
		bench_fail("rte_ring_create (DPDK-style rows)");
	calls = empty ? 65536 : 65536 / n;
	warm = bench_iters(empty ? 300000 : 300000 / n + 30000, 500);

#define RT_CASE(E, M)								\
	do {									\
		if (empty)							\
			rt_##E##_##M##_empty(r, size_idx, calls, warm, &moved, &best); \
		else if (api == API_SINGLE)					\
			rt_##E##_##M##_single(r, size_idx, calls, warm, &moved, &best); \
		else if (api == API_BURST)					\
			rt_##E##_##M##_burst(r, size_idx, calls, warm, &moved, &best); \
		else								\
			rt_##E##_##M##_bulk(r, size_idx, calls, warm, &moved, &best); \
	} while (0)
	if (esize == 0 && mp)
		RT_CASE(0, 1);
	else if (esize == 0)
		RT_CASE(0, 0);
	else if (mp)
		RT_CASE(16, 1);
	else
		RT_CASE(16, 0);
#undef RT_CASE

	bench_keep((uintptr_t)moved + (uintptr_t)objs_out[0] + (uintptr_t)e16_out[0].a);
	expect = empty ? 0 : 2ull * n * (calls * (uint64_t)bench_opt.passes + warm);
	if (moved != expect) {
		rte_errno = EIO;
		bench_fail("ring DPDK-style row: a call moved the wrong count");
	}
	if (empty)
		snprintf(desc, sizeof(desc), "ring 1 core %s %s dequeue bulk %u from an empty ring (ns/call)",
			 esize ? "elem 16 B" : "ptr", mp ? "MC" : "SC", n);
	else if (api == API_SINGLE)
		snprintf(desc, sizeof(desc), "ring 1 core %s %s single enq+deq (ns/pair)",
			 esize ? "elem 16 B" : "ptr", mp ? "MP/MC" : "SP/SC");
	else
		snprintf(desc, sizeof(desc), "ring 1 core %s %s enq+deq %s %u, runtime n",
			 esize ? "elem 16 B" : "ptr", mp ? "MP/MC" : "SP/SC", api_key[api], n);
	bench_result(key, empty ? "ns/call" : api == API_SINGLE ? "ns/pair" : "ns/obj",
		     empty || api == API_SINGLE ? (double)best / (double)calls
						: (double)best / ((double)calls * n), desc);
	rte_ring_free(r);
}

static void dpdk_style_figures(void)
{
	int mp;

	for (mp = 0; mp <= 1; mp++) {
		rt_figure(0, mp, API_SINGLE, 0, 0);
		rt_figure(0, mp, API_BULK, 0, 2);
		rt_figure(16, mp, API_SINGLE, 0, 0);
		rt_figure(16, mp, API_BURST, 0, 1);
		rt_figure(16, mp, API_BURST, 0, 2);
		rt_figure(16, mp, API_BULK, 0, 1);
		rt_figure(16, mp, API_BULK, 0, 2);
		rt_figure(0, mp, API_BULK, 1, 1);
		rt_figure(16, mp, API_BULK, 1, 1);
	}
}

/* ---- ping-pong ------------------------------------------------------------- */

struct pingpong {
	/* the bounced line: written alternately by both lcores */
	volatile uint64_t seq __attribute__((aligned(64)));
	char pad[56];
	volatile uint32_t stop;	/* main gave up on this run (see pingpong_ns) */
	uint64_t rounds;
	struct bench_barrier start;
};

/* PP1/PP2: each side publishes its step with a release store and waits for
 * the peer's step with an acquire load; the pair orders the handoff exactly
 * like a ring's tail update, without any ring bookkeeping. */
static int pong(void *p)
{
	struct pingpong *pp = p;
	uint64_t i;

	bench_barrier_wait(&pp->start);
	for (i = 0; i < pp->rounds; i++) {
		while (__atomic_load_n(&pp->seq, __ATOMIC_ACQUIRE) != 2 * i + 1) { /* PP1 */
			if (__atomic_load_n(&pp->stop, __ATOMIC_RELAXED))
				return 0;
			rte_pause();
		}
		__atomic_store_n(&pp->seq, 2 * i + 2, __ATOMIC_RELEASE);         /* PP2 */
	}
	return 0;
}

/* Best round trip of `passes` timed runs of `rounds` bounces, in ns. The
 * warm-up and the runs are one stream of bounces from one launch of the
 * peer (each launch and start line is a scheduler round trip on a busy
 * machine); the main side timestamps the run boundaries. A run needs both
 * lcores on a CPU at once; on a busy machine one of them is often
 * descheduled and every bounce then waits for the scheduler (milliseconds),
 * which made `make bench` take minutes. So the stream stops once a run (or
 * the warm-up) has taken 2 us per round on average (25x the slowest real
 * round trip seen on the test VM); such a run counts as that slow, the
 * placement classing drops passes with it (vCPU descheduled), and the
 * reference row takes the best run. */
#define PP_GIVE_UP_NS_PER_ROUND 2000u

static double pingpong_ns(uint64_t rounds, int passes, uint64_t warm)
{
	static struct pingpong pp;
	unsigned int w = bench_worker();
	uint64_t i, t0, now, next, best = UINT64_MAX, limit = warm * PP_GIVE_UP_NS_PER_ROUND;
	int rc;

	pp.rounds = warm + (uint64_t)passes * rounds;
	__atomic_store_n(&pp.seq, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&pp.stop, 0, __ATOMIC_RELAXED);
	bench_barrier_init(&pp.start, 2);
	rc = rte_eal_remote_launch(pong, &pp, w);
	if (rc != 0) {
		rte_errno = -rc;
		bench_fail("rte_eal_remote_launch (pong)");
	}
	bench_barrier_wait(&pp.start);
	next = warm;		/* bounce index where the next timed run starts */
	t0 = bench_now_ns();
	for (i = 0; i < pp.rounds; i++) {
		if (i == next) {
			now = bench_now_ns();
			if (i > warm)
				best = bench_min(best, now - t0);
			t0 = now;
			next += rounds;
			limit = rounds * PP_GIVE_UP_NS_PER_ROUND;
		}
		__atomic_store_n(&pp.seq, 2 * i + 1, __ATOMIC_RELEASE);         /* PP2 */
		while (__atomic_load_n(&pp.seq, __ATOMIC_ACQUIRE) != 2 * i + 2) /* PP1 */
			rte_pause();
		if ((i & 31) == 31 && bench_now_ns() - t0 > limit)
			break;
	}
	if (i == pp.rounds) {
		if (passes > 0)
			best = bench_min(best, bench_now_ns() - t0);
	} else {		/* gave up: the pong side may be waiting */
		__atomic_store_n(&pp.stop, 1, __ATOMIC_RELAXED);
		best = bench_min(best, rounds * PP_GIVE_UP_NS_PER_ROUND);
	}
	rte_eal_wait_lcore(w);
	return (double)best / (double)rounds;
}

/* ---- two cores ------------------------------------------------------------ */

struct pc_arg {
	struct rte_ring *r;
	int mp;                   /* MP/MC calls instead of SP/SC */
	unsigned int burst;
	uint64_t total;
	uint64_t limit_ns;        /* the consumer gives up after this long */
	volatile uint32_t stop;   /* ... and tells the producer so */
	struct bench_barrier start;
};

static int producer(void *p)
{
	struct pc_arg *a = p;
	void *objs[MAX_BULK];
	uint64_t sent = 0;
	unsigned int i, n, want;

	for (i = 0; i < MAX_BULK; i++)
		objs[i] = (void *)(uintptr_t)(i + 1);
	bench_barrier_wait(&a->start);
	while (sent < a->total) {
		want = a->total - sent < a->burst ? (unsigned int)(a->total - sent) : a->burst;
		n = a->mp ? rte_ring_mp_enqueue_burst(a->r, objs, want, NULL)
			  : rte_ring_sp_enqueue_burst(a->r, objs, want, NULL);
		if (n == 0) {
			if (__atomic_load_n(&a->stop, __ATOMIC_RELAXED))
				break;
			rte_pause();
		}
		sent += n;
	}
	return 0;
}

/* ns the consumer took for a->total objects. On a busy machine one lcore
 * is often descheduled and a pass then takes scheduler time slices, not
 * ring time, so the consumer gives up after a->limit_ns (far beyond any
 * undisturbed pass) and reports that as the time: such a pass is never a
 * figure's best and its ping-pongs class it as dropped. */
static uint64_t consume(struct pc_arg *a)
{
	void *objs[MAX_BULK];
	uint64_t got = 0, t0, it = 0;
	uintptr_t sum = 0;
	unsigned int n;

	bench_barrier_wait(&a->start);
	t0 = bench_now_ns();
	while (got < a->total) {
		n = a->mp ? rte_ring_mc_dequeue_burst(a->r, objs, a->burst, NULL)
			  : rte_ring_sc_dequeue_burst(a->r, objs, a->burst, NULL);
		if ((n == 0 || (++it & 255) == 0) && bench_now_ns() - t0 > a->limit_ns) {
			__atomic_store_n(&a->stop, 1, __ATOMIC_RELAXED);
			bench_keep(sum);
			return a->limit_ns;
		}
		if (n == 0) {
			rte_pause();
			continue;
		}
		sum += (uintptr_t)objs[n - 1];
		got += n;
	}
	bench_keep(sum);
	return bench_now_ns() - t0;
}

static void bench_two(int mp, unsigned int burst)
{
	char key[64], desc[128];
	struct pc_arg a;
	unsigned int w = bench_worker();
	uint64_t ns, best = UINT64_MAX;
	int rc, pass, npass;

	snprintf(key, sizeof(key), "ring.2core.%s.burst%u", mp ? "mpmc" : "spsc", burst);
	if (!bench_wanted(key))
		return;
	memset(&a, 0, sizeof(a));
	a.r = rte_ring_create("bench_r2", RING_SIZE, rte_socket_id(),
			      mp ? 0 : RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (a.r == NULL)
		bench_fail("rte_ring_create (two cores)");
	a.mp = mp;
	a.burst = burst;
	/* sweeps repeat this figure, so a quarter of the passes per sweep
	 * still gives every round bench_opt.passes samples (with 4 sweeps) */
	npass = bench_opt.passes / 4 > 3 ? bench_opt.passes / 4 : 3;
	/* pass 0 warms caches and the worker; the others are timed, each
	 * between two short ping-pongs that tell which vCPU placement it ran
	 * under (printed as a BENCH-PAIR line for report.py's placement table) */
	for (pass = 0; pass <= npass; pass++) {
		double pp = pass ? pingpong_ns(200, 2, 50) : 0;

		a.total = pass ? 262144 : bench_iters(500000, 50000);
		a.limit_ns = a.total * 30;	/* 30 ns/object: 15-60x an undisturbed pass */
		__atomic_store_n(&a.stop, 0, __ATOMIC_RELAXED);
		bench_barrier_init(&a.start, 2);
		rc = rte_eal_remote_launch(producer, &a, w);
		if (rc != 0) {
			rte_errno = -rc;
			bench_fail("rte_eal_remote_launch (producer)");
		}
		ns = consume(&a);
		rte_eal_wait_lcore(w);
		if (pass > 0) {
			best = bench_min(best, ns);
			bench_pair(key, pp, pingpong_ns(200, 2, 50),
				   (double)ns / (double)a.total);
		}
	}
	snprintf(desc, sizeof(desc), "ring 2 cores %s producer->consumer burst %u",
		 mp ? "MP/MC" : "SP/SC", burst);
	bench_result(key, "ns/obj", (double)best / (double)a.total, desc);
	rte_ring_free(a.r);
}

static void bench_pingpong(void)
{
	if (!bench_wanted("ring.pingpong"))
		return;
	bench_result("ring.pingpong", "ns/rt",
		     pingpong_ns(5000, bench_opt.passes, bench_iters(20000, 2000)),
		     "cache-line ping-pong between 2 cores (reference, no library code)");
}

static void all_figures(void)
{
	static const unsigned int bulks[] = { 1, 8, 32 };
	unsigned int i;

	for (i = 0; i < 3; i++)
		bench_single(MODE_SPSC, bulks[i]);
	for (i = 0; i < 3; i++)
		bench_single(MODE_MPMC, bulks[i]);
	bench_single(MODE_RTS, 1);
	bench_single(MODE_RTS, 32);
	bench_single(MODE_HTS, 1);
	bench_single(MODE_HTS, 32);
	dpdk_style_figures();

	bench_two(0, 8);
	bench_two(0, 32);
	bench_two(1, 8);
	bench_two(1, 32);
	bench_pingpong();
}

int main(int argc, char **argv)
{
	unsigned int i;

	bench_init(argc, argv);
	for (i = 0; i < MAX_BULK; i++) {
		objs_in[i] = (void *)(uintptr_t)(0x1000 + i);
		e16_in[i].a = i;
		e16_in[i].b = ~(uint64_t)i;
	}
	bench_sweeps(all_figures);
	rte_eal_cleanup();
	return 0;
}
