/* SPDX-License-Identifier: BSD-3-Clause
 * External heaps: rte_malloc_heap_create/destroy and adding, removing,
 * attaching and detaching application memory. A heap here has no
 * page-layer memory; each region the application adds becomes one large
 * span (header, optional per-page IOVA table and block headers inside the
 * region), registered in the root's ext[] table (heap.c) instead of the
 * radix. All its blocks are large blocks (heap_large.c).
 * May call: heap.c, heap_large.c, config.c, lib/eal log/errno. Nothing in
 * the library calls this file (public API only).
 * Lock order: heap lock, then root lock, as in heap.c.
 */
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <rte_malloc.h>
#include <rte_errno.h>
#include <rte_eal.h>
#include "eal_private.h"
#include "eal_memalloc.h"
#include "heap_private.h"
#include "eal_mem.h"

static int ext_name_ok(const char *who, const char *name)
{
	if (heap_root_ptr == NULL || name == NULL || strnlen(name, HEAP_NAME_LEN) == 0 ||
	    strnlen(name, HEAP_NAME_LEN) >= HEAP_NAME_LEN) {
		HEAP_LOG(ERR, "%s: invalid heap name\n", who);
		rte_errno = EINVAL;
		return 0;
	}
	return 1;
}

/* Index of the heap called name (root lock held), -1 if none. */
static int heap_by_name(const char *name)
{
	struct heap_root *r = heap_root_ptr;
	for (uint32_t i = 0; i < RTE_MAX_HEAPS; i++)
		if (r->heaps[i].in_use && strncmp(r->heaps[i].name, name, HEAP_NAME_LEN) == 0)
			return (int)i;
	return -1;
}

/* Look up an external heap for an API call: its index, or -1 with
 * rte_errno (ENOENT: no such heap, EPERM: a socket heap) and a log line. */
static int ext_heap(const char *who, const char *name)
{
	struct heap_root *r = heap_root_ptr;
	root_lock(r);
	int h = heap_by_name(name);
	root_unlock(r);
	if (h < 0) {
		HEAP_LOG(ERR, "%s(%s): no such heap\n", who, name);
		rte_errno = ENOENT;
		return -1;
	}
	if (!r->heaps[h].external) {
		HEAP_LOG(ERR, "%s(%s): not an external heap\n", who, name);
		rte_errno = EPERM;
		return -1;
	}
	return h;
}

int rte_malloc_heap_create(const char *heap_name)
{
	struct heap_root *r = heap_root_ptr;
	if (!ext_name_ok("rte_malloc_heap_create", heap_name))
		return -1;
	root_lock(r);
	int rc = 0, slot = -1;
	if (heap_by_name(heap_name) >= 0) {
		rc = EEXIST;
	} else {
		for (uint32_t i = 0; i < RTE_MAX_HEAPS && slot < 0; i++)
			if (!r->heaps[i].in_use)
				slot = (int)i;
		if (slot < 0) {
			rc = ENOSPC;
			eal_limit_hit(eal_mcfg(), EAL_HIT_HEAPS);
		}
	}
	if (rc == 0) {
		struct heap_heap *h = &r->heaps[slot];
		memset(h, 0, sizeof(*h));
		eal_shlock_init(&h->lock);
		h->socket_id = r->next_ext_socket++;
		h->external = 1;
		snprintf(h->name, sizeof(h->name), "%s", heap_name);
		struct heap_cache *a = &r->caches[HEAP_NSLOTS + slot];
		heap_cache_init(a, HEAP_NSLOTS + (uint32_t)slot, (unsigned int)slot, h->socket_id);
		__atomic_store_n(&h->in_use, 1, __ATOMIC_RELEASE);
		if ((uint32_t)slot >= r->nheaps)
			__atomic_store_n(&r->nheaps, (uint32_t)slot + 1, __ATOMIC_RELEASE);
	}
	root_unlock(r);
	if (rc) {
		HEAP_LOG(ERR, "rte_malloc_heap_create(%s): %s\n", heap_name,
			 rc == EEXIST ? "heap exists" : "no free heap slot");
		rte_errno = rc;
		return -1;
	}
	return 0;
}

int rte_malloc_heap_destroy(const char *heap_name)
{
	if (!ext_name_ok("rte_malloc_heap_destroy", heap_name))
		return -1;
	int hi = ext_heap("rte_malloc_heap_destroy", heap_name);
	if (hi < 0)
		return -1;
	struct heap_heap *h = &heap_root_ptr->heaps[hi];
	heap_lock(h);
	if (h->spans != NULL) {
		heap_unlock(h);
		HEAP_LOG(ERR, "rte_malloc_heap_destroy(%s): heap still has memory\n", heap_name);
		rte_errno = EBUSY;
		return -1;
	}
	__atomic_store_n(&h->in_use, 0, __ATOMIC_RELEASE);
	h->name[0] = '\0';
	heap_unlock(h);
	return 0;
}

int rte_malloc_heap_memory_add(const char *heap_name, void *va_addr, size_t len,
			       rte_iova_t iova_addrs[], unsigned int n_pages, size_t page_sz)
{
	static const char who[] = "rte_malloc_heap_memory_add";
	if (!ext_name_ok(who, heap_name))
		return -1;
	size_t np = page_sz ? len / page_sz : 0;
	size_t meta = sizeof(struct heap_span) +
		      (iova_addrs ? RTE_ALIGN_CEIL(np * sizeof(rte_iova_t), 64) : 0);
	if (va_addr == NULL || len == 0 || page_sz == 0 || (page_sz & (page_sz - 1)) ||
	    len % page_sz || ((uintptr_t)va_addr & (page_sz - 1)) || ((uintptr_t)va_addr & 63) ||
	    (iova_addrs != NULL && n_pages != np) || np > UINT32_MAX ||
	    len < meta + LBLK_MIN + LBLK_HDR) {
		HEAP_LOG(ERR, "%s(%s): bad region %p len %zu page size %zu (%u IOVAs)\n", who,
			 heap_name, va_addr, len, page_sz, n_pages);
		rte_errno = EINVAL;
		return -1;
	}
	int hi = ext_heap(who, heap_name);
	if (hi < 0)
		return -1;
	struct heap_heap *h = &heap_root_ptr->heaps[hi];
	uintptr_t a = (uintptr_t)va_addr;
	/* a memseg list for the region, so rte_mem_virt2memseg* find it
	 * (extmem.c); taken back on every failure below */
	int lrc = eal_extmem_list_add(va_addr, len, iova_addrs, page_sz, h->socket_id, true);
	if (lrc < 0) {
		HEAP_LOG(ERR, "%s(%s): region %p: %s\n", who, heap_name, va_addr,
			 lrc == -EEXIST ? "overlaps another region" : strerror(-lrc));
		rte_errno = -lrc;
		return -1;
	}
	heap_lock(h);
	if (heap_span_of(va_addr) || heap_span_of((char *)va_addr + len - 1)) {
		heap_unlock(h);
		eal_extmem_list_del(va_addr, len, true);
		HEAP_LOG(ERR, "%s(%s): region %p overlaps heap memory\n", who, heap_name, va_addr);
		rte_errno = EEXIST;
		return -1;
	}
	for (unsigned int i = 0; i < HEAP_MAX_EXT_REGIONS; i++) {
		struct heap_span *o = heap_root_ptr->ext[i];
		if (o && a < (uintptr_t)o + o->len && (uintptr_t)o < a + len) {
			heap_unlock(h);
			eal_extmem_list_del(va_addr, len, true);
			HEAP_LOG(ERR, "%s(%s): region %p overlaps another region\n", who, heap_name,
				 va_addr);
			rte_errno = EEXIST;
			return -1;
		}
	}
	struct heap_span *sp = va_addr;
	memset(sp, 0, sizeof(*sp));
	sp->magic = SPAN_MAGIC ^ a;
	sp->kind = SPAN_LARGE;
	sp->heap_idx = (uint32_t)hi;
	sp->len = len;
	sp->page_sz = page_sz;
	sp->iova = RTE_BAD_IOVA;
	sp->flags = SPAN_F_EXTERNAL;
	sp->nfree_slabs = iova_addrs ? (uint32_t)np : 0;
	if (iova_addrs) {
		memcpy(sp + 1, iova_addrs, np * sizeof(rte_iova_t));
		/* IOVA-contiguous memzones may come from this region only when
		 * its pages' IO addresses follow each other (checked once here) */
		bool run = iova_addrs[0] != RTE_BAD_IOVA;
		for (size_t i = 1; run && i < np; i++)
			run = iova_addrs[i] == iova_addrs[i - 1] + page_sz;
		if (run)
			sp->flags |= SPAN_F_EXT_IOVA_CONTIG;
	}
	struct lblk *b = span_first_block(sp);
	struct lblk *end = RTE_PTR_ADD(sp, len - LBLK_HDR);
	*b = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)b, .state = LB_FREE,
			    .size = RTE_PTR_DIFF(end, b), .dirty = 1, .span = sp };
	*end = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)end, .state = LB_END,
			      .size = LBLK_HDR, .prev_size = b->size, .span = sp };
	if (heap_ext_register(sp) < 0) {
		heap_unlock(h);
		eal_extmem_list_del(va_addr, len, true);
		eal_limit_hit(eal_mcfg(), EAL_HIT_EXT_REGIONS);
		HEAP_LOG(ERR, "%s(%s): too many external regions (max %d)\n", who, heap_name,
			 HEAP_MAX_EXT_REGIONS);
		rte_errno = ENOSPC;
		return -1;
	}
	sp->next = h->spans;
	if (h->spans)
		h->spans->prev = sp;
	h->spans = sp;
	HEAP_STAT_ADD(h->total_bytes, len);
	heap_bin_insert(h, b);
	heap_unlock(h);
	return 0;
}

/* The region (va, len) of external heap hi, or NULL (heap lock held). */
static struct heap_span *ext_region(struct heap_heap *h, void *va, size_t len)
{
	for (struct heap_span *sp = h->spans; sp; sp = sp->next)
		if ((void *)sp == va && sp->len == len)
			return sp;
	return NULL;
}

/* Checks shared by remove/attach/detach: a valid external heap name and a
 * non-empty region. Returns the heap, or NULL with rte_errno set and one
 * log line. */
static struct heap_heap *ext_region_heap(const char *who, const char *heap_name,
					 void *va_addr, size_t len)
{
	if (!ext_name_ok(who, heap_name))
		return NULL;
	if (va_addr == NULL || len == 0) {
		HEAP_LOG(ERR, "%s(%s): bad region %p len %zu\n", who, heap_name, va_addr, len);
		rte_errno = EINVAL;
		return NULL;
	}
	int hi = ext_heap(who, heap_name);
	return hi < 0 ? NULL : &heap_root_ptr->heaps[hi];
}

int rte_malloc_heap_memory_remove(const char *heap_name, void *va_addr, size_t len)
{
	static const char who[] = "rte_malloc_heap_memory_remove";
	struct heap_heap *h = ext_region_heap(who, heap_name, va_addr, len);
	if (h == NULL)
		return -1;
	heap_lock(h);
	struct heap_span *sp = ext_region(h, va_addr, len);
	int rc = 0;
	if (sp == NULL) {
		rc = ENOENT;
	} else {
		struct lblk *b = span_first_block(sp);
		if (b->state != LB_FREE || ((struct lblk *)RTE_PTR_ADD(b, b->size))->state != LB_END) {
			rc = EBUSY;
		} else {
			heap_bin_remove(h, b);
			heap_span_release(h, sp);
		}
	}
	heap_unlock(h);
	if (rc) {
		HEAP_LOG(ERR, "%s(%s): region %p len %zu %s\n", who, heap_name, va_addr, len,
			 rc == ENOENT ? "was not added" : "still has allocated blocks");
		rte_errno = rc;
		return -1;
	}
	eal_extmem_list_del(va_addr, len, true);
	return 0;
}

/* Metadata is shared, so attaching is only checking that the region is
 * part of the heap; the caller maps it at the same address. */
static int ext_attach_detach(const char *who, const char *heap_name, void *va_addr, size_t len)
{
	struct heap_heap *h = ext_region_heap(who, heap_name, va_addr, len);
	if (h == NULL)
		return -1;
	heap_lock(h);
	struct heap_span *sp = ext_region(h, va_addr, len);
	heap_unlock(h);
	if (sp == NULL) {
		HEAP_LOG(ERR, "%s(%s): region %p len %zu was not added\n", who, heap_name, va_addr, len);
		rte_errno = ENOENT;
		return -1;
	}
	return 0;
}

int rte_malloc_heap_memory_attach(const char *heap_name, void *va_addr, size_t len)
{
	return ext_attach_detach("rte_malloc_heap_memory_attach", heap_name, va_addr, len);
}

int rte_malloc_heap_memory_detach(const char *heap_name, void *va_addr, size_t len)
{
	return ext_attach_detach("rte_malloc_heap_memory_detach", heap_name, va_addr, len);
}
