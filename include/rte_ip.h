/* SPDX-License-Identifier: BSD-3-Clause
 * IPv4/IPv6 headers and the Internet checksum helpers.
 *
 * Checksums: the one's-complement sum is computed over 16-bit words taken
 * in memory order, which gives the right bytes in the header whatever the
 * host byte order; results are stored into the header as returned. */
#ifndef _RTE_IP_H_
#define _RTE_IP_H_
#include <stdint.h>
#include <string.h>
#include <netinet/in.h>
#include <rte_common.h>
#include <rte_byteorder.h>
#include <rte_mbuf.h>
#ifdef __cplusplus
extern "C" {
#endif

struct rte_ipv4_hdr {
	__extension__
	union {
		uint8_t version_ihl;
		struct {
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
			uint8_t ihl:4;
			uint8_t version:4;
#else
			uint8_t version:4;
			uint8_t ihl:4;
#endif
		};
	};
	uint8_t type_of_service;
	rte_be16_t total_length;
	rte_be16_t packet_id;
	rte_be16_t fragment_offset;
	uint8_t time_to_live;
	uint8_t next_proto_id;
	rte_be16_t hdr_checksum;
	rte_be32_t src_addr;
	rte_be32_t dst_addr;
} __rte_packed;

#define RTE_IPV4(a, b, c, d) (((uint32_t)((a) & 0xff) << 24) | ((uint32_t)((b) & 0xff) << 16) | \
			      ((uint32_t)((c) & 0xff) << 8) | (uint32_t)((d) & 0xff))
#define RTE_IPV4_MAX_PKT_LEN 65535
#define RTE_IPV4_HDR_IHL_MASK (0x0f)
#define RTE_IPV4_IHL_MULTIPLIER (4)
#define RTE_IPV4_HDR_DSCP_MASK (0xfc)
#define RTE_IPV4_HDR_ECN_MASK (0x03)
#define RTE_IPV4_HDR_ECN_CE RTE_IPV4_HDR_ECN_MASK
#define RTE_IPV4_HDR_DF_SHIFT 14
#define RTE_IPV4_HDR_MF_SHIFT 13
#define RTE_IPV4_HDR_FO_SHIFT 3
#define RTE_IPV4_HDR_DF_FLAG (1 << RTE_IPV4_HDR_DF_SHIFT)
#define RTE_IPV4_HDR_MF_FLAG (1 << RTE_IPV4_HDR_MF_SHIFT)
#define RTE_IPV4_HDR_OFFSET_MASK ((1 << RTE_IPV4_HDR_MF_SHIFT) - 1)
#define RTE_IPV4_HDR_OFFSET_UNITS 8
#define RTE_IPV4_HDR_OPT_EOL 0
#define RTE_IPV4_HDR_OPT_NOP 1
#define RTE_IPV4_HDR_OPT_COPIED(v) ((v) & 0x80)
#define RTE_IPV4_HDR_OPT_MAX_LEN 40
#define RTE_IPV4_ANY ((uint32_t)0x00000000)
#define RTE_IPV4_LOOPBACK ((uint32_t)0x7f000001)
#define RTE_IPV4_BROADCAST ((uint32_t)0xe0000000)
#define RTE_IPV4_ALLHOSTS_GROUP ((uint32_t)0xe0000001)
#define RTE_IPV4_ALLRTRS_GROUP ((uint32_t)0xe0000002)
#define RTE_IPV4_MAX_LOCAL_GROUP ((uint32_t)0xe00000ff)
#define RTE_IPV4_MIN_MCAST RTE_IPV4(224, 0, 0, 0)
#define RTE_IPV4_MAX_MCAST RTE_IPV4(239, 255, 255, 255)
#define RTE_IS_IPV4_MCAST(x) ((x) >= RTE_IPV4_MIN_MCAST && (x) <= RTE_IPV4_MAX_MCAST)
#define RTE_IPV4_MIN_IHL (0x5)
#ifndef IPVERSION
#define IPVERSION 4
#endif
#define RTE_IPV4_VHL_DEF ((IPVERSION << 4) | RTE_IPV4_MIN_IHL)

static inline uint8_t rte_ipv4_hdr_len(const struct rte_ipv4_hdr *ipv4_hdr)
{
	return (uint8_t)((ipv4_hdr->version_ihl & RTE_IPV4_HDR_IHL_MASK) * RTE_IPV4_IHL_MULTIPLIER);
}

/* Add len bytes at buf to the running 32-bit sum (not folded). */
static inline uint32_t __rte_raw_cksum(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *p = (const uint8_t *)buf;
	uint64_t s = sum;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		uint16_t w[4];
		memcpy(w, p + i, 8);
		s += (uint32_t)w[0] + w[1] + w[2] + w[3];
	}
	for (; i + 2 <= len; i += 2) {
		uint16_t w;
		memcpy(&w, p + i, 2);
		s += w;
	}
	if (i < len) {
		uint16_t w = 0;
		memcpy(&w, p + i, 1);   /* odd byte sits at the word's first address */
		s += w;
	}
	s = (s & 0xffffffff) + (s >> 32);
	s = (s & 0xffffffff) + (s >> 32);
	return (uint32_t)s;
}

static inline uint16_t __rte_raw_cksum_reduce(uint32_t sum)
{
	sum = ((sum & 0xffff0000) >> 16) + (sum & 0xffff);
	sum = ((sum & 0xffff0000) >> 16) + (sum & 0xffff);
	return (uint16_t)sum;
}

/* One's-complement sum of buf (not complemented). */
static inline uint16_t rte_raw_cksum(const void *buf, size_t len)
{
	return __rte_raw_cksum_reduce(__rte_raw_cksum(buf, len, 0));
}

/* Sum of [off, off+len) across segments into *cksum: 0, or -1 if out of range. */
static inline int rte_raw_cksum_mbuf(const struct rte_mbuf *m, uint32_t off, uint32_t len,
				     uint16_t *cksum)
{
	const struct rte_mbuf *seg;
	uint32_t sum = 0, done = 0;

	if (off + len < off || off + len > m->pkt_len)
		return -1;
	for (seg = m; seg != NULL && off >= seg->data_len; seg = seg->next)
		off -= seg->data_len;
	while (done < len && seg != NULL) {
		uint32_t n = RTE_MIN((uint32_t)seg->data_len - off, len - done);
		uint32_t part = __rte_raw_cksum(rte_pktmbuf_mtod_offset(seg, const void *, off), n, 0);

		part = __rte_raw_cksum_reduce(part);
		/* A piece starting at an odd packet offset has its bytes in
		 * the other halves of the 16-bit words. */
		if (done & 1)
			part = ((part & 0xff) << 8) | (part >> 8);
		sum += part;
		done += n;
		off = 0;
		seg = seg->next;
	}
	*cksum = __rte_raw_cksum_reduce(sum);
	return done == len ? 0 : -1;
}

/* IPv4 header checksum to store in hdr_checksum (which must be 0 while
 * computing). */
static inline uint16_t rte_ipv4_cksum(const struct rte_ipv4_hdr *ipv4_hdr)
{
	/* the complement of the sum, as DPDK 22.11: 0 for a header whose
	 * checksum field is already right */
	uint16_t c = rte_raw_cksum(ipv4_hdr, rte_ipv4_hdr_len(ipv4_hdr));
	return (uint16_t)~c;
}

/* Pseudo-header sum (not complemented); with TSO the length is left out. */
static inline uint16_t rte_ipv4_phdr_cksum(const struct rte_ipv4_hdr *ipv4_hdr, uint64_t ol_flags)
{
	struct {
		uint32_t src_addr;
		uint32_t dst_addr;
		uint8_t zero;
		uint8_t proto;
		uint16_t len;
	} __rte_packed psd;

	psd.src_addr = ipv4_hdr->src_addr;
	psd.dst_addr = ipv4_hdr->dst_addr;
	psd.zero = 0;
	psd.proto = ipv4_hdr->next_proto_id;
	if (ol_flags & (RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_UDP_SEG))
		psd.len = 0;
	else
		psd.len = rte_cpu_to_be_16((uint16_t)(rte_be_to_cpu_16(ipv4_hdr->total_length) -
						      rte_ipv4_hdr_len(ipv4_hdr)));
	return rte_raw_cksum(&psd, sizeof(psd));
}

static inline uint16_t __rte_ipv4_udptcp_cksum(const struct rte_ipv4_hdr *ipv4_hdr,
					       const void *l4_hdr)
{
	uint32_t l3_len = rte_be_to_cpu_16(ipv4_hdr->total_length);
	uint32_t hl = rte_ipv4_hdr_len(ipv4_hdr), c;

	if (l3_len < hl)
		return 0;
	c = rte_raw_cksum(l4_hdr, l3_len - hl);
	c += rte_ipv4_phdr_cksum(ipv4_hdr, 0);
	return __rte_raw_cksum_reduce(c);
}

/* UDP/TCP checksum over pseudo-header + L4 header + payload (contiguous);
 * the L4 checksum field must be 0 while computing. Never returns 0 (UDP's
 * "no checksum"): 0 becomes 0xffff. */
static inline uint16_t rte_ipv4_udptcp_cksum(const struct rte_ipv4_hdr *ipv4_hdr,
					     const void *l4_hdr)
{
	uint16_t c = (uint16_t)~__rte_ipv4_udptcp_cksum(ipv4_hdr, l4_hdr);
	return c == 0 ? 0xffff : c;
}

/* 0 when the L4 checksum in place is right, -1 otherwise. */
static inline int rte_ipv4_udptcp_cksum_verify(const struct rte_ipv4_hdr *ipv4_hdr,
					       const void *l4_hdr)
{
	return __rte_ipv4_udptcp_cksum(ipv4_hdr, l4_hdr) == 0xffff ? 0 : -1;
}

/* ---- IPv6 ------------------------------------------------------------------------------- */
struct rte_ipv6_hdr {
	rte_be32_t vtc_flow;     /* version 4b, traffic class 8b, flow label 20b */
	rte_be16_t payload_len;
	uint8_t proto;
	uint8_t hop_limits;
	uint8_t src_addr[16];
	uint8_t dst_addr[16];
} __rte_packed;

#define RTE_IPV6_HDR_FL_SHIFT 0
#define RTE_IPV6_HDR_TC_SHIFT 20
#define RTE_IPV6_HDR_FL_MASK ((1u << RTE_IPV6_HDR_TC_SHIFT) - 1)
#define RTE_IPV6_HDR_TC_MASK (0xff << RTE_IPV6_HDR_TC_SHIFT)
#define RTE_IPV6_HDR_DSCP_MASK (0xfc << RTE_IPV6_HDR_TC_SHIFT)
#define RTE_IPV6_HDR_ECN_MASK (0x03 << RTE_IPV6_HDR_TC_SHIFT)
#define RTE_IPV6_HDR_ECN_CE RTE_IPV6_HDR_ECN_MASK
#define RTE_IPV6_MIN_MTU 1280

struct rte_ipv6_fragment_ext {
	uint8_t next_header;
	uint8_t reserved;
	rte_be16_t frag_data;
	rte_be32_t id;
} __rte_packed;
#define RTE_IPV6_EHDR_MF_SHIFT 0
#define RTE_IPV6_EHDR_MF_MASK 1
#define RTE_IPV6_EHDR_FO_SHIFT 3
#define RTE_IPV6_EHDR_FO_MASK (~((1 << RTE_IPV6_EHDR_FO_SHIFT) - 1))
#define RTE_IPV6_EHDR_FO_ALIGN (1 << RTE_IPV6_EHDR_FO_SHIFT)
#define RTE_IPV6_FRAG_USED_MASK (RTE_IPV6_EHDR_MF_MASK | RTE_IPV6_EHDR_FO_MASK)
#define RTE_IPV6_GET_MF(x) ((x) & RTE_IPV6_EHDR_MF_MASK)
#define RTE_IPV6_GET_FO(x) ((x) >> RTE_IPV6_EHDR_FO_SHIFT)
#define RTE_IPV6_SET_FRAG_DATA(fo, mf) (((fo) & RTE_IPV6_EHDR_FO_MASK) | ((mf) & RTE_IPV6_EHDR_MF_MASK))
#define RTE_IPV6_FRAG_HDR_SIZE sizeof(struct rte_ipv6_fragment_ext)

static inline uint16_t rte_ipv6_phdr_cksum(const struct rte_ipv6_hdr *ipv6_hdr, uint64_t ol_flags)
{
	struct {
		rte_be32_t len;
		rte_be32_t proto;
	} psd;
	uint32_t s;

	if (ol_flags & (RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_UDP_SEG))
		psd.len = 0;
	else
		psd.len = rte_cpu_to_be_32((uint32_t)rte_be_to_cpu_16(ipv6_hdr->payload_len));
	psd.proto = rte_cpu_to_be_32((uint32_t)ipv6_hdr->proto);
	s = __rte_raw_cksum(ipv6_hdr->src_addr, 32, 0);
	s = __rte_raw_cksum(&psd, sizeof(psd), s);
	return __rte_raw_cksum_reduce(s);
}

static inline uint16_t __rte_ipv6_udptcp_cksum(const struct rte_ipv6_hdr *ipv6_hdr,
					       const void *l4_hdr)
{
	uint32_t c = rte_raw_cksum(l4_hdr, rte_be_to_cpu_16(ipv6_hdr->payload_len));

	c += rte_ipv6_phdr_cksum(ipv6_hdr, 0);
	return __rte_raw_cksum_reduce(c);
}

static inline uint16_t rte_ipv6_udptcp_cksum(const struct rte_ipv6_hdr *ipv6_hdr,
					     const void *l4_hdr)
{
	uint16_t c = (uint16_t)~__rte_ipv6_udptcp_cksum(ipv6_hdr, l4_hdr);
	return c == 0 ? 0xffff : c;
}

static inline int rte_ipv6_udptcp_cksum_verify(const struct rte_ipv6_hdr *ipv6_hdr,
					       const void *l4_hdr)
{
	return __rte_ipv6_udptcp_cksum(ipv6_hdr, l4_hdr) == 0xffff ? 0 : -1;
}

#ifdef __cplusplus
}
#endif
#endif
