/* SPDX-License-Identifier: BSD-3-Clause
 * Two-level bitmap over caller-supplied, cache-line aligned memory.
 *   array2: the bits, in 64-bit slabs;
 *   array1: one bit per cache line of array2 (8 slabs, 512 bits), set while
 *           that line may hold a set bit, so a scan skips empty lines fast.
 * rte_bitmap_scan() returns the next non-empty slab after the one it returned
 * last, wrapping around. Not thread-safe: one writer, as DPDK states.
 * Memory: [struct rte_bitmap][array1][array2], each part rounded up to a
 * cache line; rte_bitmap_get_memory_footprint() gives the total. */
#ifndef __INCLUDE_RTE_BITMAP_H__
#define __INCLUDE_RTE_BITMAP_H__

#include <stdint.h>
#include <string.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_debug.h>
#include <rte_prefetch.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_BITMAP_SLAB_BIT_SIZE      64
#define RTE_BITMAP_SLAB_BIT_SIZE_LOG2 6
#define RTE_BITMAP_SLAB_BIT_MASK      (RTE_BITMAP_SLAB_BIT_SIZE - 1)
#define RTE_BITMAP_CL_BIT_SIZE        (RTE_CACHE_LINE_SIZE * 8)
#define RTE_BITMAP_CL_BIT_SIZE_LOG2   (RTE_CACHE_LINE_SIZE_LOG2 + 3)
#define RTE_BITMAP_CL_BIT_MASK        (RTE_BITMAP_CL_BIT_SIZE - 1)
#define RTE_BITMAP_CL_SLAB_SIZE       (RTE_BITMAP_CL_BIT_SIZE / RTE_BITMAP_SLAB_BIT_SIZE)
#define RTE_BITMAP_CL_SLAB_SIZE_LOG2  (RTE_BITMAP_CL_BIT_SIZE_LOG2 - RTE_BITMAP_SLAB_BIT_SIZE_LOG2)
#define RTE_BITMAP_CL_SLAB_MASK       (RTE_BITMAP_CL_SLAB_SIZE - 1)

struct rte_bitmap {
	uint64_t *array1;
	uint64_t *array2;
	uint32_t array1_size;   /* slabs of array1 in use */
	uint32_t array2_size;   /* slabs of array2 */
	/* scan position: the slab of array2 returned last (index2), and
	 * whether it has been returned (go2) */
	uint32_t index1;
	uint32_t offset1;
	uint32_t index2;
	uint32_t go2;
	uint8_t memory[];
};

static inline uint32_t __rte_bitmap_round_cl(uint32_t bytes)
{
	return (bytes + RTE_CACHE_LINE_SIZE - 1) & ~(uint32_t)(RTE_CACHE_LINE_SIZE - 1);
}

/* n_bits rounded up to whole array2 cache lines */
static inline uint32_t __rte_bitmap_lines(uint32_t n_bits)
{
	return (uint32_t)(((uint64_t)n_bits + RTE_BITMAP_CL_BIT_SIZE - 1) >> RTE_BITMAP_CL_BIT_SIZE_LOG2);
}

static inline uint32_t rte_bitmap_get_memory_footprint(uint32_t n_bits)
{
	if (n_bits == 0)
		return 0;
	uint32_t lines = __rte_bitmap_lines(n_bits);
	uint32_t a1 = __rte_bitmap_round_cl(((lines + 63) / 64) * 8);
	uint32_t a2 = lines * RTE_CACHE_LINE_SIZE;
	return __rte_bitmap_round_cl(sizeof(struct rte_bitmap)) + a1 + a2;
}

static inline struct rte_bitmap *__rte_bitmap_setup(uint32_t n_bits, uint8_t *mem, uint32_t mem_size)
{
	if (n_bits == 0 || mem == NULL || ((uintptr_t)mem & (RTE_CACHE_LINE_SIZE - 1)) != 0 ||
	    mem_size < rte_bitmap_get_memory_footprint(n_bits))
		return NULL;
	uint32_t lines = __rte_bitmap_lines(n_bits);
	uint32_t a1 = __rte_bitmap_round_cl(((lines + 63) / 64) * 8);
	struct rte_bitmap *bmp = (struct rte_bitmap *)mem;
	memset(mem, 0, rte_bitmap_get_memory_footprint(n_bits));
	bmp->array1 = (uint64_t *)(mem + __rte_bitmap_round_cl(sizeof(struct rte_bitmap)));
	bmp->array2 = (uint64_t *)((uint8_t *)bmp->array1 + a1);
	bmp->array1_size = (lines + 63) / 64;
	bmp->array2_size = lines * RTE_BITMAP_CL_SLAB_SIZE;
	bmp->index2 = bmp->array2_size - 1;   /* the first scan starts at slab 0 */
	bmp->go2 = 0;
	return bmp;
}

static inline struct rte_bitmap *rte_bitmap_init(uint32_t n_bits, uint8_t *mem, uint32_t mem_size)
{
	return __rte_bitmap_setup(n_bits, mem, mem_size);
}

/* All n_bits set (bits past n_bits stay clear). */
static inline struct rte_bitmap *rte_bitmap_init_with_all_set(uint32_t n_bits, uint8_t *mem, uint32_t mem_size)
{
	struct rte_bitmap *bmp = __rte_bitmap_setup(n_bits, mem, mem_size);
	if (bmp == NULL)
		return NULL;
	uint32_t full = n_bits >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2, rest = n_bits & RTE_BITMAP_SLAB_BIT_MASK;
	for (uint32_t i = 0; i < full; i++)
		bmp->array2[i] = UINT64_MAX;
	if (rest)
		bmp->array2[full] = (UINT64_C(1) << rest) - 1;
	uint32_t lines = __rte_bitmap_lines(n_bits);
	for (uint32_t l = 0; l < lines; l++)
		bmp->array1[l >> 6] |= UINT64_C(1) << (l & 63);
	return bmp;
}

static inline int rte_bitmap_free(struct rte_bitmap *bmp)
{
	return bmp == NULL ? -EINVAL : 0;
}

static inline void rte_bitmap_reset(struct rte_bitmap *bmp)
{
	memset(bmp->array1, 0, bmp->array1_size * sizeof(uint64_t));
	memset(bmp->array2, 0, bmp->array2_size * sizeof(uint64_t));
	bmp->index2 = bmp->array2_size - 1;
	bmp->go2 = 0;
}

static inline void rte_bitmap_prefetch0(struct rte_bitmap *bmp, uint32_t pos)
{
	rte_prefetch0(&bmp->array2[pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2]);
}

/* Non-zero if bit pos is set. */
static inline uint64_t rte_bitmap_get(struct rte_bitmap *bmp, uint32_t pos)
{
	return bmp->array2[pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2] & (UINT64_C(1) << (pos & RTE_BITMAP_SLAB_BIT_MASK));
}

static inline void __rte_bitmap_mark_line(struct rte_bitmap *bmp, uint32_t pos)
{
	uint32_t line = pos >> RTE_BITMAP_CL_BIT_SIZE_LOG2;
	bmp->array1[line >> 6] |= UINT64_C(1) << (line & 63);
}

static inline void rte_bitmap_set(struct rte_bitmap *bmp, uint32_t pos)
{
	bmp->array2[pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2] |= UINT64_C(1) << (pos & RTE_BITMAP_SLAB_BIT_MASK);
	__rte_bitmap_mark_line(bmp, pos);
}

/* ORs slab into the 64-bit slab that holds pos (pos is rounded down). */
static inline void rte_bitmap_set_slab(struct rte_bitmap *bmp, uint32_t pos, uint64_t slab)
{
	bmp->array2[pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2] |= slab;
	__rte_bitmap_mark_line(bmp, pos);
}

static inline void rte_bitmap_clear(struct rte_bitmap *bmp, uint32_t pos)
{
	uint32_t s = pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2;
	bmp->array2[s] &= ~(UINT64_C(1) << (pos & RTE_BITMAP_SLAB_BIT_MASK));
	if (bmp->array2[s] != 0)
		return;
	uint32_t first = s & ~(uint32_t)RTE_BITMAP_CL_SLAB_MASK;
	for (uint32_t i = 0; i < RTE_BITMAP_CL_SLAB_SIZE; i++)
		if (bmp->array2[first + i] != 0)
			return;
	uint32_t line = pos >> RTE_BITMAP_CL_BIT_SIZE_LOG2;
	bmp->array1[line >> 6] &= ~(UINT64_C(1) << (line & 63));
}

/* 1 and the next non-empty slab after the last one returned (wrapping):
 * *pos = its first bit position, *slab = its bits. 0 if the bitmap is empty. */
static inline int rte_bitmap_scan(struct rte_bitmap *bmp, uint32_t *pos, uint64_t *slab)
{
	uint32_t n = bmp->array2_size;
	uint32_t s = bmp->index2;
	for (uint32_t seen = 0; seen <= n; ) {
		s = (s + 1 == n) ? 0 : s + 1;
		seen++;
		if ((s & RTE_BITMAP_CL_SLAB_MASK) == 0) {
			/* at a line start: skip empty lines via array1 */
			uint32_t line = s >> RTE_BITMAP_CL_SLAB_SIZE_LOG2;
			if ((bmp->array1[line >> 6] & (UINT64_C(1) << (line & 63))) == 0) {
				s += RTE_BITMAP_CL_SLAB_SIZE - 1;
				seen += RTE_BITMAP_CL_SLAB_SIZE - 1;
				continue;
			}
		}
		if (bmp->array2[s] != 0) {
			bmp->index2 = s;
			bmp->go2 = 1;
			*pos = s << RTE_BITMAP_SLAB_BIT_SIZE_LOG2;
			*slab = bmp->array2[s];
			return 1;
		}
	}
	return 0;
}

#ifdef __cplusplus
}
#endif
#endif
