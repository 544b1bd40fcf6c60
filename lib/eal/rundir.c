/* SPDX-License-Identifier: BSD-3-Clause
 * The runtime directory <base>/<prefix>: where it is, making sure it is ours,
 * and every access to a file inside it.
 *
 * Base, as DPDK 22.11 picks it (real uid):
 *   root                      /var/run/dpdk
 *   XDG_RUNTIME_DIR=/x set    /x/dpdk
 *   otherwise                 /tmp/dpdk, or the per-user fallback
 *                             /tmp/dpdk-<uid> when /tmp/dpdk is not ours
 *                             (another user made it) or cannot be used.
 *
 * Rules (a hostile local user must not be able to steer us):
 * - each level (<base>, <base>/<prefix>) is made with mkdirat(0700), then
 *   opened with O_DIRECTORY|O_NOFOLLOW and checked with fstat on that very
 *   fd: a real directory, owned by our effective uid, not writable by group
 *   or others. Anything else is refused with its path, owner and mode.
 * - files inside are opened with openat(dirfd, O_NOFOLLOW|O_CLOEXEC) and
 *   removed with unlinkat(dirfd): a path that someone swapped after the
 *   check is never followed. Unix sockets must be bound by path; that path
 *   runs through the levels checked above (ours, not writable by others;
 *   /tmp's sticky bit stops others renaming /tmp/dpdk-<uid>).
 * - the process removes what it made at a clean exit, and sweeps the
 *   sockets that dead processes of its prefix left (eal_runtime_sweep).
 *
 * May call: state, log (libc otherwise). Called by runtime.c (prefix lock),
 * mp.c (socket files) and init.c (create/sweep/remove). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <rte_log.h>
#include "eal_private.h"

static int base_fd = -1;     /* <base> */
static int dir_fd = -1;      /* <base>/<prefix> */

int eal_runtime_dirfd(void)
{
	return dir_fd;
}

/* Make (if missing) and open one level below parent_fd, then check what
 * was opened. Returns the fd or -errno; on refusal logs one line naming
 * shown (the full path) and the fix, unless quiet. */
static int level_open(int parent_fd, const char *name, const char *shown, bool quiet)
{
	uid_t me = geteuid();
	struct stat st;
	int fd;

	if (mkdirat(parent_fd, name, 0700) < 0 && errno != EEXIST) {
		int e = errno;
		if (!quiet)
			EAL_LOG(ERR, "cannot create runtime directory %s: %s; set XDG_RUNTIME_DIR "
				"to a private directory you own, or use --in-memory (no runtime "
				"files)\n", shown, strerror(e));
		return -e;
	}
	fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		if (e == ELOOP || e == ENOTDIR) {
			/* a symlink or a file planted where our directory goes */
			if (fstatat(parent_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !quiet)
				EAL_LOG(ERR, "refusing runtime directory %s: it is a %s owned by uid %u "
					"(mode %04o), not a directory; remove it or choose another "
					"--file-prefix\n", shown, S_ISLNK(st.st_mode) ? "symbolic link" :
					"non-directory", (unsigned int)st.st_uid,
					(unsigned int)(st.st_mode & 07777));
			return -ENOTDIR;
		}
		if (!quiet)
			EAL_LOG(ERR, "cannot open runtime directory %s: %s\n", shown, strerror(e));
		return -e;
	}
	if (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != me ||
	    (st.st_mode & (S_IWGRP | S_IWOTH))) {
		if (!quiet)
			EAL_LOG(ERR, "refusing runtime directory %s: owned by uid %u with mode %04o; "
				"it must belong to uid %u and not be writable by group or others "
				"(remove it, or fix its owner/mode)\n", shown, (unsigned int)st.st_uid,
				(unsigned int)(st.st_mode & 07777), (unsigned int)me);
		close(fd);
		return -EPERM;
	}
	return fd;
}

/* Open the base directory's parent (a system or user-given path, trusted
 * as the user's choice) and the base level itself. */
static int base_open(const char *parent, const char *name, char *shown, size_t len, bool quiet)
{
	if ((size_t)snprintf(shown, len, "%s/%s", parent, name) >= len)
		return -ENAMETOOLONG;
	int pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0) {
		int e = errno;
		if (!quiet)
			EAL_LOG(ERR, "cannot open %s (parent of the runtime directory): %s; "
				"point XDG_RUNTIME_DIR at an existing private directory (or unset "
				"it), or use --in-memory (no runtime files)\n", parent, strerror(e));
		return -e;
	}
	int fd = level_open(pfd, name, shown, quiet);
	close(pfd);
	return fd;
}

/* exit() without rte_eal_cleanup() is still a clean exit: remove what this
 * process made (its lock file and socket; the kernel drops the lock itself),
 * so that nothing is left for the next process to sweep. Only in the process
 * that made them: a forked child calling exit() must not remove its
 * parent's files. */
static pid_t made_by;

static void runtime_atexit(void)
{
	if (dir_fd < 0 || made_by != getpid() || !eal.initialised)
		return;
	char name[64];
	if (eal.lock_fd >= 0) {
		unlinkat(dir_fd, "mp_socket", 0);
		unlinkat(dir_fd, "config", 0);
	}
	int fd = dup(dir_fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	int n = snprintf(name, sizeof(name), "mp_socket_%d_", (int)getpid());
	while (d != NULL) {
		struct dirent *e = readdir(d);
		if (e == NULL)
			break;
		if (strncmp(e->d_name, name, (size_t)n) == 0)
			unlinkat(dir_fd, e->d_name, 0);
	}
	if (d != NULL)
		closedir(d);
	else if (fd >= 0)
		close(fd);
	unlinkat(base_fd, eal.opt.file_prefix, AT_REMOVEDIR);
}

/* DPDK's EAL opens <runtime>/config before any other file, so in a program
 * with only stdio open the config is fd 3, and DPDK's test helpers
 * (app/test/process.h, get_current_prefix) read /proc/self/fd/3 to learn
 * the prefix of the running process. The directory fds kept here are moved
 * to 64 or above so the config file (runtime.c) gets that same fd. */
#define RUNDIR_FD_MIN 64
static int fd_park(int fd)
{
	if (fd < 0 || fd >= RUNDIR_FD_MIN)
		return fd;
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, RUNDIR_FD_MIN);
	if (nfd < 0)
		return fd;   /* no fd that high: keep the low one, nothing breaks */
	close(fd);
	return nfd;
}

int eal_runtime_dir_create(bool quiet)
{
	char base[PATH_MAX];
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int fd;

	if (getuid() == 0) {
		mkdir("/var/run", 0755);   /* normally there already */
		fd = base_open("/var/run", "dpdk", base, sizeof(base), quiet);
	} else if (xdg != NULL && xdg[0] == '/') {
		fd = base_open(xdg, "dpdk", base, sizeof(base), quiet);
	} else {
		/* DPDK's /tmp/dpdk first (so dplite and DPDK tools of one user meet
		 * there), the per-user fallback when it is not ours */
		fd = base_open("/tmp", "dpdk", base, sizeof(base), true);
		if (fd < 0) {
			char name[32];
			snprintf(name, sizeof(name), "dpdk-%u", (unsigned int)getuid());
			fd = base_open("/tmp", name, base, sizeof(base), quiet);
			if (fd >= 0)
				EAL_LOG(INFO, "/tmp/dpdk is not usable by this user; using the "
					"per-user runtime directory %s\n", base);
		}
	}
	if (fd < 0)
		return fd;
	if ((size_t)snprintf(eal.runtime_dir, sizeof(eal.runtime_dir), "%s/%s", base,
			     eal.opt.file_prefix) >= sizeof(eal.runtime_dir)) {
		close(fd);
		eal.runtime_dir[0] = '\0';
		return -ENAMETOOLONG;
	}
	int d = level_open(fd, eal.opt.file_prefix, eal.runtime_dir, quiet);
	if (d < 0) {
		close(fd);
		eal.runtime_dir[0] = '\0';
		return d;
	}
	base_fd = fd_park(fd);
	dir_fd = fd_park(d);
	static bool registered;
	if (!registered && atexit(runtime_atexit) == 0)
		registered = true;
	made_by = getpid();
	return 0;
}

void eal_runtime_dir_remove(void)
{
	if (dir_fd >= 0) {
		eal_runtime_sweep(false);   /* dead secondaries' sockets would keep the dir */
		/* only succeeds when empty: files of live peers keep it */
		unlinkat(base_fd, eal.opt.file_prefix, AT_REMOVEDIR);
		close(dir_fd);
		close(base_fd);
		dir_fd = base_fd = -1;
	}
	eal.runtime_dir[0] = '\0';
}

int eal_runtime_open(const char *name, int flags, mode_t mode)
{
	if (dir_fd < 0)
		return -ENOENT;
	int fd = openat(dir_fd, name, flags | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return -errno;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		EAL_LOG(ERR, "refusing %s/%s: not a regular file of uid %u\n", eal.runtime_dir,
			name, (unsigned int)geteuid());
		close(fd);
		return -EPERM;
	}
	return fd;
}

int eal_runtime_unlink(const char *name)
{
	if (dir_fd < 0)
		return -ENOENT;
	return unlinkat(dir_fd, name, 0) == 0 ? 0 : -errno;
}

int eal_runtime_stat(const char *name, struct stat *st)
{
	if (dir_fd < 0)
		return -ENOENT;
	return fstatat(dir_fd, name, st, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : -errno;
}

/* A socket file nobody is bound to answers connect() with ECONNREFUSED: its
 * process is gone (whatever became of its PID). The socket type must match
 * (EPROTOTYPE otherwise): rte_mp uses datagrams, telemetry seqpacket. */
static bool socket_dead(const char *name)
{
	static const int types[] = { SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM };
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	if ((size_t)snprintf(a.sun_path, sizeof(a.sun_path), "%s/%s", eal.runtime_dir, name) >=
	    sizeof(a.sun_path))
		return false;
	for (unsigned int i = 0; i < RTE_DIM(types); i++) {
		int s = socket(AF_UNIX, types[i] | SOCK_CLOEXEC, 0);
		if (s < 0)
			return false;
		int rc = connect(s, (struct sockaddr *)&a, sizeof(a));
		int e = errno;
		close(s);
		if (rc < 0 && e == EPROTOTYPE)
			continue;
		return rc < 0 && e == ECONNREFUSED;
	}
	return false;
}

unsigned int eal_runtime_sweep(bool all)
{
	unsigned int removed = 0;
	if (dir_fd < 0)
		return 0;
	int fd = dup(dir_fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	rewinddir(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		/* without the prefix lock, secondaries' sockets only (their names
		 * carry a PID, never re-bound): a fixed name (mp_socket, the
		 * telemetry socket) may be re-bound by a starting primary between
		 * our check and our unlink. With the lock (all), any dead socket. */
		if (e->d_name[0] == '.' || (!all && strncmp(e->d_name, "mp_socket_", 10) != 0))
			continue;
		struct stat st;
		if (fstatat(dir_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISSOCK(st.st_mode) || !socket_dead(e->d_name))
			continue;
		if (unlinkat(dir_fd, e->d_name, 0) == 0) {
			removed++;
			EAL_LOG(DEBUG, "removed %s/%s left by a dead process\n", eal.runtime_dir,
				e->d_name);
		}
	}
	closedir(d);
	return removed;
}
