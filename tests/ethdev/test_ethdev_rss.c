/* SPDX-License-Identifier: BSD-3-Clause
 * Software RSS on a multi-queue port: every received packet carries
 * hash.rss + RTE_MBUF_F_RX_RSS_HASH equal to rte_softrss of its tuple under
 * the port's key; a flow set spreads over the queues exactly as the
 * redirection table says (net_ring steers by RSS into its rx rings); the
 * same flow always lands on the same queue; reta update/query, hash
 * update/conf get, and their errors. */
#include <rte_thash.h>
#include "eth_test.h"

#define NQ 4
#define FLOWS 256

static uint32_t ref_hash(const uint8_t *key, uint32_t src, uint32_t dst, uint16_t sp, uint16_t dp,
			 int l4)
{
	union rte_thash_tuple t;
	memset(&t, 0, sizeof(t));
	t.v4.src_addr = src;
	t.v4.dst_addr = dst;
	t.v4.sport = sp;
	t.v4.dport = dp;
	return rte_softrss((uint32_t *)&t, l4 ? RTE_THASH_V4_L4_LEN : RTE_THASH_V4_L3_LEN, key);
}

int main(void)
{
	const char *extra[] = { "--vdev=net_ring0", NULL };
	uint8_t key[40];
	struct rte_eth_rss_conf rc = { .rss_key = key, .rss_key_len = sizeof(key) };
	struct rte_eth_rss_reta_entry64 reta[2];
	struct rte_mbuf *b[64];
	uint16_t port;

	test_eal_init("eth_rss", extra);
	REQUIRE(rte_eth_dev_get_port_by_name("net_ring0", &port) == 0);
	struct rte_mempool *mp = eth_test_pool("rss_pool", 4095);

	/* RSS calls before RSS is configured */
	CHECK(rte_eth_dev_rss_hash_conf_get(port, NULL) == -EINVAL);
	REQUIRE(eth_test_port_up(port, NQ, mp, 1) == 0);
	REQUIRE(rte_eth_dev_rss_hash_conf_get(port, &rc) == 0);
	CHECK(rc.rss_key_len == 40 && key[0] == 0x6d && key[39] == 0xfa);   /* default key */
	CHECK(rc.rss_hf & RTE_ETH_RSS_NONFRAG_IPV4_UDP);

	/* default table: entry i -> queue i % NQ */
	memset(reta, 0, sizeof(reta));
	reta[0].mask = reta[1].mask = ~0ULL;
	REQUIRE(rte_eth_dev_rss_reta_query(port, reta, 128) == 0);
	CHECK(reta[0].reta[5] == 1 && reta[1].reta[63] == 3);

	/* flows sent on tx queue 0 land on rx queue reta[hash % 128] */
	unsigned int per_q[NQ] = { 0 }, bad_hash = 0, bad_q = 0;
	int flow_q[FLOWS];
	for (int f = 0; f < FLOWS; f++) {
		b[0] = eth_test_frame(mp, 0xc6120000u + (uint32_t)f, 0xc6130001u, (uint16_t)(1000 + f),
				      (uint16_t)(2000 + 7 * f), f & 1, 100, 0);
		REQUIRE(b[0] != NULL);
		REQUIRE(rte_eth_tx_burst(port, 0, b, 1) == 1);
		uint32_t h = ref_hash(key, 0xc6120000u + (uint32_t)f, 0xc6130001u, (uint16_t)(1000 + f),
				      (uint16_t)(2000 + 7 * f), 1);
		flow_q[f] = (h % 128) % NQ;
	}
	for (uint16_t q = 0; q < NQ; q++) {
		uint16_t n;
		while ((n = rte_eth_rx_burst(port, q, b, 64)) > 0)
			for (uint16_t i = 0; i < n; i++) {
				const uint8_t *p = rte_pktmbuf_mtod(b[i], const uint8_t *);
				int f = (p[34] << 8 | p[35]) - 1000;
				uint32_t h = ref_hash(key, 0xc6120000u + (uint32_t)f, 0xc6130001u,
						      (uint16_t)(1000 + f), (uint16_t)(2000 + 7 * f), 1);
				if (!(b[i]->ol_flags & RTE_MBUF_F_RX_RSS_HASH) || b[i]->hash.rss != h)
					bad_hash++;
				if (flow_q[f] != q)
					bad_q++;
				per_q[q]++;
				rte_pktmbuf_free(b[i]);
			}
	}
	CHECK(per_q[0] + per_q[1] + per_q[2] + per_q[3] == FLOWS);
	CHECK_MSG(bad_hash == 0, "%u packets with a wrong hash", bad_hash);
	CHECK_MSG(bad_q == 0, "%u packets on the wrong queue", bad_q);
	for (int q = 0; q < NQ; q++)
		CHECK_MSG(per_q[q] > FLOWS / NQ / 2, "queue %d got only %u", q, per_q[q]);

	/* the same flow, again and again, from any tx queue: same rx queue */
	for (int rep = 0; rep < 20; rep++) {
		b[0] = eth_test_frame(mp, 0xc6120007u, 0xc6130001u, 1007, 2049, 1, 80, 0);
		REQUIRE(rte_eth_tx_burst(port, (uint16_t)(rep % NQ), b, 1) == 1);
	}
	for (uint16_t q = 0; q < NQ; q++) {
		uint16_t n = rte_eth_rx_burst(port, q, b, 64);
		CHECK(n == (q == flow_q[7] ? 20 : 0));
		rte_pktmbuf_free_bulk(b, n);
	}

	/* all entries to queue 2: everything arrives there */
	for (int i = 0; i < 64; i++)
		reta[0].reta[i] = reta[1].reta[i] = 2;
	CHECK(rte_eth_dev_rss_reta_update(port, reta, 128) == 0);
	for (int f = 0; f < 32; f++)
		b[f] = eth_test_frame(mp, 0xc6120000u + (uint32_t)f, 0xc6130002u, (uint16_t)f, 53, 0, 64, 0);
	CHECK(rte_eth_tx_burst(port, 1, b, 32) == 32);
	CHECK(rte_eth_rx_burst(port, 2, b, 64) == 32);
	rte_pktmbuf_free_bulk(b, 32);

	/* a new key changes the hashes to what the reference says */
	uint8_t k2[40];
	for (int i = 0; i < 40; i++)
		k2[i] = (uint8_t)(i * 37 + 11);
	struct rte_eth_rss_conf nc = { .rss_key = k2, .rss_key_len = 40,
				       .rss_hf = RTE_ETH_RSS_IPV4 };
	CHECK(rte_eth_dev_rss_hash_update(port, &nc) == 0);
	b[0] = eth_test_frame(mp, 0xc6120001u, 0xc6130003u, 11, 22, 0, 64, 0);
	CHECK(rte_eth_tx_burst(port, 0, b, 1) == 1);
	CHECK(rte_eth_rx_burst(port, 2, b, 4) == 1);
	CHECK(b[0]->hash.rss == ref_hash(k2, 0xc6120001u, 0xc6130003u, 11, 22, 0));   /* L3 only */
	rte_pktmbuf_free(b[0]);

	/* errors */
	CHECK(rte_eth_dev_rss_reta_update(port, NULL, 128) == -EINVAL);
	CHECK(rte_eth_dev_rss_reta_update(port, reta, 0) == -EINVAL);
	CHECK(rte_eth_dev_rss_reta_update(port, reta, 64) == -EINVAL);     /* table has 128 */
	reta[0].reta[0] = NQ;                                                 /* no such queue */
	CHECK(rte_eth_dev_rss_reta_update(port, reta, 128) == -EINVAL);
	reta[0].mask = reta[1].mask = 0;
	CHECK(rte_eth_dev_rss_reta_update(port, reta, 128) == -EINVAL);      /* nothing selected */
	CHECK(rte_eth_dev_rss_reta_query(port, reta, 128) == -EINVAL);
	CHECK(rte_eth_dev_rss_reta_query(RTE_MAX_ETHPORTS, reta, 128) == -ENODEV);
	nc.rss_key_len = 39;
	CHECK(rte_eth_dev_rss_hash_update(port, &nc) == -EINVAL);
	nc.rss_key_len = 40;
	nc.rss_hf = RTE_ETH_RSS_L2TPV2;                                        /* not offered */
	CHECK(rte_eth_dev_rss_hash_update(port, &nc) == -EINVAL);
	CHECK(rte_eth_dev_rss_hash_update(port, NULL) == -EINVAL);
	uint8_t small[8];
	struct rte_eth_rss_conf sc = { .rss_key = small, .rss_key_len = 8 };
	CHECK(rte_eth_dev_rss_hash_conf_get(port, &sc) == -EINVAL);

	/* configure with RSS mode off: rss calls are refused (-ENOTSUP) */
	CHECK(rte_eth_dev_stop(port) == 0);
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	CHECK(rte_eth_dev_configure(port, NQ, NQ, &conf) == 0);
	nc.rss_hf = RTE_ETH_RSS_IPV4;
	CHECK(rte_eth_dev_rss_hash_update(port, &nc) == -ENOTSUP);
	reta[0].mask = 1;
	reta[0].reta[0] = 0;
	CHECK(rte_eth_dev_rss_reta_update(port, reta, 128) == -ENOTSUP);
	/* a bad key length in configure */
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_key = key;
	conf.rx_adv_conf.rss_conf.rss_key_len = 52;
	CHECK(rte_eth_dev_configure(port, NQ, NQ, &conf) == -EINVAL);
	conf.rx_adv_conf.rss_conf.rss_key_len = 40;
	conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_ECPRI;
	CHECK(rte_eth_dev_configure(port, NQ, NQ, &conf) == -EINVAL);

	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
