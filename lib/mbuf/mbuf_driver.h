/* SPDX-License-Identifier: BSD-3-Clause
 * lib/mbuf's calls for drivers inside libdplite (not installed, not
 * exported: lib/dplite.map keeps names without the rte_ prefix local).
 */
#ifndef DPLITE_MBUF_DRIVER_H
#define DPLITE_MBUF_DRIVER_H

#include <rte_mbuf.h>

/* rte_pktmbuf_pool_create_extbuf() with the mempool ops named by the
 * caller instead of rte_mbuf_best_mempool_ops() (NULL: those). For a
 * driver whose private pool depends on one backend's ordering, whatever
 * --mbuf-pool-ops-name the application chose for its own pools. */
struct rte_mempool *
mbuf_pool_create_extbuf_ops(const char *name, unsigned int n, unsigned int cache_size,
			    uint16_t priv_size, uint16_t data_room_size, int socket_id,
			    const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num,
			    const char *ops_name);

#endif
