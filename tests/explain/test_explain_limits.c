/* SPDX-License-Identifier: BSD-3-Clause
 * Limits of the memory layers: rte_dplite_limits() rows against known
 * values (build constants, this process's memzones, lists, pools, rings),
 * a refusal counted at the heaps limit, then the same rows printed by
 * `dplite-info limits` (a real secondary), its --json, and /eal/limits
 * over telemetry. argv[1]: the dplite-info binary. */
#include <rte_dplite_explain.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include "explain_test.h"
#include "tel_test.h"

static struct rte_dplite_limit tab[256];
static int ntab;

static const struct rte_dplite_limit *row(const char *name)
{
	for (int i = 0; i < ntab; i++)
		if (strcmp(tab[i].name, name) == 0)
			return &tab[i];
	fprintf(stderr, "no limit row '%s'\n", name);
	return NULL;
}

static void count_mz(const struct rte_memzone *mz, void *arg)
{
	(void)mz;
	(*(unsigned int *)arg)++;
}
struct msl_sum { unsigned int n; uint64_t bytes; };
static int msl_sum_cb(const struct rte_memseg_list *msl, void *arg)
{
	struct msl_sum *s = arg;
	s->n++;
	s->bytes += (uint64_t)msl->memseg_arr.count * msl->page_sz;
	return 0;
}

/* Text table line of one limit: MAX, USED and HITS columns. */
static int tool_row(const char *name, char *mx, char *used, char *hits)
{
	char pat[64];
	snprintf(pat, sizeof(pat), "\n%s ", name);
	const char *s = strstr(out, pat);
	if (s == NULL)
		return -1;
	s += strlen(pat);
	return sscanf(s, "%31s %31s %31s", mx, used, hits) == 3 ? 0 : -1;
}

int main(int argc, char **argv)
{
	char prefix[64], mx[32], used[32], hits[32];
	if (argc < 2)
		TEST_SKIP("usage: test_explain_limits <path to dplite-info>");
	test_eal_init("limits", NULL);
	snprintf(prefix, sizeof(prefix), "limits_%d", (int)getpid());

	struct rte_mempool *mp = rte_mempool_create("lim_pool", 511, 64, 96, 0, NULL, NULL, NULL,
						    NULL, SOCKET_ID_ANY, 0);
	struct rte_ring *r = rte_ring_create("lim_ring", 4096, SOCKET_ID_ANY, 0);
	REQUIRE(mp && r);
	/* fill the heap table with external heaps until it refuses one */
	int nh = 0, refused = 0;
	char hn[32];
	for (; nh < RTE_MAX_HEAPS + 1 && !refused; nh++) {
		snprintf(hn, sizeof(hn), "lim_h%d", nh);
		if (rte_malloc_heap_create(hn) != 0) {
			CHECK(rte_errno == ENOSPC);
			refused = 1;
		}
	}
	CHECK(refused);

	CHECK(rte_dplite_limits(NULL, 3) == -EINVAL && rte_errno == EINVAL);
	ntab = rte_dplite_limits(NULL, 0);
	REQUIRE(ntab > 10 && ntab <= (int)RTE_DIM(tab));
	CHECK(rte_dplite_limits(tab, 2) == ntab);                 /* partial fill: total */
	CHECK(rte_dplite_limits(tab, RTE_DIM(tab)) == ntab);

	const struct rte_dplite_limit *l;
	unsigned int nmz = 0;
	rte_memzone_walk(count_mz, &nmz);
	if ((l = row("memzones")) != NULL)
		CHECK(l->max == 32768 && l->used == nmz && l->hits == 0 && l->compile_time);
	struct msl_sum ms = { 0, 0 };
	rte_memseg_list_walk(msl_sum_cb, &ms);
	if ((l = row("memseg lists")) != NULL)
		CHECK(l->used == ms.n && l->max >= ms.n && l->hits == UINT64_MAX);
	if ((l = row("memory, all sockets")) != NULL)
		CHECK(l->used == ms.bytes && l->hits == 0);
	const struct rte_memseg_list *msl0 = rte_mem_virt2memseg_list(mp);
	REQUIRE(msl0 != NULL);
	char nm[48];
	for (int i = 0; i < (int)ms.n; i++) {
		snprintf(nm, sizeof(nm), "msl %d segments", i);
		CHECK(row(nm) != NULL);
	}
	if ((l = row("heaps")) != NULL)
		CHECK_MSG(l->max == RTE_MAX_HEAPS && l->used == RTE_MAX_HEAPS && l->hits == 1,
			  "used %" PRIu64 " hits %" PRIu64, l->used, l->hits);
	if ((l = row("external heaps")) != NULL)
		CHECK(l->used == (uint64_t)(nh - 1) && l->max == l->used && l->hits == 1);
	if ((l = row("mempool cache size")) != NULL)
		CHECK(l->max == RTE_MEMPOOL_CACHE_MAX_SIZE && l->used == 96);
	if ((l = row("ring size")) != NULL)
		CHECK(l->max == RTE_RING_SZ_MASK && l->used == 4095);
	CHECK(row("external memseg lists") && row("external heap regions") &&
	      row("rte_malloc type names"));

	/* the tool, attached as a secondary */
	const char *lim[] = { argv[1], "-f", prefix, "limits", NULL };
	CHECK_MSG(run_tool(lim) == 0, "%s", out);
	CHECK_MSG(tool_row("memzones", mx, used, hits) == 0 && strcmp(mx, "32768") == 0 &&
		  strtoul(used, NULL, 10) == nmz + 0 && strcmp(hits, "0") == 0, "%s", out);
	CHECK_MSG(tool_row("heaps", mx, used, hits) == 0 && strcmp(hits, "1") == 0, "%s", out);
	CHECK_MSG(tool_row("mempool cache size", mx, used, hits) == 0 && strcmp(mx, "512") == 0 &&
		  strcmp(used, "96") == 0, "%s", out);
	const char *limj[] = { argv[1], "-f", prefix, "--json", "limits", NULL };
	CHECK(run_tool(limj) == 0);
	struct jv *v = jv_parse(out, strlen(out) - 1);
	CHECK_MSG(v && v->t == JV_ARR && (int)v->n == ntab, "%s", out);
	for (size_t i = 0; v && i < v->n; i++)
		if (strcmp(jv_get(&v->v[i], "name") ? jv_get(&v->v[i], "name")->s : "", "ring size") == 0)
			CHECK(jv_u64(jv_get(&v->v[i], "used")) == 4095);
	jv_free(v);

	/* telemetry */
	int fd = tt_connect();
	const struct jv *d;
	v = tt_query(fd, "/eal/limits", "/eal/limits", &d);
	CHECK(v && d && d->t == JV_OBJ && (int)d->n == ntab);
	const struct jv *z = d ? jv_get(d, "memzones") : NULL;
	CHECK(z && jv_u64(jv_get(z, "max")) == 32768 && jv_u64(jv_get(z, "hits")) == 0);
	jv_free(v);
	close(fd);

	for (int i = 0; i < nh - refused; i++) {
		snprintf(hn, sizeof(hn), "lim_h%d", i);
		rte_malloc_heap_destroy(hn);
	}
	rte_ring_free(r);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
