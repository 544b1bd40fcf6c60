/* SPDX-License-Identifier: BSD-3-Clause
 * The server's lifecycle and footprint: socket and directory permissions
 * (another user cannot connect), 100,000 queries grow neither the libc
 * heap nor RSS, 500 connect/disconnect cycles leave no thread or fd behind,
 * --no-telemetry serves nothing, --telemetry is accepted, a stale socket
 * file is replaced, and cleanup removes the socket and every thread. */
#include <malloc.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include "tel_test.h"

/* Sanitizers keep freed memory in quarantine and shadow it: RSS says
 * nothing about leaks there (LeakSanitizer and the libc counters do). */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RSS_MEANINGFUL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define RSS_MEANINGFUL 0
#endif
#endif
#ifndef RSS_MEANINGFUL
#define RSS_MEANINGFUL 1
#endif

/* LeakSanitizer asks this at exit: skip the check in the forked child,
 * which holds copies of the parent's allocations without its threads. */
static pid_t parent_pid;
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
	return parent_pid != 0 && getpid() != parent_pid;
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/* Threads of this process whose name starts with "telemetry". */
static int tel_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)) != NULL) {
		char p[300], comm[64] = "";
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "/proc/self/task/%s/comm", e->d_name);
		FILE *f = fopen(p, "r");
		if (f && fgets(comm, sizeof(comm), f) && strncmp(comm, "telemetry", 9) == 0)
			n++;
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return n;
}

/* threads settle: finished client threads are joined within ~1 s (waits
 * up to 10 s for a loaded machine) */
static int tel_threads_settle(int want)
{
	int n = tel_threads();
	for (int i = 0; i < 1000 && n != want; i++) {
		usleep(10000);
		n = tel_threads();
	}
	return n;
}

static void init_with(const char *opt)
{
	const char *extra[] = { opt, NULL };
	test_eal_init("tel_life", opt ? extra : NULL);
}

int main(void)
{
	char path[512];
	struct stat st;
	const struct jv *d;
	struct jv *v;

	init_with(NULL);
	CHECK(tel_threads() == 1);                     /* the listener */
	tt_path(path, sizeof(path), 0);

	/* permissions: owner only */
	REQUIRE(stat(path, &st) == 0);
	CHECK(S_ISSOCK(st.st_mode));
	CHECK((st.st_mode & 0077) == 0);
	CHECK(st.st_uid == getuid());
	REQUIRE(stat(rte_eal_get_runtime_dir(), &st) == 0);
	CHECK((st.st_mode & 0077) == 0);
	if (getuid() == 0) {
		pid_t pid = fork();
		if (pid == 0) {
			if (setgid(65534) != 0 || setuid(65534) != 0)
				_exit(3);
			struct sockaddr_un sun = { .sun_family = AF_UNIX };
			snprintf(sun.sun_path, sizeof(sun.sun_path), "%.100s", path);
			int s = socket(AF_UNIX, SOCK_SEQPACKET, 0);
			int rc = connect(s, (struct sockaddr *)&sun, sizeof(sun));
			_exit(rc == 0 ? 1 : errno == EACCES ? 0 : 2);
		}
		int status = 0;
		waitpid(pid, &status, 0);
		CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "other user: status %d", status);
	}

	/* connect/disconnect cycles leave nothing behind */
	int fds0 = test_count_dir("/proc/self/fd");
	for (int i = 0; i < 500; i++) {
		int fd = tt_connect();
		if (i % 2) {
			v = tt_query(fd, "/eal/heap_list", "/eal/heap_list", &d);
			CHECK(v != NULL);
			jv_free(v);
		}
		close(fd);
	}
	CHECK_MSG(tel_threads_settle(1) == 1, "telemetry threads %d, want 1", tel_threads());
	int fds1 = test_count_dir("/proc/self/fd");
	for (int i = 0; i < 1000 && fds1 != fds0; i++) {      /* server ends close async */
		usleep(10000);
		fds1 = test_count_dir("/proc/self/fd");
	}
	CHECK_MSG(fds1 == fds0, "fds %d, before %d", fds1, fds0);

	/* a forked child that exits leaves the parent's socket alone (the
	 * atexit unlink is the creating process's only) */
	int keep = tt_connect();                       /* a client across the fork */
	parent_pid = getpid();
	pid_t child = fork();
	if (child == 0)
		exit(access(path, F_OK) == 0 ? 0 : 1);
	int cstatus = 0;
	waitpid(child, &cstatus, 0);
	CHECK_MSG(WIFEXITED(cstatus) && WEXITSTATUS(cstatus) == 0, "child status %d", cstatus);
	CHECK(access(path, F_OK) == 0);
	v = tt_query(keep, "/info", "/info", &d);
	CHECK(v && jv_i64(jv_get(d, "pid")) == getpid());
	jv_free(v);
	close(keep);
	{
		int fd2 = tt_connect();
		v = tt_query(fd2, "/info", "/info", &d);
		CHECK(v != NULL);
		jv_free(v);
		close(fd2);
	}

	/* 100,000 queries: no growth of the libc heap or of RSS */
	static const char *const reqs[] = { "/", "/eal/heap_info,0", "/mempool/list", "/eal/memseg_lists",
					    "/eal/hugepages", "/eal/params", "/nosuch", "/eal/lcore/info,0",
					    "/eal/heap_types", "/help,/info" };
	int fd = tt_connect();
	static char out[TT_BUF];
	for (int i = 0; i < 2000; i++) {
		const char *r = reqs[i % 10];
		CHECK(tc_query(fd, r, strlen(r), out, sizeof(out)) > 0);
	}
	struct mallinfo2 m0 = mallinfo2();
	long rss0 = rss_kb();
	int bad = 0;
	for (int i = 0; i < 100000; i++) {
		const char *r = reqs[i % 10];
		if (tc_query(fd, r, strlen(r), out, sizeof(out)) <= 0)
			bad++;
	}
	struct mallinfo2 m1 = mallinfo2();
	long rss1 = rss_kb();
	CHECK(bad == 0);
	CHECK_MSG(m1.uordblks <= m0.uordblks + 4096, "libc heap in use %zu -> %zu", m0.uordblks,
		  m1.uordblks);
	if (RSS_MEANINGFUL)
		CHECK_MSG(rss1 <= rss0 + 256, "RSS %ld kB -> %ld kB", rss0, rss1);
	close(fd);

	/* cleanup removes the socket and every telemetry thread */
	rte_eal_cleanup();
	CHECK(access(path, F_OK) != 0);
	CHECK_MSG(tel_threads() == 0, "telemetry threads after cleanup: %d", tel_threads());

	/* --no-telemetry: no socket */
	init_with("--no-telemetry");
	tt_path(path, sizeof(path), 0);
	CHECK(access(path, F_OK) != 0);
	rte_eal_cleanup();

	/* a stale socket file (its process died) is replaced; --telemetry is accepted */
	init_with("--no-telemetry");
	tt_path(path, sizeof(path), 0);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%.100s", path);
	int s = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	CHECK(bind(s, (struct sockaddr *)&sun, sizeof(sun)) == 0);
	close(s);                                      /* file stays, nobody listens */
	rte_eal_cleanup();
	init_with("--telemetry");
	tt_path(path, sizeof(path), 0);
	fd = tt_connect();
	v = tt_query(fd, "/info", "/info", &d);
	CHECK(v && jv_i64(jv_get(d, "pid")) == getpid());
	jv_free(v);
	close(fd);
	rte_eal_cleanup();
	CHECK(access(path, F_OK) != 0);
	return test_done();
}
