/* SPDX-License-Identifier: BSD-3-Clause
 * Software packet-type parsing (outer L2/L3/L4; no tunnels). */
#ifndef _RTE_NET_PTYPE_H_
#define _RTE_NET_PTYPE_H_
#include <stdint.h>
#include <rte_mbuf.h>
#include <rte_ip.h>
#include <rte_udp.h>
#include <rte_tcp.h>
#ifdef __cplusplus
extern "C" {
#endif

struct rte_net_hdr_lens {
	uint8_t l2_len;
	uint8_t inner_l2_len;
	uint16_t l3_len;
	uint16_t inner_l3_len;
	uint16_t tunnel_len;
	uint8_t l4_len;
	uint8_t inner_l4_len;
};

/* Skip IPv6 extension headers starting with proto at *off: the next
 * protocol, or -1 (malformed). *frag set when a fragment header is seen. */
int rte_net_skip_ip6_ext(uint16_t proto, const struct rte_mbuf *m, uint32_t *off, int *frag);

/* Parse the packet's outer headers up to the layers in `layers`
 * (RTE_PTYPE_L2_MASK | RTE_PTYPE_L3_MASK | RTE_PTYPE_L4_MASK, or
 * RTE_PTYPE_ALL_MASK); returns RTE_PTYPE_* bits and fills hdr_lens. */
uint32_t rte_net_get_ptype(const struct rte_mbuf *m, struct rte_net_hdr_lens *hdr_lens,
			   uint32_t layers);

/* Prepare a packet for Intel-style checksum offload, as the Tx flags in
 * ol_flags ask: zero the IPv4 header checksum and seed the UDP/TCP checksum
 * with the pseudo-header sum. Needs l2_len/l3_len (and outer lengths for
 * tunnels) set and the headers in the first segment: 0, or -ENOTSUP. */
static inline int rte_net_intel_cksum_flags_prepare(struct rte_mbuf *m, uint64_t ol_flags)
{
	uint64_t l3_off = m->l2_len;
	struct rte_ipv4_hdr *ip4 = NULL;
	struct rte_ipv6_hdr *ip6 = NULL;
	uint64_t l4 = ol_flags & RTE_MBUF_F_TX_L4_MASK;

	if (!(ol_flags & (RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_L4_MASK |
			  RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_UDP_SEG)))
		return 0;
	if (ol_flags & (RTE_MBUF_F_TX_OUTER_IPV4 | RTE_MBUF_F_TX_OUTER_IPV6))
		l3_off += m->outer_l2_len + m->outer_l3_len;
	if (unlikely(rte_pktmbuf_data_len(m) < l3_off + m->l3_len + m->l4_len))
		return -ENOTSUP;
	if (ol_flags & RTE_MBUF_F_TX_IPV4) {
		ip4 = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, l3_off);
		if (ol_flags & RTE_MBUF_F_TX_IP_CKSUM)
			ip4->hdr_checksum = 0;
	} else {
		ip6 = rte_pktmbuf_mtod_offset(m, struct rte_ipv6_hdr *, l3_off);
	}
	if (l4 == RTE_MBUF_F_TX_UDP_CKSUM || (ol_flags & RTE_MBUF_F_TX_UDP_SEG)) {
		struct rte_udp_hdr *u = rte_pktmbuf_mtod_offset(m, struct rte_udp_hdr *,
								l3_off + m->l3_len);
		u->dgram_cksum = ip4 ? rte_ipv4_phdr_cksum(ip4, ol_flags)
				     : rte_ipv6_phdr_cksum(ip6, ol_flags);
	} else if (l4 == RTE_MBUF_F_TX_TCP_CKSUM || (ol_flags & RTE_MBUF_F_TX_TCP_SEG)) {
		struct rte_tcp_hdr *t = rte_pktmbuf_mtod_offset(m, struct rte_tcp_hdr *,
								l3_off + m->l3_len);
		t->cksum = ip4 ? rte_ipv4_phdr_cksum(ip4, ol_flags)
			       : rte_ipv6_phdr_cksum(ip6, ol_flags);
	}
	return 0;
}

static inline int rte_net_intel_cksum_prepare(struct rte_mbuf *m)
{
	return rte_net_intel_cksum_flags_prepare(m, m->ol_flags);
}

#ifdef __cplusplus
}
#endif
#endif
