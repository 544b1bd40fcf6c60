/* SPDX-License-Identifier: BSD-3-Clause
 * A small strict JSON reader for telemetry replies (dplite-info and the
 * telemetry tests). Strict: RFC 8259 grammar, UTF-8 checked, no trailing
 * bytes, nesting limited to 64; jv_parse returns NULL on anything else. */
#ifndef DPLITE_INFO_JSON_H
#define DPLITE_INFO_JSON_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>

enum jv_type { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

struct jv {
	enum jv_type t;
	bool b;
	double d;          /* numbers */
	bool is_int;       /* written without fraction/exponent */
	bool neg;
	uint64_t u;        /* magnitude of an integer */
	char *s;           /* strings (NUL-terminated, may hold NULs: see n) */
	size_t n;          /* string length, or number of elements/members */
	char **keys;       /* objects */
	struct jv *v;      /* elements / member values */
};

struct jv *jv_parse(const char *text, size_t len);
void jv_free(struct jv *v);
/* Member of an object (NULL if absent or v is not an object). */
const struct jv *jv_get(const struct jv *v, const char *key);
/* Integer value as uint64 / int64 (0 when not an integer). */
uint64_t jv_u64(const struct jv *v);
int64_t jv_i64(const struct jv *v);
/* Print readably: objects as "key: value" lines, arrays of scalars on one
 * line, nested containers indented. */
void jv_print(FILE *f, const struct jv *v, int indent);
#endif
