/* SPDX-License-Identifier: BSD-3-Clause
 * Contract between the page layer (hugepages, memseg lists, memzones:
 * mem_*.c, memzone.c) and the heap (heap*.c, malloc.c). Not installed.
 *
 *   rte_malloc / memzone  ->  heap  ->  eal_pages_alloc/free  ->  memseg lists
 *
 * Every address handed out here is the same in every process of the prefix
 * (memory is shared and mapped at one VA), so the heap may keep pointers in
 * its shared metadata. */
#ifndef DPLITE_EAL_MEMALLOC_H
#define DPLITE_EAL_MEMALLOC_H
#include <stddef.h>
#include <stdint.h>
#include <rte_memory.h>

/* ---- page layer (implemented by the memseg code) ----------------------------- */
struct eal_page_span {
	void *addr;         /* first byte, aligned to page_sz (and to align) */
	size_t len;         /* multiple of page_sz */
	size_t page_sz;
	int socket_id;
	rte_iova_t iova;    /* IOVA of addr; RTE_BAD_IOVA when not contiguous */
};
#define EAL_PAGES_F_IOVA_CONTIG 0x1   /* the whole span must be IOVA-contiguous */
#define EAL_PAGES_F_PAGE_SZ     0x2   /* only pages of exactly want_page_sz */

/* Map len bytes (rounded up to the page size) of fresh, zeroed, populated
 * pages into one contiguous VA range on socket_id (SOCKET_ID_ANY: any).
 * Never returns memory that can SIGBUS later. 0, or -ENOMEM (limit or
 * shortage; logs needed vs free), -EINVAL. */
int eal_pages_alloc(size_t len, size_t align, int socket_id, unsigned int flags,
		    size_t want_page_sz, struct eal_page_span *out);
/* 1 when every page of [addr, addr + len) is currently given out (whole
 * pages of one list), else 0. Quiet. */
int eal_pages_owned(void *addr, size_t len);
/* Give whole pages back to the kernel (no-op under --legacy-mem). 0 or -EINVAL. */
int eal_pages_free(void *addr, size_t len);
/* Page size the heap should assume by default (2 MiB with hugepages, 4 KiB without). */
size_t eal_pages_default_size(void);
/* The heap's root pointer in the shared config (NULL until the heap sets it). */
void **eal_heap_root(void);

/* ---- heap (implemented by the heap code) ------------------------------------------------- */
/* Called by eal_memory_init() after the page layer is up (primary: create,
 * secondary: attach via *eal_heap_root()), and by eal_memory_cleanup(). */
int eal_heap_init(void);
void eal_heap_cleanup(void);
/* Primary leaving while other processes still use the heap: make the next
 * eal_heap_cleanup() detach instead of destroying. */
void eal_heap_disown(void);
/* Allocation used by memzones: like rte_malloc_socket() plus a boundary
 * (0 = none; the block must not cross a multiple of bound) and
 * EAL_PAGES_F_* flags. NULL + -errno in *err. */
void *eal_heap_alloc_bounded(const char *type, size_t size, size_t align, size_t bound,
			     int socket_id, unsigned int flags, int *err);
/* flags bit for eal_heap_alloc_bounded: the block is a memzone's. rte_free
 * refuses such a block (naming it as a memzone's memory); only
 * eal_heap_free_memzone frees it. */
#define EAL_HEAP_F_MEMZONE 0x100
/* Free a memzone's block. 0, or -EINVAL (not a live memzone block; quiet). */
int eal_heap_free_memzone(void *addr);
/* Largest free block of the heap of socket_id (0 when none; quiet). */
size_t eal_heap_largest_free(int socket_id);
/* ---- extmem.c: external memory lists (rte_mem_virt2memseg* find them) -----
 * add: a list for [va, va+len) of page_sz pages (iovas may be NULL), on
 * socket_id; heap = 1 for an external heap's region. 0, -EEXIST (overlap),
 * -ENOSPC, -ENOMEM. del: exact range of that kind; 0, -ENOENT, -EBUSY.
 * Neither may be called with a heap lock held (they allocate/free). */
int eal_extmem_list_add(void *va, size_t len, const rte_iova_t *iovas, size_t page_sz,
			int socket_id, bool heap);
int eal_extmem_list_del(void *va, size_t len, bool heap);

#endif
