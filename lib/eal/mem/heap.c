/* SPDX-License-Identifier: BSD-3-Clause
 * The heap's shared skeleton: the root, the address radix, spans from the
 * page layer, the supply of 64 KiB slabs, the table of external regions and
 * heap start-up/shut-down. The large-block heap inside SPAN_LARGE spans is
 * heap_large.c; external heaps' API is heap_ext.c; per-lcore caches, small
 * blocks and the rte_malloc API are malloc.c (above all three).
 *
 * May call: memseg.c (eal_pages_alloc/free), config.c, lib/eal
 * log/errno/lcore. Never calls up: malloc.c's cache release at cleanup is a
 * callback it registers (heap_set_caches_release).
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
 *  - every span starts on a granule and is registered in the radix for
 *    exactly the granules it touches while in the list; it is a whole number
 *    of granules, except a large span on small pages made for one big block,
 *    which ends with its last page (heap_span_new);
 *  - a process killed while holding a heap lock leaves the heap to the
 *    next taker's repair (heap_repair.c): undo log, transit record, rebuild;
 *  - in a large span, blocks tile it as heap_large.c states;
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
#include "eal_mem.h"

struct heap_root *heap_root_ptr;
int32_t heap_pid;                 /* getpid() of this process, stamped on large blocks */
struct heap_repair_ops heap_repair_ops;   /* filled by heap_repair.c's constructor */
int heap_kill_countdown;          /* test-only kill points (heap_private.h) */
unsigned int heap_kill_passed;

void heap_kill_point(void)
{
	__atomic_fetch_add(&heap_kill_passed, 1, __ATOMIC_RELAXED);
	if (__atomic_sub_fetch(&heap_kill_countdown, 1, __ATOMIC_RELAXED) == 0)
		raise(SIGKILL);
}

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
	root_lock(r);
	leaf = r->radix[top];
	if (leaf == NULL) {
		if (r->leaf_left < HEAP_LEAF_SIZE) {
			unsigned int i;
			struct eal_page_span ps;
			for (i = 0; i < RTE_DIM(r->extra_chunks) && r->extra_chunks[i]; i++)
				;
			if (i == RTE_DIM(r->extra_chunks) ||
			    eal_pages_alloc(HEAP_GRANULE, HEAP_GRANULE, SOCKET_ID_ANY, 0, 0, &ps) < 0) {
				root_unlock(r);
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
	root_unlock(r);
	return leaf;
}

int heap_radix_set(struct heap_span *sp, struct heap_span *val)
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
struct heap_span *heap_span_new(unsigned int hidx, size_t len, enum span_kind kind,
				  unsigned int flags, int *err)
{
	struct heap_heap *h = &heap_root_ptr->heaps[hidx];
	struct eal_page_span ps;
	int sock = (rte_eal_has_hugepages() || h->socket_id >= RTE_MAX_NUMA_NODES) ?
		   h->socket_id : SOCKET_ID_ANY;
	/* Every span starts on a granule (the radix maps granules). A large
	 * span for a big block on small pages ends with its last page: a 1 MiB
	 * block costs 1 MiB + a page of memory, not a whole 2 MiB granule (the
	 * rest of the granule is address space only). Smaller large spans are
	 * a whole granule, which later blocks share. */
	size_t pg = eal_pages_default_size();
	if (kind == SPAN_LARGE && pg < HEAP_GRANULE && len > HEAP_GRANULE / 2)
		len = RTE_ALIGN_CEIL(len, pg);
	else
		len = RTE_ALIGN_CEIL(len, HEAP_GRANULE);
	/* Transit record: the page layer fills h->grow (shared) before it marks
	 * the pages as given, and it is cleared once the span is usable (for a
	 * large span: by heap_large.c once its blocks are laid out). A holder
	 * killed in between leaves the pages to heap_repair, never leaks them. */
	h->grow.addr = NULL;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	int rc = eal_pages_alloc(len, HEAP_GRANULE, sock, flags & EAL_PAGES_F_IOVA_CONTIG, 0, &h->grow);
	if (rc < 0) {
		*err = rc;
		return NULL;
	}
	ps = h->grow;
	struct heap_span *sp = ps.addr;
	memset(sp, 0, sizeof(*sp));
	sp->magic = SPAN_MAGIC ^ (uintptr_t)sp;
	sp->kind = kind;
	sp->heap_idx = hidx;
	sp->len = ps.page_sz < HEAP_GRANULE ? ps.len : RTE_ALIGN_FLOOR(ps.len, HEAP_GRANULE);
	sp->page_sz = ps.page_sz;
	sp->iova = ps.iova;
	sp->flags = flags;
	if (kind == SPAN_SMALL) {
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
	HEAP_KILL_POINT();
	if (heap_radix_set(sp, sp) < 0) {
		eal_pages_free(ps.addr, ps.len);
		h->grow.addr = NULL;
		*err = -ENOMEM;
		return NULL;
	}
	sp->next = h->spans;
	if (h->spans)
		h->spans->prev = sp;
	HEAP_KILL_POINT();
	h->spans = sp;
	HEAP_STAT_ADD(h->total_bytes, sp->len);
	HEAP_KILL_POINT();
	if (kind == SPAN_SMALL)
		heap_transit_done(h);
	return sp;   /* SPAN_LARGE: heap_large.c lays out its blocks (heap lock held) */
}

void heap_span_release(struct heap_heap *h, struct heap_span *sp)
{
	if (sp->flags & SPAN_F_EXTERNAL) {   /* user memory: just forget it */
		heap_ext_unregister(sp);
		if (sp->next)
			sp->next->prev = sp->prev;
		if (sp->prev)
			sp->prev->next = sp->next;
		else
			h->spans = sp->next;
		HEAP_STAT_ADD(h->total_bytes, -sp->len);
		sp->magic = 0;
		return;
	}
	/* transit record: a holder killed from here on leaves the span to
	 * heap_repair, which finishes the release */
	h->grow.addr = sp;
	h->grow.len = sp->len;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	HEAP_KILL_POINT();
	if (sp->next)
		sp->next->prev = sp->prev;
	if (sp->prev)
		sp->prev->next = sp->next;
	else
		h->spans = sp->next;
	HEAP_STAT_ADD(h->total_bytes, -sp->len);
	HEAP_KILL_POINT();
	heap_radix_set(sp, NULL);
	HEAP_KILL_POINT();
	sp->magic = 0;
	HEAP_KILL_POINT();
	size_t len = sp->len;
	if (eal_pages_free(sp, len) < 0)
		HEAP_LOG(ERR, "heap: page layer refused to free %p len %zu\n", (void *)sp, len);
	HEAP_KILL_POINT();
	heap_transit_done(h);
}

/* ---- type table -------------------------------------------------------------------- */
uint16_t heap_type_id(const char *type)
{
	struct heap_root *r = heap_root_ptr;
	uint16_t id = HEAP_TYPE_OTHER;
	if (type == NULL || type[0] == '\0')
		return HEAP_TYPE_NONE;
	root_lock(r);
	for (uint32_t i = HEAP_TYPE_NONE + 1; i < r->ntypes; i++)
		if (strncmp(r->types[i], type, HEAP_TYPE_NAMELEN - 1) == 0) {
			id = (uint16_t)i;
			goto out;
		}
	if (r->ntypes < HEAP_TYPE_OTHER) {
		id = (uint16_t)r->ntypes;
		snprintf(r->types[id], HEAP_TYPE_NAMELEN, "%s", type);
		/* release: pairs with the acquire of readers that scan the names
		 * without the root lock (rte_malloc_dump_stats) */
		__atomic_store_n(&r->ntypes, r->ntypes + 1, __ATOMIC_RELEASE);
	} else {
		eal_limit_hit(eal_mcfg(), EAL_HIT_TYPES);
	}
out:
	root_unlock(r);
	return id;
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
	heap_lock(h);
	if (h->free_slabs == NULL &&
	    (!may_grow || heap_span_new(hidx, HEAP_GRANULE, SPAN_SMALL, 0, &err) == NULL)) {
		heap_unlock(h);
		return NULL;
	}
	struct heap_slab *s = h->free_slabs;
	slab_unlink_free(h, s);
	HEAP_KILL_POINT();
	struct heap_seg *seg = heap_seg_of_block(s);
	if (seg->span.nfree_slabs-- == SLABS_PER_SEG - 1)
		h->empty_segs--;
	HEAP_KILL_POINT();
	uint32_t bs = heap_class_size[cls];
	s->free = NULL;
	s->used = 0;
	s->carved = 0;
	s->bsize = bs;
	s->capacity = (uint32_t)(SLAB_SIZE / bs);
	s->recip = (uint32_t)((((uint64_t)1 << 32) + bs - 1) / bs);
	s->cls = cls;
	s->owner = owner;
	HEAP_KILL_POINT();
	/* Crash order: the state leaves SLAB_FREE last. A non-free slab is
	 * found by its owner field when a dead owner's cache is rebuilt
	 * (heap_cache_rebuild), so owner and class must be this owner's
	 * before the state says the slab is handed out; a holder killed
	 * earlier leaves a free slab the repair puts back on the list. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&s->state, SLAB_ACTIVE, __ATOMIC_RELAXED);
	HEAP_KILL_POINT();
	heap_unlock(h);
	return s;
}

/* An empty slab goes back to its heap; a segment whose slabs are all free
 * goes back to the page layer unless it is the heap's only empty one. */
void heap_slab_put(struct heap_slab *s)
{
	struct heap_heap *h = &heap_root_ptr->heaps[heap_seg_of_block(s)->span.heap_idx];
	heap_lock(h);
	heap_slab_put_locked(h, s);
	heap_unlock(h);
}

void heap_slab_put_locked(struct heap_heap *h, struct heap_slab *s)
{
	struct heap_seg *seg = heap_seg_of_block(s);
	__atomic_store_n(&s->state, SLAB_FREE, __ATOMIC_RELAXED);
	HEAP_KILL_POINT();
	s->free = NULL;
	s->prev = NULL;
	s->next = h->free_slabs;
	if (h->free_slabs)
		h->free_slabs->prev = s;
	h->free_slabs = s;
	HEAP_KILL_POINT();
	if (++seg->span.nfree_slabs == SLABS_PER_SEG - 1 && ++h->empty_segs > 1) {
		HEAP_KILL_POINT();
		for (unsigned int i = 1; i < SLABS_PER_SEG; i++)
			slab_unlink_free(h, &seg->slabs[i]);
		h->empty_segs--;
		HEAP_KILL_POINT();
		heap_span_release(h, &seg->span);
	}
}

/* ---- init / cleanup ---------------------------------------------------------------------- */
static void heap_setup(struct heap_heap *h, int socket, const char *fmt)
{
	memset(h, 0, sizeof(*h));
	eal_shlock_init(&h->lock);
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
	eal_shlock_init(&c->lock);
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
		heap_pid = (int32_t)getpid();
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
	eal_shlock_init(&r->lock);
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
	heap_pid = (int32_t)getpid();
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
				heap_span_release(h, h->spans);
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
		/* A3 pairs with R3 in heap_ext_register: a found region's header is
		 * initialised. */
		struct heap_span *sp = __atomic_load_n(&r->ext[i], __ATOMIC_ACQUIRE);
		if (sp != NULL && a - (uintptr_t)sp < sp->len)
			return sp;
	}
	return NULL;
}

int heap_ext_register(struct heap_span *sp)
{
	struct heap_root *r = heap_root_ptr;
	int rc = -ENOSPC;
	root_lock(r);
	for (unsigned int i = 0; i < HEAP_MAX_EXT_REGIONS; i++)
		if (r->ext[i] == NULL) {
			/* R3 pairs with A3 in heap_ext_span_of. */
			__atomic_store_n(&r->ext[i], sp, __ATOMIC_RELEASE);
			__atomic_fetch_add(&r->n_ext, 1, __ATOMIC_RELAXED);
			rc = 0;
			break;
		}
	root_unlock(r);
	return rc;
}

void heap_ext_unregister(struct heap_span *sp)
{
	struct heap_root *r = heap_root_ptr;
	root_lock(r);
	for (unsigned int i = 0; i < HEAP_MAX_EXT_REGIONS; i++)
		if (r->ext[i] == sp) {
			__atomic_store_n(&r->ext[i], NULL, __ATOMIC_RELEASE);
			__atomic_fetch_sub(&r->n_ext, 1, __ATOMIC_RELAXED);
		}
	root_unlock(r);
}

