/* Heap statistics read while other threads allocate and free: the per-type
 * totals (rte_malloc_dump_stats) are read without the heap lock, from
 * counters that their single writer (the heap lock holder, the thread
 * owning a cache) updates. Those updates are atomic stores so the readers'
 * atomic loads never meet a plain write: the TSan build of this test (make
 * tsan, label concurrency) reported that race before. Here: more threads
 * than cores, small and large blocks, readers in a loop; afterwards the
 * totals are back where they started. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <rte_malloc.h>
#include "test.h"

#define WRITERS 3
#define READERS 2
#define ROUNDS 20000

static int stop;

static void *writer(void *arg)
{
	void *keep[16] = { 0 };
	unsigned int seed = (unsigned int)(uintptr_t)arg;
	for (unsigned int i = 0; i < ROUNDS; i++) {
		unsigned int k = i % 16;
		rte_free(keep[k]);
		seed = seed * 1103515245u + 12345u;
		size_t sz = (seed >> 8) % 4 == 0 ? 16384 + (seed >> 16) % 4096 : 64 + (seed >> 16) % 2000;
		keep[k] = rte_malloc("statrace", sz, 0);
	}
	for (unsigned int k = 0; k < 16; k++)
		rte_free(keep[k]);
	return NULL;
}

static void *reader(void *arg)
{
	(void)arg;
	FILE *null = fopen("/dev/null", "w");
	struct rte_malloc_socket_stats st;
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		rte_malloc_dump_stats(null, "statrace");
		rte_malloc_get_socket_stats(0, &st);
	}
	if (null)
		fclose(null);
	return NULL;
}

int main(void)
{
	test_eal_init("heap_stats_race", NULL);
	struct rte_malloc_socket_stats before, after;
	REQUIRE(rte_malloc_get_socket_stats(0, &before) == 0);
	pthread_t w[WRITERS], r[READERS];
	for (int i = 0; i < READERS; i++)
		REQUIRE(pthread_create(&r[i], NULL, reader, NULL) == 0);
	for (int i = 0; i < WRITERS; i++)
		REQUIRE(pthread_create(&w[i], NULL, writer, (void *)(uintptr_t)(i + 1)) == 0);
	for (int i = 0; i < WRITERS; i++)
		pthread_join(w[i], NULL);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < READERS; i++)
		pthread_join(r[i], NULL);
	REQUIRE(rte_malloc_get_socket_stats(0, &after) == 0);
	CHECK_MSG(after.alloc_count == before.alloc_count, "alloc_count %u, was %u", after.alloc_count,
		  before.alloc_count);
	CHECK_MSG(after.heap_allocsz_bytes == before.heap_allocsz_bytes, "allocated %zu, was %zu",
		  after.heap_allocsz_bytes, before.heap_allocsz_bytes);
	/* the per-type line says nothing of "statrace" is live */
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	REQUIRE(m != NULL);
	rte_malloc_dump_stats(m, "statrace");
	fclose(m);
	printf("%s", buf ? buf : "");
	free(buf);
	rte_eal_cleanup();
	return test_done();
}
