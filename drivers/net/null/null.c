/* SPDX-License-Identifier: BSD-3-Clause
 * net_null: a source and sink at memory speed (DPDK's net_null).
 *
 *   --vdev=net_null0[,size=N][,copy=0|1][,no-rx=0|1]
 *
 * rx allocates a burst of mbufs from the queue's pool and hands them up as
 * size-byte packets (zero-filled once at pool-level init is not promised:
 * with copy=1 every packet is copied from a zeroed template, as DPDK does,
 * otherwise the payload is whatever the mbuf held); tx frees what it is
 * given (copy=1 first copies each packet's first segment into a scratch
 * buffer). no-rx=1 makes rx return nothing. Any number of queues (up to
 * RTE_MAX_QUEUES_PER_PORT); software RSS marks every packet of an RSS port.
 *
 * Owns: its port's dev_private (struct null_priv, shared memory) and queue
 * objects (shared memory, first member the core's eth_queue_stats). Each
 * queue is polled by one lcore at a time; counters follow the core's
 * single-writer rule, so there is no ordering pair here. A secondary
 * process attaches to the primary's port and gets its own burst pointers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <rte_ethdev.h>
#include <rte_kvargs.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include "ethdev_driver.h"

#define NULL_DEFAULT_SIZE 64
#define NULL_MAX_SIZE 65535

static const char *const valid_args[] = { "size", "copy", "no-rx", NULL };

struct null_priv {
	uint32_t size;
	uint8_t copy;
	uint8_t no_rx;
	struct rte_ether_addr mac;
	uint8_t *template_pkt;      /* size bytes of zeros (copy=1 rx source) */
	uint8_t *scratch;           /* copy=1 tx sink */
};

struct null_queue {
	struct eth_queue_stats stats;       /* first: the core sums it */
	struct rte_mempool *mp;             /* rx only */
	struct null_priv *priv;
	struct rte_eth_dev_data *data;
	uint16_t port_id;
	uint16_t qid;
	uint16_t nb_desc;
} __rte_cache_aligned;

/* ---- fast path ---------------------------------------------------------------------------------- */
static uint16_t null_rx(void *q, struct rte_mbuf **bufs, uint16_t nb)
{
	struct null_queue *rq = q;
	const struct null_priv *p = rq->priv;
	uint32_t size = p->size;

	if (p->no_rx || nb == 0)
		return 0;
	if (rte_pktmbuf_alloc_bulk(rq->mp, bufs, nb) != 0) {
		eth_qstats_nombuf(&rq->stats, nb);
		return 0;
	}
	for (uint16_t i = 0; i < nb; i++) {
		struct rte_mbuf *m = bufs[i];
		m->data_len = (uint16_t)size;
		m->pkt_len = size;
		m->port = rq->port_id;
		if (p->copy)
			rte_memcpy(rte_pktmbuf_mtod(m, void *), p->template_pkt, size);
	}
	if (unlikely(ethdev_rss_wanted(rq->data)))
		ethdev_rss_mark(rq->data, bufs, nb);
	eth_qstats_add(&rq->stats, nb, (uint64_t)nb * size);
	return nb;
}

static uint16_t null_tx(void *q, struct rte_mbuf **bufs, uint16_t nb)
{
	struct null_queue *tq = q;
	const struct null_priv *p = tq->priv;
	uint64_t bytes = 0;

	for (uint16_t i = 0; i < nb; i++) {
		bytes += bufs[i]->pkt_len;
		if (p->copy)
			rte_memcpy(p->scratch, rte_pktmbuf_mtod(bufs[i], void *),
				   RTE_MIN(bufs[i]->data_len, p->size));
	}
	rte_pktmbuf_free_bulk(bufs, nb);
	eth_qstats_add(&tq->stats, nb, bytes);
	return nb;
}

/* ---- control ------------------------------------------------------------------------------------------ */
static struct null_priv *priv_of(struct rte_eth_dev *dev)
{
	return dev->data->dev_private;
}

static int null_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	info->max_mac_addrs = 1;
	info->max_rx_pktlen = (uint32_t)-1;
	info->max_rx_queues = RTE_MAX_QUEUES_PER_PORT;
	info->max_tx_queues = RTE_MAX_QUEUES_PER_PORT;
	info->min_rx_bufsize = 0;
	info->max_mtu = UINT16_MAX;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_MT_LOCKFREE |
				RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_RSS_HASH;
	info->reta_size = dev->data->rss.reta_size;
	info->hash_key_size = 40;
	info->flow_type_rss_offloads = RTE_ETH_RSS_IP | RTE_ETH_RSS_TCP | RTE_ETH_RSS_UDP;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	return 0;
}

static int null_configure(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }

static int null_link(struct rte_eth_dev *dev, int up)
{
	struct rte_eth_link l = {
		.link_speed = RTE_ETH_SPEED_NUM_10G,
		.link_duplex = RTE_ETH_LINK_FULL_DUPLEX,
		.link_autoneg = RTE_ETH_LINK_FIXED,
		.link_status = up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN,
	};
	ethdev_link_set(dev, &l);
	return 0;
}

static int null_start(struct rte_eth_dev *dev) { return null_link(dev, 1); }
static int null_stop(struct rte_eth_dev *dev) { return null_link(dev, 0); }
static int null_link_up(struct rte_eth_dev *dev) { return null_link(dev, 1); }
static int null_link_down(struct rte_eth_dev *dev) { return null_link(dev, 0); }
static int null_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(wait);
	return 0;
}

static struct null_queue *queue_new(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
				    unsigned int socket)
{
	struct null_queue *q = ethdev_queue_zalloc(dev, "null_queue", sizeof(*q), socket);
	if (q == NULL)
		return NULL;
	q->priv = priv_of(dev);
	q->data = dev->data;
	q->port_id = dev->data->port_id;
	q->qid = qid;
	q->nb_desc = nb_desc;
	return q;
}

static int null_rxq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket, const struct rte_eth_rxconf *conf,
			  struct rte_mempool *mp)
{
	struct null_queue *q;

	RTE_SET_USED(conf);
	if (priv_of(dev)->size + RTE_PKTMBUF_HEADROOM > rte_pktmbuf_data_room_size(mp)) {
		RTE_ETHDEV_LOG(ERR, "net_null %s: size=%u does not fit mempool %s's buffers "
			       "(%u bytes after headroom)\n", dev->data->name, priv_of(dev)->size,
			       mp->name, rte_pktmbuf_data_room_size(mp) - RTE_PKTMBUF_HEADROOM);
		return -EINVAL;
	}
	q = queue_new(dev, qid, nb_desc, socket);
	if (q == NULL)
		return -ENOMEM;
	q->mp = mp;
	dev->data->rx_queues[qid] = q;
	return 0;
}

static int null_txq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket, const struct rte_eth_txconf *conf)
{
	struct null_queue *q;

	RTE_SET_USED(conf);
	q = queue_new(dev, qid, nb_desc, socket);
	if (q == NULL)
		return -ENOMEM;
	dev->data->tx_queues[qid] = q;
	return 0;
}

static void null_rxq_info(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qi)
{
	struct null_queue *q = dev->data->rx_queues[qid];
	qi->mp = q->mp;
}

static int null_promisc(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }

static int null_mac_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	rte_ether_addr_copy(addr, &priv_of(dev)->mac);
	return 0;
}

static int null_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(mtu);
	return 0;
}

static int null_close(struct rte_eth_dev *dev)
{
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	struct null_priv *p = priv_of(dev);
	if (p) {
		rte_free(p->template_pkt);
		rte_free(p->scratch);
		p->template_pkt = p->scratch = NULL;
	}
	return 0;
}

static const struct eth_dev_ops null_ops = {
	.dev_infos_get = null_infos_get,
	.dev_configure = null_configure,
	.dev_start = null_start,
	.dev_stop = null_stop,
	.dev_close = null_close,
	.dev_set_link_up = null_link_up,
	.dev_set_link_down = null_link_down,
	.link_update = null_link_update,
	.promiscuous_enable = null_promisc,
	.promiscuous_disable = null_promisc,
	.allmulticast_enable = null_promisc,
	.allmulticast_disable = null_promisc,
	.mac_addr_set = null_mac_set,
	.mtu_set = null_mtu_set,
	.rx_queue_setup = null_rxq_setup,
	.tx_queue_setup = null_txq_setup,
	.rx_queue_release = ethdev_rxq_free,
	.tx_queue_release = ethdev_txq_free,
	.rxq_info_get = null_rxq_info,
};

/* ---- probe / remove ---------------------------------------------------------------------------------- */
static int parse_uint(const char *name, const char *key, const char *val, unsigned long max,
		      unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(val, &end, 0);
	if (val[0] == '\0' || val[0] == '-' || *end != '\0' || errno != 0 || v > max) {
		RTE_ETHDEV_LOG(ERR, "net_null %s: bad argument %s=%s (0..%lu)\n", name, key, val, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static void set_ops(struct rte_eth_dev *dev, struct rte_vdev_device *vdev)
{
	dev->dev_ops = &null_ops;
	dev->rx_pkt_burst = null_rx;
	dev->tx_pkt_burst = null_tx;
	dev->device = &vdev->device;
}

static int null_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev), *args = rte_vdev_device_args(vdev);
	unsigned long size = NULL_DEFAULT_SIZE, copy = 0, no_rx = 0;
	struct rte_kvargs *kv = NULL;
	struct rte_eth_dev *dev;
	struct null_priv *p;
	int ret = 0;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		dev = ethdev_attach_secondary(name);
		if (dev == NULL)
			return -ENODEV;
		set_ops(dev, vdev);
		ethdev_probing_finish(dev);
		return 0;
	}
	if (args && args[0]) {
		kv = rte_kvargs_parse(args, valid_args);
		if (kv == NULL) {
			RTE_ETHDEV_LOG(ERR, "net_null %s: cannot parse arguments '%s' (valid: size, "
				       "copy, no-rx)\n", name, args);
			return -EINVAL;
		}
		for (unsigned i = 0; i < kv->count && ret == 0; i++) {
			const char *k = kv->pairs[i].key, *v = kv->pairs[i].value;
			if (strcmp(k, "size") == 0)
				ret = parse_uint(name, k, v, NULL_MAX_SIZE, &size);
			else if (strcmp(k, "copy") == 0)
				ret = parse_uint(name, k, v, 1, &copy);
			else
				ret = parse_uint(name, k, v, 1, &no_rx);
		}
		rte_kvargs_free(kv);
		if (ret < 0)
			return ret;
		if (size == 0) {
			RTE_ETHDEV_LOG(ERR, "net_null %s: bad argument size=0\n", name);
			return -EINVAL;
		}
	}
	dev = ethdev_allocate(name);
	if (dev == NULL)
		return -rte_errno;
	p = rte_zmalloc_socket("null_priv", sizeof(*p), 0, rte_socket_id());
	if (p == NULL)
		goto nomem;
	dev->data->dev_private = p;
	p->size = (uint32_t)size;
	p->copy = (uint8_t)copy;
	p->no_rx = (uint8_t)no_rx;
	p->template_pkt = rte_zmalloc_socket("null_pkt", size, 0, rte_socket_id());
	p->scratch = rte_zmalloc_socket("null_scratch", size, 0, rte_socket_id());
	if (p->template_pkt == NULL || p->scratch == NULL)
		goto nomem;
	rte_eth_random_addr(p->mac.addr_bytes);
	dev->data->mac_addrs[0] = p->mac;
	dev->data->numa_node = (int)rte_socket_id();
	dev->data->dev_flags = RTE_ETH_DEV_INTR_LSC;
	ethdev_rss_init(dev->data, RTE_ETH_RSS_RETA_SIZE_128);
	set_ops(dev, vdev);
	null_link(dev, 0);
	ethdev_probing_finish(dev);
	return 0;
nomem:
	RTE_ETHDEV_LOG(ERR, "net_null %s: out of memory\n", name);
	if (p) {
		rte_free(p->template_pkt);
		rte_free(p->scratch);
	}
	ethdev_release_port(dev);
	return -ENOMEM;
}

static int null_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = ethdev_allocated(rte_vdev_device_name(vdev));

	if (dev == NULL)
		return 0;   /* closed already */
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		rte_eth_dev_stop(dev->data->port_id);
	return rte_eth_dev_close(dev->data->port_id);
}

static struct rte_vdev_driver pmd_null_drv = {
	.probe = null_probe,
	.remove = null_remove,
};

RTE_PMD_REGISTER_VDEV(net_null, pmd_null_drv);
RTE_PMD_REGISTER_ALIAS(net_null, eth_null);
RTE_PMD_REGISTER_PARAM_STRING(net_null, "size=<int> copy=<int> no-rx=0|1");
