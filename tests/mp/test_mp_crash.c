/* kill -9 at random moments — a primary during rte_eal_init, a primary and a
 * secondary in the middle of traffic — then, once every process of the
 * prefix is gone: none of their memory stays consumed (no process holds any
 * memfd the primary had open: own_pages.h; only the test's own processes are
 * counted, so other suites using hugepages meanwhile do not matter), and a
 * new primary with the same prefix starts and works. */
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_log.h>
#include "test.h"
#include "own_pages.h"

static char prefix[96];

static int init_as(const char *type, const char *lcores)
{
	char *argv[8] = { (char *)"c", prefix, (char *)type, (char *)lcores };
	int argc = 4;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	rte_log_set_global_level(RTE_LOG_CRIT);
	return rte_eal_init(argc, argv);
}

/* traffic until killed: the primary creates a pool + ring and churns the
 * heap; the secondary moves objects through the ring */
static int child(const char *mode)
{
	if (strcmp(mode, "primary") == 0) {
		if (init_as("--proc-type=primary", "--lcores=0@0") < 0)
			return 2;
		struct rte_mempool *mp = rte_mempool_create("crash_pool", 2047, 256, 32, 0,
							    NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
		struct rte_ring *r = rte_ring_create("crash_ring", 1024, SOCKET_ID_ANY, 0);
		if (!mp || !r)
			return 3;
		printf("ready\n");
		fflush(stdout);
		void *blocks[64] = { 0 };
		for (unsigned int i = 0;; i++) {
			void *o;
			if (rte_mempool_get(mp, &o) == 0 && rte_ring_enqueue(r, o) != 0)
				rte_mempool_put(mp, o);
			unsigned int k = i % 64;
			rte_free(blocks[k]);
			blocks[k] = rte_malloc(NULL, 4096 + (i % 7) * 300000, 0);
		}
	}
	if (init_as("--proc-type=secondary", "--lcores=1@0") < 0)
		return 4;
	struct rte_mempool *mp = rte_mempool_lookup("crash_pool");
	struct rte_ring *r = rte_ring_lookup("crash_ring");
	if (!mp || !r)
		return 5;
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		void *o;
		if (rte_ring_dequeue(r, &o) == 0)
			rte_mempool_put(mp, o);
	}
}

static pid_t spawn(const char *self, const char *mode, int *outfd)
{
	int p[2];
	REQUIRE(pipe(p) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execl(self, self, "child", mode, prefix, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	*outfd = p[0];
	return pid;
}

static void reap(pid_t pid, int fd)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc == 4) {
		snprintf(prefix, sizeof(prefix), "%s", argv[3]);
		return child(argv[2]);
	}
	snprintf(prefix, sizeof(prefix), "--file-prefix=crash_%d", (int)getpid());
	struct own_memfds held = { 0 };
	srand((unsigned int)time(NULL) ^ (unsigned int)getpid());

	for (int round = 0; round < 8; round++) {
		int pfd, sfd;
		char line[16];
		/* a primary killed at a random moment, often inside rte_eal_init */
		pid_t p = spawn(argv[0], "primary", &pfd);
		usleep((useconds_t)(rand() % 20000));
		reap(p, pfd);

		/* a primary and a secondary killed during traffic, in random order */
		p = spawn(argv[0], "primary", &pfd);
		REQUIRE(read(pfd, line, sizeof(line)) > 0);
		CHECK_MSG(own_memfds_collect(p, &held) > 0, "round %d: primary has no memfd", round);
		pid_t s = spawn(argv[0], "secondary", &sfd);
		usleep((useconds_t)(rand() % 30000));
		if (rand() & 1) {
			reap(s, sfd);
			reap(p, pfd);
		} else {
			reap(p, pfd);
			reap(s, sfd);
		}
	}
	/* everything is gone: nobody holds the primaries' memory any more (give
	 * the kernel a moment to finish tearing down the dead processes) */
	int h = own_memfds_wait_released(&held);
	CHECK_MSG(held.n > 0 && h == 0, "%d process(es) still hold memory of the dead primaries (%d memfds)",
		  h, held.n);

	/* and the prefix starts cleanly and works */
	REQUIRE(init_as("--proc-type=primary", "--lcores=0@0") >= 0);
	struct rte_mempool *mp = rte_mempool_create("crash_pool", 2047, 256, 32, 0, NULL, NULL, NULL,
						    NULL, SOCKET_ID_ANY, 0);
	CHECK(mp != NULL && rte_mempool_avail_count(mp) == 2047);
	void *x = rte_malloc(NULL, 10 << 20, 0);
	CHECK(x != NULL);
	rte_free(x);
	rte_mempool_free(mp);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
