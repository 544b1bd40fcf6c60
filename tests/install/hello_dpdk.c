/* A program written against DPDK 22.11's EAL/lcore API, unchanged: the
 * install test builds it with `pkg-config --cflags --libs dplite` only. */
#include <stdio.h>
#include <stdint.h>
#include <errno.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_launch.h>
#include <rte_debug.h>
#include <rte_log.h>
#include <rte_per_lcore.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_version.h>

static RTE_DEFINE_PER_LCORE(unsigned int, hits);

static int lcore_hello(__rte_unused void *arg)
{
	RTE_PER_LCORE(hits)++;
	printf("hello from core %u\n", rte_lcore_id());
	return (int)rte_lcore_id();
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_panic("Cannot init EAL: %s\n", rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	unsigned int lcore_id;
	RTE_LCORE_FOREACH_WORKER(lcore_id)
		rte_eal_remote_launch(lcore_hello, NULL, lcore_id);
	lcore_hello(NULL);
	int bad = 0;
	RTE_LCORE_FOREACH_WORKER(lcore_id)
		if (rte_eal_wait_lcore(lcore_id) != (int)lcore_id)
			bad++;
	printf("%s: %u lcores, tsc %lu Hz, app args %d\n", rte_version(), rte_lcore_count(),
	       (unsigned long)rte_get_tsc_hz(), argc - 1);
	rte_eal_cleanup();
	return bad;
}
