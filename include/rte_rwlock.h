/* SPDX-License-Identifier: BSD-3-Clause
 * Reader-writer spinlock, usable in shared memory. cnt > 0: that many
 * readers; cnt == -1: one writer. Writers are not prioritised. */
#ifndef _RTE_RWLOCK_H_
#define _RTE_RWLOCK_H_
#include <stdint.h>
#include <rte_common.h>
#include <rte_pause.h>
#include <rte_branch_prediction.h>
#include <rte_spinlock.h>
typedef struct {
	volatile int32_t cnt;
} rte_rwlock_t;
#define RTE_RWLOCK_INITIALIZER { 0 }
static inline void rte_rwlock_init(rte_rwlock_t *rwl) { rwl->cnt = 0; }
/* Acquire on the successful CAS pairs with the release in the unlocks: a
 * reader sees the last writer's stores, a writer sees no reader in flight. */
static inline int rte_rwlock_read_trylock(rte_rwlock_t *rwl)
{
	int32_t x = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);
	while (x >= 0)
		if (__atomic_compare_exchange_n(&rwl->cnt, &x, x + 1, 1, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return 0;
	return -EBUSY;
}
static inline void rte_rwlock_read_lock(rte_rwlock_t *rwl)
{
	while (rte_rwlock_read_trylock(rwl) != 0)
		rte_pause();
}
static inline void rte_rwlock_read_unlock(rte_rwlock_t *rwl)
{
	__atomic_fetch_sub(&rwl->cnt, 1, __ATOMIC_RELEASE);
}
static inline int rte_rwlock_write_trylock(rte_rwlock_t *rwl)
{
	int32_t x = 0;
	return __atomic_compare_exchange_n(&rwl->cnt, &x, -1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) ? 0 : -EBUSY;
}
static inline void rte_rwlock_write_lock(rte_rwlock_t *rwl)
{
	while (rte_rwlock_write_trylock(rwl) != 0)
		rte_pause();
}
static inline void rte_rwlock_write_unlock(rte_rwlock_t *rwl)
{
	__atomic_store_n(&rwl->cnt, 0, __ATOMIC_RELEASE);
}
static inline int rte_rwlock_write_is_locked(rte_rwlock_t *rwl)
{
	return __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) < 0;
}
#endif
