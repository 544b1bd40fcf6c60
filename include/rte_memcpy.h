/* SPDX-License-Identifier: BSD-3-Clause
 * rte_memcpy: the compiler's memcpy is as fast as a hand-written copy for
 * the sizes packet code uses, and inlines small constant sizes. */
#ifndef _RTE_MEMCPY_H_
#define _RTE_MEMCPY_H_
#include <string.h>
#include <stdint.h>
#include <rte_common.h>
#include <rte_compat.h>
static __rte_always_inline void *rte_memcpy(void *dst, const void *src, size_t n)
{
	return memcpy(dst, src, n);
}
static __rte_always_inline void rte_mov16(uint8_t *dst, const uint8_t *src) { memcpy(dst, src, 16); }
static __rte_always_inline void rte_mov32(uint8_t *dst, const uint8_t *src) { memcpy(dst, src, 32); }
static __rte_always_inline void rte_mov64(uint8_t *dst, const uint8_t *src) { memcpy(dst, src, 64); }
static __rte_always_inline void rte_mov128(uint8_t *dst, const uint8_t *src) { memcpy(dst, src, 128); }
static __rte_always_inline void rte_mov256(uint8_t *dst, const uint8_t *src) { memcpy(dst, src, 256); }
#endif
