/* SPDX-License-Identifier: BSD-3-Clause
 * Shared scaffolding for the dplite/DPDK side-by-side benchmarks.
 *
 * Every bench_*.c source is compiled twice by bench/run.sh: once against
 * dplite (./include + ./build/libdplite.so) and once against DPDK 22.11, with
 * the same compiler and flags. So this header, like the sources, uses only
 * the public DPDK 22.11 API plus libc.
 *
 * Command line of every benchmark binary:
 *     bench_X [EAL args ...] -- [--scale F] [--passes N] [--only SUBSTR]
 * --scale multiplies warm-up lengths and latency sample counts, --passes is
 * the number of timed passes per figure (run.sh --quick: 0.05 and 3).
 *
 * Output protocol (stdout, one line per measurement, parsed by report.py):
 *     BENCH<TAB>key<TAB>unit<TAB>value<TAB>description
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
};

static struct bench_opts bench_opt = { 1.0, 30, NULL };

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

static inline void bench_result(const char *key, const char *unit, double value,
				const char *desc)
{
	printf("BENCH\t%s\t%s\t%.3f\t%s\n", key, unit, value, desc);
	fflush(stdout);
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
		else {
			fprintf(stderr, "unknown benchmark option '%s'\n", argv[i]);
			exit(2);
		}
	}
	if (bench_opt.scale <= 0)
		bench_opt.scale = 1.0;
	if (bench_opt.passes < 1 || bench_opt.passes > BENCH_MAX_PASSES)
		bench_opt.passes = 30;
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
