/* SPDX-License-Identifier: BSD-3-Clause
 * Ring core definitions: the shared-memory layout of struct rte_ring, the
 * creation flags and the synchronisation modes.
 *
 * Layout (one ring = this header followed by `size` slots of `esize` bytes,
 * all in one memzone "RG_<name>" or in caller memory via rte_ring_init):
 *
 *   line 0  name, flags, memzone, size, mask, capacity   (read-only after init)
 *   line 1  empty (keeps the adjacent-line prefetcher from pairing line 0/2)
 *   line 2  producer: prod/hts_prod/rts_prod + prod_cache  (producers write)
 *   line 3  empty
 *   line 4  consumer: cons/hts_cons/rts_cons + cons_cache  (consumers write)
 *   line 5  empty
 *   line 6+ slots
 *
 * Field names and offsets of the public members match DPDK 22.11, so
 * programs that read r->prod.tail, r->cons.sync_type, r->capacity ... keep
 * working. In every mode the 32-bit word at offset 4 of a side's headtail is
 * that side's tail *position* (prod.tail, hts .pos.tail, rts .tail.val.pos),
 * so the other side can always read "how far this side has completed".
 *
 * prod_cache / cons_cache are dplite additions that sit in the owning side's
 * cache line after the (at most 24-byte) headtail union: the limit position
 * the side already knows it may reach, so SP/SC and MP/MC calls read the
 * other side's tail only when the ring looks full / empty. Only that
 * side writes it; see rte_ring_elem_pvt.h and docs/ring.md.
 */
#ifndef _RTE_RING_CORE_H_
#define _RTE_RING_CORE_H_

#include <stdio.h>
#include <sys/types.h>
#include <stdint.h>
#include <sys/types.h>	/* ssize_t, also under -std=c11 */
#include <string.h>
#include <errno.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_memory.h>
#include <rte_lcore.h>
#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_memzone.h>
#include <rte_pause.h>
#include <rte_debug.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How many objects an enqueue/dequeue must move. */
enum rte_ring_queue_behavior {
	RTE_RING_QUEUE_FIXED = 0,	/**< exactly n, or nothing (_bulk) */
	RTE_RING_QUEUE_VARIABLE		/**< as many as possible up to n (_burst) */
};

/** Memzone name of a ring created by rte_ring_create() is this + name. */
#define RTE_RING_MZ_PREFIX "RG_"
/** Ring names are limited by the memzone name length minus the prefix. */
#define RTE_RING_NAMESIZE (RTE_MEMZONE_NAMESIZE - sizeof(RTE_RING_MZ_PREFIX) + 1)

/** How producers (or consumers) of one side synchronise with each other. */
enum rte_ring_sync_type {
	RTE_RING_SYNC_MT,	/**< multi-thread: CAS on head, in-order tail */
	RTE_RING_SYNC_ST,	/**< single thread */
	RTE_RING_SYNC_MT_RTS,	/**< multi-thread, relaxed tail sync */
	RTE_RING_SYNC_MT_HTS,	/**< multi-thread, head/tail sync (one op in flight) */
};

/** Head/tail of one side in MT and ST modes. */
struct rte_ring_headtail {
	volatile uint32_t head;	/**< next position to reserve */
	volatile uint32_t tail;	/**< everything before this is complete */
	RTE_STD_C11
	union {
		enum rte_ring_sync_type sync_type;
		uint32_t single;	/**< deprecated: non-zero when ST */
	};
};

/** RTS position + reference count, updated together as one 64-bit word. */
union __rte_ring_rts_poscnt {
	uint64_t raw __rte_aligned(8);
	struct {
		uint32_t cnt;	/**< operations started (head) / finished (tail) */
		uint32_t pos;	/**< position */
	} val;
};

/** Head/tail of one side in RTS mode. */
struct rte_ring_rts_headtail {
	volatile union __rte_ring_rts_poscnt tail;
	enum rte_ring_sync_type sync_type;
	uint32_t htd_max;	/**< max distance head may run ahead of tail */
	volatile union __rte_ring_rts_poscnt head;
};

/** HTS head and tail, updated together as one 64-bit word. */
union __rte_ring_hts_pos {
	uint64_t raw __rte_aligned(8);
	struct {
		uint32_t head;
		uint32_t tail;
	} pos;
};

/** Head/tail of one side in HTS mode. */
struct rte_ring_hts_headtail {
	volatile union __rte_ring_hts_pos ht;
	enum rte_ring_sync_type sync_type;
};

/**
 * dplite: one side's private knowledge of the other side (ST and MT paths).
 * `word` is 0 (nothing known) or __RTE_RING_PEER_VALID | limit, where limit is
 * the position this side may advance its head to without looking at the
 * other side again: consumer tail + capacity for the producer, producer tail
 * for the consumer, as last read. The other side only moves its tail forward,
 * so a stale limit is a safe under-estimate. SP/SC and MP/MC calls use and
 * refresh it (a side is either ST/MT or RTS or HTS for its whole life: the
 * layouts differ, so RTS/HTS sides never meet it); init and rte_ring_reset()
 * clear it. Written only by the owning side's threads.
 * Consumers have a third state, __RTE_RING_PEER_EMPTY | h: the last dequeue
 * found too little at head h (a lower bound of the head from then on), so
 * the next one reads the producer tail first and returns 0 at once if it
 * has not moved far enough past h (rte_ring_elem_pvt.h, docs/ring.md).
 */
struct __rte_ring_peer_cache {
	uint64_t word;
};
#define __RTE_RING_PEER_VALID (UINT64_C(1) << 62)
/* consumers only, instead of VALID: the last call found too little, at a
 * head of (at least) the low 32 bits; the sign bit, so one test finds it */
#define __RTE_RING_PEER_EMPTY (UINT64_C(1) << 63)

/** A ring. Public fields are DPDK 22.11's. */
struct rte_ring {
	char name[RTE_RING_NAMESIZE] __rte_cache_aligned;
	int flags;				/**< flags given at creation */
	const struct rte_memzone *memzone;	/**< memzone holding the ring, or NULL */
	uint32_t size;				/**< number of slots (power of 2) */
	uint32_t mask;				/**< size - 1 */
	uint32_t capacity;			/**< usable slots */

	char pad0 __rte_cache_aligned;

	RTE_STD_C11
	struct {
		union {
			struct rte_ring_headtail prod;
			struct rte_ring_hts_headtail hts_prod;
			struct rte_ring_rts_headtail rts_prod;
		};
		/** producer-private: consumer tail as last seen (SP path) */
		struct __rte_ring_peer_cache prod_cache;
	} __rte_cache_aligned;

	char pad1 __rte_cache_aligned;

	RTE_STD_C11
	struct {
		union {
			struct rte_ring_headtail cons;
			struct rte_ring_hts_headtail hts_cons;
			struct rte_ring_rts_headtail rts_cons;
		};
		/** consumer-private: producer tail as last seen (SC path) */
		struct __rte_ring_peer_cache cons_cache;
	} __rte_cache_aligned;

	char pad2 __rte_cache_aligned;
};

#define RING_F_SP_ENQ 0x0001	/**< default enqueue is single-producer */
#define RING_F_SC_DEQ 0x0002	/**< default dequeue is single-consumer */
/** count is the exact capacity; slots are rounded up to a power of 2. */
#define RING_F_EXACT_SZ 0x0004
#define RTE_RING_SZ_MASK (0x7fffffffU)	/**< largest ring size */
#define RING_F_MP_RTS_ENQ 0x0008	/**< default enqueue is MP RTS */
#define RING_F_MC_RTS_DEQ 0x0010	/**< default dequeue is MC RTS */
#define RING_F_MP_HTS_ENQ 0x0020	/**< default enqueue is MP HTS */
#define RING_F_MC_HTS_DEQ 0x0040	/**< default dequeue is MC HTS */

#ifdef __cplusplus
}
#endif
#endif /* _RTE_RING_CORE_H_ */
