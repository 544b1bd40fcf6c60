/* SPDX-License-Identifier: BSD-3-Clause
 * rte_thread.h: threads as DPDK 22.11 names them, over pthreads.
 * rte_thread_t carries the pthread_t; functions return 0 or a positive errno
 * (DPDK's convention for this API), keys return 0/-1 with rte_errno.
 * Owns nothing shared; calls only libc and rte_log. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_thread.h>

struct eal_tls_key {
	pthread_key_t key;
};

struct thread_start {
	rte_thread_func fn;
	void *arg;
};

static void *thread_trampoline(void *p)
{
	struct thread_start ts = *(struct thread_start *)p;
	free(p);
	return (void *)(uintptr_t)ts.fn(ts.arg);
}

int rte_thread_create(rte_thread_t *thread_id, const rte_thread_attr_t *attr, rte_thread_func fn, void *arg)
{
	if (thread_id == NULL || fn == NULL) {
		RTE_LOG(ERR, EAL, "rte_thread_create: NULL thread id or function\n");
		return EINVAL;
	}
	struct thread_start *ts = malloc(sizeof(*ts));
	if (ts == NULL)
		return ENOMEM;
	ts->fn = fn;
	ts->arg = arg;

	pthread_attr_t pa;
	pthread_attr_init(&pa);
	int rc = 0;
	if (attr != NULL) {
		if (CPU_COUNT(&attr->cpuset) > 0)
			rc = pthread_attr_setaffinity_np(&pa, sizeof(attr->cpuset), &attr->cpuset);
		if (rc == 0 && attr->priority == RTE_THREAD_PRIORITY_REALTIME_CRITICAL) {
			struct sched_param sp = { .sched_priority = sched_get_priority_max(SCHED_RR) };
			rc = pthread_attr_setinheritsched(&pa, PTHREAD_EXPLICIT_SCHED);
			if (rc == 0)
				rc = pthread_attr_setschedpolicy(&pa, SCHED_RR);
			if (rc == 0)
				rc = pthread_attr_setschedparam(&pa, &sp);
		}
	}
	pthread_t t;
	if (rc == 0)
		rc = pthread_create(&t, &pa, thread_trampoline, ts);
	pthread_attr_destroy(&pa);
	if (rc != 0) {
		RTE_LOG(ERR, EAL, "rte_thread_create: %s\n", strerror(rc));
		free(ts);
		return rc;
	}
	thread_id->opaque_id = (uintptr_t)t;
	return 0;
}

int rte_thread_join(rte_thread_t thread_id, uint32_t *value_ptr)
{
	void *res;
	int rc = pthread_join((pthread_t)thread_id.opaque_id, &res);
	if (rc != 0) {
		RTE_LOG(ERR, EAL, "rte_thread_join: %s\n", strerror(rc));
		return rc;
	}
	if (value_ptr)
		*value_ptr = (uint32_t)(uintptr_t)res;
	return 0;
}

int rte_thread_detach(rte_thread_t thread_id)
{
	return pthread_detach((pthread_t)thread_id.opaque_id);
}

rte_thread_t rte_thread_self(void)
{
	rte_thread_t t;
	t.opaque_id = (uintptr_t)pthread_self();
	return t;
}

int rte_thread_equal(rte_thread_t t1, rte_thread_t t2)
{
	return pthread_equal((pthread_t)t1.opaque_id, (pthread_t)t2.opaque_id);
}

int rte_thread_attr_init(rte_thread_attr_t *attr)
{
	if (attr == NULL)
		return EINVAL;
	memset(attr, 0, sizeof(*attr));
	attr->priority = RTE_THREAD_PRIORITY_NORMAL;
	CPU_ZERO(&attr->cpuset);
	return 0;
}

int rte_thread_attr_set_priority(rte_thread_attr_t *attr, enum rte_thread_priority priority)
{
	if (attr == NULL || (priority != RTE_THREAD_PRIORITY_NORMAL &&
			     priority != RTE_THREAD_PRIORITY_REALTIME_CRITICAL))
		return EINVAL;
	attr->priority = priority;
	return 0;
}

int rte_thread_attr_set_affinity(rte_thread_attr_t *attr, rte_cpuset_t *cpuset)
{
	if (attr == NULL || cpuset == NULL)
		return EINVAL;
	attr->cpuset = *cpuset;
	return 0;
}

int rte_thread_attr_get_affinity(rte_thread_attr_t *attr, rte_cpuset_t *cpuset)
{
	if (attr == NULL || cpuset == NULL)
		return EINVAL;
	*cpuset = attr->cpuset;
	return 0;
}

int rte_thread_set_affinity_by_id(rte_thread_t thread_id, const rte_cpuset_t *cpuset)
{
	if (cpuset == NULL)
		return EINVAL;
	return pthread_setaffinity_np((pthread_t)thread_id.opaque_id, sizeof(*cpuset), cpuset);
}

int rte_thread_get_affinity_by_id(rte_thread_t thread_id, rte_cpuset_t *cpuset)
{
	if (cpuset == NULL)
		return EINVAL;
	return pthread_getaffinity_np((pthread_t)thread_id.opaque_id, sizeof(*cpuset), cpuset);
}

int rte_thread_get_priority(rte_thread_t thread_id, enum rte_thread_priority *priority)
{
	int policy;
	struct sched_param sp;
	if (priority == NULL)
		return EINVAL;
	int rc = pthread_getschedparam((pthread_t)thread_id.opaque_id, &policy, &sp);
	if (rc != 0)
		return rc;
	*priority = (policy == SCHED_RR || policy == SCHED_FIFO) ?
		RTE_THREAD_PRIORITY_REALTIME_CRITICAL : RTE_THREAD_PRIORITY_NORMAL;
	return 0;
}

int rte_thread_set_priority(rte_thread_t thread_id, enum rte_thread_priority priority)
{
	struct sched_param sp = { .sched_priority = 0 };
	int policy = SCHED_OTHER;
	if (priority == RTE_THREAD_PRIORITY_REALTIME_CRITICAL) {
		policy = SCHED_RR;
		sp.sched_priority = sched_get_priority_max(SCHED_RR);
	} else if (priority != RTE_THREAD_PRIORITY_NORMAL) {
		return EINVAL;
	}
	return pthread_setschedparam((pthread_t)thread_id.opaque_id, policy, &sp);
}

int rte_thread_key_create(rte_thread_key *key, void (*destructor)(void *))
{
	if (key == NULL) {
		RTE_LOG(ERR, EAL, "rte_thread_key_create: NULL key\n");
		rte_errno = EINVAL;
		return -1;
	}
	struct eal_tls_key *k = malloc(sizeof(*k));
	if (k == NULL) {
		rte_errno = ENOMEM;
		return -1;
	}
	int rc = pthread_key_create(&k->key, destructor);
	if (rc != 0) {
		RTE_LOG(ERR, EAL, "rte_thread_key_create: %s\n", strerror(rc));
		free(k);
		rte_errno = ENOEXEC;
		return -1;
	}
	*key = k;
	return 0;
}

int rte_thread_key_delete(rte_thread_key key)
{
	if (key == NULL) {
		RTE_LOG(ERR, EAL, "rte_thread_key_delete: NULL key\n");
		rte_errno = EINVAL;
		return -1;
	}
	int rc = pthread_key_delete(key->key);
	free(key);
	if (rc != 0) {
		rte_errno = ENOEXEC;
		return -1;
	}
	return 0;
}

int rte_thread_value_set(rte_thread_key key, const void *value)
{
	if (key == NULL) {
		RTE_LOG(ERR, EAL, "rte_thread_value_set: NULL key\n");
		rte_errno = EINVAL;
		return -1;
	}
	if (pthread_setspecific(key->key, value) != 0) {
		rte_errno = ENOEXEC;
		return -1;
	}
	return 0;
}

void *rte_thread_value_get(rte_thread_key key)
{
	if (key == NULL) {
		RTE_LOG(ERR, EAL, "rte_thread_value_get: NULL key\n");
		rte_errno = EINVAL;
		return NULL;
	}
	return pthread_getspecific(key->key);
}
