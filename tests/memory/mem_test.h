/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers for the memory tests: /proc/meminfo and RSS readers. */
#ifndef DPLITE_MEM_TEST_H
#define DPLITE_MEM_TEST_H
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Value of a /proc/meminfo field ("HugePages_Free"), -1 if absent. */
static inline long meminfo_get(const char *field)
{
	FILE *f = fopen("/proc/meminfo", "re");
	char line[256];
	long v = -1;
	size_t n = strlen(field);
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* Resident set of this process in bytes (anon + file + shmem). */
static inline long rss_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "re");
	long size = 0, res = 0;
	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld %ld", &size, &res) != 2)
		res = -1;
	fclose(f);
	return res * sysconf(_SC_PAGESIZE);
}
#endif
