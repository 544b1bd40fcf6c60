/* SPDX-License-Identifier: BSD-3-Clause
 * Ethernet: addresses, header, VLAN header, EtherTypes, and address helpers.
 * Multi-byte header fields are big-endian on the wire (rte_be16_t). */
#ifndef _RTE_ETHER_H_
#define _RTE_ETHER_H_
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <rte_common.h>
#include <rte_byteorder.h>
#include <rte_random.h>
#include <rte_mbuf.h>
#ifdef __cplusplus
extern "C" {
#endif

#define RTE_ETHER_ADDR_LEN 6
#define RTE_ETHER_TYPE_LEN 2
#define RTE_ETHER_CRC_LEN 4
#define RTE_ETHER_HDR_LEN (RTE_ETHER_ADDR_LEN * 2 + RTE_ETHER_TYPE_LEN)
#define RTE_ETHER_MIN_LEN 64
#define RTE_ETHER_MAX_LEN 1518
#define RTE_ETHER_MTU (RTE_ETHER_MAX_LEN - RTE_ETHER_HDR_LEN - RTE_ETHER_CRC_LEN)
#define RTE_VLAN_HLEN 4
#define RTE_ETHER_MAX_VLAN_FRAME_LEN (RTE_ETHER_MAX_LEN + RTE_VLAN_HLEN)
#define RTE_ETHER_MAX_JUMBO_FRAME_LEN 0x3F00
#define RTE_ETHER_MAX_VLAN_ID 4095
#define RTE_ETHER_MIN_MTU 68

#define RTE_VLAN_DEI_SHIFT 12
#define RTE_VLAN_PRI_SHIFT 13
#define RTE_VLAN_PRI_MASK 0xe000
#define RTE_VLAN_DEI_MASK 0x1000
#define RTE_VLAN_ID_MASK 0x0fff
#define RTE_VLAN_TCI_ID(t) ((t) & RTE_VLAN_ID_MASK)
#define RTE_VLAN_TCI_PRI(t) (((t) & RTE_VLAN_PRI_MASK) >> RTE_VLAN_PRI_SHIFT)
#define RTE_VLAN_TCI_DEI(t) (((t) & RTE_VLAN_DEI_MASK) >> RTE_VLAN_DEI_SHIFT)
#define RTE_VLAN_TCI_MAKE(id, pri, dei) \
	((id) | ((pri) << RTE_VLAN_PRI_SHIFT) | ((dei) << RTE_VLAN_DEI_SHIFT))

struct rte_ether_addr {
	uint8_t addr_bytes[RTE_ETHER_ADDR_LEN];
} __rte_aligned(2);

#define RTE_ETHER_LOCAL_ADMIN_ADDR 0x02   /* bit in the first byte */
#define RTE_ETHER_GROUP_ADDR 0x01         /* bit in the first byte: multicast */
#define RTE_ETHER_ADDR_PRT_FMT "%02X:%02X:%02X:%02X:%02X:%02X"
#define RTE_ETHER_ADDR_BYTES(a) \
	((a)->addr_bytes[0]), ((a)->addr_bytes[1]), ((a)->addr_bytes[2]), \
	((a)->addr_bytes[3]), ((a)->addr_bytes[4]), ((a)->addr_bytes[5])
#define RTE_ETHER_ADDR_FMT_SIZE 18

static inline int rte_is_same_ether_addr(const struct rte_ether_addr *ea1,
					 const struct rte_ether_addr *ea2)
{
	return memcmp(ea1->addr_bytes, ea2->addr_bytes, RTE_ETHER_ADDR_LEN) == 0;
}
static inline int rte_is_zero_ether_addr(const struct rte_ether_addr *ea)
{
	const uint16_t *w = (const uint16_t *)ea;
	return (w[0] | w[1] | w[2]) == 0;
}
static inline int rte_is_unicast_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_GROUP_ADDR) == 0;
}
static inline int rte_is_multicast_ether_addr(const struct rte_ether_addr *ea)
{
	return ea->addr_bytes[0] & RTE_ETHER_GROUP_ADDR;
}
static inline int rte_is_broadcast_ether_addr(const struct rte_ether_addr *ea)
{
	const uint16_t *w = (const uint16_t *)ea;
	return (w[0] & w[1] & w[2]) == 0xffff;
}
static inline int rte_is_universal_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_LOCAL_ADMIN_ADDR) == 0;
}
static inline int rte_is_local_admin_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_LOCAL_ADMIN_ADDR) != 0;
}
static inline int rte_is_valid_assigned_ether_addr(const struct rte_ether_addr *ea)
{
	return rte_is_unicast_ether_addr(ea) && !rte_is_zero_ether_addr(ea);
}

/* A random locally administered unicast address. */
void rte_eth_random_addr(uint8_t *addr);

static inline void rte_ether_addr_copy(const struct rte_ether_addr *__restrict ea_from,
				       struct rte_ether_addr *__restrict ea_to)
{
	*ea_to = *ea_from;
}

/* "XX:XX:XX:XX:XX:XX" into buf (truncated to size). */
void rte_ether_format_addr(char *buf, uint16_t size, const struct rte_ether_addr *eth_addr);
/* Accepts XX:XX:XX:XX:XX:XX, XX-XX-XX-XX-XX-XX and XXXX:XXXX:XXXX; 0 or -1
 * with rte_errno EINVAL. */
int rte_ether_unformat_addr(const char *str, struct rte_ether_addr *eth_addr);

struct rte_ether_hdr {
	struct rte_ether_addr dst_addr;
	struct rte_ether_addr src_addr;
	rte_be16_t ether_type;
} __rte_aligned(2);

struct rte_vlan_hdr {
	rte_be16_t vlan_tci;
	rte_be16_t eth_proto;
} __rte_packed;

#define RTE_ETHER_TYPE_IPV4 0x0800
#define RTE_ETHER_TYPE_IPV6 0x86DD
#define RTE_ETHER_TYPE_ARP 0x0806
#define RTE_ETHER_TYPE_RARP 0x8035
#define RTE_ETHER_TYPE_VLAN 0x8100
#define RTE_ETHER_TYPE_QINQ 0x88A8
#define RTE_ETHER_TYPE_QINQ1 0x9100
#define RTE_ETHER_TYPE_QINQ2 0x9200
#define RTE_ETHER_TYPE_QINQ3 0x9300
#define RTE_ETHER_TYPE_PPPOE_DISCOVERY 0x8863
#define RTE_ETHER_TYPE_PPPOE_SESSION 0x8864
#define RTE_ETHER_TYPE_ETAG 0x893F
#define RTE_ETHER_TYPE_1588 0x88F7
#define RTE_ETHER_TYPE_SLOW 0x8809
#define RTE_ETHER_TYPE_TEB 0x6558
#define RTE_ETHER_TYPE_LLDP 0x88CC
#define RTE_ETHER_TYPE_MPLS 0x8847
#define RTE_ETHER_TYPE_MPLSM 0x8848
#define RTE_ETHER_TYPE_ECPRI 0xAEFE

#ifdef __cplusplus
}
#endif
#endif
