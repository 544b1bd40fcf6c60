/* SPDX-License-Identifier: BSD-3-Clause
 * Interrupt handles, the EAL interrupt thread, and rte_epoll_*.
 *
 * Owns: the process-local list of interrupt sources (one per fd, each with
 * its callbacks), the interrupt thread and its epoll fd, a wake eventfd that
 * tells the thread to stop, and each thread's own epoll fd
 * (rte_intr_tls_epfd).
 *
 * Invariants (all under intr_lock):
 *   - a source is in the epoll set exactly while it has callbacks;
 *   - a source being run (active) keeps its callbacks: unregister answers
 *     -EAGAIN, unregister_pending marks them and the thread removes them
 *     after the run; registration may append meanwhile;
 *   - the thread runs callbacks with intr_lock released, and re-reads the
 *     list under the lock between callbacks.
 * The thread starts with the first registration (so rte_eal_init pays
 * nothing for it) and stops in rte_eal_cleanup through the EAL hook
 * registered below; nothing in lower EAL files calls into this file.
 * Calls: rte_malloc (shared handles), rte_log, eal_register_hook. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <rte_common.h>
#include <rte_errno.h>
#include <rte_interrupts.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include "eal_private.h"

struct rte_intr_handle {
	int fd;
	int dev_fd;
	enum rte_intr_handle_type type;
	uint32_t alloc_flags;
	int max_intr;
	int nb_efd;
	int nb_intr;
	uint8_t efd_counter_size;
	int efds[RTE_MAX_RXTX_INTR_VEC_ID];
	struct rte_epoll_event elist[RTE_MAX_RXTX_INTR_VEC_ID];
	int *intr_vec;
	int vec_list_size;
	void *windows_handle;
};

struct intr_cb {
	struct intr_cb *next;
	rte_intr_callback_fn fn;
	void *arg;
	bool pending_delete;
	rte_intr_unregister_callback_fn ucb_fn;
};

struct intr_src {
	struct intr_src *next;
	int fd;
	enum rte_intr_handle_type type;
	struct rte_intr_handle *handle;   /* the caller's, passed to ucb_fn */
	struct intr_cb *cbs;
	bool active;
};

static pthread_mutex_t intr_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t intr_idle = PTHREAD_COND_INITIALIZER;   /* a run ended */
static struct intr_src *sources;
static int intr_epfd = -1, intr_wakefd = -1;
static pthread_t intr_thread;
static bool intr_running;
static __thread bool on_intr_thread;
static __thread int tls_epfd = -1;

/* ---- handles ------------------------------------------------------------ */
struct rte_intr_handle *rte_intr_instance_alloc(uint32_t flags)
{
	struct rte_intr_handle *h;

	if (flags & ~RTE_INTR_INSTANCE_F_SHARED) {
		RTE_LOG(ERR, EAL, "rte_intr_instance_alloc: unknown flags 0x%x\n", flags);
		rte_errno = EINVAL;
		return NULL;
	}
	if (flags & RTE_INTR_INSTANCE_F_SHARED)
		h = rte_zmalloc(NULL, sizeof(*h), 0);
	else
		h = calloc(1, sizeof(*h));
	if (h == NULL) {
		RTE_LOG(ERR, EAL, "rte_intr_instance_alloc: out of memory\n");
		rte_errno = ENOMEM;
		return NULL;
	}
	h->fd = -1;
	h->dev_fd = -1;
	h->alloc_flags = flags;
	h->nb_intr = RTE_MAX_RXTX_INTR_VEC_ID;
	for (int i = 0; i < RTE_MAX_RXTX_INTR_VEC_ID; i++)
		h->efds[i] = -1;
	return h;
}

void rte_intr_instance_free(struct rte_intr_handle *h)
{
	if (h == NULL)
		return;
	free(h->intr_vec);
	if (h->alloc_flags & RTE_INTR_INSTANCE_F_SHARED)
		rte_free(h);
	else
		free(h);
}

struct rte_intr_handle *rte_intr_instance_dup(const struct rte_intr_handle *src)
{
	if (src == NULL) {
		RTE_LOG(ERR, EAL, "rte_intr_instance_dup: NULL handle\n");
		rte_errno = EINVAL;
		return NULL;
	}
	struct rte_intr_handle *h = rte_intr_instance_alloc(src->alloc_flags);
	if (h == NULL)
		return NULL;
	int *vec = h->intr_vec;
	memcpy(h, src, sizeof(*h));
	h->intr_vec = vec;
	h->vec_list_size = 0;
	return h;
}

#define HANDLE_CHECK(h, ret) do { \
	if ((h) == NULL) { \
		RTE_LOG(ERR, EAL, "%s: NULL interrupt handle\n", __func__); \
		rte_errno = EINVAL; \
		return ret; \
	} \
} while (0)

int rte_intr_fd_set(struct rte_intr_handle *h, int fd) { HANDLE_CHECK(h, -1); h->fd = fd; return 0; }
int rte_intr_fd_get(const struct rte_intr_handle *h) { HANDLE_CHECK(h, -1); return h->fd; }
int rte_intr_dev_fd_set(struct rte_intr_handle *h, int fd) { HANDLE_CHECK(h, -1); h->dev_fd = fd; return 0; }
int rte_intr_dev_fd_get(const struct rte_intr_handle *h) { HANDLE_CHECK(h, -1); return h->dev_fd; }

int rte_intr_type_set(struct rte_intr_handle *h, enum rte_intr_handle_type type)
{
	HANDLE_CHECK(h, -1);
	if ((unsigned int)type >= RTE_INTR_HANDLE_MAX) {
		RTE_LOG(ERR, EAL, "rte_intr_type_set: bad type %d\n", (int)type);
		rte_errno = EINVAL;
		return -1;
	}
	h->type = type;
	return 0;
}

enum rte_intr_handle_type rte_intr_type_get(const struct rte_intr_handle *h)
{
	HANDLE_CHECK(h, RTE_INTR_HANDLE_UNKNOWN);
	return h->type;
}

int rte_intr_max_intr_set(struct rte_intr_handle *h, int max_intr)
{
	HANDLE_CHECK(h, -1);
	if (max_intr > h->nb_intr) {
		RTE_LOG(ERR, EAL, "rte_intr_max_intr_set: %d exceeds %d\n", max_intr, h->nb_intr);
		rte_errno = ERANGE;
		return -1;
	}
	h->max_intr = max_intr;
	return 0;
}
int rte_intr_max_intr_get(const struct rte_intr_handle *h) { HANDLE_CHECK(h, -1); return h->max_intr; }
int rte_intr_nb_efd_set(struct rte_intr_handle *h, int n) { HANDLE_CHECK(h, -1); h->nb_efd = n; return 0; }
int rte_intr_nb_efd_get(const struct rte_intr_handle *h) { HANDLE_CHECK(h, -1); return h->nb_efd; }
int rte_intr_nb_intr_get(const struct rte_intr_handle *h) { HANDLE_CHECK(h, -1); return h->nb_intr; }
int rte_intr_efd_counter_size_set(struct rte_intr_handle *h, uint8_t sz) { HANDLE_CHECK(h, -1); h->efd_counter_size = sz; return 0; }
int rte_intr_efd_counter_size_get(const struct rte_intr_handle *h) { HANDLE_CHECK(h, -1); return h->efd_counter_size; }

static int index_check(const struct rte_intr_handle *h, int index, int limit, const char *fn)
{
	if (h == NULL || index < 0 || index >= limit) {
		RTE_LOG(ERR, EAL, "%s: %s\n", fn, h == NULL ? "NULL interrupt handle" : "index out of range");
		rte_errno = EINVAL;
		return -1;
	}
	return 0;
}

int rte_intr_efds_index_set(struct rte_intr_handle *h, int index, int fd)
{
	if (index_check(h, index, RTE_MAX_RXTX_INTR_VEC_ID, __func__) < 0)
		return -1;
	h->efds[index] = fd;
	return 0;
}
int rte_intr_efds_index_get(const struct rte_intr_handle *h, int index)
{
	if (index_check(h, index, RTE_MAX_RXTX_INTR_VEC_ID, __func__) < 0)
		return -1;
	return h->efds[index];
}
int rte_intr_elist_index_set(struct rte_intr_handle *h, int index, struct rte_epoll_event elist)
{
	if (index_check(h, index, RTE_MAX_RXTX_INTR_VEC_ID, __func__) < 0)
		return -1;
	h->elist[index] = elist;
	return 0;
}
struct rte_epoll_event *rte_intr_elist_index_get(struct rte_intr_handle *h, int index)
{
	if (index_check(h, index, RTE_MAX_RXTX_INTR_VEC_ID, __func__) < 0)
		return NULL;
	return &h->elist[index];
}

int rte_intr_vec_list_alloc(struct rte_intr_handle *h, const char *name, int size)
{
	RTE_SET_USED(name);
	HANDLE_CHECK(h, -1);
	if (size <= 0) {
		RTE_LOG(ERR, EAL, "rte_intr_vec_list_alloc: bad size %d\n", size);
		rte_errno = EINVAL;
		return -1;
	}
	if (h->intr_vec != NULL && h->vec_list_size >= size)
		return 0;
	int *v = realloc(h->intr_vec, (size_t)size * sizeof(int));
	if (v == NULL) {
		rte_errno = ENOMEM;
		return -1;
	}
	memset(v, 0, (size_t)size * sizeof(int));
	h->intr_vec = v;
	h->vec_list_size = size;
	return 0;
}
int rte_intr_vec_list_index_set(struct rte_intr_handle *h, int index, int vec)
{
	if (index_check(h, index, h ? h->vec_list_size : 0, __func__) < 0)
		return -1;
	h->intr_vec[index] = vec;
	return 0;
}
int rte_intr_vec_list_index_get(const struct rte_intr_handle *h, int index)
{
	if (index_check(h, index, h ? h->vec_list_size : 0, __func__) < 0)
		return -1;
	return h->intr_vec[index];
}
void rte_intr_vec_list_free(struct rte_intr_handle *h)
{
	if (h == NULL)
		return;
	free(h->intr_vec);
	h->intr_vec = NULL;
	h->vec_list_size = 0;
}
int rte_intr_event_list_update(struct rte_intr_handle *h, int size)
{
	HANDLE_CHECK(h, -1);
	if (size <= 0 || size > RTE_MAX_RXTX_INTR_VEC_ID) {
		RTE_LOG(ERR, EAL, "rte_intr_event_list_update: bad size %d\n", size);
		rte_errno = EINVAL;
		return -1;
	}
	h->nb_intr = size;
	return 0;
}
void *rte_intr_instance_windows_handle_get(struct rte_intr_handle *h) { HANDLE_CHECK(h, NULL); return h->windows_handle; }
int rte_intr_instance_windows_handle_set(struct rte_intr_handle *h, void *w) { HANDLE_CHECK(h, -1); h->windows_handle = w; return 0; }

/* ---- the interrupt thread ---------------------------------------------------- */
static struct intr_src *src_find(int fd)
{
	for (struct intr_src *s = sources; s; s = s->next)
		if (s->fd == fd)
			return s;
	return NULL;
}

static void src_unlink(struct intr_src *src)
{
	for (struct intr_src **pp = &sources; *pp; pp = &(*pp)->next)
		if (*pp == src) {
			*pp = src->next;
			break;
		}
	if (intr_epfd >= 0)
		epoll_ctl(intr_epfd, EPOLL_CTL_DEL, src->fd, NULL);
	free(src);
}

/* Read what the kernel queued on fd for this handle type, so a level-
 * triggered fd does not fire again for the same event. false: nothing to
 * run (spurious wake-up or a read error). */
static bool src_drain(const struct intr_src *src)
{
	uint64_t buf;
	size_t len;
	switch (src->type) {
	case RTE_INTR_HANDLE_UIO:
	case RTE_INTR_HANDLE_UIO_INTX:
		len = 4;
		break;
	case RTE_INTR_HANDLE_ALARM:
	case RTE_INTR_HANDLE_VFIO_LEGACY:
	case RTE_INTR_HANDLE_VFIO_MSI:
	case RTE_INTR_HANDLE_VFIO_MSIX:
	case RTE_INTR_HANDLE_VFIO_REQ:
		len = 8;
		break;
	default:
		return true;   /* EXT, VDEV, DEV_EVENT, UNKNOWN: the callback reads */
	}
	ssize_t n = read(src->fd, &buf, len);
	return n == (ssize_t)len;
}

static void src_run(int fd)
{
	pthread_mutex_lock(&intr_lock);
	struct intr_src *src = src_find(fd);
	if (src == NULL || !src_drain(src)) {
		pthread_mutex_unlock(&intr_lock);
		return;
	}
	src->active = true;
	for (struct intr_cb *cb = src->cbs; cb; cb = cb->next) {
		if (cb->pending_delete)
			continue;
		rte_intr_callback_fn fn = cb->fn;
		void *arg = cb->arg;
		pthread_mutex_unlock(&intr_lock);
		fn(arg);
		pthread_mutex_lock(&intr_lock);
	}
	src->active = false;
	/* callbacks marked by unregister_pending go now; their ucb_fn runs
	 * after the lock is dropped, so it may call rte_intr_* itself */
	struct intr_cb *gone = NULL;
	struct rte_intr_handle *handle = src->handle;
	for (struct intr_cb **pp = &src->cbs; *pp; ) {
		struct intr_cb *cb = *pp;
		if (!cb->pending_delete) {
			pp = &cb->next;
			continue;
		}
		*pp = cb->next;
		cb->next = gone;
		gone = cb;
	}
	if (src->cbs == NULL)
		src_unlink(src);
	pthread_cond_broadcast(&intr_idle);
	pthread_mutex_unlock(&intr_lock);
	while (gone) {
		struct intr_cb *cb = gone;
		gone = cb->next;
		if (cb->ucb_fn)
			cb->ucb_fn(handle, cb->arg);
		free(cb);
	}
}

static void *intr_thread_main(void *arg)
{
	RTE_SET_USED(arg);
	struct epoll_event evs[16];

	on_intr_thread = true;
	for (;;) {
		int n = epoll_wait(intr_epfd, evs, RTE_DIM(evs), -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			RTE_LOG(ERR, EAL, "interrupt thread: epoll_wait: %s\n", strerror(errno));
			break;
		}
		for (int i = 0; i < n; i++) {
			if (evs[i].data.fd == intr_wakefd)
				return NULL;   /* stop request; the fd is never drained */
			src_run(evs[i].data.fd);
		}
	}
	return NULL;
}

/* Called with intr_lock held. */
static int intr_thread_start(void)
{
	if (intr_running)
		return 0;
	intr_epfd = epoll_create1(EPOLL_CLOEXEC);
	intr_wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (intr_epfd < 0 || intr_wakefd < 0)
		goto fail;
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = intr_wakefd };
	if (epoll_ctl(intr_epfd, EPOLL_CTL_ADD, intr_wakefd, &ev) < 0)
		goto fail;
	int rc = pthread_create(&intr_thread, NULL, intr_thread_main, NULL);
	if (rc != 0) {
		errno = rc;
		goto fail;
	}
	pthread_setname_np(intr_thread, "eal-intr-thread");
	intr_running = true;
	return 0;
fail:;
	int err = errno;
	RTE_LOG(ERR, EAL, "cannot start the interrupt thread: %s\n", strerror(err));
	if (intr_epfd >= 0)
		close(intr_epfd);
	if (intr_wakefd >= 0)
		close(intr_wakefd);
	intr_epfd = intr_wakefd = -1;
	return -err;
}

/* EAL cleanup: stop the thread, forget every source. */
static void intr_fini(void)
{
	pthread_mutex_lock(&intr_lock);
	if (!intr_running) {
		pthread_mutex_unlock(&intr_lock);
		return;
	}
	uint64_t one = 1;
	if (write(intr_wakefd, &one, sizeof(one)) != sizeof(one))
		RTE_LOG(ERR, EAL, "cannot wake the interrupt thread\n");
	pthread_mutex_unlock(&intr_lock);
	pthread_join(intr_thread, NULL);   /* unlocked: a callback may be taking it */
	pthread_mutex_lock(&intr_lock);
	intr_running = false;
	while (sources) {
		struct intr_src *s = sources;
		while (s->cbs) {
			struct intr_cb *cb = s->cbs;
			s->cbs = cb->next;
			free(cb);
		}
		src_unlink(s);
	}
	close(intr_epfd);
	close(intr_wakefd);
	intr_epfd = intr_wakefd = -1;
	pthread_mutex_unlock(&intr_lock);
}

RTE_INIT(intr_register_hook)
{
	eal_register_hook("interrupts", NULL, intr_fini);
}

int rte_thread_is_intr(void)
{
	return on_intr_thread;
}

/* ---- callbacks ----------------------------------------------------------------- */
int rte_intr_callback_register(const struct rte_intr_handle *h, rte_intr_callback_fn cb, void *cb_arg)
{
	if (h == NULL || cb == NULL || h->fd < 0) {
		RTE_LOG(ERR, EAL, "rte_intr_callback_register: %s\n",
			h == NULL ? "NULL handle" : cb == NULL ? "NULL callback" : "handle has no fd");
		return -EINVAL;
	}
	struct intr_cb *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return -ENOMEM;
	c->fn = cb;
	c->arg = cb_arg;

	pthread_mutex_lock(&intr_lock);
	int rc = intr_thread_start();
	if (rc < 0)
		goto fail;
	struct intr_src *src = src_find(h->fd);
	if (src == NULL) {
		src = calloc(1, sizeof(*src));
		if (src == NULL) {
			rc = -ENOMEM;
			goto fail;
		}
		src->fd = h->fd;
		src->type = h->type;
		src->handle = (struct rte_intr_handle *)(uintptr_t)h;
		struct epoll_event ev = { .events = EPOLLIN | EPOLLPRI, .data.fd = h->fd };
		if (epoll_ctl(intr_epfd, EPOLL_CTL_ADD, h->fd, &ev) < 0) {
			rc = -errno;
			RTE_LOG(ERR, EAL, "rte_intr_callback_register: fd %d: %s\n", h->fd, strerror(errno));
			free(src);
			goto fail;
		}
		src->next = sources;
		sources = src;
	}
	struct intr_cb **pp = &src->cbs;   /* append: callbacks run in registration order */
	while (*pp)
		pp = &(*pp)->next;
	*pp = c;
	pthread_mutex_unlock(&intr_lock);
	return 0;
fail:
	pthread_mutex_unlock(&intr_lock);
	free(c);
	return rc;
}

static bool cb_match(const struct intr_cb *c, rte_intr_callback_fn fn, void *arg)
{
	return c->fn == fn && (arg == (void *)-1 || c->arg == arg);
}

int rte_intr_callback_unregister(const struct rte_intr_handle *h, rte_intr_callback_fn cb, void *cb_arg)
{
	if (h == NULL || h->fd < 0) {
		RTE_LOG(ERR, EAL, "rte_intr_callback_unregister: %s\n", h == NULL ? "NULL handle" : "handle has no fd");
		return -EINVAL;
	}
	int n = 0;
	pthread_mutex_lock(&intr_lock);
	struct intr_src *src = src_find(h->fd);
	if (src == NULL) {
		n = -ENOENT;
	} else if (src->active) {
		n = -EAGAIN;
	} else {
		for (struct intr_cb **pp = &src->cbs; *pp; ) {
			struct intr_cb *c = *pp;
			if (cb_match(c, cb, cb_arg)) {
				*pp = c->next;
				free(c);
				n++;
			} else {
				pp = &c->next;
			}
		}
		if (src->cbs == NULL)
			src_unlink(src);
		if (n == 0)
			n = -ENOENT;
	}
	pthread_mutex_unlock(&intr_lock);
	return n;
}

int rte_intr_callback_unregister_pending(const struct rte_intr_handle *h, rte_intr_callback_fn cb_fn,
					 void *cb_arg, rte_intr_unregister_callback_fn ucb_fn)
{
	if (h == NULL || h->fd < 0) {
		RTE_LOG(ERR, EAL, "rte_intr_callback_unregister_pending: bad handle\n");
		return -EINVAL;
	}
	int n = 0;
	pthread_mutex_lock(&intr_lock);
	struct intr_src *src = src_find(h->fd);
	if (src == NULL) {
		n = -ENOENT;
	} else if (!src->active) {
		n = -EAGAIN;   /* DPDK: only meaningful while the source runs */
	} else {
		for (struct intr_cb *c = src->cbs; c; c = c->next)
			if (cb_match(c, cb_fn, cb_arg)) {
				c->pending_delete = true;
				c->ucb_fn = ucb_fn;
				n++;
			}
		if (n == 0)
			n = -ENOENT;
	}
	pthread_mutex_unlock(&intr_lock);
	return n;
}

int rte_intr_callback_unregister_sync(const struct rte_intr_handle *h, rte_intr_callback_fn cb, void *cb_arg)
{
	for (;;) {
		int rc = rte_intr_callback_unregister(h, cb, cb_arg);
		if (rc != -EAGAIN || rte_thread_is_intr())
			return rc;
		pthread_mutex_lock(&intr_lock);
		struct intr_src *src = src_find(h->fd);
		while (src != NULL && src->active) {
			pthread_cond_wait(&intr_idle, &intr_lock);
			src = src_find(h->fd);
		}
		pthread_mutex_unlock(&intr_lock);
	}
}

static int intr_ctl(const struct rte_intr_handle *h, const char *fn)
{
	if (h == NULL || h->fd < 0) {
		RTE_LOG(ERR, EAL, "%s: bad handle\n", fn);
		return -1;
	}
	switch (h->type) {
	case RTE_INTR_HANDLE_EXT:
	case RTE_INTR_HANDLE_VDEV:
	case RTE_INTR_HANDLE_ALARM:
	case RTE_INTR_HANDLE_DEV_EVENT:
		return 0;
	default:
		RTE_LOG(ERR, EAL, "%s: handle type %d not supported (no UIO/VFIO)\n", fn, (int)h->type);
		return -1;
	}
}
int rte_intr_enable(const struct rte_intr_handle *h) { return intr_ctl(h, __func__); }
int rte_intr_disable(const struct rte_intr_handle *h) { return intr_ctl(h, __func__); }
int rte_intr_ack(const struct rte_intr_handle *h) { return intr_ctl(h, __func__); }

/* ---- event fds for Rx interrupts ------------------------------------------------ */
int rte_intr_efd_enable(struct rte_intr_handle *h, uint32_t nb_efd)
{
	if (h == NULL || nb_efd == 0 || nb_efd > RTE_MAX_RXTX_INTR_VEC_ID) {
		RTE_LOG(ERR, EAL, "rte_intr_efd_enable: bad handle or count %u\n", nb_efd);
		return -EINVAL;
	}
	for (uint32_t i = 0; i < nb_efd; i++) {
		int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (fd < 0) {
			int err = errno;
			RTE_LOG(ERR, EAL, "rte_intr_efd_enable: eventfd: %s\n", strerror(err));
			while (i-- > 0) {
				close(h->efds[i]);
				h->efds[i] = -1;
			}
			return -err;
		}
		h->efds[i] = fd;
	}
	h->nb_efd = (int)nb_efd;
	h->max_intr = (int)nb_efd + RTE_INTR_VEC_RXTX_OFFSET;
	h->efd_counter_size = sizeof(uint64_t);
	return 0;
}

void rte_intr_free_epoll_fd(struct rte_intr_handle *h)
{
	if (h == NULL)
		return;
	for (int i = 0; i < h->nb_efd; i++) {
		struct rte_epoll_event *ev = &h->elist[i];
		if (ev->status != RTE_EPOLL_INVALID) {
			epoll_ctl(ev->epfd, EPOLL_CTL_DEL, ev->fd, NULL);
			ev->status = RTE_EPOLL_INVALID;
		}
	}
}

void rte_intr_efd_disable(struct rte_intr_handle *h)
{
	if (h == NULL)
		return;
	rte_intr_free_epoll_fd(h);
	for (int i = 0; i < h->nb_efd; i++) {
		if (h->efds[i] >= 0)
			close(h->efds[i]);
		h->efds[i] = -1;
	}
	h->nb_efd = 0;
	h->max_intr = 0;
}

int rte_intr_dp_is_en(struct rte_intr_handle *h) { return h != NULL && h->nb_efd > 0; }
int rte_intr_allow_others(struct rte_intr_handle *h) { return h != NULL && (h->max_intr == 0 || h->max_intr > h->nb_efd); }
int rte_intr_cap_multiple(struct rte_intr_handle *h) { return h != NULL && h->type == RTE_INTR_HANDLE_VDEV; }

int rte_intr_tls_epfd(void)
{
	if (tls_epfd < 0) {
		tls_epfd = epoll_create1(EPOLL_CLOEXEC);
		if (tls_epfd < 0)
			RTE_LOG(ERR, EAL, "rte_intr_tls_epfd: %s\n", strerror(errno));
	}
	return tls_epfd;
}

int rte_intr_rx_ctl(struct rte_intr_handle *h, int epfd, int op, unsigned int vec, void *data)
{
	if (h == NULL || vec < RTE_INTR_VEC_RXTX_OFFSET ||
	    vec >= RTE_INTR_VEC_RXTX_OFFSET + RTE_MAX_RXTX_INTR_VEC_ID) {
		RTE_LOG(ERR, EAL, "rte_intr_rx_ctl: bad handle or vector %u\n", vec);
		return -EINVAL;
	}
	unsigned int i = vec - RTE_INTR_VEC_RXTX_OFFSET;
	if ((int)i >= h->nb_efd || h->efds[i] < 0) {
		RTE_LOG(ERR, EAL, "rte_intr_rx_ctl: vector %u has no event fd\n", vec);
		return -EPERM;
	}
	if (epfd == RTE_EPOLL_PER_THREAD)
		epfd = rte_intr_tls_epfd();
	struct rte_epoll_event *ev = &h->elist[i];
	switch (op) {
	case RTE_INTR_EVENT_ADD:
		if (ev->status != RTE_EPOLL_INVALID) {
			RTE_LOG(ERR, EAL, "rte_intr_rx_ctl: vector %u already added\n", vec);
			return -EEXIST;
		}
		ev->epdata.event = EPOLLIN | EPOLLPRI | EPOLLET;
		ev->epdata.data = data;
		ev->epdata.cb_fun = NULL;
		ev->epdata.cb_arg = NULL;
		if (rte_epoll_ctl(epfd, EPOLL_CTL_ADD, h->efds[i], ev) < 0)
			return -EPERM;
		return 0;
	case RTE_INTR_EVENT_DEL:
		if (ev->status == RTE_EPOLL_INVALID) {
			RTE_LOG(ERR, EAL, "rte_intr_rx_ctl: vector %u not added\n", vec);
			return -ENOENT;
		}
		rte_epoll_ctl(ev->epfd, EPOLL_CTL_DEL, ev->fd, ev);
		return 0;
	default:
		RTE_LOG(ERR, EAL, "rte_intr_rx_ctl: bad op %d\n", op);
		return -EINVAL;
	}
}

/* ---- rte_epoll ------------------------------------------------------------------- */
static int epoll_wait_common(int epfd, struct rte_epoll_event *events, int maxevents, int timeout,
			     bool interruptible)
{
	struct epoll_event evs[64];
	if (events == NULL || maxevents <= 0) {
		RTE_LOG(ERR, EAL, "rte_epoll_wait: NULL events or maxevents %d\n", maxevents);
		return -1;
	}
	if (epfd == RTE_EPOLL_PER_THREAD)
		epfd = rte_intr_tls_epfd();
	if (maxevents > (int)RTE_DIM(evs))
		maxevents = RTE_DIM(evs);
	for (;;) {
		int n = epoll_wait(epfd, evs, maxevents, timeout);
		if (n < 0) {
			if (errno == EINTR) {
				if (interruptible)
					return 0;
				continue;
			}
			RTE_LOG(ERR, EAL, "rte_epoll_wait: %s\n", strerror(errno));
			return -1;
		}
		int out = 0;
		for (int i = 0; i < n; i++) {
			struct rte_epoll_event *rev = evs[i].data.ptr;
			/* V1: VALID -> EXEC claims the event; a concurrent DEL waits
			 * for EXEC to end (acquire/release pair with rte_epoll_ctl) */
			uint32_t valid = RTE_EPOLL_VALID;
			if (!__atomic_compare_exchange_n(&rev->status, &valid, RTE_EPOLL_EXEC, 0,
							 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				continue;
			events[out] = *rev;
			events[out].epdata.event = evs[i].events;
			if (rev->epdata.cb_fun)
				rev->epdata.cb_fun(rev->fd, rev->epdata.cb_arg);
			__atomic_store_n(&rev->status, RTE_EPOLL_VALID, __ATOMIC_RELEASE);
			events[out].status = RTE_EPOLL_VALID;
			out++;
		}
		return out;
	}
}

int rte_epoll_wait(int epfd, struct rte_epoll_event *events, int maxevents, int timeout)
{
	return epoll_wait_common(epfd, events, maxevents, timeout, false);
}

int rte_epoll_wait_interruptible(int epfd, struct rte_epoll_event *events, int maxevents, int timeout)
{
	return epoll_wait_common(epfd, events, maxevents, timeout, true);
}

int rte_epoll_ctl(int epfd, int op, int fd, struct rte_epoll_event *event)
{
	if (event == NULL || fd < 0) {
		RTE_LOG(ERR, EAL, "rte_epoll_ctl: NULL event or bad fd %d\n", fd);
		return -1;
	}
	if (epfd == RTE_EPOLL_PER_THREAD)
		epfd = rte_intr_tls_epfd();
	struct epoll_event ev = { .events = event->epdata.event, .data.ptr = event };
	if (op == EPOLL_CTL_ADD) {
		event->fd = fd;
		event->epfd = epfd;
		__atomic_store_n(&event->status, RTE_EPOLL_VALID, __ATOMIC_RELEASE);
	} else if (op == EPOLL_CTL_DEL) {
		/* wait for a running callback (status EXEC) to finish, then retire */
		uint32_t valid = RTE_EPOLL_VALID;
		while (!__atomic_compare_exchange_n(&event->status, &valid, RTE_EPOLL_INVALID, 0,
						    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			if (valid == RTE_EPOLL_INVALID)
				break;
			valid = RTE_EPOLL_VALID;
			sched_yield();
		}
	}
	if (epoll_ctl(epfd, op, fd, &ev) < 0) {
		RTE_LOG(ERR, EAL, "rte_epoll_ctl: epfd %d op %d fd %d: %s\n", epfd, op, fd, strerror(errno));
		if (op == EPOLL_CTL_ADD)
			event->status = RTE_EPOLL_INVALID;
		return -1;
	}
	return 0;
}
