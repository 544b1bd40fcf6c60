/* SPDX-License-Identifier: BSD-3-Clause
 * kill -9 of a secondary at random points of a malloc / free / realloc /
 * memzone / mempool-create loop, many rounds. After each kill the primary
 * runs a checked alloc/free loop and two long-running secondaries must keep
 * making progress: nobody may hang on a lock the dead process held (every
 * wait here is bounded; a watchdog turns a hang into a failure). At the end
 * the heap checker finds no problem, and every byte the dead processes held
 * is listed as held by exited processes: allocated bytes now == allocated
 * bytes at the start + bytes held by exited processes.
 *
 * usage: test_rel_kill [rounds]   (default 50) */
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_lcore.h>
#include "rel_test.h"
#include "../heap/heap_test.h"
#include <inttypes.h>

struct ctl {
	volatile int stop;
	volatile int victim_ready;
	volatile uint64_t progress[2];
	volatile int bad[2];
};

static struct ctl *ctl_get(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup("rel_kill_ctl");
	return mz ? mz->addr : NULL;
}

/* Random work until killed. Everything it makes is named after its pid. */
static int victim(unsigned int seed)
{
	static const char *const ex[] = { "--proc-type=secondary", "--lcores=1@0", NULL };
	rte_log_set_global_level(RTE_LOG_CRIT);
	if (rel_init(ex) < 0)
		return 2;
	struct ctl *c = ctl_get();
	if (c == NULL)
		return 3;
	void *blk[32] = { 0 };
	const struct rte_memzone *mz[4] = { 0 };
	struct rte_mempool *mp[2] = { 0 };
	char name[64];
	srand(seed);
	c->victim_ready = (int)getpid();
	for (unsigned int i = 0;; i++) {
		unsigned int r = (unsigned int)rand(), k = r >> 8;
		switch (r % 10) {
		case 0: case 1: case 2: case 3:
			rte_free(blk[k % 32]);
			blk[k % 32] = rte_malloc("v", 16 + k % 4000, 0);
			break;
		case 4: case 5:
			rte_free(blk[k % 32]);
			blk[k % 32] = rte_zmalloc("vl", 8192 + (k % 6) * 200000, 0);
			break;
		case 6:
			blk[k % 32] = rte_realloc(blk[k % 32], 64 + k % 300000, 0);
			break;
		case 7:
			if (mz[k % 4]) {
				rte_memzone_free(mz[k % 4]);
				mz[k % 4] = NULL;
			} else {
				snprintf(name, sizeof(name), "v%d_%u", (int)getpid(), i);
				mz[k % 4] = rte_memzone_reserve(name, 4096 + k % 500000, SOCKET_ID_ANY, 0);
			}
			break;
		default:
			if (mp[k % 2]) {
				rte_mempool_free(mp[k % 2]);
				mp[k % 2] = NULL;
			} else {
				snprintf(name, sizeof(name), "vp%d_%u", (int)getpid(), i);
				mp[k % 2] = rte_mempool_create(name, 127, 128, (k & 1) ? 16 : 0, 0, NULL,
							       NULL, NULL, NULL, SOCKET_ID_ANY, 0);
			}
			break;
		}
	}
}

/* One step of a checked alloc/free loop over live[n]: free the oldest after
 * checking its pattern, allocate a new one. 0 or -1 (lost memory). */
static int churn(void **live, size_t *sz, unsigned int n, unsigned int i, unsigned int seed)
{
	unsigned int k = i % n;
	if (live[k] != NULL) {
		if (!check_pattern(live[k], sz[k], seed + k))
			return -1;
		rte_free(live[k]);
	}
	sz[k] = (i % 13 == 0) ? 10000 + (i * 7919u) % 600000 : 16 + (i * 131u) % 4000;
	live[k] = rte_malloc("churn", sz[k], 0);
	if (live[k] == NULL)
		return -1;
	fill_pattern(live[k], sz[k], seed + k);
	return 0;
}

static int survivor(int idx)
{
	static const char *const ex0[] = { "--proc-type=secondary", "--lcores=2@0", NULL };
	static const char *const ex1[] = { "--proc-type=secondary", "--lcores=3@0", NULL };
	rte_log_set_global_level(RTE_LOG_CRIT);
	alarm(120);   /* default action: die, which the parent reports */
	if (rel_init(idx ? ex1 : ex0) < 0)
		return 2;
	struct ctl *c = ctl_get();
	if (c == NULL)
		return 3;
	void *live[16] = { 0 };
	size_t sz[16];
	for (unsigned int i = 0; !c->stop; i++) {
		if (churn(live, sz, 16, i, 1000u * (unsigned int)(idx + 1)) < 0) {
			c->bad[idx]++;
			break;
		}
		c->progress[idx]++;
	}
	for (int k = 0; k < 16; k++)
		rte_free(live[k]);
	rte_eal_cleanup();
	return 0;
}

static void wait_progress(struct ctl *c, int round)
{
	uint64_t p0 = c->progress[0], p1 = c->progress[1];
	long end = rel_ms() + 10000;
	while ((c->progress[0] == p0 || c->progress[1] == p1) && rel_ms() < end)
		usleep(1000);
	CHECK_MSG(c->progress[0] != p0 && c->progress[1] != p1,
		  "round %d: a surviving secondary made no progress for 10 s after the kill", round);
}

static void heap_totals(size_t *bytes, size_t *count)
{
	*bytes = *count = 0;
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		struct rte_malloc_socket_stats st;
		if (rte_malloc_heap_socket_is_external(s) != 0)
			continue;
		if (rte_malloc_get_socket_stats(s, &st) == 0) {
			*bytes += st.heap_allocsz_bytes;
			*count += st.alloc_count;
		}
	}
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "victim") == 0) {
		snprintf(rel_prefix, sizeof(rel_prefix), "%s", argv[2]);
		return victim((unsigned int)atoi(argv[3]));
	}
	if (argc == 4 && strcmp(argv[1], "survivor") == 0) {
		snprintf(rel_prefix, sizeof(rel_prefix), "%s", argv[2]);
		return survivor(atoi(argv[3]));
	}
	int rounds = argc > 1 ? atoi(argv[1]) : 50;
	struct ctl *c = rel_primary("relkill", 240, "rel_kill_ctl", sizeof(*c));
	/* the first mempool creates the shared ops-name table (a memzone that
	 * stays): make it ours before the baseline */
	struct rte_mempool *mp0 = rte_mempool_create("rel_first_pool", 63, 64, 0, 0, NULL, NULL,
						     NULL, NULL, SOCKET_ID_ANY, 0);
	REQUIRE(mp0 != NULL);
	rte_mempool_free(mp0);
	size_t base_bytes, base_count;
	heap_totals(&base_bytes, &base_count);

	pid_t surv[2];
	for (int i = 0; i < 2; i++) {
		char a[8];
		snprintf(a, sizeof(a), "%d", i);
		surv[i] = rel_spawn(argv[0], "survivor", a);
		REQUIRE(surv[i] > 0);
	}
	long end = rel_ms() + 20000;
	while ((c->progress[0] == 0 || c->progress[1] == 0) && rel_ms() < end)
		usleep(1000);
	REQUIRE(c->progress[0] != 0 && c->progress[1] != 0);

	srand((unsigned int)time(NULL) ^ (unsigned int)getpid());
	void *live[16] = { 0 };
	size_t sz[16];
	int survived = 0, killed_in_init = 0;
	for (int round = 0; round < rounds && !test_failures; round++) {
		char seed[16];
		snprintf(seed, sizeof(seed), "%d", rand());
		c->victim_ready = 0;
		pid_t v = rel_spawn(argv[0], "victim", seed);
		REQUIRE(v > 0);
		/* a third of the kills land during rte_eal_init, the rest in the loop */
		if (round % 3 != 0) {
			long e = rel_ms() + 10000;
			while (c->victim_ready != v && rel_ms() < e)
				usleep(200);
			CHECK_MSG(c->victim_ready == v, "round %d: victim never got going", round);
		} else {
			killed_in_init++;
		}
		usleep((useconds_t)(rand() % 8000));
		rel_kill(v);
		/* the primary's own checked loop: the next rte_malloc is where a
		 * lock the victim held would hang */
		for (unsigned int i = 0; i < 200; i++)
			if (churn(live, sz, 16, (unsigned int)round * 200 + i, 7) < 0) {
				CHECK_MSG(0, "round %d: primary lost memory or a block's contents", round);
				break;
			}
		if (round % 10 == 9) {
			struct rte_mempool *mp = rte_mempool_create("rel_pri_pool", 255, 64, 0, 0, NULL,
								    NULL, NULL, NULL, SOCKET_ID_ANY, 0);
			CHECK_MSG(mp != NULL, "round %d: mempool create after the kill", round);
			rte_mempool_free(mp);
		}
		wait_progress(c, round);
		if (!test_failures)
			survived++;
	}
	c->stop = 1;
	for (int i = 0; i < 2; i++) {
		int st = rel_wait(surv[i], 20000);
		CHECK_MSG(st == 0, "survivor %d ended with %d (bad %d)", i, st, c->bad[i]);
	}
	for (int k = 0; k < 16; k++)
		rte_free(live[k]);
	int problems = eal_heap_verify(stderr);
	CHECK_MSG(problems == 0, "heap check: %d problem(s)", problems);

	size_t now_bytes, now_count, ex_bytes = 0, ex_count = 0;
	heap_totals(&now_bytes, &now_count);
	for (unsigned int h = 0; h < heap_root_ptr->nheaps; h++) {
		size_t b, n;
		if (!heap_root_ptr->heaps[h].in_use || heap_root_ptr->heaps[h].external)
			continue;
		heap_exited_held(h, &b, &n);
		ex_bytes += b;
		ex_count += n;
	}
	CHECK_MSG(now_bytes == base_bytes + ex_bytes && now_count == base_count + ex_count,
		  "allocated %zu bytes / %zu blocks; at start %zu / %zu; held by exited "
		  "processes %zu / %zu", now_bytes, now_count, base_bytes, base_count, ex_bytes,
		  ex_count);
	printf("%d of %d rounds survived (%d killed during init); %" PRIu64 " dead lock "
	       "holder(s) recovered in this process; %zu bytes in %zu blocks held by exited "
	       "processes\n", survived, rounds, killed_in_init, eal_shlock_recoveries(), ex_bytes,
	       ex_count);
	rte_memzone_free(rte_memzone_lookup("rel_kill_ctl"));
	rte_eal_cleanup();
	return test_done();
}
