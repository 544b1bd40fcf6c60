/* SPDX-License-Identifier: BSD-3-Clause
 * Service cores (rte_service.h, rte_service_component.h).
 *
 * Owns (process-local, static): the service table (up to
 * RTE_SERVICE_NUM_MAX registrations) and one state block per lcore: whether
 * it is a service lcore, its run state, the mask of services mapped to it,
 * and its statistics. A service lcore is an EAL worker whose role is
 * ROLE_SERVICE (eal_lcore_role_set); "starting" it launches service_runner
 * on its thread with rte_eal_remote_launch, "stopping" it clears its run
 * state so the runner returns.
 *
 * Concurrency. Control calls (register, map, start/stop, add/del) come from
 * application threads; the runner threads only read the control words.
 *   R1: start/stop store the lcore run state with release; the runner loads
 *       it with acquire (R2), so a runner that sees RUNNING also sees the
 *       state written before start (the mask, reset statistics).
 *   R3: component/app run states are stored with release and loaded with
 *       acquire by service_run (R4): a service seen running was fully
 *       registered (its spec written before).
 *   The service mask and mapped-core counts are relaxed atomics: a runner
 *   picks up a new mapping on its next loop, which is all DPDK promises.
 *   R6: registration writes the spec, then sets `registered` with release;
 *       readers load it with acquire (R5) before touching the spec.
 *   An MT-unsafe service mapped to several lcores runs under its
 *   execute_lock (trylock: the loser skips this round).
 * Statistics are written only by the lcore that runs the service (relaxed
 * stores) and summed by readers.
 * Lifecycle: rte_service_init runs from rte_eal_init (EAL hook) and applies
 * -s/-S; rte_service_finalize runs from rte_eal_cleanup, stops every
 * service lcore, waits for its runner and forgets every registration.
 * Calls: the lcore layer (roles, launch, wait), rte_cycles, rte_log,
 * eal_register_hook; nothing below calls in here. */
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_pause.h>
#include <rte_service.h>
#include <rte_service_component.h>
#include <rte_spinlock.h>
#include "eal_private.h"
#include "eal_service.h"

#define RTE_SERVICE_NUM_MAX 64
#define RUNSTATE_STOPPED 0
#define RUNSTATE_RUNNING 1
/* a runner with nothing to run yields the CPU after this many empty loops */
#define IDLE_LOOPS_BEFORE_YIELD 64

struct service {
	struct rte_service_spec spec;
	bool registered;
	bool stats_enabled;
	bool start_check;          /* runstate_get requires a mapped lcore */
	int comp_runstate;         /* R3/R4 */
	int app_runstate;          /* R3/R4 */
	uint32_t num_mapped_cores; /* relaxed */
	rte_spinlock_t execute_lock;
};

struct service_stats {
	uint64_t calls;
	uint64_t cycles;
};

struct core_state {
	uint64_t service_mask;     /* relaxed */
	int runstate;              /* R1/R2 */
	int thread_active;         /* runner is inside its loop */
	bool is_service_core;
	uint8_t active_on_lcore[RTE_SERVICE_NUM_MAX];
	uint64_t loops;
	uint64_t cycles;
	struct service_stats stats[RTE_SERVICE_NUM_MAX];
} __rte_cache_aligned;

static struct service services[RTE_SERVICE_NUM_MAX];
static uint32_t service_count;
static struct core_state lcore_states[RTE_MAX_LCORE];
static struct core_state nonlcore_state;   /* for run_iter from unregistered threads */
static bool initialized;

static bool service_valid(uint32_t id)
{
	return id < RTE_SERVICE_NUM_MAX && __atomic_load_n(&services[id].registered, __ATOMIC_ACQUIRE);   /* R5 */
}

static struct core_state *my_state(void)
{
	unsigned int id = rte_lcore_id();
	return id < RTE_MAX_LCORE ? &lcore_states[id] : &nonlcore_state;
}

/* ---- registration -------------------------------------------------------------- */
int32_t rte_service_component_register(const struct rte_service_spec *spec, uint32_t *id_ptr)
{
	if (spec == NULL || spec->callback == NULL || spec->name[0] == '\0') {
		RTE_LOG(ERR, EAL, "rte_service_component_register: no spec, callback or name\n");
		return -EINVAL;
	}
	uint32_t i;
	for (i = 0; i < RTE_SERVICE_NUM_MAX; i++)
		if (!services[i].registered)
			break;
	if (i == RTE_SERVICE_NUM_MAX) {
		RTE_LOG(ERR, EAL, "rte_service_component_register: all %d slots in use\n", RTE_SERVICE_NUM_MAX);
		return -ENOSPC;
	}
	struct service *s = &services[i];
	s->spec = *spec;
	s->spec.name[RTE_SERVICE_NAME_MAX - 1] = '\0';
	s->start_check = true;
	s->stats_enabled = false;
	__atomic_store_n(&s->comp_runstate, RUNSTATE_STOPPED, __ATOMIC_RELAXED);
	__atomic_store_n(&s->app_runstate, RUNSTATE_STOPPED, __ATOMIC_RELAXED);
	__atomic_store_n(&s->num_mapped_cores, 0, __ATOMIC_RELAXED);
	rte_spinlock_init(&s->execute_lock);
	__atomic_store_n(&s->registered, true, __ATOMIC_RELEASE);   /* R6: spec before */
	service_count++;
	if (id_ptr)
		*id_ptr = i;
	return 0;
}

int32_t rte_service_component_unregister(uint32_t id)
{
	if (!service_valid(id))
		return -EINVAL;
	service_count--;
	/* unmap everywhere, then retire; the spec stays readable until the
	 * slot is registered again (the service must be stopped already) */
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++)
		__atomic_fetch_and(&lcore_states[l].service_mask, ~(UINT64_C(1) << id), __ATOMIC_RELAXED);
	__atomic_store_n(&services[id].comp_runstate, RUNSTATE_STOPPED, __ATOMIC_RELEASE);
	__atomic_store_n(&services[id].app_runstate, RUNSTATE_STOPPED, __ATOMIC_RELEASE);
	__atomic_store_n(&services[id].num_mapped_cores, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&services[id].registered, false, __ATOMIC_RELEASE);
	return 0;
}

int32_t rte_service_component_runstate_set(uint32_t id, uint32_t runstate)
{
	if (!service_valid(id))
		return -EINVAL;
	__atomic_store_n(&services[id].comp_runstate, runstate ? RUNSTATE_RUNNING : RUNSTATE_STOPPED,
			 __ATOMIC_RELEASE);   /* R3 */
	return 0;
}

int32_t rte_service_runstate_set(uint32_t id, uint32_t runstate)
{
	if (!service_valid(id))
		return -EINVAL;
	__atomic_store_n(&services[id].app_runstate, runstate ? RUNSTATE_RUNNING : RUNSTATE_STOPPED,
			 __ATOMIC_RELEASE);   /* R3 */
	return 0;
}

int32_t rte_service_runstate_get(uint32_t id)
{
	if (!service_valid(id))
		return -EINVAL;
	struct service *s = &services[id];
	if (__atomic_load_n(&s->comp_runstate, __ATOMIC_ACQUIRE) != RUNSTATE_RUNNING ||
	    __atomic_load_n(&s->app_runstate, __ATOMIC_ACQUIRE) != RUNSTATE_RUNNING)
		return 0;
	return !s->start_check || __atomic_load_n(&s->num_mapped_cores, __ATOMIC_RELAXED) > 0;
}

int32_t rte_service_set_stats_enable(uint32_t id, int32_t enable)
{
	if (!service_valid(id))
		return -EINVAL;
	services[id].stats_enabled = enable != 0;
	return 0;
}

int32_t rte_service_set_runstate_mapped_check(uint32_t id, int32_t enable)
{
	if (!service_valid(id))
		return -EINVAL;
	services[id].start_check = enable != 0;
	return 0;
}

uint32_t rte_service_get_count(void)
{
	return service_count;
}

int32_t rte_service_get_by_name(const char *name, uint32_t *service_id)
{
	if (name == NULL || service_id == NULL)
		return -EINVAL;
	for (uint32_t i = 0; i < RTE_SERVICE_NUM_MAX; i++)
		if (services[i].registered && strcmp(name, services[i].spec.name) == 0) {
			*service_id = i;
			return 0;
		}
	return -ENODEV;
}

const char *rte_service_get_name(uint32_t id)
{
	return service_valid(id) ? services[id].spec.name : NULL;
}

int32_t rte_service_probe_capability(uint32_t id, uint32_t capability)
{
	if (!service_valid(id))
		return -EINVAL;
	return !!(services[id].spec.capabilities & capability);
}

/* ---- running ------------------------------------------------------------------- */
/* Statistics have one writer (the lcore running the service): a relaxed load
 * and store, no locked add; readers and resets use relaxed atomics too (a
 * reset racing with an add may be lost, as in DPDK). */
static inline void stat_add(uint64_t *p, uint64_t v)
{
	__atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED) + v, __ATOMIC_RELAXED);
}

static void service_call(struct service *s, struct core_state *cs, uint32_t id)
{
	if (!s->stats_enabled) {
		s->spec.callback(s->spec.callback_userdata);
		return;
	}
	uint64_t start = rte_rdtsc();
	int rc = s->spec.callback(s->spec.callback_userdata);
	struct service_stats *st = &cs->stats[id];
	if (rc != -EAGAIN) {
		uint64_t c = rte_rdtsc() - start;
		stat_add(&cs->cycles, c);
		stat_add(&st->cycles, c);
	}
	stat_add(&st->calls, 1);
}

static int32_t service_run(uint32_t id, struct core_state *cs, uint64_t mask, uint32_t serialize)
{
	struct service *s = &services[id];
	if (!__atomic_load_n(&s->registered, __ATOMIC_ACQUIRE) ||   /* R5 */
	    __atomic_load_n(&s->comp_runstate, __ATOMIC_ACQUIRE) != RUNSTATE_RUNNING ||   /* R4 */
	    __atomic_load_n(&s->app_runstate, __ATOMIC_ACQUIRE) != RUNSTATE_RUNNING ||
	    !(mask & (UINT64_C(1) << id))) {
		__atomic_store_n(&cs->active_on_lcore[id], 0, __ATOMIC_RELAXED);
		return -ENOEXEC;
	}
	__atomic_store_n(&cs->active_on_lcore[id], 1, __ATOMIC_RELAXED);
	if (!(s->spec.capabilities & RTE_SERVICE_CAP_MT_SAFE) && serialize) {
		if (!rte_spinlock_trylock(&s->execute_lock))
			return -EBUSY;
		service_call(s, cs, id);
		rte_spinlock_unlock(&s->execute_lock);
	} else {
		service_call(s, cs, id);
	}
	return 0;
}

static int service_runner(void *arg)
{
	RTE_SET_USED(arg);
	struct core_state *cs = my_state();
	unsigned int idle = 0;

	__atomic_store_n(&cs->thread_active, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&cs->runstate, __ATOMIC_ACQUIRE) == RUNSTATE_RUNNING) {   /* R2 */
		uint64_t mask = __atomic_load_n(&cs->service_mask, __ATOMIC_RELAXED);
		bool ran = false;
		for (uint64_t m = mask; m; m &= m - 1) {
			uint32_t id = (uint32_t)__builtin_ctzll(m);
			ran |= service_run(id, cs, mask, 1) == 0;
		}
		stat_add(&cs->loops, 1);
		/* Nothing mapped or nothing running: do not hold the CPU from
		 * the threads that would change that (DPDK spins here). */
		if (ran)
			idle = 0;
		else if (++idle >= IDLE_LOOPS_BEFORE_YIELD)
			sched_yield();
		else
			rte_pause();
	}
	for (uint32_t i = 0; i < RTE_SERVICE_NUM_MAX; i++)
		__atomic_store_n(&cs->active_on_lcore[i], 0, __ATOMIC_RELAXED);
	__atomic_store_n(&cs->thread_active, 0, __ATOMIC_SEQ_CST);
	return 0;
}

int32_t rte_service_run_iter_on_app_lcore(uint32_t id, uint32_t serialize_mt_unsafe)
{
	if (!service_valid(id))
		return -EINVAL;
	struct service *s = &services[id];
	__atomic_fetch_add(&s->num_mapped_cores, 1, __ATOMIC_RELAXED);
	int32_t rc = service_run(id, my_state(), UINT64_MAX, serialize_mt_unsafe);
	__atomic_fetch_sub(&s->num_mapped_cores, 1, __ATOMIC_RELAXED);
	return rc;
}

int32_t rte_service_may_be_active(uint32_t id)
{
	if (!service_valid(id))
		return -EINVAL;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++)
		if (lcore_states[l].is_service_core &&
		    __atomic_load_n(&lcore_states[l].active_on_lcore[id], __ATOMIC_RELAXED))
			return 1;
	return 0;
}

int32_t rte_service_lcore_may_be_active(uint32_t lcore)
{
	if (lcore >= RTE_MAX_LCORE || !lcore_states[lcore].is_service_core)
		return -EINVAL;
	return __atomic_load_n(&lcore_states[lcore].thread_active, __ATOMIC_ACQUIRE);
}

/* ---- mapping ---------------------------------------------------------------------- */
static int32_t service_update(uint32_t sid, uint32_t lcore, const uint32_t *set, uint32_t *enabled)
{
	if (!service_valid(sid) || lcore >= RTE_MAX_LCORE || !lcore_states[lcore].is_service_core) {
		RTE_LOG(DEBUG, EAL, "service map: bad service %u or lcore %u is not a service lcore\n", sid, lcore);
		return -EINVAL;
	}
	struct core_state *cs = &lcore_states[lcore];
	uint64_t bit = UINT64_C(1) << sid;
	bool mapped = __atomic_load_n(&cs->service_mask, __ATOMIC_RELAXED) & bit;
	if (set) {
		if (*set && !mapped) {
			__atomic_fetch_or(&cs->service_mask, bit, __ATOMIC_RELAXED);
			__atomic_fetch_add(&services[sid].num_mapped_cores, 1, __ATOMIC_RELAXED);
		} else if (!*set && mapped) {
			__atomic_fetch_and(&cs->service_mask, ~bit, __ATOMIC_RELAXED);
			__atomic_fetch_sub(&services[sid].num_mapped_cores, 1, __ATOMIC_RELAXED);
		}
	}
	if (enabled)
		*enabled = mapped;
	return 0;
}

int32_t rte_service_map_lcore_set(uint32_t id, uint32_t lcore, uint32_t enabled)
{
	uint32_t on = enabled > 0;
	return service_update(id, lcore, &on, NULL);
}

int32_t rte_service_map_lcore_get(uint32_t id, uint32_t lcore)
{
	uint32_t enabled;
	int32_t rc = service_update(id, lcore, NULL, &enabled);
	return rc == 0 ? (int32_t)enabled : rc;
}

/* ---- service lcores ----------------------------------------------------------------- */
int32_t rte_service_lcore_add(uint32_t lcore)
{
	if (lcore >= RTE_MAX_LCORE) {
		RTE_LOG(ERR, EAL, "rte_service_lcore_add: bad lcore %u\n", lcore);
		return -EINVAL;
	}
	if (lcore_states[lcore].is_service_core)
		return -EALREADY;
	if (eal_lcore_role_set(lcore, ROLE_SERVICE) < 0) {
		RTE_LOG(ERR, EAL, "rte_service_lcore_add: lcore %u is not an EAL worker lcore\n", lcore);
		return -EINVAL;
	}
	struct core_state *cs = &lcore_states[lcore];
	cs->is_service_core = true;
	__atomic_store_n(&cs->service_mask, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&cs->runstate, RUNSTATE_STOPPED, __ATOMIC_RELEASE);   /* R1 */
	return rte_eal_wait_lcore(lcore);
}

int32_t rte_service_lcore_del(uint32_t lcore)
{
	if (lcore >= RTE_MAX_LCORE || !lcore_states[lcore].is_service_core)
		return -EINVAL;
	struct core_state *cs = &lcore_states[lcore];
	if (__atomic_load_n(&cs->runstate, __ATOMIC_ACQUIRE) != RUNSTATE_STOPPED)
		return -EBUSY;
	for (uint32_t i = 0; i < RTE_SERVICE_NUM_MAX; i++)
		if (__atomic_load_n(&cs->service_mask, __ATOMIC_RELAXED) & (UINT64_C(1) << i)) {
			uint32_t off = 0;
			service_update(i, lcore, &off, NULL);
		}
	cs->is_service_core = false;
	eal_lcore_role_set(lcore, ROLE_RTE);
	return 0;
}

int32_t rte_service_lcore_start(uint32_t lcore)
{
	if (lcore >= RTE_MAX_LCORE || !lcore_states[lcore].is_service_core) {
		RTE_LOG(ERR, EAL, "rte_service_lcore_start: lcore %u is not a service lcore\n", lcore);
		return -EINVAL;
	}
	struct core_state *cs = &lcore_states[lcore];
	if (__atomic_load_n(&cs->runstate, __ATOMIC_ACQUIRE) == RUNSTATE_RUNNING)
		return -EALREADY;
	/* RUNNING before the launch, or the runner would return at once */
	__atomic_store_n(&cs->runstate, RUNSTATE_RUNNING, __ATOMIC_RELEASE);   /* R1 */
	int rc = rte_eal_remote_launch(service_runner, NULL, lcore);
	if (rc < 0)
		__atomic_store_n(&cs->runstate, RUNSTATE_STOPPED, __ATOMIC_RELEASE);
	return rc;
}

int32_t rte_service_lcore_stop(uint32_t lcore)
{
	if (lcore >= RTE_MAX_LCORE)
		return -EINVAL;
	struct core_state *cs = &lcore_states[lcore];
	if (__atomic_load_n(&cs->runstate, __ATOMIC_ACQUIRE) == RUNSTATE_STOPPED)
		return -EALREADY;
	uint64_t mask = __atomic_load_n(&cs->service_mask, __ATOMIC_RELAXED);
	for (uint32_t i = 0; i < RTE_SERVICE_NUM_MAX; i++) {
		if (!(mask & (UINT64_C(1) << i)) || !service_valid(i))
			continue;
		if (rte_service_runstate_get(i) == 1 &&
		    __atomic_load_n(&services[i].num_mapped_cores, __ATOMIC_RELAXED) == 1)
			return -EBUSY;   /* the last lcore of a running service */
	}
	__atomic_store_n(&cs->runstate, RUNSTATE_STOPPED, __ATOMIC_RELEASE);   /* R1 */
	return 0;
}

int32_t rte_service_lcore_count(void)
{
	int32_t n = 0;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++)
		n += lcore_states[l].is_service_core;
	return n;
}

int32_t rte_service_lcore_list(uint32_t array[], uint32_t n)
{
	uint32_t count = (uint32_t)rte_service_lcore_count();
	if (count > n)
		return -ENOMEM;
	if (array == NULL)
		return -EINVAL;
	uint32_t k = 0;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++)
		if (lcore_states[l].is_service_core)
			array[k++] = l;
	return (int32_t)count;
}

int32_t rte_service_lcore_count_services(uint32_t lcore)
{
	if (lcore >= RTE_MAX_LCORE)
		return -EINVAL;
	if (!lcore_states[lcore].is_service_core)
		return -ENOTSUP;
	return __builtin_popcountll(__atomic_load_n(&lcore_states[lcore].service_mask, __ATOMIC_RELAXED));
}

int32_t rte_service_lcore_reset_all(void)
{
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		struct core_state *cs = &lcore_states[l];
		if (!cs->is_service_core)
			continue;
		__atomic_store_n(&cs->service_mask, 0, __ATOMIC_RELAXED);
		cs->is_service_core = false;
		eal_lcore_role_set(l, ROLE_RTE);
		__atomic_store_n(&cs->runstate, RUNSTATE_STOPPED, __ATOMIC_RELEASE);   /* R1 */
	}
	for (uint32_t i = 0; i < RTE_SERVICE_NUM_MAX; i++)
		__atomic_store_n(&services[i].num_mapped_cores, 0, __ATOMIC_RELAXED);
	return 0;
}

int32_t rte_service_start_with_defaults(void)
{
	uint32_t ids[RTE_MAX_LCORE];
	int32_t n = rte_service_lcore_list(ids, RTE_MAX_LCORE);
	if (n <= 0)
		return -ENOTSUP;
	for (int32_t i = 0; i < n; i++)
		rte_service_lcore_start(ids[i]);
	int32_t next = 0;
	for (uint32_t s = 0; s < RTE_SERVICE_NUM_MAX; s++) {
		if (!services[s].registered)
			continue;
		if (rte_service_map_lcore_set(s, ids[next], 1) != 0)
			return -ENODEV;
		next = (next + 1) % n;
		if (rte_service_runstate_set(s, 1) != 0)
			return -ENOEXEC;
	}
	return 0;
}

/* ---- statistics ---------------------------------------------------------------------- */
static uint64_t sum_over_service_lcores(uint32_t id, bool cycles)
{
	uint64_t sum = 0;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++)
		if (lcore_states[l].is_service_core)
			sum += __atomic_load_n(cycles ? &lcore_states[l].stats[id].cycles :
					       &lcore_states[l].stats[id].calls, __ATOMIC_RELAXED);
	return sum;
}

int32_t rte_service_attr_get(uint32_t id, uint32_t attr_id, uint64_t *attr_value)
{
	if (!service_valid(id) || attr_value == NULL)
		return -EINVAL;
	switch (attr_id) {
	case RTE_SERVICE_ATTR_CALL_COUNT:
		*attr_value = sum_over_service_lcores(id, false);
		return 0;
	case RTE_SERVICE_ATTR_CYCLES:
		*attr_value = sum_over_service_lcores(id, true);
		return 0;
	default:
		return -EINVAL;
	}
}

int32_t rte_service_attr_reset_all(uint32_t id)
{
	if (!service_valid(id))
		return -EINVAL;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		__atomic_store_n(&lcore_states[l].stats[id].calls, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&lcore_states[l].stats[id].cycles, 0, __ATOMIC_RELAXED);
	}
	return 0;
}

int32_t rte_service_lcore_attr_get(uint32_t lcore, uint32_t attr_id, uint64_t *attr_value)
{
	if (lcore >= RTE_MAX_LCORE || attr_value == NULL)
		return -EINVAL;
	struct core_state *cs = &lcore_states[lcore];
	if (!cs->is_service_core)
		return -ENOTSUP;
	switch (attr_id) {
	case RTE_SERVICE_LCORE_ATTR_LOOPS:
		*attr_value = __atomic_load_n(&cs->loops, __ATOMIC_RELAXED);
		return 0;
	case RTE_SERVICE_LCORE_ATTR_CYCLES:
		*attr_value = __atomic_load_n(&cs->cycles, __ATOMIC_RELAXED);
		return 0;
	default:
		return -EINVAL;
	}
}

int32_t rte_service_lcore_attr_reset_all(uint32_t lcore)
{
	if (lcore >= RTE_MAX_LCORE)
		return -EINVAL;
	struct core_state *cs = &lcore_states[lcore];
	if (!cs->is_service_core)
		return -ENOTSUP;
	__atomic_store_n(&cs->loops, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&cs->cycles, 0, __ATOMIC_RELAXED);
	return 0;
}

static void dump_one(FILE *f, uint32_t id)
{
	uint64_t calls = sum_over_service_lcores(id, false);
	uint64_t cycles = sum_over_service_lcores(id, true);
	fprintf(f, "  %s: stats %d\tcalls %" PRIu64 "\tcycles %" PRIu64 "\tavg: %" PRIu64 "\n",
		services[id].spec.name, services[id].stats_enabled, calls, cycles,
		calls ? cycles / calls : 0);
}

int32_t rte_service_dump(FILE *f, uint32_t id)
{
	if (f == NULL)
		return -EINVAL;
	if (id != UINT32_MAX) {
		if (!service_valid(id))
			return -EINVAL;
		fprintf(f, "Service %s Summary\n", services[id].spec.name);
		dump_one(f, id);
		return 0;
	}
	fprintf(f, "Services Summary\n");
	for (uint32_t i = 0; i < RTE_SERVICE_NUM_MAX; i++)
		if (services[i].registered)
			dump_one(f, i);
	fprintf(f, "Service Cores Summary\n");
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		if (!lcore_states[l].is_service_core)
			continue;
		fprintf(f, "%02u\t", l);
		for (uint32_t i = 0; i < RTE_SERVICE_NUM_MAX; i++)
			if (services[i].registered)
				fprintf(f, "%" PRIu64 "\t", __atomic_load_n(&lcore_states[l].stats[i].calls,
									    __ATOMIC_RELAXED));
		fprintf(f, "\n");
	}
	return 0;
}

/* ---- init / finalize --------------------------------------------------------------- */
int32_t rte_service_init(void)
{
	if (initialized)
		return -EALREADY;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		if (!eal_service_opt_lcore(l))
			continue;
		if (l == rte_get_main_lcore()) {
			RTE_LOG(WARNING, EAL, "lcore %u is the main lcore, not made a service lcore\n", l);
			continue;
		}
		int rc = rte_service_lcore_add(l);
		if (rc < 0 && rc != -EALREADY)
			RTE_LOG(WARNING, EAL, "service lcore %u is not in the lcore list (-l/-c); "
				"it cannot run services\n", l);
	}
	initialized = true;
	return 0;
}

void rte_service_finalize(void)
{
	if (!initialized)
		return;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++)
		if (lcore_states[l].is_service_core)
			__atomic_store_n(&lcore_states[l].runstate, RUNSTATE_STOPPED, __ATOMIC_RELEASE);
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++)
		if (lcore_states[l].is_service_core)
			rte_eal_wait_lcore(l);
	rte_service_lcore_reset_all();
	memset(services, 0, sizeof(services));
	memset(lcore_states, 0, sizeof(lcore_states));
	memset(&nonlcore_state, 0, sizeof(nonlcore_state));
	service_count = 0;
	eal_service_opt_reset();
	initialized = false;
}

static int service_hook_init(void)
{
	int32_t rc = rte_service_init();
	return rc == -EALREADY ? 0 : rc;
}

RTE_INIT(service_register_hook)
{
	eal_register_hook("service", service_hook_init, rte_service_finalize);
}
