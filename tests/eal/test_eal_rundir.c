/* The runtime directory is checked before use and cleaned after (issue 12
 * point 2, issue 11 "Non-root and leftovers"), as whoever runs the test:
 * - a symlink planted at the prefix directory is refused, and the file it
 *   points at (a stand-in for ~/.ssh/config) keeps its content;
 * - a prefix directory writable by others is refused, the error naming the
 *   path, owner and mode;
 * - --in-memory starts although the runtime directory is refused;
 * - sockets of dead secondaries and what a killed primary left are removed
 *   by the next process; a clean exit leaves no directory behind.
 * Non-root runs get a private XDG_RUNTIME_DIR so the test is self-contained. */
#include <errno.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_log.h>
#include "test.h"

static char pfx[64], pfx_arg[96], base[256], dir[512];
static char logbuf[16384];
static FILE *logf;

static void log_capture(void)
{
	memset(logbuf, 0, sizeof(logbuf));
	logf = fmemopen(logbuf, sizeof(logbuf) - 1, "w");
	setvbuf(logf, NULL, _IONBF, 0);
	rte_openlog_stream(logf);
}

static void log_release(void)
{
	rte_openlog_stream(NULL);
	fclose(logf);
}

static int init(const char *extra)
{
	char *argv[8] = { (char *)"rundir", pfx_arg, (char *)"--no-huge", (char *)"-l", (char *)"0" };
	int argc = 5;
	if (extra)
		argv[argc++] = (char *)extra;
	argv[argc] = NULL;
	return rte_eal_init(argc, argv);
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* A socket file nobody is bound to, as a killed secondary leaves it. */
static void plant_dead_socket(const char *name)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	REQUIRE((size_t)snprintf(a.sun_path, sizeof(a.sun_path), "%s/%s", dir, name) <
		sizeof(a.sun_path));
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	REQUIRE(s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0);
	close(s);
}

int main(int argc, char **argv)
{
	(void)argc;
	char xdg[] = "/tmp/dplite-rundir.XXXXXX";
	if (getuid() != 0) {
		REQUIRE(mkdtemp(xdg) != NULL);
		setenv("XDG_RUNTIME_DIR", xdg, 1);
	}
	snprintf(pfx, sizeof(pfx), "rundir_%d", (int)getpid());
	snprintf(pfx_arg, sizeof(pfx_arg), "--file-prefix=%s", pfx);
	test_runtime_base(base, sizeof(base));
	snprintf(dir, sizeof(dir), "%s/%s", base, pfx);
	mkdir(base, 0700);

	/* 1. symlink at the prefix directory -> a directory with a precious file */
	char victim[] = "/tmp/dplite-victim.XXXXXX", canary[600];
	REQUIRE(mkdtemp(victim) != NULL);
	snprintf(canary, sizeof(canary), "%s/config", victim);
	FILE *f = fopen(canary, "w");
	REQUIRE(f != NULL);
	fputs("precious\n", f);
	fclose(f);
	REQUIRE(symlink(victim, dir) == 0);
	log_capture();
	CHECK(init(NULL) < 0);
	log_release();
	CHECK_MSG(strstr(logbuf, "symbolic link") && strstr(logbuf, dir), "log: %s", logbuf);
	char got[64] = "";
	f = fopen(canary, "r");
	CHECK(f && fgets(got, sizeof(got), f) && strcmp(got, "precious\n") == 0);
	if (f)
		fclose(f);
	CHECK(test_count_dir(victim) == 3);   /* ., .. and the canary: nothing added */

	/* 2. --in-memory needs no usable runtime directory */
	CHECK_MSG(init("--in-memory") >= 0, "in-memory init: %s", rte_strerror(rte_errno));
	CHECK(rte_eal_cleanup() == 0);
	REQUIRE(unlink(dir) == 0);
	unlink(canary);
	rmdir(victim);

	/* 3. a prefix directory writable by others */
	REQUIRE(mkdir(dir, 0700) == 0 && chmod(dir, 0777) == 0);
	log_capture();
	CHECK(init(NULL) < 0);
	log_release();
	char uid[32];
	snprintf(uid, sizeof(uid), "uid %u", (unsigned int)geteuid());
	CHECK_MSG(strstr(logbuf, dir) && strstr(logbuf, "0777") && strstr(logbuf, uid),
		  "log: %s", logbuf);
	CHECK(test_count_dir(dir) == 2);      /* nothing created inside */
	REQUIRE(chmod(dir, 0700) == 0);

	/* 4. dead secondaries' sockets are swept by the next primary */
	plant_dead_socket("mp_socket_999999_0");
	plant_dead_socket("mp_socket_999998_3");
	char p1[600], p2[600];
	snprintf(p1, sizeof(p1), "%s/mp_socket_999999_0", dir);
	snprintf(p2, sizeof(p2), "%s/mp_socket_999998_3", dir);
	REQUIRE(init(NULL) >= 0);
	CHECK(!exists(p1) && !exists(p2));
	CHECK(strcmp(rte_eal_get_runtime_dir(), dir) == 0);
	CHECK(rte_eal_cleanup() == 0);
	CHECK_MSG(!exists(dir), "clean exit left %s", dir);

	/* 5. a killed primary's config and mp_socket: a secondary finding no
	 * primary removes them (and the directory), and so does a new primary */
	for (int round = 0; round < 2; round++) {
		pid_t pid = fork();
		REQUIRE(pid >= 0);
		if (pid == 0) {
			if (init(NULL) < 0)
				_exit(2);
			raise(SIGKILL);
		}
		int st;
		waitpid(pid, &st, 0);
		REQUIRE(WIFSIGNALED(st));
		char cfg[600];
		snprintf(cfg, sizeof(cfg), "%s/config", dir);
		CHECK(exists(cfg));
		if (round == 0) {
			CHECK(init("--proc-type=secondary") < 0 && rte_errno == ENOENT);
		} else {
			REQUIRE(init(NULL) >= 0);
			CHECK(rte_eal_cleanup() == 0);
		}
		CHECK_MSG(!exists(dir), "round %d: %s left behind", round, dir);
	}
	test_runtime_sweep(pfx);
	if (getuid() != 0) {
		rmdir(base);
		rmdir(xdg);
	}
	(void)argv;
	return test_done();
}
