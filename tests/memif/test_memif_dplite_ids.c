/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif arguments and ids, in one process: two interfaces share one
 * socket by id (each server port talks only to the client port with its
 * id), the abstract socket is the default, a secret must match, and bad
 * arguments fail the probe (one log line each). */
#include <rte_bus_vdev.h>
#include "test_memif_dplite.h"

static struct rte_mempool *mp;

static uint16_t port_of(const char *name)
{
	uint16_t p = UINT16_MAX;
	REQUIRE(rte_eth_dev_get_port_by_name(name, &p) == 0);
	return p;
}

static void start(uint16_t port)
{
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	REQUIRE(rte_eth_dev_configure(port, 1, 1, &conf) == 0);
	REQUIRE(rte_eth_rx_queue_setup(port, 0, 256, (unsigned int)rte_socket_id(), NULL, mp) == 0);
	REQUIRE(rte_eth_tx_queue_setup(port, 0, 256, (unsigned int)rte_socket_id(), NULL) == 0);
	REQUIRE(rte_eth_dev_start(port) == 0);
}

/* Send n tagged packets from a to b; 1 when b got exactly them. */
static int pass(uint16_t a, uint16_t b, unsigned int tag, unsigned int n)
{
	unsigned int sent = 0, got = 0, bad = 0;
	uint64_t end = mt_now_ms() + 10000;

	while ((sent < n || got < n) && mt_now_ms() < end) {
		if (sent < n) {
			struct rte_mbuf *m = mt_build(mp, tag, 0, sent, 100 + sent, 4096);
			if (m != NULL && rte_eth_tx_burst(a, 0, &m, 1) == 1)
				sent++;
			else
				rte_pktmbuf_free(m);
		}
		struct rte_mbuf *r[8];
		uint16_t k = rte_eth_rx_burst(b, 0, r, 8);
		for (uint16_t i = 0; i < k; i++, got++) {
			if (!mt_check(r[i], tag, 0, got, 100 + got))
				bad++;
			rte_pktmbuf_free(r[i]);
		}
	}
	return sent == n && got == n && bad == 0;
}

int main(void)
{
	char dir[64], sock[128], v[6][256], abs_name[64];
	uint16_t s0, s1, c0, c1, as, ac;

	mt_tmpdir(dir, sizeof(dir));
	snprintf(sock, sizeof(sock), "%s/memif.sock", dir);
	snprintf(abs_name, sizeof(abs_name), "/dplite/test_memif_%d", (int)getpid());
	snprintf(v[0], sizeof(v[0]), "--vdev=net_memif0,role=server,id=0,socket=%s,socket-abstract=no", sock);
	snprintf(v[1], sizeof(v[1]), "--vdev=net_memif1,role=server,id=1,socket=%s,socket-abstract=no,secret=s3cret", sock);
	snprintf(v[2], sizeof(v[2]), "--vdev=net_memif2,role=client,id=1,socket=%s,socket-abstract=no,secret=s3cret", sock);
	snprintf(v[3], sizeof(v[3]), "--vdev=net_memif3,role=client,id=0,socket=%s,socket-abstract=no", sock);
	snprintf(v[4], sizeof(v[4]), "--vdev=net_memif4,role=server,socket=%s", abs_name);
	snprintf(v[5], sizeof(v[5]), "--vdev=net_memif5,socket=%s,mac=02:00:00:00:00:05", abs_name);
	const char *extra[] = { "-l", "0", v[0], v[1], v[2], v[3], v[4], v[5], NULL };
	test_eal_init("memif_ids", extra);
	mp = rte_pktmbuf_pool_create("ids_pool", 4095, 64, 0, 2048 + RTE_PKTMBUF_HEADROOM,
				     (int)rte_socket_id());
	REQUIRE(mp != NULL);
	s0 = port_of("net_memif0");
	s1 = port_of("net_memif1");
	c1 = port_of("net_memif2");
	c0 = port_of("net_memif3");
	as = port_of("net_memif4");
	ac = port_of("net_memif5");
	struct rte_ether_addr mac;
	CHECK(rte_eth_macaddr_get(ac, &mac) == 0 && mac.addr_bytes[5] == 5 && mac.addr_bytes[0] == 2);

	/* the default is an abstract socket: nothing appears in the filesystem */
	struct stat st;
	CHECK(stat(abs_name, &st) != 0);
	CHECK(stat(sock, &st) == 0 && S_ISSOCK(st.st_mode));

	uint16_t all[] = { s0, s1, c0, c1, as, ac };
	for (unsigned int i = 0; i < 6; i++)
		start(all[i]);
	for (unsigned int i = 0; i < 6; i++)
		CHECK_MSG(mt_wait_link(all[i], 1, 10000), "port %u never came up", all[i]);
	/* ids pair the right ports, both ways */
	CHECK(pass(c0, s0, 1, 50));
	CHECK(pass(s0, c0, 2, 50));
	CHECK(pass(c1, s1, 3, 50));
	CHECK(pass(s1, c1, 4, 50));
	CHECK(pass(as, ac, 5, 50));
	CHECK(pass(ac, as, 6, 50));
	/* nothing crossed over to the other id */
	struct rte_mbuf *r[8];
	CHECK(rte_eth_rx_burst(s1, 0, r, 8) == 0 && rte_eth_rx_burst(c1, 0, r, 8) == 0);

	/* a client with the wrong secret stays down; the right one gets in */
	char args[256];
	CHECK(rte_eth_dev_stop(c1) == 0);
	CHECK(rte_eth_dev_close(c1) == 0);
	CHECK(mt_wait_link(s1, 0, 5000));
	snprintf(args, sizeof(args), "role=client,id=1,socket=%s,socket-abstract=no,secret=wrong", sock);
	REQUIRE(rte_vdev_init("net_memif6", args) == 0);
	uint16_t bad = port_of("net_memif6");
	start(bad);
	mt_sleep_ms(300);       /* a few refused attempts */
	struct rte_eth_link link;
	CHECK(rte_eth_link_get_nowait(bad, &link) == 0 && link.link_status == 0);
	CHECK(rte_eth_link_get_nowait(s1, &link) == 0 && link.link_status == 0);
	CHECK(rte_eth_dev_stop(bad) == 0);
	CHECK(rte_eth_dev_close(bad) == 0);
	snprintf(args, sizeof(args), "role=client,id=1,socket=%s,socket-abstract=no,secret=s3cret", sock);
	REQUIRE(rte_vdev_init("net_memif8", args) == 0);
	c1 = port_of("net_memif8");
	start(c1);
	CHECK(mt_wait_link(c1, 1, 10000));
	CHECK(pass(c1, s1, 7, 10));
	all[3] = c1;

	/* a packet that needs more buffers than the ring has is dropped and
	 * counted, in both roles; the queue keeps going */
	snprintf(args, sizeof(args), "role=server,id=2,socket=%s,socket-abstract=no", sock);
	REQUIRE(rte_vdev_init("net_memif9", args) == 0);
	snprintf(args, sizeof(args), "role=client,id=2,socket=%s,socket-abstract=no,rsize=1,bsize=256",
		 sock);
	REQUIRE(rte_vdev_init("net_memif10", args) == 0);
	uint16_t ts = port_of("net_memif9"), tc = port_of("net_memif10");
	start(ts);
	start(tc);
	CHECK(mt_wait_link(ts, 1, 10000) && mt_wait_link(tc, 1, 10000));
	uint16_t dirs[2][2] = { { tc, ts }, { ts, tc } };
	for (unsigned int d = 0; d < 2; d++) {
		struct rte_eth_stats st;
		struct rte_mbuf *m = mt_build(mp, 9, 0, 0, 1500, 4096);
		REQUIRE(m != NULL);
		uint64_t end = mt_now_ms() + 5000;
		uint16_t k = 0;
		while (k == 0 && mt_now_ms() < end)
			k = rte_eth_tx_burst(dirs[d][0], 0, &m, 1);
		CHECK_MSG(k == 1, "direction %u: the oversized packet blocked the queue", d);
		CHECK(rte_eth_stats_get(dirs[d][0], &st) == 0 && st.oerrors == 1);
	}
	/* then traffic flows: 100..119-byte packets, one 256-byte buffer each */
	CHECK(pass(tc, ts, 12, 20));
	CHECK(pass(ts, tc, 13, 20));
	CHECK(rte_eth_dev_stop(ts) == 0 && rte_eth_dev_close(ts) == 0);
	CHECK(rte_eth_dev_stop(tc) == 0 && rte_eth_dev_close(tc) == 0);

	/* bad arguments: each probe fails */
	const char *bads[] = {
		"role=boss", "rsize=15", "rsize=0", "bsize=0", "bsize=65536", "id=x",
		"socket-abstract=maybe", "zero-copy=maybe", "zero-copy=yes,bsize=65535", "mac=zz",
		"unknown=1",
		"socket=/nonexistent-dir/x.sock,socket-abstract=no",
		"secret=123456789012345678901234",
		NULL
	};
	for (unsigned int i = 0; bads[i]; i++)
		CHECK_MSG(rte_vdev_init("net_memif7", bads[i]) < 0, "probe accepted %s", bads[i]);
	/* one server per id and socket */
	snprintf(args, sizeof(args), "role=server,id=0,socket=%s,socket-abstract=no", sock);
	CHECK(rte_vdev_init("net_memif7", args) < 0);

	/* zero-copy=yes: a server ignores it (no zero-copy xstats), a client
	 * uses it; the pair works both ways in one process */
	snprintf(args, sizeof(args), "role=server,id=77,socket=%s,socket-abstract=no,zero-copy=yes",
		 sock);
	REQUIRE(rte_vdev_init("net_memif_zs", args) == 0);
	snprintf(args, sizeof(args), "role=client,id=77,socket=%s,socket-abstract=no,zero-copy=yes",
		 sock);
	REQUIRE(rte_vdev_init("net_memif_zc", args) == 0);
	uint16_t zs = port_of("net_memif_zs"), zcl = port_of("net_memif_zc");
	start(zs);
	start(zcl);
	CHECK(mt_xstat(zs, "memif_connects") != UINT64_MAX);
	CHECK(mt_xstat(zs, "q0_rx_zero_copy") == UINT64_MAX);
	CHECK(mt_xstat(zcl, "q0_tx_zero_copy") != UINT64_MAX);
	CHECK(mt_wait_link(zcl, 1, 10000));
	CHECK(pass(zs, zcl, 14, 20));
	CHECK(pass(zcl, zs, 15, 20));
	CHECK(mt_xstat(zcl, "q0_rx_zero_copy") >= 20);
	CHECK(mt_xstat(zcl, "q0_tx_copied") == 20);
	CHECK(rte_eth_dev_stop(zcl) == 0 && rte_eth_dev_close(zcl) == 0);
	CHECK(mt_zc_pools(zcl, NULL) == 0);
	CHECK(rte_eth_dev_stop(zs) == 0 && rte_eth_dev_close(zs) == 0);

	for (unsigned int i = 0; i < 6; i++) {
		CHECK(rte_eth_dev_stop(all[i]) == 0);
		CHECK(rte_eth_dev_close(all[i]) == 0);
	}
	/* the last server port on a filesystem socket removes the file */
	CHECK(stat(sock, &st) != 0);
	rte_eal_cleanup();
	rmdir(dir);
	return test_done();
}
