/* SPDX-License-Identifier: BSD-3-Clause
 * master_slave_mp: a master (primary) starts N worker processes
 * (secondaries, one lcore id each), feeds them objects from a shared mempool
 * over one ring per worker, gets them back over a second ring per worker,
 * watches the workers, and when one dies — even by SIGKILL — reclaims the
 * object it held and restarts it on the same lcore id (dplite frees the lcore
 * ids of dead processes by itself). At the end the pool's counts must be
 * exact: every object available.
 *
 * Only single-producer/single-consumer rings cross the process boundary, and
 * only the master touches the mempool. A process killed in the middle of a
 * multi-producer/consumer ring operation (for instance a mempool cache
 * flushing into the pool's shared ring) would leave a reservation nobody
 * completes and stall every other user of that ring; with one producer and
 * one consumer per ring, the survivor can undo a half-done operation.
 *
 * Crash-exact bookkeeping, per worker:
 *   1. rte_ring_dequeue_bulk_start(in, &obj, 1)   (peek: not consumed yet)
 *   2. slot = obj (release)                        published
 *   3. rte_ring_dequeue_finish(in, 1)              consumed
 *   4. work on obj; rte_ring_sp_enqueue(out, obj)  handed back
 *   5. slot = NULL (release)
 * A death between 2 and 3 leaves obj both in `in` and in the slot; a death
 * between 4 and 5 leaves it both in `out` and in the slot (the master does
 * not take an object out of `out` while the slot still names it). The
 * master puts the slot's object back into the pool only when it is in
 * neither ring, rolls `in`'s consumer head back to its tail (a peek in
 * progress) and `out`'s producer head back to its tail (an enqueue cut
 * short before it published).
 *
 *   master_slave_mp -l 0 -- <nworkers> <seconds>
 * prints "worker <i> started pid <p>" and, on a death, "worker <i> died:
 * reclaimed <f> in-flight object(s), restarted pid <p>".
 * Written against the DPDK 22.11 API. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_ring_peek.h>

#define MAX_WORKERS 8
#define POOL_SIZE 4095
#define OBJ_SIZE 128
#define CACHE 64
#define OUT_RING 4096	/* holds the whole pool: a worker never waits on it */

struct worker_slot {
	void *in_flight;           /* step 2..5 above */
	volatile uint32_t lcore;
	volatile int32_t pid;
	volatile uint64_t processed;
} __rte_cache_aligned;

struct ms_state {
	volatile int stop;
	uint32_t nworkers;
	struct worker_slot w[MAX_WORKERS];
};

static char *self_path, *prefix_arg, *huge_arg;

static void ring_name(char *b, size_t l, unsigned int i) { snprintf(b, l, "ms_ring_%u", i); }
static void out_name(char *b, size_t l, unsigned int i) { snprintf(b, l, "ms_back_%u", i); }

/* ---- worker --------------------------------------------------------------------- */
static int worker(unsigned int idx)
{
	const struct rte_memzone *mz = rte_memzone_lookup("ms_state");
	char name[32];
	ring_name(name, sizeof(name), idx);
	struct rte_ring *in = rte_ring_lookup(name);
	out_name(name, sizeof(name), idx);
	struct rte_ring *out = rte_ring_lookup(name);
	if (mz == NULL || in == NULL || out == NULL)
		rte_exit(1, "worker %u: master's objects not found\n", idx);
	struct ms_state *st = mz->addr;
	struct worker_slot *slot = &st->w[idx];
	slot->lcore = rte_lcore_id();
	while (!st->stop) {
		void *obj = NULL;
		if (rte_ring_dequeue_bulk_start(in, &obj, 1, NULL) == 0) {
			rte_pause();
			continue;
		}
		__atomic_store_n(&slot->in_flight, obj, __ATOMIC_RELEASE);
		rte_ring_dequeue_finish(in, 1);
		memset(obj, (int)idx, OBJ_SIZE);       /* the "work" */
		while (rte_ring_sp_enqueue(out, obj) != 0)	/* cannot be full; be safe */
			rte_pause();
		__atomic_store_n(&slot->in_flight, NULL, __ATOMIC_RELEASE);
		slot->processed++;
	}
	return 0;
}

/* ---- master ---------------------------------------------------------------------------- */
static pid_t spawn_worker(unsigned int idx)
{
	char lc[32], id[16];
	snprintf(lc, sizeof(lc), "--lcores=%u@%u", idx + 1, idx % (unsigned int)sysconf(_SC_NPROCESSORS_ONLN));
	snprintf(id, sizeof(id), "%u", idx);
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { self_path, prefix_arg, lc, (char *)"--proc-type=secondary",
				 huge_arg, (char *)"--", (char *)"worker", id, NULL };
		execv(self_path, argv);
		_exit(127);
	}
	return pid;
}

static bool ring_holds(struct rte_ring *r, void *obj)
{
	/* entries [cons.tail, prod.tail) are still in the ring */
	uint32_t mask = r->mask;
	void **slots = (void **)&r[1];
	for (uint32_t i = r->cons.tail; i != r->prod.tail; i++)
		if (slots[i & mask] == obj)
			return true;
	return false;
}

/* Hand what is in a ring back to the pool. The worker publishes an object in
 * `out` before it clears its slot: while the slot still names the newest
 * object, leave that one in the ring, so a death at that moment finds the
 * object in exactly one place the master knows about. */
static void drain(struct rte_ring *r, struct rte_mempool *pool, const struct worker_slot *slot)
{
	void *objs[64];
	unsigned int n;
	while ((n = rte_ring_dequeue_burst_start(r, objs, 64, NULL)) > 0) {
		unsigned int k = n;
		void *held = slot ? __atomic_load_n(&slot->in_flight, __ATOMIC_ACQUIRE) : NULL;
		if (held != NULL && objs[k - 1] == held)
			k--;
		rte_ring_dequeue_finish(r, k);
		rte_mempool_put_bulk(pool, objs, k);
		if (k < 64)
			break;
	}
}

static unsigned int reclaim(struct worker_slot *slot, struct rte_mempool *pool,
			    struct rte_ring *in, struct rte_ring *out)
{
	void *obj = __atomic_load_n(&slot->in_flight, __ATOMIC_ACQUIRE);
	unsigned int inflight = 0;
	if (obj != NULL && !ring_holds(in, obj) && !ring_holds(out, obj)) {
		rte_mempool_put(pool, obj);
		inflight = 1;
	}
	slot->in_flight = NULL;
	/* a peek in progress moved in's consumer head only; an enqueue cut
	 * short moved out's producer head only: roll both back */
	in->cons.head = in->cons.tail;
	out->prod.head = out->prod.tail;
	return inflight;
}

static int master(unsigned int n, double seconds)
{
	const struct rte_memzone *mz = rte_memzone_reserve("ms_state", sizeof(struct ms_state), SOCKET_ID_ANY, 0);
	struct rte_mempool *pool = rte_mempool_create("ms_pool", POOL_SIZE, OBJ_SIZE, CACHE, 0,
						      NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	if (mz == NULL || pool == NULL)
		rte_exit(1, "master: %s\n", rte_strerror(rte_errno));
	struct ms_state *st = mz->addr;
	memset(st, 0, sizeof(*st));
	st->nworkers = n;
	struct rte_ring *rings[MAX_WORKERS], *outs[MAX_WORKERS];
	pid_t pids[MAX_WORKERS];
	for (unsigned int i = 0; i < n; i++) {
		char name[32];
		ring_name(name, sizeof(name), i);
		rings[i] = rte_ring_create(name, 256, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		out_name(name, sizeof(name), i);
		outs[i] = rte_ring_create(name, OUT_RING, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (rings[i] == NULL || outs[i] == NULL)
			rte_exit(1, "master: ring: %s\n", rte_strerror(rte_errno));
	}
	for (unsigned int i = 0; i < n; i++) {
		pids[i] = spawn_worker(i);
		printf("worker %u started pid %d\n", i, (int)pids[i]);
	}
	fflush(stdout);
	uint64_t end = rte_get_timer_cycles() + (uint64_t)(seconds * (double)rte_get_timer_hz());
	unsigned int next = 0, restarts = 0;
	while (rte_get_timer_cycles() < end) {
		void *objs[16];
		if (rte_mempool_get_bulk(pool, objs, 16) == 0) {
			unsigned int k = rte_ring_sp_enqueue_burst(rings[next], objs, 16, NULL);
			if (k < 16)
				rte_mempool_put_bulk(pool, objs + k, 16 - k);
			next = (next + 1) % n;
		}
		for (unsigned int i = 0; i < n; i++)
			drain(outs[i], pool, &st->w[i]);
		int status;
		pid_t dead = waitpid(-1, &status, WNOHANG);
		if (dead <= 0)
			continue;
		for (unsigned int i = 0; i < n; i++) {
			if (pids[i] != dead)
				continue;
			unsigned int inflight = reclaim(&st->w[i], pool, rings[i], outs[i]);
			pids[i] = spawn_worker(i);
			restarts++;
			printf("worker %u died: reclaimed %u in-flight object(s), restarted pid %d\n",
			       i, inflight, (int)pids[i]);
			fflush(stdout);
		}
	}
	st->stop = 1;
	for (unsigned int i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	/* workers exited cleanly between objects: what they did not take is in
	 * their input ring, what they finished is in their output ring */
	for (unsigned int i = 0; i < n; i++) {
		drain(rings[i], pool, NULL);
		drain(outs[i], pool, NULL);
	}
	rte_mempool_cache_flush(rte_mempool_default_cache(pool, rte_lcore_id()), pool);
	uint64_t total = 0;
	for (unsigned int i = 0; i < n; i++)
		total += st->w[i].processed;
	unsigned int avail = rte_mempool_avail_count(pool);
	bool ok = avail == POOL_SIZE && rte_mempool_in_use_count(pool) == 0;
	printf("processed %" PRIu64 " objects, %u restart(s); pool %u/%u available: %s\n",
	       total, restarts, avail, POOL_SIZE, ok ? "exact" : "MISMATCH");
	for (unsigned int i = 0; i < n; i++) {
		rte_ring_free(rings[i]);
		rte_ring_free(outs[i]);
	}
	rte_mempool_free(pool);
	rte_memzone_free(mz);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	self_path = argv[0];
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(1, "cannot init EAL: %s\n", rte_strerror(rte_errno));
	/* remember the EAL options the workers need */
	for (int i = 1; i < ret; i++) {
		if (strncmp(argv[i], "--file-prefix", 13) == 0)
			prefix_arg = argv[i];
		if (strcmp(argv[i], "--no-huge") == 0)
			huge_arg = argv[i];
	}
	static char default_prefix[] = "--file-prefix=rte", one[] = "-n1";
	if (prefix_arg == NULL)
		prefix_arg = default_prefix;
	if (huge_arg == NULL)
		huge_arg = one;
	argc -= ret;
	argv += ret;
	int rc;
	if (rte_eal_process_type() == RTE_PROC_SECONDARY && argc >= 3 && strcmp(argv[1], "worker") == 0)
		rc = worker((unsigned int)atoi(argv[2]));
	else if (rte_eal_process_type() == RTE_PROC_PRIMARY && argc >= 3) {
		unsigned int n = (unsigned int)atoi(argv[1]);
		if (n < 1 || n > MAX_WORKERS)
			rte_exit(1, "1..%d workers\n", MAX_WORKERS);
		rc = master(n, atof(argv[2]));
	} else
		rte_exit(1, "usage: %s [EAL] -- <nworkers> <seconds>\n", self_path);
	rte_eal_cleanup();
	return rc;
}
