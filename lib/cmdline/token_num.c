/* SPDX-License-Identifier: BSD-3-Clause
 * Integer tokens (cmdline_parse_num.h): decimal, 0x hex, 0b binary,
 * 0-prefixed octal; '-' only for the signed types; range-checked. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <rte_common.h>
#include <cmdline_parse.h>
#include <cmdline_parse_num.h>

struct cmdline_token_ops cmdline_token_num_ops = {
	.parse = cmdline_parse_num,
	.complete_get_nb = NULL,
	.complete_get_elt = NULL,
	.get_help = cmdline_get_help_num,
};

static const char *const num_help[] = {
	"UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64",
};

static int digit(char c, unsigned int base)
{
	int v;
	if (c >= '0' && c <= '9') v = c - '0';
	else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
	else return -1;
	return (unsigned int)v < base ? v : -1;
}

int cmdline_parse_num(cmdline_parse_token_hdr_t *tk, const char *buf, void *res, unsigned ressize)
{
	if (tk == NULL || buf == NULL || *buf == '\0')
		return -1;
	enum cmdline_numtype type = ((const struct cmdline_token_num *)tk)->num_data.type;
	static const unsigned int sizes[] = { 1, 2, 4, 8, 1, 2, 4, 8 };
	if ((unsigned int)type > RTE_INT64)
		return -1;
	if (res && ressize < sizes[type])
		return -1;

	const char *p = buf;
	bool neg = false;
	if (*p == '-') {
		if (type < RTE_INT8)
			return -1;
		neg = true;
		p++;
	}
	unsigned int base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) {
		base = 2;
		p += 2;
	} else if (p[0] == '0' && !cmdline_isendoftoken(p[1])) {
		base = 8;
		p++;
	}
	if (cmdline_isendoftoken(*p))
		return -1;
	uint64_t v = 0;
	for (; !cmdline_isendoftoken(*p); p++) {
		int d = digit(*p, base);
		if (d < 0)
			return -1;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return -1;   /* overflow */
		v = v * base + (uint64_t)d;
	}
	static const uint64_t umax[] = { UINT8_MAX, UINT16_MAX, UINT32_MAX, UINT64_MAX };
	static const uint64_t smax[] = { INT8_MAX, INT16_MAX, INT32_MAX, INT64_MAX };
	if (type <= RTE_UINT64) {
		if (v > umax[type])
			return -1;
	} else if (v > smax[type - RTE_INT8] + (neg ? 1 : 0)) {
		return -1;
	}
	if (res) {
		uint64_t u = neg ? (uint64_t)0 - v : v;
		switch (type) {
		case RTE_UINT8: *(uint8_t *)res = (uint8_t)u; break;
		case RTE_UINT16: *(uint16_t *)res = (uint16_t)u; break;
		case RTE_UINT32: *(uint32_t *)res = (uint32_t)u; break;
		case RTE_UINT64: *(uint64_t *)res = u; break;
		case RTE_INT8: *(int8_t *)res = (int8_t)u; break;
		case RTE_INT16: *(int16_t *)res = (int16_t)u; break;
		case RTE_INT32: *(int32_t *)res = (int32_t)u; break;
		case RTE_INT64: *(int64_t *)res = (int64_t)u; break;
		}
	}
	return (int)(p - buf);
}

int cmdline_get_help_num(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size)
{
	if (tk == NULL || dstbuf == NULL)
		return -1;
	enum cmdline_numtype type = ((const struct cmdline_token_num *)tk)->num_data.type;
	if ((unsigned int)type > RTE_INT64)
		return -1;
	snprintf(dstbuf, size, "%s", num_help[type]);
	return 0;
}
