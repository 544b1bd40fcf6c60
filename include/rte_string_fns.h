/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_STRING_FNS_H_
#define _RTE_STRING_FNS_H_
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <rte_common.h>
#ifdef __cplusplus
extern "C" {
#endif

/* Split string at delim into at most maxtokens tokens (in place).
 * Returns the number of tokens, or -1 (errno EINVAL) on bad arguments. */
int rte_strsplit(char *string, int stringlen, char **tokens, int maxtokens, char delim);

/* Copy with truncation; returns -E2BIG (dst still NUL-terminated) if src
 * did not fit, else the length copied. */
ssize_t rte_strscpy(char *dst, const char *src, size_t dsize);

static inline size_t rte_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
static inline size_t rte_strlcat(char *dst, const char *src, size_t size)
{
	const char *end = (const char *)memchr(dst, 0, size);   /* strnlen is POSIX, not C11 */
	size_t l = end != NULL ? (size_t)(end - dst) : size;
	if (l < size)
		return l + rte_strlcpy(&dst[l], src, size - l);
	return l + strlen(src);
}
#if !defined(__GLIBC__) || !(__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 38))
#ifndef strlcpy
#define strlcpy(dst, src, size) rte_strlcpy(dst, src, size)
#endif
#ifndef strlcat
#define strlcat(dst, src, size) rte_strlcat(dst, src, size)
#endif
#endif

const char *rte_str_skip_leading_spaces(const char *src);
#ifdef __cplusplus
}
#endif
#endif
