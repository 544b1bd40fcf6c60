/* SPDX-License-Identifier: BSD-3-Clause
 * rte_malloc: per-lcore caches of small blocks, remote frees, and the
 * public API on top of the shared heap (heap.c, heap_large.c).
 *
 * Small requests (<= 8 KiB, alignment a divisor of the class size) are
 * served from 64 KiB slabs of one size class. Each slab belongs to exactly
 * one cache (struct heap_cache, in shared memory): the cache of an lcore of
 * some process, or a heap's "anon" cache (spinlocked) used by unregistered
 * threads and by requests for a socket other than the caller's.
 *
 *  - Owner alloc/free touch only the owner's slab lists: no atomics, no lock.
 *  - A free by anyone else (other lcore, unregistered thread, other process)
 *    clears the block's type byte with an atomic exchange (catches double
 *    frees) and pushes the block on the owner cache's MPSC "remote" stack
 *    with one CAS. The owner takes the whole stack with one exchange when it
 *    runs out of blocks, and frees them locally. A block on the remote stack
 *    still counts in its slab's `used`, so a slab (and its segment) cannot
 *    be retired while a remote free is in flight; caches are never freed, so
 *    the push target always exists.
 *  - Caches are claimed per (process, lcore id) on first use, by pid, and
 *    released at rte_eal_cleanup (their slabs stay with the cache and are
 *    adopted by the next claimer). proc_cache[] is this process's pointer
 *    cache into the shared array; nothing shared points to process memory.
 *
 * Per-type live-byte accounting: each cache has counters written only by
 * the thread using it (as allocator or freer); anon caches by the holder of
 * their lock; frees by unregistered threads use atomics in the root; large
 * blocks count in their heap under its lock. Readers sum them all.
 */
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <rte_malloc.h>
#include <rte_errno.h>
#include <rte_eal.h>
#include <rte_branch_prediction.h>
#include "eal_private.h"
#include "eal_memalloc.h"
#include "heap_private.h"

static struct heap_cache *proc_cache[RTE_MAX_LCORE];
static __thread const char *tc_ptr;
static __thread uint16_t tc_id;

/* ---- caches ------------------------------------------------------------------ */
static struct heap_cache *cache_claim(unsigned int id)
{
	struct heap_root *r = heap_root_ptr;
	if (r == NULL || id >= RTE_MAX_LCORE)
		return NULL;
	int hidx = 0;
	if (rte_eal_has_hugepages()) {
		hidx = heap_index_of_socket((int)rte_lcore_to_socket_id(id));
		if (hidx < 0)
			hidx = 0;
	}
	int sock = r->heaps[hidx].socket_id;
	uint64_t me = (uint64_t)getpid(), prev = 0;
	struct heap_cache *c = NULL;
	root_lock(r);
	for (unsigned int pass = 0; pass < 3 && c == NULL; pass++) {
		for (unsigned int k = 0; k < HEAP_NSLOTS; k++) {
			struct heap_cache *t = &r->caches[(id + k) % HEAP_NSLOTS];
			uint64_t o = t->owner_pid;   /* root lock held */
			if (t->socket_id != -1 && t->socket_id != sock)
				continue;
			/* pass 0: free slots that hold no exited process's blocks;
			 * pass 1: slots of processes that died (rebuilt below);
			 * pass 2: free slots still holding an exited process's blocks */
			if (pass == 0 && (o != 0 || t->orphan))
				continue;
			if (pass == 1 && (o == 0 || o == me || !heap_pid_exited((int64_t)o)))
				continue;
			if (pass == 2 && o != 0)
				continue;
			c = t;
			prev = o;
			break;
		}
	}
	if (c != NULL) {
		if (c->socket_id == -1) {
			c->socket_id = sock;
			c->heap_idx = (uint32_t)hidx;
		}
		c->owner_pid = me;
	}
	root_unlock(r);
	if (c != NULL && prev != 0)   /* its owner died: anything may be half done */
		heap_cache_rebuild(c);
	proc_cache[id] = c;
	return c;
}

static void slab_list_unlink(struct heap_cls *k, struct heap_slab *s)
{
	if (s->next)
		s->next->prev = s->prev;
	if (s->prev)
		s->prev->next = s->next;
	else
		k->partial = s->next;
	s->next = s->prev = NULL;
}

/* A local free made a slab leave FULL, or emptied it. */
static __rte_noinline void slab_transition(struct heap_cache *c, struct heap_slab *s)
{
	struct heap_cls *k = &c->cls[s->cls];
	if (s->state == SLAB_FULL) {
		__atomic_store_n(&s->state, SLAB_PARTIAL, __ATOMIC_RELAXED);
		s->prev = NULL;
		s->next = k->partial;
		if (k->partial)
			k->partial->prev = s;
		k->partial = s;
	}
	if (s->used == 0 && s->state == SLAB_PARTIAL) {
		slab_list_unlink(k, s);
		heap_slab_put(s);
	}
}

static inline void slab_free_local(struct heap_cache *c, struct heap_slab *s, void *b)
{
	*(void **)b = s->free;
	s->free = b;
	if (unlikely(--s->used == 0 || s->state == SLAB_FULL))
		slab_transition(c, s);
}

void heap_cache_drain(struct heap_cache *c)
{
	if (__atomic_load_n(&c->remote, __ATOMIC_RELAXED) == NULL)
		return;
	/* A4 pairs with R4 in remote_push: we see each block's link and its
	 * cleared type byte before reusing it. */
	void *b = __atomic_exchange_n(&c->remote, NULL, __ATOMIC_ACQUIRE);
	while (b != NULL) {
		void *next = *(void **)b;
		struct heap_seg *seg = heap_seg_of_block(b);
		unsigned int si = (unsigned int)(((uintptr_t)b - (uintptr_t)seg) >> SLAB_SHIFT);
		struct heap_slab *s = &seg->slabs[si];
		/* PENDING -> free: only the owner makes this step */
		__atomic_store_n(&seg->types[si][slab_block_index(s, b)], 0, __ATOMIC_RELAXED);
		slab_free_local(c, s, b);
		b = next;
	}
}

static void remote_push(struct heap_cache *owner, void *b)
{
	void *head = __atomic_load_n(&owner->remote, __ATOMIC_RELAXED);
	do {
		*(void **)b = head;
		/* R4 pairs with A4 in heap_cache_drain. */
	} while (!__atomic_compare_exchange_n(&owner->remote, &head, b, 1,
					      __ATOMIC_RELEASE, __ATOMIC_RELAXED));
}

/* Before a heap grows: take back blocks freed into caches that no process
 * owns any more (their process exited), so their slabs can be reused. Each
 * such cache is claimed for the moment under the root lock, drained like
 * its owner would, and released. */
static __rte_noinline void reclaim_orphans(uint32_t hidx)
{
	struct heap_root *r = heap_root_ptr;
	uint64_t me = (uint64_t)getpid();
	for (unsigned int k = 0; k < HEAP_NSLOTS; k++) {
		struct heap_cache *o = &r->caches[k];
		int mine = 0;
		root_lock(r);
		uint64_t prev = o->owner_pid;
		if (o->socket_id != -1 && o->heap_idx == hidx &&
		    ((prev == 0 && __atomic_load_n(&o->remote, __ATOMIC_RELAXED) != NULL) ||
		     (prev != 0 && prev != me && heap_pid_exited((int64_t)prev)))) {
			o->owner_pid = me;
			mine = 1;
		}
		root_unlock(r);
		if (!mine)
			continue;
		if (prev != 0)   /* died owning it: rebuild from the type bytes */
			heap_cache_rebuild(o);
		else
			heap_cache_drain(o);
		for (unsigned int i = 0; i < HEAP_NCLASS; i++) {
			struct heap_slab *s = o->cls[i].cur;
			if (s != NULL && s->used == 0) {
				o->cls[i].cur = NULL;
				heap_slab_put(s);
			}
		}
		root_lock(r);   /* orders our use before the next claim */
		o->owner_pid = 0;
		root_unlock(r);
	}
}

static __rte_noinline void *small_alloc_slow(struct heap_cache *c, unsigned int cls,
					     struct heap_slab **sp)
{
	struct heap_cls *k = &c->cls[cls];
	struct heap_slab *s = k->cur;
	void *b;
	for (int pass = 0; pass < 2; pass++) {
		if (s != NULL) {
			if (s->free != NULL)
				goto pop;
			if (s->carved < s->capacity) {
				b = slab_base(s) + (size_t)s->carved * s->bsize;
				__atomic_store_n(&s->carved, s->carved + 1, __ATOMIC_RELAXED);
				s->used++;
				*sp = s;
				return b;
			}
		}
		if (pass == 0) {
			heap_cache_drain(c);
			s = k->cur;
		}
	}
	if (s != NULL) {
		__atomic_store_n(&s->state, SLAB_FULL, __ATOMIC_RELAXED);
		k->cur = NULL;
	}
	s = k->partial;
	if (s != NULL) {
		slab_list_unlink(k, s);
		__atomic_store_n(&s->state, SLAB_ACTIVE, __ATOMIC_RELAXED);
		k->cur = s;
		goto pop;
	}
	s = heap_slab_get(c->heap_idx, (uint16_t)cls, (uint16_t)c->self, 0);
	if (s == NULL) {   /* the heap would have to grow: first take back orphans' blocks */
		reclaim_orphans(c->heap_idx);
		s = heap_slab_get(c->heap_idx, (uint16_t)cls, (uint16_t)c->self, 1);
	}
	if (s == NULL)
		return NULL;
	k->cur = s;
	b = slab_base(s);
	__atomic_store_n(&s->carved, 1, __ATOMIC_RELAXED);
	s->used = 1;
	*sp = s;
	return b;
pop:
	b = s->free;
	s->free = *(void **)b;
	s->used++;
	*sp = s;
	return b;
}

/* Allocate one block of class cls from cache c (the caller owns c or holds
 * its lock); acct receives the accounting. */
static inline void *small_alloc(struct heap_cache *c, unsigned int cls, uint16_t type,
				struct heap_cache *acct)
{
	struct heap_slab *s = c->cls[cls].cur;
	void *b;
	if (likely(s != NULL && (b = s->free) != NULL)) {
		s->free = *(void **)b;
		s->used++;
	} else {
		b = small_alloc_slow(c, cls, &s);
		if (b == NULL)
			return NULL;
	}
	/* atomic (relaxed): statistics read the type bytes without our locks */
	__atomic_store_n(&heap_seg_of_block(b)->types[s->idx][slab_block_index(s, b)], (uint8_t)type,
			 __ATOMIC_RELAXED);
	HEAP_STAT_ADD(acct->type_bytes[type], (int64_t)s->bsize);
	HEAP_STAT_ADD(acct->type_count[type], 1);
	return b;
}

void heap_caches_release(void)
{
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
		struct heap_cache *c = proc_cache[i];
		if (c == NULL)
			continue;
		heap_cache_drain(c);
		for (unsigned int k = 0; k < HEAP_NCLASS; k++) {
			struct heap_slab *s = c->cls[k].cur;
			if (s != NULL && s->used == 0) {
				c->cls[k].cur = NULL;
				heap_slab_put(s);
			}
		}
		root_lock(heap_root_ptr);   /* orders our use before the next claim */
		c->owner_pid = 0;
		root_unlock(heap_root_ptr);
		proc_cache[i] = NULL;
	}
}

RTE_INIT(heap_caches_register)
{
	heap_set_caches_release(heap_caches_release);
}

/* ---- helpers ---------------------------------------------------------------------- */
static inline uint16_t type_id(const char *type)
{
	if (type == NULL || type[0] == '\0')
		return HEAP_TYPE_NONE;
	if (type == tc_ptr &&
	    strncmp(heap_root_ptr->types[tc_id], type, HEAP_TYPE_NAMELEN - 1) == 0)
		return tc_id;
	tc_id = heap_type_id(type);
	tc_ptr = type;
	return tc_id;
}

static inline struct heap_cache *cur_cache(void)
{
	unsigned int id = rte_lcore_id();
	return id < RTE_MAX_LCORE ? proc_cache[id] : NULL;
}

static int class_for(size_t size, size_t align)
{
	if (size > SMALL_MAX)
		return -1;
	unsigned int cls = heap_class_of[(size + 63) >> 6];
	while (cls < HEAP_NCLASS && heap_class_size[cls] % align)
		cls++;
	return cls < HEAP_NCLASS ? (int)cls : -1;
}

/* Locate a small block: its slab and type byte. 0, or -EINVAL when ptr is
 * not the start of a block of this segment. */
static int small_locate(struct heap_span *sp, const void *ptr, struct heap_slab **sout,
			uint8_t **tout)
{
	struct heap_seg *seg = (struct heap_seg *)sp;
	uintptr_t off = (uintptr_t)ptr - (uintptr_t)seg;
	unsigned int si = (unsigned int)(off >> SLAB_SHIFT);
	struct heap_slab *s = &seg->slabs[si];
	if (si == 0 || __atomic_load_n(&s->state, __ATOMIC_RELAXED) == SLAB_FREE)
		return -EINVAL;
	uint32_t boff = (uint32_t)(off & (SLAB_SIZE - 1));
	uint32_t idx = slab_block_index(s, ptr);
	if (idx * s->bsize != boff || idx >= __atomic_load_n(&s->carved, __ATOMIC_RELAXED))
		return -EINVAL;
	*sout = s;
	*tout = &seg->types[si][idx];
	return 0;
}

static void bad_free(const char *who, const void *ptr, const char *why)
{
	HEAP_LOG(ERR, "%s(%p): %s; ignored\n", who, ptr, why);
}

static void small_free(struct heap_span *sp, void *ptr, const char *who)
{
	struct heap_slab *s;
	uint8_t *t;
	if (unlikely(small_locate(sp, ptr, &s, &t) < 0)) {
		bad_free(who, ptr, "not the start of a heap block");
		return;
	}
	struct heap_cache *c = cur_cache();
	uint32_t bs = s->bsize;
	if (likely(c != NULL && s->owner == c->self)) {
		uint8_t ty = *t;
		if (unlikely(ty == 0 || ty == HEAP_TYPE_PENDING)) {
			bad_free(who, ptr, "block already free (double free)");
			return;
		}
		__atomic_store_n(t, 0, __ATOMIC_RELAXED);   /* read by statistics without locks */
		HEAP_STAT_ADD(c->type_bytes[ty], -(int64_t)bs);
		HEAP_STAT_ADD(c->type_count[ty], -1);
		slab_free_local(c, s, ptr);
		return;
	}
	/* One atomic exchange decides between racing frees of one block: only
	 * the caller that sees a non-zero type frees it. Its store is ordered
	 * before the push by R4. */
	uint8_t ty = __atomic_exchange_n(t, HEAP_TYPE_PENDING, __ATOMIC_ACQ_REL);
	if (unlikely(ty == 0 || ty == HEAP_TYPE_PENDING)) {
		if (ty == 0)   /* put back what we overwrote: the block is free */
			__atomic_compare_exchange_n(t, &(uint8_t){ HEAP_TYPE_PENDING }, 0, 0,
						    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
		bad_free(who, ptr, "block already free (double free)");
		return;
	}
	if (c != NULL) {
		HEAP_STAT_ADD(c->type_bytes[ty], -(int64_t)bs);
		HEAP_STAT_ADD(c->type_count[ty], -1);
	} else {
		__atomic_fetch_sub(&heap_root_ptr->type_bytes[ty], (int64_t)bs, __ATOMIC_RELAXED);
		__atomic_fetch_sub(&heap_root_ptr->type_count[ty], 1, __ATOMIC_RELAXED);
	}
	remote_push(&heap_root_ptr->caches[s->owner], ptr);
}

/* ---- allocation ------------------------------------------------------------------------- */
static void *alloc_on_heap(unsigned int hidx, size_t size, size_t align, uint16_t ty, int zero,
			   struct heap_cache *c, int *err)
{
	int cls = heap_root_ptr->heaps[hidx].external ? -1 : class_for(size, align);
	void *b;
	if (cls >= 0) {
		if (c != NULL && c->heap_idx == hidx) {
			b = small_alloc(c, (unsigned int)cls, ty, c);
		} else {
			struct heap_cache *a = &heap_root_ptr->caches[HEAP_NSLOTS + hidx];
			anon_lock(a);
			b = small_alloc(a, (unsigned int)cls, ty, c != NULL ? c : a);
			anon_unlock(a);
		}
		if (b == NULL) {
			*err = -ENOMEM;
			return NULL;
		}
		if (zero)
			memset(b, 0, size);
		return b;
	}
	return heap_large_alloc(hidx, size, align, 0, 0, ty, zero, err);
}

static int check_args(const char *who, size_t size, unsigned int align)
{
	if (heap_root_ptr == NULL) {
		HEAP_LOG(ERR, "%s: heap not initialised (call rte_eal_init first)\n", who);
		return -ENODEV;
	}
	if (size == 0) {
		HEAP_LOG(ERR, "%s: size 0\n", who);
		return -EINVAL;
	}
	if (align & (align - 1)) {
		HEAP_LOG(ERR, "%s: alignment %u is not a power of two\n", who, align);
		return -EINVAL;
	}
	return 0;
}

/* Heap index for an explicit socket argument, -1 when there is none.
 * *any is set when the request may fall back to other heaps. */
static int resolve_heap(int socket, struct heap_cache *c, int *any)
{
	*any = 0;
	if (socket == SOCKET_ID_ANY ||
	    (!rte_eal_has_hugepages() && socket >= 0 && socket < RTE_MAX_NUMA_NODES)) {
		*any = 1;
		return c != NULL ? (int)c->heap_idx : heap_home_index();
	}
	int h = heap_index_of_socket(socket);
	if (h < 0 && socket >= RTE_MAX_NUMA_NODES)
		for (uint32_t i = 0; i < heap_root_ptr->nheaps; i++)
			if (heap_root_ptr->heaps[i].in_use && heap_root_ptr->heaps[i].socket_id == socket)
				h = (int)i;
	return h;
}

static __rte_noinline void *heap_alloc_slow(const char *who, uint16_t ty_or0, const char *type,
					    size_t size, unsigned int align, int socket, int zero)
{
	int rc = check_args(who, size, align), any, err = -ENOMEM;
	if (rc < 0) {
		rte_errno = -rc;
		return NULL;
	}
	unsigned int id = rte_lcore_id();
	struct heap_cache *c = cur_cache();
	if (c == NULL && id < RTE_MAX_LCORE)
		c = cache_claim(id);
	int hidx = resolve_heap(socket, c, &any);
	if (hidx < 0) {
		HEAP_LOG(ERR, "%s: no heap for socket %d\n", who, socket);
		rte_errno = EINVAL;
		return NULL;
	}
	uint16_t ty = ty_or0 ? ty_or0 : type_id(type);
	size_t al = align < RTE_CACHE_LINE_SIZE ? RTE_CACHE_LINE_SIZE : align;
	void *b = alloc_on_heap((unsigned int)hidx, size, al, ty, zero, c, &err);
	for (uint32_t i = 0; b == NULL && any && i < heap_root_ptr->nheaps; i++)
		if ((int)i != hidx && heap_root_ptr->heaps[i].in_use &&
		    heap_root_ptr->heaps[i].socket_id < RTE_MAX_NUMA_NODES)
			b = alloc_on_heap(i, size, al, ty, zero, c, &err);
	if (b == NULL)
		rte_errno = -err;
	return b;
}

static inline void *heap_alloc(const char *who, const char *type, size_t size,
			       unsigned int align, int socket, int zero)
{
	struct heap_cache *c = cur_cache();
	if (likely(c != NULL && size - 1 < SMALL_MAX && align <= RTE_CACHE_LINE_SIZE &&
		   (align & (align - 1)) == 0 &&
		   (socket == SOCKET_ID_ANY || socket == c->socket_id))) {
		void *b = small_alloc(c, heap_class_of[(size + 63) >> 6], type_id(type), c);
		if (likely(b != NULL)) {
			if (zero)
				memset(b, 0, size);
			return b;
		}
	}
	return heap_alloc_slow(who, 0, type, size, align, socket, zero);
}

void *rte_malloc_socket(const char *type, size_t size, unsigned int align, int socket)
{
	return heap_alloc("rte_malloc", type, size, align, socket, 0);
}
void *rte_malloc(const char *type, size_t size, unsigned int align)
{
	return heap_alloc("rte_malloc", type, size, align, SOCKET_ID_ANY, 0);
}
void *rte_zmalloc_socket(const char *type, size_t size, unsigned int align, int socket)
{
	return heap_alloc("rte_zmalloc", type, size, align, socket, 1);
}
void *rte_zmalloc(const char *type, size_t size, unsigned int align)
{
	return heap_alloc("rte_zmalloc", type, size, align, SOCKET_ID_ANY, 1);
}
void *rte_calloc_socket(const char *type, size_t num, size_t size, unsigned int align, int socket)
{
	if (size != 0 && num > SIZE_MAX / size) {
		HEAP_LOG(ERR, "rte_calloc: %zu * %zu bytes overflows\n", num, size);
		rte_errno = ENOMEM;
		return NULL;
	}
	return heap_alloc("rte_calloc", type, num * size, align, socket, 1);
}
void *rte_calloc(const char *type, size_t num, size_t size, unsigned int align)
{
	return rte_calloc_socket(type, num, size, align, SOCKET_ID_ANY);
}

/* ---- free / validate / realloc ----------------------------------------------------------- */
static void heap_free(void *ptr, const char *who)
{
	if (unlikely(heap_root_ptr == NULL)) {
		bad_free(who, ptr, "heap not initialised");
		return;
	}
	struct heap_span *sp = heap_span_of(ptr);
	if (unlikely(sp == NULL)) {
		bad_free(who, ptr, "not heap memory");
		return;
	}
	if (likely(sp->kind == SPAN_SMALL))
		small_free(sp, ptr, who);
	else
		heap_large_free(sp, ptr, who);
}

void rte_free(void *ptr)
{
	if (ptr != NULL)
		heap_free(ptr, "rte_free");
}

/* Usable size and type of a live block; -EINVAL not a block, -ENOENT free. */
static int block_info(const void *ptr, struct heap_span **spp, size_t *usable, uint16_t *type)
{
	if (heap_root_ptr == NULL || ptr == NULL)
		return -EINVAL;
	struct heap_span *sp = heap_span_of(ptr);
	if (sp == NULL)
		return -EINVAL;
	*spp = sp;
	if (sp->kind == SPAN_SMALL) {
		struct heap_slab *s;
		uint8_t *t;
		if (small_locate(sp, ptr, &s, &t) < 0)
			return -EINVAL;
		uint8_t ty = __atomic_load_n(t, __ATOMIC_RELAXED);
		if (ty == 0 || ty == HEAP_TYPE_PENDING)
			return -ENOENT;
		*usable = s->bsize;
		if (type)
			*type = ty;
		return 0;
	}
	int rc = heap_large_check(sp, ptr, usable);
	if (rc == 0 && type)
		*type = ((const struct lblk *)RTE_PTR_SUB(ptr, LBLK_HDR))->type;
	return rc;
}

int rte_malloc_validate(const void *ptr, size_t *size)
{
	struct heap_span *sp;
	size_t usable;
	if (block_info(ptr, &sp, &usable, NULL) < 0) {
		rte_errno = EINVAL;
		return -1;
	}
	if (size)
		*size = usable;
	return 0;
}

void *rte_realloc_socket(void *ptr, size_t size, unsigned int align, int socket)
{
	if (ptr == NULL)
		return heap_alloc("rte_realloc", NULL, size, align, socket, 0);
	int rc = check_args("rte_realloc", size, align);
	if (rc < 0) {
		rte_errno = -rc;
		return NULL;
	}
	struct heap_span *sp;
	size_t usable;
	uint16_t ty = HEAP_TYPE_NONE;
	rc = block_info(ptr, &sp, &usable, &ty);
	if (rc < 0) {
		HEAP_LOG(ERR, "rte_realloc(%p): %s\n", ptr,
			 rc == -ENOENT ? "block is not allocated" : "not a heap block");
		rte_errno = EINVAL;
		return NULL;
	}
	size_t al = align < RTE_CACHE_LINE_SIZE ? RTE_CACHE_LINE_SIZE : align;
	const struct heap_heap *hp = &heap_root_ptr->heaps[sp->heap_idx];
	int same = socket == SOCKET_ID_ANY || hp->socket_id == socket ||
		   (!rte_eal_has_hugepages() && !hp->external && socket >= 0 &&
		    socket < RTE_MAX_NUMA_NODES);
	if (same && ((uintptr_t)ptr & (al - 1)) == 0) {
		if (size <= usable && (sp->kind == SPAN_LARGE || size > usable / 4))
			return ptr;
		if (sp->kind == SPAN_LARGE && heap_large_resize(sp, ptr, size) != NULL)
			return ptr;
	}
	void *n = heap_alloc_slow("rte_realloc", ty, NULL, size, align, socket, 0);
	if (n == NULL)
		return NULL;
	memcpy(n, ptr, RTE_MIN(usable, size));
	heap_free(ptr, "rte_realloc");
	return n;
}
void *rte_realloc(void *ptr, size_t size, unsigned int align)
{
	return rte_realloc_socket(ptr, size, align, SOCKET_ID_ANY);
}

rte_iova_t rte_malloc_virt2iova(const void *addr)
{
	struct heap_span *sp = heap_root_ptr ? heap_span_of(addr) : NULL;
	if (sp == NULL)
		return RTE_BAD_IOVA;
	if (sp->flags & SPAN_F_EXTERNAL) {
		const rte_iova_t *tab = (const rte_iova_t *)(sp + 1);
		size_t off = RTE_PTR_DIFF(addr, sp);
		if (sp->nfree_slabs == 0 || tab[off / sp->page_sz] == RTE_BAD_IOVA)
			return RTE_BAD_IOVA;
		return tab[off / sp->page_sz] + off % sp->page_sz;
	}
	if (rte_eal_iova_mode() == RTE_IOVA_VA)
		return (rte_iova_t)(uintptr_t)addr;
	if (sp->iova != RTE_BAD_IOVA)
		return sp->iova + RTE_PTR_DIFF(addr, sp);
	return rte_mem_virt2iova(addr);
}

/* ---- memzones ------------------------------------------------------------------------------ */
int eal_heap_free_memzone(void *addr)
{
	struct heap_span *sp = heap_root_ptr ? heap_span_of(addr) : NULL;
	if (sp == NULL || sp->kind != SPAN_LARGE || heap_large_check(sp, addr, NULL) < 0 ||
	    !(((const struct lblk *)RTE_PTR_SUB(addr, LBLK_HDR))->dirty & LBLK_F_MEMZONE))
		return -EINVAL;
	heap_large_free(sp, addr, heap_mz_who);
	return 0;
}

void *eal_heap_alloc_bounded(const char *type, size_t size, size_t align, size_t bound,
			     int socket_id, unsigned int flags, int *err)
{
	int any, e = -ENOMEM;
	if (heap_root_ptr == NULL || size == 0 || (align & (align - 1)) ||
	    (bound && ((bound & (bound - 1)) || size > bound))) {
		*err = heap_root_ptr == NULL ? -ENODEV : -EINVAL;
		return NULL;
	}
	if (align < RTE_CACHE_LINE_SIZE)
		align = RTE_CACHE_LINE_SIZE;
	struct heap_cache *c = cur_cache();
	int hidx = resolve_heap(socket_id, c, &any);
	if (hidx < 0) {
		*err = -EINVAL;
		return NULL;
	}
	uint16_t ty = type_id(type);
	void *b = heap_large_alloc((unsigned int)hidx, size, align, bound, flags, ty, 1, &e);
	for (uint32_t i = 0; b == NULL && any && i < heap_root_ptr->nheaps; i++)
		if ((int)i != hidx && heap_root_ptr->heaps[i].in_use &&
		    heap_root_ptr->heaps[i].socket_id < RTE_MAX_NUMA_NODES)
			b = heap_large_alloc(i, size, align, bound, flags, ty, 1, &e);
	if (b == NULL)
		*err = e;
	return b;
}
