/* SPDX-License-Identifier: BSD-3-Clause
 * net_pcap: reads microsecond and nanosecond captures (written here with
 * libpcap's dumper, and rewritten by tcpdump where it is installed), byte
 * for byte, packets longer than one mbuf arriving as chains; writes what it
 * is sent (chains included) to a capture that libpcap and tcpdump read back
 * byte for byte; counts every packet and byte; infinite_rx replays; bad
 * arguments fail probe with a message. Exit 77 without libpcap. */
#ifndef DPLITE_HAVE_PCAP
#include <stdio.h>
int main(void)
{
	fprintf(stderr, "SKIP: dplite built without libpcap (no net_pcap)\n");
	return 77;
}
#else
#include <pcap.h>
#include <sys/stat.h>
#include <rte_bus_vdev.h>
#include "../ethdev/eth_test.h"

#define NUS 50
#define NNS 20

static char dir[64];

static uint32_t pkt_len(int i)
{
	static const uint32_t big[] = { 3000, 9000, 2049, 4096 };
	return i % 10 == 9 ? big[(i / 10) % 4] : (uint32_t)(60 + 37 * i % 1400);
}

static void fill(uint8_t *p, uint32_t len, int i, int salt)
{
	for (uint32_t k = 0; k < len; k++)
		p[k] = (uint8_t)(k * 7 + i * 13 + salt);
	p[12] = 0x08;                        /* IPv4 ethertype so it looks sane */
	p[13] = 0x00;
}

static void write_capture(const char *path, int n, int nano, int salt)
{
	pcap_t *h = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535,
		nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
	REQUIRE(h != NULL);
	pcap_dumper_t *d = pcap_dump_open(h, path);
	REQUIRE(d != NULL);
	static uint8_t buf[10000];
	for (int i = 0; i < n; i++) {
		struct pcap_pkthdr hdr;
		hdr.ts.tv_sec = 1700000000 + i;
		hdr.ts.tv_usec = nano ? 123456789 : 123456;
		hdr.caplen = hdr.len = pkt_len(i);
		fill(buf, hdr.caplen, i, salt);
		pcap_dump((u_char *)d, &hdr, buf);
	}
	pcap_dump_close(d);
	pcap_close(h);
}

/* Compare the packet in m with what write_capture put at index i. */
static int same(const struct rte_mbuf *m, int i, int salt)
{
	static uint8_t want[10000], got[10000];
	uint32_t len = pkt_len(i);
	if (m->pkt_len != len)
		return 0;
	fill(want, len, i, salt);
	const void *p = rte_pktmbuf_read(m, 0, len, got);
	return p != NULL && memcmp(p, want, len) == 0;
}

static int have_tcpdump(void)
{
	return system("command -v tcpdump >/dev/null 2>&1") == 0;
}

int main(void)
{
	char in_us[96], in_ns[96], in_td[96], out0[96], out1[96], vdev[512];
	struct rte_mbuf *b[64];
	struct rte_eth_stats st;
	uint16_t port;

	snprintf(dir, sizeof(dir), "/tmp/dplite_pcap_%d", (int)getpid());
	REQUIRE(mkdir(dir, 0700) == 0);
	snprintf(in_us, sizeof(in_us), "%s/in_us.pcap", dir);
	snprintf(in_ns, sizeof(in_ns), "%s/in_ns.pcap", dir);
	snprintf(in_td, sizeof(in_td), "%s/in_tcpdump.pcap", dir);
	snprintf(out0, sizeof(out0), "%s/out0.pcap", dir);
	snprintf(out1, sizeof(out1), "%s/out1.pcap", dir);
	write_capture(in_us, NUS, 0, 1);
	write_capture(in_ns, NNS, 1, 2);
	int td = have_tcpdump();
	if (td) {
		char cmd[512];
		/* tcpdump's own rewrite of the nanosecond capture */
		snprintf(cmd, sizeof(cmd), "tcpdump --time-stamp-precision=nano -r %s -w %s 2>/dev/null",
			 in_ns, in_td);
		CHECK(system(cmd) == 0);
	}

	snprintf(vdev, sizeof(vdev), "--vdev=net_pcap0,rx_pcap=%s,rx_pcap=%s,tx_pcap=%s,tx_pcap=%s",
		 in_us, in_ns, out0, out1);
	const char *extra[] = { vdev, NULL };
	test_eal_init("pcap_rw", extra);
	REQUIRE(rte_eth_dev_get_port_by_name("net_pcap0", &port) == 0);
	struct rte_eth_dev_info info;
	REQUIRE(rte_eth_dev_info_get(port, &info) == 0);
	CHECK(info.max_rx_queues == 2 && info.max_tx_queues == 2);
	CHECK(strcmp(info.driver_name, "net_pcap") == 0);
	struct rte_mempool *mp = eth_test_pool("pcap_pool", 2047);   /* 2048-byte rooms */
	REQUIRE(eth_test_port_up(port, 2, mp, 0) == 0);

	/* queue 0: the microsecond file, big packets as chains */
	struct rte_mbuf *got[NUS];
	int n0 = 0, bad = 0, chained = 0;
	uint64_t bytes = 0;
	for (int spin = 0; spin < 100 && n0 < NUS; spin++) {
		uint16_t n = rte_eth_rx_burst(port, 0, b, 16);
		for (uint16_t i = 0; i < n && n0 < NUS; i++, n0++) {
			got[n0] = b[i];
			bad += !same(b[i], n0, 1);
			chained += b[i]->nb_segs > 1;
			bytes += b[i]->pkt_len;
		}
	}
	CHECK_MSG(n0 == NUS, "read %d of %d", n0, NUS);
	CHECK_MSG(bad == 0, "%d packets differ", bad);
	CHECK(chained == NUS / 10);
	CHECK(rte_eth_rx_burst(port, 0, b, 16) == 0);                       /* end of file */

	/* queue 1: the nanosecond file */
	int n1 = 0;
	bad = 0;
	for (int spin = 0; spin < 100 && n1 < NNS; spin++) {
		uint16_t n = rte_eth_rx_burst(port, 1, b, 8);
		for (uint16_t i = 0; i < n; i++, n1++) {
			bad += !same(b[i], n1, 2);
			bytes += b[i]->pkt_len;
		}
		/* send these on tx queue 1 */
		CHECK(rte_eth_tx_burst(port, 1, b, n) == n);
	}
	CHECK(n1 == NNS && bad == 0);

	/* send the first file back out, chains and all */
	uint64_t obytes = 0;
	for (int i = 0; i < NUS; i++)
		obytes += got[i]->pkt_len;
	CHECK(rte_eth_tx_burst(port, 0, got, 30) == 30);
	CHECK(rte_eth_tx_burst(port, 0, got + 30, NUS - 30) == NUS - 30);
	REQUIRE(rte_eth_stats_get(port, &st) == 0);
	CHECK(st.ipackets == NUS + NNS && st.ibytes == bytes);
	CHECK(st.q_ipackets[0] == NUS && st.q_ipackets[1] == NNS);
	CHECK(st.opackets == NUS + NNS && st.q_opackets[0] == NUS);
	CHECK(st.q_obytes[0] == obytes && st.oerrors == 0);
	CHECK(rte_eth_dev_stop(port) == 0);                                   /* flushes */

	/* libpcap reads out0 back byte for byte */
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *h = pcap_open_offline_with_tstamp_precision(out0, PCAP_TSTAMP_PRECISION_NANO, err);
	REQUIRE(h != NULL);
	struct pcap_pkthdr *ph;
	const u_char *pd;
	int k = 0;
	bad = 0;
	static uint8_t want[10000];
	while (pcap_next_ex(h, &ph, &pd) == 1) {
		fill(want, pkt_len(k), k, 1);
		if (ph->caplen != pkt_len(k) || ph->len != pkt_len(k) || memcmp(pd, want, ph->caplen) != 0)
			bad++;
		k++;
	}
	pcap_close(h);
	CHECK_MSG(k == NUS && bad == 0, "out0: %d packets, %d differ", k, bad);
	if (td) {
		char cmd[512], line[64] = "";
		snprintf(cmd, sizeof(cmd), "tcpdump -nn -r %s 2>/dev/null | wc -l", out1);
		FILE *f = popen(cmd, "r");
		REQUIRE(f != NULL);
		CHECK(fgets(line, sizeof(line), f) != NULL && atoi(line) == NNS);
		pclose(f);
	}
	CHECK(rte_eth_dev_close(port) == 0);

	/* tcpdump's capture and infinite replay */
	const char *src = td ? in_td : in_ns;
	snprintf(vdev, sizeof(vdev), "rx_pcap=%s,infinite_rx=1", src);
	REQUIRE(rte_vdev_init("net_pcap1", vdev) == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("net_pcap1", &port) == 0);
	REQUIRE(eth_test_port_up(port, 1, mp, 0) == 0);
	int total = 0;
	bad = 0;
	while (total < 5 * NNS) {
		uint16_t n = rte_eth_rx_burst(port, 0, b, 7);
		CHECK(n == 7);
		for (uint16_t i = 0; i < n; i++, total++)
			bad += !same(b[i], total % NNS, 2);
		rte_pktmbuf_free_bulk(b, n);
	}
	CHECK_MSG(bad == 0, "replay: %d packets differ", bad);
	CHECK(rte_vdev_uninit("net_pcap1") == 0);

	/* bad arguments */
	CHECK(rte_vdev_init("net_pcap2", "rx_pcap=/nonexistent/x.pcap") == -EINVAL);
	snprintf(vdev, sizeof(vdev), "rx_pcap=%s,infinite_rx=2", in_us);
	CHECK(rte_vdev_init("net_pcap3", vdev) == -EINVAL);
	CHECK(rte_vdev_init("net_pcap4", "infinite_rx=1") == -EINVAL);
	CHECK(rte_vdev_init("net_pcap5", "rx_iface=no_such_if0") == -EINVAL);
	CHECK(rte_vdev_init("net_pcap6", "bogus=1") == -EINVAL);

	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	return test_done();
}
#endif
