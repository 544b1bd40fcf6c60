/* SPDX-License-Identifier: BSD-3-Clause
 * `dplite-info hugepages` lists a DPDK primary (Debian's dpdk-test with its
 * own --file-prefix): kind dpdk, role primary, its prefix and runtime
 * directory, as many 2 MiB pages as its <prefix>map_N files hold, and those
 * files as "in use" by it, never as leaked; --reclaim leaves them alone.
 * argv[1]: the dplite-info binary. Skips without root, dpdk-test or free
 * hugepages. */
#include "hp_test.h"

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_hugepages_dpdk <dplite-info>");
	const char *tool = argv[1];
	hp_require_dpdk(8);
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "hpdpdk%d", (int)getpid());
	const char *mount = hp_mount();

	struct hp_dpdk d;
	if (hp_dpdk_start(&d, prefix, 16, NULL) < 0)
		TEST_SKIP("dpdk-test could not start (hugepages taken meanwhile?)");
	long nf;
	long fpages = hp_prefix_files(mount, prefix, &nf);
	CHECK_MSG(fpages > 0 && nf > 0, "dpdk-test made no %s/%smap_* files", mount, prefix);

	int rc;
	struct jv *all = hp_json(tool, NULL, NULL, NULL, &rc);
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	const struct jv *h = all ? hp_holder(all, d.pid) : NULL;
	CHECK_MSG(h != NULL, "dpdk-test (pid %d) is not listed", (int)d.pid);
	if (h) {
		CHECK_MSG(strcmp(hp_s(jv_get(h, "kind")), "dpdk") == 0, "kind %s", hp_s(jv_get(h, "kind")));
		CHECK_MSG(strcmp(hp_s(jv_get(h, "role")), "primary") == 0, "role %s", hp_s(jv_get(h, "role")));
		CHECK_MSG(strcmp(hp_s(jv_get(h, "prefix")), prefix) == 0, "prefix '%s'",
			  hp_s(jv_get(h, "prefix")));
		CHECK(strstr(hp_s(jv_get(h, "runtime_dir")), prefix) != NULL);
		CHECK_MSG(hp_holder_2m(h) == fpages, "lists %ld pages, its files hold %ld",
			  hp_holder_2m(h), fpages);
		CHECK(strstr(hp_s(jv_get(h, "cmdline")), prefix) != NULL);
	}
	/* its files: in use by it */
	const struct jv *files = all ? jv_get(all, "files") : NULL;
	long listed = 0;
	for (size_t i = 0; files && i < files->n; i++) {
		const struct jv *f = &files->v[i];
		if (strcmp(hp_s(jv_get(f, "dpdk_prefix")), prefix) != 0)
			continue;
		listed++;
		CHECK_MSG(strcmp(hp_s(jv_get(f, "state")), "in use") == 0, "%s: %s",
			  hp_s(jv_get(f, "path")), hp_s(jv_get(f, "state")));
		CHECK(jv_i64(jv_get(f, "holder_pid")) == d.pid);
		CHECK(jv_i64(jv_get(f, "prefix_lock_pid")) == d.pid);
	}
	CHECK_MSG(listed == nf, "%ld of its %ld files listed", listed, nf);
	jv_free(all);

	/* the text form */
	const char *targs[] = { tool, "hugepages", "--prefix", prefix, NULL };
	rc = hp_run(targs);
	CHECK(rc == 0);
	char want[160];
	snprintf(want, sizeof(want), "pid %d  dpdk primary  prefix %s", (int)d.pid, prefix);
	CHECK_MSG(strstr(hp_out, want) != NULL, "no '%s' in:\n%s", want, hp_out);
	snprintf(want, sizeof(want), "DPDK prefix %s: in use (pid %d)", prefix, (int)d.pid);
	CHECK_MSG(strstr(hp_out, want) != NULL, "no '%s' in:\n%s", want, hp_out);

	/* --reclaim never takes a live primary's files */
	all = hp_json(tool, "--reclaim", "--prefix", prefix, &rc);
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	CHECK(all && jv_i64(jv_get(all, "reclaimed_pages")) == 0);
	jv_free(all);
	CHECK(hp_prefix_files(mount, prefix, NULL) == fpages);

	hp_dpdk_stop(&d, false);
	CHECK_MSG(hp_prefix_files(mount, prefix, &nf) == 0 && nf == 0,
		  "dpdk-test left %ld files after quit", nf);
	hp_rm_rundir(prefix);
	return test_done();
}
