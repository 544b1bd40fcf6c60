/* dplite and DPDK 22.11 processes on one file prefix (issue 11, "Living next
 * to DPDK"), with Debian's DPDK tools (exit 77 when they are absent):
 * - dpdk-proc-info against a running dplite primary fails by itself (DPDK's
 *   version check refuses dplite's config header) instead of spinning, and
 *   the dplite primary is unharmed;
 * - a dplite process (secondary, primary or auto) against a DPDK primary
 *   (dpdk-testpmd) fails at once naming DPDK and --file-prefix. */
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <stdbool.h>
#include "test.h"

static char prefix[96];

static bool find_tool(const char *name, char *out, size_t len)
{
	const char *path = getenv("PATH");
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s", path ? path : "/usr/bin:/bin");
	for (char *save = NULL, *d = strtok_r(buf, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		snprintf(out, len, "%s/%s", d, name);
		if (access(out, X_OK) == 0)
			return true;
	}
	return false;
}

/* Wait for pid at most secs seconds; SIGKILL it after that. Returns the
 * wait status, or -1 when it had to be killed (it hung). */
static int wait_bounded(pid_t pid, int secs)
{
	int st;
	for (int i = 0; i < secs * 100; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return st;
		struct timespec d = { 0, 10 * 1000 * 1000 };
		nanosleep(&d, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -1;
}

/* Start argv with stdin from a pipe (returned in *in) and stdout+stderr to
 * a pipe (*out). */
static pid_t spawn(char *const argv[], int *in, int *out)
{
	int i[2], o[2];
	REQUIRE(pipe(i) == 0 && pipe(o) == 0);
	fflush(NULL);
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		dup2(i[0], 0);
		dup2(o[1], 1);
		dup2(o[1], 2);
		close(i[0]); close(i[1]); close(o[0]); close(o[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(i[0]);
	close(o[1]);
	*in = i[1];
	*out = o[0];
	return pid;
}

static void read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t r;
	while (got + 1 < len && (r = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)r;
	buf[got] = '\0';
	close(fd);
}

static int dplite_primary(void)
{
	char *argv[] = { (char *)"p", prefix, (char *)"--no-huge", (char *)"-l", (char *)"0", NULL };
	if (rte_eal_init(5, argv) < 0)
		return 2;
	printf("ready\n");
	fflush(stdout);
	char line[8];
	while (fgets(line, sizeof(line), stdin) != NULL)
		;
	/* still a working primary after DPDK's attempt */
	void *p = rte_malloc(NULL, 4096, 0);
	int ok = p != NULL;
	rte_free(p);
	return rte_eal_cleanup() == 0 && ok ? 0 : 3;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "primary") == 0) {
		snprintf(prefix, sizeof(prefix), "%s", argv[2]);
		return dplite_primary();
	}
	char proc_info[512], testpmd[512], self[1024];
	if (!find_tool("dpdk-proc-info", proc_info, sizeof(proc_info)) ||
	    !find_tool("dpdk-testpmd", testpmd, sizeof(testpmd)))
		TEST_SKIP("Debian's dpdk (dpdk-proc-info, dpdk-testpmd) is not installed");
	if (geteuid() != 0)
		TEST_SKIP("runs DPDK's tools, which need root here");
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	REQUIRE(n > 0);
	self[n] = '\0';
	static char out[65536];

	/* ---- DPDK tool against a dplite primary ---- */
	snprintf(prefix, sizeof(prefix), "--file-prefix=coexa_%d", (int)getpid());
	int pin, pout;
	char *pargv[] = { self, (char *)"primary", prefix, NULL };
	pid_t prim = spawn(pargv, &pin, &pout);
	char line[16] = "";
	if (read(pout, line, sizeof(line) - 1) <= 0) {
		wait_bounded(prim, 10);
		fprintf(stderr, "FATAL: the dplite primary did not start\n");
		return 1;
	}
	int tin, tout;
	char *targv[] = { proc_info, prefix, (char *)"--log-level=lib.eal:error", (char *)"--",
			  (char *)"--stats", NULL };
	pid_t tool = spawn(targv, &tin, &tout);
	close(tin);
	int st = wait_bounded(tool, 30);   /* first: a hung tool never closes its output */
	read_all(tout, out, sizeof(out));
	CHECK_MSG(st != -1, "dpdk-proc-info hung on a dplite prefix");
	CHECK_MSG(st != -1 && !(WIFEXITED(st) && WEXITSTATUS(st) == 0),
		  "dpdk-proc-info succeeded on a dplite prefix: %s", out);
	CHECK_MSG(strstr(out, "version mismatch") != NULL, "dpdk-proc-info said: %s", out);
	close(pin);
	st = wait_bounded(prim, 30);
	CHECK_MSG(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "dplite primary 0x%x", st);
	close(pout);

	/* ---- dplite against a DPDK primary ---- */
	char pfx2[96], name2[64], cfg[600], base[256];
	snprintf(name2, sizeof(name2), "coexb_%d", (int)getpid());
	snprintf(pfx2, sizeof(pfx2), "--file-prefix=%s", name2);
	test_runtime_base(base, sizeof(base));
	snprintf(cfg, sizeof(cfg), "%s/%s/config", base, name2);
	char *dargv[] = { testpmd, pfx2, (char *)"--no-huge", (char *)"-m", (char *)"256",
			  (char *)"--no-pci", (char *)"--lcores=0@0,1@0", (char *)"--", (char *)"-i",
			  (char *)"--total-num-mbufs=2048", NULL };
	int din, dout;
	pid_t dpdk = spawn(dargv, &din, &dout);
	bool up = false;
	for (int i = 0; i < 3000 && !up; i++) {
		int s2;
		if (waitpid(dpdk, &s2, WNOHANG) == dpdk) {
			read_all(dout, out, sizeof(out));
			test_runtime_sweep(name2);
			fprintf(stderr, "dpdk-testpmd could not start here: %s\n", out);
			return test_failures ? 1 : 77;
		}
		up = rte_eal_primary_proc_alive(cfg) == 1;
		if (!up) {
			struct timespec d = { 0, 10 * 1000 * 1000 };
			nanosleep(&d, NULL);
		}
	}
	CHECK_MSG(up, "dpdk-testpmd did not take %s", cfg);
	const char *types[] = { "--proc-type=secondary", "--proc-type=primary", "--proc-type=auto" };
	for (unsigned int i = 0; up && i < 3; i++) {
		static char logbuf[8192];
		FILE *f = fmemopen(logbuf, sizeof(logbuf) - 1, "w");
		REQUIRE(f != NULL);
		setvbuf(f, NULL, _IONBF, 0);
		rte_openlog_stream(f);
		char *sargv[] = { (char *)"s", pfx2, (char *)types[i], (char *)"--no-huge",
				  (char *)"--lcores=5@0", NULL };
		int rc = rte_eal_init(5, sargv);
		int err = rte_errno;
		rte_openlog_stream(NULL);
		fclose(f);
		if (rc >= 0)
			rte_eal_cleanup();
		CHECK_MSG(rc < 0 && err == EPROTO, "%s: rc %d errno %d", types[i], rc, err);
		CHECK_MSG(strstr(logbuf, "DPDK") && strstr(logbuf, "--file-prefix"), "%s: %s",
			  types[i], logbuf);
	}
	if (write(din, "quit\n", 5) != 5)
		fprintf(stderr, "cannot tell testpmd to quit\n");
	close(din);
	st = wait_bounded(dpdk, 30);
	read_all(dout, out, sizeof(out));
	test_runtime_sweep(name2);   /* DPDK leaves its fbarray files */
	return test_done();
}
