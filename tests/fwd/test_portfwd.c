/* SPDX-License-Identifier: BSD-3-Clause
 * examples/portfwd runs as a process: between two net_null ports it forwards
 * (rx on one port == tx on the other, nothing dropped, every mbuf home after
 * SIGINT); between two net_pcap ports a capture comes out byte for byte
 * (skipped when net_pcap is absent).
 * usage: test_portfwd PATH/portfwd */
#include "fwdtest.h"
#include "telclient.h"

#define N 500
static struct run r;
static struct pkt in[N], out[N + 8];

/* A counter of /ethdev/stats,<port> read over portfwd's telemetry socket,
 * -1 when the reply lacks it, -2 when the query failed. */
static long long tel_stat(int fd, int port, const char *key)
{
	static char out[64 * 1024];
	char req[64], k[64];
	snprintf(req, sizeof(req), "/ethdev/stats,%d", port);
	ssize_t n = tc_query(fd, req, strlen(req), out, sizeof(out));
	if (n <= 0)
		return -2;
	out[n < (ssize_t)sizeof(out) ? n : (ssize_t)sizeof(out) - 1] = '\0';
	snprintf(k, sizeof(k), "\"%s\":", key);
	const char *p = strstr(out, k);
	return p ? strtoll(p + strlen(k), NULL, 10) : -1;
}

/* Wait (bounded, 30 s) until port `port`'s counter `key` reaches `want`:
 * the condition to stop on, where a fixed pause could end the run before a
 * loaded machine let portfwd forward anything. False when it never does
 * (the checks on the final counters then say what was missing). */
static bool wait_stat(const char *prefix, int port, const char *key, long long want)
{
	char path[512], banner[1024];
	if (tc_socket_path(prefix, 0, path, sizeof(path)) < 0)
		return false;
	int fd = tc_connect(path, banner, sizeof(banner), 10000);
	if (fd < 0)
		return false;
	long long v = -1;
	for (long end = fwdt_ms() + 30000; fwdt_ms() < end; usleep(10000))
		if ((v = tel_stat(fd, port, key)) >= want || v == -2)
			break;                 /* reached, or portfwd is gone */
	close(fd);
	return v >= want;
}

/* start, wait until it forwards (the counter `key` of port `port` reaches
 * `want`), SIGINT, reap; -2 when it never started forwarding */
static int run_portfwd(const char *bin, const char *pfx, const char *const *vdevs, int port,
		       const char *key, long long want)
{
	char *argv[64], *tmp[64];
	int n = test_eal_argv(tmp, 64, pfx, NULL), k = 0;
	argv[k++] = (char *)bin;
	for (int i = 1; i < n; i++)
		argv[k++] = tmp[i];
	argv[k++] = (char *)"-l";
	argv[k++] = (char *)"0";
	for (int i = 0; vdevs[i]; i++)
		argv[k++] = (char *)vdevs[i];
	argv[k] = NULL;
	REQUIRE(run_start(&r, argv) == 0);
	if (!run_pump(&r, "forwarding on lcore", 30000)) {
		/* did not start: the caller reads r.err (a missing driver is a skip) */
		kill(r.pid, SIGKILL);
		run_wait(&r, 5000);
		return -2;
	}
	char prefix[128];
	snprintf(prefix, sizeof(prefix), "%s", tmp[1] + strlen("--file-prefix="));
	if (!wait_stat(prefix, port, key, want))
		fprintf(stderr, "port %d: %s did not reach %lld within 30 s\n", port, key, want);
	kill(r.pid, SIGINT);
	return run_wait(&r, 15000);
}

static unsigned long long counter(const char *port, const char *what)
{
	const char *p = strstr(r.out, port);
	if (!p || !(p = strstr(p, what)))
		return ~0ull;
	return strtoull(p + strlen(what), NULL, 10);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		TEST_SKIP("usage: %s portfwd", argv[0]);
	int rc = run_portfwd(argv[1], "portfwd_null",
			     (const char *const[]){ "--vdev=net_null0", "--vdev=net_null1", NULL }, 1,
			     "opackets", 1);
	CHECK_MSG(rc == 0, "net_null: exit %d; stderr:\n%s", rc, r.err);
	unsigned long long rx0 = counter("port 0:", "rx "), tx1 = counter("port 1:", "tx ");
	unsigned long long d1 = counter("port 1:", "dropped ");
	CHECK_MSG(rx0 > 0 && rx0 != ~0ull, "nothing forwarded:\n%s", r.out);
	CHECK_MSG(rx0 == tx1 + d1, "port 0 rx %llu != port 1 tx %llu + dropped %llu", rx0, tx1, d1);
	CHECK(strstr(r.out, "mbufs in use at exit: 0\n") != NULL);

	char dir[] = "/tmp/portfwdXXXXXX", i0[96], o1[96], v0[160], v1[160];
	REQUIRE(mkdtemp(dir) != NULL);
	snprintf(i0, sizeof(i0), "%s/in.pcap", dir);
	snprintf(o1, sizeof(o1), "%s/out.pcap", dir);
	make_packets(in, N, 31);
	REQUIRE(pcap_write(i0, in, N) == 0);
	snprintf(v0, sizeof(v0), "--vdev=net_pcap0,rx_pcap=%s", i0);
	snprintf(v1, sizeof(v1), "--vdev=net_pcap1,tx_pcap=%s", o1);
	rc = run_portfwd(argv[1], "portfwd_pcap", (const char *const[]){ v0, v1, NULL }, 1, "opackets", N);
	if (rc != 0 && strstr(r.err, "pcap")) {
		fprintf(stderr, "net_pcap absent, capture part skipped:\n%s", r.err);
	} else {
		CHECK_MSG(rc == 0, "net_pcap: exit %d; stderr:\n%s", rc, r.err);
		int n = pcap_read(o1, out, N + 8);
		CHECK_MSG(n == N, "%d packets written, %d read", n, N);
		for (int i = 0; i < n && i < N; i++)
			CHECK_MSG(out[i].len == in[i].len && !memcmp(out[i].data, in[i].data, in[i].len),
				  "packet %d differs", i);
	}
	unlink(i0);
	unlink(o1);
	rmdir(dir);
	return test_done();
}
