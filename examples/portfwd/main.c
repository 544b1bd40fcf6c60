/* SPDX-License-Identifier: BSD-3-Clause
 * portfwd: the smallest useful poll-mode forwarder, the same shape as DPDK's
 * skeleton example. Ports are paired (0<->1, 2<->3, ...); one lcore polls
 * every port and sends each burst out of the partner port, unchanged.
 *
 *   portfwd [EAL options]      e.g. portfwd --vdev=net_null0 --vdev=net_null1 -l 0
 *
 * Steps: init the EAL, make one pktmbuf pool, give every port one RX and one
 * TX queue, start it, then loop rx_burst -> tx_burst until SIGINT/SIGTERM;
 * at exit print per-port counters and the pool's in-use count (0: every
 * mbuf came home), stop and close the ports.
 * Uses only the DPDK 22.11 API: it builds against dplite and DPDK alike.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#define RX_DESC 1024
#define TX_DESC 1024
#define POOL_MBUFS 8191
#define POOL_CACHE 256
#define BURST 32

static volatile sig_atomic_t quit;
static uint64_t rx_count[RTE_MAX_ETHPORTS], tx_count[RTE_MAX_ETHPORTS], dropped[RTE_MAX_ETHPORTS];

static void on_signal(int sig)
{
	(void)sig;
	__atomic_store_n(&quit, 1, __ATOMIC_RELAXED);   /* handler may run on any thread */
}

/* One RX and one TX queue, default configuration, started, promiscuous. */
static int setup_port(uint16_t port, struct rte_mempool *pool)
{
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	uint16_t nrx = RX_DESC, ntx = TX_DESC;
	int ret;

	memset(&conf, 0, sizeof(conf));
	if ((ret = rte_eth_dev_info_get(port, &info)) != 0)
		return ret;
	if ((ret = rte_eth_dev_configure(port, 1, 1, &conf)) != 0)
		return ret;
	if ((ret = rte_eth_dev_adjust_nb_rx_tx_desc(port, &nrx, &ntx)) != 0)
		return ret;
	if ((ret = rte_eth_rx_queue_setup(port, 0, nrx, rte_eth_dev_socket_id(port), NULL, pool)) != 0)
		return ret;
	if ((ret = rte_eth_tx_queue_setup(port, 0, ntx, rte_eth_dev_socket_id(port), NULL)) != 0)
		return ret;
	if ((ret = rte_eth_dev_start(port)) != 0)
		return ret;
	struct rte_ether_addr mac;
	if (rte_eth_macaddr_get(port, &mac) == 0)
		printf("port %u (%s): MAC " RTE_ETHER_ADDR_PRT_FMT "\n", port, info.driver_name,
		       RTE_ETHER_ADDR_BYTES(&mac));
	rte_eth_promiscuous_enable(port);    /* a driver without the notion is fine */
	return 0;
}

/* The forwarding loop: poll each port, send what arrived out of its partner,
 * free what the partner's TX queue would not take. */
static void forward(void)
{
	uint16_t port;
	printf("forwarding on lcore %u; Ctrl-C to stop\n", rte_lcore_id());
	fflush(stdout);
	while (!__atomic_load_n(&quit, __ATOMIC_RELAXED)) {
		RTE_ETH_FOREACH_DEV(port) {
			struct rte_mbuf *pkts[BURST];
			uint16_t n = rte_eth_rx_burst(port, 0, pkts, BURST);
			if (n == 0)
				continue;
			uint16_t out = port ^ 1;
			uint16_t sent = rte_eth_tx_burst(out, 0, pkts, n);
			rx_count[port] += n;
			tx_count[out] += sent;
			if (sent < n) {
				rte_pktmbuf_free_bulk(&pkts[sent], n - sent);
				dropped[out] += n - sent;
			}
		}
	}
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "EAL init failed\n");
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	uint16_t nb_ports = rte_eth_dev_count_avail();
	if (nb_ports < 2 || (nb_ports & 1))
		rte_exit(EXIT_FAILURE, "need an even number of ports, have %u (use --vdev)\n", nb_ports);
	struct rte_mempool *pool = rte_pktmbuf_pool_create("portfwd_pool", POOL_MBUFS * nb_ports,
							   POOL_CACHE, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
							   rte_socket_id());
	if (pool == NULL)
		rte_exit(EXIT_FAILURE, "cannot create the mbuf pool\n");
	uint16_t port;
	RTE_ETH_FOREACH_DEV(port)
		if ((ret = setup_port(port, pool)) != 0)
			rte_exit(EXIT_FAILURE, "cannot set up port %u: %s\n", port, strerror(-ret));
	if (rte_lcore_count() > 1)
		printf("note: only lcore %u forwards; the others stay idle\n", rte_lcore_id());

	forward();

	/* Stopped: take back what the ports still hold, then count. */
	RTE_ETH_FOREACH_DEV(port) {
		struct rte_mbuf *pkts[BURST];
		uint16_t n;
		for (int i = 0; i < 1024 && (n = rte_eth_rx_burst(port, 0, pkts, BURST)) != 0; i++)
			rte_pktmbuf_free_bulk(pkts, n);
	}
	RTE_ETH_FOREACH_DEV(port) {
		printf("port %u: rx %" PRIu64 " tx %" PRIu64 " dropped %" PRIu64 "\n", port, rx_count[port],
		       tx_count[port], dropped[port]);
		rte_eth_dev_stop(port);
		rte_eth_dev_close(port);
	}
	printf("mbufs in use at exit: %u\n", rte_mempool_in_use_count(pool));
	rte_mempool_free(pool);
	rte_eal_cleanup();
	return 0;
}
