/* SPDX-License-Identifier: BSD-3-Clause
 * rte_eal_alarm_set/cancel: one-shot alarms run on the EAL interrupt thread.
 *
 * Owns: a list of pending alarms sorted by deadline (CLOCK_MONOTONIC), one
 * timerfd always armed for the head of the list (or disarmed when empty),
 * and an ALARM interrupt handle on that timerfd whose callback fires every
 * due alarm.
 * Invariants (under alarm_lock): the timerfd's deadline is the head's; an
 * alarm being run is off the list and named by `running` until it returns,
 * so cancel can wait for it (or, from inside it, report EINPROGRESS).
 * Calls: the public interrupt API (interrupts.c), eal_register_hook. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/timerfd.h>
#include <rte_alarm.h>
#include <rte_common.h>
#include <rte_errno.h>
#include <rte_interrupts.h>
#include <rte_log.h>
#include "eal_private.h"

#define US_PER_S 1000000ULL

struct alarm {
	struct alarm *next;
	uint64_t deadline_ns;
	rte_eal_alarm_callback cb;
	void *arg;
};

static pthread_mutex_t alarm_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t alarm_done = PTHREAD_COND_INITIALIZER;
static struct alarm *alarms;
static struct alarm *running;           /* the alarm whose callback runs now */
static pthread_t running_thread;
static struct rte_intr_handle *alarm_handle;
static int alarm_tfd = -1;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Under alarm_lock: arm the timerfd for the head (absolute time). */
static void rearm(void)
{
	struct itimerspec its;
	memset(&its, 0, sizeof(its));
	if (alarms != NULL) {
		uint64_t d = alarms->deadline_ns;
		if (d == 0)
			d = 1;   /* 0 would disarm */
		its.it_value.tv_sec = (time_t)(d / 1000000000ULL);
		its.it_value.tv_nsec = (long)(d % 1000000000ULL);
	}
	if (timerfd_settime(alarm_tfd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		RTE_LOG(ERR, EAL, "alarm: timerfd_settime: %s\n", strerror(errno));
}

/* Interrupt-thread callback: run every due alarm, in deadline order. */
static void alarm_fire(void *arg)
{
	RTE_SET_USED(arg);
	pthread_mutex_lock(&alarm_lock);
	while (alarms != NULL && alarms->deadline_ns <= now_ns()) {
		struct alarm *a = alarms;
		alarms = a->next;
		running = a;
		running_thread = pthread_self();
		pthread_mutex_unlock(&alarm_lock);
		a->cb(a->arg);
		pthread_mutex_lock(&alarm_lock);
		running = NULL;
		free(a);
		pthread_cond_broadcast(&alarm_done);
	}
	if (alarm_tfd >= 0)
		rearm();
	pthread_mutex_unlock(&alarm_lock);
}

/* Under alarm_lock: timerfd + handle + callback, once per EAL lifetime. */
static int alarm_setup(void)
{
	if (alarm_tfd >= 0)
		return 0;
	alarm_tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (alarm_tfd < 0) {
		int err = errno;
		RTE_LOG(ERR, EAL, "alarm: timerfd_create: %s\n", strerror(err));
		return -err;
	}
	alarm_handle = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (alarm_handle == NULL)
		goto fail;
	rte_intr_fd_set(alarm_handle, alarm_tfd);
	rte_intr_type_set(alarm_handle, RTE_INTR_HANDLE_ALARM);
	int rc = rte_intr_callback_register(alarm_handle, alarm_fire, NULL);
	if (rc < 0) {
		rte_intr_instance_free(alarm_handle);
		alarm_handle = NULL;
		close(alarm_tfd);
		alarm_tfd = -1;
		return rc;
	}
	return 0;
fail:
	close(alarm_tfd);
	alarm_tfd = -1;
	return -ENOMEM;
}

int rte_eal_alarm_set(uint64_t us, rte_eal_alarm_callback cb_fn, void *cb_arg)
{
	if (us < 1 || us > UINT64_MAX / 1000 - US_PER_S || cb_fn == NULL) {
		RTE_LOG(ERR, EAL, "rte_eal_alarm_set: %s\n", cb_fn == NULL ? "NULL callback" : "bad delay");
		return -EINVAL;
	}
	struct alarm *a = calloc(1, sizeof(*a));
	if (a == NULL)
		return -ENOMEM;
	a->cb = cb_fn;
	a->arg = cb_arg;
	a->deadline_ns = now_ns() + us * 1000;

	pthread_mutex_lock(&alarm_lock);
	int rc = alarm_setup();
	if (rc < 0) {
		pthread_mutex_unlock(&alarm_lock);
		free(a);
		return rc;
	}
	struct alarm **pp = &alarms;   /* after equal deadlines: FIFO among equals */
	while (*pp && (*pp)->deadline_ns <= a->deadline_ns)
		pp = &(*pp)->next;
	a->next = *pp;
	*pp = a;
	if (alarms == a)
		rearm();
	pthread_mutex_unlock(&alarm_lock);
	return 0;
}

int rte_eal_alarm_cancel(rte_eal_alarm_callback cb_fn, void *cb_arg)
{
	if (cb_fn == NULL) {
		RTE_LOG(ERR, EAL, "rte_eal_alarm_cancel: NULL callback\n");
		rte_errno = EINVAL;
		return -1;
	}
	int count = 0;
	bool in_progress = false;
	pthread_mutex_lock(&alarm_lock);
	for (;;) {
		bool head_changed = false;
		for (struct alarm **pp = &alarms; *pp; ) {
			struct alarm *a = *pp;
			if (a->cb == cb_fn && (cb_arg == (void *)-1 || a->arg == cb_arg)) {
				head_changed |= (pp == &alarms);
				*pp = a->next;
				free(a);
				count++;
			} else {
				pp = &a->next;
			}
		}
		if (head_changed)
			rearm();
		struct alarm *r = running;
		if (r == NULL || r->cb != cb_fn || (cb_arg != (void *)-1 && r->arg != cb_arg))
			break;
		if (pthread_equal(running_thread, pthread_self())) {
			in_progress = true;   /* cancelling from inside the alarm itself */
			break;
		}
		/* wait for the running one to end, then look again: it may have
		 * set itself again */
		pthread_cond_wait(&alarm_done, &alarm_lock);
	}
	pthread_mutex_unlock(&alarm_lock);
	if (in_progress)
		rte_errno = EINPROGRESS;
	else if (count == 0)
		rte_errno = ENOENT;
	return count;
}

/* EAL cleanup: drop pending alarms and the timerfd. */
static void alarm_fini(void)
{
	pthread_mutex_lock(&alarm_lock);
	while (alarms) {
		struct alarm *a = alarms;
		alarms = a->next;
		free(a);
	}
	struct rte_intr_handle *h = alarm_handle;
	int tfd = alarm_tfd;
	alarm_handle = NULL;
	alarm_tfd = -1;
	pthread_mutex_unlock(&alarm_lock);
	if (h != NULL) {
		rte_intr_callback_unregister_sync(h, alarm_fire, (void *)-1);
		rte_intr_instance_free(h);
	}
	if (tfd >= 0)
		close(tfd);
}

RTE_INIT(alarm_register_hook)
{
	eal_register_hook("alarm", NULL, alarm_fini);
}
