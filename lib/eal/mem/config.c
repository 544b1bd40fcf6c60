/* SPDX-License-Identifier: BSD-3-Clause
 * The bottom of lib/eal/mem: this process's handle on the shared memory
 * config (eal_mem: the config mapping and the list memfds, filled in by
 * setup.c or attach.c), the shared re-entrant rwlocks inside it, the public
 * rte_mcfg_* lock functions and the resolved memory facts (hugepages, IOVA).
 * Every file of lib/eal/mem may call this one; it calls only lib/eal's
 * state/log/lcore (gettid). Layout of the config in eal_mem.h.
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
#include <rte_pause.h>
#include "eal_mem.h"
#include "eal_memalloc.h"

struct eal_mem_local eal_mem = { .cfg = NULL, .cfg_fd = -1 };

/* ---- shared rwlock ------------------------------------------------------------
 * cnt: 0 free, n > 0 readers, -1 one writer. owner/depth let the writing
 * thread re-enter (as writer or reader) instead of deadlocking: mem event
 * callbacks run under the write lock and may walk memsegs.
 * A1 (acquire CAS on cnt) pairs with R1 (release store/add on unlock): whoever
 * takes the lock sees every write made under the previous holder. owner is
 * only compared against the caller's own tid, so relaxed access suffices: a
 * thread can only read its own tid there if it stored it itself. */
static inline int32_t my_tid(void) { return (int32_t)rte_gettid(); }

void eal_rwlock_write_lock(struct eal_rwlock *l)
{
	if (__atomic_load_n(&l->cnt, __ATOMIC_RELAXED) == -1 &&
	    __atomic_load_n(&l->owner, __ATOMIC_RELAXED) == my_tid()) {
		l->depth++;
		return;
	}
	for (;;) {
		int32_t z = 0;
		if (__atomic_compare_exchange_n(&l->cnt, &z, -1, true, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))   /* A1 */
			break;
		rte_pause();
	}
	__atomic_store_n(&l->owner, my_tid(), __ATOMIC_RELAXED);
	l->depth = 1;
}

void eal_rwlock_write_unlock(struct eal_rwlock *l)
{
	if (--l->depth > 0)
		return;
	__atomic_store_n(&l->owner, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&l->cnt, 0, __ATOMIC_RELEASE);   /* R1 */
}

void eal_rwlock_read_lock(struct eal_rwlock *l)
{
	for (;;) {
		int32_t c = __atomic_load_n(&l->cnt, __ATOMIC_RELAXED);
		if (c == -1 && __atomic_load_n(&l->owner, __ATOMIC_RELAXED) == my_tid()) {
			l->depth++;   /* the writer reading: nested */
			return;
		}
		if (c >= 0 && __atomic_compare_exchange_n(&l->cnt, &c, c + 1, true, __ATOMIC_ACQUIRE,
							  __ATOMIC_RELAXED))   /* A1 */
			return;
		rte_pause();
	}
}

void eal_rwlock_read_unlock(struct eal_rwlock *l)
{
	if (__atomic_load_n(&l->cnt, __ATOMIC_RELAXED) == -1 &&
	    __atomic_load_n(&l->owner, __ATOMIC_RELAXED) == my_tid()) {
		l->depth--;
		return;
	}
	__atomic_fetch_sub(&l->cnt, 1, __ATOMIC_RELEASE);   /* R1 */
}

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

