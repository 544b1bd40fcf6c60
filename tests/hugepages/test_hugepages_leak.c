/* SPDX-License-Identifier: BSD-3-Clause
 * A DPDK primary killed with SIGKILL leaves its <prefix>map_N files, and
 * their pages stay allocated. `dplite-info hugepages` reports them as
 * leaked (with their page count, in the per-size "leaked" column too);
 * `--reclaim` removes exactly those files and reports exactly their pages;
 * the kernel then charges no page to them any more.
 *
 * The machine is shared (other tests and engineers take and return
 * hugepages all the time), so the exact check does not rest on
 * HugePages_Free: DPDK runs on a hugetlbfs mount of the test's own, mounted
 * with size=, whose page accounting (statfs: the kernel's subpool of that
 * mount) counts every page of its files and nothing else: it must equal the
 * leak before --reclaim and be 0 after. HugePages_Free before and after is
 * printed, and compared exactly when it held still around the reclaim. The
 * own mount also keeps another DPDK start-up from sweeping the leak away
 * first (DPDK removes every unlocked *map_* file in its --huge-dir).
 * A second --reclaim has nothing to do and says so (exit 0).
 * argv[1]: the dplite-info binary. Skips without root, dpdk-test or pages. */
#include "hp_test.h"

/* The free count when it holds still for 100 ms; -1 if it never did. */
static long stable_free(void)
{
	for (int i = 0; i < 20; i++) {
		long a = hp_sys("free_hugepages");
		usleep(100000);
		if (hp_sys("free_hugepages") == a)
			return a;
	}
	return -1;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_hugepages_leak <dplite-info>");
	const char *tool = argv[1];
	hp_require_dpdk(8);
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "hpleak%d", (int)getpid());
	const char *mount = hp_private_mount_opts("pagesize=2M,size=64M");
	if (mount == NULL)
		TEST_SKIP("cannot mount a hugetlbfs of the test's own");

	long baseline = stable_free();
	struct hp_dpdk d;
	if (hp_dpdk_start(&d, prefix, 16, mount) < 0)
		TEST_SKIP("dpdk-test could not start (hugepages taken meanwhile?)");
	hp_dpdk_stop(&d, true);                      /* kill -9: the files stay */
	long nf;
	long leaked = hp_prefix_files(mount, prefix, &nf);
	REQUIRE(leaked > 0 && nf > 0);
	long used = hp_mount_used(mount);
	CHECK_MSG(used == leaked, "the mount holds %ld pages, its files %ld", used, leaked);

	int rc;
	struct jv *all = hp_json(tool, "--prefix", prefix, NULL, &rc);
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	CHECK(all && hp_holder(all, d.pid) == NULL);
	const struct jv *files = all ? jv_get(all, "files") : NULL;
	long listed = 0, lpages = 0;
	for (size_t i = 0; files && i < files->n; i++) {
		const struct jv *f = &files->v[i];
		CHECK(strcmp(hp_s(jv_get(f, "dpdk_prefix")), prefix) == 0);
		CHECK(strncmp(hp_s(jv_get(f, "path")), mount, strlen(mount)) == 0);
		CHECK_MSG(strcmp(hp_s(jv_get(f, "state")), "leaked") == 0, "%s: %s",
			  hp_s(jv_get(f, "path")), hp_s(jv_get(f, "state")));
		listed++;
		lpages += (long)jv_i64(jv_get(f, "pages"));
	}
	CHECK_MSG(listed == nf && lpages == leaked, "listed %ld files / %ld pages, there are %ld / %ld",
		  listed, lpages, nf, leaked);
	const struct jv *sz = all ? jv_get(all, "sizes") : NULL;
	for (size_t i = 0; sz && i < sz->n; i++)
		if (jv_u64(jv_get(&sz->v[i], "page_size")) == HP_2M)
			CHECK(jv_i64(jv_get(&sz->v[i], "in_leaked_files")) == leaked);
	jv_free(all);

	/* the text form says what to do */
	const char *targs[] = { tool, "hugepages", "--prefix", prefix, NULL };
	CHECK(hp_run(targs) == 0);
	char want[160];
	snprintf(want, sizeof(want), "DPDK prefix %s: leaked", prefix);
	CHECK_MSG(strstr(hp_out, want) != NULL, "no '%s' in:\n%s", want, hp_out);
	CHECK(strstr(hp_out, "--reclaim") != NULL);

	/* reclaim */
	long f0 = stable_free();
	all = hp_json(tool, "--reclaim", "--prefix", prefix, &rc);
	long f1 = stable_free();
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	CHECK_MSG(all && jv_i64(jv_get(all, "reclaimed_pages")) == leaked, "reclaimed %lld of %ld",
		  all ? (long long)jv_i64(jv_get(all, "reclaimed_pages")) : -1LL, leaked);
	files = all ? jv_get(all, "files") : NULL;
	for (size_t i = 0; files && i < files->n; i++)
		CHECK(jv_get(&files->v[i], "removed") && jv_get(&files->v[i], "removed")->b);
	jv_free(all);
	CHECK_MSG(hp_prefix_files(mount, prefix, &nf) == 0 && nf == 0, "%ld files left", nf);
	used = hp_mount_used(mount);
	CHECK_MSG(used == 0, "the mount still holds %ld pages", used);
	printf("HugePages_Free: baseline %ld; %ld before --reclaim, %ld after (+%ld; the leak was "
	       "%ld)\n", baseline, f0, f1, f1 - f0, leaked);
	if (f1 - f0 != leaked)
		printf("note: other processes took or returned hugepages meanwhile\n");

	/* again: nothing to do */
	const char *rargs[] = { tool, "hugepages", "--reclaim", "--prefix", prefix, NULL };
	rc = hp_run(rargs);
	CHECK_MSG(rc == 0, "rc %d", rc);
	CHECK_MSG(strstr(hp_out, "nothing to reclaim") != NULL, "%s", hp_out);
	hp_rm_rundir(prefix);
	return test_done();
}
