/* SPDX-License-Identifier: BSD-3-Clause
 * Stack creation, lookup and release.
 *
 * Owns: the "STK_<name>" memzone holding struct rte_stack followed by its
 * storage (see rte_stack.h). The memzone is the only registry: its name makes
 * creation race-free across threads and processes (the memzone layer refuses
 * a second reservation with EEXIST) and lookup is a memzone lookup.
 * Invariant: a stack is reachable by name only after it is fully initialised
 * (the zone is zeroed at reservation, and zero is a valid empty state for
 * both flavours except the LF free list, which we fill before returning). */
#include <string.h>
#include <rte_stack.h>
#include <rte_memzone.h>
#include <rte_errno.h>
#include <rte_log.h>

RTE_LOG_REGISTER(stack_logtype, lib.stack, NOTICE);
#define STACK_LOG(level, ...) \
	rte_log(RTE_LOG_ ## level, stack_logtype, "STACK: " __VA_ARGS__)

static void stack_lf_init(struct rte_stack *s, unsigned int count)
{
	struct rte_stack_lf *lf = &s->stack_lf;
	unsigned int i;

	/* Chain every element onto the free list; nobody else can see the
	 * stack yet, so plain stores suffice. */
	for (i = 0; i < count; i++) {
		lf->elems[i].data = NULL;
		lf->elems[i].next = (i + 1 < count) ? &lf->elems[i + 1] : NULL;
	}
	lf->free.head.top = count ? &lf->elems[0] : NULL;
	lf->free.head.cnt = 0;
	lf->free.len = count;
	lf->used.head.top = NULL;
	lf->used.head.cnt = 0;
	lf->used.len = 0;
}

struct rte_stack *
rte_stack_create(const char *name, unsigned int count, int socket_id, uint32_t flags)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct rte_stack *s;
	size_t sz;

	if (name == NULL || count == 0 || (flags & ~RTE_STACK_F_LF) != 0) {
		STACK_LOG(ERR, "stack: invalid argument (name %s, count %u, flags 0x%x)\n",
			name ? name : "(null)", count, flags);
		rte_errno = EINVAL;
		return NULL;
	}
	if (strnlen(name, RTE_STACK_NAMESIZE) >= RTE_STACK_NAMESIZE) {
		STACK_LOG(ERR, "stack: name too long\n");
		rte_errno = ENAMETOOLONG;
		return NULL;
	}
	if ((flags & RTE_STACK_F_LF) && !RTE_STACK_LF_SUPPORTED) {
		STACK_LOG(ERR, "stack %s: lock-free stack not supported here\n", name);
		rte_errno = ENOTSUP;
		return NULL;
	}
	sz = (flags & RTE_STACK_F_LF) ? rte_stack_lf_get_memsize(count)
				      : rte_stack_std_get_memsize(count);
	snprintf(mz_name, sizeof(mz_name), RTE_STACK_MZ_PREFIX "%s", name);
	mz = rte_memzone_reserve_aligned(mz_name, sz, socket_id, 0, RTE_CACHE_LINE_SIZE);
	if (mz == NULL) {
		STACK_LOG(ERR, "stack %s: cannot reserve memzone: %s\n",
			name, rte_strerror(rte_errno));
		return NULL;   /* rte_errno from the memzone layer (EEXIST, ENOMEM, ENOSPC) */
	}
	s = mz->addr;
	memset(s, 0, sz);
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->memzone = mz;
	s->capacity = count;
	s->flags = flags;
	if (flags & RTE_STACK_F_LF)
		stack_lf_init(s, count);
	else
		rte_spinlock_init(&s->stack_std.lock);
	/* Publish before anyone can use the pointer we hand out. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	return s;
}

void rte_stack_free(struct rte_stack *s)
{
	if (s == NULL)
		return;
	if (rte_memzone_free(s->memzone) != 0)
		STACK_LOG(ERR, "stack %s: memzone already gone\n", s->name);
}

struct rte_stack *rte_stack_lookup(const char *name)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;

	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (strnlen(name, RTE_STACK_NAMESIZE) >= RTE_STACK_NAMESIZE) {
		rte_errno = ENOENT;
		return NULL;
	}
	snprintf(mz_name, sizeof(mz_name), RTE_STACK_MZ_PREFIX "%s", name);
	mz = rte_memzone_lookup(mz_name);
	if (mz == NULL) {
		rte_errno = ENOENT;
		return NULL;
	}
	return mz->addr;
}
