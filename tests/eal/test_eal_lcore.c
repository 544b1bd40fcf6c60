/* Lcore launch/wait with return values, busy detection, per-lcore variables,
 * topology queries, and lcore ids for registered non-EAL threads (more
 * threads than cores, ids unique, released on unregister). */
#include <pthread.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_launch.h>
#include <rte_per_lcore.h>
#include <rte_cycles.h>
#include <rte_pause.h>
#include "test.h"

static RTE_DEFINE_PER_LCORE(int, counter);
static volatile int release_flag;
static int seen_lcore[RTE_MAX_LCORE];

static int bump(void *arg)
{
	RTE_PER_LCORE(counter) += (int)(intptr_t)arg;
	__atomic_fetch_add(&seen_lcore[rte_lcore_id()], 1, __ATOMIC_RELAXED);
	return RTE_PER_LCORE(counter);
}

static int spin_until_released(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&release_flag, __ATOMIC_ACQUIRE))
		rte_pause();
	return 7;
}

#define NTHREADS 16
static unsigned int reg_ids[NTHREADS];
static pthread_barrier_t barrier;

static void *registered_thread(void *arg)
{
	int idx = (int)(intptr_t)arg;
	CHECK(rte_lcore_id() == LCORE_ID_ANY);
	CHECK(rte_thread_register() == 0);
	reg_ids[idx] = rte_lcore_id();
	CHECK(reg_ids[idx] < RTE_MAX_LCORE);
	CHECK(rte_eal_lcore_role(reg_ids[idx]) == ROLE_NON_EAL);
	CHECK(!rte_lcore_is_enabled(reg_ids[idx]));   /* only EAL lcores are "enabled" */
	CHECK(rte_thread_register() == 0);            /* idempotent */
	pthread_barrier_wait(&barrier);               /* all hold their ids at once */
	rte_thread_unregister();
	CHECK(rte_lcore_id() == LCORE_ID_ANY);
	return NULL;
}

static int init_calls, uninit_calls;
static int cb_init(unsigned int id, void *arg) { (void)id; (void)arg; __atomic_fetch_add(&init_calls, 1, __ATOMIC_RELAXED); return 0; }
static void cb_uninit(unsigned int id, void *arg) { (void)id; (void)arg; __atomic_fetch_add(&uninit_calls, 1, __ATOMIC_RELAXED); }

int main(void)
{
	/* Four lcores on however many cpus exist: more threads than cores. */
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);
	const char *lc = ncpu >= 2 ? "--lcores=0@0,1@1,2@0,3@1" : "--lcores=(0-3)@0";
	test_eal_init("lcore", (const char *const[]){ lc, NULL });
	unsigned int id, n = 0;

	CHECK(rte_lcore_count() == 4);
	CHECK(rte_get_main_lcore() == 0 && rte_lcore_id() == 0);
	RTE_LCORE_FOREACH(id)
		n++;
	CHECK(n == 4);
	n = 0;
	RTE_LCORE_FOREACH_WORKER(id) {
		CHECK(id != rte_get_main_lcore());
		n++;
	}
	CHECK(n == 3);
	CHECK(rte_get_next_lcore(3, 0, 1) == 0);     /* wrap */
	CHECK(rte_get_next_lcore(3, 1, 1) == 1);     /* wrap, skip main */
	CHECK(rte_get_next_lcore(3, 0, 0) >= RTE_MAX_LCORE);
	CHECK(rte_lcore_index(2) == 2 && rte_lcore_index(-1) == 0 && rte_lcore_index(9) == -1);
	CHECK(rte_socket_count() >= 1);
	CHECK(rte_socket_id_by_idx(0) >= 0);
	CHECK(rte_socket_id_by_idx(rte_socket_count()) == -1 && rte_errno == EINVAL);
	CHECK(rte_lcore_to_socket_id(1) == (unsigned int)rte_socket_id_by_idx(0) || rte_socket_count() > 1);
	CHECK(rte_lcore_to_cpu_id(2) == 0);
	CHECK(rte_lcore_to_cpu_id(-1) == -1);
	CHECK(rte_socket_id() < RTE_MAX_NUMA_NODES);
	CHECK(rte_lcore_has_role(1, ROLE_RTE) == 1 && rte_lcore_has_role(99, ROLE_RTE) == 0);

	/* launch / wait with per-lcore state: each worker's counter is its own */
	for (int round = 1; round <= 3; round++) {
		RTE_LCORE_FOREACH_WORKER(id)
			CHECK(rte_eal_remote_launch(bump, (void *)(intptr_t)id, id) == 0);
		RTE_LCORE_FOREACH_WORKER(id)
			CHECK_MSG(rte_eal_wait_lcore(id) == (int)id * round, "lcore %u round %d", id, round);
	}
	CHECK(RTE_PER_LCORE(counter) == 0);   /* main's copy untouched */
	CHECK(rte_eal_wait_lcore(1) == 3);    /* already waiting: returns the last result */

	/* bad launches */
	CHECK(rte_eal_remote_launch(bump, NULL, 0) == -EINVAL);       /* main */
	CHECK(rte_eal_remote_launch(bump, NULL, 77) == -EINVAL);      /* not an lcore */
	CHECK(rte_eal_remote_launch(bump, NULL, RTE_MAX_LCORE) == -EINVAL);
	CHECK(rte_eal_remote_launch(NULL, NULL, 1) == -EINVAL);

	/* busy worker */
	release_flag = 0;
	CHECK(rte_eal_remote_launch(spin_until_released, NULL, 1) == 0);
	CHECK(rte_eal_get_lcore_state(1) == RUNNING);
	CHECK(rte_eal_remote_launch(bump, NULL, 1) == -EBUSY);
	CHECK(rte_eal_mp_remote_launch(bump, NULL, SKIP_MAIN) == -EBUSY);
	__atomic_store_n(&release_flag, 1, __ATOMIC_RELEASE);
	CHECK(rte_eal_wait_lcore(1) == 7);
	CHECK(rte_eal_get_lcore_state(1) == WAIT);

	/* mp launch with CALL_MAIN runs on every lcore including main */
	memset(seen_lcore, 0, sizeof(seen_lcore));
	CHECK(rte_eal_mp_remote_launch(bump, (void *)(intptr_t)1, CALL_MAIN) == 0);
	rte_eal_mp_wait_lcore();
	RTE_LCORE_FOREACH(id)
		CHECK_MSG(seen_lcore[id] == 1, "lcore %u ran %d times", id, seen_lcore[id]);

	/* lcore callbacks see existing lcores and registered threads */
	void *h = rte_lcore_callback_register("t", cb_init, cb_uninit, NULL);
	CHECK(h != NULL);
	CHECK(init_calls == 4);

	/* non-EAL threads: 16 threads on 2 cores, all registered at once */
	pthread_t th[NTHREADS];
	pthread_barrier_init(&barrier, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&th[i], NULL, registered_thread, (void *)(intptr_t)i);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < NTHREADS; i++)
		for (int j = i + 1; j < NTHREADS; j++)
			CHECK(reg_ids[i] != reg_ids[j]);
	CHECK(init_calls == 4 + NTHREADS && uninit_calls == NTHREADS);
	CHECK(rte_lcore_count() == 4);
	rte_lcore_callback_unregister(h);
	CHECK(uninit_calls == NTHREADS + 4);

	/* affinity: workers are pinned as asked */
	rte_cpuset_t set;
	rte_thread_get_affinity(&set);
	CHECK(CPU_ISSET(0, &set));

	CHECK(rte_eal_cleanup() == 0);
	CHECK(rte_lcore_id() == LCORE_ID_ANY);
	CHECK(rte_thread_register() == -1 && rte_errno == EINVAL);   /* no EAL */
	return test_done();
}
