/* SPDX-License-Identifier: BSD-3-Clause
 * Timers. Each lcore owns a list of pending timers (a skip list ordered by
 * expiry, in shared memory so every process of the prefix sees it);
 * rte_timer_manage() on that lcore runs the expired ones. A timer is SINGLE
 * (stops after it runs) or PERIODICAL (re-armed period ticks after its last
 * expiry). Any lcore may reset or stop any timer: a timer running on another
 * lcore, or being configured by another lcore, cannot be changed and the
 * call returns -1 (the _sync variants retry until it can). A callback may
 * reset or stop its own timer.
 * Timer "instances" (rte_timer_data_alloc) give independent sets of lists;
 * the plain calls use the default instance made by rte_timer_subsystem_init.
 * Ticks are rte_get_timer_cycles() units. */
#ifndef _RTE_TIMER_H_
#define _RTE_TIMER_H_

#include <stdio.h>
#include <stdint.h>
#include <rte_compat.h>
#include <rte_common.h>
#include <rte_spinlock.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_TIMER_STOP    0
#define RTE_TIMER_PENDING 1
#define RTE_TIMER_RUNNING 2
#define RTE_TIMER_CONFIG  3

#define RTE_TIMER_NO_OWNER -2

enum rte_timer_type {
	SINGLE,
	PERIODICAL
};

union rte_timer_status {
	RTE_STD_C11
	struct {
		uint16_t state;   /* RTE_TIMER_* */
		int16_t owner;    /* lcore whose list holds it / that runs it */
	};
	uint32_t u32;             /* state and owner change together */
};

#ifdef RTE_LIBRTE_TIMER_DEBUG
struct rte_timer_debug_stats {
	uint64_t reset;
	uint64_t stop;
	uint64_t manage;
	uint64_t pending;
};
#endif

struct rte_timer;
typedef void (*rte_timer_cb_t)(struct rte_timer *, void *);

#define MAX_SKIPLIST_DEPTH 10

struct rte_timer {
	uint64_t expire;
	struct rte_timer *sl_next[MAX_SKIPLIST_DEPTH];
	volatile union rte_timer_status status;
	uint64_t period;   /* 0 for SINGLE */
	rte_timer_cb_t f;
	void *arg;
};

#ifdef __cplusplus
#define RTE_TIMER_INITIALIZER { 0, { NULL }, { { RTE_TIMER_STOP, RTE_TIMER_NO_OWNER } }, 0, NULL, NULL }
#else
#define RTE_TIMER_INITIALIZER { .status = { { .state = RTE_TIMER_STOP, .owner = RTE_TIMER_NO_OWNER } } }
#endif

/* 0 and *id_ptr; -EINVAL (NULL), -ENOSPC. */
int rte_timer_data_alloc(uint32_t *id_ptr);
/* 0; -EINVAL (not allocated). */
int rte_timer_data_dealloc(uint32_t id);
/* 0; -EALREADY, -ENOMEM. Call after rte_eal_init (shared memory). */
int rte_timer_subsystem_init(void);
void rte_timer_subsystem_finalize(void);
void rte_timer_init(struct rte_timer *tim);
/* 0 armed; -1 busy (running on / configured by another lcore, or tim_lcore
 * is not an EAL or service lcore). tim_lcore LCORE_ID_ANY: round robin. */
int rte_timer_reset(struct rte_timer *tim, uint64_t ticks, enum rte_timer_type type, unsigned tim_lcore,
		    rte_timer_cb_t fct, void *arg);
void rte_timer_reset_sync(struct rte_timer *tim, uint64_t ticks, enum rte_timer_type type, unsigned tim_lcore,
			  rte_timer_cb_t fct, void *arg);
/* 0 stopped; -1 busy. */
int rte_timer_stop(struct rte_timer *tim);
void rte_timer_stop_sync(struct rte_timer *tim);
/* 1 if pending. */
int rte_timer_pending(struct rte_timer *tim);
/* Ticks until this lcore's next timer (0 if due); -ENOENT none; -EINVAL. */
__rte_experimental int64_t rte_timer_next_ticks(void);
/* Runs this lcore's expired timers. 0; -EINVAL (not initialised, or not an lcore). */
int rte_timer_manage(void);
int rte_timer_dump_stats(FILE *f);

int rte_timer_alt_reset(uint32_t timer_data_id, struct rte_timer *tim, uint64_t ticks, enum rte_timer_type type,
			unsigned int tim_lcore, rte_timer_cb_t fct, void *arg);
int rte_timer_alt_stop(uint32_t timer_data_id, struct rte_timer *tim);
typedef void (*rte_timer_alt_manage_cb_t)(struct rte_timer *tim);
/* Runs, on the calling lcore, the expired timers of poll_lcores (NULL: the
 * calling lcore), calling f(tim) for each instead of tim->f. */
int rte_timer_alt_manage(uint32_t timer_data_id, unsigned int *poll_lcores, int n_poll_lcores,
			 rte_timer_alt_manage_cb_t f);
typedef void (*rte_timer_stop_all_cb_t)(struct rte_timer *tim, void *arg);
/* Stops every pending timer of walk_lcores, calling f(tim, f_arg) for each. */
int rte_timer_stop_all(uint32_t timer_data_id, unsigned int *walk_lcores, int nb_walk_lcores,
		       rte_timer_stop_all_cb_t f, void *f_arg);
int rte_timer_alt_dump_stats(uint32_t timer_data_id, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
