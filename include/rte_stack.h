/* SPDX-License-Identifier: BSD-3-Clause
 * Stacks: fixed-capacity LIFOs of pointers, found by name ("STK_<name>"
 * memzone) from any process. Two flavours share one struct:
 *   - standard: a spinlock-protected array (rte_stack_std.h);
 *   - lock-free (RTE_STACK_F_LF): two linked lists (used, free) over a
 *     preallocated element array, updated with a 128-bit compare-and-swap of
 *     {top, modification counter} (rte_stack_lf.h).
 * push/pop are all-or-nothing: they move n objects or none and return the
 * number moved. */
#ifndef _RTE_STACK_H_
#define _RTE_STACK_H_
#include <stdint.h>
#include <rte_common.h>
#include <rte_debug.h>
#include <rte_errno.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>
#ifdef __cplusplus
extern "C" {
#endif

#define RTE_TAILQ_STACK_NAME "RTE_STACK"
#define RTE_STACK_MZ_PREFIX "STK_"
#define RTE_STACK_NAMESIZE (RTE_MEMZONE_NAMESIZE - sizeof(RTE_STACK_MZ_PREFIX) + 1)

/* Shared-memory layout (all inside the stack's memzone, valid in every
 * process because memzones map at one VA):
 *   struct rte_stack | std: objs[capacity]  or  lf: elems[capacity] */
struct rte_stack_lf_elem {
	void *data;
	struct rte_stack_lf_elem *next;
};
/* Swapped as one 16-byte unit; cnt changes on every update so a stale
 * {top} that reappears (ABA) still fails the compare. */
struct rte_stack_lf_head {
	struct rte_stack_lf_elem *top;
	uint64_t cnt;
};
struct rte_stack_lf_list {
	struct rte_stack_lf_head head __rte_aligned(16);
	uint64_t len;   /* elements linked (or about to be) and not reserved */
};
struct rte_stack_lf {
	struct rte_stack_lf_list used __rte_cache_aligned;
	struct rte_stack_lf_list free __rte_cache_aligned;
	struct rte_stack_lf_elem elems[] __rte_cache_aligned;
};
struct rte_stack_std {
	rte_spinlock_t lock;
	uint32_t len;
	void *objs[];
};
struct rte_stack {
	char name[RTE_STACK_NAMESIZE] __rte_cache_aligned;
	const struct rte_memzone *memzone;
	uint32_t capacity;
	uint32_t flags;
	RTE_STD_C11
	union {
		struct rte_stack_lf stack_lf;
		struct rte_stack_std stack_std;
	};
} __rte_cache_aligned;

#define RTE_STACK_F_LF 0x0001

#include <rte_stack_std.h>
#include <rte_stack_lf.h>

static __rte_always_inline unsigned int
rte_stack_push(struct rte_stack *s, void * const *obj_table, unsigned int n)
{
	if (s->flags & RTE_STACK_F_LF)
		return __rte_stack_lf_push(s, obj_table, n);
	return __rte_stack_std_push(s, obj_table, n);
}

static __rte_always_inline unsigned int
rte_stack_pop(struct rte_stack *s, void **obj_table, unsigned int n)
{
	if (s->flags & RTE_STACK_F_LF)
		return __rte_stack_lf_pop(s, obj_table, n);
	return __rte_stack_std_pop(s, obj_table, n);
}

static __rte_always_inline unsigned int
rte_stack_count(struct rte_stack *s)
{
	if (s->flags & RTE_STACK_F_LF)
		return __rte_stack_lf_count(s);
	return __rte_stack_std_count(s);
}

static __rte_always_inline unsigned int
rte_stack_free_count(struct rte_stack *s)
{
	return s->capacity - rte_stack_count(s);
}

/* NULL + rte_errno: EINVAL (count 0, bad flags, NULL name), ENAMETOOLONG,
 * EEXIST, ENOMEM, ENOSPC, ENOTSUP (LF without a 128-bit CAS). */
struct rte_stack *rte_stack_create(const char *name, unsigned int count,
				   int socket_id, uint32_t flags);
void rte_stack_free(struct rte_stack *s);
/* NULL + rte_errno: EINVAL (NULL name), ENOENT. */
struct rte_stack *rte_stack_lookup(const char *name);

#ifdef __cplusplus
}
#endif
#endif
