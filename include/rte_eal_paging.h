/* SPDX-License-Identifier: BSD-3-Clause
 * OS-neutral page mapping helpers (internal in DPDK, used by drivers).
 * Failures: NULL or -1 with rte_errno set from the OS error. */
#ifndef _RTE_EAL_PAGING_H_
#define _RTE_EAL_PAGING_H_

#include <stddef.h>
#include <stdint.h>
#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rte_mem_prot {
	RTE_PROT_READ = 1 << 0,
	RTE_PROT_WRITE = 1 << 1,
	RTE_PROT_EXECUTE = 1 << 2
};

enum rte_map_flags {
	RTE_MAP_SHARED = 1 << 0,
	RTE_MAP_ANONYMOUS = 1 << 1,
	RTE_MAP_PRIVATE = 1 << 2,
	RTE_MAP_FORCE_ADDRESS = 1 << 3   /* exactly at requested_addr */
};

__rte_internal void *rte_mem_map(void *requested_addr, size_t size, int prot, int flags, int fd, uint64_t offset);
__rte_internal int rte_mem_unmap(void *virt, size_t size);
__rte_internal size_t rte_mem_page_size(void);
__rte_internal int rte_mem_lock(const void *virt, size_t size);

#ifdef __cplusplus
}
#endif
#endif
