/* SPDX-License-Identifier: BSD-3-Clause
 * Integer tokens: decimal, 0x hex, 0b binary or 0-prefixed octal, a leading
 * '-' for the signed types; the value must fit the type. */
#ifndef _PARSE_NUM_H_
#define _PARSE_NUM_H_

#include <cmdline_parse.h>

#ifdef __cplusplus
extern "C" {
#endif

enum cmdline_numtype {
	RTE_UINT8 = 0,
	RTE_UINT16,
	RTE_UINT32,
	RTE_UINT64,
	RTE_INT8,
	RTE_INT16,
	RTE_INT32,
	RTE_INT64
};

struct cmdline_token_num_data {
	enum cmdline_numtype type;
};

struct cmdline_token_num {
	struct cmdline_token_hdr hdr;
	struct cmdline_token_num_data num_data;
};
typedef struct cmdline_token_num cmdline_parse_token_num_t;

extern struct cmdline_token_ops cmdline_token_num_ops;

int cmdline_parse_num(cmdline_parse_token_hdr_t *tk, const char *srcbuf, void *res, unsigned ressize);
int cmdline_get_help_num(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size);

#define TOKEN_NUM_INITIALIZER(structure, field, numtype) \
{ \
	{ &cmdline_token_num_ops, offsetof(structure, field) }, \
	{ numtype }, \
}

#ifdef __cplusplus
}
#endif
#endif
