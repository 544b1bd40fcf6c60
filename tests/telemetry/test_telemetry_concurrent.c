/* SPDX-License-Identifier: BSD-3-Clause
 * Concurrent clients (more threads than cores) query every built-in command
 * while other threads create and free the objects being listed; every reply
 * must be valid JSON. A callback that blocks does not stop another client
 * from being served, and a worker lcore keeps running throughout. */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_telemetry.h>
#include "tel_test.h"

#define CLIENTS 12
#define QUERIES 300

static atomic_int stop_mutators;
static atomic_int bad_replies;
static atomic_ulong lcore_loops;
static atomic_int lcore_stop;

/* The heap's statistics (rte_malloc_get_socket_stats, the per-type
 * counters) are read with relaxed atomics while allocations write them with
 * plain stores (lib/eal heap.c/malloc.c): snapshots by design, but a race
 * for ThreadSanitizer. So /eal/heap_info and /eal/heap_types run
 * concurrently with allocations only in builds without it. Likewise
 * rte_mempool_create and rte_ring_create initialise the header after its
 * memzone can be found (the pool publishes with a release store, the ring
 * not at all), which ThreadSanitizer reports against a concurrent walk: its
 * build creates and frees only memzones and heap blocks meanwhile. */
#if defined(__SANITIZE_THREAD__)
#define TSAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TSAN_BUILD 1
#endif
#endif
#ifdef TSAN_BUILD
#define HEAP_INFO_REQ "/eal/heap_list"
#define HEAP_TYPES_REQ "/eal/heap_list"
#else
#define HEAP_INFO_REQ "/eal/heap_info,0"
#define HEAP_TYPES_REQ "/eal/heap_types"
#endif

static const char *const reqs[] = {
	"/", "/info", "/help,/ring/list", "/eal/params", "/eal/heap_list", HEAP_INFO_REQ,
	HEAP_TYPES_REQ, "/eal/memzone_list", "/eal/memzone_info,0", "/eal/memzone_info,3",
	"/eal/hugepages", "/eal/memseg_lists", "/eal/lcore/list", "/eal/lcore/info,0",
	"/mempool/list", "/mempool/info,conc_pool_0", "/mempool/info,conc_pool_1",
	"/ring/list", "/ring/info,conc_ring_0", "/ring/info,conc_ring_1", "/nosuch",
};

static void *client(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg;
	char path[512], banner[1024];
	static __thread char out[TT_BUF];
	tt_path(path, sizeof(path), 0);
	int fd = tc_connect(path, banner, sizeof(banner), 20000);
	if (fd < 0) {
		atomic_fetch_add(&bad_replies, 1);
		return NULL;
	}
	for (int i = 0; i < QUERIES; i++) {
		const char *r = reqs[rand_r(&seed) % (sizeof(reqs) / sizeof(reqs[0]))];
		ssize_t n = tc_query(fd, r, strlen(r), out, sizeof(out));
		struct jv *v = n > 0 ? jv_parse(out, (size_t)n) : NULL;
		size_t klen = strcspn(r, ",");
		if (v == NULL || v->t != JV_OBJ || v->n != 1 || strlen(v->keys[0]) != klen ||
		    strncmp(v->keys[0], r, klen) != 0) {
			fprintf(stderr, "bad reply to %s: %zd %.100s\n", r, n, n > 0 ? out : "");
			atomic_fetch_add(&bad_replies, 1);
		}
		jv_free(v);
	}
	close(fd);
	return NULL;
}

static void *mutator(void *arg)
{
	int k = (int)(uintptr_t)arg;
	char name[32];
	for (int i = 0; !atomic_load(&stop_mutators); i++) {
		struct rte_ring *r = NULL;
		struct rte_mempool *mp = NULL;
#ifndef TSAN_BUILD
		snprintf(name, sizeof(name), "conc_ring_%d", k);
		r = rte_ring_create(name, 256, SOCKET_ID_ANY, 0);
		snprintf(name, sizeof(name), "conc_pool_%d", k);
		mp = rte_mempool_create(name, 255, 64, 16, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
#endif
		snprintf(name, sizeof(name), "conc_mz_%d", k);
		const struct rte_memzone *mz = rte_memzone_reserve(name, 4096, SOCKET_ID_ANY, 0);
		void *p = rte_malloc("conc_type", 1000 + (size_t)i % 5000, 0);
		rte_free(p);
		rte_memzone_free(mz);
		rte_mempool_free(mp);
		rte_ring_free(r);
	}
	return NULL;
}

/* blocks until released (or 10 s) */
static pthread_mutex_t slow_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slow_cv = PTHREAD_COND_INITIALIZER;
static int slow_entered, slow_release;

static int slow_cmd(const char *c __rte_unused, const char *p __rte_unused, struct rte_tel_data *d)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	pthread_mutex_lock(&slow_mtx);
	slow_entered = 1;
	pthread_cond_broadcast(&slow_cv);
	while (!slow_release && pthread_cond_timedwait(&slow_cv, &slow_mtx, &ts) == 0)
		;
	pthread_mutex_unlock(&slow_mtx);
	rte_tel_data_string(d, "done");
	return 0;
}

static void *slow_client(void *arg)
{
	int *ok = arg;
	int fd = tt_connect();
	const struct jv *d;
	struct jv *v = tt_query(fd, "/test/slow", "/test/slow", &d);
	*ok = v && d->t == JV_STR && strcmp(d->s, "done") == 0;
	jv_free(v);
	close(fd);
	return NULL;
}

static int lcore_loop(void *arg __rte_unused)
{
	while (!atomic_load_explicit(&lcore_stop, memory_order_relaxed))
		atomic_fetch_add_explicit(&lcore_loops, 1, memory_order_relaxed);
	return 0;
}

int main(void)
{
	pthread_t c[CLIENTS], m[2], s;
	test_eal_init("tel_conc", NULL);
	REQUIRE(rte_telemetry_register_cmd("/test/slow", slow_cmd, "blocks") == 0);

	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	bool have_worker = worker < RTE_MAX_LCORE;
	if (have_worker)
		REQUIRE(rte_eal_remote_launch(lcore_loop, NULL, worker) == 0);

	/* a blocked callback does not block another client */
	int slow_ok = 0;
	REQUIRE(pthread_create(&s, NULL, slow_client, &slow_ok) == 0);
	pthread_mutex_lock(&slow_mtx);
	while (!slow_entered)
		pthread_cond_wait(&slow_cv, &slow_mtx);
	pthread_mutex_unlock(&slow_mtx);
	int fd = tt_connect();
	const struct jv *d;
	struct jv *v = tt_query(fd, "/info", "/info", &d);
	CHECK(v != NULL);
	jv_free(v);
	close(fd);
	pthread_mutex_lock(&slow_mtx);
	CHECK(slow_release == 0);     /* served while the slow one still waits */
	slow_release = 1;
	pthread_cond_broadcast(&slow_cv);
	pthread_mutex_unlock(&slow_mtx);
	pthread_join(s, NULL);
	CHECK(slow_ok);

	for (int i = 0; i < 2; i++)
		REQUIRE(pthread_create(&m[i], NULL, mutator, (void *)(uintptr_t)i) == 0);
	for (int i = 0; i < CLIENTS; i++)
		REQUIRE(pthread_create(&c[i], NULL, client, (void *)(uintptr_t)(i + 1)) == 0);
	for (int i = 0; i < CLIENTS; i++)
		pthread_join(c[i], NULL);
	atomic_store(&stop_mutators, 1);
	for (int i = 0; i < 2; i++)
		pthread_join(m[i], NULL);
	CHECK(atomic_load(&bad_replies) == 0);

	if (have_worker) {
		atomic_store(&lcore_stop, 1);
		rte_eal_wait_lcore(worker);
		CHECK(atomic_load(&lcore_loops) > 0);
	}
	rte_eal_cleanup();
	return test_done();
}
