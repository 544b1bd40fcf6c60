/* Service cores as DPDK's service_cores example uses them, with -s making
 * lcore 1 a service lcore at init: register, run states, mapping, start and
 * stop (-EBUSY for the last lcore of a running service), statistics,
 * run_iter_on_app_lcore, MT-unsafe services serialised across two service
 * lcores, lcore add/del, start_with_defaults, bad ids. Runs on 3 lcores
 * mapped onto whatever CPUs exist. */
#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_service.h>
#include <rte_service_component.h>
#include "test.h"

static uint64_t runs[2];
static int inside, overlap;

static int32_t svc(void *arg)
{
	uintptr_t i = (uintptr_t)arg;
	if (__atomic_fetch_add(&inside, 1, __ATOMIC_ACQ_REL) != 0 && i == 1)
		__atomic_fetch_add(&overlap, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&runs[i], 1, __ATOMIC_RELAXED);
	__atomic_fetch_sub(&inside, 1, __ATOMIC_ACQ_REL);
	return 0;
}

static uint64_t wait_runs(int i, uint64_t above)
{
	for (int k = 0; k < 5000; k++) {
		uint64_t v = __atomic_load_n(&runs[i], __ATOMIC_RELAXED);
		if (v > above)
			return v;
		rte_delay_us_sleep(1000);
	}
	return __atomic_load_n(&runs[i], __ATOMIC_RELAXED);
}

int main(void)
{
	const char *extra[] = { "--lcores=(0-2)@(0-1)", "-s", "0x2", NULL };
	test_eal_init("brsvc", extra);

	CHECK(rte_service_lcore_count() == 1);
	CHECK(rte_eal_lcore_role(1) == ROLE_SERVICE && rte_eal_lcore_role(2) == ROLE_RTE);
	uint32_t list[RTE_MAX_LCORE];
	CHECK(rte_service_lcore_list(list, RTE_MAX_LCORE) == 1 && list[0] == 1);
	CHECK(rte_service_lcore_list(list, 0) == -ENOMEM);

	struct rte_service_spec spec;
	memset(&spec, 0, sizeof(spec));
	CHECK(rte_service_component_register(&spec, NULL) == -EINVAL);   /* no name, no callback */
	snprintf(spec.name, sizeof(spec.name), "svc_mt_safe");
	spec.callback = svc;
	spec.callback_userdata = (void *)0;
	spec.capabilities = RTE_SERVICE_CAP_MT_SAFE;
	uint32_t id0, id1, id;
	REQUIRE(rte_service_component_register(&spec, &id0) == 0);
	snprintf(spec.name, sizeof(spec.name), "svc_unsafe");
	spec.callback_userdata = (void *)1;
	spec.capabilities = 0;
	REQUIRE(rte_service_component_register(&spec, &id1) == 0);
	CHECK(rte_service_get_count() == 2);
	CHECK(rte_service_get_by_name("svc_unsafe", &id) == 0 && id == id1);
	CHECK(rte_service_get_by_name("nope", &id) == -ENODEV);
	CHECK(strcmp(rte_service_get_name(id0), "svc_mt_safe") == 0);
	CHECK(rte_service_get_name(99) == NULL);
	CHECK(rte_service_probe_capability(id0, RTE_SERVICE_CAP_MT_SAFE) == 1);
	CHECK(rte_service_probe_capability(id1, RTE_SERVICE_CAP_MT_SAFE) == 0);

	/* not running until both run states are on and it is mapped */
	CHECK(rte_service_runstate_get(id0) == 0);
	CHECK(rte_service_component_runstate_set(id0, 1) == 0);
	CHECK(rte_service_runstate_set(id0, 1) == 0);
	CHECK(rte_service_runstate_get(id0) == 0);   /* mapped check */
	CHECK(rte_service_set_runstate_mapped_check(id0, 0) == 0);
	CHECK(rte_service_runstate_get(id0) == 1);
	CHECK(rte_service_set_runstate_mapped_check(id0, 1) == 0);

	/* the main lcore may run one iteration itself */
	CHECK(rte_service_run_iter_on_app_lcore(id0, 1) == 0 && runs[0] == 1);
	CHECK(rte_service_run_iter_on_app_lcore(id1, 1) == -ENOEXEC);   /* not running */
	CHECK(rte_service_run_iter_on_app_lcore(77, 1) == -EINVAL);

	/* map and start */
	CHECK(rte_service_map_lcore_set(id0, 2, 1) == -EINVAL);   /* not a service lcore */
	CHECK(rte_service_map_lcore_set(id0, 1, 1) == 0);
	CHECK(rte_service_map_lcore_get(id0, 1) == 1 && rte_service_map_lcore_get(id1, 1) == 0);
	CHECK(rte_service_lcore_count_services(1) == 1);
	CHECK(rte_service_runstate_get(id0) == 1);
	CHECK(rte_service_set_stats_enable(id0, 1) == 0);
	CHECK(rte_service_lcore_start(1) == 0);
	CHECK(rte_service_lcore_start(1) == -EALREADY);
	CHECK(rte_service_lcore_start(2) == -EINVAL);
	CHECK(wait_runs(0, 100) > 100);
	CHECK(rte_service_may_be_active(id0) == 1);
	CHECK(rte_service_lcore_may_be_active(1) == 1);
	uint64_t calls = 0, loops = 0;
	CHECK(rte_service_attr_get(id0, RTE_SERVICE_ATTR_CALL_COUNT, &calls) == 0 && calls > 0);
	CHECK(rte_service_attr_get(id0, 99, &calls) == -EINVAL);
	CHECK(rte_service_lcore_attr_get(1, RTE_SERVICE_LCORE_ATTR_LOOPS, &loops) == 0 && loops > 0);
	CHECK(rte_service_lcore_attr_get(2, RTE_SERVICE_LCORE_ATTR_LOOPS, &loops) == -ENOTSUP);
	CHECK(rte_service_attr_reset_all(id0) == 0);
	CHECK(rte_service_attr_get(id0, RTE_SERVICE_ATTR_CALL_COUNT, &calls) == 0 && calls < 1000000);

	/* the only lcore of a running service cannot stop */
	CHECK(rte_service_lcore_stop(1) == -EBUSY);
	CHECK(rte_service_runstate_set(id0, 0) == 0);
	CHECK(rte_service_lcore_stop(1) == 0);
	CHECK(rte_service_lcore_stop(1) == -EALREADY);
	rte_eal_wait_lcore(1);
	CHECK(rte_service_lcore_may_be_active(1) == 0);
	uint64_t frozen = runs[0];
	rte_delay_us_sleep(10000);
	CHECK(runs[0] == frozen);

	/* a second service lcore added at run time; the MT-unsafe service on
	 * both never runs twice at once */
	CHECK(rte_service_lcore_add(2) == 0);
	CHECK(rte_service_lcore_add(2) == -EALREADY);
	CHECK(rte_service_lcore_add(0) == -EINVAL);   /* the main lcore */
	CHECK(rte_service_lcore_count() == 2);
	CHECK(rte_eal_lcore_role(2) == ROLE_SERVICE);
	CHECK(rte_service_component_runstate_set(id1, 1) == 0 && rte_service_runstate_set(id1, 1) == 0);
	CHECK(rte_service_map_lcore_set(id1, 1, 1) == 0 && rte_service_map_lcore_set(id1, 2, 1) == 0);
	CHECK(rte_service_lcore_start(1) == 0 && rte_service_lcore_start(2) == 0);
	CHECK(wait_runs(1, 2000) > 2000);
	CHECK_MSG(overlap == 0, "MT-unsafe service ran concurrently %d times", overlap);
	CHECK(rte_service_lcore_stop(2) == 0);   /* lcore 1 still runs it */
	CHECK(rte_service_lcore_del(1) == -EBUSY);
	CHECK(rte_service_runstate_set(id1, 0) == 0);
	CHECK(rte_service_lcore_stop(1) == 0);
	rte_eal_wait_lcore(1);
	rte_eal_wait_lcore(2);
	CHECK(rte_service_lcore_del(2) == 0);
	CHECK(rte_eal_lcore_role(2) == ROLE_RTE);
	CHECK(rte_service_lcore_del(2) == -EINVAL);
	CHECK(rte_service_map_lcore_get(id1, 2) == -EINVAL);

	/* defaults: start every service lcore, spread services, run them */
	uint64_t before = runs[0];
	CHECK(rte_service_start_with_defaults() == 0);
	CHECK(wait_runs(0, before + 100) > before + 100);
	CHECK(rte_service_dump(stdout, UINT32_MAX) == 0);
	CHECK(rte_service_dump(stdout, 99) == -EINVAL);

	/* a service is stopped before it is unregistered (DPDK's rule) */
	CHECK(rte_service_runstate_set(id0, 0) == 0);
	for (int i = 0; i < 5000 && rte_service_may_be_active(id0) == 1; i++)
		rte_delay_us_sleep(1000);
	CHECK(rte_service_may_be_active(id0) == 0);
	CHECK(rte_service_component_unregister(id0) == 0);
	CHECK(rte_service_component_unregister(id0) == -EINVAL);
	CHECK(rte_service_get_count() == 1);
	CHECK(rte_eal_cleanup() == 0);   /* stops the running service lcore */

	/* a bad -s mask fails init */
	char *argv[8] = { (char *)"t", (char *)"--file-prefix=brsvc_bad", (char *)"-s", (char *)"zz", NULL };
	CHECK(rte_eal_init(4, argv) < 0);
	return test_done();
}
