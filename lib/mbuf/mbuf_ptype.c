/* SPDX-License-Identifier: BSD-3-Clause
 * Readable names of packet types (mbuf->packet_type). Stateless. */
#include <stdio.h>
#include <rte_mbuf_ptype.h>

#define NAME(v, s) case v: return s

const char *rte_get_ptype_l2_name(uint32_t p)
{
	switch (p & RTE_PTYPE_L2_MASK) {
	NAME(RTE_PTYPE_L2_ETHER, "L2_ETHER"); NAME(RTE_PTYPE_L2_ETHER_TIMESYNC, "L2_ETHER_TIMESYNC");
	NAME(RTE_PTYPE_L2_ETHER_ARP, "L2_ETHER_ARP"); NAME(RTE_PTYPE_L2_ETHER_LLDP, "L2_ETHER_LLDP");
	NAME(RTE_PTYPE_L2_ETHER_NSH, "L2_ETHER_NSH"); NAME(RTE_PTYPE_L2_ETHER_VLAN, "L2_ETHER_VLAN");
	NAME(RTE_PTYPE_L2_ETHER_QINQ, "L2_ETHER_QINQ"); NAME(RTE_PTYPE_L2_ETHER_PPPOE, "L2_ETHER_PPPOE");
	NAME(RTE_PTYPE_L2_ETHER_FCOE, "L2_ETHER_FCOE"); NAME(RTE_PTYPE_L2_ETHER_MPLS, "L2_ETHER_MPLS");
	default: return "L2_UNKNOWN";
	}
}
const char *rte_get_ptype_l3_name(uint32_t p)
{
	switch (p & RTE_PTYPE_L3_MASK) {
	NAME(RTE_PTYPE_L3_IPV4, "L3_IPV4"); NAME(RTE_PTYPE_L3_IPV4_EXT, "L3_IPV4_EXT");
	NAME(RTE_PTYPE_L3_IPV6, "L3_IPV6"); NAME(RTE_PTYPE_L3_IPV4_EXT_UNKNOWN, "L3_IPV4_EXT_UNKNOWN");
	NAME(RTE_PTYPE_L3_IPV6_EXT, "L3_IPV6_EXT");
	NAME(RTE_PTYPE_L3_IPV6_EXT_UNKNOWN, "L3_IPV6_EXT_UNKNOWN");
	default: return "L3_UNKNOWN";
	}
}
const char *rte_get_ptype_l4_name(uint32_t p)
{
	switch (p & RTE_PTYPE_L4_MASK) {
	NAME(RTE_PTYPE_L4_TCP, "L4_TCP"); NAME(RTE_PTYPE_L4_UDP, "L4_UDP");
	NAME(RTE_PTYPE_L4_FRAG, "L4_FRAG"); NAME(RTE_PTYPE_L4_SCTP, "L4_SCTP");
	NAME(RTE_PTYPE_L4_ICMP, "L4_ICMP"); NAME(RTE_PTYPE_L4_NONFRAG, "L4_NONFRAG");
	NAME(RTE_PTYPE_L4_IGMP, "L4_IGMP");
	default: return "L4_UNKNOWN";
	}
}
const char *rte_get_ptype_tunnel_name(uint32_t p)
{
	switch (p & RTE_PTYPE_TUNNEL_MASK) {
	NAME(RTE_PTYPE_TUNNEL_IP, "TUNNEL_IP"); NAME(RTE_PTYPE_TUNNEL_GRE, "TUNNEL_GRE");
	NAME(RTE_PTYPE_TUNNEL_VXLAN, "TUNNEL_VXLAN"); NAME(RTE_PTYPE_TUNNEL_NVGRE, "TUNNEL_NVGRE");
	NAME(RTE_PTYPE_TUNNEL_GENEVE, "TUNNEL_GENEVE");
	NAME(RTE_PTYPE_TUNNEL_GRENAT, "TUNNEL_GRENAT"); NAME(RTE_PTYPE_TUNNEL_GTPC, "TUNNEL_GTPC");
	NAME(RTE_PTYPE_TUNNEL_GTPU, "TUNNEL_GTPU"); NAME(RTE_PTYPE_TUNNEL_ESP, "TUNNEL_ESP");
	NAME(RTE_PTYPE_TUNNEL_L2TP, "TUNNEL_L2TP"); NAME(RTE_PTYPE_TUNNEL_VXLAN_GPE, "TUNNEL_VXLAN_GPE");
	NAME(RTE_PTYPE_TUNNEL_MPLS_IN_UDP, "TUNNEL_MPLS_IN_UDP");
	NAME(RTE_PTYPE_TUNNEL_MPLS_IN_GRE, "TUNNEL_MPLS_IN_GRE");
	default: return "TUNNEL_UNKNOWN";
	}
}
const char *rte_get_ptype_inner_l2_name(uint32_t p)
{
	switch (p & RTE_PTYPE_INNER_L2_MASK) {
	NAME(RTE_PTYPE_INNER_L2_ETHER, "INNER_L2_ETHER");
	NAME(RTE_PTYPE_INNER_L2_ETHER_VLAN, "INNER_L2_ETHER_VLAN");
	NAME(RTE_PTYPE_INNER_L2_ETHER_QINQ, "INNER_L2_ETHER_QINQ");
	default: return "INNER_L2_UNKNOWN";
	}
}
const char *rte_get_ptype_inner_l3_name(uint32_t p)
{
	switch (p & RTE_PTYPE_INNER_L3_MASK) {
	NAME(RTE_PTYPE_INNER_L3_IPV4, "INNER_L3_IPV4"); NAME(RTE_PTYPE_INNER_L3_IPV4_EXT, "INNER_L3_IPV4_EXT");
	NAME(RTE_PTYPE_INNER_L3_IPV6, "INNER_L3_IPV6"); NAME(RTE_PTYPE_INNER_L3_IPV6_EXT, "INNER_L3_IPV6_EXT");
	NAME(RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN, "INNER_L3_IPV4_EXT_UNKNOWN");
	NAME(RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN, "INNER_L3_IPV6_EXT_UNKNOWN");
	default: return "INNER_L3_UNKNOWN";
	}
}
const char *rte_get_ptype_inner_l4_name(uint32_t p)
{
	switch (p & RTE_PTYPE_INNER_L4_MASK) {
	NAME(RTE_PTYPE_INNER_L4_TCP, "INNER_L4_TCP"); NAME(RTE_PTYPE_INNER_L4_UDP, "INNER_L4_UDP");
	NAME(RTE_PTYPE_INNER_L4_FRAG, "INNER_L4_FRAG"); NAME(RTE_PTYPE_INNER_L4_SCTP, "INNER_L4_SCTP");
	NAME(RTE_PTYPE_INNER_L4_ICMP, "INNER_L4_ICMP");
	NAME(RTE_PTYPE_INNER_L4_NONFRAG, "INNER_L4_NONFRAG");
	default: return "INNER_L4_UNKNOWN";
	}
}

int rte_get_ptype_name(uint32_t p, char *buf, size_t len)
{
	const char *parts[7];
	size_t n = 0, off = 0;

	if (buf == NULL || len == 0)
		return -1;
	if (p & RTE_PTYPE_L2_MASK) parts[n++] = rte_get_ptype_l2_name(p);
	if (p & RTE_PTYPE_L3_MASK) parts[n++] = rte_get_ptype_l3_name(p);
	if (p & RTE_PTYPE_L4_MASK) parts[n++] = rte_get_ptype_l4_name(p);
	if (p & RTE_PTYPE_TUNNEL_MASK) parts[n++] = rte_get_ptype_tunnel_name(p);
	if (p & RTE_PTYPE_INNER_L2_MASK) parts[n++] = rte_get_ptype_inner_l2_name(p);
	if (p & RTE_PTYPE_INNER_L3_MASK) parts[n++] = rte_get_ptype_inner_l3_name(p);
	if (p & RTE_PTYPE_INNER_L4_MASK) parts[n++] = rte_get_ptype_inner_l4_name(p);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int r = snprintf(buf + off, len - off, "%s%s", i ? " " : "", parts[i]);
		if (r < 0 || (size_t)r >= len - off)
			return -1;
		off += (size_t)r;
	}
	return (int)off;
}
