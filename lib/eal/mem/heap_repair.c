/* SPDX-License-Identifier: BSD-3-Clause
 * Heap crash recovery: what the next taker of a heap lock does when the
 * previous holder died (kill -9 at any instruction), and how the caches of
 * dead processes are taken back. Also the "held by exited processes"
 * accounting.
 *
 * May call: heap.c (radix, slab supply), heap_large.c (bins), memseg.c
 * (eal_pages_owned / eal_pages_free). Called by: the lock helpers in
 * heap_private.h, through heap.c's heap_repair_ops (filled by the
 * constructor at the end of this file), malloc.c and heap_stats.c.
 *
 * What is ground truth and what is derived:
 *  - spans: the radix (granule -> span header) and root->ext[] are the truth;
 *    a heap's span list, total_bytes and spare are rebuilt from them. A span
 *    in transit between the page layer and the heap is named by the heap's
 *    `grow` record (written before the pages are marked given, cleared after
 *    the span is linked / released), so a holder killed in between never
 *    leaks pages: the repair links the span if it is registered, else gives
 *    its pages back.
 *  - large blocks: the boundary tags. Every header an update is about to
 *    change is first copied to the heap's undo log (heap_undo_save); repair
 *    restores the log (rolls the update back), then rebuilds bins and the
 *    heap's large-block counters from a walk of the tags.
 *  - small blocks: the per-block type bytes (0 free, HEAP_TYPE_PENDING freed
 *    remotely, else live). A slab's free list, used count and list
 *    membership are rebuilt from them; the heap's free-slab list from the
 *    slab states.
 * Every repair is idempotent: a repairer that dies leaves the same job to
 * the next taker (shlock.h).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <rte_malloc.h>
#include <rte_eal.h>
#include "eal_private.h"
#include "eal_memalloc.h"
#include "heap_private.h"

int heap_pid_exited(int64_t pid)
{
	if (pid <= 0)
		return 1;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

/* ---- heap lock ------------------------------------------------------------------------ */
/* Clear every radix entry of [a, a + len) that names the span at a. */
static void radix_forget(uintptr_t a, size_t len)
{
	struct heap_root *r = heap_root_ptr;
	for (size_t off = 0; off < len; off += HEAP_GRANULE) {
		uintptr_t g = a + off;
		void **leaf = __atomic_load_n(&r->radix[g >> (HEAP_GRANULE_SHIFT + HEAP_LEAF_BITS)],
					      __ATOMIC_ACQUIRE);
		if (leaf == NULL)
			continue;
		void **e = &leaf[(g >> HEAP_GRANULE_SHIFT) & ((1u << HEAP_LEAF_BITS) - 1)];
		if (*e == (void *)a)
			__atomic_store_n(e, NULL, __ATOMIC_RELEASE);
	}
}

/* The span named by the transit record: keep it if it is registered and
 * intact, else finish taking it out and give its pages back. */
static void transit_finish(struct heap_heap *h, unsigned int hi)
{
	struct eal_page_span g = h->grow;
	if (g.addr == NULL)
		return;
	struct heap_span *sp = g.addr;
	uintptr_t a = (uintptr_t)sp;
	int registered = heap_span_of(sp) == sp && sp->magic == (SPAN_MAGIC ^ a) &&
			 sp->heap_idx == hi;
	if (registered && sp->kind == SPAN_LARGE && !(sp->flags & SPAN_F_EXTERNAL)) {
		/* a new large span is usable once its blocks are laid out:
		 * span_format writes the end marker, then the first header,
		 * its tag last, so a valid first tag means a whole layout
		 * (the end marker is checked too, belt and braces) */
		const struct lblk *b = span_first_block(sp);
		const struct lblk *e = RTE_PTR_ADD(sp, sp->len - LBLK_HDR);
		registered = b->tag == (LBLK_MAGIC ^ (uintptr_t)b) && b->span == sp &&
			     e->tag == (LBLK_MAGIC ^ (uintptr_t)e) && e->state == LB_END &&
			     RTE_PTR_ADD(b, b->size) == e;
	}
	if (!registered) {
		radix_forget(a, g.len);
		if (g.len && eal_pages_owned(g.addr, g.len))
			eal_pages_free(g.addr, g.len);
		HEAP_LOG(WARNING, "heap %s: gave back %zu bytes at %p left in transit by a dead "
			 "process\n", h->name, g.len, g.addr);
	}
	h->grow.addr = NULL;
}

static void spans_rebuild(struct heap_heap *h, unsigned int hi)
{
	struct heap_root *r = heap_root_ptr;
	struct heap_span *list = NULL;
	size_t total = 0;
	for (size_t top = 0; top < RTE_DIM(r->radix); top++) {
		void **leaf = __atomic_load_n(&r->radix[top], __ATOMIC_ACQUIRE);
		if (leaf == NULL)
			continue;
		for (size_t j = 0; j < ((size_t)1 << HEAP_LEAF_BITS); j++) {
			struct heap_span *sp = leaf[j];
			uintptr_t g = (top << (HEAP_GRANULE_SHIFT + HEAP_LEAF_BITS)) |
				      (j << HEAP_GRANULE_SHIFT);
			if (sp == NULL || (uintptr_t)sp != g || sp->magic != (SPAN_MAGIC ^ g) ||
			    sp->heap_idx != hi)
				continue;
			heap_radix_set(sp, sp);   /* completes an interrupted registration */
			sp->prev = NULL;
			sp->next = list;
			if (list)
				list->prev = sp;
			list = sp;
			total += sp->len;
		}
	}
	for (unsigned int i = 0; i < HEAP_MAX_EXT_REGIONS; i++) {
		struct heap_span *sp = __atomic_load_n(&r->ext[i], __ATOMIC_ACQUIRE);
		if (sp == NULL || sp->magic != (SPAN_MAGIC ^ (uintptr_t)sp) || sp->heap_idx != hi)
			continue;
		sp->prev = NULL;
		sp->next = list;
		if (list)
			list->prev = sp;
		list = sp;
		total += sp->len;
	}
	h->spans = list;
	__atomic_store_n(&h->total_bytes, total, __ATOMIC_RELAXED);
}

/* Walk a large span's tags: bins, counters, whether it is wholly free. */
static int large_rebuild(struct heap_heap *h, struct heap_span *sp)
{
	struct lblk *b = span_first_block(sp);
	struct lblk *end = RTE_PTR_ADD(sp, sp->len - LBLK_HDR);
	int all_free = 1;
	while (b < end) {
		if (b->tag != (LBLK_MAGIC ^ (uintptr_t)b) || b->span != sp || b->size < LBLK_MIN ||
		    b->size > RTE_PTR_DIFF(end, b)) {
			HEAP_LOG(CRIT, "heap %s: span %p: block %p cannot be repaired\n", h->name,
				 (void *)sp, (void *)b);
			return 0;
		}
		if (b->state == LB_FREE) {
			heap_bin_insert(h, b);
		} else {
			all_free = 0;
			h->large_alloc_bytes += b->size - LBLK_HDR;
			h->large_alloc_count++;
			HEAP_STAT_ADD(h->type_bytes[b->type], (int64_t)(b->size - LBLK_HDR));
			HEAP_STAT_ADD(h->type_count[b->type], 1);
		}
		b = RTE_PTR_ADD(b, b->size);
	}
	return all_free;
}

static void heap_repair(void *arg)
{
	struct heap_heap *h = arg;
	unsigned int hi = (unsigned int)(h - heap_root_ptr->heaps);
	/* 1. roll back the interrupted large-block update, newest record first */
	for (uint32_t i = RTE_MIN(h->undo_n, (uint32_t)HEAP_UNDO_MAX); i-- > 0;)
		*h->undo[i].at = h->undo[i].saved;
	h->undo_n = 0;
	/* 2. spans: the transit record, then the list from the radix */
	transit_finish(h, hi);
	spans_rebuild(h, hi);
	/* 3. derived state of large blocks and small segments */
	memset(h->bins, 0, sizeof(h->bins));
	memset(h->bin_mask, 0, sizeof(h->bin_mask));
	memset(h->type_bytes, 0, sizeof(h->type_bytes));
	memset(h->type_count, 0, sizeof(h->type_count));
	h->large_alloc_bytes = 0;
	h->large_alloc_count = 0;
	h->spare = NULL;
	h->free_slabs = NULL;
	h->empty_segs = 0;
	unsigned int nspans = 0;
	for (struct heap_span *sp = h->spans; sp; sp = sp->next) {
		nspans++;
		if (sp->kind == SPAN_LARGE) {
			if (large_rebuild(h, sp) && h->spare == NULL && !(sp->flags & SPAN_F_EXTERNAL) &&
			    sp->len <= 2 * HEAP_GRANULE)
				h->spare = sp;
			continue;
		}
		struct heap_seg *seg = (struct heap_seg *)sp;
		uint32_t nf = 0;
		for (unsigned int i = 1; i < SLABS_PER_SEG; i++) {
			struct heap_slab *s = &seg->slabs[i];
			if (s->state != SLAB_FREE)
				continue;
			nf++;
			s->free = NULL;
			s->prev = NULL;
			s->next = h->free_slabs;
			if (h->free_slabs)
				h->free_slabs->prev = s;
			h->free_slabs = s;
		}
		sp->nfree_slabs = nf;
		h->empty_segs += nf == SLABS_PER_SEG - 1;
	}
	HEAP_LOG(WARNING, "heap %s: repaired after its lock holder died (%u spans, %zu bytes)\n",
		 h->name, nspans, h->total_bytes);
}

/* ---- root lock ------------------------------------------------------------------------- */
/* Updates under the root lock are ordered to be crash-consistent by
 * themselves (a type name is written before ntypes counts it, a leaf is
 * zeroed before it is published, a slot claim is one store); only the
 * external-region count can be off by the one update that was cut short. */
static void heap_root_repair(void *arg)
{
	struct heap_root *r = arg;
	uint32_t n = 0;
	for (unsigned int i = 0; i < HEAP_MAX_EXT_REGIONS; i++)
		n += r->ext[i] != NULL;
	__atomic_store_n(&r->n_ext, n, __ATOMIC_RELAXED);
	if (r->ntypes > HEAP_TYPE_OTHER)
		r->ntypes = HEAP_TYPE_OTHER;
}

/* ---- caches ------------------------------------------------------------------------------ */
uint32_t heap_slab_live(const struct heap_slab *s)
{
	const struct heap_seg *seg = heap_seg_of_block(s);
	const uint8_t *t = seg->types[s->idx];
	uint32_t n = 0, carved = __atomic_load_n(&s->carved, __ATOMIC_RELAXED);
	if (carved > SLAB_MAX_BLOCKS)
		carved = SLAB_MAX_BLOCKS;
	for (uint32_t i = 0; i < carved; i++) {
		uint8_t ty = __atomic_load_n(&t[i], __ATOMIC_RELAXED);
		n += ty != 0 && ty != HEAP_TYPE_PENDING;
	}
	return n;
}

static void heap_anon_repair(void *arg)
{
	heap_cache_rebuild(arg);
}

RTE_INIT(heap_repair_register)
{
	heap_repair_ops.heap = heap_repair;
	heap_repair_ops.root = heap_root_repair;
	heap_repair_ops.anon = heap_anon_repair;
}

void heap_cache_rebuild(struct heap_cache *c)
{
	struct heap_root *r = heap_root_ptr;
	if (c->socket_id == -1 || c->heap_idx >= RTE_MAX_HEAPS)
		return;
	struct heap_heap *h = &r->heaps[c->heap_idx];
	/* Blocks freed remotely and still on the stack: free again. A block
	 * the dead owner had already taken off the stack stays PENDING (counted
	 * as neither live nor free) - the price of not racing live freers. */
	void *b = __atomic_exchange_n(&c->remote, NULL, __ATOMIC_ACQUIRE);
	while (b != NULL) {
		void *next = *(void **)b;
		struct heap_seg *seg = heap_seg_of_block(b);
		unsigned int si = (unsigned int)(((uintptr_t)b - (uintptr_t)seg) >> SLAB_SHIFT);
		struct heap_slab *s = &seg->slabs[si];
		uint8_t *t = &seg->types[si][slab_block_index(s, b)];
		uint8_t pend = HEAP_TYPE_PENDING;
		__atomic_compare_exchange_n(t, &pend, 0, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
		b = next;
	}
	for (unsigned int k = 0; k < HEAP_NCLASS; k++)
		c->cls[k].cur = c->cls[k].partial = NULL;
	uint32_t live_slabs = 0;
	heap_lock(h);
	for (struct heap_span *sp = h->spans, *nsp; sp; sp = nsp) {
		nsp = sp->next;   /* sp may be released below */
		if (sp->kind != SPAN_SMALL)
			continue;
		struct heap_seg *seg = (struct heap_seg *)sp;
		for (unsigned int i = 1; i < SLABS_PER_SEG; i++) {
			struct heap_slab *s = &seg->slabs[i];
			if (sp->magic != (SPAN_MAGIC ^ (uintptr_t)sp))
				break;   /* the segment went back to the page layer */
			if (s->state == SLAB_FREE || s->owner != c->self || s->cls >= HEAP_NCLASS)
				continue;
			uint32_t carved = RTE_MIN(s->carved, s->capacity), nfree = 0;
			s->free = NULL;
			for (uint32_t k = carved; k-- > 0;) {
				if (__atomic_load_n(&seg->types[i][k], __ATOMIC_RELAXED) != 0)
					continue;
				void *blk = (char *)seg + ((size_t)i << SLAB_SHIFT) + (size_t)k * s->bsize;
				*(void **)blk = s->free;
				s->free = blk;
				nfree++;
			}
			s->carved = carved;
			s->used = carved - nfree;
			s->next = s->prev = NULL;
			struct heap_cls *cl = &c->cls[s->cls];
			if (s->used == 0 && (cl->cur != NULL || carved == s->capacity)) {
				heap_slab_put_locked(h, s);   /* may release the segment: sp stays valid */
				continue;
			}
			live_slabs += s->used != 0;
			if (cl->cur == NULL && carved < s->capacity) {
				__atomic_store_n(&s->state, SLAB_ACTIVE, __ATOMIC_RELAXED);
				cl->cur = s;
			} else if (s->free != NULL) {
				__atomic_store_n(&s->state, SLAB_PARTIAL, __ATOMIC_RELAXED);
				s->next = cl->partial;
				if (cl->partial)
					cl->partial->prev = s;
				cl->partial = s;
			} else {
				__atomic_store_n(&s->state, SLAB_FULL, __ATOMIC_RELAXED);
			}
		}
	}
	heap_unlock(h);
	c->orphan = live_slabs != 0;
}

void heap_adopt_exited(void)
{
	struct heap_root *r = heap_root_ptr;
	uint64_t me = (uint64_t)getpid();
	for (unsigned int k = 0; k < HEAP_NSLOTS; k++) {
		struct heap_cache *c = &r->caches[k];
		uint64_t o = __atomic_load_n(&c->owner_pid, __ATOMIC_RELAXED);
		if (o == 0 || o == me || !heap_pid_exited((int64_t)o))
			continue;
		int mine = 0;
		root_lock(r);
		if (c->owner_pid == o) {
			c->owner_pid = me;
			mine = 1;
		}
		root_unlock(r);
		if (!mine)
			continue;
		heap_cache_rebuild(c);
		root_lock(r);   /* orders the rebuild before the next claim */
		c->owner_pid = 0;
		root_unlock(r);
	}
}

/* ---- accounting --------------------------------------------------------------------------- */
void heap_exited_held(unsigned int hidx, size_t *bytes, size_t *count)
{
	struct heap_root *r = heap_root_ptr;
	struct heap_heap *h = &r->heaps[hidx];
	uint8_t exited[HEAP_NCACHES];
	int32_t alive[16] = { 0 }, dead[16] = { 0 };
	unsigned int na = 0, nd = 0;
	*bytes = 0;
	*count = 0;
	for (unsigned int i = 0; i < HEAP_NCACHES; i++) {
		uint64_t o = __atomic_load_n(&r->caches[i].owner_pid, __ATOMIC_RELAXED);
		/* anon caches serve every process: not attributable */
		exited[i] = i < HEAP_NSLOTS && r->caches[i].socket_id != -1 &&
			    (o == 0 ? r->caches[i].orphan != 0 : heap_pid_exited((int64_t)o));
	}
	heap_lock(h);
	for (struct heap_span *sp = h->spans; sp; sp = sp->next) {
		if (sp->kind == SPAN_SMALL) {
			struct heap_seg *seg = (struct heap_seg *)sp;
			for (unsigned int i = 1; i < SLABS_PER_SEG; i++) {
				struct heap_slab *s = &seg->slabs[i];
				if (__atomic_load_n(&s->state, __ATOMIC_RELAXED) == SLAB_FREE ||
				    s->owner >= HEAP_NCACHES || !exited[s->owner])
					continue;
				uint32_t n = heap_slab_live(s);
				*bytes += (size_t)n * s->bsize;
				*count += n;
			}
			continue;
		}
		struct lblk *b = span_first_block(sp);
		struct lblk *end = RTE_PTR_ADD(sp, sp->len - LBLK_HDR);
		for (; b < end && b->size >= LBLK_MIN; b = RTE_PTR_ADD(b, b->size)) {
			if (b->state != LB_LIVE)
				continue;
			int gone = -1;
			for (unsigned int k = 0; k < na && gone < 0; k++)
				if (alive[k] == b->pid)
					gone = 0;
			for (unsigned int k = 0; k < nd && gone < 0; k++)
				if (dead[k] == b->pid)
					gone = 1;
			if (gone < 0) {
				gone = heap_pid_exited(b->pid);
				if (gone && nd < RTE_DIM(dead))
					dead[nd++] = b->pid;
				else if (!gone && na < RTE_DIM(alive))
					alive[na++] = b->pid;
			}
			if (gone) {
				*bytes += b->size - LBLK_HDR;
				(*count)++;
			}
		}
	}
	heap_unlock(h);
}
