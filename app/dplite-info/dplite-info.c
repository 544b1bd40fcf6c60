/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-info: print what the EAL sees — version, lcores, sockets, memory
 * layout, memzones, heap statistics, rings and mempools. Run it as a
 * secondary (--proc-type=secondary --file-prefix=P) to inspect a running
 * primary, like DPDK's dpdk-proc-info. Written against the DPDK 22.11 API. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_debug.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_version.h>

static void section(const char *name)
{
	printf("\n== %s ==\n", name);
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(1, "cannot init EAL: %s\n", rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	bool all = argc < 2;
	const char *what = all ? "" : argv[1];

	printf("%s\n", rte_version());
	printf("process: %s, runtime dir %s\n",
	       rte_eal_process_type() == RTE_PROC_PRIMARY ? "primary" : "secondary",
	       rte_eal_get_runtime_dir());
	printf("hugepages: %s, IOVA mode: %s, physmem mapped: %llu bytes\n",
	       rte_eal_has_hugepages() ? "yes" : "no",
	       rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA",
	       (unsigned long long)rte_eal_get_physmem_size());
	if (all || strcmp(what, "lcores") == 0) {
		section("lcores");
		printf("%u lcore(s), main %u, %u socket(s)\n", rte_lcore_count(), rte_get_main_lcore(),
		       rte_socket_count());
		rte_lcore_dump(stdout);
	}
	if (all || strcmp(what, "memory") == 0) {
		section("memory layout");
		rte_dump_physmem_layout(stdout);
	}
	if (all || strcmp(what, "memzones") == 0) {
		section("memzones");
		rte_memzone_dump(stdout);
	}
	if (all || strcmp(what, "heap") == 0) {
		section("malloc heap");
		rte_malloc_dump_stats(stdout, NULL);
	}
	if (all || strcmp(what, "rings") == 0) {
		section("rings");
		rte_ring_list_dump(stdout);
	}
	if (all || strcmp(what, "mempools") == 0) {
		section("mempools");
		rte_mempool_list_dump(stdout);
	}
	rte_eal_cleanup();
	return 0;
}
