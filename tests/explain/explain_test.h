/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers for the tests that run `dplite-info explain|limits` against
 * themselves: run the tool with a bounded wait, capture its output, and
 * read "key=value" fields of one layer line. */
#ifndef DPLITE_EXPLAIN_TEST_H
#define DPLITE_EXPLAIN_TEST_H
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <inttypes.h>
#include <sys/wait.h>
#include "test.h"

static char out[256 * 1024];

/* Run args (NULL-terminated), stdout+stderr into out; exit status, -1 on a hang. */
static inline int run_tool(const char *const *args)
{
	int p[2];
	REQUIRE(pipe(p) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		execv(args[0], (char *const *)args);
		_exit(127);
	}
	close(p[1]);
	size_t len = 0;
	for (int waited = 0; waited < 300 && len < sizeof(out) - 1;) {
		struct pollfd q = { .fd = p[0], .events = POLLIN };
		if (poll(&q, 1, 100) == 0) {
			waited++;
			continue;
		}
		ssize_t n = read(p[0], out + len, sizeof(out) - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	out[len] = '\0';
	close(p[0]);
	if (getenv("DPLITE_TEST_VERBOSE"))             /* to see what the tool printed */
		fprintf(stderr, "$ %s %s %s %s %s\n%s", args[0], args[1], args[2], args[3],
			args[4] ? args[4] : "", out);
	int status;
	pid_t done = 0;
	for (int i = 0; i < 500 && (done = waitpid(pid, &status, WNOHANG)) == 0; i++)
		usleep(10000);
	if (done == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The line of layer `layer` ("  mbuf        [..."), copied into line; 0 or -1. */
static inline int layer_line(const char *text, const char *layer, char *line, size_t cap)
{
	char pat[64];
	snprintf(pat, sizeof(pat), "\n  %s ", layer);
	const char *s = strstr(text, pat);
	if (s == NULL)
		return -1;
	s += 1;
	const char *e = strchr(s, '\n');
	size_t n = e ? (size_t)(e - s) : strlen(s);
	if (n >= cap)
		n = cap - 1;
	memcpy(line, s, n);
	line[n] = '\0';
	return 0;
}

/* Value of key in a layer line ("" when absent). */
static inline const char *field(const char *line, const char *key, char *val, size_t cap)
{
	char pat[64];
	snprintf(pat, sizeof(pat), " %s=", key);
	const char *s = strstr(line, pat);
	val[0] = '\0';
	if (s == NULL)
		return val;
	s += strlen(pat);
	size_t n = strcspn(s, " \n");
	if (n >= cap)
		n = cap - 1;
	memcpy(val, s, n);
	val[n] = '\0';
	return val;
}

static inline uint64_t field_u(const char *line, const char *key)
{
	char v[64];
	field(line, key, v, sizeof(v));
	return v[0] ? strtoull(v, NULL, 0) : UINT64_MAX;
}

/* Bounds "[0x..., 0x...)" of a layer line; 0 or -1. */
static inline int bounds(const char *line, uintptr_t *lo, uintptr_t *hi)
{
	const char *s = strchr(line, '[');
	unsigned long long a, b;
	if (s == NULL || sscanf(s, "[%llx, %llx)", &a, &b) != 2)
		return -1;
	*lo = (uintptr_t)a;
	*hi = (uintptr_t)b;
	return 0;
}
#endif
