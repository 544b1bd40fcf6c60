/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-info: look inside a running dplite (or DPDK) process.
 *
 *   dplite-info [-f P] [-i N] [COMMAND]   ask its telemetry socket; COMMAND is
 *                                         any telemetry command ("/" lists
 *                                         them); none: an overview
 *   dplite-info [-f P] --watch            live view: lcores, heaps, pools,
 *                                         rings, ports, with rates per second
 *   dplite-info [-f P] --dump [SECTION]   attach as a secondary and print the
 *                                         EAL's own dumps (lcores, memory,
 *                                         memzones, heap, rings, mempools)
 *
 * The telemetry modes need nothing but the socket (dpdk_telemetry.v2 in the
 * prefix's runtime directory), so they work against DPDK processes too.
 * --dump never becomes a primary: it says so when no primary runs, and
 * picks an lcore id no process of the prefix holds. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_version.h>
#include "hugepages.h"
#include "info.h"
#include "json.h"
#include "telclient.h"

#define OUT_MAX (64 * 1024)

static const char *prefix = "rte";
static int instance;
static int sock = -1;
static char outbuf[OUT_MAX];

static void usage(const char *prg)
{
	printf("usage: %s [-f|--file-prefix P] [-i|--instance N] [--json] [COMMAND]\n"
	       "       %s [-f P] --watch [--interval SEC] [--count N]\n"
	       "       %s [-f P] --dump [lcores|memory|memzones|heap|rings|mempools]\n"
	       "       %s [-f P] [--json] explain ADDR|NAME...  (where an address lives)\n"
	       "       %s [-f P] [--json] limits                (memory maximums and use)\n"
	       "       %s hugepages [--reclaim] [--prefix P] [--json]  (who holds hugepages)\n"
	       "COMMAND is a telemetry command such as /mempool/list or /eal/heap_info,0\n"
	       "(\"/\" lists them all); without one, an overview is printed.\n",
	       prg, prg, prg, prg, prg, prg);
}

/* ---- telemetry ------------------------------------------------------------------- */
static int tel_open(bool quiet)
{
	char path[512], banner[1024];
	if (tc_socket_path(prefix, instance, path, sizeof(path)) < 0) {
		fprintf(stderr, "dplite-info: file prefix too long\n");
		return -1;
	}
	sock = tc_connect(path, banner, sizeof(banner), 5000);
	if (sock < 0) {
		if (!quiet)
			fprintf(stderr, "dplite-info: no process with telemetry for prefix '%s' (%s: %s)\n"
				"  start it without --no-telemetry, or use --dump to attach as a secondary\n",
				prefix, path, strerror(-sock));
		return -1;
	}
	return 0;
}

/* Query; returns the data of {"cmd": data} (owned by *whole), or NULL. */
static const struct jv *tel_get(const char *req, struct jv **whole)
{
	*whole = NULL;
	ssize_t n = tc_query(sock, req, strlen(req), outbuf, sizeof(outbuf));
	if (n < 0)
		return NULL;
	struct jv *v = jv_parse(outbuf, (size_t)n);
	if (v == NULL || v->t != JV_OBJ || v->n != 1) {
		jv_free(v);
		return NULL;
	}
	*whole = v;
	return &v->v[0];
}

static const char *str_of(const struct jv *v)
{
	return v && v->t == JV_STR ? v->s : "?";
}

static void print_overview(void)
{
	struct jv *w, *w2;
	const struct jv *d, *x;
	char req[256];

	if ((d = tel_get("/info", &w)) != NULL)
		printf("%s, pid %lld, prefix %s\n", str_of(jv_get(d, "version")),
		       (long long)jv_i64(jv_get(d, "pid")), prefix);
	jv_free(w);
	if ((d = tel_get("/eal/params", &w)) != NULL && d->t == JV_ARR) {
		printf("EAL args:");
		for (size_t i = 0; i < d->n; i++)
			printf(" %s", str_of(&d->v[i]));
		printf("\n");
	}
	jv_free(w);

	printf("\n== lcores ==\n");
	if ((d = tel_get("/eal/lcore/list", &w)) != NULL && d->t == JV_ARR)
		for (size_t i = 0; i < d->n; i++) {
			snprintf(req, sizeof(req), "/eal/lcore/info,%lld", (long long)jv_i64(&d->v[i]));
			if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ)
				printf("lcore %3lld  socket %lld  role %-7s %s%s\n",
				       (long long)jv_i64(&d->v[i]), (long long)jv_i64(jv_get(x, "socket")),
				       str_of(jv_get(x, "role")), str_of(jv_get(x, "state")),
				       jv_i64(jv_get(x, "main")) ? "  (main)" : "");
			jv_free(w2);
		}
	jv_free(w);

	printf("\n== heaps ==\n");
	if ((d = tel_get("/eal/heap_list", &w)) != NULL && d->t == JV_ARR)
		for (size_t i = 0; i < d->n; i++) {
			snprintf(req, sizeof(req), "/eal/heap_info,%lld", (long long)jv_i64(&d->v[i]));
			if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ)
				printf("heap %lld %-12s size %llu  allocated %llu in %llu blocks  free %llu\n",
				       (long long)jv_i64(&d->v[i]), str_of(jv_get(x, "Name")),
				       (unsigned long long)jv_u64(jv_get(x, "Heap_size")),
				       (unsigned long long)jv_u64(jv_get(x, "Alloc_size")),
				       (unsigned long long)jv_u64(jv_get(x, "Alloc_count")),
				       (unsigned long long)jv_u64(jv_get(x, "Free_size")));
			jv_free(w2);
		}
	jv_free(w);
	if ((d = tel_get("/eal/heap_types", &w)) != NULL && d->t == JV_OBJ)
		for (size_t i = 0; i < d->n; i++)
			printf("  type %-24s %llu bytes in %llu blocks\n",
			       d->keys[i][0] ? d->keys[i] : "(none)",
			       (unsigned long long)jv_u64(jv_get(&d->v[i], "bytes")),
			       (unsigned long long)jv_u64(jv_get(&d->v[i], "count")));
	jv_free(w);

	printf("\n== memzones ==\n");
	if ((d = tel_get("/eal/memzone_list", &w)) != NULL && d->t == JV_ARR)
		for (size_t i = 0; i < d->n; i++) {
			snprintf(req, sizeof(req), "/eal/memzone_info,%lld", (long long)jv_i64(&d->v[i]));
			if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ)
				printf("%5lld %-32s %10llu bytes at %s, socket %lld, %llu-byte pages\n",
				       (long long)jv_i64(&d->v[i]), str_of(jv_get(x, "Name")),
				       (unsigned long long)jv_u64(jv_get(x, "Length")),
				       str_of(jv_get(x, "Address")), (long long)jv_i64(jv_get(x, "Socket")),
				       (unsigned long long)jv_u64(jv_get(x, "Hugepage_size")));
			jv_free(w2);
		}
	jv_free(w);

	printf("\n== mempools ==\n");
	if ((d = tel_get("/mempool/list", &w)) != NULL && d->t == JV_ARR)
		for (size_t i = 0; i < d->n; i++) {
			snprintf(req, sizeof(req), "/mempool/info,%s", str_of(&d->v[i]));
			if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ) {
				const struct jv *ops = jv_get(x, "ops_name");
				printf("%-28s size %llu  in use %llu  elt %llu B  cache %llu  ops %s",
				       str_of(&d->v[i]), (unsigned long long)jv_u64(jv_get(x, "size")),
				       (unsigned long long)jv_u64(jv_get(x, "in_use_count")),
				       (unsigned long long)jv_u64(jv_get(x, "elt_size")),
				       (unsigned long long)jv_u64(jv_get(x, "cache_size")),
				       ops ? str_of(ops) : "");
				printf(ops ? "\n" : "index %lld\n", (long long)jv_i64(jv_get(x, "ops_index")));
			}
			jv_free(w2);
		}
	jv_free(w);

	printf("\n== rings ==\n");
	if ((d = tel_get("/ring/list", &w)) != NULL && d->t == JV_ARR)
		for (size_t i = 0; i < d->n; i++) {
			snprintf(req, sizeof(req), "/ring/info,%s", str_of(&d->v[i]));
			if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ)
				printf("%-28s %llu/%llu used  %s enqueue, %s dequeue\n", str_of(&d->v[i]),
				       (unsigned long long)jv_u64(jv_get(x, "used_count")),
				       (unsigned long long)jv_u64(jv_get(x, "capacity")),
				       str_of(jv_get(x, "prod_type")), str_of(jv_get(x, "cons_type")));
			jv_free(w2);
		}
	jv_free(w);
}

/* ---- --watch ----------------------------------------------------------------------------- */
/* Previous sample of a counter, by name, to print a rate. */
#define PREV_MAX 1024
static struct prev {
	char key[96];
	uint64_t v;
	bool seen;
} prev[PREV_MAX], cur[PREV_MAX];
static unsigned int nprev, ncur;

static double rate(const char *key, uint64_t v, double dt, bool wrap32)
{
	double r = -1;
	for (unsigned int i = 0; i < nprev; i++)
		if (strcmp(prev[i].key, key) == 0) {
			uint64_t delta = wrap32 ? (uint32_t)((uint32_t)v - (uint32_t)prev[i].v) :
				v - prev[i].v;
			if (dt > 0 && (wrap32 || v >= prev[i].v))
				r = (double)delta / dt;
			break;
		}
	if (ncur < PREV_MAX) {
		snprintf(cur[ncur].key, sizeof(cur[ncur].key), "%s", key);
		cur[ncur++].v = v;
	}
	return r;
}

static const char *fmt_rate(char *b, size_t n, double r)
{
	if (r < 0)
		snprintf(b, n, "%10s", "-");
	else if (r >= 1e6)
		snprintf(b, n, "%9.2fM", r / 1e6);
	else if (r >= 1e3)
		snprintf(b, n, "%9.2fk", r / 1e3);
	else
		snprintf(b, n, "%10.0f", r);
	return b;
}

static volatile sig_atomic_t stop;
static void on_signal(int s) { (void)s; stop = 1; }

static bool has_cmd(const struct jv *all, const char *c)
{
	for (size_t i = 0; all && all->t == JV_ARR && i < all->n; i++)
		if (all->v[i].t == JV_STR && strcmp(all->v[i].s, c) == 0)
			return true;
	return false;
}

static int watch(double interval, long count)
{
	struct jv *w, *w2, *wall;
	const struct jv *d, *x, *all = tel_get("/", &wall);
	char req[256], r1[32], r2[32];
	struct timespec t0, t1;
	bool tty = isatty(1);
	bool ports = has_cmd(all, "/ethdev/list");

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long it = 0; !stop && (count <= 0 || it < count); it++) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		t0 = t1;
		ncur = 0;
		if (tty)
			printf("\033[H\033[J");
		else if (it)
			printf("\n");
		if ((d = tel_get("/info", &w)) == NULL) {
			fprintf(stderr, "dplite-info: the process is gone\n");
			jv_free(wall);
			return 1;
		}
		time_t now = time(NULL);
		char ts[32];
		strftime(ts, sizeof(ts), "%H:%M:%S", localtime(&now));
		printf("dplite-info --watch  %s  pid %lld  prefix %s  (rates per second)\n", ts,
		       (long long)jv_i64(jv_get(d, "pid")), prefix);
		jv_free(w);

		printf("\nLCORE SOCKET ROLE     STATE    CPUS\n");
		if ((d = tel_get("/eal/lcore/list", &w)) != NULL && d->t == JV_ARR)
			for (size_t i = 0; i < d->n; i++) {
				snprintf(req, sizeof(req), "/eal/lcore/info,%lld", (long long)jv_i64(&d->v[i]));
				if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ) {
					printf("%5lld %6lld %-8s %-8s", (long long)jv_i64(&d->v[i]),
					       (long long)jv_i64(jv_get(x, "socket")), str_of(jv_get(x, "role")),
					       str_of(jv_get(x, "state")));
					const struct jv *c = jv_get(x, "cpuset");
					for (size_t k = 0; c && c->t == JV_ARR && k < c->n; k++)
						printf("%s%lld", k ? "," : " ", (long long)jv_i64(&c->v[k]));
					printf("\n");
				}
				jv_free(w2);
			}
		jv_free(w);

		printf("\nHEAP NAME           SIZE        ALLOCATED   BLOCKS    ALLOCS/s   BYTES/s\n");
		if ((d = tel_get("/eal/heap_list", &w)) != NULL && d->t == JV_ARR)
			for (size_t i = 0; i < d->n; i++) {
				snprintf(req, sizeof(req), "/eal/heap_info,%lld", (long long)jv_i64(&d->v[i]));
				if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ) {
					uint64_t cnt = jv_u64(jv_get(x, "Alloc_count"));
					uint64_t by = jv_u64(jv_get(x, "Alloc_size"));
					char k1[64], k2[64];
					snprintf(k1, sizeof(k1), "h%zu.c", i);
					snprintf(k2, sizeof(k2), "h%zu.b", i);
					double rc = rate(k1, cnt, dt, false), rb = rate(k2, by, dt, false);
					printf("%4lld %-12s %11llu %11llu %8llu %s %s\n", (long long)jv_i64(&d->v[i]),
					       str_of(jv_get(x, "Name")),
					       (unsigned long long)jv_u64(jv_get(x, "Heap_size")),
					       (unsigned long long)by, (unsigned long long)cnt,
					       fmt_rate(r1, sizeof(r1), rc), fmt_rate(r2, sizeof(r2), rb));
				}
				jv_free(w2);
			}
		jv_free(w);

		printf("\nMEMPOOL                      SIZE    IN USE   CACHE  OPS          IN USE +/s\n");
		if ((d = tel_get("/mempool/list", &w)) != NULL && d->t == JV_ARR)
			for (size_t i = 0; i < d->n; i++) {
				snprintf(req, sizeof(req), "/mempool/info,%s", str_of(&d->v[i]));
				if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ) {
					uint64_t use = jv_u64(jv_get(x, "in_use_count"));
					char k[96];
					snprintf(k, sizeof(k), "p:%s", str_of(&d->v[i]));
					double r = -1;
					for (unsigned int q = 0; q < nprev; q++)
						if (strcmp(prev[q].key, k) == 0 && dt > 0)
							r = ((double)use - (double)prev[q].v) / dt;
					rate(k, use, dt, false);
					if (r < 0)
						snprintf(r1, sizeof(r1), "%10.0f", r);
					else
						fmt_rate(r1, sizeof(r1), r);
					printf("%-26s %7llu %9llu %7llu  %-10s %s\n", str_of(&d->v[i]),
					       (unsigned long long)jv_u64(jv_get(x, "size")), (unsigned long long)use,
					       (unsigned long long)jv_u64(jv_get(x, "cache_size")),
					       jv_get(x, "ops_name") ? str_of(jv_get(x, "ops_name")) : "?",
					       nprev ? r1 : "         -");
				}
				jv_free(w2);
			}
		jv_free(w);

		printf("\nRING                         USED/CAPACITY      ENQ/s      DEQ/s\n");
		if ((d = tel_get("/ring/list", &w)) != NULL && d->t == JV_ARR)
			for (size_t i = 0; i < d->n; i++) {
				snprintf(req, sizeof(req), "/ring/info,%s", str_of(&d->v[i]));
				if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ) {
					char k1[96], k2[96], uc[48];
					snprintf(k1, sizeof(k1), "r+%s", str_of(&d->v[i]));
					snprintf(k2, sizeof(k2), "r-%s", str_of(&d->v[i]));
					double re = rate(k1, jv_u64(jv_get(x, "prod_tail")), dt, true);
					double rd = rate(k2, jv_u64(jv_get(x, "cons_tail")), dt, true);
					snprintf(uc, sizeof(uc), "%llu/%llu",
						 (unsigned long long)jv_u64(jv_get(x, "used_count")),
						 (unsigned long long)jv_u64(jv_get(x, "capacity")));
					printf("%-26s %15s %s %s\n", str_of(&d->v[i]), uc,
					       fmt_rate(r1, sizeof(r1), re), fmt_rate(r2, sizeof(r2), rd));
				}
				jv_free(w2);
			}
		jv_free(w);

		if (ports) {
			printf("\nPORT NAME                   RX pkt/s   TX pkt/s  RX Mbit/s  TX Mbit/s  MISSED  ERRORS\n");
			if ((d = tel_get("/ethdev/list", &w)) != NULL && d->t == JV_ARR)
				for (size_t i = 0; i < d->n; i++) {
					long long port = (long long)jv_i64(&d->v[i]);
					char name[64] = "";
					snprintf(req, sizeof(req), "/ethdev/info,%lld", port);
					if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ)
						snprintf(name, sizeof(name), "%s", str_of(jv_get(x, "name")));
					jv_free(w2);
					snprintf(req, sizeof(req), "/ethdev/stats,%lld", port);
					if ((x = tel_get(req, &w2)) != NULL && x->t == JV_OBJ) {
						char k[4][32];
						static const char *const f[4] = { "ipackets", "opackets", "ibytes", "obytes" };
						double r[4];
						for (int q = 0; q < 4; q++) {
							snprintf(k[q], sizeof(k[q]), "e%lld.%s", port, f[q]);
							r[q] = rate(k[q], jv_u64(jv_get(x, f[q])), dt, false);
						}
						printf("%4lld %-18s %s %s %10.1f %10.1f %7llu %7llu\n", port, name,
						       fmt_rate(r1, sizeof(r1), r[0]), fmt_rate(r2, sizeof(r2), r[1]),
						       r[2] < 0 ? 0.0 : r[2] * 8 / 1e6, r[3] < 0 ? 0.0 : r[3] * 8 / 1e6,
						       (unsigned long long)jv_u64(jv_get(x, "imissed")),
						       (unsigned long long)(jv_u64(jv_get(x, "ierrors")) +
									    jv_u64(jv_get(x, "oerrors"))));
					}
					jv_free(w2);
				}
			jv_free(w);
		}
		fflush(stdout);
		memcpy(prev, cur, sizeof(cur[0]) * ncur);
		nprev = ncur;
		if (count > 0 && it + 1 >= count)
			break;
		struct timespec ts2 = { (time_t)interval,
					(long)((interval - (double)(time_t)interval) * 1e9) };
		while (nanosleep(&ts2, &ts2) < 0 && errno == EINTR && !stop)
			;
	}
	jv_free(wall);
	return 0;
}

/* ---- --dump: attach as a secondary ---------------------------------------------------------- */
static void section(const char *name)
{
	printf("\n== %s ==\n", name);
}

/* Highest lcore id no process of the prefix holds (asks telemetry), or -1. */
static int free_lcore_id(void)
{
	struct jv *w;
	if (sock < 0 && tel_open(true) < 0)
		return -1;
	const struct jv *d = tel_get("/eal/lcore/owners", &w);
	int id = -1;
	if (d && d->t == JV_OBJ)
		for (int c = RTE_MAX_LCORE - 1; c >= 0 && id < 0; c--) {
			char k[16];
			snprintf(k, sizeof(k), "%d", c);
			if (jv_get(d, k) == NULL)
				id = c;
		}
	jv_free(w);
	return id;
}

struct pool_names {
	unsigned int n;
	char name[256][RTE_MEMPOOL_NAMESIZE];
};
static void pool_name_cb(struct rte_mempool *mp, void *arg)
{
	struct pool_names *pn = arg;
	if (pn->n < 256)
		snprintf(pn->name[pn->n++], RTE_MEMPOOL_NAMESIZE, "%s", mp->name);
}

static int dump(const char *what, const char *prg)
{
	char dir[512], cfg[600], pfx[300], lc[64];
	bool all = what == NULL;

	if (tc_runtime_dir(prefix, dir, sizeof(dir)) < 0)
		return 1;
	snprintf(cfg, sizeof(cfg), "%s/config", dir);
	if (access(cfg, F_OK) != 0 || rte_eal_primary_proc_alive(cfg) != 1) {
		fprintf(stderr, "dplite-info: no running primary process for prefix '%s' (%s)\n", prefix,
			cfg);
		return 1;
	}
	int id = free_lcore_id();
	snprintf(pfx, sizeof(pfx), "--file-prefix=%s", prefix);
	/* without telemetry to ask, try high ids: the EAL refuses held ones */
	int ret = -1;
	for (int tries = 0; tries < 8 && ret < 0; tries++) {
		int use = id >= 0 ? id : RTE_MAX_LCORE - 1 - tries;
		snprintf(lc, sizeof(lc), "--lcores=%d@0", use);
		char *argv[] = { (char *)prg, pfx, (char *)"--proc-type=secondary", lc,
				 (char *)"--no-telemetry", (char *)"--log-level=*:warning", NULL };
		ret = rte_eal_init(6, argv);
		if (ret < 0 && (id >= 0 || rte_errno != EBUSY))
			break;
	}
	if (ret < 0) {
		fprintf(stderr, "dplite-info: cannot attach to prefix '%s': %s\n", prefix,
			rte_strerror(rte_errno));
		return 1;
	}
	printf("%s\n", rte_version());
	printf("attached to prefix %s as a secondary (lcore %u), runtime dir %s\n", prefix,
	       rte_get_main_lcore(), rte_eal_get_runtime_dir());
	printf("hugepages: %s, IOVA mode: %s, physmem mapped: %llu bytes\n",
	       rte_eal_has_hugepages() ? "yes" : "no",
	       rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA",
	       (unsigned long long)rte_eal_get_physmem_size());
	if (all || strcmp(what, "lcores") == 0) {
		section("lcores of this secondary");
		rte_lcore_dump(stdout);
	}
	if (all || strcmp(what, "memory") == 0) {
		section("memory layout");
		rte_dump_physmem_layout(stdout);
	}
	if (all || strcmp(what, "memzones") == 0) {
		section("memzones");
		rte_memzone_dump(stdout);
	}
	if (all || strcmp(what, "heap") == 0) {
		section("malloc heap");
		rte_malloc_dump_stats(stdout, NULL);
	}
	if (all || strcmp(what, "rings") == 0) {
		section("rings");
		rte_ring_list_dump(stdout);
	}
	if (all || strcmp(what, "mempools") == 0) {
		/* a pool this process has not looked up yet has no ops name here:
		 * a lookup binds it */
		struct pool_names pn = { 0 };
		rte_mempool_walk(pool_name_cb, &pn);
		for (unsigned int i = 0; i < pn.n; i++)
			rte_mempool_lookup(pn.name[i]);
		section("mempools");
		rte_mempool_list_dump(stdout);
	}
	rte_eal_cleanup();
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "file-prefix", required_argument, NULL, 'f' },
		{ "instance", required_argument, NULL, 'i' },
		{ "watch", no_argument, NULL, 'w' },
		{ "interval", required_argument, NULL, 'I' },
		{ "count", required_argument, NULL, 'c' },
		{ "dump", no_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool do_watch = false, do_dump = false, raw = false;
	double interval = 1.0;
	long count = 0;
	int o;

	while ((o = getopt_long(argc, argv, "+f:i:hj", opts, NULL)) != -1) {
		switch (o) {
		case 'f': prefix = optarg; break;
		case 'i': instance = atoi(optarg); break;
		case 'w': do_watch = true; break;
		case 'I': interval = atof(optarg); break;
		case 'c': count = atol(optarg); break;
		case 'd': do_dump = true; break;
		case 'j': raw = true; break;
		case 'h': usage(argv[0]); return 0;
		default: usage(argv[0]); return 2;
		}
	}
	if (interval < 0.05)
		interval = 0.05;
	if (strchr(prefix, '/') || prefix[0] == '\0') {
		fprintf(stderr, "dplite-info: bad file prefix '%s'\n", prefix);
		return 2;
	}
	const char *cmd = optind < argc ? argv[optind] : NULL;
	if (cmd && strcmp(cmd, "hugepages") == 0 && !do_dump && !do_watch)
		return hugepages_cmd(argc - optind, argv + optind, raw);
	if (do_dump)
		return dump(cmd, argv[0]);
	if (cmd && strcmp(cmd, "explain") == 0)
		return info_explain(prefix, argv[0], argc - optind - 1, argv + optind + 1, raw);
	if (cmd && strcmp(cmd, "limits") == 0)
		return info_limits(prefix, argv[0], raw);
	if (tel_open(false) < 0)
		return 1;
	int rc = 0;
	if (do_watch) {
		rc = watch(interval, count);
	} else if (cmd == NULL) {
		print_overview();
	} else {
		ssize_t n = tc_query(sock, cmd, strlen(cmd), outbuf, sizeof(outbuf));
		if (n < 0) {
			fprintf(stderr, "dplite-info: %s: %s\n", cmd, strerror((int)-n));
			rc = 1;
		} else if (raw) {
			printf("%s\n", outbuf);
		} else {
			struct jv *v = jv_parse(outbuf, (size_t)n);
			if (v == NULL || v->t != JV_OBJ || v->n != 1) {
				printf("%s\n", outbuf);
			} else if (v->v[0].t == JV_NULL) {
				fprintf(stderr, "dplite-info: %s: no such command, or bad parameters "
					"(\"/\" lists the commands, \"/help,<command>\" explains one)\n", cmd);
				rc = 1;
			} else {
				jv_print(stdout, &v->v[0], 0);
			}
			jv_free(v);
		}
	}
	close(sock);
	return rc;
}
