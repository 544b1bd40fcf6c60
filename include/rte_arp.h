/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_ARP_H_
#define _RTE_ARP_H_
#include <stdint.h>
#include <rte_common.h>
#include <rte_ether.h>
#ifdef __cplusplus
extern "C" {
#endif

struct rte_arp_ipv4 {
	struct rte_ether_addr arp_sha;   /* sender hardware address */
	uint32_t arp_sip;                /* sender IP (big-endian) */
	struct rte_ether_addr arp_tha;   /* target hardware address */
	uint32_t arp_tip;                /* target IP (big-endian) */
} __rte_packed __rte_aligned(2);

struct rte_arp_hdr {
	uint16_t arp_hardware;
	uint16_t arp_protocol;
	uint8_t arp_hlen;
	uint8_t arp_plen;
	uint16_t arp_opcode;
	struct rte_arp_ipv4 arp_data;
} __rte_packed __rte_aligned(2);

#define RTE_ARP_HRD_ETHER 1
#define RTE_ARP_OP_REQUEST 1
#define RTE_ARP_OP_REPLY 2
#define RTE_ARP_OP_REVREQUEST 3
#define RTE_ARP_OP_REVREPLY 4
#define RTE_ARP_OP_INVREQUEST 8
#define RTE_ARP_OP_INVREPLY 9

#ifdef __cplusplus
}
#endif
#endif
