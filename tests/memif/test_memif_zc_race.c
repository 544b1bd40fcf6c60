/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif zero copy: a connection's pool and data region are destroyed
 * only after the last application put has finished, even when that put
 * races the disconnect that retires the pool.
 *
 * This program is a zero-copy client; its peer (this program exec'd as
 * "peer SOCKET") is a copy-mode server streaming 64-byte packets. More
 * worker threads than cores (registered as lcores when the EAL has ids
 * left, so their frees take the per-lcore cache path when a pool has one)
 * each take a batch of received zero-copy mbufs and free them one by one,
 * writing into each data room first (an unmapped region faults). While
 * they free, the main thread disconnects: odd cycles kill -9 the server
 * (the interrupt thread retires the pool, the next connect sweeps it),
 * even cycles stop and start the port (stop sweeps, start connects anew).
 * Checks: no crash (ThreadSanitizer: no race between a worker's last put
 * and the destruction); some cycles really retired a pool with mbufs still
 * in workers' hands; after the workers are done and the port is stopped
 * no zero-copy pool is left, none of the pools seen is alive, no data
 * region is mapped and the fd count is back to the stopped baseline.
 *   test_memif_zc_race
 *   test_memif_zc_race ops   (the rule needs a cacheless ring_mp_mc pool:
 *   with --mbuf-pool-ops-name=ring_mp_sc the application's own pools get
 *   ring_mp_sc, the zero-copy pool still gets ring_mp_mc, the link comes
 *   up, packets flow, and stop leaves no pool or mapping behind) */
#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include <rte_lcore.h>
#include <rte_pause.h>
#include "test_memif_dplite.h"

#define BATCH 96
#define MAX_WORKERS 16
#define MAX_CYCLES 40
#define RUN_MS 30000

struct worker {
	pthread_t tid;
	struct rte_mbuf *m[BATCH];
	uint32_t n;
	uint32_t ready;		/* main store-release 1 after filling m[]; the
				 * worker load-acquires it, frees, stores 0 */
	uint32_t registered;
};

static struct worker workers[MAX_WORKERS];
static uint32_t stop_workers;
static uint32_t held;		/* mbufs handed out and not yet freed */
static uint32_t bad_pool;

static void *worker_main(void *arg)
{
	struct worker *w = (struct worker *)arg;
	uint64_t end = mt_now_ms() + RUN_MS + 60000;

	if (rte_thread_register() == 0)
		w->registered = 1;
	while (mt_now_ms() < end) {
		if (__atomic_load_n(&w->ready, __ATOMIC_ACQUIRE) == 0) {
			if (__atomic_load_n(&stop_workers, __ATOMIC_ACQUIRE))
				break;
			sched_yield();
			continue;
		}
		for (uint32_t i = 0; i < w->n; i++) {
			struct rte_mbuf *m = w->m[i];
			/* the data room is in the pool's mapped region */
			rte_pktmbuf_mtod(m, uint8_t *)[0] ^= 0x5a;
			if (m->pool == NULL)
				__atomic_fetch_add(&bad_pool, 1, __ATOMIC_RELAXED);
			rte_pktmbuf_free(m);
			__atomic_fetch_sub(&held, 1, __ATOMIC_RELAXED);
			if ((i & 7) == 7)
				sched_yield();
		}
		w->n = 0;
		__atomic_store_n(&w->ready, 0, __ATOMIC_RELEASE);
	}
	if (w->registered)
		rte_thread_unregister();
	return NULL;
}

static int peer(const char *sock)
{
	struct rte_mempool *mp;
	uint16_t port = mt_port_up("memif_zrp", "server", sock, 1, 256, &mp);
	uint64_t end = mt_now_ms() + 90000;
	mt_serve(port, mp, end, 0);
	return 0;
}

static int count_zc_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int n = 0;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		n += strstr(line, "memif_zc_data") != NULL;
	fclose(f);
	return n;
}

/* Fill every idle worker's batch from rx (bounded). Returns mbufs handed. */
static unsigned int hand_out(uint16_t port, unsigned int nw, char seen[][RTE_MEMPOOL_NAMESIZE],
			     unsigned int *nseen)
{
	uint64_t end = mt_now_ms() + 5000;
	unsigned int handed = 0;

	for (unsigned int t = 0; t < nw; t++) {
		struct worker *w = &workers[t];
		if (__atomic_load_n(&w->ready, __ATOMIC_ACQUIRE) != 0)
			continue;	/* still freeing the last batch */
		while (w->n < BATCH && mt_now_ms() < end) {
			uint16_t k = rte_eth_rx_burst(port, 0, &w->m[w->n], (uint16_t)(BATCH - w->n));
			for (uint16_t i = 0; i < k; i++) {
				const char *name = w->m[w->n + i]->pool->name;
				unsigned int s;
				for (s = 0; s < *nseen; s++)
					if (strcmp(seen[s], name) == 0)
						break;
				if (s == *nseen && *nseen < 2 * MAX_CYCLES + 2)
					snprintf(seen[(*nseen)++], RTE_MEMPOOL_NAMESIZE, "%s", name);
			}
			w->n += k;
			if (k == 0)
				rte_pause();
		}
		if (w->n == 0)
			continue;
		handed += w->n;
		__atomic_fetch_add(&held, w->n, __ATOMIC_RELAXED);
		__atomic_store_n(&w->ready, 1, __ATOMIC_RELEASE);
	}
	return handed;
}

static int ops_fixed(const char *self)
{
	char dir[64], sock[128], pfx[64];
	const char *args[] = { sock, NULL };
	struct rte_mempool *mp, *zmp = NULL;
	const char *old = getenv("DPLITE_TEST_EAL_ARGS");
	char env[256];
	unsigned int got = 0;

	mt_tmpdir(dir, sizeof(dir));
	snprintf(sock, sizeof(sock), "%s/memif.sock", dir);
	pid_t child = mt_spawn(self, args);	/* the peer keeps the default ops */
	REQUIRE(child > 0);
	snprintf(env, sizeof(env), "%s --mbuf-pool-ops-name=ring_mp_sc", old ? old : "");
	setenv("DPLITE_TEST_EAL_ARGS", env, 1);
	mt_vdev_extra = ",zero-copy=yes";
	uint16_t port = mt_port_up("memif_zro", "client", sock, 1, 256, &mp);
	CHECK_MSG(strcmp(rte_mempool_get_ops(mp->ops_index)->name, "ring_mp_sc") == 0,
		  "the application's pool has ops %s (want ring_mp_sc)",
		  rte_mempool_get_ops(mp->ops_index)->name);
	CHECK_MSG(mt_wait_link(port, 1, 20000), "the zero-copy link never came up");
	CHECK(mt_zc_pools(port, &zmp) == 1);
	if (zmp != NULL)
		CHECK_MSG(strcmp(rte_mempool_get_ops(zmp->ops_index)->name, "ring_mp_mc") == 0,
			  "the zero-copy pool has ops %s (want ring_mp_mc)",
			  rte_mempool_get_ops(zmp->ops_index)->name);
	/* packets flow through it: zero-copy mbufs of that pool arrive */
	uint64_t end = mt_now_ms() + 10000;
	while (got < 256 && mt_now_ms() < end) {
		struct rte_mbuf *b[32];
		uint16_t k = rte_eth_rx_burst(port, 0, b, 32);
		for (uint16_t i = 0; i < k; i++) {
			CHECK(b[i]->pool == zmp);
			rte_pktmbuf_free(b[i]);
		}
		got += k;
		if (k == 0)
			rte_pause();
	}
	CHECK_MSG(got >= 256, "%u packets received (want 256)", got);
	CHECK(rte_eth_dev_stop(port) == 0);
	CHECK(mt_zc_pools(port, NULL) == 0);
	CHECK_MSG(count_zc_maps() == 0, "%d zero-copy data mapping(s) left", count_zc_maps());
	CHECK(rte_eth_dev_close(port) == 0);
	kill(child, SIGKILL);
	mt_reap(child, 5000);
	snprintf(pfx, sizeof(pfx), "memif_zrp_%d", (int)child);
	test_runtime_sweep(pfx);
	rte_eal_cleanup();
	return test_done();
}

int main(int argc, char **argv)
{
	static char seen[2 * MAX_CYCLES + 2][RTE_MEMPOOL_NAMESIZE];
	char dir[64], sock[128], pfx[64];
	struct rte_mempool *mp;
	unsigned int nseen = 0, retired = 0, cycles = 0, handed = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	if (argc >= 3 && strcmp(argv[1], "peer") == 0)
		return peer(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "ops") == 0)
		return ops_fixed(argv[0]);
	mt_tmpdir(dir, sizeof(dir));
	snprintf(sock, sizeof(sock), "%s/memif.sock", dir);
	const char *args[] = { sock, NULL };

	mt_vdev_extra = ",zero-copy=yes";
	uint16_t port = mt_port_up("memif_zr", "client", sock, 1, 256, &mp);
	/* stopped, never connected: the baseline */
	REQUIRE(rte_eth_dev_stop(port) == 0);
	int fds0 = test_count_dir("/proc/self/fd");
	REQUIRE(rte_eth_dev_start(port) == 0);

	unsigned int nw = (unsigned int)RTE_MAX(4L, 2 * ncpu + 1);
	nw = RTE_MIN(nw, (unsigned int)MAX_WORKERS);
	for (unsigned int t = 0; t < nw; t++)
		REQUIRE(pthread_create(&workers[t].tid, NULL, worker_main, &workers[t]) == 0);

	pid_t child = -1;
	uint64_t end = mt_now_ms() + RUN_MS;
	for (cycles = 0; cycles < MAX_CYCLES && mt_now_ms() < end; cycles++) {
		if (child < 0) {
			child = mt_spawn(argv[0], args);
			REQUIRE(child > 0);
		}
		if (!mt_wait_link(port, 1, 20000)) {
			CHECK_MSG(0, "cycle %u: link never came up", cycles);
			break;
		}
		handed += hand_out(port, nw, seen, &nseen);
		if (cycles & 1) {
			kill(child, SIGKILL);
			CHECK_MSG(mt_wait_link(port, 0, 10000), "cycle %u: link up after kill -9",
				  cycles);
			if (__atomic_load_n(&held, __ATOMIC_RELAXED) > 0)
				retired++;
			mt_reap(child, 5000);
			snprintf(pfx, sizeof(pfx), "memif_zrp_%d", (int)child);
			test_runtime_sweep(pfx);
			child = -1;
		} else {
			CHECK(rte_eth_dev_stop(port) == 0);
			if (__atomic_load_n(&held, __ATOMIC_RELAXED) > 0)
				retired++;
			CHECK(rte_eth_dev_start(port) == 0);
		}
	}
	__atomic_store_n(&stop_workers, 1, __ATOMIC_RELEASE);
	unsigned int reg = 0;
	for (unsigned int t = 0; t < nw; t++) {
		pthread_join(workers[t].tid, NULL);
		reg += workers[t].registered;
	}
	if (child > 0) {
		kill(child, SIGKILL);
		mt_reap(child, 5000);
		snprintf(pfx, sizeof(pfx), "memif_zrp_%d", (int)child);
		test_runtime_sweep(pfx);
	}
	fprintf(stderr, "%u cycles, %u workers (%u lcores), %u mbufs handed out, %u pools seen, "
		"%u disconnects with mbufs in workers' hands\n", cycles, nw, reg, handed, nseen,
		retired);
	CHECK_MSG(__atomic_load_n(&held, __ATOMIC_RELAXED) == 0, "%u mbufs never freed", held);
	CHECK(bad_pool == 0);
	CHECK_MSG(cycles >= 4 && nseen >= 2, "too few cycles (%u) or pools (%u) to mean anything",
		  cycles, nseen);
	CHECK_MSG(retired >= 1, "no disconnect found mbufs in the workers' hands");

	/* every mbuf is back: the stop sweeps what was retired */
	CHECK(rte_eth_dev_stop(port) == 0);
	CHECK_MSG(mt_zc_pools(port, NULL) == 0, "%u zero-copy pool(s) left after the stop",
		  mt_zc_pools(port, NULL));
	for (unsigned int s = 0; s < nseen; s++)
		CHECK_MSG(rte_mempool_lookup(seen[s]) == NULL, "pool %s still alive", seen[s]);
	CHECK_MSG(count_zc_maps() == 0, "%d zero-copy data mapping(s) left", count_zc_maps());
	int fds1 = test_count_dir("/proc/self/fd");
	CHECK_MSG(fds1 == fds0, "fd count %d, baseline %d", fds1, fds0);
	CHECK(rte_eth_dev_close(port) == 0);
	rte_eal_cleanup();
	return test_done();
}
