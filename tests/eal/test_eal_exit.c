/* rte_exit() and rte_panic() in a real child process (exec'd, not forked):
 * rte_exit gives the requested exit code and prints the cause; rte_panic
 * prints the message and a stack trace and aborts (SIGABRT). Nothing of the
 * child's runtime directory is left behind. */
#include <signal.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <rte_eal.h>
#include <rte_debug.h>
#include "test.h"

static int child(const char *mode)
{
	if (strcmp(mode, "badinit") == 0) {
		char *argv[] = { (char *)"x", (char *)"--no-such-option", NULL };
		if (rte_eal_init(2, argv) < 0)
			rte_exit(4, "cannot init EAL: %s\n", rte_strerror(rte_errno));
		return 0;
	}
	test_eal_init("exitchild", (const char *const[]){ "-l", "0", NULL });
	if (strcmp(mode, "exit") == 0)
		rte_exit(42, "cause: %s\n", "test exit");
	if (strcmp(mode, "panic") == 0)
		rte_panic("panic: %d\n", 7);
	if (strcmp(mode, "verify") == 0)
		RTE_VERIFY(1 + 1 == 3);
	if (strcmp(mode, "emptycause") == 0)
		rte_exit(3, "\n");   /* an app that printed its own usage first */
	if (strcmp(mode, "plainexit") == 0)
		exit(0);   /* no rte_eal_cleanup: still a clean exit */
	return 0;
}

static pid_t last_child;

/* Does the runtime directory of the last child still exist? */
static bool child_dir_exists(void)
{
	char base[256], dir[400], name[64];
	struct stat st;
	test_runtime_base(base, sizeof(base));
	snprintf(name, sizeof(name), "exitchild_%d", (int)last_child);
	snprintf(dir, sizeof(dir), "%s/%s", base, name);
	return lstat(dir, &st) == 0;
}

static void sweep_child(void)
{
	char name[64];
	snprintf(name, sizeof(name), "exitchild_%d", (int)last_child);
	test_runtime_sweep(name);
}

/* Run ourselves with mode; capture stderr into out; return wait status. */
static int run_child(const char *self, const char *mode, char *out, size_t outlen)
{
	int pfd[2];
	REQUIRE(pipe(pfd) == 0);
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	last_child = pid;
	if (pid == 0) {
		dup2(pfd[1], 2);
		close(pfd[0]);
		execl(self, self, "child", mode, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	size_t got = 0;
	ssize_t r;
	while (got + 1 < outlen && (r = read(pfd[0], out + got, outlen - 1 - got)) > 0)
		got += (size_t)r;
	out[got] = '\0';
	close(pfd[0]);
	int st;
	waitpid(pid, &st, 0);
	return st;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return child(argv[2]);

	static char out[65536];
	int st = run_child(argv[0], "exit", out, sizeof(out));
	CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 42, "status 0x%x", st);
	CHECK(strstr(out, "cause: test exit") != NULL);
	CHECK(strstr(out, "exiting with code: 42") != NULL);
	CHECK_MSG(!child_dir_exists(), "rte_exit left the runtime directory");
	CHECK(strstr(out, "could not release") == NULL);

	/* a failed start has nothing to release: no spurious line about it */
	st = run_child(argv[0], "badinit", out, sizeof(out));
	CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 4, "status 0x%x", st);
	CHECK(strstr(out, "Cause: cannot init EAL") != NULL);
	CHECK_MSG(strstr(out, "could not release") == NULL, "spurious: %s", out);

	st = run_child(argv[0], "emptycause", out, sizeof(out));
	CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 3, "status 0x%x", st);
	CHECK(strstr(out, "exiting with code: 3") != NULL);
	CHECK_MSG(strstr(out, "Cause:") == NULL, "empty cause printed: %s", out);
	CHECK_MSG(!child_dir_exists(), "rte_exit left the runtime directory");

	st = run_child(argv[0], "plainexit", out, sizeof(out));
	CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
	CHECK_MSG(!child_dir_exists(), "exit() without rte_eal_cleanup left the runtime directory");
	sweep_child();

	st = run_child(argv[0], "panic", out, sizeof(out));
	sweep_child();   /* abort() ran no cleanup */
	CHECK_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "status 0x%x", st);
	CHECK(strstr(out, "PANIC in child()") != NULL);
	CHECK(strstr(out, "panic: 7") != NULL);
	CHECK(strstr(out, "1: [") != NULL);   /* a stack trace was printed */

	st = run_child(argv[0], "verify", out, sizeof(out));
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
	sweep_child();
	CHECK(strstr(out, "assert \"1 + 1 == 3\" failed") != NULL);
	return test_done();
}
