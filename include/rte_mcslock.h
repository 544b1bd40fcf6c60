/* SPDX-License-Identifier: BSD-3-Clause
 * MCS queue lock: each taker brings its own node (me) and spins on its own
 * node's flag, so waiting does not bounce the lock's cache line. *msl points
 * at the last node in the queue (NULL: free). Process-local (nodes are
 * pointers).
 * M1 (acq_rel exchange of the tail) orders a taker's node set-up before it is
 * published and lets it see its predecessor; M2 (release store of next) pairs
 * with M3 (acquire load of next in unlock); M4 (release store of locked = 0
 * in unlock) pairs with M5 (acquire wait in lock): the successor sees every
 * write made under the lock. */
#ifndef _RTE_MCSLOCK_H_
#define _RTE_MCSLOCK_H_

#include <stdint.h>
#include <stddef.h>
#include <rte_common.h>
#include <rte_pause.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rte_mcslock {
	struct rte_mcslock *next;
	int locked;   /* 1 while this node waits */
} rte_mcslock_t;

static inline void rte_mcslock_lock(rte_mcslock_t **msl, rte_mcslock_t *me)
{
	rte_mcslock_t *prev;
	unsigned int spins = 0;

	__atomic_store_n(&me->locked, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&me->next, (rte_mcslock_t *)NULL, __ATOMIC_RELAXED);
	prev = __atomic_exchange_n(msl, me, __ATOMIC_ACQ_REL);          /* M1 */
	if (prev == NULL)
		return;
	__atomic_store_n(&prev->next, me, __ATOMIC_RELEASE);             /* M2 */
	while (__atomic_load_n(&me->locked, __ATOMIC_ACQUIRE) != 0)       /* M5 */
		__rte_wait_backoff(&spins);
}

static inline void rte_mcslock_unlock(rte_mcslock_t **msl, rte_mcslock_t *me)
{
	if (__atomic_load_n(&me->next, __ATOMIC_RELAXED) == NULL) {
		rte_mcslock_t *expected = me;
		/* no successor known: free the lock unless one is arriving */
		if (__atomic_compare_exchange_n(msl, &expected, (rte_mcslock_t *)NULL, 0,
						__ATOMIC_RELEASE, __ATOMIC_RELAXED))
			return;
		/* a successor swapped the tail; wait until it links itself */
		unsigned int spins = 0;
		while (__atomic_load_n(&me->next, __ATOMIC_ACQUIRE) == NULL)   /* M3 */
			__rte_wait_backoff(&spins);
	}
	rte_mcslock_t *next = __atomic_load_n(&me->next, __ATOMIC_ACQUIRE);    /* M3 */
	__atomic_store_n(&next->locked, 0, __ATOMIC_RELEASE);                  /* M4 */
}

/* 1 if taken, 0 if the lock was held. */
static inline int rte_mcslock_trylock(rte_mcslock_t **msl, rte_mcslock_t *me)
{
	rte_mcslock_t *expected = NULL;
	__atomic_store_n(&me->next, (rte_mcslock_t *)NULL, __ATOMIC_RELAXED);
	return __atomic_compare_exchange_n(msl, &expected, me, 0,
					   __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
}

static inline int rte_mcslock_is_locked(rte_mcslock_t *msl)
{
	return msl != NULL;
}

#ifdef __cplusplus
}
#endif
#endif
