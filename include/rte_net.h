/* SPDX-License-Identifier: BSD-3-Clause
 * Software packet-type parsing (outer L2/L3/L4; no tunnels). */
#ifndef _RTE_NET_PTYPE_H_
#define _RTE_NET_PTYPE_H_
#include <stdint.h>
#include <rte_mbuf.h>
#include <rte_ip.h>
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

#ifdef __cplusplus
}
#endif
#endif
