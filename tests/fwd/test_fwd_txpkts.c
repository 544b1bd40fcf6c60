/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-fwd --fwd=txonly --txpkts=N: every generated frame is N bytes long
 * (what a 64-byte benchmark against dpdk-testpmd --txpkts=64 needs), still a
 * well-formed IPv4 UDP/TCP packet; out-of-range N is refused. Frames are read
 * back from a net_pcap port's tx capture. Skips (77) without net_pcap.
 * usage: test_fwd_txpkts PATH/dplite-fwd */
#include "fwdtest.h"

#define MAXREAD 4096

static struct pkt out[MAXREAD];
static struct run r;

static int run_len(const char *bin, const char *pfx, const char *vdev, const char *len)
{
	const char *eal[] = { vdev, NULL };
	const char *app[] = { "--mode=rtc", "--fwd=txonly", "--txpkts", len, "--duration", "0.2",
			      "--stats-period", "0", NULL };
	char *av[64];
	fwdt_argv(av, 64, bin, pfx, eal, app);
	if (run_start(&r, av) != 0)
		return -1;
	return run_wait(&r, 60000);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: %s dplite-fwd", argv[0]);
	char dir[] = "/tmp/fwdtxpXXXXXX";
	REQUIRE(mkdtemp(dir) != NULL);
	char in[96], o[96], v[256];
	snprintf(in, sizeof(in), "%s/in.pcap", dir);
	snprintf(o, sizeof(o), "%s/out.pcap", dir);
	REQUIRE(pcap_write(in, NULL, 0) == 0);
	snprintf(v, sizeof(v), "--vdev=net_pcap0,rx_pcap=%s,tx_pcap=%s", in, o);

	static const char *const lens[] = { "64", "60", "1514" };
	for (unsigned int k = 0; k < (sizeof(lens) / sizeof(lens[0])); k++) {
		int rc = run_len(argv[1], "fwdtxp", v, lens[k]);
		if (rc != 0 && strstr(r.err, "pcap")) {
			fprintf(stderr, "%s", r.err);
			unlink(in); unlink(o); rmdir(dir);
			TEST_SKIP("net_pcap not available");
		}
		CHECK_MSG(rc == 0, "--txpkts %s: exit %d; stderr:\n%s", lens[k], rc, r.err);
		int n = pcap_read(o, out, MAXREAD);
		CHECK_MSG(n > 0, "--txpkts %s: %d frames captured", lens[k], n);
		unsigned int want = (unsigned int)atoi(lens[k]), bad = 0;
		for (int i = 0; i < n; i++) {
			const uint8_t *d = out[i].data;
			unsigned int iplen = (unsigned int)d[16] << 8 | d[17];
			if (out[i].len != want || d[12] != 0x08 || d[13] != 0x00 || iplen != want - 14)
				bad++;
		}
		CHECK_MSG(bad == 0, "--txpkts %s: %u of %d frames have the wrong length or header",
			  lens[k], bad, n);
		CHECK(strstr(r.out, "mempool in use after drain: 0 ") != NULL);
		unlink(o);
	}
	static const char *const badlens[] = { "59", "1515", "0", "x" };
	for (unsigned int k = 0; k < (sizeof(badlens) / sizeof(badlens[0])); k++) {
		int rc = run_len(argv[1], "fwdtxpbad", v, badlens[k]);
		CHECK_MSG(rc == 2 && strstr(r.err, "--txpkts") != NULL,
			  "--txpkts %s: exit %d (want 2 and a line naming --txpkts); stderr:\n%s",
			  badlens[k], rc, r.err);
	}
	unlink(in); unlink(o); rmdir(dir);
	return test_done();
}
