/* Prefix ownership across real processes: a second primary with the same
 * prefix fails fast (EBUSY) naming the PID that holds it; a primary killed
 * with SIGKILL leaves nothing that blocks the next start; different
 * prefixes never collide; rte_eal_primary_proc_alive sees the holder. */
#include <signal.h>
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include "test.h"

static char prefix_arg[96];

/* child modes: "hold" = init and sleep until killed; "try" = init once,
 * exit 0 on success, 10+errno class otherwise. */
static int child(const char *mode, const char *pfx)
{
	char *argv[] = { (char *)"child", (char *)pfx, (char *)"-l", (char *)"0", NULL, NULL };
	const char *env = getenv("DPLITE_TEST_EAL_ARGS");
	if (env && strstr(env, "--no-huge"))
		argv[4] = (char *)"--no-huge";
	int argc = argv[4] ? 5 : 4;
	if (rte_eal_init(argc, argv) < 0)
		return rte_errno == EBUSY ? 11 : 12;
	if (strcmp(mode, "hold") == 0) {
		printf("ready\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	rte_eal_cleanup();
	return 0;
}

static pid_t spawn(const char *self, const char *mode, int *outfd, int *errfd)
{
	int p[2], e[2];
	REQUIRE(pipe(p) == 0 && pipe(e) == 0);
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(e[1], 2);
		execl(self, self, "child", mode, prefix_arg, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	close(e[1]);
	*outfd = p[0];
	*errfd = e[0];
	return pid;
}

static int wait_status(pid_t pid)
{
	int st;
	waitpid(pid, &st, 0);
	return st;
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

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "child") == 0)
		return child(argv[2], argv[3]);
	snprintf(prefix_arg, sizeof(prefix_arg), "--file-prefix=prefix_%d", (int)getpid());

	for (int round = 0; round < 3; round++) {
		int out, err;
		char line[64] = "", msg[4096];
		pid_t holder = spawn(argv[0], "hold", &out, &err);
		ssize_t n = read(out, line, sizeof(line) - 1);
		REQUIRE(n > 0 && strncmp(line, "ready", 5) == 0);

		/* second primary: fails fast with EBUSY and names the holder */
		int o2, e2;
		pid_t second = spawn(argv[0], "try", &o2, &e2);
		read_all(e2, msg, sizeof(msg));
		close(o2);
		int st = wait_status(second);
		CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 11, "second primary status 0x%x", st);
		char pidstr[32];
		snprintf(pidstr, sizeof(pidstr), "%d", (int)holder);
		CHECK_MSG(strstr(msg, pidstr) != NULL, "error does not name pid %s: %s", pidstr, msg);

		/* the holder is visible through its config file */
		char cfg[512];
		char base[256];
		test_runtime_base(base, sizeof(base));
		snprintf(cfg, sizeof(cfg), "%s/%s/config", base, prefix_arg + strlen("--file-prefix="));
		CHECK(rte_eal_primary_proc_alive(cfg) == 1);

		/* kill -9: the next primary starts cleanly */
		kill(holder, SIGKILL);
		wait_status(holder);
		close(out);
		close(err);
		CHECK(rte_eal_primary_proc_alive(cfg) == 0);
		int o3, e3;
		pid_t next = spawn(argv[0], "try", &o3, &e3);
		read_all(e3, msg, sizeof(msg));
		close(o3);
		st = wait_status(next);
		CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "restart after kill: 0x%x %s", st, msg);
	}

	/* different prefixes coexist with a running holder */
	int out, err;
	char line[64];
	pid_t holder = spawn(argv[0], "hold", &out, &err);
	REQUIRE(read(out, line, sizeof(line)) > 0);
	test_eal_init("prefix_other", (const char *const[]){ "-l", "0", NULL });
	CHECK(rte_eal_process_type() == RTE_PROC_PRIMARY);
	rte_eal_cleanup();
	kill(holder, SIGKILL);
	wait_status(holder);
	test_runtime_sweep(prefix_arg + strlen("--file-prefix="));   /* what kill -9 left */
	return test_done();
}
