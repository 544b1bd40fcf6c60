/* SPDX-License-Identifier: BSD-3-Clause
 * Page layer internals shared by os.c, hugepage.c, mem_config.c, memseg.c and
 * memzone.c (not installed; the heap only sees eal_memalloc.h).
 *
 * Shared config layout (one memfd, mapped MAP_SHARED at cfg->cfg_va, the
 * same address in every process of the prefix; pointers inside it are valid
 * everywhere):
 *
 *   cfg_va +0                 struct eal_mem_config (header, locks, msl[],
 *                             limits, heap root, memzone table descriptor)
 *          +page aligned      per memseg list: rte_memseg[len] + used bitmap
 *                             (the rte_fbarray data) + "given" bitmap
 *          +page aligned      memzone table: struct eal_mz_slot[mz_cap]
 *          +page aligned      memzone name index: uint32_t[mz_hash_cap]
 *
 * The region is sparse: memfd pages are only allocated when first written,
 * so the large fixed-capacity tables cost nothing until used.
 *
 * Right after the config come the memseg lists' virtual ranges, all inside
 * one PROT_NONE|MAP_NORESERVE reservation [va_base, va_base + va_len). */
#ifndef DPLITE_EAL_MEM_H
#define DPLITE_EAL_MEM_H
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <inttypes.h>
#include <limits.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include "eal_private.h"
#include "shlock.h"

#define EAL_MEMCFG_MAGIC   0x64706c6d63666731ULL   /* "dplmcfg1" */
#define EAL_MAX_MSL        16
#define EAL_MAX_EXT_MSL    64                      /* rte_extmem_* + external heap regions */
#define EAL_MZ_CAP         32768                   /* memzone table slots */
#define EAL_MZ_HASH_CAP    65536                   /* power of two, > 2 * EAL_MZ_CAP */
#define EAL_MSL_VA_HUGE    (64ULL << 30)           /* VA per hugepage list */
#define EAL_MSL_VA_SMALL   (8ULL << 30)            /* VA per 4 KiB list */
#ifdef __SANITIZE_THREAD__
/* ThreadSanitizer only lets the application map below 512 GiB or in its
 * own mmap area: 256 GiB keeps every process of a prefix on one address. */
#define EAL_DEFAULT_BASE   0x004000000000ULL
#else
#define EAL_DEFAULT_BASE   0x200000000000ULL   /* 32 TiB: far from brk, mmap area, ASan shadow */
#endif

/* ---- process-shared config locks (live in the shared config) ---------------
 * Robust and recursive (shlock.h): a holder killed -9 leaves the lock to the
 * next taker, who first runs the repair callback registered for the lock's
 * kind (process-local; memseg.c and memzone.c register theirs). Readers are
 * exclusive too: the data they guard is small and rarely read on fast paths. */
enum eal_lock_kind { EAL_LOCK_NONE, EAL_LOCK_MEM, EAL_LOCK_MZ, EAL_LOCK_TAILQ,
		     EAL_LOCK_MEMPOOL, EAL_LOCK_TIMER, EAL_LOCK_KINDS };
struct eal_rwlock {
	struct eal_shlock l;
	uint32_t kind;          /* enum eal_lock_kind: which repair to run */
};
void eal_rwlock_init(struct eal_rwlock *l, enum eal_lock_kind kind);
void eal_rwlock_set_repair(enum eal_lock_kind kind, eal_shlock_repair_t fn);
void eal_rwlock_read_lock(struct eal_rwlock *l);
void eal_rwlock_read_unlock(struct eal_rwlock *l);
void eal_rwlock_write_lock(struct eal_rwlock *l);
void eal_rwlock_write_unlock(struct eal_rwlock *l);

/* One memzone table slot: the public struct first so that a slot pointer is
 * the rte_memzone pointer handed to users. */
struct eal_mz_slot {
	struct rte_memzone mz;
	uint32_t used;
	uint32_t pad;
};

struct eal_mem_config {
	uint64_t magic;
	uint32_t version;
	uint32_t nb_msl;
	uint64_t cfg_va, cfg_len;              /* this mapping */
	uint64_t va_base, va_len;              /* whole reservation incl. cfg */
	int32_t has_hugepages;
	int32_t iova_mode;                     /* enum rte_iova_mode, resolved */
	int32_t legacy_mem;
	int32_t pad0;
	uint64_t default_page_sz;
	uint32_t nchannel, nrank;
	struct eal_rwlock mem_lock;            /* msl contents (rte_mcfg_mem_*) */
	struct eal_rwlock mz_lock;             /* memzone table */
	struct eal_rwlock tailq_lock;          /* rte_mcfg_tailq_* */
	struct eal_rwlock mempool_lock;        /* rte_mcfg_mempool_* */
	struct eal_rwlock timer_lock;          /* rte_mcfg_timer_* (writer only) */
	uint32_t dma_maskbits;                 /* rte_mem_set_dma_mask, 0 = none */
	uint32_t pad1;
	void *heap_root;                       /* owned by the heap */
	/* limits, in bytes; UINT64_MAX = none. Guarded by mem_lock. */
	uint64_t limit_total;
	uint64_t limit_socket[RTE_MAX_NUMA_NODES];
	uint64_t mapped_total;
	uint64_t mapped_socket[RTE_MAX_NUMA_NODES];
	struct rte_memseg_list msl[EAL_MAX_MSL];
	uint64_t *given[EAL_MAX_MSL];          /* pages handed to the heap */
	uint32_t nb_given[EAL_MAX_MSL];
	/* memzones, guarded by mz_lock */
	struct eal_mz_slot *mz;
	uint32_t *mz_hash;                     /* slot index + 1; 0 empty, UINT32_MAX deleted */
	uint32_t mz_cap, mz_count, mz_hiwater, mz_free_hint, mz_dead;
	uint32_t mz_freeing;                   /* slot + 1 being freed (crash record), 0 none */
	void *mz_freeing_addr;                 /* its block */
	/* lcore id -> PID of the process using it, 0 free (mem_attach.c) */
	int32_t lcore_owner[RTE_MAX_LCORE];
	/* external memory (extmem.c): lists with external = 1, outside the
	 * reservation; their memseg arrays live in the shared heap. A slot is in
	 * use when base_va != NULL (stored last, release; cleared first). Guarded
	 * by mem_lock for writers; lookups read without it. */
	struct rte_memseg_list ext_msl[EAL_MAX_EXT_MSL];
	/* requests refused at a limit, per enum eal_limit_hit (atomic adds;
	 * read by explain.c for rte_dplite_limits) */
	uint64_t limit_hits[8];
};

/* Count a request refused at a limit (cheap: one relaxed add in shared memory). */
enum eal_limit_hit { EAL_HIT_MEM_VA, EAL_HIT_MEM_LIMIT, EAL_HIT_MEM_SHORT, EAL_HIT_MZ_TABLE,
		     EAL_HIT_EXT_MSL, EAL_HIT_HEAPS, EAL_HIT_EXT_REGIONS, EAL_HIT_TYPES };
static inline void eal_limit_hit(struct eal_mem_config *cfg, enum eal_limit_hit k)
{
	if (cfg != NULL)
		__atomic_fetch_add(&cfg->limit_hits[k], 1, __ATOMIC_RELAXED);
}

/* Process-local state of the page layer. */
struct eal_mem_local {
	struct eal_mem_config *cfg;
	int cfg_fd;
	int msl_fd[EAL_MAX_MSL];
	void *resv;                            /* our reservation */
	size_t resv_len;
};
extern struct eal_mem_local eal_mem;

static inline struct eal_mem_config *eal_mcfg(void) { return eal_mem.cfg; }

/* ---- os.c: every OS call the page layer makes ----------------------------------- */
int eal_os_memfd(const char *name, size_t page_sz, bool huge);
int eal_os_tmpfile(const char *dir);
int eal_os_ftruncate(int fd, uint64_t len);
void *eal_os_reserve(void *hint, size_t len, bool fixed_noreplace);
int eal_os_unreserve(void *addr, size_t len);
/* Map [off, off+len) of fd at addr (inside a reservation), populated. */
int eal_os_map_fixed(void *addr, size_t len, int fd, uint64_t off);
void *eal_os_map_shared(void *addr, size_t len, int fd, bool fixed);
int eal_os_falloc(int fd, uint64_t off, uint64_t len);
int eal_os_punch(int fd, uint64_t off, uint64_t len);
uint64_t eal_os_virt2phy(const void *va);   /* RTE_BAD_IOVA if unknown */
int eal_os_mlock(const void *addr, size_t len);
int eal_os_bind_node(int node);              /* preferred-node policy for this thread */
void eal_os_unbind(void);
long eal_os_read_ulong(const char *path);    /* -1 if unreadable */
size_t eal_os_page_size(void);
int eal_os_mapped(const void *addr, size_t len);   /* 1: every page mapped here */

/* ---- hugepage.c: discovery ---------------------------------------------------- */
struct eal_hp_info {
	uint64_t page_sz;
	char mount[PATH_MAX];                  /* usable hugetlbfs mount, "" none */
	uint32_t nodes_mask;                   /* NUMA nodes with pages of this size */
	long total;                            /* nr_hugepages, all nodes */
};
#define EAL_MAX_HP_SIZES 4
/* Fill info[] with usable hugepage sizes (ascending); returns how many. */
int eal_hugepage_discover(struct eal_hp_info *info, int max);
/* Free pages of page_sz on node (-1: all nodes); -1 unknown. */
long eal_hugepage_free_count(uint64_t page_sz, int node);

/* ---- memseg.c ----------------------------------------------------------------- */
int eal_memseg_lists_init(void);             /* primary: create lists in cfg */
void eal_memseg_lists_fini(void);
int eal_memseg_legacy_prealloc(void);

int eal_msl_index(const struct rte_memseg_list *msl);

/* ---- mem_attach.c: secondary processes ---------------------------------------- */
int eal_memory_attach(void);       /* secondary: map the primary's memory */
int eal_mem_attach_serve(void);    /* primary: answer attach requests */
int eal_mem_claim_lcores(void);    /* -EBUSY if a live process holds one of ours */
void eal_mem_release_lcores(void);
/* Does a live process other than us hold an lcore of this prefix? */
bool eal_mem_others_alive(void);
/* Map every list's whole range from its memfd (all processes do this). */
int eal_mem_map_lists(void);

/* ---- memzone.c ---------------------------------------------------------------- */
size_t eal_memzone_table_bytes(void);
void eal_memzone_table_init(struct eal_mem_config *cfg, void *table, void *hash);
void eal_memzone_cleanup(void);

#endif
