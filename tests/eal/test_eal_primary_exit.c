/* A secondary learns that its primary died: the dplite exit callback runs
 * once, soon after SIGKILL of the primary, and rte_eal_primary_proc_alive
 * flips to 0. The measured latency is printed (not asserted: numbers belong
 * to benchmarks). Skips while secondaries cannot attach. */
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_cycles.h>
#include "test.h"

static char prefix[96];
static volatile int fired;
static struct timespec fired_at;

static void on_exit_cb(void *arg)
{
	clock_gettime(CLOCK_MONOTONIC, &fired_at);
	__atomic_fetch_add(&fired, 1 + (int)(intptr_t)arg * 0, __ATOMIC_RELEASE);
}

static int hold(void)
{
	char *argv[] = { (char *)"p", prefix, (char *)"-l", (char *)"0", NULL, NULL };
	int argc = 4;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	if (rte_eal_init(argc, argv) < 0)
		return 2;
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	snprintf(prefix, sizeof(prefix), "--file-prefix=pexit_%d", argc == 3 ? atoi(argv[2]) : (int)getpid());
	if (argc == 3)
		return hold();

	int out[2];
	REQUIRE(pipe(out) == 0);
	char pidarg[32];
	snprintf(pidarg, sizeof(pidarg), "%d", (int)getpid());
	pid_t primary = fork();
	if (primary == 0) {
		dup2(out[1], 1);
		execl(argv[0], argv[0], "hold", pidarg, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	char line[16];
	REQUIRE(read(out[0], line, sizeof(line)) > 0);

	/* registering in a non-initialised process / primary is refused */
	CHECK(rte_eal_primary_exit_callback_register(on_exit_cb, NULL) == -1);

	char *sargv[] = { (char *)"s", prefix, (char *)"--proc-type=auto", (char *)"-l", (char *)"1", NULL, NULL };
	int sargc = 5;
	if (sysconf(_SC_NPROCESSORS_CONF) < 2)
		sargv[4] = (char *)"0";
	if (test_no_huge())
		sargv[sargc++] = (char *)"--no-huge";
	if (rte_eal_init(sargc, sargv) < 0) {
		int e = rte_errno;
		kill(primary, SIGKILL);
		waitpid(primary, NULL, 0);
		if (e == ENOTSUP) {
			fprintf(stderr, "secondary attach not supported yet: skipped\n");
			return 77;
		}
		CHECK_MSG(0, "secondary init failed: %s", rte_strerror(e));
		return test_done();
	}
	CHECK(rte_eal_process_type() == RTE_PROC_SECONDARY);
	CHECK(rte_eal_primary_proc_alive(NULL) == 1);
	CHECK(rte_eal_primary_exit_callback_register(NULL, NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_eal_primary_exit_callback_register(on_exit_cb, NULL) == 0);
	rte_delay_us_sleep(20000);
	CHECK(__atomic_load_n(&fired, __ATOMIC_ACQUIRE) == 0);

	struct timespec killed_at;
	clock_gettime(CLOCK_MONOTONIC, &killed_at);
	kill(primary, SIGKILL);
	/* bounded wait, 30 s: never reached on a working run, however loaded */
	uint64_t end = rte_get_timer_cycles() + 30 * rte_get_timer_hz();
	while (!__atomic_load_n(&fired, __ATOMIC_ACQUIRE) && rte_get_timer_cycles() < end)
		rte_delay_us_sleep(1000);
	CHECK(__atomic_load_n(&fired, __ATOMIC_ACQUIRE) == 1);
	CHECK(rte_eal_primary_proc_alive(NULL) == 0);
	if (__atomic_load_n(&fired, __ATOMIC_ACQUIRE)) {
		double ms = (double)(fired_at.tv_sec - killed_at.tv_sec) * 1e3 +
			    (double)(fired_at.tv_nsec - killed_at.tv_nsec) / 1e6;
		printf("primary exit noticed %.2f ms after SIGKILL\n", ms);
	}
	waitpid(primary, NULL, 0);
	/* late registration after the fact is told at once */
	int before = __atomic_load_n(&fired, __ATOMIC_ACQUIRE);
	CHECK(rte_eal_primary_exit_callback_register(on_exit_cb, NULL) == 0 &&
	      __atomic_load_n(&fired, __ATOMIC_ACQUIRE) == before + 1);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
