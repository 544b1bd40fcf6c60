/* SPDX-License-Identifier: BSD-3-Clause
 * Lcores: topology from sysfs, one pinned thread per worker lcore, the launch
 * protocol, and lcore ids for registered non-EAL threads.
 *
 * Launch protocol (one mailbox per worker, guarded by its mutex/condvar):
 *   main: state must be WAIT -> store f/arg, state = RUNNING, signal.
 *   worker: sleeps until state == RUNNING, runs f, stores ret, state = WAIT,
 *           broadcasts. rte_eal_wait_lcore() sleeps until state == WAIT.
 * The mutex gives both sides the ordering they need: the worker sees f/arg
 * written before RUNNING, and the waiter sees ret written before WAIT. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <rte_lcore.h>
#include <rte_launch.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_pause.h>
#include "eal_private.h"

RTE_DEFINE_PER_LCORE(unsigned int, _lcore_id) = LCORE_ID_ANY;
RTE_DEFINE_PER_LCORE(rte_cpuset_t, _cpuset);

#define CPU_MAX 1024
/* rte_eal_wait_lcore() polls this many pause rounds (some microseconds)
 * before it sleeps. */
#define WAIT_POLL_ROUNDS 2000
static unsigned int cpu_socket[CPU_MAX];
static bool cpu_present[CPU_MAX];
static unsigned int cpu_n;                 /* highest present cpu + 1 */
static int socket_ids[RTE_MAX_NUMA_NODES]; /* sorted distinct socket ids */
static unsigned int socket_n;

struct lcore {
	pthread_t thread;
	bool thread_started;
	pthread_mutex_t mtx;
	pthread_cond_t cv;
	enum rte_lcore_state_t state;
	bool quit;
	lcore_function_t *f;
	void *arg;
	int ret;
	unsigned int socket_id;
	int cpu_id;                  /* first cpu of its set, -1 if none */
};
static struct lcore lcores[RTE_MAX_LCORE];
/* Roles are read without a lock on fast paths and changed under role_lock;
 * every access goes through role_get/role_set (relaxed atomics: a reader
 * needs an untorn value, not ordering with other data). */
static int lcore_role[RTE_MAX_LCORE];
static inline int role_get(unsigned int id) { return __atomic_load_n(&lcore_role[id], __ATOMIC_RELAXED); }
static inline void role_set(unsigned int id, int r) { __atomic_store_n(&lcore_role[id], r, __ATOMIC_RELAXED); }
static pthread_mutex_t role_lock = PTHREAD_MUTEX_INITIALIZER;

struct lcore_cb {
	char *name;
	rte_lcore_init_cb init;
	rte_lcore_uninit_cb uninit;
	void *arg;
	struct lcore_cb *next;
};
static struct lcore_cb *lcore_cbs;

int rte_sys_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

/* ---- topology -------------------------------------------------------------------- */
static unsigned int read_cpu_socket(unsigned int cpu)
{
	char path[128];
	for (unsigned int node = 0; node < RTE_MAX_NUMA_NODES; node++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/node%u", cpu, node);
		if (access(path, F_OK) == 0)
			return node;
	}
	return 0;
}

int eal_lcore_detect(void)
{
	cpu_n = 0;
	socket_n = 0;
	for (unsigned int cpu = 0; cpu < CPU_MAX; cpu++) {
		char path[128];
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u", cpu);
		cpu_present[cpu] = access(path, F_OK) == 0;
		if (!cpu_present[cpu])
			continue;
		cpu_socket[cpu] = read_cpu_socket(cpu);
		cpu_n = cpu + 1;
		bool known = false;
		for (unsigned int i = 0; i < socket_n; i++)
			known |= socket_ids[i] == (int)cpu_socket[cpu];
		if (!known && socket_n < RTE_MAX_NUMA_NODES)
			socket_ids[socket_n++] = (int)cpu_socket[cpu];
	}
	if (cpu_n == 0) {           /* no sysfs: trust sysconf */
		long n = sysconf(_SC_NPROCESSORS_CONF);
		cpu_n = n > 0 && n < CPU_MAX ? (unsigned int)n : 1;
		for (unsigned int c = 0; c < cpu_n; c++)
			cpu_present[c] = true;
		socket_ids[socket_n++] = 0;
	}
	/* insertion sort: socket index order follows id order */
	for (unsigned int i = 1; i < socket_n; i++)
		for (unsigned int j = i; j > 0 && socket_ids[j - 1] > socket_ids[j]; j--) {
			int t = socket_ids[j]; socket_ids[j] = socket_ids[j - 1]; socket_ids[j - 1] = t;
		}
	return 0;
}

unsigned int eal_cpu_count(void) { return cpu_n; }
bool eal_cpu_detected(unsigned int cpu) { return cpu < CPU_MAX && cpu_present[cpu]; }
unsigned int eal_cpu_socket_id(unsigned int cpu) { return cpu < CPU_MAX ? cpu_socket[cpu] : 0; }

/* ---- queries ------------------------------------------------------------------------ */
enum rte_lcore_role_t rte_eal_lcore_role(unsigned int id)
{
	if (id >= RTE_MAX_LCORE)
		return ROLE_OFF;
	return (enum rte_lcore_role_t)role_get(id);
}

int rte_lcore_has_role(unsigned int id, enum rte_lcore_role_t role)
{
	if (id >= RTE_MAX_LCORE)
		return -EINVAL;
	return role_get(id) == (int)role;
}

unsigned int rte_get_main_lcore(void) { return eal.opt.main_lcore; }
unsigned int rte_lcore_count(void) { return eal.lcore_count; }

int rte_lcore_is_enabled(unsigned int id)
{
	return id < RTE_MAX_LCORE && role_get(id) == ROLE_RTE;
}

int rte_lcore_index(int id)
{
	if (id >= RTE_MAX_LCORE)
		return -1;
	if (id < 0) {
		id = (int)rte_lcore_id();
		if (id == (int)LCORE_ID_ANY)
			return -1;
	}
	if (role_get(id) != ROLE_RTE)
		return -1;
	int idx = 0;
	for (int i = 0; i < id; i++)
		idx += role_get(i) == ROLE_RTE;
	return idx;
}

unsigned int rte_get_next_lcore(unsigned int i, int skip_main, int wrap)
{
	i++;
	if (wrap)
		i %= RTE_MAX_LCORE;
	while (i < RTE_MAX_LCORE) {
		if (role_get(i) == ROLE_RTE && !(skip_main && i == eal.opt.main_lcore))
			return i;
		i++;
		if (wrap)
			i %= RTE_MAX_LCORE;
	}
	return i;
}

unsigned int rte_socket_count(void) { return socket_n; }

int rte_socket_id_by_idx(unsigned int idx)
{
	if (idx >= socket_n) {
		rte_errno = EINVAL;
		return -1;
	}
	return socket_ids[idx];
}

unsigned int rte_lcore_to_socket_id(unsigned int id)
{
	return id < RTE_MAX_LCORE ? lcores[id].socket_id : 0;
}

int rte_lcore_to_cpu_id(int id)
{
	if (id < 0 || id >= RTE_MAX_LCORE)
		return -1;
	return lcores[id].cpu_id;
}

rte_cpuset_t rte_lcore_cpuset(unsigned int id)
{
	rte_cpuset_t empty;
	CPU_ZERO(&empty);
	if (id >= RTE_MAX_LCORE)
		return empty;
	return eal.opt.lcore_cpuset[id];
}

unsigned int rte_socket_id(void)
{
	unsigned int id = rte_lcore_id();
	if (id < RTE_MAX_LCORE)
		return lcores[id].socket_id;
	int cpu = sched_getcpu();
	return cpu >= 0 ? eal_cpu_socket_id((unsigned int)cpu) : 0;
}

/* ---- thread affinity ------------------------------------------------------------------- */
int rte_thread_set_affinity(rte_cpuset_t *set)
{
	if (pthread_setaffinity_np(pthread_self(), sizeof(*set), set) != 0)
		return -1;
	RTE_PER_LCORE(_cpuset) = *set;
	return 0;
}

void rte_thread_get_affinity(rte_cpuset_t *set)
{
	*set = RTE_PER_LCORE(_cpuset);
}

int rte_thread_setname(pthread_t id, const char *name)
{
	char buf[16];
	snprintf(buf, sizeof(buf), "%s", name);
	return -pthread_setname_np(id, buf);
}

int rte_thread_getname(pthread_t id, char *name, size_t len)
{
	return -pthread_getname_np(id, name, len);
}

/* ---- workers ------------------------------------------------------------------------------ */
static void *worker_main(void *p)
{
	struct lcore *lc = p;
	unsigned int id = (unsigned int)(lc - lcores);

	RTE_PER_LCORE(_lcore_id) = id;
	pthread_getaffinity_np(pthread_self(), sizeof(rte_cpuset_t), &RTE_PER_LCORE(_cpuset));
	pthread_mutex_lock(&lc->mtx);
	for (;;) {
		while (lc->state != RUNNING && !lc->quit)
			pthread_cond_wait(&lc->cv, &lc->mtx);
		if (lc->quit)
			break;
		lcore_function_t *f = lc->f;
		void *arg = lc->arg;
		pthread_mutex_unlock(&lc->mtx);
		int ret = f(arg);
		pthread_mutex_lock(&lc->mtx);
		lc->ret = ret;
		__atomic_store_n(&lc->state, WAIT, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&lc->cv);
	}
	pthread_mutex_unlock(&lc->mtx);
	return NULL;
}

static void lcore_init_slot(unsigned int id)
{
	struct lcore *lc = &lcores[id];
	pthread_mutex_init(&lc->mtx, NULL);
	pthread_cond_init(&lc->cv, NULL);
	__atomic_store_n(&lc->state, WAIT, __ATOMIC_RELEASE);
	lc->quit = false;
	lc->thread_started = false;
	lc->cpu_id = -1;
	for (unsigned int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &eal.opt.lcore_cpuset[id])) {
			lc->cpu_id = (int)c;
			break;
		}
	lc->socket_id = lc->cpu_id >= 0 ? eal_cpu_socket_id((unsigned int)lc->cpu_id) : 0;
}

int eal_lcores_start(void)
{
	unsigned int id;

	eal.lcore_count = 0;
	for (id = 0; id < RTE_MAX_LCORE; id++) {
		role_set(id, eal.opt.lcore_role[id]);
		if (role_get(id) != ROLE_RTE)
			continue;
		lcore_init_slot(id);
		eal.lcore_count++;
	}
	/* The calling thread becomes the main lcore. */
	RTE_PER_LCORE(_lcore_id) = eal.opt.main_lcore;
	rte_thread_set_affinity(&eal.opt.lcore_cpuset[eal.opt.main_lcore]);

	RTE_LCORE_FOREACH_WORKER(id) {
		struct lcore *lc = &lcores[id];
		pthread_attr_t attr;
		char name[32];
		pthread_attr_init(&attr);
		pthread_attr_setaffinity_np(&attr, sizeof(rte_cpuset_t), &eal.opt.lcore_cpuset[id]);
		int rc = pthread_create(&lc->thread, &attr, worker_main, lc);
		pthread_attr_destroy(&attr);
		if (rc != 0) {
			EAL_LOG(ERR, "cannot create thread for lcore %u: %s\n", id, strerror(rc));
			eal_lcores_stop();
			return -rc;
		}
		lc->thread_started = true;
		snprintf(name, sizeof(name), "lcore-worker-%u", id);
		pthread_setname_np(lc->thread, name);
	}
	return 0;
}

void eal_lcores_stop(void)
{
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		struct lcore *lc = &lcores[id];
		if (!lc->thread_started)
			continue;
		pthread_mutex_lock(&lc->mtx);
		while (lc->state == RUNNING)   /* let a running job finish */
			pthread_cond_wait(&lc->cv, &lc->mtx);
		lc->quit = true;
		pthread_cond_broadcast(&lc->cv);
		pthread_mutex_unlock(&lc->mtx);
		pthread_join(lc->thread, NULL);
		lc->thread_started = false;
	}
	pthread_mutex_lock(&role_lock);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		role_set(id, ROLE_OFF);
	pthread_mutex_unlock(&role_lock);
	eal.lcore_count = 0;
	RTE_PER_LCORE(_lcore_id) = LCORE_ID_ANY;
}

/* The child of a fork has none of the worker threads, and their mutexes may
 * have been held by a thread of the parent at fork time: clear the records
 * without locking or joining (the child is single-threaded here). */
void eal_lcores_forget(void)
{
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		lcores[id].thread_started = false;
		role_set(id, ROLE_OFF);
	}
	eal.lcore_count = 0;
	RTE_PER_LCORE(_lcore_id) = LCORE_ID_ANY;
}

int rte_eal_remote_launch(lcore_function_t *f, void *arg, unsigned int worker_id)
{
	if (f == NULL || worker_id >= RTE_MAX_LCORE ||
	    (role_get(worker_id) != ROLE_RTE && role_get(worker_id) != ROLE_SERVICE) ||
	    worker_id == eal.opt.main_lcore || !lcores[worker_id].thread_started)
		return -EINVAL;
	struct lcore *lc = &lcores[worker_id];
	pthread_mutex_lock(&lc->mtx);
	if (lc->state != WAIT) {
		pthread_mutex_unlock(&lc->mtx);
		return -EBUSY;
	}
	lc->f = f;
	lc->arg = arg;
	__atomic_store_n(&lc->state, RUNNING, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&lc->cv);
	pthread_mutex_unlock(&lc->mtx);
	return 0;
}

/* Service cores (service.c) move worker lcores between ROLE_RTE and
 * ROLE_SERVICE; only lcores that have a worker thread may change. */
int eal_lcore_role_set(unsigned int id, enum rte_lcore_role_t role)
{
	if (id >= RTE_MAX_LCORE || (role != ROLE_RTE && role != ROLE_SERVICE))
		return -EINVAL;
	pthread_mutex_lock(&role_lock);
	int cur = role_get(id);
	int rc = -EINVAL;
	if (lcores[id].thread_started && id != eal.opt.main_lcore &&
	    (cur == ROLE_RTE || cur == ROLE_SERVICE)) {
		role_set(id, role);
		rc = 0;
	}
	pthread_mutex_unlock(&role_lock);
	return rc;
}

int rte_eal_mp_remote_launch(lcore_function_t *f, void *arg,
			     enum rte_rmt_call_main_t call_main)
{
	unsigned int id;

	if (f == NULL)
		return -EINVAL;
	RTE_LCORE_FOREACH_WORKER(id)
		if (rte_eal_get_lcore_state(id) != WAIT)
			return -EBUSY;
	RTE_LCORE_FOREACH_WORKER(id)
		rte_eal_remote_launch(f, arg, id);
	if (call_main == CALL_MAIN) {
		struct lcore *lc = &lcores[eal.opt.main_lcore];
		lc->ret = f(arg);
	}
	return 0;
}

enum rte_lcore_state_t rte_eal_get_lcore_state(unsigned int id)
{
	if (id >= RTE_MAX_LCORE || !lcores[id].thread_started)
		return WAIT;
	struct lcore *lc = &lcores[id];
	pthread_mutex_lock(&lc->mtx);
	enum rte_lcore_state_t s = lc->state;
	pthread_mutex_unlock(&lc->mtx);
	return s;
}

int rte_eal_wait_lcore(unsigned int id)
{
	if (id >= RTE_MAX_LCORE || !lcores[id].thread_started)
		return 0;
	struct lcore *lc = &lcores[id];
	/* Poll for a while first, as DPDK's wait does (it never sleeps): a job
	 * that ends soon is seen at once, without a futex wake-up of this
	 * thread. Then sleep on the condition variable. The state word is
	 * written under the mutex with release stores; this relaxed peek only
	 * decides whether to stop polling, the mutex below gives the ordering
	 * for ret. */
	for (unsigned int spin = 0; spin < WAIT_POLL_ROUNDS; spin++) {
		if (__atomic_load_n(&lc->state, __ATOMIC_RELAXED) != RUNNING)
			break;
		rte_pause();
	}
	pthread_mutex_lock(&lc->mtx);
	while (lc->state == RUNNING)
		pthread_cond_wait(&lc->cv, &lc->mtx);
	int ret = lc->ret;
	pthread_mutex_unlock(&lc->mtx);
	return ret;
}

void rte_eal_mp_wait_lcore(void)
{
	unsigned int id;
	RTE_LCORE_FOREACH_WORKER(id)
		rte_eal_wait_lcore(id);
}

/* ---- non-EAL threads and callbacks -------------------------------------------------------------- */
/* Uninit, newest first, the callbacks from cb up to (not including) stop:
 * the undo of a partial run_init_cbs. Depth is the number of callbacks. */
static void uninit_cbs_reverse(struct lcore_cb *cb, struct lcore_cb *stop, unsigned int id)
{
	if (cb == stop)
		return;
	uninit_cbs_reverse(cb->next, stop, id);
	if (cb->uninit)
		cb->uninit(id, cb->arg);
}

/* A new lcore: init callbacks in registration order (the list keeps it);
 * when one refuses, the ones that already ran are rolled back, newest first,
 * as DPDK 22.11 does. */
static int run_init_cbs(unsigned int id)
{
	for (struct lcore_cb *cb = lcore_cbs; cb; cb = cb->next)
		if (cb->init && cb->init(id, cb->arg) != 0) {
			uninit_cbs_reverse(lcore_cbs, cb, id);
			return -1;
		}
	return 0;
}

int rte_thread_register(void)
{
	unsigned int id = rte_lcore_id();

	if (id != LCORE_ID_ANY)
		return 0;             /* already an lcore */
	if (!eal.initialised) {
		rte_errno = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&role_lock);
	for (id = 0; id < RTE_MAX_LCORE; id++)
		if (role_get(id) == ROLE_OFF)
			break;
	if (id == RTE_MAX_LCORE) {
		pthread_mutex_unlock(&role_lock);
		RTE_LOG(ERR, EAL, "no free lcore id for a non-EAL thread (max %d)\n", RTE_MAX_LCORE);
		rte_errno = ENOMEM;
		return -1;
	}
	role_set(id, ROLE_NON_EAL);
	eal.lcore_count++;
	lcores[id].socket_id = rte_socket_id();
	lcores[id].cpu_id = -1;
	if (run_init_cbs(id) != 0) {
		role_set(id, ROLE_OFF);
		eal.lcore_count--;
		pthread_mutex_unlock(&role_lock);
		rte_errno = ENOMEM;
		return -1;
	}
	pthread_mutex_unlock(&role_lock);
	RTE_PER_LCORE(_lcore_id) = id;
	pthread_getaffinity_np(pthread_self(), sizeof(rte_cpuset_t), &RTE_PER_LCORE(_cpuset));
	return 0;
}

void rte_thread_unregister(void)
{
	unsigned int id = rte_lcore_id();
	if (id >= RTE_MAX_LCORE || role_get(id) != ROLE_NON_EAL)
		return;
	pthread_mutex_lock(&role_lock);
	for (struct lcore_cb *cb = lcore_cbs; cb; cb = cb->next)
		if (cb->uninit)
			cb->uninit(id, cb->arg);
	role_set(id, ROLE_OFF);
	eal.lcore_count--;
	pthread_mutex_unlock(&role_lock);
	RTE_PER_LCORE(_lcore_id) = LCORE_ID_ANY;
}

void *rte_lcore_callback_register(const char *name, rte_lcore_init_cb init,
				  rte_lcore_uninit_cb uninit, void *arg)
{
	if (name == NULL)
		return NULL;
	struct lcore_cb *cb = calloc(1, sizeof(*cb));
	if (cb == NULL || (cb->name = strdup(name)) == NULL) {
		free(cb);
		return NULL;
	}
	cb->init = init;
	cb->uninit = uninit;
	cb->arg = arg;
	pthread_mutex_lock(&role_lock);
	/* run init for lcores already present; refuse if one fails */
	for (unsigned int id = 0; init && id < RTE_MAX_LCORE; id++) {
		if (role_get(id) == ROLE_OFF)
			continue;
		if (init(id, arg) != 0) {
			for (unsigned int u = id; uninit && u-- > 0;)   /* newest first */
				if (role_get(u) != ROLE_OFF)
					uninit(u, arg);
			pthread_mutex_unlock(&role_lock);
			free(cb->name);
			free(cb);
			return NULL;
		}
	}
	struct lcore_cb **tail = &lcore_cbs;   /* append: registration order */
	while (*tail)
		tail = &(*tail)->next;
	*tail = cb;
	pthread_mutex_unlock(&role_lock);
	return cb;
}

void rte_lcore_callback_unregister(void *handle)
{
	if (handle == NULL)
		return;
	pthread_mutex_lock(&role_lock);
	for (struct lcore_cb **pp = &lcore_cbs; *pp; pp = &(*pp)->next) {
		if (*pp != handle)
			continue;
		struct lcore_cb *cb = *pp;
		*pp = cb->next;
		for (unsigned int id = 0; cb->uninit && id < RTE_MAX_LCORE; id++)
			if (role_get(id) != ROLE_OFF)
				cb->uninit(id, cb->arg);
		free(cb->name);
		free(cb);
		break;
	}
	pthread_mutex_unlock(&role_lock);
}

int rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg)
{
	int ret = 0;
	pthread_mutex_lock(&role_lock);
	for (unsigned int id = 0; id < RTE_MAX_LCORE && ret == 0; id++)
		if (role_get(id) != ROLE_OFF)
			ret = cb(id, arg);
	pthread_mutex_unlock(&role_lock);
	return ret;
}

void rte_lcore_dump(FILE *f)
{
	static const char *const roles[] = { "RTE", "OFF", "SERVICE", "NON_EAL" };
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		if (role_get(id) == ROLE_OFF)
			continue;
		fprintf(f, "lcore %u, socket %u, role %s, cpu %d\n", id, lcores[id].socket_id,
			roles[role_get(id)], lcores[id].cpu_id);
	}
}

struct ctrl_start {
	void *(*fn)(void *);
	void *arg;
};
static void *ctrl_thread_main(void *p)
{
	struct ctrl_start s = *(struct ctrl_start *)p;
	free(p);
	return s.fn(s.arg);
}

int rte_ctrl_thread_create(pthread_t *thread, const char *name, const pthread_attr_t *attr,
			   void *(*start_routine)(void *), void *arg)
{
	struct ctrl_start *s = malloc(sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	s->fn = start_routine;
	s->arg = arg;
	int rc = pthread_create(thread, attr, ctrl_thread_main, s);
	if (rc != 0) {
		free(s);
		return -rc;
	}
	if (name)
		rte_thread_setname(*thread, name);
	return 0;
}
