/* SPDX-License-Identifier: BSD-3-Clause
 * rte_fbarray: fixed-capacity arrays with a used bitmap (layout in
 * rte_fbarray.h). Memseg lists use the same layout inside the shared config
 * (memseg.c writes their bits directly under the memory lock); this file
 * gives programs DPDK's API over any such array.
 *
 * Invariants: count == number of set bits; bits at index >= len stay clear.
 * Mutations take arr->rwlock for writing, queries for reading. Arrays made
 * here live in a MAP_SHARED anonymous mapping sized for elements + bitmap. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <rte_fbarray.h>
#include <rte_errno.h>
#include "eal_mem.h"

static inline uint64_t *fb_bits(const struct rte_fbarray *a)
{
	return (uint64_t *)RTE_PTR_ADD(a->data, RTE_ALIGN_CEIL((size_t)a->len * a->elt_sz, 8));
}
static inline bool fb_used(const struct rte_fbarray *a, unsigned int i)
{
	return (fb_bits(a)[i >> 6] >> (i & 63)) & 1;
}
static size_t fb_bytes(unsigned int len, unsigned int elt_sz)
{
	return RTE_ALIGN_CEIL((size_t)len * elt_sz, 8) + RTE_ALIGN_CEIL((size_t)len, 64) / 8;
}

static int fb_bad(const struct rte_fbarray *a, const char *fn)
{
	if (a == NULL || a->data == NULL || a->len == 0) {
		EAL_LOG(ERR, "%s: invalid fbarray\n", fn);
		rte_errno = EINVAL;
		return 1;
	}
	return 0;
}

int rte_fbarray_init(struct rte_fbarray *arr, const char *name, unsigned int len,
		     unsigned int elt_sz)
{
	if (arr == NULL || name == NULL || name[0] == '\0' || len == 0 || elt_sz == 0 ||
	    len > INT32_MAX || strnlen(name, RTE_FBARRAY_NAME_LEN) >= RTE_FBARRAY_NAME_LEN ||
	    (uint64_t)len * elt_sz > (1ULL << 40)) {
		EAL_LOG(ERR, "rte_fbarray_init: invalid name, length or element size\n");
		rte_errno = EINVAL;
		return -1;
	}
	size_t sz = RTE_ALIGN_CEIL(fb_bytes(len, elt_sz), (size_t)4096);
	void *p = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);
	if (p == MAP_FAILED) {
		EAL_LOG(ERR, "rte_fbarray_init: cannot map %zu bytes for '%s'\n", sz, name);
		rte_errno = ENOMEM;
		return -1;
	}
	memset(arr, 0, sizeof(*arr));
	snprintf(arr->name, sizeof(arr->name), "%s", name);
	arr->len = len;
	arr->elt_sz = elt_sz;
	arr->data = p;
	rte_rwlock_init(&arr->rwlock);
	return 0;
}

int rte_fbarray_attach(struct rte_fbarray *arr)
{
	/* The data is reachable only where the mapping already exists (this
	 * process, forked children, or the shared config for memseg lists). */
	if (fb_bad(arr, "rte_fbarray_attach"))
		return -1;
	return 0;
}

int rte_fbarray_detach(struct rte_fbarray *arr)
{
	if (fb_bad(arr, "rte_fbarray_detach"))
		return -1;
	return 0;
}

int rte_fbarray_destroy(struct rte_fbarray *arr)
{
	if (fb_bad(arr, "rte_fbarray_destroy"))
		return -1;
	struct eal_mem_config *cfg = eal_mcfg();
	uintptr_t d = (uintptr_t)arr->data;
	if (cfg && d >= cfg->cfg_va && d < cfg->cfg_va + cfg->cfg_len) {   /* a memseg list's */
		EAL_LOG(ERR, "rte_fbarray_destroy: '%s' belongs to the memory config\n", arr->name);
		rte_errno = EINVAL;
		return -1;
	}
	munmap(arr->data, RTE_ALIGN_CEIL(fb_bytes(arr->len, arr->elt_sz), (size_t)4096));
	memset(arr, 0, sizeof(*arr));
	return 0;
}

void *rte_fbarray_get(const struct rte_fbarray *arr, unsigned int idx)
{
	if (fb_bad(arr, "rte_fbarray_get"))
		return NULL;
	if (idx >= arr->len) {
		rte_errno = EINVAL;
		return NULL;
	}
	return RTE_PTR_ADD(arr->data, (size_t)idx * arr->elt_sz);
}

int rte_fbarray_find_idx(const struct rte_fbarray *arr, const void *elt)
{
	if (fb_bad(arr, "rte_fbarray_find_idx"))
		return -1;
	uintptr_t p = (uintptr_t)elt, b = (uintptr_t)arr->data;
	if (p < b || p >= b + (uintptr_t)arr->len * arr->elt_sz || (p - b) % arr->elt_sz) {
		rte_errno = EINVAL;
		return -1;
	}
	return (int)((p - b) / arr->elt_sz);
}

static int set_bit(struct rte_fbarray *arr, unsigned int idx, bool used)
{
	if (fb_bad(arr, "rte_fbarray_set"))
		return -1;
	if (idx >= arr->len) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_rwlock_write_lock(&arr->rwlock);
	uint64_t *w = &fb_bits(arr)[idx >> 6], m = 1ULL << (idx & 63);
	if (used && !(*w & m)) {
		*w |= m;
		arr->count++;
	} else if (!used && (*w & m)) {
		*w &= ~m;
		arr->count--;
	}
	rte_rwlock_write_unlock(&arr->rwlock);
	return 0;
}

int rte_fbarray_set_used(struct rte_fbarray *arr, unsigned int idx) { return set_bit(arr, idx, true); }
int rte_fbarray_set_free(struct rte_fbarray *arr, unsigned int idx) { return set_bit(arr, idx, false); }

int rte_fbarray_is_used(struct rte_fbarray *arr, unsigned int idx)
{
	if (fb_bad(arr, "rte_fbarray_is_used"))
		return -1;
	if (idx >= arr->len) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_rwlock_read_lock(&arr->rwlock);
	int r = fb_used(arr, idx);
	rte_rwlock_read_unlock(&arr->rwlock);
	return r;
}

/* Length of the run of state `used` starting at i going up (dir 1) or down
 * (dir -1), capped at max. Word-at-a-time where the run covers whole words. */
static unsigned int run_len(const struct rte_fbarray *a, unsigned int i, bool used, int dir,
			    unsigned int max)
{
	const uint64_t *b = fb_bits(a);
	uint64_t full = used ? ~0ULL : 0;
	unsigned int n = 0;
	while (n < max) {
		if (dir > 0 && i >= a->len)   /* a whole-word step can land on len */
			break;
		if (dir > 0 && (i & 63) == 0 && i + 64 <= a->len && max - n >= 64 && b[i >> 6] == full) {
			n += 64;
			i += 64;
			continue;
		}
		if (fb_used(a, i) != used)
			break;
		n++;
		if (dir < 0 && i == 0)
			break;
		i = dir > 0 ? i + 1 : i - 1;
		if (dir > 0 && i >= a->len)
			break;
	}
	return n;
}

/* First index >= start (dir 1) or <= start (dir -1) starting a run of at
 * least n elements of state `used`; for dir -1 the run must end at or
 * before start and the index returned is its lowest one. */
static int find_n(struct rte_fbarray *arr, unsigned int start, unsigned int n, bool used, int dir,
		  const char *fn)
{
	if (fb_bad(arr, fn))
		return -1;
	if (start >= arr->len || n == 0 || n > arr->len) {
		rte_errno = EINVAL;
		return -1;
	}
	int ret = -1;
	rte_rwlock_read_lock(&arr->rwlock);
	if (dir > 0) {
		for (unsigned int i = start; i + n <= arr->len;) {
			unsigned int r = run_len(arr, i, used, 1, n);
			if (r >= n) {
				ret = (int)i;
				break;
			}
			i += r + 1;   /* element i + r breaks the run */
		}
	} else {
		for (long end = start; end + 1 >= (long)n;) {
			unsigned int r = run_len(arr, (unsigned int)end, used, -1, n);
			if (r >= n) {
				ret = (int)(end - n + 1);
				break;
			}
			end -= (long)r + 1;
		}
	}
	rte_rwlock_read_unlock(&arr->rwlock);
	if (ret < 0)
		rte_errno = ENOENT;
	return ret;
}

int rte_fbarray_find_next_free(struct rte_fbarray *arr, unsigned int start)
{ return find_n(arr, start, 1, false, 1, "rte_fbarray_find_next_free"); }
int rte_fbarray_find_next_used(struct rte_fbarray *arr, unsigned int start)
{ return find_n(arr, start, 1, true, 1, "rte_fbarray_find_next_used"); }
int rte_fbarray_find_next_n_free(struct rte_fbarray *arr, unsigned int start, unsigned int n)
{ return find_n(arr, start, n, false, 1, "rte_fbarray_find_next_n_free"); }
int rte_fbarray_find_next_n_used(struct rte_fbarray *arr, unsigned int start, unsigned int n)
{ return find_n(arr, start, n, true, 1, "rte_fbarray_find_next_n_used"); }
int rte_fbarray_find_prev_free(struct rte_fbarray *arr, unsigned int start)
{ return find_n(arr, start, 1, false, -1, "rte_fbarray_find_prev_free"); }
int rte_fbarray_find_prev_used(struct rte_fbarray *arr, unsigned int start)
{ return find_n(arr, start, 1, true, -1, "rte_fbarray_find_prev_used"); }
int rte_fbarray_find_prev_n_free(struct rte_fbarray *arr, unsigned int start, unsigned int n)
{ return find_n(arr, start, n, false, -1, "rte_fbarray_find_prev_n_free"); }
int rte_fbarray_find_prev_n_used(struct rte_fbarray *arr, unsigned int start, unsigned int n)
{ return find_n(arr, start, n, true, -1, "rte_fbarray_find_prev_n_used"); }

static int contig(struct rte_fbarray *arr, unsigned int start, bool used, int dir, const char *fn)
{
	if (fb_bad(arr, fn))
		return -1;
	if (start >= arr->len) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_rwlock_read_lock(&arr->rwlock);
	int r = (int)run_len(arr, start, used, dir, arr->len);
	rte_rwlock_read_unlock(&arr->rwlock);
	return r;
}

int rte_fbarray_find_contig_free(struct rte_fbarray *arr, unsigned int start)
{ return contig(arr, start, false, 1, "rte_fbarray_find_contig_free"); }
int rte_fbarray_find_contig_used(struct rte_fbarray *arr, unsigned int start)
{ return contig(arr, start, true, 1, "rte_fbarray_find_contig_used"); }
int rte_fbarray_find_rev_contig_free(struct rte_fbarray *arr, unsigned int start)
{ return contig(arr, start, false, -1, "rte_fbarray_find_rev_contig_free"); }
int rte_fbarray_find_rev_contig_used(struct rte_fbarray *arr, unsigned int start)
{ return contig(arr, start, true, -1, "rte_fbarray_find_rev_contig_used"); }

/* Lowest index of the longest run of `used` within [start, len) (dir 1) or
 * [0, start] (dir -1); ties go to the run met first in the search direction. */
static int biggest(struct rte_fbarray *arr, unsigned int start, bool used, int dir, const char *fn)
{
	if (fb_bad(arr, fn))
		return -1;
	if (start >= arr->len) {
		rte_errno = EINVAL;
		return -1;
	}
	int best = -1;
	unsigned int best_len = 0;
	rte_rwlock_read_lock(&arr->rwlock);
	if (dir > 0) {
		for (unsigned int i = start; i < arr->len;) {
			unsigned int r = run_len(arr, i, used, 1, arr->len - i);
			if (r > best_len) {
				best_len = r;
				best = (int)i;
			}
			i += r ? r : 1;
		}
	} else {
		for (long i = start; i >= 0;) {
			unsigned int r = run_len(arr, (unsigned int)i, used, -1, (unsigned int)i + 1);
			if (r > best_len) {
				best_len = r;
				best = (int)(i - r + 1);
			}
			i -= r ? (long)r : 1;
		}
	}
	rte_rwlock_read_unlock(&arr->rwlock);
	if (best < 0)
		rte_errno = ENOENT;
	return best;
}

int rte_fbarray_find_biggest_free(struct rte_fbarray *arr, unsigned int start)
{ return biggest(arr, start, false, 1, "rte_fbarray_find_biggest_free"); }
int rte_fbarray_find_biggest_used(struct rte_fbarray *arr, unsigned int start)
{ return biggest(arr, start, true, 1, "rte_fbarray_find_biggest_used"); }
int rte_fbarray_find_rev_biggest_free(struct rte_fbarray *arr, unsigned int start)
{ return biggest(arr, start, false, -1, "rte_fbarray_find_rev_biggest_free"); }
int rte_fbarray_find_rev_biggest_used(struct rte_fbarray *arr, unsigned int start)
{ return biggest(arr, start, true, -1, "rte_fbarray_find_rev_biggest_used"); }

void rte_fbarray_dump_metadata(struct rte_fbarray *arr, FILE *f)
{
	if (f == NULL)
		return;
	if (arr == NULL || arr->data == NULL) {
		fprintf(f, "invalid fbarray\n");
		return;
	}
	rte_rwlock_read_lock(&arr->rwlock);
	fprintf(f, "fbarray '%s': len %u, elt_sz %u, used %u, data %p\n", arr->name, arr->len,
		arr->elt_sz, arr->count, arr->data);
	rte_rwlock_read_unlock(&arr->rwlock);
}
