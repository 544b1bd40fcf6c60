/* SPDX-License-Identifier: BSD-3-Clause
 * DPDK's own client, dpdk-telemetry.py -f <prefix>, against a dplite
 * process: commands piped on stdin, one JSON line back per command, with
 * this process's pid and objects. Skipped (77) without the script or python3. */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <rte_mempool.h>
#include "tel_test.h"

static bool in_path(const char *name, char *out, size_t len)
{
	const char *p = getenv("PATH");
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s:/usr/bin:/usr/local/bin", p ? p : "");
	for (char *save = NULL, *d = strtok_r(buf, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		snprintf(out, len, "%s/%s", d, name);
		if (access(out, X_OK) == 0)
			return true;
	}
	return false;
}

int main(void)
{
	char script[512], py[512], prefix[64];
	if (!in_path("dpdk-telemetry.py", script, sizeof(script)))
		TEST_SKIP("dpdk-telemetry.py not installed (Debian package dpdk)");
	if (!in_path("python3", py, sizeof(py)))
		TEST_SKIP("python3 not installed");
	/* DPDK's script knows /tmp/dpdk and XDG_RUNTIME_DIR, not dplite's
	 * per-user fallback /tmp/dpdk-<uid> (taken when another user owns
	 * /tmp/dpdk): a non-root run names a private directory for both */
	static char xdg[] = "/tmp/dplite-telpy.XXXXXX";
	bool own_xdg = getuid() != 0 && getenv("XDG_RUNTIME_DIR") == NULL;
	if (own_xdg) {
		REQUIRE(mkdtemp(xdg) != NULL);
		setenv("XDG_RUNTIME_DIR", xdg, 1);
	}
	test_eal_init("telpy", NULL);
	snprintf(prefix, sizeof(prefix), "telpy_%d", (int)getpid());
	struct rte_mempool *mp = rte_mempool_create("py_pool", 63, 64, 0, 0, NULL, NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);

	/* ThreadSanitizer cannot see that the other process's request comes
	 * after our writes; a connection from this thread orders them for it
	 * (connect here -> accept in the listener -> the client thread). */
	close(tt_connect());
	int in[2], out[2];
	REQUIRE(pipe(in) == 0 && pipe(out) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		unsetenv("RUNTIME_DIRECTORY");
		execl(py, "python3", script, "-f", prefix, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	static const char cmds[] = "/info\n/mempool/list\n/eal/heap_info,999999\n/help,/info\n"
				   "/nosuch\n/mempool/info,py_pool\n/\nquit\n";
	CHECK(write(in[1], cmds, sizeof(cmds) - 1) == (ssize_t)sizeof(cmds) - 1);
	close(in[1]);

	static char buf[256 * 1024];
	size_t len = 0;
	for (int waited = 0; waited < 300 && len < sizeof(buf) - 1;) {   /* 30 s at most */
		struct pollfd p = { .fd = out[0], .events = POLLIN };
		int r = poll(&p, 1, 100);
		if (r == 0) {
			waited++;
			continue;
		}
		ssize_t n = read(out[0], buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(out[0]);
	int status = 0;
	pid_t done = 0;
	for (int i = 0; i < 500 && (done = waitpid(pid, &status, WNOHANG)) == 0; i++)
		usleep(10000);                       /* EOF came first; the exit follows */
	if (done == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "dpdk-telemetry.py status %d:\n%s",
		  status, buf);

	/* one JSON document per line */
	const char *keys[] = { "/info", "/mempool/list", "/eal/heap_info", "/help", "/nosuch",
			       "/mempool/info", "/" };
	char *save = NULL;
	int line = 0;
	for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save), line++) {
		struct jv *v = jv_parse(l, strlen(l));
		CHECK_MSG(v && v->t == JV_OBJ && v->n == 1, "line %d: %s", line, l);
		if (!v || line >= 7) {
			jv_free(v);
			continue;
		}
		CHECK_MSG(strcmp(v->keys[0], keys[line]) == 0, "line %d: %s", line, l);
		const struct jv *d = &v->v[0];
		switch (line) {
		case 0: CHECK(jv_i64(jv_get(d, "pid")) == getpid()); break;
		case 1: CHECK(strstr(l, "\"py_pool\"") != NULL); break;
		case 2: CHECK(d->t == JV_NULL); break;
		case 3: CHECK(jv_get(d, "/info") != NULL); break;
		case 4: CHECK(d->t == JV_NULL); break;
		case 5: CHECK(jv_u64(jv_get(d, "size")) == 63); break;
		case 6: CHECK(d->t == JV_ARR && d->n > 10); break;
		}
		jv_free(v);
	}
	CHECK_MSG(line == 7, "%d lines", line);
	/* the pool goes with the process: freeing it here would race (for
	 * ThreadSanitizer) with the telemetry thread that served the script */
	rte_eal_cleanup();
	if (own_xdg) {
		char d[64];
		snprintf(d, sizeof(d), "%s/dpdk", xdg);
		rmdir(d);
		rmdir(xdg);
	}
	return test_done();
}
