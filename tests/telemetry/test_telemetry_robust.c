/* SPDX-License-Identifier: BSD-3-Clause
 * Bad input never crashes, hangs or wedges the telemetry server: bad ids,
 * empty, binary, non-UTF-8, 100 KB and all-'/' requests, replies larger
 * than max_output_len, strings full of control bytes, clients that never
 * read, never send, or leave mid-reply. After each, the next client is
 * served and every reply is valid JSON no longer than max_output_len. */
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <rte_telemetry.h>
#include "tel_test.h"

static int64_t maxlen;

/* Send raw bytes, expect one valid JSON reply of the {"key": data} shape. */
static struct jv *raw_query(int fd, const void *req, size_t n, size_t *len)
{
	static char out[TT_BUF];
	ssize_t r = tc_query(fd, req, n, out, sizeof(out));
	if (r < 0) {
		fprintf(stderr, "raw query of %zu bytes: %s\n", n, strerror((int)-r));
		return NULL;
	}
	*len = (size_t)r;
	struct jv *v = jv_parse(out, (size_t)r);
	if (v == NULL || v->t != JV_OBJ || v->n != 1) {
		fprintf(stderr, "raw query of %zu bytes: bad reply %.100s\n", n, out);
		jv_free(v);
		return NULL;
	}
	return v;
}

/* The reply to req must be null data. */
static void expect_null(int fd, const char *req, size_t n)
{
	size_t len;
	struct jv *v = raw_query(fd, req, n, &len);
	CHECK_MSG(v && v->v[0].t == JV_NULL, "request '%.40s' (%zu bytes)", req, n);
	CHECK((int64_t)len <= maxlen);
	jv_free(v);
}

static void expect_served(void)
{
	int fd = tt_connect();
	const struct jv *d;
	struct jv *v = tt_query(fd, "/info", "/info", &d);
	CHECK(v && jv_i64(jv_get(d, "pid")) == getpid());
	jv_free(v);
	close(fd);
}

/* replies bigger than any limit */
static int big_array(const char *c __rte_unused, const char *p __rte_unused, struct rte_tel_data *d)
{
	char s[RTE_TEL_MAX_STRING_LEN];
	memset(s, '"', sizeof(s) - 1);         /* every byte doubles when escaped */
	s[sizeof(s) - 1] = '\0';
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (int i = 0; i < RTE_TEL_MAX_ARRAY_ENTRIES; i++)
		rte_tel_data_add_array_string(d, s);
	return 0;
}

static int big_string(const char *c __rte_unused, const char *p __rte_unused, struct rte_tel_data *d)
{
	static char s[RTE_TEL_MAX_SINGLE_STRING_LEN];
	for (size_t i = 0; i < sizeof(s) - 1; i++)
		s[i] = (char)(i % 3 == 0 ? 0x01 : i % 3 == 1 ? 0xe9 : '\\');   /* control, bad UTF-8 */
	s[sizeof(s) - 1] = '\0';
	rte_tel_data_string(d, s);
	return 0;
}

static int big_nested(const char *c __rte_unused, const char *p __rte_unused, struct rte_tel_data *d)
{
	rte_tel_data_start_dict(d);
	for (int i = 0; i < 200; i++) {
		struct rte_tel_data *a = rte_tel_data_alloc();
		rte_tel_data_start_array(a, RTE_TEL_U64_VAL);
		for (int j = 0; j < 100; j++)
			rte_tel_data_add_array_u64(a, UINT64_MAX - (uint64_t)j);
		char name[16];
		snprintf(name, sizeof(name), "k%d", i);
		if (rte_tel_data_add_dict_container(d, name, a, 0) < 0)
			rte_tel_data_free(a);
	}
	return 0;
}

static int weird_strings(const char *c __rte_unused, const char *p __rte_unused, struct rte_tel_data *d)
{
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "ctl", "\x01\x02\x1f\x7f\b\f\t");
	rte_tel_data_add_dict_string(d, "bad_utf8", "\xff\xfe\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80");
	rte_tel_data_add_dict_string(d, "good_utf8", "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80");
	rte_tel_data_add_dict_string(d, "cut_utf8", "\xe2\x82");
	return 0;
}

static void check_big(int fd, const char *req)
{
	size_t len;
	struct jv *v = raw_query(fd, req, strlen(req), &len);
	CHECK_MSG(v != NULL, "%s", req);
	CHECK_MSG((int64_t)len <= maxlen, "%s: %zu > %lld", req, len, (long long)maxlen);
	if (v && v->v[0].t == JV_ARR)
		CHECK(v->v[0].n > 0 && v->v[0].n < RTE_TEL_MAX_ARRAY_ENTRIES);
	if (v && v->v[0].t == JV_STR)
		CHECK(v->v[0].n > 0);
	jv_free(v);
}

int main(void)
{
	const struct jv *d;
	struct jv *v;
	char buf[1024];

	test_eal_init("tel_robust", NULL);
	REQUIRE(rte_telemetry_register_cmd("/test/big_array", big_array, "") == 0);
	REQUIRE(rte_telemetry_register_cmd("/test/big_string", big_string, "") == 0);
	REQUIRE(rte_telemetry_register_cmd("/test/big_nested", big_nested, "") == 0);
	REQUIRE(rte_telemetry_register_cmd("/test/weird", weird_strings, "") == 0);
	char path[512], banner[1024];
	tt_path(path, sizeof(path), 0);
	int fd = tc_connect(path, banner, sizeof(banner), 10000);
	REQUIRE(fd >= 0);
	v = jv_parse(banner, strlen(banner));
	REQUIRE(v);
	maxlen = jv_i64(jv_get(v, "max_output_len"));
	jv_free(v);

	/* ids out of range, negative, malformed (DPDK 22.11 crashes on the first) */
	static const char *const ids[] = { "999999", "-1", "", "abc", "1x", " 1", "0x1",
					   "99999999999999999999999", "4294967296", "1,2" };
	static const char *const cmds[] = { "/eal/heap_info", "/eal/memzone_info", "/eal/lcore/info" };
	for (size_t c = 0; c < 3; c++)
		for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
			snprintf(buf, sizeof(buf), "%s,%s", cmds[c], ids[i]);
			expect_null(fd, buf, strlen(buf));
		}
	expect_null(fd, "/ring/info,", strlen("/ring/info,"));
	expect_null(fd, "/ring/info,nosuch_ring_at_all_with_a_name_much_too_long_for_a_ring", 66);
	v = tt_query(fd, "/mempool/info", "/mempool/info", &d);
	CHECK(v && d->t == JV_NULL);
	jv_free(v);

	/* empty, binary, non-UTF-8, commas only */
	size_t len;
	v = raw_query(fd, "", 0, &len);
	CHECK(v && v->v[0].t == JV_NULL);
	jv_free(v);
	expect_null(fd, "/info\0garbage", 13);
	char bin[512];
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (char)(i * 7 + 1);
	expect_null(fd, bin, sizeof(bin));
	expect_null(fd, "/\xff\xfe\xc0\x80\"\\\n", 9);
	expect_null(fd, ",,,,", 4);
	expect_null(fd, "/eal/\x01\x02", 7);

	/* oversized and thousands of '/' */
	static char huge[100 * 1024];
	memset(huge, '/', sizeof(huge));
	expect_null(fd, huge, 5000);
	expect_null(fd, huge, sizeof(huge));
	memcpy(huge, "/info,", 6);
	expect_null(fd, huge, sizeof(huge));           /* valid command, oversized: refused */
	v = tt_query(fd, "/info", "/info", &d);        /* the connection still works */
	CHECK(v && d->t == JV_OBJ);
	jv_free(v);

	/* replies over max_output_len stay valid JSON */
	check_big(fd, "/test/big_array");
	check_big(fd, "/test/big_string");
	check_big(fd, "/test/big_nested");
	v = tt_query(fd, "/test/weird", "/test/weird", &d);
	CHECK(v && strcmp(jv_get(d, "ctl")->s, "\x01\x02\x1f\x7f\b\f\t") == 0);
	CHECK(v && strcmp(jv_get(d, "good_utf8")->s, "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80") == 0);
	CHECK(v && strstr(jv_get(d, "bad_utf8")->s, "\xef\xbf\xbd") != NULL);   /* U+FFFD */
	jv_free(v);
	close(fd);

	/* a client that sends and never reads: dropped, others served meanwhile */
	int lazy = tt_connect();
	int sent = 0;
	for (int i = 0; i < 100000; i++) {
		if (send(lazy, "/test/big_array", 15, MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
			break;
		sent++;
	}
	CHECK(sent > 0);
	expect_served();
	/* without ever reading, it is cut off once a send times out (2 s);
	 * POLLRDHUP says so while its replies still sit unread */
	bool dropped = false;
	for (int i = 0; i < 300 && !dropped; i++) {
		struct pollfd p = { .fd = lazy, .events = POLLRDHUP };
		dropped = poll(&p, 1, 100) > 0 && (p.revents & (POLLRDHUP | POLLHUP));
	}
	CHECK(dropped);
	close(lazy);
	expect_served();

	/* clients that leave mid-reply */
	for (int i = 0; i < 200; i++) {
		int c = tt_connect();
		send(c, "/test/big_nested", 16, MSG_NOSIGNAL);
		close(c);
	}
	expect_served();

	/* more idle clients than the server admits: the longest idle ones go */
	int idle[40];
	for (int i = 0; i < 40; i++) {
		char b2[1024];
		idle[i] = tc_connect(path, b2, sizeof(b2), 10000);
		CHECK_MSG(idle[i] >= 0, "idle client %d: %s", i, strerror(-idle[i]));
	}
	expect_served();
	for (int i = 0; i < 40; i++)
		if (idle[i] >= 0)
			close(idle[i]);
	expect_served();

	rte_eal_cleanup();
	/* the socket goes with the server */
	CHECK(access(path, F_OK) != 0);
	return test_done();
}
