/* SPDX-License-Identifier: BSD-3-Clause
 * Heap statistics stay exact however blocks are freed.
 *  1. 1000 blocks of 256 B allocated by one lcore thread and freed by
 *     another lcore thread (then by an unregistered thread): the socket
 *     stats are back at their baseline, bytes and count.
 *  2. More threads than cores (registered and unregistered) pass blocks to
 *     each other through a shared slot table for a while, each freeing what
 *     others allocated; when everything is freed the stats are back at
 *     their baseline exactly and the heap checker finds nothing.
 * usage: test_rel_stats [seconds]   (default 2) */
#include <pthread.h>
#include <rte_malloc.h>
#include <rte_lcore.h>
#include "rel_test.h"
#include "../heap/heap_test.h"

#define NBLK 1000
static void *blocks[NBLK];

static void totals(size_t *bytes, size_t *count)
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

static void *alloc_all(void *arg)
{
	if (arg)
		rte_thread_register();
	for (int i = 0; i < NBLK; i++)
		blocks[i] = rte_malloc(NULL, 256, 0);
	if (arg)
		rte_thread_unregister();
	return NULL;
}

static void *free_all(void *arg)
{
	if (arg)
		rte_thread_register();
	for (int i = 0; i < NBLK; i++)
		rte_free(blocks[i]);
	if (arg)
		rte_thread_unregister();
	return NULL;
}

static void run2(void *(*a)(void *), void *aa, void *(*b)(void *), void *ba)
{
	pthread_t t;
	REQUIRE(pthread_create(&t, NULL, a, aa) == 0);
	pthread_join(t, NULL);
	REQUIRE(pthread_create(&t, NULL, b, ba) == 0);
	pthread_join(t, NULL);
}

#define NSLOT 512
static void *slot[NSLOT];
static volatile int stop;
static int lost;

static void *mixer(void *arg)
{
	uintptr_t id = (uintptr_t)arg;
	int reg = id % 3 != 2;   /* every third thread stays unregistered */
	if (reg && rte_thread_register() < 0)
		reg = 0;
	unsigned int r = (unsigned int)id * 2654435761u + 1;
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		r = r * 1103515245u + 12345u;
		unsigned int k = (r >> 8) % NSLOT;
		void *p = __atomic_exchange_n(&slot[k], NULL, __ATOMIC_ACQ_REL);
		if (p != NULL) {
			size_t sz = ((size_t *)p)[0];
			if (sz < 16 || ((unsigned char *)p)[sz - 1] != (unsigned char)sz)
				__atomic_fetch_add(&lost, 1, __ATOMIC_RELAXED);
			rte_free(p);
			continue;
		}
		size_t sz = (r % 61 == 0) ? 9000 + (r >> 4) % 200000 : 16 + (r >> 4) % 3000;
		p = rte_malloc("mix", sz, 0);
		if (p == NULL) {
			__atomic_fetch_add(&lost, 1, __ATOMIC_RELAXED);
			continue;
		}
		((size_t *)p)[0] = sz;
		((unsigned char *)p)[sz - 1] = (unsigned char)sz;
		void *old = __atomic_exchange_n(&slot[k], p, __ATOMIC_ACQ_REL);
		if (old != NULL)
			rte_free(old);
	}
	if (reg)
		rte_thread_unregister();
	return NULL;
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 2.0;
	rel_watchdog(120);
	test_eal_init("relstats", NULL);
	size_t b0, c0, b, c;
	totals(&b0, &c0);

	/* 1. one thread allocates, another frees */
	run2(alloc_all, (void *)1, free_all, (void *)1);
	totals(&b, &c);
	CHECK_MSG(b == b0 && c == c0, "lcore->lcore frees: alloc %zu B / %zu, baseline %zu / %zu",
		  b, c, b0, c0);
	run2(alloc_all, (void *)1, free_all, NULL);
	totals(&b, &c);
	CHECK_MSG(b == b0 && c == c0, "lcore->unregistered frees: alloc %zu B / %zu, baseline "
		  "%zu / %zu", b, c, b0, c0);
	run2(alloc_all, NULL, free_all, (void *)1);
	totals(&b, &c);
	CHECK_MSG(b == b0 && c == c0, "unregistered->lcore frees: alloc %zu B / %zu, baseline "
		  "%zu / %zu", b, c, b0, c0);

	/* 2. more threads than cores, everybody frees everybody's blocks */
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int nthr = (int)(ncpu > 0 ? ncpu : 2) * 2 + 4;
	if (nthr > 24)
		nthr = 24;
	pthread_t t[24];
	for (int i = 0; i < nthr; i++)
		REQUIRE(pthread_create(&t[i], NULL, mixer, (void *)(uintptr_t)i) == 0);
	usleep((useconds_t)(secs * 1e6));
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (int i = 0; i < nthr; i++)
		pthread_join(t[i], NULL);
	for (int k = 0; k < NSLOT; k++)
		rte_free(slot[k]);
	CHECK_MSG(lost == 0, "%d blocks lost or damaged", lost);
	totals(&b, &c);
	CHECK_MSG(b == b0 && c == c0, "%d threads: alloc %zu B / %zu after freeing everything, "
		  "baseline %zu / %zu", nthr, b, c, b0, c0);
	HEAP_VERIFY("cross-thread churn");
	rte_eal_cleanup();
	return test_done();
}
