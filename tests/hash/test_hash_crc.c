/* rte_hash_crc.h: CRC32C against published check values, and the hardware
 * (SSE4.2 crc32) and table paths agree on every length and alignment. */
#include <rte_hash_crc.h>
#include <rte_random.h>
#include "test.h"

static uint32_t crc32c(const void *p, uint32_t n)
{
	return rte_hash_crc(p, n, 0xffffffffu) ^ 0xffffffffu;
}

static void check_vectors(const char *alg)
{
	uint8_t zeros[32] = { 0 }, ones[32], inc[32];

	for (int i = 0; i < 32; i++) {
		ones[i] = 0xff;
		inc[i] = (uint8_t)i;
	}
	/* RFC 3720 (iSCSI) B.4 and the usual "123456789" check value */
	CHECK_MSG(crc32c("123456789", 9) == 0xE3069283u, "%s", alg);
	CHECK_MSG(crc32c(zeros, 32) == 0x8A9136AAu, "%s", alg);
	CHECK_MSG(crc32c(ones, 32) == 0x62A8AB43u, "%s", alg);
	CHECK_MSG(crc32c(inc, 32) == 0x46DD794Eu, "%s", alg);
	/* the fixed-width helpers are the same function over little-endian bytes */
	uint64_t v = 0x0807060504030201ull;
	CHECK(rte_hash_crc_8byte(v, 7) == rte_hash_crc(&v, 8, 7));
	CHECK(rte_hash_crc_4byte((uint32_t)v, 7) == rte_hash_crc(&v, 4, 7));
	CHECK(rte_hash_crc_2byte((uint16_t)v, 7) == rte_hash_crc(&v, 2, 7));
	CHECK(rte_hash_crc_1byte((uint8_t)v, 7) == rte_hash_crc(&v, 1, 7));
}

int main(void)
{
	uint8_t buf[300];
	uint32_t hw[64][40], sw[64][40];

	/* no EAL needed: the CRC helpers work before rte_eal_init */
	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 131 + 7);
	int have_hw = (__rte_hash_crc32_alg & CRC32_SSE42) != 0;
	printf("default algorithm: %s\n", have_hw ? "SSE4.2" : "table");
	check_vectors("default");
	for (int len = 0; len < 64; len++)
		for (int off = 0; off < 40; off++)
			hw[len][off] = rte_hash_crc(buf + off, (uint32_t)len, 0x12345678u + (uint32_t)len);
	rte_hash_crc_set_alg(CRC32_SW);
	CHECK(__rte_hash_crc32_alg == CRC32_SW);
	check_vectors("table");
	for (int len = 0; len < 64; len++)
		for (int off = 0; off < 40; off++)
			sw[len][off] = rte_hash_crc(buf + off, (uint32_t)len, 0x12345678u + (uint32_t)len);
	CHECK(memcmp(hw, sw, sizeof(hw)) == 0);
	rte_hash_crc_set_alg(CRC32_SSE42_x64);
	CHECK(!!(__rte_hash_crc32_alg & CRC32_SSE42) == have_hw);
	check_vectors("after set_alg(SSE42_x64)");
	return test_done();
}
