/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry server: the dpdk_telemetry.v2 socket (DPDK 22.11's protocol,
 * docs/telemetry.md) and its threads; requests are answered by
 * telemetry_registry.c.
 *
 * Protocol: SOCK_SEQPACKET in the runtime directory. On connect the server
 * sends {"version":..,"pid":..,"max_output_len":..}; each request message
 * "/cmd[,params]" gets exactly one reply message {"/cmd":data}, never longer
 * than max_output_len; unknown commands and failed callbacks give null data.
 * A process whose socket name is taken by a live process (a secondary next
 * to its primary) binds "dpdk_telemetry.v2:N" with the first free N >= 1, as
 * DPDK does (dpdk-telemetry.py -i N).
 *
 * Threads: one listener ("telemetry-v2") and one thread per client, at most
 * TEL_MAX_CLIENTS; all are control threads kept off the lcores' CPUs where
 * other CPUs exist. They never touch the data path: a callback reads shared
 * state with the locks the public walkers take, and a reply is built before
 * it is sent, so no lock is held while a client is slow. A full server drops
 * its longest-idle client (one waiting for a request) to admit a new one;
 * when every client is busy the new one waits in the listen backlog until
 * one finishes (never accepted-and-closed).
 * Sends time out after TEL_SEND_TIMEOUT_MS; a client that does not read its
 * replies is dropped then, one that goes away mid-reply on EPIPE.
 *
 * Lifecycle: the constructor registers the built-in commands and an EAL hook;
 * rte_eal_init starts the server (unless --no-telemetry), rte_eal_cleanup
 * stops it: the listener is woken through a pipe, each client's socket is
 * shut down so its thread returns, every thread is joined and the socket
 * file removed. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_string_fns.h>
#include <rte_version.h>
#include "telemetry_internal.h"
#include "eal_private.h"

#define TEL_MAX_CLIENTS      16
#define TEL_SEND_TIMEOUT_MS  2000
#define TEL_SOCKET_NAME      "dpdk_telemetry.v2"

/* ---- server ----------------------------------------------------------------------------- */
enum slot_state { SLOT_FREE, SLOT_RUNNING, SLOT_DONE };
struct client {
	int state;                /* enum slot_state; slot_lock */
	int fd;                   /* slot_lock for close vs shutdown */
	bool idle;                /* waiting for a request; slot_lock */
	uint64_t idle_since_ns;   /* slot_lock */
	pthread_t thread;
};
static struct {
	int listen_fd;
	int wake[2];              /* listener wake-up pipe */
	pthread_t listener;
	bool running;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	cpu_set_t cpus;           /* control CPUs for our threads */
	bool cpus_set;
	pthread_mutex_t slot_lock;
	struct client c[TEL_MAX_CLIENTS];
} srv = { .listen_fd = -1, .wake = { -1, -1 }, .slot_lock = PTHREAD_MUTEX_INITIALIZER };

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void set_idle(struct client *c, bool idle)
{
	pthread_mutex_lock(&srv.slot_lock);
	c->idle = idle;
	c->idle_since_ns = now_ns();
	pthread_mutex_unlock(&srv.slot_lock);
}

/* One whole message, or false (client gone, or not reading its replies). */
static bool send_msg(int fd, const char *buf, size_t len)
{
	return send(fd, buf, len, MSG_NOSIGNAL) == (ssize_t)len;
}

static void *client_main(void *arg)
{
	struct client *c = arg;
	int fd = c->fd;
	char *in = malloc(TEL_MAX_REQUEST + 1);
	char *out = malloc(TEL_MAX_OUTPUT_LEN);
	struct rte_tel_data *scratch = rte_tel_data_alloc();

	if (in != NULL && out != NULL && scratch != NULL) {
		/* the banner: the fields of /info */
		size_t len = (size_t)snprintf(out, TEL_MAX_OUTPUT_LEN, "{\"version\":");
		if (!tel_json_string(out, TEL_MAX_OUTPUT_LEN - 64, &len, rte_version(),
				     strlen(rte_version())))
			len += (size_t)snprintf(out + len, TEL_MAX_OUTPUT_LEN - len, "\"\"");
		len += (size_t)snprintf(out + len, TEL_MAX_OUTPUT_LEN - len,
					",\"pid\":%d,\"max_output_len\":%d}", (int)getpid(),
					TEL_MAX_OUTPUT_LEN);
		bool alive = send_msg(fd, out, len);
		while (alive) {
			struct pollfd p = { .fd = fd, .events = POLLIN | POLLRDHUP };
			set_idle(c, true);
			int r = poll(&p, 1, -1);
			if (r < 0 && errno == EINTR)
				continue;
			/* POLLHUP: the peer closed both directions, so nobody
			 * would read a reply to what it left queued */
			if (r < 0 || (p.revents & (POLLERR | POLLNVAL | POLLHUP)))
				break;
			set_idle(c, false);
			struct iovec iov = { .iov_base = in, .iov_len = TEL_MAX_REQUEST + 1 };
			struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
			ssize_t n = recvmsg(fd, &mh, MSG_DONTWAIT);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (n < 0)
				break;
			if (n == 0 && (p.revents & (POLLHUP | POLLRDHUP)))
				break;                     /* orderly close */
			size_t rn = (size_t)n;
			if (mh.msg_flags & MSG_TRUNC)
				rn = TEL_MAX_REQUEST + 1;  /* refused as too long */
			len = tel_handle_request(in, rn, out, TEL_MAX_OUTPUT_LEN, scratch);
			alive = send_msg(fd, out, len);
		}
	}
	rte_tel_data_free(scratch);
	free(in);
	free(out);
	pthread_mutex_lock(&srv.slot_lock);
	close(c->fd);
	c->fd = -1;
	c->state = SLOT_DONE;
	pthread_mutex_unlock(&srv.slot_lock);
	return NULL;
}

/* Join finished client threads (listener only). */
static void reap(void)
{
	for (unsigned int i = 0; i < TEL_MAX_CLIENTS; i++) {
		pthread_mutex_lock(&srv.slot_lock);
		bool done = srv.c[i].state == SLOT_DONE;
		pthread_mutex_unlock(&srv.slot_lock);
		if (done) {
			pthread_join(srv.c[i].thread, NULL);
			pthread_mutex_lock(&srv.slot_lock);
			srv.c[i].state = SLOT_FREE;
			pthread_mutex_unlock(&srv.slot_lock);
		}
	}
}

/* A free slot for a new client; when all are taken, the longest-idle
 * client is disconnected and -1 returned (the caller reaps and retries). */
static int take_slot(void)
{
	int best = -1;
	uint64_t oldest = UINT64_MAX;
	pthread_mutex_lock(&srv.slot_lock);
	for (unsigned int i = 0; i < TEL_MAX_CLIENTS; i++) {
		if (srv.c[i].state == SLOT_FREE) {
			pthread_mutex_unlock(&srv.slot_lock);
			return (int)i;
		}
		if (srv.c[i].state == SLOT_RUNNING && srv.c[i].idle &&
		    srv.c[i].idle_since_ns < oldest) {
			oldest = srv.c[i].idle_since_ns;
			best = (int)i;
		}
	}
	if (best >= 0 && srv.c[best].fd >= 0)
		shutdown(srv.c[best].fd, SHUT_RDWR);
	pthread_mutex_unlock(&srv.slot_lock);
	return best >= 0 ? -2 : -1;
}

static void set_thread_cpus(void)
{
	if (srv.cpus_set)
		pthread_setaffinity_np(pthread_self(), sizeof(srv.cpus), &srv.cpus);
}

static void *listener_main(void *arg __rte_unused)
{
	set_thread_cpus();
	bool full = false;
	for (;;) {
		/* While every slot is busy the listening socket is not polled:
		 * new clients wait in the kernel's backlog (their connect or
		 * first read blocks, bounded by their own timeout) and are
		 * accepted as soon as a busy client finishes. Accepting and
		 * closing them instead would look like a reset to a client on
		 * a loaded machine. */
		struct pollfd p[2] = { { .fd = srv.wake[0], .events = POLLIN },
				       { .fd = srv.listen_fd, .events = POLLIN } };
		int r = poll(p, full ? 1 : 2, full ? 5 : 1000);
		reap();
		if (r < 0 && errno != EINTR)
			break;
		if (p[0].revents)
			break;                           /* stop requested */
		if (full) {
			/* still someone waiting? (a client may have given up) */
			struct pollfd q = { .fd = srv.listen_fd, .events = POLLIN };
			if (poll(&q, 1, 0) <= 0) {
				full = false;
				continue;
			}
		} else if (r <= 0 || !(p[1].revents & POLLIN)) {
			continue;
		}
		int slot = take_slot();
		for (int tries = 0; slot == -2 && tries < 100; tries++) {
			usleep(1000);                    /* the evicted client's thread exits */
			reap();
			slot = take_slot();
		}
		full = slot < 0;
		if (full)
			continue;                        /* every client busy: keep it queued */
		int fd = accept4(srv.listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd < 0)
			continue;                        /* nobody waiting after all */
		fcntl(fd, F_SETFL, 0);                   /* the client thread blocks */
		struct timeval tv = { .tv_sec = TEL_SEND_TIMEOUT_MS / 1000,
				      .tv_usec = (TEL_SEND_TIMEOUT_MS % 1000) * 1000 };
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		struct client *c = &srv.c[slot];
		pthread_mutex_lock(&srv.slot_lock);
		c->fd = fd;
		c->idle = false;
		c->state = SLOT_RUNNING;
		pthread_mutex_unlock(&srv.slot_lock);
		if (pthread_create(&c->thread, NULL, client_main, c) != 0) {
			TEL_LOG(ERR, "cannot start a client thread\n");
			pthread_mutex_lock(&srv.slot_lock);
			close(fd);
			c->fd = -1;
			c->state = SLOT_FREE;
			pthread_mutex_unlock(&srv.slot_lock);
			continue;
		}
		pthread_setname_np(c->thread, "telemetry-cli");
	}
	/* stop: disconnect every client, then join them */
	pthread_mutex_lock(&srv.slot_lock);
	for (unsigned int i = 0; i < TEL_MAX_CLIENTS; i++)
		if (srv.c[i].state == SLOT_RUNNING && srv.c[i].fd >= 0)
			shutdown(srv.c[i].fd, SHUT_RDWR);
	pthread_mutex_unlock(&srv.slot_lock);
	for (unsigned int i = 0; i < TEL_MAX_CLIENTS; i++) {
		pthread_mutex_lock(&srv.slot_lock);
		bool used = srv.c[i].state != SLOT_FREE;
		pthread_mutex_unlock(&srv.slot_lock);
		if (used) {
			pthread_join(srv.c[i].thread, NULL);
			pthread_mutex_lock(&srv.slot_lock);
			srv.c[i].state = SLOT_FREE;
			pthread_mutex_unlock(&srv.slot_lock);
		}
	}
	return NULL;
}

/* CPUs for control threads: those no EAL lcore runs on, else all. */
static void pick_cpus(void)
{
	cpu_set_t all, lc;
	CPU_ZERO(&lc);
	CPU_ZERO(&all);
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);
	for (long i = 0; i < ncpu && i < CPU_SETSIZE; i++)
		CPU_SET(i, &all);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (rte_eal_lcore_role(id) == ROLE_RTE) {
			rte_cpuset_t s = rte_lcore_cpuset(id);
			CPU_OR(&lc, &lc, &s);
		}
	CPU_XOR(&srv.cpus, &all, &lc);
	CPU_AND(&srv.cpus, &srv.cpus, &all);
	if (CPU_COUNT(&srv.cpus) == 0)
		srv.cpus = all;
	srv.cpus_set = true;
}

/* Bind path; -EADDRINUSE when a live server answers there. A stale socket
 * file (its process died) is replaced. */
static int bind_socket(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	rte_strscpy(sun.sun_path, path, sizeof(sun.sun_path));
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		int err = errno;
		if (err != EADDRINUSE) {
			close(fd);
			return -err;
		}
		int probe = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
		bool live = probe >= 0 && connect(probe, (struct sockaddr *)&sun, sizeof(sun)) == 0;
		if (probe >= 0)
			close(probe);
		if (live) {
			close(fd);
			return -EADDRINUSE;
		}
		unlink(path);
		if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
			err = errno;
			close(fd);
			return -err;
		}
	}
	/* the runtime directory is 0700 already; the socket is owner-only too */
	if (chmod(path, 0600) < 0 || listen(fd, 16) < 0) {
		int err = errno;
		unlink(path);
		close(fd);
		return -err;
	}
	return fd;
}

static void tel_stop(void);

/* exit() without rte_eal_cleanup still removes the socket file (as DPDK);
 * after a crash the next process to bind the name replaces it. */
static pid_t srv_pid;
static void unlink_at_exit(void)
{
	if (srv.path[0] && getpid() == srv_pid)   /* not in a forked child */
		unlink(srv.path);
}

static int tel_start(void)
{
	char base[sizeof(srv.path)];
	const char *dir = rte_eal_get_runtime_dir();
	int fd, rc;

	if (eal.opt.no_telemetry || srv.running)
		return 0;
	if (dir == NULL || dir[0] == '\0')
		return 0;
	if ((size_t)snprintf(base, sizeof(base), "%s/%s", dir, TEL_SOCKET_NAME) >= sizeof(base)) {
		TEL_LOG(WARNING, "runtime directory path too long for a socket: telemetry off\n");
		return 0;
	}
	rte_strscpy(srv.path, base, sizeof(srv.path));
	fd = bind_socket(srv.path);
	for (int n = 1; fd == -EADDRINUSE && n < 1024; n++) {
		if ((size_t)snprintf(srv.path, sizeof(srv.path), "%s:%d", base, n) >= sizeof(srv.path))
			break;
		fd = bind_socket(srv.path);
	}
	if (fd < 0) {
		/* telemetry is a convenience: a process runs without it */
		TEL_LOG(WARNING, "no telemetry socket in %s: %s\n", dir, strerror(-fd));
		srv.path[0] = '\0';
		return 0;
	}
	srv.listen_fd = fd;
	if (pipe2(srv.wake, O_CLOEXEC) < 0) {
		rc = -errno;
		goto fail;
	}
	pick_cpus();
	srv_pid = getpid();
	static bool atexit_done;
	if (!atexit_done && atexit(unlink_at_exit) == 0)
		atexit_done = true;
	if ((rc = -pthread_create(&srv.listener, NULL, listener_main, NULL)) < 0)
		goto fail;
	pthread_setname_np(srv.listener, "telemetry-v2");
	srv.running = true;
	TEL_LOG(DEBUG, "serving %s\n", srv.path);
	return 0;
fail:
	tel_stop();
	TEL_LOG(WARNING, "telemetry off: %s\n", strerror(-rc));
	return 0;
}

static void tel_stop(void)
{
	if (srv.running && getpid() != srv_pid) {
		/* a forked child: the threads, the socket and the wake pipe's
		 * reader belong to the parent; drop our copies of the fds only */
		close(srv.listen_fd);
		close(srv.wake[0]);
		close(srv.wake[1]);
		srv.listen_fd = srv.wake[0] = srv.wake[1] = -1;
		for (unsigned int i = 0; i < TEL_MAX_CLIENTS; i++) {
			if (srv.c[i].state == SLOT_RUNNING && srv.c[i].fd >= 0)
				close(srv.c[i].fd);
			srv.c[i].fd = -1;
			srv.c[i].state = SLOT_FREE;
		}
		srv.path[0] = '\0';
		srv.running = false;
		return;
	}
	if (srv.running) {
		char b = 1;
		if (write(srv.wake[1], &b, 1) != 1)
			TEL_LOG(ERR, "cannot wake the telemetry thread\n");
		pthread_join(srv.listener, NULL);
		srv.running = false;
	}
	if (srv.listen_fd >= 0) {
		close(srv.listen_fd);
		srv.listen_fd = -1;
	}
	for (int i = 0; i < 2; i++)
		if (srv.wake[i] >= 0) {
			close(srv.wake[i]);
			srv.wake[i] = -1;
		}
	if (srv.path[0]) {
		unlink(srv.path);
		srv.path[0] = '\0';
	}
}

RTE_INIT(telemetry_register)
{
	rte_telemetry_register_cmd("/", tel_cmd_list,
				   "All commands, sorted. No parameters");
	rte_telemetry_register_cmd("/info", tel_cmd_info,
				   "Version, pid and max_output_len of this server. No parameters");
	rte_telemetry_register_cmd("/help", tel_cmd_help,
				   "Help text of a command. Parameters: the command, e.g. /help,/info");
	tel_register_builtins();
	eal_register_hook("telemetry", tel_start, tel_stop);
}
