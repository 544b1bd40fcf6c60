/* SPDX-License-Identifier: BSD-3-Clause
 * Robust process-shared locks (contract in shlock.h).
 *
 * Owns nothing but the lock words it is handed. Calls libc only.
 * Invariant: a lock returned to a caller is consistent; the repair callback
 * has completed for every owner death seen so far (or a later taker will
 * run it again, because the mutex is re-marked "owner died" if the repairer
 * itself dies: pthread_mutex_consistent is called before the repair so the
 * repairer becomes an ordinary robust owner).
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <rte_log.h>
#include "shlock.h"

static uint64_t recoveries;   /* this process, all locks */

static inline int32_t self_tid(void)
{
	return (int32_t)syscall(SYS_gettid);
}

void eal_shlock_init(struct eal_shlock *l)
{
	pthread_mutexattr_t a;
	memset(l, 0, sizeof(*l));
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&l->m, &a);
	pthread_mutexattr_destroy(&a);
}

/* The mutex is ours after EOWNERDEAD: make it usable again, then repair. */
static void owner_died(struct eal_shlock *l, eal_shlock_repair_t repair, void *arg)
{
	int32_t dead = l->owner;
	pthread_mutex_consistent(&l->m);
	l->depth = 0;
	__atomic_fetch_add(&l->recoveries, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&recoveries, 1, __ATOMIC_RELAXED);
	RTE_LOG(WARNING, EAL, "shared lock %p: holder (thread %d) died; %s\n", (void *)l,
		(int)dead, repair ? "repairing what it protected" : "its updates are crash-consistent");
	if (repair)
		repair(arg);
}

/* Wait for the mutex in slices of SHLOCK_SLICE_NS, never in one unbounded
 * futex sleep. Why: an unlock wakes ONE waiter. If that waiter is killed
 * before it takes the lock, the kernel hands the wake-up on (robust-list
 * "pending op" at its exit) only when the lock word is still 0 then; if a
 * third thread took the free lock meanwhile by the fast path (no waiters bit
 * in the word), its unlock wakes nobody and the other sleepers stay asleep
 * until some later contention: with no one else contending, forever
 * (test_rel_kill: a surviving secondary asleep in heap_large_free while the
 * heap lock was free; tests/reliability/test_rel_lock_wakeup reproduces it).
 * A sleeper whose slice ends retries: the lock is free (taken) or held (the
 * retry sets the waiters bit again, so the holder's unlock wakes it).
 * Uncontended, it is one trylock; the clock is read only before sleeping.
 * CLOCK_REALTIME because pthread_mutex_timedlock takes it: a clock step
 * changes the length of one slice only (and only matters in the lost
 * wake-up case, when the slice is all that wakes the sleeper). */
#define SHLOCK_SLICE_NS 50000000L   /* 50 ms */
/* ThreadSanitizer's pthread_mutex_timedlock interceptor records the lock as
 * taken only on 0, not on EOWNERDEAD (its lock and trylock interceptors do
 * both): tell it ourselves, or the unlock is reported as of a free mutex. */
#if defined(__SANITIZE_THREAD__)
#define SHLOCK_HAS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SHLOCK_HAS_TSAN 1
#endif
#endif
#ifdef SHLOCK_HAS_TSAN
#include <sanitizer/tsan_interface.h>
#endif
static int lock_wait(pthread_mutex_t *m)
{
	int rc = pthread_mutex_trylock(m);
	while (rc == EBUSY || rc == ETIMEDOUT) {
		struct timespec t;
		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_nsec += SHLOCK_SLICE_NS;
		if (t.tv_nsec >= 1000000000L) {
			t.tv_sec++;
			t.tv_nsec -= 1000000000L;
		}
		rc = pthread_mutex_timedlock(m, &t);
#ifdef SHLOCK_HAS_TSAN
		if (rc == EOWNERDEAD) {   /* the annotation pair of a successful trylock */
			__tsan_mutex_pre_lock(m, __tsan_mutex_try_lock);
			__tsan_mutex_post_lock(m, __tsan_mutex_try_lock, 0);
		}
#endif
	}
	return rc;
}

static int take(struct eal_shlock *l, eal_shlock_repair_t repair, void *arg, int try)
{
	int rc = try ? pthread_mutex_trylock(&l->m) : lock_wait(&l->m);
	if (rc == EBUSY)
		return 0;
	if (rc == EOWNERDEAD) {
		owner_died(l, repair, arg);
	} else if (rc != 0) {
		/* ENOTRECOVERABLE cannot happen (consistent is called before the
		 * repair); anything else is a corrupt lock word. */
		RTE_LOG(CRIT, EAL, "shared lock %p: %s\n", (void *)l, strerror(rc));
		return -1;
	}
	__atomic_store_n(&l->owner, self_tid(), __ATOMIC_RELAXED);
	return 1;
}

void eal_shlock_lock(struct eal_shlock *l, eal_shlock_repair_t repair, void *arg)
{
	take(l, repair, arg, 0);
}

int eal_shlock_trylock(struct eal_shlock *l, eal_shlock_repair_t repair, void *arg)
{
	return take(l, repair, arg, 1) > 0;
}

void eal_shlock_unlock(struct eal_shlock *l)
{
	__atomic_store_n(&l->owner, 0, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&l->m);
}

/* Do we hold l? A robust mutex's futex word is the holder's tid (plus
 * waiter / owner-died bits; the kernel clears the tid when the holder dies),
 * so a thread that reuses a dead holder's tid is not fooled. Only the
 * caller's own tid can match, so a relaxed load suffices. */
static int held_by_me(struct eal_shlock *l)
{
	int w = __atomic_load_n(&l->m.__data.__lock, __ATOMIC_RELAXED);
	return (w & 0x3fffffff) == self_tid();   /* FUTEX_TID_MASK */
}

void eal_shlock_lock_recursive(struct eal_shlock *l, eal_shlock_repair_t repair, void *arg)
{
	if (held_by_me(l)) {
		l->depth++;
		return;
	}
	take(l, repair, arg, 0);
	l->depth = 1;
}

void eal_shlock_unlock_recursive(struct eal_shlock *l)
{
	if (--l->depth > 0)
		return;
	eal_shlock_unlock(l);
}

uint64_t eal_shlock_recoveries(void)
{
	return __atomic_load_n(&recoveries, __ATOMIC_RELAXED);
}
