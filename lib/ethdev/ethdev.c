/* SPDX-License-Identifier: BSD-3-Clause
 * Ethernet ports: lifecycle (configure, queue setup, start, stop, close,
 * reset), link, MAC, MTU, receive modes, tx buffers, and the EAL hook.
 *
 * Layer: above ethdev_port.c (the port table), ethdev_cb.c (events) and
 * ethdev_rss.c (software RSS); drivers call it. Reaches drivers through
 * dev->dev_ops only and never names one.
 * Control calls (configure, setup, start, stop, close) are made by one
 * thread at a time per port, as in DPDK.
 * Error rule: negative errno + one ETHDEV_LOG line, as rte_ethdev.h says. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_lcore.h>
#include "ethdev_driver.h"
#include "ethdev_lock.h"
#include "eal_private.h"
void ethdev_probing_finish(struct rte_eth_dev *dev)
{
	if (dev == NULL)
		return;
	/* a started port (secondary attaching) polls at once */
	if (dev->data->dev_started)
		ethdev_fp_ops_setup(dev);
	__atomic_store_n(&dev->state, RTE_ETH_DEV_ATTACHED, __ATOMIC_RELEASE);
	ethdev_callback_process(dev, RTE_ETH_EVENT_NEW, NULL);
}

static int release_port(struct rte_eth_dev *dev)
{
	uint16_t id;

	if (dev == NULL || dev->data == NULL)
		return -EINVAL;
	id = (uint16_t)(dev - rte_eth_devices);
	if (dev->state != RTE_ETH_DEV_UNUSED)
		ethdev_callback_process(dev, RTE_ETH_EVENT_DESTROY, NULL);
	ethdev_fp_ops_reset(id);
	__atomic_store_n(&dev->state, RTE_ETH_DEV_UNUSED, __ATOMIC_RELEASE);
	if (rte_eal_process_type() == RTE_PROC_PRIMARY && ethdev_shared_lock() == 0) {
		uint32_t gen = dev->data->generation;
		ethdev_rss_free(dev->data);
		rte_free(dev->data->dev_private);
		memset(dev->data, 0, sizeof(*dev->data));
		dev->data->generation = gen;     /* in_use is now 0 */
		ethdev_shared_unlock();
	}
	dev->data = NULL;
	dev->dev_ops = NULL;
	dev->device = NULL;
	return 0;
}

/* ---- info ---------------------------------------------------------------------------------------- */
int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *info)
{
	struct rte_eth_dev *dev;
	static const struct rte_eth_desc_lim lim = {
		.nb_max = UINT16_MAX, .nb_min = 0, .nb_align = 1,
		.nb_seg_max = UINT16_MAX, .nb_mtu_seg_max = UINT16_MAX,
	};
	int ret;

	if (info == NULL) {
		ETHDEV_LOG(ERR, "cannot get port %u info into NULL\n", port_id);
		return -EINVAL;
	}
	memset(info, 0, sizeof(*info));
	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	info->rx_desc_lim = lim;
	info->tx_desc_lim = lim;
	info->device = dev->device;
	info->min_mtu = RTE_ETHER_MIN_MTU;
	info->max_mtu = UINT16_MAX;
	info->max_rx_pktlen = UINT16_MAX;
	info->if_index = 0;
	info->switch_info.domain_id = RTE_ETH_DEV_SWITCH_DOMAIN_ID_INVALID;
	ret = dev->dev_ops->dev_infos_get(dev, info);
	if (ret < 0) {
		ETHDEV_LOG(ERR, "port %u: driver cannot report its info: %s\n", port_id,
			   strerror(-ret));
		memset(info, 0, sizeof(*info));
		return ret;
	}
	/* the port's own RSS state is authoritative for software RSS */
	if (dev->dev_ops->reta_update == NULL) {
		info->reta_size = dev->data->rss.reta_size;
		if (info->reta_size && info->hash_key_size == 0)
			info->hash_key_size = 40;
	}
	info->max_rx_queues = RTE_MIN(info->max_rx_queues, RTE_MAX_QUEUES_PER_PORT);
	info->max_tx_queues = RTE_MIN(info->max_tx_queues, RTE_MAX_QUEUES_PER_PORT);
	info->driver_name = dev->device && dev->device->driver ? dev->device->driver->name : "";
	info->nb_rx_queues = dev->data->nb_rx_queues;
	info->nb_tx_queues = dev->data->nb_tx_queues;
	info->dev_flags = &dev->data->dev_flags;
	return 0;
}

int rte_eth_dev_conf_get(uint16_t port_id, struct rte_eth_conf *conf)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (conf == NULL) {
		ETHDEV_LOG(ERR, "cannot get port %u configuration into NULL\n", port_id);
		return -EINVAL;
	}
	memcpy(conf, &dev->data->dev_conf, sizeof(*conf));
	return 0;
}

/* ---- configure ----------------------------------------------------------------------------------- */
static void queue_release(struct rte_eth_dev *dev, int tx, uint16_t q)
{
	void **qs = tx ? dev->data->tx_queues : dev->data->rx_queues;

	if (qs[q] == NULL)
		return;
	if (tx && dev->dev_ops->tx_queue_release)
		dev->dev_ops->tx_queue_release(dev, q);
	else if (!tx && dev->dev_ops->rx_queue_release)
		dev->dev_ops->rx_queue_release(dev, q);
	qs[q] = NULL;
}

static int dev_configure(uint16_t port_id, uint16_t nb_rx_q, uint16_t nb_tx_q,
			 const struct rte_eth_conf *conf)
{
	struct rte_eth_dev *dev;
	struct rte_eth_dev_info info;
	struct rte_eth_conf c;
	int ret;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (conf == NULL) {
		ETHDEV_LOG(ERR, "port %u: cannot configure from NULL configuration\n", port_id);
		return -EINVAL;
	}
	if (dev->data->dev_started) {
		ETHDEV_LOG(ERR, "port %u must be stopped to allow configuration\n", port_id);
		return -EBUSY;
	}
	if ((ret = rte_eth_dev_info_get(port_id, &info)) < 0)
		return ret;
	memcpy(&c, conf, sizeof(c));
	if (nb_rx_q == 0 && nb_tx_q == 0) {
		nb_rx_q = info.default_rxportconf.nb_queues ? info.default_rxportconf.nb_queues :
			  RTE_ETH_DEV_FALLBACK_RX_NBQUEUES;
		nb_tx_q = info.default_txportconf.nb_queues ? info.default_txportconf.nb_queues :
			  RTE_ETH_DEV_FALLBACK_TX_NBQUEUES;
	}
	if (nb_rx_q > RTE_MAX_QUEUES_PER_PORT || nb_rx_q > info.max_rx_queues) {
		ETHDEV_LOG(ERR, "port %u: nb_rx_queues=%u > %u (driver limit)\n", port_id, nb_rx_q,
			   info.max_rx_queues);
		return -EINVAL;
	}
	if (nb_tx_q > RTE_MAX_QUEUES_PER_PORT || nb_tx_q > info.max_tx_queues) {
		ETHDEV_LOG(ERR, "port %u: nb_tx_queues=%u > %u (driver limit)\n", port_id, nb_tx_q,
			   info.max_tx_queues);
		return -EINVAL;
	}
	if (c.intr_conf.lsc && !(dev->data->dev_flags & RTE_ETH_DEV_INTR_LSC)) {
		ETHDEV_LOG(ERR, "port %u: driver %s does not support lsc\n", port_id,
			   info.driver_name);
		return -EINVAL;
	}
	if (c.intr_conf.rmv && !(dev->data->dev_flags & RTE_ETH_DEV_INTR_RMV)) {
		ETHDEV_LOG(ERR, "port %u: driver %s does not support rmv\n", port_id,
			   info.driver_name);
		return -EINVAL;
	}
	if (c.rxmode.mtu == 0)
		c.rxmode.mtu = RTE_ETHER_MTU;
	if (c.rxmode.mtu < info.min_mtu || c.rxmode.mtu > info.max_mtu) {
		ETHDEV_LOG(ERR, "port %u: MTU %u out of range [%u, %u]\n", port_id, c.rxmode.mtu,
			   info.min_mtu, info.max_mtu);
		return -EINVAL;
	}
	if (c.rxmode.mq_mode & (RTE_ETH_MQ_RX_DCB_FLAG | RTE_ETH_MQ_RX_VMDQ_FLAG)) {
		ETHDEV_LOG(ERR, "port %u: rx mq_mode %d (DCB/VMDq) is not supported\n", port_id,
			   (int)c.rxmode.mq_mode);
		return -EINVAL;
	}
	if (c.txmode.mq_mode != RTE_ETH_MQ_TX_NONE) {
		ETHDEV_LOG(ERR, "port %u: tx mq_mode %d is not supported\n", port_id,
			   (int)c.txmode.mq_mode);
		return -EINVAL;
	}
	if ((c.rxmode.offloads & info.rx_offload_capa) != c.rxmode.offloads) {
		ETHDEV_LOG(ERR, "port %u: rx offloads 0x%" PRIx64 " requested, capabilities 0x%"
			   PRIx64 "\n", port_id, c.rxmode.offloads, info.rx_offload_capa);
		return -EINVAL;
	}
	if ((c.txmode.offloads & info.tx_offload_capa) != c.txmode.offloads) {
		ETHDEV_LOG(ERR, "port %u: tx offloads 0x%" PRIx64 " requested, capabilities 0x%"
			   PRIx64 "\n", port_id, c.txmode.offloads, info.tx_offload_capa);
		return -EINVAL;
	}
	c.rx_adv_conf.rss_conf.rss_hf = rte_eth_rss_hf_refine(c.rx_adv_conf.rss_conf.rss_hf);
	if ((info.flow_type_rss_offloads | c.rx_adv_conf.rss_conf.rss_hf) !=
	    info.flow_type_rss_offloads) {
		ETHDEV_LOG(ERR, "port %u: invalid rss_hf 0x%" PRIx64 ", valid value 0x%" PRIx64 "\n",
			   port_id, c.rx_adv_conf.rss_conf.rss_hf, info.flow_type_rss_offloads);
		return -EINVAL;
	}
	if (!(c.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) &&
	    (c.rxmode.offloads & RTE_ETH_RX_OFFLOAD_RSS_HASH)) {
		ETHDEV_LOG(ERR, "port %u: RTE_ETH_RX_OFFLOAD_RSS_HASH needs mq_mode RSS\n", port_id);
		return -EINVAL;
	}
	if (c.rx_adv_conf.rss_conf.rss_key != NULL &&
	    c.rx_adv_conf.rss_conf.rss_key_len != info.hash_key_size) {
		ETHDEV_LOG(ERR, "port %u: RSS key length %u, the port needs %u\n", port_id,
			   c.rx_adv_conf.rss_conf.rss_key_len, info.hash_key_size);
		return -EINVAL;
	}

	/* queues beyond the new counts go away; the rest stay set up */
	for (uint16_t q = nb_rx_q; q < dev->data->nb_rx_queues; q++)
		queue_release(dev, 0, q);
	for (uint16_t q = nb_tx_q; q < dev->data->nb_tx_queues; q++)
		queue_release(dev, 1, q);
	memcpy(&dev->data->dev_conf, &c, sizeof(c));
	/* the key pointer is the caller's; the port keeps its own copy */
	dev->data->dev_conf.rx_adv_conf.rss_conf.rss_key = NULL;
	dev->data->nb_rx_queues = nb_rx_q;
	dev->data->nb_tx_queues = nb_tx_q;
	dev->data->mtu = (uint16_t)c.rxmode.mtu;
	if (dev->dev_ops->reta_update == NULL && dev->data->rss.reta_size != 0) {
		ret = ethdev_rss_configure(dev, &c);
		if (ret < 0)
			goto fail;
	}
	ret = dev->dev_ops->dev_configure(dev);
	if (ret < 0) {
		ETHDEV_LOG(ERR, "port %u: driver refused the configuration: %s\n", port_id,
			   strerror(-ret));
		goto fail;
	}
	dev->data->dev_configured = 1;
	return 0;
fail:
	dev->data->dev_configured = 0;
	return ret;
}

int rte_eth_dev_adjust_nb_rx_tx_desc(uint16_t port_id, uint16_t *nb_rx_desc,
				     uint16_t *nb_tx_desc)
{
	struct rte_eth_dev_info info;
	int ret = rte_eth_dev_info_get(port_id, &info);

	if (ret < 0)
		return ret;
	if (nb_rx_desc != NULL) {
		const struct rte_eth_desc_lim *l = &info.rx_desc_lim;
		uint16_t n = RTE_MIN(*nb_rx_desc, l->nb_max);
		n = RTE_MAX(n, l->nb_min);
		if (l->nb_align > 1)
			n = RTE_ALIGN_CEIL(n, l->nb_align);
		*nb_rx_desc = n;
	}
	if (nb_tx_desc != NULL) {
		const struct rte_eth_desc_lim *l = &info.tx_desc_lim;
		uint16_t n = RTE_MIN(*nb_tx_desc, l->nb_max);
		n = RTE_MAX(n, l->nb_min);
		if (l->nb_align > 1)
			n = RTE_ALIGN_CEIL(n, l->nb_align);
		*nb_tx_desc = n;
	}
	return 0;
}

static int desc_check(uint16_t port_id, const char *dir, uint16_t n, const struct rte_eth_desc_lim *l)
{
	if (n > l->nb_max || n < l->nb_min || (l->nb_align > 1 && n % l->nb_align != 0)) {
		ETHDEV_LOG(ERR, "port %u: %s nb_desc=%u must be <= %u, >= %u and a multiple of %u\n",
			   port_id, dir, n, l->nb_max, l->nb_min, l->nb_align);
		return -EINVAL;
	}
	return 0;
}

static int rx_queue_setup(uint16_t port_id, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket_id, const struct rte_eth_rxconf *conf,
			  struct rte_mempool *mp)
{
	struct rte_eth_dev *dev;
	struct rte_eth_dev_info info;
	struct rte_eth_rxconf local;
	int ret;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (qid >= dev->data->nb_rx_queues) {
		ETHDEV_LOG(ERR, "port %u: invalid rx queue_id=%u (port has %u)\n", port_id, qid,
			   dev->data->nb_rx_queues);
		return -EINVAL;
	}
	if (mp == NULL) {
		ETHDEV_LOG(ERR, "port %u rx queue %u: invalid NULL mempool\n", port_id, qid);
		return -EINVAL;
	}
	if ((ret = rte_eth_dev_info_get(port_id, &info)) < 0)
		return ret;
	if (rte_pktmbuf_data_room_size(mp) < info.min_rx_bufsize + RTE_PKTMBUF_HEADROOM) {
		ETHDEV_LOG(ERR, "port %u rx queue %u: mempool %s data room %u < %u + headroom %u\n",
			   port_id, qid, mp->name, rte_pktmbuf_data_room_size(mp),
			   info.min_rx_bufsize, RTE_PKTMBUF_HEADROOM);
		return -ENOSPC;
	}
	if (nb_desc == 0)
		nb_desc = info.default_rxportconf.ring_size ? info.default_rxportconf.ring_size :
			  RTE_ETH_DEV_FALLBACK_RX_RINGSIZE;
	if ((ret = desc_check(port_id, "rx", nb_desc, &info.rx_desc_lim)) < 0)
		return ret;
	if (dev->data->dev_started &&
	    (!(info.dev_capa & RTE_ETH_DEV_CAPA_RUNTIME_RX_QUEUE_SETUP) ||
	     dev->data->rx_queue_state[qid] != RTE_ETH_QUEUE_STATE_STOPPED)) {
		ETHDEV_LOG(ERR, "port %u: cannot set up rx queue %u while the port is started\n",
			   port_id, qid);
		return -EBUSY;
	}
	if (conf == NULL)
		conf = &info.default_rxconf;
	local = *conf;
	local.offloads |= dev->data->dev_conf.rxmode.offloads;
	if ((conf->offloads & info.rx_queue_offload_capa & ~info.rx_offload_capa) != 0 ||
	    (conf->offloads & ~(info.rx_offload_capa | info.rx_queue_offload_capa)) != 0) {
		ETHDEV_LOG(ERR, "port %u rx queue %u: offloads 0x%" PRIx64 " not supported\n",
			   port_id, qid, conf->offloads);
		return -EINVAL;
	}
	queue_release(dev, 0, qid);
	ret = dev->dev_ops->rx_queue_setup(dev, qid, nb_desc, socket_id, &local, mp);
	if (ret < 0) {
		ETHDEV_LOG(ERR, "port %u: rx queue %u setup failed: %s\n", port_id, qid,
			   strerror(-ret));
		return ret;
	}
	dev->data->rxq_nb_desc[qid] = nb_desc;
	dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	if (dev->data->min_rx_buf_size == 0 ||
	    dev->data->min_rx_buf_size > rte_pktmbuf_data_room_size(mp))
		dev->data->min_rx_buf_size = rte_pktmbuf_data_room_size(mp);
	return 0;
}

static int tx_queue_setup(uint16_t port_id, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket_id, const struct rte_eth_txconf *conf)
{
	struct rte_eth_dev *dev;
	struct rte_eth_dev_info info;
	struct rte_eth_txconf local;
	int ret;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (qid >= dev->data->nb_tx_queues) {
		ETHDEV_LOG(ERR, "port %u: invalid tx queue_id=%u (port has %u)\n", port_id, qid,
			   dev->data->nb_tx_queues);
		return -EINVAL;
	}
	if ((ret = rte_eth_dev_info_get(port_id, &info)) < 0)
		return ret;
	if (nb_desc == 0)
		nb_desc = info.default_txportconf.ring_size ? info.default_txportconf.ring_size :
			  RTE_ETH_DEV_FALLBACK_TX_RINGSIZE;
	if ((ret = desc_check(port_id, "tx", nb_desc, &info.tx_desc_lim)) < 0)
		return ret;
	if (dev->data->dev_started &&
	    (!(info.dev_capa & RTE_ETH_DEV_CAPA_RUNTIME_TX_QUEUE_SETUP) ||
	     dev->data->tx_queue_state[qid] != RTE_ETH_QUEUE_STATE_STOPPED)) {
		ETHDEV_LOG(ERR, "port %u: cannot set up tx queue %u while the port is started\n",
			   port_id, qid);
		return -EBUSY;
	}
	if (conf == NULL)
		conf = &info.default_txconf;
	local = *conf;
	local.offloads |= dev->data->dev_conf.txmode.offloads;
	if ((conf->offloads & ~(info.tx_offload_capa | info.tx_queue_offload_capa)) != 0) {
		ETHDEV_LOG(ERR, "port %u tx queue %u: offloads 0x%" PRIx64 " not supported\n",
			   port_id, qid, conf->offloads);
		return -EINVAL;
	}
	queue_release(dev, 1, qid);
	ret = dev->dev_ops->tx_queue_setup(dev, qid, nb_desc, socket_id, &local);
	if (ret < 0) {
		ETHDEV_LOG(ERR, "port %u: tx queue %u setup failed: %s\n", port_id, qid,
			   strerror(-ret));
		return ret;
	}
	dev->data->txq_nb_desc[qid] = nb_desc;
	dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

int rte_eth_rx_queue_info_get(uint16_t port_id, uint16_t qid, struct rte_eth_rxq_info *qi)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (qi == NULL || qid >= dev->data->nb_rx_queues || dev->data->rx_queues[qid] == NULL) {
		ETHDEV_LOG(ERR, "port %u: rx queue %u info: bad queue or NULL output\n", port_id, qid);
		return -EINVAL;
	}
	memset(qi, 0, sizeof(*qi));
	qi->nb_desc = dev->data->rxq_nb_desc[qid];
	qi->queue_state = dev->data->rx_queue_state[qid];
	if (dev->dev_ops->rxq_info_get)
		dev->dev_ops->rxq_info_get(dev, qid, qi);
	return 0;
}

int rte_eth_tx_queue_info_get(uint16_t port_id, uint16_t qid, struct rte_eth_txq_info *qi)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (qi == NULL || qid >= dev->data->nb_tx_queues || dev->data->tx_queues[qid] == NULL) {
		ETHDEV_LOG(ERR, "port %u: tx queue %u info: bad queue or NULL output\n", port_id, qid);
		return -EINVAL;
	}
	memset(qi, 0, sizeof(*qi));
	qi->nb_desc = dev->data->txq_nb_desc[qid];
	qi->queue_state = dev->data->tx_queue_state[qid];
	if (dev->dev_ops->txq_info_get)
		dev->dev_ops->txq_info_get(dev, qid, qi);
	return 0;
}

static int queue_state_op(uint16_t port_id, uint16_t qid, int tx, int start)
{
	struct rte_eth_dev *dev = ethdev_valid(port_id);
	int (*op)(struct rte_eth_dev *, uint16_t);
	int ret;

	if (dev == NULL) {
		ETHDEV_LOG(ERR, "rte_eth_dev_%s_queue_%s: invalid port_id=%u\n", tx ? "tx" : "rx",
			   start ? "start" : "stop", port_id);
		return -ENODEV;
	}
	uint16_t nb = tx ? dev->data->nb_tx_queues : dev->data->nb_rx_queues;
	void **qs = tx ? dev->data->tx_queues : dev->data->rx_queues;
	uint8_t *state = tx ? dev->data->tx_queue_state : dev->data->rx_queue_state;
	if (qid >= nb || qs[qid] == NULL) {
		ETHDEV_LOG(ERR, "port %u: invalid %s queue_id=%u\n", port_id, tx ? "tx" : "rx", qid);
		return -EINVAL;
	}
	if (!dev->data->dev_started) {
		ETHDEV_LOG(ERR, "port %u must be started before %s queue %u can %s\n", port_id,
			   tx ? "tx" : "rx", qid, start ? "start" : "stop");
		return -EINVAL;
	}
	if (tx)
		op = start ? dev->dev_ops->tx_queue_start : dev->dev_ops->tx_queue_stop;
	else
		op = start ? dev->dev_ops->rx_queue_start : dev->dev_ops->rx_queue_stop;
	if (op == NULL)
		return -ENOTSUP;
	if (state[qid] == (start ? RTE_ETH_QUEUE_STATE_STARTED : RTE_ETH_QUEUE_STATE_STOPPED))
		return 0;
	ret = op(dev, qid);
	if (ret == 0)
		state[qid] = start ? RTE_ETH_QUEUE_STATE_STARTED : RTE_ETH_QUEUE_STATE_STOPPED;
	return ret;
}

int rte_eth_dev_rx_queue_start(uint16_t port_id, uint16_t q) { return queue_state_op(port_id, q, 0, 1); }
int rte_eth_dev_rx_queue_stop(uint16_t port_id, uint16_t q) { return queue_state_op(port_id, q, 0, 0); }
int rte_eth_dev_tx_queue_start(uint16_t port_id, uint16_t q) { return queue_state_op(port_id, q, 1, 1); }
int rte_eth_dev_tx_queue_stop(uint16_t port_id, uint16_t q) { return queue_state_op(port_id, q, 1, 0); }

/* ---- start / stop / close / reset ---------------------------------------------------------------- */
static int dev_start(uint16_t port_id)
{
	struct rte_eth_dev *dev;
	int ret;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (!dev->data->dev_configured) {
		ETHDEV_LOG(ERR, "port %u is not configured\n", port_id);
		return -EINVAL;
	}
	if (dev->data->dev_started) {
		ETHDEV_LOG(INFO, "port %u already started\n", port_id);
		return 0;
	}
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++)
		if (dev->data->rx_queues[q] == NULL) {
			ETHDEV_LOG(ERR, "port %u: rx queue %u is not set up\n", port_id, q);
			return -EINVAL;
		}
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++)
		if (dev->data->tx_queues[q] == NULL) {
			ETHDEV_LOG(ERR, "port %u: tx queue %u is not set up\n", port_id, q);
			return -EINVAL;
		}
	ret = dev->dev_ops->dev_start(dev);
	if (ret < 0) {
		ETHDEV_LOG(ERR, "port %u: driver failed to start: %s\n", port_id, strerror(-ret));
		return ret;
	}
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++)
		if (dev->data->rx_queue_state[q] == RTE_ETH_QUEUE_STATE_STOPPED)
			dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++)
		if (dev->data->tx_queue_state[q] == RTE_ETH_QUEUE_STATE_STOPPED)
			dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	dev->data->dev_started = 1;
	dev->refused_logged = 0;
	ethdev_fp_ops_setup(dev);
	if (dev->dev_ops->link_update)
		dev->dev_ops->link_update(dev, 0);
	return 0;
}

static int dev_stop(uint16_t port_id)
{
	struct rte_eth_dev *dev;
	int ret;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (!dev->data->dev_started) {
		ETHDEV_LOG(INFO, "port %u already stopped\n", port_id);
		return 0;
	}
	ethdev_fp_ops_reset(port_id);
	dev->refused_logged = 0;
	ret = dev->dev_ops->dev_stop(dev);
	if (ret < 0) {
		ETHDEV_LOG(ERR, "port %u: driver failed to stop: %s\n", port_id, strerror(-ret));
		ethdev_fp_ops_setup(dev);
		return ret;
	}
	dev->data->dev_started = 0;
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++)
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++)
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static int dev_close(uint16_t port_id)
{
	struct rte_eth_dev *dev;
	int ret, first = 0;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (rte_eal_process_type() == RTE_PROC_PRIMARY && dev->data->dev_started) {
		ETHDEV_LOG(ERR, "cannot close started port %u\n", port_id);
		return -EINVAL;
	}
	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++)
			queue_release(dev, 0, q);
		for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++)
			queue_release(dev, 1, q);
		dev->data->nb_rx_queues = dev->data->nb_tx_queues = 0;
	}
	ret = dev->dev_ops->dev_close(dev);
	if (ret < 0) {
		ETHDEV_LOG(ERR, "port %u: driver close failed: %s\n", port_id, strerror(-ret));
		first = ret;
	}
	ethdev_release_port(dev);
	return first;
}

int rte_eth_dev_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev;
	int ret;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (dev->dev_ops->dev_reset == NULL)
		return -ENOTSUP;
	ret = rte_eth_dev_stop(port_id);
	if (ret != 0)
		ETHDEV_LOG(ERR, "port %u: stop before reset failed (%s), reset anyway\n", port_id,
			   strerror(-ret));
	return dev->dev_ops->dev_reset(dev);
}

/* ---- link ----------------------------------------------------------------------------------------- */
void *ethdev_queue_zalloc(struct rte_eth_dev *dev, const char *type, size_t size,
			  unsigned int socket)
{
	int node = (int)socket == SOCKET_ID_ANY ? dev->data->numa_node : (int)socket;
	return rte_zmalloc_socket(type, size, RTE_CACHE_LINE_SIZE, node);
}

void ethdev_rxq_free(struct rte_eth_dev *dev, uint16_t qid)
{
	rte_free(dev->data->rx_queues[qid]);
}

void ethdev_txq_free(struct rte_eth_dev *dev, uint16_t qid)
{
	rte_free(dev->data->tx_queues[qid]);
}

int ethdev_link_set(struct rte_eth_dev *dev, const struct rte_eth_link *link)
{
	uint64_t nv, ov;
	struct rte_eth_link clean;

	/* Rebuilt field by field on a zeroed struct: a caller's struct may carry
	 * stray padding bits (designated initialisers need not clear them), and
	 * the 64-bit compare below would see those as a change and fire LSC. */
	memset(&clean, 0, sizeof(clean));
	clean.link_speed = link->link_speed;
	clean.link_duplex = link->link_duplex;
	clean.link_autoneg = link->link_autoneg;
	clean.link_status = link->link_status;
	memcpy(&nv, &clean, sizeof(nv));
	ov = __atomic_exchange_n((uint64_t *)(uintptr_t)&dev->data->dev_link, nv, __ATOMIC_ACQ_REL);
	if (ov == nv)
		return 0;
	if (dev->data->dev_conf.intr_conf.lsc && dev->state == RTE_ETH_DEV_ATTACHED)
		ethdev_callback_process(dev, RTE_ETH_EVENT_INTR_LSC, NULL);
	return 1;
}

static int link_get(uint16_t port_id, struct rte_eth_link *link, int wait)
{
	struct rte_eth_dev *dev = ethdev_valid(port_id);
	uint64_t v;

	if (dev == NULL) {
		ETHDEV_LOG(ERR, "rte_eth_link_get%s: invalid port_id=%u\n", wait ? "" : "_nowait",
			   port_id);
		return -ENODEV;
	}
	if (link == NULL) {
		ETHDEV_LOG(ERR, "cannot get port %u link into NULL\n", port_id);
		return -EINVAL;
	}
	if (dev->dev_ops->link_update == NULL)
		return -ENOTSUP;
	if (!(dev->data->dev_conf.intr_conf.lsc && dev->data->dev_started))
		dev->dev_ops->link_update(dev, wait);
	v = __atomic_load_n((uint64_t *)(uintptr_t)&dev->data->dev_link, __ATOMIC_ACQUIRE);
	memcpy(link, &v, sizeof(v));
	return 0;
}

int rte_eth_link_get(uint16_t port_id, struct rte_eth_link *link) { return link_get(port_id, link, 1); }
int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link) { return link_get(port_id, link, 0); }

const char *rte_eth_link_speed_to_str(uint32_t speed)
{
	switch (speed) {
	case RTE_ETH_SPEED_NUM_NONE: return "None";
	case RTE_ETH_SPEED_NUM_10M: return "10 Mbps";
	case RTE_ETH_SPEED_NUM_100M: return "100 Mbps";
	case RTE_ETH_SPEED_NUM_1G: return "1 Gbps";
	case RTE_ETH_SPEED_NUM_2_5G: return "2.5 Gbps";
	case RTE_ETH_SPEED_NUM_5G: return "5 Gbps";
	case RTE_ETH_SPEED_NUM_10G: return "10 Gbps";
	case RTE_ETH_SPEED_NUM_20G: return "20 Gbps";
	case RTE_ETH_SPEED_NUM_25G: return "25 Gbps";
	case RTE_ETH_SPEED_NUM_40G: return "40 Gbps";
	case RTE_ETH_SPEED_NUM_50G: return "50 Gbps";
	case RTE_ETH_SPEED_NUM_56G: return "56 Gbps";
	case RTE_ETH_SPEED_NUM_100G: return "100 Gbps";
	case RTE_ETH_SPEED_NUM_200G: return "200 Gbps";
	case RTE_ETH_SPEED_NUM_UNKNOWN: return "Unknown";
	default: return "Invalid";
	}
}

int rte_eth_link_to_str(char *str, size_t len, const struct rte_eth_link *l)
{
	if (str == NULL || len == 0 || l == NULL) {
		ETHDEV_LOG(ERR, "rte_eth_link_to_str: NULL string, zero size or NULL link\n");
		return -EINVAL;
	}
	if (l->link_status == RTE_ETH_LINK_DOWN)
		return snprintf(str, len, "Link down");
	return snprintf(str, len, "Link up at %s %s %s", rte_eth_link_speed_to_str(l->link_speed),
			l->link_duplex == RTE_ETH_LINK_FULL_DUPLEX ? "FDX" : "HDX",
			l->link_autoneg == RTE_ETH_LINK_AUTONEG ? "Autoneg" : "Fixed");
}

uint32_t rte_eth_speed_bitflag(uint32_t speed, int duplex)
{
	switch (speed) {
	case RTE_ETH_SPEED_NUM_10M:
		return duplex ? RTE_ETH_LINK_SPEED_10M : RTE_ETH_LINK_SPEED_10M_HD;
	case RTE_ETH_SPEED_NUM_100M:
		return duplex ? RTE_ETH_LINK_SPEED_100M : RTE_ETH_LINK_SPEED_100M_HD;
	case RTE_ETH_SPEED_NUM_1G: return RTE_ETH_LINK_SPEED_1G;
	case RTE_ETH_SPEED_NUM_2_5G: return RTE_ETH_LINK_SPEED_2_5G;
	case RTE_ETH_SPEED_NUM_5G: return RTE_ETH_LINK_SPEED_5G;
	case RTE_ETH_SPEED_NUM_10G: return RTE_ETH_LINK_SPEED_10G;
	case RTE_ETH_SPEED_NUM_20G: return RTE_ETH_LINK_SPEED_20G;
	case RTE_ETH_SPEED_NUM_25G: return RTE_ETH_LINK_SPEED_25G;
	case RTE_ETH_SPEED_NUM_40G: return RTE_ETH_LINK_SPEED_40G;
	case RTE_ETH_SPEED_NUM_50G: return RTE_ETH_LINK_SPEED_50G;
	case RTE_ETH_SPEED_NUM_56G: return RTE_ETH_LINK_SPEED_56G;
	case RTE_ETH_SPEED_NUM_100G: return RTE_ETH_LINK_SPEED_100G;
	case RTE_ETH_SPEED_NUM_200G: return RTE_ETH_LINK_SPEED_200G;
	default: return 0;
	}
}

static int link_updown(uint16_t port_id, int up)
{
	struct rte_eth_dev *dev = ethdev_valid(port_id);
	eth_dev_op_t op;

	if (dev == NULL) {
		ETHDEV_LOG(ERR, "rte_eth_dev_set_link_%s: invalid port_id=%u\n", up ? "up" : "down",
			   port_id);
		return -ENODEV;
	}
	op = up ? dev->dev_ops->dev_set_link_up : dev->dev_ops->dev_set_link_down;
	if (op == NULL)
		return -ENOTSUP;
	return op(dev);
}

int rte_eth_dev_set_link_up(uint16_t port_id) { return link_updown(port_id, 1); }
int rte_eth_dev_set_link_down(uint16_t port_id) { return link_updown(port_id, 0); }

/* ---- receive modes --------------------------------------------------------------------------------- */
static int rxmode_set(uint16_t port_id, int promisc, int on)
{
	struct rte_eth_dev *dev = ethdev_valid(port_id);
	eth_dev_op_t op;
	int ret;

	if (dev == NULL) {
		ETHDEV_LOG(ERR, "rte_eth_%s_%s: invalid port_id=%u\n",
			   promisc ? "promiscuous" : "allmulticast", on ? "enable" : "disable", port_id);
		return -ENODEV;
	}
	if ((promisc ? dev->data->promiscuous : dev->data->all_multicast) == (unsigned)on)
		return 0;
	if (promisc)
		op = on ? dev->dev_ops->promiscuous_enable : dev->dev_ops->promiscuous_disable;
	else
		op = on ? dev->dev_ops->allmulticast_enable : dev->dev_ops->allmulticast_disable;
	if (op == NULL)
		return -ENOTSUP;
	ret = op(dev);
	if (ret == 0) {
		if (promisc)
			dev->data->promiscuous = on ? 1 : 0;
		else
			dev->data->all_multicast = on ? 1 : 0;
	}
	return ret;
}

int rte_eth_promiscuous_enable(uint16_t port_id) { return rxmode_set(port_id, 1, 1); }
int rte_eth_promiscuous_disable(uint16_t port_id) { return rxmode_set(port_id, 1, 0); }
int rte_eth_allmulticast_enable(uint16_t port_id) { return rxmode_set(port_id, 0, 1); }
int rte_eth_allmulticast_disable(uint16_t port_id) { return rxmode_set(port_id, 0, 0); }

int rte_eth_promiscuous_get(uint16_t port_id)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	return dev->data->promiscuous;
}

int rte_eth_allmulticast_get(uint16_t port_id)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	return dev->data->all_multicast;
}

/* ---- MTU ----------------------------------------------------------------------------------------------- */
int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (mtu == NULL) {
		ETHDEV_LOG(ERR, "cannot get port %u MTU into NULL\n", port_id);
		return -EINVAL;
	}
	*mtu = dev->data->mtu;
	return 0;
}

int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu)
{
	struct rte_eth_dev *dev;
	struct rte_eth_dev_info info;
	int ret;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (dev->dev_ops->mtu_set == NULL)
		return -ENOTSUP;
	if ((ret = rte_eth_dev_info_get(port_id, &info)) < 0)
		return ret;
	if (mtu < info.min_mtu || mtu > info.max_mtu) {
		ETHDEV_LOG(ERR, "port %u: MTU %u out of range [%u, %u]\n", port_id, mtu,
			   info.min_mtu, info.max_mtu);
		return -EINVAL;
	}
	if (!dev->data->dev_configured) {
		ETHDEV_LOG(ERR, "port %u must be configured before MTU set\n", port_id);
		return -EINVAL;
	}
	ret = dev->dev_ops->mtu_set(dev, mtu);
	if (ret == 0) {
		dev->data->mtu = mtu;
		dev->data->dev_conf.rxmode.mtu = mtu;
	}
	return ret;
}

/* ---- MAC addresses --------------------------------------------------------------------------------------- */
int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (mac == NULL) {
		ETHDEV_LOG(ERR, "cannot get port %u MAC address into NULL\n", port_id);
		return -EINVAL;
	}
	rte_ether_addr_copy(&dev->data->mac_addrs[0], mac);
	return 0;
}

int rte_eth_macaddrs_get(uint16_t port_id, struct rte_ether_addr *ma, unsigned int num)
{
	struct rte_eth_dev *dev;
	unsigned int n = 0;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (ma == NULL) {
		ETHDEV_LOG(ERR, "cannot get port %u MAC addresses into NULL\n", port_id);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < ETH_MAX_MAC_ADDRS && n < num; i++)
		if (i == 0 || !rte_is_zero_ether_addr(&dev->data->mac_addrs[i]))
			ma[n++] = dev->data->mac_addrs[i];
	return (int)n;
}

int rte_eth_dev_default_mac_addr_set(uint16_t port_id, struct rte_ether_addr *addr)
{
	struct rte_eth_dev *dev;
	int ret;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (addr == NULL) {
		ETHDEV_LOG(ERR, "cannot set port %u default MAC address from NULL\n", port_id);
		return -EINVAL;
	}
	if (!rte_is_valid_assigned_ether_addr(addr)) {
		ETHDEV_LOG(ERR, "port %u: default MAC must be a unicast, non-zero address\n", port_id);
		return -EINVAL;
	}
	if (dev->dev_ops->mac_addr_set == NULL)
		return -ENOTSUP;
	for (unsigned int i = 1; i < ETH_MAX_MAC_ADDRS; i++)
		if (rte_is_same_ether_addr(&dev->data->mac_addrs[i], addr)) {
			ETHDEV_LOG(ERR, "port %u: that address is already in the list\n", port_id);
			return -EEXIST;
		}
	ret = dev->dev_ops->mac_addr_set(dev, addr);
	if (ret < 0)
		return ret;
	rte_ether_addr_copy(addr, &dev->data->mac_addrs[0]);
	return 0;
}

int rte_eth_dev_mac_addr_add(uint16_t port_id, struct rte_ether_addr *addr, uint32_t pool)
{
	struct rte_eth_dev *dev;
	unsigned int free_i = 0;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (addr == NULL || rte_is_zero_ether_addr(addr) || pool >= 64) {
		ETHDEV_LOG(ERR, "port %u: cannot add a NULL or zero MAC address, or pool >= 64\n",
			   port_id);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < ETH_MAX_MAC_ADDRS; i++) {
		if (rte_is_same_ether_addr(&dev->data->mac_addrs[i], addr)) {
			dev->data->mac_pool_sel[i] |= RTE_BIT64(pool);
			return 0;
		}
		if (i > 0 && free_i == 0 && rte_is_zero_ether_addr(&dev->data->mac_addrs[i]))
			free_i = i;
	}
	if (free_i == 0) {
		ETHDEV_LOG(ERR, "port %u: MAC address table full (%d)\n", port_id, ETH_MAX_MAC_ADDRS);
		return -ENOSPC;
	}
	rte_ether_addr_copy(addr, &dev->data->mac_addrs[free_i]);
	dev->data->mac_pool_sel[free_i] = RTE_BIT64(pool);
	return 0;
}

int rte_eth_dev_mac_addr_remove(uint16_t port_id, struct rte_ether_addr *addr)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (addr == NULL) {
		ETHDEV_LOG(ERR, "port %u: cannot remove NULL MAC address\n", port_id);
		return -EINVAL;
	}
	if (rte_is_same_ether_addr(&dev->data->mac_addrs[0], addr)) {
		ETHDEV_LOG(ERR, "port %u: cannot remove the default MAC address\n", port_id);
		return -EADDRINUSE;
	}
	for (unsigned int i = 1; i < ETH_MAX_MAC_ADDRS; i++)
		if (rte_is_same_ether_addr(&dev->data->mac_addrs[i], addr)) {
			memset(&dev->data->mac_addrs[i], 0, sizeof(*addr));
			dev->data->mac_pool_sel[i] = 0;
			return 0;
		}
	return 0;
}

/* ---- offload names ------------------------------------------------------------------------------------------ */
const char *rte_eth_dev_rx_offload_name(uint64_t offload)
{
	static const struct { uint64_t f; const char *n; } t[] = {
		{ RTE_ETH_RX_OFFLOAD_VLAN_STRIP, "VLAN_STRIP" },
		{ RTE_ETH_RX_OFFLOAD_IPV4_CKSUM, "IPV4_CKSUM" },
		{ RTE_ETH_RX_OFFLOAD_UDP_CKSUM, "UDP_CKSUM" },
		{ RTE_ETH_RX_OFFLOAD_TCP_CKSUM, "TCP_CKSUM" },
		{ RTE_ETH_RX_OFFLOAD_TCP_LRO, "TCP_LRO" },
		{ RTE_ETH_RX_OFFLOAD_QINQ_STRIP, "QINQ_STRIP" },
		{ RTE_ETH_RX_OFFLOAD_OUTER_IPV4_CKSUM, "OUTER_IPV4_CKSUM" },
		{ RTE_ETH_RX_OFFLOAD_MACSEC_STRIP, "MACSEC_STRIP" },
		{ RTE_ETH_RX_OFFLOAD_VLAN_FILTER, "VLAN_FILTER" },
		{ RTE_ETH_RX_OFFLOAD_VLAN_EXTEND, "VLAN_EXTEND" },
		{ RTE_ETH_RX_OFFLOAD_SCATTER, "SCATTER" },
		{ RTE_ETH_RX_OFFLOAD_TIMESTAMP, "TIMESTAMP" },
		{ RTE_ETH_RX_OFFLOAD_SECURITY, "SECURITY" },
		{ RTE_ETH_RX_OFFLOAD_KEEP_CRC, "KEEP_CRC" },
		{ RTE_ETH_RX_OFFLOAD_SCTP_CKSUM, "SCTP_CKSUM" },
		{ RTE_ETH_RX_OFFLOAD_OUTER_UDP_CKSUM, "OUTER_UDP_CKSUM" },
		{ RTE_ETH_RX_OFFLOAD_RSS_HASH, "RSS_HASH" },
		{ RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT, "BUFFER_SPLIT" },
	};
	for (size_t i = 0; i < RTE_DIM(t); i++)
		if (t[i].f == offload)
			return t[i].n;
	return "UNKNOWN";
}

const char *rte_eth_dev_tx_offload_name(uint64_t offload)
{
	static const struct { uint64_t f; const char *n; } t[] = {
		{ RTE_ETH_TX_OFFLOAD_VLAN_INSERT, "VLAN_INSERT" },
		{ RTE_ETH_TX_OFFLOAD_IPV4_CKSUM, "IPV4_CKSUM" },
		{ RTE_ETH_TX_OFFLOAD_UDP_CKSUM, "UDP_CKSUM" },
		{ RTE_ETH_TX_OFFLOAD_TCP_CKSUM, "TCP_CKSUM" },
		{ RTE_ETH_TX_OFFLOAD_SCTP_CKSUM, "SCTP_CKSUM" },
		{ RTE_ETH_TX_OFFLOAD_TCP_TSO, "TCP_TSO" },
		{ RTE_ETH_TX_OFFLOAD_UDP_TSO, "UDP_TSO" },
		{ RTE_ETH_TX_OFFLOAD_OUTER_IPV4_CKSUM, "OUTER_IPV4_CKSUM" },
		{ RTE_ETH_TX_OFFLOAD_QINQ_INSERT, "QINQ_INSERT" },
		{ RTE_ETH_TX_OFFLOAD_VXLAN_TNL_TSO, "VXLAN_TNL_TSO" },
		{ RTE_ETH_TX_OFFLOAD_GRE_TNL_TSO, "GRE_TNL_TSO" },
		{ RTE_ETH_TX_OFFLOAD_IPIP_TNL_TSO, "IPIP_TNL_TSO" },
		{ RTE_ETH_TX_OFFLOAD_GENEVE_TNL_TSO, "GENEVE_TNL_TSO" },
		{ RTE_ETH_TX_OFFLOAD_MACSEC_INSERT, "MACSEC_INSERT" },
		{ RTE_ETH_TX_OFFLOAD_MT_LOCKFREE, "MT_LOCKFREE" },
		{ RTE_ETH_TX_OFFLOAD_MULTI_SEGS, "MULTI_SEGS" },
		{ RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE, "MBUF_FAST_FREE" },
		{ RTE_ETH_TX_OFFLOAD_SECURITY, "SECURITY" },
		{ RTE_ETH_TX_OFFLOAD_UDP_TNL_TSO, "UDP_TNL_TSO" },
		{ RTE_ETH_TX_OFFLOAD_IP_TNL_TSO, "IP_TNL_TSO" },
		{ RTE_ETH_TX_OFFLOAD_OUTER_UDP_CKSUM, "OUTER_UDP_CKSUM" },
		{ RTE_ETH_TX_OFFLOAD_SEND_ON_TIMESTAMP, "SEND_ON_TIMESTAMP" },
	};
	for (size_t i = 0; i < RTE_DIM(t); i++)
		if (t[i].f == offload)
			return t[i].n;
	return "UNKNOWN";
}

/* ---- tx buffer ---------------------------------------------------------------------------------------- */
void rte_eth_tx_buffer_drop_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata)
{
	RTE_SET_USED(userdata);
	rte_pktmbuf_free_bulk(pkts, unsent);
}

void rte_eth_tx_buffer_count_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata)
{
	uint64_t *count = userdata;

	rte_pktmbuf_free_bulk(pkts, unsent);
	*count += unsent;
}

int rte_eth_tx_buffer_set_err_callback(struct rte_eth_dev_tx_buffer *buffer,
				       buffer_tx_error_fn cbfn, void *userdata)
{
	if (buffer == NULL) {
		ETHDEV_LOG(ERR, "cannot set tx buffer error callback on a NULL buffer\n");
		return -EINVAL;
	}
	buffer->error_callback = cbfn;
	buffer->error_userdata = userdata;
	return 0;
}

int rte_eth_tx_buffer_init(struct rte_eth_dev_tx_buffer *buffer, uint16_t size)
{
	if (buffer == NULL || size == 0) {
		ETHDEV_LOG(ERR, "cannot initialise a NULL or zero-sized tx buffer\n");
		return -EINVAL;
	}
	buffer->size = size;
	buffer->length = 0;
	if (buffer->error_callback == NULL)
		rte_eth_tx_buffer_set_err_callback(buffer, rte_eth_tx_buffer_drop_callback, NULL);
	return 0;
}

int rte_eth_tx_done_cleanup(uint16_t port_id, uint16_t queue_id, uint32_t free_cnt)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (queue_id >= dev->data->nb_tx_queues || dev->data->tx_queues[queue_id] == NULL) {
		ETHDEV_LOG(ERR, "port %u: invalid tx queue_id=%u\n", port_id, queue_id);
		return -EINVAL;
	}
	if (dev->dev_ops->tx_done_cleanup == NULL)
		return -ENOTSUP;
	return dev->dev_ops->tx_done_cleanup(dev->data->tx_queues[queue_id], free_cnt);
}

/* ---- EAL hook ------------------------------------------------------------------------------------------ */
/* The port table is reserved when the first port is made (as DPDK does),
 * so a process without ports has no "rte_eth_dev_data" memzone. */
static int ethdev_hook_init(void)
{
	return 0;
}

static void ethdev_hook_fini(void)
{
	/* ports left by drivers that did not close them at bus cleanup */
	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS; p++) {
		struct rte_eth_dev *dev = &rte_eth_devices[p];
		if (dev->state == RTE_ETH_DEV_UNUSED)
			continue;
		if (ethdev_valid(p) != NULL) {   /* else the primary closed it already */
			if (rte_eal_process_type() == RTE_PROC_PRIMARY)
				rte_eth_dev_stop(p);
			rte_eth_dev_close(p);
		}
		if (dev->state != RTE_ETH_DEV_UNUSED)
			ethdev_release_port(dev);
	}
	ethdev_shared_forget();
}

/* After devargs (104), before the bus (106): cleanup removes devices first. */
static void __attribute__((constructor(105), used)) ethdev_hook_register(void)
{
	int t = rte_log_register("lib.ethdev");
	if (t >= 0)
		rte_eth_dev_logtype = t;
	eal_register_hook("ethdev", ethdev_hook_init, ethdev_hook_fini);
}

/* ---- the control calls, under the ethdev control lock (ethdev_lock.c:
 * the ethdev telemetry commands read a port between two of them) ---- */
#define CTL_LOCKED(call)                                                                           \
	do {                                                                                       \
		ethdev_ctl_lock();                                                                 \
		int ctl_ret = (call);                                                              \
		ethdev_ctl_unlock();                                                               \
		return ctl_ret;                                                                    \
	} while (0)

int ethdev_release_port(struct rte_eth_dev *dev)
{
	CTL_LOCKED(release_port(dev));
}

int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_q, uint16_t nb_tx_q,
			  const struct rte_eth_conf *conf)
{
	CTL_LOCKED(dev_configure(port_id, nb_rx_q, nb_tx_q, conf));
}

int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t qid, uint16_t nb_desc,
			   unsigned int socket_id, const struct rte_eth_rxconf *conf,
			   struct rte_mempool *mp)
{
	CTL_LOCKED(rx_queue_setup(port_id, qid, nb_desc, socket_id, conf, mp));
}

int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t qid, uint16_t nb_desc,
			   unsigned int socket_id, const struct rte_eth_txconf *conf)
{
	CTL_LOCKED(tx_queue_setup(port_id, qid, nb_desc, socket_id, conf));
}

int rte_eth_dev_start(uint16_t port_id)
{
	CTL_LOCKED(dev_start(port_id));
}

int rte_eth_dev_stop(uint16_t port_id)
{
	CTL_LOCKED(dev_stop(port_id));
}

int rte_eth_dev_close(uint16_t port_id)
{
	CTL_LOCKED(dev_close(port_id));
}
