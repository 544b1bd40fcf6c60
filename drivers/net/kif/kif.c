/* SPDX-License-Identifier: BSD-3-Clause
 * Kernel-interface helpers for net_af_packet and net_af_xdp (kif.h).
 * Owns nothing; may call lib/ethdev's driver interface, rte_log,
 * rte_socket_id and libc. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <rte_ethdev.h>
#include "ethdev_driver.h"
#include "kif.h"

int kif_ioctl(const char *iface, unsigned long req, struct ifreq *ifr)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rc;

	if (fd < 0)
		return -errno;
	memset(ifr->ifr_name, 0, sizeof(ifr->ifr_name));
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", iface);
	rc = ioctl(fd, req, ifr) < 0 ? -errno : 0;
	close(fd);
	return rc;
}

void kif_link_set(struct rte_eth_dev *dev, const char *iface, int want_up)
{
	struct ifreq ifr;
	int up = 0;

	if (want_up && kif_ioctl(iface, SIOCGIFFLAGS, &ifr) == 0)
		up = (ifr.ifr_flags & IFF_UP) && (ifr.ifr_flags & IFF_RUNNING);
	struct rte_eth_link l = {
		.link_speed = up ? RTE_ETH_SPEED_NUM_10G : RTE_ETH_SPEED_NUM_NONE,
		.link_duplex = RTE_ETH_LINK_FULL_DUPLEX,
		.link_autoneg = RTE_ETH_LINK_FIXED,
		.link_status = up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN,
	};
	ethdev_link_set(dev, &l);
}

void kif_port_setup(struct rte_eth_dev *dev, const char *iface, const struct rte_ether_addr *mac)
{
	struct ifreq ifr;

	dev->data->mac_addrs[0] = *mac;
	dev->data->numa_node = (int)rte_socket_id();
	dev->data->dev_flags = RTE_ETH_DEV_INTR_LSC;
	if (kif_ioctl(iface, SIOCGIFMTU, &ifr) == 0)
		dev->data->mtu = (uint16_t)ifr.ifr_mtu;
	ethdev_rss_init(dev->data, RTE_ETH_RSS_RETA_SIZE_128);
}

int kif_parse_uint(const char *drv, const char *name, const char *key, const char *val,
		   unsigned long lo, unsigned long hi, unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(val, &end, 0);
	if (val[0] == '\0' || val[0] == '-' || *end != '\0' || errno != 0 || v < lo || v > hi) {
		RTE_ETHDEV_LOG(ERR, "%s %s: bad argument %s=%s (%lu..%lu)\n", drv, name, key, val,
			       lo, hi);
		return -EINVAL;
	}
	*out = (unsigned int)v;
	return 0;
}
