/* SPDX-License-Identifier: BSD-3-Clause
 * Ports: setup of the --vdev ports (or, when there are none, two generated
 * loopback ports), start/stop per phase, and the end-of-phase drain.
 *
 * Generated ports ("gen0", "gen1", made with rte_eth_from_rings) are two
 * ends of a cable: gen0 transmits into the rings gen1 receives from and the
 * other way round, one ring per queue. At the start of a phase the rings are
 * filled with GEN_PREFILL packets per port of many flows, each put on the RX
 * queue its RSS hash selects (as a NIC's redirection table would); the
 * forwarding lcores then keep them circulating: received on one port, sent
 * out of the other, which delivers them back to the first. Every ring holds
 * more than all packets in flight, so the cable itself never drops.
 *
 * Queue counts: each port gets --rxq RX queues (default: one per lcore) and
 * --txq TX queues (default: one per lcore or per pipeline worker, whichever
 * is more), clamped to what the driver declares in dev_info.
 */
#include <stdio.h>
#include <string.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_malloc.h>
#include "fwd.h"

#define NB_RXD 1024
#define NB_TXD 1024
#define GEN_PREFILL 1024          /* packets per generated port */
#define GEN_RING_SIZE 4096        /* > all packets in flight */
#define POOL_CACHE 256

static unsigned int want_queues(unsigned int opt, unsigned int dflt)
{
	unsigned int n = opt ? opt : dflt;
	return RTE_MIN(RTE_MAX(n, 1u), (unsigned int)FWD_MAX_QUEUES);
}

static int make_generated_ports(unsigned int nq)
{
	char name[RTE_RING_NAMESIZE];
	g.gen_queues = nq;
	for (unsigned int side = 0; side < 2; side++)
		for (unsigned int q = 0; q < nq; q++) {
			snprintf(name, sizeof(name), "gen_wire%u_%u", side, q);
			g.gen_ring[side][q] = rte_ring_create(name, GEN_RING_SIZE, rte_socket_id(),
							     RING_F_SP_ENQ | RING_F_SC_DEQ);
			if (g.gen_ring[side][q] == NULL) {
				fprintf(stderr, "dplite-fwd: cannot create ring %s: %s\n", name,
					rte_strerror(rte_errno));
				return -1;
			}
		}
	/* gen0 receives from wire0 and sends into wire1; gen1 the reverse */
	for (unsigned int side = 0; side < 2; side++) {
		snprintf(name, sizeof(name), "gen%u", side);
		int p = rte_eth_from_rings(name, g.gen_ring[side], nq, g.gen_ring[side ^ 1], nq,
					   rte_socket_id());
		if (p < 0) {
			fprintf(stderr, "dplite-fwd: rte_eth_from_rings(%s): %s\n", name,
				rte_strerror(rte_errno));
			return -1;
		}
	}
	g.generated = 1;
	return 0;
}

static int setup_port(unsigned int i, uint16_t pid, unsigned int want_rx, unsigned int want_tx)
{
	struct fwd_port *fp = &g.port[i];
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	int ret;

	if ((ret = rte_eth_dev_info_get(pid, &info)) != 0) {
		fprintf(stderr, "dplite-fwd: port %u: dev_info: %s\n", pid, strerror(-ret));
		return -1;
	}
	rte_eth_dev_get_name_by_port(pid, fp->name);
	fp->nrxq = (uint16_t)RTE_MIN(want_rx, (unsigned int)info.max_rx_queues);
	fp->ntxq = (uint16_t)RTE_MIN(want_tx, (unsigned int)info.max_tx_queues);
	if (fp->nrxq == 0 || fp->ntxq == 0) {
		fprintf(stderr, "dplite-fwd: port %u (%s) has no RX or TX queue\n", pid, fp->name);
		return -1;
	}
	memset(&conf, 0, sizeof(conf));
	uint64_t hf = (RTE_ETH_RSS_IP | RTE_ETH_RSS_TCP | RTE_ETH_RSS_UDP) & info.flow_type_rss_offloads;
	/* generated ports: the generator already put each packet on the queue
	 * its hash picks and stored the hash, as a NIC would; a software RSS
	 * pass in the port would only compute it again */
	if (fp->nrxq > 1 && hf != 0 && !g.generated) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = hf;   /* default key */
	}
	if ((ret = rte_eth_dev_configure(pid, fp->nrxq, fp->ntxq, &conf)) != 0) {
		fprintf(stderr, "dplite-fwd: port %u (%s): configure %u rxq %u txq: %s\n", pid,
			fp->name, fp->nrxq, fp->ntxq, strerror(-ret));
		return -1;
	}
	uint16_t nrxd = NB_RXD, ntxd = NB_TXD;
	if ((ret = rte_eth_dev_adjust_nb_rx_tx_desc(pid, &nrxd, &ntxd)) != 0) {
		fprintf(stderr, "dplite-fwd: port %u: descriptors: %s\n", pid, strerror(-ret));
		return -1;
	}
	for (uint16_t q = 0; q < fp->nrxq; q++)
		if ((ret = rte_eth_rx_queue_setup(pid, q, nrxd, rte_eth_dev_socket_id(pid), NULL, g.pool)) != 0) {
			fprintf(stderr, "dplite-fwd: port %u: rx queue %u: %s\n", pid, q, strerror(-ret));
			return -1;
		}
	for (uint16_t q = 0; q < fp->ntxq; q++)
		if ((ret = rte_eth_tx_queue_setup(pid, q, ntxd, rte_eth_dev_socket_id(pid), NULL)) != 0) {
			fprintf(stderr, "dplite-fwd: port %u: tx queue %u: %s\n", pid, q, strerror(-ret));
			return -1;
		}
	rte_eth_macaddr_get(pid, &fp->mac);
	return 0;
}

int fwd_ports_init(void)
{
	unsigned int L = rte_lcore_count();
	unsigned int workers = g.o.workers ? g.o.workers : RTE_MAX(2u, L - 1);
	unsigned int want_rx = want_queues(g.o.rxq, L);
	unsigned int want_tx = want_queues(g.o.txq, RTE_MAX(L, workers));
	unsigned int avail = rte_eth_dev_count_avail();

	if (avail == 0 && make_generated_ports(RTE_MAX(want_rx, want_tx)) != 0)
		return -1;
	uint16_t pid;
	g.nb_ports = 0;
	RTE_ETH_FOREACH_DEV(pid) {
		if (g.nb_ports == FWD_MAX_PORTS) {
			fprintf(stderr, "dplite-fwd: more than %d ports; using the first %d\n",
				FWD_MAX_PORTS, FWD_MAX_PORTS);
			break;
		}
		g.index_of_port[pid] = (uint8_t)g.nb_ports;
		g.port_id[g.nb_ports++] = pid;
	}
	if (g.nb_ports == 0) {
		fprintf(stderr, "dplite-fwd: no ports\n");
		return -1;
	}
	/* enough mbufs for every RX descriptor, the pipeline rings, the lcore
	 * caches and the packets in flight; ring ports hold no descriptors, so
	 * the generated loop needs only its population and the caches */
	unsigned int nb, busy = RTE_MIN(L, (unsigned int)FWD_MAX_QUEUES + 1);  /* lcores that can work */
	if (g.generated)
		nb = 2 * GEN_PREFILL * 2 + busy * (POOL_CACHE + FWD_MAX_BURST) * 2;
	else
		nb = g.nb_ports * (want_rx * NB_RXD + want_tx * NB_TXD) +
		     RTE_MIN(workers, (unsigned int)FWD_MAX_WORKERS) * 2048 +
		     busy * (POOL_CACHE + FWD_MAX_BURST);
	nb = RTE_MIN(RTE_MAX(nb, 8192u), 131072u) - 1;
	g.pool = rte_pktmbuf_pool_create("fwd_pool", nb, POOL_CACHE, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
					 rte_socket_id());
	if (g.pool == NULL) {
		fprintf(stderr, "dplite-fwd: cannot create a pool of %u mbufs: %s\n", nb,
			rte_strerror(rte_errno));
		return -1;
	}
	for (unsigned int i = 0; i < g.nb_ports; i++) {
		unsigned int rx = want_rx, tx = want_tx;
		if (g.generated)
			rx = tx = g.gen_queues;
		if (setup_port(i, g.port_id[i], rx, tx) != 0)
			return -1;
		/* paired ports: 0<->1, 2<->3, ...; an odd last port sends back out of itself */
		g.port[i].peer = (uint16_t)((i ^ 1) < g.nb_ports ? (i ^ 1) : i);
	}
	return 0;
}

int fwd_ports_start(void)
{
	for (unsigned int i = 0; i < g.nb_ports; i++) {
		uint16_t pid = g.port_id[i];
		int ret = rte_eth_dev_start(pid);
		if (ret != 0) {
			fprintf(stderr, "dplite-fwd: port %u (%s): start: %s\n", pid, g.port[i].name,
				strerror(-ret));
			return -1;
		}
		rte_eth_promiscuous_enable(pid);     /* a driver without it is fine */
		rte_eth_stats_get(pid, &g.port[i].base);
	}
	return 0;
}

/* Put GEN_PREFILL packets per generated port on the wire (outside the fast
 * path: this allocates). */
void fwd_ports_prefill(void)
{
	if (!g.generated)
		return;
	uint32_t idx = 0;
	for (unsigned int side = 0; side < 2; side++)
		for (unsigned int j = 0; j < GEN_PREFILL; j++, idx++) {
			struct rte_mbuf *m = gen_packet(idx);
			if (m == NULL)
				return;
			/* the queue a 128-entry default redirection table gives */
			unsigned int q = (m->hash.rss & 127) % g.gen_queues;
			if (rte_ring_sp_enqueue(g.gen_ring[side][q], m) != 0)
				rte_pktmbuf_free(m);
		}
}

/* After the lcores have stopped: take back what the ports still hold. A
 * driver whose RX makes packets from nothing (net_null) holds none. */
void fwd_ports_drain(void)
{
	struct rte_mbuf *pkts[FWD_MAX_BURST];
	for (unsigned int i = 0; i < g.nb_ports; i++) {
		struct rte_eth_dev_info info;
		if (rte_eth_dev_info_get(g.port_id[i], &info) == 0 && info.driver_name != NULL &&
		    strcmp(info.driver_name, "net_null") == 0)
			continue;
		for (uint16_t q = 0; q < g.port[i].nrxq; q++)
			for (unsigned int k = 0; k < 1024; k++) {   /* bounded */
				uint16_t n = rte_eth_rx_burst(g.port_id[i], q, pkts, FWD_MAX_BURST);
				if (n == 0)
					break;
				rte_pktmbuf_free_bulk(pkts, n);
				g.drained += n;
			}
	}
}

void fwd_ports_stop(void)
{
	for (unsigned int i = 0; i < g.nb_ports; i++) {
		int ret = rte_eth_dev_stop(g.port_id[i]);
		if (ret != 0)
			fprintf(stderr, "dplite-fwd: port %u: stop: %s\n", g.port_id[i], strerror(-ret));
	}
}

void fwd_ports_close(void)
{
	for (unsigned int i = 0; i < g.nb_ports; i++)
		rte_eth_dev_close(g.port_id[i]);
	if (g.generated)
		for (unsigned int side = 0; side < 2; side++)
			for (unsigned int q = 0; q < g.gen_queues; q++)
				rte_ring_free(g.gen_ring[side][q]);
}
