/* SPDX-License-Identifier: BSD-3-Clause
 * The fast-path table behind the inline burst functions (DPDK 22.11
 * rte_ethdev_core.h).
 *
 * rte_eth_fp_ops[port] lives in each process's own memory: it holds this
 * process's driver function pointers and, per direction, a pointer to the
 * port's queue-pointer array (which lives in shared memory, in the port's
 * rte_eth_dev_data) and to this process's callback-head array. The inline
 * rte_eth_rx_burst reads one entry, one queue pointer and makes one
 * indirect call; no lock, no branch on the driver.
 *
 * A port that is not started has its entry pointed at dummy functions that
 * return 0, so a burst on a stopped port is harmless. Writers (start/stop,
 * on the control thread) store the fields with release; the fast path reads
 * them plainly: the application must not stop a port while another lcore
 * polls it (DPDK's rule), so no ordering pair is needed beyond that. */
#ifndef _RTE_ETHDEV_CORE_H_
#define _RTE_ETHDEV_CORE_H_

#include <stdint.h>
#include <rte_common.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_eth_dev;

typedef uint16_t (*eth_rx_burst_t)(void *rxq, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);
typedef uint16_t (*eth_tx_burst_t)(void *txq, struct rte_mbuf **tx_pkts, uint16_t nb_pkts);
typedef uint16_t (*eth_tx_prep_t)(void *txq, struct rte_mbuf **tx_pkts, uint16_t nb_pkts);
typedef uint32_t (*eth_rx_queue_count_t)(void *rxq);
typedef int (*eth_rx_descriptor_status_t)(void *rxq, uint16_t offset);
typedef int (*eth_tx_descriptor_status_t)(void *txq, uint16_t offset);

struct rte_ethdev_qdata {
	void **data;    /* queue objects, RTE_MAX_QUEUES_PER_PORT entries (shared) */
	void **clbk;    /* callback chain heads, same count (process-local) */
};

struct rte_eth_fp_ops {
	eth_rx_burst_t rx_pkt_burst;
	eth_rx_queue_count_t rx_queue_count;
	eth_rx_descriptor_status_t rx_descriptor_status;
	struct rte_ethdev_qdata rxq;
	uintptr_t reserved1[3];
	eth_tx_burst_t tx_pkt_burst;
	eth_tx_prep_t tx_pkt_prepare;
	eth_tx_descriptor_status_t tx_descriptor_status;
	struct rte_ethdev_qdata txq;
	uintptr_t reserved2[3];
} __rte_cache_aligned;

extern struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];

#ifdef __cplusplus
}
#endif
#endif
