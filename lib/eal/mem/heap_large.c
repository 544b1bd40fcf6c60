/* SPDX-License-Identifier: BSD-3-Clause
 * The large-block heap: requests over 8 KiB, over-aligned or bounded ones,
 * and everything in external heaps. Blocks tile a SPAN_LARGE span with
 * boundary tags (struct lblk, heap_private.h); free blocks sit in size bins
 * with a bitmap of non-empty bins.
 *
 * Invariants (heap lock held to change them): blocks tile
 * [span+64, span+len-64) exactly, each header's prev_size equals the
 * previous block's size, no two free blocks are adjacent, every free block
 * is in bin heap_bin_of(size); a span that becomes wholly free goes back to
 * heap.c (heap_span_release) except one spare of <= 4 MiB per heap.
 * May call: heap.c (spans), config.c, lib/eal log/errno. Called by malloc.c,
 * heap_ext.c; lock order: heap lock, then (inside heap.c) root lock.
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

void heap_bin_insert(struct heap_heap *h, struct lblk *b)
{
	unsigned int i = heap_bin_of(b->size);
	b->fprev = NULL;
	b->fnext = h->bins[i];
	if (b->fnext)
		b->fnext->fprev = b;
	h->bins[i] = b;
	h->bin_mask[i / 64] |= 1ULL << (i % 64);
}

void heap_bin_remove(struct heap_heap *h, struct lblk *b)
{
	unsigned int i = heap_bin_of(b->size);
	if (b->fnext)
		b->fnext->fprev = b->fprev;
	if (b->fprev)
		b->fprev->fnext = b->fnext;
	else
		h->bins[i] = b->fnext;
	if (h->bins[i] == NULL)
		h->bin_mask[i / 64] &= ~(1ULL << (i % 64));
	b->fnext = b->fprev = NULL;
}

static int bin_next(const struct heap_heap *h, unsigned int from)
{
	for (unsigned int w = from / 64; w < RTE_DIM(h->bin_mask); w++) {
		uint64_t m = h->bin_mask[w];
		if (w == from / 64)
			m &= ~0ULL << (from % 64);
		if (m)
			return (int)(w * 64 + (unsigned int)__builtin_ctzll(m));
	}
	return -1;
}

/* Data address inside free block b for (size, align, bound), or 0. The
 * front gap before the new header is 0 or at least LBLK_MIN so that it
 * can stay a free block. */
static uintptr_t lb_fit(const struct lblk *b, size_t size, size_t align, size_t bound)
{
	uintptr_t start = (uintptr_t)b + LBLK_HDR;
	uintptr_t end = (uintptr_t)b + b->size;
	uintptr_t u = RTE_ALIGN_CEIL(start, align);
	for (;;) {
		if (u != start && u - start < LBLK_MIN) {
			u = RTE_ALIGN_CEIL(start + LBLK_MIN, align);
			continue;
		}
		if (bound && ((u ^ (u + size - 1)) & ~(uintptr_t)(bound - 1))) {
			u = RTE_ALIGN_CEIL(u + 1, bound);
			continue;
		}
		break;
	}
	if (u < start || u + RTE_ALIGN_CEIL(size, 64) > end)
		return 0;
	return u;
}

/* May a block of this span serve a request with these flags? An external
 * region is IOVA-contiguous only through its own IOVA table (whole region one
 * run; no table means no IO addresses, in VA mode too, as DPDK). */
static int span_flags_ok(const struct heap_span *sp, unsigned int flags)
{
	if (!(flags & EAL_PAGES_F_IOVA_CONTIG))
		return 1;
	if (sp->flags & SPAN_F_EXTERNAL)
		return (sp->flags & SPAN_F_EXT_IOVA_CONTIG) != 0;
	return sp->iova != RTE_BAD_IOVA || rte_eal_iova_mode() == RTE_IOVA_VA;
}

static struct lblk *lb_find(struct heap_heap *h, size_t size, size_t align, size_t bound,
			    unsigned int flags, uintptr_t *u)
{
	size_t need = RTE_ALIGN_CEIL(size, 64) + LBLK_HDR;
	for (int i = bin_next(h, heap_bin_of(need)); i >= 0; i = bin_next(h, (unsigned int)i + 1)) {
		for (struct lblk *b = h->bins[i]; b; b = b->fnext) {
			if (b->size < need || !span_flags_ok(b->span, flags))
				continue;
			*u = lb_fit(b, size, align, bound);
			if (*u)
				return b;
		}
	}
	return NULL;
}

/* Cut the block for data address u out of free block b (heap lock held). */
static struct lblk *lb_carve(struct heap_heap *h, struct lblk *b, uintptr_t u, size_t size)
{
	struct lblk *nb = (struct lblk *)(u - LBLK_HDR);
	char *end = (char *)b + b->size;
	struct heap_span *sp = b->span;
	uint8_t dirty = b->dirty;
	size_t prev_size = b->prev_size;
	/* changed: b, and the prev_size of the block after it; the headers
	 * written inside b are data of b until b's header is restored */
	heap_undo_save(h, b);
	heap_undo_save(h, (struct lblk *)end);
	heap_bin_remove(h, b);
	HEAP_KILL_POINT();
	if (sp == h->spare)
		h->spare = NULL;
	if (nb != b) {
		b->size = RTE_PTR_DIFF(nb, b);
		HEAP_KILL_POINT();
		heap_bin_insert(h, b);
		HEAP_KILL_POINT();
		prev_size = b->size;
	}
	char *dend = (char *)u + RTE_ALIGN_CEIL(size, 64);
	size_t tail = (size_t)(end - dend);
	if (tail >= LBLK_MIN) {
		struct lblk *t = (struct lblk *)dend;
		*t = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)t, .state = LB_FREE, .size = tail,
				    .prev_size = (size_t)(dend - (char *)nb), .dirty = dirty, .span = sp };
		HEAP_KILL_POINT();
		heap_bin_insert(h, t);
		HEAP_KILL_POINT();
		((struct lblk *)end)->prev_size = tail;
	} else {
		dend = end;
		((struct lblk *)end)->prev_size = (size_t)(end - (char *)nb);
	}
	HEAP_KILL_POINT();
	*nb = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)nb, .state = LB_LIVE,
			     .size = (size_t)(dend - (char *)nb), .prev_size = prev_size,
			     .dirty = dirty, .pid = heap_pid, .span = sp, .req = size };
	HEAP_KILL_POINT();
	return nb;
}

/* A fresh large span from heap_span_new(): one free block covering it,
 * then the end marker; the free block goes in its bin. Heap lock held, so
 * nobody looks at the blocks before they exist (heap_span_new already
 * published the span header in the radix).
 * Invariant (crash order): the end marker, then the first block's header,
 * then last of all the first block's tag. While the span is in the transit record, the repair
 * (transit_finish) keeps the span iff the first block's tag is valid, so a
 * valid first tag must imply a complete layout; written the other way
 * round, a holder killed between the two stores left a span whose block
 * chain ran into a zeroed end marker (fresh pages are zero). The release
 * fences keep the compiler (and a weakly ordered CPU) from sinking earlier
 * stores below the tag. */
static void span_format(struct heap_heap *h, struct heap_span *sp)
{
	struct lblk *b = RTE_PTR_ADD(sp, sizeof(*sp));
	struct lblk *end = RTE_PTR_ADD(sp, sp->len - LBLK_HDR);
	size_t bsize = RTE_PTR_DIFF(end, b);
	*end = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)end, .state = LB_END,
			      .size = LBLK_HDR, .prev_size = bsize, .span = sp };
	__atomic_thread_fence(__ATOMIC_RELEASE);
	HEAP_KILL_POINT();
	*b = (struct lblk){ .state = LB_FREE, .size = bsize, .span = sp };
	__atomic_thread_fence(__ATOMIC_RELEASE);
	HEAP_KILL_POINT();
	__atomic_store_n(&b->tag, LBLK_MAGIC ^ (uintptr_t)b, __ATOMIC_RELAXED);   /* the commit */
	HEAP_KILL_POINT();
	heap_bin_insert(h, b);
}

void *heap_large_alloc(unsigned int hidx, size_t size, size_t align, size_t bound,
		       unsigned int flags, uint16_t type, int zero, int *err)
{
	struct heap_heap *h = &heap_root_ptr->heaps[hidx];
	uintptr_t u = 0;
	if (align < RTE_CACHE_LINE_SIZE)
		align = RTE_CACHE_LINE_SIZE;
	if (size > ((size_t)1 << HEAP_VA_BITS) || align > ((size_t)1 << 40)) {
		*err = -ENOMEM;
		return NULL;
	}
	heap_lock(h);
	struct lblk *b = lb_find(h, size, align, bound, flags, &u);
	if (b == NULL && h->external) {
		heap_unlock(h);
		*err = -ENOMEM;
		return NULL;
	}
	if (b == NULL) {
		size_t rs = RTE_ALIGN_CEIL(size, 64);
		size_t len = rs + align + (bound ? rs : 0) + 4 * LBLK_HDR;
		struct heap_span *sp = heap_span_new(hidx, len, SPAN_LARGE,
						     flags & ~(unsigned int)EAL_HEAP_F_MEMZONE, err);
		if (sp == NULL) {
			heap_unlock(h);
			return NULL;
		}
		span_format(h, sp);
		HEAP_KILL_POINT();
		heap_transit_done(h);   /* the span is usable now */
		HEAP_KILL_POINT();
		b = lb_find(h, size, align, bound, flags, &u);
		if (b == NULL) {   /* cannot happen: the new span fits */
			heap_unlock(h);
			*err = -ENOMEM;
			return NULL;
		}
	}
	struct lblk *nb = lb_carve(h, b, u, size);
	nb->type = type;
	HEAP_KILL_POINT();
	h->large_alloc_bytes += nb->size - LBLK_HDR;
	h->large_alloc_count++;
	HEAP_STAT_ADD(h->type_bytes[type], (int64_t)(nb->size - LBLK_HDR));
	HEAP_STAT_ADD(h->type_count[type], 1);
	uint8_t dirty = nb->dirty;
	nb->dirty = (flags & EAL_HEAP_F_MEMZONE) ? LBLK_F_MEMZONE : 0;
	HEAP_KILL_POINT();
	heap_undo_commit(h);
	heap_unlock(h);
	if (zero && dirty)
		memset((void *)u, 0, size);
	return (void *)u;
}

/* Header of data pointer ptr in large span sp if it is a block start, else NULL. */
static struct lblk *lb_header(struct heap_span *sp, const void *ptr)
{
	uintptr_t p = (uintptr_t)ptr, s = (uintptr_t)sp;
	if ((p & 63) || p < (uintptr_t)span_first_block(sp) + LBLK_HDR || p >= s + sp->len - LBLK_HDR)
		return NULL;
	struct lblk *b = (struct lblk *)(p - LBLK_HDR);
	if (b->tag != (LBLK_MAGIC ^ (uintptr_t)b) || b->span != sp)
		return NULL;
	return b;
}

int heap_large_check(struct heap_span *sp, const void *ptr, size_t *usable)
{
	struct lblk *b = lb_header(sp, ptr);
	if (b == NULL)
		return -EINVAL;
	if (b->state != LB_LIVE)
		return -ENOENT;
	if (usable)
		*usable = b->size - LBLK_HDR;
	return 0;
}

const char heap_mz_who[] = "rte_memzone_free";

void heap_large_free(struct heap_span *sp, void *ptr, const char *who)
{
	struct heap_heap *h = &heap_root_ptr->heaps[sp->heap_idx];
	heap_lock(h);
	struct lblk *b = lb_header(sp, ptr);
	if (b == NULL || b->state != LB_LIVE) {
		heap_unlock(h);
		HEAP_LOG(ERR, "%s(%p): %s; ignored\n", who, ptr,
			 b == NULL ? "not the start of a heap block" : "block already free (double free)");
		return;
	}
	if ((b->dirty & LBLK_F_MEMZONE) && who != heap_mz_who) {
		heap_unlock(h);
		HEAP_LOG(ERR, "%s(%p): this is a memzone's memory: free it with rte_memzone_free; "
			 "ignored\n", who, ptr);
		return;
	}
	struct lblk *next = RTE_PTR_ADD(b, b->size);
	/* changed: b, its neighbours, and the prev_size of the block after
	 * the merged range */
	heap_undo_save(h, b);
	heap_undo_save(h, next);
	if (next->state == LB_FREE)
		heap_undo_save(h, RTE_PTR_ADD(next, next->size));
	if (b->prev_size)
		heap_undo_save(h, RTE_PTR_SUB(b, b->prev_size));
	h->large_alloc_bytes -= b->size - LBLK_HDR;
	h->large_alloc_count--;
	HEAP_STAT_ADD(h->type_bytes[b->type], -(int64_t)(b->size - LBLK_HDR));
	HEAP_STAT_ADD(h->type_count[b->type], -1);
	HEAP_KILL_POINT();
	b->state = LB_FREE;
	b->dirty = 1;
	HEAP_KILL_POINT();
	if (next->state == LB_FREE) {
		heap_bin_remove(h, next);
		HEAP_KILL_POINT();
		b->size += next->size;
		HEAP_KILL_POINT();
		next->tag = 0;
		HEAP_KILL_POINT();
	}
	if (b->prev_size) {
		struct lblk *prev = RTE_PTR_SUB(b, b->prev_size);
		if (prev->state == LB_FREE) {
			heap_bin_remove(h, prev);
			HEAP_KILL_POINT();
			prev->size += b->size;
			prev->dirty = 1;
			HEAP_KILL_POINT();
			b->tag = 0;
			HEAP_KILL_POINT();
			b = prev;
		}
	}
	next = RTE_PTR_ADD(b, b->size);
	next->prev_size = b->size;
	HEAP_KILL_POINT();
	heap_undo_commit(h);   /* before heap_span_release: its pages may go */
	if (b->prev_size == 0 && next->state == LB_END && !(sp->flags & SPAN_F_EXTERNAL) &&
	    (h->spare != NULL || sp->len > 2 * HEAP_GRANULE)) {
		heap_span_release(h, sp);
	} else {
		if (b->prev_size == 0 && next->state == LB_END && !(sp->flags & SPAN_F_EXTERNAL))
			h->spare = sp;
		HEAP_KILL_POINT();
		heap_bin_insert(h, b);
		HEAP_KILL_POINT();
	}
	heap_unlock(h);
}

/* Resize a live large block in place (shrink, or grow into the next free
 * block). Returns ptr, or NULL when it cannot be done in place. */
void *heap_large_resize(struct heap_span *sp, void *ptr, size_t size)
{
	struct heap_heap *h = &heap_root_ptr->heaps[sp->heap_idx];
	size_t need = RTE_ALIGN_CEIL(size, 64) + LBLK_HDR;
	void *ret = NULL;
	heap_lock(h);
	struct lblk *b = lb_header(sp, ptr);
	if (b == NULL || b->state != LB_LIVE)
		goto out;
	size_t old = b->size;
	struct lblk *next = RTE_PTR_ADD(b, b->size);
	heap_undo_save(h, b);
	heap_undo_save(h, next);
	if (next->state != LB_END)
		heap_undo_save(h, RTE_PTR_ADD(next, next->size));
	if (need > b->size) {
		if (next->state != LB_FREE || b->size + next->size < need)
			goto out;
		heap_bin_remove(h, next);
		HEAP_KILL_POINT();
		if (next->span == h->spare)
			h->spare = NULL;
		b->size += next->size;
		HEAP_KILL_POINT();
		next->tag = 0;
		HEAP_KILL_POINT();
		next = RTE_PTR_ADD(b, b->size);
		next->prev_size = b->size;
		HEAP_KILL_POINT();
	}
	if (b->size - need >= LBLK_MIN) {
		/* split the tail off, merging it with a free successor */
		struct lblk *t = RTE_PTR_ADD(b, need);
		size_t tsz = b->size - need;
		if (next->state == LB_FREE) {
			heap_bin_remove(h, next);
			HEAP_KILL_POINT();
			tsz += next->size;
			next->tag = 0;
			HEAP_KILL_POINT();
		}
		*t = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)t, .state = LB_FREE, .size = tsz,
				    .prev_size = need, .dirty = 1, .span = sp };
		HEAP_KILL_POINT();
		b->size = need;
		HEAP_KILL_POINT();
		((struct lblk *)RTE_PTR_ADD(t, tsz))->prev_size = tsz;
		HEAP_KILL_POINT();
		heap_bin_insert(h, t);
		HEAP_KILL_POINT();
	}
	h->large_alloc_bytes += b->size - old;
	HEAP_STAT_ADD(h->type_bytes[b->type], (int64_t)b->size - (int64_t)old);
	b->req = size;
	HEAP_KILL_POINT();
	ret = ptr;
out:
	heap_undo_commit(h);
	heap_unlock(h);
	return ret;
}
