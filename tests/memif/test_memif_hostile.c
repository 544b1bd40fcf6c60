/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif against a hostile peer: dplite (this process, one net_memif port
 * in the role given) meets tests/memif/memif_peer in each malformed mode in
 * turn, and after each one a well-formed peer. For every hostile mode:
 *   - dplite survives (this process is the dplite side: it must not crash,
 *     and a read or write outside the peer's regions would SIGSEGV/SIGBUS
 *     here or show up in the ASan build);
 *   - the peer sees itself dropped (DISCONNECT or the socket closed);
 *   - no frame reaches rte_eth_rx_burst (no hostile mode sends a valid one,
 *     so a frame would be bytes from outside a region);
 *   - the link is down within 3 s after the peer is gone;
 *   - dplite logged at least one line about it, and not a flood (<= 20);
 * and then a good peer connects, its 200 frames arrive byte-exact and are
 * echoed back to it byte-exact (the port forwards again).
 * While a hostile peer is connected this side transmits too, so descriptors
 * the peer spoiled on the ring dplite writes into (desc-tx, small-region) are
 * exercised.
 * usage: test_memif_hostile PATH/memif_peer server|client|client-zc [mode...]
 * (client-zc: the client has zero-copy=yes; the hostile server's bad rx
 * descriptors then name buffers it was never given) 
 * Skips (77) when the build has no net_memif driver. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include "test.h"

#ifndef DPLITE_TEST_HAVE_MEMIF
int main(void)
{
	TEST_SKIP("this build has no net_memif driver");
}
#else
#define SECRET "memifx"
#define GOOD_FRAMES 200
#define BURST 32

static const char *peer_bin;
static int dplite_server;
static char dir[64], sock_path[128];
static struct rte_mempool *mp;
static uint16_t port;
static FILE *logf;
static long log_seen;
static int started;

static long ms_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* new lines in the EAL log since the last call; echoed to stderr */
static int log_new_lines(void)
{
	char buf[8192];
	int lines = 0;
	fflush(logf);
	for (;;) {
		ssize_t n = pread(fileno(logf), buf, sizeof(buf), log_seen);
		if (n <= 0)
			break;
		fwrite(buf, 1, (size_t)n, stderr);
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
		log_seen += n;
	}
	return lines;
}

static int link_up(void)
{
	struct rte_eth_link l;
	memset(&l, 0, sizeof(l));
	return rte_eth_link_get_nowait(port, &l) == 0 && l.link_status == RTE_ETH_LINK_UP;
}

/* memif_peer's frame k: broadcast, type 0x88b5, k, then bytes (k + i) */
static int frame_good(const struct rte_mbuf *m)
{
	uint8_t b[2048];
	uint32_t len = rte_pktmbuf_pkt_len(m), k;
	if (len < 18 || len > sizeof(b))
		return 0;
	const uint8_t *p = rte_pktmbuf_read(m, 0, len, b);
	if (p == NULL || p[12] != 0x88 || p[13] != 0xb5)
		return 0;
	memcpy(&k, p + 14, 4);
	for (uint32_t i = 18; i < len; i++)
		if (p[i] != (uint8_t)(k + i))
			return 0;
	return 1;
}

struct episode {
	int status;         /* peer's wait status, -1 if it had to be killed */
	unsigned long rx, rx_bad, echoed;
	int saw_up;
	char out[4096];     /* the peer's stdout */
};

/* Run memif_peer with the given mode and extra arguments, polling the port
 * until it exits (bounded). echo: send every received frame back; gen: keep
 * transmitting small frames of our own. */
static void episode(const char *mode, const char *extra1, const char *extra2, int echo, int gen,
		    struct episode *e)
{
	char out_path[160], mode_arg[64], sock_arg[160];
	snprintf(out_path, sizeof(out_path), "%s/peer.out", dir);
	snprintf(mode_arg, sizeof(mode_arg), "--mode=%s", mode);
	snprintf(sock_arg, sizeof(sock_arg), "--socket=%s", sock_path);
	memset(e, 0, sizeof(*e));
	fflush(NULL);
	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(126);
		const char *av[] = { peer_bin, dplite_server ? "--role=client" : "--role=server", sock_arg,
				     "--secret=" SECRET, mode_arg, "--timeout=8000", "--quiet", extra1, extra2,
				     NULL };
		execv(peer_bin, (char *const *)(uintptr_t)av);
		_exit(127);
	}
	long deadline = ms_now() + 20000;
	struct rte_mbuf *rx[BURST];
	if (!started) {
		/* a client port is started once the first server listens (DPDK's
		 * net_memif fails rte_eth_dev_start when nobody does) */
		struct stat st;
		while (stat(sock_path, &st) != 0 && ms_now() < deadline)
			usleep(10000);
		REQUIRE(rte_eth_dev_start(port) == 0);
		started = 1;
	}
	for (;;) {
		int st;
		pid_t w = waitpid(pid, &st, WNOHANG);
		if (w == pid) {
			e->status = st;
			break;
		}
		if (ms_now() > deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			e->status = -1;
			break;
		}
		e->saw_up |= link_up();
		uint16_t n = rte_eth_rx_burst(port, 0, rx, BURST), keep = 0;
		for (uint16_t i = 0; i < n; i++) {
			e->rx++;
			if (!frame_good(rx[i]))
				e->rx_bad++;
			if (echo)
				rx[keep++] = rx[i];
			else
				rte_pktmbuf_free(rx[i]);
		}
		if (keep) {
			/* bounded retry: the peer keeps reading while it has frames owed */
			uint16_t sent = 0;
			for (int tries = 0; sent < keep && tries < 1000; tries++) {
				sent += rte_eth_tx_burst(port, 0, rx + sent, (uint16_t)(keep - sent));
				if (sent < keep)
					usleep(100);
			}
			e->echoed += sent;
			for (uint16_t i = sent; i < keep; i++)
				rte_pktmbuf_free(rx[i]);
		}
		if (gen) {
			struct rte_mbuf *t[4];
			if (rte_pktmbuf_alloc_bulk(mp, t, 4) == 0) {
				for (int i = 0; i < 4; i++) {
					uint8_t *p = (uint8_t *)rte_pktmbuf_append(t[i], 64);
					memset(p, 0xab, 64);
				}
				uint16_t s = rte_eth_tx_burst(port, 0, t, 4);
				for (int i = s; i < 4; i++)
					rte_pktmbuf_free(t[i]);
			}
		}
		if (n == 0)
			usleep(200);
	}
	int fd = open(out_path, O_RDONLY);
	if (fd >= 0) {
		ssize_t n = read(fd, e->out, sizeof(e->out) - 1);
		e->out[n > 0 ? n : 0] = 0;
		close(fd);
	}
}

/* bounded wait for the link to go down (the peer is gone) */
static int wait_link_down(void)
{
	long end = ms_now() + 3000;
	while (ms_now() < end) {
		if (!link_up())
			return 1;
		usleep(10000);
	}
	return 0;
}

static int peer_ok(const struct episode *e)
{
	return e->status != -1 && WIFEXITED(e->status) && WEXITSTATUS(e->status) == 0;
}

static void good_round(const char *after)
{
	struct episode e;
	episode("good", "--tx=" RTE_STR(GOOD_FRAMES), "--rx=" RTE_STR(GOOD_FRAMES), 1, 0, &e);
	log_new_lines();
	fprintf(stderr, "good peer after %s: %s", after, e.out);
	CHECK_MSG(peer_ok(&e), "good peer after %s: exit status %#x", after, e.status);
	CHECK_MSG(e.saw_up, "good peer after %s: the link never came up", after);
	CHECK_MSG(e.rx == GOOD_FRAMES && e.rx_bad == 0, "good peer after %s: %lu frames, %lu not byte-exact",
		  after, e.rx, e.rx_bad);
	CHECK_MSG(strstr(e.out, "peer: rx " RTE_STR(GOOD_FRAMES) " tx " RTE_STR(GOOD_FRAMES) " bad 0") != NULL,
		  "good peer after %s: the echo did not come back byte-exact", after);
	CHECK_MSG(wait_link_down(), "good peer after %s: link still up after the peer left", after);
}

static void hostile_round(const char *mode)
{
	struct episode e;
	log_new_lines();
	episode(mode, NULL, NULL, 0, 1, &e);
	int linkdown = wait_link_down();
	int lines = log_new_lines();
	fprintf(stderr, "hostile %s: %s", mode, e.out);
	CHECK_MSG(peer_ok(&e), "%s: the peer was not dropped (exit status %#x)", mode, e.status);
	CHECK_MSG(strstr(e.out, "peer: disconnect received") || strstr(e.out, "peer: closed by the other side"),
		  "%s: no DISCONNECT and no close seen by the peer", mode);
	CHECK_MSG(e.rx == 0, "%s: %lu frame(s) delivered from a hostile peer", mode, e.rx);
	CHECK_MSG(linkdown, "%s: link still up 3 s after the hostile peer left", mode);
	CHECK_MSG(lines >= 1 && lines <= 20, "%s: %d log line(s), want 1..20", mode, lines);
}

int main(int argc, char **argv)
{
	if (argc < 3 || (strcmp(argv[2], "server") && strcmp(argv[2], "client") &&
			 strcmp(argv[2], "client-zc")))
		TEST_SKIP("usage: %s memif_peer server|client|client-zc [mode...]", argv[0]);
	int zc = !strcmp(argv[2], "client-zc");
	peer_bin = argv[1];
	dplite_server = !strcmp(argv[2], "server");
	signal(SIGPIPE, SIG_IGN);
	snprintf(dir, sizeof(dir), "/tmp/memifh.XXXXXX");
	REQUIRE(mkdtemp(dir) != NULL);
	snprintf(sock_path, sizeof(sock_path), "%s/m.sock", dir);

	test_eal_init(dplite_server ? "memifhs" : zc ? "memifhz" : "memifhc", NULL);
	logf = tmpfile();
	REQUIRE(logf != NULL);
	rte_openlog_stream(logf);

	char args[256];
	snprintf(args, sizeof(args), "role=%s,id=0,socket=%s,socket-abstract=no,secret=" SECRET "%s",
		 dplite_server ? "server" : "client", sock_path, zc ? ",zero-copy=yes" : "");
	int rc = rte_vdev_init("net_memif0", args);
	REQUIRE(rc == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("net_memif0", &port) == 0);
	mp = rte_pktmbuf_pool_create("memifh", 4096, 64, 0, RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	REQUIRE(mp != NULL);
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	REQUIRE(rte_eth_dev_configure(port, 1, 1, &conf) == 0);
	REQUIRE(rte_eth_rx_queue_setup(port, 0, 1024, (unsigned int)rte_socket_id(), NULL, mp) == 0);
	REQUIRE(rte_eth_tx_queue_setup(port, 0, 1024, (unsigned int)rte_socket_id(), NULL) == 0);
	if (dplite_server) {
		REQUIRE(rte_eth_dev_start(port) == 0);
		started = 1;
	}

	static const char *const server_modes[] = { "bad-size", "unknown-type", "desc-offset", "desc-length",
		"desc-region", "desc-tx", "secret", "regions", "rings", "small-region", "early-connect", NULL };
	static const char *const client_modes[] = { "bad-size", "unknown-type", "desc-offset", "desc-length",
		"desc-region", "desc-overlong", "early-connect", NULL };
	const char *const *modes = dplite_server ? server_modes : client_modes;
	if (argc > 3)
		modes = (const char *const *)(argv + 3);

	good_round("start");
	for (unsigned int i = 0; modes[i]; i++) {
		hostile_round(modes[i]);
		good_round(modes[i]);
	}
	REQUIRE(rte_eth_dev_stop(port) == 0);
	CHECK(rte_eth_dev_close(port) == 0);
	rte_openlog_stream(NULL);
	fclose(logf);
	unlink(sock_path);
	char p[160];
	snprintf(p, sizeof(p), "%s/peer.out", dir);
	unlink(p);
	rmdir(dir);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
#endif
