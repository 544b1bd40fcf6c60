/* SPDX-License-Identifier: BSD-3-Clause
 * mp_server: the primary of client_server_mp. It configures the ports of
 * the mask (one rx queue, one tx queue per client), receives on every port
 * and deals the packets out round-robin to the clients, one ring each; the
 * clients (mp_client, secondaries) send them out of the paired port. Prints
 * port and client counters every second and once more on SIGINT/SIGTERM.
 *
 *   mp_server [EAL] -- -p PORTMASK -n NUM_CLIENTS
 *
 * Same command line and counters as DPDK 22.11's example; DPDK API only. */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include "shared.h"

#define BURST 32

static volatile sig_atomic_t quit;
static struct cs_port_info *info;
static struct rte_ring *rings[MAX_CLIENTS];

static void on_signal(int sig) { (void)sig; __atomic_store_n(&quit, 1, __ATOMIC_RELAXED);   /* handler may run on any thread */ }

static void usage(const char *prg)
{
	fprintf(stderr, "%s [EAL options] -- -p PORTMASK -n NUM_CLIENTS\n", prg);
	exit(1);
}

static void port_init(uint16_t port, struct rte_mempool *mp, uint16_t nclients)
{
	struct rte_eth_conf conf;
	int ret;

	memset(&conf, 0, sizeof(conf));
	printf("Port %u init ... ", port);
	fflush(stdout);
	ret = rte_eth_dev_configure(port, 1, nclients, &conf);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(port, 0, 1024, rte_eth_dev_socket_id(port), NULL, mp);
	for (uint16_t q = 0; ret == 0 && q < nclients; q++)
		ret = rte_eth_tx_queue_setup(port, q, 1024, rte_eth_dev_socket_id(port), NULL);
	if (ret == 0)
		rte_eth_promiscuous_enable(port);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	if (ret < 0)
		rte_exit(1, "Cannot initialise port %u: %s\n", port, strerror(-ret));
	printf("done\n");
}

static void print_stats(int clear)
{
	uint64_t port_tx[RTE_MAX_ETHPORTS] = { 0 };
	char mac[RTE_ETHER_ADDR_FMT_SIZE];

	if (clear)
		printf("\033[2J\033[1;1H");
	printf("PORTS\n-----\n");
	for (unsigned int i = 0; i < info->num_ports; i++) {
		struct rte_ether_addr a;
		if (rte_eth_macaddr_get(info->id[i], &a) == 0)
			rte_ether_format_addr(mac, sizeof(mac), &a);
		else
			snprintf(mac, sizeof(mac), "?");
		printf("Port %u: '%s'\t", info->id[i], mac);
		for (unsigned int c = 0; c < info->num_clients; c++)
			port_tx[i] += info->tx_stats[c].tx[info->id[i]];
	}
	printf("\n\n");
	for (unsigned int i = 0; i < info->num_ports; i++)
		printf("Port %u - rx: %9" PRIu64 "\ttx: %9" PRIu64 "\n", info->id[i], info->rx[i],
		       port_tx[i]);
	printf("\nCLIENTS\n-------\n");
	for (unsigned int c = 0; c < info->num_clients; c++) {
		uint64_t tx = 0, drop = 0;
		for (unsigned int i = 0; i < info->num_ports; i++) {
			tx += info->tx_stats[c].tx[info->id[i]];
			drop += info->tx_stats[c].tx_drop[info->id[i]];
		}
		printf("Client %2u - rx: %9" PRIu64 ", rx_drop: %9" PRIu64 "\n"
		       "            tx: %9" PRIu64 ", tx_drop: %9" PRIu64 "\n",
		       c, info->client_rx[c], info->client_rx_drop[c], tx, drop);
	}
	printf("\n");
	fflush(stdout);
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(1, "Cannot initialise EAL: %s\n", rte_strerror(rte_errno));
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		rte_exit(1, "mp_server must be the primary process\n");
	argc -= ret;
	argv += ret;
	unsigned long mask = 0, nclients = 0;
	int o;
	while ((o = getopt(argc, argv, "p:n:")) != -1) {
		if (o == 'p')
			mask = strtoul(optarg, NULL, 16);
		else if (o == 'n')
			nclients = strtoul(optarg, NULL, 10);
		else
			usage(argv[0]);
	}
	if (mask == 0 || nclients == 0 || nclients > MAX_CLIENTS)
		usage(argv[0]);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	const struct rte_memzone *mz = rte_memzone_reserve(MZ_PORT_INFO, sizeof(*info),
							      rte_socket_id(), 0);
	if (mz == NULL)
		rte_exit(1, "Cannot reserve %s: %s\n", MZ_PORT_INFO, rte_strerror(rte_errno));
	info = mz->addr;
	memset(info, 0, sizeof(*info));
	info->num_clients = (uint16_t)nclients;
	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS && p < 64; p++)
		if (mask & (1ul << p)) {
			if (!rte_eth_dev_is_valid_port(p))
				rte_exit(1, "port %u in the mask does not exist\n", p);
			info->id[info->num_ports++] = p;
		}
	unsigned int nb_mbufs = info->num_ports * 2048 + (unsigned int)nclients * CLIENT_RING_SIZE + 1024;
	struct rte_mempool *mp = rte_pktmbuf_pool_create(PKTMBUF_POOL_NAME, nb_mbufs, 256, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
	if (mp == NULL)
		rte_exit(1, "Cannot create mbuf pool: %s\n", rte_strerror(rte_errno));
	for (unsigned int i = 0; i < info->num_ports; i++)
		port_init(info->id[i], mp, (uint16_t)nclients);
	for (unsigned int c = 0; c < nclients; c++) {
		char name[RTE_RING_NAMESIZE];
		snprintf(name, sizeof(name), CLIENT_RXQ_FMT, c);
		rings[c] = rte_ring_create(name, CLIENT_RING_SIZE, rte_socket_id(),
					   RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (rings[c] == NULL)
			rte_exit(1, "Cannot create ring %s: %s\n", name, rte_strerror(rte_errno));
	}
	printf("Server ready: %u ports, %lu clients\n", info->num_ports, nclients);
	fflush(stdout);

	int clear = isatty(1);
	uint64_t hz = rte_get_timer_hz(), next_print = rte_get_timer_cycles() + hz;
	unsigned int next_client = 0;
	struct rte_mbuf *b[BURST];
	while (!__atomic_load_n(&quit, __ATOMIC_RELAXED)) {
		for (unsigned int i = 0; i < info->num_ports; i++) {
			uint16_t n = rte_eth_rx_burst(info->id[i], 0, b, BURST);
			if (n == 0)
				continue;
			__atomic_store_n(&info->rx[i], info->rx[i] + n, __ATOMIC_RELAXED);
			/* round-robin, one packet to each client in turn */
			for (uint16_t k = 0; k < n; k++) {
				unsigned int c = next_client;
				next_client = (next_client + 1) % (unsigned int)nclients;
				if (rte_ring_sp_enqueue(rings[c], b[k]) == 0) {
					info->client_rx[c]++;
				} else {
					info->client_rx_drop[c]++;
					rte_pktmbuf_free(b[k]);
				}
			}
		}
		if (rte_get_timer_cycles() >= next_print) {
			print_stats(clear);
			next_print = rte_get_timer_cycles() + hz;
		}
	}
	print_stats(0);
	printf("Server exiting\n");
	fflush(stdout);
	for (unsigned int i = 0; i < info->num_ports; i++) {
		rte_eth_dev_stop(info->id[i]);
		rte_eth_dev_close(info->id[i]);
	}
	rte_eal_cleanup();
	return 0;
}
