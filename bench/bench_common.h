/* SPDX-License-Identifier: BSD-3-Clause
 * Shared scaffolding for the dplite/DPDK side-by-side benchmarks.
 *
 * Every bench_*.c source is compiled twice by bench/run.sh: once against
 * dplite (./include + ./build/libdplite.so) and once against DPDK 22.11, with
 * the same compiler and flags. So this header, like the sources, uses only
 * the public DPDK 22.11 API plus libc.
 *
 * Command line of every benchmark binary:
 *     bench_X [EAL args ...] -- [--scale F] [--passes N] [--sweeps N]
 *                               [--only SUBSTR]
 * --scale multiplies warm-up lengths and latency sample counts, --passes is
 * the number of timed passes per figure (run.sh --quick: 0.05 and 3),
 * --sweeps is how many times a benchmark that supports it (ring, mempool,
 * mbuf) runs its whole list of figures in one process; each figure reports
 * its best sweep (see bench_sweeps below).
 *
 * Output protocol (stdout, one line per measurement, parsed by report.py):
 *     BENCH<TAB>key<TAB>unit<TAB>value<TAB>description
 * plus, for cross-core figures, one line per timed pass:
 *     BENCH-PAIR<TAB>key<TAB>ping-pong ns before<TAB>ping-pong ns after<TAB>value
 * Anything else on stdout (DPDK prints its EAL log there) is ignored.
 * A benchmark that cannot run (an API call fails) prints a line starting
 * with "BENCH-ERROR" and exits non-zero; run.sh turns that into a failure.
 *
 * Timing: throughput loops are timed with CLOCK_MONOTONIC around the whole
 * loop after a warm-up, best of bench_opt.passes short passes; per-operation latencies use bench_tsc() (a raw
 * rdtsc) converted with bench_tsc_hz(), our own calibration. Results of the timed work are fed into
 * bench_keep() so the compiler cannot drop it.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>

#include <rte_branch_prediction.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_launch.h>
#include <rte_cycles.h>
#include <rte_pause.h>

/* Every throughput figure is the best (lowest) of bench_opt.passes short
 * timed passes (each well under a scheduler time slice, ~0.1-1 ms) in one
 * process, after a warm-up. On a shared or virtualised machine a pass that
 * gets preempted or disturbed is slower, never faster, so the minimum over
 * many short passes is the least disturbed estimate of the steady-state
 * cost. The spread across processes (rounds) is reported by run.sh. */
#define BENCH_MAX_PASSES 64

static inline uint64_t bench_min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

struct bench_opts {
	double scale;         /* multiplier for warm-ups and latency samples */
	int passes;           /* timed passes per throughput figure */
	const char *only;     /* run only benchmarks whose key contains this */
	int sweeps;           /* runs of the whole figure list (see below) */
};

static struct bench_opts bench_opt = { 1.0, 30, NULL, 1 };

/* Sweeps. On the 2-vCPU VM these benchmarks were written on, a tight
 * single-core loop runs in one of two speeds about 2x apart, and the slow
 * state lasts for stretches of a second or more (the host, not the code:
 * the same binary flips between runs, ASLR on or off). One figure's passes
 * all happen within a few milliseconds, so they land in one state, and a
 * whole process's figures tend to share it. A benchmark with sweeps runs
 * its whole list of figures bench_opt.sweeps times in one process and
 * reports each figure's best sweep, so every figure's samples are spread
 * over the process's lifetime instead of one short window. Results are
 * collected here and printed by bench_flush(). */
#define BENCH_MAX_FIGURES 64

struct bench_figure {
	char key[64];
	char unit[16];
	char desc[128];
	double value;
};

static struct bench_figure bench_figs[BENCH_MAX_FIGURES];
static int bench_nfigs;
static int bench_collecting;

static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Our own cycle counter and its rate, so per-operation latencies do not
 * depend on either library's rte_rdtsc()/rte_get_tsc_hz() implementation. */
static inline uint64_t bench_tsc(void)
{
#if defined(__x86_64__) || defined(__i386__)
	return __builtin_ia32_rdtsc();
#else
	return bench_now_ns();
#endif
}

/* Counter ticks per second, measured against CLOCK_MONOTONIC over ~20 ms. */
static inline double bench_tsc_hz(void)
{
	uint64_t n0 = bench_now_ns(), c0 = bench_tsc(), n1, c1;

	do {
		n1 = bench_now_ns();
	} while (n1 - n0 < 20000000ull);
	c1 = bench_tsc();
	return (double)(c1 - c0) * 1e9 / (double)(n1 - n0);
}

/* An opaque use of a value: the compiler must assume it is read. */
static inline void bench_keep(uintptr_t v)
{
	__asm__ __volatile__("" : : "r"(v) : "memory");
}

/* Scale an iteration count, never below a floor that still gives a result. */
static inline uint64_t bench_iters(uint64_t full, uint64_t floor)
{
	double n = (double)full * bench_opt.scale;

	return n < (double)floor ? floor : (uint64_t)n;
}

static inline int bench_wanted(const char *key)
{
	return bench_opt.only == NULL || strstr(key, bench_opt.only) != NULL;
}

static inline void bench_print(const char *key, const char *unit, double value,
			       const char *desc)
{
	printf("BENCH\t%s\t%s\t%.3f\t%s\n", key, unit, value, desc);
	fflush(stdout);
}

/* Report one figure (lower is better): printed now, or, inside
 * bench_sweeps(), kept as the lowest value seen for its key. */
static inline void bench_result(const char *key, const char *unit, double value,
				const char *desc)
{
	int i;

	if (!bench_collecting) {
		bench_print(key, unit, value, desc);
		return;
	}
	for (i = 0; i < bench_nfigs; i++)
		if (strcmp(bench_figs[i].key, key) == 0)
			break;
	if (i == bench_nfigs) {
		if (bench_nfigs == BENCH_MAX_FIGURES) {
			bench_print(key, unit, value, desc);
			return;
		}
		bench_nfigs++;
		snprintf(bench_figs[i].key, sizeof(bench_figs[i].key), "%s", key);
		snprintf(bench_figs[i].unit, sizeof(bench_figs[i].unit), "%s", unit);
		snprintf(bench_figs[i].desc, sizeof(bench_figs[i].desc), "%s", desc);
		bench_figs[i].value = value;
	} else if (value < bench_figs[i].value) {
		bench_figs[i].value = value;
	}
}

/* One sample of a cross-core figure with the core-to-core round trips
 * (ns/rt) measured just before and just after it, printed at once;
 * report.py groups these by vCPU placement. */
static inline void bench_pair(const char *key, double pp_before, double pp_after,
			      double value)
{
	printf("BENCH-PAIR\t%s\t%.3f\t%.3f\t%.4f\n", key, pp_before, pp_after, value);
}

/* Run fn (the whole list of figures) bench_opt.sweeps times, then print
 * every figure's best sweep in first-seen order. */
static inline void bench_sweeps(void (*fn)(void))
{
	int s, i;

	bench_collecting = 1;
	bench_nfigs = 0;
	for (s = 0; s < bench_opt.sweeps; s++)
		fn();
	bench_collecting = 0;
	for (i = 0; i < bench_nfigs; i++)
		bench_print(bench_figs[i].key, bench_figs[i].unit, bench_figs[i].value,
			    bench_figs[i].desc);
}

static inline void bench_fail(const char *what)
{
	printf("BENCH-ERROR\t%s\t(rte_errno %d: %s)\n", what, rte_errno,
	       strerror(rte_errno));
	fflush(stdout);
	exit(1);
}

/* rte_eal_init + parse our own options after "--". */
static inline void bench_init(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	int i;

	if (ret < 0)
		bench_fail("rte_eal_init");
	argc -= ret;
	argv += ret;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			continue;
		if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc)
			bench_opt.scale = atof(argv[++i]);
		else if (strcmp(argv[i], "--passes") == 0 && i + 1 < argc)
			bench_opt.passes = atoi(argv[++i]);
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
			bench_opt.only = argv[++i];
		else if (strcmp(argv[i], "--sweeps") == 0 && i + 1 < argc)
			bench_opt.sweeps = atoi(argv[++i]);
		else {
			fprintf(stderr, "unknown benchmark option '%s'\n", argv[i]);
			exit(2);
		}
	}
	if (bench_opt.scale <= 0)
		bench_opt.scale = 1.0;
	if (bench_opt.passes < 1 || bench_opt.passes > BENCH_MAX_PASSES)
		bench_opt.passes = 30;
	if (bench_opt.sweeps < 1 || bench_opt.sweeps > 100)
		bench_opt.sweeps = 1;
}

/* The first worker lcore, or bench_fail if EAL gave us only one. */
static inline unsigned int bench_worker(void)
{
	unsigned int w = rte_get_next_lcore(-1, 1, 0);

	if (w >= RTE_MAX_LCORE) {
		rte_errno = EINVAL;
		bench_fail("need two lcores (-l 0-1)");
	}
	return w;
}

/* A reusable two-party start line: both sides spin until the count reaches
 * the number of parties. REL1 (release add) pairs with ACQ1 (acquire load):
 * a party that sees the full count also sees everything the others wrote
 * before arriving (e.g. the ring/pool handles they set up). */
struct bench_barrier {
	volatile uint32_t arrived;
	uint32_t parties;
};

static inline void bench_barrier_init(struct bench_barrier *b, uint32_t parties)
{
	__atomic_store_n(&b->arrived, 0, __ATOMIC_RELAXED);
	b->parties = parties;
}

static inline void bench_barrier_wait(struct bench_barrier *b)
{
	__atomic_add_fetch(&b->arrived, 1, __ATOMIC_RELEASE);            /* REL1 */
	while (__atomic_load_n(&b->arrived, __ATOMIC_ACQUIRE) < b->parties) /* ACQ1 */
		rte_pause();
}

/* Deterministic xorshift64* so both builds see the same "random" sequence. */
static inline uint64_t bench_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static int bench_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* p-th percentile (0..100) of n samples; sorts the array in place. */
static inline uint64_t bench_percentile(uint64_t *v, size_t n, double p)
{
	size_t idx;

	qsort(v, n, sizeof(*v), bench_cmp_u64);
	idx = (size_t)((p / 100.0) * (double)(n - 1) + 0.5);
	return v[idx < n ? idx : n - 1];
}

#endif /* BENCH_COMMON_H */
