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
typedef uint64_t __rte_ring_u64 __attribute__((__may_alias__, __aligned__(4)));
typedef uint32_t __rte_ring_u32 __attribute__((__may_alias__));

/* At -O0 GCC does not propagate n == 1 into the copies below and checks
 * the dead 32-byte block path of a single-object call against the caller's
 * 8-byte object: -Wstringop-overflow/-overread, false. The pragmas silence
 * exactly those two for these two functions and change no code. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 7
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#if __GNUC__ >= 11
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif
#endif

/* One word first (a single-pointer enqueue/dequeue is the most common call
 * and measured faster with its own early exit),
 * then blocks of 32 bytes through fixed-size memcpy (one or two vector
 * moves, never a libc call), then a 16-byte and an 8-byte step picked by
 * the bits of the remainder: no switch and no runtime overlap check. */
static __rte_always_inline void
__rte_ring_cpy64(__rte_ring_u64 *__rte_restrict d, const __rte_ring_u64 *__rte_restrict s,
		 uint32_t n)
{
	uint32_t i = 0;

	if (n == 1) {
		d[0] = s[0];
		return;
	}
	for (; i + 4 <= n; i += 4)
		__builtin_memcpy((void *)(d + i), (const void *)(s + i), 32);
	if (n & 2) {
		__builtin_memcpy((void *)(d + i), (const void *)(s + i), 16);
		i += 2;
	}
	if (n & 1)
		d[i] = s[i];
}

static __rte_always_inline void
__rte_ring_cpy32(__rte_ring_u32 *__rte_restrict d, const __rte_ring_u32 *__rte_restrict s,
		 uint32_t n)
{
	uint32_t i = 0;

	for (; i + 8 <= n; i += 8)
		__builtin_memcpy((void *)(d + i), (const void *)(s + i), 32);
	for (; i < n; i++)
		d[i] = s[i];
}

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 7
#pragma GCC diagnostic pop
#endif

/* Copy n elements of esize bytes (esize is a compile-time constant after
 * inlining, so only one branch survives). */
static __rte_always_inline void
__rte_ring_cpy_elems(void *d, const void *s, uint32_t esize, uint32_t n)
{
	if ((esize & 7) == 0)
		__rte_ring_cpy64((__rte_ring_u64 *)d, (const __rte_ring_u64 *)s, n * (esize / 8));
	else
		__rte_ring_cpy32((__rte_ring_u32 *)d, (const __rte_ring_u32 *)s, n * (esize / 4));
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
			__rte_ring_cpy_elems(slot, o + (size_t)i * esize, esize, 1);
		else
			__rte_ring_cpy_elems(o + (size_t)i * esize, slot, esize, 1);
	}
}

/* Write n elements from obj into the slots starting at position pos. */
static __rte_always_inline void
__rte_ring_enqueue_elems(struct rte_ring *r, uint32_t pos, const void *obj,
			 uint32_t esize, uint32_t n)
{
	uint32_t idx = pos & r->mask;

	if (likely(idx + n <= r->size))
		__rte_ring_cpy_elems((uint8_t *)__rte_ring_slots(r) + (size_t)idx * esize,
				     obj, esize, n);
	else
		__rte_ring_copy_wrapped(r, pos, (void *)(uintptr_t)obj, esize, n, 1);
}

/* Read n elements starting at position pos into obj. */
static __rte_always_inline void
__rte_ring_dequeue_elems(struct rte_ring *r, uint32_t pos, void *obj,
			 uint32_t esize, uint32_t n)
{
	uint32_t idx = pos & r->mask;

	if (likely(idx + n <= r->size))
		__rte_ring_cpy_elems(obj, (const uint8_t *)__rte_ring_slots(r) + (size_t)idx * esize,
				     esize, n);
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
 * word c alone, room being limit - head? The word must be valid, and room,
 * read as a signed 32-bit distance, must be at least num. Real room is never
 * above capacity (< 2^31), so a "negative" room means the limit is older
 * than the head it is combined with (another thread moved the head with a
 * newer limit, or positions were moved forward by hand) and the caller must
 * read the other side afresh. A huge num never passes. Two spellings of the
 * same predicate: GCC 12 lays out the ST and the MT fast paths measurably
 * better with these respective forms (checked with make bench). */
static __rte_always_inline int
__rte_ring_limit_ok_st(uint64_t c, uint32_t room, uint32_t num)
{
	return (c & __RTE_RING_PEER_VALID) != 0 && room >= num && (int32_t)room >= 0;
}

static __rte_always_inline int
__rte_ring_limit_ok_mt(uint64_t c, uint32_t room, uint32_t num)
{
	return (c & __RTE_RING_PEER_VALID) != 0 && (int64_t)(int32_t)room >= (int64_t)num;
}

/* ---- MT: CAS on head, tails retire in reservation order ------------------ */
/* Like the ST path (below), MT threads size their reservation from the
 * side's cached limit and read the other side's tail only when the limit
 * says "not enough", so on a ring that is neither full nor empty a
 * producer does not pull the consumers' cache line over on every call (and
 * vice versa). The limit word is shared by the side's threads:
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
__rte_ring_mt_move_head(struct rte_ring_headtail *own, struct __rte_ring_peer_cache *pc,
			const struct rte_ring_headtail *other, uint32_t cap, uint32_t num,
			enum rte_ring_queue_behavior behavior, uint32_t *old_head,
			uint32_t *avail_out)
{
	uint32_t oh, n, room, lim;
	uint64_t c;

	oh = __atomic_load_n(&own->head, __ATOMIC_ACQUIRE);	/* H1 */
	do {
		c = __atomic_load_n(&pc->word, __ATOMIC_ACQUIRE);	/* L1 */
		room = (uint32_t)c - oh;
		if (likely(avail_out == NULL) && likely(__rte_ring_limit_ok_mt(c, room, num))) {
			n = num;
		} else {
			lim = cap + __rte_ring_tail_acquire(other);	/* P2 / C2 */
			room = lim - oh;
			if (avail_out != NULL)
				*avail_out = room;
			n = __rte_ring_clamp(num, room, behavior);
			/* Keep the new limit only if it leaves room for a later
			 * call: a side that takes all there is (a consumer that
			 * keeps up, a producer of a full ring) would store it on
			 * every call for nothing. */
			if (room > n && lim != (uint32_t)c)
				__atomic_store_n(&pc->word, __RTE_RING_PEER_VALID | lim,
						 __ATOMIC_RELEASE);	/* L1 */
		}
		if (unlikely(n == 0))
			break;
	} while (unlikely(!__atomic_compare_exchange_n(&own->head, &oh, oh + n, 0,
						       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)));
	*old_head = oh;
	return n;
}

static __rte_always_inline uint32_t
__rte_ring_mt_move_prod_head(struct rte_ring *r, uint32_t num,
			     enum rte_ring_queue_behavior behavior,
			     uint32_t *old_head, uint32_t *free_entries)
{
	return __rte_ring_mt_move_head(&r->prod, &r->prod_cache, &r->cons, r->capacity,
				       num, behavior, old_head, free_entries);
}

static __rte_always_inline uint32_t
__rte_ring_mt_move_cons_head(struct rte_ring *r, uint32_t num,
			     enum rte_ring_queue_behavior behavior,
			     uint32_t *old_head, uint32_t *entries)
{
	return __rte_ring_mt_move_head(&r->cons, &r->cons_cache, &r->prod, 0,
				       num, behavior, old_head, entries);
}

/* Retire [old, old+n): wait for earlier reservations (W1), then publish
 * (P1 for producers, C1 for consumers). */
static __rte_always_inline void
__rte_ring_mt_update_tail(struct rte_ring_headtail *ht, uint32_t old, uint32_t n)
{
	unsigned int spins = 0;
	while (unlikely(__atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE) != old))
		__rte_wait_backoff(&spins);
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
__rte_ring_st_move_head(struct rte_ring_headtail *own, struct __rte_ring_peer_cache *pc,
			const struct rte_ring_headtail *other, uint32_t cap, uint32_t num,
			enum rte_ring_queue_behavior behavior, uint32_t *old_head,
			uint32_t *avail_out)
{
	uint32_t h = __atomic_load_n(&own->head, __ATOMIC_RELAXED);
	uint64_t c = __atomic_load_n(&pc->word, __ATOMIC_ACQUIRE);	/* L1 */
	uint32_t room = (uint32_t)c - h;
	uint32_t n = num, lim;

	if (avail_out == NULL && likely(__rte_ring_limit_ok_st(c, room, num)))
		goto reserve;
	lim = cap + __rte_ring_tail_acquire(other);		/* P2 / C2 */
	room = lim - h;
	if (avail_out != NULL)
		*avail_out = room;
	n = __rte_ring_clamp(num, room, behavior);
	/* Unlike the MT path, store unconditionally: the branch that would
	 * skip a useless store measured slower here than the store itself. */
	__atomic_store_n(&pc->word, __RTE_RING_PEER_VALID | lim, __ATOMIC_RELEASE); /* L1 */
reserve:
	*old_head = h;
	/* Head first (only this thread reads it for ST; storing it before the
	 * copy measured faster). A failed try writes nothing shared. */
	if (n != 0)
		__atomic_store_n(&own->head, h + n, __ATOMIC_RELAXED);
	return n;
}

/* Producer: cap = capacity (free = capacity + cons.tail - prod.head).
 * Consumer: cap = 0 (available = prod.tail - cons.head). */
static __rte_always_inline uint32_t
__rte_ring_st_move_prod_head(struct rte_ring *r, uint32_t num,
			     enum rte_ring_queue_behavior behavior, uint32_t *old_head,
			     uint32_t *free_entries)
{
	return __rte_ring_st_move_head(&r->prod, &r->prod_cache, &r->cons, r->capacity,
				       num, behavior, old_head, free_entries);
}

static __rte_always_inline uint32_t
__rte_ring_st_move_cons_head(struct rte_ring *r, uint32_t num,
			     enum rte_ring_queue_behavior behavior, uint32_t *old_head,
			     uint32_t *entries)
{
	return __rte_ring_st_move_head(&r->cons, &r->cons_cache, &r->prod, 0,
				       num, behavior, old_head, entries);
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

	switch (st) {
	case RTE_RING_SYNC_ST:
		n = __rte_ring_st_move_prod_head(r, n, behavior, &head,
						 free_space != NULL ? &fe : NULL);
		if (n != 0) {
			__rte_ring_enqueue_elems(r, head, obj_table, esize, n);
			__rte_ring_st_publish(&r->prod, head + n);
		}
		break;
	case RTE_RING_SYNC_MT:
		n = __rte_ring_mt_move_prod_head(r, n, behavior, &head,
						 free_space != NULL ? &fe : NULL);
		if (n != 0) {
			__rte_ring_enqueue_elems(r, head, obj_table, esize, n);
			__rte_ring_mt_update_tail(&r->prod, head, n);
		}
		break;
	case RTE_RING_SYNC_MT_RTS:
		n = __rte_ring_rts_move_prod_head(r, n, behavior, &head, &fe);
		if (n != 0) {
			__rte_ring_enqueue_elems(r, head, obj_table, esize, n);
			__rte_ring_rts_update_tail(&r->rts_prod);
		}
		break;
	case RTE_RING_SYNC_MT_HTS:
		n = __rte_ring_hts_move_prod_head(r, n, behavior, &head, &fe);
		if (n != 0) {
			__rte_ring_enqueue_elems(r, head, obj_table, esize, n);
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

	switch (st) {
	case RTE_RING_SYNC_ST:
		n = __rte_ring_st_move_cons_head(r, n, behavior, &head,
						 available != NULL ? &av : NULL);
		if (n != 0) {
			__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
			__rte_ring_st_publish(&r->cons, head + n);
		}
		break;
	case RTE_RING_SYNC_MT:
		n = __rte_ring_mt_move_cons_head(r, n, behavior, &head,
						 available != NULL ? &av : NULL);
		if (n != 0) {
			__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
			__rte_ring_mt_update_tail(&r->cons, head, n);
		}
		break;
	case RTE_RING_SYNC_MT_RTS:
		n = __rte_ring_rts_move_cons_head(r, n, behavior, &head, &av);
		if (n != 0) {
			__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
			__rte_ring_rts_update_tail(&r->rts_cons);
		}
		break;
	case RTE_RING_SYNC_MT_HTS:
		n = __rte_ring_hts_move_cons_head(r, n, behavior, &head, &av);
		if (n != 0) {
			__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
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

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_ELEM_PVT_H_ */
