/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-fwd with no time limit stops cleanly on SIGINT and on SIGTERM:
 * exit 0 within a few seconds, the summary printed, every mbuf home.
 * usage: test_fwd_signal PATH/dplite-fwd */
#include "fwdtest.h"

static struct run r;
static struct jdoc doc;

static void one(const char *bin, int sig, const char *mode)
{
	char m[32], pfx[64], line[16384], want[64];
	snprintf(m, sizeof(m), "--mode=%s", mode);
	snprintf(pfx, sizeof(pfx), "fwdsig%d_%s", sig, mode);
	const char *app[] = { m, "--duration", "0", "--stats-period", "0.2", "--json", NULL };
	char *argv[64];
	fwdt_argv(argv, 64, bin, pfx, NULL, app);
	REQUIRE(run_start(&r, argv) == 0);
	snprintf(want, sizeof(want), "[%s", mode);
	/* forwarding has started once a periodic line shows up */
	int started = run_pump(&r, want, 30000);
	CHECK_MSG(started, "%s: no periodic line in 30 s; stderr:\n%s", mode, r.err);
	kill(r.pid, sig);
	long t0 = fwdt_ms();
	int rc = run_wait(&r, 15000);
	CHECK_MSG(rc == 0, "signal %d, %s: exit %d (timed out: %d); stderr:\n%s", sig, mode, rc, r.timed_out, r.err);
	CHECK_MSG(fwdt_ms() - t0 < 10000, "took %ld ms to stop", fwdt_ms() - t0);
	snprintf(want, sizeof(want), "-- %s summary", mode);
	CHECK_MSG(strstr(r.out, want) != NULL, "no summary after signal %d", sig);
	CHECK(json_parse(&doc, last_line(r.out, line, sizeof(line))) == 0);
	CHECK(json_num(&doc, 0, "mempool_in_use") == 0);
	CHECK(json_num(&doc, 0, "seconds") > 0);
	/* --mode=both would have gone on to rtc: a signal ends the whole run */
	CHECK(strstr(r.out, "side by side") == NULL);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: %s dplite-fwd", argv[0]);
	one(argv[1], SIGINT, "pipeline");
	one(argv[1], SIGTERM, "rtc");
	return test_done();
}
