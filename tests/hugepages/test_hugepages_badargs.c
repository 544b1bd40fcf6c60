/* SPDX-License-Identifier: BSD-3-Clause
 * `dplite-info hugepages` bad input: an unknown option, a stray argument,
 * --prefix without a value or with a '/', exit 2 with one clear line first;
 * --prefix naming no process and no file: one line, exit 1; --reclaim with
 * nothing leaked (for a prefix nobody uses): "nothing to reclaim", exit 0.
 * argv[1]: the dplite-info binary. */
#include "hp_test.h"

static void bad(const char *tool, const char *a1, const char *a2, int want_rc, const char *want)
{
	const char *args[] = { tool, "hugepages", a1, a2, NULL };
	int rc = hp_run(args);
	CHECK_MSG(rc == want_rc, "%s %s: rc %d, want %d", a1, a2 ? a2 : "", rc, want_rc);
	CHECK_MSG(strncmp(hp_err, "dplite-info hugepages: ", 23) == 0 && strstr(hp_err, want),
		  "%s: stderr '%s', want '%s'", a1, hp_err, want);
	CHECK_MSG(hp_out[0] == '\0', "%s: stdout '%s'", a1, hp_out);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_hugepages_badargs <dplite-info>");
	const char *tool = argv[1];
	char nobody[64];
	snprintf(nobody, sizeof(nobody), "hpnone%d", (int)getpid());

	bad(tool, "--bogus", NULL, 2, "unknown option '--bogus'");
	bad(tool, "stray", NULL, 2, "unexpected argument 'stray'");
	bad(tool, "--prefix", NULL, 2, "--prefix needs a file prefix");
	bad(tool, "--prefix", "a/b", 2, "bad file prefix 'a/b'");
	bad(tool, "--prefix", nobody, 1, "no process maps hugepages and no hugetlbfs file");
	/* the error is one line */
	const char *nl = strchr(hp_err, '\n');
	CHECK(nl != NULL && nl[1] == '\0');

	const char *rargs[] = { tool, "hugepages", "--reclaim", "--prefix", nobody, NULL };
	int rc = hp_run(rargs);
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	CHECK_MSG(strstr(hp_out, "nothing to reclaim: no leaked DPDK hugepage files") != NULL, "%s",
		  hp_out);
	CHECK(hp_err[0] == '\0');

	const char *hargs[] = { tool, "hugepages", "--help", NULL };
	CHECK(hp_run(hargs) == 0 && strstr(hp_out, "usage: dplite-info hugepages") != NULL);
	return test_done();
}
