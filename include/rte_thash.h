/* SPDX-License-Identifier: BSD-3-Clause
 * Software Toeplitz hash (DPDK 22.11 rte_thash.h, the rte_softrss part).
 *
 * Input is a tuple of 32-bit words in host order (src addr, dst addr, then
 * sport<<16|dport), as union rte_thash_tuple lays it out; rss_key is the
 * NIC-format key (bytes in wire order, e.g. the 40-byte default), or for
 * rte_softrss_be a key already converted with rte_convert_rss_key. The key
 * must be at least 4 * (input_len + 1) bytes long.
 *
 * How: Toeplitz is XOR, over every set input bit b (counted from the most
 * significant bit of word 0), of the 32 key bits starting at bit b. For one
 * input word x and the 64-bit key window W under it, that XOR is bits
 * 32..63 of the carry-less product W * rev32(x); with PCLMULQDQ available
 * at compile time (-march=native, -mpclmul) that is one instruction per
 * word. Otherwise a branch-free 32-step loop (no data-dependent branch, so
 * no mispredictions) does the same. Ports use a per-key byte table instead
 * (lib/ethdev/ethdev_rss.c). */
#ifndef _RTE_THASH_H
#define _RTE_THASH_H

#include <stdint.h>
#include <rte_compat.h>
#include <rte_byteorder.h>
#include <rte_ip.h>
#include <rte_common.h>
#if defined(__PCLMUL__) && (defined(__x86_64__) || defined(__i386__))
#include <wmmintrin.h>
#include <emmintrin.h>
#define RTE_THASH_CLMUL 1
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct rte_ipv4_tuple {
	uint32_t src_addr;
	uint32_t dst_addr;
	RTE_STD_C11
	union {
		struct {
			uint16_t dport;
			uint16_t sport;
		};
		uint32_t sctp_tag;
	};
};

struct rte_ipv6_tuple {
	uint8_t src_addr[16];
	uint8_t dst_addr[16];
	RTE_STD_C11
	union {
		struct {
			uint16_t dport;
			uint16_t sport;
		};
		uint32_t sctp_tag;
	};
};

union rte_thash_tuple {
	struct rte_ipv4_tuple v4;
	struct rte_ipv6_tuple v6;
} __rte_aligned(16);

/* Tuple lengths in 32-bit words: addresses only, and addresses + ports. */
#define RTE_THASH_V4_L3_LEN ((sizeof(struct rte_ipv4_tuple) - \
	sizeof(((struct rte_ipv4_tuple *)0)->sctp_tag)) / 4)
#define RTE_THASH_V4_L4_LEN ((sizeof(struct rte_ipv4_tuple)) / 4)
#define RTE_THASH_V6_L3_LEN ((sizeof(struct rte_ipv6_tuple) - \
	sizeof(((struct rte_ipv6_tuple *)0)->sctp_tag)) / 4)
#define RTE_THASH_V6_L4_LEN ((sizeof(struct rte_ipv6_tuple)) / 4)

/* Key in wire order -> key as host-order words (for rte_softrss_be). */
static inline void
rte_convert_rss_key(const uint32_t *orig, uint32_t *targ, int len)
{
	for (int i = 0; i < (len >> 2); i++)
		targ[i] = rte_be_to_cpu_32(orig[i]);
}

/* IPv6 header addresses -> tuple words in host order. */
static inline void
rte_thash_load_v6_addrs(const struct rte_ipv6_hdr *orig, union rte_thash_tuple *targ)
{
	for (int i = 0; i < 4; i++) {
		uint32_t s, d;
		memcpy(&s, &orig->src_addr[4 * i], 4);
		memcpy(&d, &orig->dst_addr[4 * i], 4);
		s = rte_be_to_cpu_32(s);
		d = rte_be_to_cpu_32(d);
		memcpy(&targ->v6.src_addr[4 * i], &s, 4);
		memcpy(&targ->v6.dst_addr[4 * i], &d, 4);
	}
}

/* XOR of the 32-bit windows of w (window 0 = top 32 bits) picked by the
 * bits of x, most significant bit first. */
static inline uint32_t
__rte_thash_word(uint64_t w, uint32_t x)
{
#ifdef RTE_THASH_CLMUL
	uint32_t r = x;
	r = ((r >> 1) & 0x55555555u) | ((r & 0x55555555u) << 1);
	r = ((r >> 2) & 0x33333333u) | ((r & 0x33333333u) << 2);
	r = ((r >> 4) & 0x0f0f0f0fu) | ((r & 0x0f0f0f0fu) << 4);
	r = __builtin_bswap32(r);
	__m128i p = _mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)w),
					 _mm_cvtsi32_si128((int)r), 0);
	return (uint32_t)((uint64_t)_mm_cvtsi128_si64(p) >> 32);
#else
	uint32_t acc = (uint32_t)(w >> 32) & (0u - (x >> 31));
	for (unsigned int b = 1; b < 32; b++)
		acc ^= (uint32_t)(w >> (32 - b)) & (0u - ((x >> (31 - b)) & 1u));
	return acc;
#endif
}

static inline uint32_t
__rte_thash_load_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Toeplitz hash of input_len host-order words with a wire-order key. */
static inline uint32_t
rte_softrss(uint32_t *input_tuple, uint32_t input_len, const uint8_t *rss_key)
{
	uint32_t ret = 0, hi = __rte_thash_load_be32(rss_key);

	for (uint32_t j = 0; j < input_len; j++) {
		uint32_t lo = __rte_thash_load_be32(rss_key + 4 * (j + 1));
		ret ^= __rte_thash_word(((uint64_t)hi << 32) | lo, input_tuple[j]);
		hi = lo;
	}
	return ret;
}

/* The same with a key converted by rte_convert_rss_key (host-order words). */
static inline uint32_t
rte_softrss_be(uint32_t *input_tuple, uint32_t input_len, const uint8_t *rss_key)
{
	const uint32_t *k = (const uint32_t *)(const void *)rss_key;
	uint32_t ret = 0;

	for (uint32_t j = 0; j < input_len; j++)
		ret ^= __rte_thash_word(((uint64_t)k[j] << 32) | k[j + 1], input_tuple[j]);
	return ret;
}

#ifdef __cplusplus
}
#endif
#endif
