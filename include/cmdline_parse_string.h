/* SPDX-License-Identifier: BSD-3-Clause
 * String tokens. The token's str is NULL (any word), "" (TOKEN_STRING_MULTI:
 * the rest of the line), or a list of accepted words separated by '#'
 * ("start#stop"). The result is a cmdline_fixed_string_t (or, for multi,
 * a cmdline_multi_string_t). */
#ifndef _PARSE_STRING_H_
#define _PARSE_STRING_H_

#include <cmdline_parse.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STR_TOKEN_SIZE 128
#define STR_MULTI_TOKEN_SIZE 4096

typedef char cmdline_fixed_string_t[STR_TOKEN_SIZE];
typedef char cmdline_multi_string_t[STR_MULTI_TOKEN_SIZE];

struct cmdline_token_string_data {
	const char *str;
};

struct cmdline_token_string {
	struct cmdline_token_hdr hdr;
	struct cmdline_token_string_data string_data;
};
typedef struct cmdline_token_string cmdline_parse_token_string_t;

extern struct cmdline_token_ops cmdline_token_string_ops;

int cmdline_parse_string(cmdline_parse_token_hdr_t *tk, const char *srcbuf, void *res, unsigned ressize);
int cmdline_complete_get_nb_string(cmdline_parse_token_hdr_t *tk);
int cmdline_complete_get_elt_string(cmdline_parse_token_hdr_t *tk, int idx, char *dstbuf, unsigned int size);
int cmdline_get_help_string(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size);

#define TOKEN_STRING_MULTI ""

#define TOKEN_STRING_INITIALIZER(structure, field, string) \
{ \
	{ &cmdline_token_string_ops, offsetof(structure, field) }, \
	{ string }, \
}

#ifdef __cplusplus
}
#endif
#endif
