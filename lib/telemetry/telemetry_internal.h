/* SPDX-License-Identifier: BSD-3-Clause
 * lib/telemetry internals (not installed), grouped by the file that defines
 * them. Layering: lib/telemetry sits above every other library; it calls
 * down into EAL, memory, mempool and ring APIs, and nothing below it calls
 * it (EAL starts and stops the server through eal_register_hook). */
#ifndef DPLITE_TELEMETRY_INTERNAL_H
#define DPLITE_TELEMETRY_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <rte_telemetry.h>
#include <rte_log.h>

#define TEL_LOG(level, ...) RTE_LOG(level, EAL, "TELEMETRY: " __VA_ARGS__)

/* Protocol limits (DPDK 22.11's values where it has one). */
#define TEL_MAX_CMD_LEN    56        /* registered command name, NUL included */
#define TEL_MAX_OUTPUT_LEN (16 * 1024) /* largest reply; told to clients */
#define TEL_MAX_REQUEST    1024      /* longer requests are refused */
#define TEL_MAX_DEPTH      8         /* nesting the writer follows */

/* ---- telemetry_data.c: the rte_tel_data containers ------------------------------
 * A container is one struct with a growable entry array and a growable
 * string pool (names and string values are offsets into it), so a reply
 * costs a handful of allocations however many entries it has; reset keeps
 * the capacity, so a client's container is reused from request to request. */
enum tel_kind { TEL_NULL, TEL_STRING, TEL_DICT, TEL_ARRAY };

struct tel_entry {
	uint32_t name;                 /* pool offset (dict entries) */
	uint8_t type;                  /* enum rte_tel_value_type */
	uint8_t keep;                  /* containers: owned by caller */
	union {
		uint32_t s;            /* pool offset */
		int i;
		uint64_t u;
		struct rte_tel_data *c;
	} v;
};

struct rte_tel_data {
	enum tel_kind kind;
	enum rte_tel_value_type atype; /* arrays: entry type */
	unsigned int n, cap;
	struct tel_entry *e;
	char *pool;
	size_t plen, pcap;
};

/* Empty d (frees the containers it owns), keeping its buffers. */
void tel_data_reset(struct rte_tel_data *d);
/* Empty d and free its buffers (not d itself). */
void tel_data_release(struct rte_tel_data *d);
static inline const char *tel_str(const struct rte_tel_data *d, uint32_t off) { return d->pool + off; }
/* Dict adds for built-in commands whose names are data (heap type strings,
 * ids): any string is a valid name here; the writer escapes it. */
int tel_dict_add_u64_anyname(struct rte_tel_data *d, const char *name, uint64_t v);
int tel_dict_add_container_anyname(struct rte_tel_data *d, const char *name,
				   struct rte_tel_data *val, int keep);
/* Arrays of dicts (DPDK 22.11 only nests arrays in arrays). */
int tel_array_add_container_any(struct rte_tel_data *d, struct rte_tel_data *val, int keep);

/* ---- telemetry_json.c: the reply writer --------------------------------------------
 * tel_json_reply writes {"<key>":<data>} (data NULL -> null) into buf of
 * cap bytes and returns its length (always < cap; buf NUL-terminated).
 * The result is always valid JSON and valid UTF-8, whatever the bytes in
 * key and strings: control characters are escaped, invalid UTF-8 becomes
 * U+FFFD, and entries that do not fit are left out whole (a string at the
 * top level is shortened instead). *truncated is set when anything was cut. */
size_t tel_json_reply(char *buf, size_t cap, const char *key, size_t keylen,
		      const struct rte_tel_data *data, bool *truncated);
/* Escape n bytes of s into a JSON string literal (quotes included) in
 * buf; false (buf untouched past *len) when it does not fit in cap. */
bool tel_json_string(char *buf, size_t cap, size_t *len, const char *s, size_t n);

/* ---- telemetry_registry.c: registry and request handling (libc only) -------------- */
/* Split and run one request of n bytes (any bytes); writes the reply into
 * out (cap bytes) and returns its length. scratch is reused between calls. */
size_t tel_handle_request(const char *req, size_t n, char *out, size_t cap,
			  struct rte_tel_data *scratch);
/* "/", "/help" and "/info" (registered by telemetry.c's constructor) */
int tel_cmd_list(const char *cmd, const char *params, struct rte_tel_data *d);
int tel_cmd_help(const char *cmd, const char *params, struct rte_tel_data *d);
int tel_cmd_info(const char *cmd, const char *params, struct rte_tel_data *d);

/* ---- telemetry_cmds.c: built-in commands ----------------------------------------- */
void tel_register_builtins(void);
/* telemetry_mem.c: /eal/explain, /eal/limits, /mempool/events */
void tel_register_mem(void);
#endif
