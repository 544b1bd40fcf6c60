/* SPDX-License-Identifier: BSD-3-Clause
 * Environment abstraction layer: initialisation, process type, runtime
 * directory, and the multi-process messaging API. */
#ifndef _RTE_EAL_H_
#define _RTE_EAL_H_
#include <stdint.h>
#include <time.h>
#include <sched.h>
#include <rte_config.h>
#include <rte_compat.h>
#include <rte_per_lcore.h>
#include <rte_uuid.h>
#include <rte_pci_dev_feature_defs.h>
#ifdef __cplusplus
extern "C" {
#endif

#define RTE_MAGIC 19820526

enum rte_proc_type_t {
	RTE_PROC_AUTO = -1,
	RTE_PROC_PRIMARY = 0,
	RTE_PROC_SECONDARY,
	RTE_PROC_INVALID
};

enum rte_proc_type_t rte_eal_process_type(void);
int rte_eal_iopl_init(void);

/* Parse EAL arguments and bring up memory, lcores and services. Returns the
 * number of arguments consumed (so argv += ret), or -1 with rte_errno:
 * EINVAL bad argument, EALREADY already initialised, ENOMEM, EACCES, EBUSY
 * (prefix held by another primary), ENOENT/EPROTO (no primary to attach). */
int rte_eal_init(int argc, char **argv);
/* Release everything rte_eal_init() set up; 0 or -EFAULT when not initialised. */
int rte_eal_cleanup(void);

/* Is a primary alive for this config file (NULL: our own prefix)? */
int rte_eal_primary_proc_alive(const char *config_file_path);
int rte_mp_disable(void);

/* dplite extension (not in DPDK): in a secondary, cb(arg) runs once on an
 * internal thread as soon as the primary of this prefix exits, however it
 * exits (the kernel drops the primary's prefix lock). After that,
 * rte_eal_primary_proc_alive(NULL) returns 0. 0, or -1 with rte_errno
 * EINVAL (NULL cb), E_RTE_SECONDARY (called in a primary), ENOSPC. */
typedef void (*rte_eal_primary_exit_cb_t)(void *arg);
int rte_eal_primary_exit_callback_register(rte_eal_primary_exit_cb_t cb, void *arg);

/* ---- multi-process messages ---------------------------------------------------- */
#define RTE_MP_MAX_FD_NUM    8
#define RTE_MP_MAX_NAME_LEN  64
#define RTE_MP_MAX_PARAM_LEN 256
struct rte_mp_msg {
	char name[RTE_MP_MAX_NAME_LEN];
	int len_param;
	int num_fds;
	uint8_t param[RTE_MP_MAX_PARAM_LEN];
	int fds[RTE_MP_MAX_FD_NUM];
};
struct rte_mp_reply {
	int nb_sent;
	int nb_received;
	struct rte_mp_msg *msgs;   /* malloc()ed, caller frees */
};
typedef int (*rte_mp_t)(const struct rte_mp_msg *msg, const void *peer);
typedef int (*rte_mp_async_reply_t)(const struct rte_mp_msg *request,
				    const struct rte_mp_reply *reply);
int rte_mp_action_register(const char *name, rte_mp_t action);
void rte_mp_action_unregister(const char *name);
int rte_mp_sendmsg(struct rte_mp_msg *msg);
int rte_mp_request_sync(struct rte_mp_msg *req, struct rte_mp_reply *reply,
			const struct timespec *ts);
int rte_mp_request_async(struct rte_mp_msg *req, const struct timespec *ts,
			 rte_mp_async_reply_t clb);
int rte_mp_reply(struct rte_mp_msg *msg, const char *peer);

/* ---- misc ------------------------------------------------------------------------- */
typedef void (*rte_usage_hook_t)(const char *prgname);
rte_usage_hook_t rte_set_application_usage_hook(rte_usage_hook_t usage_func);

int rte_eal_has_hugepages(void);
int rte_eal_has_pci(void);
int rte_eal_create_uio_dev(void);
/* no PCI bus: RTE_INTR_MODE_NONE, and an all-zero VF token */
enum rte_intr_mode rte_eal_vfio_intr_mode(void);
void rte_eal_vfio_get_vf_token(rte_uuid_t vf_token);

enum rte_iova_mode {
	RTE_IOVA_DC = 0,        /* don't care */
	RTE_IOVA_PA = (1 << 0), /* physical addresses */
	RTE_IOVA_VA = (1 << 1)  /* virtual addresses */
};
enum rte_iova_mode rte_eal_iova_mode(void);
const char *rte_eal_mbuf_user_pool_ops(void);
const char *rte_eal_get_runtime_dir(void);
uint64_t rte_eal_get_baseaddr(void);
int rte_sys_gettid(void);
static inline int rte_gettid(void)
{
	static __thread int tid = -1;
	if (tid == -1)
		tid = rte_sys_gettid();
	return tid;
}

#define RTE_EAL_TASKQ_MAX 0
#ifdef __cplusplus
}
#endif
#endif
