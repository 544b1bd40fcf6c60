/* SPDX-License-Identifier: BSD-3-Clause
 * Dynamic mbuf fields and flags: libraries and applications reserve bytes of
 * rte_mbuf.dynfield1 and free ol_flags bits by name at run time. The
 * registry lives in shared memory (memzone "rte_mbuf_dyn"), so every process
 * of a prefix agrees on offsets and bit numbers; registering the same name
 * with the same parameters returns the existing placement. */
#ifndef _RTE_MBUF_DYN_H_
#define _RTE_MBUF_DYN_H_
#include <stdio.h>
#include <stdint.h>
#include <limits.h>
#include <rte_common.h>
#ifdef __cplusplus
extern "C" {
#endif

#define RTE_MBUF_DYN_NAMESIZE 64

struct rte_mbuf_dynfield {
	char name[RTE_MBUF_DYN_NAMESIZE];
	size_t size;
	size_t align;       /* power of two */
	unsigned int flags; /* must be 0 */
};

struct rte_mbuf_dynflag {
	char name[RTE_MBUF_DYN_NAMESIZE];
	unsigned int flags; /* must be 0 */
};

/* Offset in struct rte_mbuf, or -1 with rte_errno: EINVAL (bad params),
 * EEXIST (name taken with other params, or requested offset busy), ENOENT
 * (no room), ENOMEM. */
int rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params);
int rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params, size_t req);
/* Offset, or -1 with rte_errno ENOENT. params (may be NULL) gets a copy. */
int rte_mbuf_dynfield_lookup(const char *name, struct rte_mbuf_dynfield *params);
/* Bit number, or -1 with rte_errno as above. */
int rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params);
int rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params, unsigned int req);
int rte_mbuf_dynflag_lookup(const char *name, struct rte_mbuf_dynflag *params);
void rte_mbuf_dyn_dump(FILE *out);

#define RTE_MBUF_DYNFIELD(m, offset, type) ((type)((uintptr_t)(m) + (offset)))

#define RTE_MBUF_DYNFIELD_METADATA_NAME "rte_flow_dynfield_metadata"
#define RTE_MBUF_DYNFLAG_METADATA_NAME "rte_flow_dynflag_metadata"
#define RTE_MBUF_DYNFIELD_TIMESTAMP_NAME "rte_dynfield_timestamp"
typedef uint64_t rte_mbuf_timestamp_t;
#define RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME "rte_dynflag_rx_timestamp"
#define RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME "rte_dynflag_tx_timestamp"
#define RTE_MBUF_DYNFIELD_IP_REASSEMBLY_NAME "rte_dynfield_ip_reassembly"
#define RTE_MBUF_DYNFLAG_IP_REASSEMBLY_INCOMPLETE_NAME "rte_dynflag_ip_reassembly_incomplete"

/* Register the timestamp field and the Rx (or Tx) timestamp flag. */
int rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag);
int rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag);

#ifdef __cplusplus
}
#endif
#endif
