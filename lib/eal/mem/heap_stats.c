/* SPDX-License-Identifier: BSD-3-Clause
 * Heap introspection: per-socket statistics, per-type live accounting,
 * dumps, the full-heap consistency checker, and heap naming (external heaps
 * are in heap_ext.c).
 *
 * Statistics of small blocks count the live type bytes of each slab (a
 * block freed by another thread or process is marked PENDING at once, so it
 * no longer counts, whoever freed it and whether or not its owner has taken
 * it back): exact whenever the heap is quiescent, however blocks were freed.
 * The checker needs quiescence for the small-block part.
 */
#include <string.h>
#include <stdarg.h>
#include <inttypes.h>
#include <errno.h>
#include <rte_malloc.h>
#include <rte_errno.h>
#include <rte_eal.h>
#include "eal_private.h"
#include "eal_memalloc.h"
#include "heap_private.h"

#define HEAP_NAME_MAX 32   /* RTE_HEAP_NAME_MAX_LEN */

static void heap_stats_locked(struct heap_heap *h, struct rte_malloc_socket_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->heap_totalsz_bytes = h->total_bytes;
	st->heap_allocsz_bytes = h->large_alloc_bytes;
	st->alloc_count = h->large_alloc_count;
	for (unsigned int i = 0; i < HEAP_NBINS; i++)
		for (struct lblk *b = h->bins[i]; b; b = b->fnext) {
			st->free_count++;
			if (b->size - LBLK_HDR > st->greatest_free_size)
				st->greatest_free_size = b->size - LBLK_HDR;
		}
	for (struct heap_span *sp = h->spans; sp; sp = sp->next) {
		if (sp->kind != SPAN_SMALL)
			continue;
		struct heap_seg *seg = (struct heap_seg *)sp;
		for (unsigned int i = 1; i < SLABS_PER_SEG; i++) {
			struct heap_slab *s = &seg->slabs[i];
			if (__atomic_load_n(&s->state, __ATOMIC_RELAXED) == SLAB_FREE)
				continue;
			uint32_t live = heap_slab_live(s);
			st->heap_allocsz_bytes += (size_t)live * s->bsize;
			st->alloc_count += live;
		}
	}
	st->heap_freesz_bytes = st->heap_totalsz_bytes - st->heap_allocsz_bytes;
}

static int heap_of_socket_any(int socket)
{
	struct heap_root *r = heap_root_ptr;
	for (uint32_t i = 0; r && i < r->nheaps; i++)
		if (r->heaps[i].in_use && r->heaps[i].socket_id == socket)
			return (int)i;
	return -1;
}

size_t eal_heap_largest_free(int socket)
{
	int hidx = heap_of_socket_any(socket);
	if (hidx < 0)
		return 0;
	struct rte_malloc_socket_stats st;
	struct heap_heap *h = &heap_root_ptr->heaps[hidx];
	heap_lock(h);
	heap_stats_locked(h, &st);
	heap_unlock(h);
	return st.greatest_free_size;
}

int rte_malloc_get_socket_stats(int socket, struct rte_malloc_socket_stats *st)
{
	int hidx = heap_of_socket_any(socket);
	if (hidx < 0 || st == NULL) {
		HEAP_LOG(ERR, "rte_malloc_get_socket_stats: %s\n",
			 st == NULL ? "NULL stats" : "no heap for that socket");
		rte_errno = EINVAL;
		return -1;
	}
	struct heap_heap *h = &heap_root_ptr->heaps[hidx];
	heap_lock(h);
	heap_stats_locked(h, st);
	heap_unlock(h);
	return 0;
}

static void type_totals(unsigned int t, int64_t *bytes, int64_t *count)
{
	struct heap_root *r = heap_root_ptr;
	int64_t b = __atomic_load_n(&r->type_bytes[t], __ATOMIC_RELAXED);
	int64_t c = __atomic_load_n(&r->type_count[t], __ATOMIC_RELAXED);
	for (unsigned int i = 0; i < HEAP_NCACHES; i++) {
		b += __atomic_load_n(&r->caches[i].type_bytes[t], __ATOMIC_RELAXED);
		c += __atomic_load_n(&r->caches[i].type_count[t], __ATOMIC_RELAXED);
	}
	for (unsigned int i = 0; i < r->nheaps; i++) {
		b += __atomic_load_n(&r->heaps[i].type_bytes[t], __ATOMIC_RELAXED);
		c += __atomic_load_n(&r->heaps[i].type_count[t], __ATOMIC_RELAXED);
	}
	*bytes = b;
	*count = c;
}

void rte_malloc_dump_stats(FILE *f, const char *type)
{
	struct heap_root *r = heap_root_ptr;
	if (f == NULL)
		f = stdout;
	if (r == NULL) {
		fprintf(f, "heap not initialised\n");
		return;
	}
	for (uint32_t i = 0; i < r->nheaps; i++) {
		struct heap_heap *h = &r->heaps[i];
		struct rte_malloc_socket_stats st;
		if (!h->in_use)
			continue;
		heap_lock(h);
		heap_stats_locked(h, &st);
		heap_unlock(h);
		fprintf(f, "Heap id:%u\n\tHeap name:%s\n\tSocket:%d\n", i, h->name, h->socket_id);
		fprintf(f, "\tHeap_size:%zu,\n\tFree_size:%zu,\n\tAlloc_size:%zu,\n"
			"\tGreatest_free_size:%zu,\n\tAlloc_count:%u,\n\tFree_count:%u,\n",
			st.heap_totalsz_bytes, st.heap_freesz_bytes, st.heap_allocsz_bytes,
			st.greatest_free_size, st.alloc_count, st.free_count);
		size_t xb, xc;
		heap_exited_held(i, &xb, &xc);
		if (xc)
			fprintf(f, "\tHeld_by_exited_processes:%zu bytes in %zu blocks (included in "
				"Alloc_size),\n", xb, xc);
	}
	uint32_t n = __atomic_load_n(&r->ntypes, __ATOMIC_ACQUIRE);
	for (uint32_t t = HEAP_TYPE_NONE; t < HEAP_NTYPES; t++) {
		if ((t >= n && t != HEAP_TYPE_OTHER) || t == HEAP_TYPE_PENDING)
			continue;
		if (type != NULL && strncmp(r->types[t], type, HEAP_TYPE_NAMELEN - 1) != 0)
			continue;
		int64_t b, c;
		type_totals(t, &b, &c);
		if (type == NULL && c == 0)
			continue;
		fprintf(f, "Type:%s live_bytes:%" PRId64 " live_count:%" PRId64 "\n", r->types[t], b, c);
	}
}

/* ---- checker ------------------------------------------------------------------------------ */
struct vctx {
	FILE *f;
	int problems;
};

static void __rte_format_printf(2, 3) vfail(struct vctx *v, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	v->problems++;
	HEAP_LOG(ERR, "heap check: %s\n", buf);
	if (v->f)
		fprintf(v->f, "heap check: %s\n", buf);
}

static void check_large_span(struct vctx *v, struct heap_span *sp, size_t *nfree,
			     size_t *live_bytes, size_t *live_count)
{
	struct lblk *b = span_first_block(sp);
	struct lblk *end = RTE_PTR_ADD(sp, sp->len - LBLK_HDR);
	size_t prev = 0;
	int prev_free = 0;
	while (b < end) {
		if (b->tag != (LBLK_MAGIC ^ (uintptr_t)b) || b->span != sp) {
			vfail(v, "span %p: bad block header at %p", (void *)sp, (void *)b);
			return;
		}
		if (b->size < LBLK_MIN || (b->size & 63) || b->size > RTE_PTR_DIFF(end, b)) {
			vfail(v, "block %p: bad size %zu", (void *)b, b->size);
			return;
		}
		if (b->prev_size != prev)
			vfail(v, "block %p: prev_size %zu, previous block is %zu", (void *)b,
			      b->prev_size, prev);
		if (b->state == LB_FREE) {
			if (prev_free)
				vfail(v, "block %p: two adjacent free blocks", (void *)b);
			(*nfree)++;
			prev_free = 1;
		} else if (b->state == LB_LIVE) {
			*live_bytes += b->size - LBLK_HDR;
			(*live_count)++;
			prev_free = 0;
		} else {
			vfail(v, "block %p: bad state %#x", (void *)b, b->state);
		}
		prev = b->size;
		b = RTE_PTR_ADD(b, b->size);
	}
	if (b != end || end->state != LB_END || end->tag != (LBLK_MAGIC ^ (uintptr_t)end) ||
	    end->prev_size != prev)
		vfail(v, "span %p: block chain does not end at the end tag", (void *)sp);
}

static size_t check_slab(struct vctx *v, struct heap_slab *s, size_t *used_minus_live)
{
	uint64_t seen[SLAB_MAX_BLOCKS / 64] = { 0 };
	char *base = slab_base(s);
	struct heap_seg *seg = heap_seg_of_block(s);
	uint32_t nfree = 0, live = 0;
	if (s->cls >= HEAP_NCLASS || s->bsize != heap_class_size[s->cls] ||
	    s->capacity != SLAB_SIZE / s->bsize || s->carved > s->capacity ||
	    s->owner >= HEAP_NCACHES) {
		vfail(v, "slab %p: bad header", (void *)s);
		return 0;
	}
	for (void *b = s->free; b; b = *(void **)b) {
		uint32_t off = (uint32_t)RTE_PTR_DIFF(b, base), i = off / s->bsize;
		if ((char *)b < base || off >= SLAB_SIZE || off % s->bsize || i >= s->carved) {
			vfail(v, "slab %p: free list entry %p out of range", (void *)s, b);
			break;
		}
		if (seen[i / 64] & (1ULL << (i % 64))) {
			vfail(v, "slab %p: free list loops or repeats %p", (void *)s, b);
			break;
		}
		seen[i / 64] |= 1ULL << (i % 64);
		if (seg->types[s->idx][i] != 0)
			vfail(v, "slab %p: free block %p marked live", (void *)s, b);
		nfree++;
	}
	uint32_t pend = 0;
	for (uint32_t i = 0; i < s->capacity; i++) {
		if (seg->types[s->idx][i] == 0)
			continue;
		if (i >= s->carved)
			vfail(v, "slab %p: uncarved block %u marked live", (void *)s, i);
		if (seg->types[s->idx][i] == HEAP_TYPE_PENDING)
			pend++;
		else
			live++;
	}
	if (s->used + nfree != s->carved || live + pend != s->used)
		vfail(v, "slab %p: used %u + free %u != carved %u (live %u, pending %u)", (void *)s,
		      s->used, nfree, s->carved, live, pend);
	else
		*used_minus_live += pend;
	return live;
}

int eal_heap_verify(FILE *f)
{
	struct heap_root *r = heap_root_ptr;
	struct vctx v = { f, 0 };
	if (r == NULL)
		return 0;
	/* caches of dead processes may be cut mid-update: rebuild them first
	 * (what their next owner would do) */
	heap_adopt_exited();
	size_t pending = 0, used_minus_live = 0, partial_slabs = 0, partial_listed = 0;
	/* remote stacks: every entry is a freed small block */
	for (unsigned int i = 0; i < HEAP_NCACHES; i++) {
		struct heap_cache *c = &r->caches[i];
		for (void *b = __atomic_load_n(&c->remote, __ATOMIC_ACQUIRE); b; b = *(void **)b) {
			struct heap_span *sp = heap_span_of(b);
			if (sp == NULL || sp->kind != SPAN_SMALL) {
				vfail(&v, "cache %u: remote entry %p is not a small block", i, b);
				break;
			}
			if (++pending > ((size_t)1 << 32)) {
				vfail(&v, "cache %u: remote list loops", i);
				break;
			}
		}
		for (unsigned int k = 0; k < HEAP_NCLASS; k++) {
			struct heap_slab *s = c->cls[k].cur;
			if (s && (s->state != SLAB_ACTIVE || s->owner != i || s->cls != k))
				vfail(&v, "cache %u class %u: current slab %p inconsistent", i, k, (void *)s);
			struct heap_slab *prev = NULL;
			for (s = c->cls[k].partial; s; prev = s, s = s->next) {
				if (s->state != SLAB_PARTIAL || s->owner != i || s->cls != k ||
				    s->prev != prev || s->free == NULL) {
					vfail(&v, "cache %u class %u: partial slab %p inconsistent", i, k,
					      (void *)s);
					break;
				}
				if (++partial_listed > ((size_t)1 << 32))
					break;
			}
		}
	}
	for (uint32_t hi = 0; hi < r->nheaps; hi++) {
		struct heap_heap *h = &r->heaps[hi];
		if (!h->in_use)
			continue;
		heap_lock(h);
		size_t total = 0, nfree_blocks = 0, binned = 0, live_bytes = 0, live_count = 0;
		size_t free_slabs = 0, listed_free_slabs = 0;
		uint32_t empty = 0;
		for (struct heap_span *sp = h->spans; sp; sp = sp->next) {
			if (sp->magic != (SPAN_MAGIC ^ (uintptr_t)sp) || sp->heap_idx != hi ||
			    heap_span_of(sp) != sp) {
				vfail(&v, "heap %s: span %p bad header or not mapped", h->name, (void *)sp);
				break;
			}
			total += sp->len;
			if (sp->kind == SPAN_LARGE) {
				check_large_span(&v, sp, &nfree_blocks, &live_bytes, &live_count);
				continue;
			}
			struct heap_seg *seg = (struct heap_seg *)sp;
			uint32_t nf = 0;
			for (unsigned int i = 1; i < SLABS_PER_SEG; i++) {
				struct heap_slab *s = &seg->slabs[i];
				if (s->idx != i)
					vfail(&v, "segment %p: slab %u has index %u", (void *)seg, i, s->idx);
				if (s->state == SLAB_FREE) {
					nf++;
					for (unsigned int j = 0; j < SLAB_MAX_BLOCKS; j++)
						if (seg->types[i][j]) {
							vfail(&v, "free slab %p has live blocks", (void *)s);
							break;
						}
					continue;
				}
				if (s->state == SLAB_PARTIAL)
					partial_slabs++;
				check_slab(&v, s, &used_minus_live);
			}
			if (nf != sp->nfree_slabs)
				vfail(&v, "segment %p: nfree_slabs %u, counted %u", (void *)seg,
				      sp->nfree_slabs, nf);
			free_slabs += nf;
			empty += nf == SLABS_PER_SEG - 1;
		}
		if (total != h->total_bytes)
			vfail(&v, "heap %s: total_bytes %zu, spans hold %zu", h->name, h->total_bytes, total);
		if (live_bytes != h->large_alloc_bytes || live_count != h->large_alloc_count)
			vfail(&v, "heap %s: large alloc %zu/%u, counted %zu/%zu", h->name,
			      h->large_alloc_bytes, h->large_alloc_count, live_bytes, live_count);
		if (empty != h->empty_segs)
			vfail(&v, "heap %s: empty_segs %u, counted %u", h->name, h->empty_segs, empty);
		for (struct heap_slab *s = h->free_slabs, *prev = NULL; s; prev = s, s = s->next) {
			if (s->state != SLAB_FREE || s->prev != prev) {
				vfail(&v, "heap %s: free slab list broken at %p", h->name, (void *)s);
				break;
			}
			if (++listed_free_slabs > free_slabs)
				break;
		}
		if (listed_free_slabs != free_slabs)
			vfail(&v, "heap %s: %zu free slabs listed, %zu counted", h->name,
			      listed_free_slabs, free_slabs);
		for (unsigned int i = 0; i < HEAP_NBINS; i++) {
			int bit = !!(h->bin_mask[i / 64] & (1ULL << (i % 64)));
			if (bit != (h->bins[i] != NULL))
				vfail(&v, "heap %s: bin %u mask bit wrong", h->name, i);
			for (struct lblk *b = h->bins[i], *prev = NULL; b; prev = b, b = b->fnext) {
				if (b->tag != (LBLK_MAGIC ^ (uintptr_t)b) || b->state != LB_FREE ||
				    b->fprev != prev || b->span->heap_idx != hi) {
					vfail(&v, "heap %s: bin %u entry %p bad", h->name, i, (void *)b);
					break;
				}
				if (heap_bin_of(b->size) != i)
					vfail(&v, "heap %s: bin %u entry %p has size %zu", h->name, i, (void *)b, b->size);
				if (++binned > nfree_blocks)
					break;
			}
		}
		if (binned != nfree_blocks)
			vfail(&v, "heap %s: %zu free blocks in bins, %zu in spans", h->name, binned,
			      nfree_blocks);
		heap_unlock(h);
	}
	if (partial_slabs != partial_listed)
		vfail(&v, "%zu partial slabs, %zu on cache lists", partial_slabs, partial_listed);
	/* every block on a remote list is PENDING; a PENDING block can be off
	 * the lists only if its owner died while taking it back (leaked, see
	 * heap_repair.c) */
	if (pending > used_minus_live)
		vfail(&v, "%zu blocks pending by type bytes, %zu on remote lists", used_minus_live,
		      pending);
	return v.problems;
}

void rte_malloc_dump_heaps(FILE *f)
{
	struct heap_root *r = heap_root_ptr;
	if (f == NULL)
		f = stdout;
	if (r == NULL) {
		fprintf(f, "heap not initialised\n");
		return;
	}
	for (uint32_t i = 0; i < r->nheaps; i++) {
		struct heap_heap *h = &r->heaps[i];
		if (!h->in_use)
			continue;
		heap_lock(h);
		fprintf(f, "Heap %u (%s, socket %d): %zu bytes held\n", i, h->name, h->socket_id,
			h->total_bytes);
		for (struct heap_span *sp = h->spans; sp; sp = sp->next) {
			fprintf(f, "  span %p len %zu page_sz %zu %s", (void *)sp, sp->len, sp->page_sz,
				sp->kind == SPAN_SMALL ? "small" : "large");
			if (sp->kind == SPAN_SMALL)
				fprintf(f, " free_slabs %u\n", sp->nfree_slabs);
			else
				fputc('\n', f);
		}
		heap_unlock(h);
	}
	int n = eal_heap_verify(f);
	fprintf(f, "heap check: %d problem(s)\n", n);
}

/* ---- heap names, external heaps ---------------------------------------------------------- */
static int heap_name_ok(const char *name)
{
	return name != NULL && strnlen(name, HEAP_NAME_MAX) != 0 &&
	       strnlen(name, HEAP_NAME_MAX) < HEAP_NAME_MAX;
}

int rte_malloc_heap_get_socket(const char *name)
{
	struct heap_root *r = heap_root_ptr;
	if (!heap_name_ok(name) || r == NULL) {
		HEAP_LOG(ERR, "rte_malloc_heap_get_socket: invalid heap name\n");
		rte_errno = EINVAL;
		return -1;
	}
	for (uint32_t i = 0; i < r->nheaps; i++)
		if (r->heaps[i].in_use && strncmp(r->heaps[i].name, name, HEAP_NAME_MAX) == 0)
			return r->heaps[i].socket_id;
	rte_errno = ENOENT;
	return -1;
}

int rte_malloc_heap_socket_is_external(int socket_id)
{
	if (socket_id == SOCKET_ID_ANY)
		return 0;
	int h = heap_of_socket_any(socket_id);
	if (h < 0) {
		rte_errno = EINVAL;
		return -1;
	}
	return socket_id >= RTE_MAX_NUMA_NODES;
}

int rte_malloc_set_limit(const char *type, size_t max)
{
	RTE_SET_USED(type); RTE_SET_USED(max);
	return 0;
}
