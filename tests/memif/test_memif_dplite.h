/* SPDX-License-Identifier: BSD-3-Clause
 * Helpers for the dplite <-> dplite net_memif tests: bring up one memif port
 * in this process, run the peer as a second real process (this program
 * exec'd again), build and check numbered packets. */
#ifndef TEST_MEMIF_DPLITE_H
#define TEST_MEMIF_DPLITE_H
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <sys/wait.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_cycles.h>
#include "test.h"

#define MT_MBUF_ROOM 1024	/* smaller than big packets: rx chains mbufs */

static inline uint64_t mt_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static inline void mt_sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* Appended to the port's devargs by mt_port_up (e.g. ",zero-copy=yes"). */
static const char *mt_vdev_extra = "";

/* EAL with one net_memif port (role, socket path, id 0) configured with nq
 * queue pairs and started. Returns the port id; *mp gets the pool. */
static inline uint16_t mt_port_up(const char *tag, const char *role, const char *sock,
				  unsigned int nq, unsigned int bsize, struct rte_mempool **mp)
{
	static char vdev[512];
	const char *extra[] = { "-l", "0", vdev, NULL };
	struct rte_eth_conf conf;
	uint16_t port;

	snprintf(vdev, sizeof(vdev), "--vdev=net_memif0,role=%s,id=0,socket=%s,"
		 "socket-abstract=no,bsize=%u,rsize=8%s", role, sock, bsize, mt_vdev_extra);
	test_eal_init(tag, extra);
	REQUIRE(rte_eth_dev_get_port_by_name("net_memif0", &port) == 0);
	*mp = rte_pktmbuf_pool_create("mt_pool", 8191, 128, 0,
				      MT_MBUF_ROOM + RTE_PKTMBUF_HEADROOM, (int)rte_socket_id());
	REQUIRE(*mp != NULL);
	memset(&conf, 0, sizeof(conf));
	conf.intr_conf.lsc = 1;
	REQUIRE(rte_eth_dev_configure(port, (uint16_t)nq, (uint16_t)nq, &conf) == 0);
	for (unsigned int q = 0; q < nq; q++) {
		REQUIRE(rte_eth_rx_queue_setup(port, (uint16_t)q, 256, (unsigned int)rte_socket_id(),
					       NULL, *mp) == 0);
		REQUIRE(rte_eth_tx_queue_setup(port, (uint16_t)q, 256, (unsigned int)rte_socket_id(),
					       NULL) == 0);
	}
	REQUIRE(rte_eth_dev_start(port) == 0);
	return port;
}

/* Wait (bounded) until the link is `up`. 1: reached, 0: timed out. */
static inline int mt_wait_link(uint16_t port, int up, unsigned int timeout_ms)
{
	uint64_t end = mt_now_ms() + timeout_ms;
	struct rte_eth_link link;

	do {
		memset(&link, 0, sizeof(link));
		if (rte_eth_link_get_nowait(port, &link) == 0 && link.link_status == (up ? 1 : 0))
			return 1;
		mt_sleep_ms(5);
	} while (mt_now_ms() < end);
	return 0;
}

/* Packet (side, queue, seq) of length len: an Ethernet header (ethertype
 * 0x88b5), then side, queue, seq (2), len (4), then a pattern. */
static inline uint8_t mt_byte(unsigned int side, unsigned int q, unsigned int seq, uint32_t i)
{
	return (uint8_t)(i * 7u + seq * 13u + q * 31u + side * 101u);
}

/* Build it as a chain of segments of at most seg bytes. */
static inline struct rte_mbuf *mt_build(struct rte_mempool *mp, unsigned int side, unsigned int q,
					unsigned int seq, uint32_t len, uint32_t seg)
{
	struct rte_mbuf *h = NULL, *t = NULL;
	uint32_t i = 0;

	while (i < len) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		if (m == NULL) {
			rte_pktmbuf_free(h);
			return NULL;
		}
		uint32_t n = RTE_MIN(seg, len - i);
		n = RTE_MIN(n, (uint32_t)rte_pktmbuf_tailroom(m));
		uint8_t *d = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)n);
		for (uint32_t k = 0; k < n; k++, i++) {
			uint8_t b = mt_byte(side, q, seq, i);
			if (i < 12) b = (uint8_t)(0x02 + i);
			else if (i == 12) b = 0x88;
			else if (i == 13) b = 0xb5;
			else if (i == 14) b = (uint8_t)side;
			else if (i == 15) b = (uint8_t)q;
			else if (i == 16) b = (uint8_t)(seq >> 8);
			else if (i == 17) b = (uint8_t)seq;
			else if (i >= 18 && i < 22) b = (uint8_t)(len >> (8 * (i - 18)));
			d[k] = b;
		}
		if (h == NULL) {
			h = t = m;
		} else {
			t->next = m;
			t = m;
			h->nb_segs++;
			h->pkt_len += n;
		}
	}
	return h;
}

/* Check a received packet is exactly (side, q, seq, len). */
static inline int mt_check(const struct rte_mbuf *m, unsigned int side, unsigned int q,
			   unsigned int seq, uint32_t len)
{
	uint32_t i = 0, sum = 0;

	if (m->pkt_len != len)
		return 0;
	for (const struct rte_mbuf *s = m; s != NULL; s = s->next) {
		const uint8_t *d = rte_pktmbuf_mtod(s, const uint8_t *);
		sum += s->data_len;
		for (uint32_t k = 0; k < s->data_len; k++, i++) {
			uint8_t b = mt_byte(side, q, seq, i);
			if (i < 12) b = (uint8_t)(0x02 + i);
			else if (i == 12) b = 0x88;
			else if (i == 13) b = 0xb5;
			else if (i == 14) b = (uint8_t)side;
			else if (i == 15) b = (uint8_t)q;
			else if (i == 16) b = (uint8_t)(seq >> 8);
			else if (i == 17) b = (uint8_t)seq;
			else if (i >= 18 && i < 22) b = (uint8_t)(len >> (8 * (i - 18)));
			if (d[k] != b)
				return 0;
		}
	}
	return sum == len;
}

/* Zero copy: the port's data-region pools alive now (named
 * memif_zc_p<port>_<n>); *last gets one of them. */
struct mt_zc_find { char prefix[32]; unsigned int n; struct rte_mempool *mp; };

static inline void mt_zc_walk(struct rte_mempool *mp, void *arg)
{
	struct mt_zc_find *f = (struct mt_zc_find *)arg;
	if (strncmp(mp->name, f->prefix, strlen(f->prefix)) == 0) {
		f->n++;
		f->mp = mp;
	}
}

static inline unsigned int mt_zc_pools(uint16_t port, struct rte_mempool **last)
{
	struct mt_zc_find f;
	memset(&f, 0, sizeof(f));
	snprintf(f.prefix, sizeof(f.prefix), "memif_zc_p%u_", port);
	rte_mempool_walk(mt_zc_walk, &f);
	if (last != NULL)
		*last = f.mp;
	return f.n;
}

/* An xstat by name, or UINT64_MAX. */
/* A peer that keeps sending side-1 packets (64 B, or 64..1463 B when
 * vary_len) and drops what it receives, until end_ms: the other end of the
 * reconnect and race tests, killed with SIGKILL by them. */
static inline void mt_serve(uint16_t port, struct rte_mempool *mp, uint64_t end_ms, int vary_len)
{
	unsigned int seq = 0;

	while (mt_now_ms() < end_ms) {
		struct rte_mbuf *b[32];
		unsigned int n = 0;
		while (n < 32 && (b[n] = mt_build(mp, 1, 0, seq + n,
						  vary_len ? 64 + (seq + n) % 1400 : 64, 4096)) != NULL)
			n++;
		uint16_t k = rte_eth_tx_burst(port, 0, b, (uint16_t)n);
		seq += k;
		for (unsigned int i = k; i < n; i++)
			rte_pktmbuf_free(b[i]);
		k = rte_eth_rx_burst(port, 0, b, 32);
		for (unsigned int i = 0; i < k; i++)
			rte_pktmbuf_free(b[i]);
		if (k == 0)
			mt_sleep_ms(1);
	}
}

static inline uint64_t mt_xstat(uint16_t port, const char *name)
{
	struct rte_eth_xstat_name names[64];
	struct rte_eth_xstat xs[64];
	int n = rte_eth_xstats_get_names(port, names, 64);
	if (n <= 0 || n > 64 || rte_eth_xstats_get(port, xs, 64) != n)
		return UINT64_MAX;
	for (int i = 0; i < n; i++)
		if (strcmp(names[i].name, name) == 0)
			return xs[i].value;
	return UINT64_MAX;
}

/* Run this program again as the peer: argv = self, "peer", args... */
static inline pid_t mt_spawn(const char *self, const char *const *args)
{
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[16];
		int n = 0;
		argv[n++] = (char *)self;
		argv[n++] = (char *)"peer";
		for (int i = 0; args[i] && n < 15; i++)
			argv[n++] = (char *)args[i];
		argv[n] = NULL;
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	return pid;
}

/* Wait for pid (bounded); kill -9 it on timeout. Exit status, or -1. */
static inline int mt_reap(pid_t pid, unsigned int timeout_ms)
{
	uint64_t end = mt_now_ms() + timeout_ms;
	int st;

	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		if (r < 0 || mt_now_ms() > end)
			break;
		mt_sleep_ms(10);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -1;
}

/* A fresh private directory for the socket, removed at exit (even when a
 * REQUIRE ends the test early). */
static char mt_dir[64];

static inline void mt_tmpdir_remove(void)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/memif.sock", mt_dir);
	unlink(p);
	rmdir(mt_dir);
}

static inline void mt_tmpdir(char *buf, size_t len)
{
	snprintf(mt_dir, sizeof(mt_dir), "/tmp/memif_test_XXXXXX");
	REQUIRE(mkdtemp(mt_dir) != NULL);
	chmod(mt_dir, 0777);
	snprintf(buf, len, "%s", mt_dir);
	atexit(mt_tmpdir_remove);
}
#endif
