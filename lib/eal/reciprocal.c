/* SPDX-License-Identifier: BSD-3-Clause
 * rte_reciprocal_value*: the multiplier and shifts of rte_reciprocal.h's
 * divide-by-multiply (formulas in the header). */
#include <rte_reciprocal.h>

struct rte_reciprocal rte_reciprocal_value(uint32_t d)
{
	struct rte_reciprocal R = { 0, 0, 0 };
	if (d == 0)
		return R;
	uint32_t l = d == 1 ? 0 : 32 - (uint32_t)__builtin_clz(d - 1);   /* ceil(log2 d) */
	uint64_t m = ((((uint64_t)1 << l) - d) << 32) / d;
	R.m = (uint32_t)(m + 1);
	R.sh1 = (uint8_t)(l > 1 ? 1 : l);
	R.sh2 = (uint8_t)(l > 0 ? l - 1 : 0);
	return R;
}

struct rte_reciprocal_u64 rte_reciprocal_value_u64(uint64_t d)
{
	struct rte_reciprocal_u64 R = { 0, 0, 0 };
	if (d == 0)
		return R;
	uint32_t l = d == 1 ? 0 : 64 - (uint32_t)__builtin_clzll(d - 1);
	unsigned __int128 num = (((unsigned __int128)1 << l) - d) << 64;
	R.m = (uint64_t)(num / d) + 1;
	R.sh1 = (uint8_t)(l > 1 ? 1 : l);
	R.sh2 = (uint8_t)(l > 0 ? l - 1 : 0);
	return R;
}
