/* SPDX-License-Identifier: BSD-3-Clause
 * Telemetry commands of the memory explainer and the mempool counters
 * (dplite's own; shapes in docs/telemetry.md):
 *   /eal/explain,ADDR   the layers holding ADDR (rte_dplite_explain), one
 *                       dict per layer with the keys `dplite-info explain`
 *                       prints; {"addr", "owned": 0} for memory not ours
 *   /eal/limits         every maximum of the memory layers with its use and
 *                       refusals (rte_dplite_limits), by limit name
 *   /mempool/events     this process's pool lifecycle counters and event
 *                       callbacks (mempool.c)
 * ADDR is 0x-hex or decimal, parsed strictly (else the reply is null).
 * May call: rte_dplite_explain.h, lib/mempool's counters (mempool_private.h).
 * Registered by tel_register_builtins (telemetry_cmds.c). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
#include <rte_dplite_explain.h>
#include <rte_mempool.h>
#include <rte_telemetry.h>
#include "telemetry_internal.h"
#include "mempool_private.h"

static int parse_addr(const char *s, uintptr_t *out)
{
	char *end;
	if (s == NULL || s[0] < '0' || s[0] > '9')
		return -EINVAL;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0')
		return -EINVAL;
	*out = (uintptr_t)v;
	return 0;
}

static void add_hex(struct rte_tel_data *d, const char *k, uint64_t v)
{
	char b[32];
	if (v == RTE_BAD_IOVA)
		snprintf(b, sizeof(b), "none");
	else
		snprintf(b, sizeof(b), "0x%" PRIx64, v);
	rte_tel_data_add_dict_string(d, k, b);
}
static void add_ptr(struct rte_tel_data *d, const char *k, const void *p)
{
	char b[32];
	snprintf(b, sizeof(b), "0x%" PRIxPTR, (uintptr_t)p);
	rte_tel_data_add_dict_string(d, k, b);
}

static struct rte_tel_data *layer(struct rte_tel_data *d, const char *name, const void *lo, size_t len)
{
	struct rte_tel_data *l = rte_tel_data_alloc();
	if (l == NULL)
		return NULL;
	rte_tel_data_start_dict(l);
	if (lo != NULL || len != 0) {
		add_ptr(l, "start", lo);
		add_ptr(l, "end", (const char *)lo + len);
	}
	if (rte_tel_data_add_dict_container(d, name, l, 0) < 0) {
		rte_tel_data_free(l);
		return NULL;
	}
	return l;
}

static int eal_explain(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	uintptr_t a;
	struct rte_dplite_explain e;
	struct rte_tel_data *l;
	if (parse_addr(params, &a) < 0)
		return -EINVAL;
	int rc = rte_dplite_explain((const void *)a, &e);
	if (rc < 0 && rc != -ENOENT)
		return rc;
	rte_tel_data_start_dict(d);
	add_ptr(d, "addr", (const void *)a);
	rte_tel_data_add_dict_int(d, "owned", rc == 0);
	if (rc != 0)
		return 0;
	if ((e.layers & RTE_DPLITE_EXPLAIN_MBUF) &&
	    (l = layer(d, "mbuf", e.mbuf.mbuf, e.mempool.elt_size)) != NULL) {
		add_ptr(l, "buf_addr", e.mbuf.buf_addr);
		add_hex(l, "buf_iova", e.mbuf.buf_iova);
		rte_tel_data_add_dict_u64(l, "buf_len", e.mbuf.buf_len);
		rte_tel_data_add_dict_u64(l, "headroom", e.mbuf.headroom);
		rte_tel_data_add_dict_u64(l, "data_off", e.mbuf.data_off);
		rte_tel_data_add_dict_u64(l, "data_len", e.mbuf.data_len);
		rte_tel_data_add_dict_u64(l, "pkt_len", e.mbuf.pkt_len);
		rte_tel_data_add_dict_u64(l, "refcnt", e.mbuf.refcnt);
		rte_tel_data_add_dict_u64(l, "nb_segs", e.mbuf.nb_segs);
		rte_tel_data_add_dict_u64(l, "port", e.mbuf.port);
	}
	if ((e.layers & RTE_DPLITE_EXPLAIN_MEMPOOL) &&
	    (l = e.mempool.obj ?
	     layer(d, "mempool", (const char *)e.mempool.obj - e.mempool.header_size,
		   (size_t)e.mempool.header_size + e.mempool.elt_size + e.mempool.trailer_size) :
	     layer(d, "mempool", e.mempool.pool, 0)) != NULL) {
		rte_tel_data_add_dict_string(l, "name", e.mempool.name);
		rte_tel_data_add_dict_string(l, "ops", e.mempool.ops_name);
		if (e.mempool.obj) {
			add_ptr(l, "obj", e.mempool.obj);
			rte_tel_data_add_dict_u64(l, "index", e.mempool.obj_index);
			rte_tel_data_add_dict_int(l, "offset", (int)e.mempool.obj_offset);
		}
		rte_tel_data_add_dict_u64(l, "elt_size", e.mempool.elt_size);
		rte_tel_data_add_dict_string(l, "state", rte_dplite_obj_state_name(e.mempool.state));
		if (e.mempool.state == RTE_DPLITE_OBJ_IN_CACHE)
			rte_tel_data_add_dict_int(l, "lcore", e.mempool.cache_lcore);
	}
	if ((e.layers & RTE_DPLITE_EXPLAIN_MALLOC) &&
	    (l = e.malloc.block ? layer(d, "malloc", e.malloc.block, e.malloc.size) :
	     layer(d, "malloc", e.malloc.span, e.malloc.span_len)) != NULL) {
		rte_tel_data_add_dict_string(l, "state", e.malloc.block == NULL ? "metadata" :
					     e.malloc.free ? "free" : "live");
		rte_tel_data_add_dict_string(l, "type", e.malloc.type);
		rte_tel_data_add_dict_u64(l, "size", e.malloc.size);
		rte_tel_data_add_dict_u64(l, "requested", e.malloc.requested);
		rte_tel_data_add_dict_string(l, "kind", e.malloc.small ? "small" : "large");
		rte_tel_data_add_dict_int(l, "memzone_block", e.malloc.memzone_block);
		rte_tel_data_add_dict_int(l, "heap", e.malloc.heap_idx);
		rte_tel_data_add_dict_string(l, "heap_name", e.malloc.heap_name);
		rte_tel_data_add_dict_int(l, "socket", e.malloc.socket_id);
	}
	if ((e.layers & RTE_DPLITE_EXPLAIN_MEMZONE) &&
	    (l = layer(d, "memzone", e.memzone.addr, e.memzone.len)) != NULL) {
		rte_tel_data_add_dict_string(l, "name", e.memzone.name);
		rte_tel_data_add_dict_int(l, "socket", e.memzone.socket_id);
		rte_tel_data_add_dict_u64(l, "page_sz", e.memzone.hugepage_sz);
		add_hex(l, "iova", e.memzone.iova);
	}
	if ((e.layers & RTE_DPLITE_EXPLAIN_MEMSEG) &&
	    (l = layer(d, "memseg", e.memseg.addr, e.memseg.len)) != NULL) {
		rte_tel_data_add_dict_int(l, "index", e.memseg.index);
		rte_tel_data_add_dict_u64(l, "page_sz", e.memseg.hugepage_sz);
		rte_tel_data_add_dict_int(l, "socket", e.memseg.socket_id);
		add_hex(l, "iova", e.memseg.iova);
	}
	if ((e.layers & RTE_DPLITE_EXPLAIN_MEMSEG_LIST) &&
	    (l = layer(d, "memseg_list", e.msl.base_va, e.msl.len)) != NULL) {
		rte_tel_data_add_dict_int(l, "index", e.msl.index);
		rte_tel_data_add_dict_u64(l, "page_sz", e.msl.page_sz);
		rte_tel_data_add_dict_int(l, "socket", e.msl.socket_id);
		rte_tel_data_add_dict_u64(l, "segs", e.msl.n_segs);
		rte_tel_data_add_dict_u64(l, "mapped", e.msl.n_used);
		rte_tel_data_add_dict_int(l, "external", e.msl.external);
	}
	if ((e.layers & RTE_DPLITE_EXPLAIN_BACKING) && (l = layer(d, "backing", NULL, 0)) != NULL) {
		rte_tel_data_add_dict_string(l, "kind", rte_dplite_backing_name(e.backing.kind));
		rte_tel_data_add_dict_string(l, "file", e.backing.file);
		add_hex(l, "offset", e.backing.fd_offset);
	}
	add_hex(d, "iova", e.iova);
	add_hex(d, "phys", (e.layers & RTE_DPLITE_EXPLAIN_PHYS) ? e.phys_addr : RTE_BAD_IOVA);
	return 0;
}

static int eal_limits(const char *cmd __rte_unused, const char *params __rte_unused,
		      struct rte_tel_data *d)
{
	int n = rte_dplite_limits(NULL, 0);
	if (n < 0)
		return n;
	struct rte_dplite_limit *tab = calloc((size_t)n + 1, sizeof(*tab));
	if (tab == NULL)
		return -ENOMEM;
	n = rte_dplite_limits(tab, (unsigned int)n);
	rte_tel_data_start_dict(d);
	for (int i = 0; i < n; i++) {
		struct rte_tel_data *l = rte_tel_data_alloc();
		if (l == NULL)
			break;
		rte_tel_data_start_dict(l);
		rte_tel_data_add_dict_string(l, "unit", tab[i].unit);
		if (tab[i].max != UINT64_MAX)
			rte_tel_data_add_dict_u64(l, "max", tab[i].max);
		rte_tel_data_add_dict_u64(l, "used", tab[i].used);
		if (tab[i].hits != UINT64_MAX)
			rte_tel_data_add_dict_u64(l, "hits", tab[i].hits);
		rte_tel_data_add_dict_int(l, "compile_time", tab[i].compile_time);
		rte_tel_data_add_dict_string(l, "note", tab[i].note);
		if (tel_dict_add_container_anyname(d, tab[i].name, l, 0) < 0)
			rte_tel_data_free(l);
	}
	free(tab);
	return 0;
}

static int mempool_events(const char *cmd __rte_unused, const char *params __rte_unused,
			  struct rte_tel_data *d)
{
	struct mp_counters c;
	mp_counters_get(&c);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "created", c.created);
	rte_tel_data_add_dict_u64(d, "create_failed", c.create_failed);
	rte_tel_data_add_dict_u64(d, "ready", c.ready);
	rte_tel_data_add_dict_u64(d, "destroyed", c.destroyed);
	rte_tel_data_add_dict_u64(d, "populate_failed", c.populate_failed);
	rte_tel_data_add_dict_u64(d, "callbacks", c.callbacks);
	rte_tel_data_add_dict_u64(d, "callback_calls", c.callback_calls);
	return 0;
}

void tel_register_mem(void)
{
	rte_telemetry_register_cmd("/eal/explain", eal_explain,
		"Memory layers holding an address (dplite). Parameters: address (0x... or decimal)");
	rte_telemetry_register_cmd("/eal/limits", eal_limits,
		"Maximums of the memory layers, their use and refusals (dplite). No parameters");
	rte_telemetry_register_cmd("/mempool/events", mempool_events,
		"Mempool lifecycle counters and event callbacks of this process. No parameters");
}
