/* SPDX-License-Identifier: BSD-3-Clause
 * Standard stack: an array and a length under a spinlock. The lock's
 * acquire/release pair orders every access to objs[] and len; count() reads
 * len without the lock (relaxed: a snapshot, exact only when quiescent). */
#ifndef _RTE_STACK_STD_H_
#define _RTE_STACK_STD_H_
#ifndef _RTE_STACK_H_
#error "include <rte_stack.h> instead"
#endif

static __rte_always_inline unsigned int
__rte_stack_std_push(struct rte_stack *s, void * const *obj_table, unsigned int n)
{
	struct rte_stack_std *st = &s->stack_std;
	unsigned int i, len;

	rte_spinlock_lock(&st->lock);
	len = st->len;
	if (unlikely(n > s->capacity - len)) {
		rte_spinlock_unlock(&st->lock);
		return 0;
	}
	for (i = 0; i < n; i++)
		st->objs[len + i] = obj_table[i];
	__atomic_store_n(&st->len, len + n, __ATOMIC_RELAXED);
	rte_spinlock_unlock(&st->lock);
	return n;
}

static __rte_always_inline unsigned int
__rte_stack_std_pop(struct rte_stack *s, void **obj_table, unsigned int n)
{
	struct rte_stack_std *st = &s->stack_std;
	unsigned int i, len;

	rte_spinlock_lock(&st->lock);
	len = st->len;
	if (unlikely(n > len)) {
		rte_spinlock_unlock(&st->lock);
		return 0;
	}
	/* LIFO: the most recently pushed object comes out first. */
	for (i = 0; i < n; i++)
		obj_table[i] = st->objs[len - 1 - i];
	__atomic_store_n(&st->len, len - n, __ATOMIC_RELAXED);
	rte_spinlock_unlock(&st->lock);
	return n;
}

static __rte_always_inline unsigned int
__rte_stack_std_count(struct rte_stack *s)
{
	return __atomic_load_n(&s->stack_std.len, __ATOMIC_RELAXED);
}

static inline size_t rte_stack_std_get_memsize(unsigned int count)
{
	return RTE_CACHE_LINE_ROUNDUP(sizeof(struct rte_stack) +
				      (size_t)count * sizeof(void *));
}
#endif
