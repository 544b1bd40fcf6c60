/* SPDX-License-Identifier: BSD-3-Clause
 * Service cores: functions registered as services (rte_service_component.h)
 * run in a loop on lcores given the SERVICE role (-s coremask / -S corelist,
 * or rte_service_lcore_add). A service runs on a service lcore when it is
 * mapped there and both its component and application run states are on.
 * Services without RTE_SERVICE_CAP_MT_SAFE mapped to several lcores run on
 * one at a time. Errors are negative errno values. */
#ifndef _RTE_SERVICE_H_
#define _RTE_SERVICE_H_

#include <stdio.h>
#include <stdint.h>
#include <rte_compat.h>
#include <rte_config.h>
#include <rte_lcore.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_SERVICE_NAME_MAX 32

#define RTE_SERVICE_CAP_MT_SAFE (1 << 0)

uint32_t rte_service_get_count(void);
/* 0 and *service_id; -EINVAL (NULL), -ENODEV (no such name). */
int32_t rte_service_get_by_name(const char *name, uint32_t *service_id);
/* NULL for an invalid id. */
const char *rte_service_get_name(uint32_t id);
int32_t rte_service_probe_capability(uint32_t id, uint32_t capability);
/* 0; -EINVAL (bad service, or lcore not a service lcore). */
int32_t rte_service_map_lcore_set(uint32_t service_id, uint32_t lcore, uint32_t enable);
/* 1 mapped, 0 not, -EINVAL. */
int32_t rte_service_map_lcore_get(uint32_t service_id, uint32_t lcore);
int32_t rte_service_runstate_set(uint32_t id, uint32_t runstate);
/* 1 if it may run (both run states on and, unless the mapped check is off,
 * mapped to a service lcore), 0 if not, -EINVAL. */
int32_t rte_service_runstate_get(uint32_t id);
/* 1 if a service lcore may be running it now, 0 if not, -EINVAL. */
int32_t rte_service_may_be_active(uint32_t id);
int32_t rte_service_set_runstate_mapped_check(uint32_t id, int32_t enable);
/* One iteration on the calling lcore: 0, -EBUSY (another lcore runs this
 * MT-unsafe service and serialize is set), -ENOEXEC (not running), -EINVAL. */
int32_t rte_service_run_iter_on_app_lcore(uint32_t id, uint32_t serialize_multithread_unsafe);
/* 0, -EALREADY (running), -EINVAL (not a service lcore), -EBUSY. */
int32_t rte_service_lcore_start(uint32_t lcore_id);
/* 0, -EALREADY (stopped), -EBUSY (it is the only lcore of a running
 * service), -EINVAL. */
int32_t rte_service_lcore_stop(uint32_t lcore_id);
__rte_experimental int32_t rte_service_lcore_may_be_active(uint32_t lcore_id);
/* 0, -EALREADY, -EINVAL (no such lcore thread). */
int32_t rte_service_lcore_add(uint32_t lcore);
/* 0, -EBUSY (still running), -EINVAL. */
int32_t rte_service_lcore_del(uint32_t lcore);
int32_t rte_service_lcore_count(void);
int32_t rte_service_lcore_reset_all(void);
int32_t rte_service_set_stats_enable(uint32_t id, int32_t enable);
/* Count written, -ENOMEM (n too small), -EINVAL. */
int32_t rte_service_lcore_list(uint32_t array[], uint32_t n);
int32_t rte_service_lcore_count_services(uint32_t lcore);
/* id UINT32_MAX: every service and service lcore. */
int32_t rte_service_dump(FILE *f, uint32_t id);

#define RTE_SERVICE_ATTR_CYCLES 0
#define RTE_SERVICE_ATTR_CALL_COUNT 1
int32_t rte_service_attr_get(uint32_t id, uint32_t attr_id, uint64_t *attr_value);
int32_t rte_service_attr_reset_all(uint32_t id);

#define RTE_SERVICE_LCORE_ATTR_LOOPS 0
#define RTE_SERVICE_LCORE_ATTR_CYCLES 1
int32_t rte_service_lcore_attr_get(uint32_t lcore, uint32_t attr_id, uint64_t *attr_value);
int32_t rte_service_lcore_attr_reset_all(uint32_t lcore);

#ifdef __cplusplus
}
#endif
#endif
