/* SPDX-License-Identifier: BSD-3-Clause
 * The lcore loops: the fast path of dplite-fwd.
 *
 *   rtc      each forwarding lcore polls its own RX queues (one per port by
 *            default; RSS put each flow on one of them), does the --fwd work
 *            and transmits on its own TX queue of the peer port.
 *   pipeline the RX lcore polls every RX queue and hands each packet to
 *            worker mbuf->hash.rss % W over an SP/SC ring, so a flow always
 *            lands on the same worker; each worker does the --fwd work and
 *            transmits on its own TX queue (queue w). There is one ring per
 *            (worker, input port): the ring tells the worker where a packet
 *            came from, so the RX lcore only reads the mbuf (hash, flags)
 *            and never writes it; a write would move the mbuf's cache line
 *            between the two cores for every packet.
 *
 * Nothing here allocates memory (txonly takes mbufs from the pool's
 * per-lcore cache) or takes a lock. Each queue and each ring has one
 * producer lcore and one consumer lcore, fixed for the phase.
 *
 * Stopping (memory-ordering pairs):
 *   S1 main stores fwd_stop = 1 (release); every loop loads it (acquire)
 *      once per iteration and leaves.
 *   D1 the RX lcore stores rx_done = 1 (release) after its last enqueue;
 *      a worker that loads rx_done == 1 (acquire) therefore sees every
 *      packet the RX lcore ever put in its rings, empties them and leaves.
 *      Main drains the ports after all lcores have returned.
 */
#include <unistd.h>
#include <rte_branch_prediction.h>
#include <rte_ether.h>
#include <rte_prefetch.h>
#include "fwd.h"

static inline int stopping(void)
{
	return __atomic_load_n(&fwd_stop, __ATOMIC_ACQUIRE);    /* S1 */
}

static inline void apply_fwd(struct rte_mbuf **p, uint16_t n, unsigned int txi)
{
	if (g.o.fwd == FWD_IO)
		return;
	for (uint16_t i = 0; i < n; i++) {
		if (i + 1 < n)
			rte_prefetch0(rte_pktmbuf_mtod(p[i + 1], void *));
		struct rte_ether_hdr *eth = rte_pktmbuf_mtod(p[i], struct rte_ether_hdr *);
		if (g.o.fwd == FWD_MAC) {
			/* dst: the peer behind the TX port, 02:00:00:00:00:<port> */
			struct rte_ether_addr peer = {{ 0x02, 0, 0, 0, 0, (uint8_t)g.port_id[txi] }};
			rte_ether_addr_copy(&peer, &eth->dst_addr);
			rte_ether_addr_copy(&g.port[txi].mac, &eth->src_addr);
		} else {
			struct rte_ether_addr t;
			rte_ether_addr_copy(&eth->dst_addr, &t);
			rte_ether_addr_copy(&eth->src_addr, &eth->dst_addr);
			rte_ether_addr_copy(&t, &eth->src_addr);
		}
	}
}

static inline void tx_out(struct lcore_stats *st, unsigned int pi, uint16_t txq,
			struct rte_mbuf **p, uint16_t n)
{
	uint16_t s = rte_eth_tx_burst(g.port_id[pi], txq, p, n);
	cnt_add(&st->tx[pi], s);
	if (unlikely(s < n)) {
		rte_pktmbuf_free_bulk(p + s, n - s);
		cnt_add(&st->tx_full[pi], n - s);
	}
}

/* txonly: one generated burst into every port from this TX queue; returns
 * the packets built (the caller counts them as its work). */
static inline unsigned int txonly_burst(struct lcore_stats *st, uint16_t txq, uint32_t *cursor)
{
	struct rte_mbuf *p[FWD_MAX_BURST];
	uint16_t b = (uint16_t)g.o.burst;
	unsigned int built = 0;
	for (unsigned int pi = 0; pi < g.nb_ports; pi++) {
		if (gen_burst(p, b, cursor) == 0) {
			cnt_add(&st->nombuf, b);
			continue;
		}
		built += b;
		tx_out(st, pi, txq, p, b);
	}
	return built;
}

/* ---- run to completion ---------------------------------------------------- */
static unsigned int rtc_iter(struct lcore_conf *c, struct lcore_stats *st)
{
	struct rte_mbuf *p[FWD_MAX_BURST];
	unsigned int total = 0;
	for (unsigned int r = 0; r < c->n_rxq; r++) {
		unsigned int pi = c->rxq[r].port;
		uint16_t n = rte_eth_rx_burst(g.port_id[pi], c->rxq[r].queue, p, (uint16_t)g.o.burst);
		if (n == 0)
			continue;
		total += n;
		cnt_add(&st->rx[pi], n);
		if (g.o.fwd == FWD_RXONLY || g.o.fwd == FWD_TXONLY) {
			rte_pktmbuf_free_bulk(p, n);
			if (g.o.fwd == FWD_RXONLY)
				cnt_add(&st->worked, n);
			continue;
		}
		cnt_add(&st->worked, n);
		if (g.o.fwd == FWD_ICMPECHO) {     /* replies go back out of port pi */
			uint16_t k = icmpecho_burst(p, n, pi);
			if (k != 0)
				tx_out(st, pi, c->txq, p, k);
			continue;
		}
		unsigned int txi = g.port[pi].peer;
		apply_fwd(p, n, txi);
		tx_out(st, txi, c->txq, p, n);
	}
	return total;
}

/* ---- pipeline ------------------------------------------------------------ */
static struct rte_mbuf *wbuf[FWD_MAX_WORKERS][FWD_MAX_BURST];   /* RX lcore only */

static unsigned int rx_iter(struct lcore_conf *c, struct lcore_stats *st)
{
	struct rte_mbuf *p[FWD_MAX_BURST];
	uint16_t cnt[FWD_MAX_WORKERS];
	unsigned int total = 0, W = g.n_workers;
	for (unsigned int r = 0; r < c->n_rxq; r++) {
		unsigned int pi = c->rxq[r].port;
		uint16_t n = rte_eth_rx_burst(g.port_id[pi], c->rxq[r].queue, p, (uint16_t)g.o.burst);
		if (n == 0)
			continue;
		total += n;
		cnt_add(&st->rx[pi], n);
		cnt_add(&st->worked, n);
		if (g.o.fwd == FWD_TXONLY) {
			/* the workers only transmit; what arrives is not theirs */
			rte_pktmbuf_free_bulk(p, n);
			continue;
		}
		for (unsigned int w = 0; w < W; w++)
			cnt[w] = 0;
		for (uint16_t i = 0; i < n; i++) {
			struct rte_mbuf *m = p[i];
			if (unlikely(!(m->ol_flags & RTE_MBUF_F_RX_RSS_HASH))) {
				/* the port gave no hash (one queue, or no RSS): compute it */
				m->hash.rss = fwd_soft_rss(m);
				m->ol_flags |= RTE_MBUF_F_RX_RSS_HASH;
			}
			unsigned int w = m->hash.rss % W;
			wbuf[w][cnt[w]++] = m;
		}
		for (unsigned int w = 0; w < W; w++) {
			if (cnt[w] == 0)
				continue;
			struct rte_ring *ring = g.pipe[w][pi];
			unsigned int free_space;
			unsigned int e = rte_ring_sp_enqueue_burst(ring, (void **)wbuf[w], cnt[w], &free_space);
			uint32_t used = rte_ring_get_capacity(ring) - free_space;
			if (used > st->ring_hwm[w][pi])
				__atomic_store_n(&st->ring_hwm[w][pi], used, __ATOMIC_RELAXED);
			if (unlikely(e < cnt[w])) {
				rte_pktmbuf_free_bulk(&wbuf[w][e], cnt[w] - e);
				cnt_add(&st->pipe_full, cnt[w] - e);
			}
		}
	}
	return total;
}

static unsigned int worker_iter(unsigned int w, struct lcore_stats *st, uint32_t *cursor)
{
	struct rte_mbuf *p[FWD_MAX_BURST];
	unsigned int total = 0;
	if (g.o.fwd == FWD_TXONLY) {
		if (stopping())
			return 0;
		total = txonly_burst(st, (uint16_t)w, cursor);
		if (total != 0)
			cnt_add(&wstats[w].packets, total);
		return total;
	}
	for (unsigned int pi = 0; pi < g.nb_ports; pi++) {
		unsigned int n = rte_ring_sc_dequeue_burst(g.pipe[w][pi], (void **)p, g.o.burst, NULL);
		if (n == 0)
			continue;
		total += n;
		if (g.o.fwd == FWD_RXONLY) {
			rte_pktmbuf_free_bulk(p, n);
			continue;
		}
		unsigned int txi = g.port[pi].peer;
		apply_fwd(p, (uint16_t)n, txi);
		tx_out(st, txi, (uint16_t)w, p, (uint16_t)n);
	}
	if (total != 0)
		cnt_add(&wstats[w].packets, total);
	return total;
}

static unsigned int workers_iter(struct lcore_conf *c, struct lcore_stats *st, uint32_t *cursor)
{
	unsigned int did = 0;
	for (unsigned int k = 0; k < c->n_workers; k++) {
		unsigned int n = worker_iter(c->worker[k], st, cursor);
		did += n;
		cnt_add(&st->worked, n);
	}
	return did;
}

/* D1: after rx_done every ring only shrinks; empty them. */
static void workers_drain(struct lcore_conf *c, struct lcore_stats *st, uint32_t *cursor)
{
	while (workers_iter(c, st, cursor) != 0)
		;
}

int fwd_lcore_main(void *arg)
{
	(void)arg;
	unsigned int lc = rte_lcore_id();
	struct lcore_conf *c = &g.lconf[lc];
	struct lcore_stats *st = &lstats[lc];
	int is_main = lc == rte_get_main_lcore();
	unsigned int iter = 0;
	uint32_t cursor = lc * 131;

	switch (c->role) {
	case ROLE_RTC:
		while (!stopping()) {
			rtc_iter(c, st);
			if (g.o.fwd == FWD_TXONLY)
				cnt_add(&st->worked, txonly_burst(st, c->txq, &cursor));
			if (is_main && (++iter & 15) == 0)
				fwd_main_tick();
		}
		break;
	case ROLE_RX:
		while (!stopping()) {
			rx_iter(c, st);
			if (is_main && (++iter & 15) == 0)
				fwd_main_tick();
		}
		__atomic_store_n(&rx_done, 1, __ATOMIC_RELEASE);     /* D1 */
		break;
	case ROLE_WORKER:
		for (;;) {
			unsigned int did = workers_iter(c, st, &cursor);
			if (is_main && (++iter & 15) == 0)
				fwd_main_tick();
			if (did == 0 && __atomic_load_n(&rx_done, __ATOMIC_ACQUIRE)) {   /* D1 */
				workers_drain(c, st, &cursor);
				break;
			}
		}
		break;
	case ROLE_ALL:      /* one lcore: every stage in turn */
		while (!stopping()) {
			rx_iter(c, st);
			workers_iter(c, st, &cursor);
			if (is_main && (++iter & 15) == 0)
				fwd_main_tick();
		}
		workers_drain(c, st, &cursor);
		break;
	case ROLE_IDLE:
		while (is_main && !stopping()) {
			fwd_main_tick();
			usleep(1000);
		}
		break;
	}
	return 0;
}
