/* SPDX-License-Identifier: BSD-3-Clause
 * Memzones: named blocks of shared memory, found by name from any process.
 *
 * The table lives in the shared config (layout in eal_mem.h):
 *   struct eal_mz_slot mz[EAL_MZ_CAP]   slot i is free iff used == 0; the
 *                                       rte_memzone pointer users hold is
 *                                       &mz[i].mz, valid in every process.
 *   uint32_t hash[EAL_MZ_HASH_CAP]      open-addressing name index: slot + 1,
 *                                       0 = empty, HASH_DEAD = deleted.
 * The capacity (32768) is a sparse reservation: only touched pages of the
 * memfd cost memory. Invariants under cfg->mz_lock (write for changes):
 *   every used slot is in the hash exactly once, under its name;
 *   mz_count = used slots, all below mz_hiwater; cfg->mz_free_hint <= first free.
 * Memory comes from the heap (eal_heap_alloc_bounded) so it is shared too.
 * Lock order: mz_lock -> heap lock -> mem_lock.
 *
 * rte_memzone_walk holds the read lock while calling back; a callback that
 * reserves or frees a memzone would deadlock in DPDK — here it gets EDEADLK. */
#include <errno.h>
#include <string.h>
#include <rte_memzone.h>
#include <rte_malloc.h>
#include <rte_errno.h>
#include "eal_mem.h"
#include "eal_memalloc.h"

#define HASH_DEAD UINT32_MAX
#define MZ_FLAGS_SIZES (RTE_MEMZONE_2MB | RTE_MEMZONE_1GB | RTE_MEMZONE_16MB | RTE_MEMZONE_16GB | \
			RTE_MEMZONE_256KB | RTE_MEMZONE_256MB | RTE_MEMZONE_512MB | RTE_MEMZONE_4GB)
#define MZ_FLAGS_ALL (MZ_FLAGS_SIZES | RTE_MEMZONE_SIZE_HINT_ONLY | RTE_MEMZONE_IOVA_CONTIG)

static __thread int walk_depth;   /* > 0 while this thread is inside rte_memzone_walk */

size_t eal_memzone_table_bytes(void)
{
	return RTE_ALIGN_CEIL((size_t)EAL_MZ_CAP * sizeof(struct eal_mz_slot), 4096) +
	       RTE_ALIGN_CEIL((size_t)EAL_MZ_HASH_CAP * sizeof(uint32_t), 4096);
}

void eal_memzone_table_init(struct eal_mem_config *cfg, void *table, void *hash)
{
	cfg->mz = table;
	cfg->mz_hash = hash ? hash : RTE_PTR_ADD(table,
		RTE_ALIGN_CEIL((size_t)EAL_MZ_CAP * sizeof(struct eal_mz_slot), 4096));
	cfg->mz_cap = EAL_MZ_CAP;
	cfg->mz_count = 0;
	cfg->mz_hiwater = 0;
	cfg->mz_free_hint = 0;
	cfg->mz_dead = 0;
}

/* FNV-1a over the name (at most RTE_MEMZONE_NAMESIZE - 1 bytes). */
static uint32_t name_hash(const char *name)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < RTE_MEMZONE_NAMESIZE && name[i]; i++)
		h = (h ^ (uint8_t)name[i]) * 16777619u;
	return h;
}

/* Slot index of name, or -1. Caller holds mz_lock. */
static int hash_find(const struct eal_mem_config *cfg, const char *name)
{
	uint32_t mask = EAL_MZ_HASH_CAP - 1;
	for (uint32_t i = name_hash(name) & mask, n = 0; n < EAL_MZ_HASH_CAP; i = (i + 1) & mask, n++) {
		uint32_t v = cfg->mz_hash[i];
		if (v == 0)
			return -1;
		if (v != HASH_DEAD &&
		    strncmp(cfg->mz[v - 1].mz.name, name, RTE_MEMZONE_NAMESIZE) == 0)
			return (int)(v - 1);
	}
	return -1;
}

static void hash_insert(struct eal_mem_config *cfg, uint32_t slot)
{
	uint32_t mask = EAL_MZ_HASH_CAP - 1;
	for (uint32_t i = name_hash(cfg->mz[slot].mz.name) & mask;; i = (i + 1) & mask)
		if (cfg->mz_hash[i] == 0 || cfg->mz_hash[i] == HASH_DEAD) {
			if (cfg->mz_hash[i] == HASH_DEAD)
				cfg->mz_dead--;
			cfg->mz_hash[i] = slot + 1;
			return;
		}
}

/* Drop tombstones by rebuilding once they make probes long. */
static void hash_rebuild(struct eal_mem_config *cfg)
{
	memset(cfg->mz_hash, 0, EAL_MZ_HASH_CAP * sizeof(uint32_t));
	cfg->mz_dead = 0;
	for (uint32_t s = 0; s < cfg->mz_hiwater; s++)
		if (cfg->mz[s].used)
			hash_insert(cfg, s);
}

static void hash_remove(struct eal_mem_config *cfg, uint32_t slot)
{
	uint32_t mask = EAL_MZ_HASH_CAP - 1;
	for (uint32_t i = name_hash(cfg->mz[slot].mz.name) & mask;; i = (i + 1) & mask)
		if (cfg->mz_hash[i] == slot + 1) {
			cfg->mz_hash[i] = HASH_DEAD;
			cfg->mz_dead++;
			break;
		}
	if (cfg->mz_dead > EAL_MZ_HASH_CAP / 4)
		hash_rebuild(cfg);
}

static int bad(int err, const char *why, const char *name)
{
	EAL_LOG(ERR, "memzone '%.*s': %s\n", RTE_MEMZONE_NAMESIZE, name ? name : "(null)", why);
	rte_errno = err;
	return 0;
}

/* Largest block the heap could hand out now (len 0 requests, as DPDK: the
 * biggest free element already in the heap; the heap does not grow for it).
 * Sockets without a heap count as 0, quietly. */
static size_t largest_free(int socket_id)
{
	size_t best = 0;
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++)
		if (socket_id == SOCKET_ID_ANY || s == socket_id)
			best = RTE_MAX(best, eal_heap_largest_free(s));
	return best;
}

static uint64_t flags_page_size_ok(unsigned int flags)
{
	/* 1 = some requested size is the one the heap uses */
	static const struct { unsigned int f; uint64_t sz; } map[] = {
		{ RTE_MEMZONE_256KB, RTE_PGSIZE_256K }, { RTE_MEMZONE_2MB, RTE_PGSIZE_2M },
		{ RTE_MEMZONE_16MB, RTE_PGSIZE_16M }, { RTE_MEMZONE_256MB, RTE_PGSIZE_256M },
		{ RTE_MEMZONE_512MB, RTE_PGSIZE_512M }, { RTE_MEMZONE_1GB, RTE_PGSIZE_1G },
		{ RTE_MEMZONE_4GB, RTE_PGSIZE_4G }, { RTE_MEMZONE_16GB, RTE_PGSIZE_16G },
	};
	if (!(flags & MZ_FLAGS_SIZES) || (flags & RTE_MEMZONE_SIZE_HINT_ONLY) ||
	    !rte_eal_has_hugepages())
		return 1;
	for (size_t i = 0; i < RTE_DIM(map); i++)
		if ((flags & map[i].f) && map[i].sz == eal_pages_default_size())
			return 1;
	return 0;
}

const struct rte_memzone *
rte_memzone_reserve_bounded(const char *name, size_t len, int socket_id,
			    unsigned int flags, unsigned int align, unsigned int bound)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL) {
		bad(E_RTE_NO_CONFIG, "EAL memory is not initialised", name);
		return NULL;
	}
	if (name == NULL || name[0] == '\0') {
		bad(EINVAL, "NULL or empty name", name);
		return NULL;
	}
	if (strnlen(name, RTE_MEMZONE_NAMESIZE) >= RTE_MEMZONE_NAMESIZE) {
		bad(ENAMETOOLONG, "name too long", name);
		return NULL;
	}
	if (align == 0)
		align = RTE_CACHE_LINE_SIZE;
	if (!rte_is_power_of_2(align)) {
		bad(EINVAL, "alignment is not a power of two", name);
		return NULL;
	}
	align = RTE_MAX(align, (unsigned int)RTE_CACHE_LINE_SIZE);
	if (len > SIZE_MAX / 2) {
		bad(EINVAL, "length too large", name);
		return NULL;
	}
	size_t rlen = RTE_ALIGN_CEIL(len, (size_t)RTE_CACHE_LINE_SIZE);
	if (bound != 0 && (!rte_is_power_of_2(bound) || rlen > bound)) {
		bad(EINVAL, "boundary is not a power of two >= length", name);
		return NULL;
	}
	/* ids >= RTE_MAX_NUMA_NODES name external heaps: the heap says
	 * whether one exists (EINVAL if not) */
	if (socket_id != SOCKET_ID_ANY && socket_id < 0) {
		bad(EINVAL, "invalid socket id", name);
		return NULL;
	}
	if (flags & ~(unsigned int)MZ_FLAGS_ALL) {
		bad(EINVAL, "unknown flags", name);
		return NULL;
	}
	if (!flags_page_size_ok(flags)) {
		bad(ENOMEM, "no memory of the requested page size", name);
		return NULL;
	}
	if (walk_depth > 0) {
		bad(EDEADLK, "cannot reserve from inside rte_memzone_walk", name);
		return NULL;
	}

	eal_rwlock_write_lock(&cfg->mz_lock);
	if (hash_find(cfg, name) >= 0) {
		eal_rwlock_write_unlock(&cfg->mz_lock);
		bad(EEXIST, "name already in use", name);
		return NULL;
	}
	if (cfg->mz_count >= cfg->mz_cap) {
		eal_rwlock_write_unlock(&cfg->mz_lock);
		eal_limit_hit(cfg, EAL_HIT_MZ_TABLE);
		bad(ENOSPC, "memzone table full", name);
		return NULL;
	}
	if (len == 0) {
		size_t big = largest_free(socket_id);
		rlen = big > align ? RTE_ALIGN_FLOOR(big - align, (size_t)RTE_CACHE_LINE_SIZE) : 0;
		if (bound)
			rlen = RTE_MIN(rlen, (size_t)bound);
		if (rlen == 0) {
			eal_rwlock_write_unlock(&cfg->mz_lock);
			bad(ENOMEM, "length 0 asks for the largest free block, and the heap has "
			    "none (reserve an explicit length)", name);
			return NULL;
		}
	}
	int err = 0;
	unsigned int pflags = ((flags & RTE_MEMZONE_IOVA_CONTIG) ? EAL_PAGES_F_IOVA_CONTIG : 0) |
			      EAL_HEAP_F_MEMZONE;
	void *addr = eal_heap_alloc_bounded(name, rlen, align, bound, socket_id, pflags, &err);
	if (addr == NULL) {
		eal_rwlock_write_unlock(&cfg->mz_lock);
		if ((flags & RTE_MEMZONE_IOVA_CONTIG) && (err == 0 || err == -ENOMEM)) {
			/* callers (mempool populate) retry without IOVA_CONTIG: not
			 * worth an error line; a real shortage is logged by the page
			 * layer with the sizes */
			EAL_LOG(DEBUG, "memzone '%.*s': no IOVA-contiguous block of %zu bytes\n",
				RTE_MEMZONE_NAMESIZE, name, rlen);
			rte_errno = ENOMEM;
		} else {
			bad(err ? -err : ENOMEM, "cannot allocate memory", name);
		}
		return NULL;
	}
	uint32_t s = cfg->mz_free_hint;
	while (s < cfg->mz_hiwater && cfg->mz[s].used)
		s++;
	if (s == cfg->mz_hiwater)
		cfg->mz_hiwater++;
	cfg->mz_free_hint = s + 1;
	struct eal_mz_slot *z = &cfg->mz[s];
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	memset(&z->mz, 0, sizeof(z->mz));
	snprintf(z->mz.name, sizeof(z->mz.name), "%s", name);
	z->mz.addr = addr;
	/* external memory: the IOVAs its owner gave, in either IOVA mode (as
	 * DPDK); elsewhere the page layer's answer */
	z->mz.iova = msl && msl->external ? rte_malloc_virt2iova(addr) : rte_mem_virt2iova(addr);
	z->mz.len = rlen;
	z->mz.hugepage_sz = msl ? msl->page_sz : eal_pages_default_size();
	z->mz.socket_id = msl ? msl->socket_id : (socket_id == SOCKET_ID_ANY ? 0 : socket_id);
	z->mz.flags = 0;
	z->used = 1;
	hash_insert(cfg, s);
	cfg->mz_count++;
	eal_rwlock_write_unlock(&cfg->mz_lock);
	return &z->mz;
}

const struct rte_memzone *
rte_memzone_reserve_aligned(const char *name, size_t len, int socket_id,
			    unsigned int flags, unsigned int align)
{
	return rte_memzone_reserve_bounded(name, len, socket_id, flags, align, 0);
}

const struct rte_memzone *
rte_memzone_reserve(const char *name, size_t len, int socket_id, unsigned int flags)
{
	return rte_memzone_reserve_bounded(name, len, socket_id, flags, RTE_CACHE_LINE_SIZE, 0);
}

const struct rte_memzone *rte_memzone_lookup(const char *name)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (name == NULL) {
		bad(EINVAL, "lookup of a NULL name", name);
		return NULL;
	}
	if (cfg == NULL) {
		rte_errno = E_RTE_NO_CONFIG;
		return NULL;
	}
	eal_rwlock_read_lock(&cfg->mz_lock);
	int s = hash_find(cfg, name);
	eal_rwlock_read_unlock(&cfg->mz_lock);
	if (s < 0) {
		rte_errno = ENOENT;
		return NULL;
	}
	return &cfg->mz[s].mz;
}

int rte_memzone_free(const struct rte_memzone *mz)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (mz == NULL || cfg == NULL) {
		EAL_LOG(ERR, "rte_memzone_free: NULL memzone or no EAL\n");
		return -EINVAL;
	}
	if (walk_depth > 0) {
		EAL_LOG(ERR, "rte_memzone_free: cannot free from inside rte_memzone_walk\n");
		return -EDEADLK;
	}
	uintptr_t p = (uintptr_t)(const void *)mz, t = (uintptr_t)(void *)cfg->mz;
	if (p < t || p >= t + (uintptr_t)cfg->mz_cap * sizeof(struct eal_mz_slot) ||
	    (p - t) % sizeof(struct eal_mz_slot) != 0) {
		EAL_LOG(ERR, "rte_memzone_free: %p is not a memzone\n", (const void *)mz);
		return -EINVAL;
	}
	uint32_t s = (uint32_t)((p - t) / sizeof(struct eal_mz_slot));
	eal_rwlock_write_lock(&cfg->mz_lock);
	if (!cfg->mz[s].used) {
		eal_rwlock_write_unlock(&cfg->mz_lock);
		EAL_LOG(ERR, "rte_memzone_free: memzone %p is not reserved (double free?)\n",
			(const void *)mz);
		return -EINVAL;
	}
	void *addr = cfg->mz[s].mz.addr;
	/* crash record: a holder killed from here on leaves the rest of this
	 * free to mz_repair */
	cfg->mz_freeing_addr = addr;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&cfg->mz_freeing, s + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	hash_remove(cfg, s);   /* before the slot is cleared: it hashes the name */
	cfg->mz[s].used = 0;
	memset(&cfg->mz[s].mz, 0, sizeof(cfg->mz[s].mz));
	cfg->mz_count--;
	if (s < cfg->mz_free_hint)
		cfg->mz_free_hint = s;
	while (cfg->mz_hiwater > 0 && !cfg->mz[cfg->mz_hiwater - 1].used)
		cfg->mz_hiwater--;
	eal_heap_free_memzone(addr);   /* still under the lock: keeps mz_lock -> heap order */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&cfg->mz_freeing, 0, __ATOMIC_RELAXED);
	eal_rwlock_write_unlock(&cfg->mz_lock);
	return 0;
}

void rte_memzone_walk(void (*func)(const struct rte_memzone *, void *arg), void *arg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || func == NULL)
		return;
	eal_rwlock_read_lock(&cfg->mz_lock);
	walk_depth++;
	for (uint32_t s = 0; s < cfg->mz_hiwater; s++)
		if (cfg->mz[s].used)
			func(&cfg->mz[s].mz, arg);
	walk_depth--;
	eal_rwlock_read_unlock(&cfg->mz_lock);
}

void rte_memzone_dump(FILE *f)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || f == NULL)
		return;
	eal_rwlock_read_lock(&cfg->mz_lock);
	for (uint32_t s = 0, n = 0; s < cfg->mz_hiwater; s++) {
		const struct rte_memzone *mz = &cfg->mz[s].mz;
		if (!cfg->mz[s].used)
			continue;
		fprintf(f, "Zone %u: name:<%s>, len:0x%zx, virt:%p, socket_id:%d, flags:%x, "
			"iova:0x%" PRIx64 ", hugepage_sz:%" PRIu64 "\n", n++, mz->name, mz->len,
			mz->addr, mz->socket_id, mz->flags, mz->iova, mz->hugepage_sz);
	}
	eal_rwlock_read_unlock(&cfg->mz_lock);
}

/* mz_lock's holder died (eal_rwlock repair callback). Slots are the truth:
 * a slot's fields are written before `used` is set, so a used slot is
 * whole. A zone reserved by the dead holder whose slot was not yet marked
 * keeps its heap block, which the heap lists as held by an exited process.
 * An interrupted free (mz_freeing) is finished: the slot is cleared and the
 * block freed if it is still a live memzone block (a block the heap already
 * took back and handed to rte_malloc has no memzone mark and is left alone).
 * Then the hash index and the counters are rebuilt. */
static void mz_repair(void *arg)
{
	struct eal_mem_config *cfg = eal_mcfg();
	(void)arg;
	if (cfg == NULL || cfg->mz == NULL)
		return;
	uint32_t f = cfg->mz_freeing;
	if (f != 0 && f <= cfg->mz_cap) {
		struct eal_mz_slot *z = &cfg->mz[f - 1];
		if (z->used && z->mz.addr == cfg->mz_freeing_addr) {
			z->used = 0;
			memset(&z->mz, 0, sizeof(z->mz));
		}
		if (cfg->mz_freeing_addr)
			eal_heap_free_memzone(cfg->mz_freeing_addr);
	}
	cfg->mz_freeing = 0;
	cfg->mz_freeing_addr = NULL;
	uint32_t count = 0, hi = 0;
	for (uint32_t s = 0; s < cfg->mz_cap; s++)
		if (cfg->mz[s].used) {
			count++;
			hi = s + 1;
		}
	cfg->mz_count = count;
	cfg->mz_hiwater = hi;
	cfg->mz_free_hint = 0;
	hash_rebuild(cfg);
	EAL_LOG(WARNING, "memzones: table repaired after its lock holder died (%u zones)\n", count);
}

RTE_INIT(memzone_repair_register)
{
	eal_rwlock_set_repair(EAL_LOCK_MZ, mz_repair);
}

/* Primary shut-down: give every remaining zone's memory back to the heap
 * before the heap itself goes (a heap on libc would otherwise leak it). */
void eal_memzone_cleanup(void)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || eal.proc_type != RTE_PROC_PRIMARY)
		return;
	eal_rwlock_write_lock(&cfg->mz_lock);
	for (uint32_t s = 0; s < cfg->mz_hiwater; s++)
		if (cfg->mz[s].used) {
			eal_heap_free_memzone(cfg->mz[s].mz.addr);
			cfg->mz[s].used = 0;
		}
	cfg->mz_count = 0;
	cfg->mz_hiwater = 0;
	eal_rwlock_write_unlock(&cfg->mz_lock);
}
