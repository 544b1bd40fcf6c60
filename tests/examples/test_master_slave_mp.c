/* examples/multi_process/master_slave_mp: workers, each forwarding on its
 * own queue of the master's port, are killed with SIGKILL at random moments
 * (5 times) while traffic flows; the master notices each death, reclaims the
 * mbufs the dead worker held, restarts a worker on the same queue, and at
 * the end: injected = forwarded + reclaimed, every packet came back in
 * sending order, the pool is full, and every worker's last life forwarded. */
#include <inttypes.h>
#include <signal.h>
#include "test.h"
#include "proc.h"

/* Last pid printed for worker `w` ("worker w started pid P" or
 * "... restarted pid P"). */
static pid_t worker_pid(const char *buf, int w)
{
	pid_t pid = 0;
	char key1[32], key2[32];
	snprintf(key1, sizeof(key1), "worker %d started pid ", w);
	snprintf(key2, sizeof(key2), "worker %d died:", w);
	for (const char *p = buf; (p = strstr(p, "worker ")) != NULL; p++) {
		if (strncmp(p, key1, strlen(key1)) == 0)
			pid = atoi(p + strlen(key1));
		else if (strncmp(p, key2, strlen(key2)) == 0) {
			const char *r = strstr(p, "restarted pid ");
			const char *eol = strchr(p, '\n');
			if (r && (!eol || r < eol))
				pid = atoi(r + 14);
		}
	}
	return pid;
}

static int count_str(const char *buf, const char *needle)
{
	int n = 0;
	for (const char *p = buf; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static int count_deaths(const char *buf)
{
	return count_str(buf, " died: reclaimed ");
}

/* Every worker's latest life has said it polls: one "worker w: polling"
 * line per life (1 + the deaths of w). */
static bool latest_lives_polling(const char *buf)
{
	for (int w = 0; w < 2; w++) {
		char poll_key[32], died_key[32];
		snprintf(poll_key, sizeof(poll_key), "worker %d: polling", w);
		snprintf(died_key, sizeof(died_key), "worker %d died:", w);
		if (count_str(buf, poll_key) < 1 + count_str(buf, died_key))
			return false;
	}
	return true;
}

/* Read the master's output until cond(buf) holds or timeout_ms passes. */
static bool wait_for(struct proc *m, bool (*cond)(const char *, int), int arg, int timeout_ms)
{
	long end = ms_now() + timeout_ms;
	while (!cond(m->buf, arg) && ms_now() < end)
		proc_expect(m, "\xff", 100);
	return cond(m->buf, arg);
}

static bool deaths_above(const char *buf, int seen)
{
	return count_deaths(buf) > seen;
}

static bool lives_polling(const char *buf, int unused)
{
	(void)unused;
	return latest_lives_polling(buf);
}

/* The run is event driven, not clocked: the master gets a long duration
 * (RUN_S) and the test ends it with SIGINT once its kills are done and seen.
 * With a short fixed duration a loaded machine could end the run between a
 * kill and its restart (no "died" line, or a last life that forwarded
 * nothing), and a kill issued before the previous death was reported could
 * hit the same, not yet reaped pid again and count one death twice. */
/* Bound for each event the test waits for (loaded machine: a death is
 * normally reported within a second or two). */
#define EVENT_MS 30000
#define RUN_S "100"

/* Not under ThreadSanitizer. There the master's waitpid(-1, WNOHANG) was
 * seen (strace, gdb) sitting in the wait4 system call for minutes after
 * the test SIGKILLed a worker, until some other child changed state, and
 * the worker had already vanished from /proc: the death is reported late
 * or never (CI failed twice on it, with 30 s and with 150 s per event).
 * Nothing of dplite runs in that call, the plain, --no-huge and ASan+UBSan
 * builds never showed it, and the master's and workers' shared code paths
 * (rings, net_ring, mempool, ethdev) have TSan tests of their own. */
#if defined(__SANITIZE_THREAD__)
#define MS_SKIP_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MS_SKIP_TSAN 1
#endif
#endif

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_master_slave_mp <binary>");
#ifdef MS_SKIP_TSAN
	TEST_SKIP("under ThreadSanitizer the master's waitpid(WNOHANG) stalls after a SIGKILL "
		  "(see the comment above main)");
#endif
	char pfx[64];
	snprintf(pfx, sizeof(pfx), "--file-prefix=msmp_%d", (int)getpid());
	const char *nohuge = test_no_huge() ? "--no-huge" : "-n1";
	char *a[] = { argv[1], pfx, (char *)"--lcores=0@0", (char *)nohuge, (char *)"--",
		      (char *)"2", (char *)RUN_S, NULL };
	struct proc m;
	REQUIRE(proc_start(&m, a) == 0);
	CHECK_MSG(proc_expect(&m, "worker 1 started pid", 30000), "master: %s", m.buf);
	srand((unsigned int)getpid());
	int kills = 0;
	for (int k = 0; k < 5; k++) {
		usleep(200000 + (useconds_t)(rand() % 300000));
		proc_expect(&m, "\xff", 1);   /* pull in output so far */
		int w = rand() % 2;
		pid_t pid = worker_pid(m.buf, w);
		int seen = count_deaths(m.buf);
		if (pid <= 0 || kill(pid, SIGKILL) != 0)
			continue;
		kills++;
		/* bounded wait for the master to report this death and restart */
		CHECK_MSG(wait_for(&m, deaths_above, seen, EVENT_MS), "kill %d (pid %d) not reported: %s",
			  kills, (int)pid, m.buf);
	}
	/* each worker's latest life polls, so it gets (and forwards) packets
	 * before the run ends: the master drains every queue at the end */
	CHECK_MSG(wait_for(&m, lives_polling, 0, EVENT_MS), "restarted workers not polling: %s", m.buf);
	CHECK(kill(m.pid, SIGINT) == 0);
	CHECK_MSG(proc_expect(&m, "pool in use 0: exact", 30000), "master: %s", m.buf);
	CHECK(proc_wait(&m, 10000) == 0);
	int deaths = count_deaths(m.buf);
	CHECK_MSG(deaths >= kills && kills > 0, "%d kills, %d deaths seen: %s", kills, deaths, m.buf);
	const char *sum = strstr(m.buf, "injected ");
	uint64_t inj = 0, fwd = 0, rec = 0;
	CHECK(sum && sscanf(sum, "injected %" SCNu64 ", forwarded %" SCNu64 ", reclaimed %" SCNu64,
			    &inj, &fwd, &rec) == 3);
	CHECK_MSG(inj == fwd + rec && fwd > 0, "injected %" PRIu64 " forwarded %" PRIu64
		  " reclaimed %" PRIu64, inj, fwd, rec);
	CHECK(strstr(m.buf, "order kept") != NULL);
	for (int w = 0; w < 2; w++) {
		char key[32];
		unsigned int lives = 0;
		uint64_t last = 0;
		snprintf(key, sizeof(key), "worker %d: queue %d, ", w, w);
		const char *p = strstr(m.buf, key);
		CHECK(p && sscanf(p + strlen(key), "%u life(s), the last forwarded %" SCNu64, &lives, &last) == 2);
		CHECK_MSG(last > 0, "worker %d's last life (of %u) forwarded nothing", w, lives);
	}
	return test_done();
}
