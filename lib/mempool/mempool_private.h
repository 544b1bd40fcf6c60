/* SPDX-License-Identifier: BSD-3-Clause
 * Internal interface between mempool.c and mempool_ops.c. Not installed. */
#ifndef DPLITE_MEMPOOL_PRIVATE_H
#define DPLITE_MEMPOOL_PRIVATE_H
/* Make this process's rte_mempool_ops_table.ops[idx] hold the functions
 * registered here under the shared name at idx. 0 or -ENOENT/-EINVAL. */
int mp_ops_resolve(int idx);

/* The built-in backends (mempool_ops_ring.c, mempool_ops_stack.c): plain
 * tables that mempool_ops.c registers on first use, before any other ops.
 * Not constructors: a static link keeps an object file only when something
 * names it, and these tables are named by mempool_ops.c. The backends call
 * only the ring/stack APIs, never the registry, so the dependency is one-way. */
#define MP_OPS_RING_BUILTIN_NUM 6
#define MP_OPS_STACK_BUILTIN_NUM 2
extern const struct rte_mempool_ops mp_ops_ring_builtin[MP_OPS_RING_BUILTIN_NUM];
extern const struct rte_mempool_ops mp_ops_stack_builtin[MP_OPS_STACK_BUILTIN_NUM];
#endif
