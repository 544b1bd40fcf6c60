/* SPDX-License-Identifier: BSD-3-Clause
 * Locks in shared memory that survive the death of their holder (not
 * installed). Lowest layer of the EAL: depends on libc only, calls nothing
 * above it; repair work is handed in by the caller (a function pointer kept
 * in the caller's process, never in shared memory).
 *
 * struct eal_shlock is a PTHREAD_PROCESS_SHARED + PTHREAD_MUTEX_ROBUST mutex.
 * When a thread dies holding it (kill -9 of its process included) the kernel
 * marks the lock "owner died" and the next taker gets EOWNERDEAD. That taker
 * marks the mutex consistent FIRST and then runs the repair callback, so a
 * repairer that dies while repairing hands the same job to the next taker:
 * repair callbacks must be idempotent (rebuild from ground truth, or roll an
 * intent record forward/back), never "fix a delta".
 *
 * A waiter sleeps in the kernel (futex), it does not spin: more threads than
 * cores cost nothing while one holds the lock. It sleeps in bounded slices
 * (50 ms) and retries, because a wake-up consumed by a waiter killed before
 * it took the lock can be lost (shlock.c, lock_wait).
 *
 * Shared layout: one pthread_mutex_t (40 bytes on x86-64 glibc) plus a
 * recovery counter. Valid at the same or different VAs in every process
 * (robust-list entries are VAs; every process maps shared memory at one VA).
 */
#ifndef DPLITE_EAL_SHLOCK_H
#define DPLITE_EAL_SHLOCK_H
#include <pthread.h>
#include <stdint.h>

struct eal_shlock {
	pthread_mutex_t m;
	uint32_t recoveries;      /* times a taker found the owner dead (stats, tests) */
	int32_t owner;            /* tid of the holder, 0 free (re-entry, messages) */
	int32_t depth;            /* nesting depth of the holder (recursive users) */
	uint32_t pad;
};

/* Repair the state a lock protects after its holder died. Runs with the
 * lock held and marked consistent. */
typedef void (*eal_shlock_repair_t)(void *arg);

/* Initialise in place (creator only, before anyone else can see it). */
void eal_shlock_init(struct eal_shlock *l);
/* Take l; if the previous holder died, run repair(arg) first (repair may be
 * NULL when every update under the lock is crash-consistent by itself). */
void eal_shlock_lock(struct eal_shlock *l, eal_shlock_repair_t repair, void *arg);
/* 1 taken (repair done if needed), 0 busy. */
int eal_shlock_trylock(struct eal_shlock *l, eal_shlock_repair_t repair, void *arg);
void eal_shlock_unlock(struct eal_shlock *l);

/* Recursive variant for locks a thread may take again while holding them
 * (the rte_mcfg_* locks: mem event callbacks walk memsegs under the write
 * lock). Readers and writers are both exclusive. */
void eal_shlock_lock_recursive(struct eal_shlock *l, eal_shlock_repair_t repair, void *arg);
void eal_shlock_unlock_recursive(struct eal_shlock *l);

/* Owner-died recoveries seen by this process (all locks), for tests. */
uint64_t eal_shlock_recoveries(void);
#endif
