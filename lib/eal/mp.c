/* SPDX-License-Identifier: BSD-3-Clause
 * Multi-process channel: the rte_mp_* API over Unix datagram sockets in the
 * runtime directory, with file descriptors passed as SCM_RIGHTS.
 *
 *   primary:    <runtime>/mp_socket
 *   secondary:  <runtime>/mp_socket_<pid>_<n>
 *
 * One receiver thread per process ("dpl-mp") reads datagrams. MSG and REQ
 * go to the action registered under msg.name (a REQ with no action is
 * answered with IGN so the requester does not wait); REP and IGN complete a
 * pending request. Pending requests carry an absolute deadline; the receiver
 * thread wakes at the nearest one and fails async requests that passed it,
 * and sync waiters time out on their own condvar, so every request returns
 * by its timeout even when the peer died. A send to a socket nobody listens
 * on (ECONNREFUSED/ENOENT: the peer is gone) counts as not sent.
 *
 * Wire format (dplite-to-dplite only): struct mp_wire = type + request id +
 * struct rte_mp_msg with num_fds fds in the control message.
 *
 * Sends never block for long: every datagram goes out with MSG_DONTWAIT; a
 * peer whose socket is full (it stopped reading: SIGSTOP, a hung or hostile
 * process) is retried for at most MP_SEND_WAIT_MS (replies and answers sent
 * from the receiver thread) or MP_SEND_WAIT_APP_MS (rte_mp_sendmsg and the
 * primary's requests, which a peer that is only slow - a loaded machine,
 * a socket queue of 10 datagrams - should still get), or what is left of a
 * request's timeout), then the message is dropped for that peer with one
 * log line and the peer is marked stalled: later messages to it are tried
 * once and dropped without waiting until it reads again. So the receiver
 * thread (which answers requests and unknown actions) is never held by a
 * peer, and attach and requests from other peers keep their timeouts.
 * Malformed datagrams are logged at most MP_BAD_LOG_PER_S times a second.
 *
 * Locking: mp_lock guards the action table and the pending list; stall_lock
 * the stalled-peer table. Actions and async callbacks run on the receiver
 * thread without a lock held. */
#include <dirent.h>
#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include "eal_private.h"

enum mp_type { MP_MSG = 1, MP_REQ, MP_REP, MP_IGN };

struct mp_wire {
	uint32_t type;
	uint32_t pad;
	uint64_t req_id;          /* REQ: chosen by requester; REP/IGN: echoed */
	struct rte_mp_msg msg;    /* msg.fds are rewritten by the receiver */
};

struct mp_action {
	char name[RTE_MP_MAX_NAME_LEN];
	rte_mp_t fn;
	struct mp_action *next;
};

/* One request to one or more peers. Sync: the caller waits on cv.
 * Async: the receiver thread calls clb when done or at the deadline. */
struct mp_pending {
	uint64_t id;
	struct rte_mp_msg req;
	struct rte_mp_reply reply;
	int outstanding;           /* peers that have not answered yet */
	struct timespec deadline;  /* CLOCK_MONOTONIC */
	bool async;
	rte_mp_async_reply_t clb;
	pthread_cond_t cv;
	struct mp_pending *next;
};

static int mp_fd = -1;
static char mp_path[PATH_MAX];
static pthread_t mp_thread;
static bool mp_thread_started;
static int mp_wake[2] = { -1, -1 };    /* pipe: wakes the receiver (new deadline, stop) */
static bool mp_stop;   /* set by cleanup, read by the receiver (atomic) */
static bool mp_disabled;
static pthread_mutex_t mp_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mp_action *mp_actions;
static struct mp_pending *mp_pending_list;
static uint64_t mp_next_id = 1;

#define MP_SEND_WAIT_MS     100   /* longest wait for a full peer socket: receiver thread */
#define MP_SEND_WAIT_APP_MS 500   /* rte_mp_sendmsg, the primary's requests */
#define MP_STALL_SLOTS    16      /* peers remembered as stalled */
#define MP_BAD_LOG_PER_S  5       /* malformed-datagram log lines per second */

/* Peers that stopped reading (process-local). */
struct mp_stalled {
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	uint64_t dropped;
};
static struct mp_stalled mp_stall[MP_STALL_SLOTS];
static pthread_mutex_t stall_lock = PTHREAD_MUTEX_INITIALIZER;

static void ts_now(struct timespec *t) { clock_gettime(CLOCK_MONOTONIC, t); }
static long ms_now(void)
{
	struct timespec t;
	ts_now(&t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}
static bool ts_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}
static void ts_add(struct timespec *t, const struct timespec *d)
{
	t->tv_sec += d->tv_sec;
	t->tv_nsec += d->tv_nsec;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static int check_msg(const struct rte_mp_msg *m, const char *what)
{
	if (m == NULL) {
		RTE_LOG(ERR, EAL, "%s: NULL message\n", what);
		return -EINVAL;
	}
	size_t nl = strnlen(m->name, RTE_MP_MAX_NAME_LEN);
	if (nl == 0 || nl >= RTE_MP_MAX_NAME_LEN) {
		RTE_LOG(ERR, EAL, "%s: message name empty or longer than %d\n", what, RTE_MP_MAX_NAME_LEN - 1);
		return -EINVAL;
	}
	if (m->len_param < 0 || m->len_param > RTE_MP_MAX_PARAM_LEN) {
		RTE_LOG(ERR, EAL, "%s: len_param %d out of range 0..%d\n", what, m->len_param, RTE_MP_MAX_PARAM_LEN);
		return -EINVAL;
	}
	if (m->num_fds < 0 || m->num_fds > RTE_MP_MAX_FD_NUM) {
		RTE_LOG(ERR, EAL, "%s: num_fds %d out of range 0..%d\n", what, m->num_fds, RTE_MP_MAX_FD_NUM);
		return -EINVAL;
	}
	for (int i = 0; i < m->num_fds; i++)
		if (fcntl(m->fds[i], F_GETFD) < 0) {
			RTE_LOG(ERR, EAL, "%s: fds[%d] = %d is not an open descriptor\n", what, i, m->fds[i]);
			return -EBADF;
		}
	return 0;
}

/* quiet: a disabled channel is logged at DEBUG, not ERR (registering an
 * action in a process without the channel is normal: drivers register their
 * handlers whatever the options, as with DPDK). */
static int mp_usable_lvl(const char *what, bool quiet)
{
	/* mp_fd is set before the receiver thread starts and cleared after it
	 * stopped, so every thread that can call this sees a stable value. */
	if (mp_fd >= 0 && !__atomic_load_n(&mp_disabled, __ATOMIC_RELAXED))
		return 0;
	if (mp_fd < 0 && !__atomic_load_n(&eal.initialised, __ATOMIC_RELAXED)) {
		RTE_LOG(ERR, EAL, "%s: EAL not initialised\n", what);
		return -EINVAL;
	}
	if (quiet)
		RTE_LOG(DEBUG, EAL, "%s: multi-process channel disabled (--in-memory/--no-shconf or rte_mp_disable)\n", what);
	else
		RTE_LOG(ERR, EAL, "%s: multi-process channel disabled (--in-memory/--no-shconf or rte_mp_disable)\n", what);
	return -ENOTSUP;
}

static int mp_usable(const char *what)
{
	return mp_usable_lvl(what, false);
}

/* Is path a stalled peer? Counts a dropped message when it is. */
static bool stall_check(const char *path, bool count_drop)
{
	bool hit = false;
	pthread_mutex_lock(&stall_lock);
	for (unsigned int i = 0; i < MP_STALL_SLOTS && !hit; i++)
		if (mp_stall[i].path[0] && strcmp(mp_stall[i].path, path) == 0) {
			hit = true;
			mp_stall[i].dropped += count_drop;
		}
	pthread_mutex_unlock(&stall_lock);
	return hit;
}

static void stall_mark(const char *path, const char *name)
{
	unsigned int slot = 0;
	pthread_mutex_lock(&stall_lock);
	for (unsigned int i = 0; i < MP_STALL_SLOTS; i++)
		if (mp_stall[i].path[0] == '\0') {
			slot = i;
			break;
		} else if (mp_stall[i].dropped > mp_stall[slot].dropped) {
			slot = i;   /* table full: reuse the entry with most drops */
		}
	snprintf(mp_stall[slot].path, sizeof(mp_stall[slot].path), "%s", path);
	mp_stall[slot].dropped = 1;
	pthread_mutex_unlock(&stall_lock);
	RTE_LOG(WARNING, EAL, "mp: peer %s is not reading its socket: message '%.*s' dropped "
		"(later ones too, without waiting, until it reads again)\n", path,
		RTE_MP_MAX_NAME_LEN, name);
}

static void stall_clear(const char *path)
{
	uint64_t dropped = 0;
	bool hit = false;
	pthread_mutex_lock(&stall_lock);
	for (unsigned int i = 0; i < MP_STALL_SLOTS; i++)
		if (mp_stall[i].path[0] && strcmp(mp_stall[i].path, path) == 0) {
			dropped = mp_stall[i].dropped;
			mp_stall[i].path[0] = '\0';
			hit = true;
		}
	pthread_mutex_unlock(&stall_lock);
	if (hit)
		RTE_LOG(NOTICE, EAL, "mp: peer %s reads again (%" PRIu64 " message(s) were dropped)\n",
			path, dropped);
}

/* Send one datagram to path, waiting at most wait_ms for room in a full
 * peer socket. 0, -ENOTCONN when the peer is gone or stalled (not sent),
 * or -errno. */
static int mp_send_to(const char *path, uint32_t type, uint64_t id, const struct rte_mp_msg *m,
		      long wait_ms)
{
	struct sockaddr_un dst = { .sun_family = AF_UNIX };
	struct mp_wire w;
	struct iovec iov = { &w, sizeof(w) };
	char ctl[CMSG_SPACE(sizeof(int) * RTE_MP_MAX_FD_NUM)];
	struct msghdr mh = { .msg_name = &dst, .msg_namelen = sizeof(dst), .msg_iov = &iov, .msg_iovlen = 1 };

	if (strlen(path) >= sizeof(dst.sun_path))
		return -ENAMETOOLONG;
	strcpy(dst.sun_path, path);
	memset(&w, 0, sizeof(w));
	w.type = type;
	w.req_id = id;
	w.msg = *m;
	if (m->num_fds > 0) {
		memset(ctl, 0, sizeof(ctl));
		mh.msg_control = ctl;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)m->num_fds);
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)m->num_fds);
		memcpy(CMSG_DATA(c), m->fds, sizeof(int) * (size_t)m->num_fds);
	}
	bool stalled = stall_check(path, false);
	long end = ms_now() + (stalled ? 0 : wait_ms);
	for (;;) {
		if (sendmsg(mp_fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT) >= 0) {
			if (stalled)
				stall_clear(path);
			return 0;
		}
		if (errno == EINTR)
			continue;
		if (errno == ECONNREFUSED || errno == ENOENT)
			return -ENOTCONN;
		if (errno == EAGAIN || errno == ENOBUFS) {
			if (ms_now() >= end) {
				if (stalled)
					stall_check(path, true);
				else
					stall_mark(path, m->name);
				return -ENOTCONN;
			}
			struct timespec d = { 0, 200000 };
			nanosleep(&d, NULL);
			continue;
		}
		return -errno;
	}
}

/* Peers: the primary talks to every secondary socket in the runtime dir;
 * a secondary talks to the primary only. fn is called per peer path. */
static int mp_for_each_peer(int (*fn)(const char *path, void *arg), void *arg)
{
	char path[PATH_MAX];
	if (eal.proc_type == RTE_PROC_SECONDARY) {
		if (eal_runtime_path(path, sizeof(path), "mp_socket") < 0)
			return -ENAMETOOLONG;
		return fn(path, arg);
	}
	DIR *d = opendir(eal.runtime_dir);
	if (d == NULL)
		return -errno;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "mp_socket_", 10) != 0)
			continue;
		if (eal_runtime_path(path, sizeof(path), e->d_name) < 0)
			continue;
		if ((rc = fn(path, arg)) < 0)
			break;
	}
	closedir(d);
	return rc;
}

/* ---- receiver ---------------------------------------------------------------------------- */
static void close_fds(struct rte_mp_msg *m)
{
	for (int i = 0; i < m->num_fds; i++)
		if (m->fds[i] >= 0)
			close(m->fds[i]);
}

static struct mp_pending *pending_find(uint64_t id)
{
	for (struct mp_pending *p = mp_pending_list; p; p = p->next)
		if (p->id == id)
			return p;
	return NULL;
}

static void pending_unlink(struct mp_pending *p)
{
	for (struct mp_pending **pp = &mp_pending_list; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			return;
		}
}

static void async_complete(struct mp_pending *p)
{
	/* called without mp_lock; p is already unlinked */
	p->clb(&p->req, &p->reply);
	free(p->reply.msgs);
	pthread_cond_destroy(&p->cv);
	free(p);
}

static void handle_reply(struct mp_wire *w)
{
	pthread_mutex_lock(&mp_lock);
	struct mp_pending *p = pending_find(w->req_id);
	if (p == NULL) {             /* late reply: its request already timed out */
		pthread_mutex_unlock(&mp_lock);
		close_fds(&w->msg);
		return;
	}
	if (w->type == MP_REP) {
		struct rte_mp_msg *n = realloc(p->reply.msgs, sizeof(*n) * (size_t)(p->reply.nb_received + 1));
		if (n != NULL) {
			p->reply.msgs = n;
			n[p->reply.nb_received++] = w->msg;
		} else {
			close_fds(&w->msg);
		}
	}
	p->outstanding--;
	if (p->outstanding > 0) {
		pthread_mutex_unlock(&mp_lock);
		return;
	}
	if (!p->async) {
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&mp_lock);
		return;
	}
	pending_unlink(p);
	pthread_mutex_unlock(&mp_lock);
	async_complete(p);
}

static void handle_incoming(struct mp_wire *w, const char *peer)
{
	rte_mp_t fn = NULL;
	pthread_mutex_lock(&mp_lock);
	for (struct mp_action *a = mp_actions; a; a = a->next)
		if (strncmp(a->name, w->msg.name, RTE_MP_MAX_NAME_LEN) == 0) {
			fn = a->fn;
			break;
		}
	pthread_mutex_unlock(&mp_lock);
	if (fn == NULL) {
		if (w->type == MP_REQ) {
			struct rte_mp_msg ign;
			memset(&ign, 0, sizeof(ign));
			memcpy(ign.name, w->msg.name, sizeof(ign.name));
			mp_send_to(peer, MP_IGN, w->req_id, &ign, MP_SEND_WAIT_MS);
		}
		RTE_LOG(DEBUG, EAL, "mp: no action for '%.*s' from %s\n", RTE_MP_MAX_NAME_LEN,
			w->msg.name, peer);
		close_fds(&w->msg);
		return;
	}
	/* The peer string carries the request id so rte_mp_reply can echo it:
	 * "<socket path>\n<id>". Actions treat it as opaque. */
	char peer_id[PATH_MAX + 32];
	snprintf(peer_id, sizeof(peer_id), "%s\n%llu", peer, (unsigned long long)w->req_id);
	if (fn(&w->msg, w->type == MP_REQ ? peer_id : peer) < 0)
		RTE_LOG(DEBUG, EAL, "mp: action '%s' failed\n", w->msg.name);
}

static int next_timeout_ms(void)
{
	struct timespec now, nearest = { 0, 0 };
	bool any = false;
	ts_now(&now);
	pthread_mutex_lock(&mp_lock);
	for (struct mp_pending *p = mp_pending_list; p; p = p->next)
		if (p->async && (!any || ts_before(&p->deadline, &nearest))) {
			nearest = p->deadline;
			any = true;
		}
	pthread_mutex_unlock(&mp_lock);
	if (!any)
		return -1;
	if (ts_before(&nearest, &now))
		return 0;
	long ms = (nearest.tv_sec - now.tv_sec) * 1000 + (nearest.tv_nsec - now.tv_nsec) / 1000000 + 1;
	return ms > INT32_MAX ? INT32_MAX : (int)ms;
}

static void expire_async(void)
{
	struct timespec now;
	ts_now(&now);
	for (;;) {
		struct mp_pending *hit = NULL;
		pthread_mutex_lock(&mp_lock);
		for (struct mp_pending *p = mp_pending_list; p; p = p->next)
			if (p->async && !ts_before(&now, &p->deadline)) {
				hit = p;
				break;
			}
		if (hit)
			pending_unlink(hit);
		pthread_mutex_unlock(&mp_lock);
		if (!hit)
			return;
		RTE_LOG(DEBUG, EAL, "mp: async request '%s' timed out with %d reply(ies) missing\n",
			hit->req.name, hit->outstanding);
		async_complete(hit);
	}
}

static void *mp_receiver(void *arg)
{
	(void)arg;
	struct pollfd pf[2] = { { mp_fd, POLLIN, 0 }, { mp_wake[0], POLLIN, 0 } };
	while (!__atomic_load_n(&mp_stop, __ATOMIC_ACQUIRE)) {
		int rc = poll(pf, 2, next_timeout_ms());
		if (__atomic_load_n(&mp_stop, __ATOMIC_ACQUIRE))
			break;
		if (rc < 0 && errno != EINTR)
			break;
		if (pf[1].revents & POLLIN) {
			char buf[64];
			while (read(mp_wake[0], buf, sizeof(buf)) > 0)
				;
		}
		expire_async();
		if (!(pf[0].revents & POLLIN))
			continue;

		struct mp_wire w;
		struct sockaddr_un src;
		char ctl[CMSG_SPACE(sizeof(int) * RTE_MP_MAX_FD_NUM)];
		struct iovec iov = { &w, sizeof(w) };
		struct msghdr mh = { .msg_name = &src, .msg_namelen = sizeof(src), .msg_iov = &iov,
				     .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl) };
		ssize_t n = recvmsg(mp_fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (n < 0)
			continue;
		/* collect passed fds first, so a bad datagram never leaks them */
		int fds[RTE_MP_MAX_FD_NUM], nfds = 0;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
			if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
				continue;
			int cnt = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			int *in = (int *)CMSG_DATA(c);
			for (int i = 0; i < cnt; i++) {
				if (nfds < RTE_MP_MAX_FD_NUM)
					fds[nfds++] = in[i];
				else
					close(in[i]);
			}
		}
		bool bad = (size_t)n != sizeof(w) || (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) ||
			   w.type < MP_MSG || w.type > MP_IGN ||
			   w.msg.num_fds != nfds || w.msg.len_param < 0 ||
			   w.msg.len_param > RTE_MP_MAX_PARAM_LEN ||
			   strnlen(w.msg.name, RTE_MP_MAX_NAME_LEN) == RTE_MP_MAX_NAME_LEN ||
			   mh.msg_namelen <= offsetof(struct sockaddr_un, sun_path);
		if (bad) {
			/* rate-limited: a flood must not become a flood of log lines */
			static long win_start;
			static unsigned int win_lines;
			static uint64_t suppressed;
			long now = ms_now();
			if (now - win_start >= 1000) {
				if (suppressed)
					RTE_LOG(ERR, EAL, "mp: %" PRIu64 " more malformed message(s) "
						"dropped (log lines limited to %d a second)\n", suppressed,
						MP_BAD_LOG_PER_S);
				win_start = now;
				win_lines = 0;
				suppressed = 0;
			}
			if (win_lines < MP_BAD_LOG_PER_S) {
				win_lines++;
				RTE_LOG(ERR, EAL, "mp: dropped malformed message (%zd bytes, %d fds)\n",
					n, nfds);
			} else {
				suppressed++;
			}
			for (int i = 0; i < nfds; i++)
				close(fds[i]);
			continue;
		}
		memcpy(w.msg.fds, fds, sizeof(int) * (size_t)nfds);
		char peer[sizeof(src.sun_path) + 1];
		size_t plen = mh.msg_namelen - offsetof(struct sockaddr_un, sun_path);
		memcpy(peer, src.sun_path, plen);
		peer[plen] = '\0';
		if (w.type == MP_REP || w.type == MP_IGN)
			handle_reply(&w);
		else
			handle_incoming(&w, peer);
	}
	return NULL;
}

/* ---- lifecycle ------------------------------------------------------------------------------ */
int eal_mp_init(void)
{
	static unsigned int seq;
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int rc;

	__atomic_store_n(&mp_stop, false, __ATOMIC_RELAXED);
	if (eal.opt.no_shconf || __atomic_load_n(&mp_disabled, __ATOMIC_RELAXED))
		return 0;
	if (eal.proc_type == RTE_PROC_PRIMARY)
		rc = eal_runtime_path(mp_path, sizeof(mp_path), "mp_socket");
	else {
		char name[64];
		snprintf(name, sizeof(name), "mp_socket_%d_%u", (int)getpid(), seq++);
		rc = eal_runtime_path(mp_path, sizeof(mp_path), name);
	}
	if (rc < 0 || strlen(mp_path) >= sizeof(a.sun_path)) {
		RTE_LOG(ERR, EAL, "mp: socket path too long in %s\n", eal.runtime_dir);
		return -ENAMETOOLONG;
	}
	strcpy(a.sun_path, mp_path);
	mp_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (mp_fd < 0)
		return -errno;
	/* primary holds the prefix lock: a leftover is stale; a secondary's
	 * name has its live PID. Removed through the checked directory fd. */
	eal_runtime_unlink(strrchr(mp_path, '/') + 1);
	if (bind(mp_fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		rc = -errno;
		RTE_LOG(ERR, EAL, "mp: cannot bind %s: %s\n", mp_path, strerror(errno));
		goto fail_sock;
	}
	if (pipe2(mp_wake, O_CLOEXEC | O_NONBLOCK) < 0) {
		rc = -errno;
		goto fail_bind;
	}
	rc = -pthread_create(&mp_thread, NULL, mp_receiver, NULL);
	if (rc < 0)
		goto fail_pipe;
	pthread_setname_np(mp_thread, "dpl-mp");
	mp_thread_started = true;
	return 0;
fail_pipe:
	close(mp_wake[0]);
	close(mp_wake[1]);
	mp_wake[0] = mp_wake[1] = -1;
fail_bind:
	eal_runtime_unlink(strrchr(mp_path, '/') + 1);
fail_sock:
	close(mp_fd);
	mp_fd = -1;
	return rc;
}

void eal_mp_cleanup(void)
{
	if (mp_thread_started) {
		__atomic_store_n(&mp_stop, true, __ATOMIC_RELEASE);
		if (write(mp_wake[1], "x", 1) < 0)
			RTE_LOG(DEBUG, EAL, "mp: wake write failed\n");
		pthread_join(mp_thread, NULL);
		mp_thread_started = false;
	}
	if (mp_fd >= 0) {
		close(mp_fd);
		eal_runtime_unlink(strrchr(mp_path, '/') + 1);
		mp_fd = -1;
	}
	if (mp_wake[0] >= 0) {
		close(mp_wake[0]);
		close(mp_wake[1]);
		mp_wake[0] = mp_wake[1] = -1;
	}
	/* fail whatever is still pending: sync waiters wake and see no replies */
	pthread_mutex_lock(&mp_lock);
	struct mp_pending *list = mp_pending_list;
	mp_pending_list = NULL;
	for (struct mp_pending *p = list; p; p = p->next)
		if (!p->async)
			pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&mp_lock);
	while (list) {
		struct mp_pending *p = list;
		list = p->next;
		if (p->async)
			async_complete(p);
	}
	while (mp_actions) {
		struct mp_action *a = mp_actions;
		mp_actions = a->next;
		free(a);
	}
	__atomic_store_n(&mp_disabled, false, __ATOMIC_RELAXED);
}

/* A child of fork shares the parent's socket file and has no receiver thread
 * (mp_lock may even be held by one of the parent's threads, frozen in the
 * copy): close the inherited fds, drop the lists without locking or freeing
 * what a frozen thread might have been using, and leave the file. */
void eal_mp_forget(void)
{
	mp_thread_started = false;
	if (mp_fd >= 0)
		close(mp_fd);
	if (mp_wake[0] >= 0)
		close(mp_wake[0]);
	if (mp_wake[1] >= 0)
		close(mp_wake[1]);
	mp_fd = mp_wake[0] = mp_wake[1] = -1;
	mp_pending_list = NULL;
	mp_actions = NULL;
	__atomic_store_n(&mp_disabled, false, __ATOMIC_RELAXED);
}

/* ---- public API ---------------------------------------------------------------------------------- */
int rte_mp_disable(void)
{
	pthread_mutex_lock(&mp_lock);
	bool busy = mp_actions != NULL;
	if (!busy)
		__atomic_store_n(&mp_disabled, true, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&mp_lock);
	return busy ? 0 : 1;   /* true when the channel is (now) disabled */
}

int rte_mp_action_register(const char *name, rte_mp_t action)
{
	if (name == NULL || action == NULL || strnlen(name, RTE_MP_MAX_NAME_LEN) == 0 ||
	    strnlen(name, RTE_MP_MAX_NAME_LEN) >= RTE_MP_MAX_NAME_LEN) {
		RTE_LOG(ERR, EAL, "rte_mp_action_register: bad name or NULL action\n");
		rte_errno = EINVAL;
		return -1;
	}
	int rc = mp_usable_lvl("rte_mp_action_register", true);
	if (rc < 0) {
		rte_errno = -rc;
		return -1;
	}
	struct mp_action *a = calloc(1, sizeof(*a));
	if (a == NULL) {
		rte_errno = ENOMEM;
		return -1;
	}
	strcpy(a->name, name);
	a->fn = action;
	pthread_mutex_lock(&mp_lock);
	for (struct mp_action *x = mp_actions; x; x = x->next)
		if (strcmp(x->name, name) == 0) {
			pthread_mutex_unlock(&mp_lock);
			free(a);
			RTE_LOG(ERR, EAL, "rte_mp_action_register: '%s' already registered\n", name);
			rte_errno = EEXIST;
			return -1;
		}
	a->next = mp_actions;
	mp_actions = a;
	pthread_mutex_unlock(&mp_lock);
	return 0;
}

void rte_mp_action_unregister(const char *name)
{
	if (name == NULL)
		return;
	pthread_mutex_lock(&mp_lock);
	for (struct mp_action **pp = &mp_actions; *pp; pp = &(*pp)->next)
		if (strncmp((*pp)->name, name, RTE_MP_MAX_NAME_LEN) == 0) {
			struct mp_action *a = *pp;
			*pp = a->next;
			free(a);
			break;
		}
	pthread_mutex_unlock(&mp_lock);
}

struct send_ctx {
	uint32_t type;
	uint64_t id;
	const struct rte_mp_msg *msg;
	int sent;
	int err;
	const struct timespec *deadline;   /* requests: wait no longer than this */
};

static int send_one(const char *path, void *arg)
{
	struct send_ctx *c = arg;
	long wait = MP_SEND_WAIT_APP_MS;
	if (c->deadline != NULL) {
		/* a request: a secondary has one peer (the primary) and may use
		 * the whole timeout; the primary must not let one stalled
		 * secondary eat the others' time */
		struct timespec now;
		ts_now(&now);
		long left = (c->deadline->tv_sec - now.tv_sec) * 1000 +
			    (c->deadline->tv_nsec - now.tv_nsec) / 1000000;
		wait = eal.proc_type == RTE_PROC_SECONDARY ? left : RTE_MIN(wait, left);
		wait = RTE_MAX(0L, wait);
	}
	int rc = mp_send_to(path, c->type, c->id, c->msg, wait);
	if (rc == 0)
		c->sent++;
	else if (rc != -ENOTCONN)
		c->err = rc;
	return 0;
}

int rte_mp_sendmsg(struct rte_mp_msg *msg)
{
	int rc = check_msg(msg, "rte_mp_sendmsg");
	if (rc == 0)
		rc = mp_usable("rte_mp_sendmsg");
	if (rc < 0) {
		rte_errno = -rc;
		return -1;
	}
	struct send_ctx c = { MP_MSG, 0, msg, 0, 0, NULL };
	rc = mp_for_each_peer(send_one, &c);
	if (rc < 0 || c.err < 0) {
		rte_errno = -(rc < 0 ? rc : c.err);
		RTE_LOG(ERR, EAL, "rte_mp_sendmsg '%s': %s\n", msg->name, strerror(rte_errno));
		return -1;
	}
	return 0;
}

/* Register a pending request and send it to every peer. */
static struct mp_pending *request_start(struct rte_mp_msg *req, const struct timespec *ts,
					bool async, rte_mp_async_reply_t clb, int *err)
{
	struct mp_pending *p = calloc(1, sizeof(*p));
	if (p == NULL) {
		*err = -ENOMEM;
		return NULL;
	}
	p->req = *req;
	p->async = async;
	p->clb = clb;
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cv, &ca);
	pthread_condattr_destroy(&ca);
	ts_now(&p->deadline);
	ts_add(&p->deadline, ts);

	pthread_mutex_lock(&mp_lock);
	p->id = mp_next_id++;
	p->outstanding = 1 << 30;   /* sends in flight: replies can't complete it early */
	p->next = mp_pending_list;
	mp_pending_list = p;
	pthread_mutex_unlock(&mp_lock);

	struct send_ctx c = { MP_REQ, p->id, req, 0, 0, &p->deadline };
	int rc = mp_for_each_peer(send_one, &c);

	pthread_mutex_lock(&mp_lock);
	p->reply.nb_sent = c.sent;
	p->outstanding -= (1 << 30) - c.sent;
	if (rc < 0 || c.err < 0) {
		pending_unlink(p);
		pthread_mutex_unlock(&mp_lock);
		*err = rc < 0 ? rc : c.err;
		for (int i = 0; i < p->reply.nb_received; i++)
			close_fds(&p->reply.msgs[i]);
		free(p->reply.msgs);
		pthread_cond_destroy(&p->cv);
		free(p);
		return NULL;
	}
	pthread_mutex_unlock(&mp_lock);
	return p;
}

static int check_request(struct rte_mp_msg *req, const struct timespec *ts, const char *what)
{
	int rc = check_msg(req, what);
	if (rc == 0 && (ts == NULL || ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)) {
		RTE_LOG(ERR, EAL, "%s: invalid timeout\n", what);
		rc = -EINVAL;
	}
	if (rc == 0)
		rc = mp_usable(what);
	return rc;
}

int rte_mp_request_sync(struct rte_mp_msg *req, struct rte_mp_reply *reply, const struct timespec *ts)
{
	if (reply == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	memset(reply, 0, sizeof(*reply));
	int rc = check_request(req, ts, "rte_mp_request_sync");
	if (rc < 0) {
		rte_errno = -rc;
		return -1;
	}
	struct mp_pending *p = request_start(req, ts, false, NULL, &rc);
	if (p == NULL) {
		rte_errno = -rc;
		RTE_LOG(ERR, EAL, "rte_mp_request_sync '%s': send failed: %s\n", req->name, strerror(-rc));
		return -1;
	}
	pthread_mutex_lock(&mp_lock);
	while (p->outstanding > 0 && pending_find(p->id) != NULL)
		if (pthread_cond_timedwait(&p->cv, &mp_lock, &p->deadline) == ETIMEDOUT)
			break;
	bool timed_out = p->outstanding > 0;
	pending_unlink(p);
	pthread_mutex_unlock(&mp_lock);
	*reply = p->reply;
	pthread_cond_destroy(&p->cv);
	free(p);
	if (timed_out) {
		RTE_LOG(ERR, EAL, "rte_mp_request_sync '%s': %d of %d peer(s) did not answer in time\n",
			req->name, reply->nb_sent - reply->nb_received, reply->nb_sent);
		rte_errno = ETIMEDOUT;
		return -1;   /* replies that did arrive stay in *reply (caller frees msgs) */
	}
	return 0;
}

int rte_mp_request_async(struct rte_mp_msg *req, const struct timespec *ts, rte_mp_async_reply_t clb)
{
	int rc = check_request(req, ts, "rte_mp_request_async");
	if (rc == 0 && clb == NULL)
		rc = -EINVAL;
	if (rc < 0) {
		rte_errno = -rc;
		return -1;
	}
	struct mp_pending *p = request_start(req, ts, true, clb, &rc);
	if (p == NULL) {
		rte_errno = -rc;
		return -1;
	}
	pthread_mutex_lock(&mp_lock);
	bool done = p->outstanding == 0;
	if (done)
		pending_unlink(p);
	pthread_mutex_unlock(&mp_lock);
	if (done) {
		async_complete(p);   /* nobody to wait for: report at once */
		return 0;
	}
	if (write(mp_wake[1], "x", 1) < 0)   /* new deadline for the receiver */
		RTE_LOG(DEBUG, EAL, "mp: wake write failed\n");
	return 0;
}

int rte_mp_reply(struct rte_mp_msg *msg, const char *peer)
{
	int rc = check_msg(msg, "rte_mp_reply");
	if (rc == 0 && peer == NULL) {
		RTE_LOG(ERR, EAL, "rte_mp_reply: NULL peer\n");
		rc = -EINVAL;
	}
	if (rc == 0)
		rc = mp_usable("rte_mp_reply");
	if (rc < 0) {
		rte_errno = -rc;
		return -1;
	}
	char path[PATH_MAX];
	const char *nl = strchr(peer, '\n');
	if (nl == NULL || (size_t)(nl - peer) >= sizeof(path)) {
		RTE_LOG(ERR, EAL, "rte_mp_reply: peer is not a request's peer handle\n");
		rte_errno = EINVAL;
		return -1;
	}
	memcpy(path, peer, (size_t)(nl - peer));
	path[nl - peer] = '\0';
	uint64_t id = strtoull(nl + 1, NULL, 10);
	rc = mp_send_to(path, MP_REP, id, msg, MP_SEND_WAIT_MS);
	if (rc < 0) {
		rte_errno = rc == -ENOTCONN ? ENOTCONN : -rc;
		return -1;
	}
	return 0;
}
