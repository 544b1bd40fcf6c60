/* SPDX-License-Identifier: BSD-3-Clause
 * Ring internals shared by every public ring header: slot copies, the
 * MT (multi-producer/consumer) and ST (single) head/tail protocols, and the
 * one generic enqueue/dequeue that all public variants inline into.
 * Nothing here is API; names start with __rte_ring_ and may change.
 *
 * Positions are free-running uint32_t counters; a slot index is pos & mask.
 * Invariants (unsigned 32-bit arithmetic, so wrap-around at 2^32 is free):
 *   cons.tail <= cons.head <= prod.tail <= prod.head <= cons.tail + capacity
 * Producers own [prod.tail, prod.head) while they fill it; consumers own
 * [cons.tail, cons.head) while they read it.
 *
 * Memory-ordering pairs (names used in comments below and in docs/ring.md):
 *   P1  producer tail store-release  ->  consumer tail load-acquire (C2):
 *       slot writes are visible before the consumer sees the new prod.tail.
 *   C1  consumer tail store-release  ->  producer tail load-acquire (P2):
 *       slot reads are finished before the producer may overwrite the slot.
 *   H1  MT/RTS/HTS head CAS (acq_rel) -> next head load-acquire on that side:
 *       the other-side tail a thread sized its reservation with happens-
 *       before any later reservation built on that head, so a later thread
 *       can never combine a newer head with an older tail (no underflow).
 *   W1  MT tail wait load-acquire of the previous thread's tail store-release:
 *       chains the previous thread's slot accesses into our own release, so
 *       the other side acquiring our tail also sees theirs.
 *   L1  cached-limit store-release (by whichever thread of a side refreshed
 *       it right after its P2/C2 acquire) -> that side's load-acquire of the
 *       limit: a thread using a limit another thread read is still ordered
 *       after the other side's slot accesses the limit covers.
 */
#ifndef _RTE_RING_ELEM_PVT_H_
#define _RTE_RING_ELEM_PVT_H_

#include <rte_ring_core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- slot copies ---------------------------------------------------------- */
/* Slots and caller tables are moved with explicit loads and stores through
 * may_alias types of 4, 8, 16 and 32 bytes (aligned to 4: an element is a
 * multiple of 4 bytes and a caller's table need not be more aligned). No
 * memcpy of a fixed size: GCC sizes the destination of an inlined call
 * (an 8-byte `void *obj` for rte_ring_enqueue) and warns about the larger
 * blocks of the unused branches, at -O0 most of all. A 32-byte block is one
 * move when the including program is built with AVX, two 16-byte moves
 * otherwise (the code is inline: it follows the program's -m flags). */
typedef uint32_t __rte_ring_w4 __attribute__((__may_alias__, __aligned__(4)));
typedef uint64_t __rte_ring_w8 __attribute__((__may_alias__, __aligned__(4)));
typedef uint64_t __rte_ring_w16 __attribute__((__vector_size__(16), __may_alias__,
					       __aligned__(4)));
#ifdef __AVX__
typedef uint64_t __rte_ring_w32 __attribute__((__vector_size__(32), __may_alias__,
					       __aligned__(4)));
#endif

static __rte_always_inline void
__rte_ring_mov16(uint8_t *d, const uint8_t *s)
{
	*(__rte_ring_w16 *)(void *)d = *(const __rte_ring_w16 *)(const void *)s;
}

static __rte_always_inline void
__rte_ring_mov32(uint8_t *d, const uint8_t *s)
{
#ifdef __AVX__
	*(__rte_ring_w32 *)(void *)d = *(const __rte_ring_w32 *)(const void *)s;
#else
	__rte_ring_w16 a = *(const __rte_ring_w16 *)(const void *)s;
	__rte_ring_w16 b = *(const __rte_ring_w16 *)(const void *)(s + 16);

	*(__rte_ring_w16 *)(void *)d = a;
	*(__rte_ring_w16 *)(void *)(d + 16) = b;
#endif
}

/* Copy len bytes (a multiple of 4; len = n * esize with esize a constant
 * after inlining, so the compiler knows its low bits and drops the steps
 * that cannot happen). One 8-byte word first (a single pointer is the most
 * common call and measured faster with its own exit), then 64-byte blocks
 * through moving pointers, then one 32/16/8/4-byte step per remaining bit:
 * no switch and no per-element loop. */
static __rte_always_inline void
__rte_ring_copy(void *__rte_restrict dst, const void *__rte_restrict src, size_t len)
{
	uint8_t *d = (uint8_t *)dst;
	const uint8_t *s = (const uint8_t *)src;

	if (len == 8) {
		*(__rte_ring_w8 *)(void *)d = *(const __rte_ring_w8 *)(const void *)s;
		return;
	}
	for (; len >= 64; len -= 64, d += 64, s += 64) {
		__rte_ring_mov32(d, s);
		__rte_ring_mov32(d + 32, s + 32);
	}
	if (len & 32) {
		__rte_ring_mov32(d, s);
		d += 32;
		s += 32;
	}
	if (len & 16) {
		__rte_ring_mov16(d, s);
		d += 16;
		s += 16;
	}
	if (len & 8) {
		*(__rte_ring_w8 *)(void *)d = *(const __rte_ring_w8 *)(const void *)s;
		d += 8;
		s += 8;
	}
	if (len & 4)
		*(__rte_ring_w4 *)(void *)d = *(const __rte_ring_w4 *)(const void *)s;
}

static __rte_always_inline void *
__rte_ring_slots(const struct rte_ring *r)
{
	return (void *)(uintptr_t)&r[1];
}

/* The rare case of a copy that runs past the last slot: one element at a
 * time with the index masked. Kept deliberately simple (small, few live
 * registers) so the common contiguous path stays lean. */
static __rte_always_inline void
__rte_ring_copy_wrapped(struct rte_ring *r, uint32_t pos, void *obj, uint32_t esize,
			uint32_t n, int to_ring)
{
	uint8_t *ring = (uint8_t *)__rte_ring_slots(r);
	uint8_t *o = (uint8_t *)obj;
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint8_t *slot = ring + (size_t)((pos + i) & r->mask) * esize;

		if (to_ring)
			__rte_ring_copy(slot, o + (size_t)i * esize, esize);
		else
			__rte_ring_copy(o + (size_t)i * esize, slot, esize);
	}
}

/* Is n the constant 1 of a single-object call (rte_ring_enqueue,
 * rte_ring_sc_dequeue_elem ...)? Those keep code paths of their own. */
static __rte_always_inline int
__rte_ring_is_one(uint32_t n)
{
	return __builtin_constant_p(n) && n == 1;
}

/* Does a copy of n elements from slot index idx stay below the last slot?
 * Always for one element (idx <= mask < size), which the compiler then
 * needs not test when n is a constant 1 (the single-object calls). */
static __rte_always_inline int
__rte_ring_fits(const struct rte_ring *r, uint32_t idx, uint32_t n)
{
	if (__rte_ring_is_one(n))
		return 1;
	return idx + n <= r->size;
}

/* Write n elements from obj into the slots starting at position pos. */
static __rte_always_inline void
__rte_ring_enqueue_elems(struct rte_ring *r, uint32_t pos, const void *obj,
			 uint32_t esize, uint32_t n)
{
	uint32_t idx = pos & r->mask;

	if (likely(__rte_ring_fits(r, idx, n)))
		__rte_ring_copy((uint8_t *)__rte_ring_slots(r) + (size_t)idx * esize,
				obj, (size_t)n * esize);
	else
		__rte_ring_copy_wrapped(r, pos, (void *)(uintptr_t)obj, esize, n, 1);
}

/* Read n elements starting at position pos into obj. */
static __rte_always_inline void
__rte_ring_dequeue_elems(struct rte_ring *r, uint32_t pos, void *obj,
			 uint32_t esize, uint32_t n)
{
	uint32_t idx = pos & r->mask;

	if (likely(__rte_ring_fits(r, idx, n)))
		__rte_ring_copy(obj, (const uint8_t *)__rte_ring_slots(r) + (size_t)idx * esize,
				(size_t)n * esize);
	else
		__rte_ring_copy_wrapped(r, pos, obj, esize, n, 0);
}

/* ---- reading the other side --------------------------------------------- */
/* In every mode the 32-bit word at offset 4 of a side's headtail is that
 * side's tail position. MT and ST sides store it as a 32-bit value; RTS and
 * HTS sides update it inside a 64-bit {cnt/head, tail} word. The hardware
 * dplite targets (x86-64, AArch64) reads an aligned 32-bit half of an
 * aligned 64-bit store atomically, and an acquire load of it orders like an
 * acquire load of the whole word, so the fast path reads the 32-bit tail in
 * every mode (one load, no branch on the other side's sync type). The C11
 * model does not define mixed-size atomics, and ThreadSanitizer tracks each
 * location at one size, so sanitizer builds read the same object at the
 * size it was written. sync_type never changes after init. */
#if defined(__SANITIZE_THREAD__)
#define __RTE_RING_EXACT_SIZE_TAIL_READS 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define __RTE_RING_EXACT_SIZE_TAIL_READS 1
#endif
#endif

static __rte_always_inline uint32_t
__rte_ring_tail_load(const struct rte_ring_headtail *ht, int order)
{
#ifdef __RTE_RING_EXACT_SIZE_TAIL_READS
	union __rte_ring_hts_pos p;

	if (ht->sync_type <= RTE_RING_SYNC_ST)
		return __atomic_load_n(&ht->tail, order);
	p.raw = __atomic_load_n(&((const volatile union __rte_ring_hts_pos *)ht)->raw, order);
	return p.pos.tail;
#else
	return __atomic_load_n(&ht->tail, order);
#endif
}

/* Tail position of a side, load-acquire (P2 / C2). */
static __rte_always_inline uint32_t
__rte_ring_tail_acquire(const struct rte_ring_headtail *ht)
{
	return __rte_ring_tail_load(ht, __ATOMIC_ACQUIRE);
}

/* Tail position, relaxed: for the racy queries (count/empty ...). */
static __rte_always_inline uint32_t
__rte_ring_tail_relaxed(const struct rte_ring_headtail *ht)
{
	return __rte_ring_tail_load(ht, __ATOMIC_RELAXED);
}

static __rte_always_inline uint32_t
__rte_ring_clamp(uint32_t want, uint32_t have, enum rte_ring_queue_behavior behavior)
{
	if (likely(want <= have))
		return want;
	return behavior == RTE_RING_QUEUE_FIXED ? 0 : have;
}

/* ---- the cached limit ----------------------------------------------------- */
/* May a side take num more slots/objects on the strength of its cached limit
 * word c alone, room being limit - head? Room must be at least num, read as
 * a signed 32-bit distance, and the word must be valid. Real room is never
 * above capacity (< 2^31), so a "negative" room means the limit is older
 * than the head it is combined with (another thread moved the head with a
 * newer limit, or positions were moved forward by hand) and the caller must
 * read the other side afresh. A huge num never passes. The plain unsigned
 * room test comes first: it is the one that fails in the common "not
 * enough" case (a consumer that has taken everything it knew about, a poll
 * of an empty ring), so that case costs one compare before the caller reads
 * the other side. */
static __rte_always_inline int
__rte_ring_limit_ok(uint64_t c, uint32_t room, uint32_t num)
{
	return room >= num && (int32_t)room >= 0 && (int64_t)c > 0;	/* VALID, not EMPTY/0 */
}

/* The consumers' "found empty" state. A consumer call that finds too little
 * (an empty poll) stores __RTE_RING_PEER_EMPTY | h in its side's word, h
 * being the head it saw; a poll that finds the word so reads the producer
 * tail first and, if the tail has not moved at least num (a _burst: 1)
 * past h, returns 0 having loaded nothing else: one load of its own line
 * and one of the producer tail, as DPDK's empty poll (head and tail). A
 * consumer that is busy never stores the state, so its limit stays (the
 * two-core rows depend on it: without one a consumer with a backlog pulls
 * the producer line on every call).
 * Why it is safe: the head only moves forward (peek hands back only what
 * its own reservation took), so h stays a lower bound of the head; with
 * tail - h < num, tail - head < num as well. A tail read that is older
 * than h gives a huge unsigned difference, which only sends the call the
 * long way (head, then a fresh tail). Nothing is read from slots on the
 * way out, so no ordering is needed for the return; the word is still
 * stored with release and loaded with acquire (L1). The producer side
 * keeps no such state (a full-ring poll is not the common case). */
static __rte_always_inline int
__rte_ring_empty_poll(uint64_t c, uint32_t tail, uint32_t num,
		      enum rte_ring_queue_behavior behavior)
{
	return (int64_t)c < 0 &&	/* EMPTY */
	       tail - (uint32_t)c < (behavior == RTE_RING_QUEUE_FIXED ? num : 1u);
}

/* Remember an empty poll at head h, storing only on a change. */
static __rte_always_inline void
__rte_ring_note_empty(struct __rte_ring_peer_cache *pc, uint64_t c, uint32_t h)
{
	uint64_t w = __RTE_RING_PEER_EMPTY | h;

	if (c != w)
		__atomic_store_n(&pc->word, w, __ATOMIC_RELEASE);	/* L1 */
}

/* ---- MT: CAS on head, tails retire in reservation order ------------------ */
/* Producers here, consumers (the mirror image) below; the two are written
 * out rather than shared through side pointers, which GCC hoisted into
 * registers of the caller's loop. Like the ST path (below), MT threads
 * size their reservation from the side's cached limit and read the other
 * side's tail only when the limit says "not enough", so on a ring that is
 * neither full nor empty a producer does not pull the consumers' cache line
 * over on every call (and vice versa). The limit word is shared by the
 * side's threads:
 *   L1  the thread that refreshes it stores it with release after its
 *       load-acquire of the other tail (P2/C2), and every user loads it with
 *       acquire, so the other side's tail release -> refresher -> user is one
 *       happens-before chain: a producer sized by a limit someone else read
 *       still writes only slots the consumers have finished with.
 * Refreshers race, so an older limit can overwrite a newer one: still an
 * under-estimate. A limit that gives negative room is older than the head
 * it is combined with (another thread moved the head with a newer limit, or
 * positions were written by hand): the thread then reads the other side
 * afresh; H1 makes that read at least as new as the one behind the head it
 * loaded. */
static __rte_always_inline uint32_t
__rte_ring_mt_move_prod_head(struct rte_ring *r, uint32_t num,
			     enum rte_ring_queue_behavior behavior, uint32_t *old_head,
			     uint32_t *avail_out)
{
	uint32_t oh, n, room, lim;
	uint64_t c;

	oh = __atomic_load_n(&r->prod.head, __ATOMIC_ACQUIRE);	/* H1 */
	for (;;) {
		c = __atomic_load_n(&r->prod_cache.word, __ATOMIC_ACQUIRE);	/* L1 */
		room = (uint32_t)c - oh;
		if (avail_out == NULL && likely(__rte_ring_limit_ok(c, room, num))) {
			n = num;
		} else {
			lim = r->capacity + __rte_ring_tail_acquire(&r->cons);	/* P2 */
			room = lim - oh;
			if (avail_out != NULL)
				*avail_out = room;
			/* Not enough (for a _burst: nothing) in a full ring:
			 * leave at once, writing nothing shared. num == 0 goes
			 * on with n = 0: a no-op, never worth its own test. */
			n = num;
			if (unlikely(room < num)) {
				n = behavior == RTE_RING_QUEUE_FIXED ? 0 : room;
				if (n == 0)
					break;
			}
			/* Keep the new limit only if it leaves room for a later
			 * call: producers of a full ring would store it on every
			 * call for nothing. */
			if (room > n && lim != (uint32_t)c)
				__atomic_store_n(&r->prod_cache.word, __RTE_RING_PEER_VALID | lim,
						 __ATOMIC_RELEASE);	/* L1 */
		}
		if (likely(__atomic_compare_exchange_n(&r->prod.head, &oh, oh + n, 0,
						       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)))
			break;
	}
	*old_head = oh;
	return n;
}

/* Consumers: the mirror image (limit = the producer tail as last read, C2),
 * plus the "found empty" state of the word (__RTE_RING_PEER_EMPTY, see
 * __rte_ring_empty_poll): after a call that found too little, the next one
 * first reads the producer tail alone and returns if there is still too
 * little. When there is enough, it loads the head and reads the tail again
 * after it: the room must come from a tail read after the head load (H1),
 * never before. "Not enough" is marked likely, for code layout only: an
 * empty poll's exit then stays in line; a call with work jumps once, next
 * to a CAS that costs ~40 times more. */
static __rte_always_inline uint32_t
__rte_ring_mt_move_cons_head(struct rte_ring *r, uint32_t num,
			     enum rte_ring_queue_behavior behavior, uint32_t *old_head,
			     uint32_t *avail_out)
{
	uint32_t oh, n, room, lim;
	uint64_t c;

	c = __atomic_load_n(&r->cons_cache.word, __ATOMIC_ACQUIRE);	/* L1 */
	if (avail_out == NULL && (int64_t)c < 0) {	/* EMPTY */
		lim = __rte_ring_tail_acquire(&r->prod);	/* C2 */
		*old_head = (uint32_t)c;
		if (__rte_ring_empty_poll(c, lim, num, behavior))
			return 0;
	}
	oh = __atomic_load_n(&r->cons.head, __ATOMIC_ACQUIRE);	/* H1 */
	for (;;) {
		room = (uint32_t)c - oh;
		if (avail_out == NULL && likely(__rte_ring_limit_ok(c, room, num))) {
			n = num;
		} else {
			lim = __rte_ring_tail_acquire(&r->prod);	/* C2 */
			room = lim - oh;
			if (avail_out != NULL)
				*avail_out = room;
			/* Not enough (for a _burst: nothing) in an empty ring:
			 * leave at once, remembering it (one store per empty
			 * spell). num == 0 goes on with n = 0: a no-op, never
			 * worth its own test. */
			n = num;
			if (likely(room < num)) {	/* layout: see above */
				n = behavior == RTE_RING_QUEUE_FIXED ? 0 : room;
				if (n == 0) {
					__rte_ring_note_empty(&r->cons_cache, c, oh);
					break;
				}
			}
			/* Keep the new limit only if it leaves room for a later
			 * call: a consumer that keeps up takes all there is and
			 * would store it on every call for nothing. */
			if (room > n && lim != (uint32_t)c)
				__atomic_store_n(&r->cons_cache.word, __RTE_RING_PEER_VALID | lim,
						 __ATOMIC_RELEASE);	/* L1 */
		}
		if (likely(__atomic_compare_exchange_n(&r->cons.head, &oh, oh + n, 0,
						       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)))
			break;
		c = __atomic_load_n(&r->cons_cache.word, __ATOMIC_ACQUIRE);	/* L1 */
	}
	*old_head = oh;
	return n;
}

/* Retire [old, old+n): wait for earlier reservations (W1), then publish
 * (P1 for producers, C1 for consumers). The wait is out of line: it is
 * rare (another thread of the side is between its CAS and its tail store),
 * and inline its spin counter and the tail's address held two more
 * callee-saved registers across every call. With it out of line the
 * mempool ops' enqueue saves 2 registers instead of 5, which took the
 * cache-0 get+put of one object from 1.04x DPDK to 0.94x (docs/ring.md). */
static __attribute__((noinline, cold, unused)) void
__rte_ring_mt_wait_tail(struct rte_ring_headtail *ht, uint32_t old)
{
	unsigned int spins = 0;
	while (__atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE) != old)	/* W1 */
		__rte_wait_backoff(&spins);
}

static __rte_always_inline void
__rte_ring_mt_update_tail(struct rte_ring_headtail *ht, uint32_t old, uint32_t n)
{
	if (unlikely(__atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE) != old))	/* W1 */
		__rte_ring_mt_wait_tail(ht, old);
	__atomic_store_n(&ht->tail, old + n, __ATOMIC_RELEASE);
}

/* ---- ST: one thread per side, with a cached limit ----------------------- */
/* The producer may advance its head up to cons.tail + capacity; the consumer
 * up to prod.tail. The other side's tail only moves forward, so a limit
 * computed from an old read of it stays safe (it just under-estimates). Each
 * side therefore caches its limit in its own cache line and reads the other
 * side's tail (and pulls that side's cache line over) only when the cached
 * limit says "not enough": the ring looks full (producer) or empty
 * (consumer). The fast path writes nothing but head and tail. When the
 * caller asks for free_space / available the real tail is always read, so
 * the number reported is exactly DPDK's. The limit word is the same one the
 * MT path uses (L1 above), so sp and mp calls on one side may be mixed. */
static __rte_always_inline uint32_t
__rte_ring_st_move_prod_head(struct rte_ring *r, uint32_t num,
			     enum rte_ring_queue_behavior behavior, uint32_t *old_head,
			     uint32_t *avail_out)
{
	uint32_t h = __atomic_load_n(&r->prod.head, __ATOMIC_RELAXED);
	uint64_t c = __atomic_load_n(&r->prod_cache.word, __ATOMIC_ACQUIRE);	/* L1 */
	uint32_t room = (uint32_t)c - h;
	uint32_t n = num, lim;

	*old_head = h;
	if (avail_out == NULL && __rte_ring_limit_ok(c, room, num))
		goto reserve;
	lim = r->capacity + __rte_ring_tail_acquire(&r->cons);	/* P2 */
	room = lim - h;
	if (avail_out != NULL)
		*avail_out = room;
	/* Not enough (for a _burst: nothing) to move, a full ring: leave at
	 * once, writing nothing; a limit that admits nothing more is of no
	 * use to the next call either. num == 0 goes on with n = 0 (a no-op). */
	if (unlikely(room < num)) {
		n = behavior == RTE_RING_QUEUE_FIXED ? 0 : room;
		if (n == 0)
			return 0;
	}
	/* Keep the new limit only if it leaves room for a later call (as on
	 * the MT path): a producer that fills the ring would store it on
	 * every call for nothing. */
	if (room > n)
		__atomic_store_n(&r->prod_cache.word, __RTE_RING_PEER_VALID | lim, __ATOMIC_RELEASE); /* L1 */
reserve:
	/* Head first (only this thread reads it for ST; storing it before the
	 * copy measured faster). A failed try writes nothing shared. */
	__atomic_store_n(&r->prod.head, h + n, __ATOMIC_RELAXED);
	return n;
}

/* The consumer: the mirror image (limit = the producer tail as last read,
 * C2), plus the "found empty" state of the word (__RTE_RING_PEER_EMPTY,
 * see __rte_ring_empty_poll): after a call that found too little, the next
 * one reads the producer tail first and, if still too little, returns
 * having loaded only the word and that tail. Only this thread moves the
 * head, so the head and a tail read in either order give a room that is
 * never "negative".
 * A call that takes everything its fresh tail read showed (room == n, a
 * consumer that keeps up) turns a VALID limit into 0, "nothing known": the
 * limit is used up, so the next call would only fail the limit test and
 * read the tail anyway; with the word at 0 it reads head and tail at once
 * and, when it finds exactly what it asks for again, takes it with no
 * other test (docs/ring.md, "Third round": this took the single-core
 * elem16 SP/SC burst 8 row from 1.11x to 1.01x DPDK and bulk 8 from 1.00x
 * to 0.93x). One store per change of state, none while it lasts.
 * The single-object calls (n a constant 1) keep the plain limit path: with
 * the extra branch their loop measured 1.08-1.15x against 1.00x. */
static __rte_always_inline uint32_t
__rte_ring_st_move_cons_head(struct rte_ring *r, uint32_t num,
			     enum rte_ring_queue_behavior behavior, uint32_t *old_head,
			     uint32_t *avail_out)
{
	uint64_t c = __atomic_load_n(&r->cons_cache.word, __ATOMIC_ACQUIRE);	/* L1 */
	uint32_t h, room, n = num, lim;

	if ((int64_t)c < 0) {			/* EMPTY */
		lim = __rte_ring_tail_acquire(&r->prod);	/* C2 */
		*old_head = (uint32_t)c;
		if (avail_out == NULL && __rte_ring_empty_poll(c, lim, num, behavior))
			return 0;
		h = __atomic_load_n(&r->cons.head, __ATOMIC_RELAXED);
		*old_head = h;
	} else if (!__rte_ring_is_one(num) && c == 0) {	/* nothing known, drained */
		h = __atomic_load_n(&r->cons.head, __ATOMIC_RELAXED);
		*old_head = h;
		lim = __rte_ring_tail_acquire(&r->prod);	/* C2 */
		room = lim - h;
		/* A consumer that keeps up finds exactly what it asks for
		 * again: take it, nothing to store (the tests below would
		 * all fall through to the same place). */
		if (avail_out == NULL && likely(room == num))
			goto reserve;
	} else {				/* a limit */
		h = __atomic_load_n(&r->cons.head, __ATOMIC_RELAXED);
		room = (uint32_t)c - h;
		*old_head = h;
		if (avail_out == NULL && __rte_ring_limit_ok(c, room, num))
			goto reserve;
		lim = __rte_ring_tail_acquire(&r->prod);	/* C2 */
	}
	room = lim - h;
	if (avail_out != NULL)
		*avail_out = room;
	/* Not enough (for a _burst: nothing) to move, an empty ring: leave
	 * at once, remembering it (one store per empty spell: the next polls
	 * find the word already so). num == 0 goes on with n = 0 (a no-op). */
	if (unlikely(room < num)) {
		n = behavior == RTE_RING_QUEUE_FIXED ? 0 : room;
		if (n == 0) {
			__rte_ring_note_empty(&r->cons_cache, c, h);
			return 0;
		}
	}
	/* Keep the new limit only if it leaves room for a later call: a
	 * consumer that keeps up takes all there is and would store it on
	 * every call for nothing. Such a consumer drops a used-up limit
	 * instead (0, see above); an EMPTY word stays, being a "read the
	 * tail first" state already. */
	if (room > n)
		__atomic_store_n(&r->cons_cache.word, __RTE_RING_PEER_VALID | lim, __ATOMIC_RELEASE); /* L1 */
	else if (!__rte_ring_is_one(num) && (int64_t)c > 0)
		__atomic_store_n(&r->cons_cache.word, 0, __ATOMIC_RELEASE); /* L1 */
reserve:
	/* Head first (only this thread reads it for ST; storing it before the
	 * copy measured faster). A failed try writes nothing the producers
	 * read. */
	__atomic_store_n(&r->cons.head, h + n, __ATOMIC_RELAXED);
	return n;
}

/* Plain path: head is already pos; publish the tail (P1 / C1). */
static __rte_always_inline void
__rte_ring_st_publish(struct rte_ring_headtail *ht, uint32_t pos)
{
	__atomic_store_n(&ht->tail, pos, __ATOMIC_RELEASE);
}

/* Peek finish: publish up to pos (P1 / C1) and hand back the rest of the
 * reservation (head = pos). The cached limit is absolute, so it stays. */
static __rte_always_inline void
__rte_ring_st_finish(struct rte_ring_headtail *ht, uint32_t pos)
{
	__atomic_store_n(&ht->head, pos, __ATOMIC_RELAXED);
	__atomic_store_n(&ht->tail, pos, __ATOMIC_RELEASE);
}

/* Cold: a peek/zc call on a ring whose side is MT or RTS. */
void __rte_ring_bad_sync_mode(const struct rte_ring *r, const char *func);

#ifdef __cplusplus
}
#endif

#include <rte_ring_rts_elem_pvt.h>
#include <rte_ring_hts_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the one generic enqueue / dequeue ------------------------------------ */
static __rte_always_inline unsigned int
__rte_ring_do_enqueue_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			   unsigned int n, enum rte_ring_queue_behavior behavior,
			   enum rte_ring_sync_type st, unsigned int *free_space)
{
	uint32_t head = 0, fe = 0;
	/* A _bulk call moves all of n or nothing: copying `want` instead of
	 * the returned count keeps a constant n constant for the copy. */
	const unsigned int want = n;
#define __RTE_RING_NCOPY (behavior == RTE_RING_QUEUE_FIXED ? want : n)

	switch (st) {
	case RTE_RING_SYNC_ST:
		n = __rte_ring_st_move_prod_head(r, n, behavior, &head,
						 free_space != NULL ? &fe : NULL);
		if (likely(n != 0)) {
			__rte_ring_enqueue_elems(r, head, obj_table, esize, __RTE_RING_NCOPY);
			__rte_ring_st_publish(&r->prod, head + n);
		}
		break;
	case RTE_RING_SYNC_MT:
		n = __rte_ring_mt_move_prod_head(r, n, behavior, &head,
						 free_space != NULL ? &fe : NULL);
		if (likely(n != 0)) {
			__rte_ring_enqueue_elems(r, head, obj_table, esize, __RTE_RING_NCOPY);
			__rte_ring_mt_update_tail(&r->prod, head, n);
		}
		break;
	case RTE_RING_SYNC_MT_RTS:
		n = __rte_ring_rts_move_prod_head(r, n, behavior, &head, &fe);
		if (likely(n != 0)) {
			__rte_ring_enqueue_elems(r, head, obj_table, esize, __RTE_RING_NCOPY);
			__rte_ring_rts_update_tail(&r->rts_prod);
		}
		break;
	case RTE_RING_SYNC_MT_HTS:
		n = __rte_ring_hts_move_prod_head(r, n, behavior, &head, &fe);
		if (likely(n != 0)) {
			__rte_ring_enqueue_elems(r, head, obj_table, esize, __RTE_RING_NCOPY);
			__rte_ring_hts_update_tail(&r->hts_prod, head + n);
		}
		break;
	default:
		n = 0;
		break;
	}
	if (free_space != NULL)
		*free_space = fe - n;
	return n;
}

static __rte_always_inline unsigned int
__rte_ring_do_dequeue_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			   unsigned int n, enum rte_ring_queue_behavior behavior,
			   enum rte_ring_sync_type st, unsigned int *available)
{
	uint32_t head = 0, av = 0;
	const unsigned int want = n;

	switch (st) {
	case RTE_RING_SYNC_ST:
		n = __rte_ring_st_move_cons_head(r, n, behavior, &head,
						 available != NULL ? &av : NULL);
		if (likely(n != 0)) {
			__rte_ring_dequeue_elems(r, head, obj_table, esize, __RTE_RING_NCOPY);
			__rte_ring_st_publish(&r->cons, head + n);
		}
		break;
	case RTE_RING_SYNC_MT:
		n = __rte_ring_mt_move_cons_head(r, n, behavior, &head,
						 available != NULL ? &av : NULL);
		if (likely(n != 0)) {
			__rte_ring_dequeue_elems(r, head, obj_table, esize, __RTE_RING_NCOPY);
			__rte_ring_mt_update_tail(&r->cons, head, n);
		}
		break;
	case RTE_RING_SYNC_MT_RTS:
		n = __rte_ring_rts_move_cons_head(r, n, behavior, &head, &av);
		if (likely(n != 0)) {
			__rte_ring_dequeue_elems(r, head, obj_table, esize, __RTE_RING_NCOPY);
			__rte_ring_rts_update_tail(&r->rts_cons);
		}
		break;
	case RTE_RING_SYNC_MT_HTS:
		n = __rte_ring_hts_move_cons_head(r, n, behavior, &head, &av);
		if (likely(n != 0)) {
			__rte_ring_dequeue_elems(r, head, obj_table, esize, __RTE_RING_NCOPY);
			__rte_ring_hts_update_tail(&r->hts_cons, head + n);
		}
		break;
	default:
		n = 0;
		break;
	}
	if (available != NULL)
		*available = av - n;
	return n;
}
#undef __RTE_RING_NCOPY

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_ELEM_PVT_H_ */
