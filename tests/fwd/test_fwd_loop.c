/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-fwd on its generated loopback ports (no --vdev): in rtc and in
 * pipeline mode, io and macswap, nothing is lost and nothing duplicated.
 * The loop holds a fixed population of packets (2 x 1024), so after the run:
 * every packet received was transmitted (sum rx == sum tx), no drop counter
 * moved, the end-of-phase drain found exactly the population, and the pool
 * is back to 0 in use. A duplicated or leaked mbuf breaks one of these.
 * usage: test_fwd_loop PATH/dplite-fwd rtc|pipeline */
#include "fwdtest.h"

static struct run r;
static struct jdoc doc;

static void one(const char *bin, const char *mode, const char *fwd)
{
	char m[32], f[32], pfx[64], line[16384];
	snprintf(m, sizeof(m), "--mode=%s", mode);
	snprintf(f, sizeof(f), "--fwd=%s", fwd);
	snprintf(pfx, sizeof(pfx), "fwdloop_%s_%s", mode, fwd);
	const char *app[] = { m, f, "--duration", "0.5", "--stats-period", "0.2", "--json", NULL };
	char *argv[64];
	fwdt_argv(argv, 64, bin, pfx, NULL, app);
	REQUIRE(run_start(&r, argv) == 0);
	int rc = run_wait(&r, 60000);
	CHECK_MSG(rc == 0, "%s/%s: exit %d; stderr:\n%s", mode, fwd, rc, r.err);
	if (rc != 0)
		return;
	last_line(r.out, line, sizeof(line));
	REQUIRE(json_parse(&doc, line) == 0);
	uint64_t rx = 0, tx = 0;
	int ports = json_get(&doc, 0, "ports");
	REQUIRE(ports >= 0);
	CHECK(json_len(&doc, ports) == 2);
	for (int p = doc.n[ports].first_child; p >= 0; p = doc.n[p].next) {
		rx += (uint64_t)json_num(&doc, p, "rx_packets");
		tx += (uint64_t)json_num(&doc, p, "tx_packets");
		CHECK(json_num(&doc, p, "rx_dropped") == 0);
		CHECK(json_num(&doc, p, "tx_dropped") == 0);
	}
	CHECK_MSG(rx > 2048, "%s/%s: only %llu packets received", mode, fwd, (unsigned long long)rx);
	CHECK_MSG(rx == tx, "%s/%s: rx %llu != tx %llu", mode, fwd, (unsigned long long)rx,
		  (unsigned long long)tx);
	int drops = json_get(&doc, 0, "drops");
	REQUIRE(drops >= 0);
	for (int d = doc.n[drops].first_child; d >= 0; d = doc.n[d].next)
		CHECK_MSG(doc.n[d].num == 0, "%s/%s: drops.%s = %g", mode, fwd, doc.n[d].key, doc.n[d].num);
	CHECK_MSG(json_num(&doc, 0, "drained") == 2048, "%s/%s: drained %g, expected the 2048 in flight",
		  mode, fwd, json_num(&doc, 0, "drained"));
	CHECK(json_num(&doc, 0, "mempool_in_use") == 0);
	if (strcmp(mode, "pipeline") == 0) {
		int ws = json_get(&doc, 0, "workers");
		REQUIRE(ws >= 0);
		CHECK(json_len(&doc, ws) >= 2);
		uint64_t wsum = 0;
		for (int w = doc.n[ws].first_child; w >= 0; w = doc.n[w].next) {
			CHECK_MSG(json_num(&doc, w, "packets") > 0, "a worker got no flow");
			wsum += (uint64_t)json_num(&doc, w, "packets");
		}
		CHECK_MSG(wsum == rx, "workers handled %llu of %llu packets", (unsigned long long)wsum,
			  (unsigned long long)rx);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3)
		TEST_SKIP("usage: %s dplite-fwd rtc|pipeline", argv[0]);
	one(argv[1], argv[2], "io");
	one(argv[1], argv[2], "macswap");
	return test_done();
}
