/* SPDX-License-Identifier: BSD-3-Clause
 * Division by a run-time invariant divisor as a multiply and shifts
 * (Granlund & Montgomery, "Division by invariant integers using
 * multiplication", 1994): with l = ceil(log2 d),
 *   m = floor(2^N * (2^l - d) / d) + 1, sh1 = min(l, 1), sh2 = max(l - 1, 0)
 *   a / d = (t + ((a - t) >> sh1)) >> sh2, t = high N bits of a * m.
 * rte_reciprocal_value*() compute (m, sh1, sh2) once; the divide is inline. */
#ifndef _RTE_RECIPROCAL_H_
#define _RTE_RECIPROCAL_H_

#include <stdint.h>
#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_reciprocal {
	uint32_t m;
	uint8_t sh1, sh2;
};

struct rte_reciprocal_u64 {
	uint64_t m;
	uint8_t sh1, sh2;
};

static inline uint32_t rte_reciprocal_divide(uint32_t a, struct rte_reciprocal R)
{
	uint32_t t = (uint32_t)(((uint64_t)a * R.m) >> 32);
	return (t + ((a - t) >> R.sh1)) >> R.sh2;
}

static __rte_always_inline uint64_t __rte_reciprocal_mulhi_u64(uint64_t x, uint64_t y)
{
	return (uint64_t)(((unsigned __int128)x * y) >> 64);
}

static __rte_always_inline uint64_t rte_reciprocal_divide_u64(uint64_t a, const struct rte_reciprocal_u64 *R)
{
	uint64_t t = __rte_reciprocal_mulhi_u64(a, R->m);
	return (t + ((a - t) >> R->sh1)) >> R->sh2;
}

/* d must not be 0. */
struct rte_reciprocal rte_reciprocal_value(uint32_t d);
struct rte_reciprocal_u64 rte_reciprocal_value_u64(uint64_t d);

#ifdef __cplusplus
}
#endif
#endif
