/* SPDX-License-Identifier: BSD-3-Clause
 * rte_eal_paging.h over mmap/munmap/mlock. Owns nothing; calls libc, log,
 * errno. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <rte_eal_paging.h>
#include <rte_errno.h>
#include <rte_log.h>

void *rte_mem_map(void *requested_addr, size_t size, int prot, int flags, int fd, uint64_t offset)
{
	int p = PROT_NONE, f = 0;
	if (prot & RTE_PROT_READ) p |= PROT_READ;
	if (prot & RTE_PROT_WRITE) p |= PROT_WRITE;
	if (prot & RTE_PROT_EXECUTE) p |= PROT_EXEC;
	if (flags & RTE_MAP_SHARED) f |= MAP_SHARED;
	if (flags & RTE_MAP_PRIVATE) f |= MAP_PRIVATE;
	if (flags & RTE_MAP_ANONYMOUS) f |= MAP_ANONYMOUS;
	if (flags & RTE_MAP_FORCE_ADDRESS) f |= MAP_FIXED;
	void *va = mmap(requested_addr, size, p, f, fd, (off_t)offset);
	if (va == MAP_FAILED) {
		rte_errno = errno;
		RTE_LOG(DEBUG, EAL, "rte_mem_map(%p, %zu, 0x%x, 0x%x, %d, %llu): %s\n", requested_addr, size,
			prot, flags, fd, (unsigned long long)offset, strerror(errno));
		return NULL;
	}
	return va;
}

int rte_mem_unmap(void *virt, size_t size)
{
	if (munmap(virt, size) < 0) {
		rte_errno = errno;
		RTE_LOG(DEBUG, EAL, "rte_mem_unmap(%p, %zu): %s\n", virt, size, strerror(errno));
		return -1;
	}
	return 0;
}

size_t rte_mem_page_size(void)
{
	static size_t page;
	size_t p = __atomic_load_n(&page, __ATOMIC_RELAXED);
	if (p == 0) {
		p = (size_t)sysconf(_SC_PAGESIZE);
		__atomic_store_n(&page, p, __ATOMIC_RELAXED);
	}
	return p;
}

int rte_mem_lock(const void *virt, size_t size)
{
	if (mlock(virt, size) < 0) {
		rte_errno = errno;
		return -1;
	}
	return 0;
}
