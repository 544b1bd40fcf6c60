/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers for the `dplite-info hugepages` tests: run the tool and parse its
 * --json output (app/dplite-info/json.c), start Debian's dpdk-test as a DPDK
 * primary on a pipe, and read the kernel's 2 MiB page counters. Every wait
 * is bounded. */
#ifndef HP_TEST_H
#define HP_TEST_H
#include <grp.h>
#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include "test.h"
#include "json.h"

#define HP_2M (2ULL << 20)

static char hp_out[1 << 20];
static char hp_err[64 * 1024];

/* Run argv (argv[0] a path), stdout into hp_out, stderr into hp_err; as_uid
 * >= 0 drops to that uid/gid first. Returns the exit status, -1 on a hang
 * (killed after ~30 s) or a signal. */
static inline int hp_run_as(const char *const *args, int as_uid)
{
	int po[2], pe[2];
	REQUIRE(pipe(po) == 0 && pipe(pe) == 0);
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		if (as_uid >= 0 && (setgroups(0, NULL) != 0 || setgid((gid_t)as_uid) != 0 ||
				    setuid((uid_t)as_uid) != 0))
			_exit(126);
		execv(args[0], (char *const *)args);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	size_t lo = 0, le = 0;
	bool open_o = true, open_e = true;
	for (int waited = 0; (open_o || open_e) && waited < 300;) {
		struct pollfd q[2] = { { .fd = open_o ? po[0] : -1, .events = POLLIN },
				       { .fd = open_e ? pe[0] : -1, .events = POLLIN } };
		if (poll(q, 2, 100) == 0) {
			waited++;
			continue;
		}
		if (q[0].revents) {
			ssize_t n = read(po[0], hp_out + lo, sizeof(hp_out) - 1 - lo);
			if (n <= 0)
				open_o = false;
			else
				lo += (size_t)n;
		}
		if (q[1].revents) {
			ssize_t n = read(pe[0], hp_err + le, sizeof(hp_err) - 1 - le);
			if (n <= 0)
				open_e = false;
			else
				le += (size_t)n;
		}
	}
	hp_out[lo] = '\0';
	hp_err[le] = '\0';
	close(po[0]);
	close(pe[0]);
	int status;
	pid_t done = 0;
	for (int i = 0; i < 500 && (done = waitpid(pid, &status, WNOHANG)) == 0; i++)
		usleep(10000);
	if (done == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static inline int hp_run(const char *const *args)
{
	return hp_run_as(args, -1);
}

/* `tool hugepages [extra...] --json`, parsed; NULL (and a FAIL) when the
 * output is not JSON. *rc gets the exit status. */
static inline struct jv *hp_json(const char *tool, const char *a1, const char *a2, const char *a3, int *rc)
{
	const char *args[8] = { tool, "hugepages" };
	int n = 2;
	if (a1)
		args[n++] = a1;
	if (a2)
		args[n++] = a2;
	if (a3)
		args[n++] = a3;
	args[n++] = "--json";
	args[n] = NULL;
	*rc = hp_run(args);
	struct jv *v = jv_parse(hp_out, strlen(hp_out));
	CHECK_MSG(v != NULL && v->t == JV_OBJ, "not JSON (rc %d): %.300s / %.300s", *rc, hp_out,
		  hp_err);
	return v;
}

static inline const struct jv *hp_holder(const struct jv *all, long pid)
{
	const struct jv *h = jv_get(all, "holders");
	for (size_t i = 0; h && i < h->n; i++)
		if (jv_i64(jv_get(&h->v[i], "pid")) == pid)
			return &h->v[i];
	return NULL;
}

static inline const char *hp_s(const struct jv *v)
{
	return v && v->t == JV_STR ? v->s : "";
}

/* pages of 2 MiB a holder maps, from its "pages" object */
static inline long hp_holder_2m(const struct jv *h)
{
	return (long)jv_i64(jv_get(jv_get(h, "pages"), "2097152"));
}

static inline long hp_sys(const char *what)
{
	char p[128];
	long v = -1;
	snprintf(p, sizeof(p), "/sys/kernel/mm/hugepages/hugepages-2048kB/%s", what);
	FILE *f = fopen(p, "r");
	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* The hugetlbfs mount of 2 MiB pages DPDK uses by default, or NULL. */
static inline const char *hp_mount(void)
{
	static char dir[256];
	char line[1024], src[128], type[64], opts[512];
	FILE *f = fopen("/proc/mounts", "r");
	const char *found = NULL;
	while (f && !found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %255s %63s %511s", src, dir, type, opts) == 4 &&
		    strcmp(type, "hugetlbfs") == 0 && (strstr(opts, "pagesize=2M") || !strstr(opts, "pagesize=")))
			found = dir;
	if (f)
		fclose(f);
	return found;
}

/* Pages (by st_blocks) and count of the files <mount>/<prefix>map_N. */
static inline long hp_prefix_files(const char *mount, const char *prefix, long *nfiles)
{
	DIR *d = opendir(mount);
	struct dirent *e;
	long pages = 0, n = 0;
	size_t pl = strlen(prefix);
	while (d && (e = readdir(d)) != NULL) {
		struct stat st;
		if (strncmp(e->d_name, prefix, pl) != 0 || strncmp(e->d_name + pl, "map_", 4) != 0)
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, 0) != 0)
			continue;
		pages += (long)(((uint64_t)st.st_blocks * 512) / HP_2M);
		n++;
	}
	if (d)
		closedir(d);
	if (nfiles)
		*nfiles = n;
	return pages;
}

/* ---- a DPDK primary: Debian's dpdk-test, prompt on a pipe ------------------------------- */
struct hp_dpdk {
	pid_t pid;
	int in;                  /* its stdin: "quit\n" ends it */
	int out;                 /* its stdout+stderr */
};

static inline const char *hp_dpdk_test_path(void)
{
	static const char *const cands[] = { "/usr/bin/dpdk-test", "/usr/local/bin/dpdk-test", NULL };
	for (int i = 0; cands[i]; i++)
		if (access(cands[i], X_OK) == 0)
			return cands[i];
	return NULL;
}

/* Start dpdk-test with --file-prefix prefix and -m mb; waits (bounded) for
 * its prompt. Returns 0, or -1 with the child gone. */
static inline int hp_dpdk_start(struct hp_dpdk *d, const char *prefix, int mb, const char *huge_dir)
{
	int pi[2], po[2];
	char pfx[128], m[16];
	const char *bin = hp_dpdk_test_path();
	if (bin == NULL || pipe(pi) != 0 || pipe(po) != 0)
		return -1;
	snprintf(pfx, sizeof(pfx), "--file-prefix=%s", prefix);
	snprintf(m, sizeof(m), "%d", mb);
	d->pid = fork();
	if (d->pid == 0) {
		dup2(pi[0], 0);
		dup2(po[1], 1);
		dup2(po[1], 2);
		close(pi[1]);
		close(po[0]);
		if (huge_dir)
			execl(bin, bin, pfx, "-l", "0", "--no-pci", "-m", m, "--huge-dir", huge_dir,
			      "--log-level=lib.eal:notice", (char *)NULL);
		else
			execl(bin, bin, pfx, "-l", "0", "--no-pci", "-m", m,
			      "--log-level=lib.eal:notice", (char *)NULL);
		_exit(127);
	}
	close(pi[0]);
	close(po[1]);
	d->in = pi[1];
	d->out = po[0];
	char buf[16384];
	size_t len = 0;
	for (int waited = 0; waited < 600;) {          /* 60 s */
		struct pollfd q = { .fd = d->out, .events = POLLIN };
		if (poll(&q, 1, 100) == 0) {
			waited++;
			continue;
		}
		ssize_t n = read(d->out, buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, "RTE>>"))
			return 0;
		if (len > sizeof(buf) - 256)
			len = 0;
	}
	fprintf(stderr, "dpdk-test did not come up: %s\n", buf);
	kill(d->pid, SIGKILL);
	waitpid(d->pid, NULL, 0);
	close(d->in);
	close(d->out);
	return -1;
}

/* End it: "quit" (clean) or SIGKILL; always reaps. */
static inline void hp_dpdk_stop(struct hp_dpdk *d, bool kill9)
{
	int status;
	if (kill9) {
		kill(d->pid, SIGKILL);
	} else if (write(d->in, "quit\n", 5) != 5) {
		kill(d->pid, SIGKILL);
	}
	close(d->in);
	for (int i = 0; i < 1000 && waitpid(d->pid, &status, WNOHANG) == 0; i++)
		usleep(10000);
	if (waitpid(d->pid, &status, WNOHANG) == 0) {
		kill(d->pid, SIGKILL);
		waitpid(d->pid, &status, 0);
	}
	close(d->out);
}

/* A hugetlbfs mount of our own (root): DPDK's start-up removes every
 * unlocked "*map_*" file in its --huge-dir, whatever the prefix, so a leak
 * left in the shared /dev/hugepages may vanish when someone else starts DPDK.
 * Unmounted at exit (which also frees anything left in it). NULL if the
 * mount is refused. */
static char hp_priv_dir[64];
static inline void hp_private_umount(void)
{
	if (hp_priv_dir[0]) {
		umount2(hp_priv_dir, MNT_DETACH);
		rmdir(hp_priv_dir);
		hp_priv_dir[0] = '\0';
	}
}
static inline const char *hp_private_mount_opts(const char *opts)
{
	snprintf(hp_priv_dir, sizeof(hp_priv_dir), "/tmp/dplite-hp.XXXXXX");
	if (mkdtemp(hp_priv_dir) == NULL) {
		hp_priv_dir[0] = '\0';
		return NULL;
	}
	if (mount("nodev", hp_priv_dir, "hugetlbfs", 0, opts) != 0) {
		rmdir(hp_priv_dir);
		hp_priv_dir[0] = '\0';
		return NULL;
	}
	atexit(hp_private_umount);
	return hp_priv_dir;
}
static inline const char *hp_private_mount(void)
{
	return hp_private_mount_opts("pagesize=2M");
}

/* Pages the kernel charges to a hugetlbfs mount mounted with size= (its
 * subpool: every page of every file in it), -1 without a size= limit. */
static inline long hp_mount_used(const char *dir)
{
	struct statvfs sv;
	if (statvfs(dir, &sv) != 0 || sv.f_blocks == 0 || sv.f_blocks == (fsblkcnt_t)-1)
		return -1;
	return (long)(sv.f_blocks - sv.f_bfree);
}

/* Remove a dead DPDK primary's runtime directory (config, fbarrays, ...). */
static inline void hp_rm_rundir(const char *prefix)
{
	char dir[256];
	snprintf(dir, sizeof(dir), "/var/run/dpdk/%s", prefix);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	if (d)
		closedir(d);
	rmdir(dir);
}

/* Skip unless root (DPDK needs it for hugepages), dpdk-test exists and
 * enough free 2 MiB pages. */
static inline void hp_require_dpdk(long pages)
{
	if (geteuid() != 0)
		TEST_SKIP("DPDK primaries need root for hugepages");
	if (hp_dpdk_test_path() == NULL)
		TEST_SKIP("Debian's dpdk-test is not installed");
	if (hp_mount() == NULL)
		TEST_SKIP("no hugetlbfs mount of 2 MiB pages");
	if (hp_sys("free_hugepages") < pages + 16)
		TEST_SKIP("fewer than %ld free 2 MiB hugepages", pages + 16);
}
#endif
