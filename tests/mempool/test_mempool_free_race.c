/* rte_mempool_free racing the registry readers: freer threads create and
 * free pools in a loop while walker threads run rte_mempool_walk and lookup
 * threads run rte_mempool_lookup (under rte_mcfg_mempool_read_lock, as DPDK
 * programs hold it to use the result). Every pool a reader is handed must be
 * whole for as long as the reader holds it: linked to its own memzone, with
 * the name and size it was created with. Before the registry took the
 * mempool list lock, a walk callback could get a pool that another thread
 * had already freed (link cleared, memory given back). More threads than
 * cores; bounded loops.
 * usage: test_mempool_free_race [rounds] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_eal_memconfig.h>
#include <rte_mempool.h>
#include <rte_memzone.h>
#include "test.h"

#define FREERS 3
#define WALKERS 2
#define LOOKERS 2
#define POOL_N 63
#define POOL_ELT 40

static unsigned int rounds = 20000;
static int stop, readers_up;
static unsigned long seen, bad, lookups_found;

static int pool_whole(const struct rte_mempool *mp)
{
	const struct rte_memzone *mz = __atomic_load_n(&mp->mz, __ATOMIC_ACQUIRE);
	return mz != NULL && mz->addr == mp && strncmp(mp->name, "race_", 5) == 0 &&
	       mp->size == POOL_N && mp->elt_size >= POOL_ELT;
}

static void walk_cb(struct rte_mempool *mp, void *arg)
{
	(void)arg;
	if (strncmp(mp->name, "race_", 5) != 0 && mp->mz != NULL)
		return;   /* another pool of the process */
	__atomic_fetch_add(&seen, 1, __ATOMIC_RELAXED);
	/* hold it a little, as a dump or telemetry reader would */
	for (volatile int i = 0; i < 200; i++)
		;
	if (!pool_whole(mp))
		__atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED);
}

static void count_edge(struct rte_mempool *mp, void *arg)
{
	if (strncmp(mp->name, "edge", 4) == 0)
		(*(int *)arg)++;
}

static void *freer(void *arg)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	snprintf(name, sizeof(name), "race_%d", (int)(intptr_t)arg);
	/* bounded wait for the readers to be running */
	for (int t = 0; t < 2000 && __atomic_load_n(&readers_up, __ATOMIC_ACQUIRE) < WALKERS + LOOKERS; t++)
		usleep(1000);
	for (unsigned int r = 0; r < rounds; r++) {
		struct rte_mempool *mp = rte_mempool_create(name, POOL_N, POOL_ELT, 0, 0, NULL, NULL,
							    NULL, NULL, SOCKET_ID_ANY, 0);
		if (mp == NULL) {
			__atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED);
			fprintf(stderr, "create %s: %s\n", name, rte_strerror(rte_errno));
			break;
		}
		rte_mempool_free(mp);
	}
	return NULL;
}

static void *walker(void *arg)
{
	(void)arg;
	__atomic_fetch_add(&readers_up, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE))
		rte_mempool_walk(walk_cb, NULL);
	return NULL;
}

static void *looker(void *arg)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	unsigned int i = (unsigned int)(intptr_t)arg;
	__atomic_fetch_add(&readers_up, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		snprintf(name, sizeof(name), "race_%u", i++ % FREERS);
		rte_mcfg_mempool_read_lock();
		struct rte_mempool *mp = rte_mempool_lookup(name);
		if (mp != NULL) {
			__atomic_fetch_add(&lookups_found, 1, __ATOMIC_RELAXED);
			if (!pool_whole(mp) || strcmp(mp->name, name) != 0)
				__atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED);
		}
		rte_mcfg_mempool_read_unlock();
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		rounds = (unsigned int)atoi(argv[1]);
	test_eal_init("mp_free_race", NULL);
	pthread_t f[FREERS], w[WALKERS], l[LOOKERS];
	for (int i = 0; i < WALKERS; i++)
		REQUIRE(pthread_create(&w[i], NULL, walker, NULL) == 0);
	for (int i = 0; i < LOOKERS; i++)
		REQUIRE(pthread_create(&l[i], NULL, looker, (void *)(intptr_t)i) == 0);
	for (int i = 0; i < FREERS; i++)
		REQUIRE(pthread_create(&f[i], NULL, freer, (void *)(intptr_t)i) == 0);
	for (int i = 0; i < FREERS; i++)
		pthread_join(f[i], NULL);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < WALKERS; i++)
		pthread_join(w[i], NULL);
	for (int i = 0; i < LOOKERS; i++)
		pthread_join(l[i], NULL);
	printf("walk callbacks on race pools: %lu, lookups found: %lu, torn/freed pools seen: %lu\n",
	       seen, lookups_found, bad);
	CHECK_MSG(bad == 0, "%lu readers were handed a pool that was freed or half-built", bad);
	/* a walk callback may still create and free pools (the lock is recursive) */
	for (int i = 0; i < FREERS; i++) {
		char name[RTE_MEMPOOL_NAMESIZE];
		snprintf(name, sizeof(name), "race_%d", i);
		CHECK(rte_mempool_lookup(name) == NULL);
	}
	/* a pool whose name looks like another pool's chunk zone ("edge_5"
	 * beside "edge", whose chunk is MP_edge_0) is still walked */
	struct rte_mempool *e = rte_mempool_create("edge", POOL_N, POOL_ELT, 0, 0, NULL, NULL, NULL, NULL,
						   SOCKET_ID_ANY, 0);
	struct rte_mempool *e5 = rte_mempool_create("edge_5", POOL_N, POOL_ELT, 0, 0, NULL, NULL, NULL,
						    NULL, SOCKET_ID_ANY, 0);
	REQUIRE(e != NULL && e5 != NULL);
	int nedge = 0;
	rte_mempool_walk(count_edge, &nedge);
	CHECK_MSG(nedge == 2, "walk saw %d of the 2 edge pools", nedge);
	rte_mempool_free(e5);
	rte_mempool_free(e);
	rte_eal_cleanup();
	return test_done();
}
