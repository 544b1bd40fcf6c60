/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers shared by the ethdev and driver tests: a packet pool, port setup,
 * and frames with a recognisable payload. */
#ifndef DPLITE_ETH_TEST_H
#define DPLITE_ETH_TEST_H
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ip.h>
#include <rte_udp.h>
#include <rte_tcp.h>
#include "test.h"

static inline struct rte_mempool *eth_test_pool(const char *name, unsigned int n)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create(name, n, 32, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	REQUIRE(mp != NULL);
	return mp;
}

/* Configure nq rx and tx queues (RSS when rss), set them up and start. */
static inline int eth_test_port_up(uint16_t port, uint16_t nq, struct rte_mempool *mp, int rss)
{
	struct rte_eth_conf conf;
	int ret;

	memset(&conf, 0, sizeof(conf));
	if (rss) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IP | RTE_ETH_RSS_TCP | RTE_ETH_RSS_UDP;
	}
	if ((ret = rte_eth_dev_configure(port, nq, nq, &conf)) < 0)
		return ret;
	for (uint16_t q = 0; q < nq; q++) {
		if ((ret = rte_eth_rx_queue_setup(port, q, 512, SOCKET_ID_ANY, NULL, mp)) < 0)
			return ret;
		if ((ret = rte_eth_tx_queue_setup(port, q, 512, SOCKET_ID_ANY, NULL)) < 0)
			return ret;
	}
	return rte_eth_dev_start(port);
}

/* An Ethernet/IPv4/UDP (or TCP) frame of len bytes whose payload bytes are
 * (seed + i) & 0xff. */
static inline struct rte_mbuf *eth_test_frame(struct rte_mempool *mp, uint32_t src, uint32_t dst,
					      uint16_t sport, uint16_t dport, int tcp,
					      uint16_t len, uint8_t seed)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p;
	uint16_t l4 = tcp ? 20 : 8, hdr = (uint16_t)(14 + 20 + l4);

	if (m == NULL)
		return NULL;
	if (len < hdr)
		len = hdr;
	p = (uint8_t *)rte_pktmbuf_append(m, len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, hdr);
	struct rte_ether_hdr *eh = (struct rte_ether_hdr *)p;
	for (int i = 0; i < 6; i++) {
		eh->dst_addr.addr_bytes[i] = (uint8_t)(0x02 + i);
		eh->src_addr.addr_bytes[i] = (uint8_t)(0x12 + i);
	}
	eh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(p + 14);
	ip->version_ihl = 0x45;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(len - 14));
	ip->time_to_live = 64;
	ip->next_proto_id = tcp ? IPPROTO_TCP : IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(src);
	ip->dst_addr = rte_cpu_to_be_32(dst);
	uint16_t *ports = (uint16_t *)(p + 34);
	ports[0] = rte_cpu_to_be_16(sport);
	ports[1] = rte_cpu_to_be_16(dport);
	if (tcp)
		p[34 + 12] = 0x50;
	for (uint16_t i = hdr; i < len; i++)
		p[i] = (uint8_t)(seed + i);
	return m;
}
#endif
