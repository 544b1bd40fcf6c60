/* SPDX-License-Identifier: BSD-3-Clause
 * rte_dplite_explain() in-process, every field against the DPDK API's own
 * answers (rte_mem_virt2memseg, rte_mem_virt2memseg_list,
 * rte_malloc_virt2iova, rte_mempool_virt2iova, rte_memseg_get_fd_offset,
 * memzone fields), for: a live and a freed rte_malloc block, a memzone,
 * pool objects in use / in a cache / in a ring backend / in a stack
 * backend, a pool populated with anonymous memory (no memseg), an external
 * heap with an IOVA table (its IOVAs, external list, "external" backing),
 * and the errors: NULL out, an address dplite does not own, before init. */
#include <sys/mman.h>
#include <rte_dplite_explain.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include "test.h"

struct msl_find { const struct rte_memseg_list *w; int i, f; };
static int msl_find_cb(const struct rte_memseg_list *m, void *arg)
{
	struct msl_find *a = arg;
	if (m == a->w) {
		a->f = a->i;
		return 1;
	}
	a->i++;
	return 0;
}
/* walk order = list index */
static int msl_index(const struct rte_memseg_list *want)
{
	struct msl_find a = { want, 0, -1 };
	return rte_memseg_list_walk(msl_find_cb, &a) == 1 ? a.f : -1;
}

/* Page layers of addr against the EAL's answers. */
static void check_pages(const void *addr, const struct rte_dplite_explain *e)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	const struct rte_memseg *ms = rte_mem_virt2memseg(addr, NULL);
	REQUIRE(msl && ms);
	CHECK(e->addr == addr);
	CHECK(e->layers & RTE_DPLITE_EXPLAIN_MEMSEG_LIST);
	CHECK(e->layers & RTE_DPLITE_EXPLAIN_MEMSEG);
	CHECK(e->layers & RTE_DPLITE_EXPLAIN_BACKING);
	CHECK(e->msl.base_va == msl->base_va && e->msl.len == msl->len);
	CHECK(e->msl.page_sz == msl->page_sz && e->msl.socket_id == msl->socket_id);
	CHECK(e->msl.n_segs == msl->memseg_arr.len && e->msl.external == 0);
	CHECK(e->msl.index == msl_index(msl));
	CHECK(e->memseg.addr == ms->addr && e->memseg.len == ms->len);
	CHECK(e->memseg.hugepage_sz == ms->hugepage_sz && e->memseg.socket_id == ms->socket_id);
	CHECK(e->memseg.iova == ms->iova);
	CHECK(e->memseg.index == (int)(RTE_PTR_DIFF(ms->addr, msl->base_va) / msl->page_sz));
	size_t off = 0;
	CHECK(rte_memseg_get_fd_offset(ms, &off) == 0);
	CHECK(e->backing.fd_offset == off + RTE_PTR_DIFF(addr, ms->addr));
	CHECK(e->backing.kind == (msl->page_sz > (uint64_t)getpagesize() ?
				  RTE_DPLITE_BACKING_HUGETLB : RTE_DPLITE_BACKING_MEMFD));
	char link[64], file[256];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", rte_memseg_get_fd(ms));
	ssize_t n = readlink(link, file, sizeof(file) - 1);
	REQUIRE(n > 0);
	file[n] = '\0';
	CHECK_MSG(strncmp(e->backing.file, file, sizeof(e->backing.file) - 1) == 0, "%s vs %s",
		  e->backing.file, file);
	CHECK(e->iova == rte_mem_virt2iova(addr));
	if (e->layers & RTE_DPLITE_EXPLAIN_PHYS)
		CHECK(e->phys_addr == rte_mem_virt2phy(addr));
	else
		CHECK(e->phys_addr == RTE_BAD_IOVA);
}

static unsigned int obj_index_of(struct rte_mempool *mp, void *obj)
{
	struct rte_mempool_objhdr *h;
	unsigned int i = 0;
	STAILQ_FOREACH(h, &mp->elt_list, next) {
		if ((void *)(h + 1) == obj)
			return i;
		i++;
	}
	return UINT32_MAX;
}

static void check_obj(struct rte_mempool *mp, void *obj, enum rte_dplite_obj_state st, int lcore)
{
	struct rte_dplite_explain e;
	const char *addr = (const char *)obj + 8;
	CHECK(rte_dplite_explain(addr, &e) == 0);
	CHECK(e.layers & RTE_DPLITE_EXPLAIN_MEMPOOL);
	CHECK((e.layers & RTE_DPLITE_EXPLAIN_MBUF) == 0);
	CHECK(strcmp(e.mempool.name, mp->name) == 0 && e.mempool.pool == mp);
	CHECK(e.mempool.obj == obj && e.mempool.obj_offset == 8);
	CHECK(e.mempool.obj_index == obj_index_of(mp, obj));
	CHECK(e.mempool.elt_size == mp->elt_size && e.mempool.header_size == mp->header_size);
	CHECK_MSG(e.mempool.state == st, "%s: state %d want %d", mp->name, e.mempool.state, st);
	if (st == RTE_DPLITE_OBJ_IN_CACHE)
		CHECK(e.mempool.cache_lcore == lcore);
	CHECK(strcmp(e.mempool.ops_name, rte_mempool_get_ops(mp->ops_index)->name) == 0);
	/* rte_mempool_virt2iova: the object's IOVA as populate recorded it */
	if (e.layers & RTE_DPLITE_EXPLAIN_MEMSEG) {
		CHECK(rte_mempool_virt2iova(obj) == rte_mem_virt2iova(obj));
		CHECK(e.iova == rte_mempool_virt2iova(obj) + 8);
		CHECK(e.layers & RTE_DPLITE_EXPLAIN_MEMZONE);
		check_pages(addr, &e);
	}
}

int main(void)
{
	struct rte_dplite_explain e;
	int on_stack = 1;

	/* before init */
	CHECK(rte_dplite_explain(&on_stack, &e) == -ENODEV && rte_errno == ENODEV);
	CHECK(rte_dplite_limits(NULL, 0) == -ENODEV);
	test_eal_init("explain_api", NULL);

	CHECK(rte_dplite_explain(&on_stack, NULL) == -EINVAL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_dplite_explain(&on_stack, &e) == -ENOENT && rte_errno == ENOENT && e.layers == 0);
	CHECK(rte_dplite_explain(NULL, &e) == -ENOENT);
	CHECK(rte_mem_virt2memseg_list(&on_stack) == NULL);
	CHECK(rte_malloc_virt2iova(&on_stack) == RTE_BAD_IOVA);

	/* rte_malloc: small live, large live, freed */
	char *s = rte_malloc("api_small", 100, 0);
	char *l = rte_malloc("api_large", 100000, 0);
	REQUIRE(s && l);
	CHECK(rte_dplite_explain(s + 3, &e) == 0);
	CHECK(e.layers & RTE_DPLITE_EXPLAIN_MALLOC);
	CHECK((e.layers & (RTE_DPLITE_EXPLAIN_MEMZONE | RTE_DPLITE_EXPLAIN_MEMPOOL)) == 0);
	CHECK(e.malloc.block == s && e.malloc.size >= 100 && !e.malloc.free && e.malloc.small);
	CHECK(strcmp(e.malloc.type, "api_small") == 0);
	CHECK(e.malloc.socket_id == rte_mem_virt2memseg(s, NULL)->socket_id);
	CHECK(e.iova == rte_malloc_virt2iova(s + 3));
	check_pages(s + 3, &e);
	CHECK(rte_dplite_explain(l + 50000, &e) == 0);
	CHECK(e.malloc.block == l && e.malloc.size >= 100000 && e.malloc.requested == 100000);
	CHECK(!e.malloc.free && !e.malloc.small && !e.malloc.memzone_block && e.malloc.pid == getpid());
	CHECK(strcmp(e.malloc.type, "api_large") == 0);
	CHECK(e.iova == rte_malloc_virt2iova(l + 50000));
	check_pages(l + 50000, &e);
	rte_free(s);
	rte_free(l);
	CHECK(rte_dplite_explain(l + 50000, &e) == 0 && e.malloc.free);
	CHECK(rte_dplite_explain(s + 3, &e) == 0 && e.malloc.free);

	/* memzone */
	const struct rte_memzone *mz = rte_memzone_reserve("api_zone", 70000, SOCKET_ID_ANY, 0);
	REQUIRE(mz != NULL);
	CHECK(rte_dplite_explain((char *)mz->addr + 69999, &e) == 0);
	CHECK(e.layers & RTE_DPLITE_EXPLAIN_MEMZONE);
	CHECK(strcmp(e.memzone.name, "api_zone") == 0 && e.memzone.addr == mz->addr);
	CHECK(e.memzone.len == mz->len && e.memzone.iova == mz->iova);
	CHECK(e.memzone.hugepage_sz == mz->hugepage_sz && e.memzone.socket_id == mz->socket_id);
	CHECK(e.malloc.memzone_block && !e.malloc.free && e.malloc.block == mz->addr);
	CHECK(rte_dplite_explain((char *)mz->addr + 69999, &e) == 0);
	check_pages((char *)mz->addr + 69999, &e);

	/* pools: ring backend with a cache, ring without, stack */
	struct rte_mempool *pc = rte_mempool_create("api_pc", 63, 64, 8, 0, NULL, NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);
	struct rte_mempool *pn = rte_mempool_create("api_pn", 63, 64, 0, 0, NULL, NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);
	struct rte_mempool *ps = rte_mempool_create_empty("api_ps", 63, 64, 0, 0, SOCKET_ID_ANY, 0);
	REQUIRE(pc && pn && ps);
	REQUIRE(rte_mempool_set_ops_byname(ps, "stack", NULL) == 0);
	REQUIRE(rte_mempool_populate_default(ps) > 0);
	void *o1, *o2;
	REQUIRE(rte_mempool_get(pc, &o1) == 0 && rte_mempool_get(pc, &o2) == 0);
	check_obj(pc, o1, RTE_DPLITE_OBJ_IN_USE, -1);
	rte_mempool_put(pc, o2);
	check_obj(pc, o2, RTE_DPLITE_OBJ_IN_CACHE, (int)rte_lcore_id());
	rte_mempool_put(pc, o1);
	REQUIRE(rte_mempool_get(pn, &o1) == 0);
	check_obj(pn, o1, RTE_DPLITE_OBJ_IN_USE, -1);
	rte_mempool_put(pn, o1);
	check_obj(pn, o1, RTE_DPLITE_OBJ_IN_POOL, -1);
	REQUIRE(rte_mempool_get(ps, &o1) == 0);
	check_obj(ps, o1, RTE_DPLITE_OBJ_IN_USE, -1);
	rte_mempool_put(ps, o1);
	check_obj(ps, o1, RTE_DPLITE_OBJ_IN_POOL, -1);
	/* the pool header: mempool layer without an object */
	CHECK(rte_dplite_explain(pc, &e) == 0 && (e.layers & RTE_DPLITE_EXPLAIN_MEMPOOL) &&
	      e.mempool.obj == NULL && e.mempool.state == RTE_DPLITE_OBJ_UNKNOWN);
	CHECK(strcmp(e.memzone.name, "MP_api_pc") == 0);

	/* anonymous memory: the pool knows it, no memory layer does */
	struct rte_mempool *pa = rte_mempool_create_empty("api_pa", 31, 64, 0, 0, SOCKET_ID_ANY, 0);
	REQUIRE(pa != NULL && rte_mempool_populate_anon(pa) > 0);
	REQUIRE(rte_mempool_get(pa, &o1) == 0);
	CHECK(rte_dplite_explain((char *)o1 + 8, &e) == 0);
	CHECK((e.layers & (RTE_DPLITE_EXPLAIN_MALLOC | RTE_DPLITE_EXPLAIN_MEMSEG_LIST)) == 0);
	check_obj(pa, o1, RTE_DPLITE_OBJ_IN_USE, -1);
	rte_mempool_put(pa, o1);

	/* external heap with an IOVA table */
	size_t pg = 4096, len = 2 << 20;
	unsigned int npg = (unsigned int)(len / pg);
	void *va = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(va != MAP_FAILED);
	rte_iova_t *iovas = calloc(npg, sizeof(*iovas));
	REQUIRE(iovas != NULL);
	for (unsigned int i = 0; i < npg; i++)
		iovas[i] = 0x4000000000ULL + (uint64_t)(npg - i) * pg;   /* not contiguous */
	REQUIRE(rte_malloc_heap_create("api_ext") == 0);
	REQUIRE(rte_malloc_heap_memory_add("api_ext", va, len, iovas, npg, pg) == 0);
	int sock = rte_malloc_heap_get_socket("api_ext");
	char *x = rte_malloc_socket("api_ext_blk", 3000, 0, sock);
	REQUIRE(sock >= 0 && x != NULL);
	const struct rte_memseg_list *xmsl = rte_mem_virt2memseg_list(x + 100);
	const struct rte_memseg *xms = rte_mem_virt2memseg(x + 100, NULL);
	size_t xoff = RTE_PTR_DIFF(x + 100, va);
	CHECK(xmsl != NULL && xmsl->external && xmsl->base_va == va && xmsl->len == len);
	CHECK(xms != NULL && xms->iova == iovas[xoff / pg] && xms->addr == RTE_PTR_ALIGN_FLOOR(x + 100, pg));
	CHECK(rte_malloc_virt2iova(x + 100) == iovas[xoff / pg] + xoff % pg);
	CHECK(rte_dplite_explain(x + 100, &e) == 0);
	CHECK(e.msl.external == 1 && e.msl.base_va == va && e.msl.page_sz == pg);
	CHECK(e.backing.kind == RTE_DPLITE_BACKING_EXTERNAL && e.backing.fd_offset == xoff);
	CHECK(e.memseg.iova == iovas[xoff / pg]);
	CHECK(e.iova == iovas[xoff / pg] + xoff % pg);
	CHECK(e.malloc.block == x && !e.malloc.free && e.malloc.socket_id == sock);
	CHECK(strcmp(e.malloc.heap_name, "api_ext") == 0 && strcmp(e.malloc.type, "api_ext_blk") == 0);
	rte_free(x);
	CHECK(rte_malloc_heap_memory_remove("api_ext", va, len) == 0);
	CHECK(rte_malloc_heap_destroy("api_ext") == 0);
	CHECK(rte_dplite_explain(x + 100, &e) == -ENOENT);
	munmap(va, len);
	free(iovas);

	rte_mempool_free(pa);
	rte_mempool_free(ps);
	rte_mempool_free(pn);
	rte_mempool_free(pc);
	CHECK(rte_memzone_free(mz) == 0);
	rte_eal_cleanup();
	return test_done();
}
