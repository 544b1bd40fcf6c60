/* SPDX-License-Identifier: BSD-3-Clause
 * CRC32C (Castagnoli, reflected polynomial 0x82F63B78) for hashing, as
 * DPDK's <rte_hash_crc.h>: no inversion before or after, so
 * rte_hash_crc(buf, len, 0xffffffff) ^ 0xffffffff is the textbook CRC32C.
 *
 * On x86-64 each step is the SSE4.2 crc32 instruction when the CPU has it
 * (checked at run time when the library loads: the library is built for a
 * baseline without SSE4.2), else a table lookup in the library. Both give
 * the same values. rte_hash_crc_set_alg() picks one for the whole process
 * (DPDK: for the calling file only). */
#ifndef _RTE_HASH_CRC_H_
#define _RTE_HASH_CRC_H_
#include <stdint.h>
#include <rte_config.h>
#include <rte_common.h>
#include <rte_branch_prediction.h>
#ifdef __cplusplus
extern "C" {
#endif

#define CRC32_SW            (1U << 0)
#define CRC32_SSE42         (1U << 1)
#define CRC32_x64           (1U << 2)
#define CRC32_SSE42_x64     (CRC32_x64 | CRC32_SSE42)
#define CRC32_ARM64         (1U << 3)

/* The algorithm in use (CRC32_*), and the table fallback; library-owned. */
extern uint8_t __rte_hash_crc32_alg;
uint32_t __rte_hash_crc32c_sw(const void *data, uint32_t len, uint32_t init_val);
void __rte_hash_crc_set_alg(uint8_t alg);

/* Ask for an algorithm: CRC32_SW, or a hardware one, which falls back to
 * CRC32_SW (with a log line) when the CPU lacks it. */
static inline void rte_hash_crc_set_alg(uint8_t alg)
{
	__rte_hash_crc_set_alg(alg);
}

#if defined(__x86_64__)
#define __RTE_HASH_CRC_HW(insn, type, data, crc) do { \
	if (likely(__rte_hash_crc32_alg & CRC32_SSE42)) { \
		__asm__(insn " %[d], %[c]" : [c] "+r"(crc) : [d] "rm"((type)(data))); \
		return crc; \
	} \
} while (0)
#else
#define __RTE_HASH_CRC_HW(insn, type, data, crc) do { } while (0)
#endif

static inline uint32_t rte_hash_crc_1byte(uint8_t data, uint32_t init_val)
{
	__RTE_HASH_CRC_HW("crc32b", uint8_t, data, init_val);
	return __rte_hash_crc32c_sw(&data, 1, init_val);
}
static inline uint32_t rte_hash_crc_2byte(uint16_t data, uint32_t init_val)
{
	__RTE_HASH_CRC_HW("crc32w", uint16_t, data, init_val);
	return __rte_hash_crc32c_sw(&data, 2, init_val);   /* little-endian bytes */
}
static inline uint32_t rte_hash_crc_4byte(uint32_t data, uint32_t init_val)
{
	__RTE_HASH_CRC_HW("crc32l", uint32_t, data, init_val);
	return __rte_hash_crc32c_sw(&data, 4, init_val);
}
static inline uint32_t rte_hash_crc_8byte(uint64_t data, uint32_t init_val)
{
#if defined(__x86_64__)
	if (likely(__rte_hash_crc32_alg & CRC32_SSE42)) {
		uint64_t c = init_val;
		__asm__("crc32q %[d], %[c]" : [c] "+r"(c) : [d] "rm"(data));
		return (uint32_t)c;
	}
#endif
	return __rte_hash_crc32c_sw(&data, 8, init_val);
}

/* CRC32C of data_len bytes at data (any alignment), starting from init_val. */
static inline uint32_t rte_hash_crc(const void *data, uint32_t data_len, uint32_t init_val)
{
	const uint8_t *p = (const uint8_t *)data;
	uint64_t v8;
	uint32_t v4;
	uint16_t v2;

	if (!(__rte_hash_crc32_alg & CRC32_SSE42))
		return __rte_hash_crc32c_sw(data, data_len, init_val);
	for (; data_len >= 8; data_len -= 8, p += 8) {
		__builtin_memcpy(&v8, p, 8);
		init_val = rte_hash_crc_8byte(v8, init_val);
	}
	if (data_len & 4) {
		__builtin_memcpy(&v4, p, 4);
		init_val = rte_hash_crc_4byte(v4, init_val);
		p += 4;
	}
	if (data_len & 2) {
		__builtin_memcpy(&v2, p, 2);
		init_val = rte_hash_crc_2byte(v2, init_val);
		p += 2;
	}
	if (data_len & 1)
		init_val = rte_hash_crc_1byte(*p, init_val);
	return init_val;
}

#ifdef __cplusplus
}
#endif
#endif
