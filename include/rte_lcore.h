/* SPDX-License-Identifier: BSD-3-Clause
 * Logical cores: ids, roles, sockets, CPU sets, and registration of threads
 * that the EAL did not create. */
#ifndef _RTE_LCORE_H_
#define _RTE_LCORE_H_
#include <stdio.h>
#include <sched.h>
#include <pthread.h>
#include <rte_config.h>
#include <rte_common.h>
#include <rte_per_lcore.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_thread.h>
#ifdef __cplusplus
extern "C" {
#endif

#define LCORE_ID_ANY UINT32_MAX

typedef cpu_set_t rte_cpuset_t;
#define RTE_HAS_CPUSET 1

enum rte_lcore_role_t {
	ROLE_RTE,
	ROLE_OFF,
	ROLE_SERVICE,
	ROLE_NON_EAL,
};

RTE_DECLARE_PER_LCORE(unsigned int, _lcore_id);
RTE_DECLARE_PER_LCORE(rte_cpuset_t, _cpuset);

/* The calling thread's lcore id, or LCORE_ID_ANY for an unregistered thread. */
static inline unsigned int rte_lcore_id(void)
{
	return RTE_PER_LCORE(_lcore_id);
}

enum rte_lcore_role_t rte_eal_lcore_role(unsigned int lcore_id);
int rte_lcore_has_role(unsigned int lcore_id, enum rte_lcore_role_t role);
unsigned int rte_get_main_lcore(void);
unsigned int rte_lcore_count(void);
int rte_lcore_index(int lcore_id);
unsigned int rte_socket_id(void);
unsigned int rte_socket_count(void);
int rte_socket_id_by_idx(unsigned int idx);
unsigned int rte_lcore_to_socket_id(unsigned int lcore_id);
int rte_lcore_to_cpu_id(int lcore_id);
rte_cpuset_t rte_lcore_cpuset(unsigned int lcore_id);
int rte_lcore_is_enabled(unsigned int lcore_id);
unsigned int rte_get_next_lcore(unsigned int i, int skip_main, int wrap);

#define RTE_LCORE_FOREACH(i) \
	for (i = rte_get_next_lcore(-1, 0, 0); i < RTE_MAX_LCORE; \
	     i = rte_get_next_lcore(i, 0, 0))
#define RTE_LCORE_FOREACH_WORKER(i) \
	for (i = rte_get_next_lcore(-1, 1, 0); i < RTE_MAX_LCORE; \
	     i = rte_get_next_lcore(i, 1, 0))

typedef int (*rte_lcore_init_cb)(unsigned int lcore_id, void *arg);
typedef void (*rte_lcore_uninit_cb)(unsigned int lcore_id, void *arg);
void *rte_lcore_callback_register(const char *name, rte_lcore_init_cb init,
				  rte_lcore_uninit_cb uninit, void *arg);
void rte_lcore_callback_unregister(void *handle);
typedef int (*rte_lcore_iterate_cb)(unsigned int lcore_id, void *arg);
int rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg);
void rte_lcore_dump(FILE *f);

int rte_thread_set_affinity(rte_cpuset_t *cpusetp);
void rte_thread_get_affinity(rte_cpuset_t *cpusetp);
int rte_thread_setname(pthread_t id, const char *name);
int rte_thread_getname(pthread_t id, char *name, size_t len);
/* Give the calling non-EAL thread an lcore id (ROLE_NON_EAL): 0, or -1 with
 * rte_errno = ENOMEM when every lcore id is taken. */
int rte_thread_register(void);
void rte_thread_unregister(void);
int rte_ctrl_thread_create(pthread_t *thread, const char *name,
			   const pthread_attr_t *attr,
			   void *(*start_routine)(void *), void *arg);

#ifdef __cplusplus
}
#endif
#endif
