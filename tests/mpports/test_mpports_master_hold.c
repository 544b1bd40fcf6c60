/* SPDX-License-Identifier: BSD-3-Clause
 * master_slave_mp: kill -9 of a worker while it holds a received burst.
 *
 * The test runs master_slave_mp (the primary, 2 workers on the 2 queues of
 * its net_ring port) and attaches to it as a third process (a secondary on
 * lcore id 7). Once both workers forward, it asks worker 1 through the
 * shared state to keep its next burst (the worker publishes "holding N"
 * once the N mbufs have left the rx ring and are only in its hands), checks
 * it stays so, and SIGKILLs it. Then:
 *   - the master notices, reclaims exactly N mbufs ("reclaimed N"),
 *   - a restarted worker takes over queue 1 and forwards (its second life,
 *     forwarded > 0),
 *   - the master's final accounting is exact: injected = forwarded +
 *     reclaimed with reclaimed = N (the only death), every packet back in
 *     sending order, pool in use 0. */
#include <inttypes.h>
#include <signal.h>
#include <rte_eal.h>
#include <rte_memzone.h>
#include "test.h"
#include "examples/proc.h"
#include "ms_shared.h"

#define REQUIRE_MSG(cond, ...) do { \
	CHECK_MSG(cond, __VA_ARGS__); \
	if (!(cond)) \
		exit(1); \
} while (0)

static pid_t master_pid;

static void kill_master(void)
{
	if (master_pid > 0)
		kill(master_pid, SIGKILL);
}

/* wait (bounded) until *v becomes non-zero */
static uint64_t wait_nonzero64(const uint64_t *v, int ms)
{
	long end = ms_now() + ms;
	uint64_t x;
	while ((x = __atomic_load_n(v, __ATOMIC_ACQUIRE)) == 0 && ms_now() < end)
		usleep(1000);
	return x;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_mpports_master_hold <master_slave_mp>");
	atexit(kill_master);
	char pfx[64];
	snprintf(pfx, sizeof(pfx), "--file-prefix=mshold_%d", (int)getpid());
	char *nohuge = test_no_huge() ? (char *)"--no-huge" : (char *)"-n1";
	char *a[] = { argv[1], pfx, (char *)"--lcores=0@0", nohuge, (char *)"--",
		      (char *)"2", (char *)"120", NULL };   /* ended by SIGINT below */
	struct proc m;
	REQUIRE(proc_start(&m, a) == 0);
	master_pid = m.pid;
	REQUIRE_MSG(proc_expect(&m, "worker 1: polling rx queue 1", 20000), "master: %s", m.buf);

	char *s[] = { (char *)"hold", pfx, (char *)"--lcores=7@0", (char *)"--proc-type=secondary",
		      nohuge, NULL };
	REQUIRE(rte_eal_init(5, s) >= 0);
	const struct rte_memzone *mz = rte_memzone_lookup(MS_STATE_NAME);
	REQUIRE(mz != NULL);
	struct ms_state *st = mz->addr;
	REQUIRE(st->nworkers == 2);
	CHECK(wait_nonzero64(&st->w[0].forwarded, 10000) > 0);
	CHECK(wait_nonzero64(&st->w[1].forwarded, 10000) > 0);

	/* ask worker 1 to keep its next burst, then kill it */
	__atomic_store_n(&st->w[1].hold, 1, __ATOMIC_RELEASE);
	long end = ms_now() + 10000;
	uint32_t held;
	while ((held = __atomic_load_n(&st->w[1].holding, __ATOMIC_ACQUIRE)) == 0 && ms_now() < end)
		usleep(1000);
	REQUIRE_MSG(held > 0 && held <= 32, "worker 1 holding %u", held);
	pid_t victim = __atomic_load_n(&st->w[1].pid, __ATOMIC_ACQUIRE);
	REQUIRE(victim > 0);
	usleep(50000);
	CHECK(__atomic_load_n(&st->w[1].holding, __ATOMIC_ACQUIRE) == held);    /* still in its hands */
	CHECK(kill(victim, SIGKILL) == 0);

	char want[96];
	snprintf(want, sizeof(want), "worker 1 died: reclaimed %u mbuf(s) it held", held);
	CHECK_MSG(proc_expect(&m, want, 30000), "want '%s': %s", want, m.buf);
	/* the restarted worker owns queue 1 and forwards */
	end = ms_now() + 10000;
	while (__atomic_load_n(&st->w[1].lives, __ATOMIC_ACQUIRE) < 2 && ms_now() < end)
		usleep(1000);
	CHECK(st->w[1].lives == 2);
	CHECK(__atomic_load_n(&st->w[1].pid, __ATOMIC_ACQUIRE) != victim);
	CHECK_MSG(wait_nonzero64(&st->w[1].forwarded, 10000) > 0, "restarted worker 1 forwards nothing");
	rte_eal_cleanup();
	CHECK(kill(master_pid, SIGINT) == 0);   /* end the run now: the summary follows */

	CHECK_MSG(proc_expect(&m, "pool in use 0: exact", 30000), "master: %s", m.buf);
	const char *sum = strstr(m.buf, "injected ");
	uint64_t inj = 0, fwd = 0, rec = 0;
	REQUIRE_MSG(sum && sscanf(sum, "injected %" SCNu64 ", forwarded %" SCNu64 ", reclaimed %" SCNu64,
				  &inj, &fwd, &rec) == 3, "master: %s", m.buf);
	CHECK_MSG(inj == fwd + rec && rec == held && fwd > 0,
		  "injected %" PRIu64 " forwarded %" PRIu64 " reclaimed %" PRIu64 " held %u", inj, fwd, rec, held);
	CHECK(strstr(m.buf, "order kept") != NULL);
	CHECK(proc_wait(&m, 20000) == 0);
	master_pid = 0;
	printf("worker 1 was killed holding %u mbufs; all reclaimed; %" PRIu64 " forwarded\n", held, fwd);
	return test_done();
}
