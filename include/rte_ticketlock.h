/* SPDX-License-Identifier: BSD-3-Clause
 * Ticket lock: FIFO-fair. A taker draws s.next and waits until s.current
 * shows its number; unlock advances s.current.
 * T1 (release store of current in unlock) pairs with T2 (acquire load of
 * current in lock): the next holder sees every write of the previous one.
 * Waiters pause, then yield the CPU (rte_pause.h's backoff), so a preempted
 * holder can finish when there are more threads than cores. Works in shared
 * memory across processes. */
#ifndef _RTE_TICKETLOCK_H_
#define _RTE_TICKETLOCK_H_

#include <stdint.h>
#include <rte_common.h>
#include <rte_pause.h>
#include <rte_eal.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef union {
	uint32_t tickets;
	struct {
		uint16_t current;
		uint16_t next;
	} s;
} rte_ticketlock_t;

#define RTE_TICKETLOCK_INITIALIZER { 0 }

static inline void rte_ticketlock_init(rte_ticketlock_t *tl)
{
	__atomic_store_n(&tl->tickets, 0, __ATOMIC_RELAXED);
}

static inline void rte_ticketlock_lock(rte_ticketlock_t *tl)
{
	uint16_t me = __atomic_fetch_add(&tl->s.next, 1, __ATOMIC_RELAXED);
	unsigned int spins = 0;
	while (__atomic_load_n(&tl->s.current, __ATOMIC_ACQUIRE) != me)   /* T2 */
		__rte_wait_backoff(&spins);
}

static inline void rte_ticketlock_unlock(rte_ticketlock_t *tl)
{
	uint16_t cur = __atomic_load_n(&tl->s.current, __ATOMIC_RELAXED);
	__atomic_store_n(&tl->s.current, (uint16_t)(cur + 1), __ATOMIC_RELEASE);   /* T1 */
}

/* 1 if taken, 0 if busy. The CAS on the whole word succeeds only when nobody
 * holds or waits (current == next) and draws the next ticket atomically. */
static inline int rte_ticketlock_trylock(rte_ticketlock_t *tl)
{
	rte_ticketlock_t old, nw;
	old.tickets = __atomic_load_n(&tl->tickets, __ATOMIC_RELAXED);
	nw.tickets = old.tickets;
	nw.s.next++;
	if (old.s.next == old.s.current &&
	    __atomic_compare_exchange_n(&tl->tickets, &old.tickets, nw.tickets, 0,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 1;
	return 0;
}

static inline int rte_ticketlock_is_locked(rte_ticketlock_t *tl)
{
	rte_ticketlock_t t;
	t.tickets = __atomic_load_n(&tl->tickets, __ATOMIC_ACQUIRE);
	return t.s.current != t.s.next;
}

/* Recursive variant: the owner (a thread id) may take it again. */
#define TICKET_LOCK_INVALID_ID -1
typedef struct {
	rte_ticketlock_t tl;
	int user;
	unsigned int count;
} rte_ticketlock_recursive_t;

#define RTE_TICKETLOCK_RECURSIVE_INITIALIZER { RTE_TICKETLOCK_INITIALIZER, TICKET_LOCK_INVALID_ID, 0 }

static inline void rte_ticketlock_recursive_init(rte_ticketlock_recursive_t *tlr)
{
	rte_ticketlock_init(&tlr->tl);
	__atomic_store_n(&tlr->user, TICKET_LOCK_INVALID_ID, __ATOMIC_RELAXED);
	tlr->count = 0;
}

static inline void rte_ticketlock_recursive_lock(rte_ticketlock_recursive_t *tlr)
{
	int id = rte_gettid();
	if (__atomic_load_n(&tlr->user, __ATOMIC_RELAXED) != id) {
		rte_ticketlock_lock(&tlr->tl);
		__atomic_store_n(&tlr->user, id, __ATOMIC_RELAXED);
	}
	tlr->count++;
}

static inline void rte_ticketlock_recursive_unlock(rte_ticketlock_recursive_t *tlr)
{
	if (--tlr->count == 0) {
		__atomic_store_n(&tlr->user, TICKET_LOCK_INVALID_ID, __ATOMIC_RELAXED);
		rte_ticketlock_unlock(&tlr->tl);
	}
}

static inline int rte_ticketlock_recursive_trylock(rte_ticketlock_recursive_t *tlr)
{
	int id = rte_gettid();
	if (__atomic_load_n(&tlr->user, __ATOMIC_RELAXED) != id) {
		if (rte_ticketlock_trylock(&tlr->tl) == 0)
			return 0;
		__atomic_store_n(&tlr->user, id, __ATOMIC_RELAXED);
	}
	tlr->count++;
	return 1;
}

#ifdef __cplusplus
}
#endif
#endif
