/* SPDX-License-Identifier: BSD-3-Clause
 * Launching functions on worker lcores. Each worker lcore is a pinned thread
 * that waits for work; launch hands it a function, wait collects the result. */
#ifndef _RTE_LAUNCH_H_
#define _RTE_LAUNCH_H_
#include <rte_config.h>
#ifdef __cplusplus
extern "C" {
#endif

enum rte_lcore_state_t {
	WAIT,      /* idle, ready for rte_eal_remote_launch() */
	RUNNING,   /* executing a launched function */
};

typedef int (lcore_function_t)(void *);

/* 0 on success, -EBUSY if the worker is not in WAIT, -EINVAL for a bad id. */
int rte_eal_remote_launch(lcore_function_t *f, void *arg, unsigned int worker_id);

enum rte_rmt_call_main_t {
	SKIP_MAIN = 0,
	CALL_MAIN,
};
/* Launch on every worker (and on the main lcore with CALL_MAIN). */
int rte_eal_mp_remote_launch(lcore_function_t *f, void *arg,
			     enum rte_rmt_call_main_t call_main);
enum rte_lcore_state_t rte_eal_get_lcore_state(unsigned int worker_id);
/* Wait for a worker to finish; returns its function's return value, or 0 if
 * it was not running. */
int rte_eal_wait_lcore(unsigned int worker_id);
void rte_eal_mp_wait_lcore(void);

#ifdef __cplusplus
}
#endif
#endif
