/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif peer killed mid-stream: the survivor sees the link go down
 * (an LSC event), keeps running, and reconnects when the peer is started
 * again; over the reconnect cycles its fd count and its mapping count do
 * not grow (regions and eventfds of each connection are released).
 *   test_memif_dplite_reconnect server|client [zc]   (the survivor's role;
 *   zc: the survivor is a zero-copy client, and after each kill its data
 *   region's pool must be gone: every mbuf it posted came back)
 * The peer is this program exec'd as "peer ROLE SOCKET": it streams packets
 * both ways until it is killed (or 60 s pass). */
#include "test_memif_dplite.h"

#define CYCLES 4	/* cycle 1 warms up; cycles 2..4 must match each other */

static uint32_t lsc_up, lsc_down;

static int on_lsc(uint16_t port, enum rte_eth_event_type ev, void *arg, void *ret)
{
	struct rte_eth_link link;

	RTE_SET_USED(ev);
	RTE_SET_USED(arg);
	RTE_SET_USED(ret);
	if (rte_eth_link_get_nowait(port, &link) == 0)
		__atomic_fetch_add(link.link_status ? &lsc_up : &lsc_down, 1, __ATOMIC_RELAXED);
	return 0;
}

/* The callback runs on the interrupt thread just after the link word
 * changes: wait (bounded) for it before counting. */
static uint32_t events_since(uint32_t *ctr, uint32_t base)
{
	uint64_t end = mt_now_ms() + 3000;

	while (__atomic_load_n(ctr, __ATOMIC_RELAXED) == base && mt_now_ms() < end)
		mt_sleep_ms(1);
	return __atomic_load_n(ctr, __ATOMIC_RELAXED) - base;
}

static int count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	int n = 0, c;

	if (f == NULL)
		return -1;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static int peer(const char *role, const char *sock)
{
	struct rte_mempool *mp;
	uint16_t port = mt_port_up("memif_rp", role, sock, 1, 2048, &mp);
	uint64_t end = mt_now_ms() + 60000;
	mt_serve(port, mp, end, 1);
	return 0;
}

int main(int argc, char **argv)
{
	char dir[64], sock[128], pfx[64];
	struct rte_mempool *mp;
	int fds[CYCLES + 1], maps[CYCLES + 1];

	if (argc >= 4 && strcmp(argv[1], "peer") == 0)
		return peer(argv[2], argv[3]);
	if (argc < 2 || (strcmp(argv[1], "server") && strcmp(argv[1], "client"))) {
		fprintf(stderr, "usage: %s server|client\n", argv[0]);
		return 1;
	}
	int zc = argc >= 3 && strcmp(argv[2], "zc") == 0;
	if (zc)
		mt_vdev_extra = ",zero-copy=yes";
	mt_tmpdir(dir, sizeof(dir));
	snprintf(sock, sizeof(sock), "%s/memif.sock", dir);
	const char *args[] = { strcmp(argv[1], "server") ? "server" : "client", sock, NULL };

	uint16_t port = mt_port_up("memif_rs", argv[1], sock, 1, 2048, &mp);
	REQUIRE(rte_eth_dev_callback_register(port, RTE_ETH_EVENT_INTR_LSC, on_lsc, NULL) == 0);
	CHECK(mt_wait_link(port, 0, 100));

	for (int c = 1; c <= CYCLES; c++) {
		pid_t child = mt_spawn(argv[0], args);
		REQUIRE(child > 0);
		uint32_t downs = __atomic_load_n(&lsc_down, __ATOMIC_RELAXED);
		uint32_t ups = __atomic_load_n(&lsc_up, __ATOMIC_RELAXED);
		CHECK_MSG(mt_wait_link(port, 1, 20000), "cycle %d: link never came up", c);
		uint32_t nup = events_since(&lsc_up, ups);
		CHECK_MSG(nup == 1, "cycle %d: %u LSC up events (want 1)", c, nup);

		/* mid-stream: packets flow both ways */
		unsigned int got = 0, sent = 0, bad = 0;
		uint64_t end = mt_now_ms() + 10000;
		while ((got < 200 || sent < 200) && mt_now_ms() < end) {
			struct rte_mbuf *b[32];
			uint16_t k = rte_eth_rx_burst(port, 0, b, 32);
			for (unsigned int i = 0; i < k; i++) {
				const uint8_t *d = rte_pktmbuf_mtod(b[i], const uint8_t *);
				unsigned int seq = (unsigned int)(d[16] << 8 | d[17]);
				if (!mt_check(b[i], 1, 0, seq, b[i]->pkt_len))
					bad++;
			}
			/* zc: send what arrived straight back (one-buffer packets
			 * go out in place, so mbufs are on both rings at the kill) */
			uint16_t e = zc ? rte_eth_tx_burst(port, 0, b, k) : 0;
			for (unsigned int i = e; i < k; i++)
				rte_pktmbuf_free(b[i]);
			got += k;
			struct rte_mbuf *m = mt_build(mp, 0, 0, sent, 128, 4096);
			if (m != NULL && rte_eth_tx_burst(port, 0, &m, 1) == 1)
				sent++;
			else
				rte_pktmbuf_free(m);
		}
		CHECK_MSG(got >= 200 && sent >= 200, "cycle %d: received %u, sent %u", c, got, sent);
		CHECK_MSG(bad == 0, "cycle %d: %u damaged packets", c, bad);
		fds[c] = test_count_dir("/proc/self/fd");
		maps[c] = count_lines("/proc/self/maps");

		kill(child, SIGKILL);
		CHECK_MSG(mt_wait_link(port, 0, 10000), "cycle %d: link still up after kill -9", c);
		uint32_t ndown = events_since(&lsc_down, downs);
		CHECK_MSG(ndown == 1, "cycle %d: %u LSC down events (want 1)", c, ndown);
		/* bursts on a down port return nothing and do not crash */
		struct rte_mbuf *b[4];
		CHECK(rte_eth_rx_burst(port, 0, b, 4) == 0);
		if (zc) {
			/* the zero-copy path ran, and every posted mbuf came
			 * back exactly once: the pool was full, so it is gone */
			CHECK_MSG(mt_xstat(port, "q0_rx_zero_copy") > 0 &&
				  mt_xstat(port, "q0_tx_zero_copy") > 0 &&
				  mt_xstat(port, "q0_tx_copied") > 0, "cycle %d: zero-copy counters", c);
			CHECK_MSG(mt_zc_pools(port, NULL) == 0,
				  "cycle %d: the zero-copy pool outlived the connection", c);
		}
		mt_reap(child, 5000);
		snprintf(pfx, sizeof(pfx), "memif_rp_%d", (int)child);
		test_runtime_sweep(pfx);
	}
	for (int c = 1; c <= CYCLES; c++)
		fprintf(stderr, "cycle %d: %d fds, %d mappings\n", c, fds[c], maps[c]);
	for (int c = 3; c <= CYCLES; c++) {
		CHECK_MSG(fds[c] == fds[2], "fd count grew: cycle 2 %d, cycle %d %d", fds[2], c, fds[c]);
		CHECK_MSG(maps[c] == maps[2], "mapping count grew: cycle 2 %d, cycle %d %d", maps[2], c,
			  maps[c]);
	}
	struct rte_eth_xstat_name names[64];
	struct rte_eth_xstat xs[64];
	int n = rte_eth_xstats_get_names(port, names, 64);
	if (n > 0 && n <= 64 && rte_eth_xstats_get(port, xs, 64) == n)
		for (int i = 0; i < n; i++)
			if (strcmp(names[i].name, "memif_connects") == 0)
				CHECK_MSG(xs[i].value == CYCLES, "memif_connects %" PRIu64, xs[i].value);
	CHECK(rte_eth_dev_stop(port) == 0);
	CHECK(rte_eth_dev_close(port) == 0);
	rte_eal_cleanup();
	unlink(sock);
	rmdir(dir);
	return test_done();
}
