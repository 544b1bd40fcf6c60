/* SPDX-License-Identifier: BSD-3-Clause
 * Which mempool ops a pktmbuf pool uses by default. Choice order: the user
 * setting (rte_mbuf_set_user_mempool_ops), the EAL --mbuf-pool-ops-name
 * option, the platform setting, then RTE_MBUF_DEFAULT_MEMPOOL_OPS. Settings
 * live in shared memzones so secondaries see the primary's choice. */
#ifndef _RTE_MBUF_POOL_OPS_H_
#define _RTE_MBUF_POOL_OPS_H_
#include <rte_config.h>
#include <rte_compat.h>
#ifdef __cplusplus
extern "C" {
#endif

/* 0, -EINVAL (NULL/too long), -EACCES (platform ops already set differently), -ENOMEM. */
int rte_mbuf_set_platform_mempool_ops(const char *ops_name);
const char *rte_mbuf_platform_mempool_ops(void);
int rte_mbuf_set_user_mempool_ops(const char *ops_name);
const char *rte_mbuf_user_mempool_ops(void);
const char *rte_mbuf_best_mempool_ops(void);

#ifdef __cplusplus
}
#endif
#endif
