/* SPDX-License-Identifier: BSD-3-Clause
 * kill -9 of the PRIMARY at a random point of its malloc / free / memzone /
 * mempool traffic while two secondaries run a checked alloc/free loop on
 * the same heap. The secondaries must go on (their fds keep the memory; a
 * lock the primary held is repaired by whichever of them takes it next),
 * finish their loop and exit cleanly, the last one with a clean heap check.
 * Every wait is bounded. Each round uses a fresh prefix.
 * usage: test_rel_kill_primary [rounds]   (default 20) */
#include <poll.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include "rel_test.h"
#include "../heap/heap_test.h"

/* survivors: SIGUSR1 = finish the loop, SIGUSR2 = check the heap and exit
 * (one flag each: the two may be handled by two threads at once). The
 * handler runs on whichever thread the kernel picks (a telemetry client
 * thread, say), so the flags are atomics, not volatile sig_atomic_t (which
 * only covers a handler on the reading thread: ThreadSanitizer reported the
 * race). Relaxed store/load pair: the flags carry no data with them. */
static int finish, check;
static void on_sig(int sig)
{
	__atomic_store_n(sig == SIGUSR1 ? &finish : &check, 1, __ATOMIC_RELAXED);
}

static int flag(int *f)
{
	return __atomic_load_n(f, __ATOMIC_RELAXED);
}

static int primary(unsigned int seed)
{
	static const char *const ex[] = { "--proc-type=primary", "--lcores=0@0", NULL };
	rte_log_set_global_level(RTE_LOG_CRIT);
	if (rel_init(ex) < 0)
		return 2;
	void *blk[32] = { 0 };
	const struct rte_memzone *mz[4] = { 0 };
	struct rte_mempool *mp = NULL;
	char name[64];
	srand(seed);
	printf("ready\n");
	fflush(stdout);
	for (unsigned int i = 0;; i++) {
		unsigned int r = (unsigned int)rand(), k = r >> 8;
		switch (r % 8) {
		case 0: case 1: case 2:
			rte_free(blk[k % 32]);
			blk[k % 32] = rte_malloc("p", 16 + k % 4000, 0);
			break;
		case 3: case 4:
			rte_free(blk[k % 32]);
			blk[k % 32] = rte_malloc("pl", 8192 + (k % 6) * 200000, 0);
			break;
		case 5: case 6:
			if (mz[k % 4]) {
				rte_memzone_free(mz[k % 4]);
				mz[k % 4] = NULL;
			} else {
				snprintf(name, sizeof(name), "p_%u", i);
				mz[k % 4] = rte_memzone_reserve(name, 4096 + k % 500000, SOCKET_ID_ANY, 0);
			}
			break;
		default:
			if (mp) {
				rte_mempool_free(mp);
				mp = NULL;
			} else {
				snprintf(name, sizeof(name), "pp_%u", i);
				mp = rte_mempool_create(name, 127, 128, 0, 0, NULL, NULL, NULL, NULL,
							SOCKET_ID_ANY, 0);
			}
			break;
		}
	}
}

static int churn(void **live, size_t *sz, unsigned int i, unsigned int seed)
{
	unsigned int k = i % 16;
	if (live[k] != NULL) {
		if (!check_pattern(live[k], sz[k], seed + k))
			return -1;
		rte_free(live[k]);
	}
	sz[k] = (i % 13 == 0) ? 10000 + (i * 7919u) % 600000 : 16 + (i * 131u) % 4000;
	live[k] = rte_malloc("s", sz[k], 0);
	if (live[k] == NULL)
		return -1;
	fill_pattern(live[k], sz[k], seed + k);
	return 0;
}

static int survivor(int idx)
{
	static const char *const ex0[] = { "--proc-type=secondary", "--lcores=2@0", NULL };
	static const char *const ex1[] = { "--proc-type=secondary", "--lcores=3@0", NULL };
	signal(SIGUSR1, on_sig);
	signal(SIGUSR2, on_sig);
	rte_log_set_global_level(RTE_LOG_CRIT);
	alarm(60);
	if (rel_init(idx ? ex1 : ex0) < 0)
		return 2;
	void *live[16] = { 0 };
	size_t sz[16];
	unsigned int i = 0;
	printf("ready\n");
	fflush(stdout);
	while (!flag(&finish) && !flag(&check))
		if (churn(live, sz, i++, 100u * (unsigned int)(idx + 1)) < 0)
			return 3;
	for (unsigned int n = 0; n < 2000; n++)   /* after the kill */
		if (churn(live, sz, i++, 100u * (unsigned int)(idx + 1)) < 0)
			return 4;
	for (int k = 0; k < 16; k++)
		rte_free(live[k]);
	if (idx == 0) {   /* the last one standing checks the heap */
		while (!flag(&check))
			usleep(1000);
		if (eal_heap_verify(stderr) != 0)
			return 5;
	}
	rte_eal_cleanup();
	return 0;
}

/* Spawn with stdout on a pipe; wait (bounded) for its "ready" line. */
static pid_t spawn_ready(const char *self, const char *mode, const char *arg)
{
	int p[2];
	REQUIRE(pipe(p) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(p[1], 1);
		close(p[0]);
		execl(self, self, mode, rel_prefix, arg, (char *)NULL);
		_exit(127);
	}
	rel_children[rel_nchildren++ % 64] = pid;
	close(p[1]);
	struct pollfd pf = { p[0], POLLIN, 0 };
	char line[16];
	int ok = poll(&pf, 1, 20000) == 1 && read(p[0], line, sizeof(line)) > 0;
	close(p[0]);
	CHECK_MSG(ok, "%s never got ready", mode);
	return pid;
}

int main(int argc, char **argv)
{
	if (argc == 4) {
		snprintf(rel_prefix, sizeof(rel_prefix), "%s", argv[2]);
		if (strcmp(argv[1], "primary") == 0)
			return primary((unsigned int)atoi(argv[3]));
		return survivor(atoi(argv[3]));
	}
	int rounds = argc > 1 ? atoi(argv[1]) : 20;
	rel_watchdog(240);
	srand((unsigned int)time(NULL) ^ (unsigned int)getpid());
	for (int round = 0; round < rounds && !test_failures; round++) {
		char seed[16];
		snprintf(rel_prefix, sizeof(rel_prefix), "--file-prefix=relkp_%d_%d", (int)getpid(),
			 round);
		snprintf(seed, sizeof(seed), "%d", rand());
		pid_t p = spawn_ready(argv[0], "primary", seed);
		pid_t s0 = spawn_ready(argv[0], "survivor", "0");
		pid_t s1 = spawn_ready(argv[0], "survivor", "1");
		usleep((useconds_t)(rand() % 20000));
		rel_kill(p);
		kill(s0, SIGUSR1);
		kill(s1, SIGUSR1);
		int st1 = rel_wait(s1, 30000);
		kill(s0, SIGUSR2);
		int st0 = rel_wait(s0, 30000);
		CHECK_MSG(st0 == 0 && st1 == 0, "round %d: secondaries ended with %d and %d after the "
			  "primary was killed (-1: hung)", round, st0, st1);
	}
	printf("%d round(s) of primary kills\n", rounds);
	return test_done();
}
