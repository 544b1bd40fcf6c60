/* SPDX-License-Identifier: BSD-3-Clause
 * Single-bit helpers on 32/64-bit words. The "relaxed" family does plain
 * (non-atomic) read-modify-writes through a volatile pointer: the caller
 * serialises access, as DPDK states. RTE_BIT32/64 and RTE_GENMASK32/64 live
 * in rte_common.h in dplite; this header makes them visible as DPDK's does. */
#ifndef _RTE_BITOPS_H_
#define _RTE_BITOPS_H_

#include <stdint.h>
#include <rte_common.h>
#include <rte_debug.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef RTE_BIT64
#define RTE_BIT64(nr) (UINT64_C(1) << (nr))
#endif
#ifndef RTE_BIT32
#define RTE_BIT32(nr) (UINT32_C(1) << (nr))
#endif

static inline uint32_t rte_bit_relaxed_get32(unsigned int nr, volatile uint32_t *addr)
{
	return *addr & RTE_BIT32(nr);
}
static inline void rte_bit_relaxed_set32(unsigned int nr, volatile uint32_t *addr)
{
	*addr = *addr | RTE_BIT32(nr);
}
static inline void rte_bit_relaxed_clear32(unsigned int nr, volatile uint32_t *addr)
{
	*addr = *addr & ~RTE_BIT32(nr);
}
static inline uint32_t rte_bit_relaxed_test_and_set32(unsigned int nr, volatile uint32_t *addr)
{
	uint32_t old = *addr;
	*addr = old | RTE_BIT32(nr);
	return old & RTE_BIT32(nr);
}
static inline uint32_t rte_bit_relaxed_test_and_clear32(unsigned int nr, volatile uint32_t *addr)
{
	uint32_t old = *addr;
	*addr = old & ~RTE_BIT32(nr);
	return old & RTE_BIT32(nr);
}
static inline uint64_t rte_bit_relaxed_get64(unsigned int nr, volatile uint64_t *addr)
{
	return *addr & RTE_BIT64(nr);
}
static inline void rte_bit_relaxed_set64(unsigned int nr, volatile uint64_t *addr)
{
	*addr = *addr | RTE_BIT64(nr);
}
static inline void rte_bit_relaxed_clear64(unsigned int nr, volatile uint64_t *addr)
{
	*addr = *addr & ~RTE_BIT64(nr);
}
static inline uint64_t rte_bit_relaxed_test_and_set64(unsigned int nr, volatile uint64_t *addr)
{
	uint64_t old = *addr;
	*addr = old | RTE_BIT64(nr);
	return old & RTE_BIT64(nr);
}
static inline uint64_t rte_bit_relaxed_test_and_clear64(unsigned int nr, volatile uint64_t *addr)
{
	uint64_t old = *addr;
	*addr = old & ~RTE_BIT64(nr);
	return old & RTE_BIT64(nr);
}

#ifdef __cplusplus
}
#endif
#endif
