/* SPDX-License-Identifier: BSD-3-Clause
 * Mempool benchmarks (built against dplite and against DPDK).
 *
 * - rte_mempool_get_bulk(n) + rte_mempool_put_bulk(n) in a loop, with a
 *   per-lcore cache of 256 and with no cache (every call reaches the pool's
 *   backing ring), n = 1 and 32, on one lcore and on all lcores at once.
 *   Result: ns per object (one get + one put) as seen by one lcore; for the
 *   all-lcore rows it is the mean over lcores, each timing its own loop.
 * (mbuf alloc/free is in bench_mbuf.c, so it can lag the mempool API.)
 */
#include "bench_common.h"

#include <rte_mempool.h>

#define POOL_SIZE 16383u
#define ELT_SIZE  64u
#define MAX_BULK  32u

struct mp_arg {
	struct rte_mempool *mp;
	unsigned int bulk;
	uint64_t warm, iters;
	struct bench_barrier start[BENCH_MAX_PASSES];
	uint64_t ns[RTE_MAX_LCORE];
	int err[RTE_MAX_LCORE];
};

static int getput_loop(void *p)
{
	struct mp_arg *a = p;
	void *objs[MAX_BULK];
	unsigned int me = rte_lcore_id();
	uint64_t i, t0, t1, best = UINT64_MAX;
	uintptr_t sum = 0;
	int rep;

	/* warm-up fills this lcore's cache and touches the objects */
	for (i = 0; i < a->warm; i++) {
		if (rte_mempool_get_bulk(a->mp, objs, a->bulk) != 0) {
			a->err[me] = 1;
			break;
		}
		rte_mempool_put_bulk(a->mp, objs, a->bulk);
	}
	/* all lcores start each pass together, so the passes overlap */
	for (rep = 0; rep < bench_opt.passes; rep++) {
		bench_barrier_wait(&a->start[rep]);
		t0 = bench_now_ns();
		for (i = 0; i < a->iters; i++) {
			if (unlikely(rte_mempool_get_bulk(a->mp, objs, a->bulk) != 0)) {
				a->err[me] = 1;
				break;
			}
			sum += (uintptr_t)objs[0];
			rte_mempool_put_bulk(a->mp, objs, a->bulk);
		}
		t1 = bench_now_ns();
		best = bench_min(best, t1 - t0);
	}
	bench_keep(sum);
	a->ns[me] = best;
	return 0;
}

static void bench_getput(unsigned int cache, unsigned int bulk, int all)
{
	static struct mp_arg a;
	char key[64], desc[128];
	unsigned int lc, n = 0;
	double sum = 0;
	int r;

	snprintf(key, sizeof(key), "mempool.%s.cache%u.bulk%u",
		 all ? "allcores" : "1core", cache, bulk);
	if (!bench_wanted(key))
		return;
	memset(&a, 0, sizeof(a));
	a.mp = rte_mempool_create("bench_mp", POOL_SIZE, ELT_SIZE, cache, 0,
				  NULL, NULL, NULL, NULL, rte_socket_id(), 0);
	if (a.mp == NULL)
		bench_fail("rte_mempool_create");
	a.bulk = bulk;
	a.warm = bench_iters(100000, 1000) / bulk + 1;
	a.iters = 32768 / bulk;                   /* objects per pass: 32 Ki */
	if (all) {
		for (r = 0; r < bench_opt.passes; r++)
			bench_barrier_init(&a.start[r], rte_lcore_count());
		if (rte_eal_mp_remote_launch(getput_loop, &a, CALL_MAIN) != 0) {
			rte_errno = EBUSY;
			bench_fail("rte_eal_mp_remote_launch");
		}
		rte_eal_mp_wait_lcore();
	} else {
		for (r = 0; r < bench_opt.passes; r++)
			bench_barrier_init(&a.start[r], 1);
		getput_loop(&a);
	}
	RTE_LCORE_FOREACH(lc) {
		if (a.err[lc]) {
			rte_errno = ENOBUFS;
			bench_fail("rte_mempool_get_bulk failed during the loop");
		}
		if (a.ns[lc] != 0) {
			sum += (double)a.ns[lc] / ((double)a.iters * bulk);
			n++;
		}
	}
	snprintf(desc, sizeof(desc), "mempool get+put bulk %u, cache %u, %s", bulk,
		 cache, all ? "all cores (per core)" : "1 core");
	bench_result(key, "ns/obj", sum / n, desc);
	rte_mempool_free(a.mp);
}

static void all_figures(void)
{
	static const unsigned int caches[] = { 256, 0 };
	static const unsigned int bulks[] = { 1, 32 };
	int all;
	unsigned int c, b;

	for (all = 0; all < 2; all++)
		for (c = 0; c < 2; c++)
			for (b = 0; b < 2; b++)
				bench_getput(caches[c], bulks[b], all);
}

int main(int argc, char **argv)
{
	bench_init(argc, argv);
	bench_sweeps(all_figures);
	rte_eal_cleanup();
	return 0;
}
