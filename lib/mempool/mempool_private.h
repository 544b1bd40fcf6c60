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

/* Counters of this process's pool lifecycle (mempool.c), for telemetry's
 * /mempool/events. */
#include <stdint.h>
struct mp_counters {
	uint64_t created;          /* rte_mempool_create_empty successes */
	uint64_t create_failed;    /* ... and failures (bad arguments, no memory, name taken) */
	uint64_t ready;            /* RTE_MEMPOOL_EVENT_READY fired (pool fully populated) */
	uint64_t destroyed;        /* RTE_MEMPOOL_EVENT_DESTROY fired (rte_mempool_free) */
	uint64_t populate_failed;  /* rte_mempool_populate_iova errors */
	uint64_t callback_calls;   /* event callbacks invoked */
	uint64_t callbacks;        /* event callbacks registered now */
};
void mp_counters_get(struct mp_counters *c);
#endif
