/* SPDX-License-Identifier: BSD-3-Clause
 * The bottom of the EAL: the process's EAL state (struct eal_state, declared
 * in eal_private.h) and the small getters over it. Everything in the library
 * may read this; only init.c, args.c and runtime.c write it, and only while
 * rte_eal_init/rte_eal_cleanup run (no lock: those are not concurrent with
 * anything else by contract; eal.initialised is the release/acquire flag
 * others may poll).
 * May call: nothing but libc. */
#include <errno.h>
#include <stdio.h>
#include <rte_eal.h>
#include "eal_private.h"

struct eal_state eal = { .lock_fd = -1 };

int eal_runtime_path(char *buf, size_t len, const char *name)
{
	if ((size_t)snprintf(buf, len, "%s/%s", eal.runtime_dir, name) >= len)
		return -ENAMETOOLONG;
	return 0;
}

/* ---- simple getters ----------------------------------------------------------------------------------------------- */
enum rte_proc_type_t rte_eal_process_type(void)
{
	return eal.initialised ? eal.proc_type : RTE_PROC_PRIMARY;
}
const char *rte_eal_get_runtime_dir(void) { return eal.runtime_dir; }
int rte_eal_iopl_init(void) { return -1; }
int rte_eal_has_pci(void) { return !eal.opt.no_pci; }
int rte_eal_create_uio_dev(void) { return 0; }
enum rte_intr_mode rte_eal_vfio_intr_mode(void) { return RTE_INTR_MODE_NONE; }
const char *rte_eal_mbuf_user_pool_ops(void) { return eal.opt.mbuf_pool_ops; }
uint64_t rte_eal_get_baseaddr(void) { return eal.opt.base_virtaddr; }

