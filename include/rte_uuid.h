/* SPDX-License-Identifier: BSD-3-Clause
 * 128-bit UUIDs in their 16-byte big-endian form, and the
 * "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" text form. */
#ifndef _RTE_UUID_H_
#define _RTE_UUID_H_

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned char rte_uuid_t[16];

#define RTE_UUID_INIT(a, b, c, d, e) { \
	((a) >> 24) & 0xff, ((a) >> 16) & 0xff, ((a) >> 8) & 0xff, (a) & 0xff, \
	((b) >> 8) & 0xff, (b) & 0xff, \
	((c) >> 8) & 0xff, (c) & 0xff, \
	((d) >> 8) & 0xff, (d) & 0xff, \
	((e) >> 40) & 0xff, ((e) >> 32) & 0xff, ((e) >> 24) & 0xff, \
	((e) >> 16) & 0xff, ((e) >> 8) & 0xff, (e) & 0xff \
}

#define RTE_UUID_STRLEN (36 + 1)

bool rte_uuid_is_null(const rte_uuid_t uu);

static inline void rte_uuid_copy(rte_uuid_t dst, const rte_uuid_t src)
{
	memcpy(dst, src, sizeof(rte_uuid_t));
}

/* <0, 0, >0 as a sorts before, with or after b. */
int rte_uuid_compare(const rte_uuid_t a, const rte_uuid_t b);
/* 0, or -1 if in is not a UUID. */
int rte_uuid_parse(const char *in, rte_uuid_t uu);
/* Lower-case text into out (len >= RTE_UUID_STRLEN for the whole string). */
void rte_uuid_unparse(const rte_uuid_t uu, char *out, size_t len);

#ifdef __cplusplus
}
#endif
#endif
