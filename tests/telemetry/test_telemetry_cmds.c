/* SPDX-License-Identifier: BSD-3-Clause
 * Every built-in telemetry command: JSON shape and values that move when
 * the test changes the process (heap bytes, pool use, ring fill), plus an
 * application command built with every rte_tel_data builder. */
#include <stdint.h>
#include <unistd.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_lcore.h>
#include <rte_telemetry.h>
#include "tel_test.h"

static int fd;

static bool arr_has_str(const struct jv *a, const char *s)
{
	for (size_t i = 0; a && a->t == JV_ARR && i < a->n; i++)
		if (a->v[i].t == JV_STR && strcmp(a->v[i].s, s) == 0)
			return true;
	return false;
}

static bool arr_has_int(const struct jv *a, int64_t x)
{
	for (size_t i = 0; a && a->t == JV_ARR && i < a->n; i++)
		if (a->v[i].t == JV_NUM && jv_i64(&a->v[i]) == x)
			return true;
	return false;
}

static uint64_t field(const char *req, const char *key)
{
	const struct jv *d;
	struct jv *v = tt_query(fd, req, NULL, &d);
	uint64_t x = jv_u64(jv_get(d, key));
	jv_free(v);
	return x;
}

/* an application command using every builder */
static int app_cmd(const char *cmd, const char *params, struct rte_tel_data *d)
{
	CHECK(strcmp(cmd, "/test/app") == 0);
	struct rte_tel_data *ints = rte_tel_data_alloc(), *strs = rte_tel_data_alloc();
	struct rte_tel_data *u64s = rte_tel_data_alloc(), *sub = rte_tel_data_alloc();
	rte_tel_data_start_array(ints, RTE_TEL_INT_VAL);
	rte_tel_data_add_array_int(ints, -5);
	rte_tel_data_add_array_int(ints, 7);
	rte_tel_data_start_array(strs, RTE_TEL_STRING_VAL);
	rte_tel_data_add_array_string(strs, "a\"b\\c\n");
	rte_tel_data_start_array(u64s, RTE_TEL_U64_VAL);
	rte_tel_data_add_array_u64(u64s, UINT64_MAX);
	rte_tel_data_start_dict(sub);
	rte_tel_data_add_dict_u64(sub, "deep", 42);
	CHECK(rte_tel_data_add_dict_container(sub, "u64s", u64s, 0) == 0);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "params", params ? params : "(none)");
	rte_tel_data_add_dict_int(d, "neg", -1);
	CHECK(rte_tel_data_add_dict_container(d, "ints", ints, 0) == 0);
	CHECK(rte_tel_data_add_dict_container(d, "strs", strs, 0) == 0);
	CHECK(rte_tel_data_add_dict_container(d, "sub", sub, 0) == 0);
	return 0;
}

static int app_arrays(const char *cmd __rte_unused, const char *params __rte_unused,
		      struct rte_tel_data *d)
{
	static struct rte_tel_data *kept;   /* keep = 1: stays ours across replies */
	if (kept == NULL) {
		kept = rte_tel_data_alloc();
		rte_tel_data_start_array(kept, RTE_TEL_STRING_VAL);
		rte_tel_data_add_array_string(kept, "kept");
	}
	struct rte_tel_data *a = rte_tel_data_alloc();
	rte_tel_data_start_array(a, RTE_TEL_INT_VAL);
	rte_tel_data_add_array_int(a, 1);
	rte_tel_data_start_array(d, RTE_TEL_CONTAINER);
	CHECK(rte_tel_data_add_array_container(d, a, 0) == 0);
	CHECK(rte_tel_data_add_array_container(d, kept, 1) == 0);
	return 0;
}

static int app_fail(const char *cmd __rte_unused, const char *params __rte_unused,
		    struct rte_tel_data *d)
{
	struct rte_tel_data *a = rte_tel_data_alloc();   /* handed over, then fail */
	rte_tel_data_start_array(a, RTE_TEL_INT_VAL);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_container(d, "x", a, 0);
	return -1;
}

static void test_builders(void)
{
	struct rte_tel_data *d = rte_tel_data_alloc(), *e = rte_tel_data_alloc();
	char big[300];
	REQUIRE(d && e);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	CHECK(rte_tel_data_add_array_string(d, "x") == -EINVAL);
	CHECK(rte_tel_data_add_array_u64(d, 1) == -EINVAL);
	CHECK(rte_tel_data_add_dict_int(d, "a", 1) == -EINVAL);
	for (int i = 0; i < RTE_TEL_MAX_ARRAY_ENTRIES; i++)
		CHECK(rte_tel_data_add_array_int(d, i) == 0);
	CHECK(rte_tel_data_add_array_int(d, 1) == -ENOSPC);
	rte_tel_data_start_dict(d);
	CHECK(rte_tel_data_add_dict_int(d, "bad name", 1) == -EINVAL);
	CHECK(rte_tel_data_add_dict_int(d, "ok_name/1", 1) == 0);
	CHECK(rte_tel_data_add_dict_string(d, "long", big) == E2BIG);
	CHECK(rte_tel_data_add_dict_string(d, NULL, "x") == -EINVAL);
	CHECK(rte_tel_data_add_dict_container(d, "self", d, 0) == -EINVAL);
	CHECK(rte_tel_data_add_dict_container(d, "null", NULL, 0) == -EINVAL);
	for (int i = 2; i < RTE_TEL_MAX_DICT_ENTRIES; i++)
		CHECK(rte_tel_data_add_dict_u64(d, "k", (uint64_t)i) == 0);
	CHECK(rte_tel_data_add_dict_u64(d, "k", 1) == -ENOSPC);
	rte_tel_data_start_dict(e);
	rte_tel_data_start_array(d, RTE_TEL_CONTAINER);
	CHECK(rte_tel_data_add_array_container(d, e, 1) == -EINVAL);   /* 22.11: arrays only */
	CHECK(rte_tel_data_string(d, big) == 0);
	CHECK(rte_tel_data_start_array(NULL, RTE_TEL_INT_VAL) == -EINVAL);
	CHECK(rte_tel_data_string(NULL, "x") == -EINVAL);
	rte_tel_data_free(d);
	rte_tel_data_free(e);
	rte_tel_data_free(NULL);

	CHECK(rte_telemetry_register_cmd("noslash", app_cmd, "h") == -EINVAL);
	CHECK(rte_telemetry_register_cmd("/bad cmd", app_cmd, "h") == -EINVAL);
	CHECK(rte_telemetry_register_cmd("/x", NULL, "h") == -EINVAL);
	CHECK(rte_telemetry_register_cmd("/x", app_cmd, NULL) == -EINVAL);
	CHECK(rte_telemetry_register_cmd("/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
					 app_cmd, "h") == -EINVAL);
	CHECK(rte_telemetry_register_cmd("/x", app_cmd, big) == -EINVAL);
}

int main(void)
{
	const char *extra[] = { "--", "app_arg1", "app,arg2", NULL };
	const struct jv *d;
	struct jv *v;

	test_builders();
	/* registered before init, like DPDK libraries' constructors */
	REQUIRE(rte_telemetry_register_cmd("/test/app", app_cmd, "test command") == 0);
	test_eal_init("tel_cmds", extra);
	REQUIRE(rte_telemetry_register_cmd("/test/arrays", app_arrays, "arrays") == 0);
	REQUIRE(rte_telemetry_register_cmd("/test/fail", app_fail, "fails") == 0);

	/* banner */
	char path[512], banner[1024];
	tt_path(path, sizeof(path), 0);
	fd = tc_connect(path, banner, sizeof(banner), 10000);
	REQUIRE(fd >= 0);
	v = jv_parse(banner, strlen(banner));
	REQUIRE(v != NULL);
	CHECK(v->n == 3 && strcmp(v->keys[0], "version") == 0);
	CHECK(jv_get(v, "version") && jv_get(v, "version")->t == JV_STR);
	CHECK(jv_i64(jv_get(v, "pid")) == getpid());
	int64_t maxlen = jv_i64(jv_get(v, "max_output_len"));
	CHECK(maxlen >= 1024);
	jv_free(v);

	/* / and /help, /info */
	v = tt_query(fd, "/", "/", &d);
	REQUIRE(v && d->t == JV_ARR);
	static const char *const builtins[] = {
		"/", "/help", "/info", "/eal/params", "/eal/app_params", "/eal/heap_list",
		"/eal/heap_info", "/eal/heap_types", "/eal/memzone_list", "/eal/memzone_info",
		"/eal/hugepages", "/eal/memseg_lists", "/eal/lcore/list", "/eal/lcore/info", "/eal/lcore/owners",
		"/mempool/list", "/mempool/info", "/ring/list", "/ring/info", "/test/app",
	};
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		CHECK_MSG(arr_has_str(d, builtins[i]), "%s", builtins[i]);
	for (size_t i = 1; i < d->n; i++)
		CHECK(strcmp(d->v[i - 1].s, d->v[i].s) < 0);   /* sorted */
	jv_free(v);
	v = tt_query(fd, "/help", "/help", &d);
	CHECK(v && d->t == JV_STR);
	jv_free(v);
	v = tt_query(fd, "/help,/eal/heap_info", "/help", &d);
	CHECK(v && d->t == JV_OBJ && jv_get(d, "/eal/heap_info") && jv_get(d, "/eal/heap_info")->t == JV_STR);
	jv_free(v);
	v = tt_query(fd, "/help,/nosuch", "/help", &d);
	CHECK(v && d->t == JV_NULL);
	jv_free(v);
	v = tt_query(fd, "/info", "/info", &d);
	CHECK(v && jv_i64(jv_get(d, "pid")) == getpid() && jv_i64(jv_get(d, "max_output_len")) == maxlen);
	jv_free(v);
	v = tt_query(fd, "/nosuch/command", "/nosuch/command", &d);
	CHECK(v && d->t == JV_NULL);
	jv_free(v);

	/* params */
	v = tt_query(fd, "/eal/params", "/eal/params", &d);
	CHECK(v && d->t == JV_ARR && d->n >= 2 && strcmp(d->v[0].s, "dplite-test") == 0 &&
	      strncmp(d->v[1].s, "--file-prefix=tel_cmds", 22) == 0 && !arr_has_str(d, "--"));
	jv_free(v);
	v = tt_query(fd, "/eal/app_params", "/eal/app_params", &d);
	CHECK(v && d->t == JV_ARR && d->n == 2 && strcmp(d->v[0].s, "app_arg1") == 0 &&
	      strcmp(d->v[1].s, "app,arg2") == 0);
	jv_free(v);

	/* heaps: bytes move when we allocate, per type too */
	v = tt_query(fd, "/eal/heap_list", "/eal/heap_list", &d);
	REQUIRE(v && d->t == JV_ARR && d->n >= 1);
	char req[128];
	snprintf(req, sizeof(req), "/eal/heap_info,%lld", (long long)jv_i64(&d->v[0]));
	jv_free(v);
	int sock = rte_socket_id_by_idx(0);
	void *p0 = rte_malloc_socket("tel_warm", 64, 0, sock);   /* heap memory exists */
	uint64_t before = field(req, "Alloc_size");
	void *p = rte_malloc_socket("tel_type_x", 1 << 20, 0, sock);
	REQUIRE(p != NULL);
	uint64_t after = field(req, "Alloc_size");
	CHECK_MSG(after >= before + (1 << 20), "%llu -> %llu", (unsigned long long)before,
		  (unsigned long long)after);
	v = tt_query(fd, req, "/eal/heap_info", &d);
	CHECK(v && jv_get(d, "Head_id") && jv_get(d, "Name") && jv_get(d, "Heap_size") &&
	      jv_get(d, "Free_size") && jv_get(d, "Greatest_free_size") && jv_get(d, "Alloc_count") &&
	      jv_get(d, "Free_count"));
	CHECK(jv_u64(jv_get(d, "Heap_size")) >= jv_u64(jv_get(d, "Alloc_size")));
	jv_free(v);
	v = tt_query(fd, "/eal/heap_types", "/eal/heap_types", &d);
	const struct jv *t = jv_get(d, "tel_type_x");
	CHECK(t && jv_u64(jv_get(t, "bytes")) >= (1 << 20) && jv_u64(jv_get(t, "count")) == 1);
	jv_free(v);
	rte_free(p);
	CHECK(field(req, "Alloc_size") < after);
	v = tt_query(fd, "/eal/heap_types", "/eal/heap_types", &d);
	CHECK(v && d->t == JV_OBJ && jv_get(d, "tel_type_x") == NULL);
	jv_free(v);
	rte_free(p0);

	/* memzones */
	const struct rte_memzone *mz = rte_memzone_reserve("tel_mz", 65536, SOCKET_ID_ANY, 0);
	REQUIRE(mz != NULL);
	v = tt_query(fd, "/eal/memzone_list", "/eal/memzone_list", &d);
	REQUIRE(v && d->t == JV_ARR && d->n >= 1);
	bool found = false;
	for (size_t i = 0; i < d->n; i++) {
		const struct jv *dd;
		snprintf(req, sizeof(req), "/eal/memzone_info,%lld", (long long)jv_i64(&d->v[i]));
		struct jv *w = tt_query(fd, req, "/eal/memzone_info", &dd);
		CHECK(w && dd->t == JV_OBJ && jv_get(dd, "Name") && jv_get(dd, "Hugepage_used"));
		if (w && strcmp(jv_get(dd, "Name")->s, "tel_mz") == 0) {
			found = true;
			CHECK(jv_u64(jv_get(dd, "Length")) == 65536);
			CHECK(jv_u64(jv_get(dd, "Zone")) == jv_u64(&d->v[i]));
			CHECK(jv_u64(jv_get(dd, "Hugepage_size")) > 0);
			char a[32];
			snprintf(a, sizeof(a), "0x%lx", (unsigned long)mz->addr);
			CHECK(strcmp(jv_get(dd, "Address")->s, a) == 0);
		}
		jv_free(w);
	}
	CHECK(found);
	jv_free(v);

	/* hugepages and memseg lists */
	v = tt_query(fd, "/eal/hugepages", "/eal/hugepages", &d);
	CHECK(v && d->t == JV_OBJ);
	if (v && rte_eal_has_hugepages() && !test_no_huge()) {
		uint64_t used = 0;
		for (size_t i = 0; i < d->n; i++) {
			CHECK(jv_get(&d->v[i], "total") && jv_get(&d->v[i], "free"));
			used += jv_u64(jv_get(&d->v[i], "used_by_prefix"));
		}
		CHECK(used > 0);
	}
	jv_free(v);
	v = tt_query(fd, "/eal/memseg_lists", "/eal/memseg_lists", &d);
	CHECK(v && d->t == JV_OBJ && d->n >= 1);
	uint64_t used_pages = 0;
	for (size_t i = 0; v && i < d->n; i++) {
		CHECK(jv_u64(jv_get(&d->v[i], "page_size")) >= 4096);
		used_pages += jv_u64(jv_get(&d->v[i], "pages_used"));
	}
	CHECK(used_pages > 0);
	jv_free(v);

	/* lcores */
	v = tt_query(fd, "/eal/lcore/list", "/eal/lcore/list", &d);
	CHECK(v && arr_has_int(d, rte_get_main_lcore()));
	jv_free(v);
	snprintf(req, sizeof(req), "/eal/lcore/info,%u", rte_get_main_lcore());
	v = tt_query(fd, req, "/eal/lcore/info", &d);
	CHECK(v && strcmp(jv_get(d, "role")->s, "RTE") == 0 && jv_i64(jv_get(d, "main")) == 1 &&
	      jv_get(d, "cpuset")->t == JV_ARR && jv_i64(jv_get(d, "owner_pid")) == getpid());
	jv_free(v);

	v = tt_query(fd, "/eal/lcore/owners", "/eal/lcore/owners", &d);
	snprintf(req, sizeof(req), "%u", rte_get_main_lcore());
	CHECK(v && jv_i64(jv_get(d, req)) == getpid());
	jv_free(v);

	/* mempools: counts move with gets */
	struct rte_mempool *mp = rte_mempool_create("tel_pool", 1023, 128, 32, 0, NULL, NULL, NULL,
						    NULL, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	v = tt_query(fd, "/mempool/list", "/mempool/list", &d);
	CHECK(v && arr_has_str(d, "tel_pool"));
	jv_free(v);
	v = tt_query(fd, "/mempool/info,tel_pool", "/mempool/info", &d);
	CHECK(v && strcmp(jv_get(d, "name")->s, "tel_pool") == 0 && jv_u64(jv_get(d, "size")) == 1023 &&
	      jv_u64(jv_get(d, "cache_size")) == 32 && jv_get(d, "ops_index") && jv_get(d, "mz_name") &&
	      jv_u64(jv_get(d, "populated_size")) == 1023);
	CHECK(v && jv_get(d, "ops_name") && strcmp(jv_get(d, "ops_name")->s, "ring_mp_mc") == 0);
	CHECK(jv_u64(jv_get(d, "in_use_count")) == 0);
	jv_free(v);
	void *objs[10];
	REQUIRE(rte_mempool_get_bulk(mp, objs, 10) == 0);
	CHECK(field("/mempool/info,tel_pool", "in_use_count") == 10);
	rte_mempool_put_bulk(mp, objs, 10);
	v = tt_query(fd, "/mempool/info,nosuch", "/mempool/info", &d);
	CHECK(v && d->t == JV_OBJ && d->n == 0);                 /* DPDK: empty dict */
	jv_free(v);

	/* rings */
	struct rte_ring *r = rte_ring_create("tel_ring", 64, SOCKET_ID_ANY, RING_F_SP_ENQ);
	REQUIRE(r != NULL);
	v = tt_query(fd, "/ring/list", "/ring/list", &d);
	CHECK(v && arr_has_str(d, "tel_ring"));
	jv_free(v);
	for (uintptr_t i = 1; i <= 3; i++)
		rte_ring_enqueue(r, (void *)i);
	v = tt_query(fd, "/ring/info,tel_ring", "/ring/info", &d);
	CHECK(v && jv_u64(jv_get(d, "used_count")) == 3 && jv_u64(jv_get(d, "capacity")) == 63 &&
	      jv_u64(jv_get(d, "size")) == 64 && strcmp(jv_get(d, "prod_type")->s, "SP") == 0 &&
	      strcmp(jv_get(d, "cons_type")->s, "MC") == 0 && jv_u64(jv_get(d, "prod_tail")) == 3);
	jv_free(v);
	v = tt_query(fd, "/ring/info,nosuch", "/ring/info", &d);
	CHECK(v && d->t == JV_NULL);
	jv_free(v);

	/* application commands */
	v = tt_query(fd, "/test/app,x,y", "/test/app", &d);
	CHECK(v && strcmp(jv_get(d, "params")->s, "x,y") == 0 && jv_i64(jv_get(d, "neg")) == -1);
	CHECK(v && jv_get(d, "ints")->n == 2 && jv_i64(&jv_get(d, "ints")->v[0]) == -5);
	CHECK(v && strcmp(jv_get(d, "strs")->v[0].s, "a\"b\\c\n") == 0);
	const struct jv *sub = jv_get(d, "sub");
	CHECK(sub && jv_u64(jv_get(sub, "deep")) == 42 && jv_get(sub, "u64s") &&
	      jv_u64(&jv_get(sub, "u64s")->v[0]) == UINT64_MAX);
	jv_free(v);
	v = tt_query(fd, "/test/app", "/test/app", &d);
	CHECK(v && strcmp(jv_get(d, "params")->s, "(none)") == 0);
	jv_free(v);
	for (int i = 0; i < 3; i++) {
		v = tt_query(fd, "/test/arrays", "/test/arrays", &d);
		CHECK(v && d->t == JV_ARR && d->n == 2 && d->v[1].n == 1 &&
		      strcmp(d->v[1].v[0].s, "kept") == 0);
		jv_free(v);
	}
	v = tt_query(fd, "/test/fail", "/test/fail", &d);
	CHECK(v && d->t == JV_NULL);
	jv_free(v);

	close(fd);
	rte_ring_free(r);
	rte_mempool_free(mp);
	rte_memzone_free(mz);
	rte_eal_cleanup();
	return test_done();
}
