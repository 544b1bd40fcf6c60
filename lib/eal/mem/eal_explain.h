/* SPDX-License-Identifier: BSD-3-Clause
 * The memory layers' half of rte_dplite_explain()/rte_dplite_limits()
 * (explain.c). lib/mempool's mempool_explain.c adds the mempool and mbuf
 * layers and owns the public functions. Not installed. */
#ifndef DPLITE_EAL_EXPLAIN_H
#define DPLITE_EAL_EXPLAIN_H
#include <rte_dplite_explain.h>

/* Zero *e, then fill the memory layers holding addr. 0, -ENOENT (no layer),
 * -ENODEV (no EAL memory), -EINVAL (e NULL). Does not set rte_errno. */
int eal_mem_explain(const void *addr, struct rte_dplite_explain *e);

/* 1 when [addr, addr + len) may be read in this process: inside one
 * internal memseg list (every process maps the lists whole), or mapped
 * here (external memory, anonymous pool memory: mapped only by some
 * processes). 0 otherwise. */
int eal_mem_readable(const void *addr, size_t len);

/* Rows for the memory layers' limits: writes min(cap, total) rows to tab
 * and returns the total. -ENODEV before the EAL's memory is up. */
int eal_mem_limits(struct rte_dplite_limit *tab, unsigned int cap);
#endif
