/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers for the reliability tests: start this program again as another
 * process of the same prefix, bounded waits, a watchdog that turns a hang
 * into a failure (and takes the children with it). */
#ifndef DPLITE_REL_TEST_H
#define DPLITE_REL_TEST_H
#include <signal.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include "test.h"

static char rel_prefix[96];
static pid_t rel_children[64];
static int rel_nchildren;

static inline long rel_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void rel_watchdog_fire(int sig)
{
	(void)sig;
	static const char m[] = "FAIL: watchdog: the test hung\n";
	if (write(2, m, sizeof(m) - 1) < 0)
		_exit(1);
	for (int i = 0; i < rel_nchildren; i++)
		if (rel_children[i] > 0)
			kill(rel_children[i], SIGKILL);
	_exit(1);
}

/* Fail (never hang) if the whole test takes longer than s seconds. */
static inline void rel_watchdog(unsigned int s)
{
	signal(SIGALRM, rel_watchdog_fire);
	alarm(s);
}

/* Start argv[0] again: self mode arg... (NULL-terminated extra args). */
static inline pid_t rel_spawn(const char *self, const char *mode, const char *arg)
{
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);   /* never outlive a failed test */
		execl(self, self, mode, rel_prefix, arg ? arg : "-", (char *)NULL);
		_exit(127);
	}
	if (pid > 0 && rel_nchildren < (int)RTE_DIM(rel_children))
		rel_children[rel_nchildren++] = pid;
	return pid;
}

static inline void rel_forget(pid_t pid)
{
	for (int i = 0; i < rel_nchildren; i++)
		if (rel_children[i] == pid)
			rel_children[i] = 0;
}

/* Wait for pid up to ms; its exit status, or -1 (still running: killed). */
static inline int rel_wait(pid_t pid, long ms)
{
	long end = rel_ms() + ms;
	int st;
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid) {
			rel_forget(pid);
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		}
		if (r < 0 || rel_ms() > end)
			break;
		usleep(2000);
	}
	if (getenv("REL_GDB")) {   /* debugging aid: where is it stuck? */
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "gdb -p %d -batch -ex 'thread apply all bt' 1>&2", (int)pid);
		if (system(cmd) != 0)
			fprintf(stderr, "gdb failed\n");
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	rel_forget(pid);
	return -1;
}

static inline void rel_kill(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	rel_forget(pid);
}

/* rte_eal_init with our prefix, the suite's extra args and extra (NULL-ended). */
static inline int rel_init(const char *const *extra)
{
	char *argv[32];
	int n = 0;
	argv[n++] = (char *)"rel";
	argv[n++] = rel_prefix;
	if (test_no_huge())
		argv[n++] = (char *)"--no-huge";
	for (int i = 0; extra && extra[i] && n < 30; i++)
		argv[n++] = (char *)extra[i];
	argv[n] = NULL;
	return rte_eal_init(n, argv);
}

/* The killing side of a kill test: prefix <tag>_<pid>, a watchdog of
 * watchdog_s, the primary on lcore 0 with logs quiet, and a zeroed control
 * area of size bytes in memzone `zone` that the children find by name. */
static inline void *rel_primary(const char *tag, unsigned int watchdog_s, const char *zone,
				size_t size)
{
	static const char *const ex[] = { "--lcores=0@0", NULL };

	snprintf(rel_prefix, sizeof(rel_prefix), "--file-prefix=%s_%d", tag, (int)getpid());
	rel_watchdog(watchdog_s);
	rte_log_set_global_level(RTE_LOG_CRIT);
	REQUIRE(rel_init(ex) >= 0);
	const struct rte_memzone *mz = rte_memzone_reserve(zone, size, SOCKET_ID_ANY, 0);
	REQUIRE(mz != NULL);
	memset(mz->addr, 0, size);
	return mz->addr;
}
#endif
