/* Concurrency: every EAL lcore plus extra registered pthreads (more threads
 * than the machine's cores) hammer get/put on one pool with random bulk
 * sizes. Each object carries an "out" flag that a getter swaps to 1: finding
 * it already 1 means the object was handed out twice. At the end, with all
 * caches still holding objects, the count must be exact, and draining the
 * pool must yield every object exactly once.
 * argv: extra_threads iterations */
#include <rte_mempool.h>
#include <rte_lcore.h>
#include "test.h"
#include "hammer.h"

#define NOBJ 2048
static struct rte_mempool *mp;
static int iters;
static int dup_seen;

static void work(unsigned int seed)
{
	void *held[96];

	for (int it = 0; it < iters; it++) {
		if ((it & 63) == 0 && hammer_past_deadline())
			break;
		unsigned int n = 1 + rand_r(&seed) % 96, i;
		if (rte_mempool_get_bulk(mp, held, n) != 0)
			continue;   /* others hold too many right now */
		for (i = 0; i < n; i++)
			if (__atomic_exchange_n((uint8_t *)held[i], 1, __ATOMIC_RELAXED) != 0)
				__atomic_fetch_add(&dup_seen, 1, __ATOMIC_RELAXED);
		for (i = 0; i < n; i++)
			__atomic_store_n((uint8_t *)held[i], 0, __ATOMIC_RELAXED);
		rte_mempool_put_bulk(mp, held, n);
		if ((it & 1023) == 0)
			rte_mempool_cache_flush(NULL, mp);
	}
}

static void clear_flag(struct rte_mempool *p, void *arg, void *obj, unsigned idx)
{
	(void)p; (void)arg; (void)idx;
	*(uint8_t *)obj = 0;
}

static void run(const char *ops, unsigned int cache, int nthreads)
{
	char name[32];

	snprintf(name, sizeof(name), "st_%s_%u", ops, cache);
	mp = rte_mempool_create_empty(name, NOBJ, 64, cache, 0, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	REQUIRE(rte_mempool_set_ops_byname(mp, ops, NULL) == 0);
	REQUIRE(rte_mempool_populate_default(mp) == NOBJ);
	rte_mempool_obj_iter(mp, clear_flag, NULL);
	dup_seen = 0;
	/* the main lcore takes part too; extra threads leave their caches
	 * populated, and the counts below must include them */
	CHECK(hammer_run(work, nthreads, 12345, 1) == 0);
	CHECK_MSG(dup_seen == 0, "%s: %d objects handed out twice", ops, dup_seen);
	CHECK_MSG(rte_mempool_avail_count(mp) == NOBJ, "%s: avail %u", ops,
		  rte_mempool_avail_count(mp));
	CHECK(rte_mempool_in_use_count(mp) == 0);
	if (cache)
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
			CHECK(mp->local_cache[i].len <= cache);
	/* Drain everything: each object exactly once. Use the backend and the
	 * caches directly since other lcores' caches are not ours to empty
	 * through get(). */
	static void *all[NOBJ];
	unsigned int got = 0;
	if (cache)
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
			struct rte_mempool_cache *c = &mp->local_cache[i];
			for (unsigned int k = 0; k < c->len; k++)
				all[got++] = c->objs[k];
			c->len = 0;
		}
	unsigned int rest = rte_mempool_ops_get_count(mp);
	CHECK(got + rest == NOBJ);
	if (got + rest == NOBJ)
		CHECK(rte_mempool_ops_dequeue_bulk(mp, &all[got], rest) == 0);
	for (unsigned int i = 0; i < NOBJ; i++) {
		CHECK(rte_mempool_from_obj(all[i]) == mp);
		CHECK(__atomic_exchange_n((uint8_t *)all[i], 1, __ATOMIC_RELAXED) == 0);
	}
	CHECK(rte_mempool_avail_count(mp) == 0);
	rte_mempool_free(mp);
}

int main(int argc, char **argv)
{
	int nthreads = argc > 1 ? atoi(argv[1]) : 4;
	iters = argc > 2 ? atoi(argv[2]) : 20000;
	static const char *const extra[] = { "-l", "0-1", NULL };
	test_eal_init("mempool_stress", extra);
	run("ring_mp_mc", 256, nthreads);
	run("ring_mp_mc", 0, nthreads);
	run("ring_mt_rts", 32, nthreads);
	run("ring_mt_hts", 32, nthreads);
	run("stack", 64, nthreads);
	run("lf_stack", 0, nthreads);
	run("lf_stack", 128, nthreads);
	rte_eal_cleanup();
	return test_done();
}
