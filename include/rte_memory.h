/* SPDX-License-Identifier: BSD-3-Clause
 * Physical memory layout: memory segments (one per page) grouped into memseg
 * lists, each list one reserved virtual address range of one page size. */
#ifndef _RTE_MEMORY_H_
#define _RTE_MEMORY_H_
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_fbarray.h>
#include <rte_eal_memconfig.h>
#ifdef __cplusplus
extern "C" {
#endif

#define RTE_PGSIZE_4K   (1ULL << 12)
#define RTE_PGSIZE_64K  (1ULL << 16)
#define RTE_PGSIZE_256K (1ULL << 18)
#define RTE_PGSIZE_2M   (1ULL << 21)
#define RTE_PGSIZE_16M  (1ULL << 24)
#define RTE_PGSIZE_256M (1ULL << 28)
#define RTE_PGSIZE_512M (1ULL << 29)
#define RTE_PGSIZE_1G   (1ULL << 30)
#define RTE_PGSIZE_4G   (1ULL << 32)
#define RTE_PGSIZE_16G  (1ULL << 34)

#define SOCKET_ID_ANY -1

#define RTE_MEMSEG_FLAG_DO_NOT_FREE (1 << 0)

/* One page of memory. */
struct rte_memseg {
	rte_iova_t iova;
	RTE_STD_C11
	union {
		void *addr;
		uint64_t addr_64;
	};
	size_t len;
	uint64_t hugepage_sz;
	int32_t socket_id;
	uint32_t nchannel;
	uint32_t nrank;
	uint32_t flags;
} __rte_packed;

/* One reserved virtual range holding pages of a single size on one socket. */
struct rte_memseg_list {
	RTE_STD_C11
	union {
		void *base_va;
		uint64_t addr_64;
	};
	uint64_t page_sz;
	int socket_id;
	volatile uint32_t version;
	size_t len;
	unsigned int external;
	unsigned int heap;
	struct rte_fbarray memseg_arr;
};

/* mlock() the page holding virt: 0, or -1 with errno. */
int rte_mem_lock_page(const void *virt);
/* Physical address from /proc/self/pagemap (root only), else RTE_BAD_IOVA. */
phys_addr_t rte_mem_virt2phy(const void *virt);
/* IOVA of any address: the VA in IOVA-as-VA mode; in PA mode the memseg's
 * IOVA plus offset, or the pagemap answer outside memseg lists. */
rte_iova_t rte_mem_virt2iova(const void *virt);
/* The mapped address with this IOVA, or NULL. */
void *rte_mem_iova2virt(rte_iova_t iova);
/* The memseg of the page holding virt (msl NULL: find it); NULL with
 * rte_errno EINVAL outside every list, ENOENT for a page not mapped. */
struct rte_memseg *rte_mem_virt2memseg(const void *virt, const struct rte_memseg_list *msl);

/* External memory (mapped by the application) made known to the EAL: its
 * own memseg list (external = 1) with a new socket id, found by
 * rte_mem_virt2memseg_list/rte_mem_virt2memseg. iova_addrs: one IOVA per
 * page, or NULL (unknown). 0, or -1 with rte_errno EINVAL, EEXIST (overlaps
 * a registered region), ENOSPC, ENOMEM. */
int rte_extmem_register(void *va_addr, size_t len, rte_iova_t iova_addrs[], unsigned int n_pages,
			size_t page_sz);
/* Forget a region registered with rte_extmem_register (exact va, len):
 * ENOENT if it is not registered. */
int rte_extmem_unregister(void *va_addr, size_t len);
/* In another process of the prefix: check the region is registered (the
 * lists are shared); the caller maps it at the same address. ENOENT if not. */
int rte_extmem_attach(void *va_addr, size_t len);
int rte_extmem_detach(void *va_addr, size_t len);
/* The list whose VA range holds virt, or NULL. Lock-free. */
struct rte_memseg_list *rte_mem_virt2memseg_list(const void *virt);

typedef int (*rte_memseg_walk_t)(const struct rte_memseg_list *msl,
				 const struct rte_memseg *ms, void *arg);
typedef int (*rte_memseg_contig_walk_t)(const struct rte_memseg_list *msl,
					const struct rte_memseg *ms, size_t len, void *arg);
typedef int (*rte_memseg_list_walk_t)(const struct rte_memseg_list *msl, void *arg);
/* Walks: 0 when everything was visited, 1 when func returned > 0, -1 when it
 * returned < 0. The plain variants hold the memory read lock; callbacks of
 * mem events (which hold it for writing) may use either. */
int rte_memseg_walk(rte_memseg_walk_t func, void *arg);
int rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg);
int rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg);
int rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg);
int rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func, void *arg);
int rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func, void *arg);
/* The memfd behind a memseg (one per list) and the page's offset in it;
 * -1 with rte_errno EINVAL (not a memseg) or ENODEV (page not mapped). */
int rte_memseg_get_fd(const struct rte_memseg *ms);
int rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset);
int rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms);
int rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms, size_t *offset);

void rte_dump_physmem_layout(FILE *f);
/* Bytes of pages currently mapped (grows and shrinks with the heap). */
uint64_t rte_eal_get_physmem_size(void);
unsigned int rte_memory_get_nchannel(void);
unsigned int rte_memory_get_nrank(void);

enum rte_mem_event {
	RTE_MEM_EVENT_ALLOC = 0,
	RTE_MEM_EVENT_FREE,
};
#define RTE_MEM_EVENT_CALLBACK_NAME_LEN 64
typedef void (*rte_mem_event_callback_t)(enum rte_mem_event event_type,
					 const void *addr, size_t len, void *arg);
/* Called after pages are mapped (ALLOC) and before they are unmapped (FREE),
 * with the memory write lock held. 0, or -1 with rte_errno EINVAL, EEXIST,
 * ENOMEM, ENOTSUP (--legacy-mem), ENOENT (unregister of an unknown one). */
int rte_mem_event_callback_register(const char *name, rte_mem_event_callback_t clb, void *arg);
int rte_mem_event_callback_unregister(const char *name, void *arg);

typedef int (*rte_mem_alloc_validator_t)(int socket_id, size_t cur_limit, size_t new_len);
int rte_mem_alloc_validator_register(const char *name, rte_mem_alloc_validator_t clb,
				     int socket_id, size_t limit);
int rte_mem_alloc_validator_unregister(const char *name, int socket_id);
/* 0 when every mapped page's IOVA fits in maskbits bits, else -1. */
int rte_mem_check_dma_mask(uint8_t maskbits);
int rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits);
/* Remember a DMA mask: later growth fails (ENOMEM) with pages above it. */
void rte_mem_set_dma_mask(uint8_t maskbits);
/* 1 when IOVAs are physical addresses (IOVA as PA), else 0. */
int rte_eal_using_phys_addrs(void);

#ifdef __cplusplus
}
#endif
#endif
