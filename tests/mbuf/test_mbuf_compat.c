/* mbuf and mempool behaviours that DPDK 22.11's own unit tests rely on
 * (issue 11): each check here failed before dplite matched DPDK.
 *   - rte_mbuf_dynflag_register takes the lowest free bit, so a later
 *     rte_mbuf_dynflag_register_bitnum(.., 40) still succeeds;
 *   - rte_mbuf_check refuses refcnt == UINT16_MAX;
 *   - flag lists for mask 0 name the zero-valued flags; a too-small buffer
 *     gives -1; the outer-L4 Rx and tunnel Tx flags have names;
 *   - rte_validate_tx_offload: L4 checksum or TSO without IPV4/IPV6 is
 *     -EINVAL, IPV4|IPV6 together is accepted;
 *   - rte_mempool_get_bulk on an exhausted pool: the backend's -ENOBUFS;
 *   - private_data_size UINT32_MAX: EINVAL;
 *   - rte_pktmbuf_read(m, off, UINT32_MAX, buf): NULL (dplite, see
 *     docs/compat.md; DPDK's length wraps). */
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_mempool.h>
#include "test.h"

static int list_has(const char *list, const char *name)
{
	char pat[80];
	snprintf(pat, sizeof(pat), "%s ", name);
	return strstr(list, pat) != NULL;
}

int main(void)
{
	char buf[1024];

	test_eal_init("mbuf_compat", NULL);
	struct rte_mempool *mp = rte_pktmbuf_pool_create("compat_mbufs", 31, 0, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	REQUIRE(mp != NULL);

	/* dynflags: lowest free bit first (DPDK: 23), 40 left for bitnum */
	struct rte_mbuf_dynflag f1, f2, f3;
	memset(&f1, 0, sizeof(f1));
	memset(&f2, 0, sizeof(f2));
	memset(&f3, 0, sizeof(f3));
	snprintf(f1.name, sizeof(f1.name), "compat_flag1");
	snprintf(f2.name, sizeof(f2.name), "compat_flag2");
	snprintf(f3.name, sizeof(f3.name), "compat_flag40");
	int b1 = rte_mbuf_dynflag_register(&f1);
	int b2 = rte_mbuf_dynflag_register(&f2);
	CHECK_MSG(b1 == 23, "first dynflag bit %d", b1);
	CHECK_MSG(b2 == 24, "second dynflag bit %d", b2);
	CHECK(rte_mbuf_dynflag_register_bitnum(&f3, 40) == 40);

	/* rte_mbuf_check: refcnt UINT16_MAX is refused */
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	const char *why = NULL;
	REQUIRE(m != NULL);
	CHECK(rte_mbuf_check(m, 1, &why) == 0);
	rte_mbuf_refcnt_set(m, UINT16_MAX);
	CHECK(rte_mbuf_check(m, 1, &why) == -1 && why != NULL);
	rte_mbuf_refcnt_set(m, 1);

	/* flag lists and names */
	CHECK(rte_get_rx_ol_flag_list(0, buf, sizeof(buf)) == 0);
	CHECK_MSG(list_has(buf, "RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN") &&
		  list_has(buf, "RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN") &&
		  list_has(buf, "RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN"), "rx list(0): '%s'", buf);
	CHECK(rte_get_tx_ol_flag_list(0, buf, sizeof(buf)) == 0);
	CHECK_MSG(list_has(buf, "RTE_MBUF_F_TX_L4_NO_CKSUM"), "tx list(0): '%s'", buf);
	CHECK(rte_get_rx_ol_flag_list(RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_L4_CKSUM_BAD, buf, 8) == -1);
	CHECK(rte_get_tx_ol_flag_list(RTE_MBUF_F_TX_VLAN, buf, 4) == -1);
	CHECK(rte_get_rx_ol_flag_list(RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD, buf, sizeof(buf)) == 0 &&
	      list_has(buf, "RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD"));
	CHECK(rte_get_rx_ol_flag_name(0) == NULL);
	CHECK(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD) != NULL);
	CHECK(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD) != NULL);
	CHECK(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID) != NULL);
	const uint64_t tunnels[] = {
		RTE_MBUF_F_TX_TUNNEL_VXLAN, RTE_MBUF_F_TX_TUNNEL_GTP, RTE_MBUF_F_TX_TUNNEL_GRE,
		RTE_MBUF_F_TX_TUNNEL_IPIP, RTE_MBUF_F_TX_TUNNEL_GENEVE,
		RTE_MBUF_F_TX_TUNNEL_MPLSINUDP, RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE,
		RTE_MBUF_F_TX_TUNNEL_IP, RTE_MBUF_F_TX_TUNNEL_UDP,
	};
	for (unsigned i = 0; i < RTE_DIM(tunnels); i++) {
		const char *n = rte_get_tx_ol_flag_name(tunnels[i]);
		CHECK_MSG(n != NULL && strncmp(n, "RTE_MBUF_F_TX_TUNNEL_", 21) == 0,
			  "tunnel flag %u: %s", i, n ? n : "NULL");
	}
	CHECK(rte_get_tx_ol_flag_list(RTE_MBUF_F_TX_TUNNEL_GENEVE, buf, sizeof(buf)) == 0 &&
	      list_has(buf, "RTE_MBUF_F_TX_TUNNEL_GENEVE"));

	/* rte_validate_tx_offload */
	m->tso_segsz = 0;
	m->ol_flags = RTE_MBUF_F_TX_TCP_CKSUM;
	CHECK(rte_validate_tx_offload(m) == -EINVAL);
	m->ol_flags = RTE_MBUF_F_TX_UDP_CKSUM | RTE_MBUF_F_TX_IPV4;
	CHECK(rte_validate_tx_offload(m) == 0);
	m->ol_flags = RTE_MBUF_F_TX_TCP_SEG;
	m->tso_segsz = 1400;
	CHECK(rte_validate_tx_offload(m) == -EINVAL);
	m->ol_flags = RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV6;
	CHECK(rte_validate_tx_offload(m) == 0);
	m->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_TCP_CKSUM;
	CHECK(rte_validate_tx_offload(m) == 0);
	m->ol_flags = RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_IPV6;
	CHECK(rte_validate_tx_offload(m) == -EINVAL);
	m->ol_flags = 0;

	/* rte_pktmbuf_read with a length that would wrap: NULL (dplite) */
	REQUIRE(rte_pktmbuf_append(m, 100) != NULL);
	CHECK(rte_pktmbuf_read(m, 10, UINT32_MAX, buf) == NULL);
	CHECK(rte_pktmbuf_read(m, 10, 90, buf) != NULL);
	rte_pktmbuf_free(m);

	/* exhausted pool: the ring backend's -ENOBUFS */
	struct rte_mbuf *all[31], *one;
	CHECK(rte_pktmbuf_alloc_bulk(mp, all, 31) == 0);
	CHECK(rte_mempool_get(mp, (void **)&one) == -ENOBUFS);
	CHECK(rte_pktmbuf_alloc_bulk(mp, &one, 1) == -ENOBUFS);
	rte_pktmbuf_free_bulk(all, 31);

	/* private data sizes that would wrap */
	rte_errno = 0;
	CHECK(rte_mempool_create_empty("compat_priv", 16, 64, 0, UINT32_MAX, SOCKET_ID_ANY, 0) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_mempool_create("compat_elt", 16, UINT32_MAX, 0, 0, NULL, NULL, NULL, NULL,
				 SOCKET_ID_ANY, 0) == NULL && rte_errno == EINVAL);

	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
