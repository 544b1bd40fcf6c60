/* SPDX-License-Identifier: BSD-3-Clause
 * Lock-free stack. Elements never leave the stack's memzone: an element is
 * always on exactly one of two lists (used: holds data; free: spare), or held
 * privately by one thread between a pop from one list and a push onto the
 * other. Because elements are never unmapped, reading ->next of an element
 * another thread just popped is harmless: the stale value is caught by the
 * head compare-and-swap (whose counter defeats ABA).
 *
 * Each list keeps len apart from the head. A popper first reserves n from
 * len (so it never walks past the end of a list that really holds n), then
 * unlinks n elements with one head CAS. A pusher links first, then adds len.
 *
 * Orderings:
 *   P1 (push head CAS, release) pairs with Q2 (pop head CAS, acquire): the
 *      popper sees ->data and ->next written before the chain was linked.
 *   P2 (push len add, release) pairs with Q1 (pop len reserve, acquire): a
 *      popper that reserved n sees a head holding those n elements.
 */
#ifndef _RTE_STACK_LF_H_
#define _RTE_STACK_LF_H_
#ifndef _RTE_STACK_H_
#error "include <rte_stack.h> instead"
#endif
#include <rte_pause.h>
#include <rte_branch_prediction.h>
#include <rte_prefetch.h>

#if defined(RTE_ARCH_X86_64) && !defined(__SANITIZE_THREAD__)
#define RTE_STACK_LF_SUPPORTED 1
/* 16-byte compare-and-swap of a list head (x86-64 cmpxchg16b is a full
 * barrier, so it serves as both the acquire and the release). On failure
 * *expected is refreshed with the current value. */
static __rte_always_inline int
__rte_stack_lf_cas(struct rte_stack_lf_head *dst, struct rte_stack_lf_head *expected,
		   const struct rte_stack_lf_head *desired)
{
	uint8_t ok;
	uint64_t lo = (uint64_t)(uintptr_t)expected->top, hi = expected->cnt;

	__asm__ volatile("lock cmpxchg16b %1\n\tsete %0"
			 : "=q"(ok), "+m"(*dst), "+a"(lo), "+d"(hi)
			 : "b"((uint64_t)(uintptr_t)desired->top), "c"(desired->cnt)
			 : "memory", "cc");
	if (!ok) {
		expected->top = (struct rte_stack_lf_elem *)(uintptr_t)lo;
		expected->cnt = hi;
	}
	return ok;
}
#elif defined(__SIZEOF_INT128__)
#define RTE_STACK_LF_SUPPORTED 1
/* Portable (and sanitizer-visible) variant: GCC's 16-byte atomic. */
static __rte_always_inline int
__rte_stack_lf_cas(struct rte_stack_lf_head *dst, struct rte_stack_lf_head *expected,
		   const struct rte_stack_lf_head *desired)
{
	return __atomic_compare_exchange((__int128 *)dst, (__int128 *)expected,
					 (__int128 *)desired, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}
#else
#define RTE_STACK_LF_SUPPORTED 0
static __rte_always_inline int
__rte_stack_lf_cas(struct rte_stack_lf_head *dst, struct rte_stack_lf_head *expected,
		   const struct rte_stack_lf_head *desired)
{
	RTE_SET_USED(dst); RTE_SET_USED(expected); RTE_SET_USED(desired);
	return 0;
}
#endif

/* A possibly torn snapshot of the head; the CAS validates it. */
static __rte_always_inline void
__rte_stack_lf_read_head(struct rte_stack_lf_list *l, struct rte_stack_lf_head *h)
{
	h->cnt = __atomic_load_n(&l->head.cnt, __ATOMIC_ACQUIRE);
	h->top = __atomic_load_n(&l->head.top, __ATOMIC_ACQUIRE);
}

/* Link the private chain first..last (num elements) on top of list l. */
static __rte_always_inline void
__rte_stack_lf_push_elems(struct rte_stack_lf_list *l, struct rte_stack_lf_elem *first,
			  struct rte_stack_lf_elem *last, unsigned int num)
{
	struct rte_stack_lf_head old, nh;

	__rte_stack_lf_read_head(l, &old);
	do {
		__atomic_store_n(&last->next, old.top, __ATOMIC_RELAXED);
		nh.top = first;
		nh.cnt = old.cnt + 1;
	} while (!__rte_stack_lf_cas(&l->head, &old, &nh));          /* P1 */
	__atomic_fetch_add(&l->len, num, __ATOMIC_RELEASE);          /* P2 */
}

/* Unlink num elements from list l; returns the first (top) or NULL when
 * the list holds fewer than num. *last gets the num-th element. If
 * obj_table is not NULL, the data pointers are copied out, top first. */
static __rte_always_inline struct rte_stack_lf_elem *
__rte_stack_lf_pop_elems(struct rte_stack_lf_list *l, unsigned int num,
			 void **obj_table, struct rte_stack_lf_elem **last)
{
	struct rte_stack_lf_head old, nh;
	uint64_t len = __atomic_load_n(&l->len, __ATOMIC_RELAXED);

	do {                                                         /* Q1 */
		if (len < num)
			return NULL;
	} while (!__atomic_compare_exchange_n(&l->len, &len, len - num, 0,
					      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));

	__rte_stack_lf_read_head(l, &old);
	for (;;) {
		struct rte_stack_lf_elem *e = old.top;
		unsigned int i;

		*last = NULL;
		for (i = 0; i < num && e != NULL; i++) {
			*last = e;
			e = __atomic_load_n(&e->next, __ATOMIC_RELAXED);
		}
		if (unlikely(i < num)) {
			/* Snapshot predates a push we reserved against: reread. */
			rte_pause();
			__rte_stack_lf_read_head(l, &old);
			continue;
		}
		nh.top = e;
		nh.cnt = old.cnt + 1;
		if (__rte_stack_lf_cas(&l->head, &old, &nh))          /* Q2 */
			break;
	}
	/* The chain old.top..*last is now ours alone. */
	if (obj_table != NULL) {
		struct rte_stack_lf_elem *e = old.top;
		unsigned int i;

		for (i = 0; i < num; i++, e = e->next)
			obj_table[i] = e->data;
	}
	return old.top;
}

static __rte_always_inline unsigned int
__rte_stack_lf_push(struct rte_stack *s, void * const *obj_table, unsigned int n)
{
	struct rte_stack_lf_elem *first, *last, *e;
	unsigned int i;

	if (unlikely(n == 0))
		return 0;
	first = __rte_stack_lf_pop_elems(&s->stack_lf.free, n, NULL, &last);
	if (unlikely(first == NULL))
		return 0;
	/* obj_table[n-1] ends on top, so a pop returns objects in reverse
	 * push order, like the standard stack. */
	for (e = first, i = n; i > 0; i--, e = e->next)
		e->data = obj_table[i - 1];
	__rte_stack_lf_push_elems(&s->stack_lf.used, first, last, n);
	return n;
}

static __rte_always_inline unsigned int
__rte_stack_lf_pop(struct rte_stack *s, void **obj_table, unsigned int n)
{
	struct rte_stack_lf_elem *first, *last;

	if (unlikely(n == 0))
		return 0;
	first = __rte_stack_lf_pop_elems(&s->stack_lf.used, n, obj_table, &last);
	if (unlikely(first == NULL))
		return 0;
	__rte_stack_lf_push_elems(&s->stack_lf.free, first, last, n);
	return n;
}

static __rte_always_inline unsigned int
__rte_stack_lf_count(struct rte_stack *s)
{
	/* Reserved-but-not-yet-unlinked elements are already subtracted and
	 * linked-but-not-yet-counted ones not yet added: a snapshot. */
	return (unsigned int)__atomic_load_n(&s->stack_lf.used.len, __ATOMIC_RELAXED);
}

static inline size_t rte_stack_lf_get_memsize(unsigned int count)
{
	return RTE_CACHE_LINE_ROUNDUP(sizeof(struct rte_stack) +
				      (size_t)count * sizeof(struct rte_stack_lf_elem));
}
#endif
