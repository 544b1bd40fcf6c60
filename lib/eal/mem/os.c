/* SPDX-License-Identifier: BSD-3-Clause
 * The page layer's only contact with the kernel: memfds, address space
 * reservations, fixed shared mappings, fallocate, /proc/self/pagemap, NUMA
 * policy and small sysfs reads. Keeping every such call behind this narrow
 * file means the rest of the page layer is plain bookkeeping.
 *
 * All functions return 0 / a value, or a negative errno (pointers: NULL with
 * errno set); none of them logs except where noted, callers decide. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/falloc.h>
#include <rte_memory.h>
#include "eal_mem.h"

#ifndef MFD_HUGETLB
#define MFD_HUGETLB 0x0004U
#endif
#ifndef MFD_HUGE_SHIFT
#define MFD_HUGE_SHIFT 26
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#define EAL_MPOL_DEFAULT   0
#define EAL_MPOL_PREFERRED 1

size_t eal_os_page_size(void)
{
	static size_t pg;
	if (pg == 0)
		pg = (size_t)sysconf(_SC_PAGESIZE);
	return pg;
}

/* 1 when every page of [addr, addr + len) is mapped in this process
 * (mincore fails with ENOMEM on a hole), else 0. For readers of memory
 * another process may have mapped and we may not (external heaps, pools
 * on anonymous memory): the explainer asks before it reads. */
int eal_os_mapped(const void *addr, size_t len)
{
	size_t pg = eal_os_page_size();
	uintptr_t a = (uintptr_t)addr & ~(uintptr_t)(pg - 1);
	uintptr_t end = (uintptr_t)addr + (len ? len : 1);
	unsigned char vec[256];
	if (end < a)
		return 0;
	while (a < end) {
		size_t n = RTE_MIN((end - a + pg - 1) / pg, sizeof(vec));
		if (mincore((void *)a, n * pg, vec) != 0)
			return 0;
		a += n * pg;
	}
	return 1;
}

/* memfd for one memseg list (or the config). Hugepage memfds encode the page
 * size's log2 in the flags, as memfd_create(2) specifies. */
int eal_os_memfd(const char *name, size_t page_sz, bool huge)
{
	unsigned int flags = MFD_CLOEXEC;
	if (huge)
		flags |= MFD_HUGETLB | ((unsigned int)__builtin_ctzll(page_sz) << MFD_HUGE_SHIFT);
	int fd = (int)syscall(SYS_memfd_create, name, flags);
	return fd < 0 ? -errno : fd;
}

/* Unnamed file in a hugetlbfs mount: fallback for kernels without hugetlb memfds. */
int eal_os_tmpfile(const char *dir)
{
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	return fd < 0 ? -errno : fd;
}

int eal_os_ftruncate(int fd, uint64_t len)
{
	return ftruncate(fd, (off_t)len) == 0 ? 0 : -errno;
}

/* Reserve address space without committing memory. With fixed_noreplace the
 * range is taken exactly at hint or not at all. */
void *eal_os_reserve(void *hint, size_t len, bool fixed_noreplace)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
#ifndef __SANITIZE_THREAD__
	if (fixed_noreplace)
		flags |= MAP_FIXED_NOREPLACE;
#else
	/* ThreadSanitizer turns hints outside its application ranges into NULL,
	 * which MAP_FIXED_NOREPLACE would then honour (address 0, as root): use a
	 * plain hint and check where it landed (below). */
#endif
	void *p = mmap(hint, len, PROT_NONE, flags, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (fixed_noreplace && p != hint) {   /* kernels before 4.17 treat it as a hint */
		munmap(p, len);
		errno = EEXIST;
		return NULL;
	}
	return p;
}

int eal_os_unreserve(void *addr, size_t len)
{
	return munmap(addr, len) == 0 ? 0 : -errno;
}

int eal_os_map_fixed(void *addr, size_t len, int fd, uint64_t off)
{
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED | MAP_POPULATE,
		       fd, (off_t)off);
	return p == MAP_FAILED ? -errno : 0;
}

void *eal_os_map_shared(void *addr, size_t len, int fd, bool fixed)
{
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE, MAP_SHARED | (fixed ? MAP_FIXED : 0), fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* Allocate the file's pages now, so a shortage is an error here and never a
 * SIGBUS at first touch. */
int eal_os_falloc(int fd, uint64_t off, uint64_t len)
{
	while (fallocate(fd, 0, (off_t)off, (off_t)len) != 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

int eal_os_punch(int fd, uint64_t off, uint64_t len)
{
	if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)off, (off_t)len) != 0)
		return -errno;
	return 0;
}

/* Physical address via /proc/self/pagemap: bits 0-54 PFN, bit 63 present.
 * Unprivileged readers see PFN 0, which we report as unknown. */
uint64_t eal_os_virt2phy(const void *va)
{
	static int fd = -2;
	int f = __atomic_load_n(&fd, __ATOMIC_RELAXED);
	if (f == -2) {
		int nf = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
		int expected = -2;
		/* several threads may race here; the loser closes its fd */
		if (!__atomic_compare_exchange_n(&fd, &expected, nf, false, __ATOMIC_RELAXED,
						 __ATOMIC_RELAXED) && nf >= 0)
			close(nf);
		f = __atomic_load_n(&fd, __ATOMIC_RELAXED);
	}
	if (f < 0)
		return RTE_BAD_IOVA;
	size_t pg = eal_os_page_size();
	uint64_t entry;
	off_t off = (off_t)(((uintptr_t)va / pg) * sizeof(entry));
	if (pread(f, &entry, sizeof(entry), off) != (ssize_t)sizeof(entry))
		return RTE_BAD_IOVA;
	uint64_t pfn = entry & ((1ULL << 55) - 1);
	if (!(entry & (1ULL << 63)) || pfn == 0)
		return RTE_BAD_IOVA;
	return pfn * pg + ((uintptr_t)va % pg);
}

int eal_os_mlock(const void *addr, size_t len)
{
	return mlock(addr, len) == 0 ? 0 : -errno;
}

int eal_os_bind_node(int node)
{
	unsigned long mask[RTE_MAX_NUMA_NODES / (8 * sizeof(unsigned long)) + 1] = { 0 };
	if (node < 0 || node >= RTE_MAX_NUMA_NODES)
		return -EINVAL;
	mask[node / (8 * sizeof(unsigned long))] = 1UL << (node % (8 * sizeof(unsigned long)));
	if (syscall(SYS_set_mempolicy, EAL_MPOL_PREFERRED, mask, RTE_MAX_NUMA_NODES + 1) != 0)
		return -errno;
	return 0;
}

void eal_os_unbind(void)
{
	(void)syscall(SYS_set_mempolicy, EAL_MPOL_DEFAULT, NULL, 0);
}

long eal_os_read_ulong(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	char *end;
	errno = 0;
	unsigned long v = strtoul(buf, &end, 10);
	if (errno || end == buf)
		return -1;
	return (long)v;
}
