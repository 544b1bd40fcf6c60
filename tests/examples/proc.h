/* Spawning example programs with pipes on stdin/stdout for the example
 * tests: write commands, wait for an expected line with a deadline. */
#ifndef DPLITE_TEST_PROC_H
#define DPLITE_TEST_PROC_H
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

struct proc {
	pid_t pid;
	int in, out;          /* our ends */
	char buf[65536];
	size_t len;
};

/* argv[0] is the program; stderr is inherited. */
static inline int proc_start(struct proc *p, char *const argv[])
{
	int i[2], o[2];
	if (pipe(i) || pipe(o))
		return -1;
	p->pid = fork();
	if (p->pid < 0)
		return -1;
	if (p->pid == 0) {
		dup2(i[0], 0);
		dup2(o[1], 1);
		close(i[1]);
		close(o[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(i[0]);
	close(o[1]);
	p->in = i[1];
	p->out = o[0];
	p->len = 0;
	p->buf[0] = '\0';
	return 0;
}

static inline void proc_send(struct proc *p, const char *line)
{
	size_t n = strlen(line);
	if (write(p->in, line, n) != (ssize_t)n)
		perror("proc_send");
}

static inline long ms_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Read output until `needle` appears (true) or timeout_ms passes / EOF. */
static inline bool proc_expect(struct proc *p, const char *needle, int timeout_ms)
{
	long end = ms_now() + timeout_ms;
	while (strstr(p->buf, needle) == NULL) {
		long left = end - ms_now();
		if (left <= 0)
			return false;
		struct pollfd pf = { p->out, POLLIN, 0 };
		if (poll(&pf, 1, (int)left) <= 0)
			continue;
		if (p->len + 1 >= sizeof(p->buf))
			return false;
		ssize_t r = read(p->out, p->buf + p->len, sizeof(p->buf) - 1 - p->len);
		if (r <= 0)
			return strstr(p->buf, needle) != NULL;
		p->len += (size_t)r;
		p->buf[p->len] = '\0';
	}
	return true;
}

/* Wait for exit with a deadline; SIGKILL after it. Returns exit code or
 * 128+signal, -1 on timeout. */
static inline int proc_wait(struct proc *p, int timeout_ms)
{
	long end = ms_now() + timeout_ms;
	int st;
	for (;;) {
		pid_t r = waitpid(p->pid, &st, WNOHANG);
		if (r == p->pid)
			break;
		if (ms_now() > end) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, &st, 0);
			return -1;
		}
		usleep(2000);
	}
	close(p->in);
	close(p->out);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
#endif
