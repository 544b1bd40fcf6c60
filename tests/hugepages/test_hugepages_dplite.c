/* SPDX-License-Identifier: BSD-3-Clause
 * `dplite-info hugepages` lists this dplite primary: kind dplite, role
 * primary, its file prefix and runtime directory, and as many 2 MiB pages
 * as its own memseg lists say it has mapped; its memseg-list memfds appear
 * as mappings; --prefix narrows the listing to it. A secondary of the same
 * prefix (this program re-executed) is listed as a secondary.
 * argv[1]: the dplite-info binary. Skips without hugepages (--no-huge). */
#include <rte_memory.h>
#include <rte_memzone.h>
#include "hp_test.h"

static int count_2m(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	(void)msl;
	if (ms->hugepage_sz == HP_2M)
		(*(long *)arg)++;
	return 0;
}

static long my_pages(void)
{
	long n = 0;
	rte_memseg_walk(count_2m, &n);
	return n;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "secondary") == 0) {
		/* the secondary: attach, then wait for the parent to close our stdin */
		char *eargv[] = { argv[0], argv[2], (char *)"--proc-type=secondary",
				  (char *)"--lcores=7@0", NULL };
		if (rte_eal_init(4, eargv) < 0)
			return 1;
		printf("ready\n");
		fflush(stdout);
		char c;
		while (read(0, &c, 1) > 0)
			;
		rte_eal_cleanup();
		return 0;
	}
	if (argc < 2)
		TEST_SKIP("usage: test_hugepages_dplite <dplite-info>");
	const char *tool = argv[1];
	test_eal_init("hp_dplite", NULL);
	if (!rte_eal_has_hugepages() )
		TEST_SKIP("no hugepages (--no-huge, none reserved, or not permitted)");
	const struct rte_memzone *mz = rte_memzone_reserve("hp_dplite_mz", 12 << 20, SOCKET_ID_ANY,
							   RTE_MEMZONE_2MB | RTE_MEMZONE_SIZE_HINT_ONLY);
	REQUIRE(mz != NULL);
	long before = my_pages();
	if (before == 0)
		TEST_SKIP("the EAL did not use 2 MiB pages");
	const char *rundir = rte_eal_get_runtime_dir();
	const char *prefix = strrchr(rundir, '/') + 1;

	int rc;
	struct jv *all = hp_json(tool, NULL, NULL, NULL, &rc);
	long after = my_pages();
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	CHECK(before == after);
	const struct jv *h = all ? hp_holder(all, getpid()) : NULL;
	CHECK_MSG(h != NULL, "this process (pid %d) is not listed", (int)getpid());
	if (h) {
		CHECK_MSG(strcmp(hp_s(jv_get(h, "kind")), "dplite") == 0, "kind %s", hp_s(jv_get(h, "kind")));
		CHECK_MSG(strcmp(hp_s(jv_get(h, "role")), "primary") == 0, "role %s", hp_s(jv_get(h, "role")));
		CHECK_MSG(strcmp(hp_s(jv_get(h, "prefix")), prefix) == 0, "prefix '%s', want '%s'",
			  hp_s(jv_get(h, "prefix")), prefix);
		CHECK_MSG(strstr(hp_s(jv_get(h, "runtime_dir")), prefix) != NULL, "runtime_dir %s",
			  hp_s(jv_get(h, "runtime_dir")));
		CHECK_MSG(hp_holder_2m(h) == before, "lists %ld pages, the memseg lists hold %ld",
			  hp_holder_2m(h), before);
		const struct jv *m = jv_get(h, "mappings");
		long msl_pages = 0;
		for (size_t i = 0; m && i < m->n; i++)
			if (strstr(hp_s(jv_get(&m->v[i], "name")), "memfd:dplite_msl")) {
				msl_pages += (long)jv_i64(jv_get(&m->v[i], "mapped_pages"));
				/* the memfd is ours and open: its allocated pages are known */
				CHECK(jv_i64(jv_get(&m->v[i], "allocated_pages")) ==
				      jv_i64(jv_get(&m->v[i], "mapped_pages")));
			}
		CHECK_MSG(msl_pages == before, "memfd:dplite_msl mappings hold %ld pages", msl_pages);
	}
	jv_free(all);

	/* the text form names the prefix and the page count */
	const char *targs[] = { tool, "hugepages", "--prefix", prefix, NULL };
	rc = hp_run(targs);
	CHECK_MSG(rc == 0, "rc %d: %s", rc, hp_err);
	char want[160];
	snprintf(want, sizeof(want), "pid %d  dplite primary  prefix %s", (int)getpid(), prefix);
	CHECK_MSG(strstr(hp_out, want) != NULL, "no '%s' in:\n%s", want, hp_out);
	snprintf(want, sizeof(want), "2048kB pages mapped: %ld ", before);
	CHECK_MSG(strstr(hp_out, want) != NULL, "no '%s' in:\n%s", want, hp_out);
	CHECK(strstr(hp_out, "holders (1)") != NULL);

	/* a secondary of the prefix */
	int pi[2], po[2];
	REQUIRE(pipe(pi) == 0 && pipe(po) == 0);
	char pfxarg[160];
	snprintf(pfxarg, sizeof(pfxarg), "--file-prefix=%s", prefix);
	pid_t sec = fork();
	if (sec == 0) {
		dup2(pi[0], 0);
		dup2(po[1], 1);
		close(pi[1]);
		close(po[0]);
		execl("/proc/self/exe", argv[0], "secondary", pfxarg, (char *)NULL);
		_exit(127);
	}
	close(pi[0]);
	close(po[1]);
	char buf[64] = "";
	struct pollfd q = { .fd = po[0], .events = POLLIN };
	if (poll(&q, 1, 30000) == 1 && read(po[0], buf, sizeof(buf) - 1) > 0 && strstr(buf, "ready")) {
		all = hp_json(tool, "--prefix", prefix, NULL, &rc);
		CHECK(rc == 0);
		const struct jv *s = all ? hp_holder(all, sec) : NULL;
		CHECK_MSG(s != NULL, "the secondary (pid %d) is not listed", (int)sec);
		if (s) {
			CHECK(strcmp(hp_s(jv_get(s, "kind")), "dplite") == 0);
			CHECK_MSG(strcmp(hp_s(jv_get(s, "role")), "secondary") == 0, "role %s",
				  hp_s(jv_get(s, "role")));
			CHECK(strcmp(hp_s(jv_get(s, "prefix")), prefix) == 0);
		}
		CHECK(all && hp_holder(all, getpid()) != NULL);
		jv_free(all);
	} else {
		CHECK_MSG(0, "the secondary did not start");
	}
	close(pi[1]);
	int st;
	for (int i = 0; i < 1000 && waitpid(sec, &st, WNOHANG) == 0; i++)
		usleep(10000);
	if (waitpid(sec, &st, WNOHANG) == 0) {
		kill(sec, SIGKILL);
		waitpid(sec, &st, 0);
	}
	close(po[0]);
	rte_memzone_free(mz);
	rte_eal_cleanup();
	return test_done();
}
