/* SPDX-License-Identifier: BSD-3-Clause
 * Small utilities behind the support headers: random numbers, string
 * splitting/copying, hex dumps.
 *
 * Random: each lcore owns a xoshiro256** state (no sharing, no atomics);
 * threads without an lcore id share one state under a spinlock. States are
 * seeded from the TSC at first use, or from rte_srand(). */
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <rte_random.h>
#include <rte_string_fns.h>
#include <rte_hexdump.h>
#include <rte_lcore.h>
#include <rte_spinlock.h>
#include <rte_cycles.h>

struct rand_state {
	uint64_t s[4];
	int seeded;
} __rte_cache_aligned;

static struct rand_state rand_states[RTE_MAX_LCORE + 1];
static rte_spinlock_t rand_shared_lock = RTE_SPINLOCK_INITIALIZER;
static uint64_t rand_seed;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void rand_seed_state(struct rand_state *st, uint64_t seed, unsigned int idx)
{
	uint64_t x = seed ^ ((uint64_t)idx * 0x2545f4914f6cdd1dull);
	for (int i = 0; i < 4; i++)
		st->s[i] = splitmix64(&x);
	st->seeded = 1;
}

void rte_srand(uint64_t seedval)
{
	rand_seed = seedval;
	rte_spinlock_lock(&rand_shared_lock);
	for (unsigned int i = 0; i <= RTE_MAX_LCORE; i++)
		rand_seed_state(&rand_states[i], seedval, i);
	rte_spinlock_unlock(&rand_shared_lock);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rand_next(struct rand_state *st, unsigned int idx)
{
	if (!st->seeded)
		rand_seed_state(st, rand_seed ? rand_seed : rte_rdtsc(), idx);
	uint64_t *s = st->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t rte_rand(void)
{
	unsigned int id = rte_lcore_id();
	if (id < RTE_MAX_LCORE)
		return rand_next(&rand_states[id], id);
	rte_spinlock_lock(&rand_shared_lock);
	uint64_t v = rand_next(&rand_states[RTE_MAX_LCORE], RTE_MAX_LCORE);
	rte_spinlock_unlock(&rand_shared_lock);
	return v;
}

uint64_t rte_rand_max(uint64_t upper)
{
	if (upper <= 1)
		return 0;
	/* rejection sampling on the smallest covering power-of-two mask */
	uint64_t mask = rte_combine64ms1b(upper - 1), v;
	do
		v = rte_rand() & mask;
	while (v >= upper);
	return v;
}

double rte_drand(void)
{
	return (double)(rte_rand() >> 11) * 0x1.0p-53;
}

/* ---- strings ---------------------------------------------------------------------- */
int rte_strsplit(char *string, int stringlen, char **tokens, int maxtokens, char delim)
{
	int n = 0;
	bool start = true;

	if (string == NULL || tokens == NULL || stringlen < 0 || maxtokens < 0) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < stringlen && string[i] != '\0' && n < maxtokens; i++) {
		if (start) {
			tokens[n++] = &string[i];
			start = false;
		}
		if (string[i] == delim) {
			string[i] = '\0';
			start = true;
		}
	}
	return n;
}

ssize_t rte_strscpy(char *dst, const char *src, size_t dsize)
{
	size_t i;
	if (dsize == 0)
		return -E2BIG;
	for (i = 0; i < dsize; i++) {
		dst[i] = src[i];
		if (src[i] == '\0')
			return (ssize_t)i;
	}
	dst[dsize - 1] = '\0';
	return -E2BIG;
}

const char *rte_str_skip_leading_spaces(const char *src)
{
	while (isspace((unsigned char)*src))
		src++;
	return src;
}

/* ---- hex dumps -------------------------------------------------------------------------- */
void rte_hexdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	const unsigned char *p = buf;
	fprintf(f, "%s at [%p], len=%u\n", title ? title : "", buf, len);
	for (unsigned int off = 0; off < len; off += 16) {
		fprintf(f, "%08X:", off);
		for (unsigned int i = 0; i < 16; i++) {
			if (off + i < len)
				fprintf(f, " %02X", p[off + i]);
			else
				fputs("   ", f);
		}
		fputs(" | ", f);
		for (unsigned int i = 0; i < 16 && off + i < len; i++)
			fputc(isprint(p[off + i]) ? p[off + i] : '.', f);
		fputc('\n', f);
	}
	fflush(f);
}

void rte_memdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	const unsigned char *p = buf;
	if (title)
		fprintf(f, "%s: ", title);
	for (unsigned int i = 0; i < len; i++)
		fprintf(f, "%02x%s", p[i], (i % 16 == 15 || i + 1 == len) ? "\n" : ":");
	fflush(f);
}
