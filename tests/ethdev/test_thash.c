/* SPDX-License-Identifier: BSD-3-Clause
 * rte_softrss / rte_softrss_be against the published Toeplitz verification
 * vectors (Microsoft's RSS verification suite, default 40-byte key: IPv4
 * and IPv6, addresses only and addresses + TCP ports), and against a
 * bit-by-bit reference on random tuples and a non-default key. */
#include <rte_thash.h>
#include <rte_random.h>
#include "test.h"

static const uint8_t key[40] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3,
	0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3,
	0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

#define IP4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static const struct { uint32_t src, dst; uint16_t sport, dport; uint32_t l3, l4; } v4[] = {
	{ IP4(66, 9, 149, 187), IP4(161, 142, 100, 80), 2794, 1766, 0x323e8fc2, 0x51ccc178 },
	{ IP4(199, 92, 111, 2), IP4(65, 69, 140, 83), 14230, 4739, 0xd718262a, 0xc626b0ea },
	{ IP4(24, 19, 198, 95), IP4(12, 22, 207, 184), 12898, 38024, 0xd2d0a5de, 0x5c2b394a },
	{ IP4(38, 27, 205, 30), IP4(209, 142, 163, 6), 48228, 2217, 0x82989176, 0xafc7327f },
	{ IP4(153, 39, 163, 191), IP4(202, 188, 127, 2), 44251, 1303, 0x5d1809c5, 0x10e828a2 },
};

static const struct { uint8_t src[16], dst[16]; uint16_t sport, dport; uint32_t l3, l4; } v6[] = {
	{ { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f, 0xff, 0, 0, 0, 0, 0, 0, 0, 0x07 },
	  { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0x01 },
	  2794, 1766, 0x2cc18cd5, 0x40207d3d },
	{ { 0x3f, 0xfe, 0x05, 0x01, 0x00, 0x08, 0, 0, 0x02, 0x60, 0x97, 0xff, 0xfe, 0x40, 0xef, 0xab },
	  { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 },
	  14230, 4739, 0x0f0c461c, 0xdde51bbf },
	{ { 0x3f, 0xfe, 0x19, 0x00, 0x45, 0x45, 0x00, 0x03, 0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  44251, 38024, 0x4b61e985, 0x02d1feef },
};

/* The definition: for each input bit, most significant first, XOR in the
 * 32 key bits starting at that bit position. */
static uint32_t ref_hash(const uint8_t *in, unsigned int n, const uint8_t *k, unsigned int klen)
{
	uint32_t h = 0;
	for (unsigned int b = 0; b < n * 8; b++) {
		if (!(in[b / 8] & (0x80 >> (b % 8))))
			continue;
		uint32_t w = 0;
		for (unsigned int j = 0; j < 32; j++) {
			unsigned int kb = b + j;
			w = (w << 1) | (kb / 8 < klen ? (k[kb / 8] >> (7 - kb % 8)) & 1u : 0u);
		}
		h ^= w;
	}
	return h;
}

int main(void)
{
	union rte_thash_tuple t;
	uint32_t converted[10];

	rte_convert_rss_key((const uint32_t *)(const void *)key, converted, 40);
	CHECK(RTE_THASH_V4_L3_LEN == 2 && RTE_THASH_V4_L4_LEN == 3);
	CHECK(RTE_THASH_V6_L3_LEN == 8 && RTE_THASH_V6_L4_LEN == 9);

	for (size_t i = 0; i < RTE_DIM(v4); i++) {
		memset(&t, 0, sizeof(t));
		t.v4.src_addr = v4[i].src;
		t.v4.dst_addr = v4[i].dst;
		t.v4.sport = v4[i].sport;
		t.v4.dport = v4[i].dport;
		uint32_t l3 = rte_softrss((uint32_t *)&t, RTE_THASH_V4_L3_LEN, key);
		uint32_t l4 = rte_softrss((uint32_t *)&t, RTE_THASH_V4_L4_LEN, key);
		CHECK_MSG(l3 == v4[i].l3, "v4 #%zu l3 %08x want %08x", i, l3, v4[i].l3);
		CHECK_MSG(l4 == v4[i].l4, "v4 #%zu l4 %08x want %08x", i, l4, v4[i].l4);
		CHECK(rte_softrss_be((uint32_t *)&t, RTE_THASH_V4_L3_LEN, (uint8_t *)converted) == v4[i].l3);
		CHECK(rte_softrss_be((uint32_t *)&t, RTE_THASH_V4_L4_LEN, (uint8_t *)converted) == v4[i].l4);
	}
	for (size_t i = 0; i < RTE_DIM(v6); i++) {
		struct rte_ipv6_hdr ip;
		memset(&t, 0, sizeof(t));
		memcpy(ip.src_addr, v6[i].src, 16);
		memcpy(ip.dst_addr, v6[i].dst, 16);
		rte_thash_load_v6_addrs(&ip, &t);
		t.v6.sport = v6[i].sport;
		t.v6.dport = v6[i].dport;
		uint32_t l3 = rte_softrss((uint32_t *)&t, RTE_THASH_V6_L3_LEN, key);
		uint32_t l4 = rte_softrss((uint32_t *)&t, RTE_THASH_V6_L4_LEN, key);
		CHECK_MSG(l3 == v6[i].l3, "v6 #%zu l3 %08x want %08x", i, l3, v6[i].l3);
		CHECK_MSG(l4 == v6[i].l4, "v6 #%zu l4 %08x want %08x", i, l4, v6[i].l4);
		CHECK(rte_softrss_be((uint32_t *)&t, RTE_THASH_V6_L4_LEN, (uint8_t *)converted) == v6[i].l4);
	}

	/* random tuples, random 52-byte key, every length up to 12 words */
	uint8_t k2[52];
	for (int i = 0; i < 52; i++)
		k2[i] = (uint8_t)rte_rand();
	for (int round = 0; round < 2000; round++) {
		uint32_t words[12];
		uint8_t bytes[48];
		unsigned int n = 1 + (unsigned int)(rte_rand() % 12);
		for (unsigned int w = 0; w < n; w++) {
			words[w] = (uint32_t)rte_rand();
			bytes[4 * w] = (uint8_t)(words[w] >> 24);
			bytes[4 * w + 1] = (uint8_t)(words[w] >> 16);
			bytes[4 * w + 2] = (uint8_t)(words[w] >> 8);
			bytes[4 * w + 3] = (uint8_t)words[w];
		}
		uint32_t want = ref_hash(bytes, 4 * n, k2, 52);
		uint32_t got = rte_softrss(words, n, k2);
		if (got != want) {
			CHECK_MSG(got == want, "random round %d len %u: %08x want %08x", round, n, got, want);
			break;
		}
	}
	return test_done();
}
