/* SPDX-License-Identifier: BSD-3-Clause
 * Ethernet ports (DPDK 22.11 rte_ethdev.h): configuration, queues, the
 * inline burst functions, statistics, link, MAC, RSS and events.
 *
 * Error convention (as DPDK): functions returning int give 0 on success or
 * a negative errno (-ENODEV unknown port, -EINVAL bad argument, -ENOTSUP the
 * driver cannot, -EBUSY port started, -EIO device removed), and log one line
 * saying which argument was wrong. Burst functions return a count: 0 on a
 * stopped port or an absent queue (one log line, never a crash).
 *
 * Where things live (docs/ethdev.md has the picture): rte_eth_dev_data per
 * port is in shared memory (memzone "rte_eth_dev_data"); rte_eth_fp_ops and
 * the driver function pointers are process-local. */
#ifndef _RTE_ETHDEV_H_
#define _RTE_ETHDEV_H_

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <errno.h>
#include <rte_compat.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_branch_prediction.h>
#include <rte_log.h>
#include <rte_errno.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_interrupts.h>
#include <rte_bitops.h>
#include <rte_power_intrinsics.h>
#include <rte_ether.h>
#include <rte_mbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_ETHDEV_HAS_LRO_SUPPORT

extern int rte_eth_dev_logtype;
#define RTE_ETHDEV_LOG(level, ...) \
	rte_log(RTE_LOG_ ## level, rte_eth_dev_logtype, "" __VA_ARGS__)

struct rte_mbuf;
struct rte_mempool;

/* ---- basic statistics ----------------------------------------------------------- */
struct rte_eth_stats {
	uint64_t ipackets;
	uint64_t opackets;
	uint64_t ibytes;
	uint64_t obytes;
	uint64_t imissed;
	uint64_t ierrors;
	uint64_t oerrors;
	uint64_t rx_nombuf;
	uint64_t q_ipackets[RTE_ETHDEV_QUEUE_STAT_CNTRS];
	uint64_t q_opackets[RTE_ETHDEV_QUEUE_STAT_CNTRS];
	uint64_t q_ibytes[RTE_ETHDEV_QUEUE_STAT_CNTRS];
	uint64_t q_obytes[RTE_ETHDEV_QUEUE_STAT_CNTRS];
	uint64_t q_errors[RTE_ETHDEV_QUEUE_STAT_CNTRS];
};

/* ---- link ------------------------------------------------------------------------ */
#define RTE_ETH_LINK_SPEED_AUTONEG 0
#define RTE_ETH_LINK_SPEED_FIXED   RTE_BIT32(0)
#define RTE_ETH_LINK_SPEED_10M_HD  RTE_BIT32(1)
#define RTE_ETH_LINK_SPEED_10M     RTE_BIT32(2)
#define RTE_ETH_LINK_SPEED_100M_HD RTE_BIT32(3)
#define RTE_ETH_LINK_SPEED_100M    RTE_BIT32(4)
#define RTE_ETH_LINK_SPEED_1G      RTE_BIT32(5)
#define RTE_ETH_LINK_SPEED_2_5G    RTE_BIT32(6)
#define RTE_ETH_LINK_SPEED_5G      RTE_BIT32(7)
#define RTE_ETH_LINK_SPEED_10G     RTE_BIT32(8)
#define RTE_ETH_LINK_SPEED_20G     RTE_BIT32(9)
#define RTE_ETH_LINK_SPEED_25G     RTE_BIT32(10)
#define RTE_ETH_LINK_SPEED_40G     RTE_BIT32(11)
#define RTE_ETH_LINK_SPEED_50G     RTE_BIT32(12)
#define RTE_ETH_LINK_SPEED_56G     RTE_BIT32(13)
#define RTE_ETH_LINK_SPEED_100G    RTE_BIT32(14)
#define RTE_ETH_LINK_SPEED_200G    RTE_BIT32(15)

#define RTE_ETH_SPEED_NUM_NONE    0
#define RTE_ETH_SPEED_NUM_10M     10
#define RTE_ETH_SPEED_NUM_100M    100
#define RTE_ETH_SPEED_NUM_1G      1000
#define RTE_ETH_SPEED_NUM_2_5G    2500
#define RTE_ETH_SPEED_NUM_5G      5000
#define RTE_ETH_SPEED_NUM_10G     10000
#define RTE_ETH_SPEED_NUM_20G     20000
#define RTE_ETH_SPEED_NUM_25G     25000
#define RTE_ETH_SPEED_NUM_40G     40000
#define RTE_ETH_SPEED_NUM_50G     50000
#define RTE_ETH_SPEED_NUM_56G     56000
#define RTE_ETH_SPEED_NUM_100G    100000
#define RTE_ETH_SPEED_NUM_200G    200000
#define RTE_ETH_SPEED_NUM_UNKNOWN UINT32_MAX

__extension__
struct rte_eth_link {
	uint32_t link_speed;        /* RTE_ETH_SPEED_NUM_* (Mbps) */
	uint16_t link_duplex  : 1;
	uint16_t link_autoneg : 1;
	uint16_t link_status  : 1;
} __rte_aligned(8);             /* read and written as one 64-bit word */

#define RTE_ETH_LINK_HALF_DUPLEX 0
#define RTE_ETH_LINK_FULL_DUPLEX 1
#define RTE_ETH_LINK_DOWN        0
#define RTE_ETH_LINK_UP          1
#define RTE_ETH_LINK_FIXED       0
#define RTE_ETH_LINK_AUTONEG     1
#define RTE_ETH_LINK_MAX_STR_LEN 40

struct rte_eth_thresh {
	uint8_t pthresh;
	uint8_t hthresh;
	uint8_t wthresh;
};

/* ---- multi-queue modes ------------------------------------------------------------ */
#define RTE_ETH_MQ_RX_RSS_FLAG  RTE_BIT32(0)
#define RTE_ETH_MQ_RX_DCB_FLAG  RTE_BIT32(1)
#define RTE_ETH_MQ_RX_VMDQ_FLAG RTE_BIT32(2)

enum rte_eth_rx_mq_mode {
	RTE_ETH_MQ_RX_NONE = 0,
	RTE_ETH_MQ_RX_RSS = RTE_ETH_MQ_RX_RSS_FLAG,
	RTE_ETH_MQ_RX_DCB = RTE_ETH_MQ_RX_DCB_FLAG,
	RTE_ETH_MQ_RX_DCB_RSS = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_DCB_FLAG,
	RTE_ETH_MQ_RX_VMDQ_ONLY = RTE_ETH_MQ_RX_VMDQ_FLAG,
	RTE_ETH_MQ_RX_VMDQ_RSS = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_VMDQ_FLAG,
	RTE_ETH_MQ_RX_VMDQ_DCB = RTE_ETH_MQ_RX_VMDQ_FLAG | RTE_ETH_MQ_RX_DCB_FLAG,
	RTE_ETH_MQ_RX_VMDQ_DCB_RSS = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_DCB_FLAG |
				     RTE_ETH_MQ_RX_VMDQ_FLAG,
};

enum rte_eth_tx_mq_mode {
	RTE_ETH_MQ_TX_NONE = 0,
	RTE_ETH_MQ_TX_DCB,
	RTE_ETH_MQ_TX_VMDQ_DCB,
	RTE_ETH_MQ_TX_VMDQ_ONLY,
};

struct rte_eth_rxmode {
	enum rte_eth_rx_mq_mode mq_mode;
	uint32_t mtu;                 /* 0: the driver's default (RTE_ETHER_MTU) */
	uint32_t max_lro_pkt_size;
	uint64_t offloads;            /* RTE_ETH_RX_OFFLOAD_* */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

enum rte_vlan_type {
	RTE_ETH_VLAN_TYPE_UNKNOWN = 0,
	RTE_ETH_VLAN_TYPE_INNER,
	RTE_ETH_VLAN_TYPE_OUTER,
	RTE_ETH_VLAN_TYPE_MAX,
};

struct rte_vlan_filter_conf {
	uint64_t ids[64];
};

/* rss_key NULL: keep (configure: use the default key). rss_hf: RTE_ETH_RSS_*. */
struct rte_eth_rss_conf {
	uint8_t *rss_key;
	uint8_t rss_key_len;
	uint64_t rss_hf;
};

#define RTE_ETH_FLOW_UNKNOWN             0
#define RTE_ETH_FLOW_RAW                 1
#define RTE_ETH_FLOW_IPV4                2
#define RTE_ETH_FLOW_FRAG_IPV4           3
#define RTE_ETH_FLOW_NONFRAG_IPV4_TCP    4
#define RTE_ETH_FLOW_NONFRAG_IPV4_UDP    5
#define RTE_ETH_FLOW_NONFRAG_IPV4_SCTP   6
#define RTE_ETH_FLOW_NONFRAG_IPV4_OTHER  7
#define RTE_ETH_FLOW_IPV6                8
#define RTE_ETH_FLOW_FRAG_IPV6           9
#define RTE_ETH_FLOW_NONFRAG_IPV6_TCP   10
#define RTE_ETH_FLOW_NONFRAG_IPV6_UDP   11
#define RTE_ETH_FLOW_NONFRAG_IPV6_SCTP  12
#define RTE_ETH_FLOW_NONFRAG_IPV6_OTHER 13
#define RTE_ETH_FLOW_L2_PAYLOAD         14
#define RTE_ETH_FLOW_IPV6_EX            15
#define RTE_ETH_FLOW_IPV6_TCP_EX        16
#define RTE_ETH_FLOW_IPV6_UDP_EX        17
#define RTE_ETH_FLOW_PORT               18
#define RTE_ETH_FLOW_VXLAN              19
#define RTE_ETH_FLOW_GENEVE             20
#define RTE_ETH_FLOW_NVGRE              21
#define RTE_ETH_FLOW_VXLAN_GPE          22
#define RTE_ETH_FLOW_GTPU               23
#define RTE_ETH_FLOW_MAX                24

#define RTE_ETH_RSS_IPV4               RTE_BIT64(2)
#define RTE_ETH_RSS_FRAG_IPV4          RTE_BIT64(3)
#define RTE_ETH_RSS_NONFRAG_IPV4_TCP   RTE_BIT64(4)
#define RTE_ETH_RSS_NONFRAG_IPV4_UDP   RTE_BIT64(5)
#define RTE_ETH_RSS_NONFRAG_IPV4_SCTP  RTE_BIT64(6)
#define RTE_ETH_RSS_NONFRAG_IPV4_OTHER RTE_BIT64(7)
#define RTE_ETH_RSS_IPV6               RTE_BIT64(8)
#define RTE_ETH_RSS_FRAG_IPV6          RTE_BIT64(9)
#define RTE_ETH_RSS_NONFRAG_IPV6_TCP   RTE_BIT64(10)
#define RTE_ETH_RSS_NONFRAG_IPV6_UDP   RTE_BIT64(11)
#define RTE_ETH_RSS_NONFRAG_IPV6_SCTP  RTE_BIT64(12)
#define RTE_ETH_RSS_NONFRAG_IPV6_OTHER RTE_BIT64(13)
#define RTE_ETH_RSS_L2_PAYLOAD         RTE_BIT64(14)
#define RTE_ETH_RSS_IPV6_EX            RTE_BIT64(15)
#define RTE_ETH_RSS_IPV6_TCP_EX        RTE_BIT64(16)
#define RTE_ETH_RSS_IPV6_UDP_EX        RTE_BIT64(17)
#define RTE_ETH_RSS_PORT               RTE_BIT64(18)
#define RTE_ETH_RSS_VXLAN              RTE_BIT64(19)
#define RTE_ETH_RSS_GENEVE             RTE_BIT64(20)
#define RTE_ETH_RSS_NVGRE              RTE_BIT64(21)
#define RTE_ETH_RSS_GTPU               RTE_BIT64(23)
#define RTE_ETH_RSS_ETH                RTE_BIT64(24)
#define RTE_ETH_RSS_S_VLAN             RTE_BIT64(25)
#define RTE_ETH_RSS_C_VLAN             RTE_BIT64(26)
#define RTE_ETH_RSS_ESP                RTE_BIT64(27)
#define RTE_ETH_RSS_AH                 RTE_BIT64(28)
#define RTE_ETH_RSS_L2TPV3             RTE_BIT64(29)
#define RTE_ETH_RSS_PFCP               RTE_BIT64(30)
#define RTE_ETH_RSS_PPPOE              RTE_BIT64(31)
#define RTE_ETH_RSS_ECPRI              RTE_BIT64(32)
#define RTE_ETH_RSS_MPLS               RTE_BIT64(33)
#define RTE_ETH_RSS_IPV4_CHKSUM        RTE_BIT64(34)
#define RTE_ETH_RSS_L4_CHKSUM          RTE_BIT64(35)
#define RTE_ETH_RSS_L2TPV2             RTE_BIT64(36)
#define RTE_ETH_RSS_L3_SRC_ONLY        RTE_BIT64(63)
#define RTE_ETH_RSS_L3_DST_ONLY        RTE_BIT64(62)
#define RTE_ETH_RSS_L4_SRC_ONLY        RTE_BIT64(61)
#define RTE_ETH_RSS_L4_DST_ONLY        RTE_BIT64(60)
#define RTE_ETH_RSS_L2_SRC_ONLY        RTE_BIT64(59)
#define RTE_ETH_RSS_L2_DST_ONLY        RTE_BIT64(58)
#define RTE_ETH_RSS_L3_PRE32           RTE_BIT64(57)
#define RTE_ETH_RSS_L3_PRE40           RTE_BIT64(56)
#define RTE_ETH_RSS_L3_PRE48           RTE_BIT64(55)
#define RTE_ETH_RSS_L3_PRE56           RTE_BIT64(54)
#define RTE_ETH_RSS_L3_PRE64           RTE_BIT64(53)
#define RTE_ETH_RSS_L3_PRE96           RTE_BIT64(52)
#define RTE_ETH_RSS_LEVEL_PMD_DEFAULT  (UINT64_C(0) << 50)
#define RTE_ETH_RSS_LEVEL_OUTERMOST    (UINT64_C(1) << 50)
#define RTE_ETH_RSS_LEVEL_INNERMOST    (UINT64_C(2) << 50)
#define RTE_ETH_RSS_LEVEL_MASK         (UINT64_C(3) << 50)
#define RTE_ETH_RSS_LEVEL(rss_hf) ((rss_hf & RTE_ETH_RSS_LEVEL_MASK) >> 50)

/* Asking for both "source only" and "destination only" means neither. */
static inline uint64_t rte_eth_rss_hf_refine(uint64_t rss_hf)
{
	if ((rss_hf & RTE_ETH_RSS_L3_SRC_ONLY) && (rss_hf & RTE_ETH_RSS_L3_DST_ONLY))
		rss_hf &= ~(RTE_ETH_RSS_L3_SRC_ONLY | RTE_ETH_RSS_L3_DST_ONLY);
	if ((rss_hf & RTE_ETH_RSS_L4_SRC_ONLY) && (rss_hf & RTE_ETH_RSS_L4_DST_ONLY))
		rss_hf &= ~(RTE_ETH_RSS_L4_SRC_ONLY | RTE_ETH_RSS_L4_DST_ONLY);
	return rss_hf;
}

#define RTE_ETH_RSS_IP (RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | \
	RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 | \
	RTE_ETH_RSS_NONFRAG_IPV6_OTHER | RTE_ETH_RSS_IPV6_EX)
#define RTE_ETH_RSS_UDP (RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_NONFRAG_IPV6_UDP | \
	RTE_ETH_RSS_IPV6_UDP_EX)
#define RTE_ETH_RSS_TCP (RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_NONFRAG_IPV6_TCP | \
	RTE_ETH_RSS_IPV6_TCP_EX)
#define RTE_ETH_RSS_SCTP (RTE_ETH_RSS_NONFRAG_IPV4_SCTP | RTE_ETH_RSS_NONFRAG_IPV6_SCTP)
#define RTE_ETH_RSS_TUNNEL (RTE_ETH_RSS_VXLAN | RTE_ETH_RSS_GENEVE | RTE_ETH_RSS_NVGRE)
#define RTE_ETH_RSS_VLAN (RTE_ETH_RSS_S_VLAN | RTE_ETH_RSS_C_VLAN)
#define RTE_ETH_RSS_PROTO_MASK (RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | \
	RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_NONFRAG_IPV4_UDP | \
	RTE_ETH_RSS_NONFRAG_IPV4_SCTP | RTE_ETH_RSS_NONFRAG_IPV4_OTHER | \
	RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 | RTE_ETH_RSS_NONFRAG_IPV6_TCP | \
	RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_NONFRAG_IPV6_SCTP | \
	RTE_ETH_RSS_NONFRAG_IPV6_OTHER | RTE_ETH_RSS_L2_PAYLOAD | RTE_ETH_RSS_IPV6_EX | \
	RTE_ETH_RSS_IPV6_TCP_EX | RTE_ETH_RSS_IPV6_UDP_EX | RTE_ETH_RSS_PORT | \
	RTE_ETH_RSS_VXLAN | RTE_ETH_RSS_GENEVE | RTE_ETH_RSS_NVGRE | RTE_ETH_RSS_MPLS)

#define RTE_ETH_RSS_RETA_SIZE_64  64
#define RTE_ETH_RSS_RETA_SIZE_128 128
#define RTE_ETH_RSS_RETA_SIZE_256 256
#define RTE_ETH_RSS_RETA_SIZE_512 512
#define RTE_ETH_RETA_GROUP_SIZE   64

#define RTE_ETH_VMDQ_MAX_VLAN_FILTERS   64
#define RTE_ETH_DCB_NUM_USER_PRIORITIES 8
#define RTE_ETH_VMDQ_DCB_NUM_QUEUES     128
#define RTE_ETH_DCB_NUM_QUEUES          128
#define RTE_ETH_DCB_PG_SUPPORT  RTE_BIT32(0)
#define RTE_ETH_DCB_PFC_SUPPORT RTE_BIT32(1)

#define RTE_ETH_VLAN_STRIP_OFFLOAD  0x0001
#define RTE_ETH_VLAN_FILTER_OFFLOAD 0x0002
#define RTE_ETH_VLAN_EXTEND_OFFLOAD 0x0004
#define RTE_ETH_QINQ_STRIP_OFFLOAD  0x0008
#define RTE_ETH_VLAN_STRIP_MASK     0x0001
#define RTE_ETH_VLAN_FILTER_MASK    0x0002
#define RTE_ETH_VLAN_EXTEND_MASK    0x0004
#define RTE_ETH_QINQ_STRIP_MASK     0x0008
#define RTE_ETH_VLAN_ID_MAX         0x0FFF

#define RTE_ETH_NUM_RECEIVE_MAC_ADDR   128
#define RTE_ETH_VMDQ_NUM_UC_HASH_ARRAY 128
#define RTE_ETH_VMDQ_ACCEPT_UNTAG     RTE_BIT32(0)
#define RTE_ETH_VMDQ_ACCEPT_HASH_MC   RTE_BIT32(1)
#define RTE_ETH_VMDQ_ACCEPT_HASH_UC   RTE_BIT32(2)
#define RTE_ETH_VMDQ_ACCEPT_BROADCAST RTE_BIT32(3)
#define RTE_ETH_VMDQ_ACCEPT_MULTICAST RTE_BIT32(4)

/* One group of 64 redirection-table entries; mask bit i selects reta[i]. */
struct rte_eth_rss_reta_entry64 {
	uint64_t mask;
	uint16_t reta[RTE_ETH_RETA_GROUP_SIZE];
};

enum rte_eth_nb_tcs {
	RTE_ETH_4_TCS = 4,
	RTE_ETH_8_TCS = 8
};

enum rte_eth_nb_pools {
	RTE_ETH_8_POOLS = 8,
	RTE_ETH_16_POOLS = 16,
	RTE_ETH_32_POOLS = 32,
	RTE_ETH_64_POOLS = 64
};

/* DCB and VMDq are accepted for source compatibility; no dplite driver
 * supports them (configure with those modes fails with -EINVAL). */
struct rte_eth_dcb_rx_conf {
	enum rte_eth_nb_tcs nb_tcs;
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};
struct rte_eth_vmdq_dcb_tx_conf {
	enum rte_eth_nb_pools nb_queue_pools;
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};
struct rte_eth_dcb_tx_conf {
	enum rte_eth_nb_tcs nb_tcs;
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};
struct rte_eth_vmdq_tx_conf {
	enum rte_eth_nb_pools nb_queue_pools;
};
struct rte_eth_vmdq_dcb_conf {
	enum rte_eth_nb_pools nb_queue_pools;
	uint8_t enable_default_pool;
	uint8_t default_pool;
	uint8_t nb_pool_maps;
	struct {
		uint16_t vlan_id;
		uint64_t pools;
	} pool_map[RTE_ETH_VMDQ_MAX_VLAN_FILTERS];
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};
struct rte_eth_vmdq_rx_conf {
	enum rte_eth_nb_pools nb_queue_pools;
	uint8_t enable_default_pool;
	uint8_t default_pool;
	uint8_t enable_loop_back;
	uint8_t nb_pool_maps;
	uint32_t rx_mode;
	struct {
		uint16_t vlan_id;
		uint64_t pools;
	} pool_map[RTE_ETH_VMDQ_MAX_VLAN_FILTERS];
};

struct rte_eth_txmode {
	enum rte_eth_tx_mq_mode mq_mode;
	uint64_t offloads;            /* RTE_ETH_TX_OFFLOAD_* */
	uint16_t pvid;
	__extension__
	uint8_t hw_vlan_reject_tagged : 1,
		hw_vlan_reject_untagged : 1,
		hw_vlan_insert_pvid : 1;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

struct rte_eth_rxseg_split {
	struct rte_mempool *mp;
	uint16_t length;
	uint16_t offset;
	uint32_t proto_hdr;
};
union rte_eth_rxseg {
	struct rte_eth_rxseg_split split;
};

struct rte_eth_rxconf {
	struct rte_eth_thresh rx_thresh;
	uint16_t rx_free_thresh;
	uint8_t rx_drop_en;
	uint8_t rx_deferred_start;    /* 1: rte_eth_dev_start leaves the queue stopped */
	uint16_t rx_nseg;
	uint16_t share_group;
	uint16_t share_qid;
	uint64_t offloads;
	union rte_eth_rxseg *rx_seg;
	struct rte_mempool **rx_mempools;
	uint16_t rx_nmempool;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

struct rte_eth_txconf {
	struct rte_eth_thresh tx_thresh;
	uint16_t tx_rs_thresh;
	uint16_t tx_free_thresh;
	uint8_t tx_deferred_start;
	uint64_t offloads;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/* Descriptor-count limits a queue accepts: nb_min <= n <= nb_max, n a multiple of nb_align. */
struct rte_eth_desc_lim {
	uint16_t nb_max;
	uint16_t nb_min;
	uint16_t nb_align;
	uint16_t nb_seg_max;
	uint16_t nb_mtu_seg_max;
};

enum rte_eth_fc_mode {
	RTE_ETH_FC_NONE = 0,
	RTE_ETH_FC_RX_PAUSE,
	RTE_ETH_FC_TX_PAUSE,
	RTE_ETH_FC_FULL
};

struct rte_eth_fc_conf {
	uint32_t high_water;
	uint32_t low_water;
	uint16_t pause_time;
	uint16_t send_xon;
	enum rte_eth_fc_mode mode;
	uint8_t mac_ctrl_frame_fwd;
	uint8_t autoneg;
};

struct rte_eth_intr_conf {
	uint32_t lsc:1;   /* deliver RTE_ETH_EVENT_INTR_LSC callbacks */
	uint32_t rxq:1;
	uint32_t rmv:1;
};
#define rte_intr_conf rte_eth_intr_conf

struct rte_eth_conf {
	uint32_t link_speeds;
	struct rte_eth_rxmode rxmode;
	struct rte_eth_txmode txmode;
	uint32_t lpbk_mode;
	struct {
		struct rte_eth_rss_conf rss_conf;
		struct rte_eth_vmdq_dcb_conf vmdq_dcb_conf;
		struct rte_eth_dcb_rx_conf dcb_rx_conf;
		struct rte_eth_vmdq_rx_conf vmdq_rx_conf;
	} rx_adv_conf;
	union {
		struct rte_eth_vmdq_dcb_tx_conf vmdq_dcb_tx_conf;
		struct rte_eth_dcb_tx_conf dcb_tx_conf;
		struct rte_eth_vmdq_tx_conf vmdq_tx_conf;
	} tx_adv_conf;
	uint32_t dcb_capability_en;
	struct rte_eth_intr_conf intr_conf;
};

#define RTE_ETH_RX_OFFLOAD_VLAN_STRIP       RTE_BIT64(0)
#define RTE_ETH_RX_OFFLOAD_IPV4_CKSUM       RTE_BIT64(1)
#define RTE_ETH_RX_OFFLOAD_UDP_CKSUM        RTE_BIT64(2)
#define RTE_ETH_RX_OFFLOAD_TCP_CKSUM        RTE_BIT64(3)
#define RTE_ETH_RX_OFFLOAD_TCP_LRO          RTE_BIT64(4)
#define RTE_ETH_RX_OFFLOAD_QINQ_STRIP       RTE_BIT64(5)
#define RTE_ETH_RX_OFFLOAD_OUTER_IPV4_CKSUM RTE_BIT64(6)
#define RTE_ETH_RX_OFFLOAD_MACSEC_STRIP     RTE_BIT64(7)
#define RTE_ETH_RX_OFFLOAD_VLAN_FILTER      RTE_BIT64(9)
#define RTE_ETH_RX_OFFLOAD_VLAN_EXTEND      RTE_BIT64(10)
#define RTE_ETH_RX_OFFLOAD_SCATTER          RTE_BIT64(13)
#define RTE_ETH_RX_OFFLOAD_TIMESTAMP        RTE_BIT64(14)
#define RTE_ETH_RX_OFFLOAD_SECURITY         RTE_BIT64(15)
#define RTE_ETH_RX_OFFLOAD_KEEP_CRC         RTE_BIT64(16)
#define RTE_ETH_RX_OFFLOAD_SCTP_CKSUM       RTE_BIT64(17)
#define RTE_ETH_RX_OFFLOAD_OUTER_UDP_CKSUM  RTE_BIT64(18)
#define RTE_ETH_RX_OFFLOAD_RSS_HASH         RTE_BIT64(19)
#define RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT     RTE_BIT64(20)
#define RTE_ETH_RX_OFFLOAD_CHECKSUM (RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | \
	RTE_ETH_RX_OFFLOAD_UDP_CKSUM | RTE_ETH_RX_OFFLOAD_TCP_CKSUM)
#define RTE_ETH_RX_OFFLOAD_VLAN (RTE_ETH_RX_OFFLOAD_VLAN_STRIP | \
	RTE_ETH_RX_OFFLOAD_VLAN_FILTER | RTE_ETH_RX_OFFLOAD_VLAN_EXTEND | \
	RTE_ETH_RX_OFFLOAD_QINQ_STRIP)

#define RTE_ETH_TX_OFFLOAD_VLAN_INSERT       RTE_BIT64(0)
#define RTE_ETH_TX_OFFLOAD_IPV4_CKSUM        RTE_BIT64(1)
#define RTE_ETH_TX_OFFLOAD_UDP_CKSUM         RTE_BIT64(2)
#define RTE_ETH_TX_OFFLOAD_TCP_CKSUM         RTE_BIT64(3)
#define RTE_ETH_TX_OFFLOAD_SCTP_CKSUM        RTE_BIT64(4)
#define RTE_ETH_TX_OFFLOAD_TCP_TSO           RTE_BIT64(5)
#define RTE_ETH_TX_OFFLOAD_UDP_TSO           RTE_BIT64(6)
#define RTE_ETH_TX_OFFLOAD_OUTER_IPV4_CKSUM  RTE_BIT64(7)
#define RTE_ETH_TX_OFFLOAD_QINQ_INSERT       RTE_BIT64(8)
#define RTE_ETH_TX_OFFLOAD_VXLAN_TNL_TSO     RTE_BIT64(9)
#define RTE_ETH_TX_OFFLOAD_GRE_TNL_TSO       RTE_BIT64(10)
#define RTE_ETH_TX_OFFLOAD_IPIP_TNL_TSO      RTE_BIT64(11)
#define RTE_ETH_TX_OFFLOAD_GENEVE_TNL_TSO    RTE_BIT64(12)
#define RTE_ETH_TX_OFFLOAD_MACSEC_INSERT     RTE_BIT64(13)
#define RTE_ETH_TX_OFFLOAD_MT_LOCKFREE       RTE_BIT64(14)
#define RTE_ETH_TX_OFFLOAD_MULTI_SEGS        RTE_BIT64(15)
#define RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE    RTE_BIT64(16)
#define RTE_ETH_TX_OFFLOAD_SECURITY          RTE_BIT64(17)
#define RTE_ETH_TX_OFFLOAD_UDP_TNL_TSO       RTE_BIT64(18)
#define RTE_ETH_TX_OFFLOAD_IP_TNL_TSO        RTE_BIT64(19)
#define RTE_ETH_TX_OFFLOAD_OUTER_UDP_CKSUM   RTE_BIT64(20)
#define RTE_ETH_TX_OFFLOAD_SEND_ON_TIMESTAMP RTE_BIT64(21)

#define RTE_ETH_DEV_CAPA_RUNTIME_RX_QUEUE_SETUP  RTE_BIT64(0)
#define RTE_ETH_DEV_CAPA_RUNTIME_TX_QUEUE_SETUP  RTE_BIT64(1)
#define RTE_ETH_DEV_CAPA_RXQ_SHARE               RTE_BIT64(2)
#define RTE_ETH_DEV_CAPA_FLOW_RULE_KEEP          RTE_BIT64(3)
#define RTE_ETH_DEV_CAPA_FLOW_SHARED_OBJECT_KEEP RTE_BIT64(4)

#define RTE_ETH_DEV_FALLBACK_RX_RINGSIZE 512
#define RTE_ETH_DEV_FALLBACK_TX_RINGSIZE 512
#define RTE_ETH_DEV_FALLBACK_RX_NBQUEUES 1
#define RTE_ETH_DEV_FALLBACK_TX_NBQUEUES 1

struct rte_eth_dev_portconf {
	uint16_t burst_size;
	uint16_t ring_size;
	uint16_t nb_queues;
};

#define RTE_ETH_DEV_SWITCH_DOMAIN_ID_INVALID (UINT16_MAX)

struct rte_eth_switch_info {
	const char *name;
	uint16_t domain_id;
	uint16_t port_id;
	uint16_t rx_domain;
};

struct rte_eth_rxseg_capa {
	__extension__
	uint32_t multi_pools:1;
	uint32_t offset_allowed:1;
	uint32_t offset_align_log2:4;
	uint16_t max_nseg;
	uint16_t reserved;
};

enum rte_eth_representor_type {
	RTE_ETH_REPRESENTOR_NONE,
	RTE_ETH_REPRESENTOR_VF,
	RTE_ETH_REPRESENTOR_SF,
	RTE_ETH_REPRESENTOR_PF,
};

enum rte_eth_err_handle_mode {
	RTE_ETH_ERROR_HANDLE_MODE_NONE,
	RTE_ETH_ERROR_HANDLE_MODE_PASSIVE,
	RTE_ETH_ERROR_HANDLE_MODE_PROACTIVE,
};

/* What a port can do. The core fills defaults and the port's current queue
 * counts; the driver fills its limits. */
struct rte_eth_dev_info {
	struct rte_device *device;
	const char *driver_name;
	unsigned int if_index;
	uint16_t min_mtu;
	uint16_t max_mtu;
	const uint32_t *dev_flags;
	uint32_t min_rx_bufsize;
	uint32_t max_rx_pktlen;
	uint32_t max_lro_pkt_size;
	uint16_t max_rx_queues;
	uint16_t max_tx_queues;
	uint32_t max_mac_addrs;
	uint32_t max_hash_mac_addrs;
	uint16_t max_vfs;
	uint16_t max_vmdq_pools;
	struct rte_eth_rxseg_capa rx_seg_capa;
	uint64_t rx_offload_capa;
	uint64_t tx_offload_capa;
	uint64_t rx_queue_offload_capa;
	uint64_t tx_queue_offload_capa;
	uint16_t reta_size;
	uint8_t hash_key_size;
	uint64_t flow_type_rss_offloads;
	struct rte_eth_rxconf default_rxconf;
	struct rte_eth_txconf default_txconf;
	uint16_t vmdq_queue_base;
	uint16_t vmdq_queue_num;
	uint16_t vmdq_pool_base;
	struct rte_eth_desc_lim rx_desc_lim;
	struct rte_eth_desc_lim tx_desc_lim;
	uint32_t speed_capa;
	uint16_t nb_rx_queues;
	uint16_t nb_tx_queues;
	uint16_t max_rx_mempools;
	struct rte_eth_dev_portconf default_rxportconf;
	struct rte_eth_dev_portconf default_txportconf;
	uint64_t dev_capa;
	struct rte_eth_switch_info switch_info;
	enum rte_eth_err_handle_mode err_handle_mode;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

#define RTE_ETH_QUEUE_STATE_STOPPED 0
#define RTE_ETH_QUEUE_STATE_STARTED 1
#define RTE_ETH_QUEUE_STATE_HAIRPIN 2

struct rte_eth_rxq_info {
	struct rte_mempool *mp;
	struct rte_eth_rxconf conf;
	uint8_t scattered_rx;
	uint8_t queue_state;
	uint16_t nb_desc;
	uint16_t rx_buf_size;
	uint8_t avail_thresh;
} __rte_cache_min_aligned;

struct rte_eth_txq_info {
	struct rte_eth_txconf conf;
	uint16_t nb_desc;
	uint8_t queue_state;
} __rte_cache_min_aligned;

/* ---- extended statistics ------------------------------------------------------------ */
#define RTE_ETH_XSTATS_NAME_SIZE 64

struct rte_eth_xstat {
	uint64_t id;
	uint64_t value;
};

struct rte_eth_xstat_name {
	char name[RTE_ETH_XSTATS_NAME_SIZE];
};

#define RTE_ETH_DCB_NUM_TCS    8
#define RTE_ETH_MAX_VMDQ_POOL  64

#define RTE_ETH_ALL RTE_MAX_ETHPORTS

#define RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, retval) do { \
	if (!rte_eth_dev_is_valid_port(port_id)) { \
		RTE_ETHDEV_LOG(ERR, "Invalid port_id=%u\n", port_id); \
		return retval; \
	} \
} while (0)
#define RTE_ETH_VALID_PORTID_OR_RET(port_id) do { \
	if (!rte_eth_dev_is_valid_port(port_id)) { \
		RTE_ETHDEV_LOG(ERR, "Invalid port_id=%u\n", port_id); \
		return; \
	} \
} while (0)

/* ---- rx/tx callbacks ----------------------------------------------------------------- */
typedef uint16_t (*rte_rx_callback_fn)(uint16_t port_id, uint16_t queue,
	struct rte_mbuf *pkts[], uint16_t nb_pkts, uint16_t max_pkts, void *user_param);
typedef uint16_t (*rte_tx_callback_fn)(uint16_t port_id, uint16_t queue,
	struct rte_mbuf *pkts[], uint16_t nb_pkts, void *user_param);

enum rte_eth_dev_state {
	RTE_ETH_DEV_UNUSED = 0,
	RTE_ETH_DEV_ATTACHED,
	RTE_ETH_DEV_REMOVED,
};

struct rte_eth_dev_sriov {
	uint8_t active;
	uint8_t nb_q_per_pool;
	uint16_t def_vmdq_idx;
	uint16_t def_pool_q_idx;
};

#define RTE_ETH_NAME_MAX_LEN RTE_DEV_NAME_MAX_LEN
#define RTE_ETH_DEV_NO_OWNER 0
#define RTE_ETH_MAX_OWNER_NAME_LEN 64

struct rte_eth_dev_owner {
	uint64_t id;
	char name[RTE_ETH_MAX_OWNER_NAME_LEN];
};

#define RTE_ETH_DEV_FLOW_OPS_THREAD_SAFE  RTE_BIT32(0)
#define RTE_ETH_DEV_INTR_LSC              RTE_BIT32(1)
#define RTE_ETH_DEV_BONDED_SLAVE          RTE_BIT32(2)
#define RTE_ETH_DEV_INTR_RMV              RTE_BIT32(3)
#define RTE_ETH_DEV_REPRESENTOR           RTE_BIT32(4)
#define RTE_ETH_DEV_NOLIVE_MAC_ADDR       RTE_BIT32(5)
#define RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS RTE_BIT32(6)

/* ---- ports ------------------------------------------------------------------------------ */
/* Next attached port at or after port_id owned by owner_id (dplite has no
 * owners: every port is RTE_ETH_DEV_NO_OWNER), RTE_MAX_ETHPORTS if none. */
uint64_t rte_eth_find_next_owned_by(uint16_t port_id, const uint64_t owner_id);
#define RTE_ETH_FOREACH_DEV_OWNED_BY(p, o) \
	for (p = rte_eth_find_next_owned_by(0, o); \
	     (unsigned int)p < (unsigned int)RTE_MAX_ETHPORTS; \
	     p = rte_eth_find_next_owned_by(p + 1, o))
uint16_t rte_eth_find_next(uint16_t port_id);
#define RTE_ETH_FOREACH_DEV(p) RTE_ETH_FOREACH_DEV_OWNED_BY(p, RTE_ETH_DEV_NO_OWNER)
uint16_t rte_eth_find_next_of(uint16_t port_id_start, const struct rte_device *parent);
#define RTE_ETH_FOREACH_DEV_OF(port_id, parent) \
	for (port_id = rte_eth_find_next_of(0, parent); \
	     port_id < RTE_MAX_ETHPORTS; \
	     port_id = rte_eth_find_next_of(port_id + 1, parent))

uint16_t rte_eth_dev_count_avail(void);
uint16_t rte_eth_dev_count_total(void);
uint32_t rte_eth_speed_bitflag(uint32_t speed, int duplex);
const char *rte_eth_dev_rx_offload_name(uint64_t offload);
const char *rte_eth_dev_tx_offload_name(uint64_t offload);

int rte_eth_dev_is_valid_port(uint16_t port_id);
int rte_eth_dev_socket_id(uint16_t port_id);
int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id);
int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name);
int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info);
int rte_eth_dev_conf_get(uint16_t port_id, struct rte_eth_conf *dev_conf);
int rte_eth_dev_is_removed(uint16_t port_id);

/* ---- lifecycle ---------------------------------------------------------------------------- */
int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue, uint16_t nb_tx_queue,
			  const struct rte_eth_conf *eth_conf);
int rte_eth_dev_adjust_nb_rx_tx_desc(uint16_t port_id, uint16_t *nb_rx_desc,
				     uint16_t *nb_tx_desc);
int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc,
			   unsigned int socket_id, const struct rte_eth_rxconf *rx_conf,
			   struct rte_mempool *mb_pool);
int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc,
			   unsigned int socket_id, const struct rte_eth_txconf *tx_conf);
int rte_eth_rx_queue_info_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_rxq_info *qinfo);
int rte_eth_tx_queue_info_get(uint16_t port_id, uint16_t queue_id,
			      struct rte_eth_txq_info *qinfo);
int rte_eth_dev_rx_queue_start(uint16_t port_id, uint16_t rx_queue_id);
int rte_eth_dev_rx_queue_stop(uint16_t port_id, uint16_t rx_queue_id);
int rte_eth_dev_tx_queue_start(uint16_t port_id, uint16_t tx_queue_id);
int rte_eth_dev_tx_queue_stop(uint16_t port_id, uint16_t tx_queue_id);
int rte_eth_dev_start(uint16_t port_id);
int rte_eth_dev_stop(uint16_t port_id);
int rte_eth_dev_set_link_up(uint16_t port_id);
int rte_eth_dev_set_link_down(uint16_t port_id);
int rte_eth_dev_close(uint16_t port_id);
int rte_eth_dev_reset(uint16_t port_id);

/* ---- receive modes, MTU, MAC -------------------------------------------------------------------- */
int rte_eth_promiscuous_enable(uint16_t port_id);
int rte_eth_promiscuous_disable(uint16_t port_id);
int rte_eth_promiscuous_get(uint16_t port_id);
int rte_eth_allmulticast_enable(uint16_t port_id);
int rte_eth_allmulticast_disable(uint16_t port_id);
int rte_eth_allmulticast_get(uint16_t port_id);
int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu);
int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu);
int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr);
int rte_eth_macaddrs_get(uint16_t port_id, struct rte_ether_addr *ma, unsigned int num);
int rte_eth_dev_default_mac_addr_set(uint16_t port_id, struct rte_ether_addr *mac_addr);
int rte_eth_dev_mac_addr_add(uint16_t port_id, struct rte_ether_addr *mac_addr, uint32_t pool);
int rte_eth_dev_mac_addr_remove(uint16_t port_id, struct rte_ether_addr *mac_addr);

/* ---- link ----------------------------------------------------------------------------------- */
int rte_eth_link_get(uint16_t port_id, struct rte_eth_link *link);
int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link);
const char *rte_eth_link_speed_to_str(uint32_t link_speed);
int rte_eth_link_to_str(char *str, size_t len, const struct rte_eth_link *eth_link);

/* ---- statistics ---------------------------------------------------------------------------------- */
int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats);
int rte_eth_stats_reset(uint16_t port_id);
/* size too small (or names NULL): returns the number needed. */
int rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *xstats_names,
			     unsigned int size);
int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats, unsigned int n);
int rte_eth_xstats_get_names_by_id(uint16_t port_id, struct rte_eth_xstat_name *xstats_names,
				   unsigned int size, uint64_t *ids);
int rte_eth_xstats_get_by_id(uint16_t port_id, const uint64_t *ids, uint64_t *values,
			     unsigned int size);
int rte_eth_xstats_get_id_by_name(uint16_t port_id, const char *xstat_name, uint64_t *id);
int rte_eth_xstats_reset(uint16_t port_id);
int rte_eth_dev_set_tx_queue_stats_mapping(uint16_t port_id, uint16_t tx_queue_id,
					   uint8_t stat_idx);
int rte_eth_dev_set_rx_queue_stats_mapping(uint16_t port_id, uint16_t rx_queue_id,
					   uint8_t stat_idx);

/* ---- what dplite's software drivers do not have ----------------------------------------------------
 * These validate the port and answer as a device without the feature does:
 * no packet types reported (0), no VLAN filtering/offload, no flow
 * control, no firmware, no clock (-ENOTSUP). */
int rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *ptypes,
				     int num);
int rte_eth_dev_set_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *set_ptypes,
			   unsigned int num);
int rte_eth_dev_fw_version_get(uint16_t port_id, char *fw_version, size_t fw_size);
int rte_eth_dev_vlan_filter(uint16_t port_id, uint16_t vlan_id, int on);
int rte_eth_dev_set_vlan_offload(uint16_t port_id, int offload_mask);
int rte_eth_dev_get_vlan_offload(uint16_t port_id);
int rte_eth_dev_flow_ctrl_get(uint16_t port_id, struct rte_eth_fc_conf *fc_conf);
int rte_eth_dev_flow_ctrl_set(uint16_t port_id, struct rte_eth_fc_conf *fc_conf);
int rte_eth_read_clock(uint16_t port_id, uint64_t *clock);

/* ---- RSS ---------------------------------------------------------------------------------------- */
int rte_eth_dev_rss_reta_update(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta_conf,
				uint16_t reta_size);
int rte_eth_dev_rss_reta_query(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta_conf,
			       uint16_t reta_size);
int rte_eth_dev_rss_hash_update(uint16_t port_id, struct rte_eth_rss_conf *rss_conf);
int rte_eth_dev_rss_hash_conf_get(uint16_t port_id, struct rte_eth_rss_conf *rss_conf);

/* ---- events --------------------------------------------------------------------------------------- */
enum rte_eth_event_type {
	RTE_ETH_EVENT_UNKNOWN,
	RTE_ETH_EVENT_INTR_LSC,
	RTE_ETH_EVENT_QUEUE_STATE,
	RTE_ETH_EVENT_INTR_RESET,
	RTE_ETH_EVENT_VF_MBOX,
	RTE_ETH_EVENT_MACSEC,
	RTE_ETH_EVENT_INTR_RMV,
	RTE_ETH_EVENT_NEW,
	RTE_ETH_EVENT_DESTROY,
	RTE_ETH_EVENT_IPSEC,
	RTE_ETH_EVENT_FLOW_AGED,
	RTE_ETH_EVENT_RX_AVAIL_THRESH,
	RTE_ETH_EVENT_ERR_RECOVERING,
	RTE_ETH_EVENT_RECOVERY_SUCCESS,
	RTE_ETH_EVENT_RECOVERY_FAILED,
	RTE_ETH_EVENT_MAX
};

typedef int (*rte_eth_dev_cb_fn)(uint16_t port_id, enum rte_eth_event_type event,
				 void *cb_arg, void *ret_param);

/* port_id RTE_ETH_ALL: every port, present and future. Callbacks run on the
 * thread that caused the event (link change, port creation), in this
 * process only. */
int rte_eth_dev_callback_register(uint16_t port_id, enum rte_eth_event_type event,
				  rte_eth_dev_cb_fn cb_fn, void *cb_arg);
int rte_eth_dev_callback_unregister(uint16_t port_id, enum rte_eth_event_type event,
				    rte_eth_dev_cb_fn cb_fn, void *cb_arg);

/* ---- tx buffering --------------------------------------------------------------------------------- */
typedef void (*buffer_tx_error_fn)(struct rte_mbuf **unsent, uint16_t count, void *userdata);

struct rte_eth_dev_tx_buffer {
	buffer_tx_error_fn error_callback;
	void *error_userdata;
	uint16_t size;        /* capacity */
	uint16_t length;      /* packets held */
	struct rte_mbuf *pkts[];
};

#define RTE_ETH_TX_BUFFER_SIZE(sz) \
	(sizeof(struct rte_eth_dev_tx_buffer) + (sz) * sizeof(struct rte_mbuf *))

int rte_eth_tx_buffer_init(struct rte_eth_dev_tx_buffer *buffer, uint16_t size);
int rte_eth_tx_buffer_set_err_callback(struct rte_eth_dev_tx_buffer *buffer,
				       buffer_tx_error_fn callback, void *userdata);
void rte_eth_tx_buffer_drop_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata);
void rte_eth_tx_buffer_count_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata);
int rte_eth_tx_done_cleanup(uint16_t port_id, uint16_t queue_id, uint32_t free_cnt);

/* ---- callbacks on the burst path ---------------------------------------------------------------------
 * A callback added while another lcore polls the queue is seen by the next
 * burst (release store of the chain head/link; acquire load in the burst).
 * Removing one unlinks it; the caller frees its memory only once no lcore
 * can still be inside a burst on that queue (as in DPDK). */
struct rte_eth_rxtx_callback;
const struct rte_eth_rxtx_callback *rte_eth_add_rx_callback(uint16_t port_id,
	uint16_t queue_id, rte_rx_callback_fn fn, void *user_param);
const struct rte_eth_rxtx_callback *rte_eth_add_first_rx_callback(uint16_t port_id,
	uint16_t queue_id, rte_rx_callback_fn fn, void *user_param);
const struct rte_eth_rxtx_callback *rte_eth_add_tx_callback(uint16_t port_id,
	uint16_t queue_id, rte_tx_callback_fn fn, void *user_param);
int rte_eth_remove_rx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb);
int rte_eth_remove_tx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb);

#include <rte_ethdev_core.h>

/* Out-of-line helpers for the inline functions below. */
uint16_t rte_eth_call_rx_callbacks(uint16_t port_id, uint16_t queue_id,
	struct rte_mbuf **rx_pkts, uint16_t nb_rx, uint16_t nb_pkts, void *opaque);
uint16_t rte_eth_call_tx_callbacks(uint16_t port_id, uint16_t queue_id,
	struct rte_mbuf **tx_pkts, uint16_t nb_pkts, void *opaque);
/* Cold path of a burst on a bad port, a stopped port or an absent queue:
 * logs (once per port until its next start) and returns 0. */
uint16_t __rte_eth_burst_refused(uint16_t port_id, uint16_t queue_id, int is_tx);

/* ---- the fast path ----------------------------------------------------------------------------------------
 * One process-local table read, one queue pointer, one indirect call. The
 * NULL test covers a stopped port (its table entry points at an all-NULL
 * queue array) and a queue that was never set up. */
static inline uint16_t
rte_eth_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts,
		 const uint16_t nb_pkts)
{
	struct rte_eth_fp_ops *p;
	void *qd;
	uint16_t nb_rx;

	if (unlikely(port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT))
		return __rte_eth_burst_refused(port_id, queue_id, 0);
	p = &rte_eth_fp_ops[port_id];
	qd = p->rxq.data[queue_id];
	if (unlikely(qd == NULL))
		return __rte_eth_burst_refused(port_id, queue_id, 0);
	nb_rx = p->rx_pkt_burst(qd, rx_pkts, nb_pkts);
#ifdef RTE_ETHDEV_RXTX_CALLBACKS
	{
		void *cb = __atomic_load_n((void **)&p->rxq.clbk[queue_id], __ATOMIC_ACQUIRE);
		if (unlikely(cb != NULL))
			nb_rx = rte_eth_call_rx_callbacks(port_id, queue_id, rx_pkts, nb_rx,
							  nb_pkts, cb);
	}
#endif
	return nb_rx;
}

static inline int
rte_eth_rx_queue_count(uint16_t port_id, uint16_t queue_id)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return -EINVAL;
	p = &rte_eth_fp_ops[port_id];
	qd = p->rxq.data[queue_id];
	if (!rte_eth_dev_is_valid_port(port_id))
		return -ENODEV;
	if (qd == NULL)
		return -EINVAL;
	if (p->rx_queue_count == NULL)
		return -ENOTSUP;
	return (int)p->rx_queue_count(qd);
}

#define RTE_ETH_RX_DESC_AVAIL   0
#define RTE_ETH_RX_DESC_DONE    1
#define RTE_ETH_RX_DESC_UNAVAIL 2
#define RTE_ETH_TX_DESC_FULL    0
#define RTE_ETH_TX_DESC_DONE    1
#define RTE_ETH_TX_DESC_UNAVAIL 2

static inline int
rte_eth_rx_descriptor_status(uint16_t port_id, uint16_t queue_id, uint16_t offset)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return -EINVAL;
	p = &rte_eth_fp_ops[port_id];
	qd = p->rxq.data[queue_id];
	if (qd == NULL)
		return -ENODEV;
	if (p->rx_descriptor_status == NULL)
		return -ENOTSUP;
	return p->rx_descriptor_status(qd, offset);
}

static inline int
rte_eth_tx_descriptor_status(uint16_t port_id, uint16_t queue_id, uint16_t offset)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return -EINVAL;
	p = &rte_eth_fp_ops[port_id];
	qd = p->txq.data[queue_id];
	if (qd == NULL)
		return -ENODEV;
	if (p->tx_descriptor_status == NULL)
		return -ENOTSUP;
	return p->tx_descriptor_status(qd, offset);
}

/* Returns how many of tx_pkts the driver took; the rest stay the caller's. */
static inline uint16_t
rte_eth_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts,
		 uint16_t nb_pkts)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (unlikely(port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT))
		return __rte_eth_burst_refused(port_id, queue_id, 1);
	p = &rte_eth_fp_ops[port_id];
	qd = p->txq.data[queue_id];
	if (unlikely(qd == NULL))
		return __rte_eth_burst_refused(port_id, queue_id, 1);
#ifdef RTE_ETHDEV_RXTX_CALLBACKS
	{
		void *cb = __atomic_load_n((void **)&p->txq.clbk[queue_id], __ATOMIC_ACQUIRE);
		if (unlikely(cb != NULL))
			nb_pkts = rte_eth_call_tx_callbacks(port_id, queue_id, tx_pkts, nb_pkts, cb);
	}
#endif
	return p->tx_pkt_burst(qd, tx_pkts, nb_pkts);
}

/* Checks (and fixes up) packets for the driver's tx offloads; returns how
 * many are fine, rte_errno says why the next one is not. dplite's drivers
 * need no preparation, so this returns nb_pkts for a valid queue. */
#ifndef RTE_ETHDEV_TX_PREPARE_NOOP
static inline uint16_t
rte_eth_tx_prepare(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts,
		   uint16_t nb_pkts)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT) {
		rte_errno = ENODEV;
		return 0;
	}
	p = &rte_eth_fp_ops[port_id];
	qd = p->txq.data[queue_id];
	if (qd == NULL) {
		rte_errno = EINVAL;
		return 0;
	}
	if (!p->tx_pkt_prepare)
		return nb_pkts;
	return p->tx_pkt_prepare(qd, tx_pkts, nb_pkts);
}
#else
static inline uint16_t
rte_eth_tx_prepare(__rte_unused uint16_t port_id, __rte_unused uint16_t queue_id,
		   __rte_unused struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
	return nb_pkts;
}
#endif

static inline uint16_t
rte_eth_tx_buffer_flush(uint16_t port_id, uint16_t queue_id,
			struct rte_eth_dev_tx_buffer *buffer)
{
	uint16_t sent, to_send = buffer->length;

	if (to_send == 0)
		return 0;
	sent = rte_eth_tx_burst(port_id, queue_id, buffer->pkts, to_send);
	buffer->length = 0;
	if (unlikely(sent != to_send))
		buffer->error_callback(&buffer->pkts[sent], (uint16_t)(to_send - sent),
				       buffer->error_userdata);
	return sent;
}

static __rte_always_inline uint16_t
rte_eth_tx_buffer(uint16_t port_id, uint16_t queue_id,
		  struct rte_eth_dev_tx_buffer *buffer, struct rte_mbuf *tx_pkt)
{
	buffer->pkts[buffer->length++] = tx_pkt;
	if (buffer->length < buffer->size)
		return 0;
	return rte_eth_tx_buffer_flush(port_id, queue_id, buffer);
}

#ifdef __cplusplus
}
#endif
#endif
