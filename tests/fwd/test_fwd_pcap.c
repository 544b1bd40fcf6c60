/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-fwd forwards a known packet set between two net_pcap ports, in rtc
 * or pipeline mode: what port 0 reads from its capture comes out of port 1's
 * capture and the other way round, every packet exactly once, byte for byte,
 * and in order within each flow (the pipeline may reorder across flows).
 * Skips (77) when net_pcap is not built (no libpcap).
 * usage: test_fwd_pcap PATH/dplite-fwd rtc|pipeline */
#include "fwdtest.h"

#define N0 3000
#define N1 2000
#define FLOWS 97

static struct pkt in0[N0], in1[N1], out[N0 + N1 + 16];
static struct run r;

static void compare(const char *what, const struct pkt *in, unsigned int n_in, unsigned int id0,
		    const struct pkt *o, int n_out)
{
	static unsigned char seen[N0 + N1];
	unsigned int last[FLOWS];
	memset(seen, 0, sizeof(seen));
	memset(last, 0xff, sizeof(last));
	CHECK_MSG(n_out == (int)n_in, "%s: %d packets out, %u in", what, n_out, n_in);
	for (int i = 0; i < n_out; i++) {
		unsigned int id = pkt_id(&o[i]);
		if (id < id0 || id >= id0 + n_in) {
			CHECK_MSG(0, "%s: packet %d has unknown id %u", what, i, id);
			continue;
		}
		const struct pkt *src = &in[id - id0];
		CHECK_MSG(!seen[id - id0], "%s: packet id %u twice", what, id);
		seen[id - id0] = 1;
		CHECK_MSG(o[i].len == src->len && memcmp(o[i].data, src->data, src->len) == 0,
			  "%s: packet id %u differs", what, id);
		unsigned int fl = (id - id0) % FLOWS;
		CHECK_MSG(last[fl] == 0xffffffffu || last[fl] < id, "%s: flow %u reordered", what, fl);
		last[fl] = id;
	}
}

int main(int argc, char **argv)
{
	if (argc < 3)
		TEST_SKIP("usage: %s dplite-fwd rtc|pipeline", argv[0]);
	char dir[] = "/tmp/fwdpcapXXXXXX";
	REQUIRE(mkdtemp(dir) != NULL);
	char i0[96], i1[96], o0[96], o1[96], v0[256], v1[256], m[32], pfx[64];
	snprintf(i0, sizeof(i0), "%s/in0.pcap", dir);
	snprintf(i1, sizeof(i1), "%s/in1.pcap", dir);
	snprintf(o0, sizeof(o0), "%s/out0.pcap", dir);
	snprintf(o1, sizeof(o1), "%s/out1.pcap", dir);
	make_packets(in0, N0, FLOWS);
	struct pkt *all = malloc(sizeof(struct pkt) * (N0 + N1));
	REQUIRE(all != NULL);
	make_packets(all, N0 + N1, FLOWS);        /* ids N0.. for port 1 */
	memcpy(in1, all + N0, sizeof(in1));
	free(all);
	REQUIRE(pcap_write(i0, in0, N0) == 0);
	REQUIRE(pcap_write(i1, in1, N1) == 0);
	snprintf(v0, sizeof(v0), "--vdev=net_pcap0,rx_pcap=%s,tx_pcap=%s", i0, o0);
	snprintf(v1, sizeof(v1), "--vdev=net_pcap1,rx_pcap=%s,tx_pcap=%s", i1, o1);
	snprintf(m, sizeof(m), "--mode=%s", argv[2]);
	snprintf(pfx, sizeof(pfx), "fwdpcap_%s", argv[2]);
	const char *eal[] = { v0, v1, NULL };
	const char *app[] = { m, "--duration", "1", "--stats-period", "0", NULL };
	char *av[64];
	fwdt_argv(av, 64, argv[1], pfx, eal, app);
	REQUIRE(run_start(&r, av) == 0);
	int rc = run_wait(&r, 60000);
	if (rc != 0 && strstr(r.err, "pcap")) {
		fprintf(stderr, "%s", r.err);
		unlink(i0); unlink(i1); rmdir(dir);
		TEST_SKIP("net_pcap not available");
	}
	CHECK_MSG(rc == 0, "exit %d; stderr:\n%s", rc, r.err);
	if (rc == 0) {
		int n = pcap_read(o1, out, (sizeof(out) / sizeof(out[0])));
		compare("port0->port1", in0, N0, 0, out, n);
		n = pcap_read(o0, out, (sizeof(out) / sizeof(out[0])));
		compare("port1->port0", in1, N1, N0, out, n);
		CHECK(strstr(r.out, "mempool in use after drain: 0 ") != NULL);
	}
	if (test_failures)
		fprintf(stderr, "stdout:\n%s\nfiles kept in %s\n", r.out, dir);
	else {
		unlink(i0); unlink(i1); unlink(o0); unlink(o1); rmdir(dir);
	}
	return test_done();
}
