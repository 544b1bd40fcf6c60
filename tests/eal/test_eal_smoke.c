/* EAL comes up with default lcores, launches on every worker, and cleanup
 * leaves nothing behind: thread count, open fds and mappings return to
 * their values before init, and the runtime directory is gone. Repeated
 * init/cleanup cycles must not accumulate anything either. */
#include <dirent.h>
#include <sys/stat.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_launch.h>
#include "test.h"

static int ret_id(void *arg)
{
	(void)arg;
	return (int)rte_lcore_id() + 100;
}

static int count_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0, c;
	if (!f)
		return -1;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

int main(void)
{
	/* warm up libc/loader state that is created once per process */
	test_eal_init("smoke", NULL);
	rte_eal_cleanup();
	int threads = test_count_dir("/proc/self/task"), fds = test_count_dir("/proc/self/fd");
	int maps = count_maps();

	for (int cycle = 0; cycle < 5; cycle++) {
		test_eal_init("smoke", NULL);
		CHECK(rte_lcore_count() >= 1);
		CHECK(rte_lcore_id() == rte_get_main_lcore());
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s", rte_eal_get_runtime_dir());
		struct stat st;
		CHECK(stat(dir, &st) == 0);
		unsigned int id;
		RTE_LCORE_FOREACH_WORKER(id)
			CHECK(rte_eal_remote_launch(ret_id, NULL, id) == 0);
		RTE_LCORE_FOREACH_WORKER(id)
			CHECK(rte_eal_wait_lcore(id) == (int)id + 100);
		CHECK(rte_eal_cleanup() == 0);
		CHECK_MSG(test_count_dir("/proc/self/task") == threads, "cycle %d: threads", cycle);
		CHECK_MSG(test_count_dir("/proc/self/fd") == fds, "cycle %d: fds %d vs %d", cycle,
			  test_count_dir("/proc/self/fd"), fds);
#if !defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__)
		/* sanitizers map their own per-thread areas, so only count without them */
		CHECK_MSG(count_maps() == maps, "cycle %d: maps %d vs %d", cycle, count_maps(), maps);
#else
		(void)maps;
#endif
		CHECK_MSG(stat(dir, &st) != 0, "cycle %d: %s still exists", cycle, dir);
	}
	return test_done();
}
