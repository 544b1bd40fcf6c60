/* SPDX-License-Identifier: BSD-3-Clause
 * net_af_xdp zero copy into mbufs, in a private network namespace with one
 * veth pair kz0 <-> kz1:
 *  - kz0's rx pool fits a UMEM (2 KiB data room): its queue runs zero copy
 *    (xstat q0_xsk_zero_copy = 1); kz1's pool has a 4 KiB data room, too big
 *    for a UMEM chunk on 4 KiB pages: it falls back to copying (xstat 0).
 *  - traffic both ways arrives complete and intact (a per-packet pattern),
 *    including, on the zero-copy port, mbufs it cannot post as they are (from
 *    another pool, two segments, refcnt 2) which it copies first;
 *  - received zero-copy mbufs are the pool's own (m->pool) and their data
 *    lies inside their data room;
 *  - stop returns every mbuf the kernel held (fill ring, in-flight tx) to
 *    the pool, and releases every socket and UMEM mapping; start again works.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include "test.h"
#include "netns_test.h"

#define NPKT 200

static int port_of(const char *name)
{
	uint16_t pid;
	return rte_eth_dev_get_port_by_name(name, &pid) == 0 ? pid : -1;
}

static int setup_port(uint16_t pid, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(pid, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(pid, 0, 256, 0, NULL, mp) != 0 ||
	    rte_eth_tx_queue_setup(pid, 0, 256, 0, NULL) != 0)
		return -1;
	return rte_eth_dev_start(pid);
}

static int64_t xstat(uint16_t pid, const char *name)
{
	uint64_t id, v;
	if (rte_eth_xstats_get_id_by_name(pid, name, &id) != 0 ||
	    rte_eth_xstats_get_by_id(pid, &id, &v, 1) != 1)
		return -1;
	return (int64_t)v;
}

/* 60..(60+seq%64)-byte frame: broadcast, ethertype 0x88b5, seq, pattern */
static void fill_frame(uint8_t *d, uint32_t seq, uint16_t len)
{
	memset(d, 0xff, 6);
	memset(d + 6, 0x02, 6);
	d[12] = 0x88;
	d[13] = 0xb5;
	memcpy(d + 14, &seq, 4);
	for (uint16_t i = 18; i < len; i++)
		d[i] = (uint8_t)(seq + i);
}

static uint16_t frame_len(uint32_t seq) { return (uint16_t)(60 + seq % 64); }

/* kind 0: plain; 1: from `other` pool; 2: two segments; 3: refcnt 2 */
static struct rte_mbuf *make_pkt(struct rte_mempool *mp, struct rte_mempool *other,
				 uint32_t seq, int kind)
{
	uint16_t len = frame_len(seq);
	uint8_t d[128];
	fill_frame(d, seq, len);
	struct rte_mbuf *m = rte_pktmbuf_alloc(kind == 1 ? other : mp);
	if (m == NULL)
		return NULL;
	if (kind == 2) {
		struct rte_mbuf *t = rte_pktmbuf_alloc(mp);
		if (t == NULL) {
			rte_pktmbuf_free(m);
			return NULL;
		}
		memcpy(rte_pktmbuf_append(m, 30), d, 30);
		memcpy(rte_pktmbuf_append(t, (uint16_t)(len - 30)), d + 30, len - 30u);
		if (rte_pktmbuf_chain(m, t) != 0) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(t);
			return NULL;
		}
		return m;
	}
	memcpy(rte_pktmbuf_append(m, len), d, len);
	return m;
}

/* receive what is there; count frames of ours that are intact */
static void rx_check(uint16_t pid, struct rte_mempool *want_pool, uint32_t *good, uint32_t *bad)
{
	struct rte_mbuf *b[32];
	uint16_t n = rte_eth_rx_burst(pid, 0, b, 32);
	for (uint16_t i = 0; i < n; i++) {
		const uint8_t *d = rte_pktmbuf_mtod(b[i], const uint8_t *);
		uint8_t ref[128];
		uint32_t seq;
		if (b[i]->data_len < 18 || d[12] != 0x88 || d[13] != 0xb5)
			continue;       /* not ours */
		memcpy(&seq, d + 14, 4);
		fill_frame(ref, seq, frame_len(seq));
		int ok = b[i]->pkt_len == frame_len(seq) && memcmp(d, ref, frame_len(seq)) == 0 &&
			 (want_pool == NULL || b[i]->pool == want_pool) &&
			 (uint8_t *)d >= (uint8_t *)b[i]->buf_addr &&
			 (uint8_t *)d + b[i]->data_len <= (uint8_t *)b[i]->buf_addr + b[i]->buf_len;
		*good += ok;
		*bad += !ok;
	}
	rte_pktmbuf_free_bulk(b, n);
}

/* send NPKT frames from port tx to port rx; returns frames received intact */
static uint32_t exchange(uint16_t tx, uint16_t rx, struct rte_mempool *mp, struct rte_mempool *other,
			 struct rte_mempool *rx_pool, int mixed, uint32_t *bad)
{
	uint32_t good = 0, sent = 0;
	for (uint32_t seq = 0; seq < NPKT; seq += 10) {
		struct rte_mbuf *b[10];
		uint16_t nb = 0;
		for (uint32_t k = 0; k < 10; k++) {
			struct rte_mbuf *m = make_pkt(mp, other, seq + k, mixed ? (int)((seq + k) % 4) : 0);
			if (m == NULL)
				break;
			if (mixed && (seq + k) % 4 == 3)
				rte_mbuf_refcnt_update(m, 1);   /* shared: must not be posted as is */
			b[nb++] = m;
		}
		uint16_t s = rte_eth_tx_burst(tx, 0, b, nb);
		for (uint16_t k = 0; k < nb; k++) {
			if (mixed && (seq + k) % 4 == 3)
				rte_pktmbuf_free(b[k]);     /* our second reference */
			if (k >= s)
				rte_pktmbuf_free(b[k]);
		}
		sent += s;
		rx_check(rx, rx_pool, &good, bad);
	}
	for (int spin = 0; spin < 2000 && good + *bad < sent; spin++) {
		rx_check(rx, rx_pool, &good, bad);
		(void)rte_eth_tx_burst(tx, 0, NULL, 0);   /* completions, kick */
		usleep(1000);
	}
	CHECK_MSG(sent == NPKT, "sent %u of %u", sent, NPKT);
	return good;
}

int main(void)
{
	netns_veth_setup("kz0", "kz1");
	if (getpagesize() != 4096)
		TEST_SKIP("the fallback pool is sized for 4 KiB pages");
	test_eal_init("afx_zc", NULL);
	struct rte_mempool *zp = rte_pktmbuf_pool_create("afx_zc", 2047, 64, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	struct rte_mempool *cp = rte_pktmbuf_pool_create("afx_cp", 2047, 64, 0, 4096,
							 SOCKET_ID_ANY);
	REQUIRE(zp != NULL && cp != NULL);

	int sock0 = netns_count_sockets(), maps0 = netns_count_maps("xdp");
	REQUIRE(rte_vdev_init("net_af_xdp0", "iface=kz0") == 0);
	REQUIRE(rte_vdev_init("net_af_xdp1", "iface=kz1") == 0);
	int p0 = port_of("net_af_xdp0"), p1 = port_of("net_af_xdp1");
	REQUIRE(p0 >= 0 && p1 >= 0);
	REQUIRE(setup_port((uint16_t)p0, zp) == 0);
	REQUIRE(setup_port((uint16_t)p1, cp) == 0);
	CHECK_MSG(xstat((uint16_t)p0, "q0_xsk_zero_copy") == 1, "p0 zero_copy %lld",
		  (long long)xstat((uint16_t)p0, "q0_xsk_zero_copy"));
	CHECK_MSG(xstat((uint16_t)p1, "q0_xsk_zero_copy") == 0, "p1 zero_copy %lld",
		  (long long)xstat((uint16_t)p1, "q0_xsk_zero_copy"));
	/* the fill ring holds mbufs of the zero-copy pool */
	CHECK_MSG(rte_mempool_in_use_count(zp) > 0, "zp in use %u", rte_mempool_in_use_count(zp));

	for (int round = 0; round < 2; round++) {
		uint32_t bad = 0, good;
		/* zero copy tx (plain mbufs of its pool, posted as they are) -> copy rx */
		good = exchange((uint16_t)p0, (uint16_t)p1, zp, cp, cp, 0, &bad);
		CHECK_MSG(good == NPKT && bad == 0, "round %d zc->copy: %u good %u bad", round, good, bad);
		/* copy tx -> zero copy rx: every mbuf received is the pool's own */
		bad = 0;
		good = exchange((uint16_t)p1, (uint16_t)p0, cp, cp, zp, 0, &bad);
		CHECK_MSG(good == NPKT && bad == 0, "round %d copy->zc: %u good %u bad", round, good, bad);
		/* zero copy tx of mbufs it must copy first: other pool, 2 segments, refcnt 2 */
		bad = 0;
		good = exchange((uint16_t)p0, (uint16_t)p1, zp, cp, cp, 1, &bad);
		CHECK_MSG(good == NPKT && bad == 0, "round %d zc mixed: %u good %u bad", round, good, bad);
		struct rte_eth_stats st;
		CHECK(rte_eth_stats_get((uint16_t)p0, &st) == 0 && st.oerrors == 0);

		/* stop gives every held mbuf back and every fd and mapping */
		CHECK(rte_eth_dev_stop((uint16_t)p0) == 0);
		CHECK(rte_eth_dev_stop((uint16_t)p1) == 0);
		CHECK_MSG(rte_mempool_in_use_count(zp) == 0, "round %d: %u mbufs of the zero-copy "
			  "pool in use after stop", round, rte_mempool_in_use_count(zp));
		CHECK(rte_mempool_in_use_count(cp) == 0);
		CHECK_MSG(netns_count_sockets() == sock0, "fds %d after stop, %d before", netns_count_sockets(), sock0);
		CHECK_MSG(netns_count_maps("xdp") == maps0, "maps %d after stop, %d before",
			  netns_count_maps("xdp"), maps0);
		if (round == 0) {
			CHECK(rte_eth_dev_start((uint16_t)p0) == 0);
			CHECK(rte_eth_dev_start((uint16_t)p1) == 0);
			CHECK(xstat((uint16_t)p0, "q0_xsk_zero_copy") == 1);
		}
	}
	CHECK(rte_eth_dev_close((uint16_t)p0) == 0);
	CHECK(rte_eth_dev_close((uint16_t)p1) == 0);
	CHECK(netns_count_sockets() == sock0 && netns_count_maps("xdp") == maps0);
	rte_mempool_free(zp);
	rte_mempool_free(cp);
	rte_eal_cleanup();
	return test_done();
}
