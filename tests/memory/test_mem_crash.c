/* SPDX-License-Identifier: BSD-3-Clause
 * Crash safety: a child (this program re-executed) maps memory under a fixed
 * prefix and is killed with SIGKILL, sometimes once it holds its pages,
 * sometimes in the middle of start-up or of grow/shrink churn. After each
 * kill, every hugepage is back (HugePages_Free at its baseline) and the same
 * prefix starts again cleanly. Runs serially: it reads system-wide counters. */
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

#define CHILD_PAGES 32
/* HugePages_Free is system-wide: on a shared machine other programs move it
 * too. A leak by our child would keep all CHILD_PAGES; we accept drift of up
 * to half of that from others (the check is exact when the machine is quiet). */
#define NOISE (CHILD_PAGES / 2)
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

static long wait_hp_free(long want)
{
	long v = meminfo_get("HugePages_Free");
	for (int i = 0; i < 200 && v < want; i++) {
		usleep(10000);
		v = meminfo_get("HugePages_Free");
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "child") == 0)
		return child_main(argv[2], atoi(argv[3]));

	char prefix[64];
	snprintf(prefix, sizeof(prefix), "crash_%d", (int)getpid());
	long base_free = -1;
	srand((unsigned int)time(NULL) ^ (unsigned int)getpid());
	bool saw_huge = false;

	for (int round = 0; round < ROUNDS; round++) {
		base_free = meminfo_get("HugePages_Free");
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
			if (msg == 'H' && base_free >= 0) {
				saw_huge = true;
				long now = meminfo_get("HugePages_Free");
				CHECK_MSG(now <= base_free - CHILD_PAGES + NOISE, "child holds pages: free %ld base %ld",
					  now, base_free);
			}
			usleep((useconds_t)(rand() % 20000));   /* somewhere in the churn */
		}
		CHECK(kill(pid, SIGKILL) == 0);
		int st;
		REQUIRE(waitpid(pid, &st, 0) == pid);
		close(p[0]);
		CHECK_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "round %d: child status 0x%x", round, st);
		if (base_free >= 0) {
			long now = wait_hp_free(base_free);
			if (now != base_free)
				fprintf(stderr, "note: HugePages_Free %ld vs baseline %ld (other processes?)\n",
					now, base_free);
			CHECK_MSG(now > base_free - NOISE, "round %d: HugePages_Free %ld, baseline %ld: leak",
				  round, now, base_free);
		}
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
	/* grow and shrink are visible in the kernel's hugepage pool */
	base_free = meminfo_get("HugePages_Free");
	REQUIRE(eal_pages_alloc(CHILD_PAGES * eal_pages_default_size(), 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	if (rte_eal_has_hugepages()) {
		long grown = meminfo_get("HugePages_Free");
		CHECK_MSG(grown <= base_free - CHILD_PAGES + NOISE, "grow: free %ld base %ld", grown, base_free);
		CHECK(eal_pages_free(sp.addr, sp.len) == 0);
		long shrunk = wait_hp_free(base_free);
		CHECK_MSG(shrunk > base_free - NOISE, "shrink: free %ld base %ld", shrunk, base_free);
	}
	CHECK(rte_memzone_reserve("crash_mz", 4096, SOCKET_ID_ANY, 0) != NULL);
	rte_eal_cleanup();
	if (base_free >= 0)
		CHECK(wait_hp_free(base_free) > base_free - NOISE);
	return test_done();
}
