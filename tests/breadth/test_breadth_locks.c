/* Ticket, MCS, phase-fair and sequence locks keep a two-word invariant
 * under contention from more threads than CPUs (each lock guards a pair of
 * counters that must stay equal; the seqlock reader must never see them
 * differ). Also trylock/is_locked answers and the recursive ticket lock. */
#include <pthread.h>
#include <rte_ticketlock.h>
#include <rte_mcslock.h>
#include <rte_pflock.h>
#include <rte_seqlock.h>
#include "test.h"

#define THREADS 6
#define ITERS 20000

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
	for (int i = 0; i < ITERS; i++) {
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
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	CHECK(a[0] == (uint64_t)THREADS * ITERS && b[0] == a[0]);
	CHECK(a[1] == (uint64_t)THREADS * ITERS && b[1] == a[1]);
	CHECK(a[2] == (uint64_t)(THREADS / 2) * ITERS && b[2] == a[2]);
	CHECK(a[3] == ITERS && b[3] == a[3]);
	CHECK_MSG(torn == 0, "%d torn reads", torn);
	return test_done();
}
