/* DPDK's EAL opens <runtime>/config before any other file, so a program
 * with only stdio open has it as fd 3, and DPDK's own test helpers
 * (app/test/process.h get_current_prefix: basename(dirname(readlink of
 * /proc/self/fd/3))) learn the running prefix that way; eal_flags and the
 * multi-process unit tests start their children with it. dplite's primary
 * must give the same answer: the config file is the lowest fd free before
 * init (3 when only stdio is open; a test runner may hold more). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_eal.h>
#include "test.h"

int main(void)
{
	int low = dup(0);   /* the lowest free fd */
	REQUIRE(low >= 0);
	close(low);
	test_eal_init("config_fd", NULL);
	REQUIRE(rte_eal_process_type() == RTE_PROC_PRIMARY);
	char buf[PATH_MAX] = { 0 }, want[PATH_MAX + 16];
	char link[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", low);
	ssize_t n = readlink(link, buf, sizeof(buf) - 1);
	REQUIRE(n > 0);
	char real[PATH_MAX];
	REQUIRE(realpath(rte_eal_get_runtime_dir(), real) != NULL);   /* /var/run is often /run */
	snprintf(want, sizeof(want), "%s/config", real);
	CHECK_MSG(strcmp(buf, want) == 0, "fd %d is %s, DPDK's helpers expect %s", low, buf, want);
	/* what get_current_prefix computes from it */
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof(tmp), "%s", buf);
	const char *pfx = basename(dirname(tmp));
	const char *rd = strrchr(rte_eal_get_runtime_dir(), '/');
	CHECK_MSG(rd && strcmp(pfx, rd + 1) == 0, "prefix from that fd: %s, running prefix: %s", pfx,
		  rd ? rd + 1 : "?");
	rte_eal_cleanup();
	return test_done();
}
