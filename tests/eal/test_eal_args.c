/* Every EAL option, good and bad. A bad option must fail with EINVAL and
 * leave nothing behind: no extra thread, no open fd, no runtime directory.
 * A good one must take effect (lcore set, main lcore, returned argc). */
#include <dirent.h>
#include <sys/stat.h>
#include <getopt.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include "test.h"

static char prefix[64];

static int run_init(const char *const *args, int nargs)
{
	char *argv[40];
	int argc = 0;
	argv[argc++] = (char *)"prog";
	for (int i = 0; i < nargs; i++)
		argv[argc++] = (char *)args[i];
	argv[argc] = NULL;
	return rte_eal_init(argc, argv);
}

/* Expect failure with EINVAL and no residue. */
static void bad(const char *const *args, int nargs)
{
	int threads = test_count_dir("/proc/self/task"), fds = test_count_dir("/proc/self/fd");
	int ret = run_init(args, nargs);
	CHECK_MSG(ret == -1, "args ending '%s' should fail, got %d", args[nargs - 1], ret);
	if (ret >= 0) {
		rte_eal_cleanup();
		return;
	}
	CHECK_MSG(rte_errno == EINVAL, "'%s': rte_errno %d", args[0], rte_errno);
	CHECK_MSG(test_count_dir("/proc/self/task") == threads, "'%s' left a thread", args[0]);
	CHECK_MSG(test_count_dir("/proc/self/fd") == fds, "'%s' left an fd", args[0]);
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", rte_eal_get_runtime_dir(), "config");
	struct stat st;
	CHECK_MSG(rte_eal_get_runtime_dir()[0] == '\0' || stat(path, &st) != 0,
		  "'%s' left %s", args[0], path);
}

/* Expect success; returns argc consumed; leaves EAL up (caller cleans). */
static int good(const char *const *args, int nargs)
{
	int ret = run_init(args, nargs);
	CHECK_MSG(ret >= 0, "args starting '%s' should work: %s", args[0], rte_strerror(rte_errno));
	return ret;
}

#define A(...) (const char *const[]){ __VA_ARGS__ }, (int)(sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *))

int main(void)
{
	char pfx[80], huge[64];
	snprintf(prefix, sizeof(prefix), "args_%d", (int)getpid());
	snprintf(pfx, sizeof(pfx), "--file-prefix=%s", prefix);
	const char *env = getenv("DPLITE_TEST_EAL_ARGS");
	snprintf(huge, sizeof(huge), "%s", env && strstr(env, "--no-huge") ? "--no-huge" : "-n4");
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);

	rte_log_set_global_level(RTE_LOG_CRIT);   /* keep expected errors quiet */

	/* ---- bad options ---- */
	bad(A(pfx, "--no-such-option"));
	bad(A(pfx, "-Z"));
	bad(A(pfx, "-l"));                    /* missing argument */
	bad(A(pfx, "-l", "abc"));
	bad(A(pfx, "-l", "3-1"));
	bad(A(pfx, "-l", "0-"));
	bad(A(pfx, "-l", "0,,1"));
	bad(A(pfx, "-l", "500"));             /* beyond RTE_MAX_LCORE */
	bad(A(pfx, "-l", "127"));             /* no such cpu on this machine */
	bad(A(pfx, "--lcores", "0@(0"));
	bad(A(pfx, "--lcores", "0@500"));
	bad(A(pfx, "--lcores", "0,0"));
	bad(A(pfx, "--lcores", "(0-1)@"));
	bad(A(pfx, "-c", "0x0"));
	bad(A(pfx, "-c", "xyz"));
	bad(A(pfx, "-c", "0x80000000"));      /* cpu 31 absent */
	bad(A(pfx, "-l", "0", "--main-lcore", "1"));
	bad(A(pfx, "--main-lcore", "abc"));
	bad(A(pfx, "--main-lcore", "-1"));
	bad(A(pfx, "-n", "0"));
	bad(A(pfx, "-n", "x"));
	bad(A(pfx, "-m", "0"));
	bad(A(pfx, "-m", "-5"));
	bad(A(pfx, "-m", "12abc"));
	bad(A(pfx, "--socket-mem", "abc"));
	bad(A(pfx, "--socket-mem", "64,"));
	bad(A(pfx, "-m", "64", "--socket-mem", "64"));
	/* memory on a socket the machine lacks (socket 31), as DPDK refuses it */
	bad(A(pfx, "--socket-mem", "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2"));
	bad(A(pfx, "--no-huge", "--socket-mem", "64"));
	bad(A(pfx, "--socket-limit", "x"));
	bad(A(pfx, "--legacy-mem", "--socket-limit", "64"));
	bad(A(pfx, "--huge-dir", ""));
	bad(A("--file-prefix=a/b"));
	bad(A("--file-prefix="));
	bad(A("--file-prefix=.."));
	bad(A(pfx, "--proc-type", "tertiary"));
	bad(A(pfx, "--in-memory", "--proc-type=secondary"));
	bad(A(pfx, "--huge-unlink=sometimes"));
	bad(A(pfx, "--base-virtaddr", "zz"));
	bad(A(pfx, "--base-virtaddr", "0x10g1"));
	bad(A(pfx, "--iova-mode", "xx"));
	bad(A(pfx, "--log-level", "loud"));
	bad(A(pfx, "--log-level", "lib.eal:99"));
	bad(A(pfx, "--log-level", "(bad,7"));   /* invalid regex */
	bad(A(pfx, "--vdev", ""));

	/* secondary without primary fails with ENOENT rather than EINVAL */
	{
		int ret = run_init(A(pfx, "--proc-type=secondary"));
		CHECK(ret == -1 && rte_errno == ENOENT);
	}

	/* ---- good options ---- */
	rte_log_set_global_level(RTE_LOG_ERR);
	int ret = good(A(pfx, huge, "-l", "0", "--", "app1", "app2"));
	if (ret >= 0) {
		CHECK_MSG(ret == 5, "consumed %d", ret);   /* pfx huge -l 0 -- */
		CHECK(rte_lcore_count() == 1);
		CHECK(rte_get_main_lcore() == 0);
		CHECK(rte_lcore_is_enabled(0) && !rte_lcore_is_enabled(1));
		CHECK(rte_eal_process_type() == RTE_PROC_PRIMARY);
		CHECK(strstr(rte_eal_get_runtime_dir(), prefix) != NULL);
		struct stat st;
		CHECK(stat(rte_eal_get_runtime_dir(), &st) == 0 && (st.st_mode & 0777) == 0700);
		CHECK(rte_eal_primary_proc_alive(NULL) == 1);
		CHECK(rte_eal_init(1, (char *[]){ (char *)"x", NULL }) == -1 && rte_errno == EALREADY);
		CHECK(rte_eal_cleanup() == 0);
		CHECK(stat(rte_eal_get_runtime_dir(), &st) != 0);   /* removed when empty */
	}
	if (ncpu >= 2) {
		ret = good(A(pfx, huge, "-l", "0-1", "--main-lcore", "1"));
		if (ret >= 0) {
			CHECK(rte_lcore_count() == 2 && rte_get_main_lcore() == 1);
			CHECK(rte_lcore_id() == 1);
			CHECK(rte_get_next_lcore(-1, 1, 0) == 0);
			rte_eal_cleanup();
		}
		ret = good(A(pfx, huge, "-c", "0x3"));
		if (ret >= 0) {
			CHECK(rte_lcore_count() == 2);
			rte_eal_cleanup();
		}
		/* lcore ids beyond cpu ids, mapped with @ */
		ret = good(A(pfx, huge, "--lcores", "(5-6)@0,7@(0-1),0"));
		if (ret >= 0) {
			CHECK(rte_lcore_count() == 4);
			CHECK(rte_lcore_is_enabled(5) && rte_lcore_is_enabled(6) && rte_lcore_is_enabled(7));
			CHECK(rte_get_main_lcore() == 0);
			CHECK(rte_lcore_to_cpu_id(5) == 0 && rte_lcore_to_cpu_id(7) == 0);
			rte_cpuset_t s = rte_lcore_cpuset(7);
			CHECK(CPU_ISSET(0, &s) && CPU_ISSET(1, &s) && CPU_COUNT(&s) == 2);
			CHECK(rte_lcore_index(5) == 1 && rte_lcore_index(7) == 3);
			rte_eal_cleanup();
		}
	}
	ret = good(A(pfx, huge, "-l", "0", "-n", "4", "-r", "2", "--log-level", "lib.eal:debug",
		     "--log-level", "lib.ring,5", "--log-level", "6", "--no-pci", "-a", "0000:00:01.0",
		     "-b", "0000:00:02.0", "--vdev", "net_null0", "--no-telemetry", "--iova-mode=va",
		     "--huge-unlink", "--single-file-segments", "--proc-type=auto", "-v"));
	if (ret >= 0) {
		CHECK(rte_log_get_level(RTE_LOGTYPE_EAL) == (int)RTE_LOG_DEBUG);
		CHECK(rte_log_get_level(RTE_LOGTYPE_RING) == (int)RTE_LOG_WARNING);
		CHECK(rte_log_get_global_level() == RTE_LOG_NOTICE);
		CHECK(rte_eal_has_pci() == 0);
		CHECK(rte_eal_process_type() == RTE_PROC_PRIMARY);
		rte_eal_cleanup();
	}
	rte_log_set_global_level(RTE_LOG_ERR);
	ret = good(A(pfx, "--in-memory", "-l", "0", "-m", "64"));
	if (ret >= 0) {
		char path[512];
		struct stat st;
		snprintf(path, sizeof(path), "%s/config", rte_eal_get_runtime_dir());
		CHECK(stat(path, &st) != 0);   /* no lock file in memory-only mode */
		rte_eal_cleanup();
	}
	/* application's getopt state is preserved */
	optind = 3;
	ret = good(A(pfx, huge, "-l", "0"));
	CHECK(optind == 3);
	if (ret >= 0)
		rte_eal_cleanup();
	CHECK(rte_eal_cleanup() == -EFAULT);   /* not initialised */
	return test_done();
}
