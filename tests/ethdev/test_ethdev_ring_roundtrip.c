/* SPDX-License-Identifier: BSD-3-Clause
 * net_ring from --vdev: packets sent on a tx queue come back on the same rx
 * queue byte for byte, in order, and the stats and xstats count every packet
 * on both sides (bytes stay 0: net_ring, as DPDK's, touches no mbuf); a
 * stopped port's bursts return 0. */
#include "eth_test.h"

#define N 1000

int main(void)
{
	const char *extra[] = { "--vdev=net_ring0", NULL };
	struct rte_mbuf *tx[32], *rx[64];
	struct rte_eth_stats st;
	uint16_t port;
	uint64_t bytes = 0;
	unsigned int sent = 0, got = 0, bad = 0;

	test_eal_init("eth_ring_rt", extra);
	CHECK(rte_eth_dev_count_avail() == 1);
	REQUIRE(rte_eth_dev_get_port_by_name("net_ring0", &port) == 0);
	struct rte_mempool *mp = eth_test_pool("rt_pool", 2047);
	struct rte_eth_dev_info info;
	REQUIRE(rte_eth_dev_info_get(port, &info) == 0);
	CHECK(strcmp(info.driver_name, "net_ring") == 0);
	CHECK(info.max_rx_queues == 16 && info.max_tx_queues == 16);
	REQUIRE(eth_test_port_up(port, 2, mp, 0) == 0);

	/* two queues, each its own loop: queue 1 carries different sizes */
	for (uint16_t q = 0; q < 2; q++) {
		sent = got = 0;
		while (sent < N) {
			uint16_t n = (uint16_t)RTE_MIN(32u, N - sent);
			for (uint16_t i = 0; i < n; i++) {
				uint16_t len = (uint16_t)(60 + (sent + i) % 1400);
				tx[i] = eth_test_frame(mp, 0xc6120001, 0xc6120002, (uint16_t)(sent + i),
						       80, 0, len, (uint8_t)(sent + i));
				REQUIRE(tx[i] != NULL);
				bytes += len;
			}
			uint16_t k = rte_eth_tx_burst(port, q, tx, n);
			CHECK(k == n);
			sent += k;
			uint16_t r = rte_eth_rx_burst(port, q, rx, 64);
			for (uint16_t i = 0; i < r; i++, got++) {
				struct rte_mbuf *m = rx[i];
				uint16_t len = (uint16_t)(60 + got % 1400);
				const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
				uint16_t sport = (uint16_t)(p[34] << 8 | p[35]);
				if (m->pkt_len != len || sport != (uint16_t)got)
					bad++;
				for (uint16_t b = 42; b < len; b++)
					if (p[b] != (uint8_t)(got + b)) {
						bad++;
						break;
					}
				rte_pktmbuf_free(m);
			}
		}
		for (int spin = 0; spin < 100 && got < N; spin++) {
			uint16_t r = rte_eth_rx_burst(port, q, rx, 64);
			for (uint16_t i = 0; i < r; i++, got++) {
				if (rx[i]->pkt_len != (uint16_t)(60 + got % 1400))
					bad++;
				rte_pktmbuf_free(rx[i]);
			}
		}
		CHECK_MSG(got == N, "queue %u: got %u of %u", q, got, N);
		CHECK_MSG(bad == 0, "queue %u: %u packets differ", q, bad);
	}

	REQUIRE(rte_eth_stats_get(port, &st) == 0);
	CHECK(st.opackets == 2 * N && st.ipackets == 2 * N);
	CHECK(bytes > 0 && st.obytes == 0 && st.ibytes == 0);
	CHECK(st.q_ipackets[0] == N && st.q_ipackets[1] == N);
	CHECK(st.q_opackets[0] == N && st.q_opackets[1] == N);
	CHECK(st.q_ibytes[0] + st.q_ibytes[1] == 0);
	CHECK(st.ierrors == 0 && st.oerrors == 0 && st.imissed == 0);

	/* xstats: generic names, values equal to stats */
	int nx = rte_eth_xstats_get_names(port, NULL, 0);
	CHECK(nx == 8 + 3 * 2 + 2 * 2 + 2);     /* generic + the driver's rx_qN_ring_fill */
	struct rte_eth_xstat_name names[64];
	struct rte_eth_xstat xs[64];
	REQUIRE(rte_eth_xstats_get_names(port, names, 64) == nx);
	REQUIRE(rte_eth_xstats_get(port, xs, 64) == nx);
	uint64_t id;
	CHECK(rte_eth_xstats_get_id_by_name(port, "rx_q1_packets", &id) == 0 && xs[id].value == N);
	CHECK(rte_eth_xstats_get_id_by_name(port, "tx_good_bytes", &id) == 0 && xs[id].value == 0);
	CHECK(strcmp(names[0].name, "rx_good_packets") == 0 && xs[0].value == 2 * N);
	CHECK(rte_eth_xstats_get_id_by_name(port, "no_such_stat", &id) == -EINVAL);
	/* the driver's own: a packet left in rx ring 1 shows as its fill */
	tx[0] = eth_test_frame(mp, 1, 2, 3, 4, 0, 64, 0);
	CHECK(rte_eth_tx_burst(port, 1, tx, 1) == 1);
	REQUIRE(rte_eth_xstats_get(port, xs, 64) == nx);
	CHECK(rte_eth_xstats_get_id_by_name(port, "rx_q1_ring_fill", &id) == 0 && xs[id].value == 1);
	CHECK(xs[id].id == id);
	uint64_t vals[2], ids[2] = { 0, id };
	CHECK(rte_eth_xstats_get_by_id(port, ids, vals, 2) == 2 && vals[1] == 1);
	struct rte_eth_xstat_name nm[2];
	CHECK(rte_eth_xstats_get_names_by_id(port, nm, 2, ids) == 2 &&
	      strcmp(nm[1].name, "rx_q1_ring_fill") == 0);
	ids[1] = 1000;
	CHECK(rte_eth_xstats_get_by_id(port, ids, vals, 2) == -EINVAL);
	CHECK(rte_eth_rx_burst(port, 1, rx, 4) == 1);
	rte_pktmbuf_free(rx[0]);

	/* reset zeroes what the calls report */
	CHECK(rte_eth_stats_reset(port) == 0);
	REQUIRE(rte_eth_stats_get(port, &st) == 0);
	CHECK(st.ipackets == 0 && st.obytes == 0 && st.q_ipackets[1] == 0);

	/* link is up while started */
	struct rte_eth_link link;
	CHECK(rte_eth_link_get_nowait(port, &link) == 0 && link.link_status == RTE_ETH_LINK_UP);

	/* stopped port: bursts return 0, nothing leaves */
	CHECK(rte_eth_dev_stop(port) == 0);
	tx[0] = eth_test_frame(mp, 1, 2, 3, 4, 0, 64, 0);
	CHECK(rte_eth_tx_burst(port, 0, tx, 1) == 0);
	CHECK(rte_eth_rx_burst(port, 0, rx, 32) == 0);
	rte_pktmbuf_free(tx[0]);
	CHECK(rte_eth_link_get_nowait(port, &link) == 0 && link.link_status == RTE_ETH_LINK_DOWN);
	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eth_dev_close(port) == 0);
	CHECK(!rte_eth_dev_is_valid_port(port));
	CHECK(rte_eth_dev_count_avail() == 0);
	rte_mempool_free(mp);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
