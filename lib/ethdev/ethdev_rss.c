/* SPDX-License-Identifier: BSD-3-Clause
 * Software RSS for ports whose driver has no hashing hardware: the key, the
 * enabled hash types and the redirection table of each port (in its shared
 * rte_eth_dev_data), the per-key lookup table, packet parsing, and the
 * rte_eth_dev_rss_* calls.
 *
 * Table-driven Toeplitz: for input byte position i and byte value v,
 * table[i][v] = XOR of the 32-bit key windows at bit offsets 8i+k for each
 * set bit k of v (k = 0 the most significant). The hash of n input bytes is
 * then XOR of table[i][in[i]]: one load and one XOR per byte (12 for an
 * IPv4 5-tuple, 36 for IPv6). The table (36 x 256 x 4 = 36 KiB) lives in
 * shared memory next to the port so every process hashes alike, and is
 * rebuilt when the key changes.
 *
 * Hash types (RTE_ETH_RSS_*), as a NIC applies them: TCP/UDP over IPv4/IPv6
 * hash addresses + ports when the matching NONFRAG_*_TCP/UDP bit is on;
 * otherwise (fragments, other protocols, or L4 type off) the addresses when
 * IPV4/IPV6 (or FRAG_* / NONFRAG_*_OTHER) is on; anything else hashes to 0.
 * Up to two VLAN tags are skipped. Headers must sit in the first segment. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include "ethdev_driver.h"

#define RSS_TABLE_BYTES 36        /* IPv6 addresses + ports */
#define RSS_KEY_LEN 40

/* DPDK's (and Microsoft's) default 40-byte key. */
static const uint8_t default_key[RSS_KEY_LEN] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

/* types this implementation can hash */
#define RSS_HF_SUPPORTED (RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | \
	RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_NONFRAG_IPV4_UDP | \
	RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 | \
	RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_NONFRAG_IPV6_UDP | \
	RTE_ETH_RSS_NONFRAG_IPV6_OTHER)

static uint32_t key_window(const uint8_t *key, unsigned int len, unsigned int bit)
{
	uint32_t w = 0;

	for (unsigned int k = 0; k < 32; k++) {
		unsigned int b = bit + k;
		unsigned int byte = b / 8;
		uint32_t v = byte < len ? (key[byte] >> (7 - b % 8)) & 1u : 0u;
		w = (w << 1) | v;
	}
	return w;
}

static void table_build(struct eth_rss_state *rss)
{
	for (unsigned int i = 0; i < rss->table_bytes; i++) {
		uint32_t win[8];
		for (unsigned int k = 0; k < 8; k++)
			win[k] = key_window(rss->key, rss->key_len, 8 * i + k);
		for (unsigned int v = 0; v < 256; v++) {
			uint32_t h = 0;
			for (unsigned int k = 0; k < 8; k++)
				if (v & (0x80u >> k))
					h ^= win[k];
			rss->table[i][v] = h;
		}
	}
}

void ethdev_rss_init(struct rte_eth_dev_data *data, uint16_t reta_size)
{
	struct eth_rss_state *rss = &data->rss;

	if (reta_size > ETH_RSS_RETA_MAX)
		reta_size = ETH_RSS_RETA_MAX;
	rss->reta_size = reta_size;
	memcpy(rss->key, default_key, RSS_KEY_LEN);
	rss->key_len = RSS_KEY_LEN;
	rss->hf = 0;
	for (uint16_t i = 0; i < reta_size; i++)
		rss->reta[i] = 0;
}

void ethdev_rss_free(struct rte_eth_dev_data *data)
{
	rte_free(data->rss.table);
	data->rss.table = NULL;
}

static int table_ensure(struct rte_eth_dev_data *data)
{
	struct eth_rss_state *rss = &data->rss;

	if (rss->table == NULL) {
		rss->table = rte_zmalloc_socket("eth_rss_table",
						sizeof(uint32_t[RSS_TABLE_BYTES][256]),
						RTE_CACHE_LINE_SIZE, data->numa_node);
		if (rss->table == NULL) {
			ETHDEV_LOG(ERR, "port %u: no memory for the RSS table\n", data->port_id);
			return -ENOMEM;
		}
	}
	rss->table_bytes = RSS_TABLE_BYTES;
	table_build(rss);
	return 0;
}

int ethdev_rss_configure(struct rte_eth_dev *dev, const struct rte_eth_conf *conf)
{
	struct rte_eth_dev_data *data = dev->data;
	struct eth_rss_state *rss = &data->rss;
	const struct rte_eth_rss_conf *rc = &conf->rx_adv_conf.rss_conf;

	if (rc->rss_key != NULL) {
		memcpy(rss->key, rc->rss_key, RSS_KEY_LEN);
		rss->key_len = RSS_KEY_LEN;
	}
	rss->hf = (conf->rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) ?
		  (rc->rss_hf & RSS_HF_SUPPORTED) : 0;
	/* spread the queues over the table, as drivers do at configure */
	for (uint16_t i = 0; i < rss->reta_size; i++)
		rss->reta[i] = data->nb_rx_queues ? (uint16_t)(i % data->nb_rx_queues) : 0;
	return table_ensure(data);
}

/* ---- hashing a packet ------------------------------------------------------------------------- */
static inline uint32_t table_hash(const struct eth_rss_state *rss, const uint8_t *in, unsigned int n)
{
	uint32_t h = 0;

	for (unsigned int i = 0; i < n; i++)
		h ^= rss->table[i][in[i]];
	return h;
}

uint32_t ethdev_rss_hash_mbuf(const struct rte_eth_dev_data *data, const struct rte_mbuf *m)
{
	const struct eth_rss_state *rss = &data->rss;
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t len = m->data_len, off = RTE_ETHER_HDR_LEN;
	uint8_t in[RSS_TABLE_BYTES];
	uint16_t type;
	uint64_t hf = rss->hf;

	if (rss->table == NULL || hf == 0 || len < off)
		return 0;
	type = (uint16_t)(p[12] << 8 | p[13]);
	for (int tags = 0; tags < 2 && (type == RTE_ETHER_TYPE_VLAN || type == RTE_ETHER_TYPE_QINQ);
	     tags++) {
		if (len < off + 4)
			return 0;
		type = (uint16_t)(p[off + 2] << 8 | p[off + 3]);
		off += 4;
	}
	if (type == RTE_ETHER_TYPE_IPV4) {
		if (len < off + 20)
			return 0;
		const uint8_t *ip = p + off;
		unsigned int ihl = (ip[0] & 0x0fu) * 4u;
		uint8_t proto = ip[9];
		int frag = ((ip[6] & 0x3f) | ip[7]) != 0;   /* MF or offset */
		memcpy(in, ip + 12, 8);
		if (!frag && ihl >= 20 && len >= off + ihl + 4 &&
		    ((proto == IPPROTO_TCP && (hf & RTE_ETH_RSS_NONFRAG_IPV4_TCP)) ||
		     (proto == IPPROTO_UDP && (hf & RTE_ETH_RSS_NONFRAG_IPV4_UDP)))) {
			memcpy(in + 8, ip + ihl, 4);
			return table_hash(rss, in, 12);
		}
		if ((hf & RTE_ETH_RSS_IPV4) || (frag && (hf & RTE_ETH_RSS_FRAG_IPV4)) ||
		    (!frag && (hf & RTE_ETH_RSS_NONFRAG_IPV4_OTHER)))
			return table_hash(rss, in, 8);
		return 0;
	}
	if (type == RTE_ETHER_TYPE_IPV6) {
		if (len < off + 40)
			return 0;
		const uint8_t *ip = p + off;
		uint8_t proto = ip[6];
		memcpy(in, ip + 8, 32);
		if (len >= off + 44 &&
		    ((proto == IPPROTO_TCP && (hf & RTE_ETH_RSS_NONFRAG_IPV6_TCP)) ||
		     (proto == IPPROTO_UDP && (hf & RTE_ETH_RSS_NONFRAG_IPV6_UDP)))) {
			memcpy(in + 32, ip + 40, 4);
			return table_hash(rss, in, 36);
		}
		if ((hf & RTE_ETH_RSS_IPV6) || (proto == 44 && (hf & RTE_ETH_RSS_FRAG_IPV6)) ||
		    (proto != 44 && (hf & RTE_ETH_RSS_NONFRAG_IPV6_OTHER)))
			return table_hash(rss, in, 32);
		return 0;
	}
	return 0;
}

void ethdev_rss_mark(const struct rte_eth_dev_data *data, struct rte_mbuf **pkts, uint16_t n)
{
	for (uint16_t i = 0; i < n; i++) {
		pkts[i]->hash.rss = ethdev_rss_hash_mbuf(data, pkts[i]);
		pkts[i]->ol_flags |= RTE_MBUF_F_RX_RSS_HASH;
	}
}

/* ---- rte_eth_dev_rss_* -------------------------------------------------------------------------- */
static struct rte_eth_dev *rss_dev(uint16_t port_id, const char *fn)
{
	if (!rte_eth_dev_is_valid_port(port_id)) {
		ETHDEV_LOG(ERR, "%s: invalid port_id=%u\n", fn, port_id);
		return NULL;
	}
	return &rte_eth_devices[port_id];
}

static int reta_check(uint16_t port_id, const struct rte_eth_rss_reta_entry64 *conf,
		      uint16_t size, uint16_t want)
{
	if (conf == NULL) {
		ETHDEV_LOG(ERR, "port %u: RSS RETA from/into NULL\n", port_id);
		return -EINVAL;
	}
	if (size == 0) {
		ETHDEV_LOG(ERR, "port %u: RSS RETA with zero size\n", port_id);
		return -EINVAL;
	}
	if (want != 0 && size != want) {
		ETHDEV_LOG(ERR, "port %u: RSS RETA size %u, the port's table has %u entries\n",
			   port_id, size, want);
		return -EINVAL;
	}
	for (uint16_t g = 0; g < (size + RTE_ETH_RETA_GROUP_SIZE - 1) / RTE_ETH_RETA_GROUP_SIZE; g++)
		if (conf[g].mask)
			return 0;
	ETHDEV_LOG(ERR, "port %u: RSS RETA masks are all zero\n", port_id);
	return -EINVAL;
}

int rte_eth_dev_rss_reta_update(uint16_t port_id, struct rte_eth_rss_reta_entry64 *conf,
				uint16_t size)
{
	struct rte_eth_dev *dev = rss_dev(port_id, __func__);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if ((ret = reta_check(port_id, conf, size, dev->dev_ops->reta_update ? 0 :
			      dev->data->rss.reta_size)) < 0)
		return ret;
	for (uint16_t i = 0; i < size; i++) {
		uint16_t g = i / RTE_ETH_RETA_GROUP_SIZE, s = i % RTE_ETH_RETA_GROUP_SIZE;
		if ((conf[g].mask & RTE_BIT64(s)) && conf[g].reta[s] >= dev->data->nb_rx_queues) {
			ETHDEV_LOG(ERR, "port %u: reta_conf[%u]->reta[%u]: %u exceeds the maximum rxq "
				   "index: %u\n", port_id, g, s, conf[g].reta[s],
				   dev->data->nb_rx_queues);
			return -EINVAL;
		}
	}
	if (!(dev->data->dev_conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG)) {
		ETHDEV_LOG(ERR, "port %u: multi-queue RSS mode isn't enabled\n", port_id);
		return -ENOTSUP;
	}
	if (dev->dev_ops->reta_update)
		return dev->dev_ops->reta_update(dev, conf, size);
	if (dev->data->rss.reta_size == 0)
		return -ENOTSUP;
	for (uint16_t i = 0; i < size; i++) {
		uint16_t g = i / RTE_ETH_RETA_GROUP_SIZE, s = i % RTE_ETH_RETA_GROUP_SIZE;
		if (conf[g].mask & RTE_BIT64(s))
			__atomic_store_n(&dev->data->rss.reta[i], conf[g].reta[s], __ATOMIC_RELAXED);
	}
	return 0;
}

int rte_eth_dev_rss_reta_query(uint16_t port_id, struct rte_eth_rss_reta_entry64 *conf,
			       uint16_t size)
{
	struct rte_eth_dev *dev = rss_dev(port_id, __func__);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->dev_ops->reta_query)
		return (ret = reta_check(port_id, conf, size, 0)) < 0 ? ret :
		       dev->dev_ops->reta_query(dev, conf, size);
	if (dev->data->rss.reta_size == 0)
		return -ENOTSUP;
	if ((ret = reta_check(port_id, conf, size, dev->data->rss.reta_size)) < 0)
		return ret;
	for (uint16_t i = 0; i < size; i++) {
		uint16_t g = i / RTE_ETH_RETA_GROUP_SIZE, s = i % RTE_ETH_RETA_GROUP_SIZE;
		if (conf[g].mask & RTE_BIT64(s))
			conf[g].reta[s] = dev->data->rss.reta[i];
	}
	return 0;
}

int rte_eth_dev_rss_hash_update(uint16_t port_id, struct rte_eth_rss_conf *rc)
{
	struct rte_eth_dev *dev = rss_dev(port_id, __func__);
	struct rte_eth_dev_info info;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (rc == NULL) {
		ETHDEV_LOG(ERR, "port %u: cannot update RSS hash from NULL config\n", port_id);
		return -EINVAL;
	}
	/* the driver's own answer (this file sits below rte_eth_dev_info_get) */
	memset(&info, 0, sizeof(info));
	if ((ret = dev->dev_ops->dev_infos_get(dev, &info)) < 0)
		return ret;
	uint64_t hf = rte_eth_rss_hf_refine(rc->rss_hf);
	if ((info.flow_type_rss_offloads | hf) != info.flow_type_rss_offloads) {
		ETHDEV_LOG(ERR, "port %u: invalid rss_hf 0x%" PRIx64 ", valid value 0x%" PRIx64 "\n",
			   port_id, rc->rss_hf, info.flow_type_rss_offloads);
		return -EINVAL;
	}
	if (!(dev->data->dev_conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG)) {
		ETHDEV_LOG(ERR, "port %u: multi-queue RSS mode isn't enabled\n", port_id);
		return -ENOTSUP;
	}
	if (dev->dev_ops->rss_hash_update)
		return dev->dev_ops->rss_hash_update(dev, rc);
	if (dev->data->rss.reta_size == 0)
		return -ENOTSUP;
	if (rc->rss_key != NULL && rc->rss_key_len != RSS_KEY_LEN) {
		ETHDEV_LOG(ERR, "port %u: RSS key length %u, the port needs %u\n", port_id,
			   rc->rss_key_len, RSS_KEY_LEN);
		return -EINVAL;
	}
	if (ethdev_shared_lock() < 0)
		return -ENODEV;
	if (rc->rss_key != NULL)
		memcpy(dev->data->rss.key, rc->rss_key, RSS_KEY_LEN);
	dev->data->rss.hf = hf & RSS_HF_SUPPORTED;
	dev->data->dev_conf.rx_adv_conf.rss_conf.rss_hf = hf;
	ret = table_ensure(dev->data);
	ethdev_shared_unlock();
	return ret;
}

int rte_eth_dev_rss_hash_conf_get(uint16_t port_id, struct rte_eth_rss_conf *rc)
{
	struct rte_eth_dev *dev = rss_dev(port_id, __func__);

	if (dev == NULL)
		return -ENODEV;
	if (rc == NULL) {
		ETHDEV_LOG(ERR, "port %u: cannot get RSS hash config into NULL\n", port_id);
		return -EINVAL;
	}
	if (dev->dev_ops->rss_hash_conf_get)
		return dev->dev_ops->rss_hash_conf_get(dev, rc);
	if (dev->data->rss.reta_size == 0)
		return -ENOTSUP;
	if (rc->rss_key != NULL) {
		if (rc->rss_key_len < RSS_KEY_LEN) {
			ETHDEV_LOG(ERR, "port %u: RSS key buffer of %u bytes, need %u\n", port_id,
				   rc->rss_key_len, RSS_KEY_LEN);
			return -EINVAL;
		}
		memcpy(rc->rss_key, dev->data->rss.key, RSS_KEY_LEN);
	}
	rc->rss_key_len = RSS_KEY_LEN;
	rc->rss_hf = dev->data->rss.hf;
	return 0;
}
