/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry commands for ports, with DPDK 22.11's names and shapes:
 *   /ethdev/list              array of port ids
 *   /ethdev/info,<port>       dict of the port's shared state
 *   /ethdev/stats,<port>      basic stats + per-queue arrays (q_ipackets...)
 *   /ethdev/xstats,<port>     {"<xstat name>": value, ...}
 *   /ethdev/link_status,<port> {"status": "UP"/"DOWN"[, "speed", "duplex"]}
 * Layering: this file sits above lib/ethdev's core and lib/telemetry's
 * public API (rte_telemetry_register_cmd, from a constructor); nothing in
 * either calls it. Port ids are parsed strictly (decimal digits only, a
 * valid port) or the reply is null, where DPDK 22.11 took atoi's view. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_telemetry.h>
#include "ethdev_driver.h"
#include "ethdev_lock.h"

static int port_param(const char *params, uint16_t *port)
{
	unsigned long v = 0;
	if (params == NULL || *params == '\0')
		return -EINVAL;
	for (const char *s = params; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v >= RTE_MAX_ETHPORTS)
			return -EINVAL;
	}
	if (!rte_eth_dev_is_valid_port((uint16_t)v))
		return -ENODEV;
	*port = (uint16_t)v;
	return 0;
}

static int eth_list(const char *cmd __rte_unused, const char *params __rte_unused,
		    struct rte_tel_data *d)
{
	uint16_t p;
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	RTE_ETH_FOREACH_DEV(p)
		rte_tel_data_add_array_int(d, p);
	return 0;
}

static void add_queue_array(struct rte_tel_data *d, const char *name, const uint64_t *v)
{
	struct rte_tel_data *a = rte_tel_data_alloc();
	if (a == NULL)
		return;
	rte_tel_data_start_array(a, RTE_TEL_U64_VAL);
	for (int q = 0; q < RTE_ETHDEV_QUEUE_STAT_CNTRS; q++)
		rte_tel_data_add_array_u64(a, v[q]);
	if (rte_tel_data_add_dict_container(d, name, a, 0) < 0)
		rte_tel_data_free(a);
}

static int eth_stats(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	struct rte_eth_stats st;
	uint16_t p;
	if (port_param(params, &p) < 0 || rte_eth_stats_get(p, &st) < 0)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "ipackets", st.ipackets);
	rte_tel_data_add_dict_u64(d, "opackets", st.opackets);
	rte_tel_data_add_dict_u64(d, "ibytes", st.ibytes);
	rte_tel_data_add_dict_u64(d, "obytes", st.obytes);
	rte_tel_data_add_dict_u64(d, "imissed", st.imissed);
	rte_tel_data_add_dict_u64(d, "ierrors", st.ierrors);
	rte_tel_data_add_dict_u64(d, "oerrors", st.oerrors);
	rte_tel_data_add_dict_u64(d, "rx_nombuf", st.rx_nombuf);
	add_queue_array(d, "q_ipackets", st.q_ipackets);
	add_queue_array(d, "q_opackets", st.q_opackets);
	add_queue_array(d, "q_ibytes", st.q_ibytes);
	add_queue_array(d, "q_obytes", st.q_obytes);
	add_queue_array(d, "q_errors", st.q_errors);
	return 0;
}

static int eth_xstats(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	uint16_t p;
	if (port_param(params, &p) < 0)
		return -EINVAL;
	int n = rte_eth_xstats_get(p, NULL, 0);
	if (n < 0)
		return -EINVAL;
	struct rte_eth_xstat *vals = calloc((size_t)n + 1, sizeof(*vals));
	struct rte_eth_xstat_name *names = calloc((size_t)n + 1, sizeof(*names));
	int ret = -ENOMEM;
	if (vals == NULL || names == NULL)
		goto out;
	ret = -EINVAL;
	int nn = rte_eth_xstats_get_names(p, names, (unsigned int)n);
	int nv = rte_eth_xstats_get(p, vals, (unsigned int)n);
	if (nn < 0 || nv < 0 || nn > n || nv > n)
		goto out;
	rte_tel_data_start_dict(d);
	for (int i = 0; i < nv && i < nn; i++) {
		/* an xstat whose name is not a valid dict name is left out, as in DPDK */
		names[i].name[sizeof(names[i].name) - 1] = '\0';
		rte_tel_data_add_dict_u64(d, names[i].name, vals[i].value);
	}
	ret = 0;
out:
	free(vals);
	free(names);
	return ret;
}

static int eth_link(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	struct rte_eth_link link;
	uint16_t p;
	if (port_param(params, &p) < 0 || rte_eth_link_get_nowait(p, &link) < 0)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	if (!link.link_status) {
		rte_tel_data_add_dict_string(d, "status", "DOWN");
		return 0;
	}
	rte_tel_data_add_dict_string(d, "status", "UP");
	rte_tel_data_add_dict_u64(d, "speed", link.link_speed);
	rte_tel_data_add_dict_string(d, "duplex", link.link_duplex == RTE_ETH_LINK_FULL_DUPLEX ?
				     "full-duplex" : "half-duplex");
	return 0;
}

static int eth_info(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	char mac[RTE_ETHER_ADDR_FMT_SIZE] = "";
	uint16_t p;
	if (port_param(params, &p) < 0)
		return -EINVAL;
	struct rte_eth_dev *dev = &rte_eth_devices[p];
	struct rte_eth_dev_data *dd = dev->data;
	if (dd == NULL)
		return -ENODEV;
	struct rte_tel_data *rxq = rte_tel_data_alloc(), *txq = rte_tel_data_alloc();
	if (rxq == NULL || txq == NULL) {
		rte_tel_data_free(rxq);
		rte_tel_data_free(txq);
		return -ENOMEM;
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", dd->name);
	rte_tel_data_add_dict_int(d, "state", dev->state);
	rte_tel_data_add_dict_int(d, "nb_rx_queues", dd->nb_rx_queues);
	rte_tel_data_add_dict_int(d, "nb_tx_queues", dd->nb_tx_queues);
	rte_tel_data_add_dict_int(d, "port_id", dd->port_id);
	rte_tel_data_add_dict_int(d, "mtu", dd->mtu);
	rte_tel_data_add_dict_u64(d, "rx_mbuf_size_min", dd->min_rx_buf_size);
	if (dd->mac_addrs != NULL)
		rte_ether_format_addr(mac, sizeof(mac), dd->mac_addrs);
	rte_tel_data_add_dict_string(d, "mac_addr", mac);
	rte_tel_data_add_dict_int(d, "promiscuous", dd->promiscuous);
	rte_tel_data_add_dict_int(d, "scattered_rx", dd->scattered_rx);
	rte_tel_data_add_dict_int(d, "all_multicast", dd->all_multicast);
	rte_tel_data_add_dict_int(d, "dev_started", dd->dev_started);
	rte_tel_data_add_dict_int(d, "lro", dd->lro);
	rte_tel_data_add_dict_int(d, "dev_configured", dd->dev_configured);
	rte_tel_data_start_array(rxq, RTE_TEL_INT_VAL);
	for (unsigned int i = 0; i < dd->nb_rx_queues && i < RTE_MAX_QUEUES_PER_PORT; i++)
		rte_tel_data_add_array_int(rxq, dd->rx_queue_state[i]);
	rte_tel_data_start_array(txq, RTE_TEL_INT_VAL);
	for (unsigned int i = 0; i < dd->nb_tx_queues && i < RTE_MAX_QUEUES_PER_PORT; i++)
		rte_tel_data_add_array_int(txq, dd->tx_queue_state[i]);
	if (rte_tel_data_add_dict_container(d, "rxq_state", rxq, 0) < 0)
		rte_tel_data_free(rxq);
	if (rte_tel_data_add_dict_container(d, "txq_state", txq, 0) < 0)
		rte_tel_data_free(txq);
	rte_tel_data_add_dict_int(d, "numa_node", dd->numa_node);
	rte_tel_data_add_dict_u64(d, "dev_flags", dd->dev_flags);
	rte_tel_data_add_dict_u64(d, "rx_offloads", dd->dev_conf.rxmode.offloads);
	rte_tel_data_add_dict_u64(d, "tx_offloads", dd->dev_conf.txmode.offloads);
	rte_tel_data_add_dict_u64(d, "ethdev_rss_hf", dd->dev_conf.rx_adv_conf.rss_conf.rss_hf);
	return 0;
}

/* Each command reads the port under the ethdev control lock, so it sees
 * the port between two control calls (ethdev_lock.c says why). */
#define LOCKED_CMD(fn)                                                                             \
	static int fn##_locked(const char *cmd, const char *params, struct rte_tel_data *d)       \
	{                                                                                          \
		ethdev_ctl_lock();                                                                 \
		int ret = fn(cmd, params, d);                                                      \
		ethdev_ctl_unlock();                                                               \
		return ret;                                                                        \
	}
LOCKED_CMD(eth_list)
LOCKED_CMD(eth_info)
LOCKED_CMD(eth_stats)
LOCKED_CMD(eth_xstats)
LOCKED_CMD(eth_link)

RTE_INIT(ethdev_telemetry_register)
{
	rte_telemetry_register_cmd("/ethdev/list", eth_list_locked, "Port ids. No parameters");
	rte_telemetry_register_cmd("/ethdev/info", eth_info_locked, "One port's state. Parameters: port id");
	rte_telemetry_register_cmd("/ethdev/stats", eth_stats_locked,
				   "One port's basic and per-queue statistics. Parameters: port id");
	rte_telemetry_register_cmd("/ethdev/xstats", eth_xstats_locked,
				   "One port's extended statistics. Parameters: port id");
	rte_telemetry_register_cmd("/ethdev/link_status", eth_link_locked,
				   "One port's link. Parameters: port id");
}
