/* SPDX-License-Identifier: BSD-3-Clause
 * net_af_packet polled from secondary processes, in a private network
 * namespace (unshare; it vanishes with the test) holding one veth pair
 * ks0 - ks1.
 *
 * The test is the primary: port A = net_af_packet0 on ks0 with 2 queue
 * pairs (kernel fanout spreads flows over its 2 sockets), port B =
 * net_af_packet1 on ks1. It starts both, then execs itself twice as
 * secondaries; secondary q polls rx queue q of port A and sends what it gets
 * back out of tx queue q of port A. The primary never polls port A: the
 * sockets are the primary's, the secondaries get them over the rte_mp
 * channel (SCM_RIGHTS) and map the kernel rings themselves.
 *
 * Checks: 64 UDP flows sent from port B come back on port B, each packet
 * exactly once; both queues forwarded some; each secondary's count equals
 * port A's per-queue rx counter. Then secondary 1 is killed (SIGKILL) and
 * a new one takes queue 1 over: a second round comes back complete too
 * (the next-frame index of each ring is shared, so the new poller starts
 * where the dead one stopped).
 *
 * With net_af_xdp built: a net_af_xdp port on a second veth pair, started
 * by the primary; a secondary sees it, its bursts return 0 and the first
 * one logs why (one line), as documented in drivers/net/af_xdp. */
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include "test.h"
#include "netns_test.h"
#include "examples/proc.h"

#define FLOWS 64
#define ROUND 256

/* the handler may run on any thread of the process: an atomic, relaxed
 * store/load pair (the flag carries no data) */
static int quit;
static void on_sig(int s) { (void)s; __atomic_store_n(&quit, 1, __ATOMIC_RELAXED); }

static int secondary(const char *prefix, int q)
{
	char pfx[96], lc[32];
	rte_openlog_stream(stdout);     /* the test reads our log lines too */
	snprintf(pfx, sizeof(pfx), "--file-prefix=%s", prefix);
	snprintf(lc, sizeof(lc), "--lcores=%d@0", q + 1);
	char *a[] = { (char *)"sec", pfx, lc, (char *)"--proc-type=secondary", NULL, NULL };
	int n = 4;
	if (test_no_huge())
		a[n++] = (char *)"--no-huge";
	signal(SIGINT, on_sig);
	if (rte_eal_init(n, a) < 0) {
		printf("secondary %d: init failed: %s\n", q, rte_strerror(rte_errno));
		return 1;
	}
	uint16_t port;
	if (q == 9) {           /* the net_af_xdp check */
		struct rte_mempool *mp = rte_mempool_lookup("afpsec");
		struct rte_mbuf *b[4], *m = mp ? rte_pktmbuf_alloc(mp) : NULL;
		if (m == NULL || rte_eth_dev_get_port_by_name("net_af_xdp0", &port) != 0) {
			printf("secondary: no net_af_xdp0 or no pool\n");
			return 1;
		}
		uint16_t r1 = rte_eth_rx_burst(port, 0, b, 4), r2 = rte_eth_rx_burst(port, 0, b, 4);
		uint16_t t = rte_eth_tx_burst(port, 0, &m, 1);
		if (t == 0)
			rte_pktmbuf_free(m);
		printf("xdp secondary: ports %u, rx %u %u, tx %u\n", rte_eth_dev_count_avail(), r1, r2, t);
		fflush(stdout);
		rte_eal_cleanup();
		return 0;
	}
	if (rte_eth_dev_get_port_by_name("net_af_packet0", &port) != 0) {
		printf("secondary %d: no port net_af_packet0\n", q);
		return 1;
	}
	printf("secondary %d ready\n", q);
	fflush(stdout);
	uint64_t fwd = 0, drop = 0;
	while (!__atomic_load_n(&quit, __ATOMIC_RELAXED)) {
		struct rte_mbuf *b[32];
		uint16_t n = rte_eth_rx_burst(port, (uint16_t)q, b, 32);
		if (n == 0) {
			usleep(200);
			continue;
		}
		uint16_t s = rte_eth_tx_burst(port, (uint16_t)q, b, n);
		fwd += s;
		if (s < n) {
			drop += n - s;
			rte_pktmbuf_free_bulk(b + s, n - s);
		}
	}
	printf("secondary %d: forwarded %" PRIu64 " dropped %" PRIu64 "\n", q, fwd, drop);
	fflush(stdout);
	rte_eal_cleanup();
	return 0;
}

static struct rte_mbuf *udp_frame(struct rte_mempool *mp, const struct rte_ether_addr *src,
				  int flow, uint32_t seq)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *d = m ? (uint8_t *)rte_pktmbuf_append(m, 64) : NULL;
	if (d == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(d, 0, 64);
	memset(d, 0xff, 6);
	memcpy(d + 6, src->addr_bytes, 6);
	d[12] = 0x08;                           /* IPv4 */
	uint8_t *ip = d + 14;
	ip[0] = 0x45;
	ip[3] = 50;                             /* total length: 20 + 8 + 22 */
	ip[8] = 64;
	ip[9] = 17;                             /* UDP */
	ip[12] = 198; ip[13] = 18; ip[14] = 1; ip[15] = (uint8_t)(1 + flow);
	ip[16] = 198; ip[17] = 19; ip[18] = 1; ip[19] = 1;
	uint16_t ck = 0;
	uint32_t sum = 0;
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	ck = (uint16_t)~sum;
	ip[10] = (uint8_t)(ck >> 8);
	ip[11] = (uint8_t)ck;
	uint8_t *udp = ip + 20;
	udp[0] = (uint8_t)((2000 + flow) >> 8); udp[1] = (uint8_t)(2000 + flow);
	udp[2] = 0x13; udp[3] = 0x88;           /* 5000 */
	udp[5] = 30;
	memcpy(udp + 8, &seq, sizeof(seq));
	return m;
}

static int port_up(uint16_t pid, uint16_t nq, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(pid, nq, nq, &conf) != 0)
		return -1;
	for (uint16_t q = 0; q < nq; q++)
		if (rte_eth_rx_queue_setup(pid, q, 256, 0, NULL, mp) != 0 ||
		    rte_eth_tx_queue_setup(pid, q, 256, 0, NULL) != 0)
			return -1;
	return rte_eth_dev_start(pid);
}

static char prefix[64], *self;
static struct proc sec[2];

static void kill_secs(void)
{
	for (int i = 0; i < 2; i++)
		if (sec[i].pid > 0)
			kill(sec[i].pid, SIGKILL);
}

static void start_sec(int q)
{
	char qs[8], want[32];
	snprintf(qs, sizeof(qs), "%d", q);
	char *a[] = { self, (char *)"secondary", prefix, qs, NULL };
	REQUIRE(proc_start(&sec[q], a) == 0);
	snprintf(want, sizeof(want), "secondary %d ready", q);
	if (!proc_expect(&sec[q], want, 20000)) {
		fprintf(stderr, "secondary %d: %s\n", q, sec[q].buf);
		exit(1);
	}
}

/* Send ROUND packets from port B, collect them back on port B. */
static unsigned int round_trip(uint16_t pb, struct rte_mempool *mp, uint32_t base, unsigned int *dup)
{
	static uint8_t seen[2 * ROUND];
	struct rte_ether_addr mac;
	unsigned int sent = 0, got = 0;
	rte_eth_macaddr_get(pb, &mac);
	long end = ms_now() + 15000;
	while (got < ROUND && ms_now() < end) {
		if (sent < ROUND) {
			struct rte_mbuf *b[16];
			uint16_t k = 0;
			for (; k < 16 && sent + k < ROUND; k++)
				b[k] = udp_frame(mp, &mac, (int)((sent + k) % FLOWS), base + sent + k);
			uint16_t s = rte_eth_tx_burst(pb, 0, b, k);
			if (s < k)
				rte_pktmbuf_free_bulk(b + s, k - s);
			sent += s;
		}
		struct rte_mbuf *r[32];
		uint16_t n = rte_eth_rx_burst(pb, 0, r, 32);
		for (uint16_t i = 0; i < n; i++) {
			uint32_t seq;
			const uint8_t *d = rte_pktmbuf_mtod(r[i], const uint8_t *);
			if (r[i]->data_len < 64 || d[12] != 0x08 || d[23] != 17)
				continue;       /* not ours */
			memcpy(&seq, d + 14 + 20 + 8, sizeof(seq));
			if (seq >= base && seq < base + ROUND) {
				if (seen[seq])
					++*dup;
				else
					got++;
				seen[seq] = 1;
			}
		}
		rte_pktmbuf_free_bulk(r, n);
		if (n == 0)
			usleep(500);
	}
	unsigned int uniq = 0;
	for (uint32_t s = base; s < base + ROUND; s++)
		uniq += seen[s];
	return uniq;
}

static uint64_t stop_sec(int q)
{
	kill(sec[q].pid, SIGINT);
	char want[32];
	snprintf(want, sizeof(want), "dropped ");
	CHECK_MSG(proc_expect(&sec[q], want, 10000), "secondary %d: %s", q, sec[q].buf);
	CHECK(proc_wait(&sec[q], 10000) == 0);
	sec[q].pid = 0;
	uint64_t fwd = 0, drop = 0;
	char key[32];
	snprintf(key, sizeof(key), "secondary %d: forwarded ", q);
	const char *p = strstr(sec[q].buf, key);
	CHECK(p && sscanf(p + strlen(key), "%" SCNu64 " dropped %" SCNu64, &fwd, &drop) == 2);
	CHECK(drop == 0);
	return fwd;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "secondary") == 0)
		return secondary(argv[2], atoi(argv[3]));
	self = argv[0];
	netns_veth_setup("ks0", "ks1");
	atexit(kill_secs);
	snprintf(prefix, sizeof(prefix), "afpsec_%d", (int)getpid());
	char pfx[96];
	snprintf(pfx, sizeof(pfx), "--file-prefix=%s", prefix);
	char *a[] = { (char *)"pri", pfx, (char *)"-l", (char *)"0", NULL, NULL };
	int na = 4;
	if (test_no_huge())
		a[na++] = (char *)"--no-huge";
	REQUIRE(rte_eal_init(na, a) >= 0);
	struct rte_mempool *mp = rte_pktmbuf_pool_create("afpsec", 4095, 64, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	REQUIRE(mp != NULL);
	REQUIRE(rte_vdev_init("net_af_packet0", "iface=ks0,qpairs=2") == 0);
	REQUIRE(rte_vdev_init("net_af_packet1", "iface=ks1") == 0);
	uint16_t pa, pb;
	REQUIRE(rte_eth_dev_get_port_by_name("net_af_packet0", &pa) == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("net_af_packet1", &pb) == 0);
	REQUIRE(port_up(pa, 2, mp) == 0);
	REQUIRE(port_up(pb, 1, mp) == 0);
	usleep(100000);
	struct rte_mbuf *junk[32];
	while (rte_eth_rx_burst(pb, 0, junk, 32) > 0)
		;

	start_sec(0);
	start_sec(1);
	unsigned int dup = 0;
	unsigned int got = round_trip(pb, mp, 0, &dup);
	CHECK_MSG(got == ROUND && dup == 0, "round 1: %u of %u back, %u twice", got, ROUND, dup);
	struct rte_eth_stats st;
	REQUIRE(rte_eth_stats_get(pa, &st) == 0);
	CHECK_MSG(st.q_ipackets[0] > 0 && st.q_ipackets[1] > 0 &&
		  st.q_ipackets[0] + st.q_ipackets[1] >= ROUND,
		  "port A rx per queue %" PRIu64 "/%" PRIu64, st.q_ipackets[0], st.q_ipackets[1]);
	uint64_t q1_before = st.q_ipackets[1];

	/* kill the poller of queue 1; a new one takes the queue over */
	kill(sec[1].pid, SIGKILL);
	CHECK(proc_wait(&sec[1], 10000) == 128 + SIGKILL);
	sec[1].pid = 0;
	start_sec(1);
	dup = 0;
	got = round_trip(pb, mp, ROUND, &dup);
	CHECK_MSG(got == ROUND && dup == 0, "round 2 (after the restart): %u of %u back, %u twice",
		  got, ROUND, dup);
	uint64_t f0 = stop_sec(0), f1 = stop_sec(1);
	REQUIRE(rte_eth_stats_get(pa, &st) == 0);
	CHECK_MSG(f1 > 0 && f1 == st.q_ipackets[1] - q1_before,
		  "restarted secondary 1 forwarded %" PRIu64 ", queue 1 got %" PRIu64, f1,
		  st.q_ipackets[1] - q1_before);
	CHECK_MSG(f0 == st.q_ipackets[0], "secondary 0 forwarded %" PRIu64 ", queue 0 got %" PRIu64,
		  f0, st.q_ipackets[0]);
	printf("port A queues rx %" PRIu64 "/%" PRIu64 ", 2 x %u packets back through secondaries\n",
	       st.q_ipackets[0], st.q_ipackets[1], ROUND);
#ifdef DPLITE_HAVE_AF_XDP
	if (system("ip link add kx0 type veth peer name kx1 >/dev/null 2>&1 && "
		   "ip link set kx0 up && ip link set kx1 up") == 0 &&
	    rte_vdev_init("net_af_xdp0", "iface=kx0") == 0) {
		uint16_t px;
		REQUIRE(rte_eth_dev_get_port_by_name("net_af_xdp0", &px) == 0);
		if (port_up(px, 1, mp) == 0) {
			struct proc x;
			char *xa[] = { self, (char *)"secondary", prefix, (char *)"9", NULL };
			REQUIRE(proc_start(&x, xa) == 0);
			CHECK_MSG(proc_expect(&x, "xdp secondary: ports 3, rx 0 0, tx 0", 20000), "%s", x.buf);
			CHECK(proc_wait(&x, 10000) == 0);
			const char *l1 = strstr(x.buf, "rx burst in a secondary process");
			CHECK_MSG(l1 && strstr(l1 + 8, "burst in a secondary process") == NULL,
				  "want exactly one log line: %s", x.buf);
			CHECK(strstr(x.buf, "poll this port from the primary") != NULL);
			rte_eth_dev_stop(px);
		} else {
			printf("net_af_xdp did not start here: its secondary check skipped\n");
		}
		rte_eth_dev_close(px);
	}
#endif
	rte_eth_dev_stop(pa);
	rte_eth_dev_stop(pb);
	rte_eth_dev_close(pa);
	rte_eth_dev_close(pb);
	rte_eal_cleanup();
	return test_done();
}
