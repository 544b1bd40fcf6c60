/* SPDX-License-Identifier: BSD-3-Clause
 * A robust shared lock (shlock.c) must not strand its waiters when the
 * waiter an unlock woke is killed before it takes the lock.
 *
 * Two processes C1, C2 sleep on the lock the test holds. The test, pinned
 * with them to one CPU and running SCHED_FIFO so C1 cannot run in between:
 * unlocks (the kernel wakes C1, the first waiter), kills C1, takes the lock
 * again by the fast path, reaps C1 (its exit finds the lock held, so the
 * kernel passes the wake-up to nobody), then unlocks: no waiters bit, no
 * wake-up. C2 must still get the lock, in bounded time. Before shlock.c
 * slept in bounded slices C2 slept forever (test_rel_kill's "surviving
 * secondary made no progress").
 *
 * Needs SCHED_FIFO (root or CAP_SYS_NICE), else it is skipped. */
#include <sched.h>
#include <fcntl.h>
#include <sys/mman.h>
#include "rel_test.h"
#include "shlock.h"

struct shared {
	struct eal_shlock lock;
	volatile int ready[2];
	volatile int got[2];
};

static struct shared *map(const char *path, int create)
{
	int fd = open(path, O_RDWR | (create ? O_CREAT | O_TRUNC : 0), 0600);
	if (fd < 0)
		return NULL;
	if (create && ftruncate(fd, sizeof(struct shared)) < 0) {
		close(fd);
		return NULL;
	}
	void *p = mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

static int waiter(const char *path, int idx)
{
	struct shared *s = map(path, 0);
	if (s == NULL)
		return 2;
	s->ready[idx] = 1;
	eal_shlock_lock(&s->lock, NULL, NULL);
	s->got[idx] = 1;
	eal_shlock_unlock(&s->lock);
	return 0;
}

/* pid is asleep (state S) */
static int asleep(pid_t pid)
{
	char path[64], buf[256];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *p = strrchr(buf, ')');
	return p != NULL && p[1] == ' ' && p[2] == 'S';
}

static int wait_asleep(struct shared *s, int idx, pid_t pid)
{
	long end = rel_ms() + 5000;
	while (rel_ms() < end) {
		if (s->ready[idx] && asleep(pid)) {
			usleep(20000);   /* into the futex sleep, past its first checks */
			if (asleep(pid))
				return 1;
		}
		usleep(1000);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "waiter") == 0)
		return waiter(argv[2], atoi(argv[3]));
	rel_watchdog(120);
	snprintf(rel_prefix, sizeof(rel_prefix), "/dev/shm/dplite_relwake_%d", (int)getpid());
	struct shared *s = map(rel_prefix, 1);
	REQUIRE(s != NULL);
	eal_shlock_init(&s->lock);

	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(sched_getcpu() < 0 ? 0 : sched_getcpu(), &one);
	REQUIRE(sched_setaffinity(0, sizeof(one), &one) == 0);   /* children inherit it */
	struct sched_param fifo = { .sched_priority = 1 }, other = { .sched_priority = 0 };
	if (sched_setscheduler(0, SCHED_FIFO, &fifo) != 0) {
		unlink(rel_prefix);
		TEST_SKIP("SCHED_FIFO not permitted: %s", strerror(errno));
	}
	sched_setscheduler(0, SCHED_OTHER, &other);

	int rounds = 10, stranded = 0;
	for (int r = 0; r < rounds; r++) {
		memset((void *)s->ready, 0, sizeof(s->ready));
		memset((void *)s->got, 0, sizeof(s->got));
		eal_shlock_lock(&s->lock, NULL, NULL);
		pid_t c1 = rel_spawn(argv[0], "waiter", "0");
		REQUIRE(c1 > 0);
		REQUIRE(wait_asleep(s, 0, c1));
		pid_t c2 = rel_spawn(argv[0], "waiter", "1");
		REQUIRE(c2 > 0);
		REQUIRE(wait_asleep(s, 1, c2));

		REQUIRE(sched_setscheduler(0, SCHED_FIFO, &fifo) == 0);
		eal_shlock_unlock(&s->lock);             /* wakes C1 ... */
		kill(c1, SIGKILL);                       /* ... which dies before taking it */
		eal_shlock_lock(&s->lock, NULL, NULL);   /* fast path: no waiters bit */
		waitpid(c1, NULL, 0);                    /* C1's exit finds the lock held */
		rel_forget(c1);
		sched_setscheduler(0, SCHED_OTHER, &other);
		eal_shlock_unlock(&s->lock);             /* wakes nobody */

		long end = rel_ms() + 5000;
		while (!s->got[1] && rel_ms() < end)
			usleep(1000);
		if (!s->got[1])
			stranded = rounds;   /* stop at the first: it is deterministic */
		CHECK_MSG(s->got[1], "round %d: the second waiter never got the lock after the "
			  "first, woken, was killed", r);
		rel_kill(c2);
		if (stranded)
			break;
	}
	printf("%d of %d rounds: the second waiter got the lock\n", rounds - stranded, rounds);
	munmap(s, sizeof(*s));
	unlink(rel_prefix);
	return test_done();
}
