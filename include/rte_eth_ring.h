/* SPDX-License-Identifier: BSD-3-Clause
 * net_ring: an ethdev port whose queues are rte_rings (DPDK 22.11
 * rte_eth_ring.h). rte_eth_from_rings("x", ...) makes port "net_ring_x". */
#ifndef _RTE_ETH_RING_H_
#define _RTE_ETH_RING_H_

#include <rte_ring.h>

/* DPDK sets these in rte_config.h: queues per net_ring port. */
#ifndef RTE_PMD_RING_MAX_RX_RINGS
#define RTE_PMD_RING_MAX_RX_RINGS 16
#endif
#ifndef RTE_PMD_RING_MAX_TX_RINGS
#define RTE_PMD_RING_MAX_TX_RINGS 16
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Port id, or -1 with rte_errno (EINVAL, ENAMETOOLONG, ENODEV). */
int rte_eth_from_rings(const char *name,
		       struct rte_ring *const rx_queues[], const unsigned nb_rx_queues,
		       struct rte_ring *const tx_queues[], const unsigned nb_tx_queues,
		       const unsigned numa_node);
/* One ring as both the rx and the tx queue: a loopback port. */
int rte_eth_from_ring(struct rte_ring *r);

#ifdef __cplusplus
}
#endif
#endif
