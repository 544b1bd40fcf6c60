/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-fwd refuses bad arguments with one clear message that names the
 * option, and a non-zero exit; never a crash or a hang. --help exits 0.
 * usage: test_fwd_badargs PATH/dplite-fwd */
#include "fwdtest.h"

static struct run r;

static void bad(const char *bin, const char *name, const char *const *eal, const char *const *app,
		const char *expect)
{
	char *argv[64];
	fwdt_argv(argv, 64, bin, "fwdbad", eal, app);
	REQUIRE(run_start(&r, argv) == 0);
	int rc = run_wait(&r, 30000);
	CHECK_MSG(rc != 0 && rc < 128 && rc != -1, "%s: exit %d, expected a plain failure", name, rc);
	CHECK_MSG(strstr(r.err, expect) != NULL, "%s: stderr does not say '%s':\n%s", name, expect, r.err);
	CHECK_MSG(strstr(r.out, "summary") == NULL, "%s: ran anyway", name);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: %s dplite-fwd", argv[0]);
	const char *b = argv[1];
#define A(...) (const char *const[]){ __VA_ARGS__, NULL }
	bad(b, "mode", NULL, A("--mode=bogus"), "--mode");
	bad(b, "fwd", NULL, A("--fwd=nope"), "--fwd");
	bad(b, "burst 0", NULL, A("--burst", "0"), "--burst");
	bad(b, "burst 513", NULL, A("--burst", "513"), "--burst");
	bad(b, "burst junk", NULL, A("--burst", "12x"), "--burst");
	bad(b, "burst missing", NULL, A("--burst"), "--burst");
	bad(b, "duration", NULL, A("--duration", "-1"), "--duration");
	bad(b, "stats-period", NULL, A("--stats-period", "abc"), "--stats-period");
	bad(b, "rxq", NULL, A("--rxq", "0"), "--rxq");
	bad(b, "txq", NULL, A("--txq", "100"), "--txq");
	bad(b, "workers", NULL, A("--workers", "99"), "--workers");
	bad(b, "unknown option", NULL, A("--frobnicate"), "--frobnicate");
	bad(b, "stray argument", NULL, A("extra"), "extra");
	bad(b, "unknown driver", A("--vdev=net_nosuchdriver0"), A("--duration", "0.1"), "net_nosuchdriver");

	char *av[64];
	fwdt_argv(av, 64, b, "fwdhelp", NULL, A("--help"));
	REQUIRE(run_start(&r, av) == 0);
	CHECK(run_wait(&r, 30000) == 0);
	CHECK(strstr(r.out, "--mode=rtc|pipeline") != NULL);
	return test_done();
}
