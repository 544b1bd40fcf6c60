/* SPDX-License-Identifier: BSD-3-Clause
 * Hugepage accounting limited to the test's own processes, for crash tests
 * that used to compare the machine-wide HugePages_Free (which other suites
 * running at the same time move too):
 *   - own_hugetlb_kb(pid): hugetlb memory pid maps (smaps_rollup
 *     Shared_Hugetlb + Private_Hugetlb), to see that a process holds pages;
 *   - own_memfds_collect(pid, set): the memfds a live process has open
 *     (device + inode), i.e. the backing of its prefix's memory;
 *   - own_memfds_holders(set): how many processes on the machine still
 *     have one of those memfds open or mapped. A hugetlb memfd gives its
 *     pages back when the last fd and mapping go, so 0 holders after the
 *     prefix's processes died means none of their pages stayed consumed,
 *     whatever other programs do with hugepages meanwhile.
 * Processes of other users cannot be read when not root; they cannot hold
 * our memfds either (fds pass only between our own processes). */
#ifndef DPLITE_TEST_OWN_PAGES_H
#define DPLITE_TEST_OWN_PAGES_H
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>

struct own_memfds {
	int n;
	dev_t dev[128];
	ino_t ino[128];
};

static inline long own_hugetlb_kb(pid_t pid)
{
	char path[64], line[256];
	long sum = 0, v;
	snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Shared_Hugetlb: %ld", &v) == 1 || sscanf(line, "Private_Hugetlb: %ld", &v) == 1)
			sum += v;
	fclose(f);
	return sum;
}

static inline int own_memfds_has(const struct own_memfds *s, dev_t dev, ino_t ino)
{
	for (int i = 0; i < s->n; i++)
		if (s->ino[i] == ino && s->dev[i] == dev)
			return 1;
	return 0;
}

/* Adds pid's open memfds to s; the number found, -1 if pid cannot be read. */
static inline int own_memfds_collect(pid_t pid, struct own_memfds *s)
{
	char dir[64], p[384], target[256];
	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	DIR *d = opendir(dir);
	if (d == NULL)
		return -1;
	int found = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		ssize_t n = readlink(p, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		struct stat sb;
		if (strstr(target, "memfd:") == NULL || stat(p, &sb) != 0)
			continue;
		found++;
		if (!own_memfds_has(s, sb.st_dev, sb.st_ino) && s->n < (int)(sizeof(s->ino) / sizeof(s->ino[0]))) {
			s->dev[s->n] = sb.st_dev;
			s->ino[s->n] = sb.st_ino;
			s->n++;
		}
	}
	closedir(d);
	return found;
}

/* 1 when process pid has one of s's memfds open or mapped. */
static inline int own_memfds_held_by(const struct own_memfds *s, const char *pid)
{
	char p[320], line[512];
	snprintf(p, sizeof(p), "/proc/%s/fd", pid);
	DIR *d = opendir(p);
	if (d != NULL) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			char fp[640];
			struct stat sb;
			if (e->d_name[0] == '.')
				continue;
			snprintf(fp, sizeof(fp), "%s/%s", p, e->d_name);
			if (stat(fp, &sb) == 0 && own_memfds_has(s, sb.st_dev, sb.st_ino)) {
				closedir(d);
				return 1;
			}
		}
		closedir(d);
	}
	snprintf(p, sizeof(p), "/proc/%s/maps", pid);
	FILE *f = fopen(p, "r");
	if (f == NULL)
		return 0;
	int held = 0;
	while (!held && fgets(line, sizeof(line), f)) {
		unsigned int maj, min;
		unsigned long ino;
		if (strstr(line, "memfd:") == NULL ||
		    sscanf(line, "%*s %*s %*s %x:%x %lu", &maj, &min, &ino) != 3)
			continue;
		held = own_memfds_has(s, makedev(maj, min), (ino_t)ino);
	}
	fclose(f);
	return held;
}

/* Processes (other than the caller) that still hold one of s's memfds. */
static inline int own_memfds_holders(const struct own_memfds *s)
{
	DIR *d = opendir("/proc");
	if (d == NULL || s->n == 0) {
		if (d)
			closedir(d);
		return 0;
	}
	char me[16];
	snprintf(me, sizeof(me), "%d", (int)getpid());
	int holders = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]) || strcmp(e->d_name, me) == 0)
			continue;
		holders += own_memfds_held_by(s, e->d_name);
	}
	closedir(d);
	return holders;
}

/* Wait (bounded: about 2 s) until nobody holds s's memfds; the holders left. */
static inline int own_memfds_wait_released(const struct own_memfds *s)
{
	int h = own_memfds_holders(s);
	for (int i = 0; i < 200 && h > 0; i++) {
		usleep(10000);
		h = own_memfds_holders(s);
	}
	return h;
}
#endif
