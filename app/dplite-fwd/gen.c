/* SPDX-License-Identifier: BSD-3-Clause
 * Flow templates and packet building for the generated traffic (the default
 * loopback ports and --fwd=txonly).
 *
 * GEN_FLOWS IPv4 flows: three in four UDP, one in four TCP, sources in
 * 198.18.0.0/16 and destinations in 198.19.0.0/16 (the benchmarking range),
 * varied ports, and six frame sizes from 60 to 1514 bytes (or every frame
 * --txpkts bytes long). Each template
 * holds the finished headers (checksums included) and the Toeplitz hash of
 * its 5-tuple under the default RSS key, so building a packet on the fast
 * path is a header copy and no per-packet arithmetic.
 */
#include <string.h>
#include <rte_byteorder.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_memcpy.h>
#include <rte_tcp.h>
#include <rte_thash.h>
#include <rte_udp.h>
#include "fwd.h"

#define GEN_FLOWS 1024
#define GEN_HDR_MAX 64

/* The 40-byte default RSS key most NICs and DPDK's software RSS use. */
static const uint8_t rss_key[40] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

struct flow_tmpl {
	uint8_t hdr[GEN_HDR_MAX];
	uint16_t hdr_len;
	uint16_t frame_len;
	uint32_t rss;
};

static struct flow_tmpl flows[GEN_FLOWS];
static const uint16_t sizes[] = { 60, 124, 252, 508, 1020, 1514 };
static const uint16_t dports[] = { 53, 80, 443, 4789, 8080, 123, 5201 };

unsigned int gen_flow_count(void)
{
	return GEN_FLOWS;
}

uint32_t fwd_soft_rss(struct rte_mbuf *m)
{
	const struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	if (m->data_len < sizeof(*eth) + sizeof(struct rte_ipv4_hdr) + 4 ||
	    eth->ether_type != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4))
		return 0;
	const struct rte_ipv4_hdr *ip = (const struct rte_ipv4_hdr *)(eth + 1);
	union rte_thash_tuple t;
	t.v4.src_addr = rte_be_to_cpu_32(ip->src_addr);
	t.v4.dst_addr = rte_be_to_cpu_32(ip->dst_addr);
	uint32_t len = RTE_THASH_V4_L3_LEN;
	if (ip->next_proto_id == IPPROTO_UDP || ip->next_proto_id == IPPROTO_TCP) {
		const uint16_t *l4 = (const uint16_t *)((const uint8_t *)ip + rte_ipv4_hdr_len(ip));
		if ((const uint8_t *)(l4 + 2) <= rte_pktmbuf_mtod(m, const uint8_t *) + m->data_len) {
			t.v4.sport = rte_be_to_cpu_16(l4[0]);
			t.v4.dport = rte_be_to_cpu_16(l4[1]);
			len = RTE_THASH_V4_L4_LEN;
		}
	}
	return rte_softrss((uint32_t *)&t, len, rss_key);
}

static void build_flow(unsigned int i, struct flow_tmpl *f)
{
	memset(f, 0, sizeof(*f));
	int tcp = (i % 4) == 3;
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)f->hdr;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	uint16_t l4len = tcp ? sizeof(struct rte_tcp_hdr) : sizeof(struct rte_udp_hdr);

	f->frame_len = g.o.txpkts != 0 ? (uint16_t)g.o.txpkts : sizes[(i * 7) % RTE_DIM(sizes)];
	f->hdr_len = (uint16_t)(sizeof(*eth) + sizeof(*ip) + l4len);
	static const struct rte_ether_addr src = {{ 0x02, 0, 0, 0, 0, 0x01 }};
	static const struct rte_ether_addr dst = {{ 0x02, 0, 0, 0, 0, 0x02 }};
	rte_ether_addr_copy(&src, &eth->src_addr);
	rte_ether_addr_copy(&dst, &eth->dst_addr);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);

	uint32_t sip = (198u << 24) | (18u << 16) | ((i * 37u) & 0xffff);
	uint32_t dip = (198u << 24) | (19u << 16) | ((i * 101u + 7) & 0xffff);
	uint16_t sport = (uint16_t)(1024 + (i * 7919u) % 60000);
	uint16_t dport = dports[i % RTE_DIM(dports)];
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(f->frame_len - sizeof(*eth)));
	ip->packet_id = rte_cpu_to_be_16((uint16_t)i);
	ip->time_to_live = 64;
	ip->next_proto_id = tcp ? IPPROTO_TCP : IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(sip);
	ip->dst_addr = rte_cpu_to_be_32(dip);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	if (tcp) {
		struct rte_tcp_hdr *th = (struct rte_tcp_hdr *)(ip + 1);
		th->src_port = rte_cpu_to_be_16(sport);
		th->dst_port = rte_cpu_to_be_16(dport);
		th->sent_seq = rte_cpu_to_be_32(i * 1000u);
		th->data_off = (sizeof(*th) / 4) << 4;
		th->tcp_flags = RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG;
		th->rx_win = rte_cpu_to_be_16(65535);
	} else {
		struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(ip + 1);
		uh->src_port = rte_cpu_to_be_16(sport);
		uh->dst_port = rte_cpu_to_be_16(dport);
		uh->dgram_len = rte_cpu_to_be_16((uint16_t)(f->frame_len - sizeof(*eth) - sizeof(*ip)));
	}
	union rte_thash_tuple t;
	memset(&t, 0, sizeof(t));
	t.v4.src_addr = sip;
	t.v4.dst_addr = dip;
	t.v4.sport = sport;
	t.v4.dport = dport;
	f->rss = rte_softrss((uint32_t *)&t, RTE_THASH_V4_L4_LEN, rss_key);
}

int gen_init(void)
{
	for (unsigned int i = 0; i < GEN_FLOWS; i++)
		build_flow(i, &flows[i]);
	return 0;
}

/* Fill an mbuf from template idx: headers copied, payload a byte pattern
 * (written only when the packet is built outside the fast path). */
static inline void fill(struct rte_mbuf *m, const struct flow_tmpl *f, int payload)
{
	uint8_t *d = rte_pktmbuf_mtod(m, uint8_t *);
	rte_memcpy(d, f->hdr, f->hdr_len);
	if (payload)
		for (uint16_t k = f->hdr_len; k < f->frame_len; k++)
			d[k] = (uint8_t)(k * 31);
	m->data_len = f->frame_len;
	m->pkt_len = f->frame_len;
	m->hash.rss = f->rss;
	m->ol_flags |= RTE_MBUF_F_RX_RSS_HASH;
}

/* One packet of flow idx % GEN_FLOWS, or NULL when the pool is empty. */
struct rte_mbuf *gen_packet(uint32_t idx)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(g.pool);
	if (m != NULL)
		fill(m, &flows[idx % GEN_FLOWS], 1);
	return m;
}

/* Fast path (txonly): n packets of consecutive flows from *cursor; returns
 * how many were built (0 when the pool had too few). */
uint16_t gen_burst(struct rte_mbuf **pkts, uint16_t n, uint32_t *cursor)
{
	if (rte_pktmbuf_alloc_bulk(g.pool, pkts, n) != 0)
		return 0;
	uint32_t c = *cursor;
	for (uint16_t i = 0; i < n; i++)
		fill(pkts[i], &flows[(c + i) % GEN_FLOWS], 0);
	*cursor = c + n;
	return n;
}
