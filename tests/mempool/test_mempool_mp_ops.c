/* Ops are resolved by NAME across processes. The primary registers two user
 * ops ("ord_a", then "ord_b") and builds pools on both; an exec'd secondary
 * registers them in the opposite order (plus an extra one first), so its
 * local registration indices differ. It must still find each pool's ops by
 * name, move objects through both pools (with its own lcore cache), and the
 * primary must find the pools exactly full afterwards. */
#include <sys/wait.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_stack.h>
#include "test.h"

/* A user backend whose state lives in shared memory (an rte_stack). Each
 * ops struct below uses it under a different name. */
static int t_alloc(struct rte_mempool *mp)
{
	char name[RTE_STACK_NAMESIZE];
	snprintf(name, sizeof(name), "T_%s", mp->name);
	mp->pool_data = rte_stack_create(name, mp->size, mp->socket_id, 0);
	return mp->pool_data ? 0 : -rte_errno;
}
static void t_free(struct rte_mempool *mp) { rte_stack_free(mp->pool_data); }
static int t_enq(struct rte_mempool *mp, void * const *t, unsigned n)
{
	return rte_stack_push(mp->pool_data, t, n) == n ? 0 : -ENOBUFS;
}
static int t_deq(struct rte_mempool *mp, void **t, unsigned n)
{
	return rte_stack_pop(mp->pool_data, t, n) == n ? 0 : -ENOENT;
}
static unsigned t_cnt(const struct rte_mempool *mp) { return rte_stack_count(mp->pool_data); }

static struct rte_mempool_ops ord_a = { .name = "ord_a", .alloc = t_alloc, .free = t_free,
	.enqueue = t_enq, .dequeue = t_deq, .get_count = t_cnt };
static struct rte_mempool_ops ord_b = { .name = "ord_b", .alloc = t_alloc, .free = t_free,
	.enqueue = t_enq, .dequeue = t_deq, .get_count = t_cnt };
static struct rte_mempool_ops ord_x = { .name = "ord_x", .alloc = t_alloc, .free = t_free,
	.enqueue = t_enq, .dequeue = t_deq, .get_count = t_cnt };

static char prefix[96];

static int use_pool(const char *name, const char *ops)
{
	struct rte_mempool *mp = rte_mempool_lookup(name);
	void *o[40];

	if (mp == NULL)
		return 10;
	if (strcmp(rte_mempool_get_ops(mp->ops_index)->name, ops) != 0)
		return 11;
	if (rte_mempool_avail_count(mp) != 100)
		return 12;
	for (int r = 0; r < 1000; r++) {
		if (rte_mempool_get_bulk(mp, o, 40) != 0)
			return 13;
		for (int i = 0; i < 40; i++)
			if (rte_mempool_from_obj(o[i]) != mp)
				return 14;
		rte_mempool_put_bulk(mp, o, 40);
	}
	rte_mempool_cache_flush(NULL, mp);
	return rte_mempool_avail_count(mp) == 100 ? 0 : 15;
}

static int secondary(void)
{
	char *argv[8] = { (char *)"sec", prefix, (char *)"--proc-type=secondary",
			  (char *)"--lcores=1@0" };
	int argc = 4;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	/* Different local order than the primary. */
	if (rte_mempool_register_ops(&ord_x) < 0 || rte_mempool_register_ops(&ord_b) < 0 ||
	    rte_mempool_register_ops(&ord_a) < 0)
		return 2;
	if (rte_eal_init(argc, argv) < 0)
		return 3;
	int r = use_pool("ord_pool_b", "ord_b");
	if (r == 0)
		r = use_pool("ord_pool_a", "ord_a");
	rte_eal_cleanup();
	return r;
}

int main(int argc, char **argv)
{
	if (argc == 3) {
		snprintf(prefix, sizeof(prefix), "%s", argv[2]);
		return secondary();
	}
	snprintf(prefix, sizeof(prefix), "--file-prefix=mpops_%d", (int)getpid());
	char *pargv[8] = { (char *)"pri", prefix, (char *)"-l", (char *)"0" };
	int pargc = 4;
	if (test_no_huge())
		pargv[pargc++] = (char *)"--no-huge";
	REQUIRE(rte_mempool_register_ops(&ord_a) >= 0);
	REQUIRE(rte_mempool_register_ops(&ord_b) >= 0);
	REQUIRE(rte_eal_init(pargc, pargv) >= 0);

	struct rte_mempool *pa = rte_mempool_create_empty("ord_pool_a", 100, 32, 16, 0,
							  SOCKET_ID_ANY, 0);
	struct rte_mempool *pb = rte_mempool_create_empty("ord_pool_b", 100, 32, 16, 0,
							  SOCKET_ID_ANY, 0);
	REQUIRE(pa && pb);
	REQUIRE(rte_mempool_set_ops_byname(pa, "ord_a", NULL) == 0);
	REQUIRE(rte_mempool_set_ops_byname(pb, "ord_b", NULL) == 0);
	REQUIRE(rte_mempool_populate_default(pa) == 100);
	REQUIRE(rte_mempool_populate_default(pb) == 100);
	CHECK(pa->ops_index != pb->ops_index);

	pid_t pid = fork();
	if (pid == 0) {
		execl(argv[0], argv[0], "secondary", prefix, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
		rte_mempool_free(pa);
		rte_mempool_free(pb);
		rte_eal_cleanup();
		TEST_SKIP("secondary could not attach");
	}
	CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "secondary status 0x%x", status);
	CHECK(rte_mempool_avail_count(pa) == 100 && rte_mempool_avail_count(pb) == 100);
	/* and the primary still works with its own slots */
	void *o[100];
	CHECK(rte_mempool_get_bulk(pb, o, 100) == 0);
	rte_mempool_put_bulk(pb, o, 100);
	CHECK(rte_mempool_avail_count(pb) == 100);
	rte_mempool_free(pa);
	rte_mempool_free(pb);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
