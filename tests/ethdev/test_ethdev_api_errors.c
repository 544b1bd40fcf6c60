/* SPDX-License-Identifier: BSD-3-Clause
 * Bad input to every ethdev call gets DPDK's negative errno (and one log
 * line), never a crash: unknown port, queue index or count beyond the
 * driver's limits, missing mempool, descriptors out of range, setup on a
 * started port, start of an unconfigured port, bursts on a stopped port or
 * an absent queue. Also the good paths of the small calls: names, socket,
 * info, MTU, MAC, promiscuous/allmulticast, link strings, queue info. */
#include "eth_test.h"

int main(void)
{
	const char *extra[] = { "--vdev=net_ring0", "--vdev=net_null0", NULL };
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	struct rte_mbuf *b[4];
	uint16_t ring, null, bad = RTE_MAX_ETHPORTS - 1;
	char name[RTE_ETH_NAME_MAX_LEN];

	test_eal_init("eth_api_err", extra);
	REQUIRE(rte_eth_dev_get_port_by_name("net_ring0", &ring) == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("net_null0", &null) == 0);
	struct rte_mempool *mp = eth_test_pool("err_pool", 1023);
	struct rte_mempool *tiny = rte_pktmbuf_pool_create("tiny_pool", 63, 0, 0, 64, SOCKET_ID_ANY);
	REQUIRE(tiny != NULL);
	memset(&conf, 0, sizeof(conf));

	/* ---- ports and names */
	CHECK(rte_eth_dev_count_avail() == 2 && rte_eth_dev_count_total() == 2);
	uint16_t p, seen = 0;
	RTE_ETH_FOREACH_DEV(p)
		seen++;
	CHECK(seen == 2);
	CHECK(!rte_eth_dev_is_valid_port(bad) && !rte_eth_dev_is_valid_port(RTE_MAX_ETHPORTS));
	CHECK(rte_eth_dev_get_name_by_port(ring, name) == 0 && strcmp(name, "net_ring0") == 0);
	CHECK(rte_eth_dev_get_name_by_port(bad, name) == -ENODEV);
	CHECK(rte_eth_dev_get_name_by_port(ring, NULL) == -EINVAL);
	CHECK(rte_eth_dev_get_port_by_name("nope", &p) == -ENODEV);
	CHECK(rte_eth_dev_get_port_by_name(NULL, &p) == -EINVAL);
	CHECK(rte_eth_dev_get_port_by_name("net_ring0", NULL) == -EINVAL);
	CHECK(rte_eth_dev_socket_id(bad) == -1 && rte_errno == EINVAL);
	CHECK(rte_eth_dev_socket_id(ring) >= -1);
	CHECK(rte_eth_dev_info_get(bad, &info) == -ENODEV);
	CHECK(rte_eth_dev_info_get(ring, NULL) == -EINVAL);
	REQUIRE(rte_eth_dev_info_get(null, &info) == 0);
	CHECK(info.max_rx_queues == RTE_MAX_QUEUES_PER_PORT);
	CHECK(info.nb_rx_queues == 0 && info.dev_flags != NULL);

	/* ---- configure */
	CHECK(rte_eth_dev_configure(bad, 1, 1, &conf) == -ENODEV);
	CHECK(rte_eth_dev_configure(ring, 1, 1, NULL) == -EINVAL);
	CHECK(rte_eth_dev_configure(ring, 17, 1, &conf) == -EINVAL);     /* 16 rings */
	CHECK(rte_eth_dev_configure(ring, 1, 17, &conf) == -EINVAL);
	CHECK(rte_eth_dev_configure(null, RTE_MAX_QUEUES_PER_PORT + 1, 1, &conf) == -EINVAL);
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_TCP_LRO;                 /* not offered */
	CHECK(rte_eth_dev_configure(ring, 1, 1, &conf) == -EINVAL);
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_RSS_HASH;                /* needs RSS mode */
	CHECK(rte_eth_dev_configure(ring, 1, 1, &conf) == -EINVAL);
	conf.rxmode.offloads = 0;
	conf.txmode.offloads = RTE_ETH_TX_OFFLOAD_TCP_TSO;
	CHECK(rte_eth_dev_configure(ring, 1, 1, &conf) == -EINVAL);
	conf.txmode.offloads = 0;
	conf.rxmode.mtu = 10;                                               /* < min MTU */
	CHECK(rte_eth_dev_configure(ring, 1, 1, &conf) == -EINVAL);
	conf.rxmode.mtu = 0;
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_VMDQ_ONLY;
	CHECK(rte_eth_dev_configure(ring, 1, 1, &conf) == -EINVAL);
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_NONE;

	/* ---- start before configure */
	CHECK(rte_eth_dev_start(ring) == -EINVAL);
	CHECK(rte_eth_dev_start(bad) == -ENODEV);
	/* ---- queue setup before configure: no queues exist */
	CHECK(rte_eth_rx_queue_setup(ring, 0, 512, SOCKET_ID_ANY, NULL, mp) == -EINVAL);

	REQUIRE(rte_eth_dev_configure(ring, 2, 2, &conf) == 0);
	uint16_t mtu = 0;
	CHECK(rte_eth_dev_get_mtu(ring, &mtu) == 0 && mtu == RTE_ETHER_MTU);
	/* ---- start with queues not set up */
	CHECK(rte_eth_dev_start(ring) == -EINVAL);
	/* ---- queue setup errors */
	CHECK(rte_eth_rx_queue_setup(ring, 2, 512, SOCKET_ID_ANY, NULL, mp) == -EINVAL);
	CHECK(rte_eth_rx_queue_setup(ring, 0, 512, SOCKET_ID_ANY, NULL, NULL) == -EINVAL);
	CHECK(rte_eth_tx_queue_setup(ring, 2, 512, SOCKET_ID_ANY, NULL) == -EINVAL);
	CHECK(rte_eth_rx_queue_setup(bad, 0, 512, SOCKET_ID_ANY, NULL, mp) == -ENODEV);
	CHECK(rte_eth_tx_queue_setup(bad, 0, 512, SOCKET_ID_ANY, NULL) == -ENODEV);
	struct rte_eth_rxconf rxc;
	memset(&rxc, 0, sizeof(rxc));
	rxc.offloads = RTE_ETH_RX_OFFLOAD_TIMESTAMP;
	CHECK(rte_eth_rx_queue_setup(ring, 0, 512, SOCKET_ID_ANY, &rxc, mp) == -EINVAL);
	/* descriptors beyond the limits of net_null? none; use adjust on ring */
	uint16_t nrx = 0, ntx = 70000 & 0xffff;
	CHECK(rte_eth_dev_adjust_nb_rx_tx_desc(ring, &nrx, &ntx) == 0);
	CHECK(rte_eth_dev_adjust_nb_rx_tx_desc(bad, &nrx, &ntx) == -ENODEV);
	/* null: mbufs too small for size=64 packets */
	REQUIRE(rte_eth_dev_configure(null, 1, 1, &conf) == 0);
	CHECK(rte_eth_rx_queue_setup(null, 0, 128, SOCKET_ID_ANY, NULL, tiny) < 0);
	REQUIRE(rte_eth_rx_queue_setup(null, 0, 0, SOCKET_ID_ANY, NULL, mp) == 0);   /* 0: default */
	REQUIRE(rte_eth_tx_queue_setup(null, 0, 0, SOCKET_ID_ANY, NULL) == 0);
	struct rte_eth_rxq_info rqi;
	struct rte_eth_txq_info tqi;
	CHECK(rte_eth_rx_queue_info_get(null, 0, &rqi) == 0 && rqi.mp == mp && rqi.nb_desc == 512);
	CHECK(rte_eth_tx_queue_info_get(null, 0, &tqi) == 0 && tqi.nb_desc == 512);
	CHECK(rte_eth_rx_queue_info_get(null, 1, &rqi) == -EINVAL);
	CHECK(rte_eth_tx_queue_info_get(null, 0, NULL) == -EINVAL);

	for (uint16_t q = 0; q < 2; q++) {
		REQUIRE(rte_eth_rx_queue_setup(ring, q, 512, SOCKET_ID_ANY, NULL, mp) == 0);
		REQUIRE(rte_eth_tx_queue_setup(ring, q, 512, SOCKET_ID_ANY, NULL) == 0);
	}
	/* ---- bursts on a configured but stopped port */
	CHECK(rte_eth_rx_burst(ring, 0, b, 4) == 0);
	b[0] = rte_pktmbuf_alloc(mp);
	CHECK(rte_eth_tx_burst(ring, 0, b, 1) == 0);
	CHECK(rte_eth_tx_prepare(ring, 0, b, 1) == 0 && rte_errno == EINVAL);
	REQUIRE(rte_eth_dev_start(ring) == 0);
	CHECK(rte_eth_dev_start(ring) == 0);                                  /* already: no-op */
	CHECK(rte_eth_tx_prepare(ring, 0, b, 1) == 1);
	/* ---- bursts on absent queues and bad ports: 0, no crash */
	CHECK(rte_eth_rx_burst(ring, 5, b + 1, 1) == 0);
	CHECK(rte_eth_tx_burst(ring, 1000, b, 1) == 0);
	CHECK(rte_eth_tx_burst(ring, RTE_MAX_QUEUES_PER_PORT + 5, b, 1) == 0);
	CHECK(rte_eth_rx_burst(bad, 0, b + 1, 1) == 0);
	CHECK(rte_eth_rx_burst(RTE_MAX_ETHPORTS + 3, 0, b + 1, 1) == 0);
	CHECK(rte_eth_rx_queue_count(ring, 0) == 0);
	CHECK(rte_eth_tx_burst(ring, 0, b, 1) == 1);
	CHECK(rte_eth_rx_queue_count(ring, 0) == 1);
	CHECK(rte_eth_rx_queue_count(ring, 9) == -EINVAL);
	CHECK(rte_eth_rx_queue_count(bad, 0) == -ENODEV);
	CHECK(rte_eth_rx_burst(ring, 0, b, 4) == 1);
	rte_pktmbuf_free(b[0]);
	/* ---- reconfigure and setup on a started port */
	CHECK(rte_eth_dev_configure(ring, 1, 1, &conf) == -EBUSY);
	CHECK(rte_eth_rx_queue_setup(ring, 0, 512, SOCKET_ID_ANY, NULL, mp) == -EBUSY);
	CHECK(rte_eth_tx_queue_setup(ring, 0, 512, SOCKET_ID_ANY, NULL) == -EBUSY);
	CHECK(rte_eth_dev_close(ring) == -EINVAL);                           /* started */

	/* ---- MTU */
	CHECK(rte_eth_dev_set_mtu(ring, 9000) == 0);
	CHECK(rte_eth_dev_get_mtu(ring, &mtu) == 0 && mtu == 9000);
	CHECK(rte_eth_dev_set_mtu(ring, 20) == -EINVAL);
	CHECK(rte_eth_dev_get_mtu(ring, NULL) == -EINVAL);
	CHECK(rte_eth_dev_set_mtu(bad, 1500) == -ENODEV);

	/* ---- MAC */
	struct rte_ether_addr mac, mac2 = { { 0x02, 0, 0, 0, 0, 0x42 } }, mcast = { { 0x01, 0, 0x5e, 0, 0, 1 } };
	CHECK(rte_eth_macaddr_get(ring, &mac) == 0 && rte_is_valid_assigned_ether_addr(&mac));
	CHECK(rte_eth_macaddr_get(ring, NULL) == -EINVAL);
	CHECK(rte_eth_dev_default_mac_addr_set(ring, &mac2) == 0);
	CHECK(rte_eth_macaddr_get(ring, &mac) == 0 && rte_is_same_ether_addr(&mac, &mac2));
	CHECK(rte_eth_dev_default_mac_addr_set(ring, &mcast) == -EINVAL);
	CHECK(rte_eth_dev_default_mac_addr_set(ring, NULL) == -EINVAL);
	CHECK(rte_eth_dev_default_mac_addr_set(bad, &mac2) == -ENODEV);

	/* ---- promiscuous / allmulticast */
	CHECK(rte_eth_promiscuous_get(ring) == 0);
	CHECK(rte_eth_promiscuous_enable(ring) == 0 && rte_eth_promiscuous_get(ring) == 1);
	CHECK(rte_eth_promiscuous_disable(ring) == 0 && rte_eth_promiscuous_get(ring) == 0);
	CHECK(rte_eth_allmulticast_enable(ring) == 0 && rte_eth_allmulticast_get(ring) == 1);
	CHECK(rte_eth_allmulticast_disable(ring) == 0 && rte_eth_allmulticast_get(ring) == 0);
	CHECK(rte_eth_promiscuous_enable(bad) == -ENODEV);
	CHECK(rte_eth_promiscuous_get(bad) == -ENODEV);

	/* ---- link */
	struct rte_eth_link link;
	char ls[RTE_ETH_LINK_MAX_STR_LEN];
	CHECK(rte_eth_link_get(ring, &link) == 0 && link.link_status == RTE_ETH_LINK_UP);
	CHECK(rte_eth_link_to_str(ls, sizeof(ls), &link) > 0 && strcmp(ls, "Link up at 10 Gbps FDX Fixed") == 0);
	CHECK(rte_eth_dev_set_link_down(ring) == 0);
	CHECK(rte_eth_link_get_nowait(ring, &link) == 0 && link.link_status == RTE_ETH_LINK_DOWN);
	CHECK(rte_eth_link_to_str(ls, sizeof(ls), &link) > 0 && strcmp(ls, "Link down") == 0);
	CHECK(rte_eth_dev_set_link_up(ring) == 0);
	CHECK(rte_eth_link_get(ring, NULL) == -EINVAL);
	CHECK(rte_eth_link_get(bad, &link) == -ENODEV);
	CHECK(rte_eth_link_to_str(NULL, 10, &link) == -EINVAL);
	CHECK(rte_eth_link_to_str(ls, 0, &link) == -EINVAL);
	CHECK(strcmp(rte_eth_link_speed_to_str(RTE_ETH_SPEED_NUM_25G), "25 Gbps") == 0);

	/* ---- stats calls */
	struct rte_eth_stats st;
	CHECK(rte_eth_stats_get(bad, &st) == -ENODEV);
	CHECK(rte_eth_stats_get(ring, NULL) == -EINVAL);
	CHECK(rte_eth_stats_reset(bad) == -ENODEV);
	CHECK(rte_eth_xstats_get(bad, NULL, 0) == -ENODEV);
	CHECK(rte_eth_xstats_get_names(ring, NULL, 0) > 0);

	/* ---- queue start/stop */
	CHECK(rte_eth_dev_rx_queue_stop(ring, 7) == -EINVAL);
	CHECK(rte_eth_dev_tx_queue_start(bad, 0) == -ENODEV);

	/* ---- stop, then close; the port is gone */
	CHECK(rte_eth_dev_stop(ring) == 0);
	CHECK(rte_eth_dev_stop(ring) == 0);                                  /* already */
	CHECK(rte_eth_dev_rx_queue_start(ring, 0) == -EINVAL);               /* port stopped */
	CHECK(rte_eth_dev_reset(ring) == -ENOTSUP);
	CHECK(rte_eth_dev_close(ring) == 0);
	CHECK(rte_eth_dev_close(ring) == -ENODEV);
	CHECK(rte_eth_dev_count_avail() == 1);

	/* ---- features no software driver has */
	uint32_t ptypes[8];
	CHECK(rte_eth_dev_get_supported_ptypes(null, RTE_PTYPE_ALL_MASK, ptypes, 8) == 0);
	CHECK(rte_eth_dev_get_supported_ptypes(bad, RTE_PTYPE_ALL_MASK, ptypes, 8) == -ENODEV);
	CHECK(rte_eth_dev_set_ptypes(null, 0, ptypes, 8) == 0 && ptypes[0] == RTE_PTYPE_UNKNOWN);
	CHECK(rte_eth_dev_fw_version_get(null, name, sizeof(name)) == -ENOTSUP);
	CHECK(rte_eth_dev_vlan_filter(null, 5000, 1) == -EINVAL);
	CHECK(rte_eth_dev_get_vlan_offload(null) == 0);
	CHECK(rte_eth_dev_set_vlan_offload(null, 0) == 0);
	CHECK(rte_eth_dev_set_vlan_offload(null, RTE_ETH_VLAN_STRIP_OFFLOAD) == -ENOTSUP);
	struct rte_eth_fc_conf fc;
	CHECK(rte_eth_dev_flow_ctrl_get(null, &fc) == -ENOTSUP);
	CHECK(rte_eth_dev_flow_ctrl_set(null, NULL) == -EINVAL);
	uint64_t clk;
	CHECK(rte_eth_read_clock(null, &clk) == -ENOTSUP);

	/* ---- tx buffer */
	CHECK(rte_eth_tx_buffer_init(NULL, 4) == -EINVAL);
	CHECK(rte_eth_tx_buffer_set_err_callback(NULL, NULL, NULL) == -EINVAL);

	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
