/* SPDX-License-Identifier: BSD-3-Clause
 * examples/mempool_events as a real process: both events printed, in order,
 * the mbuf explained, exit 0. argv[1]: the example binary. */
#include "explain_test.h"

int main(int argc, char **argv)
{
	char pfx[64];
	if (argc < 2)
		TEST_SKIP("usage: test_example_mempool_events <path to mempool_events>");
	snprintf(pfx, sizeof(pfx), "--file-prefix=mpev_%d", (int)getpid());
	const char *env = getenv("DPLITE_TEST_EAL_ARGS");
	const char *args[] = { argv[1], pfx, "--log-level=*:warning",
			       env && strstr(env, "--no-huge") ? "--no-huge" : NULL, NULL };
	CHECK_MSG(run_tool(args) == 0, "%s", out);
	const char *r = strstr(out, "event READY: pool events_pool, 511 objects");
	const char *m = strstr(out, ": object ");
	const char *d = strstr(out, "event DESTROY: pool events_pool");
	CHECK_MSG(r && m && d && r < m && m < d, "%s", out);
	CHECK_MSG(strstr(out, "in memzone MP_events_pool") && strstr(out, "2 events\n"), "%s", out);
	return test_done();
}
