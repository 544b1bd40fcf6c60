/* SPDX-License-Identifier: BSD-3-Clause
 * `dplite-info hugepages` as an unprivileged user shows what it may read
 * (the per-size counts from /sys, equal to the kernel's) and says in one
 * line what it may not (other users' /proc/PID/smaps), naming the pids; it
 * does not list a process it could not read. Run as root, the tool runs as
 * nobody (65534) while this root process holds an EAL; run as a user (CI's
 * nonroot pass), it runs as that user and pid 1 is the other user's process
 * when it is not ours. As root, a hugetlbfs mount of mode 0700 is made too:
 * the tool says in one line that it cannot list it. argv[1]: the dplite-info binary. */
#include <sys/stat.h>
#include "hp_test.h"

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: test_hugepages_nonroot <dplite-info>");
	const char *tool = argv[1];
	int as = geteuid() == 0 ? 65534 : -1;
	long other = -1;                             /* a pid the tool may not read */
	const char *closed = NULL;                   /* a mount it may not list */
	if (as >= 0) {
		test_eal_init("hp_nonroot", NULL);
		other = getpid();
		closed = hp_private_mount_opts("pagesize=2M,mode=0700");
	} else {
		struct stat st;
		if (stat("/proc/1", &st) == 0 && st.st_uid != geteuid())
			other = 1;
	}

	const char *jargs[] = { tool, "hugepages", "--json", NULL };
	int rc = hp_run_as(jargs, as);
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	struct jv *all = jv_parse(hp_out, strlen(hp_out));
	CHECK_MSG(all != NULL, "not JSON: %.300s", hp_out);
	if (all) {
		const struct jv *sz = jv_get(all, "sizes");
		CHECK(sz && sz->n > 0);
		for (size_t i = 0; sz && i < sz->n; i++)
			if (jv_u64(jv_get(&sz->v[i], "page_size")) == HP_2M)
				CHECK(jv_i64(jv_get(&sz->v[i], "total")) == hp_sys("nr_hugepages"));
		if (other > 0) {
			const struct jv *u = jv_get(all, "unreadable_pids");
			bool found = false;
			for (size_t i = 0; u && i < u->n; i++)
				found |= jv_i64(&u->v[i]) == other;
			CHECK_MSG(found, "pid %ld not among the unreadable", other);
			CHECK(hp_holder(all, other) == NULL);
		}
		if (closed) {
			const struct jv *u = jv_get(all, "unlisted_mounts");
			bool found = false;
			for (size_t i = 0; u && i < u->n; i++)
				found |= strcmp(hp_s(&u->v[i]), closed) == 0;
			CHECK_MSG(found, "%s not among the unlisted mounts", closed);
		}
		jv_free(all);
	}

	const char *targs[] = { tool, "hugepages", NULL };
	rc = hp_run_as(targs, as);
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	CHECK(strstr(hp_out, "2048kB") != NULL);
	if (other > 0) {
		const char *l = strstr(hp_out, "cannot read /proc/PID/smaps of ");
		CHECK_MSG(l != NULL, "no 'cannot read' line in:\n%s", hp_out);
		if (l) {
			CHECK(strstr(l, "other users' processes") != NULL);
			CHECK(strstr(l, "run as root") != NULL);
			/* one line */
			const char *nl = strchr(l, '\n');
			CHECK(nl != NULL && nl[1] == '\0');
		}
	}
	if (closed) {
		char want[160];
		snprintf(want, sizeof(want), "cannot list hugetlbfs mount %s: Permission denied", closed);
		CHECK_MSG(strstr(hp_out, want) != NULL, "no '%s' in:\n%s", want, hp_out);
	}
	if (as >= 0)
		rte_eal_cleanup();
	return test_done();
}
