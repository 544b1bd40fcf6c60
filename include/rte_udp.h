/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_UDP_H_
#define _RTE_UDP_H_
#include <stdint.h>
#include <rte_common.h>
#include <rte_byteorder.h>

/* UDP header; fields big-endian. */
struct rte_udp_hdr {
	rte_be16_t src_port;
	rte_be16_t dst_port;
	rte_be16_t dgram_len;    /* header + payload */
	rte_be16_t dgram_cksum;
} __rte_packed;
#endif
