/* SPDX-License-Identifier: BSD-3-Clause
 * Mempools: fixed-size objects carved out of memory chunks, handed out and
 * taken back through per-lcore caches in front of a pluggable backend
 * ("ops": ring_*, stack, lf_stack, or user-registered).
 *
 * Shared-memory layout of one pool (memzone "MP_<name>"):
 *
 *   struct rte_mempool
 *   struct rte_mempool_cache local_cache[RTE_MAX_LCORE]   (only if cache_size)
 *   private data (private_data_size bytes)                = rte_mempool_get_priv()
 *
 * Objects live in chunks (struct rte_mempool_memhdr, listed in mem_list); each
 * object is  [struct rte_mempool_objhdr][elt_size bytes][trailer]  and the
 * object pointer handed out points just past the header.
 *
 * Fast path (all inline here): get/put touch only the calling lcore's cache
 * array until it runs dry or would exceed cache_size, then move a bulk to or
 * from the backend so that the cache ends half full. A cache never holds more
 * than cache_size objects. Threads without an lcore id (LCORE_ID_ANY) and
 * requests larger than the cache go straight to the backend.
 *
 * The pool stores ops_index, an index into a name table shared by all
 * processes; each process maps that index to its own function pointers in
 * rte_mempool_ops_table (see lib/mempool/mempool_ops.c).
 */
#ifndef _RTE_MEMPOOL_H_
#define _RTE_MEMPOOL_H_
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>
#include <errno.h>
#include <sys/types.h>
#include <sys/queue.h>
#include <rte_config.h>
#include <rte_common.h>
#include <rte_debug.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>
#include <rte_branch_prediction.h>
#include <rte_errno.h>
#include <rte_compat.h>
#include <rte_memcpy.h>
#include <rte_ring.h>
#include <rte_string_fns.h>
#ifdef __cplusplus
extern "C" {
#endif

#ifndef RTE_STAILQ_HEAD
#define RTE_STAILQ_HEAD(name, type) STAILQ_HEAD(name, type)
#endif
#ifndef RTE_STAILQ_ENTRY
#define RTE_STAILQ_ENTRY(type) STAILQ_ENTRY(type)
#endif

#define RTE_MEMPOOL_HEADER_COOKIE1  0xbadbadbadadd2e55ULL  /* object is free (in pool) */
#define RTE_MEMPOOL_HEADER_COOKIE2  0xf2eef2eedadd2e55ULL  /* object is handed out */
#define RTE_MEMPOOL_TRAILER_COOKIE  0xadd2e55badbadbadULL

/* A per-lcore (or user-owned) cache. objs[] is sized twice the maximum so
 * a refill can land on top of what is there before being trimmed. */
struct rte_mempool_cache {
	uint32_t size;         /* most objects this cache keeps between calls */
	uint32_t flushthresh;  /* dplite: equal to size (never exceeded) */
	uint32_t len;          /* objects in objs[] now (owner writes, counters read) */
	void *objs[RTE_MEMPOOL_CACHE_MAX_SIZE * 2] __rte_cache_aligned;
} __rte_cache_aligned;

struct rte_mempool_objsz {
	uint32_t elt_size;
	uint32_t header_size;
	uint32_t trailer_size;
	uint32_t total_size;
};

#define RTE_MEMPOOL_MZ_PREFIX "MP_"
/* DPDK: RTE_RING_NAMESIZE - sizeof("MP_") + 1, i.e. 26. */
#define RTE_MEMPOOL_NAMESIZE (RTE_MEMZONE_NAMESIZE - 2 * sizeof(RTE_MEMPOOL_MZ_PREFIX) + 2)
#define RTE_MEMPOOL_MZ_FORMAT RTE_MEMPOOL_MZ_PREFIX "%s"
#ifndef RTE_MEMPOOL_ALIGN
#define RTE_MEMPOOL_ALIGN RTE_CACHE_LINE_SIZE
#endif
#define RTE_MEMPOOL_ALIGN_MASK (RTE_MEMPOOL_ALIGN - 1)

/* Sits immediately before every object. */
struct rte_mempool_objhdr {
	RTE_STAILQ_ENTRY(rte_mempool_objhdr) next;  /* in mp->elt_list */
	struct rte_mempool *mp;                     /* owning pool */
	rte_iova_t iova;                            /* IO address of the object */
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	uint64_t cookie;                            /* COOKIE1 free, COOKIE2 out */
#endif
};
RTE_STAILQ_HEAD(rte_mempool_objhdr_list, rte_mempool_objhdr);

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
/* Sits immediately after every object's elt_size bytes. */
struct rte_mempool_objtlr {
	uint64_t cookie;
};
#endif

RTE_STAILQ_HEAD(rte_mempool_memhdr_list, rte_mempool_memhdr);
typedef void (rte_mempool_memchunk_free_cb_t)(struct rte_mempool_memhdr *memhdr,
					      void *opaque);

/* One chunk of memory holding objects (virtually and IOVA contiguous). */
struct rte_mempool_memhdr {
	RTE_STAILQ_ENTRY(rte_mempool_memhdr) next;
	struct rte_mempool *mp;
	void *addr;
	rte_iova_t iova;
	size_t len;
	rte_mempool_memchunk_free_cb_t *free_cb;
	void *opaque;
};

struct rte_mempool_info {
	unsigned int contig_block_size;
} __rte_cache_aligned;

struct rte_mempool {
	char name[RTE_MEMPOOL_NAMESIZE];
	RTE_STD_C11
	union {
		void *pool_data;      /* backend state (ring, stack) in shared memory */
		uint64_t pool_id;
	};
	void *pool_config;            /* argument given to set_ops_byname */
	const struct rte_memzone *mz; /* the "MP_<name>" zone holding this struct */
	unsigned int flags;
	int socket_id;
	uint32_t size;                /* objects the pool holds when fully populated */
	uint32_t cache_size;          /* per-lcore cache size, 0 = no cache */
	uint32_t elt_size;
	uint32_t header_size;
	uint32_t trailer_size;
	unsigned private_data_size;
	int32_t ops_index;            /* index into the shared ops name table */
	struct rte_mempool_cache *local_cache;  /* [RTE_MAX_LCORE], right after this struct */
	uint32_t populated_size;
	struct rte_mempool_objhdr_list elt_list;
	uint32_t nb_mem_chunks;
	struct rte_mempool_memhdr_list mem_list;
} __rte_cache_aligned;

#define RTE_MEMPOOL_F_NO_SPREAD      0x0001
#define RTE_MEMPOOL_F_NO_CACHE_ALIGN 0x0002
#define RTE_MEMPOOL_F_SP_PUT         0x0004
#define RTE_MEMPOOL_F_SC_GET         0x0008
#define RTE_MEMPOOL_F_POOL_CREATED   0x0010  /* internal: backend allocated */
#define RTE_MEMPOOL_F_NO_IOVA_CONTIG 0x0020
#define RTE_MEMPOOL_F_NON_IO         0x0040  /* internal: objects have no IOVA */
#define MEMPOOL_F_NO_SPREAD      RTE_MEMPOOL_F_NO_SPREAD
#define MEMPOOL_F_NO_CACHE_ALIGN RTE_MEMPOOL_F_NO_CACHE_ALIGN
#define MEMPOOL_F_SP_PUT         RTE_MEMPOOL_F_SP_PUT
#define MEMPOOL_F_SC_GET         RTE_MEMPOOL_F_SC_GET
#define MEMPOOL_F_POOL_CREATED   RTE_MEMPOOL_F_POOL_CREATED
#define MEMPOOL_F_NO_IOVA_CONTIG RTE_MEMPOOL_F_NO_IOVA_CONTIG
#define RTE_MEMPOOL_VALID_USER_FLAGS (RTE_MEMPOOL_F_NO_SPREAD | \
	RTE_MEMPOOL_F_NO_CACHE_ALIGN | RTE_MEMPOOL_F_SP_PUT | \
	RTE_MEMPOOL_F_SC_GET | RTE_MEMPOOL_F_NO_IOVA_CONTIG)

#define RTE_MEMPOOL_HEADER_SIZE(mp, cs) \
	(sizeof(*(mp)) + (((cs) == 0) ? 0 : (sizeof(struct rte_mempool_cache) * RTE_MAX_LCORE)))

#define RTE_MEMPOOL_STAT_ADD(mp, name, n) do {} while (0)
#define RTE_MEMPOOL_CACHE_STAT_ADD(cache, name, n) do {} while (0)

static inline struct rte_mempool_objhdr *rte_mempool_get_header(void *obj)
{
	return (struct rte_mempool_objhdr *)RTE_PTR_SUB(obj, sizeof(struct rte_mempool_objhdr));
}
static inline struct rte_mempool *rte_mempool_from_obj(void *obj)
{
	return rte_mempool_get_header(obj)->mp;
}
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
static inline struct rte_mempool_objtlr *rte_mempool_get_trailer(void *obj)
{
	return (struct rte_mempool_objtlr *)RTE_PTR_ADD(obj, rte_mempool_from_obj(obj)->elt_size);
}
#endif

/* Debug checks (no-ops unless RTE_LIBRTE_MEMPOOL_DEBUG): verify and flip
 * the cookies of n objects. free=0: objects being put (must be out and
 * belong to mp), free=1: objects just got (must be free). Problems are
 * logged naming the pool and the object. */
void rte_mempool_check_cookies(const struct rte_mempool *mp,
			       void * const *obj_table_const, unsigned int n, int free);
void rte_mempool_contig_blocks_check_cookies(const struct rte_mempool *mp,
					     void * const *first_obj_table_const,
					     unsigned int n, int free);
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
#define RTE_MEMPOOL_CHECK_COOKIES(mp, t, n, f) rte_mempool_check_cookies(mp, t, n, f)
#else
#define RTE_MEMPOOL_CHECK_COOKIES(mp, t, n, f) do {} while (0)
#endif
#define RTE_MEMPOOL_CONTIG_BLOCKS_CHECK_COOKIES(mp, t, n, f) do {} while (0)

/* ---- backend ops ----------------------------------------------------------------- */
#define RTE_MEMPOOL_OPS_NAMESIZE 32

typedef int (*rte_mempool_alloc_t)(struct rte_mempool *mp);
typedef void (*rte_mempool_free_t)(struct rte_mempool *mp);
typedef int (*rte_mempool_enqueue_t)(struct rte_mempool *mp, void * const *obj_table,
				     unsigned int n);
typedef int (*rte_mempool_dequeue_t)(struct rte_mempool *mp, void **obj_table, unsigned int n);
typedef int (*rte_mempool_dequeue_contig_blocks_t)(struct rte_mempool *mp,
						   void **first_obj_table, unsigned int n);
typedef unsigned (*rte_mempool_get_count)(const struct rte_mempool *mp);
typedef ssize_t (*rte_mempool_calc_mem_size_t)(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift, size_t *min_chunk_size, size_t *align);
ssize_t rte_mempool_op_calc_mem_size_helper(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift, size_t chunk_reserve,
		size_t *min_chunk_size, size_t *align);
ssize_t rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift, size_t *min_chunk_size, size_t *align);
typedef void (rte_mempool_populate_obj_cb_t)(struct rte_mempool *mp, void *opaque,
					     void *vaddr, rte_iova_t iova);
typedef int (*rte_mempool_populate_t)(struct rte_mempool *mp, unsigned int max_objs,
		void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);
#define RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ 0x0001
int rte_mempool_op_populate_helper(struct rte_mempool *mp, unsigned int flags,
		unsigned int max_objs, void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);
int rte_mempool_op_populate_default(struct rte_mempool *mp, unsigned int max_objs,
		void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);
typedef int (*rte_mempool_get_info_t)(const struct rte_mempool *mp,
				      struct rte_mempool_info *info);

struct rte_mempool_ops {
	char name[RTE_MEMPOOL_OPS_NAMESIZE];
	rte_mempool_alloc_t alloc;
	rte_mempool_free_t free;
	rte_mempool_enqueue_t enqueue;
	rte_mempool_dequeue_t dequeue;
	rte_mempool_get_count get_count;
	rte_mempool_calc_mem_size_t calc_mem_size;
	rte_mempool_populate_t populate;
	rte_mempool_get_info_t get_info;
	rte_mempool_dequeue_contig_blocks_t dequeue_contig_blocks;
} __rte_cache_aligned;

#define RTE_MEMPOOL_MAX_OPS_IDX 16

/* Process-local: ops[i] holds this process's functions for the ops whose
 * name sits at index i of the shared name table. Slots not yet resolved in
 * this process hold forwarding stubs that resolve on first use. */
struct rte_mempool_ops_table {
	rte_spinlock_t sl;
	uint32_t num_ops;
	struct rte_mempool_ops ops[RTE_MEMPOOL_MAX_OPS_IDX];
} __rte_cache_aligned;
extern struct rte_mempool_ops_table rte_mempool_ops_table;

static inline struct rte_mempool_ops *rte_mempool_get_ops(int ops_index)
{
	RTE_VERIFY(ops_index >= 0 && ops_index < RTE_MEMPOOL_MAX_OPS_IDX);
	return &rte_mempool_ops_table.ops[ops_index];
}

int rte_mempool_ops_alloc(struct rte_mempool *mp);

static inline int
rte_mempool_ops_dequeue_bulk(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_mempool_ops_table.ops[mp->ops_index].dequeue(mp, obj_table, n);
}
static inline int
rte_mempool_ops_dequeue_contig_blocks(struct rte_mempool *mp, void **first_obj_table,
				      unsigned int n)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->dequeue_contig_blocks == NULL)
		return -ENOTSUP;
	return ops->dequeue_contig_blocks(mp, first_obj_table, n);
}
static inline int
rte_mempool_ops_enqueue_bulk(struct rte_mempool *mp, void * const *obj_table, unsigned int n)
{
	return rte_mempool_ops_table.ops[mp->ops_index].enqueue(mp, obj_table, n);
}

unsigned rte_mempool_ops_get_count(const struct rte_mempool *mp);
ssize_t rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp, uint32_t obj_num,
				      uint32_t pg_shift, size_t *min_chunk_size, size_t *align);
int rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
			     rte_iova_t iova, size_t len,
			     rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);
int rte_mempool_ops_get_info(const struct rte_mempool *mp, struct rte_mempool_info *info);
void rte_mempool_ops_free(struct rte_mempool *mp);
/* 0; -EINVAL unknown name, -EEXIST pool already populated. */
int rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name, void *pool_config);
/* Process-local registration (constructor time is fine). Returns a
 * non-negative local index, or -EINVAL / -EEXIST / -ENOSPC. */
int rte_mempool_register_ops(const struct rte_mempool_ops *ops);
#define RTE_MEMPOOL_REGISTER_OPS(ops) \
	RTE_INIT(mp_hdlr_init_##ops) \
	{ \
		rte_mempool_register_ops(&ops); \
	}

/* ---- creation and population ---------------------------------------------------- */
typedef void (rte_mempool_obj_cb_t)(struct rte_mempool *mp, void *opaque, void *obj,
				    unsigned obj_idx);
typedef rte_mempool_obj_cb_t rte_mempool_obj_ctor_t;
typedef void (rte_mempool_mem_cb_t)(struct rte_mempool *mp, void *opaque,
				    struct rte_mempool_memhdr *memhdr, unsigned mem_idx);
typedef void (rte_mempool_ctor_t)(struct rte_mempool *, void *);

/* NULL + rte_errno: EINVAL (n == 0, cache too big, bad flags, NULL name),
 * ENAMETOOLONG, EEXIST, ENOMEM, ENOSPC. */
struct rte_mempool *
rte_mempool_create(const char *name, unsigned n, unsigned elt_size, unsigned cache_size,
		   unsigned private_data_size, rte_mempool_ctor_t *mp_init, void *mp_init_arg,
		   rte_mempool_obj_cb_t *obj_init, void *obj_init_arg,
		   int socket_id, unsigned flags);
struct rte_mempool *
rte_mempool_create_empty(const char *name, unsigned n, unsigned elt_size, unsigned cache_size,
			 unsigned private_data_size, int socket_id, unsigned flags);
void rte_mempool_free(struct rte_mempool *mp);
/* Number of objects added (> 0), 0 when the chunk is too small for one
 * object, or negative errno. populate_virt splits [addr, addr+len) into runs
 * of pg_sz pages whose IO addresses follow each other, one chunk per run;
 * free_cb is called once, for the first chunk (it owns the whole area). */
int rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr, rte_iova_t iova, size_t len,
			      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque);
int rte_mempool_populate_virt(struct rte_mempool *mp, char *addr, size_t len, size_t pg_sz,
			      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque);
int rte_mempool_populate_default(struct rte_mempool *mp);
/* Number of objects added, or 0 with rte_errno set. */
int rte_mempool_populate_anon(struct rte_mempool *mp);
uint32_t rte_mempool_obj_iter(struct rte_mempool *mp, rte_mempool_obj_cb_t *obj_cb,
			      void *obj_cb_arg);
uint32_t rte_mempool_mem_iter(struct rte_mempool *mp, rte_mempool_mem_cb_t *mem_cb,
			      void *mem_cb_arg);
void rte_mempool_dump(FILE *f, struct rte_mempool *mp);

/* ---- caches ------------------------------------------------------------------------ */
/* NULL + rte_errno EINVAL (size 0 or > RTE_MEMPOOL_CACHE_MAX_SIZE) / ENOMEM. */
struct rte_mempool_cache *rte_mempool_cache_create(uint32_t size, int socket_id);
void rte_mempool_cache_free(struct rte_mempool_cache *cache);

static __rte_always_inline struct rte_mempool_cache *
rte_mempool_default_cache(struct rte_mempool *mp, unsigned lcore_id)
{
	if (mp->cache_size == 0 || lcore_id >= RTE_MAX_LCORE)
		return NULL;
	return &mp->local_cache[lcore_id];
}

/* Owner-only writes of cache->len; the relaxed store pairs with the relaxed
 * loads in rte_mempool_avail_count() (a snapshot, exact when quiescent). */
static __rte_always_inline void
__rte_mempool_cache_set_len(struct rte_mempool_cache *cache, uint32_t len)
{
	__atomic_store_n(&cache->len, len, __ATOMIC_RELAXED);
}

/* Copy n object pointers between a caller table and a cache. The two never
 * overlap; saying so (restrict) lets the compiler use vector moves. */
static __rte_always_inline void
__rte_mempool_copy_objs(void **__rte_restrict dst, void *const *__rte_restrict src, uint32_t n)
{
	uint32_t i;

	/* With n unknown at compile time GCC turns a plain copy loop into a
	 * memmove() call through the PLT, which costs more than the rest of
	 * the get/put fast path for the usual small n; the empty asm on the
	 * index stops that transformation. Four pointers a step (one 32-byte
	 * vector move) keep bulk copies and cache spills fast. */
	typedef uint64_t __rte_mp_vec4 __attribute__((vector_size(32), aligned(8), __may_alias__));
#pragma GCC diagnostic push
	/* when a caller passes a constant n < 4 this loop is dead, but GCC
	 * still checks its accesses against the caller's small array */
#pragma GCC diagnostic ignored "-Warray-bounds"
	for (i = 0; i + 4 <= n; i += 4) {
		*(__rte_mp_vec4 *)(void *)&dst[i] = *(const __rte_mp_vec4 *)(const void *)&src[i];
		__asm__("" : "+r"(i));
	}
#pragma GCC diagnostic pop
	for (; i < n; i++) {
		dst[i] = src[i];
		__asm__("" : "+r"(i));
	}
}

static __rte_always_inline void
rte_mempool_cache_flush(struct rte_mempool_cache *cache, struct rte_mempool *mp)
{
	if (cache == NULL)
		cache = rte_mempool_default_cache(mp, rte_lcore_id());
	if (cache == NULL || cache->len == 0)
		return;
	rte_mempool_ops_enqueue_bulk(mp, cache->objs, cache->len);
	__rte_mempool_cache_set_len(cache, 0);
}

static __rte_always_inline void
rte_mempool_do_generic_put(struct rte_mempool *mp, void * const *obj_table,
			   unsigned int n, struct rte_mempool_cache *cache)
{
	uint32_t len;

	if (unlikely(cache == NULL || n > cache->size)) {
		rte_mempool_ops_enqueue_bulk(mp, obj_table, n);
		return;
	}
	len = cache->len;
	if (unlikely(len + n > cache->size)) {
		/* Spill the oldest objects so the cache ends half full (or
		 * holds just these n when they are more than half). */
		uint32_t half = cache->size / 2;
		uint32_t keep = n < half ? half - n : 0;
		uint32_t spill = len - keep;

		rte_mempool_ops_enqueue_bulk(mp, cache->objs, spill);
		memmove(cache->objs, &cache->objs[spill], keep * sizeof(void *));
		len = keep;
	}
	__rte_mempool_copy_objs(&cache->objs[len], obj_table, n);
	__rte_mempool_cache_set_len(cache, len + n);
}

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
/* Debug put: drops (and logs) objects whose cookies show a double put, a
 * foreign pool or an overrun, then puts the rest. */
void __rte_mempool_debug_put(struct rte_mempool *mp, void * const *obj_table,
			     unsigned int n, struct rte_mempool_cache *cache);
#endif

static __rte_always_inline void
rte_mempool_generic_put(struct rte_mempool *mp, void * const *obj_table,
			unsigned int n, struct rte_mempool_cache *cache)
{
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	__rte_mempool_debug_put(mp, obj_table, n, cache);
#else
	rte_mempool_do_generic_put(mp, obj_table, n, cache);
#endif
}

static __rte_always_inline void
rte_mempool_put_bulk(struct rte_mempool *mp, void * const *obj_table, unsigned int n)
{
	rte_mempool_generic_put(mp, obj_table, n, rte_mempool_default_cache(mp, rte_lcore_id()));
}

static __rte_always_inline void
rte_mempool_put(struct rte_mempool *mp, void *obj)
{
	rte_mempool_put_bulk(mp, &obj, 1);
}

/* 0, or the backend's negative errno (nothing taken): -ENOBUFS from the
 * ring and stack backends when the pool runs short, as in DPDK. */
static __rte_always_inline int
rte_mempool_do_generic_get(struct rte_mempool *mp, void **obj_table,
			   unsigned int n, struct rte_mempool_cache *cache)
{
	uint32_t len;
	int ret;

	if (unlikely(cache == NULL))
		return rte_mempool_ops_dequeue_bulk(mp, obj_table, n);
	len = cache->len;
	if (unlikely(n > cache->size)) {
		/* Too big to stage in the cache: the backend supplies what the
		 * cache lacks, then the cache is emptied into the rest. */
		if (n > len) {
			ret = rte_mempool_ops_dequeue_bulk(mp, &obj_table[len], n - len);
			if (ret < 0)
				return ret;
		}
		__rte_mempool_copy_objs(obj_table, cache->objs, len);
		__rte_mempool_cache_set_len(cache, 0);
		return 0;
	}
	if (unlikely(n > len)) {
		/* Refill so that after serving n the cache is half full; if the
		 * backend cannot give that much, take just what is missing. */
		uint32_t want = cache->size / 2 + n - len;

		if (rte_mempool_ops_dequeue_bulk(mp, &cache->objs[len], want) < 0) {
			want = n - len;
			ret = rte_mempool_ops_dequeue_bulk(mp, &cache->objs[len], want);
			if (ret < 0)
				return ret;
		}
		len += want;
	}
	/* The top n: the most recently put, cache-hot objects. */
	__rte_mempool_copy_objs(obj_table, &cache->objs[len - n], n);
	__rte_mempool_cache_set_len(cache, len - n);
	return 0;
}

static __rte_always_inline int
rte_mempool_generic_get(struct rte_mempool *mp, void **obj_table,
			unsigned int n, struct rte_mempool_cache *cache)
{
	int ret = rte_mempool_do_generic_get(mp, obj_table, n, cache);

	if (ret == 0)
		RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table, n, 1);
	return ret;
}

static __rte_always_inline int
rte_mempool_get_bulk(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_mempool_generic_get(mp, obj_table, n,
				       rte_mempool_default_cache(mp, rte_lcore_id()));
}

static __rte_always_inline int
rte_mempool_get(struct rte_mempool *mp, void **obj_p)
{
	return rte_mempool_get_bulk(mp, obj_p, 1);
}

static __rte_always_inline int
rte_mempool_get_contig_blocks(struct rte_mempool *mp, void **first_obj_table, unsigned int n)
{
	return rte_mempool_ops_dequeue_contig_blocks(mp, first_obj_table, n);
}

/* ---- counts (caches included; 0 for a pool not yet populated) ---------------------- */
unsigned int rte_mempool_avail_count(const struct rte_mempool *mp);
unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp);
static inline int rte_mempool_full(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == mp->size;
}
static inline int rte_mempool_empty(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == 0;
}

static inline rte_iova_t rte_mempool_virt2iova(const void *elt)
{
	const struct rte_mempool_objhdr *hdr =
		(const struct rte_mempool_objhdr *)RTE_PTR_SUB(elt, sizeof(*hdr));
	return hdr->iova;
}

void rte_mempool_audit(struct rte_mempool *mp);

static inline void *rte_mempool_get_priv(struct rte_mempool *mp)
{
	return (char *)mp + RTE_MEMPOOL_HEADER_SIZE(mp, mp->cache_size);
}

void rte_mempool_list_dump(FILE *f);
/* NULL + rte_errno ENOENT (or EINVAL for NULL). */
struct rte_mempool *rte_mempool_lookup(const char *name);
uint32_t rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags,
				   struct rte_mempool_objsz *sz);
void rte_mempool_walk(void (*func)(struct rte_mempool *, void *arg), void *arg);
int rte_mempool_get_page_size(struct rte_mempool *mp, size_t *pg_sz);

enum rte_mempool_event {
	RTE_MEMPOOL_EVENT_READY = 0,    /* pool fully populated */
	RTE_MEMPOOL_EVENT_DESTROY = 1,  /* pool about to be freed */
};
typedef void (rte_mempool_event_callback)(enum rte_mempool_event event,
					  struct rte_mempool *mp, void *user_data);
/* 0; -EINVAL (NULL func), -EEXIST (same func+data), -ENOMEM. Process-local. */
int rte_mempool_event_callback_register(rte_mempool_event_callback *func, void *user_data);
/* 0; -ENOENT when not registered. */
int rte_mempool_event_callback_unregister(rte_mempool_event_callback *func, void *user_data);

#ifdef __cplusplus
}
#endif
#endif
