/* SPDX-License-Identifier: BSD-3-Clause
 * Port statistics: rte_eth_stats_* and rte_eth_xstats_*.
 *
 * The core sums the per-queue counters (struct eth_queue_stats, the first
 * member of every driver queue, see ethdev_driver.h) and lets the driver add
 * device-level counters (stats_get op) and its own xstats (after the generic
 * ones). Reads use relaxed loads of single-writer 64-bit counters; no lock.
 * Reset records baselines and never writes the counters themselves.
 *
 * Generic xstats, DPDK's names and order: rx_good_packets, tx_good_packets,
 * rx_good_bytes, tx_good_bytes, rx_missed_errors, rx_errors, tx_errors,
 * rx_mbuf_allocation_errors, then rx_q<N>_packets/_bytes/_errors for each rx
 * queue and tx_q<N>_packets/_bytes for each tx queue (the first
 * RTE_ETHDEV_QUEUE_STAT_CNTRS queues, as in DPDK). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <rte_ethdev.h>
#include "ethdev_driver.h"

static struct rte_eth_dev *stats_dev(uint16_t port_id, const char *fn)
{
	if (!rte_eth_dev_is_valid_port(port_id)) {
		ETHDEV_LOG(ERR, "%s: invalid port_id=%u\n", fn, port_id);
		return NULL;
	}
	return &rte_eth_devices[port_id];
}

static inline uint64_t ld(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* counters of one queue since the last reset */
static void q_read(const void *q, uint64_t *pk, uint64_t *by, uint64_t *er, uint64_t *nb)
{
	const struct eth_queue_stats *s = q;

	*pk = ld(&s->packets) - ld(&s->base_packets);
	*by = ld(&s->bytes) - ld(&s->base_bytes);
	*er = ld(&s->errors) - ld(&s->base_errors);
	*nb = ld(&s->nombuf) - ld(&s->base_nombuf);
}

int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *st)
{
	struct rte_eth_dev *dev = stats_dev(port_id, __func__);
	uint64_t pk, by, er, nb;

	if (dev == NULL)
		return -ENODEV;
	if (st == NULL) {
		ETHDEV_LOG(ERR, "cannot get port %u stats into NULL\n", port_id);
		return -EINVAL;
	}
	memset(st, 0, sizeof(*st));
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++) {
		if (dev->data->rx_queues[q] == NULL)
			continue;
		q_read(dev->data->rx_queues[q], &pk, &by, &er, &nb);
		st->ipackets += pk;
		st->ibytes += by;
		st->ierrors += er;
		st->rx_nombuf += nb;
		if (q < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			st->q_ipackets[q] = pk;
			st->q_ibytes[q] = by;
			st->q_errors[q] = er;
		}
	}
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++) {
		if (dev->data->tx_queues[q] == NULL)
			continue;
		q_read(dev->data->tx_queues[q], &pk, &by, &er, &nb);
		st->opackets += pk;
		st->obytes += by;
		st->oerrors += er;
		if (q < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			st->q_opackets[q] = pk;
			st->q_obytes[q] = by;
		}
	}
	st->rx_nombuf += ld(&dev->data->rx_mbuf_alloc_failed);
	if (dev->dev_ops->stats_get)
		return dev->dev_ops->stats_get(dev, st);
	return 0;
}

static void q_reset(void *q)
{
	struct eth_queue_stats *s = q;

	__atomic_store_n(&s->base_packets, ld(&s->packets), __ATOMIC_RELAXED);
	__atomic_store_n(&s->base_bytes, ld(&s->bytes), __ATOMIC_RELAXED);
	__atomic_store_n(&s->base_errors, ld(&s->errors), __ATOMIC_RELAXED);
	__atomic_store_n(&s->base_nombuf, ld(&s->nombuf), __ATOMIC_RELAXED);
}

int rte_eth_stats_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = stats_dev(port_id, __func__);

	if (dev == NULL)
		return -ENODEV;
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++)
		if (dev->data->rx_queues[q])
			q_reset(dev->data->rx_queues[q]);
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++)
		if (dev->data->tx_queues[q])
			q_reset(dev->data->tx_queues[q]);
	__atomic_store_n(&dev->data->rx_mbuf_alloc_failed, 0, __ATOMIC_RELAXED);
	if (dev->dev_ops->stats_reset)
		return dev->dev_ops->stats_reset(dev);
	return 0;
}

/* ---- xstats ------------------------------------------------------------------------------------ */
#define BASIC_N 8
static const char *const basic_names[BASIC_N] = {
	"rx_good_packets", "tx_good_packets", "rx_good_bytes", "tx_good_bytes",
	"rx_missed_errors", "rx_errors", "tx_errors", "rx_mbuf_allocation_errors",
};

static unsigned int nb_rxq_stats(const struct rte_eth_dev *d)
{
	return RTE_MIN(d->data->nb_rx_queues, RTE_ETHDEV_QUEUE_STAT_CNTRS);
}
static unsigned int nb_txq_stats(const struct rte_eth_dev *d)
{
	return RTE_MIN(d->data->nb_tx_queues, RTE_ETHDEV_QUEUE_STAT_CNTRS);
}
static unsigned int generic_count(const struct rte_eth_dev *d)
{
	return BASIC_N + 3 * nb_rxq_stats(d) + 2 * nb_txq_stats(d);
}

static int driver_count(struct rte_eth_dev *d)
{
	if (d->dev_ops->xstats_get_names == NULL)
		return 0;
	return d->dev_ops->xstats_get_names(d, NULL, 0);
}

int rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *names, unsigned int size)
{
	struct rte_eth_dev *dev = stats_dev(port_id, __func__);
	unsigned int n, i = 0;
	int drv;

	if (dev == NULL)
		return -ENODEV;
	drv = driver_count(dev);
	if (drv < 0)
		return drv;
	n = generic_count(dev) + (unsigned int)drv;
	if (names == NULL || size < n)
		return (int)n;
	for (unsigned int b = 0; b < BASIC_N; b++)
		snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE, "%s", basic_names[b]);
	for (unsigned int q = 0; q < nb_rxq_stats(dev); q++) {
		snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE, "rx_q%u_packets", q);
		snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE, "rx_q%u_bytes", q);
		snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE, "rx_q%u_errors", q);
	}
	for (unsigned int q = 0; q < nb_txq_stats(dev); q++) {
		snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE, "tx_q%u_packets", q);
		snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE, "tx_q%u_bytes", q);
	}
	if (drv > 0) {
		int got = dev->dev_ops->xstats_get_names(dev, names + i, (unsigned int)drv);
		if (got < 0)
			return got;
		i += (unsigned int)got;
	}
	return (int)i;
}

int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xs, unsigned int n)
{
	struct rte_eth_dev *dev = stats_dev(port_id, __func__);
	struct rte_eth_stats st;
	unsigned int total, i = 0;
	int drv, ret;

	if (dev == NULL)
		return -ENODEV;
	drv = driver_count(dev);
	if (drv < 0)
		return drv;
	total = generic_count(dev) + (unsigned int)drv;
	if (xs == NULL || n < total)
		return (int)total;
	if ((ret = rte_eth_stats_get(port_id, &st)) < 0)
		return ret;
	uint64_t basic[BASIC_N] = { st.ipackets, st.opackets, st.ibytes, st.obytes,
				    st.imissed, st.ierrors, st.oerrors, st.rx_nombuf };
	for (unsigned int b = 0; b < BASIC_N; b++, i++)
		xs[i] = (struct rte_eth_xstat){ i, basic[b] };
	for (unsigned int q = 0; q < nb_rxq_stats(dev); q++) {
		xs[i] = (struct rte_eth_xstat){ i, st.q_ipackets[q] }; i++;
		xs[i] = (struct rte_eth_xstat){ i, st.q_ibytes[q] }; i++;
		xs[i] = (struct rte_eth_xstat){ i, st.q_errors[q] }; i++;
	}
	for (unsigned int q = 0; q < nb_txq_stats(dev); q++) {
		xs[i] = (struct rte_eth_xstat){ i, st.q_opackets[q] }; i++;
		xs[i] = (struct rte_eth_xstat){ i, st.q_obytes[q] }; i++;
	}
	if (drv > 0) {
		unsigned int base = i;
		int got = dev->dev_ops->xstats_get(dev, xs + i, (unsigned int)drv);
		if (got < 0)
			return got;
		for (int k = 0; k < got; k++)
			xs[base + (unsigned int)k].id = base + (unsigned int)k;
		i += (unsigned int)got;
	}
	return (int)i;
}

int rte_eth_xstats_get_names_by_id(uint16_t port_id, struct rte_eth_xstat_name *names,
				   unsigned int size, uint64_t *ids)
{
	struct rte_eth_xstat_name all[512];
	int n = rte_eth_xstats_get_names(port_id, NULL, 0);

	if (n < 0)
		return n;
	if (ids == NULL)
		return rte_eth_xstats_get_names(port_id, names, size);
	if (names == NULL) {
		ETHDEV_LOG(ERR, "port %u: xstats names by id into NULL\n", port_id);
		return -EINVAL;
	}
	if (n > (int)RTE_DIM(all))
		return -ENOMEM;
	n = rte_eth_xstats_get_names(port_id, all, RTE_DIM(all));
	for (unsigned int k = 0; k < size; k++) {
		if (ids[k] >= (uint64_t)n) {
			ETHDEV_LOG(ERR, "port %u: xstat id %" PRIu64 " out of range (%d)\n", port_id,
				   ids[k], n);
			return -EINVAL;
		}
		names[k] = all[ids[k]];
	}
	return (int)size;
}

int rte_eth_xstats_get_by_id(uint16_t port_id, const uint64_t *ids, uint64_t *values,
			     unsigned int size)
{
	struct rte_eth_xstat all[512];
	int n = rte_eth_xstats_get(port_id, NULL, 0);

	if (n < 0)
		return n;
	if (n > (int)RTE_DIM(all))
		return -ENOMEM;
	if (ids == NULL && values == NULL)
		return n;
	if (values == NULL) {
		ETHDEV_LOG(ERR, "port %u: xstats by id into NULL\n", port_id);
		return -EINVAL;
	}
	n = rte_eth_xstats_get(port_id, all, RTE_DIM(all));
	if (n < 0)
		return n;
	if (ids == NULL) {
		unsigned int m = RTE_MIN(size, (unsigned int)n);
		for (unsigned int k = 0; k < m; k++)
			values[k] = all[k].value;
		return size < (unsigned int)n ? n : (int)m;
	}
	for (unsigned int k = 0; k < size; k++) {
		if (ids[k] >= (uint64_t)n) {
			ETHDEV_LOG(ERR, "port %u: xstat id %" PRIu64 " out of range (%d)\n", port_id,
				   ids[k], n);
			return -EINVAL;
		}
		values[k] = all[ids[k]].value;
	}
	return (int)size;
}

int rte_eth_xstats_get_id_by_name(uint16_t port_id, const char *name, uint64_t *id)
{
	struct rte_eth_xstat_name all[512];
	int n;

	if (name == NULL || id == NULL) {
		ETHDEV_LOG(ERR, "port %u: xstat id by name: NULL argument\n", port_id);
		return -EINVAL;
	}
	n = rte_eth_xstats_get_names(port_id, NULL, 0);
	if (n < 0)
		return n;
	if (n > (int)RTE_DIM(all))
		return -ENOMEM;
	n = rte_eth_xstats_get_names(port_id, all, RTE_DIM(all));
	for (int k = 0; k < n; k++)
		if (strcmp(all[k].name, name) == 0) {
			*id = (uint64_t)k;
			return 0;
		}
	return -EINVAL;
}

int rte_eth_xstats_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = stats_dev(port_id, __func__);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	ret = rte_eth_stats_reset(port_id);
	if (ret == 0 && dev->dev_ops->xstats_reset)
		ret = dev->dev_ops->xstats_reset(dev);
	return ret;
}

int rte_eth_dev_set_tx_queue_stats_mapping(uint16_t port_id, uint16_t tx_queue_id, uint8_t stat_idx)
{
	RTE_SET_USED(tx_queue_id);
	RTE_SET_USED(stat_idx);
	if (stats_dev(port_id, __func__) == NULL)
		return -ENODEV;
	return -ENOTSUP;   /* queue i is always counter i */
}

int rte_eth_dev_set_rx_queue_stats_mapping(uint16_t port_id, uint16_t rx_queue_id, uint8_t stat_idx)
{
	RTE_SET_USED(rx_queue_id);
	RTE_SET_USED(stat_idx);
	if (stats_dev(port_id, __func__) == NULL)
		return -ENODEV;
	return -ENOTSUP;
}
