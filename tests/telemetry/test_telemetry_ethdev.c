/* SPDX-License-Identifier: BSD-3-Clause
 * The /ethdev/... telemetry commands with DPDK 22.11's shapes over two net_ring ports
 * wired back to back: counters move by exactly the packets sent, per-queue
 * arrays have RTE_ETHDEV_QUEUE_STAT_CNTRS entries, and bad port ids give
 * null. */
#include <rte_eth_ring.h>
#include <rte_ring.h>
#include "ethdev/eth_test.h"
#include "tel_test.h"

#define NPKT 10

int main(int argc, char **argv)
{
	const struct jv *d;
	struct jv *v;
	char req[128], name[RTE_ETH_NAME_MAX_LEN];

	test_eal_init("tel_eth", NULL);
	struct rte_ring *ab = rte_ring_create("tel_ab", 1024, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	struct rte_ring *ba = rte_ring_create("tel_ba", 1024, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	REQUIRE(ab && ba);
	int a = rte_eth_from_rings("telA", &ba, 1, &ab, 1, SOCKET_ID_ANY);
	int b = rte_eth_from_rings("telB", &ab, 1, &ba, 1, SOCKET_ID_ANY);
	REQUIRE(a >= 0 && b >= 0);
	struct rte_mempool *mp = eth_test_pool("tel_eth_pool", 511);
	REQUIRE(eth_test_port_up((uint16_t)a, 1, mp, 0) == 0);
	REQUIRE(eth_test_port_up((uint16_t)b, 1, mp, 0) == 0);

	struct rte_mbuf *pk[NPKT];
	for (int i = 0; i < NPKT; i++)
		REQUIRE((pk[i] = eth_test_frame(mp, 0xc6120001, 0xc6120002, 1000, 2000, 0, 100, 0)) != NULL);
	CHECK(rte_eth_tx_burst((uint16_t)a, 0, pk, NPKT) == NPKT);
	uint16_t got = 0;
	for (int tries = 0; tries < 1000 && got < NPKT; tries++)
		got += rte_eth_rx_burst((uint16_t)b, 0, pk + got, NPKT - got);
	CHECK(got == NPKT);
	rte_pktmbuf_free_bulk(pk, got);

	int fd = tt_connect();
	v = tt_query(fd, "/ethdev/list", "/ethdev/list", &d);
	CHECK(v && d->t == JV_ARR && d->n >= 2);
	jv_free(v);

	snprintf(req, sizeof(req), "/ethdev/info,%d", a);
	v = tt_query(fd, req, "/ethdev/info", &d);
	REQUIRE(rte_eth_dev_get_name_by_port((uint16_t)a, name) == 0);
	CHECK(v && strcmp(jv_get(d, "name")->s, name) == 0 && jv_i64(jv_get(d, "port_id")) == a &&
	      jv_i64(jv_get(d, "nb_rx_queues")) == 1 && jv_i64(jv_get(d, "nb_tx_queues")) == 1 &&
	      jv_i64(jv_get(d, "dev_started")) == 1 && jv_get(d, "rxq_state")->n == 1 &&
	      strlen(jv_get(d, "mac_addr")->s) == 17 && jv_get(d, "mtu") && jv_get(d, "rx_offloads"));
	jv_free(v);

	snprintf(req, sizeof(req), "/ethdev/stats,%d", a);
	v = tt_query(fd, req, "/ethdev/stats", &d);
	CHECK(v && jv_u64(jv_get(d, "opackets")) == NPKT && jv_u64(jv_get(d, "ipackets")) == 0 &&
	      jv_get(d, "rx_nombuf") && jv_get(d, "q_opackets")->n == RTE_ETHDEV_QUEUE_STAT_CNTRS &&
	      jv_u64(&jv_get(d, "q_opackets")->v[0]) == NPKT);
	jv_free(v);
	snprintf(req, sizeof(req), "/ethdev/stats,%d", b);
	v = tt_query(fd, req, "/ethdev/stats", &d);
	CHECK(v && jv_u64(jv_get(d, "ipackets")) == NPKT && jv_get(d, "ibytes") && jv_u64(jv_get(d, "ibytes")) == 0 &&
	      jv_u64(&jv_get(d, "q_ipackets")->v[0]) == NPKT);
	jv_free(v);

	snprintf(req, sizeof(req), "/ethdev/xstats,%d", b);
	v = tt_query(fd, req, "/ethdev/xstats", &d);
	CHECK(v && d->t == JV_OBJ && d->n > 0 && jv_u64(jv_get(d, "rx_good_packets")) == NPKT);
	jv_free(v);

	snprintf(req, sizeof(req), "/ethdev/link_status,%d", a);
	v = tt_query(fd, req, "/ethdev/link_status", &d);
	CHECK(v && jv_get(d, "status") && (strcmp(jv_get(d, "status")->s, "UP") == 0 ?
					   jv_get(d, "speed") && jv_get(d, "duplex") :
					   strcmp(jv_get(d, "status")->s, "DOWN") == 0));
	jv_free(v);

	static const char *const bad[] = { "99", "-1", "", "abc", "0x0", "1 ", "65536",
					   "99999999999999999999" };
	static const char *const cmds[] = { "/ethdev/info", "/ethdev/stats", "/ethdev/xstats",
					    "/ethdev/link_status" };
	for (size_t c = 0; c < 4; c++)
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			snprintf(req, sizeof(req), "%s,%s", cmds[c], bad[i]);
			v = tt_query(fd, req, cmds[c], &d);
			CHECK_MSG(v && d->t == JV_NULL, "%s", req);
			jv_free(v);
		}
	close(fd);

	/* dplite-info --watch shows the ports (argv[1]: the tool) */
	if (argc > 1) {
		char cmd[600], line[512];
		bool port_row = false, header = false;
		snprintf(cmd, sizeof(cmd), "%s -f tel_eth_%d --watch --interval 0.1 --count 2 2>&1",
			 argv[1], (int)getpid());
		FILE *f = popen(cmd, "r");
		REQUIRE(f != NULL);
		while (fgets(line, sizeof(line), f)) {
			header |= strstr(line, "RX pkt/s") != NULL;
			port_row |= strstr(line, name) != NULL;
		}
		CHECK(pclose(f) == 0);
		CHECK(header && port_row);
	}
	/* rte_eal_cleanup stops telemetry (joining its threads) before ethdev
	 * closes the ports; stopping them here would race, for ThreadSanitizer,
	 * with the thread that served dplite-info in another process */
	rte_eal_cleanup();
	return test_done();
}
