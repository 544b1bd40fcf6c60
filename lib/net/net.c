/* SPDX-License-Identifier: BSD-3-Clause
 * Network helpers: Ethernet address formatting/parsing/randomising and a
 * software packet-type parser over possibly segmented mbufs. Stateless. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <stdlib.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_udp.h>
#include <rte_net.h>
#include <rte_errno.h>
#include <rte_cycles.h>

void rte_eth_random_addr(uint8_t *addr)
{
	static __thread unsigned int seed;
	uint64_t r;

	if (seed == 0)
		seed = (unsigned int)rte_rdtsc() ^ (unsigned int)(uintptr_t)&seed;
	r = ((uint64_t)rand_r(&seed) << 32) ^ (uint64_t)rand_r(&seed) ^ rte_rdtsc();
	memcpy(addr, &r, RTE_ETHER_ADDR_LEN);
	addr[0] &= (uint8_t)~RTE_ETHER_GROUP_ADDR;   /* unicast */
	addr[0] |= RTE_ETHER_LOCAL_ADMIN_ADDR;       /* locally administered */
}

void rte_ether_format_addr(char *buf, uint16_t size, const struct rte_ether_addr *a)
{
	if (buf == NULL || size == 0 || a == NULL)
		return;
	snprintf(buf, size, RTE_ETHER_ADDR_PRT_FMT, RTE_ETHER_ADDR_BYTES(a));
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parse n hex digits (1..max) at *s into *v. */
static int parse_hex(const char **s, unsigned int max, unsigned int *v)
{
	unsigned int n = 0;
	int d;

	*v = 0;
	while (n < max && (d = hexval((unsigned char)**s)) >= 0) {
		*v = (*v << 4) | (unsigned int)d;
		(*s)++;
		n++;
	}
	return n > 0 && hexval((unsigned char)**s) < 0 ? 0 : -1;
}

int rte_ether_unformat_addr(const char *str, struct rte_ether_addr *ea)
{
	struct rte_ether_addr tmp;
	const char *s = str;
	unsigned int v, i;

	if (str == NULL || ea == NULL)
		goto bad;
	/* XX:XX:XX:XX:XX:XX or with '-' */
	for (i = 0; i < 6; i++) {
		if (parse_hex(&s, 2, &v) != 0)
			break;
		tmp.addr_bytes[i] = (uint8_t)v;
		if (i < 5) {
			if (*s != ':' && *s != '-')
				break;
			if (i > 0 && *s != str[2])
				break;   /* separators must match */
			s++;
		}
	}
	if (i == 6 && *s == '\0') {
		*ea = tmp;
		return 0;
	}
	/* XXXX:XXXX:XXXX */
	s = str;
	for (i = 0; i < 3; i++) {
		if (parse_hex(&s, 4, &v) != 0)
			goto bad;
		tmp.addr_bytes[2 * i] = (uint8_t)(v >> 8);
		tmp.addr_bytes[2 * i + 1] = (uint8_t)v;
		if (i < 2 && *s++ != ':')
			goto bad;
	}
	if (*s != '\0')
		goto bad;
	*ea = tmp;
	return 0;
bad:
	rte_errno = EINVAL;
	return -1;
}

/* ---- ptype parsing ------------------------------------------------------------------- */
int rte_net_skip_ip6_ext(uint16_t proto, const struct rte_mbuf *m, uint32_t *off, int *frag)
{
	struct { uint8_t next; uint8_t len; } ext, buf;
	const void *p;
	int i;

	*frag = 0;
	for (i = 0; i < 8; i++) {
		switch (proto) {
		case IPPROTO_HOPOPTS: case IPPROTO_ROUTING: case IPPROTO_DSTOPTS:
			p = rte_pktmbuf_read(m, *off, sizeof(ext), &buf);
			if (p == NULL)
				return -1;
			memcpy(&ext, p, sizeof(ext));
			*off += (uint32_t)(ext.len + 1) * 8;
			proto = ext.next;
			break;
		case IPPROTO_FRAGMENT:
			p = rte_pktmbuf_read(m, *off, sizeof(ext), &buf);
			if (p == NULL)
				return -1;
			memcpy(&ext, p, sizeof(ext));
			*off += 8;
			proto = ext.next;
			*frag = 1;
			return proto;
		case IPPROTO_NONE:
			return 0;
		default:
			return proto;
		}
	}
	return -1;
}

static uint32_t l4_ptype(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_TCP: return RTE_PTYPE_L4_TCP;
	case IPPROTO_UDP: return RTE_PTYPE_L4_UDP;
	case IPPROTO_SCTP: return RTE_PTYPE_L4_SCTP;
	case IPPROTO_ICMP: case IPPROTO_ICMPV6: return RTE_PTYPE_L4_ICMP;
	case IPPROTO_IGMP: return RTE_PTYPE_L4_IGMP;
	default: return RTE_PTYPE_L4_NONFRAG;
	}
}

uint32_t rte_net_get_ptype(const struct rte_mbuf *m, struct rte_net_hdr_lens *hl,
			   uint32_t layers)
{
	struct rte_net_hdr_lens local;
	uint32_t pt = RTE_PTYPE_L2_ETHER, off;
	uint16_t proto;
	uint8_t l4proto;
	const void *p;
	union { struct rte_ether_hdr eh; struct rte_vlan_hdr vh; struct rte_ipv4_hdr ip4;
		struct rte_ipv6_hdr ip6; struct rte_tcp_hdr tcp; } buf;

	if (hl == NULL)
		hl = &local;
	memset(hl, 0, sizeof(*hl));
	if ((layers & RTE_PTYPE_L2_MASK) == 0)
		return 0;
	p = rte_pktmbuf_read(m, 0, sizeof(struct rte_ether_hdr), &buf);
	if (p == NULL)
		return 0;
	proto = ((const struct rte_ether_hdr *)p)->ether_type;
	off = sizeof(struct rte_ether_hdr);
	hl->l2_len = (uint8_t)off;
	if (proto == rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN) ||
	    proto == rte_cpu_to_be_16(RTE_ETHER_TYPE_QINQ)) {
		int qinq = proto == rte_cpu_to_be_16(RTE_ETHER_TYPE_QINQ);
		for (int k = 0; k < (qinq ? 2 : 1); k++) {
			p = rte_pktmbuf_read(m, off, sizeof(struct rte_vlan_hdr), &buf);
			if (p == NULL)
				return pt;
			proto = ((const struct rte_vlan_hdr *)p)->eth_proto;
			off += sizeof(struct rte_vlan_hdr);
		}
		pt = qinq ? RTE_PTYPE_L2_ETHER_QINQ : RTE_PTYPE_L2_ETHER_VLAN;
		hl->l2_len = (uint8_t)off;
	} else if (proto == rte_cpu_to_be_16(RTE_ETHER_TYPE_ARP)) {
		return RTE_PTYPE_L2_ETHER_ARP;
	} else if (proto == rte_cpu_to_be_16(RTE_ETHER_TYPE_LLDP)) {
		return RTE_PTYPE_L2_ETHER_LLDP;
	} else if (proto == rte_cpu_to_be_16(RTE_ETHER_TYPE_1588)) {
		return RTE_PTYPE_L2_ETHER_TIMESYNC;
	}
	if ((layers & RTE_PTYPE_L3_MASK) == 0)
		return pt;
	if (proto == rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4)) {
		const struct rte_ipv4_hdr *ip = rte_pktmbuf_read(m, off, sizeof(*ip), &buf);
		if (ip == NULL)
			return pt;
		hl->l3_len = rte_ipv4_hdr_len(ip);
		if (hl->l3_len < sizeof(*ip))
			return pt;
		pt |= hl->l3_len == sizeof(*ip) ? RTE_PTYPE_L3_IPV4 : RTE_PTYPE_L3_IPV4_EXT;
		off += hl->l3_len;
		if ((layers & RTE_PTYPE_L4_MASK) == 0)
			return pt;
		if (ip->fragment_offset & rte_cpu_to_be_16(RTE_IPV4_HDR_OFFSET_MASK |
							   RTE_IPV4_HDR_MF_FLAG)) {
			hl->l4_len = 0;
			return pt | RTE_PTYPE_L4_FRAG;
		}
		l4proto = ip->next_proto_id;
	} else if (proto == rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV6)) {
		const struct rte_ipv6_hdr *ip6 = rte_pktmbuf_read(m, off, sizeof(*ip6), &buf);
		int frag = 0, next;
		if (ip6 == NULL)
			return pt;
		off += sizeof(*ip6);
		l4proto = ip6->proto;
		next = rte_net_skip_ip6_ext(l4proto, m, &off, &frag);
		if (next < 0)
			return pt;
		hl->l3_len = (uint16_t)(off - hl->l2_len);
		pt |= hl->l3_len == sizeof(*ip6) ? RTE_PTYPE_L3_IPV6 : RTE_PTYPE_L3_IPV6_EXT;
		if ((layers & RTE_PTYPE_L4_MASK) == 0)
			return pt;
		if (frag)
			return pt | RTE_PTYPE_L4_FRAG;
		l4proto = (uint8_t)next;
	} else {
		return pt;
	}
	pt |= l4_ptype(l4proto);
	if (l4proto == IPPROTO_TCP) {
		const struct rte_tcp_hdr *t = rte_pktmbuf_read(m, off, sizeof(*t), &buf);
		if (t != NULL)
			hl->l4_len = (uint8_t)((t->data_off & 0xf0) >> 2);
	} else if (l4proto == IPPROTO_UDP) {
		hl->l4_len = sizeof(struct rte_udp_hdr);
	} else if (l4proto == IPPROTO_SCTP) {
		hl->l4_len = 12;
	}
	return pt;
}
