/* SPDX-License-Identifier: BSD-3-Clause
 * Locks of the shared memory config. They live in shared memory, so they
 * order threads of every process of the prefix. The memory lock guards the
 * memseg lists (held for writing while pages are mapped or unmapped and
 * while mem event callbacks run); the thread holding it for writing may take
 * it again, for reading or writing, without deadlocking. */
#ifndef _RTE_EAL_MEMCONFIG_H_
#define _RTE_EAL_MEMCONFIG_H_
#include <rte_config.h>
#include <stdbool.h>
#ifdef __cplusplus
extern "C" {
#endif

void rte_mcfg_mem_read_lock(void);
void rte_mcfg_mem_read_unlock(void);
void rte_mcfg_mem_write_lock(void);
void rte_mcfg_mem_write_unlock(void);
void rte_mcfg_tailq_read_lock(void);
void rte_mcfg_tailq_read_unlock(void);
void rte_mcfg_tailq_write_lock(void);
void rte_mcfg_tailq_write_unlock(void);
void rte_mcfg_mempool_read_lock(void);
void rte_mcfg_mempool_read_unlock(void);
void rte_mcfg_mempool_write_lock(void);
void rte_mcfg_mempool_write_unlock(void);
void rte_mcfg_timer_lock(void);
void rte_mcfg_timer_unlock(void);
/* Always true here: each memseg list is backed by exactly one file (a memfd). */
bool rte_mcfg_get_single_file_segments(void);

#ifdef __cplusplus
}
#endif
#endif
