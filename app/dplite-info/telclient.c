/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry client side (see telclient.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include "telclient.h"

int tc_runtime_dir(const char *prefix, char *buf, size_t len)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int n;
	if (getuid() == 0)
		n = snprintf(buf, len, "/var/run/dpdk/%s", prefix);
	else if (xdg && xdg[0] == '/')
		n = snprintf(buf, len, "%s/dpdk/%s", xdg, prefix);
	else {
		/* the EAL's rule (docs/eal.md "Runtime directory"): /tmp/dpdk when
		 * it is this user's, else the per-user /tmp/dpdk-<uid> */
		struct stat st;
		if (lstat("/tmp/dpdk", &st) != 0 ||
		    (S_ISDIR(st.st_mode) && st.st_uid == geteuid() && !(st.st_mode & 022)))
			n = snprintf(buf, len, "/tmp/dpdk/%s", prefix);
		else
			n = snprintf(buf, len, "/tmp/dpdk-%u/%s", (unsigned int)getuid(), prefix);
	}
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int tc_socket_path(const char *prefix, int instance, char *buf, size_t len)
{
	char dir[256];
	int n;
	if (tc_runtime_dir(prefix, dir, sizeof(dir)) < 0)
		return -1;
	if (instance > 0)
		n = snprintf(buf, len, "%s/dpdk_telemetry.v2:%d", dir, instance);
	else
		n = snprintf(buf, len, "%s/dpdk_telemetry.v2", dir);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int tc_connect(const char *path, char *banner, size_t cap, int timeout_ms)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	struct timeval tv = { .tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		int e = errno;
		close(fd);
		return -e;
	}
	ssize_t n = recv(fd, banner, cap - 1, 0);
	if (n <= 0) {
		int e = n < 0 ? errno : ECONNRESET;
		close(fd);
		return -e;
	}
	banner[n] = '\0';
	return fd;
}

ssize_t tc_query(int fd, const char *req, size_t reqlen, char *out, size_t cap)
{
	if (send(fd, req, reqlen, MSG_NOSIGNAL) != (ssize_t)reqlen)
		return -errno;
	struct iovec iov = { .iov_base = out, .iov_len = cap - 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n = recvmsg(fd, &mh, 0);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -ECONNRESET;
	if (mh.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	out[n] = '\0';
	return n;
}
