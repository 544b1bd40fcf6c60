/* SPDX-License-Identifier: BSD-3-Clause
 * rte_dplite_explain while the pool it looks at is busy: three worker
 * lcores (four lcores on two CPUs, more threads than cores) allocate and
 * free mbufs in bursts through their caches and the ring, while the main
 * lcore explains every object again and again. Every answer must be a
 * whole one (the right pool, object and mbuf, a valid state: in use, in a
 * worker's or our cache, in the ring) and nothing may crash or hang; at
 * the end every object is back.
 *
 * Skipped under ThreadSanitizer: the explainer reads the caches and ring
 * slots as snapshots, without synchronising with the inline get/put fast
 * path (which uses plain stores), and TSan reports exactly that by design.
 * ASan and the plain build run it. */
#include <rte_dplite_explain.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include "test.h"

#define NOBJ 1023
#define ROUNDS 40
static void *objs[NOBJ];
static unsigned int nobj;
static int stop;

static void collect(struct rte_mempool *mp, void *arg, void *obj, unsigned int i)
{
	(void)mp; (void)arg;
	if (i < NOBJ)
		objs[nobj++] = obj;
}

static int worker(void *arg)
{
	struct rte_mempool *mp = arg;
	struct rte_mbuf *b[32];
	/* bounded: stops when main is done, or after many bursts */
	for (long i = 0; i < 20000000 && !__atomic_load_n(&stop, __ATOMIC_ACQUIRE); i++) {
		unsigned int n = 1 + (unsigned int)(i % 32);
		if (rte_pktmbuf_alloc_bulk(mp, b, n) == 0)
			rte_pktmbuf_free_bulk(b, n);
	}
	return 0;
}

int main(void)
{
#if defined(__SANITIZE_THREAD__)
	TEST_SKIP("snapshot reads of caches and rings are races by TSan's definition");
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
	TEST_SKIP("snapshot reads of caches and rings are races by TSan's definition");
#endif
#endif
	const char *extra[] = { "--lcores=(0-3)@(0-1)", NULL };
	test_eal_init("explain_churn", extra);
	if (rte_lcore_count() < 4)
		TEST_SKIP("needs 4 lcores");
	struct rte_mempool *mp = rte_pktmbuf_pool_create("churn", NOBJ, 64, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	REQUIRE(mp != NULL);
	rte_mempool_obj_iter(mp, collect, NULL);
	REQUIRE(nobj == NOBJ);
	unsigned int lc;
	RTE_LCORE_FOREACH_WORKER(lc)
		rte_eal_remote_launch(worker, mp, lc);

	unsigned int seen[5] = { 0 }, bad = 0;
	struct rte_dplite_explain e;
	for (int r = 0; r < ROUNDS; r++)
		for (unsigned int i = 0; i < nobj; i++) {
			const char *a = (const char *)objs[i] + 200;   /* inside the buffer */
			if (rte_dplite_explain(a, &e) != 0 || !(e.layers & RTE_DPLITE_EXPLAIN_MEMPOOL) ||
			    !(e.layers & RTE_DPLITE_EXPLAIN_MBUF) || e.mempool.pool != mp ||
			    e.mempool.obj != objs[i] || e.mempool.obj_index != i ||
			    e.mbuf.mbuf != objs[i] || e.mbuf.buf_len != RTE_MBUF_DEFAULT_DATAROOM + RTE_PKTMBUF_HEADROOM ||
			    (e.mempool.state != RTE_DPLITE_OBJ_IN_USE && e.mempool.state != RTE_DPLITE_OBJ_IN_CACHE &&
			     e.mempool.state != RTE_DPLITE_OBJ_IN_POOL) ||
			    (e.mempool.state == RTE_DPLITE_OBJ_IN_CACHE &&
			     (e.mempool.cache_lcore < 0 || e.mempool.cache_lcore > 3))) {
				if (bad++ < 5)
					fprintf(stderr, "bad answer for object %u: layers %#x state %d lcore %d\n",
						i, e.layers, e.mempool.state, e.mempool.cache_lcore);
				continue;
			}
			seen[e.mempool.state]++;
		}
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	rte_eal_mp_wait_lcore();
	CHECK(bad == 0);
	/* the states were all seen: the walk looked while things moved */
	printf("in use %u, in a cache %u, in the ring %u\n", seen[RTE_DPLITE_OBJ_IN_USE],
	       seen[RTE_DPLITE_OBJ_IN_CACHE], seen[RTE_DPLITE_OBJ_IN_POOL]);
	CHECK(seen[RTE_DPLITE_OBJ_IN_POOL] > 0);
	CHECK(rte_mempool_in_use_count(mp) == 0);
	/* quiet now: every object is in a cache or the ring, none in use */
	for (unsigned int i = 0; i < nobj; i++)
		CHECK(rte_dplite_explain(objs[i], &e) == 0 && e.mempool.state != RTE_DPLITE_OBJ_IN_USE);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
