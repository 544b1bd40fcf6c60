/* SPDX-License-Identifier: BSD-3-Clause
 * --fwd=icmpecho --ip A.B.C.D: a host a kernel can ping.
 *
 * Each received packet is looked at once, in place:
 *   ARP request for our address   -> rewritten into the ARP reply (our MAC)
 *   ICMP echo request to our address (IPv4, no fragment, valid IPv4 header
 *   checksum and ICMP checksum)   -> rewritten into the echo reply (addresses
 *                                    swapped, TTL 64, both checksums new)
 *   anything else                 -> freed and counted as dropped
 * Replies leave on the port they came in on (same lcore's TX queue). Runs
 * only in rtc mode: main.c picks rtc for it. Counters are per lcore, written
 * by that lcore with relaxed stores (cnt_add) and read by main after the
 * phase, as every other counter of dplite-fwd.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <rte_arp.h>
#include <rte_icmp.h>
#include <rte_ip.h>
#include "fwd.h"

struct echo_stats {
	uint64_t arp_replies, echo_replies, dropped;
} __rte_cache_aligned;

static struct echo_stats estats[RTE_MAX_LCORE];
static rte_be32_t my_ip;       /* network order */

int icmpecho_set_ip(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return -1;
	my_ip = a.s_addr;
	return 0;
}

int icmpecho_have_ip(void)
{
	return my_ip != 0;
}

static int arp_reply(struct rte_mbuf *m, const struct rte_ether_addr *mac)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_arp_hdr *a = (struct rte_arp_hdr *)(eth + 1);

	if (m->data_len < sizeof(*eth) + sizeof(*a) ||
	    a->arp_hardware != rte_cpu_to_be_16(RTE_ARP_HRD_ETHER) ||
	    a->arp_protocol != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) ||
	    a->arp_hlen != RTE_ETHER_ADDR_LEN || a->arp_plen != 4 ||
	    a->arp_opcode != rte_cpu_to_be_16(RTE_ARP_OP_REQUEST) || a->arp_data.arp_tip != my_ip)
		return 0;
	a->arp_opcode = rte_cpu_to_be_16(RTE_ARP_OP_REPLY);
	a->arp_data.arp_tha = a->arp_data.arp_sha;
	a->arp_data.arp_tip = a->arp_data.arp_sip;
	a->arp_data.arp_sha = *mac;
	a->arp_data.arp_sip = my_ip;
	eth->dst_addr = eth->src_addr;
	eth->src_addr = *mac;
	m->data_len = m->pkt_len = (uint32_t)(sizeof(*eth) + sizeof(*a));
	return 1;
}

static int echo_reply(struct rte_mbuf *m, const struct rte_ether_addr *mac)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	uint32_t avail = m->data_len, ihl, tot;

	if (m->nb_segs != 1 || avail < sizeof(*eth) + sizeof(*ip))
		return 0;
	ihl = (uint32_t)(ip->version_ihl & 0x0f) * 4;
	tot = rte_be_to_cpu_16(ip->total_length);
	if ((ip->version_ihl >> 4) != 4 || ihl < sizeof(*ip) || tot < ihl + sizeof(struct rte_icmp_hdr) ||
	    sizeof(*eth) + tot > avail || ip->dst_addr != my_ip ||
	    ip->next_proto_id != IPPROTO_ICMP ||
	    (ip->fragment_offset & rte_cpu_to_be_16(RTE_IPV4_HDR_MF_FLAG | RTE_IPV4_HDR_OFFSET_MASK)) ||
	    rte_raw_cksum(ip, ihl) != 0xffff)
		return 0;
	struct rte_icmp_hdr *ic = (struct rte_icmp_hdr *)((uint8_t *)ip + ihl);
	uint32_t ilen = tot - ihl;
	if (ic->icmp_type != RTE_IP_ICMP_ECHO_REQUEST || ic->icmp_code != 0 ||
	    rte_raw_cksum(ic, ilen) != 0xffff)
		return 0;
	ic->icmp_type = RTE_IP_ICMP_ECHO_REPLY;
	ic->icmp_cksum = 0;
	ic->icmp_cksum = (uint16_t)~rte_raw_cksum(ic, ilen);
	ip->dst_addr = ip->src_addr;
	ip->src_addr = my_ip;
	ip->time_to_live = 64;
	ip->hdr_checksum = 0;
	ip->hdr_checksum = (uint16_t)~rte_raw_cksum(ip, ihl);
	eth->dst_addr = eth->src_addr;
	eth->src_addr = *mac;
	m->data_len = m->pkt_len = (uint32_t)sizeof(*eth) + tot;   /* drop Ethernet padding */
	m->ol_flags = 0;
	return 1;
}

/* Turns the n packets of p into the replies (kept at the front, in order);
 * frees the rest. Returns the number of replies. */
uint16_t icmpecho_burst(struct rte_mbuf **p, uint16_t n, unsigned int pi)
{
	struct echo_stats *es = &estats[rte_lcore_id()];
	const struct rte_ether_addr *mac = &g.port[pi].mac;
	uint16_t k = 0;
	uint64_t arp = 0, echo = 0;

	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = p[i];
		int ok = 0;
		if (m->data_len >= sizeof(struct rte_ether_hdr)) {
			uint16_t et = rte_pktmbuf_mtod(m, struct rte_ether_hdr *)->ether_type;
			if (et == rte_cpu_to_be_16(RTE_ETHER_TYPE_ARP))
				arp += (uint64_t)(ok = arp_reply(m, mac));
			else if (et == rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4))
				echo += (uint64_t)(ok = echo_reply(m, mac));
		}
		if (ok)
			p[k++] = m;
		else
			rte_pktmbuf_free(m);
	}
	cnt_add(&es->arp_replies, arp);
	cnt_add(&es->echo_replies, echo);
	cnt_add(&es->dropped, (uint64_t)(n - k));
	return k;
}

void icmpecho_report(void)
{
	uint64_t a = 0, e = 0, d = 0;

	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		a += cnt_get(&estats[l].arp_replies);
		e += cnt_get(&estats[l].echo_replies);
		d += cnt_get(&estats[l].dropped);
		memset(&estats[l], 0, sizeof(estats[l]));
	}
	printf("  icmpecho: arp_replies %" PRIu64 " echo_replies %" PRIu64 " dropped %" PRIu64 "\n",
	       a, e, d);
}
