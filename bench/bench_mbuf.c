/* SPDX-License-Identifier: BSD-3-Clause
 * mbuf benchmark (built against dplite and against DPDK):
 * rte_pktmbuf_alloc_bulk(32) + rte_pktmbuf_free_bulk(32) on one lcore, from
 * a pool of 8191 mbufs with a 256-entry per-lcore cache; ns per mbuf.
 */
#include "bench_common.h"

#include <rte_mempool.h>
#include <rte_mbuf.h>

#define MAX_BULK 32u

static void bench_mbuf(void)
{
	struct rte_mempool *mp;
	struct rte_mbuf *m[MAX_BULK];
	uint64_t warm, iters, i, t0, t1, best = UINT64_MAX;
	uintptr_t sum = 0;
	int rep;

	if (!bench_wanted("mbuf.bulk32"))
		return;
	mp = rte_pktmbuf_pool_create("bench_mb", 8191, 256, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
	if (mp == NULL)
		bench_fail("rte_pktmbuf_pool_create");
	warm = bench_iters(10000, 100);
	iters = 1024;                              /* 32 Ki mbufs per pass */
	for (i = 0; i < warm; i++) {
		if (rte_pktmbuf_alloc_bulk(mp, m, MAX_BULK) != 0)
			bench_fail("rte_pktmbuf_alloc_bulk (warm-up)");
		rte_pktmbuf_free_bulk(m, MAX_BULK);
	}
	for (rep = 0; rep < bench_opt.passes; rep++) {
		t0 = bench_now_ns();
		for (i = 0; i < iters; i++) {
			if (unlikely(rte_pktmbuf_alloc_bulk(mp, m, MAX_BULK) != 0))
				bench_fail("rte_pktmbuf_alloc_bulk");
			sum += m[MAX_BULK - 1]->data_off;
			rte_pktmbuf_free_bulk(m, MAX_BULK);
		}
		t1 = bench_now_ns();
		best = bench_min(best, t1 - t0);
	}
	bench_keep(sum);
	bench_result("mbuf.bulk32", "ns/mbuf", (double)best / ((double)iters * MAX_BULK),
		     "mbuf alloc_bulk+free_bulk 32, cache 256, 1 core");
	rte_mempool_free(mp);
}

int main(int argc, char **argv)
{
	bench_init(argc, argv);
	bench_sweeps(bench_mbuf);
	rte_eal_cleanup();
	return 0;
}
