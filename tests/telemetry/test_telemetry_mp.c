/* SPDX-License-Identifier: BSD-3-Clause
 * A secondary serves its own socket, dpdk_telemetry.v2:1 (DPDK's suffix
 * rule; dpdk-telemetry.py -i 1), answering with its own pid and seeing the
 * primary's objects; its exit removes only its own socket. */
#include <sys/wait.h>
#include <rte_mempool.h>
#include "tel_test.h"

static char prefix[96];

static int query_pid(const char *path, const char *pool)
{
	char banner[1024], out[TT_BUF];
	int fd = tc_connect(path, banner, sizeof(banner), 10000);
	if (fd < 0)
		return -1;
	int pid = -1;
	ssize_t n = tc_query(fd, "/info", 5, out, sizeof(out));
	struct jv *v = n > 0 ? jv_parse(out, (size_t)n) : NULL;
	if (v)
		pid = (int)jv_i64(jv_get(jv_get(v, "/info"), "pid"));
	jv_free(v);
	if (pool) {
		n = tc_query(fd, "/mempool/list", 13, out, sizeof(out));
		if (n <= 0 || strstr(out, pool) == NULL)
			pid = -2;
	}
	close(fd);
	return pid;
}

static int secondary(int primary_pid)
{
	char *argv[8] = { (char *)"sec", prefix, (char *)"--proc-type=secondary", (char *)"--lcores=1@1" };
	int argc = 4;
	char path[512];
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		argv[3] = (char *)"--lcores=1@0";
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	if (rte_eal_init(argc, argv) < 0)
		return 2;
	tt_path(path, sizeof(path), 1);
	if (query_pid(path, "tel_mp_pool") != getpid())
		return 3;
	tt_path(path, sizeof(path), 0);
	if (query_pid(path, NULL) != primary_pid)
		return 4;
	rte_eal_cleanup();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4) {
		snprintf(prefix, sizeof(prefix), "%s", argv[2]);
		return secondary(atoi(argv[3]));
	}
	snprintf(prefix, sizeof(prefix), "--file-prefix=telmp_%d", (int)getpid());
	char *pargv[8] = { (char *)"pri", prefix, (char *)"--lcores=0@0" };
	int pargc = 3;
	if (test_no_huge())
		pargv[pargc++] = (char *)"--no-huge";
	REQUIRE(rte_eal_init(pargc, pargv) >= 0);
	struct rte_mempool *mp = rte_mempool_create("tel_mp_pool", 63, 64, 0, 0, NULL, NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	char pidarg[16], sec_path[512], path[512];
	snprintf(pidarg, sizeof(pidarg), "%d", (int)getpid());
	pid_t pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", argv[0], "secondary", prefix, pidarg, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	REQUIRE(waitpid(pid, &status, 0) == pid);
	CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "secondary status %d", status);
	tt_path(sec_path, sizeof(sec_path), 1);
	tt_path(path, sizeof(path), 0);
	CHECK(access(sec_path, F_OK) != 0);            /* gone with the secondary */
	CHECK(query_pid(path, "tel_mp_pool") == getpid());
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
