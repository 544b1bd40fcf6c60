/* SPDX-License-Identifier: BSD-3-Clause
 * Honest messages:
 *  - rte_free(mz->addr) says it is a memzone's memory (not "double free")
 *    and leaves the zone intact;
 *  - rte_memzone_reserve with length 0 and nothing to give: one clear log
 *    line and ENOMEM;
 *  - no silent wrong results: a count-0 ring with RING_F_EXACT_SZ and a
 *    mempool whose private_data_size would wrap (UINT32_MAX) are refused
 *    with EINVAL and one log line;
 *  - under a memory cgroup limit (root, cgroup v1 memory controller: a
 *    throwaway cgroup is created and removed), the ENOMEM line names the
 *    cgroup limit instead of claiming the kernel ran out of pages.
 * usage: test_rel_messages */
#include <fcntl.h>
#include <sys/stat.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include "rel_test.h"

static char *cap_buf;
static size_t cap_len;
static FILE *cap_f;

static void cap_begin(void)
{
	cap_f = open_memstream(&cap_buf, &cap_len);
	rte_openlog_stream(cap_f);
}

/* Stop capturing; number of log lines; *has: needle seen. */
static int cap_end(const char *needle, int *has)
{
	rte_openlog_stream(NULL);
	fclose(cap_f);
	int lines = 0;
	for (const char *p = cap_buf; p && *p; p++)
		lines += *p == '\n';
	if (has)
		*has = needle && cap_buf && strstr(cap_buf, needle) != NULL;
	if (getenv("REL_VERBOSE"))
		fputs(cap_buf ? cap_buf : "", stderr);
	free(cap_buf);
	cap_buf = NULL;
	return lines;
}

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

/* In the cgroup: allocate until refused; 0 when the refusal names the limit. */
static int cgroup_child(void)
{
	char *argv[] = { (char *)"rel", rel_prefix, (char *)"--no-huge", (char *)"-m",
			 (char *)"1024", (char *)"--lcores=0@0", NULL };
	if (rte_eal_init(6, argv) < 0)
		return 2;
	cap_begin();
	static void *b[512];
	int n = 0;
	while (n < 512 && (b[n] = rte_malloc(NULL, 4 << 20, 0)) != NULL)
		n++;
	int has = 0;
	cap_end("cgroup limit is reached", &has);
	for (int i = 0; i < n; i++)
		rte_free(b[i]);
	rte_eal_cleanup();
	if (n == 512)
		return 3;   /* the limit never bit */
	return has ? 0 : 4;
}

static void cgroup_case(const char *self)
{
	const char *root = "/sys/fs/cgroup/memory";
	char dir[256], path[320], pid[32];
	struct stat st;
	if (geteuid() != 0 || stat(root, &st) != 0) {
		fprintf(stderr, "cgroup case skipped (needs root and a cgroup v1 memory controller)\n");
		return;
	}
	snprintf(dir, sizeof(dir), "%s/dplite_rel_%d", root, (int)getpid());
	if (mkdir(dir, 0755) != 0) {
		fprintf(stderr, "cgroup case skipped (cannot create %s)\n", dir);
		return;
	}
	snprintf(path, sizeof(path), "%s/memory.limit_in_bytes", dir);
	int ok = write_file(path, "100663296") == 0;   /* 96 MiB */
	snprintf(path, sizeof(path), "%s/memory.oom_control", dir);
	ok = ok && write_file(path, "1") == 0;          /* ENOMEM instead of the OOM killer */
	if (ok) {
		pid_t c = fork();
		if (c == 0) {
			snprintf(pid, sizeof(pid), "%d", (int)getpid());
			snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
			if (write_file(path, pid) != 0)
				_exit(77);
			execl(self, self, "cgchild", rel_prefix, "-", (char *)NULL);
			_exit(127);
		}
		rel_children[rel_nchildren++] = c;
		int stc = rel_wait(c, 60000);
		if (stc == 77)
			fprintf(stderr, "cgroup case skipped (cannot join the cgroup)\n");
		else
			CHECK_MSG(stc == 0, "under a 96 MiB memory cgroup: the ENOMEM line does not name "
				  "the cgroup limit (child status %d)", stc);
	} else {
		fprintf(stderr, "cgroup case skipped (cannot set the limit)\n");
	}
	for (int i = 0; i < 100 && rmdir(dir) != 0; i++)
		usleep(20000);
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "cgchild") == 0) {
		snprintf(rel_prefix, sizeof(rel_prefix), "%s", argv[2]);
		return cgroup_child();
	}
	rel_watchdog(120);
	test_eal_init("relmsg", NULL);

	/* rte_free of a memzone's memory */
	const struct rte_memzone *mz = rte_memzone_reserve("rel_msg_zone", 100000, SOCKET_ID_ANY, 0);
	REQUIRE(mz != NULL);
	int has = 0, lines;
	cap_begin();
	rte_free(mz->addr);
	lines = cap_end("memzone", &has);
	CHECK_MSG(lines == 1 && has, "rte_free(mz->addr): %d line(s), memzone named: %d", lines, has);
	CHECK(rte_malloc_validate(mz->addr, NULL) == 0);   /* still allocated */
	CHECK(rte_memzone_lookup("rel_msg_zone") == mz);
	cap_begin();
	CHECK(rte_memzone_free(mz) == 0);
	lines = cap_end(NULL, NULL);
	CHECK_MSG(lines == 0, "rte_memzone_free after it: %d log line(s)", lines);

	/* length 0 on a socket with no heap: one line, ENOMEM */
	cap_begin();
	const struct rte_memzone *z0 = rte_memzone_reserve("rel_msg_z0", 0, RTE_MAX_NUMA_NODES - 1, 0);
	int err = rte_errno;
	lines = cap_end("length 0", &has);
	CHECK_MSG(z0 == NULL && err == ENOMEM, "length 0, no heap: %p errno %d", (const void *)z0, err);
	CHECK_MSG(lines == 1 && has, "length 0, no heap: %d line(s), explained: %d", lines, has);
	/* length 0 with SOCKET_ID_ANY: the largest free block, or that one line */
	cap_begin();
	z0 = rte_memzone_reserve("rel_msg_z0", 0, SOCKET_ID_ANY, 0);
	err = rte_errno;
	lines = cap_end(NULL, NULL);
	if (z0 != NULL) {
		CHECK(lines == 0 && z0->len > 0);
		rte_memzone_free(z0);
	} else {
		CHECK_MSG(err == ENOMEM && lines == 1, "length 0, any socket: errno %d, %d line(s)", err,
			  lines);
	}
	/* refusals instead of silent wrong results */
	cap_begin();
	struct rte_ring *r0 = rte_ring_create("rel_r0", 0, SOCKET_ID_ANY, RING_F_EXACT_SZ);
	err = rte_errno;
	lines = cap_end(NULL, NULL);
	CHECK_MSG(r0 == NULL && err == EINVAL && lines == 1,
		  "count-0 RING_F_EXACT_SZ ring: %p errno %d, %d line(s)", (void *)r0, err, lines);
	struct rte_ring ring_mem[4];
	CHECK(rte_ring_init(ring_mem, "rel_r0i", 0, RING_F_EXACT_SZ) == -EINVAL);
	cap_begin();
	struct rte_mempool *mp = rte_mempool_create_empty("rel_mp_priv", 63, 64, 0, UINT32_MAX,
							  SOCKET_ID_ANY, 0);
	err = rte_errno;
	lines = cap_end("private data", &has);
	CHECK_MSG(mp == NULL && err == EINVAL && lines == 1 && has,
		  "private_data_size UINT32_MAX: %p errno %d, %d line(s)", (void *)mp, err, lines);
	rte_eal_cleanup();

	snprintf(rel_prefix, sizeof(rel_prefix), "--file-prefix=relmsgcg_%d", (int)getpid());
	cgroup_case(argv[0]);
	return test_done();
}
