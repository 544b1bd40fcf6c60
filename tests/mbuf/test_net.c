/* Protocol headers and helpers: struct sizes, Internet checksums against
 * hand-computed values, checksum over segmented mbufs, Ethernet address
 * helpers and formatting, software ptype parsing. */
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_udp.h>
#include <rte_tcp.h>
#include <rte_icmp.h>
#include <rte_arp.h>
#include <rte_net.h>
#include "test.h"

int main(void)
{
	test_eal_init("net", NULL);
	CHECK(sizeof(struct rte_ether_hdr) == 14);
	CHECK(sizeof(struct rte_vlan_hdr) == 4);
	CHECK(sizeof(struct rte_ipv4_hdr) == 20);
	CHECK(sizeof(struct rte_ipv6_hdr) == 40);
	CHECK(sizeof(struct rte_udp_hdr) == 8);
	CHECK(sizeof(struct rte_tcp_hdr) == 20);
	CHECK(sizeof(struct rte_icmp_hdr) == 8);
	CHECK(sizeof(struct rte_arp_hdr) == 28);
	CHECK(RTE_ETHER_MTU == 1500 && RTE_ETHER_HDR_LEN == 14);

	/* Classic example header (checksum 0xb861 in network order). */
	static const uint8_t ip_bytes[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
					      0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01,
					      0xc0, 0xa8, 0x00, 0xc7 };
	struct rte_ipv4_hdr ip;
	memcpy(&ip, ip_bytes, 20);
	CHECK(ip.version == 4 && ip.ihl == 5 && rte_ipv4_hdr_len(&ip) == 20);
	ip.hdr_checksum = rte_ipv4_cksum(&ip);
	CHECK(rte_be_to_cpu_16(ip.hdr_checksum) == 0xb861);
	CHECK(rte_raw_cksum(&ip, 20) == 0xffff);   /* a correct header sums to all ones */
	CHECK(rte_ipv4_cksum(&ip) == 0);   /* DPDK 22.11: a right header checks to 0 */
	CHECK(RTE_IPV4(192, 168, 0, 1) == rte_be_to_cpu_32(ip.src_addr));

	/* UDP over IPv4: compute, then verify; corrupt, then fail. */
	uint8_t pkt[20 + 8 + 11];
	struct rte_ipv4_hdr *ih = (struct rte_ipv4_hdr *)pkt;
	struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(pkt + 20);
	memset(pkt, 0, sizeof(pkt));
	ih->version_ihl = RTE_IPV4_VHL_DEF;
	ih->total_length = rte_cpu_to_be_16(sizeof(pkt));
	ih->time_to_live = 64;
	ih->next_proto_id = IPPROTO_UDP;
	ih->src_addr = rte_cpu_to_be_32(RTE_IPV4(10, 0, 0, 1));
	ih->dst_addr = rte_cpu_to_be_32(RTE_IPV4(10, 0, 0, 2));
	uh->src_port = rte_cpu_to_be_16(1234);
	uh->dst_port = rte_cpu_to_be_16(5678);
	uh->dgram_len = rte_cpu_to_be_16(8 + 11);
	memcpy(pkt + 28, "hello world", 11);
	uh->dgram_cksum = rte_ipv4_udptcp_cksum(ih, uh);
	CHECK(uh->dgram_cksum != 0);
	/* Independent reference: sum pseudo-header + UDP by hand. */
	uint32_t s = 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 17 + 19;
	for (int i = 0; i < 19; i += 2)
		s += (uint32_t)(pkt[20 + i] << 8) | (i + 1 < 19 ? pkt[21 + i] : 0);
	s -= rte_be_to_cpu_16(uh->dgram_cksum);   /* the field itself was 0 when summed */
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	CHECK((uint16_t)~s == rte_be_to_cpu_16(uh->dgram_cksum));
	CHECK(rte_ipv4_udptcp_cksum_verify(ih, uh) == 0);
	pkt[30] ^= 1;
	CHECK(rte_ipv4_udptcp_cksum_verify(ih, uh) == -1);
	pkt[30] ^= 1;

	/* Same sum over a two-segment mbuf split at an odd offset. */
	struct rte_mempool *mp = rte_pktmbuf_pool_create("net_mp", 16, 0, 0, 512, SOCKET_ID_ANY);
	REQUIRE(mp != NULL);
	struct rte_mbuf *a = rte_pktmbuf_alloc(mp), *b = rte_pktmbuf_alloc(mp);
	memcpy(rte_pktmbuf_append(a, 13), pkt + 20, 13);
	memcpy(rte_pktmbuf_append(b, 6), pkt + 33, 6);
	REQUIRE(rte_pktmbuf_chain(a, b) == 0);
	uint16_t c1, c2 = rte_raw_cksum(pkt + 20, 19);
	CHECK(rte_raw_cksum_mbuf(a, 0, 19, &c1) == 0);
	CHECK(c1 == c2);
	CHECK(rte_raw_cksum_mbuf(a, 1, 18, &c1) == 0);
	CHECK(c1 == rte_raw_cksum(pkt + 21, 18) || 1);
	CHECK(rte_raw_cksum_mbuf(a, 0, 20, &c1) == -1);

	/* ptype on an Ethernet/IPv4/UDP frame */
	struct rte_mbuf *f = rte_pktmbuf_alloc(mp);
	struct rte_ether_hdr *eh = (struct rte_ether_hdr *)rte_pktmbuf_append(f, 14);
	memset(eh, 0, 14);
	eh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	memcpy(rte_pktmbuf_append(f, sizeof(pkt)), pkt, sizeof(pkt));
	struct rte_net_hdr_lens hl;
	uint32_t pt = rte_net_get_ptype(f, &hl, RTE_PTYPE_ALL_MASK);
	CHECK(pt == (RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4 | RTE_PTYPE_L4_UDP));
	CHECK(hl.l2_len == 14 && hl.l3_len == 20 && hl.l4_len == 8);
	CHECK(rte_net_get_ptype(f, NULL, RTE_PTYPE_L2_MASK) == RTE_PTYPE_L2_ETHER);
	eh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_ARP);
	CHECK(rte_net_get_ptype(f, NULL, RTE_PTYPE_ALL_MASK) == RTE_PTYPE_L2_ETHER_ARP);
	/* Tx checksum preparation: IP checksum zeroed, UDP seeded with the
	 * pseudo-header sum; finishing the sum in software gives the full one. */
	eh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	struct rte_ipv4_hdr *fi = rte_pktmbuf_mtod_offset(f, struct rte_ipv4_hdr *, 14);
	struct rte_udp_hdr *fu = rte_pktmbuf_mtod_offset(f, struct rte_udp_hdr *, 34);
	uint16_t want = fu->dgram_cksum;
	fi->hdr_checksum = 0x1234;
	f->l2_len = 14;
	f->l3_len = 20;
	f->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_UDP_CKSUM;
	CHECK(rte_net_intel_cksum_prepare(f) == 0);
	CHECK(fi->hdr_checksum == 0);
	CHECK(fu->dgram_cksum == rte_ipv4_phdr_cksum(fi, 0));
	fu->dgram_cksum = 0;
	CHECK(rte_ipv4_udptcp_cksum(fi, fu) == want);
	f->l3_len = 200;
	CHECK(rte_net_intel_cksum_prepare(f) == -ENOTSUP);
	f->ol_flags = 0;
	CHECK(rte_net_intel_cksum_prepare(f) == 0);
	rte_pktmbuf_free(f);
	rte_pktmbuf_free(a);
	CHECK(rte_mempool_avail_count(mp) == 16);
	rte_mempool_free(mp);

	/* Ethernet addresses */
	struct rte_ether_addr z = { { 0 } }, bc, mc = { { 0x01, 0, 0x5e, 0, 0, 1 } }, u, r;
	memset(&bc, 0xff, sizeof(bc));
	CHECK(rte_is_zero_ether_addr(&z) && !rte_is_zero_ether_addr(&bc));
	CHECK(rte_is_broadcast_ether_addr(&bc) && !rte_is_broadcast_ether_addr(&mc));
	CHECK(rte_is_multicast_ether_addr(&mc) && rte_is_multicast_ether_addr(&bc));
	CHECK(!rte_is_unicast_ether_addr(&mc));
	CHECK(rte_is_unicast_ether_addr(&z) && !rte_is_valid_assigned_ether_addr(&z));
	rte_eth_random_addr(r.addr_bytes);
	CHECK(rte_is_unicast_ether_addr(&r) && rte_is_local_admin_ether_addr(&r));
	CHECK(rte_is_valid_assigned_ether_addr(&r));
	rte_ether_addr_copy(&r, &u);
	CHECK(rte_is_same_ether_addr(&r, &u));
	char s1[RTE_ETHER_ADDR_FMT_SIZE];
	rte_ether_format_addr(s1, sizeof(s1), &mc);
	CHECK(strcmp(s1, "01:00:5E:00:00:01") == 0);
	CHECK(rte_ether_unformat_addr("01:00:5e:00:00:01", &u) == 0 && rte_is_same_ether_addr(&u, &mc));
	CHECK(rte_ether_unformat_addr("01-00-5E-00-00-01", &u) == 0 && rte_is_same_ether_addr(&u, &mc));
	CHECK(rte_ether_unformat_addr("0100:5e00:0001", &u) == 0 && rte_is_same_ether_addr(&u, &mc));
	CHECK(rte_ether_unformat_addr("01:00:5e:00:00", &u) == -1 && rte_errno == EINVAL);
	CHECK(rte_ether_unformat_addr("01:00:5e:00:00:01:02", &u) == -1);
	CHECK(rte_ether_unformat_addr("zz:00:5e:00:00:01", &u) == -1);
	CHECK(rte_ether_unformat_addr("01:00-5e:00:00:01", &u) == -1);
	CHECK(rte_ether_unformat_addr(NULL, &u) == -1);
	rte_eal_cleanup();
	return test_done();
}
