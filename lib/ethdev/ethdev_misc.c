/* SPDX-License-Identifier: BSD-3-Clause
 * Calls for features no dplite driver has (packet-type reporting, VLAN
 * filters and offloads, flow control, firmware version, device clock): they
 * check the port and answer as DPDK does for a device without the feature,
 * so programs that probe for them (l3fwd, testpmd-style code) run.
 * Layer: above ethdev_port.c only. */
#include <errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf_ptype.h>
#include "ethdev_driver.h"

int rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *ptypes,
				     int num)
{
	struct rte_eth_dev *dev;

	RTE_SET_USED(ptype_mask);
	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (ptypes == NULL && num > 0) {
		ETHDEV_LOG(ERR, "port %u: supported ptypes into NULL with num > 0\n", port_id);
		return -EINVAL;
	}
	return 0;   /* the drivers parse nothing: no packet type is reported */
}

int rte_eth_dev_set_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *set_ptypes,
			   unsigned int num)
{
	struct rte_eth_dev *dev;

	RTE_SET_USED(ptype_mask);
	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (set_ptypes == NULL && num > 0) {
		ETHDEV_LOG(ERR, "port %u: set ptypes into NULL with num > 0\n", port_id);
		return -EINVAL;
	}
	if (num > 0)
		set_ptypes[0] = RTE_PTYPE_UNKNOWN;
	return 0;
}

int rte_eth_dev_fw_version_get(uint16_t port_id, char *fw_version, size_t fw_size)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (fw_version == NULL && fw_size > 0) {
		ETHDEV_LOG(ERR, "port %u: firmware version into NULL\n", port_id);
		return -EINVAL;
	}
	return -ENOTSUP;
}

int rte_eth_dev_vlan_filter(uint16_t port_id, uint16_t vlan_id, int on)
{
	struct rte_eth_dev *dev;

	RTE_SET_USED(on);
	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (vlan_id > 4095) {
		ETHDEV_LOG(ERR, "port %u: VLAN id %u > 4095\n", port_id, vlan_id);
		return -EINVAL;
	}
	return -ENOSYS;   /* DPDK: filter offload not enabled */
}

int rte_eth_dev_get_vlan_offload(uint16_t port_id)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	return 0;
}

int rte_eth_dev_set_vlan_offload(uint16_t port_id, int offload_mask)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	/* turning everything off is already true */
	return (offload_mask & (RTE_ETH_VLAN_STRIP_OFFLOAD | RTE_ETH_VLAN_FILTER_OFFLOAD |
				RTE_ETH_VLAN_EXTEND_OFFLOAD | RTE_ETH_QINQ_STRIP_OFFLOAD)) ? -ENOTSUP : 0;
}

int rte_eth_dev_flow_ctrl_get(uint16_t port_id, struct rte_eth_fc_conf *fc_conf)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (fc_conf == NULL) {
		ETHDEV_LOG(ERR, "port %u: flow control into NULL\n", port_id);
		return -EINVAL;
	}
	return -ENOTSUP;
}

int rte_eth_dev_flow_ctrl_set(uint16_t port_id, struct rte_eth_fc_conf *fc_conf)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (fc_conf == NULL) {
		ETHDEV_LOG(ERR, "port %u: flow control from NULL\n", port_id);
		return -EINVAL;
	}
	return -ENOTSUP;
}

int rte_eth_read_clock(uint16_t port_id, uint64_t *clock)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (clock == NULL) {
		ETHDEV_LOG(ERR, "port %u: clock into NULL\n", port_id);
		return -EINVAL;
	}
	return -ENOTSUP;
}
