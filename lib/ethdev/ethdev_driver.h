/* SPDX-License-Identifier: BSD-3-Clause
 * The driver interface of ethdev (not installed): what a poll-mode driver
 * sees and must provide. docs/ethdev.md walks through writing a driver.
 *
 * Split of a port's state:
 *   struct rte_eth_dev_data  - SHARED (memzone "rte_eth_dev_data", one slot
 *                              per port): name, queue counts and queue
 *                              pointers, configuration, MAC, link, RSS
 *                              state, dev_private. Every pointer stored here
 *                              points into shared memory (rte_malloc), which
 *                              is mapped at the same address in every process.
 *   struct rte_eth_dev       - PROCESS-LOCAL (rte_eth_devices[port]): driver
 *                              ops and burst functions of this process,
 *                              process_private (fds, mappings), callbacks.
 *   struct rte_eth_fp_ops    - PROCESS-LOCAL (rte_eth_fp_ops[port]): what the
 *                              inline bursts read; set at start, reset at stop.
 *
 * A driver provides: an eth_dev_ops table (dev_infos_get, dev_configure,
 * dev_start, dev_stop, dev_close, rx/tx_queue_setup and _release are
 * required; the rest optional), rx/tx burst functions, and queue objects
 * whose FIRST member is a struct eth_queue_stats, allocated in shared memory
 * and stored by the setup op in data->rx_queues[i] / data->tx_queues[i].
 * The core sums queue counters for rte_eth_stats_get and the generic xstats;
 * a driver's stats_get op adds device-level counters (imissed...) and its
 * xstats ops add the driver's own names after the generic ones.
 *
 * Software RSS for drivers without hardware: the core keeps key, hash types
 * and redirection table in data->rss (rte_eth_dev_rss_* work on any driver
 * that reports reta_size > 0 and no rss op of its own); a driver calls
 * ethdev_rss_hash_mbuf() / ethdev_rss_queue() to hash and steer. */
#ifndef DPLITE_ETHDEV_DRIVER_H
#define DPLITE_ETHDEV_DRIVER_H

#include <stdint.h>
#include <rte_ethdev.h>
#include <rte_spinlock.h>
#include "bus_driver.h"

#define ETHDEV_LOG(level, ...) RTE_ETHDEV_LOG(level, __VA_ARGS__)

/* ---- per-queue counters ---------------------------------------------------------------------
 * Written only by the lcore that polls the queue (plain load + relaxed
 * 64-bit store: single writer, no RMW atomics); read by any thread with
 * relaxed loads. A reader may see a packet count that is one burst ahead of
 * the byte count; nothing is published through these, so there is no
 * ordering pair. Reset does not write the counters: it records a baseline
 * (base_*) that readers subtract, keeping the single-writer rule. */
struct eth_queue_stats {
	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;     /* rx: bad packets dropped; tx: packets the driver dropped */
	uint64_t nombuf;     /* rx: mbuf allocation failures */
	uint64_t base_packets, base_bytes, base_errors, base_nombuf;
} __rte_cache_aligned;

static __rte_always_inline void
eth_qstats_add(struct eth_queue_stats *s, uint64_t pkts, uint64_t bytes)
{
	__atomic_store_n(&s->packets, s->packets + pkts, __ATOMIC_RELAXED);
	__atomic_store_n(&s->bytes, s->bytes + bytes, __ATOMIC_RELAXED);
}
static __rte_always_inline void
eth_qstats_err(struct eth_queue_stats *s, uint64_t n)
{
	__atomic_store_n(&s->errors, s->errors + n, __ATOMIC_RELAXED);
}
static __rte_always_inline void
eth_qstats_nombuf(struct eth_queue_stats *s, uint64_t n)
{
	__atomic_store_n(&s->nombuf, s->nombuf + n, __ATOMIC_RELAXED);
}

/* ---- shared port state ---------------------------------------------------------------------- */
#define ETH_RSS_KEY_MAX 52          /* room for the 40-byte default and 52-byte keys */
#define ETH_RSS_RETA_MAX RTE_ETH_RSS_RETA_SIZE_512
#define ETH_MAX_MAC_ADDRS 4

/* Software RSS state; table[] is derived from key (rebuilt when the key
 * changes, under the port's lock; the fast path reads it without a lock,
 * so changing the key while packets flow gives a mix of old and new
 * hashes for a moment, as a NIC would). */
struct eth_rss_state {
	uint8_t key[ETH_RSS_KEY_MAX];
	uint8_t key_len;
	uint64_t hf;                         /* enabled RTE_ETH_RSS_* types */
	uint16_t reta_size;                  /* 0: RSS not offered by the driver */
	uint16_t reta[ETH_RSS_RETA_MAX];
	uint32_t (*table)[256];              /* [input byte][value], shared memory */
	uint16_t table_bytes;
};

struct rte_eth_dev_data {
	char name[RTE_ETH_NAME_MAX_LEN];
	void **rx_queues;                    /* -> rxq[] below */
	void **tx_queues;                    /* -> txq[] below */
	uint16_t nb_rx_queues;
	uint16_t nb_tx_queues;
	struct rte_eth_dev_sriov sriov;
	void *dev_private;                   /* driver's shared state (rte_malloc) */
	struct rte_eth_link dev_link;        /* 64-bit atomic word */
	struct rte_eth_conf dev_conf;
	uint16_t mtu;
	uint32_t min_rx_buf_size;
	uint64_t rx_mbuf_alloc_failed;
	struct rte_ether_addr *mac_addrs;    /* -> mac[] below */
	uint64_t mac_pool_sel[ETH_MAX_MAC_ADDRS];
	uint16_t port_id;
	int numa_node;
	__extension__
	uint8_t promiscuous : 1, scattered_rx : 1, all_multicast : 1, dev_started : 1,
		lro : 1, dev_configured : 1, flow_configured : 1;
	uint8_t rx_queue_state[RTE_MAX_QUEUES_PER_PORT];
	uint8_t tx_queue_state[RTE_MAX_QUEUES_PER_PORT];
	uint32_t dev_flags;                  /* RTE_ETH_DEV_* */
	uint16_t backer_port_id;
	/* dplite additions */
	uint32_t in_use;                     /* slot taken (written under the shared lock) */
	uint32_t generation;                 /* bumped each time the slot is taken */
	int owner_pid;                       /* primary that created the port */
	uint16_t rxq_nb_desc[RTE_MAX_QUEUES_PER_PORT];
	uint16_t txq_nb_desc[RTE_MAX_QUEUES_PER_PORT];
	struct rte_ether_addr mac[ETH_MAX_MAC_ADDRS];
	struct eth_rss_state rss;
	void *rxq[RTE_MAX_QUEUES_PER_PORT];
	void *txq[RTE_MAX_QUEUES_PER_PORT];
} __rte_cache_aligned;

/* ---- per-process port -------------------------------------------------------------------------- */
struct rte_eth_dev;
typedef int (*eth_dev_op_t)(struct rte_eth_dev *dev);

struct eth_dev_ops {
	int (*dev_infos_get)(struct rte_eth_dev *dev, struct rte_eth_dev_info *info);
	eth_dev_op_t dev_configure;
	eth_dev_op_t dev_start;
	eth_dev_op_t dev_stop;
	eth_dev_op_t dev_close;          /* free driver state; the core frees the port */
	eth_dev_op_t dev_reset;
	eth_dev_op_t dev_set_link_up;
	eth_dev_op_t dev_set_link_down;
	int (*link_update)(struct rte_eth_dev *dev, int wait_to_complete);
	eth_dev_op_t promiscuous_enable;
	eth_dev_op_t promiscuous_disable;
	eth_dev_op_t allmulticast_enable;
	eth_dev_op_t allmulticast_disable;
	int (*mac_addr_set)(struct rte_eth_dev *dev, struct rte_ether_addr *addr);
	int (*mtu_set)(struct rte_eth_dev *dev, uint16_t mtu);
	int (*rx_queue_setup)(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			      unsigned int socket_id, const struct rte_eth_rxconf *conf,
			      struct rte_mempool *mp);
	int (*tx_queue_setup)(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			      unsigned int socket_id, const struct rte_eth_txconf *conf);
	void (*rx_queue_release)(struct rte_eth_dev *dev, uint16_t qid);
	void (*tx_queue_release)(struct rte_eth_dev *dev, uint16_t qid);
	int (*rx_queue_start)(struct rte_eth_dev *dev, uint16_t qid);
	int (*rx_queue_stop)(struct rte_eth_dev *dev, uint16_t qid);
	int (*tx_queue_start)(struct rte_eth_dev *dev, uint16_t qid);
	int (*tx_queue_stop)(struct rte_eth_dev *dev, uint16_t qid);
	void (*rxq_info_get)(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qi);
	void (*txq_info_get)(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_txq_info *qi);
	int (*tx_done_cleanup)(void *txq, uint32_t free_cnt);
	/* device-level counters added to the queue sums (imissed, ...) */
	int (*stats_get)(struct rte_eth_dev *dev, struct rte_eth_stats *stats);
	int (*stats_reset)(struct rte_eth_dev *dev);
	/* the driver's own xstats, listed after the generic ones */
	int (*xstats_get_names)(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
				unsigned int size);
	int (*xstats_get)(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats, unsigned int n);
	int (*xstats_reset)(struct rte_eth_dev *dev);
	/* hardware RSS; NULL: the core's software RSS state is used */
	int (*reta_update)(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *conf,
			   uint16_t size);
	int (*reta_query)(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *conf,
			  uint16_t size);
	int (*rss_hash_update)(struct rte_eth_dev *dev, struct rte_eth_rss_conf *conf);
	int (*rss_hash_conf_get)(struct rte_eth_dev *dev, struct rte_eth_rss_conf *conf);
};

struct rte_eth_rxtx_callback {
	struct rte_eth_rxtx_callback *next;
	union {
		rte_rx_callback_fn rx;
		rte_tx_callback_fn tx;
	} fn;
	void *param;
};

struct rte_eth_dev {
	eth_rx_burst_t rx_pkt_burst;
	eth_tx_burst_t tx_pkt_burst;
	eth_tx_prep_t tx_pkt_prepare;
	eth_rx_queue_count_t rx_queue_count;
	eth_rx_descriptor_status_t rx_descriptor_status;
	eth_tx_descriptor_status_t tx_descriptor_status;
	struct rte_eth_dev_data *data;       /* shared */
	void *process_private;               /* this process's fds, mappings */
	const struct eth_dev_ops *dev_ops;
	struct rte_device *device;
	enum rte_eth_dev_state state;
	uint32_t refused_logged;             /* burst-refused log lines since start */
	uint32_t generation;                 /* data->generation when this process attached */
	struct rte_eth_rxtx_callback *post_rx_burst_cbs[RTE_MAX_QUEUES_PER_PORT];
	struct rte_eth_rxtx_callback *pre_tx_burst_cbs[RTE_MAX_QUEUES_PER_PORT];
} __rte_cache_aligned;

extern struct rte_eth_dev rte_eth_devices[RTE_MAX_ETHPORTS];

/* ---- calls for drivers ---------------------------------------------------------------------------- */
/* Primary: take a free port slot named name (-> dev, state UNUSED until
 * ethdev_probing_finish). NULL + log if the name exists or no slot is free. */
struct rte_eth_dev *ethdev_allocate(const char *name);
/* Secondary: attach to the primary's port called name. */
struct rte_eth_dev *ethdev_attach_secondary(const char *name);
struct rte_eth_dev *ethdev_allocated(const char *name);
/* Announce the port (state ATTACHED, RTE_ETH_EVENT_NEW). */
void ethdev_probing_finish(struct rte_eth_dev *dev);
/* Give the slot back (primary: frees data; secondary: detaches only). */
int ethdev_release_port(struct rte_eth_dev *dev);
/* Store a new link state; if it changed and the application asked for LSC
 * interrupts, run the RTE_ETH_EVENT_INTR_LSC callbacks. Returns 1 if changed. */
int ethdev_link_set(struct rte_eth_dev *dev, const struct rte_eth_link *link);
/* A driver's queue object: size bytes, zeroed, cache-line aligned, on
 * socket (SOCKET_ID_ANY: the port's NUMA node); NULL when out of memory.
 * Freed by ethdev_rxq_free/ethdev_txq_free, which a driver whose queue
 * object owns nothing else can use as its rx/tx_queue_release ops. */
void *ethdev_queue_zalloc(struct rte_eth_dev *dev, const char *type, size_t size,
			  unsigned int socket);
void ethdev_rxq_free(struct rte_eth_dev *dev, uint16_t qid);
void ethdev_txq_free(struct rte_eth_dev *dev, uint16_t qid);
int ethdev_callback_process(struct rte_eth_dev *dev, enum rte_eth_event_type event,
			    void *ret_param);

/* Software RSS: hash of an Ethernet frame under the port's key and hash
 * types (0 when no enabled type matches), and the rx queue it maps to. */
uint32_t ethdev_rss_hash_mbuf(const struct rte_eth_dev_data *data, const struct rte_mbuf *m);
static inline uint16_t ethdev_rss_queue(const struct rte_eth_dev_data *data, uint32_t hash)
{
	return data->rss.reta[hash % data->rss.reta_size];
}
/* Set hash.rss and RTE_MBUF_F_RX_RSS_HASH on n received packets. */
void ethdev_rss_mark(const struct rte_eth_dev_data *data, struct rte_mbuf **pkts, uint16_t n);
/* Does the port want hashes on received packets? (RSS mode or RSS_HASH offload) */
static inline int ethdev_rss_wanted(const struct rte_eth_dev_data *data)
{
	return data->rss.reta_size != 0 &&
	       ((data->dev_conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) ||
		(data->dev_conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_RSS_HASH));
}
/* Give a port software RSS (called by drivers from probe): key = default. */
void ethdev_rss_init(struct rte_eth_dev_data *data, uint16_t reta_size);

/* ---- internal to lib/ethdev -------------------------------------------------------------------- */
/* A port is valid here if this process attached it and the primary has not
 * since closed it (a secondary sees the slot freed or taken again by a new
 * port through in_use/generation, both in shared memory). */
static inline struct rte_eth_dev *ethdev_valid(uint16_t port_id)
{
	struct rte_eth_dev *dev;

	if (port_id >= RTE_MAX_ETHPORTS)
		return NULL;
	dev = &rte_eth_devices[port_id];
	if (dev->state != RTE_ETH_DEV_ATTACHED ||
	    !__atomic_load_n(&dev->data->in_use, __ATOMIC_ACQUIRE) ||
	    __atomic_load_n(&dev->data->generation, __ATOMIC_RELAXED) != dev->generation)
		return NULL;
	return dev;
}
#define GET_DEV_OR_RET(dev, port_id, ret) do { \
	(dev) = ethdev_valid(port_id); \
	if ((dev) == NULL) { \
		ETHDEV_LOG(ERR, "%s: invalid port_id=%u\n", __func__, (unsigned int)(port_id)); \
		return ret; \
	} \
} while (0)
void ethdev_fp_ops_reset(uint16_t port_id);
void ethdev_fp_ops_setup(struct rte_eth_dev *dev);
int ethdev_shared_prepare(void);
void ethdev_shared_forget(void);
int ethdev_rss_configure(struct rte_eth_dev *dev, const struct rte_eth_conf *conf);
void ethdev_rss_free(struct rte_eth_dev_data *data);
int ethdev_shared_lock(void);
void ethdev_shared_unlock(void);


#endif
