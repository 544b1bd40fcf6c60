/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-info explain ADDR|NAME...: attach to the running primary as a
 * secondary and walk each address (or the object a name designates: memzone,
 * mempool, ring) down the memory layers with rte_dplite_explain(), printing
 * one line per layer, outermost first:
 *
 *   mbuf        [start, end) buf_addr=... buf_len=... headroom=... ...
 *   mempool     [obj - header, obj + elt + trailer) name=... index=... state=...
 *   malloc      [block, block + size) state=live|free type=... heap=... ...
 *   memzone     [addr, addr + len) name=... socket=... page_sz=...
 *   memseg      [page, page + len) index=... page_sz=... socket=... iova=...
 *   memseg_list [base, base + len) index=... page_sz=... segs=... external=...
 *   backing     kind=... file=... offset=...
 *   iova        0x...
 *   phys        0x... | unreadable
 *
 * Every value is key=value (no spaces inside a value) so scripts and the
 * tests can read it; the first line is "ADDR: NAME-or-address". The format
 * is stable (docs/memory.md quotes it). --json prints one object per
 * argument with the same keys. An address dplite does not own prints
 * "ADDR: not memory dplite owns" and makes the exit status 1. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_dplite_explain.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include "info.h"
#include "json.h"
#include "telclient.h"

/* Highest lcore id no process of the prefix holds, from the primary's
 * telemetry (/eal/lcore/owners); -1 when telemetry does not answer. */
static int free_lcore(const char *prefix)
{
	char path[512], banner[1024];
	static char buf[64 * 1024];
	int id = -1;
	if (tc_socket_path(prefix, 0, path, sizeof(path)) < 0)
		return -1;
	int s = tc_connect(path, banner, sizeof(banner), 2000);
	if (s < 0)
		return -1;
	ssize_t n = tc_query(s, "/eal/lcore/owners", 17, buf, sizeof(buf));
	close(s);
	struct jv *v = n > 0 ? jv_parse(buf, (size_t)n) : NULL;
	const struct jv *d = v && v->t == JV_OBJ && v->n == 1 ? &v->v[0] : NULL;
	if (d && d->t == JV_OBJ)
		for (int c = RTE_MAX_LCORE - 1; c >= 0 && id < 0; c--) {
			char k[16];
			snprintf(k, sizeof(k), "%d", c);
			if (jv_get(d, k) == NULL)
				id = c;
		}
	jv_free(v);
	return id;
}

int info_attach(const char *prefix, const char *prg)
{
	char dir[512], cfg[600], pfx[300], lc[64];
	if (tc_runtime_dir(prefix, dir, sizeof(dir)) < 0) {
		fprintf(stderr, "dplite-info: file prefix '%s' too long\n", prefix);
		return 1;
	}
	snprintf(cfg, sizeof(cfg), "%s/config", dir);
	if (access(cfg, F_OK) != 0 || rte_eal_primary_proc_alive(cfg) != 1) {
		fprintf(stderr, "dplite-info: no running primary process for prefix '%s' (%s)\n", prefix,
			cfg);
		return 1;
	}
	int id = free_lcore(prefix), ret = -1;
	snprintf(pfx, sizeof(pfx), "--file-prefix=%s", prefix);
	/* without telemetry to ask, try high ids: the EAL refuses held ones */
	for (int tries = 0; tries < 8 && ret < 0; tries++) {
		int use = id >= 0 ? id : RTE_MAX_LCORE - 1 - tries;
		snprintf(lc, sizeof(lc), "--lcores=%d@0", use);
		char *argv[] = { (char *)prg, pfx, (char *)"--proc-type=secondary", lc,
				 (char *)"--no-telemetry", (char *)"--log-level=*:error", NULL };
		ret = rte_eal_init(6, argv);
		if (ret < 0 && (id >= 0 || rte_errno != EBUSY))
			break;
	}
	if (ret < 0) {
		fprintf(stderr, "dplite-info: cannot attach to prefix '%s': %s\n", prefix,
			rte_strerror(rte_errno));
		return 1;
	}
	return 0;
}

/* ADDR (0x..., decimal) or NAME -> address; what names it in *what. */
static int resolve(const char *arg, const void **addr, char *what, size_t wlen)
{
	char *end;
	if (arg[0] >= '0' && arg[0] <= '9') {
		errno = 0;
		unsigned long long v = strtoull(arg, &end, 0);
		if (errno != 0 || *end != '\0' || end == arg) {
			fprintf(stderr, "dplite-info: explain: '%s' is not an address "
				"(0x... or a decimal number)\n", arg);
			return -1;
		}
		*addr = (const void *)(uintptr_t)v;
		snprintf(what, wlen, "address");
		return 0;
	}
	const struct rte_memzone *mz = rte_memzone_lookup(arg);
	if (mz != NULL) {
		*addr = mz->addr;
		snprintf(what, wlen, "memzone");
		return 0;
	}
	struct rte_mempool *mp = rte_mempool_lookup(arg);
	if (mp != NULL) {
		*addr = mp;
		snprintf(what, wlen, "mempool");
		return 0;
	}
	struct rte_ring *r = rte_ring_lookup(arg);
	if (r != NULL) {
		*addr = r;
		snprintf(what, wlen, "ring");
		return 0;
	}
	fprintf(stderr, "dplite-info: explain: no memzone, mempool or ring is named '%s'\n", arg);
	return -1;
}

static const char *state_key(enum rte_dplite_obj_state s)
{
	switch (s) {
	case RTE_DPLITE_OBJ_IN_USE: return "in_use";
	case RTE_DPLITE_OBJ_IN_CACHE: return "in_cache";
	case RTE_DPLITE_OBJ_IN_POOL: return "in_pool";
	case RTE_DPLITE_OBJ_FREE_UNKNOWN: return "free_not_cached";
	default: return "none";
	}
}

static const char *backing_key(enum rte_dplite_backing b)
{
	switch (b) {
	case RTE_DPLITE_BACKING_HUGETLB: return "hugetlb_memfd";
	case RTE_DPLITE_BACKING_MEMFD: return "memfd_4k";
	case RTE_DPLITE_BACKING_EXTERNAL: return "external";
	default: return "none";
	}
}

/* file names hold spaces ("/memfd:x (deleted)"): print them with '_' */
static void print_file(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == ' ' || *s == '"' || *s == '\\' ? '_' : *s, f);
}

/* One layer = one line (text) or one member (json). */
struct out {
	FILE *f;
	bool json;
	int nkeys;      /* keys written in the current json object */
};

static void layer_begin(struct out *o, const char *name, const void *lo, size_t len)
{
	if (o->json) {
		fprintf(o->f, "%s\"%s\": {\"start\": \"%p\", \"end\": \"%p\"", o->nkeys++ ? ", " : "",
			name, lo, (const void *)((uintptr_t)lo + len));
	} else {
		char b[64];
		snprintf(b, sizeof(b), "[%p, %p)", lo, (const void *)((uintptr_t)lo + len));
		fprintf(o->f, "  %-11s %-31s", name, b);
	}
}
static void layer_plain(struct out *o, const char *name)
{
	if (o->json)
		fprintf(o->f, "%s\"%s\": {", o->nkeys++ ? ", " : "", name);
	else
		fprintf(o->f, "  %-11s", name);
}
static void kv_u(struct out *o, bool first, const char *k, uint64_t v)
{
	if (o->json)
		fprintf(o->f, "%s\"%s\": %" PRIu64, first ? "" : ", ", k, v);
	else
		fprintf(o->f, " %s=%" PRIu64, k, v);
}
static void kv_i(struct out *o, bool first, const char *k, int64_t v)
{
	if (o->json)
		fprintf(o->f, "%s\"%s\": %" PRId64, first ? "" : ", ", k, v);
	else
		fprintf(o->f, " %s=%" PRId64, k, v);
}
static void kv_x(struct out *o, bool first, const char *k, uint64_t v)
{
	if (o->json)
		fprintf(o->f, "%s\"%s\": \"0x%" PRIx64 "\"", first ? "" : ", ", k, v);
	else
		fprintf(o->f, " %s=0x%" PRIx64, k, v);
}
static void kv_s(struct out *o, bool first, const char *k, const char *v)
{
	if (o->json) {
		fprintf(o->f, "%s\"%s\": \"", first ? "" : ", ", k);
		print_file(o->f, v);
		fputc('"', o->f);
	} else {
		fprintf(o->f, " %s=", k);
		print_file(o->f, v[0] ? v : "-");
	}
}
static void layer_end(struct out *o)
{
	fputs(o->json ? "}" : "\n", o->f);
}
static void kv_iova(struct out *o, bool first, const char *k, rte_iova_t v)
{
	if (v == RTE_BAD_IOVA)
		kv_s(o, first, k, "none");
	else
		kv_x(o, first, k, v);
}

static void print_explain(struct out *o, const struct rte_dplite_explain *e)
{
	if (e->layers & RTE_DPLITE_EXPLAIN_MBUF) {
		layer_begin(o, "mbuf", e->mbuf.mbuf, (size_t)e->mempool.elt_size);
		kv_x(o, false, "buf_addr", (uintptr_t)e->mbuf.buf_addr);
		kv_iova(o, false, "buf_iova", e->mbuf.buf_iova);
		kv_u(o, false, "buf_len", e->mbuf.buf_len);
		kv_u(o, false, "headroom", e->mbuf.headroom);
		kv_u(o, false, "data_off", e->mbuf.data_off);
		kv_u(o, false, "data_len", e->mbuf.data_len);
		kv_u(o, false, "pkt_len", e->mbuf.pkt_len);
		kv_u(o, false, "refcnt", e->mbuf.refcnt);
		kv_u(o, false, "nb_segs", e->mbuf.nb_segs);
		kv_u(o, false, "port", e->mbuf.port);
		kv_u(o, false, "priv_size", e->mbuf.priv_size);
		layer_end(o);
	}
	if (e->layers & RTE_DPLITE_EXPLAIN_MEMPOOL) {
		if (e->mempool.obj != NULL)
			layer_begin(o, "mempool", (const char *)e->mempool.obj - e->mempool.header_size,
				    (size_t)e->mempool.header_size + e->mempool.elt_size +
				    e->mempool.trailer_size);
		else
			layer_begin(o, "mempool", e->mempool.pool, 0);
		kv_s(o, false, "name", e->mempool.name);
		kv_s(o, false, "ops", e->mempool.ops_name);
		if (e->mempool.obj != NULL) {
			kv_x(o, false, "obj", (uintptr_t)e->mempool.obj);
			kv_u(o, false, "index", e->mempool.obj_index);
			kv_i(o, false, "offset", e->mempool.obj_offset);
		} else {
			kv_s(o, false, "obj", "none");
		}
		kv_u(o, false, "size", e->mempool.size);
		kv_u(o, false, "elt_size", e->mempool.elt_size);
		kv_u(o, false, "header", e->mempool.header_size);
		kv_u(o, false, "trailer", e->mempool.trailer_size);
		kv_u(o, false, "cache_size", e->mempool.cache_size);
		kv_s(o, false, "state", state_key(e->mempool.state));
		if (e->mempool.state == RTE_DPLITE_OBJ_IN_CACHE)
			kv_i(o, false, "lcore", e->mempool.cache_lcore);
		layer_end(o);
	}
	if (e->layers & RTE_DPLITE_EXPLAIN_MALLOC) {
		if (e->malloc.block != NULL)
			layer_begin(o, "malloc", e->malloc.block, e->malloc.size);
		else
			layer_begin(o, "malloc", e->malloc.span, e->malloc.span_len);
		kv_s(o, false, "state", e->malloc.block == NULL ? "metadata" :
		     e->malloc.free ? "free" : "live");
		kv_s(o, false, "type", e->malloc.type);
		kv_u(o, false, "size", e->malloc.size);
		kv_u(o, false, "requested", e->malloc.requested);
		kv_s(o, false, "kind", e->malloc.small ? "small" : "large");
		if (e->malloc.memzone_block)
			kv_s(o, false, "memzone_block", "yes");
		if (!e->malloc.free && !e->malloc.small && e->malloc.block != NULL)
			kv_i(o, false, "pid", e->malloc.pid);
		kv_i(o, false, "heap", e->malloc.heap_idx);
		kv_s(o, false, "heap_name", e->malloc.heap_name);
		kv_i(o, false, "socket", e->malloc.socket_id);
		kv_x(o, false, "span", (uintptr_t)e->malloc.span);
		kv_u(o, false, "span_len", e->malloc.span_len);
		layer_end(o);
	}
	if (e->layers & RTE_DPLITE_EXPLAIN_MEMZONE) {
		layer_begin(o, "memzone", e->memzone.addr, e->memzone.len);
		kv_s(o, false, "name", e->memzone.name);
		kv_u(o, false, "len", e->memzone.len);
		kv_i(o, false, "socket", e->memzone.socket_id);
		kv_u(o, false, "page_sz", e->memzone.hugepage_sz);
		kv_iova(o, false, "iova", e->memzone.iova);
		layer_end(o);
	}
	if (e->layers & RTE_DPLITE_EXPLAIN_MEMSEG) {
		layer_begin(o, "memseg", e->memseg.addr, e->memseg.len);
		kv_i(o, false, "index", e->memseg.index);
		kv_u(o, false, "page_sz", e->memseg.hugepage_sz);
		kv_i(o, false, "socket", e->memseg.socket_id);
		kv_iova(o, false, "iova", e->memseg.iova);
		layer_end(o);
	}
	if (e->layers & RTE_DPLITE_EXPLAIN_MEMSEG_LIST) {
		layer_begin(o, "memseg_list", e->msl.base_va, e->msl.len);
		kv_i(o, false, "index", e->msl.index);
		kv_u(o, false, "page_sz", e->msl.page_sz);
		kv_i(o, false, "socket", e->msl.socket_id);
		kv_u(o, false, "segs", e->msl.n_segs);
		kv_u(o, false, "mapped", e->msl.n_used);
		kv_s(o, false, "external", e->msl.external ? "yes" : "no");
		layer_end(o);
	}
	if (e->layers & RTE_DPLITE_EXPLAIN_CONFIG) {
		layer_plain(o, "config");
		kv_s(o, true, "what", "shared_config_and_memzone_table");
		layer_end(o);
	}
	if (e->layers & RTE_DPLITE_EXPLAIN_BACKING) {
		layer_plain(o, "backing");
		kv_s(o, true, "kind", backing_key(e->backing.kind));
		kv_s(o, false, "file", e->backing.file);
		kv_x(o, false, "offset", e->backing.fd_offset);
		layer_end(o);
	}
	layer_plain(o, "iova");
	kv_iova(o, true, "iova", e->iova);
	layer_end(o);
	layer_plain(o, "phys");
	if (e->layers & RTE_DPLITE_EXPLAIN_PHYS)
		kv_x(o, true, "phys", e->phys_addr);
	else
		kv_s(o, true, "phys", geteuid() == 0 ? "unknown" : "unreadable_(needs_root)");
	layer_end(o);
}

int info_explain(const char *prefix, const char *prg, int argc, char **argv, bool json)
{
	if (argc < 1) {
		fprintf(stderr, "dplite-info: explain needs an address or a name "
			"(dplite-info [-f P] explain ADDR|NAME...)\n");
		return 2;
	}
	if (info_attach(prefix, prg) != 0)
		return 1;
	int rc = 0;
	struct out o = { stdout, json, 0 };
	if (json)
		printf("[");
	for (int i = 0; i < argc; i++) {
		const void *addr;
		char what[32];
		struct rte_dplite_explain e;
		if (resolve(argv[i], &addr, what, sizeof(what)) < 0) {
			rc = 1;
			continue;
		}
		int r = rte_dplite_explain(addr, &e);
		if (json) {
			printf("%s{\"arg\": \"", i ? ", " : "");
			print_file(stdout, argv[i]);
			printf("\", \"what\": \"%s\", \"addr\": \"%p\", \"owned\": %s", what, addr,
			       r == 0 ? "true" : "false");
			if (r == 0) {
				printf(", \"layers\": {");
				o.nkeys = 0;
				print_explain(&o, &e);
				printf("}");
			}
			printf("}");
		} else if (r == 0) {
			printf("%p: %s %s\n", addr, what, argv[i]);
			print_explain(&o, &e);
		} else {
			printf("%p: not memory dplite owns (no memseg list, heap, memzone or mempool "
			       "of prefix '%s' holds it)\n", addr, prefix);
		}
		if (r != 0)
			rc = 1;
	}
	if (json)
		printf("]\n");
	rte_eal_cleanup();
	return rc;
}
