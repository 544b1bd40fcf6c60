/* SPDX-License-Identifier: BSD-3-Clause
 * File-backed array: a fixed-capacity array of fixed-size elements with a
 * used/free bitmap. Memseg lists keep their segments in one. */
#ifndef _RTE_FBARRAY_H_
#define _RTE_FBARRAY_H_
#include <stdint.h>
#include <stdio.h>
#include <rte_common.h>
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
	uint32_t rwlock;
};
#ifdef __cplusplus
}
#endif
#endif
