/* SPDX-License-Identifier: BSD-3-Clause
 * The runtime directory (<base>/dpdk/<prefix>), the prefix lock on its
 * "config" file (whoever holds it is the primary), and, in a secondary, the
 * thread that watches the primary exit and runs rte_eal_primary_exit_*
 * callbacks.
 * May call: state, log, errno. Called by init.c (create/lock/watch in that
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

/* ---- runtime directory and prefix lock ------------------------------------------------------------------ */
static int mkdir_0700(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	return -errno;
}

int eal_runtime_dir_create(void)
{
	char base[PATH_MAX];
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int rc;

	if (getuid() == 0)
		snprintf(base, sizeof(base), "/var/run/dpdk");
	else if (xdg && xdg[0] == '/')
		snprintf(base, sizeof(base), "%s/dpdk", xdg);
	else
		snprintf(base, sizeof(base), "/tmp/dpdk");
	if (getuid() == 0)
		mkdir_0700("/var/run");
	if ((rc = mkdir_0700(base)) < 0) {
		EAL_LOG(ERR, "cannot create runtime directory %s: %s\n", base, strerror(-rc));
		return rc;
	}
	if ((size_t)snprintf(eal.runtime_dir, sizeof(eal.runtime_dir), "%s/%s", base,
			     eal.opt.file_prefix) >= sizeof(eal.runtime_dir))
		return -ENAMETOOLONG;
	if ((rc = mkdir_0700(eal.runtime_dir)) < 0) {
		EAL_LOG(ERR, "cannot create runtime directory %s: %s\n", eal.runtime_dir, strerror(-rc));
		return rc;
	}
	return 0;
}

/* PID holding a write lock on fd's file, 0 if none. */
static pid_t lock_holder(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
		return 0;
	return fl.l_pid;
}

/* Take the prefix lock: an fcntl write lock on <runtime>/config, released by
 * the kernel when the process dies, so a crashed primary never blocks the
 * next one. The file is unlinked at clean shutdown; the inode check below
 * catches the race where we locked a file a departing primary just removed. */
int eal_prefix_lock(bool *is_primary)
{
	char path[PATH_MAX];
	int rc = eal_runtime_path(path, sizeof(path), "config");
	if (rc < 0)
		return rc;
	for (int tries = 0; tries < 100; tries++) {
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0) {
			rc = -errno;
			EAL_LOG(ERR, "cannot open %s: %s\n", path, strerror(errno));
			return rc;
		}
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		if (fcntl(fd, F_SETLK, &fl) != 0) {
			pid_t holder = lock_holder(fd);
			close(fd);
			if (holder == 0)
				continue;   /* released meanwhile: retry */
			if (eal.opt.proc_type == RTE_PROC_PRIMARY) {
				EAL_LOG(ERR, "file prefix '%s' is in use by primary process %d "
					"(lock on %s); use another --file-prefix or --proc-type=secondary\n",
					eal.opt.file_prefix, (int)holder, path);
				return -EBUSY;
			}
			*is_primary = false;
			return 0;
		}
		struct stat a, b;
		if (fstat(fd, &a) != 0 || stat(path, &b) != 0 || a.st_ino != b.st_ino) {
			close(fd);   /* we locked an unlinked file: start over */
			continue;
		}
		if (eal.opt.proc_type == RTE_PROC_SECONDARY) {
			close(fd);
			unlink(path);
			EAL_LOG(ERR, "no primary process is running with file prefix '%s'\n",
				eal.opt.file_prefix);
			return -ENOENT;
		}
		char pid[32];
		int n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
		if (ftruncate(fd, 0) != 0 || write(fd, pid, (size_t)n) != n)
			EAL_LOG(DEBUG, "cannot record pid in %s\n", path);
		eal.lock_fd = fd;
		*is_primary = true;
		return 0;
	}
	EAL_LOG(ERR, "cannot settle the lock on %s\n", path);
	return -EAGAIN;
}

void eal_prefix_unlock(void)
{
	char path[PATH_MAX];
	if (eal.lock_fd < 0)
		return;
	if (eal_runtime_path(path, sizeof(path), "config") == 0)
		unlink(path);   /* still holding the lock: nobody can have it */
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
	char path[PATH_MAX];
	int rc = eal_runtime_path(path, sizeof(path), "config");
	if (rc < 0)
		return rc;
	primary_gone = 0;
	watch_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (watch_fd < 0 || pipe2(watch_wake, O_CLOEXEC) < 0) {
		rc = -errno;
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
	char path[PATH_MAX];
	if (config_file_path == NULL) {
		if (eal.initialised && eal.proc_type == RTE_PROC_PRIMARY)
			return 1;   /* we are the primary (our own lock is invisible to F_GETLK) */
		if (eal.runtime_dir[0] == '\0' || eal_runtime_path(path, sizeof(path), "config") < 0)
			return 0;
		config_file_path = path;
	}
	int fd = open(config_file_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	pid_t holder = lock_holder(fd);
	close(fd);
	return holder != 0;
}

void eal_runtime_dir_remove(void)
{
	if (eal.runtime_dir[0])
		rmdir(eal.runtime_dir);   /* only succeeds when empty */
}

