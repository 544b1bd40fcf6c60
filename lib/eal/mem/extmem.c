/* SPDX-License-Identifier: BSD-3-Clause
 * External memory lists: memory the application mapped itself, made known
 * to the EAL so that rte_mem_virt2memseg_list/rte_mem_virt2memseg (and so
 * IOVA lookups) find it. Two users:
 *   - rte_extmem_register/unregister/attach/detach (DPDK 22.11 semantics:
 *     a list of its own with a fresh socket id, no heap);
 *   - external heaps (heap_ext.c): each region added with
 *     rte_malloc_heap_memory_add gets a list with the heap's socket id and
 *     heap = 1, removed with the region.
 *
 * Layout: descriptors in the shared config (cfg->ext_msl[], EAL_MAX_EXT_MSL
 * slots); each list's memseg_arr.data is one shared-heap block holding
 * rte_memseg[len] then the "used" bitmap, the layout memseg.c reads for
 * every list, all bits set (every page of external memory is present).
 * Because both live in shared memory at one address, a secondary sees a
 * list as soon as it is published; attach/detach only check that it exists.
 *
 * Publication: a slot is filled in, then base_va is stored with release
 * (memseg.c loads it with acquire); removal clears base_va first. Memory
 * for the arrays is taken before mem_lock (the heap's locks come before
 * mem_lock in the lock order) and freed after it is dropped. Looking up an
 * address while another thread unregisters its list is the caller's race,
 * as in DPDK.
 *
 * Differences from DPDK 22.11 (docs/compat.md): a region overlapping a
 * registered one is refused (EEXIST), not only an identical one; walks
 * (rte_memseg_walk, rte_memseg_list_walk) do not visit external lists.
 *
 * May call: heap (the shared socket-id counter), malloc (arrays), memseg,
 * config. Called by heap_ext.c and applications. */
#include <errno.h>
#include <string.h>
#include <rte_common.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include "eal_mem.h"
#include "heap_private.h"

static size_t arr_bytes(size_t n)
{
	return RTE_ALIGN_CEIL(n * sizeof(struct rte_memseg), 8) + RTE_ALIGN_CEIL(n, 64) / 8;
}

/* The in-use slot whose range overlaps [va, va+len) (mem_lock held). */
static struct rte_memseg_list *ext_overlap(struct eal_mem_config *cfg, uintptr_t va, size_t len)
{
	for (unsigned int i = 0; i < EAL_MAX_EXT_MSL; i++) {
		struct rte_memseg_list *m = &cfg->ext_msl[i];
		uintptr_t b = (uintptr_t)m->base_va;
		if (b != 0 && va < b + m->len && b < va + len)
			return m;
	}
	return NULL;
}

static struct rte_memseg_list *ext_exact(struct eal_mem_config *cfg, const void *va, size_t len)
{
	struct rte_memseg_list *m = ext_overlap(cfg, (uintptr_t)va, len);
	return m != NULL && m->base_va == va && m->len == len ? m : NULL;
}

int eal_extmem_list_add(void *va, size_t len, const rte_iova_t *iovas, size_t page_sz,
			int socket_id, bool heap)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL)
		return -ENODEV;
	size_t n = len / page_sz;
	if (n == 0 || n > UINT32_MAX)
		return -EINVAL;
	struct rte_memseg *segs = rte_malloc("extmem_memsegs", arr_bytes(n), 0);
	if (segs == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct rte_memseg *ms = &segs[i];
		memset(ms, 0, sizeof(*ms));
		ms->addr = RTE_PTR_ADD(va, i * page_sz);
		ms->iova = iovas ? iovas[i] : RTE_BAD_IOVA;
		ms->len = page_sz;
		ms->hugepage_sz = page_sz;
		ms->socket_id = socket_id;
		ms->nchannel = cfg->nchannel;
		ms->nrank = cfg->nrank;
	}
	uint64_t *used = RTE_PTR_ADD(segs, RTE_ALIGN_CEIL(n * sizeof(struct rte_memseg), 8));
	memset(used, 0, RTE_ALIGN_CEIL(n, 64) / 8);
	for (size_t i = 0; i < n; i++)
		used[i >> 6] |= 1ULL << (i & 63);

	int rc = 0;
	eal_rwlock_write_lock(&cfg->mem_lock);
	struct rte_memseg_list *slot = NULL;
	if (ext_overlap(cfg, (uintptr_t)va, len) != NULL) {
		rc = -EEXIST;
	} else {
		for (unsigned int i = 0; i < EAL_MAX_EXT_MSL && slot == NULL; i++)
			if (cfg->ext_msl[i].base_va == NULL)
				slot = &cfg->ext_msl[i];
		if (slot == NULL) {
			rc = -ENOSPC;
			eal_limit_hit(cfg, EAL_HIT_EXT_MSL);
		}
	}
	if (slot != NULL) {
		slot->page_sz = page_sz;
		slot->socket_id = socket_id;
		slot->version = 0;
		slot->len = len;
		slot->external = 1;
		slot->heap = heap;
		memset(&slot->memseg_arr, 0, sizeof(slot->memseg_arr));
		snprintf(slot->memseg_arr.name, sizeof(slot->memseg_arr.name), "%s",
			 heap ? "heap_extmem" : "extmem");
		slot->memseg_arr.len = (unsigned int)n;
		slot->memseg_arr.count = (unsigned int)n;
		slot->memseg_arr.elt_sz = sizeof(struct rte_memseg);
		slot->memseg_arr.data = segs;
		__atomic_store_n(&slot->base_va, va, __ATOMIC_RELEASE);
	}
	eal_rwlock_write_unlock(&cfg->mem_lock);
	if (rc < 0)
		rte_free(segs);
	return rc;
}

/* heap: which kind of list may be removed (a heap's through heap_ext.c,
 * rte_extmem's through rte_extmem_unregister). */
int eal_extmem_list_del(void *va, size_t len, bool heap)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL)
		return -ENODEV;
	void *segs = NULL;
	int rc = 0;
	eal_rwlock_write_lock(&cfg->mem_lock);
	struct rte_memseg_list *m = ext_exact(cfg, va, len);
	if (m == NULL) {
		rc = -ENOENT;
	} else if ((bool)m->heap != heap) {
		rc = -EBUSY;   /* rte_extmem_unregister of a heap's region */
	} else {
		__atomic_store_n(&m->base_va, NULL, __ATOMIC_RELEASE);
		segs = m->memseg_arr.data;
		m->memseg_arr.data = NULL;
	}
	eal_rwlock_write_unlock(&cfg->mem_lock);
	rte_free(segs);
	return rc;
}

int rte_extmem_register(void *va_addr, size_t len, rte_iova_t iova_addrs[], unsigned int n_pages,
			size_t page_sz)
{
	if (va_addr == NULL || page_sz == 0 || len == 0 || !rte_is_power_of_2(page_sz) ||
	    len % page_sz != 0 || (iova_addrs != NULL && len / page_sz != n_pages) ||
	    ((uintptr_t)va_addr & (page_sz - 1)) != 0) {
		EAL_LOG(ERR, "rte_extmem_register: bad region %p len %zu page size %zu (%u IOVAs)\n",
			va_addr, len, page_sz, n_pages);
		rte_errno = EINVAL;
		return -1;
	}
	if (heap_root_ptr == NULL) {
		rte_errno = ENODEV;
		return -1;
	}
	/* a fresh socket id from the counter external heaps use too */
	root_lock(heap_root_ptr);
	int socket_id = heap_root_ptr->next_ext_socket;
	root_unlock(heap_root_ptr);
	int rc = eal_extmem_list_add(va_addr, len, iova_addrs, page_sz, socket_id, false);
	if (rc < 0) {
		if (rc != -EEXIST)
			EAL_LOG(ERR, "rte_extmem_register(%p, %zu): %s\n", va_addr, len, strerror(-rc));
		rte_errno = -rc;
		return -1;
	}
	root_lock(heap_root_ptr);
	if (heap_root_ptr->next_ext_socket == socket_id)
		heap_root_ptr->next_ext_socket++;
	root_unlock(heap_root_ptr);
	return 0;
}

int rte_extmem_unregister(void *va_addr, size_t len)
{
	if (va_addr == NULL || len == 0) {
		rte_errno = EINVAL;
		return -1;
	}
	int rc = eal_extmem_list_del(va_addr, len, false);
	if (rc < 0) {
		rte_errno = -rc;
		return -1;
	}
	return 0;
}

/* The lists are shared memory: a secondary sees them already. Attach and
 * detach check that the region is registered, as DPDK's do. */
static int extmem_sync(void *va_addr, size_t len)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (va_addr == NULL || len == 0) {
		rte_errno = EINVAL;
		return -1;
	}
	if (cfg == NULL) {
		rte_errno = ENODEV;
		return -1;
	}
	eal_rwlock_read_lock(&cfg->mem_lock);
	bool found = ext_exact(cfg, va_addr, len) != NULL;
	eal_rwlock_read_unlock(&cfg->mem_lock);
	if (!found) {
		rte_errno = ENOENT;
		return -1;
	}
	return 0;
}

int rte_extmem_attach(void *va_addr, size_t len)
{
	return extmem_sync(va_addr, len);
}

int rte_extmem_detach(void *va_addr, size_t len)
{
	return extmem_sync(va_addr, len);
}
