/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers for tests that drive kernel interfaces from C (tests/kdrv,
 * tests/mpports): a private network namespace with one veth pair, and the
 * counts that show a port released what it held (socket fds, mappings).
 * Include after test.h. */
#ifndef DPLITE_NETNS_TEST_H
#define DPLITE_NETNS_TEST_H
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Moves this process into a new network namespace of its own (it vanishes
 * with the process), turns IPv6 off first so the kernel sends nothing on its
 * own, and makes the veth pair a<->b, both ends up. Skips (77) without root,
 * namespaces or ip(8). */
static inline void netns_veth_setup(const char *a, const char *b)
{
	char cmd[256];
	if (getuid() != 0)
		TEST_SKIP("needs root (network namespace)");
	if (unshare(CLONE_NEWNET) != 0)
		TEST_SKIP("unshare(CLONE_NEWNET): %s", strerror(errno));
	FILE *f6 = fopen("/proc/sys/net/ipv6/conf/default/disable_ipv6", "w");
	if (f6) {
		fputs("1", f6);
		fclose(f6);
	}
	snprintf(cmd, sizeof(cmd), "ip link add %s type veth peer name %s >/dev/null 2>&1 && "
		 "ip link set %s up && ip link set %s up", a, b, a, b);
	if (system(cmd) != 0)
		TEST_SKIP("cannot make a veth pair (no ip(8)?)");
}

/* Socket fds this process holds. */
static inline int netns_count_sockets(void)
{
	char path[64], target[128];
	int n = 0;
	for (int fd = 0; fd < 4096; fd++) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		ssize_t l = readlink(path, target, sizeof(target) - 1);
		if (l > 0) {
			target[l] = '\0';
			n += strncmp(target, "socket:", 7) == 0;
		}
	}
	return n;
}

/* Mappings of sockets (kernel rings) or whose name holds `word`. */
static inline int netns_count_maps(const char *word)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int n = 0;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, "socket:") != NULL || strstr(line, word) != NULL;
	fclose(f);
	return n;
}
#endif
