/* SPDX-License-Identifier: BSD-3-Clause
 * Crash safety: a child (this program re-executed) maps memory under a fixed
 * prefix and is killed with SIGKILL, sometimes once it holds its pages,
 * sometimes in the middle of start-up or of grow/shrink churn. After each
 * kill, none of the child's pages stays consumed: no process holds any of the
 * memfds the child had open (own_pages.h: a hugetlb memfd frees its pages
 * with its last reference), and the same prefix starts again cleanly. Only
 * the test's own processes are counted, never the machine-wide
 * HugePages_Free, so suites that use hugepages meanwhile do not matter. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <sys/wait.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_errno.h>
#include "test.h"
#include "mem_test.h"
#include "eal_memalloc.h"
#include "own_pages.h"

#define CHILD_PAGES 32
#define ROUNDS 6

static int build_argv(char **argv, int max, const char *prefix)
{
	static char pfx[128];
	int n = 0;
	argv[n++] = (char *)"crash-test";
	snprintf(pfx, sizeof(pfx), "--file-prefix=%s", prefix);
	argv[n++] = pfx;
	const char *env = getenv("DPLITE_TEST_EAL_ARGS");
	if (env && *env) {
		static char *copy;   /* kept reachable: argv points into it */
		char *save = NULL;
		if (copy == NULL)
			copy = strdup(env);
		for (char *t = strtok_r(copy, " ", &save); t && n < max - 1; t = strtok_r(NULL, " ", &save))
			argv[n++] = t;
	}
	argv[n] = NULL;
	return n;
}

static int child_main(const char *prefix, int fd)
{
	char *argv[32];
	int argc = build_argv(argv, 32, prefix);
	if (rte_eal_init(argc, argv) < 0)
		return 3;
	size_t pg = eal_pages_default_size();
	struct eal_page_span sp;
	if (eal_pages_alloc(CHILD_PAGES * pg, 0, SOCKET_ID_ANY, 0, 0, &sp) != 0)
		return 4;
	memset(sp.addr, 0xcd, sp.len);
	if (rte_memzone_reserve("crash_mz", 4096, SOCKET_ID_ANY, 0) == NULL)
		return 5;
	char msg = rte_eal_has_hugepages() ? 'H' : 'S';
	if (write(fd, &msg, 1) != 1)
		return 6;
	for (;;) {   /* churn until killed */
		struct eal_page_span t;
		if (eal_pages_alloc(2 * pg, 0, SOCKET_ID_ANY, 0, 0, &t) == 0) {
			memset(t.addr, 1, t.len);
			eal_pages_free(t.addr, t.len);
		}
	}
}

/* our own hugetlb mapping shrinks back to at most want kB (bounded wait) */
static long wait_own_kb(long want)
{
	long v = own_hugetlb_kb(getpid());
	for (int i = 0; i < 200 && v > want; i++) {
		usleep(10000);
		v = own_hugetlb_kb(getpid());
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "child") == 0)
		return child_main(argv[2], atoi(argv[3]));

	char prefix[64];
	snprintf(prefix, sizeof(prefix), "crash_%d", (int)getpid());
	srand((unsigned int)time(NULL) ^ (unsigned int)getpid());
	bool saw_huge = false;

	for (int round = 0; round < ROUNDS; round++) {
		struct own_memfds held = { 0 };
		int p[2];
		REQUIRE(pipe(p) == 0);
		char fdarg[16];
		snprintf(fdarg, sizeof(fdarg), "%d", p[1]);
		fflush(NULL);
		pid_t pid = fork();
		REQUIRE(pid >= 0);
		if (pid == 0) {
			close(p[0]);
			execl("/proc/self/exe", argv[0], "child", prefix, fdarg, (char *)NULL);
			_exit(127);
		}
		close(p[1]);
		bool early = round % 3 == 2;   /* kill during start-up */
		if (early) {
			usleep((useconds_t)(rand() % 20000));
		} else {
			struct pollfd pf = { .fd = p[0], .events = POLLIN };
			char msg = 0;
			REQUIRE(poll(&pf, 1, 20000) == 1);
			REQUIRE(read(p[0], &msg, 1) == 1);
			/* what the child holds: its memfds, and (hugepages) its pages */
			CHECK_MSG(own_memfds_collect(pid, &held) > 0, "round %d: child has no memfd", round);
			/* the holder check sees a live holder (so 0 later means something) */
			CHECK_MSG(own_memfds_holders(&held) >= 1, "round %d: child not seen holding", round);
			if (msg == 'H') {
				saw_huge = true;
				long kb = own_hugetlb_kb(pid);
				long want = (long)(CHILD_PAGES * (eal_pages_default_size() >> 10));
				CHECK_MSG(kb >= want, "child maps %ld kB of hugepages, at least %ld expected", kb, want);
			}
			usleep((useconds_t)(rand() % 20000));   /* somewhere in the churn */
		}
		CHECK(kill(pid, SIGKILL) == 0);
		int st;
		REQUIRE(waitpid(pid, &st, 0) == pid);
		close(p[0]);
		CHECK_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "round %d: child status 0x%x", round, st);
		/* killed during start-up: we may not have seen its memfds, but
		 * nothing else of the prefix runs that could have received them */
		int h = own_memfds_wait_released(&held);
		CHECK_MSG(h == 0, "round %d: %d process(es) still hold the dead child's memory", round, h);
	}
	if (rte_eal_has_hugepages() || saw_huge)
		fprintf(stderr, "child used hugepages\n");

	/* the same prefix starts again as a primary, with memory that works */
	char *eargv[32];
	int eargc = build_argv(eargv, 32, prefix);
	REQUIRE(rte_eal_init(eargc, eargv) >= 0);
	CHECK(rte_eal_process_type() == RTE_PROC_PRIMARY);
	CHECK(rte_memzone_lookup("crash_mz") == NULL);   /* nothing stale came back */
	struct eal_page_span sp;
	/* grow and shrink show in this process's own hugepage mappings */
	long base_kb = own_hugetlb_kb(getpid());
	long want_kb = (long)(CHILD_PAGES * (eal_pages_default_size() >> 10));
	REQUIRE(eal_pages_alloc(CHILD_PAGES * eal_pages_default_size(), 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	memset(sp.addr, 0x5a, sp.len);
	if (rte_eal_has_hugepages() && base_kb >= 0) {
		long grown = own_hugetlb_kb(getpid());
		CHECK_MSG(grown >= base_kb + want_kb, "grow: %ld kB mapped, base %ld", grown, base_kb);
		CHECK(eal_pages_free(sp.addr, sp.len) == 0);
		long shrunk = wait_own_kb(base_kb);
		CHECK_MSG(shrunk <= base_kb, "shrink: %ld kB mapped, base %ld", shrunk, base_kb);
	}
	CHECK(rte_memzone_reserve("crash_mz", 4096, SOCKET_ID_ANY, 0) != NULL);
	struct own_memfds mine = { 0 };
	CHECK(own_memfds_collect(getpid(), &mine) > 0);
	rte_eal_cleanup();
	/* after cleanup this process keeps none of its memory either */
	CHECK(own_memfds_collect(getpid(), &(struct own_memfds){ 0 }) == 0);
	CHECK(wait_own_kb(0) == 0);
	return test_done();
}
