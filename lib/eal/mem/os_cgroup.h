/* SPDX-License-Identifier: BSD-3-Clause
 * Control-group memory limits (os_cgroup.c), for error messages. Not installed. */
#ifndef DPLITE_OS_CGROUP_H
#define DPLITE_OS_CGROUP_H
#include <stdbool.h>
#include <stdint.h>

struct eal_cgroup_limit {
	uint64_t limit;        /* bytes */
	uint64_t usage;        /* bytes charged now */
	char cgroup[256];      /* the cgroup's path */
};

/* The memory cgroup limit (huge: the hugetlb limit for page_sz) that applies
 * to this process. 0 and *out filled, or -1 when there is none. */
int eal_os_cgroup_limit(uint64_t page_sz, bool huge, struct eal_cgroup_limit *out);
#endif
