/* SPDX-License-Identifier: BSD-3-Clause
 * EAL start-up benchmark (built against dplite and against DPDK).
 *
 *   bench_eal --runs N --tag TAG [EAL args ...]
 *
 * runs itself N times as a child with the EAL args (fork + exec of
 * /proc/self/exe) and reports medians over the N children of:
 *   - exec wall time: fork -> exec -> dynamic loading -> rte_eal_init ->
 *     rte_eal_cleanup -> exit -> reaped, as the parent sees it;
 *   - init time: rte_eal_init() alone, timed inside the child;
 *   - VmRSS right after rte_eal_init (hugetlb mappings are not part of
 *     VmRSS; they are reported separately as HugetlbPages).
 * The parent itself never calls rte_eal_init.
 */
#include "bench_common.h"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_RUNS 64

static long status_kb(const char *field)
{
	char line[256];
	size_t len = strlen(field);
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, field, len) == 0 && line[len] == ':') {
			kb = strtol(line + len + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return kb;
}

static int child_main(int argc, char **argv)
{
	uint64_t t0 = bench_now_ns(), t1;
	long rss, huge;
	int ret = rte_eal_init(argc, argv);

	t1 = bench_now_ns();
	if (ret < 0)
		bench_fail("rte_eal_init (child)");
	rss = status_kb("VmRSS");
	huge = status_kb("HugetlbPages");
	printf("EALCHILD %llu %ld %ld\n", (unsigned long long)(t1 - t0), rss,
	       huge < 0 ? 0 : huge);
	fflush(stdout);
	rte_eal_cleanup();
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Run one child; fills wall/init/rss/huge. Returns 0 or -1. */
static int run_child(char **cargv, double *wall, double *init, double *rss, double *huge)
{
	char buf[8192];
	size_t used = 0;
	ssize_t got;
	int fds[2], st;
	uint64_t t0, t1;
	unsigned long long ns;
	long r, h;
	pid_t pid;
	char *line;

	if (pipe(fds) != 0)
		return -1;
	t0 = bench_now_ns();
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execv("/proc/self/exe", cargv);
		_exit(127);
	}
	close(fds[1]);
	while ((got = read(fds[0], buf + used, sizeof(buf) - 1 - used)) > 0) {
		used += (size_t)got;
		if (used == sizeof(buf) - 1) {   /* keep the tail only */
			memmove(buf, buf + used / 2, used - used / 2);
			used -= used / 2;
		}
	}
	close(fds[0]);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	t1 = bench_now_ns();
	buf[used] = '\0';
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench_eal: child failed (status 0x%x); its output:\n%s\n", st, buf);
		return -1;
	}
	line = strstr(buf, "EALCHILD ");
	if (line == NULL || sscanf(line, "EALCHILD %llu %ld %ld", &ns, &r, &h) != 3) {
		fprintf(stderr, "bench_eal: child printed no result:\n%s\n", buf);
		return -1;
	}
	*wall = (double)(t1 - t0) / 1e6;
	*init = (double)ns / 1e6;
	*rss = (double)r / 1024.0;
	*huge = (double)h / 1024.0;
	return 0;
}

int main(int argc, char **argv)
{
	double wall[MAX_RUNS], init[MAX_RUNS], rss[MAX_RUNS], huge[MAX_RUNS];
	const char *tag = "default";
	char *cargv[128];
	char key[64], desc[160];
	int runs = 5, i, a = 1, n = 0;

	if (argc < 2 || strcmp(argv[1], "--runs") != 0)
		return child_main(argc, argv);

	runs = atoi(argv[2]);
	a = 3;
	if (a + 1 < argc && strcmp(argv[a], "--tag") == 0) {
		tag = argv[a + 1];
		a += 2;
	}
	if (runs < 1 || runs > MAX_RUNS || argc - a > 120) {
		fprintf(stderr, "bench_eal: bad --runs or too many args\n");
		return 2;
	}
	cargv[n++] = argv[0];
	for (i = a; i < argc; i++)
		cargv[n++] = argv[i];
	cargv[n] = NULL;

	for (i = 0; i < runs; i++) {
		if (run_child(cargv, &wall[i], &init[i], &rss[i], &huge[i]) != 0) {
			printf("BENCH-ERROR\teal child run failed (%s)\n", tag);
			return 1;
		}
	}
	snprintf(key, sizeof(key), "eal.%s.exec", tag);
	snprintf(desc, sizeof(desc), "EAL %s: process exec->init->exit wall time", tag);
	bench_result(key, "ms", median(wall, runs), desc);
	snprintf(key, sizeof(key), "eal.%s.init", tag);
	snprintf(desc, sizeof(desc), "EAL %s: rte_eal_init() in-process time", tag);
	bench_result(key, "ms", median(init, runs), desc);
	snprintf(key, sizeof(key), "eal.%s.rss", tag);
	snprintf(desc, sizeof(desc), "EAL %s: VmRSS after rte_eal_init", tag);
	bench_result(key, "MiB", median(rss, runs), desc);
	snprintf(key, sizeof(key), "eal.%s.hugetlb", tag);
	snprintf(desc, sizeof(desc), "EAL %s: hugetlb memory mapped after rte_eal_init", tag);
	bench_result(key, "MiB", median(huge, runs), desc);
	return 0;
}
