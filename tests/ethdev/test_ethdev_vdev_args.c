/* SPDX-License-Identifier: BSD-3-Clause
 * --vdev on the command line: an unknown driver or a bad argument fails
 * rte_eal_init with a log line naming it (and leaves nothing behind: a
 * good init follows); rte_vdev_init/rte_vdev_uninit at run time; the
 * devargs list (rte_devargs_type_count, RTE_EAL_DEVARGS_FOREACH). */
#include <fcntl.h>
#include <rte_bus.h>
#include <rte_bus_vdev.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include "eth_test.h"

/* rte_eal_init with one extra argument; returns its result, and the log
 * text in out. */
static int try_init(const char *arg, char *out, size_t outlen)
{
	const char *extra[] = { arg, NULL };
	char *argv[64];
	char path[] = "/tmp/dplite_vdev_log_XXXXXX";
	int fd = mkstemp(path);
	REQUIRE(fd >= 0);
	unlink(path);
	FILE *f = fdopen(fd, "w+");
	REQUIRE(f != NULL);
	rte_openlog_stream(f);
	int argc = test_eal_argv(argv, 64, "eth_vdev_args", extra);
	int ret = rte_eal_init(argc, argv);
	fflush(f);
	rte_openlog_stream(NULL);
	size_t n = (size_t)pread(fd, out, outlen - 1, 0);
	out[n < outlen ? n : 0] = '\0';
	fclose(f);
	return ret;
}

int main(void)
{
	static char log[16384];

	CHECK(try_init("--vdev=net_bogus0", log, sizeof(log)) < 0);
	CHECK_MSG(strstr(log, "net_bogus0") != NULL, "log: %s", log);
	CHECK(try_init("--vdev=net_null0,size=abc", log, sizeof(log)) < 0);
	CHECK_MSG(strstr(log, "size=abc") != NULL, "log: %s", log);
	CHECK(try_init("--vdev=net_null0,colour=blue", log, sizeof(log)) < 0);
	CHECK_MSG(strstr(log, "colour=blue") != NULL, "log: %s", log);
	CHECK(try_init("--vdev=net_ring0,nodeaction=x:0:EXPLODE", log, sizeof(log)) < 0);
	CHECK_MSG(strstr(log, "EXPLODE") != NULL, "log: %s", log);
	CHECK(try_init("--vdev=pci:net_null0", log, sizeof(log)) < 0);

	/* a good one still works after the failures */
	CHECK(try_init("--vdev=net_null5,size=100", log, sizeof(log)) >= 0);
	CHECK(rte_eth_dev_count_avail() == 1);
	CHECK(rte_devargs_type_count(RTE_DEVTYPE_VIRTUAL) == 1);
	struct rte_devargs *da;
	int seen = 0;
	RTE_EAL_DEVARGS_FOREACH("vdev", da) {
		CHECK(strcmp(da->name, "net_null5") == 0 && strcmp(da->args, "size=100") == 0);
		seen++;
	}
	CHECK(seen == 1);

	/* run time */
	CHECK(rte_vdev_init("net_ring_rt", NULL) == 0);
	CHECK(rte_eth_dev_count_avail() == 2);
	CHECK(rte_vdev_init("net_ring_rt", NULL) == -EEXIST);
	CHECK(rte_vdev_init("no_such_driver", NULL) == -EINVAL);
	CHECK(rte_vdev_init(NULL, NULL) == -EINVAL);
	CHECK(rte_vdev_init("net_null9", "size=0") == -EINVAL);
	CHECK(rte_vdev_uninit("net_ring_rt") == 0);
	CHECK(rte_vdev_uninit("net_ring_rt") == -ENOENT);
	CHECK(rte_vdev_uninit(NULL) == -EINVAL);
	CHECK(rte_eth_dev_count_avail() == 1);
	uint16_t p;
	CHECK(rte_eth_dev_get_port_by_name("net_ring_rt", &p) == -ENODEV);

	/* hotplug as DPDK's hotplug_mp example does it: parse, then add by the
	 * bus the devargs names */
	struct rte_devargs hda;
	CHECK(rte_devargs_parsef(&hda, "%s", "net_null_hp,size=64") == 0);
	CHECK(hda.bus != NULL);
	CHECK(hda.bus != NULL && strcmp(rte_bus_name(hda.bus), "vdev") == 0);
	CHECK(rte_eal_hotplug_add(rte_bus_name(hda.bus), hda.name, hda.args) == 0);
	CHECK(rte_eth_dev_get_port_by_name("net_null_hp", &p) == 0);
	CHECK(rte_eal_hotplug_remove(rte_bus_name(hda.bus), hda.name) == 0);
	CHECK(rte_eth_dev_get_port_by_name("net_null_hp", &p) == -ENODEV);
	rte_devargs_reset(&hda);

	CHECK(rte_eal_cleanup() == 0);
	CHECK(rte_devargs_type_count(RTE_DEVTYPE_VIRTUAL) == 0);
	return test_done();
}
