/* SPDX-License-Identifier: BSD-3-Clause
 * Thread hammer for concurrency tests: run one work function at the same
 * time on every EAL worker lcore, on extra pthreads registered as non-EAL
 * lcores (so there are more threads than cores), and, if asked, on the
 * calling main lcore, then wait for all of them.
 *
 * Spin-waiting code (MP/MC rings, spinlocks) crawls when a thread holding a
 * reservation or lock is preempted while more threads than cores spin behind
 * it, so each run also gets a time budget: work functions poll
 * hammer_past_deadline() and stop early. This bounds the run time only;
 * nothing asserts on speed. */
#ifndef DPLITE_TEST_HAMMER_H
#define DPLITE_TEST_HAMMER_H
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <time.h>
#include <rte_lcore.h>
#include <rte_launch.h>

#define HAMMER_MAX_THREADS 64

typedef void (*hammer_work_fn)(unsigned int seed);

static struct timespec hammer_deadline;
static hammer_work_fn hammer_work;
static int hammer_register_failures;

static inline int hammer_past_deadline(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > hammer_deadline.tv_sec ||
	       (now.tv_sec == hammer_deadline.tv_sec && now.tv_nsec > hammer_deadline.tv_nsec);
}

static void *hammer_thread(void *arg)
{
	if (rte_thread_register() != 0)
		__atomic_fetch_add(&hammer_register_failures, 1, __ATOMIC_RELAXED);
	hammer_work((unsigned int)(uintptr_t)arg);
	/* no cleanup of per-lcore state on purpose (e.g. mempool caches stay
	 * populated): callers check that counts survive the thread */
	rte_thread_unregister();
	return NULL;
}

static int hammer_lcore(void *arg)
{
	hammer_work((unsigned int)(uintptr_t)arg);
	return 0;
}

/* Run work on all worker lcores plus nthreads extra pthreads (at most
 * HAMMER_MAX_THREADS), and on the calling lcore too when main_seed != 0,
 * for at most budget_s seconds. Returns how many extra threads failed to
 * register as lcores (0 expected). */
static inline int hammer_run(hammer_work_fn work, int nthreads, unsigned int main_seed,
			     int budget_s)
{
	pthread_t th[HAMMER_MAX_THREADS];
	pthread_attr_t attr;
	cpu_set_t cpus;
	unsigned int lc;
	int i, started = 0;

	if (nthreads > HAMMER_MAX_THREADS)
		nthreads = HAMMER_MAX_THREADS;
	hammer_work = work;
	hammer_register_failures = 0;
	clock_gettime(CLOCK_MONOTONIC, &hammer_deadline);
	hammer_deadline.tv_sec += budget_s;
	RTE_LCORE_FOREACH_WORKER(lc)
		rte_eal_remote_launch(hammer_lcore, (void *)(uintptr_t)(lc * 31 + 7), lc);
	/* Extra threads may run on any CPU: otherwise they would inherit the
	 * main lcore's pinning and all share one core. */
	CPU_ZERO(&cpus);
	for (i = 0; i < CPU_SETSIZE; i++)
		CPU_SET(i, &cpus);
	pthread_attr_init(&attr);
	pthread_attr_setaffinity_np(&attr, sizeof(cpus), &cpus);
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&th[started], &attr, hammer_thread,
				   (void *)(uintptr_t)(i + 1000)) == 0)
			started++;
	pthread_attr_destroy(&attr);
	if (main_seed != 0)
		work(main_seed);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	rte_eal_mp_wait_lcore();
	return hammer_register_failures + (nthreads - started);
}
#endif
