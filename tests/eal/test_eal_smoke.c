/* EAL comes up with default lcores, launches on every worker, cleans up. */
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_launch.h>
#include "test.h"

static int ret_id(void *arg)
{
	(void)arg;
	return (int)rte_lcore_id() + 100;
}

int main(void)
{
	test_eal_init("smoke", NULL);
	CHECK(rte_lcore_count() >= 1);
	CHECK(rte_lcore_id() == rte_get_main_lcore());
	unsigned int id;
	RTE_LCORE_FOREACH_WORKER(id)
		CHECK(rte_eal_remote_launch(ret_id, NULL, id) == 0);
	RTE_LCORE_FOREACH_WORKER(id)
		CHECK(rte_eal_wait_lcore(id) == (int)id + 100);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
