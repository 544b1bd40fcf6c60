/* A secondary asking for an lcore id that a live process of its prefix holds
 * is refused on purpose (per-lcore mempool caches would be shared), and the
 * error names the one-option fix with ids that are free; that option then
 * works (issue 11, docs/compat.md). */
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_log.h>
#include "test.h"

static char prefix[96];

static int init(const char *type, const char *lcores)
{
	char *argv[8] = { (char *)"p", prefix, (char *)type, (char *)lcores };
	int argc = 4;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	argv[argc] = NULL;
	return rte_eal_init(argc, argv);
}

int main(int argc, char **argv)
{
	if (argc == 3) {   /* the primary: holds lcores 0 and 1 until stdin closes */
		snprintf(prefix, sizeof(prefix), "%s", argv[2]);
		if (init("--proc-type=primary", "--lcores=0@0,1@0") < 0)
			return 2;
		printf("ready\n");
		fflush(stdout);
		char line[8];
		while (fgets(line, sizeof(line), stdin) != NULL)
			;
		rte_eal_cleanup();
		return 0;
	}
	snprintf(prefix, sizeof(prefix), "--file-prefix=clash_%d", (int)getpid());
	int in[2], out[2];
	REQUIRE(pipe(in) == 0 && pipe(out) == 0);
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		execl(argv[0], argv[0], "primary", prefix, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	char line[16];
	if (read(out[0], line, sizeof(line)) <= 0) {
		waitpid(pid, NULL, 0);
		fprintf(stderr, "FATAL: the primary did not start\n");
		return 1;
	}

	static char logbuf[8192];
	FILE *f = fmemopen(logbuf, sizeof(logbuf) - 1, "w");
	REQUIRE(f != NULL);
	setvbuf(f, NULL, _IONBF, 0);
	rte_openlog_stream(f);
	int rc = init("--proc-type=secondary", "--lcores=1@0,5@0");
	int err = rte_errno;
	rte_openlog_stream(NULL);
	fclose(f);
	CHECK_MSG(rc < 0 && err == EBUSY, "rc %d errno %d", rc, err);
	/* lcore 1 is taken -> the first id neither held nor asked for: 0 is
	 * held, 1 asked, 2 free; 5 is ours and free, so it stays */
	CHECK_MSG(strstr(logbuf, "--lcores=2@0,5@0") != NULL, "log: %s", logbuf);
	CHECK_MSG(init("--proc-type=secondary", "--lcores=2@0,5@0") >= 0, "the suggested fix failed: %s",
		  rte_strerror(rte_errno));
	CHECK(rte_eal_process_type() == RTE_PROC_SECONDARY);
	rte_eal_cleanup();

	close(in[1]);   /* the primary leaves */
	int st;
	waitpid(pid, &st, 0);
	CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "primary status 0x%x", st);
	return test_done();
}
