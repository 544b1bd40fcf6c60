/* SPDX-License-Identifier: BSD-3-Clause
 * Each --fwd does its work, in rtc and in pipeline mode:
 *   mac      the packets out of port 1 carry port 1's MAC as source and
 *            02:00:00:00:00:01 as destination, the rest unchanged;
 *   macswap  source and destination swapped, the rest unchanged
 *            (both checked on net_pcap captures; skipped without net_pcap);
 *   rxonly   packets received, none sent;
 *   txonly   packets sent on both ports, what arrives freed
 *            (both on net_null ports).
 * Every run ends with the pool's in-use count at 0.
 * usage: test_fwd_modes PATH/dplite-fwd */
#include "fwdtest.h"

#define N 400
static struct run r;
static struct jdoc doc;
static struct pkt in[N], out[N + 8];

static int run_fwd(const char *bin, const char *pfx, const char *const *eal, const char *mode,
		   const char *fwd)
{
	char m[32], f[32], line[16384];
	snprintf(m, sizeof(m), "--mode=%s", mode);
	snprintf(f, sizeof(f), "--fwd=%s", fwd);
	const char *app[] = { m, f, "--duration", "0.5", "--stats-period", "0", "--json", NULL };
	char *argv[64];
	fwdt_argv(argv, 64, bin, pfx, eal, app);
	REQUIRE(run_start(&r, argv) == 0);
	int rc = run_wait(&r, 60000);
	if (rc != 0)
		return rc;
	if (json_parse(&doc, last_line(r.out, line, sizeof(line))) != 0) {
		CHECK_MSG(0, "%s/%s: last line is not JSON", mode, fwd);
		return -1;
	}
	CHECK_MSG(json_num(&doc, 0, "mempool_in_use") == 0, "%s/%s: mbufs left in use", mode, fwd);
	return 0;
}

static void sums(uint64_t *rx, uint64_t *tx)
{
	int ports = json_get(&doc, 0, "ports");
	*rx = *tx = 0;
	for (int p = ports >= 0 ? doc.n[ports].first_child : -1; p >= 0; p = doc.n[p].next) {
		*rx += (uint64_t)json_num(&doc, p, "rx_packets");
		*tx += (uint64_t)json_num(&doc, p, "tx_packets");
	}
}

static void null_modes(const char *bin, const char *mode)
{
	const char *eal[] = { "--vdev=net_null0", "--vdev=net_null1", NULL };
	uint64_t rx, tx;
	int rc = run_fwd(bin, "fwdmodes_null", eal, mode, "rxonly");
	CHECK_MSG(rc == 0, "%s/rxonly: exit %d\n%s", mode, rc, r.err);
	if (rc == 0) {
		sums(&rx, &tx);
		CHECK_MSG(rx > 0 && tx == 0, "%s/rxonly: rx %llu tx %llu", mode, (unsigned long long)rx,
			  (unsigned long long)tx);
	}
	rc = run_fwd(bin, "fwdmodes_null", eal, mode, "txonly");
	CHECK_MSG(rc == 0, "%s/txonly: exit %d\n%s", mode, rc, r.err);
	if (rc == 0) {
		int ports = json_get(&doc, 0, "ports");
		for (int p = ports >= 0 ? doc.n[ports].first_child : -1; p >= 0; p = doc.n[p].next)
			CHECK_MSG(json_num(&doc, p, "tx_packets") > 0, "%s/txonly: a port sent nothing", mode);
	}
}

/* returns 0 when checked, 77 when net_pcap is absent */
static int pcap_modes(const char *bin, const char *mode, const char *dir)
{
	char i0[96], o1[96], v0[200], v1[200];
	snprintf(i0, sizeof(i0), "%s/in.pcap", dir);
	snprintf(o1, sizeof(o1), "%s/out1.pcap", dir);
	REQUIRE(pcap_write(i0, in, N) == 0);
	snprintf(v0, sizeof(v0), "--vdev=net_pcap0,rx_pcap=%s", i0);
	snprintf(v1, sizeof(v1), "--vdev=net_pcap1,tx_pcap=%s", o1);
	const char *eal[] = { v0, v1, NULL };
	for (int swap = 0; swap < 2; swap++) {
		const char *fwd = swap ? "macswap" : "mac";
		int rc = run_fwd(bin, "fwdmodes_pcap", eal, mode, fwd);
		if (rc != 0 && strstr(r.err, "pcap"))
			return 77;
		CHECK_MSG(rc == 0, "%s/%s: exit %d\n%s", mode, fwd, rc, r.err);
		if (rc != 0)
			continue;
		/* port 1's MAC as the driver reports it: the source of "mac" frames */
		int n = pcap_read(o1, out, N + 8);
		CHECK_MSG(n == N, "%s/%s: %d packets out of %d", mode, fwd, n, N);
		uint8_t mac1[6];
		int have_mac = 0;
		for (int i = 0; i < n && i < N; i++) {
			unsigned int id = pkt_id(&out[i]);
			if (id >= N) {
				CHECK_MSG(0, "%s/%s: unknown packet", mode, fwd);
				continue;
			}
			const struct pkt *src = &in[id];
			CHECK(out[i].len == src->len);
			CHECK_MSG(!memcmp(out[i].data + 12, src->data + 12, src->len - 12),
				  "%s/%s: packet %u changed beyond the MAC addresses", mode, fwd, id);
			if (swap) {
				CHECK_MSG(!memcmp(out[i].data, src->data + 6, 6) && !memcmp(out[i].data + 6, src->data, 6),
					  "%s/macswap: packet %u not swapped", mode, id);
			} else {
				static const uint8_t peer[6] = { 2, 0, 0, 0, 0, 1 };
				CHECK_MSG(!memcmp(out[i].data, peer, 6), "%s/mac: packet %u dst is not 02:00:00:00:00:01", mode, id);
				if (!have_mac) {
					memcpy(mac1, out[i].data + 6, 6);
					have_mac = 1;
				}
				CHECK_MSG(!memcmp(out[i].data + 6, mac1, 6), "%s/mac: sources differ", mode);
				CHECK_MSG(memcmp(out[i].data + 6, src->data + 6, 6) != 0,
					  "%s/mac: source not rewritten", mode);
			}
		}
		unlink(o1);
	}
	unlink(i0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: %s dplite-fwd", argv[0]);
	char dir[] = "/tmp/fwdmodesXXXXXX";
	REQUIRE(mkdtemp(dir) != NULL);
	make_packets(in, N, 53);
	int skipped = 0;
	for (int k = 0; k < 2; k++) {
		const char *mode = k ? "pipeline" : "rtc";
		null_modes(argv[1], mode);
		skipped += pcap_modes(argv[1], mode, dir) == 77;
	}
	rmdir(dir);
	if (skipped)
		fprintf(stderr, "net_pcap absent: mac/macswap not checked\n");
	if (test_failures)
		fprintf(stderr, "last stdout:\n%s\n", r.out);
	return test_done();
}
