/* SPDX-License-Identifier: BSD-3-Clause
 * net_af_packet frames, byte for byte, both ways, against a plain packet
 * socket on the other end of a veth pair (in a private network namespace
 * made with unshare: it vanishes with the process).
 *
 * The driver puts a virtio_net_hdr in front of every tx frame
 * (PACKET_VNET_HDR, so the kernel copies the whole packet into the skb
 * head) and its socket's rx ring then has one in front of every received
 * packet too. This checks that neither ever shows: each frame sent by
 * rte_eth_tx_burst arrives with exactly its length and bytes (60 B to the
 * largest the port takes, and a two-segment chain), one frame larger than
 * that is dropped and counted in oerrors, a burst of one is sent at once
 * (no frame waits for a later burst), the kernel's tx counters of the
 * interface move by what the port's stats say; and frames sent by the
 * peer arrive in mbufs with exactly their length and bytes. */
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include "test.h"
#include "netns_test.h"

#define ETYPE 0x88b5            /* local experimental ethertype: nothing else sends it */

/* The interface's kernel counter (getifaddrs: this network namespace's
 * view; /sys/class/net would show the namespace sysfs was mounted in). */
static uint64_t kstat(const char *ifname, int bytes)
{
	struct ifaddrs *ifa, *i;
	uint64_t v = UINT64_MAX;
	if (getifaddrs(&ifa) != 0)
		return v;
	for (i = ifa; i != NULL; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_PACKET && i->ifa_data &&
		    strcmp(i->ifa_name, ifname) == 0) {
			const struct rtnl_link_stats *ls = i->ifa_data;
			v = bytes ? ls->tx_bytes : ls->tx_packets;
		}
	freeifaddrs(ifa);
	return v;
}

/* frame i of length len: broadcast, ETYPE, tag byte, then a pattern of i */
static void frame_bytes(uint8_t *d, uint32_t len, int i)
{
	memset(d, 0xff, 6);
	for (int k = 0; k < 6; k++)
		d[6 + k] = (uint8_t)(0x02 + k);
	d[12] = ETYPE >> 8;
	d[13] = ETYPE & 0xff;
	for (uint32_t k = 14; k < len; k++)
		d[k] = (uint8_t)(k * 7 + (uint32_t)i * 13);
}

/* One frame of len bytes in nseg segments (1 or 2) from mp. */
static struct rte_mbuf *make_frame(struct rte_mempool *mp, uint32_t len, int i, int nseg)
{
	static uint8_t d[9000];
	frame_bytes(d, len, i);
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	uint32_t first = nseg == 2 ? len / 2 : len;
	char *p = rte_pktmbuf_append(m, (uint16_t)first);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memcpy(p, d, first);
	if (nseg == 2) {
		struct rte_mbuf *t = rte_pktmbuf_alloc(mp);
		if (t == NULL || (p = rte_pktmbuf_append(t, (uint16_t)(len - first))) == NULL) {
			rte_pktmbuf_free(t);
			rte_pktmbuf_free(m);
			return NULL;
		}
		memcpy(p, d + first, len - first);
		if (rte_pktmbuf_chain(m, t) != 0) {
			rte_pktmbuf_free(t);
			rte_pktmbuf_free(m);
			return NULL;
		}
	}
	return m;
}

/* Next ETYPE frame on the raw socket (others skipped), or -1 after the
 * socket's receive timeout. */
static ssize_t recv_ours(int fd, uint8_t *buf, size_t cap)
{
	for (int tries = 0; tries < 64; tries++) {
		ssize_t n = recv(fd, buf, cap, MSG_TRUNC);
		if (n < 0)
			return -1;
		if (n >= 14 && buf[12] == (ETYPE >> 8) && buf[13] == (ETYPE & 0xff))
			return n;
	}
	return -1;
}

int main(void)
{
	netns_veth_setup("kt0", "kt1");
	test_eal_init("afp_txf", NULL);
	/* 4 KiB data room: the largest frame fits one mbuf */
	struct rte_mempool *mp = rte_pktmbuf_pool_create("afp_txf", 1023, 32, 0,
							 4096 + RTE_PKTMBUF_HEADROOM, SOCKET_ID_ANY);
	REQUIRE(mp != NULL);

	/* the peer: a plain packet socket on kt1, 2 s receive timeout */
	int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	REQUIRE(fd >= 0);
	struct sockaddr_ll sll;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = (int)if_nametoindex("kt1");
	REQUIRE(sll.sll_ifindex > 0 && bind(fd, (struct sockaddr *)&sll, sizeof(sll)) == 0);
	struct timeval tv = { .tv_sec = 2, .tv_usec = 0 };
	REQUIRE(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);

	REQUIRE(rte_vdev_init("net_af_packet0", "iface=kt0") == 0);
	uint16_t pid;
	REQUIRE(rte_eth_dev_get_port_by_name("net_af_packet0", &pid) == 0);
	struct rte_eth_dev_info info;
	REQUIRE(rte_eth_dev_info_get(pid, &info) == 0);
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	conf.txmode.offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	REQUIRE(rte_eth_dev_configure(pid, 1, 1, &conf) == 0);
	REQUIRE(rte_eth_rx_queue_setup(pid, 0, 256, 0, NULL, mp) == 0);
	REQUIRE(rte_eth_tx_queue_setup(pid, 0, 256, 0, NULL) == 0);
	REQUIRE(rte_eth_dev_start(pid) == 0);

	/* the largest frame the port takes: its max MTU plus the Ethernet
	 * header (the interface's MTU is raised to match so the kernel takes it) */
	uint32_t maxlen = (uint32_t)info.max_mtu + RTE_ETHER_HDR_LEN;
	REQUIRE(info.max_mtu >= 1500);
	char cmd[96];
	snprintf(cmd, sizeof(cmd), "ip link set kt0 mtu %u && ip link set kt1 mtu %u",
		 (unsigned int)info.max_mtu, (unsigned int)info.max_mtu);
	REQUIRE(system(cmd) == 0);

	/* tx: each frame alone (a burst of one), read back at once */
	static const uint32_t lens[] = { 60, 64, 65, 128, 1000, 1514 };
	static uint8_t want[9000], got[9000];
	uint64_t txp0 = kstat("kt0", 0), txb0 = kstat("kt0", 1);
	uint64_t sent = 0, bytes = 0;
	CHECK(rte_eth_stats_reset(pid) == 0);
	for (unsigned int t = 0; t < RTE_DIM(lens) + 2; t++) {
		uint32_t len = t < RTE_DIM(lens) ? lens[t] : maxlen;
		int nseg = t == RTE_DIM(lens) + 1 ? 2 : 1;          /* the last: max, chained */
		struct rte_mbuf *m = make_frame(mp, len, (int)t, nseg);
		REQUIRE(m != NULL);
		uint16_t s = rte_eth_tx_burst(pid, 0, &m, 1);
		CHECK_MSG(s == 1, "frame %u (%u B, %d seg): tx_burst %u", t, len, nseg, s);
		if (s != 1) {
			rte_pktmbuf_free(m);
			continue;
		}
		sent++;
		bytes += len;
		frame_bytes(want, len, (int)t);
		ssize_t n = recv_ours(fd, got, sizeof(got));
		CHECK_MSG(n == (ssize_t)len, "frame %u: sent %u B, the peer got %zd", t, len, n);
		CHECK_MSG(n == (ssize_t)len && memcmp(got, want, len) == 0, "frame %u (%u B): bytes differ",
			  t, len);
	}
	/* a burst of 32 minimum frames, all arriving in order */
	struct rte_mbuf *b[32];
	for (int i = 0; i < 32; i++)
		REQUIRE((b[i] = make_frame(mp, 60, 100 + i, 1)) != NULL);
	uint16_t s = rte_eth_tx_burst(pid, 0, b, 32);
	CHECK_MSG(s == 32, "burst of 32: %u", s);
	rte_pktmbuf_free_bulk(b + s, 32u - s);
	sent += s;
	bytes += 60u * s;
	for (int i = 0; i < s; i++) {
		frame_bytes(want, 60, 100 + i);
		ssize_t n = recv_ours(fd, got, sizeof(got));
		CHECK_MSG(n == 60 && memcmp(got, want, 60) == 0, "burst frame %d: %zd B or bytes differ",
			  i, n);
	}
	/* one byte over the largest: dropped, counted, not sent */
	struct rte_mbuf *big = make_frame(mp, maxlen + 1, 99, 2);
	REQUIRE(big != NULL);
	CHECK(rte_eth_tx_burst(pid, 0, &big, 1) == 1);

	struct rte_eth_stats st;
	CHECK(rte_eth_stats_get(pid, &st) == 0);
	CHECK_MSG(st.opackets == sent && st.obytes == bytes && st.oerrors == 1,
		  "stats: opackets %lu obytes %lu oerrors %lu; sent %lu bytes %lu",
		  (unsigned long)st.opackets, (unsigned long)st.obytes, (unsigned long)st.oerrors,
		  (unsigned long)sent, (unsigned long)bytes);
	uint64_t txp = kstat("kt0", 0) - txp0, txb = kstat("kt0", 1) - txb0;
	CHECK_MSG(txp == sent && txb == bytes, "kernel kt0 tx: %lu packets %lu bytes; port: %lu, %lu",
		  (unsigned long)txp, (unsigned long)txb, (unsigned long)sent, (unsigned long)bytes);

	/* rx: the peer sends, the port receives exactly those bytes */
	uint32_t rxlens[] = { 60, 61, 200, 1514, maxlen };
	for (unsigned int t = 0; t < RTE_DIM(rxlens); t++) {
		uint32_t len = rxlens[t];
		frame_bytes(want, len, 200 + (int)t);
		CHECK_MSG(send(fd, want, len, 0) == (ssize_t)len, "peer send %u B: %s", len,
			  strerror(errno));
		struct rte_mbuf *r = NULL;
		int found = 0;
		for (int spin = 0; spin < 2000 && !found; spin++) {
			struct rte_mbuf *rb[8];
			uint16_t n = rte_eth_rx_burst(pid, 0, rb, 8);
			for (uint16_t k = 0; k < n; k++) {
				const uint8_t *d = rte_pktmbuf_mtod(rb[k], const uint8_t *);
				if (!found && rb[k]->data_len >= 14 && d[12] == (ETYPE >> 8) &&
				    d[13] == (ETYPE & 0xff)) {
					r = rb[k];
					found = 1;
				} else {
					rte_pktmbuf_free(rb[k]);
				}
			}
			if (!found)
				usleep(1000);
		}
		CHECK_MSG(found, "rx %u B: not received", len);
		if (found) {
			CHECK_MSG(r->pkt_len == len && r->data_len == len, "rx %u B: mbuf %u B", len,
				  r->pkt_len);
			CHECK_MSG(r->pkt_len == len && memcmp(rte_pktmbuf_mtod(r, void *), want, len) == 0,
				  "rx %u B: bytes differ", len);
			rte_pktmbuf_free(r);
		}
	}

	CHECK(rte_eth_dev_stop(pid) == 0);
	CHECK(rte_eth_dev_close(pid) == 0);
	close(fd);
	CHECK(rte_mempool_in_use_count(mp) == 0);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
