/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry: a process answers JSON queries about itself on a Unix socket
 * (DPDK 22.11's "v2" protocol; docs/telemetry.md lists the commands).
 *
 * An application adds a command with rte_telemetry_register_cmd(). When a
 * client sends "/cmd[,params]", the callback fills the rte_tel_data it is
 * given with one of: a string, an array (all values of one type) or a dict
 * (name -> value). Containers made with rte_tel_data_alloc() nest inside
 * arrays and dicts; "keep" = 0 hands ownership to the outer container (it is
 * freed after the reply), keep != 0 leaves it with the caller.
 *
 * Errors: builders return 0, a negative errno (-EINVAL bad argument or wrong
 * container type or invalid dict name, -ENOSPC container full), or the
 * positive E2BIG when a string was truncated to fit (it was still added).
 * Dict names may hold only letters, digits, '_' and '/'.
 * A callback that returns a negative value makes the reply's data null. */
#ifndef _RTE_TELEMETRY_H_
#define _RTE_TELEMETRY_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Longest string value or dict name, including the terminating NUL. */
#define RTE_TEL_MAX_STRING_LEN 128
/* Longest reply made with rte_tel_data_string(), including the NUL. */
#define RTE_TEL_MAX_SINGLE_STRING_LEN 8192
#define RTE_TEL_MAX_DICT_ENTRIES 256
#define RTE_TEL_MAX_ARRAY_ENTRIES 512

/* Opaque: only ever used through a pointer. */
struct rte_tel_data;

/* Value types of array entries and dict values. */
enum rte_tel_value_type {
	RTE_TEL_STRING_VAL, /* string */
	RTE_TEL_INT_VAL,    /* signed 32-bit int */
	RTE_TEL_U64_VAL,    /* unsigned 64-bit int */
	RTE_TEL_CONTAINER,  /* another rte_tel_data */
};

/* Make d an empty array whose entries are all of type. */
int rte_tel_data_start_array(struct rte_tel_data *d, enum rte_tel_value_type type);
/* Make d an empty dict. */
int rte_tel_data_start_dict(struct rte_tel_data *d);
/* Make d a single string (truncated to RTE_TEL_MAX_SINGLE_STRING_LEN - 1). */
int rte_tel_data_string(struct rte_tel_data *d, const char *str);

/* Append to an array started with the matching type. */
int rte_tel_data_add_array_string(struct rte_tel_data *d, const char *str);
int rte_tel_data_add_array_int(struct rte_tel_data *d, int x);
int rte_tel_data_add_array_u64(struct rte_tel_data *d, uint64_t x);
/* val must be an array (of strings, ints or u64s). */
int rte_tel_data_add_array_container(struct rte_tel_data *d, struct rte_tel_data *val, int keep);

/* Add name -> value to a dict. */
int rte_tel_data_add_dict_string(struct rte_tel_data *d, const char *name, const char *val);
int rte_tel_data_add_dict_int(struct rte_tel_data *d, const char *name, int val);
int rte_tel_data_add_dict_u64(struct rte_tel_data *d, const char *name, uint64_t val);
/* val must be an array or a dict. */
int rte_tel_data_add_dict_container(struct rte_tel_data *d, const char *name,
				    struct rte_tel_data *val, int keep);

/* A command callback: cmd is the command as registered, params the text
 * after the first ',' (NULL when there is none). Return 0 or negative. */
typedef int (*telemetry_cb)(const char *cmd, const char *params, struct rte_tel_data *info);

/* Kept for source compatibility (DPDK's legacy socket handlers); unused. */
typedef void *(*handler)(void *sock_id);

/* Register cmd ("/name[/name...]", letters, digits, '_' and '/', shorter
 * than 56 bytes) with a help text shorter than RTE_TEL_MAX_STRING_LEN.
 * Registering a name again replaces its callback. May be called at any
 * time, before or after rte_eal_init. 0, -EINVAL or -ENOMEM. */
int rte_telemetry_register_cmd(const char *cmd, telemetry_cb fn, const char *help);

/* A container to nest in another one; NULL when out of memory. */
struct rte_tel_data *rte_tel_data_alloc(void);
/* Free a container from rte_tel_data_alloc (and the containers it owns). */
void rte_tel_data_free(struct rte_tel_data *data);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_TELEMETRY_H_ */
