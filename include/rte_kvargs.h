/* SPDX-License-Identifier: BSD-3-Clause
 * "key=value,key=value" argument lists (DPDK 22.11 rte_kvargs.h), as drivers
 * receive them from --vdev. */
#ifndef _RTE_KVARGS_H_
#define _RTE_KVARGS_H_

#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_KVARGS_MAX 32
#define RTE_KVARGS_PAIRS_DELIM ","
#define RTE_KVARGS_KV_DELIM "="

typedef int (*arg_handler_t)(const char *key, const char *value, void *opaque);

struct rte_kvargs_pair {
	char *key;
	char *value;
};

struct rte_kvargs {
	char *str;
	unsigned count;
	struct rte_kvargs_pair pairs[RTE_KVARGS_MAX];
};

/* NULL when args is malformed or holds a key not in valid_keys (NULL: any). */
struct rte_kvargs *rte_kvargs_parse(const char *args, const char *const valid_keys[]);
struct rte_kvargs *rte_kvargs_parse_delim(const char *args, const char *const valid_keys[],
					  const char *valid_ends);
void rte_kvargs_free(struct rte_kvargs *kvlist);
const char *rte_kvargs_get(const struct rte_kvargs *kvlist, const char *key);
const char *rte_kvargs_get_with_value(const struct rte_kvargs *kvlist, const char *key,
				      const char *value);
/* Call handler for each pair whose key is key_match (NULL: all); stops at
 * the first negative return and returns -1. */
int rte_kvargs_process(const struct rte_kvargs *kvlist, const char *key_match,
		       arg_handler_t handler, void *opaque_arg);
unsigned rte_kvargs_count(const struct rte_kvargs *kvlist, const char *key_match);

#ifdef __cplusplus
}
#endif
#endif
