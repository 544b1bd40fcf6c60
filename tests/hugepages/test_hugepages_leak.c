/* SPDX-License-Identifier: BSD-3-Clause
 * A DPDK primary killed with SIGKILL leaves its <prefix>map_N files, and
 * their pages stay allocated. `dplite-info hugepages` reports them as
 * leaked (with their page count, in the per-size "leaked" column too);
 * `--reclaim` removes exactly those files, reports exactly their pages, and
 * the kernel's free count rises by exactly that many (checked when no other
 * process changed its use of hugepages meanwhile: the machine is shared).
 * A second --reclaim has nothing to do and says so (exit 0). DPDK runs on a
 * hugetlbfs mount of the test's own, so no other DPDK start-up sweeps the
 * leak away first.
 * argv[1]: the dplite-info binary. Skips without root, dpdk-test or pages. */
#include "hp_test.h"

/* The free count when it holds still for 100 ms (others allocate too);
 * -1 if it never did. */
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

/* One round: start, kill -9, list, reclaim. Returns 1 when the free count
 * rose by exactly the leak, 0 when it did not, -1 when it never held still. */
static int round_trip(const char *tool, const char *prefix, const char *mount)
{
	struct hp_dpdk d;
	if (hp_dpdk_start(&d, prefix, 16, mount) < 0)
		TEST_SKIP("dpdk-test could not start (hugepages taken meanwhile?)");
	hp_dpdk_stop(&d, true);                      /* kill -9: the files stay */
	long nf;
	long leaked = hp_prefix_files(mount, prefix, &nf);
	REQUIRE(leaked > 0 && nf > 0);

	int rc;
	struct jv *all = hp_json(tool, "--prefix", prefix, NULL, &rc);
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	CHECK(all && hp_holder(all, d.pid) == NULL);
	const struct jv *files = all ? jv_get(all, "files") : NULL;
	long listed = 0, lpages = 0;
	for (size_t i = 0; files && i < files->n; i++) {
		const struct jv *f = &files->v[i];
		CHECK(strcmp(hp_s(jv_get(f, "dpdk_prefix")), prefix) == 0);
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
	hp_rm_rundir(prefix);
	if (f0 < 0 || f1 < 0)
		return -1;
	if (f1 - f0 == leaked)
		return 1;
	fprintf(stderr, "note: HugePages_Free %ld -> %ld, the leak was %ld pages\n", f0, f1, leaked);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_hugepages_leak <dplite-info>");
	const char *tool = argv[1];
	hp_require_dpdk(8);
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "hpleak%d", (int)getpid());
	/* our own mount: see hp_private_mount() */
	const char *mount = hp_private_mount();
	if (mount == NULL) {
		fprintf(stderr, "note: cannot mount a private hugetlbfs; using the shared one\n");
		mount = hp_mount();
	}

	/* The machine is shared: another process may take or return pages
	 * while we reclaim. Up to three rounds; one exact round proves it, three
	 * mismatches with the count holding still around each fail. */
	long baseline = stable_free();
	int exact = 0, unstable = 0;
	for (int r = 0; r < 3 && !exact; r++) {
		int x = round_trip(tool, prefix, mount);
		exact += x == 1;
		unstable += x < 0;
	}
	if (!exact && unstable)
		fprintf(stderr, "note: HugePages_Free never held still: exact count not checked\n");
	else
		CHECK_MSG(exact, "HugePages_Free never rose by exactly the leaked pages");
	long now = stable_free();
	printf("HugePages_Free: baseline %ld, now %ld%s\n", baseline, now,
	       now == baseline ? " (back at baseline)" : " (others use hugepages too)");

	/* again: nothing to do */
	const char *rargs[] = { tool, "hugepages", "--reclaim", "--prefix", prefix, NULL };
	int rc = hp_run(rargs);
	CHECK_MSG(rc == 0, "rc %d", rc);
	CHECK_MSG(strstr(hp_out, "nothing to reclaim") != NULL, "%s", hp_out);
	return test_done();
}
