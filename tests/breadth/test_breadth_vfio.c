/* The last issue-17 headers: rte_vfio.h gives DPDK's "built without VFIO"
 * answers (0 for the enabled questions, -1/ENOTSUP for every action, before
 * and after EAL init); rte_pci_dev_features.h names the interrupt modes;
 * rte_eal.h reports no interrupt mode and a zero VF token; rte_eal_trace.h's
 * points compile, cost nothing, and are registered under DPDK's names. */
#include <errno.h>
#include <string.h>
#include <rte_eal.h>
#include <rte_eal_trace.h>
#include <rte_errno.h>
#include <rte_pci_dev_features.h>
#include <rte_trace.h>
#include <rte_vfio.h>
#include "test.h"

static void dummy_alarm(void *arg) { (void)arg; }

/* each action must fail with ENOTSUP and set rte_errno */
#define NO_VFIO(call) do { rte_errno = 0; CHECK_MSG((call) == -1 && rte_errno == ENOTSUP, "%s", #call); } while (0)

static void check_vfio(void)
{
	int fd = 7, group = 3;
	NO_VFIO(rte_vfio_setup_device("/sys/bus/pci/devices", "0000:00:01.0", &fd, NULL));
	CHECK(fd == 7);   /* untouched */
	NO_VFIO(rte_vfio_release_device("/sys/bus/pci/devices", "0000:00:01.0", fd));
	NO_VFIO(rte_vfio_enable("vfio"));
	CHECK(rte_vfio_is_enabled("vfio") == 0);
	CHECK(rte_vfio_is_enabled("vfio_pci") == 0);
	CHECK(rte_vfio_noiommu_is_enabled() == 0);
	NO_VFIO(rte_vfio_clear_group(5));
	NO_VFIO(rte_vfio_get_group_num("/sys/bus/pci/devices", "0000:00:01.0", &group));
	CHECK(group == 3);
	NO_VFIO(rte_vfio_get_group_fd(group));
	NO_VFIO(rte_vfio_get_container_fd());
	NO_VFIO(rte_vfio_container_create());
	NO_VFIO(rte_vfio_container_destroy(RTE_VFIO_DEFAULT_CONTAINER_FD));
	NO_VFIO(rte_vfio_container_group_bind(RTE_VFIO_DEFAULT_CONTAINER_FD, group));
	NO_VFIO(rte_vfio_container_group_unbind(RTE_VFIO_DEFAULT_CONTAINER_FD, group));
	NO_VFIO(rte_vfio_container_dma_map(RTE_VFIO_DEFAULT_CONTAINER_FD, 0x1000, 0x1000, 4096));
	NO_VFIO(rte_vfio_container_dma_unmap(RTE_VFIO_DEFAULT_CONTAINER_FD, 0x1000, 0x1000, 4096));
}

int main(int argc, char **argv)
{
	(void)argc;
	/* DPDK 22.11's values and spellings */
	CHECK(RTE_INTR_MODE_NONE == 0 && RTE_INTR_MODE_LEGACY == 1 && RTE_INTR_MODE_MSI == 2 &&
	      RTE_INTR_MODE_MSIX == 3);
	CHECK(strcmp(RTE_INTR_MODE_MSIX_NAME, "msix") == 0 && strcmp(RTE_INTR_MODE_NONE_NAME, "none") == 0 &&
	      strcmp(RTE_INTR_MODE_LEGACY_NAME, "legacy") == 0 && strcmp(RTE_INTR_MODE_MSI_NAME, "msi") == 0);
	CHECK(RTE_VFIO_DEFAULT_CONTAINER_FD == -1);

	check_vfio();   /* before init: the stubs need no EAL */

	/* trace points: callable, no effect, registered under DPDK's names */
	rte_eal_trace_generic_void();
	rte_eal_trace_generic_u64(1); rte_eal_trace_generic_i8(-1); rte_eal_trace_generic_float(1.5f);
	rte_eal_trace_generic_double(2.5); rte_eal_trace_generic_str("x"); rte_eal_trace_generic_ptr(argv);
	rte_eal_trace_generic_size_t(3); rte_eal_trace_generic_long(-4L);
	RTE_EAL_TRACE_GENERIC_FUNC;
	rte_eal_trace_alarm_set(10, dummy_alarm, NULL, 0);
	rte_eal_trace_mem_malloc("t", 64, 64, 0, argv);
	rte_eal_trace_memzone_free("mz", argv, 0);
	rte_eal_trace_intr_enable(NULL, 0);   /* the handle is not read */
	rte_eal_trace_thread_lcore_ready(0, "0");
	rte_trace_point_t *v = rte_trace_point_lookup("lib.eal.generic.void");
	CHECK(v == &__rte_eal_trace_generic_void);
	CHECK(rte_trace_point_lookup("lib.eal.generic.string") == &__rte_eal_trace_generic_str);
	CHECK(rte_trace_point_lookup("lib.eal.memzone.reserve") == &__rte_eal_trace_memzone_reserve);
	CHECK(rte_trace_point_lookup("lib.eal.thread.remote.launch") == &__rte_eal_trace_thread_remote_launch);
	CHECK(rte_trace_point_lookup("lib.eal.intr.register") == &__rte_eal_trace_intr_callback_register);
	CHECK(rte_trace_pattern("lib.eal.generic.*", true) == 17);
	CHECK(rte_trace_point_is_enabled(v));
	CHECK(rte_trace_pattern("lib.eal.*", false) == 32);
	CHECK(!rte_trace_point_is_enabled(v));

	test_eal_init("breadth_vfio", NULL);
	CHECK(rte_eal_vfio_intr_mode() == RTE_INTR_MODE_NONE);
	rte_uuid_t tok;
	memset(tok, 0xab, sizeof(tok));
	rte_eal_vfio_get_vf_token(tok);
	CHECK(rte_uuid_is_null(tok));
	check_vfio();
	rte_eal_cleanup();
	return test_done();
}
