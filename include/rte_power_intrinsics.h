/* SPDX-License-Identifier: BSD-3-Clause
 * Low-power waits: sleep until a monitored address is written or a TSC
 * deadline passes (x86 WAITPKG: UMONITOR/UMWAIT/TPAUSE). Every function
 * returns -ENOTSUP on CPUs without it (rte_cpu_get_intrinsics_support says
 * which exist), -EINVAL for bad arguments, 0 otherwise. */
#ifndef _RTE_POWER_INTRINSIC_H_
#define _RTE_POWER_INTRINSIC_H_

#include <inttypes.h>
#include <rte_compat.h>
#include <rte_spinlock.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_POWER_MONITOR_OPAQUE_SZ 4

/* Returns 0 to go to sleep, -1 to return at once (the value already says
 * there is work). */
typedef int (*rte_power_monitor_clb_t)(const uint64_t val, const uint64_t opaque[RTE_POWER_MONITOR_OPAQUE_SZ]);

struct rte_power_monitor_cond {
	volatile void *addr;   /* address to watch */
	uint8_t size;          /* 1, 2, 4 or 8 bytes read there */
	rte_power_monitor_clb_t fn;
	uint64_t opaque[RTE_POWER_MONITOR_OPAQUE_SZ];
};

__rte_experimental int rte_power_monitor(const struct rte_power_monitor_cond *pmc, const uint64_t tsc_timestamp);
__rte_experimental int rte_power_monitor_wakeup(const unsigned int lcore_id);
__rte_experimental int rte_power_pause(const uint64_t tsc_timestamp);
__rte_experimental int rte_power_monitor_multi(const struct rte_power_monitor_cond pmc[],
					       const uint32_t num, const uint64_t tsc_timestamp);

#ifdef __cplusplus
}
#endif
#endif
