/* rte_ring_lookup racing rte_ring_create / rte_ring_free of the same names
 * in other threads. A ring that lookup returns must be whole while the
 * caller holds the tailq read lock (as DPDK programs hold it): its memzone
 * link set, its name, and size/mask/capacity consistent with its zone. The
 * creator fills the header and publishes it under the tailq write lock, and
 * free unpublishes under it before the zone goes; without that, a reader
 * could take a header being rewritten (TSan reports the race even when the
 * torn state is not caught). Sizes alternate so a stale header from an
 * earlier ring does not fit a later zone. More threads than cores; bounded. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_eal_memconfig.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include "test.h"

#define MAKERS 2
#define READERS 3

static unsigned int rounds = 4000;
static int stop, readers_up;
static unsigned long found, bad;

static int ring_whole(const struct rte_ring *r, const char *name)
{
	const struct rte_memzone *mz = __atomic_load_n(&r->memzone, __ATOMIC_ACQUIRE);
	return mz != NULL && mz->addr == r && strcmp(r->name, name) == 0 &&
	       r->size != 0 && (r->size & r->mask) == 0 && r->mask == r->size - 1 &&
	       r->capacity <= r->mask && mz->len >= (size_t)rte_ring_get_memsize(r->size);
}

static void *maker(void *arg)
{
	char name[RTE_RING_NAMESIZE];
	snprintf(name, sizeof(name), "lkrace_%d", (int)(intptr_t)arg);
	for (int t = 0; t < 2000 && __atomic_load_n(&readers_up, __ATOMIC_ACQUIRE) < READERS; t++)
		usleep(1000);
	for (unsigned int i = 0; i < rounds; i++) {
		struct rte_ring *r = rte_ring_create(name, (i & 1) ? 4096 : 64, SOCKET_ID_ANY, 0);
		if (r == NULL) {
			fprintf(stderr, "create %s: %s\n", name, rte_strerror(rte_errno));
			__atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED);
			break;
		}
		rte_ring_free(r);
	}
	return NULL;
}

static void *reader(void *arg)
{
	char name[RTE_RING_NAMESIZE];
	unsigned int i = (unsigned int)(intptr_t)arg;
	__atomic_fetch_add(&readers_up, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		snprintf(name, sizeof(name), "lkrace_%u", i++ % MAKERS);
		rte_mcfg_tailq_read_lock();
		struct rte_ring *r = rte_ring_lookup(name);
		if (r != NULL) {
			__atomic_fetch_add(&found, 1, __ATOMIC_RELAXED);
			if (!ring_whole(r, name))
				__atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED);
		}
		rte_mcfg_tailq_read_unlock();
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		rounds = (unsigned int)atoi(argv[1]);
	test_eal_init("ring_lookup_race", NULL);
	pthread_t m[MAKERS], rd[READERS];
	for (int i = 0; i < READERS; i++)
		REQUIRE(pthread_create(&rd[i], NULL, reader, (void *)(intptr_t)i) == 0);
	for (int i = 0; i < MAKERS; i++)
		REQUIRE(pthread_create(&m[i], NULL, maker, (void *)(intptr_t)i) == 0);
	for (int i = 0; i < MAKERS; i++)
		pthread_join(m[i], NULL);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < READERS; i++)
		pthread_join(rd[i], NULL);
	printf("lookups that found a ring: %lu, torn or dying rings seen: %lu\n", found, bad);
	CHECK_MSG(bad == 0, "%lu lookups returned a ring that was not whole", bad);
	CHECK(rte_ring_lookup("lkrace_0") == NULL && rte_ring_lookup("lkrace_1") == NULL);
	rte_eal_cleanup();
	return test_done();
}
