/* SPDX-License-Identifier: BSD-3-Clause
 * rte_eal_init() / rte_eal_cleanup(): the top of the EAL. Owns only the order
 * in which subsystems come up and go down and the late-hook table; the work
 * is in args.c (options), runtime.c (runtime dir, prefix lock, primary
 * watch), mp.c, mem/setup.c (memory) and lcore.c. Nothing in the library
 * calls this file except rte_exit (misc.c) and libraries registering a hook.
 *
 * Init order (each step undone in reverse if a later one fails, so a failed
 * init leaves no thread, file, socket or mapping behind):
 *   parse args -> runtime dir + prefix lock -> timer -> memory -> lcores
 *   -> late hooks (IPC, telemetry) registered by other libraries.
 * rte_eal_init may be called again after rte_eal_cleanup (DPDK forbids it;
 * nothing here needs that restriction). */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <poll.h>
#include <sys/syscall.h>
#include <pthread.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_version.h>
#include "eal_private.h"
#include "eal_introspect.h"

static int init_flag;   /* 0 idle, 1 init running or done; CAS guards re-entry */
static pid_t init_pid;  /* the process that ran rte_eal_init (a fork child differs) */

/* ---- late hooks: libraries outside lib/eal plug in here ------------------------- */
#define EAL_HOOKS_MAX 32
struct eal_hook {
	const char *name;
	int (*init)(void);
	void (*fini)(void);
};
static struct eal_hook hooks[EAL_HOOKS_MAX];
static unsigned int hooks_n, hooks_done;

void eal_register_hook(const char *name, int (*init)(void), void (*fini)(void))
{
	if (hooks_n < EAL_HOOKS_MAX)
		hooks[hooks_n++] = (struct eal_hook){ name, init, fini };
	else   /* a constructor: say it, the library would silently not start */
		fprintf(stderr, "EAL: too many init hooks, '%s' dropped (EAL_HOOKS_MAX %d)\n", name, EAL_HOOKS_MAX);
}

static void hooks_fini(void)
{
	while (hooks_done > 0) {
		hooks_done--;
		if (hooks[hooks_done].fini)
			hooks[hooks_done].fini();
	}
}

static int hooks_init(void)
{
	for (hooks_done = 0; hooks_done < hooks_n; hooks_done++) {
		int rc = hooks[hooks_done].init ? hooks[hooks_done].init() : 0;
		if (rc < 0) {
			EAL_LOG(ERR, "cannot init %s: %s\n", hooks[hooks_done].name, strerror(-rc));
			hooks_fini();
			return rc;
		}
	}
	return 0;
}

/* ---- init / cleanup ---------------------------------------------------------------------------------------- */

int rte_eal_init(int argc, char **argv)
{
	int expected = 0, rc, ret;
	bool is_primary = true;

	if (!__atomic_compare_exchange_n(&init_flag, &expected, 1, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		EAL_LOG(ERR, "rte_eal_init: already initialised\n");
		rte_errno = EALREADY;
		return -1;
	}
	if (argc < 1 || argv == NULL || argv[0] == NULL) {
		EAL_LOG(ERR, "rte_eal_init: argv must hold at least the program name\n");
		rc = -EINVAL;
		goto fail_flag;
	}
	eal_lcore_detect();
	eal_options_defaults(&eal.opt);
	eal.runtime_dir[0] = '\0';
	eal_args_save(argc, argv);   /* for /eal/params (telemetry) */
	ret = eal_parse_args(argc, argv);
	if (ret < 0) {
		if (ret == -2)
			exit(0);  /* --help, as DPDK does */
		rc = -EINVAL;
		goto fail_opts;
	}
	ret -= 1;

	/* --in-memory/--no-shconf keep no file there: a runtime directory is
	 * made if it can be (telemetry and users may want one), never required */
	if ((rc = eal_runtime_dir_create(eal.opt.no_shconf)) < 0 && !eal.opt.no_shconf)
		goto fail_opts;
	if (eal.opt.no_shconf) {
		if (eal.opt.proc_type == RTE_PROC_SECONDARY) {
			EAL_LOG(ERR, "--no-shconf/--in-memory: no shared config to attach a secondary to\n");
			rc = -EINVAL;
			goto fail_dir;
		}
	} else if ((rc = eal_prefix_lock(&is_primary)) < 0) {
		goto fail_dir;
	}
	eal.proc_type = is_primary ? RTE_PROC_PRIMARY : RTE_PROC_SECONDARY;
	if (!eal.opt.no_shconf)
		eal_runtime_sweep(is_primary);   /* sockets dead processes of the prefix left */

	if (!is_primary && (rc = eal_primary_watch_start()) < 0)
		goto fail_lock;
	if ((rc = eal_mp_init()) < 0)
		goto fail_watch;
	if ((rc = eal_memory_init()) < 0)
		goto fail_mp;
	if ((rc = eal_lcores_start()) < 0)
		goto fail_mem;
	init_pid = getpid();
	__atomic_store_n(&eal.initialised, 1, __ATOMIC_RELEASE);
	if ((rc = hooks_init()) < 0)
		goto fail_lcores;
	EAL_LOG(DEBUG, "initialised: %s process, prefix '%s', %u lcores, runtime dir %s\n",
		is_primary ? "primary" : "secondary", eal.opt.file_prefix, eal.lcore_count,
		eal.runtime_dir);
	return ret;

fail_lcores:
	__atomic_store_n(&eal.initialised, 0, __ATOMIC_RELEASE);
	eal_lcores_stop();
fail_mem:
	eal_memory_cleanup();
fail_mp:
	eal_mp_cleanup();
fail_watch:
	eal_primary_watch_stop();
fail_lock:
	eal_prefix_unlock();
fail_dir:
	eal_runtime_dir_remove();
fail_opts:
	eal_options_defaults(&eal.opt);
fail_flag:
	__atomic_store_n(&init_flag, 0, __ATOMIC_RELEASE);
	rte_errno = -rc;
	return -1;
}

int rte_eal_cleanup(void)
{
	if (!eal.initialised) {
		rte_errno = EFAULT;
		return -EFAULT;
	}
	if (getpid() != init_pid) {
		/* A child of fork: the EAL's threads, sockets, files, prefix lock
		 * and shared memory belong to the parent (init_pid), which still
		 * runs with them. Release this process's copies only; mappings go
		 * with the process. Nothing is joined (no thread exists here) and
		 * no lock is taken (a parent thread may have held it at fork). */
		EAL_LOG(INFO, "rte_eal_cleanup in a child of fork (pid %d, EAL started by %d): "
			"releasing this process's copies only\n", (int)getpid(), (int)init_pid);
		hooks_done = 0;
		eal_lcores_forget();
		eal_mp_forget();
		eal_prefix_forget();
		__atomic_store_n(&eal.initialised, 0, __ATOMIC_RELEASE);
		eal_options_defaults(&eal.opt);
		__atomic_store_n(&init_flag, 0, __ATOMIC_RELEASE);
		return 0;
	}
	hooks_fini();
	eal_lcores_stop();
	eal_memory_cleanup();
	eal_mp_cleanup();
	eal_primary_watch_stop();
	eal_prefix_unlock();
	eal_runtime_dir_remove();
	__atomic_store_n(&eal.initialised, 0, __ATOMIC_RELEASE);
	eal_options_defaults(&eal.opt);
	__atomic_store_n(&init_flag, 0, __ATOMIC_RELEASE);
	return 0;
}

/* Here rather than in misc.c: it must run rte_eal_cleanup(), and only the
 * top of the EAL may call that. */
void rte_exit(int exit_code, const char *format, ...)
{
	va_list ap;
	char msg[1024];
	FILE *f = rte_log_get_stream();
	va_start(ap, format);
	vsnprintf(msg, sizeof(msg), format, ap);
	va_end(ap);
	/* "Cause:" only when there is one (an app passing "\n" after printing its
	 * own usage gets no empty line) */
	bool cause = msg[strspn(msg, " \t\r\n")] != '\0';
	if (exit_code != 0)
		fprintf(f, "EAL: Error - exiting with code: %d\n%s", exit_code, cause ? "  Cause: " : "");
	if (cause)
		fputs(msg, f);
	fflush(f);
	/* nothing to release when init never completed (or already undone) */
	if (__atomic_load_n(&eal.initialised, __ATOMIC_ACQUIRE) && rte_eal_cleanup() != 0)
		fprintf(f, "EAL: could not release all resources\n");
	exit(exit_code);
}
