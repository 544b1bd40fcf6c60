/* SPDX-License-Identifier: BSD-3-Clause
 * Hugepage discovery: which page sizes this process may use and on which
 * NUMA nodes they live.
 *
 * A size is usable when the kernel has pages of it (nr_hugepages or overcommit
 * > 0 in /sys/kernel/mm/hugepages) AND a hugetlbfs mount of that size exists
 * that we may write to (/proc/mounts; --huge-dir restricts the choice to that
 * one mount). The mount is only a permission and intent signal: the pages
 * themselves come from a hugetlb memfd, so no file is ever left behind. Per
 * node counts come from /sys/devices/system/node/node<N>/hugepages. Only a
 * handful of small files are read: start-up stays cheap. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "eal_mem.h"

#define SYS_HP    "/sys/kernel/mm/hugepages"
#define SYS_NODES "/sys/devices/system/node"

static uint64_t default_hugepage_size(void)
{
	FILE *f = fopen("/proc/meminfo", "re");
	char line[128];
	uint64_t kb = 0;
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Hugepagesize: %" SCNu64 " kB", &kb) == 1)
			break;
	fclose(f);
	return kb << 10;
}

static uint64_t parse_size_suffix(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 10);
	switch (*end) {
	case 'k': case 'K': return v << 10;
	case 'm': case 'M': return v << 20;
	case 'g': case 'G': return v << 30;
	default: return v;
	}
}

/* Find a writable hugetlbfs mount of page_sz (restricted to want_dir if set). */
static bool find_mount(uint64_t page_sz, const char *want_dir, char *out, size_t outlen)
{
	FILE *f = fopen("/proc/mounts", "re");
	char dev[256], dir[PATH_MAX], type[64], opts[512];
	char want_real[PATH_MAX] = "";
	bool found = false;
	uint64_t def = 0;

	if (f == NULL)
		return false;
	if (want_dir && want_dir[0] && realpath(want_dir, want_real) == NULL) {
		fclose(f);
		return false;   /* --huge-dir names nothing that exists */
	}
	while (!found && fscanf(f, "%255s %4095s %63s %511s %*d %*d\n", dev, dir, type, opts) == 4) {
		if (strcmp(type, "hugetlbfs") != 0)
			continue;
		uint64_t sz = 0;
		char *p = strstr(opts, "pagesize=");
		if (p)
			sz = parse_size_suffix(p + strlen("pagesize="));
		else {
			if (def == 0)
				def = default_hugepage_size();
			sz = def;
		}
		if (sz != page_sz)
			continue;
		/* --huge-dir: the mount itself or a directory inside it (DPDK 22.11
		 * takes both; our backing is memfds, so only the size matters) */
		size_t dl = strlen(dir);
		if (want_real[0] && strcmp(want_real, dir) != 0 &&
		    !(strncmp(want_real, dir, dl) == 0 && want_real[dl] == '/'))
			continue;
		if (access(dir, W_OK) != 0)
			continue;
		snprintf(out, outlen, "%s", dir);
		found = true;
	}
	fclose(f);
	return found;
}

static long read_hp_count(const char *base, uint64_t page_sz, const char *file)
{
	char path[PATH_MAX + 64];
	if ((size_t)snprintf(path, sizeof(path), "%s/hugepages-%" PRIu64 "kB/%s", base,
			     page_sz >> 10, file) >= sizeof(path))
		return -1;
	return eal_os_read_ulong(path);
}

static uint32_t nodes_with_pages(uint64_t page_sz)
{
	uint32_t mask = 0;
	bool any_node_dir = false;
	char base[128];
	for (int n = 0; n < RTE_MAX_NUMA_NODES && n < 32; n++) {
		snprintf(base, sizeof(base), SYS_NODES "/node%d/hugepages", n);
		long nr = read_hp_count(base, page_sz, "nr_hugepages");
		if (nr < 0) {
			if (access(base, F_OK) == 0)
				any_node_dir = true;
			continue;
		}
		any_node_dir = true;
		if (nr > 0)
			mask |= 1u << n;
	}
	if (!any_node_dir || mask == 0)
		mask = 1;   /* no per-node info (or only surplus pages): node 0 */
	return mask;
}

int eal_hugepage_discover(struct eal_hp_info *info, int max)
{
	DIR *d = opendir(SYS_HP);
	struct dirent *de;
	int n = 0;
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && n < max) {
		uint64_t kb;
		if (sscanf(de->d_name, "hugepages-%" SCNu64 "kB", &kb) != 1)
			continue;
		uint64_t sz = kb << 10;
		long nr = read_hp_count(SYS_HP, sz, "nr_hugepages");
		long over = read_hp_count(SYS_HP, sz, "nr_overcommit_hugepages");
		if (nr <= 0 && over <= 0)
			continue;
		struct eal_hp_info *hi = &info[n];
		memset(hi, 0, sizeof(*hi));
		if (!find_mount(sz, eal.opt.hugepage_dir, hi->mount, sizeof(hi->mount))) {
			EAL_LOG(DEBUG, "hugepages of %" PRIu64 " kB: no writable hugetlbfs mount%s%s\n",
				kb, eal.opt.hugepage_dir[0] ? " at " : "", eal.opt.hugepage_dir);
			continue;
		}
		hi->page_sz = sz;
		hi->total = nr > 0 ? nr : 0;
		hi->nodes_mask = nodes_with_pages(sz);
		n++;
	}
	closedir(d);
	/* ascending by size */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && info[j].page_sz < info[j - 1].page_sz; j--) {
			struct eal_hp_info t = info[j];
			info[j] = info[j - 1];
			info[j - 1] = t;
		}
	return n;
}

/* Pages the kernel could still give: free ones plus unused surplus headroom. */
long eal_hugepage_free_count(uint64_t page_sz, int node)
{
	long v = -1;
	if (node >= 0) {
		char base[128];
		snprintf(base, sizeof(base), SYS_NODES "/node%d/hugepages", node);
		v = read_hp_count(base, page_sz, "free_hugepages");
	}
	if (v < 0)
		v = read_hp_count(SYS_HP, page_sz, "free_hugepages");
	if (v < 0)
		return -1;
	long over = read_hp_count(SYS_HP, page_sz, "nr_overcommit_hugepages");
	long surp = read_hp_count(SYS_HP, page_sz, "surplus_hugepages");
	if (over > 0 && surp >= 0 && over > surp)
		v += over - surp;
	return v;
}
