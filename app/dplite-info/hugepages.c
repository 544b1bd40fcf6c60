/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-info hugepages [--reclaim] [--prefix P] [--json]: who holds the host's hugetlb
 * pages. A pure reader of /sys, /proc and hugetlbfs mounts: it starts no EAL,
 * needs no running primary, and sees DPDK processes as well as dplite ones.
 *
 * Sources, and what each answers:
 *   /sys/kernel/mm/hugepages/hugepages-<N>kB/   total, free, reserved, surplus
 *                                               per page size
 *   /proc/<pid>/smaps   hugetlb mappings (KernelPageSize above the base page)
 *                       and how many of their pages the process has mapped
 *                       (Shared_Hugetlb + Private_Hugetlb); the device and
 *                       inode of each mapping's backing
 *   /proc/<pid>/fd      the runtime-directory files a process holds open
 *                       (<base>/dpdk.../<prefix>/config: its file prefix) and
 *                       its memfds, stat'ed for their allocated pages
 *   /proc/mounts        the hugetlbfs mounts, whose files are listed
 *   /proc/locks         who holds the prefix lock (an fcntl lock on
 *                       <runtime>/config, DPDK's and dplite's alike) and
 *                       DPDK's per-file shared flocks
 *
 * A holder's kind: "dplite" when it maps dplite's memfds (memfd:dplite_msl<N>
 * for memseg lists, memfd:dplite_config for the shared config), "dpdk" when
 * it maps hugetlbfs files named <prefix>map_<N> or librte_eal, else "other".
 *
 * Leaked DPDK files: a hugetlbfs file named <prefix>map_<N> that no process
 * maps or holds open, that no process holds a lock on, and whose prefix lock
 * (<runtime>/<prefix>/config, looked up where DPDK puts runtime directories
 * for the file's owner) is not held. --reclaim removes exactly those: under
 * an exclusive flock on the mount directory (DPDK's allocators take the same
 * lock before creating files) and an exclusive flock on the file itself (a
 * live DPDK process holds a shared one), rechecking the prefix lock first.
 *
 * As a user who may not read another user's /proc/<pid>/smaps, those
 * processes are counted and named in one line; the page-size totals and the
 * file list (when the mount is readable) are still shown.
 *
 * Exit: 0 done (also --reclaim with nothing to reclaim), 1 a file could not be
 * removed, /sys could not be read, or --prefix P matched no process and no
 * file, 2 bad arguments.
 *
 * May call: libc only (the library is not initialised). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "hugepages.h"

#define MAX_SIZES 8

struct hp_size {
	uint64_t sz;                 /* bytes */
	long total, free, resv, surp;
	long held_procs;             /* pages in backings live processes hold */
	long in_leaked;              /* pages in leaked DPDK files */
	long in_other_files;         /* pages in files nobody holds that are not DPDK's */
};

/* One backing object (hugetlbfs file, memfd, anonymous hugetlb) by dev/ino. */
struct backing {
	dev_t dev;
	ino_t ino;
	uint64_t page_sz;
	long alloc_pages;            /* from st_blocks; -1 when not stat'able */
	long max_mapped;             /* most pages any one process maps */
	bool held;                   /* a live process maps it or holds it open */
	char name[256];
};

struct hmap {                        /* one holder's mapping, grouped by backing */
	size_t b;                    /* index into backings */
	long mapped_pages;
	uint64_t vma_bytes;
};

struct holder {
	int pid;
	char cmd[512];
	char kind[8];
	char role[12];
	char prefix[128];
	char rundir[384];
	long pages[MAX_SIZES];       /* mapped, by size index */
	struct hmap *m;
	size_t nm;
};

struct hfile {
	char path[800];
	char prefix[128];            /* DPDK prefix parsed from the name, "" if none */
	uint64_t page_sz;
	uint64_t bytes;
	long pages;
	uid_t uid;
	dev_t dev;
	ino_t ino;
	int holder_pid;              /* a process maps/holds/locks it, else 0 */
	int lock_pid;                /* prefix lock holder, else 0 */
	const char *state;           /* "in use", "prefix locked", "leaked", "orphan" */
	bool leaked;
	bool removed;
	int err;
};

static struct hp_size sizes[MAX_SIZES];
static int nsizes;
static uint64_t base_page;
static struct backing *backs;
static size_t nbacks, capbacks;
static struct holder *holders;
static size_t nholders, capholders;
static struct hfile *files;
static size_t nfiles, capfiles;
static const char *only_prefix;      /* --prefix P: show and reclaim only P's */
static int *unreadable;
static size_t nunread, capunread;

/* /proc/locks, parsed once */
struct plock {
	bool posix;
	bool write;
	int pid;
	unsigned int maj, min;
	unsigned long ino;
};
static struct plock *locks;
static size_t nlocks, caplocks;

#define GROW(arr, n, cap) do { \
	if ((n) == (cap)) { \
		size_t nc_ = (cap) ? (cap) * 2 : 16; \
		void *p_ = realloc((arr), nc_ * sizeof(*(arr))); \
		if (p_ == NULL) { fprintf(stderr, "dplite-info: out of memory\n"); exit(1); } \
		(arr) = p_; (cap) = nc_; \
	} \
} while (0)

static int size_index(uint64_t sz)
{
	for (int i = 0; i < nsizes; i++)
		if (sizes[i].sz == sz)
			return i;
	return -1;
}

static long read_long(const char *dir, const char *name)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *f = fopen(p, "r");
	long v = -1;
	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static int read_sizes(void)
{
	const char *root = "/sys/kernel/mm/hugepages";
	DIR *d = opendir(root);
	struct dirent *e;
	if (d == NULL) {
		fprintf(stderr, "dplite-info: cannot read %s: %s (no hugetlb support?)\n", root,
			strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL && nsizes < MAX_SIZES) {
		unsigned long kb;
		if (sscanf(e->d_name, "hugepages-%lukB", &kb) != 1)
			continue;
		char dir[400];
		snprintf(dir, sizeof(dir), "%s/%s", root, e->d_name);
		struct hp_size *s = &sizes[nsizes++];
		memset(s, 0, sizeof(*s));
		s->sz = (uint64_t)kb << 10;
		s->total = read_long(dir, "nr_hugepages");
		s->free = read_long(dir, "free_hugepages");
		s->resv = read_long(dir, "resv_hugepages");
		s->surp = read_long(dir, "surplus_hugepages");
	}
	closedir(d);
	/* smallest first */
	for (int i = 1; i < nsizes; i++)
		for (int j = i; j > 0 && sizes[j].sz < sizes[j - 1].sz; j--) {
			struct hp_size t = sizes[j];
			sizes[j] = sizes[j - 1];
			sizes[j - 1] = t;
		}
	return 0;
}

static void read_locks(void)
{
	FILE *f = fopen("/proc/locks", "r");
	char line[512];
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f)) {
		char cls[32], adv[32], mode[32];
		struct plock l;
		int n = 0;
		/* "1: POSIX  ADVISORY  WRITE 1234 00:27:3396062 0 EOF"; blocked waiters
		 * appear as "1: -> POSIX ..." and are skipped */
		if (strstr(line, "->"))
			continue;
		if (sscanf(line, "%*d: %31s %31s %31s %d %x:%x:%lu%n", cls, adv, mode, &l.pid,
			   &l.maj, &l.min, &l.ino, &n) < 7)
			continue;
		l.posix = strcmp(cls, "POSIX") == 0 || strcmp(cls, "OFDLCK") == 0;
		l.write = strcmp(mode, "WRITE") == 0;
		GROW(locks, nlocks, caplocks);
		locks[nlocks++] = l;
	}
	fclose(f);
}

/* pid of a lock on the file (dev, ino): want_posix_write selects the prefix
 * lock kind; otherwise any lock. 0 if none. */
static int lock_on(dev_t dev, ino_t ino, bool want_posix_write)
{
	for (size_t i = 0; i < nlocks; i++) {
		const struct plock *l = &locks[i];
		if (l->maj != major(dev) || l->min != minor(dev) || l->ino != (unsigned long)ino)
			continue;
		if (want_posix_write && !(l->posix && l->write))
			continue;
		return l->pid > 0 ? l->pid : 1;
	}
	return 0;
}

/* Holder of the prefix lock on a config file, 0 if none or no such file.
 * F_GETLK asks the kernel directly; /proc/locks answers where the file may
 * be stat'ed but not opened. */
static int prefix_lock_holder(const char *config_path, bool *exists)
{
	struct stat st;
	*exists = false;
	if (stat(config_path, &st) != 0)
		return 0;
	*exists = true;
	int fd = open(config_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0) {
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		int rc = fcntl(fd, F_GETLK, &fl);
		close(fd);
		if (rc == 0)
			return fl.l_type == F_UNLCK ? 0 : (fl.l_pid > 0 ? fl.l_pid : 1);
	}
	return lock_on(st.st_dev, st.st_ino, true);
}

static uint64_t parse_size_opt(const char *v)
{
	char *end;
	uint64_t n = strtoull(v, &end, 10);
	switch (toupper((unsigned char)*end)) {
	case 'K': n <<= 10; break;
	case 'M': n <<= 20; break;
	case 'G': n <<= 30; break;
	default: break;
	}
	return n;
}

static uint64_t default_huge_size(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	uint64_t kb = 0;
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Hugepagesize: %" SCNu64, &kb) == 1)
			break;
	fclose(f);
	return kb << 10;
}

/* ---- backings ---------------------------------------------------------------------------- */
static size_t backing_get(dev_t dev, ino_t ino, uint64_t page_sz, const char *name)
{
	for (size_t i = 0; i < nbacks; i++)
		if (backs[i].dev == dev && backs[i].ino == ino)
			return i;
	GROW(backs, nbacks, capbacks);
	struct backing *b = &backs[nbacks];
	memset(b, 0, sizeof(*b));
	b->dev = dev;
	b->ino = ino;
	b->page_sz = page_sz;
	b->alloc_pages = -1;
	snprintf(b->name, sizeof(b->name), "%s", name);
	return nbacks++;
}

/* ---- processes --------------------------------------------------------------------------- */
static void read_cmdline(int pid, char *buf, size_t len)
{
	char p[64];
	snprintf(p, sizeof(p), "/proc/%d/cmdline", pid);
	buf[0] = '\0';
	int fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	ssize_t n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0) {
		buf[0] = '\0';
		return;
	}
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0' || buf[i] == '\n')
			buf[i] = ' ';
	buf[n] = '\0';
}

/* "<...>/dpdk<...>/<prefix>/config" -> prefix and runtime dir */
static bool runtime_config_path(const char *path, char *prefix, size_t plen, char *dir, size_t dlen)
{
	size_t n = strlen(path);
	static const char tail[] = "/config";
	if (n < sizeof(tail) || strcmp(path + n - (sizeof(tail) - 1), tail) != 0)
		return false;
	const char *end = path + n - (sizeof(tail) - 1);      /* at "/config" */
	const char *p = end;
	while (p > path && p[-1] != '/')
		p--;
	if (p == end || p <= path + 1)
		return false;
	const char *q = p - 1;                                /* '/' before prefix */
	const char *b = q;
	while (b > path && b[-1] != '/')
		b--;
	if (strncmp(b, "dpdk", 4) != 0)
		return false;
	snprintf(prefix, plen, "%.*s", (int)(end - p), p);
	snprintf(dir, dlen, "%.*s", (int)(end - path), path);
	return true;
}

/* "--file-prefix X" / "--file-prefix=X" in a command line */
static void prefix_from_cmdline(const char *cmd, char *prefix, size_t plen)
{
	const char *p = strstr(cmd, "--file-prefix");
	if (p == NULL)
		return;
	p += strlen("--file-prefix");
	if (*p != '=' && *p != ' ')
		return;
	p++;
	size_t n = strcspn(p, " ");
	if (n > 0)
		snprintf(prefix, plen, "%.*s", (int)n, p);
}

/* Does this hugetlbfs file name look like DPDK's "<prefix>map_<N>"? */
static bool dpdk_file_prefix(const char *base, char *prefix, size_t plen)
{
	const char *m = strstr(base, "map_");
	const char *last = NULL;
	while (m) {
		last = m;
		m = strstr(m + 1, "map_");
	}
	if (last == NULL || last == base)
		return false;
	const char *d = last + 4;
	if (*d == '\0')
		return false;
	for (; *d; d++)
		if (!isdigit((unsigned char)*d))
			return false;
	snprintf(prefix, plen, "%.*s", (int)(last - base), base);
	return true;
}

static void scan_fds(int pid, struct holder *h)
{
	char dpath[64], lpath[600], target[512];
	snprintf(dpath, sizeof(dpath), "/proc/%d/fd", pid);
	DIR *d = opendir(dpath);
	struct dirent *e;
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(lpath, sizeof(lpath), "%s/%s", dpath, e->d_name);
		ssize_t n = readlink(lpath, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (h->prefix[0] == '\0')
			runtime_config_path(target, h->prefix, sizeof(h->prefix), h->rundir,
					    sizeof(h->rundir));
		struct stat st;
		if (stat(lpath, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		for (size_t i = 0; i < nbacks; i++)
			if (backs[i].dev == st.st_dev && backs[i].ino == st.st_ino) {
				backs[i].held = true;
				if (backs[i].alloc_pages < 0 && backs[i].page_sz)
					backs[i].alloc_pages = (long)(((uint64_t)st.st_blocks * 512) /
								      backs[i].page_sz);
			}
	}
	closedir(d);
}

/* One VMA of /proc/<pid>/smaps while it is read. */
struct vma {
	bool in_vma;
	uint64_t start, end;
	unsigned int maj, min;
	unsigned long ino;
	uint64_t kps;                /* KernelPageSize, bytes */
	uint64_t hug_kb;             /* Shared_Hugetlb + Private_Hugetlb */
	char name[256];
};

/* The VMA just read is complete: a hugetlb one joins the holder's mappings
 * (grouped by backing). Returns whether it was hugetlb. */
static bool vma_flush(struct holder *h, struct vma *v, bool *dpdk)
{
	bool was = v->in_vma;
	v->in_vma = false;
	if (!was || v->kps <= base_page || size_index(v->kps) < 0)
		return false;
	char pf[128];
	if (v->name[0] == '/' && dpdk_file_prefix(strrchr(v->name, '/') + 1, pf, sizeof(pf)))
		*dpdk = true;
	/* inode 0 cannot be shared: give it a key of its own */
	size_t bi = v->ino ? backing_get(makedev(v->maj, v->min), (ino_t)v->ino, v->kps, v->name)
			   : backing_get(0, (ino_t)(nbacks + 1000000000UL), v->kps, v->name);
	size_t k;
	for (k = 0; k < h->nm; k++)
		if (h->m[k].b == bi)
			break;
	if (k == h->nm) {
		void *p = realloc(h->m, (h->nm + 1) * sizeof(*h->m));
		if (p == NULL) {
			fprintf(stderr, "dplite-info: out of memory\n");
			exit(1);
		}
		h->m = p;
		memset(&h->m[k], 0, sizeof(h->m[k]));
		h->m[k].b = bi;
		h->nm++;
	}
	long pages = (long)((v->hug_kb << 10) / v->kps);
	h->m[k].mapped_pages += pages;
	h->m[k].vma_bytes += v->end - v->start;
	h->pages[size_index(v->kps)] += pages;
	return true;
}

/* Parse /proc/<pid>/smaps; returns -1 if it cannot be read (another user's
 * process), 0 otherwise. Adds a holder when it maps any hugetlb page or
 * hugetlb backing. */
static int scan_process(int pid)
{
	char path[64], line[1024];
	snprintf(path, sizeof(path), "/proc/%d/smaps", pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return errno == ENOENT || errno == ESRCH ? 0 : -1;

	struct holder h;
	memset(&h, 0, sizeof(h));
	h.pid = pid;
	bool dplite = false, dpdk = false, any = false;

	struct vma v = { .name = "" };
	while (fgets(line, sizeof(line), f)) {
		uint64_t a, b;
		char perms[8];
		unsigned long off;
		unsigned int maj, min;
		unsigned long ino;
		int pos = 0;
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %lx %x:%x %lu %n", &a, &b, perms, &off,
			   &maj, &min, &ino, &pos) >= 7 && strchr(line, '-') < strchr(line, ' ')) {
			any |= vma_flush(&h, &v, &dpdk);
			v.in_vma = true;
			v.start = a;
			v.end = b;
			v.maj = maj;
			v.min = min;
			v.ino = ino;
			v.kps = 0;
			v.hug_kb = 0;
			const char *nm = line + pos;
			while (*nm == ' ')
				nm++;
			snprintf(v.name, sizeof(v.name), "%s", nm);
			v.name[strcspn(v.name, "\n")] = '\0';
			if (strstr(v.name, "memfd:dplite_"))
				dplite = true;
			if (strstr(v.name, "librte_eal"))
				dpdk = true;
			if (v.name[0] == '/' && h.prefix[0] == '\0' &&
			    runtime_config_path(v.name, h.prefix, sizeof(h.prefix), h.rundir,
						sizeof(h.rundir)))
				dpdk = true;    /* DPDK maps <runtime>/config; dplite never does */
			continue;
		}
		uint64_t x;
		if (sscanf(line, "KernelPageSize: %" SCNu64, &x) == 1)
			v.kps = x << 10;
		else if (sscanf(line, "Shared_Hugetlb: %" SCNu64, &x) == 1)
			v.hug_kb += x;
		else if (sscanf(line, "Private_Hugetlb: %" SCNu64, &x) == 1)
			v.hug_kb += x;
	}
	any |= vma_flush(&h, &v, &dpdk);
	fclose(f);
	if (!any) {
		free(h.m);
		return 0;
	}
	read_cmdline(pid, h.cmd, sizeof(h.cmd));
	scan_fds(pid, &h);
	if (h.prefix[0] == '\0')
		prefix_from_cmdline(h.cmd, h.prefix, sizeof(h.prefix));
	snprintf(h.kind, sizeof(h.kind), "%s", dplite ? "dplite" : dpdk ? "dpdk" : "other");
	for (size_t k = 0; k < h.nm; k++) {
		struct backing *bk = &backs[h.m[k].b];
		bk->held = true;
		if (h.m[k].mapped_pages > bk->max_mapped)
			bk->max_mapped = h.m[k].mapped_pages;
	}
	if (h.rundir[0]) {
		char cfg[450];
		bool exists;
		snprintf(cfg, sizeof(cfg), "%s/config", h.rundir);
		int lp = prefix_lock_holder(cfg, &exists);
		snprintf(h.role, sizeof(h.role), "%s", lp == pid ? "primary" : lp ? "secondary" : "");
	}
	if (only_prefix && strcmp(only_prefix, h.prefix) != 0) {
		free(h.m);
		return 0;
	}
	GROW(holders, nholders, capholders);
	holders[nholders++] = h;
	return 0;
}

static void scan_processes(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int self = (int)getpid();
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);
		if (*end != '\0' || pid <= 0 || pid == self)
			continue;
		if (scan_process((int)pid) < 0) {
			GROW(unreadable, nunread, capunread);
			unreadable[nunread++] = (int)pid;
		}
	}
	closedir(d);
	/* holders by pid, for stable output */
	for (size_t i = 1; i < nholders; i++)
		for (size_t j = i; j > 0 && holders[j].pid < holders[j - 1].pid; j--) {
			struct holder t = holders[j];
			holders[j] = holders[j - 1];
			holders[j - 1] = t;
		}
}

/* ---- hugetlbfs files --------------------------------------------------------------------- */
/* Where DPDK (and dplite) would put <prefix>'s runtime directory for the
 * owner of a file: root's /var/run/dpdk, a user's $XDG_RUNTIME_DIR/dpdk
 * (/run/user/<uid>/dpdk), /tmp/dpdk, and dplite's /tmp/dpdk-<uid>. */
static int file_prefix_lock(const char *prefix, uid_t uid)
{
	char p[4][512];
	int n = 0;
	snprintf(p[n++], sizeof(p[0]), "/var/run/dpdk/%s/config", prefix);
	snprintf(p[n++], sizeof(p[0]), "/run/user/%u/dpdk/%s/config", (unsigned int)uid, prefix);
	snprintf(p[n++], sizeof(p[0]), "/tmp/dpdk/%s/config", prefix);
	snprintf(p[n++], sizeof(p[0]), "/tmp/dpdk-%u/%s/config", (unsigned int)uid, prefix);
	for (int i = 0; i < n; i++) {
		bool exists;
		int pid = prefix_lock_holder(p[i], &exists);
		if (pid)
			return pid;
	}
	return 0;
}

static void classify_file(struct hfile *hf)
{
	hf->holder_pid = 0;
	for (size_t i = 0; i < nbacks; i++)
		if (backs[i].dev == hf->dev && backs[i].ino == hf->ino && backs[i].held) {
			/* the first holder that maps it */
			for (size_t k = 0; k < nholders && !hf->holder_pid; k++)
				for (size_t j = 0; j < holders[k].nm; j++)
					if (holders[k].m[j].b == i) {
						hf->holder_pid = holders[k].pid;
						break;
					}
			if (!hf->holder_pid)
				hf->holder_pid = -1;          /* held open, holder unknown */
		}
	int lk = lock_on(hf->dev, hf->ino, false);
	if (!hf->holder_pid && lk)
		hf->holder_pid = lk;
	hf->lock_pid = hf->prefix[0] ? file_prefix_lock(hf->prefix, hf->uid) : 0;
	hf->leaked = false;
	if (hf->holder_pid)
		hf->state = "in use";
	else if (hf->lock_pid)
		hf->state = "prefix locked";
	else if (hf->prefix[0]) {
		hf->state = "leaked";
		hf->leaked = true;
	} else {
		hf->state = "orphan";
	}
}

static char unlisted[4][512];         /* hugetlbfs mounts we may not list */
static int nunlisted, unlisted_err;

static void scan_mount(const char *dir, uint64_t page_sz)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (d == NULL) {
		if (nunlisted < 4)
			snprintf(unlisted[nunlisted++], sizeof(unlisted[0]), "%s", dir);
		unlisted_err = errno;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || strcmp(e->d_name, "..") == 0))
			continue;
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		GROW(files, nfiles, capfiles);
		struct hfile *hf = &files[nfiles++];
		memset(hf, 0, sizeof(*hf));
		snprintf(hf->path, sizeof(hf->path), "%s/%s", dir, e->d_name);
		hf->page_sz = page_sz;
		hf->bytes = (uint64_t)st.st_size;
		hf->pages = (long)(((uint64_t)st.st_blocks * 512) / page_sz);
		hf->uid = st.st_uid;
		hf->dev = st.st_dev;
		hf->ino = st.st_ino;
		if (!dpdk_file_prefix(e->d_name, hf->prefix, sizeof(hf->prefix)))
			hf->prefix[0] = '\0';
		if (only_prefix && strcmp(only_prefix, hf->prefix) != 0) {
			nfiles--;
			continue;
		}
		/* a hugetlbfs file's allocated pages, for the accounting */
		for (size_t i = 0; i < nbacks; i++)
			if (backs[i].dev == st.st_dev && backs[i].ino == st.st_ino)
				backs[i].alloc_pages = hf->pages;
		classify_file(hf);
	}
	closedir(d);
}

static void scan_mounts(void)
{
	FILE *f = fopen("/proc/mounts", "r");
	char line[1024];
	uint64_t def = default_huge_size();
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f)) {
		char src[256], dir[512], type[64], opts[512];
		if (sscanf(line, "%255s %511s %63s %511s", src, dir, type, opts) != 4 ||
		    strcmp(type, "hugetlbfs") != 0)
			continue;
		uint64_t ps = def;
		const char *o = strstr(opts, "pagesize=");
		if (o)
			ps = parse_size_opt(o + strlen("pagesize="));
		if (ps == 0)
			continue;
		/* the same mount listed twice (bind mounts): once is enough */
		bool seen = false;
		struct stat st;
		if (stat(dir, &st) == 0)
			for (size_t i = 0; i < nfiles; i++)
				if (files[i].dev == st.st_dev)
					seen = true;
		if (!seen)
			scan_mount(dir, ps);
	}
	fclose(f);
}

/* ---- accounting -------------------------------------------------------------------------- */
static void account(void)
{
	for (size_t i = 0; i < nbacks; i++) {
		struct backing *b = &backs[i];
		int si = size_index(b->page_sz);
		if (si < 0 || !b->held)
			continue;
		long p = b->alloc_pages >= 0 ? b->alloc_pages : b->max_mapped;
		sizes[si].held_procs += p;
	}
	for (size_t i = 0; i < nfiles; i++) {
		int si = size_index(files[i].page_sz);
		if (si < 0 || files[i].holder_pid)
			continue;
		if (files[i].leaked)
			sizes[si].in_leaked += files[i].pages;
		else
			sizes[si].in_other_files += files[i].pages;
	}
}

/* ---- reclaim ----------------------------------------------------------------------------- */
/* Remove one leaked file, rechecking under the locks DPDK itself uses. */
static int reclaim_file(struct hfile *hf)
{
	char dir[800];
	snprintf(dir, sizeof(dir), "%s", hf->path);
	char *slash = strrchr(dir, '/');
	const char *base = slash + 1;
	*slash = '\0';
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	/* DPDK's allocators create files under this lock: we never race one */
	int rc = -EBUSY;
	for (int i = 0; i < 100; i++) {
		if (flock(dfd, LOCK_EX | LOCK_NB) == 0) {
			rc = 0;
			break;
		}
		usleep(10000);
	}
	if (rc < 0) {
		close(dfd);
		return rc;
	}
	int fd = openat(dfd, base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		goto out;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_ino != hf->ino || st.st_dev != hf->dev) {
		rc = -ESTALE;                 /* replaced since the scan */
		goto out_fd;
	}
	/* a live DPDK process holds a shared flock on each of its files */
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		rc = -EBUSY;
		goto out_fd;
	}
	if (file_prefix_lock(hf->prefix, hf->uid) != 0) {
		rc = -EBUSY;
		goto out_fd;
	}
	if (unlinkat(dfd, base, 0) != 0)
		rc = -errno;
out_fd:
	close(fd);
out:
	close(dfd);
	return rc;
}

/* ---- output ------------------------------------------------------------------------------ */
static void json_str(FILE *o, const char *s)
{
	fputc('"', o);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(o, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(o, "\\u%04x", c);
		else
			fputc(c, o);
	}
	fputc('"', o);
}

static void size_str(uint64_t sz, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64 "kB", sz >> 10);
}

static void print_json(FILE *o, bool reclaim, long reclaimed_pages)
{
	fprintf(o, "{\"sizes\":[");
	for (int i = 0; i < nsizes; i++) {
		const struct hp_size *s = &sizes[i];
		long in_use = s->total - s->free;
		fprintf(o, "%s{\"page_size\":%" PRIu64 ",\"total\":%ld,\"free\":%ld,\"reserved\":%ld,"
			"\"surplus\":%ld,\"in_use\":%ld,\"held_by_processes\":%ld,\"in_leaked_files\":%ld,"
			"\"in_other_files\":%ld}", i ? "," : "", s->sz, s->total, s->free, s->resv,
			s->surp, in_use, s->held_procs, s->in_leaked, s->in_other_files);
	}
	fprintf(o, "],\"holders\":[");
	for (size_t i = 0; i < nholders; i++) {
		const struct holder *h = &holders[i];
		fprintf(o, "%s{\"pid\":%d,\"cmdline\":", i ? "," : "", h->pid);
		json_str(o, h->cmd);
		fprintf(o, ",\"kind\":\"%s\",\"role\":\"%s\",\"prefix\":", h->kind, h->role);
		json_str(o, h->prefix);
		fprintf(o, ",\"runtime_dir\":");
		json_str(o, h->rundir);
		fprintf(o, ",\"pages\":{");
		bool first = true;
		for (int s = 0; s < nsizes; s++)
			if (h->pages[s] || s == 0) {
				fprintf(o, "%s\"%" PRIu64 "\":%ld", first ? "" : ",", sizes[s].sz, h->pages[s]);
				first = false;
			}
		fprintf(o, "},\"mappings\":[");
		for (size_t k = 0; k < h->nm; k++) {
			const struct backing *b = &backs[h->m[k].b];
			fprintf(o, "%s{\"name\":", k ? "," : "");
			json_str(o, b->name);
			fprintf(o, ",\"page_size\":%" PRIu64 ",\"mapped_pages\":%ld,\"allocated_pages\":%ld,"
				"\"vma_bytes\":%" PRIu64 ",\"dev\":\"%u:%u\",\"ino\":%lu}", b->page_sz,
				h->m[k].mapped_pages, b->alloc_pages, h->m[k].vma_bytes,
				major(b->dev), minor(b->dev), (unsigned long)b->ino);
		}
		fprintf(o, "]}");
	}
	fprintf(o, "],\"files\":[");
	for (size_t i = 0; i < nfiles; i++) {
		const struct hfile *f = &files[i];
		fprintf(o, "%s{\"path\":", i ? "," : "");
		json_str(o, f->path);
		fprintf(o, ",\"page_size\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"pages\":%ld,\"uid\":%u,"
			"\"dpdk_prefix\":", f->page_sz, f->bytes, f->pages, (unsigned int)f->uid);
		json_str(o, f->prefix);
		fprintf(o, ",\"state\":\"%s\",\"holder_pid\":%d,\"prefix_lock_pid\":%d", f->state,
			f->holder_pid, f->lock_pid);
		if (reclaim && f->leaked)
			fprintf(o, ",\"removed\":%s,\"error\":\"%s\"", f->removed ? "true" : "false",
				f->err ? strerror(-f->err) : "");
		fprintf(o, "}");
	}
	fprintf(o, "],\"unreadable_pids\":[");
	for (size_t i = 0; i < nunread; i++)
		fprintf(o, "%s%d", i ? "," : "", unreadable[i]);
	fprintf(o, "],\"unlisted_mounts\":[");
	for (int i = 0; i < nunlisted; i++) {
		fprintf(o, "%s", i ? "," : "");
		json_str(o, unlisted[i]);
	}
	fprintf(o, "]");
	if (reclaim)
		fprintf(o, ",\"reclaimed_pages\":%ld", reclaimed_pages);
	fprintf(o, "}\n");
}

/* Group a holder's backings by name stem ("hpx2map_0".."hpx2map_31" share
 * "hpx2map_"), so a DPDK process's many files read as one line. */
static void stem(const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s", name);
	char *d = strstr(out, " (deleted)");
	if (d)
		*d = '\0';
	size_t n = strlen(out);
	while (n > 0 && isdigit((unsigned char)out[n - 1]))
		n--;
	out[n] = '\0';
}

static void print_holder_text(const struct holder *h)
{
	char sz[32];
	printf("pid %d  %s%s%s", h->pid, h->kind, h->role[0] ? " " : "", h->role);
	if (h->prefix[0])
		printf("  prefix %s", h->prefix);
	if (h->rundir[0])
		printf(" (%s)", h->rundir);
	printf("\n  cmd: %.200s\n", h->cmd[0] ? h->cmd : "?");
	for (int s = 0; s < nsizes; s++)
		if (h->pages[s]) {
			size_str(sizes[s].sz, sz, sizeof(sz));
			printf("  %s pages mapped: %ld (%" PRIu64 " MiB)\n", sz, h->pages[s],
			       ((uint64_t)h->pages[s] * sizes[s].sz) >> 20);
		}
	bool *done = calloc(h->nm ? h->nm : 1, sizeof(bool));
	if (done == NULL)
		return;
	for (size_t k = 0; k < h->nm; k++) {
		if (done[k])
			continue;
		char st1[260], st2[260];
		stem(backs[h->m[k].b].name, st1, sizeof(st1));
		long pages = 0, n = 0;
		for (size_t j = k; j < h->nm; j++) {
			stem(backs[h->m[j].b].name, st2, sizeof(st2));
			if (strcmp(st1, st2) == 0 && backs[h->m[j].b].page_sz == backs[h->m[k].b].page_sz) {
				done[j] = true;
				pages += h->m[j].mapped_pages;
				n++;
			}
		}
		size_str(backs[h->m[k].b].page_sz, sz, sizeof(sz));
		if (n == 1)
			printf("    %-44s %6ld x %s\n", backs[h->m[k].b].name, pages, sz);
		else
			printf("    %-44s %6ld x %s in %ld backings\n", strcat(st1, "*"), pages, sz, n);
	}
	free(done);
}

static void print_text(bool reclaim, long reclaimed_pages, size_t nleaked)
{
	char sz[32];
	printf("hugepages (from /sys/kernel/mm/hugepages; in use = total - free)\n");
	printf("  %-11s %7s %7s %9s %8s %7s   %s\n", "size", "total", "free", "reserved", "surplus",
	       "in use", "of which: held by processes / leaked DPDK files / other files");
	for (int i = 0; i < nsizes; i++) {
		const struct hp_size *s = &sizes[i];
		size_str(s->sz, sz, sizeof(sz));
		printf("  %-11s %7ld %7ld %9ld %8ld %7ld   %ld / %ld / %ld\n", sz, s->total, s->free,
		       s->resv, s->surp, s->total - s->free, s->held_procs, s->in_leaked,
		       s->in_other_files);
	}
	printf("\nholders (%zu)\n", nholders);
	if (nholders == 0)
		printf("  none\n");
	for (size_t i = 0; i < nholders; i++)
		print_holder_text(&holders[i]);

	printf("\nhugetlbfs files (%zu)\n", nfiles);
	if (nfiles == 0)
		printf("  none\n");
	/* group by directory + DPDK prefix + state */
	bool *done = calloc(nfiles ? nfiles : 1, sizeof(bool));
	for (size_t i = 0; done && i < nfiles; i++) {
		if (done[i])
			continue;
		char dir[800];
		snprintf(dir, sizeof(dir), "%s", files[i].path);
		*strrchr(dir, '/') = '\0';
		long n = 0, pages = 0;
		for (size_t j = i; j < nfiles; j++) {
			char dj[800];
			snprintf(dj, sizeof(dj), "%s", files[j].path);
			*strrchr(dj, '/') = '\0';
			if (strcmp(dir, dj) == 0 && strcmp(files[i].prefix, files[j].prefix) == 0 &&
			    strcmp(files[i].state, files[j].state) == 0 &&
			    (files[i].prefix[0] || j == i) && (!reclaim || files[i].removed == files[j].removed)) {
				done[j] = true;
				n++;
				pages += files[j].pages;
			}
		}
		size_str(files[i].page_sz, sz, sizeof(sz));
		if (files[i].prefix[0])
			printf("  %s/%smap_*  %ld file%s, %ld x %s  DPDK prefix %s: %s", dir, files[i].prefix,
			       n, n == 1 ? "" : "s", pages, sz, files[i].prefix, files[i].state);
		else
			printf("  %s  %ld x %s: %s", files[i].path, pages, sz, files[i].state);
		if (files[i].holder_pid > 0)
			printf(" (pid %d)", files[i].holder_pid);
		else if (files[i].lock_pid > 0)
			printf(" (pid %d holds the prefix lock)", files[i].lock_pid);
		if (reclaim && files[i].leaked)
			printf(files[i].removed ? " -> removed" : " -> NOT removed: %s",
			       files[i].err ? strerror(-files[i].err) : "");
		printf("\n");
	}
	free(done);

	if (reclaim) {
		if (nleaked == 0)
			printf("\nnothing to reclaim: no leaked DPDK hugepage files\n");
		else
			printf("\nreclaimed %ld page%s from leaked DPDK files\n", reclaimed_pages,
			       reclaimed_pages == 1 ? "" : "s");
	} else if (nleaked) {
		printf("\n%zu leaked DPDK file%s (no process holds them or their prefix lock): "
		       "'dplite-info hugepages --reclaim' removes them\n", nleaked, nleaked == 1 ? "" : "s");
	}
	for (int i = 0; i < nunlisted; i++)
		printf("\ncannot list hugetlbfs mount %s: %s (its files are not shown)\n", unlisted[i],
		       strerror(unlisted_err));
	if (nunread) {
		printf("\ncannot read /proc/PID/smaps of %zu process%s (%s; pid", nunread,
		       nunread == 1 ? "" : "es", geteuid() == 0 ? "denied to root here" :
		       "other users' processes");
		for (size_t i = 0; i < nunread && i < 8; i++)
			printf(" %d", unreadable[i]);
		printf("%s): their pages count as in use but not as held%s\n",
		       nunread > 8 ? " ..." : "", geteuid() ? "; run as root to see them" : "");
	}
}

static void hp_usage(FILE *o)
{
	fprintf(o, "usage: dplite-info hugepages [--reclaim] [--prefix P] [--json]\n"
		"  every hugetlb page on the host by size, the processes holding them (pid,\n"
		"  command line, dplite/DPDK file prefix, mappings) and the hugetlbfs files;\n"
		"  --reclaim removes leaked DPDK files (<prefix>map_N that no process holds);\n"
		"  --prefix P shows (and reclaims) only what belongs to file prefix P\n");
}

int hugepages_cmd(int argc, char **argv, bool json)
{
	static const struct option opts[] = {
		{ "reclaim", no_argument, NULL, 'r' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool reclaim = false;
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, "+hjp:", opts, NULL)) != -1) {
		switch (o) {
		case 'r': reclaim = true; break;
		case 'p': only_prefix = optarg; break;
		case 'j': json = true; break;
		case 'h': hp_usage(stdout); return 0;
		default:
			if (optopt == 'p')
				fprintf(stderr, "dplite-info hugepages: --prefix needs a file prefix\n");
			else
				fprintf(stderr, "dplite-info hugepages: unknown option '%s'\n",
					argv[optind - 1]);
			hp_usage(stderr);
			return 2;
		}
	}
	if (only_prefix && (only_prefix[0] == '\0' || strchr(only_prefix, '/'))) {
		fprintf(stderr, "dplite-info hugepages: bad file prefix '%s'\n", only_prefix);
		return 2;
	}
	if (optind < argc) {
		fprintf(stderr, "dplite-info hugepages: unexpected argument '%s'\n", argv[optind]);
		hp_usage(stderr);
		return 2;
	}

	base_page = (uint64_t)sysconf(_SC_PAGESIZE);
	if (read_sizes() < 0)
		return 1;
	read_locks();
	scan_processes();
	scan_mounts();
	account();

	size_t nleaked = 0;
	long reclaimed = 0;
	int rc = 0;
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].leaked)
			nleaked++;
	/* Processes not readable hide holders; a file they map is still
	 * protected by DPDK's flock, which reclaim_file() takes. */
	if (reclaim)
		for (size_t i = 0; i < nfiles; i++) {
			if (!files[i].leaked)
				continue;
			files[i].err = reclaim_file(&files[i]);
			files[i].removed = files[i].err == 0;
			if (files[i].removed) {
				reclaimed += files[i].pages;
				int si = size_index(files[i].page_sz);
				if (si >= 0)
					sizes[si].in_leaked -= files[i].pages;
			} else {
				rc = 1;
				if (!json)
					fprintf(stderr, "dplite-info: cannot remove %s: %s\n", files[i].path,
						strerror(-files[i].err));
			}
		}
	if (reclaimed > 0) {
		/* show the kernel's counts as they are now, after the unlinks */
		for (int i = 0; i < nsizes; i++) {
			char dir[96];
			snprintf(dir, sizeof(dir), "/sys/kernel/mm/hugepages/hugepages-%" PRIu64 "kB",
				 sizes[i].sz >> 10);
			sizes[i].total = read_long(dir, "nr_hugepages");
			sizes[i].free = read_long(dir, "free_hugepages");
			sizes[i].resv = read_long(dir, "resv_hugepages");
			sizes[i].surp = read_long(dir, "surplus_hugepages");
		}
	}
	if (only_prefix && !reclaim && nholders == 0 && nfiles == 0) {
		fprintf(stderr, "dplite-info hugepages: no process maps hugepages and no hugetlbfs "
			"file belongs to file prefix '%s'\n", only_prefix);
		return 1;
	}
	if (json)
		print_json(stdout, reclaim, reclaimed);
	else
		print_text(reclaim, reclaimed, nleaked);
	return rc;
}
