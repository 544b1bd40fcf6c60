/* SPDX-License-Identifier: BSD-3-Clause
 * net_af_packet life cycle, in a private network namespace (unshare: it
 * vanishes with the process, whatever happens) holding one veth pair:
 *  - bad arguments and a missing interface fail the probe with -EINVAL /
 *    -ENODEV and make no port;
 *  - the port takes the interface's MAC, is link up once started, turns
 *    the interface promiscuous through the kernel and back;
 *  - packets sent on one end arrive on the other (two qpairs, fanout),
 *    counted in stats;
 *  - the interface deleted under a running port: link down, rx and tx
 *    bursts return 0, no crash;
 *  - stop releases every packet socket and every ring mapping
 *    (/proc/self/fd and /proc/self/maps are back to what they were). */
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include "test.h"
#include "netns_test.h"

static unsigned int iface_flags(const char *name)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		ifr.ifr_flags = 0;
	if (fd >= 0)
		close(fd);
	return (unsigned short)ifr.ifr_flags;
}

/* The kernel's promiscuity count (PACKET_MR_PROMISC memberships included;
 * SIOCGIFFLAGS shows only what was set by ioctl). */
static int promiscuity(const char *name)
{
	char cmd[128], line[512];
	int v = -1;
	snprintf(cmd, sizeof(cmd), "ip -d link show %s", name);
	FILE *f = popen(cmd, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "promiscuity ");
		if (p)
			v = atoi(p + 12);
	}
	pclose(f);
	return v;
}

static int port_of(const char *name)
{
	uint16_t pid;
	return rte_eth_dev_get_port_by_name(name, &pid) == 0 ? pid : -1;
}

static int setup_port(uint16_t pid, uint16_t nq, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(pid, nq, nq, &conf) != 0)
		return -1;
	for (uint16_t q = 0; q < nq; q++)
		if (rte_eth_rx_queue_setup(pid, q, 256, 0, NULL, mp) != 0 ||
		    rte_eth_tx_queue_setup(pid, q, 256, 0, NULL) != 0)
			return -1;
	return rte_eth_dev_start(pid);
}

static struct rte_mbuf *make_pkt(struct rte_mempool *mp, const struct rte_ether_addr *src, int i)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (!m)
		return NULL;
	uint8_t d[60];
	memset(d, 0, sizeof(d));
	memset(d, 0xff, 6);                       /* broadcast */
	memcpy(d + 6, src->addr_bytes, 6);
	d[12] = 0x88; d[13] = 0xb5;                /* local experimental ethertype */
	d[14] = (uint8_t)i;
	char *p = rte_pktmbuf_append(m, sizeof(d));
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memcpy(p, d, sizeof(d));
	return m;
}

/* Packets received on every queue; *ours: those of make_pkt's ethertype. */
static uint64_t rx_all_ours(uint16_t pid, uint16_t nq, uint64_t *ours)
{
	struct rte_mbuf *b[32];
	uint64_t got = 0;
	for (uint16_t q = 0; q < nq; q++) {
		uint16_t n = rte_eth_rx_burst(pid, q, b, 32);
		got += n;
		for (uint16_t i = 0; i < n && ours; i++) {
			const uint8_t *d = rte_pktmbuf_mtod(b[i], const uint8_t *);
			*ours += b[i]->data_len >= 60 && d[12] == 0x88 && d[13] == 0xb5;
		}
		rte_pktmbuf_free_bulk(b, n);
	}
	return got;
}

static uint64_t rx_all(uint16_t pid, uint16_t nq)
{
	return rx_all_ours(pid, nq, NULL);
}

int main(void)
{
	netns_veth_setup("kl0", "kl1");
	test_eal_init("afp_life", NULL);
	struct rte_mempool *mp = rte_pktmbuf_pool_create("afp_life", 2047, 64, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	REQUIRE(mp != NULL);

	/* bad arguments */
	CHECK(rte_vdev_init("net_af_packet9", "iface=nosuch0") == -ENODEV);
	CHECK(rte_vdev_init("net_af_packet9", "") == -EINVAL);
	CHECK(rte_vdev_init("net_af_packet9", "iface=kl0,qpairs=0") == -EINVAL);
	CHECK(rte_vdev_init("net_af_packet9", "iface=kl0,framesz=100") == -EINVAL);
	CHECK(rte_vdev_init("net_af_packet9", "iface=kl0,qdisc_bypass=2") == -EINVAL);
	CHECK(rte_vdev_init("net_af_packet9", "iface=kl0,bogus=1") == -EINVAL);
	CHECK(port_of("net_af_packet9") < 0);

	int sock0 = netns_count_sockets(), maps0 = netns_count_maps("packet");
	REQUIRE(rte_vdev_init("net_af_packet0", "iface=kl0,qpairs=2") == 0);
	REQUIRE(rte_vdev_init("net_af_packet1", "iface=kl1,qpairs=2,framecnt=256") == 0);
	int p0 = port_of("net_af_packet0"), p1 = port_of("net_af_packet1");
	REQUIRE(p0 >= 0 && p1 >= 0);

	/* MAC from the interface */
	struct rte_ether_addr mac;
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "kl0");
	REQUIRE(fd >= 0 && ioctl(fd, SIOCGIFHWADDR, &ifr) == 0);
	close(fd);
	CHECK(rte_eth_macaddr_get((uint16_t)p0, &mac) == 0);
	CHECK(memcmp(mac.addr_bytes, ifr.ifr_hwaddr.sa_data, 6) == 0);

	struct rte_eth_dev_info info;
	CHECK(rte_eth_dev_info_get((uint16_t)p0, &info) == 0 && info.max_rx_queues == 2);
	REQUIRE(setup_port((uint16_t)p0, 2, mp) == 0);
	REQUIRE(setup_port((uint16_t)p1, 2, mp) == 0);
	CHECK_MSG(netns_count_sockets() == sock0 + 4, "sockets %d, before %d", netns_count_sockets(), sock0);
	CHECK_MSG(netns_count_maps("packet") >= maps0 + 4, "maps %d, before %d", netns_count_maps("packet"), maps0);

	struct rte_eth_link link;
	CHECK(rte_eth_link_get_nowait((uint16_t)p0, &link) == 0 && link.link_status == RTE_ETH_LINK_UP);

	/* promiscuous through the kernel */
	CHECK(iface_flags("kl1") & IFF_UP);
	CHECK(rte_eth_promiscuous_disable((uint16_t)p1) == 0);
	CHECK(promiscuity("kl1") == 0);
	CHECK(rte_eth_promiscuous_enable((uint16_t)p1) == 0);
	CHECK(promiscuity("kl1") == 1);
	CHECK(rte_eth_promiscuous_disable((uint16_t)p1) == 0);
	CHECK(promiscuity("kl1") == 0);

	/* traffic kl0 -> kl1 */
	CHECK(rte_eth_stats_reset((uint16_t)p1) == 0);
	uint64_t sent = 0, got = 0, all = 0;
	for (int round = 0; round < 10; round++) {
		struct rte_mbuf *b[10];
		for (int i = 0; i < 10; i++)
			b[i] = make_pkt(mp, &mac, round * 10 + i);
		uint16_t s = rte_eth_tx_burst((uint16_t)p0, (uint16_t)(round & 1), b, 10);
		rte_pktmbuf_free_bulk(b + s, 10u - s);
		sent += s;
		all += rx_all_ours((uint16_t)p1, 2, &got);
	}
	for (int spin = 0; spin < 2000 && got < sent; spin++) {
		all += rx_all_ours((uint16_t)p1, 2, &got);
		usleep(1000);
	}
	CHECK_MSG(sent == 100 && got == sent, "sent %lu got %lu", (unsigned long)sent,
		  (unsigned long)got);
	struct rte_eth_stats st0, st1;
	CHECK(rte_eth_stats_get((uint16_t)p0, &st0) == 0 && st0.opackets == sent);
	CHECK(rte_eth_stats_get((uint16_t)p1, &st1) == 0 && st1.ipackets == all &&
	      st1.imissed == 0);
	int nx = rte_eth_xstats_get_names((uint16_t)p1, NULL, 0);
	CHECK(nx > 0);

	for (int spin = 0; spin < 50 && rx_all((uint16_t)p1, 2) + rx_all((uint16_t)p0, 2) != 0; spin++)
		usleep(1000);

	/* stop releases this port's two sockets; start makes them again */
	CHECK(rte_eth_dev_stop((uint16_t)p0) == 0);
	CHECK_MSG(netns_count_sockets() == sock0 + 2, "sockets %d with one port stopped", netns_count_sockets());
	CHECK(rte_eth_dev_start((uint16_t)p0) == 0);
	CHECK(netns_count_sockets() == sock0 + 4);

	/* the interface goes away under the running ports */
	CHECK(system("ip link del kl0") == 0);
	CHECK(rte_eth_link_get_nowait((uint16_t)p0, &link) == 0 && link.link_status == RTE_ETH_LINK_DOWN);
	CHECK(rx_all((uint16_t)p0, 2) == 0 && rx_all((uint16_t)p1, 2) == 0);
	struct rte_mbuf *b[4];
	for (int i = 0; i < 4; i++)
		b[i] = make_pkt(mp, &mac, i);
	uint16_t s = rte_eth_tx_burst((uint16_t)p0, 0, b, 4);
	CHECK_MSG(s == 0, "tx on a deleted interface accepted %u", s);
	rte_pktmbuf_free_bulk(b + s, 4u - s);
	CHECK(rte_eth_stats_get((uint16_t)p0, &st0) == 0 && st0.opackets == sent);

	/* stop releases sockets and mappings; close is clean too */
	CHECK(rte_eth_dev_stop((uint16_t)p0) == 0);
	CHECK(rte_eth_dev_stop((uint16_t)p1) == 0);
	CHECK_MSG(netns_count_sockets() == sock0, "sockets %d after stop, %d before", netns_count_sockets(), sock0);
	CHECK_MSG(netns_count_maps("packet") == maps0, "socket maps %d after stop, %d before",
		  netns_count_maps("packet"), maps0);
	CHECK(rte_eth_dev_start((uint16_t)p0) != 0);   /* interface gone: start refused */
	CHECK(netns_count_sockets() == sock0);
	CHECK(rte_eth_dev_close((uint16_t)p0) == 0);
	CHECK(rte_eth_dev_close((uint16_t)p1) == 0);
	CHECK(netns_count_sockets() == sock0 && netns_count_maps("packet") == maps0);
	CHECK(rte_mempool_in_use_count(mp) == 0);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
