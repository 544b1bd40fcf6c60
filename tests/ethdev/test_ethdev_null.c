/* SPDX-License-Identifier: BSD-3-Clause
 * net_null: rx hands up size-byte packets from the queue's pool, tx frees
 * what it gets; counts and sizes add up, copy=1 packets are the zeroed
 * template, no-rx=1 receives nothing, multi-queue RSS ports mark every
 * packet, and every mbuf goes home. */
#include "eth_test.h"

int main(void)
{
	const char *extra[] = { "--vdev=net_null0,size=128", "--vdev=net_null1,copy=1,size=60",
				"--vdev=net_null2,no-rx=1", "--vdev=eth_null3", NULL };
	struct rte_mbuf *b[64];
	struct rte_eth_stats st;
	uint16_t p0, p1, p2, p3;

	test_eal_init("eth_null", extra);
	CHECK(rte_eth_dev_count_avail() == 4);
	REQUIRE(rte_eth_dev_get_port_by_name("net_null0", &p0) == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("net_null1", &p1) == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("net_null2", &p2) == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("eth_null3", &p3) == 0);
	struct rte_mempool *mp = eth_test_pool("null_pool", 4095);

	/* p0: 4 queues with RSS; every received packet is 128 bytes and marked */
	REQUIRE(eth_test_port_up(p0, 4, mp, 1) == 0);
	uint64_t rx_total = 0;
	for (uint16_t q = 0; q < 4; q++)
		for (int round = 0; round < 10; round++) {
			uint16_t n = rte_eth_rx_burst(p0, q, b, 32);
			CHECK(n == 32);
			for (uint16_t i = 0; i < n; i++) {
				CHECK(b[i]->pkt_len == 128 && b[i]->data_len == 128);
				CHECK(b[i]->port == p0);
				CHECK(b[i]->ol_flags & RTE_MBUF_F_RX_RSS_HASH);
			}
			rx_total += n;
			CHECK(rte_eth_tx_burst(p0, q, b, n) == n);   /* the sink frees them */
		}
	REQUIRE(rte_eth_stats_get(p0, &st) == 0);
	CHECK(st.ipackets == rx_total && st.ibytes == rx_total * 128);
	CHECK(st.opackets == rx_total && st.obytes == rx_total * 128);
	for (int q = 0; q < 4; q++)
		CHECK(st.q_ipackets[q] == 320 && st.q_obytes[q] == 320 * 128);
	CHECK(rte_mempool_in_use_count(mp) == 0);

	/* p1: copy=1, size=60: zeroed packets */
	REQUIRE(eth_test_port_up(p1, 1, mp, 0) == 0);
	uint16_t n = rte_eth_rx_burst(p1, 0, b, 16);
	CHECK(n == 16);
	int nonzero = 0;
	for (uint16_t i = 0; i < n; i++) {
		CHECK(b[i]->pkt_len == 60);
		CHECK(!(b[i]->ol_flags & RTE_MBUF_F_RX_RSS_HASH));   /* one queue, no RSS */
		for (int k = 0; k < 60; k++)
			nonzero |= rte_pktmbuf_mtod(b[i], uint8_t *)[k];
	}
	CHECK(nonzero == 0);
	/* tx of a chained packet counts all its bytes */
	struct rte_mbuf *chain = b[0], *seg2 = b[1];
	CHECK(rte_pktmbuf_chain(chain, seg2) == 0);
	CHECK(rte_eth_tx_burst(p1, 0, &chain, 1) == 1);
	CHECK(rte_eth_tx_burst(p1, 0, b + 2, (uint16_t)(n - 2)) == n - 2);
	REQUIRE(rte_eth_stats_get(p1, &st) == 0);
	CHECK(st.opackets == (uint64_t)n - 1 && st.obytes == (uint64_t)n * 60);

	/* p2: no-rx */
	REQUIRE(eth_test_port_up(p2, 1, mp, 0) == 0);
	CHECK(rte_eth_rx_burst(p2, 0, b, 32) == 0);
	REQUIRE(rte_eth_stats_get(p2, &st) == 0);
	CHECK(st.ipackets == 0);

	/* p3 (alias eth_null): default size 64, driver name net_null */
	struct rte_eth_dev_info info;
	REQUIRE(rte_eth_dev_info_get(p3, &info) == 0);
	CHECK(strcmp(info.driver_name, "net_null") == 0);
	CHECK(info.reta_size == 128 && info.hash_key_size == 40);
	REQUIRE(eth_test_port_up(p3, 1, mp, 0) == 0);
	n = rte_eth_rx_burst(p3, 0, b, 8);
	CHECK(n == 8 && b[0]->pkt_len == 64);
	rte_pktmbuf_free_bulk(b, n);

	/* pool empty: rx_nombuf counts the failure, nothing is returned */
	unsigned int held = 0;
	static struct rte_mbuf *all[4096];
	while (held < 4096 && (all[held] = rte_pktmbuf_alloc(mp)) != NULL)
		held++;
	CHECK(rte_eth_rx_burst(p3, 0, b, 32) == 0);
	REQUIRE(rte_eth_stats_get(p3, &st) == 0);
	CHECK(st.rx_nombuf == 32);
	rte_pktmbuf_free_bulk(all, held);

	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
