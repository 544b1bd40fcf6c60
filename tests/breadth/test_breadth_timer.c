/* rte_timer as DPDK's timer example and test_timer use it: single and
 * periodic timers on several lcores (more lcores than CPUs), a callback that
 * stops its own periodic timer, reset to another lcore, a running timer on
 * another lcore cannot be changed (-1) until its callback ends,
 * rte_timer_next_ticks, extra instances (data_alloc, alt_reset,
 * alt_manage, stop_all), and bad input. Also rte_keepalive driven by a
 * timer. */
#include <rte_cycles.h>
#include <rte_keepalive.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_timer.h>
#include "test.h"

static struct rte_timer t_single, t_periodic, t_slow, t_move;
static int single_runs, single_lcore = -1, periodic_runs, slow_state, move_lcore = -1;
static int quit;

static void single_cb(struct rte_timer *t, void *arg)
{
	RTE_SET_USED(t);
	RTE_SET_USED(arg);
	single_lcore = (int)rte_lcore_id();
	__atomic_fetch_add(&single_runs, 1, __ATOMIC_RELEASE);
}

static void periodic_cb(struct rte_timer *t, void *arg)
{
	RTE_SET_USED(arg);
	if (__atomic_add_fetch(&periodic_runs, 1, __ATOMIC_ACQ_REL) == 5)
		CHECK(rte_timer_stop(t) == 0);   /* stops itself from its callback */
}

static void slow_cb(struct rte_timer *t, void *arg)
{
	RTE_SET_USED(t);
	RTE_SET_USED(arg);
	__atomic_store_n(&slow_state, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&slow_state, __ATOMIC_ACQUIRE) == 1 && !__atomic_load_n(&quit, __ATOMIC_RELAXED))
		rte_delay_us_sleep(1000);
}

static void move_cb(struct rte_timer *t, void *arg)
{
	RTE_SET_USED(t);
	RTE_SET_USED(arg);
	__atomic_store_n(&move_lcore, (int)rte_lcore_id(), __ATOMIC_RELEASE);
}

static int worker(void *arg)
{
	RTE_SET_USED(arg);
	while (!__atomic_load_n(&quit, __ATOMIC_RELAXED)) {
		rte_timer_manage();
		rte_delay_us_sleep(200);
	}
	return 0;
}

static int wait_int(int *p, int want)
{
	for (int i = 0; i < 5000; i++) {
		if (__atomic_load_n(p, __ATOMIC_ACQUIRE) >= want)
			return 1;
		rte_timer_manage();
		rte_delay_us_sleep(1000);
	}
	return 0;
}

static int alt_count;
static void alt_cb(struct rte_timer *t) { RTE_SET_USED(t); alt_count++; }
static int stopped_count;
static void stop_cb(struct rte_timer *t, void *arg) { RTE_SET_USED(t); RTE_SET_USED(arg); stopped_count++; }

static int failures_seen;
static void ka_fail(void *data, const int core) { RTE_SET_USED(data); if (core == 0) failures_seen++; }

int main(void)
{
	const char *extra[] = { "--lcores=(0-3)@(0-1)", NULL };
	test_eal_init("brtimer", extra);
	uint64_t hz = rte_get_timer_hz();

	CHECK(rte_timer_reset(&t_single, 1, SINGLE, 1, single_cb, NULL) == -EINVAL);   /* no subsystem */
	CHECK(rte_timer_manage() == -EINVAL);
	REQUIRE(rte_timer_subsystem_init() == 0);
	CHECK(rte_timer_subsystem_init() == -EALREADY);
	rte_timer_init(&t_single);
	rte_timer_init(&t_periodic);
	rte_timer_init(&t_slow);
	rte_timer_init(&t_move);
	CHECK(!rte_timer_pending(&t_single));
	CHECK(rte_timer_next_ticks() == -ENOENT);

	REQUIRE(rte_eal_remote_launch(worker, NULL, 1) == 0);
	REQUIRE(rte_eal_remote_launch(worker, NULL, 2) == 0);

	/* single on lcore 1 */
	CHECK(rte_timer_reset(&t_single, hz / 100, SINGLE, 1, single_cb, NULL) == 0);
	CHECK(rte_timer_pending(&t_single));
	CHECK(wait_int(&single_runs, 1) && single_lcore == 1);
	rte_delay_us_sleep(30000);
	CHECK(single_runs == 1 && !rte_timer_pending(&t_single));

	/* periodic on lcore 2, stopped by itself after 5 runs */
	CHECK(rte_timer_reset(&t_periodic, hz / 200, PERIODICAL, 2, periodic_cb, NULL) == 0);
	CHECK(wait_int(&periodic_runs, 5));
	rte_delay_us_sleep(50000);
	CHECK(periodic_runs == 5 && !rte_timer_pending(&t_periodic));

	/* on the main lcore: next_ticks and manage */
	CHECK(rte_timer_reset(&t_single, hz, SINGLE, 0, single_cb, NULL) == 0);
	int64_t left = rte_timer_next_ticks();
	CHECK(left >= 0 && (uint64_t)left <= hz);
	CHECK(rte_timer_stop(&t_single) == 0 && !rte_timer_pending(&t_single));
	CHECK(rte_timer_next_ticks() == -ENOENT);

	/* a pending timer moves to another lcore when reset */
	CHECK(rte_timer_reset(&t_move, hz * 10, SINGLE, 1, move_cb, NULL) == 0);
	CHECK(rte_timer_reset(&t_move, 1, SINGLE, 2, move_cb, NULL) == 0);
	CHECK(wait_int(&move_lcore, 0) && move_lcore == 2);

	/* while its callback runs on lcore 1, another lcore cannot touch it */
	CHECK(rte_timer_reset(&t_slow, 1, SINGLE, 1, slow_cb, NULL) == 0);
	CHECK(wait_int(&slow_state, 1));
	CHECK(rte_timer_stop(&t_slow) == -1);
	CHECK(rte_timer_reset(&t_slow, hz, SINGLE, 2, slow_cb, NULL) == -1);
	__atomic_store_n(&slow_state, 2, __ATOMIC_RELEASE);
	rte_timer_stop_sync(&t_slow);   /* retries until the callback is over */
	CHECK(!rte_timer_pending(&t_slow));

	/* an lcore that is not enabled */
	CHECK(rte_timer_reset(&t_single, hz, SINGLE, 100, single_cb, NULL) == -1);
	CHECK(rte_timer_reset(NULL, hz, SINGLE, 0, single_cb, NULL) == -EINVAL);

	/* a second instance: alt_reset/alt_manage/stop_all */
	uint32_t data_id;
	CHECK(rte_timer_data_alloc(NULL) == -EINVAL);
	REQUIRE(rte_timer_data_alloc(&data_id) == 0 && data_id != 0);
	static struct rte_timer many[50];
	for (int i = 0; i < 50; i++) {
		rte_timer_init(&many[i]);
		CHECK(rte_timer_alt_reset(data_id, &many[i], i < 20 ? 0 : hz * 100, SINGLE, 3, single_cb, NULL) == 0);
	}
	unsigned int poll[1] = { 3 };
	CHECK(rte_timer_alt_manage(data_id, poll, 1, alt_cb) == 0);
	CHECK_MSG(alt_count == 20, "alt_manage ran %d", alt_count);
	CHECK(rte_timer_stop_all(data_id, poll, 1, stop_cb, NULL) == 0);
	CHECK(stopped_count == 30 && !rte_timer_pending(&many[49]));
	CHECK(rte_timer_alt_stop(99, &many[0]) == -EINVAL);
	CHECK(rte_timer_data_dealloc(data_id) == 0);
	CHECK(rte_timer_data_dealloc(data_id) == -EINVAL);
	CHECK(rte_timer_dump_stats(stdout) == 0);

	/* keepalive: the main lcore marks itself alive once, then stops; the
	 * third ping it misses declares it dead, once */
	struct rte_keepalive *ka = rte_keepalive_create(ka_fail, NULL);
	REQUIRE(ka != NULL);
	rte_keepalive_register_core(ka, 0);
	rte_keepalive_register_core(ka, RTE_MAX_LCORE);   /* ignored, logged */
	rte_keepalive_dispatch_pings(NULL, ka);
	CHECK(failures_seen == 0);                          /* never marked: not judged */
	rte_keepalive_mark_alive(ka);
	for (int i = 0; i < 2; i++)
		rte_keepalive_dispatch_pings(NULL, ka);
	CHECK(failures_seen == 0);                          /* missing, then dead */
	rte_keepalive_dispatch_pings(NULL, ka);
	CHECK(failures_seen == 1);                          /* dead -> gone: reported */
	rte_keepalive_dispatch_pings(NULL, ka);
	CHECK(failures_seen == 1);
	rte_keepalive_mark_alive(ka);                      /* alive again: one ping later still fine */
	rte_keepalive_dispatch_pings(NULL, ka);
	rte_keepalive_mark_alive(ka);
	rte_keepalive_dispatch_pings(NULL, ka);
	CHECK(failures_seen == 1);
	rte_free(ka);

	__atomic_store_n(&quit, 1, __ATOMIC_RELAXED);
	rte_eal_mp_wait_lcore();
	rte_timer_subsystem_finalize();
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
