/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-fwd: the main job. Until the packet-forwarding path lands it is a
 * short tour of the memory system:
 *   1. bring up the EAL and show where memory came from (page size, memseg
 *      lists, pages mapped);
 *   2. create a mempool and a ring in that memory;
 *   3. run a producer lcore (pool -> ring) and a consumer lcore (ring ->
 *      pool) for a few seconds and print rates and pool counts, which must
 *      return exactly to "all objects available" at the end.
 * Usage: dplite-fwd [EAL options] -- [-t SECONDS] [-b BURST]
 * (built only while include/rte_ethdev.h is absent; see CMakeLists.txt)
 * Written against the DPDK 22.11 API only; it builds against DPDK too. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_version.h>

#define POOL_SIZE 8191
#define OBJ_SIZE  2048
#define CACHE     256
#define RING_SIZE 1024
#define MAX_BURST 64

static volatile int stop;
static unsigned int burst = 32;
static double seconds = 2.0;

struct side_stats {
	uint64_t objs;
	uint64_t calls;
	uint64_t misses;   /* empty pool / full ring / empty ring */
} __rte_cache_aligned;
static struct side_stats prod_stats, cons_stats;

struct tour {
	struct rte_mempool *pool;
	struct rte_ring *ring;
};

static int producer(void *arg)
{
	struct tour *t = arg;
	void *objs[MAX_BURST];
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		prod_stats.calls++;
		if (rte_mempool_get_bulk(t->pool, objs, burst) != 0) {
			prod_stats.misses++;
			continue;
		}
		unsigned int n = rte_ring_sp_enqueue_burst(t->ring, objs, burst, NULL);
		if (n < burst) {
			rte_mempool_put_bulk(t->pool, &objs[n], burst - n);
			prod_stats.misses++;
		}
		prod_stats.objs += n;
	}
	return 0;
}

static int consumer(void *arg)
{
	struct tour *t = arg;
	void *objs[MAX_BURST];
	for (;;) {
		cons_stats.calls++;
		unsigned int n = rte_ring_sc_dequeue_burst(t->ring, objs, burst, NULL);
		if (n == 0) {
			cons_stats.misses++;
			/* drain completely after stop so every object goes home */
			if (__atomic_load_n(&stop, __ATOMIC_ACQUIRE) && rte_ring_empty(t->ring))
				break;
			continue;
		}
		rte_mempool_put_bulk(t->pool, objs, n);
		cons_stats.objs += n;
	}
	return 0;
}

static int show_msl(const struct rte_memseg_list *msl, void *arg)
{
	unsigned int *nlists = arg;
	(*nlists)++;
	printf("  memseg list %u: base %p, page size %" PRIu64 " KiB, socket %d, %u of %u pages mapped%s\n",
	       *nlists - 1, msl->base_va, msl->page_sz >> 10, msl->socket_id,
	       msl->memseg_arr.count, msl->memseg_arr.len, msl->external ? " (external)" : "");
	return 0;
}

static void show_memory(const char *when)
{
	unsigned int nlists = 0;
	printf("memory %s:\n", when);
	rte_memseg_list_walk(show_msl, &nlists);
	printf("  total mapped: %.1f MiB\n", (double)rte_eal_get_physmem_size() / (1 << 20));
}

static void usage(const char *prg)
{
	fprintf(stderr, "usage: %s [EAL options] -- [-t SECONDS] [-b BURST (1..%d)]\n", prg, MAX_BURST);
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "cannot init EAL: %s\n", rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	int opt;
	/* the packet version's options are accepted and ignored here, so
	 * `make run` passes the same arguments to either build */
	static const struct option later[] = {
		{ "mode", required_argument, NULL, 0 }, { "fwd", required_argument, NULL, 0 },
		{ "burst", required_argument, NULL, 0 }, { "duration", required_argument, NULL, 0 },
		{ "stats-period", required_argument, NULL, 0 }, { "rxq", required_argument, NULL, 0 },
		{ "txq", required_argument, NULL, 0 }, { "workers", required_argument, NULL, 0 },
		{ "json", no_argument, NULL, 0 }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	while ((opt = getopt_long(argc, argv, "t:b:h", later, NULL)) != -1) {
		switch (opt) {
		case 0:
			break;
		case 't':
			seconds = atof(optarg);
			if (seconds <= 0 || seconds > 3600) {
				usage(argv[0]);
				rte_exit(EXIT_FAILURE, "bad -t value '%s'\n", optarg);
			}
			break;
		case 'b':
			burst = (unsigned int)atoi(optarg);
			if (burst < 1 || burst > MAX_BURST) {
				usage(argv[0]);
				rte_exit(EXIT_FAILURE, "bad -b value '%s'\n", optarg);
			}
			break;
		case 'h':
			usage(argv[0]);
			rte_exit(0, "\n");
		default:
			usage(argv[0]);
			rte_exit(EXIT_FAILURE, "unknown application option (EAL options go before '--')\n");
		}
	}

	printf("%s\n", rte_version());
	printf("EAL: %s process, %u lcore(s), main lcore %u, %u socket(s), hugepages %s, IOVA as %s\n",
	       rte_eal_process_type() == RTE_PROC_PRIMARY ? "primary" : "secondary",
	       rte_lcore_count(), rte_get_main_lcore(), rte_socket_count(),
	       rte_eal_has_hugepages() ? "yes" : "no (4 KiB shared pages)",
	       rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA");
	show_memory("after init");

	struct tour t;
	t.pool = rte_mempool_create("tour_pool", POOL_SIZE, OBJ_SIZE, CACHE, 0,
				    NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	if (t.pool == NULL)
		rte_exit(EXIT_FAILURE, "cannot create mempool: %s\n", rte_strerror(rte_errno));
	t.ring = rte_ring_create("tour_ring", RING_SIZE, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (t.ring == NULL)
		rte_exit(EXIT_FAILURE, "cannot create ring: %s\n", rte_strerror(rte_errno));
	printf("mempool '%s': %u objects of %u B (cache %u per lcore); ring '%s': capacity %u\n",
	       t.pool->name, POOL_SIZE, OBJ_SIZE, CACHE, t.ring->name, rte_ring_get_capacity(t.ring));
	show_memory("after creating the pool and ring");

	unsigned int prod_lcore = rte_get_next_lcore(-1, 1, 0);
	unsigned int cons_lcore = prod_lcore < RTE_MAX_LCORE ? rte_get_next_lcore(prod_lcore, 1, 0) : RTE_MAX_LCORE;
	uint64_t hz = rte_get_timer_hz(), t0 = rte_get_timer_cycles(), elapsed;
	if (prod_lcore >= RTE_MAX_LCORE) {
		/* one lcore: alternate producer and consumer work on main */
		printf("running producer and consumer interleaved on lcore %u for %.1f s\n",
		       rte_lcore_id(), seconds);
		void *objs[MAX_BURST];
		while (rte_get_timer_cycles() - t0 < (uint64_t)(seconds * (double)hz)) {
			if (rte_mempool_get_bulk(t.pool, objs, burst) == 0) {
				unsigned int n = rte_ring_sp_enqueue_burst(t.ring, objs, burst, NULL);
				prod_stats.objs += n;
				n = rte_ring_sc_dequeue_burst(t.ring, objs, burst, NULL);
				rte_mempool_put_bulk(t.pool, objs, n);
				cons_stats.objs += n;
			}
		}
	} else {
		if (cons_lcore >= RTE_MAX_LCORE)
			cons_lcore = rte_get_main_lcore();
		printf("producer on lcore %u, consumer on lcore %u, burst %u, %.1f s\n",
		       prod_lcore, cons_lcore, burst, seconds);
		rte_eal_remote_launch(producer, &t, prod_lcore);
		if (cons_lcore != rte_get_main_lcore())
			rte_eal_remote_launch(consumer, &t, cons_lcore);
		/* main either consumes or sleeps; the stop flag is set by timer */
		if (cons_lcore == rte_get_main_lcore()) {
			/* consumer on main: stop from inside its loop via the clock */
			void *objs[MAX_BURST];
			while (rte_get_timer_cycles() - t0 < (uint64_t)(seconds * (double)hz)) {
				unsigned int n = rte_ring_sc_dequeue_burst(t.ring, objs, burst, NULL);
				rte_mempool_put_bulk(t.pool, objs, n);
				cons_stats.objs += n;
			}
			__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
			rte_eal_wait_lcore(prod_lcore);
			consumer(&t);
		} else {
			rte_delay_us_sleep((unsigned int)(seconds * 1e6));
			__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
			rte_eal_wait_lcore(prod_lcore);
			rte_eal_wait_lcore(cons_lcore);
		}
	}
	elapsed = rte_get_timer_cycles() - t0;
	double secs = (double)elapsed / (double)hz;
	printf("moved %" PRIu64 " objects in %.2f s: %.1f Mobj/s (%.1f ns/obj), producer misses %" PRIu64
	       ", consumer idle polls %" PRIu64 "\n", cons_stats.objs, secs,
	       (double)cons_stats.objs / secs / 1e6, secs * 1e9 / (double)(cons_stats.objs ? cons_stats.objs : 1),
	       prod_stats.misses, cons_stats.misses);
	unsigned int avail = rte_mempool_avail_count(t.pool), inuse = rte_mempool_in_use_count(t.pool);
	printf("pool counts: %u available, %u in use, ring holds %u (expect %u / 0 / 0)\n",
	       avail, inuse, rte_ring_count(t.ring), POOL_SIZE);
	int rc = (avail == POOL_SIZE && inuse == 0 && prod_stats.objs == cons_stats.objs) ? 0 : 1;
	if (rc)
		printf("ERROR: objects were lost or duplicated\n");
	rte_ring_free(t.ring);
	rte_mempool_free(t.pool);
	show_memory("after freeing them");
	rte_eal_cleanup();
	return rc;
}
