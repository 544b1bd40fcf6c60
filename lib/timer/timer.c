/* SPDX-License-Identifier: BSD-3-Clause
 * rte_timer: per-lcore skip lists of pending timers, in shared memory.
 *
 * Shared layout: memzone "rte_timer_mz" (found by name, so secondaries share
 * it) = struct timer_zone:
 *     data[RTE_TIMER_DATA_MAX]   one instance each (rte_timer_data_alloc)
 *         flags                  allocated or not
 *         lists[RTE_MAX_LCORE]   one cache-line aligned struct lcore_list
 *     refcnt                     processes that called subsystem_init
 * Each lcore_list holds a skip-list head (a struct rte_timer used only for
 * its sl_next[] and, in .expire, the earliest expiry), its depth, a spinlock
 * guarding the list, the timer whose callback runs now, and "updated" (set
 * when that callback reset or stopped its own timer). Timers themselves are
 * the caller's memory; the lists link them by pointer, so a timer shared by
 * processes must live in shared memory (same address everywhere).
 *
 * Timer state machine (tim->status, state and owner as one 32-bit word):
 *     STOP/PENDING --(config CAS, any lcore)--> CONFIG --> PENDING or STOP
 *     PENDING --(running CAS, owner lcore in manage)--> RUNNING
 *     RUNNING --(after the callback)--> STOP (single) or PENDING (periodic)
 * A CONFIG or RUNNING timer cannot be configured by another lcore (-1); its
 * own running callback may (config from RUNNING when it is running_tim).
 * T1: the CAS into CONFIG/RUNNING is an acquire, so the winner sees the
 *     timer's fields as the previous owner left them;
 * T2: the store that leaves CONFIG/RUNNING (to PENDING or STOP) is a
 *     release, publishing expire/period/f/arg and the list links.
 * List links change only under the owning lcore's list lock. manage() cuts
 * the expired prefix off its list under the lock, moves each cut timer
 * PENDING -> RUNNING (a timer another lcore is configuring at that moment
 * is dropped from the run: the configurer re-inserts or stops it), then runs
 * the callbacks without the lock.
 * Calls: memzone, rte_mcfg_timer_lock, rte_lcore, rte_cycles, rte_random. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include <rte_pause.h>
#include <rte_random.h>
#include <rte_spinlock.h>
#include <rte_timer.h>

#define RTE_TIMER_DATA_MAX 64
#define TIMER_MZ_NAME "rte_timer_mz"
#define FL_ALLOCATED 1u

struct lcore_list {
	struct rte_timer head;          /* head.expire: earliest pending expiry, 0 if none */
	rte_spinlock_t lock;
	unsigned int depth;             /* levels in use */
	int updated;                    /* running callback changed its own timer */
	unsigned int prev_lcore;        /* round robin for LCORE_ID_ANY */
	struct rte_timer *running_tim;
	uint64_t n_reset, n_stop, n_manage;
	int64_t n_pending;
} __rte_cache_aligned;

struct timer_data {
	uint32_t flags;
	struct lcore_list lists[RTE_MAX_LCORE];
};

struct timer_zone {
	struct timer_data data[RTE_TIMER_DATA_MAX];
	uint32_t refcnt;
};

static struct timer_zone *zone;               /* NULL until subsystem_init */
static const struct rte_memzone *zone_mz;
static const uint32_t default_data_id = 0;
static unsigned int any_prev_lcore;           /* round robin for non-EAL threads */

static struct timer_data *data_get(uint32_t id)
{
	if (zone == NULL || id >= RTE_TIMER_DATA_MAX || !(zone->data[id].flags & FL_ALLOCATED))
		return NULL;
	return &zone->data[id];
}

/* ---- subsystem and instances -------------------------------------------------------- */
int rte_timer_subsystem_init(void)
{
	rte_mcfg_timer_lock();
	if (zone != NULL) {
		rte_mcfg_timer_unlock();
		return -EALREADY;
	}
	bool fresh = false;
	const struct rte_memzone *mz = rte_memzone_lookup(TIMER_MZ_NAME);
	if (mz == NULL) {
		mz = rte_memzone_reserve_aligned(TIMER_MZ_NAME, sizeof(struct timer_zone), SOCKET_ID_ANY, 0,
						 RTE_CACHE_LINE_SIZE);
		if (mz == NULL) {
			rte_mcfg_timer_unlock();
			RTE_LOG(ERR, TIMER, "rte_timer_subsystem_init: cannot reserve %zu bytes\n",
				sizeof(struct timer_zone));
			return -ENOMEM;
		}
		fresh = true;
	}
	struct timer_zone *z = mz->addr;
	if (fresh) {
		memset(z, 0, sizeof(*z));
		for (unsigned int d = 0; d < RTE_TIMER_DATA_MAX; d++)
			for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
				rte_spinlock_init(&z->data[d].lists[l].lock);
				z->data[d].lists[l].prev_lcore = l;
			}
	}
	z->data[default_data_id].flags |= FL_ALLOCATED;
	z->refcnt++;
	zone_mz = mz;
	zone = z;
	rte_mcfg_timer_unlock();
	return 0;
}

void rte_timer_subsystem_finalize(void)
{
	rte_mcfg_timer_lock();
	if (zone == NULL) {
		rte_mcfg_timer_unlock();
		return;
	}
	if (--zone->refcnt == 0)
		rte_memzone_free(zone_mz);
	zone = NULL;
	zone_mz = NULL;
	rte_mcfg_timer_unlock();
}

int rte_timer_data_alloc(uint32_t *id_ptr)
{
	if (id_ptr == NULL || zone == NULL) {
		RTE_LOG(ERR, TIMER, "rte_timer_data_alloc: %s\n",
			id_ptr == NULL ? "NULL id" : "timer subsystem not initialised");
		return -EINVAL;
	}
	rte_mcfg_timer_lock();
	for (uint32_t i = 0; i < RTE_TIMER_DATA_MAX; i++)
		if (!(zone->data[i].flags & FL_ALLOCATED)) {
			zone->data[i].flags |= FL_ALLOCATED;
			rte_mcfg_timer_unlock();
			*id_ptr = i;
			return 0;
		}
	rte_mcfg_timer_unlock();
	return -ENOSPC;
}

int rte_timer_data_dealloc(uint32_t id)
{
	struct timer_data *d = data_get(id);
	if (d == NULL)
		return -EINVAL;
	rte_mcfg_timer_lock();
	d->flags &= ~FL_ALLOCATED;
	rte_mcfg_timer_unlock();
	return 0;
}

void rte_timer_init(struct rte_timer *tim)
{
	union rte_timer_status st;
	st.state = RTE_TIMER_STOP;
	st.owner = RTE_TIMER_NO_OWNER;
	__atomic_store_n(&tim->status.u32, st.u32, __ATOMIC_RELAXED);
}

/* ---- skip list (caller holds the list's lock) ------------------------------------------ */
/* prev[i] = last node at level i whose expiry is < t (strict) or <= t. */
static void prev_entries(struct lcore_list *ll, uint64_t t, bool inclusive,
			 struct rte_timer *prev[MAX_SKIPLIST_DEPTH])
{
	struct rte_timer *x = &ll->head;
	for (int i = (int)ll->depth - 1; i >= 0; i--) {
		for (struct rte_timer *n = x->sl_next[i];
		     n != NULL && (n->expire < t || (inclusive && n->expire == t)); n = x->sl_next[i])
			x = n;
		prev[i] = x;
	}
}

/* Predecessors of tim itself at every level it is on. */
static void prev_entries_for(struct lcore_list *ll, struct rte_timer *tim,
			     struct rte_timer *prev[MAX_SKIPLIST_DEPTH])
{
	prev_entries(ll, tim->expire, false, prev);
	for (int i = (int)ll->depth - 1; i >= 0; i--)
		while (prev[i]->sl_next[i] != NULL && prev[i]->sl_next[i] != tim &&
		       prev[i]->sl_next[i]->expire <= tim->expire)
			prev[i] = prev[i]->sl_next[i];
}

static void head_expire_update(struct lcore_list *ll)
{
	struct rte_timer *first = ll->head.sl_next[0];
	__atomic_store_n(&ll->head.expire, first ? first->expire : 0, __ATOMIC_RELAXED);
}

static void list_add(struct lcore_list *ll, struct rte_timer *tim)
{
	struct rte_timer *prev[MAX_SKIPLIST_DEPTH];
	/* level: each extra level with probability 1/4, at most one above the
	 * current depth */
	unsigned int level = 0;
	uint64_t r = rte_rand();
	while (level < MAX_SKIPLIST_DEPTH - 1 && level < ll->depth && (r & 3) == 0) {
		level++;
		r >>= 2;
	}
	if (level + 1 > ll->depth) {
		for (unsigned int i = ll->depth; i <= level; i++)
			ll->head.sl_next[i] = NULL;
		ll->depth = level + 1;
	}
	prev_entries(ll, tim->expire, true, prev);   /* after equal expiries: FIFO */
	for (unsigned int i = 0; i <= level; i++) {
		tim->sl_next[i] = prev[i]->sl_next[i];
		prev[i]->sl_next[i] = tim;
	}
	for (unsigned int i = level + 1; i < MAX_SKIPLIST_DEPTH; i++)
		tim->sl_next[i] = NULL;
	head_expire_update(ll);
	__atomic_fetch_add(&ll->n_pending, 1, __ATOMIC_RELAXED);
}

static void list_del(struct lcore_list *ll, struct rte_timer *tim)
{
	struct rte_timer *prev[MAX_SKIPLIST_DEPTH];
	prev_entries_for(ll, tim, prev);
	bool found = false;
	for (int i = (int)ll->depth - 1; i >= 0; i--)
		if (prev[i]->sl_next[i] == tim) {
			prev[i]->sl_next[i] = tim->sl_next[i];
			found = true;
		}
	while (ll->depth > 0 && ll->head.sl_next[ll->depth - 1] == NULL)
		ll->depth--;
	head_expire_update(ll);
	if (found)
		__atomic_fetch_sub(&ll->n_pending, 1, __ATOMIC_RELAXED);
}

/* ---- state transitions ------------------------------------------------------------------ */
static int set_config_state(struct timer_data *d, struct rte_timer *tim, union rte_timer_status *prev_out)
{
	unsigned int me = rte_lcore_id();
	union rte_timer_status prev, nw;
	prev.u32 = __atomic_load_n(&tim->status.u32, __ATOMIC_RELAXED);
	for (;;) {
		if (prev.state == RTE_TIMER_RUNNING &&
		    (prev.owner != (int16_t)me || me >= RTE_MAX_LCORE || d->lists[me].running_tim != tim))
			return -1;   /* runs on another lcore (or is queued to run here) */
		if (prev.state == RTE_TIMER_CONFIG)
			return -1;   /* another lcore is changing it */
		nw.state = RTE_TIMER_CONFIG;
		nw.owner = (int16_t)me;
		if (__atomic_compare_exchange_n(&tim->status.u32, &prev.u32, nw.u32, 0,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))   /* T1 */
			break;
	}
	*prev_out = prev;
	return 0;
}

static int set_running_state(struct rte_timer *tim)
{
	union rte_timer_status prev, nw;
	prev.u32 = __atomic_load_n(&tim->status.u32, __ATOMIC_RELAXED);
	for (;;) {
		if (prev.state != RTE_TIMER_PENDING)
			return -1;
		nw.state = RTE_TIMER_RUNNING;
		nw.owner = (int16_t)rte_lcore_id();
		if (__atomic_compare_exchange_n(&tim->status.u32, &prev.u32, nw.u32, 0,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))   /* T1 */
			return 0;
	}
}

static void status_store(struct rte_timer *tim, uint16_t state, int16_t owner)
{
	union rte_timer_status st;
	st.state = state;
	st.owner = owner;
	__atomic_store_n(&tim->status.u32, st.u32, __ATOMIC_RELEASE);   /* T2 */
}

/* Unlink a PENDING timer from its owner's list (lock unless already held). */
static void timer_del(struct timer_data *d, struct rte_timer *tim, union rte_timer_status prev, bool locked)
{
	struct lcore_list *ll = &d->lists[(unsigned int)prev.owner];
	if (!locked)
		rte_spinlock_lock(&ll->lock);
	list_del(ll, tim);
	if (!locked)
		rte_spinlock_unlock(&ll->lock);
}

static int timer_reset(struct timer_data *d, struct rte_timer *tim, uint64_t expire, uint64_t period,
		       unsigned int tim_lcore, rte_timer_cb_t fct, void *arg)
{
	unsigned int me = rte_lcore_id();
	if (tim_lcore == LCORE_ID_ANY) {
		unsigned int *prevp = me < RTE_MAX_LCORE ? &d->lists[me].prev_lcore : &any_prev_lcore;
		tim_lcore = rte_get_next_lcore(*prevp, 0, 1);
		*prevp = tim_lcore;
	} else if (tim_lcore >= RTE_MAX_LCORE ||
		   !(rte_lcore_is_enabled(tim_lcore) || rte_lcore_has_role(tim_lcore, ROLE_SERVICE))) {
		RTE_LOG(ERR, TIMER, "rte_timer_reset: lcore %u is not an EAL or service lcore\n", tim_lcore);
		return -1;
	}
	if (tim_lcore >= RTE_MAX_LCORE)
		return -1;
	union rte_timer_status prev;
	if (set_config_state(d, tim, &prev) < 0)
		return -1;
	if (prev.state == RTE_TIMER_RUNNING && me < RTE_MAX_LCORE)
		d->lists[me].updated = 1;
	if (prev.state == RTE_TIMER_PENDING)
		timer_del(d, tim, prev, false);

	tim->period = period;
	tim->expire = expire;
	tim->f = fct;
	tim->arg = arg;

	struct lcore_list *ll = &d->lists[tim_lcore];
	if (me < RTE_MAX_LCORE)
		__atomic_fetch_add(&d->lists[me].n_reset, 1, __ATOMIC_RELAXED);
	rte_spinlock_lock(&ll->lock);
	list_add(ll, tim);
	status_store(tim, RTE_TIMER_PENDING, (int16_t)tim_lcore);   /* T2 */
	rte_spinlock_unlock(&ll->lock);
	return 0;
}

int rte_timer_alt_reset(uint32_t timer_data_id, struct rte_timer *tim, uint64_t ticks, enum rte_timer_type type,
			unsigned int tim_lcore, rte_timer_cb_t fct, void *arg)
{
	struct timer_data *d = data_get(timer_data_id);
	if (d == NULL || tim == NULL) {
		RTE_LOG(ERR, TIMER, "rte_timer_reset: %s\n", tim == NULL ? "NULL timer" : "bad timer data id");
		return -EINVAL;
	}
	uint64_t period = type == PERIODICAL ? ticks : 0;
	return timer_reset(d, tim, rte_get_timer_cycles() + ticks, period, tim_lcore, fct, arg);
}

int rte_timer_reset(struct rte_timer *tim, uint64_t ticks, enum rte_timer_type type, unsigned tim_lcore,
		    rte_timer_cb_t fct, void *arg)
{
	return rte_timer_alt_reset(default_data_id, tim, ticks, type, tim_lcore, fct, arg);
}

void rte_timer_reset_sync(struct rte_timer *tim, uint64_t ticks, enum rte_timer_type type, unsigned tim_lcore,
			  rte_timer_cb_t fct, void *arg)
{
	unsigned int spins = 0;
	while (rte_timer_reset(tim, ticks, type, tim_lcore, fct, arg) != 0)
		__rte_wait_backoff(&spins);
}

static int timer_stop(struct timer_data *d, struct rte_timer *tim)
{
	unsigned int me = rte_lcore_id();
	union rte_timer_status prev;
	if (set_config_state(d, tim, &prev) < 0)
		return -1;
	if (prev.state == RTE_TIMER_RUNNING && me < RTE_MAX_LCORE)
		d->lists[me].updated = 1;
	if (prev.state == RTE_TIMER_PENDING)
		timer_del(d, tim, prev, false);
	if (me < RTE_MAX_LCORE)
		__atomic_fetch_add(&d->lists[me].n_stop, 1, __ATOMIC_RELAXED);   /* statistics: each lcore counts its own */
	status_store(tim, RTE_TIMER_STOP, RTE_TIMER_NO_OWNER);   /* T2 */
	return 0;
}

int rte_timer_alt_stop(uint32_t timer_data_id, struct rte_timer *tim)
{
	struct timer_data *d = data_get(timer_data_id);
	if (d == NULL || tim == NULL) {
		RTE_LOG(ERR, TIMER, "rte_timer_stop: %s\n", tim == NULL ? "NULL timer" : "bad timer data id");
		return -EINVAL;
	}
	return timer_stop(d, tim);
}

int rte_timer_stop(struct rte_timer *tim)
{
	return rte_timer_alt_stop(default_data_id, tim);
}

void rte_timer_stop_sync(struct rte_timer *tim)
{
	unsigned int spins = 0;
	while (rte_timer_stop(tim) != 0)
		__rte_wait_backoff(&spins);
}

int rte_timer_pending(struct rte_timer *tim)
{
	return __atomic_load_n(&tim->status.state, __ATOMIC_RELAXED) == RTE_TIMER_PENDING;
}

/* ---- running expired timers ------------------------------------------------------------------ */
/* Cut the timers of list `ll` that expired by `now` off the list and mark
 * them RUNNING for the calling lcore; returns the run list (sl_next[0]). */
static struct rte_timer *take_expired(struct lcore_list *ll, uint64_t now)
{
	struct rte_timer *prev[MAX_SKIPLIST_DEPTH];
	rte_spinlock_lock(&ll->lock);
	struct rte_timer *first = ll->head.sl_next[0];
	if (first == NULL || first->expire > now) {
		rte_spinlock_unlock(&ll->lock);
		return NULL;
	}
	prev_entries(ll, now, true, prev);
	for (int i = (int)ll->depth - 1; i >= 0; i--) {
		if (prev[i] == &ll->head)
			continue;
		ll->head.sl_next[i] = prev[i]->sl_next[i];
		prev[i]->sl_next[i] = NULL;
	}
	while (ll->depth > 0 && ll->head.sl_next[ll->depth - 1] == NULL)
		ll->depth--;
	struct rte_timer *run = NULL, **tail = &run;
	for (struct rte_timer *t = first, *next; t != NULL; t = next) {
		next = t->sl_next[0];
		__atomic_fetch_sub(&ll->n_pending, 1, __ATOMIC_RELAXED);
		if (set_running_state(t) == 0) {
			*tail = t;
			tail = &t->sl_next[0];
		}
		/* else another lcore is configuring it and will re-insert or stop it */
	}
	*tail = NULL;
	head_expire_update(ll);
	rte_spinlock_unlock(&ll->lock);
	return run;
}

static void run_list(struct timer_data *d, struct rte_timer *run, unsigned int me,
		     rte_timer_alt_manage_cb_t alt_f)
{
	struct lcore_list *mine = &d->lists[me];
	for (struct rte_timer *t = run, *next; t != NULL; t = next) {
		next = t->sl_next[0];
		mine->updated = 0;
		mine->running_tim = t;
		if (alt_f)
			alt_f(t);
		else
			t->f(t, t->arg);
		if (mine->updated)
			continue;   /* the callback reset or stopped it */
		if (t->period == 0) {
			status_store(t, RTE_TIMER_STOP, RTE_TIMER_NO_OWNER);   /* T2 */
		} else {
			/* periodic: back on this lcore's list, period after its last expiry */
			rte_spinlock_lock(&mine->lock);
			t->expire += t->period;
			list_add(mine, t);
			status_store(t, RTE_TIMER_PENDING, (int16_t)me);   /* T2 */
			rte_spinlock_unlock(&mine->lock);
		}
	}
	mine->running_tim = NULL;
}

int rte_timer_manage(void)
{
	struct timer_data *d = data_get(default_data_id);
	unsigned int me = rte_lcore_id();
	if (d == NULL || me >= RTE_MAX_LCORE)
		return -EINVAL;
	struct lcore_list *ll = &d->lists[me];
	__atomic_fetch_add(&ll->n_manage, 1, __ATOMIC_RELAXED);
	/* fast exit without the lock: nothing pending, or nothing due yet */
	uint64_t next = __atomic_load_n(&ll->head.expire, __ATOMIC_RELAXED);   /* 0: list empty */
	if (next == 0)
		return 0;
	uint64_t now = rte_get_timer_cycles();
	if (next > now)
		return 0;
	run_list(d, take_expired(ll, now), me, NULL);
	return 0;
}

int rte_timer_alt_manage(uint32_t timer_data_id, unsigned int *poll_lcores, int n_poll_lcores,
			 rte_timer_alt_manage_cb_t f)
{
	struct timer_data *d = data_get(timer_data_id);
	unsigned int me = rte_lcore_id();
	unsigned int self[1] = { me };
	if (d == NULL || me >= RTE_MAX_LCORE || f == NULL) {
		RTE_LOG(ERR, TIMER, "rte_timer_alt_manage: bad timer data id, lcore or callback\n");
		return -EINVAL;
	}
	if (poll_lcores == NULL) {
		poll_lcores = self;
		n_poll_lcores = 1;
	}
	uint64_t now = rte_get_timer_cycles();
	__atomic_fetch_add(&d->lists[me].n_manage, 1, __ATOMIC_RELAXED);
	for (int i = 0; i < n_poll_lcores; i++) {
		if (poll_lcores[i] >= RTE_MAX_LCORE)
			continue;
		run_list(d, take_expired(&d->lists[poll_lcores[i]], now), me, f);
	}
	return 0;
}

int rte_timer_stop_all(uint32_t timer_data_id, unsigned int *walk_lcores, int nb_walk_lcores,
		       rte_timer_stop_all_cb_t f, void *f_arg)
{
	struct timer_data *d = data_get(timer_data_id);
	if (d == NULL || (walk_lcores == NULL && nb_walk_lcores > 0)) {
		RTE_LOG(ERR, TIMER, "rte_timer_stop_all: bad timer data id or lcore list\n");
		return -EINVAL;
	}
	for (int i = 0; i < nb_walk_lcores; i++) {
		if (walk_lcores[i] >= RTE_MAX_LCORE)
			continue;
		struct lcore_list *ll = &d->lists[walk_lcores[i]];
		rte_spinlock_lock(&ll->lock);
		struct rte_timer *t = ll->head.sl_next[0];
		for (unsigned int k = 0; k < MAX_SKIPLIST_DEPTH; k++)
			ll->head.sl_next[k] = NULL;
		ll->depth = 0;
		__atomic_store_n(&ll->n_pending, 0, __ATOMIC_RELAXED);
		head_expire_update(ll);
		rte_spinlock_unlock(&ll->lock);
		for (struct rte_timer *next; t != NULL; t = next) {
			next = t->sl_next[0];
			status_store(t, RTE_TIMER_STOP, RTE_TIMER_NO_OWNER);
			if (f)
				f(t, f_arg);
		}
	}
	return 0;
}

int64_t rte_timer_next_ticks(void)
{
	struct timer_data *d = data_get(default_data_id);
	unsigned int me = rte_lcore_id();
	if (d == NULL || me >= RTE_MAX_LCORE)
		return -EINVAL;
	struct lcore_list *ll = &d->lists[me];
	int64_t left = -ENOENT;
	uint64_t now = rte_get_timer_cycles();
	rte_spinlock_lock(&ll->lock);
	struct rte_timer *first = ll->head.sl_next[0];
	if (first != NULL)
		left = first->expire > now ? (int64_t)(first->expire - now) : 0;
	rte_spinlock_unlock(&ll->lock);
	return left;
}

int rte_timer_alt_dump_stats(uint32_t timer_data_id, FILE *f)
{
	struct timer_data *d = data_get(timer_data_id);
	if (d == NULL || f == NULL)
		return -EINVAL;
	uint64_t reset = 0, stop = 0, manage = 0;
	int64_t pending = 0;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		/* statistics: relaxed counters, read without the list locks */
		reset += __atomic_load_n(&d->lists[l].n_reset, __ATOMIC_RELAXED);
		stop += __atomic_load_n(&d->lists[l].n_stop, __ATOMIC_RELAXED);
		manage += __atomic_load_n(&d->lists[l].n_manage, __ATOMIC_RELAXED);
		pending += __atomic_load_n(&d->lists[l].n_pending, __ATOMIC_RELAXED);
	}
	fprintf(f, "Timer statistics:\n");
	fprintf(f, "  reset = %" PRIu64 "\n", reset);
	fprintf(f, "  stop = %" PRIu64 "\n", stop);
	fprintf(f, "  manage = %" PRIu64 "\n", manage);
	fprintf(f, "  pending = %" PRId64 "\n", pending);
	return 0;
}

int rte_timer_dump_stats(FILE *f)
{
	return rte_timer_alt_dump_stats(default_data_id, f);
}
