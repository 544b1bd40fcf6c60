/* Concurrency: more threads than cores (EAL lcores plus registered pthreads)
 * move a fixed set of distinct tokens between a stack and private buffers.
 * Each token carries an "out" flag: taking one that is already out means it
 * was handed out twice. At the end every token is back, exactly once.
 * argv: threads iterations */
#include <pthread.h>
#include <time.h>
#include <rte_stack.h>
#include <rte_lcore.h>
#include "test.h"

#define NTOK 1024
static struct rte_stack *stk;
static uint8_t out_flag[NTOK];
static int iters;
static int dup_seen, lost_seen;
static struct timespec deadline;

/* A preempted lock holder with more threads than cores spinning behind it
 * makes the standard stack crawl; each run also has a time budget (bounds
 * the run time only; nothing asserts on speed). */
static int past_deadline(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > deadline.tv_sec ||
	       (now.tv_sec == deadline.tv_sec && now.tv_nsec > deadline.tv_nsec);
}

static void work(unsigned int seed)
{
	void *held[32];

	for (int it = 0; it < iters; it++) {
		if ((it & 63) == 0 && past_deadline())
			break;
		unsigned int n = 1 + rand_r(&seed) % 32, i;
		if (rte_stack_pop(stk, held, n) != n)
			continue;
		for (i = 0; i < n; i++) {
			uintptr_t t = (uintptr_t)held[i] - 1;
			if (t >= NTOK || __atomic_exchange_n(&out_flag[t], 1, __ATOMIC_RELAXED))
				__atomic_fetch_add(&dup_seen, 1, __ATOMIC_RELAXED);
		}
		for (i = 0; i < n; i++)
			__atomic_store_n(&out_flag[(uintptr_t)held[i] - 1], 0, __ATOMIC_RELAXED);
		if (rte_stack_push(stk, held, n) != n)
			__atomic_fetch_add(&lost_seen, 1, __ATOMIC_RELAXED);
	}
}

/* Extra pthreads register as non-EAL lcores, like a DPDK app's helpers. */
static void *worker(void *arg)
{
	if (rte_thread_register() != 0)
		__atomic_fetch_add(&lost_seen, 1000, __ATOMIC_RELAXED);
	work((unsigned int)(uintptr_t)arg);
	rte_thread_unregister();
	return NULL;
}

static int lcore_fn(void *arg)
{
	work((unsigned int)(uintptr_t)arg);
	return 0;
}

static void run(uint32_t flags, int nthreads)
{
	pthread_t th[64];
	unsigned int lc;
	void *all[NTOK];

	stk = rte_stack_create(flags ? "stress_lf" : "stress_std", NTOK, SOCKET_ID_ANY, flags);
	REQUIRE(stk != NULL);
	for (uintptr_t i = 0; i < NTOK; i++)
		all[i] = (void *)(i + 1);
	REQUIRE(rte_stack_push(stk, all, NTOK) == NTOK);
	dup_seen = lost_seen = 0;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += 2;
	RTE_LCORE_FOREACH_WORKER(lc)
		rte_eal_remote_launch(lcore_fn, (void *)(uintptr_t)(lc + 77), lc);
	for (int i = 0; i < nthreads; i++)
		pthread_create(&th[i], NULL, worker, (void *)(uintptr_t)(i + 1));
	for (int i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	rte_eal_mp_wait_lcore();
	CHECK_MSG(dup_seen == 0, "%d duplicates (flags %x)", dup_seen, flags);
	CHECK_MSG(lost_seen == 0, "%d lost (flags %x)", lost_seen, flags);
	CHECK(rte_stack_count(stk) == NTOK);
	memset(all, 0, sizeof(all));
	CHECK(rte_stack_pop(stk, all, NTOK) == NTOK);
	static uint8_t seen[NTOK];
	memset(seen, 0, sizeof(seen));
	for (int i = 0; i < NTOK; i++) {
		uintptr_t t = (uintptr_t)all[i] - 1;
		CHECK(t < NTOK && !seen[t]);
		if (t < NTOK)
			seen[t] = 1;
	}
	CHECK(rte_stack_count(stk) == 0);
	rte_stack_free(stk);
}

int main(int argc, char **argv)
{
	int nthreads = argc > 1 ? atoi(argv[1]) : 6;
	iters = argc > 2 ? atoi(argv[2]) : 200000;
	if (nthreads > 64)
		nthreads = 64;
	static const char *const extra[] = { "-l", "0-1", NULL };
	test_eal_init("stack_stress", extra);
	run(0, nthreads);
	run(RTE_STACK_F_LF, nthreads);
	rte_eal_cleanup();
	return test_done();
}
