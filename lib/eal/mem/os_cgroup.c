/* SPDX-License-Identifier: BSD-3-Clause
 * Which control-group limit applies to this process's memory, for error
 * messages: when fallocate says ENOMEM, the reason is often a memory (or
 * hugetlb) cgroup limit rather than the machine running out.
 *
 * Reads /proc/self/cgroup and the controller files under /sys/fs/cgroup
 * (cgroup v2: memory.max / memory.current, hugetlb.<size>.max / .current;
 * v1: memory.limit_in_bytes / memory.usage_in_bytes, hugetlb.<size>.
 * limit_in_bytes / usage_in_bytes). libc only; no state; never fails loudly.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <inttypes.h>
#include "os_cgroup.h"

static int read_u64(const char *path, uint64_t *v)
{
	char buf[64];
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	int ok = fgets(buf, sizeof(buf), f) != NULL;
	fclose(f);
	if (!ok || strncmp(buf, "max", 3) == 0)
		return -1;
	return sscanf(buf, "%" SCNu64, v) == 1 ? 0 : -1;
}

static const char *size_name(uint64_t page_sz, char *buf, size_t len)
{
	if (page_sz >= (1ULL << 30))
		snprintf(buf, len, "%" PRIu64 "GB", page_sz >> 30);
	else if (page_sz >= (1ULL << 20))
		snprintf(buf, len, "%" PRIu64 "MB", page_sz >> 20);
	else
		snprintf(buf, len, "%" PRIu64 "KB", page_sz >> 10);
	return buf;
}

int eal_os_cgroup_limit(uint64_t page_sz, bool huge, struct eal_cgroup_limit *out)
{
	char line[512], path[768], sz[16];
	FILE *f = fopen("/proc/self/cgroup", "r");
	if (f == NULL)
		return -1;
	int found = -1;
	const char *ctl = huge ? "hugetlb" : "memory";
	size_name(page_sz, sz, sizeof(sz));
	while (found < 0 && fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (c2 == NULL)
			continue;
		*c2 = '\0';
		const char *ctls = c1 + 1, *cg = c2 + 1;
		uint64_t lim, use = 0;
		if (ctls[0] == '\0') {   /* v2 */
			const char *roots[] = { "/sys/fs/cgroup", "/sys/fs/cgroup/unified" };
			for (unsigned int r = 0; r < 2 && found < 0; r++) {
				if (huge)
					snprintf(path, sizeof(path), "%s%s/hugetlb.%s.max", roots[r], cg, sz);
				else
					snprintf(path, sizeof(path), "%s%s/memory.max", roots[r], cg);
				if (read_u64(path, &lim) < 0)
					continue;
				char *dot = strrchr(path, '.');
				snprintf(dot, sizeof(path) - (size_t)(dot - path), ".current");
				read_u64(path, &use);
				found = 0;
			}
		} else if (strstr(ctls, ctl) != NULL) {   /* v1 */
			if (huge)
				snprintf(path, sizeof(path), "/sys/fs/cgroup/hugetlb%s/hugetlb.%s.limit_in_bytes",
					 cg, sz);
			else
				snprintf(path, sizeof(path), "/sys/fs/cgroup/memory%s/memory.limit_in_bytes", cg);
			/* v1 reports "no limit" as a huge number */
			if (read_u64(path, &lim) < 0 || lim >= (1ULL << 62))
				continue;
			char *u = strstr(path, "limit_in_bytes");
			snprintf(u, sizeof(path) - (size_t)(u - path), "usage_in_bytes");
			read_u64(path, &use);
			found = 0;
		}
		if (found == 0) {
			out->limit = lim;
			out->usage = use;
			snprintf(out->cgroup, sizeof(out->cgroup), "%s", cg);
		}
	}
	fclose(f);
	return found;
}
