/* SPDX-License-Identifier: BSD-3-Clause
 * Deterministic companion of test_rel_kill: a secondary runs a fixed script
 * of large-block updates (new span, carve with a front gap and a tail, frees
 * merging with either and both neighbours, realloc growing into and
 * shrinking onto a free neighbour, a memzone, a span released to the page
 * layer, slabs of small blocks taken and given back) with the heap's test-only kill points armed (heap_kill_countdown,
 * heap_private.h): it raises SIGKILL at the Nth point, which sit between the
 * shared stores of each update. The primary sweeps N = 1, 2, ... until the
 * script completes; after every kill it takes the heap lock (the repair
 * runs), the checker must find nothing wrong, and the blocks the dead
 * process had recorded must free cleanly.
 *
 * usage: test_rel_kill_points [max points]   (default 2000) */
#include <rte_malloc.h>
#include <rte_memzone.h>
#include "rel_test.h"
#include "../heap/heap_test.h"
#include <inttypes.h>
#include "heap_private.h"

#define NSLOT 8

struct ctl {
	void *volatile p[NSLOT];       /* live blocks of the script */
	volatile int mz;               /* the script's memzone exists */
	volatile unsigned int passed;  /* points passed by a completed script */
};

static struct ctl *ctl_get(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup("rel_kp_ctl");
	return mz ? mz->addr : NULL;
}

static void *put(struct ctl *c, int i, void *p)
{
	c->p[i] = p;
	return p;
}

static void drop(struct ctl *c, int i)
{
	void *p = c->p[i];
	rte_free(p);
	c->p[i] = NULL;
}

/* The script; every block goes in a slot as soon as it exists. */
static int script(struct ctl *c)
{
	const size_t K = 1024, M = K * K;
	if (put(c, 0, rte_malloc("kp", 3 * M, 0)) == NULL)   /* a new span */
		return 1;
	for (int i = 1; i <= 3; i++)                           /* carves with a tail */
		if (put(c, i, rte_malloc("kp", 100 * K, 0)) == NULL)
			return 2;
	drop(c, 2);    /* neighbours live */
	drop(c, 1);    /* merges with the free block after it */
	drop(c, 3);    /* merges with both neighbours */
	if (put(c, 4, rte_malloc("kp", 50 * K, 64 * K)) == NULL)   /* front gap */
		return 3;
	if (put(c, 5, rte_malloc("kp", 40 * K, 0)) == NULL)
		return 4;
	void *q = rte_realloc(c->p[5], 200 * K, 0);                /* grows in place */
	if (q == NULL)
		return 5;
	c->p[5] = q;
	q = rte_realloc(c->p[5], 20 * K, 0);                       /* shrinks, tail merges */
	if (q == NULL)
		return 6;
	c->p[5] = q;
	c->mz = 1;
	const struct rte_memzone *mz = rte_memzone_reserve("rel_kp_mz", 300 * K, SOCKET_ID_ANY, 0);
	if (mz == NULL)
		return 7;
	rte_memzone_free(mz);
	c->mz = 0;
	drop(c, 0);
	drop(c, 4);
	drop(c, 5);
	if (put(c, 6, rte_malloc("kp", 6 * M, 0)) == NULL)   /* a span of its own */
		return 8;
	drop(c, 6);    /* goes back to the page layer */
	/* small blocks: slabs from the heap and back (a small segment may
	 * come and go); a killed script leaves these to the cache rebuild */
	static void *sm[200];
	for (int i = 0; i < 200; i++)
		if ((sm[i] = rte_malloc("kps", 8192 - (size_t)(i % 2) * 4096, 0)) == NULL)
			return 9;
	for (int i = 0; i < 200; i++)
		rte_free(sm[i]);
	return 0;
}

static int child(int n)
{
	static const char *const ex[] = { "--proc-type=secondary", "--lcores=1@0", NULL };
	rte_log_set_global_level(RTE_LOG_CRIT);
	if (rel_init(ex) < 0)
		return 2;
	struct ctl *c = ctl_get();
	if (c == NULL)
		return 3;
	__atomic_store_n(&heap_kill_passed, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&heap_kill_countdown, n, __ATOMIC_RELAXED);
	int rc = script(c);
	__atomic_store_n(&heap_kill_countdown, 0, __ATOMIC_RELAXED);
	c->passed = __atomic_load_n(&heap_kill_passed, __ATOMIC_RELAXED);
	if (rc != 0)
		return 10 + rc;
	rte_eal_cleanup();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "child") == 0) {
		snprintf(rel_prefix, sizeof(rel_prefix), "%s", argv[2]);
		return child(atoi(argv[3]));
	}
	int max = argc > 1 ? atoi(argv[1]) : 2000;
	struct ctl *c = rel_primary("relkp", 600, "rel_kp_ctl", sizeof(*c));
	int n, kills = 0, done = 0;
	for (n = 1; n <= max && !test_failures; n++) {
		char a[16];
		snprintf(a, sizeof(a), "%d", n);
		pid_t pid = rel_spawn(argv[0], "child", a);
		REQUIRE(pid > 0);
		int st = rel_wait(pid, 60000);
		if (st == 0) {
			CHECK_MSG(c->passed < (unsigned int)n, "point %d: script completed after "
				  "%u points without being killed", n, c->passed);
			done = 1;
			break;
		}
		CHECK_MSG(st == 128 + SIGKILL, "point %d: child ended with %d", n, st);
		kills++;
		/* the next lock taker repairs; then the checker */
		void *p = rte_malloc("kp_probe", 64 * 1024, 0);
		CHECK_MSG(p != NULL, "point %d: malloc after the kill", n);
		rte_free(p);
		int problems = eal_heap_verify(stderr);
		CHECK_MSG(problems == 0, "point %d: heap check after the kill: %d problem(s)", n,
			  problems);
		/* what the dead script held frees cleanly */
		for (int i = 0; i < NSLOT; i++) {
			rte_free(c->p[i]);
			c->p[i] = NULL;
		}
		if (c->mz) {
			const struct rte_memzone *mz = rte_memzone_lookup("rel_kp_mz");
			if (mz)
				rte_memzone_free(mz);
			c->mz = 0;
		}
		problems = eal_heap_verify(stderr);
		CHECK_MSG(problems == 0, "point %d: heap check after freeing the dead script's "
			  "blocks: %d problem(s)", n, problems);
	}
	CHECK_MSG(done, "the script never completed within %d points", max);
	CHECK_MSG(kills >= 40, "only %d kill points were reached", kills);
	printf("%d kill points swept; %" PRIu64 " dead lock holder(s) recovered\n", kills,
	       eal_shlock_recoveries());
	rte_memzone_free(rte_memzone_lookup("rel_kp_ctl"));
	rte_eal_cleanup();
	return test_done();
}
