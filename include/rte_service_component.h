/* SPDX-License-Identifier: BSD-3-Clause
 * Registering services (the component side of rte_service.h). */
#ifndef _SERVICE_PRIVATE_H_
#define _SERVICE_PRIVATE_H_

#include <stdint.h>
#include <rte_service.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One iteration; -EAGAIN means "nothing done" (not counted in cycles). */
typedef int32_t (*rte_service_func)(void *args);

struct rte_service_spec {
	char name[RTE_SERVICE_NAME_MAX];
	rte_service_func callback;
	void *callback_userdata;
	uint32_t capabilities;   /* RTE_SERVICE_CAP_* */
	int socket_id;
};

/* 0 and *service_id (may be NULL); -EINVAL (no callback or name), -ENOSPC. */
int32_t rte_service_component_register(const struct rte_service_spec *spec, uint32_t *service_id);
int32_t rte_service_component_unregister(uint32_t id);
/* Starts every service lcore and maps services round-robin onto them:
 * 0, -ENOTSUP (no service lcore), -ENODEV, -ENOEXEC. */
int32_t rte_service_start_with_defaults(void);
int32_t rte_service_component_runstate_set(uint32_t id, uint32_t runstate);
/* Called by rte_eal_init/rte_eal_cleanup; 0 or -EALREADY. */
int32_t rte_service_init(void);
void rte_service_finalize(void);

#ifdef __cplusplus
}
#endif
#endif
