/* SPDX-License-Identifier: BSD-3-Clause
 * CRC32C support for <rte_hash_crc.h>: the process-wide algorithm choice
 * and the table fallback. Calls libc and rte_log (a warning when an
 * unavailable algorithm is asked for); nothing in dplite calls it.
 *
 * The library is built for an x86-64 baseline without SSE4.2, so the choice
 * of the crc32 instruction is made here at load time from CPUID (a
 * constructor in this same object, so static links keep it); until then,
 * and on CPUs without SSE4.2, the table is used. Both paths compute the
 * same function, so a late or missing choice is only slower, never wrong.
 */
#include <stdint.h>
#include <rte_hash_crc.h>
#include <rte_log.h>

uint8_t __rte_hash_crc32_alg = CRC32_SW;

static uint32_t crc32c_table[256];   /* filled once, before alg can be SW-read */

static void crc32c_table_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1)));
		crc32c_table[i] = c;
	}
}

static int cpu_has_sse42(void)
{
#if defined(__x86_64__)
	__builtin_cpu_init();
	return __builtin_cpu_supports("sse4.2");
#else
	return 0;
#endif
}

RTE_INIT_PRIO(hash_crc_init, LOG)
{
	crc32c_table_init();
	__rte_hash_crc32_alg = cpu_has_sse42() ? CRC32_SSE42_x64 : CRC32_SW;
}

uint32_t __rte_hash_crc32c_sw(const void *data, uint32_t len, uint32_t crc)
{
	const uint8_t *p = data;

	if (crc32c_table[1] == 0)   /* used before the constructor ran */
		crc32c_table_init();
	while (len--)
		crc = crc32c_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}

void __rte_hash_crc_set_alg(uint8_t alg)
{
	if (alg == CRC32_SW) {
		__rte_hash_crc32_alg = CRC32_SW;
		return;
	}
	if ((alg & CRC32_SSE42) && cpu_has_sse42()) {
		__rte_hash_crc32_alg = CRC32_SSE42_x64;
		return;
	}
	RTE_LOG(WARNING, HASH, "hash crc: algorithm 0x%x not available here, using CRC32_SW\n",
		alg);
	__rte_hash_crc32_alg = CRC32_SW;
}
