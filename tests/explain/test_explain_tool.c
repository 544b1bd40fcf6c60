/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-info explain against this process (a real secondary process
 * attaching to us): objects of each kind are made here, then every layer
 * the tool prints is checked against what this primary reports itself:
 * an mbuf in use, an mbuf in this lcore's mempool cache, a freed and a live
 * rte_malloc block, the inside of a memzone, a ring and a mempool by name,
 * a stack address and a libc-heap address (not ours), and bad input
 * (unparsable address, unknown name, a prefix with no primary).
 * argv[1]: the dplite-info binary. */
#include <sys/mman.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include "explain_test.h"
#include "tel_test.h"

static const char *tool;
static char prefix[64];
static char line[1024];

static int explain(const char *arg)
{
	const char *args[] = { tool, "-f", prefix, "explain", arg, NULL };
	return run_tool(args);
}
static int explain_addr(const void *p)
{
	char a[32];
	snprintf(a, sizeof(a), "%p", p);
	return explain(a);
}

struct find_obj { const void *obj; int idx; };
static void find_obj_cb(struct rte_mempool *mp, void *arg, void *obj, unsigned int i)
{
	struct find_obj *f = arg;
	(void)mp;
	if (obj == f->obj)
		f->idx = (int)i;
}

struct msl_idx { const struct rte_memseg_list *want; int i, found; };
static int msl_idx_cb(const struct rte_memseg_list *msl, void *arg)
{
	struct msl_idx *m = arg;
	if (msl == m->want) {
		m->found = m->i;
		return 1;
	}
	m->i++;
	return 0;
}

/* The page layers of addr as printed, against this process's own answers. */
static void check_pages(const void *addr)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	const struct rte_memseg *ms = rte_mem_virt2memseg(addr, NULL);
	uintptr_t lo, hi;
	REQUIRE(msl != NULL && ms != NULL);
	CHECK_MSG(layer_line(out, "memseg", line, sizeof(line)) == 0, "%s", out);
	CHECK(bounds(line, &lo, &hi) == 0 && lo == (uintptr_t)ms->addr && hi == lo + ms->len);
	CHECK(field_u(line, "index") == (uint64_t)(RTE_PTR_DIFF(ms->addr, msl->base_va) / msl->page_sz));
	CHECK(field_u(line, "page_sz") == ms->hugepage_sz);
	CHECK(field_u(line, "socket") == (uint64_t)ms->socket_id);
	CHECK_MSG(layer_line(out, "memseg_list", line, sizeof(line)) == 0, "%s", out);
	CHECK(bounds(line, &lo, &hi) == 0 && lo == (uintptr_t)msl->base_va && hi == lo + msl->len);
	struct msl_idx mi = { msl, 0, -1 };
	rte_memseg_list_walk(msl_idx_cb, &mi);
	CHECK(field_u(line, "index") == (uint64_t)mi.found);
	CHECK(field_u(line, "page_sz") == msl->page_sz);
	CHECK(field_u(line, "segs") == msl->memseg_arr.len);
	char v[256];
	CHECK(strcmp(field(line, "external", v, sizeof(v)), "no") == 0);
	CHECK_MSG(layer_line(out, "backing", line, sizeof(line)) == 0, "%s", out);
	CHECK_MSG(strcmp(field(line, "kind", v, sizeof(v)),
			 msl->page_sz > (uint64_t)getpagesize() ? "hugetlb_memfd" : "memfd_4k") == 0,
		  "%s", line);
	CHECK(field_u(line, "offset") == RTE_PTR_DIFF(addr, msl->base_va));
	CHECK_MSG(strstr(field(line, "file", v, sizeof(v)), "dplite_msl") != NULL ||
		  strstr(v, "hugepages") != NULL, "%s", line);
	CHECK(layer_line(out, "iova", line, sizeof(line)) == 0);
	CHECK_MSG(field_u(line, "iova") == rte_mem_virt2iova(addr), "%s vs %" PRIx64, line,
		  rte_mem_virt2iova(addr));
	CHECK(layer_line(out, "phys", line, sizeof(line)) == 0);
	if (getuid() == 0 && rte_mem_virt2phy(addr) != RTE_BAD_IOVA)
		CHECK_MSG(field_u(line, "phys") == rte_mem_virt2phy(addr), "%s", line);
}

static void check_mbuf(struct rte_mempool *mp, struct rte_mbuf *m, const char *state)
{
	char v[128];
	const void *addr = rte_pktmbuf_mtod_offset(m, char *, 10);
	CHECK_MSG(explain_addr(addr) == 0, "%s", out);
	CHECK_MSG(layer_line(out, "mbuf", line, sizeof(line)) == 0, "%s", out);
	CHECK(field_u(line, "buf_addr") == (uintptr_t)m->buf_addr);
	CHECK(field_u(line, "buf_len") == m->buf_len);
	CHECK(field_u(line, "headroom") == m->data_off && field_u(line, "data_off") == m->data_off);
	CHECK(field_u(line, "data_len") == m->data_len && field_u(line, "pkt_len") == m->pkt_len);
	CHECK(field_u(line, "refcnt") == rte_mbuf_refcnt_read(m));
	CHECK(field_u(line, "buf_iova") == m->buf_iova);
	CHECK_MSG(layer_line(out, "mempool", line, sizeof(line)) == 0, "%s", out);
	CHECK(strcmp(field(line, "name", v, sizeof(v)), mp->name) == 0);
	CHECK(field_u(line, "obj") == (uintptr_t)m);
	struct find_obj f = { m, -1 };
	rte_mempool_obj_iter(mp, find_obj_cb, &f);
	CHECK(field_u(line, "index") == (uint64_t)f.idx);
	CHECK(field_u(line, "offset") == RTE_PTR_DIFF(addr, m));
	CHECK(field_u(line, "elt_size") == mp->elt_size && field_u(line, "size") == mp->size);
	CHECK_MSG(strcmp(field(line, "state", v, sizeof(v)), state) == 0, "%s: %s", state, line);
	if (strcmp(state, "in_cache") == 0)
		CHECK_MSG(field_u(line, "lcore") == rte_lcore_id(), "%s", line);
	/* the chunk is a memzone's heap block */
	CHECK_MSG(layer_line(out, "memzone", line, sizeof(line)) == 0, "%s", out);
	field(line, "name", v, sizeof(v));
	const struct rte_memzone *mz = rte_memzone_lookup(v);
	uintptr_t lo, hi;
	CHECK_MSG(mz != NULL && strncmp(v, "MP_ex_mbufs", 11) == 0, "%s", line);
	CHECK(mz && bounds(line, &lo, &hi) == 0 && lo == (uintptr_t)mz->addr && hi == lo + mz->len);
	CHECK_MSG(layer_line(out, "malloc", line, sizeof(line)) == 0, "%s", out);
	CHECK(strcmp(field(line, "state", v, sizeof(v)), "live") == 0);
	CHECK(strcmp(field(line, "memzone_block", v, sizeof(v)), "yes") == 0);
	CHECK(field_u(line, "pid") == (uint64_t)getpid());
	check_pages(addr);
}

int main(int argc, char **argv)
{
	char v[256];
	uintptr_t lo, hi;
	if (argc < 2)
		TEST_SKIP("usage: test_explain_tool <path to dplite-info>");
	tool = argv[1];
	test_eal_init("explain", NULL);
	snprintf(prefix, sizeof(prefix), "explain_%d", (int)getpid());

	struct rte_mempool *mp = rte_pktmbuf_pool_create("ex_mbufs", 255, 32, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	REQUIRE(mp != NULL);
	struct rte_mbuf *used = rte_pktmbuf_alloc(mp), *cached = rte_pktmbuf_alloc(mp);
	REQUIRE(used && cached);
	REQUIRE(rte_pktmbuf_append(used, 100) != NULL);
	rte_pktmbuf_free(cached);          /* into this lcore's cache */

	/* mbuf in use, mbuf in the cache */
	check_mbuf(mp, used, "in_use");
	check_mbuf(mp, cached, "in_cache");

	/* a live small block and a freed large one */
	char *small = rte_malloc("ex_small", 200, 0);
	REQUIRE(small != NULL);
	CHECK_MSG(explain_addr(small + 5) == 0, "%s", out);
	CHECK_MSG(layer_line(out, "malloc", line, sizeof(line)) == 0, "%s", out);
	CHECK(strcmp(field(line, "state", v, sizeof(v)), "live") == 0);
	CHECK(strcmp(field(line, "type", v, sizeof(v)), "ex_small") == 0);
	CHECK(strcmp(field(line, "kind", v, sizeof(v)), "small") == 0);
	CHECK(bounds(line, &lo, &hi) == 0 && lo == (uintptr_t)small && hi - lo >= 200);
	CHECK(layer_line(out, "memzone", line, sizeof(line)) < 0);
	CHECK(layer_line(out, "mempool", line, sizeof(line)) < 0);
	check_pages(small + 5);

	char *big = rte_malloc("ex_big", 300000, 0);
	REQUIRE(big != NULL);
	rte_free(big);
	CHECK_MSG(explain_addr(big + 1000) == 0, "%s", out);
	CHECK_MSG(layer_line(out, "malloc", line, sizeof(line)) == 0, "%s", out);
	CHECK_MSG(strcmp(field(line, "state", v, sizeof(v)), "free") == 0, "%s", line);
	CHECK(strcmp(field(line, "kind", v, sizeof(v)), "large") == 0);
	CHECK(bounds(line, &lo, &hi) == 0 && lo <= (uintptr_t)big + 1000 && hi > (uintptr_t)big + 1000);

	/* the inside of a memzone */
	const struct rte_memzone *mz = rte_memzone_reserve("ex_zone", 1 << 20, SOCKET_ID_ANY, 0);
	REQUIRE(mz != NULL);
	const char *in = (const char *)mz->addr + 4096 + 17;
	CHECK_MSG(explain_addr(in) == 0, "%s", out);
	CHECK_MSG(layer_line(out, "memzone", line, sizeof(line)) == 0, "%s", out);
	CHECK(strcmp(field(line, "name", v, sizeof(v)), "ex_zone") == 0);
	CHECK(bounds(line, &lo, &hi) == 0 && lo == (uintptr_t)mz->addr && hi == lo + mz->len);
	CHECK(field_u(line, "len") == mz->len && field_u(line, "page_sz") == mz->hugepage_sz);
	CHECK(field_u(line, "iova") == mz->iova);
	CHECK(layer_line(out, "malloc", line, sizeof(line)) == 0);
	CHECK(strcmp(field(line, "memzone_block", v, sizeof(v)), "yes") == 0);
	check_pages(in);

	/* names: a ring, a memzone, a mempool */
	struct rte_ring *r = rte_ring_create("ex_ring", 256, SOCKET_ID_ANY, 0);
	REQUIRE(r != NULL);
	CHECK_MSG(explain("ex_ring") == 0, "%s", out);
	snprintf(v, sizeof(v), "%p: ring ex_ring\n", (void *)r);
	CHECK_MSG(strncmp(out, v, strlen(v)) == 0, "%s", out);
	CHECK(layer_line(out, "memzone", line, sizeof(line)) == 0 &&
	      strcmp(field(line, "name", v, sizeof(v)), "RG_ex_ring") == 0);
	CHECK_MSG(explain("ex_zone") == 0 && strstr(out, ": memzone ex_zone\n") != NULL, "%s", out);
	CHECK_MSG(explain("ex_mbufs") == 0, "%s", out);
	CHECK(layer_line(out, "mempool", line, sizeof(line)) == 0 &&
	      strcmp(field(line, "name", v, sizeof(v)), "ex_mbufs") == 0 &&
	      strcmp(field(line, "obj", v, sizeof(v)), "none") == 0);
	CHECK(layer_line(out, "memzone", line, sizeof(line)) == 0 &&
	      strcmp(field(line, "name", v, sizeof(v)), "MP_ex_mbufs") == 0);

	/* not ours: a stack address, a libc-heap address */
	int on_stack = 0;
	CHECK_MSG(explain_addr(&on_stack) == 1 && strstr(out, "not memory dplite owns"), "%s", out);
	void *libc = malloc(64);
	CHECK_MSG(explain_addr(libc) == 1 && strstr(out, "not memory dplite owns"), "%s", out);
	free(libc);

	/* memory the secondary has not mapped: an external heap region and a
	 * pool on anonymous memory, both private to this process. The tool
	 * says what the shared tables know and reads nothing it cannot. */
	size_t xlen = 2 << 20;
	char *xva = mmap(NULL, xlen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(xva != MAP_FAILED);
	REQUIRE(rte_malloc_heap_create("ex_ext") == 0);
	REQUIRE(rte_malloc_heap_memory_add("ex_ext", xva, xlen, NULL, 0, 4096) == 0);
	char *xb = rte_malloc_socket("ex_ext_blk", 1000, 0, rte_malloc_heap_get_socket("ex_ext"));
	REQUIRE(xb != NULL);
	CHECK_MSG(explain_addr(xb + 10) == 0, "%s", out);
	CHECK_MSG(layer_line(out, "memseg_list", line, sizeof(line)) == 0 &&
		  strcmp(field(line, "external", v, sizeof(v)), "yes") == 0 &&
		  bounds(line, &lo, &hi) == 0 && lo == (uintptr_t)xva && hi == lo + xlen, "%s", out);
	CHECK_MSG(layer_line(out, "backing", line, sizeof(line)) == 0 &&
		  strcmp(field(line, "kind", v, sizeof(v)), "external") == 0 &&
		  field_u(line, "offset") == (uint64_t)(xb + 10 - xva), "%s", out);
	CHECK(layer_line(out, "malloc", line, sizeof(line)) < 0);   /* not mapped there */
	/* and an address nobody owns, while that region exists */
	CHECK_MSG(explain_addr(&on_stack) == 1 && strstr(out, "not memory dplite owns"), "%s", out);
	struct rte_mempool *pa = rte_mempool_create_empty("ex_anon", 31, 64, 0, 0, SOCKET_ID_ANY, 0);
	REQUIRE(pa != NULL && rte_mempool_populate_anon(pa) > 0);
	void *ao;
	REQUIRE(rte_mempool_get(pa, &ao) == 0);
	CHECK_MSG(explain_addr((char *)ao + 8) == 0, "%s", out);
	CHECK_MSG(layer_line(out, "mempool", line, sizeof(line)) == 0 &&
		  strcmp(field(line, "name", v, sizeof(v)), "ex_anon") == 0, "%s", out);
	rte_mempool_put(pa, ao);
	rte_mempool_free(pa);
	rte_free(xb);
	CHECK(rte_malloc_heap_memory_remove("ex_ext", xva, xlen) == 0);
	CHECK(rte_malloc_heap_destroy("ex_ext") == 0);
	munmap(xva, xlen);

	/* --json: one object per argument */
	char uarg[32];
	snprintf(uarg, sizeof(uarg), "%p", (void *)&on_stack);
	const char *js[] = { tool, "-f", prefix, "--json", "explain", "ex_zone", uarg, NULL };
	CHECK_MSG(run_tool(js) == 1, "%s", out);
	struct jv *jv = jv_parse(out, strlen(out) - 1);
	CHECK_MSG(jv && jv->t == JV_ARR && jv->n == 2, "%s", out);
	if (jv && jv->t == JV_ARR && jv->n == 2) {
		const struct jv *zl = jv_get(jv_get(&jv->v[0], "layers"), "memzone");
		CHECK(zl && strcmp(jv_get(zl, "name")->s, "ex_zone") == 0);
		CHECK(jv_get(&jv->v[1], "owned") && jv_get(&jv->v[1], "owned")->t == JV_BOOL &&
		      !jv_get(&jv->v[1], "owned")->b);
	}
	jv_free(jv);

	/* the same walk over telemetry */
	int fd = tt_connect();
	const struct jv *d;
	char req[64];
	snprintf(req, sizeof(req), "/eal/explain,%p", (void *)rte_pktmbuf_mtod(used, char *));
	jv = tt_query(fd, req, "/eal/explain", &d);
	CHECK(jv && d && jv_i64(jv_get(d, "owned")) == 1);
	const struct jv *pl = d ? jv_get(d, "mempool") : NULL;
	CHECK(pl && strcmp(jv_get(pl, "name")->s, "ex_mbufs") == 0 &&
	      strcmp(jv_get(pl, "state")->s, "in use") == 0);
	const struct jv *ml = d ? jv_get(d, "mbuf") : NULL;
	CHECK(ml && jv_u64(jv_get(ml, "data_len")) == 100);
	jv_free(jv);
	snprintf(req, sizeof(req), "/eal/explain,%p", (void *)&on_stack);
	jv = tt_query(fd, req, "/eal/explain", &d);
	CHECK(jv && d && jv_i64(jv_get(d, "owned")) == 0);
	jv_free(jv);
	jv = tt_query(fd, "/eal/explain,0x12zz", "/eal/explain", &d);
	CHECK(jv && d && d->t == JV_NULL);
	jv_free(jv);
	close(fd);

	/* bad input: one line, non-zero exit */
	CHECK_MSG(explain("0x12zz") != 0 && strstr(out, "is not an address") &&
		  strchr(out, '\n') == out + strlen(out) - 1, "%s", out);
	CHECK_MSG(explain("no_such_object") != 0 && strstr(out, "no memzone, mempool or ring") &&
		  strchr(out, '\n') == out + strlen(out) - 1, "%s", out);
	const char *nop[] = { tool, "-f", "explain_nobody_here", "explain", "0x1000", NULL };
	CHECK_MSG(run_tool(nop) != 0 && strstr(out, "no running primary") &&
		  strchr(out, '\n') == out + strlen(out) - 1, "%s", out);
	const char *none[] = { tool, "-f", prefix, "explain", NULL };
	CHECK_MSG(run_tool(none) != 0 && strstr(out, "needs an address"), "%s", out);

	/* still ours afterwards: the secondaries detached cleanly */
	CHECK(rte_mempool_in_use_count(mp) == 1);
	rte_pktmbuf_free(used);
	rte_free(small);
	rte_ring_free(r);
	rte_memzone_free(mz);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
