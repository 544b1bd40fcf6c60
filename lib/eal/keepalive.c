/* SPDX-License-Identifier: BSD-3-Clause
 * rte_keepalive.h: per-core liveness.
 * Owns a struct rte_keepalive (rte_zmalloc'ed, process-local use). Each
 * monitored core writes only its own state slot (mark_alive/mark_sleep);
 * the dispatcher reads and ages every slot, and alone writes last_alive.
 * K1: a core's release store of its state pairs with the dispatcher's
 * acquire load. A registered core is judged only after its first mark;
 * each ping ages ALIVE -> MISSING -> DEAD -> GONE and the failure callback
 * runs on the DEAD -> GONE step (the third ping missed). The dispatcher's own transition is a CAS so a
 * core marking itself alive at the same moment is not overwritten. */
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_keepalive.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>

struct rte_keepalive {
	struct {
		int state;   /* enum rte_keepalive_state */
		uint64_t last_alive;
	} __rte_cache_aligned core[RTE_KEEPALIVE_MAXCORES];
	bool active[RTE_KEEPALIVE_MAXCORES];
	rte_keepalive_failure_callback_t callback;
	void *callback_data;
	rte_keepalive_relay_callback_t relay_callback;
	void *relay_callback_data;
};

struct rte_keepalive *rte_keepalive_create(rte_keepalive_failure_callback_t callback, void *data)
{
	struct rte_keepalive *ka = rte_zmalloc("RTE_EAL_KEEPALIVE", sizeof(*ka), RTE_CACHE_LINE_SIZE);
	if (ka == NULL) {
		RTE_LOG(ERR, EAL, "rte_keepalive_create: out of memory\n");
		rte_errno = ENOMEM;
		return NULL;
	}
	ka->callback = callback;
	ka->callback_data = data;
	return ka;
}

void rte_keepalive_register_core(struct rte_keepalive *ka, const int id_core)
{
	if (ka == NULL || id_core < 0 || id_core >= RTE_KEEPALIVE_MAXCORES) {
		RTE_LOG(ERR, EAL, "rte_keepalive_register_core: bad keepalive or core %d\n", id_core);
		return;
	}
	/* watched from now on; judged once it first marks itself alive */
	ka->core[id_core].last_alive = rte_rdtsc();
	ka->active[id_core] = true;
}

static void mark(struct rte_keepalive *ka, int state)
{
	unsigned int id = rte_lcore_id();
	if (ka == NULL || id >= RTE_KEEPALIVE_MAXCORES)
		return;
	__atomic_store_n(&ka->core[id].state, state, __ATOMIC_RELEASE);   /* K1 */
}

void rte_keepalive_mark_alive(struct rte_keepalive *ka) { mark(ka, RTE_KA_STATE_ALIVE); }
void rte_keepalive_mark_sleep(struct rte_keepalive *ka) { mark(ka, RTE_KA_STATE_DOZING); }

void rte_keepalive_register_relay_callback(struct rte_keepalive *ka,
					   rte_keepalive_relay_callback_t callback, void *data)
{
	if (ka == NULL)
		return;
	ka->relay_callback = callback;
	ka->relay_callback_data = data;
}

void rte_keepalive_dispatch_pings(void *ptr_timer, void *ptr_data)
{
	struct rte_keepalive *ka = ptr_data;
	RTE_SET_USED(ptr_timer);
	if (ka == NULL)
		return;
	for (int id = 0; id < RTE_KEEPALIVE_MAXCORES; id++) {
		if (!ka->active[id])
			continue;
		int *st = &ka->core[id].state;
		int s = __atomic_load_n(st, __ATOMIC_ACQUIRE);   /* K1 */
		int next = s;
		switch (s) {
		case RTE_KA_STATE_ALIVE: next = RTE_KA_STATE_MISSING; break;   /* must re-mark by next ping */
		case RTE_KA_STATE_MISSING: next = RTE_KA_STATE_DEAD; break;
		case RTE_KA_STATE_DEAD: next = RTE_KA_STATE_GONE; break;
		case RTE_KA_STATE_DOZING: next = RTE_KA_STATE_SLEEP; break;
		default: break;   /* UNUSED (never marked), GONE, SLEEP stay */
		}
		if (next != s && !__atomic_compare_exchange_n(st, &s, next, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			next = s;   /* the core just marked itself: keep its state */
		if (next != s && (s == RTE_KA_STATE_ALIVE || s == RTE_KA_STATE_DOZING))
			ka->core[id].last_alive = rte_rdtsc();   /* seen alive (or dozing) by this ping */
		/* declared dead on the third ping it missed, as DPDK does */
		if (s == RTE_KA_STATE_DEAD && next == RTE_KA_STATE_GONE && ka->callback)
			ka->callback(ka->callback_data, id);
		if (ka->relay_callback)
			ka->relay_callback(ka->relay_callback_data, id, (enum rte_keepalive_state)next,
					   ka->core[id].last_alive);
	}
}
