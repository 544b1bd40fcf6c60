/* SPDX-License-Identifier: BSD-3-Clause
 * The prefix lock on <runtime>/config (whoever holds it is the primary; the
 * directory itself is rundir.c's), the config file's header that tells
 * dplite and DPDK processes apart, and, in a secondary, the
 * thread that watches the primary exit and runs rte_eal_primary_exit_*
 * callbacks.
 * May call: state, log, errno, rundir. Called by init.c (create/lock/watch in that
 * order, undone in reverse) and by the public rte_eal_primary_* functions. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <poll.h>
#include <sys/syscall.h>
#include <pthread.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_version.h>
#include "eal_private.h"

/* ---- prefix lock ------------------------------------------------------------------------------------------
 * The runtime directory itself (where, and the checks that make it ours) is
 * rundir.c's; every file here is opened through it (openat, O_NOFOLLOW). */

/* Header of <runtime>/config, which DPDK 22.11 also uses as its shared
 * struct rte_mem_config (mapped by its secondaries and tools such as
 * dpdk-proc-info). DPDK reads a 32-bit magic at offset 0 (it spins until it
 * equals RTE_MAGIC) and a 32-bit version at offset 4 (it refuses to attach
 * unless it equals its own RTE_VERSION). We write RTE_MAGIC and version 0,
 * which no DPDK release has, so a DPDK process fails at once ("version
 * mismatch") instead of spinning on a file it cannot use. The tag tells a
 * dplite process whether the lock holder is dplite or something else (DPDK). */
#define EAL_CONFIG_MAGIC 19820526u   /* DPDK's RTE_MAGIC, a fact we match */
#define EAL_CONFIG_TAG "dplite-config-1"
struct eal_config_hdr {
	uint32_t magic;          /* offset 0: EAL_CONFIG_MAGIC */
	uint32_t version;        /* offset 4: 0, never a DPDK RTE_VERSION */
	char tag[16];            /* offset 8: EAL_CONFIG_TAG */
	int32_t pid;             /* offset 24: primary's PID */
	uint32_t reserved;
	char text[96];           /* offset 32: one line for people who cat it */
};

/* What holds the prefix, from the header of an open config file. */
static bool config_is_dplite(int fd)
{
	struct eal_config_hdr h;
	if (pread(fd, &h, sizeof(h), 0) < (ssize_t)offsetof(struct eal_config_hdr, pid))
		return false;
	return memcmp(h.tag, EAL_CONFIG_TAG, sizeof(EAL_CONFIG_TAG)) == 0;
}

static int config_write(int fd)
{
	struct eal_config_hdr h;
	memset(&h, 0, sizeof(h));
	h.magic = EAL_CONFIG_MAGIC;
	h.version = 0;
	memcpy(h.tag, EAL_CONFIG_TAG, sizeof(EAL_CONFIG_TAG));
	h.pid = (int32_t)getpid();
	snprintf(h.text, sizeof(h.text), "\ndplite primary, pid %d (not a DPDK rte_mem_config)\n",
		 (int)getpid());
	/* header first, then trim: a file that had a header never lacks one */
	if (pwrite(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) || ftruncate(fd, sizeof(h)) != 0)
		return -errno;
	return 0;
}

static pid_t lock_holder(int fd);

/* The lock holder's kind, allowing for a dplite primary that has just taken
 * the lock of a fresh (empty) file and not yet written its header (DPDK
 * sizes its file before locking it, so a short locked file is dplite's). */
static bool config_is_dplite_settled(int fd)
{
	for (int i = 0; i < 2000; i++) {
		struct stat st;
		if (config_is_dplite(fd))
			return true;
		if (fstat(fd, &st) != 0 || st.st_size >= (off_t)sizeof(struct eal_config_hdr) ||
		    lock_holder(fd) == 0)
			return false;
		usleep(1000);
	}
	return false;
}

/* PID holding a write lock on fd's file, 0 if none. */
static pid_t lock_holder(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
		return 0;
	return fl.l_pid;
}

/* Who holds the prefix, for messages: "dplite primary process 123" or
 * "DPDK process 123". */
static const char *holder_kind(bool dplite)
{
	return dplite ? "dplite primary process" : "DPDK (not dplite) process";
}

/* Take the prefix lock: an fcntl write lock on <runtime>/config, released by
 * the kernel when the process dies, so a crashed primary never blocks the
 * next one. The file is unlinked at clean shutdown; the inode check below
 * catches the race where we locked a file a departing primary just removed.
 * DPDK locks a byte range of the same file, so our whole-file lock and its
 * range lock exclude each other and each side sees the other as a holder. */
int eal_prefix_lock(bool *is_primary)
{
	int rc;
	for (int tries = 0; tries < 100; tries++) {
		int fd = eal_runtime_open("config", O_RDWR | O_CREAT, 0600);
		if (fd < 0) {
			EAL_LOG(ERR, "cannot open %s/config: %s\n", eal.runtime_dir, strerror(-fd));
			return fd;
		}
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		if (fcntl(fd, F_SETLK, &fl) != 0) {
			pid_t holder = lock_holder(fd);
			if (holder == 0) {
				close(fd);
				continue;   /* released meanwhile: retry */
			}
			bool dplite = config_is_dplite_settled(fd);
			if (!dplite && lock_holder(fd) == 0) {
				close(fd);
				continue;   /* a short-lived holder (a secondary checking) left */
			}
			if (eal.opt.proc_type == RTE_PROC_PRIMARY || !dplite) {
				EAL_LOG(ERR, "file prefix '%s' is held by %s %d (lock on %s/config); "
					"%s\n", eal.opt.file_prefix, holder_kind(dplite), (int)holder,
					eal.runtime_dir, dplite ?
					"pass another --file-prefix, or --proc-type=secondary to attach to it" :
					"a dplite process cannot share memory with DPDK: pass another "
					"--file-prefix (e.g. --file-prefix=dplite)");
				close(fd);
				return dplite ? -EBUSY : -EPROTO;
			}
			close(fd);
			*is_primary = false;
			return 0;
		}
		struct stat a, b;
		if (fstat(fd, &a) != 0 || eal_runtime_stat("config", &b) != 0 || a.st_ino != b.st_ino) {
			close(fd);   /* we locked an unlinked file: start over */
			continue;
		}
		if (eal.opt.proc_type == RTE_PROC_SECONDARY) {
			/* nobody is primary: what a dead primary left is stale */
			eal_runtime_sweep(true);
			eal_runtime_unlink("mp_socket");
			eal_runtime_unlink("config");
			close(fd);
			EAL_LOG(ERR, "no primary process is running with file prefix '%s' (in %s); "
				"start the primary first or pass its --file-prefix\n",
				eal.opt.file_prefix, eal.runtime_dir);
			return -ENOENT;
		}
		if ((rc = config_write(fd)) < 0)
			EAL_LOG(WARNING, "cannot write %s/config: %s\n", eal.runtime_dir, strerror(-rc));
		eal.lock_fd = fd;
		*is_primary = true;
		return 0;
	}
	EAL_LOG(ERR, "cannot settle the lock on %s/config\n", eal.runtime_dir);
	return -EAGAIN;
}

/* A secondary leaving a prefix whose primary is gone (killed) removes what
 * that primary left: if nobody holds the lock, config and mp_socket are
 * stale. The lock is held while removing, so a new primary cannot be
 * starting meanwhile (it would wait for the lock and then see a new file). */
static void prefix_sweep_dead_primary(void)
{
	int fd = eal_runtime_open("config", O_RDWR, 0);
	if (fd < 0)
		return;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	struct stat a, b;
	if (fcntl(fd, F_SETLK, &fl) == 0 && config_is_dplite(fd) && fstat(fd, &a) == 0 &&
	    eal_runtime_stat("config", &b) == 0 && a.st_ino == b.st_ino) {
		eal_runtime_sweep(true);
		eal_runtime_unlink("mp_socket");
		eal_runtime_unlink("config");
	}
	close(fd);
}

void eal_prefix_forget(void)
{
	if (eal.lock_fd >= 0)
		close(eal.lock_fd);
	eal.lock_fd = -1;
}

void eal_prefix_unlock(void)
{
	if (eal.lock_fd < 0) {
		if (eal.proc_type == RTE_PROC_SECONDARY && !eal.opt.no_shconf &&
		    eal_runtime_dirfd() >= 0)
			prefix_sweep_dead_primary();
		return;
	}
	eal_runtime_unlink("config");   /* still holding the lock: nobody can have it */
	close(eal.lock_fd);
	eal.lock_fd = -1;
}

/* ---- primary exit watch (secondaries) ----------------------------------------------------
 * A secondary opens a pidfd on the primary (the PID holding the prefix lock)
 * and a thread polls it together with a wake-up pipe. The kernel makes the
 * pidfd readable the moment the primary exits, however it exits, so the
 * latency is a wake-up, not a poll period. The PID is read from the lock
 * and checked again after pidfd_open, so a recycled PID cannot fool us.
 * Without pidfd support (old kernels) the thread checks the lock every
 * 20 ms instead. */
#define EXIT_CBS_MAX 16
static struct { rte_eal_primary_exit_cb_t cb; void *arg; } exit_cbs[EXIT_CBS_MAX];
static unsigned int exit_cbs_n;
static pthread_mutex_t exit_lock = PTHREAD_MUTEX_INITIALIZER;
static int watch_fd = -1, watch_pidfd = -1, watch_wake[2] = { -1, -1 };
static pthread_t watch_thread;
static bool watch_started;
static volatile int primary_gone;

static void *primary_watch(void *arg)
{
	(void)arg;
	struct pollfd pf[2] = { { watch_pidfd, POLLIN, 0 }, { watch_wake[0], POLLIN, 0 } };
	for (;;) {
		int n = poll(pf, 2, watch_pidfd >= 0 ? -1 : 20);
		if (n < 0 && errno != EINTR)
			return NULL;
		if (pf[1].revents)
			return NULL;              /* rte_eal_cleanup */
		if (watch_pidfd >= 0 ? (pf[0].revents != 0) : lock_holder(watch_fd) == 0)
			break;
	}
	__atomic_store_n(&primary_gone, 1, __ATOMIC_RELEASE);
	EAL_LOG(WARNING, "primary process of prefix '%s' has exited\n", eal.opt.file_prefix);
	pthread_mutex_lock(&exit_lock);
	for (unsigned int i = 0; i < exit_cbs_n; i++)
		exit_cbs[i].cb(exit_cbs[i].arg);
	pthread_mutex_unlock(&exit_lock);
	return NULL;
}

void eal_primary_watch_stop(void);

int eal_primary_watch_start(void)
{
	int rc;
	primary_gone = 0;
	watch_fd = eal_runtime_open("config", O_RDONLY, 0);
	if (watch_fd < 0 || pipe2(watch_wake, O_CLOEXEC) < 0) {
		rc = watch_fd < 0 ? watch_fd : -errno;
		eal_primary_watch_stop();
		return rc;
	}
	pid_t pid = lock_holder(watch_fd);
	if (pid > 0) {
		watch_pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
		if (watch_pidfd >= 0 && lock_holder(watch_fd) != pid) {
			close(watch_pidfd);     /* it died meanwhile: report at once */
			watch_pidfd = -1;
		}
	}
	rc = -pthread_create(&watch_thread, NULL, primary_watch, NULL);
	if (rc < 0) {
		eal_primary_watch_stop();
		return rc;
	}
	pthread_setname_np(watch_thread, "dpl-watch");
	watch_started = true;
	return 0;
}

void eal_primary_watch_stop(void)
{
	if (watch_started) {
		if (write(watch_wake[1], "x", 1) < 0)
			EAL_LOG(DEBUG, "watch: wake write failed\n");
		pthread_join(watch_thread, NULL);
		watch_started = false;
	}
	int *fds[] = { &watch_fd, &watch_pidfd, &watch_wake[0], &watch_wake[1] };
	for (unsigned int i = 0; i < RTE_DIM(fds); i++)
		if (*fds[i] >= 0) {
			close(*fds[i]);
			*fds[i] = -1;
		}
	pthread_mutex_lock(&exit_lock);
	exit_cbs_n = 0;
	pthread_mutex_unlock(&exit_lock);
}

int rte_eal_primary_exit_callback_register(rte_eal_primary_exit_cb_t cb, void *arg)
{
	if (cb == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	if (!eal.initialised || eal.proc_type != RTE_PROC_SECONDARY) {
		EAL_LOG(ERR, "primary exit callbacks exist only in a secondary process\n");
		rte_errno = E_RTE_SECONDARY;
		return -1;
	}
	pthread_mutex_lock(&exit_lock);
	if (exit_cbs_n >= EXIT_CBS_MAX) {
		pthread_mutex_unlock(&exit_lock);
		rte_errno = ENOSPC;
		return -1;
	}
	bool gone = __atomic_load_n(&primary_gone, __ATOMIC_ACQUIRE);
	if (!gone) {
		exit_cbs[exit_cbs_n].cb = cb;
		exit_cbs[exit_cbs_n].arg = arg;
		exit_cbs_n++;
	}
	pthread_mutex_unlock(&exit_lock);
	if (gone)
		cb(arg);   /* already gone: tell the caller now */
	return 0;
}

int rte_eal_primary_proc_alive(const char *config_file_path)
{
	if (config_file_path == NULL && eal.initialised && eal.proc_type == RTE_PROC_SECONDARY)
		return !__atomic_load_n(&primary_gone, __ATOMIC_ACQUIRE);
	if (config_file_path == NULL) {
		if (eal.initialised && eal.proc_type == RTE_PROC_PRIMARY)
			return 1;   /* we are the primary (our own lock is invisible to F_GETLK) */
		if (eal_runtime_dirfd() < 0)
			return 0;
		int fd = eal_runtime_open("config", O_RDONLY, 0);
		if (fd < 0)
			return 0;
		pid_t holder = lock_holder(fd);
		close(fd);
		return holder != 0;
	}
	int fd = open(config_file_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	pid_t holder = lock_holder(fd);
	close(fd);
	return holder != 0;
}
