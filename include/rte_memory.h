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

int rte_mem_lock_page(const void *virt);
phys_addr_t rte_mem_virt2phy(const void *virt);
rte_iova_t rte_mem_virt2iova(const void *virt);
void *rte_mem_iova2virt(rte_iova_t iova);
struct rte_memseg *rte_mem_virt2memseg(const void *virt, const struct rte_memseg_list *msl);
struct rte_memseg_list *rte_mem_virt2memseg_list(const void *virt);

typedef int (*rte_memseg_walk_t)(const struct rte_memseg_list *msl,
				 const struct rte_memseg *ms, void *arg);
typedef int (*rte_memseg_contig_walk_t)(const struct rte_memseg_list *msl,
					const struct rte_memseg *ms, size_t len, void *arg);
typedef int (*rte_memseg_list_walk_t)(const struct rte_memseg_list *msl, void *arg);
int rte_memseg_walk(rte_memseg_walk_t func, void *arg);
int rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg);
int rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg);
int rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg);
int rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func, void *arg);
int rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func, void *arg);
int rte_memseg_get_fd(const struct rte_memseg *ms);
int rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset);

void rte_dump_physmem_layout(FILE *f);
uint64_t rte_eal_get_physmem_size(void);
unsigned int rte_memory_get_nchannel(void);
unsigned int rte_memory_get_nrank(void);

void rte_mcfg_mem_read_lock(void);
void rte_mcfg_mem_read_unlock(void);
void rte_mcfg_mem_write_lock(void);
void rte_mcfg_mem_write_unlock(void);

enum rte_mem_event {
	RTE_MEM_EVENT_ALLOC = 0,
	RTE_MEM_EVENT_FREE,
};
#define RTE_MEM_EVENT_CALLBACK_NAME_LEN 64
typedef void (*rte_mem_event_callback_t)(enum rte_mem_event event_type,
					 const void *addr, size_t len, void *arg);
int rte_mem_event_callback_register(const char *name, rte_mem_event_callback_t clb, void *arg);
int rte_mem_event_callback_unregister(const char *name, void *arg);

typedef int (*rte_mem_alloc_validator_t)(int socket_id, size_t cur_limit, size_t new_len);
int rte_mem_alloc_validator_register(const char *name, rte_mem_alloc_validator_t clb,
				     int socket_id, size_t limit);
int rte_mem_alloc_validator_unregister(const char *name, int socket_id);
int rte_mem_check_dma_mask(uint8_t maskbits);

#ifdef __cplusplus
}
#endif
#endif
