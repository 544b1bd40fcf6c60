/* SPDX-License-Identifier: BSD-3-Clause
 * Test-and-test-and-set spinlock and its recursive variant. Usable in shared
 * memory across processes (no pointers, no kernel objects). */
#ifndef _RTE_SPINLOCK_H_
#define _RTE_SPINLOCK_H_
#include <rte_common.h>
#include <rte_pause.h>
#include <rte_eal.h>
#include <rte_branch_prediction.h>
#include <rte_cycles.h>
#include <rte_lcore.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	volatile int locked;   /* 0 free, 1 held */
} rte_spinlock_t;
#define RTE_SPINLOCK_INITIALIZER { 0 }

static inline void rte_spinlock_init(rte_spinlock_t *sl) { sl->locked = 0; }

/* Acquire on the winning exchange pairs with the release in unlock: the new
 * holder sees every write the previous holder made inside the section. */
static inline void rte_spinlock_lock(rte_spinlock_t *sl)
{
	unsigned int spins = 0;
	while (__atomic_exchange_n(&sl->locked, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&sl->locked, __ATOMIC_RELAXED))
			__rte_wait_backoff(&spins);   /* yields if the holder is preempted */
	}
}
static inline void rte_spinlock_unlock(rte_spinlock_t *sl)
{
	__atomic_store_n(&sl->locked, 0, __ATOMIC_RELEASE);
}
static inline int rte_spinlock_trylock(rte_spinlock_t *sl)
{
	return __atomic_load_n(&sl->locked, __ATOMIC_RELAXED) == 0 &&
	       __atomic_exchange_n(&sl->locked, 1, __ATOMIC_ACQUIRE) == 0;
}
static inline int rte_spinlock_is_locked(rte_spinlock_t *sl)
{
	return __atomic_load_n(&sl->locked, __ATOMIC_ACQUIRE);
}
static inline int rte_tm_supported(void) { return 0; }
static inline void rte_spinlock_lock_tm(rte_spinlock_t *sl) { rte_spinlock_lock(sl); }
static inline void rte_spinlock_unlock_tm(rte_spinlock_t *sl) { rte_spinlock_unlock(sl); }
static inline int rte_spinlock_trylock_tm(rte_spinlock_t *sl) { return rte_spinlock_trylock(sl); }

typedef struct {
	rte_spinlock_t sl;
	volatile int user;   /* owning thread id, -1 when free */
	volatile int count;
} rte_spinlock_recursive_t;
#define RTE_SPINLOCK_RECURSIVE_INITIALIZER { RTE_SPINLOCK_INITIALIZER, -1, 0 }

static inline void rte_spinlock_recursive_init(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_init(&slr->sl);
	slr->user = -1;
	slr->count = 0;
}
/* `user` is read without the lock by threads that do not hold it; they
 * can only ever see their own id there if they stored it, so relaxed
 * atomic access is enough (it only has to be untorn). */
static inline void rte_spinlock_recursive_lock(rte_spinlock_recursive_t *slr)
{
	int id = rte_gettid();
	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != id) {
		rte_spinlock_lock(&slr->sl);
		__atomic_store_n(&slr->user, id, __ATOMIC_RELAXED);
	}
	slr->count = slr->count + 1;   /* volatile: no ++ (C++20) */
}
static inline void rte_spinlock_recursive_unlock(rte_spinlock_recursive_t *slr)
{
	slr->count = slr->count - 1;
	if (slr->count == 0) {
		__atomic_store_n(&slr->user, -1, __ATOMIC_RELAXED);
		rte_spinlock_unlock(&slr->sl);
	}
}
static inline int rte_spinlock_recursive_trylock(rte_spinlock_recursive_t *slr)
{
	int id = rte_gettid();
	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != id) {
		if (rte_spinlock_trylock(&slr->sl) == 0)
			return 0;
		__atomic_store_n(&slr->user, id, __ATOMIC_RELAXED);
	}
	slr->count = slr->count + 1;   /* volatile: no ++ (C++20) */
	return 1;
}
#define rte_spinlock_recursive_lock_tm rte_spinlock_recursive_lock
#define rte_spinlock_recursive_unlock_tm rte_spinlock_recursive_unlock
#define rte_spinlock_recursive_trylock_tm rte_spinlock_recursive_trylock

#ifdef __cplusplus
}
#endif
#endif
