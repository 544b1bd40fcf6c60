/* SPDX-License-Identifier: BSD-3-Clause
 * mp_client: a secondary of client_server_mp. Client N takes the packets
 * mp_server dealt to its ring and sends each out of the port paired with
 * the one it arrived on (0<->1, 2<->3 in the server's port list), on tx
 * queue N, so clients never share a tx queue. Counts what it sent and
 * dropped per port in the shared port info.
 *
 *   mp_client --proc-type=secondary [EAL] -- -n CLIENT_ID
 *
 * Same command line as DPDK 22.11's example; DPDK API only. */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
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
static void on_signal(int sig) { (void)sig; __atomic_store_n(&quit, 1, __ATOMIC_RELAXED);   /* handler may run on any thread */ }

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(1, "Cannot initialise EAL: %s\n", rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	long id = -1;
	int o;
	while ((o = getopt(argc, argv, "n:")) != -1) {
		if (o == 'n')
			id = strtol(optarg, NULL, 10);
		else
			break;
	}
	if (id < 0 || id >= MAX_CLIENTS) {
		fprintf(stderr, "Usage: %s [EAL args] -- -n <client_id>\n", argv[0]);
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	char name[RTE_RING_NAMESIZE];
	snprintf(name, sizeof(name), CLIENT_RXQ_FMT, (unsigned int)id);
	struct rte_ring *rx = rte_ring_lookup(name);
	const struct rte_memzone *mz = rte_memzone_lookup(MZ_PORT_INFO);
	if (rx == NULL || mz == NULL || rte_mempool_lookup(PKTMBUF_POOL_NAME) == NULL)
		rte_exit(1, "Cannot get the server's ring %s / port info / pool: is the server "
			 "running with enough clients?\n", name);
	struct cs_port_info *info = mz->addr;
	if (id >= info->num_clients)
		rte_exit(1, "the server runs %u clients\n", info->num_clients);
	/* output port for each input port: its pair in the server's list */
	uint16_t out_of[RTE_MAX_ETHPORTS];
	for (unsigned int i = 0; i < RTE_MAX_ETHPORTS; i++)
		out_of[i] = (uint16_t)i;
	for (unsigned int i = 0; i + 1 < info->num_ports; i += 2) {
		out_of[info->id[i]] = info->id[i + 1];
		out_of[info->id[i + 1]] = info->id[i];
	}
	struct cs_tx_stats *st = &info->tx_stats[id];
	const uint16_t q = (uint16_t)id;

	printf("\nClient process %ld handling packets\n", id);
	printf("[Press Ctrl-C to quit ...]\n");
	fflush(stdout);
	struct rte_mbuf *b[BURST], *out[RTE_MAX_ETHPORTS][BURST];
	uint16_t nout[RTE_MAX_ETHPORTS] = { 0 };
	while (!__atomic_load_n(&quit, __ATOMIC_RELAXED)) {
		unsigned int n = rte_ring_sc_dequeue_burst(rx, (void **)b, BURST, NULL);
		if (n == 0)
			continue;
		/* group by output port, keeping arrival order */
		for (unsigned int k = 0; k < n; k++) {
			uint16_t p = out_of[b[k]->port < RTE_MAX_ETHPORTS ? b[k]->port : 0];
			out[p][nout[p]++] = b[k];
		}
		for (unsigned int i = 0; i < info->num_ports; i++) {
			uint16_t p = info->id[i];
			if (nout[p] == 0)
				continue;
			uint16_t sent = rte_eth_tx_burst(p, q, out[p], nout[p]);
			st->tx[p] += sent;
			if (sent < nout[p]) {
				st->tx_drop[p] += nout[p] - sent;
				rte_pktmbuf_free_bulk(&out[p][sent], nout[p] - sent);
			}
			nout[p] = 0;
		}
	}
	printf("Client %ld exiting\n", id);
	fflush(stdout);
	rte_eal_cleanup();
	return 0;
}
