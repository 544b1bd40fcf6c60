/* SPDX-License-Identifier: BSD-3-Clause
 * The heap's shared skeleton: the root, the address radix, spans from the
 * page layer, the large-block heap and the supply of 64 KiB slabs.
 *
 * Owns (all in shared page-layer memory, layouts in heap_private.h):
 *  - struct heap_root: found by every process through *eal_heap_root().
 *  - the radix: 2 MiB granule -> span header. It is how any pointer is
 *    mapped back to its span, heap and socket without trusting the pointer:
 *    a pointer whose granule is not registered was never handed out.
 *  - per heap (one per socket): the span list, a boundary-tag heap of large
 *    blocks in size bins, and the list of free slabs of small segments.
 *
 * Invariants (heap lock held to change them):
 *  - every span starts on a granule, is a whole number of granules, and is
 *    registered in the radix for exactly its granules while in the list;
 *  - in a large span, blocks tile [span+64, span+len-64) exactly, each
 *    header's prev_size equals the previous block's size, no two free
 *    blocks are adjacent, every free block is in bin heap_bin_of(size);
 *  - a small segment's nfree_slabs counts its slabs in state SLAB_FREE, and
 *    exactly those are on the heap's free_slabs list;
 *  - a span that becomes wholly free goes back to the page layer, except
 *    one small empty segment and one empty large span of <= 4 MiB kept per
 *    heap to avoid map/unmap churn.
 * Lock order: heap lock, then root lock. Nobody takes a heap lock while
 * holding the root lock.
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

struct heap_root *heap_root_ptr;
static int heap_created;          /* this process made the root */
static int8_t socket_to_heap[RTE_MAX_NUMA_NODES];

const uint32_t heap_class_size[HEAP_NCLASS] = {
	64, 128, 192, 256, 320, 384, 448, 512,
	640, 768, 896, 1024, 1280, 1536, 1792, 2048,
	2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192,
};
const uint8_t heap_class_of[SMALL_MAX / 64 + 1] = {
#define C4(c) c, c, c, c
	0, 0, 1, 2, 3, 4, 5, 6, 7,                 /* 0..512 step 64 */
	8, 8, 9, 9, 10, 10, 11, 11,                /* ..1024 step 128 */
	C4(12), C4(13), C4(14), C4(15),            /* ..2048 step 256 */
	C4(16), C4(16), C4(17), C4(17), C4(18), C4(18), C4(19), C4(19),
	C4(20), C4(20), C4(20), C4(20), C4(21), C4(21), C4(21), C4(21),
	C4(22), C4(22), C4(22), C4(22), C4(23), C4(23), C4(23), C4(23),
#undef C4
};

/* ---- heaps and sockets ------------------------------------------------------ */
int heap_index_of_socket(int socket_id)
{
	if (socket_id >= 0 && socket_id < RTE_MAX_NUMA_NODES)
		return socket_to_heap[socket_id];
	return -1;
}

/* SOCKET_ID_ANY: the caller's socket. Without hugepages all memory is
 * treated as the first socket's, as DPDK does. */
int heap_home_index(void)
{
	if (!rte_eal_has_hugepages())
		return 0;
	int h = heap_index_of_socket((int)rte_socket_id());
	return h < 0 ? 0 : h;
}

/* ---- radix ------------------------------------------------------------------- */
static void **radix_leaf(uintptr_t a, int create)
{
	struct heap_root *r = heap_root_ptr;
	size_t top = a >> (HEAP_GRANULE_SHIFT + HEAP_LEAF_BITS);
	void **leaf = __atomic_load_n(&r->radix[top], __ATOMIC_ACQUIRE);
	if (leaf != NULL || !create)
		return leaf;
	rte_spinlock_lock(&r->lock);
	leaf = r->radix[top];
	if (leaf == NULL) {
		if (r->leaf_left < HEAP_LEAF_SIZE) {
			unsigned int i;
			struct eal_page_span ps;
			for (i = 0; i < RTE_DIM(r->extra_chunks) && r->extra_chunks[i]; i++)
				;
			if (i == RTE_DIM(r->extra_chunks) ||
			    eal_pages_alloc(HEAP_GRANULE, HEAP_GRANULE, SOCKET_ID_ANY, 0, 0, &ps) < 0) {
				rte_spinlock_unlock(&r->lock);
				HEAP_LOG(ERR, "heap: no memory for address map\n");
				return NULL;
			}
			r->extra_chunks[i] = ps.addr;
			r->leaf_pool = ps.addr;
			r->leaf_left = HEAP_GRANULE;
		}
		leaf = (void **)r->leaf_pool;
		memset(leaf, 0, HEAP_LEAF_SIZE);
		r->leaf_pool += HEAP_LEAF_SIZE;
		r->leaf_left -= HEAP_LEAF_SIZE;
		/* R1 pairs with A1 in heap_span_of/radix_leaf: the zeroed leaf is
		 * visible before the pointer to it. */
		__atomic_store_n(&r->radix[top], leaf, __ATOMIC_RELEASE);
	}
	rte_spinlock_unlock(&r->lock);
	return leaf;
}

static int radix_set(struct heap_span *sp, struct heap_span *val)
{
	uintptr_t a = (uintptr_t)sp;
	for (size_t off = 0; off < sp->len; off += HEAP_GRANULE) {
		void **leaf = radix_leaf(a + off, val != NULL);
		if (leaf == NULL) {
			if (val == NULL)
				continue;
			for (size_t o2 = 0; o2 < off; o2 += HEAP_GRANULE)
				radix_leaf(a + o2, 0)[((a + o2) >> HEAP_GRANULE_SHIFT) &
						      ((1u << HEAP_LEAF_BITS) - 1)] = NULL;
			return -ENOMEM;
		}
		/* R2 pairs with A2 in heap_span_of: a reader that finds the
		 * span sees the header written before. */
		__atomic_store_n(&leaf[((a + off) >> HEAP_GRANULE_SHIFT) & ((1u << HEAP_LEAF_BITS) - 1)],
				 val, __ATOMIC_RELEASE);
	}
	return 0;
}

/* ---- spans ------------------------------------------------------------------- */
static void bin_insert(struct heap_heap *h, struct lblk *b);

static struct heap_span *span_new(unsigned int hidx, size_t len, enum span_kind kind,
				  unsigned int flags, int *err)
{
	struct heap_heap *h = &heap_root_ptr->heaps[hidx];
	struct eal_page_span ps;
	int sock = (rte_eal_has_hugepages() || h->socket_id >= RTE_MAX_NUMA_NODES) ?
		   h->socket_id : SOCKET_ID_ANY;
	len = RTE_ALIGN_CEIL(len, HEAP_GRANULE);
	int rc = eal_pages_alloc(len, HEAP_GRANULE, sock, flags & EAL_PAGES_F_IOVA_CONTIG, 0, &ps);
	if (rc < 0) {
		*err = rc;
		return NULL;
	}
	struct heap_span *sp = ps.addr;
	memset(sp, 0, sizeof(*sp));
	sp->magic = SPAN_MAGIC ^ (uintptr_t)sp;
	sp->kind = kind;
	sp->heap_idx = hidx;
	sp->len = RTE_ALIGN_FLOOR(ps.len, HEAP_GRANULE);
	sp->page_sz = ps.page_sz;
	sp->iova = ps.iova;
	sp->flags = flags;
	if (kind == SPAN_LARGE) {
		struct lblk *b = RTE_PTR_ADD(sp, sizeof(*sp));
		struct lblk *end = RTE_PTR_ADD(sp, sp->len - LBLK_HDR);
		*b = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)b, .state = LB_FREE,
				    .size = RTE_PTR_DIFF(end, b), .span = sp };
		*end = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)end, .state = LB_END,
				      .size = LBLK_HDR, .prev_size = b->size, .span = sp };
	} else {
		struct heap_seg *seg = (struct heap_seg *)sp;
		for (unsigned int i = 1; i < SLABS_PER_SEG; i++) {
			struct heap_slab *s = &seg->slabs[i];
			s->idx = (uint8_t)i;
			s->state = SLAB_FREE;
			s->prev = NULL;
			s->next = h->free_slabs;
			if (h->free_slabs)
				h->free_slabs->prev = s;
			h->free_slabs = s;
		}
		sp->nfree_slabs = SLABS_PER_SEG - 1;
		h->empty_segs++;
	}
	if (radix_set(sp, sp) < 0) {
		eal_pages_free(ps.addr, ps.len);
		*err = -ENOMEM;
		return NULL;
	}
	sp->next = h->spans;
	if (h->spans)
		h->spans->prev = sp;
	h->spans = sp;
	h->total_bytes += sp->len;
	if (kind == SPAN_LARGE)
		bin_insert(h, RTE_PTR_ADD(sp, sizeof(*sp)));
	return sp;
}

static void ext_unregister(struct heap_span *sp);

static void span_release(struct heap_heap *h, struct heap_span *sp)
{
	if (sp->flags & SPAN_F_EXTERNAL) {   /* user memory: just forget it */
		ext_unregister(sp);
		if (sp->next)
			sp->next->prev = sp->prev;
		if (sp->prev)
			sp->prev->next = sp->next;
		else
			h->spans = sp->next;
		h->total_bytes -= sp->len;
		sp->magic = 0;
		return;
	}
	if (sp->next)
		sp->next->prev = sp->prev;
	if (sp->prev)
		sp->prev->next = sp->next;
	else
		h->spans = sp->next;
	h->total_bytes -= sp->len;
	radix_set(sp, NULL);
	sp->magic = 0;
	size_t len = sp->len;
	if (eal_pages_free(sp, len) < 0)
		HEAP_LOG(ERR, "heap: page layer refused to free %p len %zu\n", (void *)sp, len);
}

/* ---- type table -------------------------------------------------------------------- */
uint16_t heap_type_id(const char *type)
{
	struct heap_root *r = heap_root_ptr;
	uint16_t id = HEAP_TYPE_OTHER;
	if (type == NULL || type[0] == '\0')
		return HEAP_TYPE_NONE;
	rte_spinlock_lock(&r->lock);
	for (uint32_t i = HEAP_TYPE_NONE + 1; i < r->ntypes; i++)
		if (strncmp(r->types[i], type, HEAP_TYPE_NAMELEN - 1) == 0) {
			id = (uint16_t)i;
			goto out;
		}
	if (r->ntypes < HEAP_TYPE_OTHER) {
		id = (uint16_t)r->ntypes;
		snprintf(r->types[id], HEAP_TYPE_NAMELEN, "%s", type);
		r->ntypes++;
	}
out:
	rte_spinlock_unlock(&r->lock);
	return id;
}

/* ---- large-block heap ---------------------------------------------------------------- */
static void bin_insert(struct heap_heap *h, struct lblk *b)
{
	unsigned int i = heap_bin_of(b->size);
	b->fprev = NULL;
	b->fnext = h->bins[i];
	if (b->fnext)
		b->fnext->fprev = b;
	h->bins[i] = b;
	h->bin_mask[i / 64] |= 1ULL << (i % 64);
}

static void bin_remove(struct heap_heap *h, struct lblk *b)
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

static int span_flags_ok(const struct heap_span *sp, unsigned int flags)
{
	if ((flags & EAL_PAGES_F_IOVA_CONTIG) && sp->iova == RTE_BAD_IOVA &&
	    rte_eal_iova_mode() != RTE_IOVA_VA)
		return 0;
	return 1;
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
	bin_remove(h, b);
	if (sp == h->spare)
		h->spare = NULL;
	if (nb != b) {
		b->size = RTE_PTR_DIFF(nb, b);
		bin_insert(h, b);
		prev_size = b->size;
	}
	char *dend = (char *)u + RTE_ALIGN_CEIL(size, 64);
	size_t tail = (size_t)(end - dend);
	if (tail >= LBLK_MIN) {
		struct lblk *t = (struct lblk *)dend;
		*t = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)t, .state = LB_FREE, .size = tail,
				    .prev_size = (size_t)(dend - (char *)nb), .dirty = dirty, .span = sp };
		bin_insert(h, t);
		((struct lblk *)end)->prev_size = tail;
	} else {
		dend = end;
		((struct lblk *)end)->prev_size = (size_t)(end - (char *)nb);
	}
	*nb = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)nb, .state = LB_LIVE,
			     .size = (size_t)(dend - (char *)nb), .prev_size = prev_size,
			     .dirty = dirty, .span = sp, .req = size };
	return nb;
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
	rte_spinlock_lock(&h->lock);
	struct lblk *b = lb_find(h, size, align, bound, flags, &u);
	if (b == NULL && h->external) {
		rte_spinlock_unlock(&h->lock);
		*err = -ENOMEM;
		return NULL;
	}
	if (b == NULL) {
		size_t rs = RTE_ALIGN_CEIL(size, 64);
		size_t len = rs + align + (bound ? rs : 0) + 4 * LBLK_HDR;
		if (span_new(hidx, len, SPAN_LARGE, flags, err) == NULL) {
			rte_spinlock_unlock(&h->lock);
			return NULL;
		}
		b = lb_find(h, size, align, bound, flags, &u);
		if (b == NULL) {   /* cannot happen: the new span fits */
			rte_spinlock_unlock(&h->lock);
			*err = -ENOMEM;
			return NULL;
		}
	}
	struct lblk *nb = lb_carve(h, b, u, size);
	nb->type = type;
	h->large_alloc_bytes += nb->size - LBLK_HDR;
	h->large_alloc_count++;
	h->type_bytes[type] += (int64_t)(nb->size - LBLK_HDR);
	h->type_count[type]++;
	uint8_t dirty = nb->dirty;
	nb->dirty = 0;
	rte_spinlock_unlock(&h->lock);
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

void heap_large_free(struct heap_span *sp, void *ptr, const char *who)
{
	struct heap_heap *h = &heap_root_ptr->heaps[sp->heap_idx];
	rte_spinlock_lock(&h->lock);
	struct lblk *b = lb_header(sp, ptr);
	if (b == NULL || b->state != LB_LIVE) {
		rte_spinlock_unlock(&h->lock);
		HEAP_LOG(ERR, "%s(%p): %s; ignored\n", who, ptr,
			 b == NULL ? "not the start of a heap block" : "block already free (double free)");
		return;
	}
	h->large_alloc_bytes -= b->size - LBLK_HDR;
	h->large_alloc_count--;
	h->type_bytes[b->type] -= (int64_t)(b->size - LBLK_HDR);
	h->type_count[b->type]--;
	b->state = LB_FREE;
	b->dirty = 1;
	struct lblk *next = RTE_PTR_ADD(b, b->size);
	if (next->state == LB_FREE) {
		bin_remove(h, next);
		b->size += next->size;
		next->tag = 0;
	}
	if (b->prev_size) {
		struct lblk *prev = RTE_PTR_SUB(b, b->prev_size);
		if (prev->state == LB_FREE) {
			bin_remove(h, prev);
			prev->size += b->size;
			prev->dirty = 1;
			b->tag = 0;
			b = prev;
		}
	}
	next = RTE_PTR_ADD(b, b->size);
	next->prev_size = b->size;
	if (b->prev_size == 0 && next->state == LB_END && !(sp->flags & SPAN_F_EXTERNAL) &&
	    (h->spare != NULL || sp->len > 2 * HEAP_GRANULE)) {
		span_release(h, sp);
	} else {
		if (b->prev_size == 0 && next->state == LB_END && !(sp->flags & SPAN_F_EXTERNAL))
			h->spare = sp;
		bin_insert(h, b);
	}
	rte_spinlock_unlock(&h->lock);
}

/* Resize a live large block in place (shrink, or grow into the next free
 * block). Returns ptr, or NULL when it cannot be done in place. */
void *heap_large_resize(struct heap_span *sp, void *ptr, size_t size)
{
	struct heap_heap *h = &heap_root_ptr->heaps[sp->heap_idx];
	size_t need = RTE_ALIGN_CEIL(size, 64) + LBLK_HDR;
	void *ret = NULL;
	rte_spinlock_lock(&h->lock);
	struct lblk *b = lb_header(sp, ptr);
	if (b == NULL || b->state != LB_LIVE)
		goto out;
	size_t old = b->size;
	struct lblk *next = RTE_PTR_ADD(b, b->size);
	if (need > b->size) {
		if (next->state != LB_FREE || b->size + next->size < need)
			goto out;
		bin_remove(h, next);
		if (next->span == h->spare)
			h->spare = NULL;
		b->size += next->size;
		next->tag = 0;
		next = RTE_PTR_ADD(b, b->size);
		next->prev_size = b->size;
	}
	if (b->size - need >= LBLK_MIN) {
		/* split the tail off, merging it with a free successor */
		struct lblk *t = RTE_PTR_ADD(b, need);
		size_t tsz = b->size - need;
		if (next->state == LB_FREE) {
			bin_remove(h, next);
			tsz += next->size;
			next->tag = 0;
		}
		*t = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)t, .state = LB_FREE, .size = tsz,
				    .prev_size = need, .dirty = 1, .span = sp };
		b->size = need;
		((struct lblk *)RTE_PTR_ADD(t, tsz))->prev_size = tsz;
		bin_insert(h, t);
	}
	h->large_alloc_bytes += b->size - old;
	h->type_bytes[b->type] += (int64_t)b->size - (int64_t)old;
	b->req = size;
	ret = ptr;
out:
	rte_spinlock_unlock(&h->lock);
	return ret;
}

/* ---- slab supply ------------------------------------------------------------------------ */
static void slab_unlink_free(struct heap_heap *h, struct heap_slab *s)
{
	if (s->next)
		s->next->prev = s->prev;
	if (s->prev)
		s->prev->next = s->next;
	else
		h->free_slabs = s->next;
	s->next = s->prev = NULL;
}

struct heap_slab *heap_slab_get(unsigned int hidx, uint16_t cls, uint16_t owner, int may_grow)
{
	struct heap_heap *h = &heap_root_ptr->heaps[hidx];
	int err;
	rte_spinlock_lock(&h->lock);
	if (h->free_slabs == NULL &&
	    (!may_grow || span_new(hidx, HEAP_GRANULE, SPAN_SMALL, 0, &err) == NULL)) {
		rte_spinlock_unlock(&h->lock);
		return NULL;
	}
	struct heap_slab *s = h->free_slabs;
	slab_unlink_free(h, s);
	struct heap_seg *seg = heap_seg_of_block(s);
	if (seg->span.nfree_slabs-- == SLABS_PER_SEG - 1)
		h->empty_segs--;
	uint32_t bs = heap_class_size[cls];
	s->free = NULL;
	s->used = 0;
	s->carved = 0;
	s->bsize = bs;
	s->capacity = (uint32_t)(SLAB_SIZE / bs);
	s->recip = (uint32_t)((((uint64_t)1 << 32) + bs - 1) / bs);
	s->cls = cls;
	s->owner = owner;
	s->state = SLAB_ACTIVE;
	rte_spinlock_unlock(&h->lock);
	return s;
}

/* An empty slab goes back to its heap; a segment whose slabs are all free
 * goes back to the page layer unless it is the heap's only empty one. */
void heap_slab_put(struct heap_slab *s)
{
	struct heap_seg *seg = heap_seg_of_block(s);
	struct heap_heap *h = &heap_root_ptr->heaps[seg->span.heap_idx];
	rte_spinlock_lock(&h->lock);
	s->state = SLAB_FREE;
	s->free = NULL;
	s->prev = NULL;
	s->next = h->free_slabs;
	if (h->free_slabs)
		h->free_slabs->prev = s;
	h->free_slabs = s;
	if (++seg->span.nfree_slabs == SLABS_PER_SEG - 1 && ++h->empty_segs > 1) {
		for (unsigned int i = 1; i < SLABS_PER_SEG; i++)
			slab_unlink_free(h, &seg->slabs[i]);
		h->empty_segs--;
		span_release(h, &seg->span);
	}
	rte_spinlock_unlock(&h->lock);
}

/* ---- init / cleanup ---------------------------------------------------------------------- */
static void heap_setup(struct heap_heap *h, int socket, const char *fmt)
{
	memset(h, 0, sizeof(*h));
	rte_spinlock_init(&h->lock);
	h->socket_id = socket;
	h->in_use = 1;
	snprintf(h->name, sizeof(h->name), fmt, socket);
}

void heap_cache_init(struct heap_cache *c, uint32_t self, unsigned int hidx, int socket)
{
	memset(c, 0, sizeof(*c));
	c->self = self;
	c->heap_idx = hidx;
	c->socket_id = socket;
	rte_spinlock_init(&c->lock);
}

static void socket_map_build(void)
{
	struct heap_root *r = heap_root_ptr;
	memset(socket_to_heap, -1, sizeof(socket_to_heap));
	for (uint32_t i = 0; i < r->nheaps; i++)
		if (r->heaps[i].in_use && r->heaps[i].socket_id < RTE_MAX_NUMA_NODES &&
		    r->heaps[i].socket_id >= 0)
			socket_to_heap[r->heaps[i].socket_id] = (int8_t)i;
}

int eal_heap_init(void)
{
	void **rootp = eal_heap_root();
	struct heap_root *r = *rootp;
	if (r != NULL) {       /* another process made it: attach */
		if (r->magic != ROOT_MAGIC) {
			EAL_LOG(ERR, "heap: shared heap root at %p is corrupt\n", (void *)r);
			return -EINVAL;
		}
		heap_root_ptr = r;
		heap_created = 0;
		socket_map_build();
		return 0;
	}
	struct eal_page_span ps;
	size_t len = RTE_ALIGN_CEIL(sizeof(*r) + 4 * HEAP_LEAF_SIZE, HEAP_GRANULE);
	int rc = eal_pages_alloc(len, HEAP_GRANULE, SOCKET_ID_ANY, 0, 0, &ps);
	if (rc < 0) {
		EAL_LOG(ERR, "heap: cannot get %zu bytes for the heap root: %s\n", len, strerror(-rc));
		return rc;
	}
	r = ps.addr;
	memset(r, 0, sizeof(*r));
	r->root_len = ps.len;
	rte_spinlock_init(&r->lock);
	r->leaf_pool = (char *)RTE_PTR_ALIGN_CEIL(RTE_PTR_ADD(r, sizeof(*r)), 4096);
	r->leaf_left = ps.len - RTE_PTR_DIFF(r->leaf_pool, r);
	snprintf(r->types[HEAP_TYPE_NONE], HEAP_TYPE_NAMELEN, "%s", "(none)");
	snprintf(r->types[HEAP_TYPE_OTHER], HEAP_TYPE_NAMELEN, "%s", "(other)");
	r->ntypes = HEAP_TYPE_NONE + 1;
	unsigned int n = rte_socket_count();
	if (n == 0)
		n = 1;
	if (n > RTE_MAX_HEAPS)
		n = RTE_MAX_HEAPS;
	for (unsigned int i = 0; i < n; i++) {
		int sock = rte_socket_id_by_idx(i);
		heap_setup(&r->heaps[i], sock < 0 ? 0 : sock, "socket_%d");
	}
	r->nheaps = n;
	r->next_ext_socket = RTE_MAX_NUMA_NODES;
	for (uint32_t i = 0; i < HEAP_NCACHES; i++) {
		heap_cache_init(&r->caches[i], i, 0, -1);
		if (i >= HEAP_NSLOTS) {
			uint32_t hi = i - HEAP_NSLOTS;
			r->caches[i].heap_idx = hi;
			r->caches[i].socket_id = r->heaps[hi].socket_id;
		}
	}
	r->magic = ROOT_MAGIC;
	heap_root_ptr = r;
	heap_created = 1;
	socket_map_build();
	*rootp = r;
	return 0;
}

/* The primary is leaving while secondaries still use the heap: detach like
 * a secondary would, so its memory stays for them. */
void eal_heap_disown(void)
{
	heap_created = 0;
}

/* Set once by malloc.c's constructor, before main: no ordering needed. */
static void (*caches_release_fn)(void);

void heap_set_caches_release(void (*fn)(void))
{
	caches_release_fn = fn;
}

void eal_heap_cleanup(void)
{
	struct heap_root *r = heap_root_ptr;
	if (r == NULL)
		return;
	if (caches_release_fn != NULL)
		caches_release_fn();
	if (heap_created) {
		for (uint32_t i = 0; i < r->nheaps; i++) {
			struct heap_heap *h = &r->heaps[i];
			while (h->spans)
				span_release(h, h->spans);
		}
		for (unsigned int i = 0; i < RTE_DIM(r->extra_chunks); i++)
			if (r->extra_chunks[i])
				eal_pages_free(r->extra_chunks[i], HEAP_GRANULE);
		*eal_heap_root() = NULL;
		r->magic = 0;
		eal_pages_free(r, r->root_len);
	}
	heap_root_ptr = NULL;
	heap_created = 0;
}

size_t eal_heap_held_bytes(void)
{
	size_t t = 0;
	struct heap_root *r = heap_root_ptr;
	if (r == NULL)
		return 0;
	for (uint32_t i = 0; i < r->nheaps; i++)
		t += __atomic_load_n(&r->heaps[i].total_bytes, __ATOMIC_RELAXED);
	return t;
}

/* ---- external heaps -------------------------------------------------------------------------
 * A heap with no page-layer memory: the application adds regions of its
 * own memory (mapped at the same VA in every process that uses them). Each
 * region becomes one large span whose header, optional per-page IOVA table
 * and block headers live inside the region. Regions are not in the radix
 * (they need not be granule aligned); heap_span_of() falls back to a scan
 * of root->ext[] when the radix has nothing. All blocks are large blocks.
 */
struct heap_span *heap_ext_span_of(uintptr_t a)
{
	struct heap_root *r = heap_root_ptr;
	for (unsigned int i = 0; i < HEAP_MAX_EXT_REGIONS; i++) {
		/* A3 pairs with R3 in ext_register: a found region's header is
		 * initialised. */
		struct heap_span *sp = __atomic_load_n(&r->ext[i], __ATOMIC_ACQUIRE);
		if (sp != NULL && a - (uintptr_t)sp < sp->len)
			return sp;
	}
	return NULL;
}

static int ext_register(struct heap_span *sp)
{
	struct heap_root *r = heap_root_ptr;
	int rc = -ENOSPC;
	rte_spinlock_lock(&r->lock);
	for (unsigned int i = 0; i < HEAP_MAX_EXT_REGIONS; i++)
		if (r->ext[i] == NULL) {
			/* R3 pairs with A3 in heap_ext_span_of. */
			__atomic_store_n(&r->ext[i], sp, __ATOMIC_RELEASE);
			__atomic_fetch_add(&r->n_ext, 1, __ATOMIC_RELAXED);
			rc = 0;
			break;
		}
	rte_spinlock_unlock(&r->lock);
	return rc;
}

static void ext_unregister(struct heap_span *sp)
{
	struct heap_root *r = heap_root_ptr;
	rte_spinlock_lock(&r->lock);
	for (unsigned int i = 0; i < HEAP_MAX_EXT_REGIONS; i++)
		if (r->ext[i] == sp) {
			__atomic_store_n(&r->ext[i], NULL, __ATOMIC_RELEASE);
			__atomic_fetch_sub(&r->n_ext, 1, __ATOMIC_RELAXED);
		}
	rte_spinlock_unlock(&r->lock);
}

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
	rte_spinlock_lock(&r->lock);
	int h = heap_by_name(name);
	rte_spinlock_unlock(&r->lock);
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
	rte_spinlock_lock(&r->lock);
	int rc = 0, slot = -1;
	if (heap_by_name(heap_name) >= 0) {
		rc = EEXIST;
	} else {
		for (uint32_t i = 0; i < RTE_MAX_HEAPS && slot < 0; i++)
			if (!r->heaps[i].in_use)
				slot = (int)i;
		if (slot < 0)
			rc = ENOSPC;
	}
	if (rc == 0) {
		struct heap_heap *h = &r->heaps[slot];
		memset(h, 0, sizeof(*h));
		rte_spinlock_init(&h->lock);
		h->socket_id = r->next_ext_socket++;
		h->external = 1;
		snprintf(h->name, sizeof(h->name), "%s", heap_name);
		struct heap_cache *a = &r->caches[HEAP_NSLOTS + slot];
		heap_cache_init(a, HEAP_NSLOTS + (uint32_t)slot, (unsigned int)slot, h->socket_id);
		__atomic_store_n(&h->in_use, 1, __ATOMIC_RELEASE);
		if ((uint32_t)slot >= r->nheaps)
			__atomic_store_n(&r->nheaps, (uint32_t)slot + 1, __ATOMIC_RELEASE);
	}
	rte_spinlock_unlock(&r->lock);
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
	rte_spinlock_lock(&h->lock);
	if (h->spans != NULL) {
		rte_spinlock_unlock(&h->lock);
		HEAP_LOG(ERR, "rte_malloc_heap_destroy(%s): heap still has memory\n", heap_name);
		rte_errno = EBUSY;
		return -1;
	}
	__atomic_store_n(&h->in_use, 0, __ATOMIC_RELEASE);
	h->name[0] = '\0';
	rte_spinlock_unlock(&h->lock);
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
	rte_spinlock_lock(&h->lock);
	if (heap_span_of(va_addr) || heap_span_of((char *)va_addr + len - 1)) {
		rte_spinlock_unlock(&h->lock);
		HEAP_LOG(ERR, "%s(%s): region %p overlaps heap memory\n", who, heap_name, va_addr);
		rte_errno = EEXIST;
		return -1;
	}
	for (unsigned int i = 0; i < HEAP_MAX_EXT_REGIONS; i++) {
		struct heap_span *o = heap_root_ptr->ext[i];
		if (o && a < (uintptr_t)o + o->len && (uintptr_t)o < a + len) {
			rte_spinlock_unlock(&h->lock);
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
	if (iova_addrs)
		memcpy(sp + 1, iova_addrs, np * sizeof(rte_iova_t));
	struct lblk *b = span_first_block(sp);
	struct lblk *end = RTE_PTR_ADD(sp, len - LBLK_HDR);
	*b = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)b, .state = LB_FREE,
			    .size = RTE_PTR_DIFF(end, b), .dirty = 1, .span = sp };
	*end = (struct lblk){ .tag = LBLK_MAGIC ^ (uintptr_t)end, .state = LB_END,
			      .size = LBLK_HDR, .prev_size = b->size, .span = sp };
	if (ext_register(sp) < 0) {
		rte_spinlock_unlock(&h->lock);
		HEAP_LOG(ERR, "%s(%s): too many external regions (max %d)\n", who, heap_name,
			 HEAP_MAX_EXT_REGIONS);
		rte_errno = ENOSPC;
		return -1;
	}
	sp->next = h->spans;
	if (h->spans)
		h->spans->prev = sp;
	h->spans = sp;
	h->total_bytes += len;
	bin_insert(h, b);
	rte_spinlock_unlock(&h->lock);
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
	rte_spinlock_lock(&h->lock);
	struct heap_span *sp = ext_region(h, va_addr, len);
	int rc = 0;
	if (sp == NULL) {
		rc = ENOENT;
	} else {
		struct lblk *b = span_first_block(sp);
		if (b->state != LB_FREE || ((struct lblk *)RTE_PTR_ADD(b, b->size))->state != LB_END) {
			rc = EBUSY;
		} else {
			bin_remove(h, b);
			span_release(h, sp);
		}
	}
	rte_spinlock_unlock(&h->lock);
	if (rc) {
		HEAP_LOG(ERR, "%s(%s): region %p len %zu %s\n", who, heap_name, va_addr, len,
			 rc == ENOENT ? "was not added" : "still has allocated blocks");
		rte_errno = rc;
		return -1;
	}
	return 0;
}

/* Metadata is shared, so attaching is only checking that the region is
 * part of the heap; the caller maps it at the same address. */
static int ext_attach_detach(const char *who, const char *heap_name, void *va_addr, size_t len)
{
	struct heap_heap *h = ext_region_heap(who, heap_name, va_addr, len);
	if (h == NULL)
		return -1;
	rte_spinlock_lock(&h->lock);
	struct heap_span *sp = ext_region(h, va_addr, len);
	rte_spinlock_unlock(&h->lock);
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
