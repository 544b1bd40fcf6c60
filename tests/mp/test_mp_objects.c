/* Every object type is found by name from an exec'd secondary and works
 * across processes: memzone, ring, mempool, stack. 1,000,000 objects go
 * primary -> secondary -> primary through two rings, carried in mempool
 * objects; each is seen exactly once and in order, and the pool ends full. */
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_stack.h>
#include <rte_log.h>
#include "test.h"

#define TOTAL 1000000u
#define POOL 4095u
#define BURST 32

struct obj {
	uint32_t seq;
	uint32_t hops;
};

static char prefix[96];

static int secondary(void)
{
	char *argv[8] = { (char *)"sec", prefix, (char *)"--proc-type=secondary", (char *)"--lcores=1@1" };
	int argc = 4;
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		argv[3] = (char *)"--lcores=1@0";
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	if (rte_eal_init(argc, argv) < 0)
		return 2;
	struct rte_ring *a = rte_ring_lookup("mp_a"), *b = rte_ring_lookup("mp_b");
	struct rte_mempool *mp = rte_mempool_lookup("mp_pool");
	struct rte_stack *st = rte_stack_lookup("mp_stack");
	const struct rte_memzone *mz = rte_memzone_lookup("mp_zone");
	if (!a || !b || !mp || !st || !mz)
		return 3;
	/* the stack holds 1..10 pushed by the primary: pop them, push doubled */
	void *v[10];
	if (rte_stack_pop(st, v, 10) != 10)
		return 4;
	for (int i = 0; i < 10; i++)
		v[i] = (void *)((uintptr_t)v[i] * 2);
	if (rte_stack_push(st, v, 10) != 10)
		return 5;
	if (strcmp(mz->addr, "zone text") != 0)
		return 6;
	uint32_t expect = 0, moved = 0;
	void *objs[BURST];
	while (moved < TOTAL) {
		unsigned int n = rte_ring_sc_dequeue_burst(a, objs, BURST, NULL);
		for (unsigned int i = 0; i < n; i++) {
			struct obj *o = objs[i];
			if (o->seq != expect++ || o->hops != 1)
				return 7;
			o->hops = 2;
		}
		unsigned int done = 0;
		while (done < n)
			done += rte_ring_sp_enqueue_burst(b, objs + done, n - done, NULL);
		moved += n;
	}
	rte_eal_cleanup();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3) {
		snprintf(prefix, sizeof(prefix), "%s", argv[2]);
		return secondary();
	}
	snprintf(prefix, sizeof(prefix), "--file-prefix=mpobj_%d", (int)getpid());
	char *pargv[8] = { (char *)"pri", prefix, (char *)"--lcores=0@0" };
	int pargc = 3;
	if (test_no_huge())
		pargv[pargc++] = (char *)"--no-huge";
	REQUIRE(rte_eal_init(pargc, pargv) >= 0);
	struct rte_ring *a = rte_ring_create("mp_a", 1024, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	struct rte_ring *b = rte_ring_create("mp_b", 1024, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	struct rte_mempool *mp = rte_mempool_create("mp_pool", POOL, sizeof(struct obj), 64, 0,
						    NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	struct rte_stack *st = rte_stack_create("mp_stack", 64, SOCKET_ID_ANY, 0);
	const struct rte_memzone *mz = rte_memzone_reserve("mp_zone", 64, SOCKET_ID_ANY, 0);
	REQUIRE(a && b && mp && st && mz);
	strcpy(mz->addr, "zone text");
	void *v[10];
	for (int i = 0; i < 10; i++)
		v[i] = (void *)(uintptr_t)(i + 1);
	REQUIRE(rte_stack_push(st, v, 10) == 10);

	pid_t pid = fork();
	if (pid == 0) {
		execl(argv[0], argv[0], "secondary", prefix, (char *)NULL);
		_exit(127);
	}
	uint8_t *seen = calloc(TOTAL, 1);
	uint32_t sent = 0, back = 0, expect = 0, dup = 0, bad = 0;
	void *objs[BURST];
	while (back < TOTAL) {
		if (sent < TOTAL) {
			unsigned int n = RTE_MIN((unsigned int)BURST, TOTAL - sent);
			if (rte_mempool_get_bulk(mp, objs, n) == 0) {
				for (unsigned int i = 0; i < n; i++) {
					struct obj *o = objs[i];
					o->seq = sent + i;
					o->hops = 1;
				}
				unsigned int done = 0;
				while (done < n)
					done += rte_ring_sp_enqueue_burst(a, objs + done, n - done, NULL);
				sent += n;
			}
		}
		unsigned int n = rte_ring_sc_dequeue_burst(b, objs, BURST, NULL);
		for (unsigned int i = 0; i < n; i++) {
			struct obj *o = objs[i];
			if (o->seq >= TOTAL || o->hops != 2 || o->seq != expect)
				bad++;
			else if (seen[o->seq]++)
				dup++;
			expect = o->seq + 1;
		}
		rte_mempool_put_bulk(mp, objs, n);
		back += n;
		if (n == 0 && sent == TOTAL) {
			int st2;
			if (waitpid(pid, &st2, WNOHANG) == pid) {   /* secondary gone early */
				CHECK_MSG(0, "secondary exited with 0x%x before finishing", st2);
				pid = -1;
				break;
			}
		}
	}
	int status = 0;
	if (pid > 0)
		waitpid(pid, &status, 0);
	CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "secondary status 0x%x", status);
	CHECK(back == TOTAL && dup == 0 && bad == 0);
	uint32_t missing = 0;
	for (uint32_t i = 0; i < TOTAL; i++)
		missing += seen[i] != 1;
	CHECK_MSG(missing == 0, "%u objects missing", missing);
	CHECK(rte_mempool_avail_count(mp) == POOL && rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_stack_pop(st, v, 10) == 10);
	uintptr_t sum = 0;
	for (int i = 0; i < 10; i++)
		sum += (uintptr_t)v[i];
	CHECK(sum == 110);   /* 2 * (1 + ... + 10) */
	free(seen);
	rte_ring_free(a);
	rte_ring_free(b);
	rte_mempool_free(mp);
	rte_stack_free(st);
	rte_memzone_free(mz);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
