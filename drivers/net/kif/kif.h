/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers shared by the drivers that sit on a Linux network interface
 * (net_af_packet, net_af_xdp): interface ioctls, link state from the
 * interface flags, and the numeric devargs parser they both use. Internal:
 * not installed, not exported. */
#ifndef DPLITE_DRIVERS_NET_KIF_H
#define DPLITE_DRIVERS_NET_KIF_H
#include <net/if.h>

struct rte_eth_dev;

/* ioctl(req) on a throwaway AF_INET socket for interface `iface`.
 * 0, or -errno. */
int kif_ioctl(const char *iface, unsigned long req, struct ifreq *ifr);

/* Publish the port's link: up (10G, full duplex) when want_up and the
 * interface is IFF_UP and IFF_RUNNING, down otherwise. */
void kif_link_set(struct rte_eth_dev *dev, const char *iface, int want_up);

/* Port data every interface-backed port starts with: the interface's MAC,
 * this socket, LSC capability, the interface's MTU where it can be read,
 * and a 128-entry RSS table. */
struct rte_ether_addr;
void kif_port_setup(struct rte_eth_dev *dev, const char *iface, const struct rte_ether_addr *mac);

/* Parse devargs value `val` of `key` as an unsigned number in [lo, hi] into
 * *out; otherwise one log line naming driver, device and argument, -EINVAL. */
int kif_parse_uint(const char *drv, const char *name, const char *key, const char *val,
		   unsigned long lo, unsigned long hi, unsigned int *out);
#endif
