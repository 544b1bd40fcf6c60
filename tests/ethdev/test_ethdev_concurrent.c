/* SPDX-License-Identifier: BSD-3-Clause
 * Many pollers, one control thread: each of NQ threads (more threads than
 * cores) owns one queue of a net_ring port and loops packets through it,
 * while the main thread reads stats and xstats (counters only grow) and adds
 * and removes rx callbacks on a live queue. At the end every packet is
 * accounted for exactly, in the counters and in the pool. Run under TSan in
 * CI. */
#include <pthread.h>
#include <rte_malloc.h>
#include "eth_test.h"

#define NQ 6
#define PER_Q 20000

static uint16_t port;
static struct rte_mempool *mp;
static int stop_cb_test;
static uint64_t cb_seen;

static uint16_t count_cb(uint16_t p, uint16_t q, struct rte_mbuf *pkts[], uint16_t n, uint16_t max,
			 void *arg)
{
	RTE_SET_USED(p); RTE_SET_USED(q); RTE_SET_USED(pkts); RTE_SET_USED(max); RTE_SET_USED(arg);
	__atomic_fetch_add(&cb_seen, n, __ATOMIC_RELAXED);
	return n;
}

static void *poller(void *arg)
{
	uint16_t q = (uint16_t)(uintptr_t)arg;
	struct rte_mbuf *b[32];
	unsigned int sent = 0, got = 0, spins = 0;

	while (got < PER_Q && spins < 10000000) {
		if (sent < PER_Q) {
			uint16_t n = (uint16_t)RTE_MIN(32u, PER_Q - sent);
			if (rte_pktmbuf_alloc_bulk(mp, b, n) == 0) {
				for (uint16_t i = 0; i < n; i++) {
					rte_pktmbuf_append(b[i], 100);
				}
				uint16_t k = rte_eth_tx_burst(port, q, b, n);
				rte_pktmbuf_free_bulk(b + k, (unsigned int)(n - k));
				sent += k;
			}
		}
		uint16_t r = rte_eth_rx_burst(port, q, b, 32);
		got += r;
		rte_pktmbuf_free_bulk(b, r);
		spins++;
	}
	return (void *)(uintptr_t)got;
}

int main(void)
{
	const char *extra[] = { "--vdev=net_ring0", NULL };
	pthread_t th[NQ];

	test_eal_init("eth_conc", extra);
	REQUIRE(rte_eth_dev_get_port_by_name("net_ring0", &port) == 0);
	mp = eth_test_pool("conc_pool", 8191);
	REQUIRE(eth_test_port_up(port, NQ, mp, 0) == 0);
	for (uintptr_t q = 0; q < NQ; q++)
		REQUIRE(pthread_create(&th[q], NULL, poller, (void *)q) == 0);

	uint64_t last_in = 0, last_out = 0;
	int shrank = 0, rounds = 0;
	struct rte_eth_xstat xs[64];
	const struct rte_eth_rxtx_callback *keep[64];
	int nkeep = 0;
	while (!stop_cb_test) {
		struct rte_eth_stats st;
		REQUIRE(rte_eth_stats_get(port, &st) == 0);
		if (st.ipackets < last_in || st.opackets < last_out)
			shrank++;
		last_in = st.ipackets;
		last_out = st.opackets;
		CHECK(rte_eth_xstats_get(port, xs, 64) > 0);
		if (nkeep < 64) {
			const struct rte_eth_rxtx_callback *cb = rte_eth_add_rx_callback(port, 1, count_cb, NULL);
			CHECK(cb != NULL);
			if (rounds % 2 == 0 && cb) {
				CHECK(rte_eth_remove_rx_callback(port, 1, cb) == 0);
			}
			keep[nkeep++] = cb;   /* freed after the pollers stop */
		}
		rounds++;
		if (last_in >= (uint64_t)NQ * PER_Q)
			stop_cb_test = 1;
		if (rounds > 2000000)
			break;
		sched_yield();
	}
	unsigned long total = 0;
	for (int q = 0; q < NQ; q++) {
		void *r;
		pthread_join(th[q], &r);
		CHECK_MSG((uintptr_t)r == PER_Q, "queue %d got %lu", q, (unsigned long)(uintptr_t)r);
		total += (uintptr_t)r;
	}
	CHECK(shrank == 0);
	struct rte_eth_stats st;
	REQUIRE(rte_eth_stats_get(port, &st) == 0);
	CHECK(st.ipackets == total && st.opackets == total);
	CHECK(st.ibytes == 0 && st.obytes == 0);	/* net_ring counts packets only */
	for (int q = 0; q < NQ; q++)
		CHECK(st.q_ipackets[q] == PER_Q && st.q_opackets[q] == PER_Q);
	CHECK(__atomic_load_n(&cb_seen, __ATOMIC_RELAXED) <= PER_Q * 64ull);
	CHECK(rte_eth_dev_stop(port) == 0);
	for (int i = 0; i < nkeep; i++) {
		if (i % 2 == 1)
			CHECK(rte_eth_remove_rx_callback(port, 1, keep[i]) == 0);
		rte_free((void *)(uintptr_t)keep[i]);
	}
	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
