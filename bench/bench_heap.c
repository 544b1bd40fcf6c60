/* SPDX-License-Identifier: BSD-3-Clause
 * rte_malloc heap benchmarks (built against dplite and against DPDK).
 *
 * - churn: 4096 live blocks of random size 16..4096 B; each step frees one
 *   random block and allocates a new random size in its place. ns per step
 *   (one rte_free + one rte_malloc). The same loop over glibc malloc/free is
 *   measured in the same process as a reference line.
 * - fixed: rte_malloc(64) + rte_free in a tight loop, ns per pair.
 * - latency: with L live blocks (L = 10 .. 100000, random 16..4096 B), time
 *   each churn step with rdtsc (our own read and calibration, not the
 *   library's) and report p50 and p99 in ns, including the ~10-20 cycles
 *   of the two rdtsc reads themselves.
 * Every allocated block gets one byte written so the allocation is real.
 * The size/slot sequence is a fixed xorshift stream, identical in both
 * builds.
 */
#include "bench_common.h"

#include <rte_malloc.h>

#define CHURN_LIVE 4096u
#define MIN_SZ     16u
#define MAX_SZ     4096u

struct step { uint32_t slot, size; };

/* Precomputed (slot, size) sequence so RNG cost stays out of the timing. */
static struct step *make_steps(uint64_t n, uint32_t live, uint64_t seed)
{
	struct step *s = malloc(n * sizeof(*s));
	uint64_t i, r;

	if (s == NULL) {
		rte_errno = ENOMEM;
		bench_fail("malloc (step table)");
	}
	for (i = 0; i < n; i++) {
		r = bench_rand(&seed);
		s[i].slot = (uint32_t)(r % live);
		s[i].size = MIN_SZ + (uint32_t)((r >> 32) % (MAX_SZ - MIN_SZ + 1));
	}
	return s;
}

static void fill(void **p, uint32_t live, uint64_t seed, int use_libc)
{
	uint32_t i, sz;

	for (i = 0; i < live; i++) {
		sz = MIN_SZ + (uint32_t)(bench_rand(&seed) % (MAX_SZ - MIN_SZ + 1));
		p[i] = use_libc ? malloc(sz) : rte_malloc(NULL, sz, 0);
		if (p[i] == NULL)
			bench_fail("rte_malloc (fill)");
		*(volatile char *)p[i] = 1;
	}
}

static void drain(void **p, uint32_t live, int use_libc)
{
	uint32_t i;

	for (i = 0; i < live; i++) {
		if (use_libc)
			free(p[i]);
		else
			rte_free(p[i]);
	}
}

static inline void churn_rte(void **p, const struct step *s, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++) {
		rte_free(p[s[i].slot]);
		p[s[i].slot] = rte_malloc(NULL, s[i].size, 0);
		if (unlikely(p[s[i].slot] == NULL))
			bench_fail("rte_malloc (churn)");
		*(volatile char *)p[s[i].slot] = 1;
	}
}

static inline void churn_libc(void **p, const struct step *s, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++) {
		free(p[s[i].slot]);
		p[s[i].slot] = malloc(s[i].size);
		if (unlikely(p[s[i].slot] == NULL))
			bench_fail("malloc (churn)");
		*(volatile char *)p[s[i].slot] = 1;
	}
}

static void bench_churn(int use_libc)
{
	const char *key = use_libc ? "heap.churn.glibc" : "heap.churn";
	static void *p[CHURN_LIVE];
	uint64_t warm = bench_iters(20000, 1000), n = 1000, t0, t1, best = UINT64_MAX;
	struct step *s;
	int rep;

	if (!bench_wanted(key))
		return;
	s = make_steps(warm + n * (uint64_t)bench_opt.passes, CHURN_LIVE, 42);
	fill(p, CHURN_LIVE, 7, use_libc);
	/* warm-up: the head of the same stream, then 1000 steps per pass */
	if (use_libc)
		churn_libc(p, s, warm);
	else
		churn_rte(p, s, warm);
	for (rep = 0; rep < bench_opt.passes; rep++) {
		t0 = bench_now_ns();
		if (use_libc)
			churn_libc(p, s + warm + rep * n, n);
		else
			churn_rte(p, s + warm + rep * n, n);
		t1 = bench_now_ns();
		best = bench_min(best, t1 - t0);
	}
	drain(p, CHURN_LIVE, use_libc);
	free(s);
	bench_result(key, "ns/op", (double)best / (double)n,
		     use_libc ? "glibc malloc+free churn 16..4096 B over 4096 live (reference)"
			      : "rte_malloc+rte_free churn 16..4096 B over 4096 live");
}

static void bench_fixed64(void)
{
	uint64_t warm = bench_iters(50000, 1000), n = 4096, i, t0, t1, best = UINT64_MAX;
	void *q;
	int rep;

	if (!bench_wanted("heap.fixed64"))
		return;
	for (i = 0; i < warm; i++) {
		q = rte_malloc(NULL, 64, 0);
		if (q == NULL)
			bench_fail("rte_malloc(64) warm-up");
		rte_free(q);
	}
	for (rep = 0; rep < bench_opt.passes; rep++) {
		t0 = bench_now_ns();
		for (i = 0; i < n; i++) {
			q = rte_malloc(NULL, 64, 0);
			if (unlikely(q == NULL))
				bench_fail("rte_malloc(64)");
			*(volatile char *)q = 1;
			rte_free(q);
		}
		t1 = bench_now_ns();
		best = bench_min(best, t1 - t0);
	}
	bench_result("heap.fixed64", "ns/op", (double)best / (double)n,
		     "rte_malloc(64)+rte_free");
}

static void bench_latency(uint32_t live, double hz)
{
	char key[64], desc[128];
	uint64_t n = bench_iters(20000, 1000), i, t0, t1;
	uint64_t *lat, p50, p99;
	struct step *s;
	void **p;

	snprintf(key, sizeof(key), "heap.lat.%u", live);
	if (!bench_wanted(key))
		return;
	p = calloc(live, sizeof(*p));
	lat = malloc(n * sizeof(*lat));
	if (p == NULL || lat == NULL) {
		rte_errno = ENOMEM;
		bench_fail("malloc (latency arrays)");
	}
	s = make_steps(n + n / 10, live, 1000 + live);
	fill(p, live, 3 + live, 0);
	churn_rte(p, s + n, n / 10);                   /* warm-up */
	for (i = 0; i < n; i++) {
		t0 = bench_tsc();
		rte_free(p[s[i].slot]);
		p[s[i].slot] = rte_malloc(NULL, s[i].size, 0);
		t1 = bench_tsc();
		if (unlikely(p[s[i].slot] == NULL))
			bench_fail("rte_malloc (latency)");
		*(volatile char *)p[s[i].slot] = 1;
		lat[i] = t1 - t0;
	}
	drain(p, live, 0);
	p50 = bench_percentile(lat, n, 50.0);
	p99 = bench_percentile(lat, n, 99.0);
	snprintf(key, sizeof(key), "heap.lat.%u.p50", live);
	snprintf(desc, sizeof(desc), "rte_free+rte_malloc p50 latency, %u live", live);
	bench_result(key, "ns", (double)p50 * 1e9 / hz, desc);
	snprintf(key, sizeof(key), "heap.lat.%u.p99", live);
	snprintf(desc, sizeof(desc), "rte_free+rte_malloc p99 latency, %u live", live);
	bench_result(key, "ns", (double)p99 * 1e9 / hz, desc);
	free(s);
	free(lat);
	free(p);
}

int main(int argc, char **argv)
{
	static const uint32_t levels[] = { 10, 100, 1000, 10000, 100000 };
	unsigned int i;
	double hz;

	bench_init(argc, argv);
	hz = bench_tsc_hz();
	bench_churn(0);
	bench_fixed64();
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		bench_latency(levels[i], hz);
	bench_churn(1);
	rte_eal_cleanup();
	return 0;
}
