/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-info against this process: the overview (mempool ops names
 * included), one command printed readably, --watch with rates, --dump
 * attaching as a secondary on an lcore id nobody holds; and the clear
 * errors when no process serves the prefix. argv[1]: the dplite-info binary. */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include "tel_test.h"

static char out[256 * 1024];

/* Run the tool, capture stdout+stderr; returns its exit status (-1 on a hang). */
static int run(const char *const *args)
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
	int status;
	pid_t done = 0;
	for (int i = 0; i < 500 && (done = waitpid(pid, &status, WNOHANG)) == 0; i++)
		usleep(10000);                       /* EOF came first; the exit follows */
	if (done == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(int argc, char **argv)
{
	char prefix[64];
	if (argc < 2)
		TEST_SKIP("usage: test_dplite_info <path to dplite-info>");
	const char *tool = argv[1];
	test_eal_init("telinfo", NULL);
	snprintf(prefix, sizeof(prefix), "telinfo_%d", (int)getpid());
	struct rte_mempool *mp = rte_mempool_create("info_pool", 127, 64, 0, 0, NULL, NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);
	struct rte_ring *r = rte_ring_create("info_ring", 128, SOCKET_ID_ANY, 0);
	REQUIRE(mp && r);
	void *obj;
	REQUIRE(rte_mempool_get(mp, &obj) == 0);
	/* ThreadSanitizer cannot see that the other process's request comes
	 * after our writes; a connection from this thread orders them for it
	 * (connect here -> accept in the listener -> the client thread). */
	close(tt_connect());

	const char *ov[] = { tool, "-f", prefix, NULL };
	CHECK(run(ov) == 0);
	CHECK_MSG(strstr(out, "info_pool") && strstr(out, "ops ring_mp_mc") && strstr(out, "info_ring") &&
		  strstr(out, "in use 1"), "%s", out);

	const char *one[] = { tool, "--file-prefix", prefix, "/mempool/info,info_pool", NULL };
	CHECK(run(one) == 0);
	CHECK_MSG(strstr(out, "populated_size") && strstr(out, "127"), "%s", out);
	const char *js[] = { tool, "-f", prefix, "--json", "/eal/lcore/list", NULL };
	CHECK(run(js) == 0);
	CHECK_MSG(strncmp(out, "{\"/eal/lcore/list\":[", 20) == 0, "%s", out);
	const char *bad[] = { tool, "-f", prefix, "/eal/heap_info,99999", NULL };
	CHECK(run(bad) == 1);
	CHECK(strstr(out, "no such command, or bad parameters") != NULL);

	const char *wa[] = { tool, "-f", prefix, "--watch", "--interval", "0.1", "--count", "3", NULL };
	CHECK(run(wa) == 0);
	CHECK_MSG(strstr(out, "RING") && strstr(out, "info_ring") && strstr(out, "ENQ/s") &&
		  strstr(out, "MEMPOOL") && strstr(out, "LCORE"), "%s", out);
	size_t n = 0;
	for (const char *s = out; (s = strstr(s, "--watch")) != NULL; s++)
		n++;
	CHECK(n == 3);

	const char *du[] = { tool, "-f", prefix, "--dump", "mempools", NULL };
	CHECK_MSG(run(du) == 0, "%s", out);
	CHECK_MSG(strstr(out, "(ring_mp_mc)") && strstr(out, "as a secondary (lcore"), "%s", out);
	char mine[32];
	snprintf(mine, sizeof(mine), "(lcore %u)", rte_get_main_lcore());
	CHECK(strstr(out, mine) == NULL);

	/* nothing there */
	const char *none[] = { tool, "-f", "telinfo_nobody_here", NULL };
	CHECK(run(none) == 1);
	CHECK(strstr(out, "no process with telemetry for prefix 'telinfo_nobody_here'") != NULL);
	const char *nd[] = { tool, "-f", "telinfo_nobody_here", "--dump", NULL };
	CHECK(run(nd) == 1);
	CHECK(strstr(out, "no running primary process for prefix 'telinfo_nobody_here'") != NULL);

	/* pool and ring go with the process (freeing them here would race, for
	 * ThreadSanitizer, with the telemetry threads that served the tool) */
	rte_eal_cleanup();
	return test_done();
}
