/* Concurrency: more threads than cores (EAL lcores plus registered pthreads)
 * move a fixed set of distinct tokens between a stack and private buffers.
 * Each token carries an "out" flag: taking one that is already out means it
 * was handed out twice. At the end every token is back, exactly once.
 * argv: threads iterations */
#include <rte_stack.h>
#include <rte_lcore.h>
#include "test.h"
#include "hammer.h"

#define NTOK 1024
static struct rte_stack *stk;
static uint8_t out_flag[NTOK];
static int iters;
static int dup_seen, lost_seen;

static void work(unsigned int seed)
{
	void *held[32];

	for (int it = 0; it < iters; it++) {
		if ((it & 63) == 0 && hammer_past_deadline())
			break;
		unsigned int n = 1 + rand_r(&seed) % 32, i;
		if (rte_stack_pop(stk, held, n) != n)
			continue;
		for (i = 0; i < n; i++) {
			uintptr_t t = (uintptr_t)held[i] - 1;
			if (t >= NTOK || __atomic_exchange_n(&out_flag[t], 1, __ATOMIC_RELAXED))
				__atomic_fetch_add(&dup_seen, 1, __ATOMIC_RELAXED);
		}
		for (i = 0; i < n; i++)
			__atomic_store_n(&out_flag[(uintptr_t)held[i] - 1], 0, __ATOMIC_RELAXED);
		if (rte_stack_push(stk, held, n) != n)
			__atomic_fetch_add(&lost_seen, 1, __ATOMIC_RELAXED);
	}
}

static void run(uint32_t flags, int nthreads)
{
	void *all[NTOK];

	stk = rte_stack_create(flags ? "stress_lf" : "stress_std", NTOK, SOCKET_ID_ANY, flags);
	REQUIRE(stk != NULL);
	for (uintptr_t i = 0; i < NTOK; i++)
		all[i] = (void *)(i + 1);
	REQUIRE(rte_stack_push(stk, all, NTOK) == NTOK);
	dup_seen = lost_seen = 0;
	/* a preempted lock holder with more threads than cores spinning behind
	 * it makes the standard stack crawl: 2 s budget */
	CHECK(hammer_run(work, nthreads, 0, 2) == 0);
	CHECK_MSG(dup_seen == 0, "%d duplicates (flags %x)", dup_seen, flags);
	CHECK_MSG(lost_seen == 0, "%d lost (flags %x)", lost_seen, flags);
	CHECK(rte_stack_count(stk) == NTOK);
	memset(all, 0, sizeof(all));
	CHECK(rte_stack_pop(stk, all, NTOK) == NTOK);
	static uint8_t seen[NTOK];
	memset(seen, 0, sizeof(seen));
	for (int i = 0; i < NTOK; i++) {
		uintptr_t t = (uintptr_t)all[i] - 1;
		CHECK(t < NTOK && !seen[t]);
		if (t < NTOK)
			seen[t] = 1;
	}
	CHECK(rte_stack_count(stk) == 0);
	rte_stack_free(stk);
}

int main(int argc, char **argv)
{
	int nthreads = argc > 1 ? atoi(argv[1]) : 6;
	iters = argc > 2 ? atoi(argv[2]) : 200000;
	static const char *const extra[] = { "-l", "0-1", NULL };
	test_eal_init("stack_stress", extra);
	run(0, nthreads);
	run(RTE_STACK_F_LF, nthreads);
	rte_eal_cleanup();
	return test_done();
}
