/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers shared by the heap tests: log capture and the full-heap check. */
#ifndef HEAP_TEST_H
#define HEAP_TEST_H
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <rte_log.h>
#include "test.h"
#include "heap_private.h"

static char *cap_buf;
static size_t cap_len;
static FILE *cap_f;

/* Route rte_log into a memory buffer until cap_end(). */
static inline void cap_begin(void)
{
	cap_f = open_memstream(&cap_buf, &cap_len);
	rte_openlog_stream(cap_f);
}
/* Stop capturing; return how many times needle was logged (caller frees nothing). */
static inline int cap_end(const char *needle)
{
	int n = 0;
	rte_openlog_stream(NULL);
	fclose(cap_f);
	for (const char *p = cap_buf; p && *needle && (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	if (getenv("HEAP_TEST_VERBOSE"))
		fputs(cap_buf, stderr);
	free(cap_buf);
	cap_buf = NULL;
	return n;
}

/* Full-heap consistency check; a failure names the phase. */
#define HEAP_VERIFY(phase) do { \
	int problems_ = eal_heap_verify(stderr); \
	CHECK_MSG(problems_ == 0, "heap check after %s: %d problem(s)", phase, problems_); \
} while (0)

/* Patterns are written every 29th byte plus the last one: enough to catch
 * two live blocks overlapping (both are 64-byte aligned) or a lost copy,
 * and cheap enough for sanitizer builds. */
#define PAT_STRIDE 29
static inline unsigned char pat(unsigned int seed, size_t i)
{
	return (unsigned char)(seed * 31u + i * 7u + (i >> 8));
}
static inline void fill_pattern(void *p, size_t n, unsigned int seed)
{
	unsigned char *c = p;
	for (size_t i = 0; i < n; i += PAT_STRIDE)
		c[i] = pat(seed, i);
	if (n)
		c[n - 1] = pat(seed, n - 1);
}
static inline int check_pattern(const void *p, size_t n, unsigned int seed)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i += PAT_STRIDE)
		if (c[i] != pat(seed, i))
			return 0;
	return n == 0 || c[n - 1] == pat(seed, n - 1);
}
/* Prefix of a patterned area (realloc keeps a prefix): stride bytes only. */
static inline int check_prefix(const void *p, size_t n, unsigned int seed)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i += PAT_STRIDE)
		if (c[i] != pat(seed, i))
			return 0;
	return 1;
}
#endif
