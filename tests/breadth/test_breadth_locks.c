/* Ticket, MCS, phase-fair and sequence locks keep a two-word invariant
 * under contention from more threads than CPUs (each lock guards a pair of
 * counters that must stay equal; the seqlock reader must never see them
 * differ). Also trylock/is_locked answers and the recursive ticket lock.
 * Fair (FIFO) spinlocks hand over to one chosen waiter: with more threads
 * than CPUs on a busy machine each hand-over can wait for that waiter's
 * next time slice, and 20000 rounds took minutes under load. So each worker
 * runs ITERS rounds or until STRESS_S seconds have passed, counts what it
 * did, and the invariants are checked against those counts. */
#include <inttypes.h>
#include <pthread.h>
#include <unistd.h>
#include <rte_ticketlock.h>
#include <rte_mcslock.h>
#include <rte_pflock.h>
#include <rte_seqlock.h>
#include "test.h"

#define THREADS 6
#define ITERS 20000
#define STRESS_S 20

static int stop;                      /* main -> workers: stop at a round's end */
static int finished;                  /* workers done, main polls it */
static int rounds[THREADS];           /* each worker's own; read after join */

static rte_ticketlock_t tl = RTE_TICKETLOCK_INITIALIZER;
static rte_mcslock_t *mcs;
static rte_pflock_t pf = RTE_PFLOCK_INITIALIZER;
static rte_seqlock_t sl = RTE_SEQLOCK_INITIALIZER;
static volatile uint64_t a[4], b[4];
static int torn;

static void *worker(void *arg)
{
	long id = (long)arg;
	rte_mcslock_t me;
	int i;
	/* relaxed: stop only ends the loop, it publishes nothing */
	for (i = 0; i < ITERS && !__atomic_load_n(&stop, __ATOMIC_RELAXED); i++) {
		rte_ticketlock_lock(&tl);
		a[0]++; b[0]++;
		rte_ticketlock_unlock(&tl);

		rte_mcslock_lock(&mcs, &me);
		a[1]++; b[1]++;
		rte_mcslock_unlock(&mcs, &me);

		if (id & 1) {
			rte_pflock_write_lock(&pf);
			a[2]++; b[2]++;
			rte_pflock_write_unlock(&pf);
		} else {
			rte_pflock_read_lock(&pf);
			if (a[2] != b[2])
				__atomic_fetch_add(&torn, 1, __ATOMIC_RELAXED);
			rte_pflock_read_unlock(&pf);
		}

		if (id == 0) {
			rte_seqlock_write_lock(&sl);
			__atomic_store_n(&a[3], a[3] + 1, __ATOMIC_RELAXED);
			__atomic_store_n(&b[3], b[3] + 1, __ATOMIC_RELAXED);
			rte_seqlock_write_unlock(&sl);
		} else {
			uint64_t x, y;
			uint32_t sn;
			do {
				sn = rte_seqlock_read_begin(&sl);
				x = __atomic_load_n(&a[3], __ATOMIC_RELAXED);
				y = __atomic_load_n(&b[3], __ATOMIC_RELAXED);
			} while (rte_seqlock_read_retry(&sl, sn));
			if (x != y)
				__atomic_fetch_add(&torn, 1, __ATOMIC_RELAXED);
		}
	}
	rounds[id] = i;                       /* pthread_join orders it for main */
	__atomic_fetch_add(&finished, 1, __ATOMIC_RELAXED);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	rte_mcslock_t me;

	/* single-threaded answers */
	CHECK(rte_ticketlock_trylock(&tl) == 1);
	CHECK(rte_ticketlock_is_locked(&tl));
	CHECK(rte_ticketlock_trylock(&tl) == 0);
	rte_ticketlock_unlock(&tl);
	CHECK(!rte_ticketlock_is_locked(&tl));
	CHECK(rte_mcslock_trylock(&mcs, &me) == 1);
	CHECK(rte_mcslock_is_locked(mcs));
	rte_mcslock_t other;
	CHECK(rte_mcslock_trylock(&mcs, &other) == 0);
	rte_mcslock_unlock(&mcs, &me);
	CHECK(!rte_mcslock_is_locked(mcs));
	rte_ticketlock_recursive_t rl = RTE_TICKETLOCK_RECURSIVE_INITIALIZER;
	rte_ticketlock_recursive_lock(&rl);
	CHECK(rte_ticketlock_recursive_trylock(&rl) == 1);   /* same owner */
	rte_ticketlock_recursive_unlock(&rl);
	CHECK(rte_ticketlock_is_locked(&rl.tl));
	rte_ticketlock_recursive_unlock(&rl);
	CHECK(!rte_ticketlock_is_locked(&rl.tl));

	for (long i = 0; i < THREADS; i++)
		REQUIRE(pthread_create(&t[i], NULL, worker, (void *)i) == 0);
	for (int ms = 0; ms < STRESS_S * 1000 && __atomic_load_n(&finished, __ATOMIC_RELAXED) < THREADS;
	     ms += 10)
		usleep(10000);
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	uint64_t all = 0, writers = 0;
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		all += (uint64_t)rounds[i];
		writers += (i & 1) ? (uint64_t)rounds[i] : 0;
	}
	printf("%" PRIu64 " of %d rounds in %d threads\n", all, THREADS * ITERS, THREADS);
	CHECK(all > 0);
	CHECK(a[0] == all && b[0] == a[0]);
	CHECK(a[1] == all && b[1] == a[1]);
	CHECK(a[2] == writers && b[2] == a[2]);
	CHECK(a[3] == (uint64_t)rounds[0] && b[3] == a[3]);
	CHECK_MSG(torn == 0, "%d torn reads", torn);
	return test_done();
}
