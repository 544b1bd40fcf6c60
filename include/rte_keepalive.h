/* SPDX-License-Identifier: BSD-3-Clause
 * Core liveness monitoring: each monitored lcore calls
 * rte_keepalive_mark_alive() in its loop; a periodic
 * rte_keepalive_dispatch_pings() (a timer, typically) ages every core one
 * step (ALIVE -> MISSING -> DEAD -> GONE) unless it marked itself alive
 * since, and calls the failure callback when a core turns DEAD. */
#ifndef _KEEPALIVE_H_
#define _KEEPALIVE_H_

#include <stdint.h>
#include <rte_config.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef RTE_KEEPALIVE_MAXCORES
#define RTE_KEEPALIVE_MAXCORES RTE_MAX_LCORE
#endif

enum rte_keepalive_state {
	RTE_KA_STATE_UNUSED = 0,
	RTE_KA_STATE_ALIVE = 1,
	RTE_KA_STATE_MISSING = 4,
	RTE_KA_STATE_DEAD = 2,
	RTE_KA_STATE_GONE = 3,
	RTE_KA_STATE_DOZING = 5,
	RTE_KA_STATE_SLEEP = 6
};

typedef void (*rte_keepalive_failure_callback_t)(void *data, const int id_core);
typedef void (*rte_keepalive_relay_callback_t)(void *data, const int id_core,
					       enum rte_keepalive_state core_state, uint64_t last_seen);

struct rte_keepalive;

/* NULL (rte_errno ENOMEM) on failure. Free with rte_free(). */
struct rte_keepalive *rte_keepalive_create(rte_keepalive_failure_callback_t callback, void *data);
/* ptr_timer is unused (the rte_timer callback signature); ptr_data is the keepalive. */
void rte_keepalive_dispatch_pings(void *ptr_timer, void *ptr_data);
void rte_keepalive_register_core(struct rte_keepalive *keepcfg, const int id_core);
void rte_keepalive_mark_alive(struct rte_keepalive *keepcfg);
void rte_keepalive_mark_sleep(struct rte_keepalive *keepcfg);
void rte_keepalive_register_relay_callback(struct rte_keepalive *keepcfg,
					   rte_keepalive_relay_callback_t callback, void *data);

#ifdef __cplusplus
}
#endif
#endif
