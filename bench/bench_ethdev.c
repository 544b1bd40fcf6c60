/* SPDX-License-Identifier: BSD-3-Clause
 * Packet I/O benchmark (built against dplite and against DPDK): the ethdev
 * fast path with the drivers that cost least, so what is measured is ethdev
 * and mbuf, not a device.
 *
 *   ethdev.iofwd.null    io forwarding between two net_null ports on one
 *                        lcore, burst 32, as dpdk-testpmd --forward-mode=io
 *                        does: rx_burst(port) -> tx_burst(other port); net_null
 *                        allocates on RX and frees on TX, so this is ethdev
 *                        dispatch + mbuf alloc/free. ns per packet.
 *   ethdev.ring.txrx     tx_burst 32 then rx_burst 32 on a net_ring port whose
 *                        TX ring is its RX ring: ethdev + ring, no mbuf work.
 *   ethdev.poll.empty    rx_burst on an empty net_ring queue: the cost of one
 *                        poll that finds nothing, ns per call.
 *   ethdev.softrss.v4l4  rte_softrss over an IPv4 5-tuple with the default
 *                        40-byte key, ns per tuple (1024 different tuples).
 *   ethdev.pipeline.1core  iofwd with a pipeline hop on the same lcore:
 *                        rx_burst -> pick a ring by mbuf->hash.rss -> SP/SC
 *                        enqueue -> dequeue -> tx_burst; minus iofwd.null it
 *                        is the hop's own cost per packet.
 *   ethdev.pipeline.2core  the same with the hop between two lcores (RX on
 *                        the main lcore, worker+TX on the other): wall ns per
 *                        packet forwarded; mbufs now also cross lcores
 *                        (allocated on one, freed on the other).
 * Ports come from the EAL command line, which bench/run.sh takes from the
 * BENCH-EAL line below (so both builds get the same devices):
 * BENCH-EAL: --vdev=net_null0 --vdev=net_null1 --vdev=net_ring0
 */
#include "bench_common.h"

#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_thash.h>

#define BURST 32
#define NTUPLES 1024

static struct rte_mempool *pool;
static uint16_t null0, null1, ringp;
static struct rte_ring *hop[2];

static const uint8_t rss_key[40] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3,
	0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3,
	0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

static uint16_t make_port(const char *name)
{
	struct rte_eth_conf conf;
	uint16_t pid;

	if (rte_eth_dev_get_port_by_name(name, &pid) != 0)
		bench_fail("no such port (run with the BENCH-EAL --vdev arguments)");
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(pid, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(pid, 0, 1024, rte_socket_id(), NULL, pool) != 0 ||
	    rte_eth_tx_queue_setup(pid, 0, 1024, rte_socket_id(), NULL) != 0 ||
	    rte_eth_dev_start(pid) != 0)
		bench_fail("port setup");
	return pid;
}

/* one io-forwarding step in both directions; returns packets moved */
static inline unsigned int iofwd_step(void)
{
	struct rte_mbuf *p[BURST];
	unsigned int moved = 0;
	uint16_t n, s;

	n = rte_eth_rx_burst(null0, 0, p, BURST);
	s = rte_eth_tx_burst(null1, 0, p, n);
	if (unlikely(s < n))
		rte_pktmbuf_free_bulk(p + s, n - s);
	moved += n;
	n = rte_eth_rx_burst(null1, 0, p, BURST);
	s = rte_eth_tx_burst(null0, 0, p, n);
	if (unlikely(s < n))
		rte_pktmbuf_free_bulk(p + s, n - s);
	return moved + n;
}

static inline unsigned int hop_step(uint16_t rx, uint16_t tx)
{
	struct rte_mbuf *p[BURST], *q[BURST];
	uint16_t n = rte_eth_rx_burst(rx, 0, p, BURST), s;
	unsigned int e, d;

	if (n == 0)
		return 0;
	e = rte_ring_sp_enqueue_burst(hop[p[0]->hash.rss & 1], (void **)p, n, NULL);
	if (unlikely(e < n))
		rte_pktmbuf_free_bulk(p + e, n - e);
	d = rte_ring_sc_dequeue_burst(hop[p[0]->hash.rss & 1], (void **)q, BURST, NULL);
	s = rte_eth_tx_burst(tx, 0, q, (uint16_t)d);
	if (unlikely(s < d))
		rte_pktmbuf_free_bulk(q + s, d - s);
	return d;
}

static void timed(const char *key, const char *unit, const char *desc,
		  unsigned int (*step)(void), uint64_t iters)
{
	uint64_t best = UINT64_MAX, moved = 0, i, t0;
	int rep;

	for (i = 0; i < bench_iters(20000, 200); i++)
		step();
	for (rep = 0; rep < bench_opt.passes; rep++) {
		uint64_t m = 0;
		t0 = bench_now_ns();
		for (i = 0; i < iters; i++)
			m += step();
		t0 = bench_now_ns() - t0;
		if (m == 0)
			bench_fail(key);
		if (t0 < best) {
			best = t0;
			moved = m;
		}
	}
	bench_result(key, unit, (double)best / (double)moved, desc);
}

static unsigned int pipe1_step(void)
{
	return hop_step(null0, null1) + hop_step(null1, null0);
}

static struct rte_mbuf *ring_pkts[BURST];

static unsigned int ring_step(void)
{
	uint16_t s = rte_eth_tx_burst(ringp, 0, ring_pkts, BURST);
	uint16_t r = rte_eth_rx_burst(ringp, 0, ring_pkts, BURST);
	if (unlikely(s != BURST || r != BURST))
		bench_fail("net_ring loopback lost packets");
	return r;
}

static unsigned int empty_step(void)
{
	struct rte_mbuf *p[BURST];
	return 1 + rte_eth_rx_burst(ringp, 0, p, BURST);
}

static union rte_thash_tuple tuples[NTUPLES];
static uint32_t rss_sink;

static unsigned int rss_step(void)
{
	uint32_t h = 0;
	for (unsigned int i = 0; i < NTUPLES; i++)
		h ^= rte_softrss((uint32_t *)&tuples[i], RTE_THASH_V4_L4_LEN, rss_key);
	rss_sink ^= h;
	return NTUPLES;
}

/* ---- two lcores: RX on main, worker + TX on the other -------------------- */
static volatile int pipe_stop;
static uint64_t pipe_done, pipe_end_ns;
static struct bench_barrier pipe_bar;

static int pipe_worker(void *arg)
{
	struct rte_mbuf *q[BURST];
	uint64_t done = 0;
	(void)arg;
	bench_barrier_wait(&pipe_bar);
	for (;;) {
		/* S1: read the stop flag before polling, so a pass that finds the
		 * rings empty after stop was set has seen every packet the RX lcore
		 * enqueued (pairs with the release store in pipeline_2core) */
		int stopping = __atomic_load_n(&pipe_stop, __ATOMIC_ACQUIRE);
		unsigned int got = 0;
		for (int r = 0; r < 2; r++) {
			unsigned int d = rte_ring_sc_dequeue_burst(hop[r], (void **)q, BURST, NULL);
			if (d == 0)
				continue;
			uint16_t s = rte_eth_tx_burst(r ? null0 : null1, 0, q, (uint16_t)d);
			if (unlikely(s < d))
				rte_pktmbuf_free_bulk(q + s, d - s);
			got += d;
		}
		done += got;
		if (got == 0 && stopping)
			break;
	}
	/* the pass ends when the last packet is out, not when main notices */
	__atomic_store_n(&pipe_end_ns, bench_now_ns(), __ATOMIC_RELAXED);
	__atomic_store_n(&pipe_done, done, __ATOMIC_RELEASE);
	return 0;
}

static void pipeline_2core(void)
{
	unsigned int w = bench_worker();
	uint64_t best = UINT64_MAX, iters = 1024;
	struct rte_mbuf *p[BURST];
	/* two threads must both run for a whole pass: short passes, and more
	 * of them, so a busy machine still leaves some undisturbed ones */
	int passes = bench_opt.passes * 3 < 10 ? 10 : bench_opt.passes * 3;

	for (int rep = -1; rep < passes; rep++) {     /* rep -1: warm-up */
		__atomic_store_n(&pipe_stop, 0, __ATOMIC_RELAXED);    /* the launch orders it */
		bench_barrier_init(&pipe_bar, 2);
		rte_eal_remote_launch(pipe_worker, NULL, w);
		bench_barrier_wait(&pipe_bar);
		uint64_t t0 = bench_now_ns();
		for (uint64_t i = 0; i < iters; i++)
			for (int dir = 0; dir < 2; dir++) {
				uint16_t n = rte_eth_rx_burst(dir ? null1 : null0, 0, p, BURST);
				unsigned int e = rte_ring_sp_enqueue_burst(hop[dir], (void **)p, n, NULL);
				if (e < n)      /* worker behind: the RX lcore waits, as a NIC queue would fill */
					rte_pktmbuf_free_bulk(p + e, n - e);
			}
		__atomic_store_n(&pipe_stop, 1, __ATOMIC_RELEASE);      /* S1 */
		rte_eal_wait_lcore(w);
		uint64_t done = __atomic_load_n(&pipe_done, __ATOMIC_ACQUIRE);
		uint64_t t = __atomic_load_n(&pipe_end_ns, __ATOMIC_RELAXED) - t0;
		if (done == 0)
			bench_fail("pipeline moved nothing");
		if (rep >= 0)
			best = bench_min(best, t * 1000 / done);
	}
	bench_result("ethdev.pipeline.2core", "ns/pkt", (double)best / 1000.0,
		     "pipeline RX lcore -> ring -> worker+TX lcore, net_null, burst 32 (wall ns/pkt)");
}

static void figures(void)
{
	if (bench_wanted("ethdev.iofwd.null"))
		timed("ethdev.iofwd.null", "ns/pkt",
		      "io fwd between 2 net_null ports, 1 lcore, burst 32 (as testpmd io)",
		      iofwd_step, 2048);
	if (bench_wanted("ethdev.ring.txrx"))
		timed("ethdev.ring.txrx", "ns/pkt", "net_ring loopback tx_burst 32 + rx_burst 32 (no mbuf work)",
		      ring_step, 2048);
	if (bench_wanted("ethdev.poll.empty"))
		timed("ethdev.poll.empty", "ns/call", "rx_burst on an empty net_ring queue", empty_step, 65536);
	if (bench_wanted("ethdev.softrss"))
		timed("ethdev.softrss.v4l4", "ns/tuple", "rte_softrss, IPv4 5-tuple, 40-byte default key",
		      rss_step, 64);
	if (bench_wanted("ethdev.pipeline.1core"))
		timed("ethdev.pipeline.1core", "ns/pkt",
		      "io fwd with a ring hop on the same lcore (pipeline minus the second core)",
		      pipe1_step, 2048);
	if (bench_wanted("ethdev.pipeline.2core"))
		pipeline_2core();
}

int main(int argc, char **argv)
{
	uint64_t seed = 12345;

	bench_init(argc, argv);
	pool = rte_pktmbuf_pool_create("bench_eth", 8191, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
	if (pool == NULL)
		bench_fail("rte_pktmbuf_pool_create");
	null0 = make_port("net_null0");
	null1 = make_port("net_null1");
	ringp = make_port("net_ring0");
	hop[0] = rte_ring_create("bench_hop0", 1024, rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
	hop[1] = rte_ring_create("bench_hop1", 1024, rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (hop[0] == NULL || hop[1] == NULL)
		bench_fail("rte_ring_create");
	if (rte_pktmbuf_alloc_bulk(pool, ring_pkts, BURST) != 0)
		bench_fail("rte_pktmbuf_alloc_bulk");
	for (unsigned int i = 0; i < NTUPLES; i++) {
		uint64_t r = bench_rand(&seed);
		tuples[i].v4.src_addr = (uint32_t)r;
		tuples[i].v4.dst_addr = (uint32_t)(r >> 32);
		r = bench_rand(&seed);
		tuples[i].v4.sport = (uint16_t)r;
		tuples[i].v4.dport = (uint16_t)(r >> 16);
	}

	bench_sweeps(figures);
	bench_keep(rss_sink);

	rte_pktmbuf_free_bulk(ring_pkts, BURST);
	rte_eth_dev_stop(null0);
	rte_eth_dev_stop(null1);
	rte_eth_dev_stop(ringp);
	rte_eth_dev_close(null0);
	rte_eth_dev_close(null1);
	rte_eth_dev_close(ringp);
	rte_ring_free(hop[0]);
	rte_ring_free(hop[1]);
	rte_mempool_free(pool);
	rte_eal_cleanup();
	return 0;
}
