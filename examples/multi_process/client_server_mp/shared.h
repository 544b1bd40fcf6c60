/* SPDX-License-Identifier: BSD-3-Clause
 * What mp_server and mp_client share, by name (DPDK 22.11 example's names):
 * the mbuf pool, one ring per client (server -> client, single producer and
 * single consumer), and memzone "MProc_port_info" laid out as below.
 * Counters: rx_stats.rx[i] and client_rx[c]/client_rx_drop[c] are written by
 * the server only; tx_stats[c] by client c only; readers tolerate torn
 * snapshots (they print them). */
#ifndef MP_CS_SHARED_H
#define MP_CS_SHARED_H
#include <stdint.h>
#include <rte_ethdev.h>

#define MAX_CLIENTS 16
#define CLIENT_RING_SIZE 2048          /* DPDK's example: 128; see README */
#define PKTMBUF_POOL_NAME "MProc_pktmbuf_pool"
#define MZ_PORT_INFO "MProc_port_info"
#define CLIENT_RXQ_FMT "MProc_Client_%u_RX"

struct cs_tx_stats {
	uint64_t tx[RTE_MAX_ETHPORTS];
	uint64_t tx_drop[RTE_MAX_ETHPORTS];
} __rte_cache_aligned;

struct cs_port_info {
	uint16_t num_ports;
	uint16_t num_clients;
	uint16_t id[RTE_MAX_ETHPORTS];
	uint64_t rx[RTE_MAX_ETHPORTS];               /* server: received on port id[i] */
	uint64_t client_rx[MAX_CLIENTS];             /* server: dealt to client c */
	uint64_t client_rx_drop[MAX_CLIENTS];        /* server: client c's ring was full */
	struct cs_tx_stats tx_stats[MAX_CLIENTS];    /* client c: sent per port id */
};
#endif
