/* rte_eal_cleanup() in a child of fork(). The child inherits the EAL's
 * state but none of its threads, and shares the parent's prefix lock, mp
 * socket and runtime files: its cleanup must release only its own copies
 * (return 0, no crash, no hang on threads that do not exist in it) and leave
 * the parent whole -- mp socket and config file still there, prefix lock
 * still held, workers still launchable, its own cleanup still working.
 * Also a child that just exit()s must not remove the parent's files.
 * A watchdog turns a hang into a failure. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include "rel_test.h"

static int mp_action(const struct rte_mp_msg *msg, const void *peer)
{
	(void)msg; (void)peer;
	return 0;
}

static int worker(void *arg)
{
	*(int *)arg = 42;
	return 0;
}

/* wait for a child at most 10 s; its exit status, or -1 (killed, hung) */
static int wait_child(pid_t pid)
{
	int st;
	for (int i = 0; i < 1000; i++) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1 - WTERMSIG(st);
		usleep(10000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	fprintf(stderr, "child %d hung\n", (int)pid);
	return -1000;
}

static int file_exists(const char *name)
{
	char p[512];
	struct stat sb;
	snprintf(p, sizeof(p), "%s/%s", rte_eal_get_runtime_dir(), name);
	return stat(p, &sb) == 0;
}

/* The prefix lock is an fcntl lock on config: the parent must not open and
 * close that file itself (closing any fd of it drops its own lock), so a
 * fresh child asks the kernel who holds it. */
static int prefix_still_locked(void)
{
	char p[512];
	pid_t me = getpid();
	snprintf(p, sizeof(p), "%s/config", rte_eal_get_runtime_dir());
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(p, O_RDONLY);
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		if (fd < 0 || fcntl(fd, F_GETLK, &fl) != 0)
			_exit(2);
		_exit(fl.l_type != F_UNLCK && fl.l_pid == me ? 0 : 1);
	}
	return pid > 0 && wait_child(pid) == 0;
}

static void check_parent_whole(const char *after)
{
	CHECK_MSG(file_exists("mp_socket"), "after %s: parent's mp_socket removed", after);
	CHECK_MSG(file_exists("config"), "after %s: parent's config removed", after);
	CHECK_MSG(prefix_still_locked(), "after %s: parent's prefix lock released", after);
	unsigned int w = rte_get_next_lcore(-1, 1, 0);
	if (w < RTE_MAX_LCORE) {
		int v = 0;
		CHECK_MSG(rte_eal_remote_launch(worker, &v, w) == 0, "after %s: launch", after);
		CHECK(rte_eal_wait_lcore(w) == 0 && v == 42);
	}
	void *p = rte_malloc("after_fork", 4096, 0);
	CHECK(p != NULL);
	rte_free(p);
}

int main(void)
{
	rel_watchdog(60);
	test_eal_init("rel_fork_cleanup", NULL);
	REQUIRE(rte_eal_process_type() == RTE_PROC_PRIMARY);
	REQUIRE(rte_mp_action_register("fork_test", mp_action) == 0);
	check_parent_whole("init");

	/* 1. the child cleans up, then exits */
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		alarm(8);   /* a hang in the child is a failure, not a stuck test */
		int rc = rte_eal_cleanup();
		_exit(rc == 0 ? 0 : 3);
	}
	int st = wait_child(pid);
	CHECK_MSG(st == 0, "child's rte_eal_cleanup: status %d (0 expected)", st);
	check_parent_whole("a child's rte_eal_cleanup");

	/* 2. the child calls exit() without cleanup (atexit handlers run) */
	pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		alarm(8);
		exit(0);
	}
	st = wait_child(pid);
	CHECK_MSG(st == 0, "child's exit(): status %d", st);
	check_parent_whole("a child's exit()");

	/* 3. the parent's own cleanup still works and removes its files */
	char dir[512];
	snprintf(dir, sizeof(dir), "%s", rte_eal_get_runtime_dir());
	CHECK(rte_eal_cleanup() == 0);
	char p[600];
	struct stat sb;
	snprintf(p, sizeof(p), "%s/mp_socket", dir);
	CHECK_MSG(stat(p, &sb) < 0, "parent's cleanup left %s", p);
	return test_done();
}
