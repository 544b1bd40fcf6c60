/* SPDX-License-Identifier: BSD-3-Clause
 * File-backed array: a fixed-capacity array of fixed-size elements with a
 * used/free bitmap. Memseg lists keep their segments in one (in the shared
 * memory config).
 *
 * Layout of data: len elements of elt_sz bytes, then (8-byte aligned) a
 * bitmap of len bits in uint64_t words, bit i = element i used.
 *
 * Functions return 0 / an index / a count, or -1 with rte_errno (EINVAL bad
 * argument, ENOENT nothing found, ENOMEM). Arrays made by rte_fbarray_init()
 * live in a shared anonymous mapping: visible to forked children, not to
 * unrelated processes (attach works only where the mapping already exists). */
#ifndef _RTE_FBARRAY_H_
#define _RTE_FBARRAY_H_
#include <stdint.h>
#include <stdio.h>
#include <rte_common.h>
#include <rte_rwlock.h>
#ifdef __cplusplus
extern "C" {
#endif
#define RTE_FBARRAY_NAME_LEN 64
struct rte_fbarray {
	char name[RTE_FBARRAY_NAME_LEN];
	unsigned int count;   /* number of used entries */
	unsigned int len;     /* capacity */
	unsigned int elt_sz;
	void *data;           /* elements, then the bitmap */
	rte_rwlock_t rwlock;
};

int rte_fbarray_init(struct rte_fbarray *arr, const char *name, unsigned int len,
		     unsigned int elt_sz);
int rte_fbarray_attach(struct rte_fbarray *arr);
int rte_fbarray_destroy(struct rte_fbarray *arr);
int rte_fbarray_detach(struct rte_fbarray *arr);
void *rte_fbarray_get(const struct rte_fbarray *arr, unsigned int idx);
int rte_fbarray_find_idx(const struct rte_fbarray *arr, const void *elt);
int rte_fbarray_set_used(struct rte_fbarray *arr, unsigned int idx);
int rte_fbarray_set_free(struct rte_fbarray *arr, unsigned int idx);
int rte_fbarray_is_used(struct rte_fbarray *arr, unsigned int idx);
int rte_fbarray_find_next_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_next_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_next_n_free(struct rte_fbarray *arr, unsigned int start, unsigned int n);
int rte_fbarray_find_next_n_used(struct rte_fbarray *arr, unsigned int start, unsigned int n);
int rte_fbarray_find_contig_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_contig_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_prev_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_prev_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_prev_n_free(struct rte_fbarray *arr, unsigned int start, unsigned int n);
int rte_fbarray_find_prev_n_used(struct rte_fbarray *arr, unsigned int start, unsigned int n);
int rte_fbarray_find_rev_contig_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_rev_contig_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_biggest_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_biggest_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_rev_biggest_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_rev_biggest_used(struct rte_fbarray *arr, unsigned int start);
void rte_fbarray_dump_metadata(struct rte_fbarray *arr, FILE *f);
#ifdef __cplusplus
}
#endif
#endif
