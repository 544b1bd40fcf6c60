/* SPDX-License-Identifier: BSD-3-Clause
 * rte_eth_from_rings / rte_eth_from_ring: ports over the caller's rings,
 * named "net_ring_<name>"; two ports wired back to back (A's tx ring is B's
 * rx ring) pass packets both ways byte for byte with counts on both sides;
 * nodeaction= makes named ports; bad arguments are refused. */
#include <rte_eth_ring.h>
#include <rte_bus_vdev.h>
#include "eth_test.h"

static int start(uint16_t port, uint16_t nq, struct rte_mempool *mp)
{
	return eth_test_port_up(port, nq, mp, 0);
}

int main(void)
{
	const char *extra[] = { "--vdev=net_ring_x,nodeaction=r1:0:CREATE,nodeaction=r2:0:CREATE",
				NULL };
	struct rte_mbuf *b[64];
	char name[RTE_ETH_NAME_MAX_LEN];
	struct rte_eth_stats sa, sb;

	test_eal_init("eth_from_rings", extra);
	uint16_t p;
	CHECK(rte_eth_dev_count_avail() == 2);
	CHECK(rte_eth_dev_get_port_by_name("r1", &p) == 0);
	CHECK(rte_eth_dev_get_port_by_name("r2", &p) == 0);
	struct rte_mempool *mp = eth_test_pool("fr_pool", 2047);

	struct rte_ring *ab = rte_ring_create("ab", 256, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	struct rte_ring *ba = rte_ring_create("ba", 256, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	REQUIRE(ab && ba);
	int a = rte_eth_from_rings("A", &ba, 1, &ab, 1, SOCKET_ID_ANY);
	int bp = rte_eth_from_rings("B", &ab, 1, &ba, 1, SOCKET_ID_ANY);
	REQUIRE(a >= 0 && bp >= 0 && a != bp);
	CHECK(rte_eth_dev_get_name_by_port((uint16_t)a, name) == 0 && strcmp(name, "net_ring_A") == 0);
	CHECK(rte_eth_from_rings("A", &ba, 1, &ab, 1, SOCKET_ID_ANY) == -1);   /* name taken */
	CHECK(rte_eth_from_rings("C", NULL, 1, &ab, 1, SOCKET_ID_ANY) == -1 && rte_errno == EINVAL);
	struct rte_ring *many[17];
	for (int i = 0; i < 17; i++)
		many[i] = ab;
	CHECK(rte_eth_from_rings("D", many, 17, many, 1, SOCKET_ID_ANY) == -1 && rte_errno == EINVAL);
	struct rte_eth_dev_info info;
	REQUIRE(rte_eth_dev_info_get((uint16_t)a, &info) == 0);
	CHECK(info.max_rx_queues == 1 && info.max_tx_queues == 1);
	REQUIRE(start((uint16_t)a, 1, mp) == 0);
	REQUIRE(start((uint16_t)bp, 1, mp) == 0);

	/* A -> B and B -> A, byte-exact */
	uint64_t bytes = 0;
	for (int i = 0; i < 40; i++) {
		b[i] = eth_test_frame(mp, 0xc6120001, 0xc6120002, (uint16_t)i, 7, 0,
				      (uint16_t)(64 + i * 30), (uint8_t)i);
		bytes += b[i]->pkt_len;
	}
	CHECK(rte_eth_tx_burst((uint16_t)a, 0, b, 40) == 40);
	CHECK(rte_eth_rx_burst((uint16_t)a, 0, b, 64) == 0);
	uint16_t n = rte_eth_rx_burst((uint16_t)bp, 0, b, 64);
	CHECK(n == 40);
	int bad = 0;
	for (uint16_t i = 0; i < n; i++) {
		const uint8_t *d = rte_pktmbuf_mtod(b[i], const uint8_t *);
		if (b[i]->pkt_len != (uint32_t)(64 + i * 30) || d[35] != i)
			bad++;
		for (uint32_t k = 42; k < b[i]->pkt_len; k++)
			if (d[k] != (uint8_t)(i + k)) {
				bad++;
				break;
			}
	}
	CHECK(bad == 0);
	CHECK(rte_eth_tx_burst((uint16_t)bp, 0, b, n) == n);                 /* and back */
	CHECK(rte_eth_rx_burst((uint16_t)a, 0, b, 64) == 40);
	rte_pktmbuf_free_bulk(b, 40);
	REQUIRE(rte_eth_stats_get((uint16_t)a, &sa) == 0 && rte_eth_stats_get((uint16_t)bp, &sb) == 0);
	/* net_ring counts packets, not bytes (as DPDK's: it touches no mbuf) */
	CHECK(bytes > 0);
	CHECK(sa.opackets == 40 && sa.obytes == 0 && sa.ipackets == 40 && sa.ibytes == 0);
	CHECK(sb.ipackets == 40 && sb.ibytes == 0 && sb.opackets == 40 && sb.obytes == 0);

	/* a full ring: tx takes what fits, the rest stays the caller's */
	for (int i = 0; i < 64; i++)
		b[i] = eth_test_frame(mp, 1, 2, 3, 4, 0, 60, 0);
	uint16_t t1 = rte_eth_tx_burst((uint16_t)a, 0, b, 64);
	uint16_t t2 = rte_eth_tx_burst((uint16_t)a, 0, b + t1, (uint16_t)(64 - t1));
	uint16_t taken = (uint16_t)(t1 + t2), more = 0;
	while (taken + more < 64 && more < 1000) {
		uint16_t k = rte_eth_tx_burst((uint16_t)a, 0, b + taken + more, 1);
		if (k == 0)
			break;
		more++;
	}
	REQUIRE(rte_eth_stats_get((uint16_t)a, &sa) == 0);
	CHECK(sa.opackets == 40u + taken + more);
	rte_pktmbuf_free_bulk(b + taken + more, (unsigned int)(64 - taken - more));
	while ((n = rte_eth_rx_burst((uint16_t)bp, 0, b, 64)) > 0)
		rte_pktmbuf_free_bulk(b, n);

	/* rte_eth_from_ring: one ring, loopback */
	struct rte_ring *lo = rte_ring_create("lo", 64, SOCKET_ID_ANY, 0);
	int l = rte_eth_from_ring(lo);
	REQUIRE(l >= 0);
	CHECK(rte_eth_dev_get_name_by_port((uint16_t)l, name) == 0 && strcmp(name, "net_ring_lo") == 0);
	REQUIRE(start((uint16_t)l, 1, mp) == 0);
	b[0] = eth_test_frame(mp, 1, 2, 3, 4, 0, 99, 0);
	CHECK(rte_eth_tx_burst((uint16_t)l, 0, b, 1) == 1);
	CHECK(rte_eth_rx_burst((uint16_t)l, 0, b, 4) == 1 && b[0]->pkt_len == 99);
	rte_pktmbuf_free(b[0]);
	CHECK(rte_eth_from_ring(NULL) == -1);

	/* user rings survive the port (the port attached, did not create) */
	CHECK(rte_eth_dev_stop((uint16_t)a) == 0 && rte_eth_dev_close((uint16_t)a) == 0);
	CHECK(rte_ring_lookup("ab") == ab);
	CHECK(rte_vdev_init("net_ring_bad", "internal=0x1234") == -EINVAL);

	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
