/* SPDX-License-Identifier: BSD-3-Clause
 * The rte_malloc heap: shared-memory layouts and internal interface between
 * heap.c (root, spans, large-block heap, slab supply, stats, checker) and
 * malloc.c (per-lcore caches, small blocks, the public API). Not installed.
 *
 * Everything declared here as "shared" lives in memory from eal_pages_alloc()
 * and sits at the same VA in every process of the prefix, so it holds plain
 * pointers into shared memory and nothing process-local (no function
 * pointers, no libc-heap or stack addresses). Its locks are robust
 * process-shared mutexes (shlock.h): a process killed while holding one
 * leaves it to the next taker, who repairs what it protected first
 * (heap_repair.c says how each structure is repaired).
 *
 * Address space view (granule = 2 MiB, every span starts on a granule):
 *
 *   radix[va >> 34] -> leaf[(va >> 21) & 8191] -> struct heap_span *
 *
 *   small segment (kind SPAN_SMALL, exactly one granule):
 *   +--------------------------------+-------+-------+-----+--------+
 *   | slab 0: span hdr, slab metas,   | slab1 | slab2 | ... | slab31 |
 *   |   per-block type bytes          | 64KiB |       |     |        |
 *   +--------------------------------+-------+-------+-----+--------+
 *
 *   large span (kind SPAN_LARGE, n granules):
 *   +----------+-----+---------+-----+---------+- ... -+---------+
 *   | span hdr | blk | data    | blk | data    |       | END blk |
 *   +----------+-----+---------+-----+---------+- ... -+---------+
 *     64 B      64 B  boundary tags: size + prev_size in every header
 */
#ifndef DPLITE_HEAP_PRIVATE_H
#define DPLITE_HEAP_PRIVATE_H
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_spinlock.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_log.h>
#include <rte_branch_prediction.h>
#include "shlock.h"
#include "eal_memalloc.h"

#define HEAP_LOG(level, ...) RTE_LOG(level, MALLOC, __VA_ARGS__)

#define HEAP_GRANULE_SHIFT 21
#define HEAP_GRANULE       ((size_t)1 << HEAP_GRANULE_SHIFT)
#define HEAP_VA_BITS       47
#define HEAP_LEAF_BITS     13
#define HEAP_TOP_BITS      (HEAP_VA_BITS - HEAP_GRANULE_SHIFT - HEAP_LEAF_BITS)
#define HEAP_LEAF_SIZE     ((size_t)8 << HEAP_LEAF_BITS)     /* bytes per leaf */

#define SLAB_SHIFT         16
#define SLAB_SIZE          ((size_t)1 << SLAB_SHIFT)
#define SLABS_PER_SEG      (HEAP_GRANULE / SLAB_SIZE)          /* slab 0 = header */
#define SLAB_MAX_BLOCKS    (SLAB_SIZE / RTE_CACHE_LINE_MIN_SIZE)
#define SMALL_MAX          8192
#define HEAP_NCLASS        24

#define HEAP_NTYPES        256    /* type ids 1..255; 0 in a type byte = free */
#define HEAP_TYPE_NONE     1      /* NULL / "" type */
#define HEAP_TYPE_OTHER    254    /* table full */
#define HEAP_TYPE_PENDING  255    /* small block freed remotely, not yet taken back by its owner */
#define HEAP_TYPE_NAMELEN  32

#define HEAP_NSLOTS        (RTE_MAX_LCORE + 32)   /* lcore caches, all processes */
#define HEAP_NCACHES       (HEAP_NSLOTS + RTE_MAX_HEAPS) /* + one anon cache per heap */
#define HEAP_NAME_LEN      32
#define HEAP_NBINS         176

#define SPAN_MAGIC         0x5350414e48454150ULL
#define LBLK_MAGIC         0x4c424c4b48454150ULL
#define ROOT_MAGIC         0x524f4f5448454150ULL

enum span_kind { SPAN_SMALL = 1, SPAN_LARGE = 2 };
#define SPAN_F_EXTERNAL 0x100        /* user memory of an external heap */
#define SPAN_F_EXT_IOVA_CONTIG 0x200 /* external, and its IOVA table is one run */
#define HEAP_MAX_EXT_REGIONS 64
enum slab_state { SLAB_FREE = 0, SLAB_ACTIVE, SLAB_PARTIAL, SLAB_FULL };
enum lblk_state { LB_FREE = 0x46, LB_LIVE = 0x4c, LB_END = 0x45 };

/* Shared. Header of every span the heap got from the page layer. */
struct heap_span {
	uint64_t magic;              /* SPAN_MAGIC ^ address */
	uint32_t kind;               /* enum span_kind */
	uint32_t heap_idx;
	size_t len;
	size_t page_sz;
	rte_iova_t iova;             /* RTE_BAD_IOVA unless IOVA-contiguous */
	unsigned int flags;          /* EAL_PAGES_F_* it was allocated with, SPAN_F_EXTERNAL */
	uint32_t nfree_slabs;        /* small: slabs in state SLAB_FREE; external: pages */
	struct heap_span *next, *prev;   /* heap's span list (heap lock) */
} __rte_aligned(64);

/* Shared. One 64 KiB slab of a small segment: blocks of one size class
 * owned by one cache. free/used/state are written only by the owner (or,
 * for SLAB_FREE slabs, under the heap lock). */
struct heap_slab {
	void *free;                  /* owner-local LIFO of free blocks */
	struct heap_slab *next, *prev;   /* owner's partial list or heap free list */
	uint32_t used;               /* handed out, not yet back (incl. remote pending) */
	uint32_t carved;             /* blocks [0, carved) have been handed out once */
	uint32_t capacity;
	uint32_t bsize;
	uint32_t recip;              /* ceil(2^32 / bsize): exact offset / bsize */
	uint16_t cls;
	uint8_t state;               /* enum slab_state */
	uint8_t idx;                 /* slab index in its segment */
	uint16_t owner;              /* cache index */
} __rte_aligned(64);

/* Shared. A small segment's first 64 KiB. */
struct heap_seg {
	struct heap_span span;
	struct heap_slab slabs[SLABS_PER_SEG];
	uint8_t types[SLABS_PER_SEG][SLAB_MAX_BLOCKS];   /* 0 = free, else type id */
};

/* Shared. Header of a large block, 64 B before its data. */
struct lblk {
	uint64_t tag;                /* LBLK_MAGIC ^ address */
	size_t size;                 /* whole block, header included */
	size_t prev_size;            /* 0 for the first block of a span */
	uint8_t state;               /* enum lblk_state */
	uint8_t dirty;               /* free block: data may be non-zero */
	uint16_t type;
	int32_t pid;                 /* live block: process that allocated it */
	struct lblk *fnext, *fprev;  /* bin links while free */
	struct heap_span *span;
	size_t req;                  /* size the caller asked for */
};
#define LBLK_F_MEMZONE 0x2           /* in a live block's `dirty`: a memzone's block */
#define LBLK_HDR  sizeof(struct lblk)
#define LBLK_MIN  (2 * LBLK_HDR)

struct heap_cls {
	struct heap_slab *cur;       /* slab allocations come from */
	struct heap_slab *partial;   /* other slabs with free blocks */
};

/* Shared. One allocation cache: per lcore of a process, or a heap's locked
 * "anon" cache for unregistered threads and foreign-socket requests. */
struct heap_cache {
	struct heap_cls cls[HEAP_NCLASS];    /* owner only */
	uint32_t heap_idx;                   /* heap its slabs come from */
	uint32_t self;                       /* index in root->caches */
	int32_t socket_id;                   /* -1 until first claimed */
	/* Remote frees: MPSC stack of blocks pushed by non-owners. */
	void *remote __rte_cache_aligned;
	uint64_t owner_pid __rte_cache_aligned;  /* 0 = unclaimed; root lock */
	uint32_t orphan;                     /* released holding live blocks of an exited process */
	struct eal_shlock lock;              /* anon caches only */
	/* Live accounting made by the thread using this cache (single writer). */
	int64_t type_bytes[HEAP_NTYPES];
	int64_t type_count[HEAP_NTYPES];
} __rte_cache_aligned;

/* Shared. Undo record of one large-block header, written before the header
 * is changed (see heap_undo_save). */
struct heap_undo {
	struct lblk *at;
	struct lblk saved;
};
#define HEAP_UNDO_MAX 6

/* Shared. One heap: a NUMA socket's memory (or an external heap). */
struct heap_heap {
	struct eal_shlock lock;
	int32_t socket_id;
	uint32_t in_use;
	uint32_t external;                   /* user memory only, large blocks only */
	char name[HEAP_NAME_LEN];
	struct heap_span *spans;
	struct heap_span *spare;             /* one empty large span kept */
	struct heap_slab *free_slabs;
	uint32_t empty_segs;
	size_t total_bytes;                  /* held from the page layer */
	size_t large_alloc_bytes;
	uint32_t large_alloc_count;
	uint64_t bin_mask[(HEAP_NBINS + 63) / 64];
	struct lblk *bins[HEAP_NBINS];
	int64_t type_bytes[HEAP_NTYPES];     /* large blocks, heap lock */
	int64_t type_count[HEAP_NTYPES];
	/* Crash records (heap lock): a holder that dies leaves them for the
	 * next taker's repair (heap_repair.c). */
	uint32_t undo_n;                     /* valid entries of undo[] */
	struct heap_undo undo[HEAP_UNDO_MAX];
	struct eal_page_span grow;           /* pages being added (addr NULL: none) */
} __rte_cache_aligned;

/* Shared. The heap root (*eal_heap_root()). */
struct heap_root {
	uint64_t magic;
	uint32_t nheaps;
	struct eal_shlock lock;              /* type table, slot claims, radix leaves */
	char types[HEAP_NTYPES][HEAP_TYPE_NAMELEN];
	uint32_t ntypes;
	int64_t type_bytes[HEAP_NTYPES];     /* atomics: frees by unregistered threads */
	int64_t type_count[HEAP_NTYPES];
	char *leaf_pool;                     /* bump area for radix leaves */
	size_t leaf_left;
	void *extra_chunks[16];              /* extra page-layer chunks for leaves */
	size_t root_len;
	int32_t next_ext_socket;             /* socket id of the next external heap */
	uint32_t n_ext;                      /* external regions registered */
	struct heap_span *ext[HEAP_MAX_EXT_REGIONS];   /* not in the radix (root lock) */
	void **radix[1u << HEAP_TOP_BITS];
	struct heap_heap heaps[RTE_MAX_HEAPS];
	struct heap_cache caches[HEAP_NCACHES];
};

extern struct heap_root *heap_root_ptr;   /* process-local cache of the root */
extern const char heap_mz_who[];          /* heap_large_free's `who` for memzone frees */
extern const uint32_t heap_class_size[HEAP_NCLASS];
extern const uint8_t heap_class_of[SMALL_MAX / 64 + 1];

struct heap_span *heap_ext_span_of(uintptr_t a);

/* Span owning va, or NULL when va is not inside memory the heap holds.
 * A1 (leaf load) pairs with R1 in radix_leaf: the leaf is seen zeroed.
 * A2 (entry load) pairs with R2 in radix_set: a reader that finds the span
 * sees its initialised header. */
static inline struct heap_span *heap_span_of(const void *va)
{
	uintptr_t a = (uintptr_t)va;
	if (a >> HEAP_VA_BITS)
		return NULL;
	void **leaf = __atomic_load_n(&heap_root_ptr->radix[a >> (HEAP_GRANULE_SHIFT + HEAP_LEAF_BITS)],
				      __ATOMIC_ACQUIRE);
	struct heap_span *s = NULL;
	if (leaf != NULL)
		s = __atomic_load_n(&leaf[(a >> HEAP_GRANULE_SHIFT) & ((1u << HEAP_LEAF_BITS) - 1)],
				    __ATOMIC_ACQUIRE);
	if (s == NULL)
		return unlikely(__atomic_load_n(&heap_root_ptr->n_ext, __ATOMIC_RELAXED)) ?
		       heap_ext_span_of(a) : NULL;
	if (a - (uintptr_t)s >= s->len)
		return NULL;
	return s;
}

/* First block of a large span: after the header and, for external memory,
 * the per-page IOVA table. */
static inline struct lblk *span_first_block(const struct heap_span *sp)
{
	size_t off = sizeof(*sp);
	if (sp->flags & SPAN_F_EXTERNAL)
		off += RTE_ALIGN_CEIL((size_t)sp->nfree_slabs * sizeof(rte_iova_t), 64);
	return (struct lblk *)RTE_PTR_ADD(sp, off);
}

static inline struct heap_seg *heap_seg_of_block(const void *b)
{
	return (struct heap_seg *)((uintptr_t)b & ~(HEAP_GRANULE - 1));
}
static inline char *slab_base(const struct heap_slab *s)
{
	return (char *)heap_seg_of_block(s) + ((size_t)s->idx << SLAB_SHIFT);
}
static inline uint32_t slab_block_index(const struct heap_slab *s, const void *b)
{
	uint32_t off = (uint32_t)((uintptr_t)b & (SLAB_SIZE - 1));
	return (uint32_t)(((uint64_t)off * s->recip) >> 32);
}

/* Size bin of a free large block: 4 bins per power of two from 128 B. */
static inline unsigned int heap_bin_of(size_t sz)
{
	unsigned int b = 63u - (unsigned int)__builtin_clzll(sz);
	unsigned int idx = (b - 7) * 4 + (unsigned int)((sz >> (b - 2)) & 3);
	return idx < HEAP_NBINS ? idx : HEAP_NBINS - 1;
}

/* Locks. The repair callbacks they run when the previous holder died live in
 * heap_repair.c (above heap.c, which takes these locks too), so heap.c keeps
 * pointers that heap_repair.c fills from a constructor: no upward call.
 * Order: anon cache lock, then heap lock, then root lock. */
struct heap_repair_ops {
	eal_shlock_repair_t heap;    /* arg: struct heap_heap * */
	eal_shlock_repair_t root;    /* arg: struct heap_root * */
	eal_shlock_repair_t anon;    /* arg: struct heap_cache * */
};
extern struct heap_repair_ops heap_repair_ops;   /* heap.c */
extern int32_t heap_pid;                         /* heap.c: getpid() */
static inline void heap_lock(struct heap_heap *h) { eal_shlock_lock(&h->lock, heap_repair_ops.heap, h); }
static inline void heap_unlock(struct heap_heap *h) { eal_shlock_unlock(&h->lock); }
static inline void root_lock(struct heap_root *r) { eal_shlock_lock(&r->lock, heap_repair_ops.root, r); }
static inline void root_unlock(struct heap_root *r) { eal_shlock_unlock(&r->lock); }
static inline void anon_lock(struct heap_cache *c) { eal_shlock_lock(&c->lock, heap_repair_ops.anon, c); }
static inline void anon_unlock(struct heap_cache *c) { eal_shlock_unlock(&c->lock); }
/* The span in the transit record is linked and usable (heap lock held). */
static inline void heap_transit_done(struct heap_heap *h)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	h->grow.addr = NULL;
}

/* Test-only kill points (tests/reliability/test_rel_kill_points): a test
 * arms heap_kill_countdown with N > 0 and the process raises SIGKILL at the
 * Nth HEAP_KILL_POINT() it passes; heap_kill_passed counts the points passed
 * while armed (relaxed atomics: any thread may pass a point). The points
 * sit between the shared stores of a heap update (block headers, undo log,
 * transit record, span list, slab supply) so that a sweep over N kills a
 * lock holder between every two of them. Disarmed (0) it costs one load
 * and a predicted branch. */
extern int heap_kill_countdown;
extern unsigned int heap_kill_passed;
void heap_kill_point(void);
#define HEAP_KILL_POINT() do { \
	if (unlikely(__atomic_load_n(&heap_kill_countdown, __ATOMIC_RELAXED) > 0)) \
		heap_kill_point(); \
} while (0)

/* Save a large-block header before changing it (heap lock held): a holder
 * killed in the middle of an update is rolled back by heap_repair. The
 * release fences keep the compiler (and weakly ordered CPUs) from moving
 * the header stores before the record that covers them. */
static inline void heap_undo_save(struct heap_heap *h, struct lblk *b)
{
	for (uint32_t i = 0; i < h->undo_n; i++)
		if (h->undo[i].at == b)
			return;
	struct heap_undo *u = &h->undo[h->undo_n];
	u->at = b;
	u->saved = *b;
	HEAP_KILL_POINT();
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&h->undo_n, h->undo_n + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	HEAP_KILL_POINT();
}
/* The update is complete: forget the saved headers. */
static inline void heap_undo_commit(struct heap_heap *h)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	HEAP_KILL_POINT();
	__atomic_store_n(&h->undo_n, 0, __ATOMIC_RELAXED);
	HEAP_KILL_POINT();
}

/* Is pid a process that has exited (0: a released owner)? */
int heap_pid_exited(int64_t pid);
/* Rebuild the slab lists of cache c from its slabs' type bytes (c's owner
 * died, or its lock's holder did). The caller owns c (claim or lock). */
void heap_cache_rebuild(struct heap_cache *c);
/* Rebuild and release every cache whose owner process has died (their
 * slab state may be cut mid-update until then). */
void heap_adopt_exited(void);
/* Small blocks live in slab s (neither free nor remote-pending). */
uint32_t heap_slab_live(const struct heap_slab *s);
/* Bytes and blocks of heap hidx allocated by processes that have exited
 * (dead or gone without freeing them). */
void heap_exited_held(unsigned int hidx, size_t *bytes, size_t *count);

/* heap.c */
int heap_index_of_socket(int socket_id);     /* -1 when no such heap */
int heap_home_index(void);                   /* heap for SOCKET_ID_ANY from this thread */
uint16_t heap_type_id(const char *type);
void *heap_large_alloc(unsigned int hidx, size_t size, size_t align, size_t bound,
		       unsigned int flags, uint16_t type, int zero, int *err);
void heap_large_free(struct heap_span *sp, void *ptr, const char *who);
int heap_large_check(struct heap_span *sp, const void *ptr, size_t *usable);
void *heap_large_resize(struct heap_span *sp, void *ptr, size_t size);
/* A fresh slab for class cls owned by cache owner; NULL when the heap has
 * no free slab and may_grow is 0, or the page layer has no memory. */
struct heap_slab *heap_slab_get(unsigned int hidx, uint16_t cls, uint16_t owner, int may_grow);
void heap_slab_put(struct heap_slab *s);
void heap_slab_put_locked(struct heap_heap *h, struct heap_slab *s);
/* Register sp for its granules (val == sp) or unregister it (val NULL). */
int heap_radix_set(struct heap_span *sp, struct heap_span *val);
void heap_cache_init(struct heap_cache *c, uint32_t self, unsigned int hidx, int socket);
/* heap.c: spans from the page layer (heap lock held). A new SPAN_SMALL has
 * its slabs on the free list; a new SPAN_LARGE is bare: heap_large.c lays out
 * its blocks. Release forgets an external span, else unmaps it. */
struct heap_span *heap_span_new(unsigned int hidx, size_t len, enum span_kind kind,
				unsigned int flags, int *err);
void heap_span_release(struct heap_heap *h, struct heap_span *sp);
/* heap.c: the root's table of external regions (root lock inside). */
int heap_ext_register(struct heap_span *sp);
void heap_ext_unregister(struct heap_span *sp);
/* heap_large.c: size bins of free large blocks (heap lock held). */
void heap_bin_insert(struct heap_heap *h, struct lblk *b);
void heap_bin_remove(struct heap_heap *h, struct lblk *b);
/* The layer above (malloc.c's per-lcore caches) registers, from a
 * constructor, the function eal_heap_cleanup() calls first to hand back this
 * process's cache claims; NULL (no caches linked in) means nothing to do.
 * This keeps heap.c from calling up into malloc.c. */
void heap_set_caches_release(void (*fn)(void));

/* malloc.c */
void heap_caches_release(void);              /* this process's claims, at cleanup */
void heap_cache_drain(struct heap_cache *c);

/* Full checker: first rebuilds the caches of dead processes (as their next
 * owner would), then walks every heap; returns the number of problems found
 * (each logged and, if f, printed). Small-block state is owner-private:
 * call it when no other thread is allocating or freeing. */
int eal_heap_verify(FILE *f);
/* Bytes this process's heap holds from the page layer (all heaps). */
/* Statistics with one writer at a time (the heap lock holder, or the thread
 * owning a cache) and lock-free readers (introspection, telemetry, held
 * bytes) that load them with relaxed atomics: the writer stores with a
 * relaxed atomic too, so a reader never sees a torn value and the pair is
 * no data race (TSan). Costs the same plain load/add/store on x86. */
#define HEAP_STAT_ADD(lv, d) \
	__atomic_store_n(&(lv), __atomic_load_n(&(lv), __ATOMIC_RELAXED) + (d), __ATOMIC_RELAXED)
size_t eal_heap_held_bytes(void);
#endif
