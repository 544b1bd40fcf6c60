/* SPDX-License-Identifier: BSD-3-Clause
 * Tiny test harness: CHECK() records a failure and keeps going; the program
 * exits 0 pass, 1 fail, 77 skip (ctest SKIP_RETURN_CODE).
 *
 * test_eal_init() starts the EAL with a per-test file prefix plus whatever
 * DPLITE_TEST_EAL_ARGS holds (CI reruns the suite with "--no-huge"), so tests
 * never collide when ctest runs them in parallel. */
#ifndef DPLITE_TEST_H
#define DPLITE_TEST_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <rte_eal.h>
#include <rte_errno.h>

static int test_failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		test_failures++; \
	} \
} while (0)
#define CHECK_MSG(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		test_failures++; \
	} \
} while (0)
/* Fatal variant: stop the test now. */
#define REQUIRE(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "FATAL %s:%d: %s (rte_errno %d: %s)\n", __FILE__, __LINE__, \
			#cond, rte_errno, rte_strerror(rte_errno)); \
		exit(1); \
	} \
} while (0)
#define TEST_SKIP(...) do { \
	fprintf(stderr, "SKIP: " __VA_ARGS__); fputc('\n', stderr); exit(77); \
} while (0)

static inline int test_done(void)
{
	if (test_failures) {
		fprintf(stderr, "%d check(s) failed\n", test_failures);
		return 1;
	}
	return 0;
}

/* Build argv: prog, --file-prefix=<prefix>, $DPLITE_TEST_EAL_ARGS..., extra...
 * (extra is NULL-terminated). Returns argc; strings live until exit. */
static inline int test_eal_argv(char **argv, int max, const char *prefix, const char *const *extra)
{
	int n = 0;
	static char pfx[96];
	argv[n++] = (char *)"dplite-test";
	snprintf(pfx, sizeof(pfx), "--file-prefix=%s_%d", prefix, (int)getpid());
	argv[n++] = pfx;
	const char *env = getenv("DPLITE_TEST_EAL_ARGS");
	if (env && *env) {
		/* each copy is chained from a static, so it stays reachable until exit
		 * (argv may be used later; LeakSanitizer would call it a leak) */
		static void *keep;
		size_t len = strlen(env) + 1;
		void **blk = malloc(sizeof(void *) + len);
		char *copy = (char *)(blk + 1), *save = NULL;
		blk[0] = keep;
		keep = blk;
		memcpy(copy, env, len);
		for (char *t = strtok_r(copy, " ", &save); t && n < max - 1; t = strtok_r(NULL, " ", &save))
			argv[n++] = t;
	}
	for (int i = 0; extra && extra[i] && n < max - 1; i++)
		argv[n++] = (char *)extra[i];
	argv[n] = NULL;
	return n;
}

/* Init the EAL for a test or exit(1). extra: NULL-terminated list or NULL. */
static inline void test_eal_init(const char *prefix, const char *const *extra)
{
	char *argv[64];
	int argc = test_eal_argv(argv, 64, prefix, extra);
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "FATAL: rte_eal_init failed: %s\n", rte_strerror(rte_errno));
		exit(1);
	}
}

/* Entries in a directory (e.g. /proc/self/task, /proc/self/fd), -1 if it
 * cannot be read: tests compare these before and after to find leaks. */
static inline int test_count_dir(const char *path)
{
	DIR *d = opendir(path);
	int n = 0;
	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* The runtime base directory the EAL picks for this user (see
 * lib/eal/rundir.c and docs/eal.md): /var/run/dpdk for root,
 * $XDG_RUNTIME_DIR/dpdk, else /tmp/dpdk unless it is not ours (then the
 * per-user /tmp/dpdk-<uid>). */
static inline void test_runtime_base(char *buf, size_t len)
{
	const char *x = getenv("XDG_RUNTIME_DIR");
	struct stat st;
	if (getuid() == 0) {
		snprintf(buf, len, "/var/run/dpdk");
	} else if (x && x[0] == '/') {
		snprintf(buf, len, "%s/dpdk", x);
	} else if (lstat("/tmp/dpdk", &st) != 0 ||
		   (S_ISDIR(st.st_mode) && st.st_uid == geteuid() && !(st.st_mode & 022))) {
		snprintf(buf, len, "/tmp/dpdk");
	} else {
		snprintf(buf, len, "/tmp/dpdk-%u", (unsigned int)getuid());
	}
}

/* A test that kills its processes (kill -9, abort) removes what they left in
 * the runtime directory of prefix `name` (the value of --file-prefix), unless
 * a live process still holds the prefix lock. */
static inline void test_runtime_sweep(const char *name)
{
	char base[256], dir[512], path[1024];
	test_runtime_base(base, sizeof(base));
	if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", base, name) >= sizeof(dir))
		return;
	snprintf(path, sizeof(path), "%s/config", dir);
	int fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		struct flock fl;
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(fd, F_SETLK, &fl) != 0) {
			close(fd);
			return;   /* a live holder */
		}
	}
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	if (fd >= 0)
		close(fd);
	rmdir(dir);
}

/* True when the suite runs with --no-huge (DPLITE_TEST_EAL_ARGS). */
static inline int test_no_huge(void)
{
	const char *env = getenv("DPLITE_TEST_EAL_ARGS");
	return env && strstr(env, "--no-huge") != NULL;
}
#endif
