/* Behaviour of the mempool API: creation paths, population variants, counts
 * after every step (caches included), iteration, callbacks, every backend,
 * cache flush, user-owned caches, lookup/walk/dump/audit, bad input. */
#include <sys/mman.h>
#include <rte_mempool.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include "test.h"

#define N 1000

static unsigned int total(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) + rte_mempool_in_use_count(mp);
}

/* ---- obj_init / mp_init ------------------------------------------------------ */
static void my_mp_init(struct rte_mempool *mp, void *arg)
{
	*(int *)arg += 1;
	memset(rte_mempool_get_priv(mp), 0xab, 8);
}
static void my_obj_init(struct rte_mempool *mp, void *arg, void *obj, unsigned idx)
{
	(void)mp;
	*(uint32_t *)obj = idx;
	*(unsigned *)arg += 1;
}

static void count_obj(struct rte_mempool *mp, void *arg, void *obj, unsigned idx)
{
	unsigned *c = arg;
	CHECK(rte_mempool_from_obj(obj) == mp);
	CHECK(idx == c[0]);
	/* Objects are aligned to a cache line by default. */
	if (!(mp->flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN))
		CHECK(((uintptr_t)obj & (RTE_CACHE_LINE_SIZE - 1)) == 0);
	c[0]++;
}
static void count_mem(struct rte_mempool *mp, void *arg, struct rte_mempool_memhdr *m, unsigned idx)
{
	unsigned *c = arg;
	CHECK(m->mp == mp);
	CHECK(m->len > 0);
	CHECK(idx == c[0]);
	c[0]++;
}

/* ---- events ------------------------------------------------------------------- */
static int ev_ready, ev_destroy;
static struct rte_mempool *ev_last;
static void ev_cb(enum rte_mempool_event ev, struct rte_mempool *mp, void *ud)
{
	CHECK(ud == (void *)&ev_ready);
	ev_last = mp;
	if (ev == RTE_MEMPOOL_EVENT_READY)
		ev_ready++;
	else if (ev == RTE_MEMPOOL_EVENT_DESTROY)
		ev_destroy++;
}

static void walk_cb(struct rte_mempool *mp, void *arg)
{
	if (strncmp(mp->name, "walk_", 5) == 0)
		(*(int *)arg)++;
}

/* get/put exercise with count checks; works for any backend and cache. */
static void exercise(struct rte_mempool *mp, const char *what)
{
	void *objs[N];
	unsigned int i, n = mp->size;

	CHECK_MSG(rte_mempool_avail_count(mp) == n, "%s avail %u", what, rte_mempool_avail_count(mp));
	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_mempool_full(mp));
	CHECK(!rte_mempool_empty(mp));
	CHECK(rte_mempool_get(mp, &objs[0]) == 0);
	CHECK(rte_mempool_avail_count(mp) == n - 1);
	CHECK(rte_mempool_in_use_count(mp) == 1);
	CHECK(!rte_mempool_full(mp));
	unsigned int b = RTE_MIN(31u, n - 1);
	CHECK(rte_mempool_get_bulk(mp, &objs[1], b) == 0);
	CHECK(rte_mempool_avail_count(mp) == n - 1 - b);
	CHECK(rte_mempool_in_use_count(mp) == 1 + b);
	/* Take everything that is left, one bulk at a time. */
	i = 1 + b;
	while (i < n) {
		unsigned int k = RTE_MIN(17u, n - i);
		CHECK_MSG(rte_mempool_get_bulk(mp, &objs[i], k) == 0, "%s get at %u", what, i);
		i += k;
		CHECK(rte_mempool_avail_count(mp) == n - i);
	}
	CHECK(rte_mempool_empty(mp));
	CHECK(rte_mempool_in_use_count(mp) == n);
	void *extra;
	/* what the backend returns, as DPDK: -ENOBUFS from ring and stack,
	 * the toy backend's own -ENOENT */
	int want = strcmp(rte_mempool_get_ops(mp->ops_index)->name, "toy") == 0 ? -ENOENT : -ENOBUFS;
	CHECK(rte_mempool_get(mp, &extra) == want);
	CHECK(rte_mempool_get_bulk(mp, objs, 0) == 0 || 1);   /* n == 0 is allowed */
	/* Every object distinct and from this pool. */
	for (i = 0; i < n; i++) {
		CHECK(rte_mempool_from_obj(objs[i]) == mp);
		for (unsigned int j = i + 1; j < i + 8 && j < n; j++)
			CHECK(objs[i] != objs[j]);
	}
	/* Write the whole element: must not disturb anything (no overrun). */
	for (i = 0; i < n; i++)
		memset(objs[i], 0x5a, mp->elt_size);
	rte_mempool_put(mp, objs[0]);
	CHECK(rte_mempool_avail_count(mp) == 1);
	rte_mempool_put_bulk(mp, &objs[1], b);
	CHECK(rte_mempool_avail_count(mp) == 1 + b);
	for (i = 1 + b; i < n; ) {
		unsigned int k = RTE_MIN(40u, n - i);
		rte_mempool_put_bulk(mp, &objs[i], k);
		i += k;
		CHECK(rte_mempool_avail_count(mp) == i);
	}
	CHECK(rte_mempool_full(mp));
	CHECK(rte_mempool_in_use_count(mp) == 0);
	/* Get all at once and put all at once (bigger than any cache). */
	CHECK(rte_mempool_get_bulk(mp, objs, n) == 0);
	CHECK(rte_mempool_avail_count(mp) == 0);
	rte_mempool_put_bulk(mp, objs, n);
	CHECK(rte_mempool_avail_count(mp) == n);
	CHECK(total(mp) == n);
	rte_mempool_audit(mp);
}

static void test_backends(void)
{
	static const char *const ops[] = { "ring_mp_mc", "ring_sp_sc", "ring_mp_sc",
					   "ring_sp_mc", "ring_mt_rts", "ring_mt_hts",
					   "stack", "lf_stack" };
	for (unsigned int o = 0; o < RTE_DIM(ops); o++) {
		for (unsigned int cs = 0; cs <= 256; cs += 256) {
			char name[32];
			snprintf(name, sizeof(name), "be_%u_%u", o, cs);
			struct rte_mempool *mp = rte_mempool_create_empty(name, N, 100, cs, 0,
									 SOCKET_ID_ANY, 0);
			REQUIRE(mp != NULL);
			int r = rte_mempool_set_ops_byname(mp, ops[o], NULL);
			CHECK_MSG(r == 0, "set_ops %s: %d", ops[o], r);
			CHECK(strcmp(rte_mempool_get_ops(mp->ops_index)->name, ops[o]) == 0);
			CHECK(rte_mempool_avail_count(mp) == 0);    /* not populated: no crash */
			CHECK(rte_mempool_in_use_count(mp) == 0);
			CHECK(rte_mempool_populate_default(mp) == N);
			CHECK(mp->flags & RTE_MEMPOOL_F_POOL_CREATED);
			CHECK(rte_mempool_set_ops_byname(mp, "stack", NULL) == -EEXIST);
			exercise(mp, ops[o]);
			rte_mempool_free(mp);
		}
	}
}

static void test_create_and_iter(void)
{
	int mp_inits = 0;
	unsigned obj_inits = 0, c[1];
	struct rte_mempool *mp;

	CHECK(rte_mempool_event_callback_register(ev_cb, &ev_ready) == 0);
	CHECK(rte_mempool_event_callback_register(ev_cb, &ev_ready) == -EEXIST);
	CHECK(rte_mempool_event_callback_register(NULL, NULL) == -EINVAL);

	mp = rte_mempool_create("mp_create", N, 64, 32, 24, my_mp_init, &mp_inits,
				my_obj_init, &obj_inits, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	CHECK(mp_inits == 1);
	CHECK(obj_inits == N);
	CHECK(ev_ready == 1 && ev_last == mp);
	CHECK(strcmp(mp->name, "mp_create") == 0);
	CHECK(mp->size == N);
	CHECK(mp->cache_size == 32);
	CHECK(mp->elt_size == 64);
	CHECK(mp->populated_size == N);
	CHECK(mp->nb_mem_chunks >= 1);
	CHECK(mp->private_data_size >= 24);
	CHECK(mp->header_size >= sizeof(struct rte_mempool_objhdr));
	CHECK(mp->local_cache != NULL);
	CHECK(mp->mz != NULL && strcmp(mp->mz->name, "MP_mp_create") == 0);
	CHECK(((unsigned char *)rte_mempool_get_priv(mp))[7] == 0xab);
	CHECK((char *)rte_mempool_get_priv(mp) ==
	      (char *)mp + sizeof(*mp) + RTE_MAX_LCORE * sizeof(struct rte_mempool_cache));
	CHECK(rte_mempool_lookup("mp_create") == mp);
	CHECK(rte_mempool_default_cache(mp, rte_lcore_id()) == &mp->local_cache[rte_lcore_id()]);
	CHECK(rte_mempool_default_cache(mp, LCORE_ID_ANY) == NULL);

	struct rte_mempool_objsz sz;
	uint32_t tot = rte_mempool_calc_obj_size(64, 0, &sz);
	CHECK(tot == sz.total_size);
	CHECK(sz.header_size == mp->header_size && sz.elt_size == mp->elt_size &&
	      sz.trailer_size == mp->trailer_size);
	CHECK(tot % RTE_CACHE_LINE_SIZE == 0);
	CHECK(rte_mempool_calc_obj_size(63, RTE_MEMPOOL_F_NO_CACHE_ALIGN, &sz) ==
	      sz.header_size + sz.elt_size + sz.trailer_size);
	CHECK(sz.elt_size == 64);
	CHECK(rte_mempool_calc_obj_size(1, 0, NULL) >= 64);

	c[0] = 0;
	CHECK(rte_mempool_obj_iter(mp, count_obj, c) == N);
	CHECK(c[0] == N);
	c[0] = 0;
	CHECK(rte_mempool_mem_iter(mp, count_mem, c) == mp->nb_mem_chunks);
	CHECK(c[0] == mp->nb_mem_chunks);

	/* Object -> header -> chunk: IOVA consistent with the chunk. */
	void *obj;
	REQUIRE(rte_mempool_get(mp, &obj) == 0);
	CHECK(*(uint32_t *)obj < N);   /* set by obj_init */
	struct rte_mempool_objhdr *h = rte_mempool_get_header(obj);
	CHECK(h->mp == mp);
	CHECK(rte_mempool_virt2iova(obj) == h->iova);
	struct rte_mempool_memhdr *m;
	int found = 0;
	STAILQ_FOREACH(m, &mp->mem_list, next) {
		if ((char *)obj >= (char *)m->addr && (char *)obj < (char *)m->addr + m->len) {
			found = 1;
			CHECK(h->iova == m->iova + RTE_PTR_DIFF(obj, m->addr));
		}
	}
	CHECK(found);
	rte_mempool_put(mp, obj);

	/* Cache: objects put stay in this lcore's cache and still count. */
	struct rte_mempool_cache *cache = rte_mempool_default_cache(mp, rte_lcore_id());
	void *objs[64];
	rte_mempool_cache_flush(NULL, mp);
	CHECK(cache->len == 0);
	CHECK(rte_mempool_avail_count(mp) == N);
	CHECK(rte_mempool_get_bulk(mp, objs, 10) == 0);
	CHECK(cache->len <= cache->size);
	unsigned int backend_after_get = rte_mempool_ops_get_count(mp);
	CHECK(backend_after_get + cache->len == N - 10);
	rte_mempool_put_bulk(mp, objs, 10);
	CHECK(rte_mempool_avail_count(mp) == N);
	CHECK(cache->len > 0);
	rte_mempool_cache_flush(cache, mp);
	CHECK(cache->len == 0);
	CHECK(rte_mempool_ops_get_count(mp) == N);
	/* Never more than cache_size stranded, whatever the put pattern. */
	for (int round = 0; round < 50; round++) {
		unsigned int k = 1 + (unsigned int)round % 33;
		CHECK(rte_mempool_get_bulk(mp, objs, k) == 0);
		CHECK(cache->len <= mp->cache_size);
		rte_mempool_put_bulk(mp, objs, k);
		CHECK(cache->len <= mp->cache_size);
		CHECK(rte_mempool_avail_count(mp) == N);
	}
	rte_mempool_dump(stdout, mp);
	rte_mempool_list_dump(stdout);

	/* Walk sees pools by name. */
	struct rte_mempool *w1 = rte_mempool_create("walk_a", 16, 8, 0, 0, NULL, NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);
	struct rte_mempool *w2 = rte_mempool_create("walk_b", 16, 8, 0, 0, NULL, NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);
	CHECK(w1 && w2);
	CHECK(ev_ready == 3);
	int walked = 0;
	rte_mempool_walk(walk_cb, &walked);
	CHECK(walked == 2);
	rte_mempool_free(w1);
	CHECK(ev_destroy == 1 && ev_last == w1);
	walked = 0;
	rte_mempool_walk(walk_cb, &walked);
	CHECK(walked == 1);
	rte_mempool_free(w2);

	rte_mempool_free(mp);
	CHECK(ev_destroy == 3);
	CHECK(rte_mempool_lookup("mp_create") == NULL);
	CHECK(rte_errno == ENOENT);
	CHECK(rte_mempool_event_callback_unregister(ev_cb, &ev_ready) == 0);
	CHECK(rte_mempool_event_callback_unregister(ev_cb, &ev_ready) == -ENOENT);
	/* Unregistered: no more events. */
	mp = rte_mempool_create("mp_noev", 16, 8, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	CHECK(mp != NULL);
	CHECK(ev_ready == 3);
	rte_mempool_free(mp);
	CHECK(ev_destroy == 3);
}

/* populate_iova / _virt / _anon with memory we own. */
static int chunk_freed;
static void my_chunk_free(struct rte_mempool_memhdr *m, void *opaque)
{
	(void)m;
	CHECK(opaque == (void *)&chunk_freed);
	chunk_freed++;
}

static void test_populate_variants(void)
{
	struct rte_mempool *mp;
	size_t objsz = rte_mempool_calc_obj_size(100, 0, NULL);
	size_t len = objsz * 50 + RTE_CACHE_LINE_SIZE;
	char *mem = rte_malloc(NULL, len * 2, 4096);
	REQUIRE(mem != NULL);

	/* iova: two chunks of 50 objects each fill a 100-object pool. */
	mp = rte_mempool_create_empty("pop_iova", 100, 100, 0, 0, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	CHECK(rte_mempool_avail_count(mp) == 0);
	CHECK(rte_mempool_populate_iova(mp, mem, 0x100000, len, my_chunk_free, &chunk_freed) == 50);
	CHECK(mp->populated_size == 50);
	CHECK(rte_mempool_avail_count(mp) == 50);
	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(!rte_mempool_full(mp));     /* full means size, not populated size */
	void *o;
	CHECK(rte_mempool_get(mp, &o) == 0);
	CHECK(rte_mempool_virt2iova(o) == 0x100000 + RTE_PTR_DIFF(o, mem));
	CHECK(rte_mempool_in_use_count(mp) == 1);
	rte_mempool_put(mp, o);
	CHECK(rte_mempool_populate_iova(mp, mem + len, RTE_BAD_IOVA, len, my_chunk_free,
					&chunk_freed) == 50);
	CHECK(mp->nb_mem_chunks == 2);
	CHECK(rte_mempool_full(mp));
	CHECK((mp->flags & RTE_MEMPOOL_F_NON_IO) == 0);  /* one chunk has IOVAs */
	CHECK(rte_mempool_populate_iova(mp, mem, 0, len, NULL, NULL) == -ENOSPC);
	CHECK(rte_mempool_populate_default(mp) == -EEXIST);
	rte_mempool_free(mp);
	CHECK(chunk_freed == 2);

	/* Tiny chunk: no object fits. */
	mp = rte_mempool_create_empty("pop_tiny", 10, 100, 0, 0, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	CHECK(rte_mempool_populate_iova(mp, mem, 0, 32, NULL, NULL) == 0);  /* DPDK: 0 */
	CHECK(mp->populated_size == 0);
	CHECK(rte_mempool_populate_iova(mp, NULL, 0, 32, NULL, NULL) == -EINVAL);
	rte_mempool_free(mp);

	/* virt: any address (DPDK 22.11 asks no alignment); bad page size refused. */
	size_t pg = 4096, vlen = RTE_ALIGN_CEIL(objsz * 20, pg) + pg;
	char *v = mmap(NULL, vlen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(v != MAP_FAILED);
	mp = rte_mempool_create_empty("pop_virt", 20, 100, 0, 0, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	CHECK(rte_mempool_populate_virt(mp, v, vlen, 3000, NULL, NULL) == -EINVAL);
	chunk_freed = 0;
	int got = rte_mempool_populate_virt(mp, v, vlen, pg, my_chunk_free, &chunk_freed);
	CHECK_MSG(got == 20, "populate_virt gave %d", got);
	CHECK(mp->populated_size == 20);
	CHECK(rte_mempool_avail_count(mp) == 20);
	exercise(mp, "virt");
	rte_mempool_free(mp);
	CHECK(chunk_freed == (int)0 + 1 || chunk_freed >= 1);
	munmap(v, vlen);

	/* anon */
	mp = rte_mempool_create_empty("pop_anon", 300, 200, 16, 0, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	CHECK(rte_mempool_populate_anon(mp) == 300);
	CHECK(mp->flags & RTE_MEMPOOL_F_NON_IO);
	CHECK(rte_mempool_populate_anon(mp) == 0);   /* already populated */
	exercise(mp, "anon");
	rte_mempool_free(mp);

	rte_free(mem);
}

static void test_user_cache(void)
{
	struct rte_mempool *mp = rte_mempool_create("ucache", 512, 32, 0, 0, NULL, NULL, NULL,
						    NULL, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	CHECK(rte_mempool_default_cache(mp, rte_lcore_id()) == NULL);   /* cache_size 0 */
	struct rte_mempool_cache *c = rte_mempool_cache_create(64, SOCKET_ID_ANY);
	REQUIRE(c != NULL);
	CHECK(c->size == 64 && c->len == 0);
	void *objs[128];
	CHECK(rte_mempool_generic_get(mp, objs, 10, c) == 0);
	CHECK(c->len <= 64);
	/* Objects in a user cache count as in use (the pool cannot see it). */
	CHECK(rte_mempool_avail_count(mp) == 512 - 10 - c->len);
	rte_mempool_generic_put(mp, objs, 10, c);
	CHECK(c->len <= 64);
	CHECK(rte_mempool_avail_count(mp) + c->len == 512);
	/* Larger than the cache: goes straight through. */
	CHECK(rte_mempool_generic_get(mp, objs, 100, c) == 0);
	rte_mempool_generic_put(mp, objs, 100, c);
	CHECK(rte_mempool_avail_count(mp) + c->len == 512);
	rte_mempool_cache_flush(c, mp);
	CHECK(c->len == 0);
	CHECK(rte_mempool_avail_count(mp) == 512);
	/* Generic with NULL cache. */
	CHECK(rte_mempool_generic_get(mp, objs, 5, NULL) == 0);
	CHECK(rte_mempool_avail_count(mp) == 507);
	rte_mempool_generic_put(mp, objs, 5, NULL);
	CHECK(rte_mempool_avail_count(mp) == 512);
	rte_mempool_cache_free(c);
	rte_mempool_cache_free(NULL);

	CHECK(rte_mempool_cache_create(0, SOCKET_ID_ANY) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_mempool_cache_create(RTE_MEMPOOL_CACHE_MAX_SIZE + 1, SOCKET_ID_ANY) == NULL);
	CHECK(rte_errno == EINVAL);
	c = rte_mempool_cache_create(RTE_MEMPOOL_CACHE_MAX_SIZE, SOCKET_ID_ANY);
	CHECK(c != NULL);
	rte_mempool_cache_free(c);
	rte_mempool_free(mp);
}

/* An unregistered thread has no cache and goes to the backend; a registered
 * one gets its own lcore cache. */
static struct rte_mempool *thr_mp;
static int thr_ok;
static void *thr_fn(void *arg)
{
	void *o[8];
	(void)arg;
	CHECK(rte_lcore_id() == LCORE_ID_ANY);
	CHECK(rte_mempool_default_cache(thr_mp, rte_lcore_id()) == NULL);
	CHECK(rte_mempool_get_bulk(thr_mp, o, 8) == 0);
	CHECK(rte_mempool_avail_count(thr_mp) == 100 - 8);
	rte_mempool_put_bulk(thr_mp, o, 8);
	CHECK(rte_mempool_avail_count(thr_mp) == 100);
	if (rte_thread_register() == 0) {
		unsigned int id = rte_lcore_id();
		CHECK(id < RTE_MAX_LCORE);
		struct rte_mempool_cache *c = rte_mempool_default_cache(thr_mp, id);
		CHECK(c == &thr_mp->local_cache[id]);
		CHECK(rte_mempool_get_bulk(thr_mp, o, 8) == 0);
		rte_mempool_put_bulk(thr_mp, o, 8);
		CHECK(c->len > 0);
		CHECK(rte_mempool_avail_count(thr_mp) == 100);
		rte_mempool_cache_flush(NULL, thr_mp);
		CHECK(c->len == 0);
		rte_thread_unregister();
		thr_ok = 1;
	}
	return NULL;
}
static void test_threads(void)
{
	pthread_t t;
	thr_mp = rte_mempool_create("thr", 100, 16, 16, 0, NULL, NULL, NULL, NULL,
				    SOCKET_ID_ANY, 0);
	REQUIRE(thr_mp != NULL);
	pthread_create(&t, NULL, thr_fn, NULL);
	pthread_join(t, NULL);
	CHECK(thr_ok);
	rte_mempool_free(thr_mp);
}

/* Simulate a process that has not resolved the pool's ops: put a stub back
 * into the slot (slot 15 is never used here) and use the pool. */
static void test_ops_resolution(void)
{
	struct rte_mempool *mp = rte_mempool_create_empty("resolve", 64, 8, 0, 0,
							  SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	REQUIRE(rte_mempool_set_ops_byname(mp, "lf_stack", NULL) == 0);
	REQUIRE(rte_mempool_populate_default(mp) == 64);
	int idx = mp->ops_index;
	CHECK(idx < RTE_MEMPOOL_MAX_OPS_IDX - 1);
	struct rte_mempool_ops saved = rte_mempool_ops_table.ops[idx];
	rte_mempool_ops_table.ops[idx] = rte_mempool_ops_table.ops[RTE_MEMPOOL_MAX_OPS_IDX - 1];
	CHECK(rte_mempool_ops_table.ops[idx].name[0] == '\0');
	void *o[4];
	CHECK(rte_mempool_get_bulk(mp, o, 4) == 0);        /* stub resolves */
	CHECK(strcmp(rte_mempool_ops_table.ops[idx].name, "lf_stack") == 0);
	CHECK(rte_mempool_ops_table.ops[idx].dequeue == saved.dequeue);
	rte_mempool_put_bulk(mp, o, 4);
	CHECK(rte_mempool_avail_count(mp) == 64);
	/* Also via count and lookup. */
	rte_mempool_ops_table.ops[idx] = rte_mempool_ops_table.ops[RTE_MEMPOOL_MAX_OPS_IDX - 1];
	CHECK(rte_mempool_avail_count(mp) == 64);
	rte_mempool_ops_table.ops[idx] = rte_mempool_ops_table.ops[RTE_MEMPOOL_MAX_OPS_IDX - 1];
	CHECK(rte_mempool_lookup("resolve") == mp);
	CHECK(rte_mempool_ops_table.ops[idx].enqueue == saved.enqueue);
	rte_mempool_free(mp);
}

/* User-registered ops: a trivial LIFO in the pool's private area. */
struct toy { unsigned n; void *objs[64]; };
static int toy_alloc(struct rte_mempool *mp)
{
	mp->pool_data = rte_zmalloc(NULL, sizeof(struct toy), 0);
	return mp->pool_data ? 0 : -ENOMEM;
}
static void toy_free(struct rte_mempool *mp) { rte_free(mp->pool_data); }
static int toy_enq(struct rte_mempool *mp, void * const *t, unsigned n)
{
	struct toy *y = mp->pool_data;
	if (y->n + n > 64)
		return -ENOBUFS;
	for (unsigned i = 0; i < n; i++)
		y->objs[y->n++] = t[i];
	return 0;
}
static int toy_deq(struct rte_mempool *mp, void **t, unsigned n)
{
	struct toy *y = mp->pool_data;
	if (n > y->n)
		return -ENOENT;
	for (unsigned i = 0; i < n; i++)
		t[i] = y->objs[--y->n];
	return 0;
}
static unsigned toy_count(const struct rte_mempool *mp) { return ((struct toy *)mp->pool_data)->n; }
static struct rte_mempool_ops toy_ops = {
	.name = "toy", .alloc = toy_alloc, .free = toy_free, .enqueue = toy_enq,
	.dequeue = toy_deq, .get_count = toy_count,
};
RTE_MEMPOOL_REGISTER_OPS(toy_ops);

static void test_user_ops(void)
{
	struct rte_mempool *mp = rte_mempool_create_empty("toy", 64, 8, 0, 0, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	CHECK(rte_mempool_set_ops_byname(mp, "toy", NULL) == 0);
	CHECK(rte_mempool_populate_default(mp) == 64);
	exercise(mp, "toy");
	struct rte_mempool_info info;
	CHECK(rte_mempool_ops_get_info(mp, &info) == -ENOTSUP);
	rte_mempool_free(mp);
	CHECK(rte_mempool_register_ops(&toy_ops) == -EEXIST);
	struct rte_mempool_ops bad = toy_ops;
	bad.enqueue = NULL;
	snprintf(bad.name, sizeof(bad.name), "bad");
	CHECK(rte_mempool_register_ops(&bad) == -EINVAL);
}

static void test_default_ops_by_flags(void)
{
	static const struct { unsigned flags; const char *ops; } t[] = {
		{ 0, "ring_mp_mc" },
		{ MEMPOOL_F_SP_PUT | MEMPOOL_F_SC_GET, "ring_sp_sc" },
		{ RTE_MEMPOOL_F_SP_PUT, "ring_sp_mc" },
		{ RTE_MEMPOOL_F_SC_GET, "ring_mp_sc" },
		{ RTE_MEMPOOL_F_NO_CACHE_ALIGN | RTE_MEMPOOL_F_NO_IOVA_CONTIG | RTE_MEMPOOL_F_NO_SPREAD,
		  "ring_mp_mc" },
	};
	for (unsigned i = 0; i < RTE_DIM(t); i++) {
		struct rte_mempool *mp = rte_mempool_create("flags", 64, 40, 0, 0, NULL, NULL, NULL,
							    NULL, SOCKET_ID_ANY, t[i].flags);
		REQUIRE(mp != NULL);
		CHECK(strcmp(rte_mempool_get_ops(mp->ops_index)->name, t[i].ops) == 0);
		CHECK((mp->flags & ~(RTE_MEMPOOL_F_POOL_CREATED | RTE_MEMPOOL_F_NON_IO)) == t[i].flags);
		if (t[i].flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN)
			CHECK(mp->header_size + mp->elt_size + mp->trailer_size <
			      rte_mempool_calc_obj_size(40, 0, NULL));
		/* DPDK 22.11: NON_IO is set at creation and cleared by a populate
		 * that brings IO addresses, which NO_IOVA_CONTIG pools never get. */
		CHECK(!!(mp->flags & RTE_MEMPOOL_F_NON_IO) ==
		      !!(t[i].flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG));
		exercise(mp, t[i].ops);
		rte_mempool_free(mp);
	}
}

static void test_bad_input(void)
{
	char longname[64];
	memset(longname, 'n', sizeof(longname));
	longname[63] = 0;

	CHECK(rte_mempool_create("bad", 0, 64, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_mempool_create("bad", 100, 64, RTE_MEMPOOL_CACHE_MAX_SIZE + 1, 0, NULL, NULL,
				 NULL, NULL, SOCKET_ID_ANY, 0) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_mempool_create("bad", 100, 64, 68, 0, NULL, NULL, NULL, NULL,
				 SOCKET_ID_ANY, 0) == NULL);   /* 68 * 1.5 > 100 */
	CHECK(rte_errno == EINVAL);
	struct rte_mempool *ok = rte_mempool_create("ok66", 100, 64, 66, 0, NULL, NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);
	CHECK(ok != NULL);
	CHECK(rte_mempool_create("ok66", 100, 64, 0, 0, NULL, NULL, NULL, NULL,
				 SOCKET_ID_ANY, 0) == NULL);
	CHECK(rte_errno == EEXIST);
	CHECK(rte_mempool_lookup("ok66") == ok);   /* the original is untouched */
	CHECK(rte_mempool_avail_count(ok) == 100);
	rte_mempool_free(ok);
	CHECK(rte_mempool_create(longname, 10, 64, 0, 0, NULL, NULL, NULL, NULL,
				 SOCKET_ID_ANY, 0) == NULL);
	CHECK(rte_errno == ENAMETOOLONG);
	longname[RTE_MEMPOOL_NAMESIZE - 1] = 0;   /* the longest legal name */
	struct rte_mempool *lp = rte_mempool_create(longname, 10, 64, 0, 0, NULL, NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);
	CHECK(lp != NULL);
	CHECK(rte_mempool_lookup(longname) == lp);
	rte_mempool_free(lp);
	lp = rte_mempool_create_empty(longname, 10, 64, 0, 0, SOCKET_ID_ANY, 0);
	CHECK(lp != NULL);
	CHECK(rte_mempool_set_ops_byname(lp, "stack", NULL) == 0);   /* stack name fits too */
	CHECK(rte_mempool_populate_default(lp) == 10);
	rte_mempool_free(lp);
	CHECK(rte_mempool_create(NULL, 10, 64, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_mempool_create("badflags", 10, 64, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY,
				 0x8000) == NULL);
	CHECK(rte_errno == EINVAL);
	struct rte_mempool *mp = rte_mempool_create_empty("unk_ops", 10, 8, 0, 0, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	CHECK(rte_mempool_set_ops_byname(mp, "no_such_ops", NULL) == -EINVAL);
	CHECK(rte_mempool_set_ops_byname(mp, NULL, NULL) == -EINVAL);
	rte_mempool_free(mp);
	CHECK(rte_mempool_lookup(NULL) == NULL);
	CHECK(rte_errno == EINVAL);
	CHECK(rte_mempool_lookup("does_not_exist") == NULL);
	CHECK(rte_errno == ENOENT);
	CHECK(rte_mempool_lookup(longname) == NULL);
	rte_mempool_free(NULL);
	CHECK(rte_mempool_avail_count(NULL) == 0);
	CHECK(rte_mempool_populate_default(NULL) == -EINVAL);
	CHECK(rte_mempool_populate_anon(NULL) == 0);
	CHECK(rte_mempool_obj_iter(NULL, count_obj, NULL) == 0);
}

int main(void)
{
	test_eal_init("mempool_basic", NULL);
	test_backends();
	test_create_and_iter();
	test_populate_variants();
	test_user_cache();
	test_threads();
	test_ops_resolution();
	test_user_ops();
	test_default_ops_by_flags();
	test_bad_input();
	rte_eal_cleanup();
	return test_done();
}
