/* SPDX-License-Identifier: BSD-3-Clause
 * EAL internals shared between the files of lib/eal (not installed).
 *
 * Grouped by the file that defines them. Internal functions return 0 or a
 * negative errno and log their own error line; public wrappers translate that
 * into rte_errno + NULL/-1 as DPDK does. */
#ifndef DPLITE_EAL_PRIVATE_H
#define DPLITE_EAL_PRIVATE_H

#include <stdint.h>
#include <stdbool.h>
#include <limits.h>
#include <pthread.h>
#include <sys/types.h>
#include <rte_config.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_log.h>

#define EAL_LOG(level, ...) RTE_LOG(level, EAL, __VA_ARGS__)

/* ---- state.c (struct), args.c (fills opt): parsed options (process-local) ---- */
#define EAL_PREFIX_MAX 64
struct eal_options {
	/* lcores */
	int lcore_role[RTE_MAX_LCORE];          /* enum rte_lcore_role_t */
	cpu_set_t lcore_cpuset[RTE_MAX_LCORE];
	unsigned int main_lcore;
	bool main_lcore_set;
	bool lcores_given;
	/* memory */
	uint64_t memory;                         /* -m, bytes; 0 = unlimited */
	uint64_t socket_mem[RTE_MAX_NUMA_NODES]; /* --socket-mem, bytes */
	bool force_sockets;
	uint64_t socket_limit[RTE_MAX_NUMA_NODES];
	bool force_socket_limits;
	char hugepage_dir[PATH_MAX];             /* --huge-dir, "" = discover */
	bool no_hugetlbfs;                       /* --no-huge */
	bool in_memory;
	bool legacy_mem;
	bool single_file_segments;
	bool huge_unlink;
	bool no_shconf;
	uint64_t base_virtaddr;                  /* --base-virtaddr, 0 = choose */
	enum rte_iova_mode iova_mode;            /* requested; RTE_IOVA_DC = auto */
	unsigned int nchannel, nrank;            /* -n, -r */
	/* process */
	char file_prefix[EAL_PREFIX_MAX];
	enum rte_proc_type_t proc_type;          /* as requested (may be AUTO) */
	bool no_telemetry;
	bool no_pci;
	char *vdevs[RTE_MAX_ETHPORTS];
	unsigned int nb_vdevs;
	char *mbuf_pool_ops;                      /* --mbuf-pool-ops-name */
};

/* The live state of this process's EAL. */
struct eal_state {
	struct eal_options opt;
	enum rte_proc_type_t proc_type;          /* resolved: PRIMARY or SECONDARY */
	char runtime_dir[PATH_MAX];              /* <base>/dpdk/<prefix> */
	int lock_fd;                             /* config lock, held for life */
	bool has_hugepages;
	enum rte_iova_mode iova_mode;            /* resolved */
	unsigned int lcore_count;
	int initialised;                         /* 0 no, 1 in progress/done */
};
extern struct eal_state eal;                 /* state.c */

/* state.c: build "<runtime_dir>/<name>" into buf; -ENAMETOOLONG if it does
 * not fit. */
int eal_runtime_path(char *buf, size_t len, const char *name);

/* ---- args.c ------------------------------------------------------------------- */
void eal_options_defaults(struct eal_options *o);   /* also frees what opt owns */
/* Index of the first argument not consumed, -1 on error, -2 after --help/-v. */
int eal_parse_args(int argc, char **argv);

/* ---- rundir.c: the runtime directory and the files in it ------------------------
 * create: pick <base>, make and check each level (ours, 0700-style, no
 * symlink); quiet: log nothing on failure (--in-memory tries it as an extra).
 * open/unlink/stat work relative to the directory fd, never follow a symlink;
 * they return an fd / 0 or -errno. sweep removes sockets of dead secondaries
 * (all: of any dead process; only with the prefix lock held) and returns how
 * many. */
int eal_runtime_dir_create(bool quiet);
void eal_runtime_dir_remove(void);
int eal_runtime_dirfd(void);                 /* -1 when there is none */
int eal_runtime_open(const char *name, int flags, mode_t mode);
int eal_runtime_unlink(const char *name);
struct stat;
int eal_runtime_stat(const char *name, struct stat *st);
unsigned int eal_runtime_sweep(bool all);   /* all: any dead socket (prefix lock held) */

/* ---- runtime.c: prefix lock, primary watch (secondary) ------------------------- */
int eal_prefix_lock(bool *is_primary);      /* *is_primary = we took the lock */
void eal_prefix_unlock(void);
/* In a child of fork: close the inherited lock fd (fcntl locks are not
 * inherited, so this releases nothing of the parent's); no file removed. */
void eal_prefix_forget(void);
int eal_primary_watch_start(void);
void eal_primary_watch_stop(void);

/* ---- init.c ---------------------------------------------------------------------
 * Libraries outside lib/eal (IPC, telemetry, ...) register an init/fini pair
 * from a constructor; rte_eal_init runs them in registration order once
 * lcores are up, rte_eal_cleanup in reverse. init returns 0 or -errno. */
void eal_register_hook(const char *name, int (*init)(void), void (*fini)(void));
/* devargs.c: the bus layer hands over its lookup so rte_devargs_parse can set
 * da->bus (lib/bus registers it from a constructor; devargs never calls up). */
struct rte_bus;
void eal_devargs_set_bus_lookup(struct rte_bus *(*lookup)(const char *name));

/* ---- log.c -------------------------------------------------------------------- */
int eal_log_init(void);
int eal_parse_log_level(const char *arg);    /* "--log-level" value */

/* ---- lcore.c ---------------------------------------------------------------------- */
int eal_lcore_detect(void);                  /* sockets, cpus from sysfs */
int eal_lcores_start(void);                  /* spawn pinned worker threads */
void eal_lcores_stop(void);
/* In a child of fork (no worker threads there): forget them without joining. */
void eal_lcores_forget(void);
unsigned int eal_cpu_socket_id(unsigned int cpu);
unsigned int eal_cpu_count(void);            /* CPUs the OS has (ids < this) */
bool eal_cpu_detected(unsigned int cpu);
/* ROLE_RTE <-> ROLE_SERVICE for a worker lcore with a thread; 0 or -EINVAL. */
int eal_lcore_role_set(unsigned int id, enum rte_lcore_role_t role);

/* ---- memory subsystem (lib/eal/mem/, entry points in mem/setup.c) ------------------------------------
 * Called by rte_eal_init() after options are parsed, the runtime directory
 * exists and (primary) the prefix lock is held. Must undo everything it did
 * if it fails. eal_memory_cleanup() is safe to call after a failed init. */
int eal_memory_init(void);
void eal_memory_cleanup(void);

/* ---- mp.c: multi-process channel (before memory: secondaries attach over it) */
int eal_mp_init(void);
void eal_mp_cleanup(void);
/* In a child of fork: close this process's copies of the channel's fds; the
 * socket file and the receiver thread are the parent's and are left alone. */
void eal_mp_forget(void);

/* ---- misc.c (TSC) ---------------------------------------------------------------------- */
int eal_timer_init(void);

#endif
