/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-fwd --json: the last line of stdout is one JSON object with the
 * keys and types issue 14 lists (checked by a small parser, no python):
 *   {"mode","fwd","seconds","mpps","ports":[{"port","name","rx_packets",
 *    "tx_packets","rx_dropped","tx_dropped"}],"lcores":[...],"drops":{...},
 *    "mempool_in_use":0}
 * With --mode=both there is one object per phase, pipeline then rtc, and the
 * rtc one is the last line.
 * usage: test_fwd_json PATH/dplite-fwd */
#include "fwdtest.h"

static struct run r;
static struct jdoc doc;

static int is(int node, enum jtype t)
{
	return node >= 0 && doc.n[node].type == t;
}

static void check_summary(const char *line, const char *mode)
{
	if (json_parse(&doc, line) != 0) {
		CHECK_MSG(0, "not one JSON value: %s", line);
		return;
	}
	CHECK(doc.n[0].type == J_OBJ);
	int k = json_get(&doc, 0, "mode");
	CHECK_MSG(is(k, J_STR) && strcmp(doc.n[k].str, mode) == 0, "mode is not \"%s\"", mode);
	k = json_get(&doc, 0, "fwd");
	CHECK(is(k, J_STR) && strcmp(doc.n[k].str, "io") == 0);
	CHECK(is(json_get(&doc, 0, "seconds"), J_NUM) && json_num(&doc, 0, "seconds") > 0);
	CHECK(is(json_get(&doc, 0, "mpps"), J_NUM) && json_num(&doc, 0, "mpps") > 0);
	int ports = json_get(&doc, 0, "ports");
	CHECK(is(ports, J_ARR) && json_len(&doc, ports) == 2);
	int idx = 0;
	for (int p = ports >= 0 ? doc.n[ports].first_child : -1; p >= 0; p = doc.n[p].next, idx++) {
		static const char *const nums[] = { "port", "rx_packets", "tx_packets", "rx_dropped", "tx_dropped" };
		CHECK(is(p, J_OBJ));
		for (unsigned int i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
			CHECK_MSG(is(json_get(&doc, p, nums[i]), J_NUM), "ports[%d].%s missing or not a number", idx, nums[i]);
		CHECK_MSG(is(json_get(&doc, p, "name"), J_STR), "ports[%d].name", idx);
		CHECK(json_num(&doc, p, "port") == idx);
	}
	int lc = json_get(&doc, 0, "lcores");
	CHECK(is(lc, J_ARR) && json_len(&doc, lc) >= 1);
	for (int l = lc >= 0 ? doc.n[lc].first_child : -1; l >= 0; l = doc.n[l].next) {
		CHECK(is(json_get(&doc, l, "lcore"), J_NUM));
		CHECK(is(json_get(&doc, l, "role"), J_STR));
		CHECK(is(json_get(&doc, l, "packets"), J_NUM));
		CHECK(is(json_get(&doc, l, "mpps"), J_NUM));
	}
	int d = json_get(&doc, 0, "drops");
	CHECK(is(d, J_OBJ));
	static const char *const dn[] = { "rx_ring_full", "pipeline_ring_full", "tx_queue_full", "mempool_empty" };
	for (unsigned int i = 0; d >= 0 && i < 4; i++)
		CHECK_MSG(is(json_get(&doc, d, dn[i]), J_NUM), "drops.%s", dn[i]);
	k = json_get(&doc, 0, "mempool_in_use");
	CHECK(is(k, J_NUM) && doc.n[k].num == 0);
}

static void run_json(const char *bin, const char *mode, const char *pfx)
{
	char m[32];
	snprintf(m, sizeof(m), "--mode=%s", mode);
	const char *app[] = { m, "--duration", "0.3", "--json", NULL };
	char *argv[64];
	fwdt_argv(argv, 64, bin, pfx, NULL, app);
	REQUIRE(run_start(&r, argv) == 0);
	int rc = run_wait(&r, 60000);
	CHECK_MSG(rc == 0, "exit %d; stderr:\n%s", rc, r.err);
}

int main(int argc, char **argv)
{
	static char line[16384];
	if (argc < 2)
		TEST_SKIP("usage: %s dplite-fwd", argv[0]);
	run_json(argv[1], "rtc", "fwdjson_rtc");
	check_summary(last_line(r.out, line, sizeof(line)), "rtc");
	run_json(argv[1], "pipeline", "fwdjson_pipe");
	check_summary(last_line(r.out, line, sizeof(line)), "pipeline");
	CHECK(is(json_get(&doc, 0, "workers"), J_ARR) && is(json_get(&doc, 0, "rings"), J_ARR));

	run_json(argv[1], "both", "fwdjson_both");
	check_summary(last_line(r.out, line, sizeof(line)), "rtc");
	/* the line before the last is the pipeline phase */
	size_t n = strlen(r.out);
	while (n > 0 && r.out[n - 1] == '\n')
		n--;
	while (n > 0 && r.out[n - 1] != '\n')
		n--;
	if (n > 0) {
		r.out[n - 1] = '\0';
		check_summary(last_line(r.out, line, sizeof(line)), "pipeline");
	} else {
		CHECK_MSG(0, "--mode=both printed one line");
	}
	if (test_failures)
		fprintf(stderr, "last stdout:\n%s\n", r.out);
	return test_done();
}
