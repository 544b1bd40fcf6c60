/* SPDX-License-Identifier: BSD-3-Clause
 * net_pcap on live interfaces: in a network namespace of its own (made with
 * unshare, gone when the test exits) the test creates a veth pair, sends
 * frames out of one end through net_pcap iface= (chained mbufs included)
 * and receives them on the other end through rx_iface=, byte for byte, with
 * counts; an iface= port does not capture its own frames, rx_iface_in= sees
 * only incoming ones, rx_iface= both. Needs root, ip(8) and libpcap; exit
 * 77 otherwise. */
#ifndef DPLITE_HAVE_PCAP
#include <stdio.h>
int main(void)
{
	fprintf(stderr, "SKIP: dplite built without libpcap (no net_pcap)\n");
	return 77;
}
#else
#include <sched.h>
#include <time.h>
#include "../ethdev/eth_test.h"

#define N 40
#define ETYPE 0x88b5     /* IEEE local experimental: nothing else sends it */

static struct rte_mbuf *frame(struct rte_mempool *mp, int i, int chained)
{
	uint16_t len = (uint16_t)(60 + i * 23);
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, chained ? 40 : len);
	for (int k = 0; k < 6; k++) {
		p[k] = 0xff;
		p[6 + k] = (uint8_t)(0x02 + k);
	}
	p[12] = ETYPE >> 8;
	p[13] = ETYPE & 0xff;
	p[14] = (uint8_t)i;
	for (uint16_t k = 15; k < (chained ? 40 : len); k++)
		p[k] = (uint8_t)(k + i);
	if (chained) {
		struct rte_mbuf *s = rte_pktmbuf_alloc(mp);
		uint8_t *q = (uint8_t *)rte_pktmbuf_append(s, (uint16_t)(len - 40));
		for (uint16_t k = 40; k < len; k++)
			q[k - 40] = (uint8_t)(k + i);
		rte_pktmbuf_chain(m, s);
	}
	return m;
}

/* frames of ours (ETYPE) a port receives within ~0.3 s */
static int count_ours(uint16_t port)
{
	struct rte_mbuf *rx[32];
	struct timespec ts = { 0, 1000000 };
	int ours = 0;
	for (int spin = 0; spin < 300; spin++) {
		uint16_t n = rte_eth_rx_burst(port, 0, rx, 32);
		for (uint16_t k = 0; k < n; k++) {
			const uint8_t *p = rte_pktmbuf_mtod(rx[k], const uint8_t *);
			if (rx[k]->data_len >= 14 && (p[12] << 8 | p[13]) == ETYPE)
				ours++;
		}
		rte_pktmbuf_free_bulk(rx, n);
		if (n == 0)
			nanosleep(&ts, NULL);
	}
	return ours;
}

int main(void)
{
	if (geteuid() != 0)
		TEST_SKIP("needs root for a network namespace and a veth pair");
	if (system("command -v ip >/dev/null 2>&1") != 0)
		TEST_SKIP("ip(8) not installed");
	if (unshare(CLONE_NEWNET) != 0)
		TEST_SKIP("cannot make a network namespace");
	if (system("ip link add dpl_a type veth peer name dpl_b && "
		   "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 && "
		   "ip link set dpl_a up && ip link set dpl_b up") != 0)
		TEST_SKIP("cannot create a veth pair");

	const char *extra[] = { "--vdev=net_pcap0,iface=dpl_a", "--vdev=net_pcap1,rx_iface=dpl_b",
				"--vdev=net_pcap2,rx_iface_in=dpl_a", "--vdev=net_pcap3,rx_iface=dpl_a", NULL };
	test_eal_init("pcap_iface", extra);
	uint16_t a, b;
	REQUIRE(rte_eth_dev_get_port_by_name("net_pcap0", &a) == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("net_pcap1", &b) == 0);
	struct rte_mempool *mp = eth_test_pool("pif_pool", 1023);
	REQUIRE(eth_test_port_up(a, 1, mp, 0) == 0);
	REQUIRE(eth_test_port_up(b, 1, mp, 0) == 0);
	uint16_t c, d;
	REQUIRE(rte_eth_dev_get_port_by_name("net_pcap2", &c) == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("net_pcap3", &d) == 0);
	REQUIRE(eth_test_port_up(c, 1, mp, 0) == 0);
	REQUIRE(eth_test_port_up(d, 1, mp, 0) == 0);

	struct rte_mbuf *tx[N], *rx[32];
	uint64_t bytes = 0;
	for (int i = 0; i < N; i++) {
		tx[i] = frame(mp, i, i % 4 == 3);
		bytes += tx[i]->pkt_len;
	}
	CHECK(rte_eth_tx_burst(a, 0, tx, N) == N);

	int got = 0, bad = 0, other = 0;
	static uint8_t buf[2048];
	struct timespec ts = { 0, 1000000 };
	for (int spin = 0; spin < 3000 && got < N; spin++) {
		uint16_t n = rte_eth_rx_burst(b, 0, rx, 8);
		for (uint16_t k = 0; k < n; k++) {
			const uint8_t *p = rte_pktmbuf_read(rx[k], 0, rx[k]->pkt_len, buf);
			if (p == NULL || rx[k]->pkt_len < 15 || (p[12] << 8 | p[13]) != ETYPE) {
				other++;
			} else {
				int i = p[14];
				uint32_t len = 60u + (uint32_t)i * 23u;
				if (i != got || rx[k]->pkt_len != len)
					bad++;
				for (uint32_t j = 15; j < len && j < rx[k]->pkt_len; j++)
					if (p[j] != (uint8_t)(j + (uint32_t)i)) {
						bad++;
						break;
					}
				got++;
			}
			rte_pktmbuf_free(rx[k]);
		}
		if (n == 0)
			nanosleep(&ts, NULL);
	}
	CHECK_MSG(got == N, "received %d of %d (%d other frames)", got, N, other);
	CHECK_MSG(bad == 0, "%d frames differ", bad);
	/* a's own frames: not captured by a itself (one socket, as DPDK), nor by
	 * an incoming-only capture on dpl_a; a plain rx_iface on dpl_a sees them */
	int own_a = count_ours(a), own_c = count_ours(c), own_d = count_ours(d);
	CHECK_MSG(own_a == 0, "iface= port saw %d of its own frames", own_a);
	CHECK_MSG(own_c == 0, "rx_iface_in= saw %d outgoing frames", own_c);
	CHECK_MSG(own_d == N, "rx_iface= saw %d of %d outgoing frames", own_d, N);

	struct rte_eth_stats st;
	REQUIRE(rte_eth_stats_get(a, &st) == 0);
	CHECK(st.opackets == N && st.obytes == bytes && st.oerrors == 0);
	REQUIRE(rte_eth_stats_get(b, &st) == 0);
	CHECK(st.ipackets == (uint64_t)(got + other) && st.imissed == 0);

	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
#endif
