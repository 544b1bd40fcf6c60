/* rte_eal_alarm_set/cancel: alarms fire once, in deadline order, on the
 * interrupt thread; cancel returns the count (wildcard argument too), ENOENT
 * when none; an alarm may set itself again from its callback; cancelling
 * from inside the alarm reports EINPROGRESS; cancel waits for a running
 * alarm; bad arguments. */
#include <rte_alarm.h>
#include <rte_cycles.h>
#include <rte_interrupts.h>
#include "test.h"

static char fired[16];
static int nfired, on_intr, rearms, self_cancel_rc, self_cancel_errno;
static int slow_done, slow_started;

static void note(void *arg)
{
	__atomic_fetch_add(&on_intr, rte_thread_is_intr(), __ATOMIC_RELAXED);
	int i = __atomic_load_n(&nfired, __ATOMIC_RELAXED);
	if (i < 16)
		fired[i] = (char)(uintptr_t)arg;
	__atomic_store_n(&nfired, i + 1, __ATOMIC_RELEASE);
}

static void rearm(void *arg)
{
	if (__atomic_add_fetch(&rearms, 1, __ATOMIC_ACQ_REL) < 3)
		CHECK(rte_eal_alarm_set(1000, rearm, arg) == 0);
}

static void self_cancel(void *arg)
{
	__atomic_store_n(&self_cancel_rc, rte_eal_alarm_cancel(self_cancel, arg), __ATOMIC_RELAXED);
	__atomic_store_n(&self_cancel_errno, rte_errno, __ATOMIC_RELEASE);
}

static void slow(void *arg)
{
	RTE_SET_USED(arg);
	__atomic_store_n(&slow_started, 1, __ATOMIC_RELEASE);
	rte_delay_us_sleep(100000);
	__atomic_store_n(&slow_done, 1, __ATOMIC_RELAXED);
}

/* Bounded waits: 30 s, never reached on a working run however loaded. */
static int wait_n(int *p, int n)
{
	uint64_t end = rte_get_timer_cycles() + 30 * rte_get_timer_hz();
	while (__atomic_load_n(p, __ATOMIC_ACQUIRE) < n && rte_get_timer_cycles() < end)
		rte_delay_us_sleep(1000);
	return __atomic_load_n(p, __ATOMIC_ACQUIRE) >= n;
}

int main(void)
{
	test_eal_init("bralarm", NULL);
	CHECK(rte_eal_alarm_set(0, note, NULL) == -EINVAL);
	CHECK(rte_eal_alarm_set(1000, NULL, NULL) == -EINVAL);
	CHECK(rte_eal_alarm_set(UINT64_MAX, note, NULL) == -EINVAL);
	CHECK(rte_eal_alarm_cancel(NULL, NULL) == -1 && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_eal_alarm_cancel(note, NULL) == 0 && rte_errno == ENOENT);

	/* order by deadline, not by call: 'c' is set first but due a second
	 * later; 'a' then 'b' are set in deadline order (no timing assumption
	 * short of a one-second stall between two calls) */
	CHECK(rte_eal_alarm_set(1000000, note, (void *)'c') == 0);
	CHECK(rte_eal_alarm_set(1000, note, (void *)'a') == 0);
	CHECK(rte_eal_alarm_set(2000, note, (void *)'b') == 0);
	CHECK(wait_n(&nfired, 3));
	CHECK(memcmp(fired, "abc", 3) == 0 && __atomic_load_n(&on_intr, __ATOMIC_RELAXED) == 3);
	rte_delay_us_sleep(20000);
	CHECK(__atomic_load_n(&nfired, __ATOMIC_ACQUIRE) == 3);   /* each fired once */

	/* cancel: exact argument, then wildcard (due in 10 s: cancelled long
	 * before, even when a loaded machine stalls the test between calls) */
	CHECK(rte_eal_alarm_set(10000000, note, (void *)'x') == 0);
	CHECK(rte_eal_alarm_set(10000000, note, (void *)'y') == 0);
	CHECK(rte_eal_alarm_set(10000000, note, (void *)'y') == 0);
	CHECK(rte_eal_alarm_cancel(note, (void *)'x') == 1);
	CHECK(rte_eal_alarm_cancel(note, (void *)-1) == 2);
	rte_delay_us_sleep(10000);
	CHECK(__atomic_load_n(&nfired, __ATOMIC_ACQUIRE) == 3);

	/* an alarm that sets itself again */
	CHECK(rte_eal_alarm_set(1000, rearm, NULL) == 0);
	CHECK(wait_n(&rearms, 3));

	/* cancel from inside the alarm itself */
	CHECK(rte_eal_alarm_set(1000, self_cancel, (void *)1) == 0);
	uint64_t end = rte_get_timer_cycles() + 30 * rte_get_timer_hz();
	while (__atomic_load_n(&self_cancel_errno, __ATOMIC_ACQUIRE) == 0 && rte_get_timer_cycles() < end)
		rte_delay_us_sleep(1000);
	CHECK(__atomic_load_n(&self_cancel_errno, __ATOMIC_ACQUIRE) == EINPROGRESS &&
	      __atomic_load_n(&self_cancel_rc, __ATOMIC_RELAXED) == 0);

	/* cancel waits for a running alarm */
	CHECK(rte_eal_alarm_set(1000, slow, NULL) == 0);
	CHECK(wait_n(&slow_started, 1));   /* it is running now (it sleeps 100 ms) */
	rte_eal_alarm_cancel(slow, NULL);
	CHECK(__atomic_load_n(&slow_done, __ATOMIC_RELAXED) == 1);   /* cancel's lock ordered it */

	/* pending alarms do not outlive cleanup */
	CHECK(rte_eal_alarm_set(1000000, note, NULL) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
