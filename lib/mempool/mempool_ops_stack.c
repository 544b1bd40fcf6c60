/* SPDX-License-Identifier: BSD-3-Clause
 * "stack" and "lf_stack" mempool backends: the free objects sit in an
 * rte_stack (LIFO, so recently freed, cache-warm objects come back first).
 * Owns: one stack per pool, named "M_<pool name>" (memzone "STK_M_<pool>";
 * the shorter prefix keeps every legal pool name within RTE_STACK_NAMESIZE),
 * with capacity mp->size so an enqueue of objects from this pool never fails.
 */
#include <rte_mempool.h>
#include <rte_stack.h>
#include <rte_errno.h>
#include <rte_log.h>
#include "mempool_private.h"

static int mp_stack_alloc_flags(struct rte_mempool *mp, uint32_t flags)
{
	char name[RTE_STACK_NAMESIZE];
	struct rte_stack *s;

	snprintf(name, sizeof(name), "M_%s", mp->name);
	s = rte_stack_create(name, mp->size, mp->socket_id, flags);
	if (s == NULL) {
		RTE_LOG(ERR, MEMPOOL, "%s: cannot create backing stack: %s\n", mp->name,
			rte_strerror(rte_errno));
		return -rte_errno;
	}
	mp->pool_data = s;
	return 0;
}
static int mp_stack_alloc(struct rte_mempool *mp) { return mp_stack_alloc_flags(mp, 0); }
static int mp_lf_stack_alloc(struct rte_mempool *mp)
{
	return mp_stack_alloc_flags(mp, RTE_STACK_F_LF);
}

static int mp_stack_enqueue(struct rte_mempool *mp, void * const *t, unsigned int n)
{
	return rte_stack_push(mp->pool_data, t, n) == n ? 0 : -ENOBUFS;
}
static int mp_stack_dequeue(struct rte_mempool *mp, void **t, unsigned int n)
{
	return rte_stack_pop(mp->pool_data, t, n) == n ? 0 : -ENOBUFS;   /* DPDK's value */
}
static unsigned mp_stack_count(const struct rte_mempool *mp)
{
	return rte_stack_count(mp->pool_data);
}
static void mp_stack_free(struct rte_mempool *mp)
{
	rte_stack_free(mp->pool_data);
	mp->pool_data = NULL;
}

/* Built in: registered by mempool_ops.c, no constructor. */
const struct rte_mempool_ops mp_ops_stack_builtin[MP_OPS_STACK_BUILTIN_NUM] = {
	{
		.name = "stack",
		.alloc = mp_stack_alloc,
		.free = mp_stack_free,
		.enqueue = mp_stack_enqueue,
		.dequeue = mp_stack_dequeue,
		.get_count = mp_stack_count,
	},
	{
		.name = "lf_stack",
		.alloc = mp_lf_stack_alloc,
		.free = mp_stack_free,
		.enqueue = mp_stack_enqueue,
		.dequeue = mp_stack_dequeue,
		.get_count = mp_stack_count,
	},
};
