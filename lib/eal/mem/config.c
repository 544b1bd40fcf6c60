/* SPDX-License-Identifier: BSD-3-Clause
 * The bottom of lib/eal/mem: this process's handle on the shared memory
 * config (eal_mem: the config mapping and the list memfds, filled in by
 * setup.c or attach.c), the shared re-entrant rwlocks inside it, the public
 * rte_mcfg_* lock functions and the resolved memory facts (hugepages, IOVA).
 * Every file of lib/eal/mem may call this one; it calls only lib/eal's
 * state/log/lcore and shlock.c (the robust locks). Layout of the config in eal_mem.h.
 *
 * Lock order (outermost first), as memzone.c and heap.c state it:
 * mz_lock (memzone.c) -> heap lock -> heap root lock (heap.c); mem_lock is
 * the innermost, taken by memseg.c when the heap asks for or returns pages. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <rte_memory.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include "eal_mem.h"
#include "eal_memalloc.h"

struct eal_mem_local eal_mem = { .cfg = NULL, .cfg_fd = -1 };

/* ---- shared config locks ----------------------------------------------------
 * Robust recursive mutexes (eal_mem.h, shlock.h). The repair table is
 * process-local (function pointers); the files that own the guarded data
 * (memseg.c, memzone.c: above this one) fill it from constructors, so every
 * process of the prefix has the same table and nothing here calls up. */
static eal_shlock_repair_t lock_repair[EAL_LOCK_KINDS];

void eal_rwlock_set_repair(enum eal_lock_kind kind, eal_shlock_repair_t fn)
{
	if (kind < EAL_LOCK_KINDS)
		lock_repair[kind] = fn;
}

void eal_rwlock_init(struct eal_rwlock *l, enum eal_lock_kind kind)
{
	eal_shlock_init(&l->l);
	l->kind = kind;
}

static inline eal_shlock_repair_t repair_of(const struct eal_rwlock *l)
{
	return l->kind < EAL_LOCK_KINDS ? lock_repair[l->kind] : NULL;
}

void eal_rwlock_write_lock(struct eal_rwlock *l) { eal_shlock_lock_recursive(&l->l, repair_of(l), NULL); }
void eal_rwlock_write_unlock(struct eal_rwlock *l) { eal_shlock_unlock_recursive(&l->l); }
void eal_rwlock_read_lock(struct eal_rwlock *l) { eal_shlock_lock_recursive(&l->l, repair_of(l), NULL); }
void eal_rwlock_read_unlock(struct eal_rwlock *l) { eal_shlock_unlock_recursive(&l->l); }

/* ---- public lock and fact getters ------------------------------------------------- */
void rte_mcfg_mem_read_lock(void) { if (eal_mem.cfg) eal_rwlock_read_lock(&eal_mem.cfg->mem_lock); }
void rte_mcfg_mem_read_unlock(void) { if (eal_mem.cfg) eal_rwlock_read_unlock(&eal_mem.cfg->mem_lock); }
void rte_mcfg_mem_write_lock(void) { if (eal_mem.cfg) eal_rwlock_write_lock(&eal_mem.cfg->mem_lock); }
void rte_mcfg_mem_write_unlock(void) { if (eal_mem.cfg) eal_rwlock_write_unlock(&eal_mem.cfg->mem_lock); }

void rte_mcfg_tailq_read_lock(void) { if (eal_mem.cfg) eal_rwlock_read_lock(&eal_mem.cfg->tailq_lock); }
void rte_mcfg_tailq_read_unlock(void) { if (eal_mem.cfg) eal_rwlock_read_unlock(&eal_mem.cfg->tailq_lock); }
void rte_mcfg_tailq_write_lock(void) { if (eal_mem.cfg) eal_rwlock_write_lock(&eal_mem.cfg->tailq_lock); }
void rte_mcfg_tailq_write_unlock(void) { if (eal_mem.cfg) eal_rwlock_write_unlock(&eal_mem.cfg->tailq_lock); }
void rte_mcfg_mempool_read_lock(void) { if (eal_mem.cfg) eal_rwlock_read_lock(&eal_mem.cfg->mempool_lock); }
void rte_mcfg_mempool_read_unlock(void) { if (eal_mem.cfg) eal_rwlock_read_unlock(&eal_mem.cfg->mempool_lock); }
void rte_mcfg_mempool_write_lock(void) { if (eal_mem.cfg) eal_rwlock_write_lock(&eal_mem.cfg->mempool_lock); }
void rte_mcfg_mempool_write_unlock(void) { if (eal_mem.cfg) eal_rwlock_write_unlock(&eal_mem.cfg->mempool_lock); }
void rte_mcfg_timer_lock(void) { if (eal_mem.cfg) eal_rwlock_write_lock(&eal_mem.cfg->timer_lock); }
void rte_mcfg_timer_unlock(void) { if (eal_mem.cfg) eal_rwlock_write_unlock(&eal_mem.cfg->timer_lock); }
bool rte_mcfg_get_single_file_segments(void) { return true; }

int rte_eal_has_hugepages(void) { return eal.has_hugepages; }
int rte_eal_using_phys_addrs(void) { return eal_mem.cfg && eal_mem.cfg->iova_mode == RTE_IOVA_PA; }

enum rte_iova_mode rte_eal_iova_mode(void)
{
	return eal.iova_mode == RTE_IOVA_DC ? RTE_IOVA_VA : eal.iova_mode;
}

void **eal_heap_root(void)
{
	return eal_mem.cfg ? &eal_mem.cfg->heap_root : NULL;
}

