/* SPDX-License-Identifier: BSD-3-Clause
 * dplite <-> dplite over net_memif, two processes: known packet sets go
 * both ways on two queue pairs, byte-exact and in order per queue. Sizes
 * run from 60 bytes to 9000 with bsize=512, so packets span several memif
 * buffers (descriptor chains) and several mbufs on both sides (tx sends
 * chained mbufs, rx chains 1 KiB mbufs).
 *   test_memif_dplite_xchg server|client [BSIZE [zc]]   (the parent's role;
 *   BSIZE default 512: 128 makes a 9000-byte packet a chain of 71; zc: the
 *   client side, whichever process it is, has zero-copy=yes) */
#include "test_memif_dplite.h"

#define NQ 2
#define NPKT 300
#define MARK_SEQ 0xffff

static const uint32_t lens[] = { 60, 64, 100, 511, 512, 513, 1000, 1024, 1025, 1500, 2048,
				 3000, 9000 };
#define NLENS (sizeof(lens) / sizeof(lens[0]))

static int peer_marked;
static unsigned int bsize = 512;
static int zc;

/* Receive on every queue; check packets against the peer's set. */
static void rx_all(uint16_t port, unsigned int peer_side, unsigned int *got, unsigned int *bad)
{
	struct rte_mbuf *b[32];

	for (unsigned int q = 0; q < NQ; q++) {
		uint16_t n = rte_eth_rx_burst(port, (uint16_t)q, b, 32);
		for (uint16_t i = 0; i < n; i++) {
			const uint8_t *d = rte_pktmbuf_mtod(b[i], const uint8_t *);
			unsigned int seq = b[i]->data_len >= 18 ? (unsigned int)(d[16] << 8 | d[17]) : 0;
			if (seq == MARK_SEQ && q == 0 && b[i]->pkt_len == 64) {
				peer_marked = 1;
			} else if (got[q] < NPKT &&
				   mt_check(b[i], peer_side, q, got[q], lens[got[q] % NLENS])) {
				got[q]++;
			} else {
				if (*bad < 5)
					fprintf(stderr, "side %u: queue %u packet %u: unexpected (len %u)\n",
						1 - peer_side, q, got[q], b[i]->pkt_len);
				(*bad)++;
			}
			rte_pktmbuf_free(b[i]);
		}
	}
}

static int send_mark(uint16_t port, struct rte_mempool *mp, unsigned int side)
{
	struct rte_mbuf *m = mt_build(mp, side, 0, MARK_SEQ, 64, 64);
	uint64_t end = mt_now_ms() + 5000;

	while (m != NULL && mt_now_ms() < end) {
		if (rte_eth_tx_burst(port, 0, &m, 1) == 1)
			return 1;
		mt_sleep_ms(1);
	}
	rte_pktmbuf_free(m);
	return 0;
}

static int run(const char *role, const char *sock, unsigned int side, pid_t child)
{
	struct rte_mempool *mp;
	unsigned int sent[NQ] = { 0 }, got[NQ] = { 0 }, bad = 0;
	char tag[32];
	uint16_t port;
	uint64_t end;

	snprintf(tag, sizeof(tag), "memif_x%u", side);
	if (zc && strcmp(role, "client") == 0)
		mt_vdev_extra = ",zero-copy=yes";
	port = mt_port_up(tag, role, sock, NQ, bsize, &mp);
	CHECK_MSG(mt_wait_link(port, 1, 20000), "side %u (%s): link never came up", side, role);

	end = mt_now_ms() + 40000;
	while (mt_now_ms() < end) {
		int done = 1;
		for (unsigned int q = 0; q < NQ; q++) {
			struct rte_mbuf *b[16];
			unsigned int n = 0;
			while (n < 16 && sent[q] + n < NPKT) {
				unsigned int seq = sent[q] + n;
				b[n] = mt_build(mp, side, q, seq, lens[seq % NLENS], seq % 2 ? 700 : 4096);
				if (b[n] == NULL)
					break;
				n++;
			}
			uint16_t k = rte_eth_tx_burst(port, (uint16_t)q, b, (uint16_t)n);
			sent[q] += k;
			for (unsigned int i = k; i < n; i++)
				rte_pktmbuf_free(b[i]);
			if (sent[q] < NPKT || got[q] < NPKT)
				done = 0;
		}
		rx_all(port, 1 - side, got, &bad);
		if (done)
			break;
	}
	for (unsigned int q = 0; q < NQ; q++) {
		CHECK_MSG(sent[q] == NPKT, "side %u queue %u: sent %u of %u", side, q, sent[q], NPKT);
		CHECK_MSG(got[q] == NPKT, "side %u queue %u: received %u of %u", side, q, got[q], NPKT);
	}
	CHECK_MSG(bad == 0, "side %u: %u unexpected packets", side, bad);

	/* each side leaves only once the other has everything */
	if (side == 1)
		CHECK(send_mark(port, mp, side));
	end = mt_now_ms() + 20000;
	while (!peer_marked && mt_now_ms() < end)
		rx_all(port, 1 - side, got, &bad);
	CHECK_MSG(peer_marked, "side %u: the peer never said it was done", side);
	if (side == 0) {
		CHECK(send_mark(port, mp, side));
		CHECK_MSG(mt_reap(child, 20000) == 0, "the peer process failed");
	}

	struct rte_eth_stats st;
	CHECK(rte_eth_stats_get(port, &st) == 0);
	CHECK_MSG(st.opackets == 2 * NPKT + 1, "side %u: opackets %" PRIu64, side, st.opackets);
	CHECK_MSG(st.ipackets >= 2 * NPKT + 1, "side %u: ipackets %" PRIu64, side, st.ipackets);
	CHECK(st.oerrors == 0 && st.ierrors == 0);
	if (zc && strcmp(role, "client") == 0)
		for (unsigned int q = 0; q < NQ; q++) {
			char n1[32], n2[32];
			snprintf(n1, sizeof(n1), "q%u_rx_zero_copy", q);
			snprintf(n2, sizeof(n2), "q%u_tx_copied", q);
			/* every packet the client sent was built in its own pool */
			CHECK_MSG(mt_xstat(port, n1) >= NPKT && mt_xstat(port, n2) >= NPKT,
				  "queue %u: zero-copy counters %" PRIu64 " %" PRIu64, q,
				  mt_xstat(port, n1), mt_xstat(port, n2));
		}
	CHECK(rte_eth_dev_stop(port) == 0);
	CHECK(mt_wait_link(port, 0, 1000));
	CHECK(rte_eth_dev_close(port) == 0);
	rte_eal_cleanup();
	return test_done();
}

int main(int argc, char **argv)
{
	char dir[64], sock[128];
	int rc;

	if (argc >= 5 && strcmp(argv[1], "peer") == 0) {
		bsize = (unsigned int)atoi(argv[4]);
		zc = argc >= 6 && strcmp(argv[5], "zc") == 0;
		return run(argv[2], argv[3], 1, 0);
	}
	if (argc < 2 || (strcmp(argv[1], "server") && strcmp(argv[1], "client"))) {
		fprintf(stderr, "usage: %s server|client\n", argv[0]);
		return 1;
	}
	mt_tmpdir(dir, sizeof(dir));
	snprintf(sock, sizeof(sock), "%s/memif.sock", dir);
	if (argc >= 3)
		bsize = (unsigned int)atoi(argv[2]);
	zc = argc >= 4 && strcmp(argv[3], "zc") == 0;
	char bs[16];
	snprintf(bs, sizeof(bs), "%u", bsize);
	const char *args[] = { strcmp(argv[1], "server") ? "server" : "client", sock, bs,
			       zc ? "zc" : NULL, NULL };
	pid_t child = mt_spawn(argv[0], args);
	REQUIRE(child > 0);
	rc = run(argv[1], sock, 0, child);
	mt_reap(child, 1000);
	unlink(sock);
	rmdir(dir);
	return rc;
}
