/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif zero copy, dplite <-> dplite in two processes: this program is
 * a copy-mode server; its peer (this program exec'd as "peer SOCKET") is a
 * client with zero-copy=yes and bsize=512 that
 *   - receives the server's packets (60 to 9000 bytes: up to 18 buffers
 *     chained) and checks them byte-exact,
 *   - swaps their MAC addresses in place and sends them back (macswap
 *     forwarding: one-buffer packets go back without a copy, chained ones
 *     are copied once),
 *   - sends packets of its own from an ordinary pool (copied once).
 * The server checks every packet byte-exact and in order. The client checks
 * its xstats: every received buffer was taken in place (q0_rx_zero_copy),
 * exactly the one-buffer echoes were posted in place (q0_tx_zero_copy),
 * everything else copied (q0_tx_copied). Then it holds one received mbuf
 * across dev_stop: the zero-copy pool must be full but for that one mbuf
 * (every posted mbuf reclaimed exactly once), and gone after the mbuf is
 * freed and the port closed.
 *   test_memif_zc_xchg */
#include "test_memif_dplite.h"

#define NPKT 400
#define NOWN 150
#define BSIZE 512
#define MARK_SEQ 0xffff

static const uint32_t lens[] = { 60, 64, 100, 511, 512, 513, 1000, 1024, 1025, 1500, 2048,
				 3000, 9000, 128, 256 };
#define NLENS (sizeof(lens) / sizeof(lens[0]))

static void macswap(struct rte_mbuf *m)
{
	uint8_t *d = rte_pktmbuf_mtod(m, uint8_t *), t[6];

	memcpy(t, d, 6);
	memcpy(d, d + 6, 6);
	memcpy(d + 6, t, 6);
}

static unsigned int seq_of(const struct rte_mbuf *m)
{
	const uint8_t *d = rte_pktmbuf_mtod(m, const uint8_t *);
	return m->data_len >= 18 ? (unsigned int)(d[16] << 8 | d[17]) : 0;
}

static unsigned int side_of(const struct rte_mbuf *m)
{
	return m->data_len >= 15 ? rte_pktmbuf_mtod(m, const uint8_t *)[14] : 99;
}

/* The zero-copy client. */
static int client(const char *sock)
{
	struct rte_mempool *mp, *zmp = NULL;
	unsigned int got = 0, bad = 0, own = 0, small = 0;
	struct rte_mbuf *held = NULL, *pend[64];
	unsigned int npend = 0;

	mt_vdev_extra = ",zero-copy=yes";
	uint16_t port = mt_port_up("memif_zc_c", "client", sock, 1, BSIZE, &mp);
	CHECK_MSG(mt_wait_link(port, 1, 20000), "client: link never came up");
	uint64_t end = mt_now_ms() + 40000;
	while (held == NULL && mt_now_ms() < end) {
		struct rte_mbuf *b[32];
		/* room in pend for every packet of the burst, and one own */
		uint16_t room = (uint16_t)RTE_MIN(32u, (unsigned int)RTE_DIM(pend) - 1 - npend);
		uint16_t k = room ? rte_eth_rx_burst(port, 0, b, room) : 0;
		for (uint16_t i = 0; i < k; i++) {
			struct rte_mbuf *m = b[i];
			if (held == NULL && side_of(m) == 0 && seq_of(m) == MARK_SEQ) {
				held = m;	/* the server is done: keep it across stop */
				continue;
			}
			if (got < NPKT && side_of(m) == 0 &&
			    mt_check(m, 0, 0, got, lens[got % NLENS])) {
				if (m->pkt_len <= BSIZE)
					small++;
				got++;
				macswap(m);
				pend[npend++] = m;	/* echo it */
			} else {
				if (bad++ < 5)
					fprintf(stderr, "client: packet %u unexpected (len %u)\n", got,
						m->pkt_len);
				rte_pktmbuf_free(m);
			}
		}
		/* our own packets, from the ordinary pool: copied */
		if (own < NOWN && npend < RTE_DIM(pend)) {
			struct rte_mbuf *m = mt_build(mp, 1, 0, own, lens[own % NLENS], own % 2 ? 700 : 300);
			if (m != NULL) {
				pend[npend++] = m;
				own++;
			}
		}
		uint16_t s = rte_eth_tx_burst(port, 0, pend, (uint16_t)npend);
		memmove(pend, pend + s, (npend - s) * sizeof(pend[0]));
		npend -= s;
		if (k == 0 && s == 0)
			mt_sleep_ms(1);
	}
	/* whatever is still pending was counted as built: send it */
	while (npend > 0 && mt_now_ms() < end) {
		uint16_t s = rte_eth_tx_burst(port, 0, pend, (uint16_t)npend);
		memmove(pend, pend + s, (npend - s) * sizeof(pend[0]));
		npend -= s;
	}
	CHECK_MSG(held != NULL, "client: the server never said it was done");
	CHECK_MSG(got == NPKT && bad == 0, "client: received %u of %u, %u bad", got, NPKT, bad);
	CHECK_MSG(own == NOWN, "client: sent %u of its own packets", own);

	uint64_t rzc = mt_xstat(port, "q0_rx_zero_copy");
	uint64_t tzc = mt_xstat(port, "q0_tx_zero_copy");
	uint64_t tcp = mt_xstat(port, "q0_tx_copied");
	fprintf(stderr, "client: rx in place %" PRIu64 " buffers, tx in place %" PRIu64
		", copied %" PRIu64 "\n", rzc, tzc, tcp);
	CHECK_MSG(rzc >= NPKT + 1 && rzc != UINT64_MAX, "client: q0_rx_zero_copy %" PRIu64, rzc);
	CHECK_MSG(tzc == small, "client: q0_tx_zero_copy %" PRIu64 ", want %u", tzc, small);
	CHECK_MSG(tcp == NPKT - small + NOWN, "client: q0_tx_copied %" PRIu64 ", want %u", tcp,
		  NPKT - small + NOWN);
	struct rte_eth_stats st;
	CHECK(rte_eth_stats_get(port, &st) == 0);
	CHECK_MSG(st.opackets == NPKT + NOWN && st.oerrors == 0, "client: opackets %" PRIu64,
		  st.opackets);

	CHECK(mt_zc_pools(port, &zmp) == 1 && zmp != NULL);
	CHECK(held == NULL || held->pool == zmp);
	/* the server has everything: stop, with `held` still ours */
	mt_sleep_ms(200);
	CHECK(rte_eth_dev_stop(port) == 0);
	CHECK(mt_wait_link(port, 0, 1000));
	if (zmp != NULL) {
		CHECK_MSG(mt_zc_pools(port, NULL) == 1, "client: the held mbuf's pool went away");
		unsigned int av = rte_mempool_avail_count(zmp);
		CHECK_MSG(av == zmp->size - 1, "client: zero-copy pool %u of %u after stop (want %u)",
			  av, zmp->size, zmp->size - 1);
	}
	rte_pktmbuf_free(held);
	/* the user pool is untouched by the data path in zero copy: all back */
	CHECK_MSG(rte_mempool_full(mp), "client: user pool %u of %u", rte_mempool_avail_count(mp),
		  mp->size);
	CHECK(rte_eth_dev_close(port) == 0);
	CHECK_MSG(mt_zc_pools(port, NULL) == 0, "client: the zero-copy pool survived close");
	rte_eal_cleanup();
	return test_done();
}

/* The copy-mode server. */
static int server(const char *sock, pid_t child)
{
	struct rte_mempool *mp;
	unsigned int sent = 0, echo = 0, own = 0, bad = 0;

	uint16_t port = mt_port_up("memif_zc_s", "server", sock, 1, BSIZE, &mp);
	CHECK_MSG(mt_wait_link(port, 1, 20000), "server: link never came up");
	uint64_t end = mt_now_ms() + 40000;
	while ((echo < NPKT || own < NOWN) && mt_now_ms() < end) {
		struct rte_mbuf *b[32];
		unsigned int n = 0;
		while (n < 16 && sent + n < NPKT) {
			unsigned int seq = sent + n;
			b[n] = mt_build(mp, 0, 0, seq, lens[seq % NLENS], seq % 2 ? 1000 : 4096);
			if (b[n] == NULL)
				break;
			n++;
		}
		uint16_t k = rte_eth_tx_burst(port, 0, b, (uint16_t)n);
		sent += k;
		for (unsigned int i = k; i < n; i++)
			rte_pktmbuf_free(b[i]);
		k = rte_eth_rx_burst(port, 0, b, 32);
		for (uint16_t i = 0; i < k; i++) {
			struct rte_mbuf *m = b[i];
			if (side_of(m) == 0 && echo < NPKT) {
				macswap(m);	/* undo the client's swap */
				if (mt_check(m, 0, 0, echo, lens[echo % NLENS]))
					echo++;
				else if (bad++ < 5)
					fprintf(stderr, "server: echo %u damaged (len %u)\n", echo, m->pkt_len);
			} else if (side_of(m) == 1 && own < NOWN &&
				   mt_check(m, 1, 0, own, lens[own % NLENS])) {
				own++;
			} else if (bad++ < 5) {
				fprintf(stderr, "server: unexpected packet (side %u len %u)\n", side_of(m),
					m->pkt_len);
			}
			rte_pktmbuf_free(m);
		}
		if (k == 0)
			mt_sleep_ms(1);
	}
	CHECK_MSG(sent == NPKT, "server: sent %u of %u", sent, NPKT);
	CHECK_MSG(echo == NPKT, "server: %u of %u echoes back byte-exact", echo, NPKT);
	CHECK_MSG(own == NOWN, "server: %u of %u client packets", own, NOWN);
	CHECK_MSG(bad == 0, "server: %u bad packets", bad);
	struct rte_mbuf *m = mt_build(mp, 0, 0, MARK_SEQ, 64, 64);
	end = mt_now_ms() + 5000;
	while (m != NULL && mt_now_ms() < end) {
		if (rte_eth_tx_burst(port, 0, &m, 1) == 1) {
			m = NULL;
			break;
		}
		mt_sleep_ms(1);
	}
	CHECK_MSG(m == NULL, "server: could not send the end mark");
	rte_pktmbuf_free(m);
	CHECK_MSG(mt_reap(child, 30000) == 0, "the zero-copy client failed");
	CHECK(rte_eth_dev_stop(port) == 0);
	CHECK(rte_eth_dev_close(port) == 0);
	rte_eal_cleanup();
	return test_done();
}

int main(int argc, char **argv)
{
	char dir[64], sock[128];
	int rc;

	if (argc >= 3 && strcmp(argv[1], "peer") == 0)
		return client(argv[2]);
	mt_tmpdir(dir, sizeof(dir));
	snprintf(sock, sizeof(sock), "%s/memif.sock", dir);
	const char *args[] = { sock, NULL };
	pid_t child = mt_spawn(argv[0], args);
	REQUIRE(child > 0);
	rc = server(sock, child);
	mt_reap(child, 1000);
	unlink(sock);
	rmdir(dir);
	return rc;
}
