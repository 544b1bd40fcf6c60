/* Trace points as DPDK programs declare them: the inline emitter compiles
 * to nothing, registration makes the name known, enable/disable by handle,
 * glob and regex, duplicate and bad registrations. */
#include <rte_trace_point_register.h>
#include <rte_trace_point.h>
#include <rte_trace.h>
#include "test.h"

RTE_TRACE_POINT(app_trace_one, RTE_TRACE_POINT_ARGS(int a, const char *s),
	rte_trace_point_emit_int(a); rte_trace_point_emit_string(s);)
RTE_TRACE_POINT_FP(app_trace_two, RTE_TRACE_POINT_ARGS(uint64_t v), rte_trace_point_emit_u64(v);)
RTE_TRACE_POINT_REGISTER(app_trace_one, app.trace.one)
RTE_TRACE_POINT_REGISTER(app_trace_two, app.trace.two)

int main(void)
{
	app_trace_one(1, "x");   /* no effect, must link */
	app_trace_two(2);
	rte_trace_point_t *one = rte_trace_point_lookup("app.trace.one");
	rte_trace_point_t *two = rte_trace_point_lookup("app.trace.two");
	CHECK(one == &__app_trace_one && two == &__app_trace_two);
	CHECK(rte_trace_point_lookup("app.trace.none") == NULL);
	CHECK(!rte_trace_point_is_enabled(one) && !rte_trace_is_enabled());
	CHECK(rte_trace_point_enable(one) == 0);
	CHECK(rte_trace_point_is_enabled(one) && rte_trace_is_enabled());
	CHECK(rte_trace_point_disable(one) == 0 && !rte_trace_point_is_enabled(one));
	CHECK(rte_trace_pattern("app.trace.*", true) == 2);
	CHECK(rte_trace_point_is_enabled(one) && rte_trace_point_is_enabled(two));
	CHECK(rte_trace_regexp("two$", false) == 1);
	CHECK(!rte_trace_point_is_enabled(two) && rte_trace_point_is_enabled(one));
	CHECK(rte_trace_pattern(NULL, true) == -EINVAL);
	CHECK(rte_trace_regexp("[", true) == -EINVAL);   /* basic regex, as DPDK compiles it */
	rte_trace_point_t bogus = 0;
	CHECK(rte_trace_point_enable(&bogus) == -EINVAL);
	CHECK(rte_trace_point_enable(NULL) == -EINVAL);
	CHECK(__rte_trace_point_register(&bogus, "app.trace.one", NULL) == -EEXIST);
	CHECK(__rte_trace_point_register(&bogus, "", NULL) == -EINVAL);
	rte_trace_mode_set(RTE_TRACE_MODE_DISCARD);
	CHECK(rte_trace_mode_get() == RTE_TRACE_MODE_DISCARD);
	CHECK(rte_trace_save() == 0);
	return test_done();
}
