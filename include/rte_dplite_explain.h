/* SPDX-License-Identifier: BSD-3-Clause
 * dplite extension (not in DPDK): where does an address live?
 *
 * rte_dplite_explain() walks one address down every memory layer dplite
 * has and fills one struct with the whole chain:
 *
 *   mbuf -> mempool object -> rte_malloc block / memzone -> memseg (page)
 *        -> memseg list -> backing file (memfd + offset) -> IOVA, physical
 *
 * Each layer that applies sets its bit in `layers`; the others are zeroed.
 * rte_dplite_limits() lists every maximum of the memory layers with the
 * current use. Both read shared state without stopping anyone: an object
 * that moves while it is explained (an mbuf freed meanwhile) is reported in
 * one of the states it passed through. dplite-info explain / limits and the
 * telemetry commands /eal/explain and /eal/limits print the same structs.
 * DPDK programs keep building: nothing else in the API depends on this
 * header. */
#ifndef _RTE_DPLITE_EXPLAIN_H_
#define _RTE_DPLITE_EXPLAIN_H_
#include <stddef.h>
#include <stdint.h>
#include <rte_common.h>
#include <rte_memory.h>
#ifdef __cplusplus
extern "C" {
#endif

/* Bits of rte_dplite_explain.layers: which parts below are filled in. */
#define RTE_DPLITE_EXPLAIN_MEMSEG_LIST (1u << 0)
#define RTE_DPLITE_EXPLAIN_MEMSEG      (1u << 1)   /* the page is mapped */
#define RTE_DPLITE_EXPLAIN_BACKING     (1u << 2)
#define RTE_DPLITE_EXPLAIN_MALLOC      (1u << 3)   /* inside a heap span */
#define RTE_DPLITE_EXPLAIN_MEMZONE     (1u << 4)
#define RTE_DPLITE_EXPLAIN_MEMPOOL     (1u << 5)   /* inside a pool's memory chunk */
#define RTE_DPLITE_EXPLAIN_MBUF        (1u << 6)
#define RTE_DPLITE_EXPLAIN_CONFIG      (1u << 7)   /* the shared config / memzone table */
#define RTE_DPLITE_EXPLAIN_PHYS        (1u << 8)   /* phys_addr is known */

/* Where a mempool object is. */
enum rte_dplite_obj_state {
	RTE_DPLITE_OBJ_UNKNOWN = 0,   /* not an object (pool padding, chunk slack) */
	RTE_DPLITE_OBJ_IN_USE,        /* taken by someone: not in a cache nor the pool */
	RTE_DPLITE_OBJ_IN_CACHE,      /* in mempool.cache_lcore's cache */
	RTE_DPLITE_OBJ_IN_POOL,       /* in the pool's backend (ring or stack) */
	RTE_DPLITE_OBJ_FREE_UNKNOWN,  /* not in a cache; the backend cannot be searched */
};

/* What holds the page. */
enum rte_dplite_backing {
	RTE_DPLITE_BACKING_NONE = 0,
	RTE_DPLITE_BACKING_HUGETLB,   /* hugetlb memfd (or unlinked hugetlbfs file) */
	RTE_DPLITE_BACKING_MEMFD,     /* memfd of ordinary (4 KiB) pages: --no-huge */
	RTE_DPLITE_BACKING_EXTERNAL,  /* memory the application registered */
};

#define RTE_DPLITE_EXPLAIN_NAMESIZE 64

struct rte_dplite_explain {
	const void *addr;                 /* the address asked about */
	uint32_t layers;                  /* RTE_DPLITE_EXPLAIN_* bits */
	rte_iova_t iova;                  /* RTE_BAD_IOVA when none */
	uint64_t phys_addr;               /* RTE_BAD_IOVA unless readable (pagemap, root) */

	struct {                          /* RTE_DPLITE_EXPLAIN_MBUF */
		void *mbuf;                   /* struct rte_mbuf * */
		void *buf_addr;
		rte_iova_t buf_iova;
		uint16_t buf_len;
		uint16_t data_off;            /* current start of data in the buffer */
		uint16_t headroom;            /* data_off: bytes before the data */
		uint16_t refcnt;
		uint16_t nb_segs;
		uint16_t data_len;
		uint32_t pkt_len;
		uint16_t priv_size;
		uint16_t port;
	} mbuf;
	struct {                          /* RTE_DPLITE_EXPLAIN_MEMPOOL */
		char name[RTE_DPLITE_EXPLAIN_NAMESIZE];
		void *pool;                   /* struct rte_mempool * */
		void *obj;                    /* object holding addr (NULL: none) */
		uint32_t obj_index;           /* in rte_mempool_obj_iter order */
		uint32_t elt_size, header_size, trailer_size;
		uint32_t size, cache_size;
		int64_t obj_offset;           /* addr - obj (negative: in the header) */
		int32_t cache_lcore;          /* RTE_DPLITE_OBJ_IN_CACHE: whose cache */
		enum rte_dplite_obj_state state;
		char ops_name[32];
	} mempool;
	struct {                          /* RTE_DPLITE_EXPLAIN_MALLOC */
		void *span;                   /* heap span (pages the heap holds) */
		size_t span_len;
		void *block;                  /* start of the block's data (NULL: metadata) */
		size_t size;                  /* usable bytes of the block */
		size_t requested;             /* bytes asked for (large blocks), else size */
		int free;                     /* 1 free, 0 live */
		int small;                    /* 1: slab block (<= 8 KiB), 0: large block */
		int memzone_block;            /* the block of a memzone */
		int32_t pid;                  /* large live block: allocating process */
		char type[32];                /* rte_malloc type string */
		int32_t heap_idx;
		int32_t socket_id;
		char heap_name[32];
	} malloc;
	struct {                          /* RTE_DPLITE_EXPLAIN_MEMZONE */
		char name[RTE_DPLITE_EXPLAIN_NAMESIZE];
		void *addr;
		size_t len;
		int32_t socket_id;
		uint64_t hugepage_sz;
		rte_iova_t iova;
	} memzone;
	struct {                          /* RTE_DPLITE_EXPLAIN_MEMSEG */
		int32_t index;                /* page index in its list */
		void *addr;
		size_t len;
		uint64_t hugepage_sz;
		int32_t socket_id;
		rte_iova_t iova;
	} memseg;
	struct {                          /* RTE_DPLITE_EXPLAIN_MEMSEG_LIST */
		int32_t index;                /* rte_memseg_list_walk order; external lists after */
		void *base_va;
		size_t len;
		uint64_t page_sz;
		int32_t socket_id;
		int32_t external;
		uint32_t n_segs, n_used;      /* capacity, mapped pages */
	} msl;
	struct {                          /* RTE_DPLITE_EXPLAIN_BACKING */
		enum rte_dplite_backing kind;
		uint64_t fd_offset;           /* offset of addr in the file */
		char file[RTE_DPLITE_EXPLAIN_NAMESIZE];   /* e.g. "/memfd:dplite_msl0 (deleted)" */
	} backing;
};

/* Fill *out with every layer holding addr. 0; -ENOENT when dplite owns no
 * memory there (out->layers is 0); -EINVAL for a NULL out; -ENODEV before
 * rte_eal_init. rte_errno is set on failure. Never writes to the memory. */
int rte_dplite_explain(const void *addr, struct rte_dplite_explain *out);

/* Name of a state / backing, for printing. */
const char *rte_dplite_obj_state_name(enum rte_dplite_obj_state s);
const char *rte_dplite_backing_name(enum rte_dplite_backing b);

/* One maximum of the memory layers. */
struct rte_dplite_limit {
	char name[48];      /* e.g. "memzones" */
	char unit[16];      /* "count", "bytes", "entries" */
	uint64_t max;       /* UINT64_MAX: no limit */
	uint64_t used;      /* current use in this process's prefix */
	uint64_t hits;      /* requests refused at this limit since start (UINT64_MAX: not counted) */
	int compile_time;   /* 1: a build-time constant, 0: set at run time */
	char note[96];
};

/* Fill up to n rows of tab (tab may be NULL when n is 0). Returns how many
 * rows exist (may exceed n: call again with more), or -ENODEV before
 * rte_eal_init, -EINVAL (tab NULL with n > 0); rte_errno set then. */
int rte_dplite_limits(struct rte_dplite_limit *tab, unsigned int n);

#ifdef __cplusplus
}
#endif
#endif
