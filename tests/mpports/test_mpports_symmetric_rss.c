/* SPDX-License-Identifier: BSD-3-Clause
 * symmetric_mp on real packets: this test is the primary. It makes a
 * 2-queue net_ring loopback port with RSS (port 0: a packet sent on it lands
 * on the rx queue its Toeplitz hash picks) and an output port over two rings
 * of its own (port 1: what is sent on tx queue i lands in ring i), then execs
 * two symmetric_mp secondaries (--proc-id=0 and 1, -p 3), each polling its
 * own queue of both ports and forwarding port 0 -> port 1. It injects a flow
 * set on port 0 and checks: every packet comes out exactly once; the ring a
 * packet comes out of (= the process that forwarded it) is the queue that
 * rte_softrss with the port's key and redirection table predicts; per flow
 * the order is kept; each process's "Port 0: RX - n" line and the port's
 * per-queue counters equal the prediction; the pool is full at the end. */
#include <rte_ring.h>
#include <rte_eth_ring.h>
#include <rte_thash.h>
#include "ethdev/eth_test.h"
#include "examples/proc.h"

#define FLOWS 200
#define PER_FLOW 20
#define TOTAL (FLOWS * PER_FLOW)
#define INFLIGHT 256

static uint32_t flow_src(int f) { return 0xc6120000u + (uint32_t)f * 7u; }        /* 198.18.x.x */
static uint32_t flow_dst(int f) { return 0xc6130000u + (uint32_t)(f % 13); }
static uint16_t flow_sp(int f) { return (uint16_t)(1024 + f); }
static uint16_t flow_dp(int f) { return (uint16_t)(5000 + 3 * f); }

static pid_t kids[2];

/* a failed REQUIRE exits: take the secondaries with us */
static void kill_kids(void)
{
	for (int i = 0; i < 2; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGKILL);
}

int main(int argc, char **argv)
{
	atexit(kill_kids);
	REQUIRE(argc == 2);
	static char pfx[96], nohuge[] = "--no-huge";
	snprintf(pfx, sizeof(pfx), "--file-prefix=mpsym_%d", (int)getpid());
	char *pargv[8] = { (char *)"pri", pfx, (char *)"--vdev=net_ring0", (char *)"-l", (char *)"0" };
	int pargc = 5;
	if (test_no_huge())
		pargv[pargc++] = nohuge;
	REQUIRE(rte_eal_init(pargc, pargv) >= 0);

	struct rte_mempool *mp = eth_test_pool("MProc_pktmbuf_pool", 4095);
	uint16_t in_port, out_port;
	REQUIRE(rte_eth_dev_get_port_by_name("net_ring0", &in_port) == 0 && in_port == 0);
	struct rte_ring *out[2], *unused[2];
	for (int q = 0; q < 2; q++) {
		char n[32];
		snprintf(n, sizeof(n), "sym_out%d", q);
		out[q] = rte_ring_create(n, 4096, SOCKET_ID_ANY, RING_F_SC_DEQ);
		snprintf(n, sizeof(n), "sym_unused%d", q);
		unused[q] = rte_ring_create(n, 64, SOCKET_ID_ANY, 0);
		REQUIRE(out[q] && unused[q]);
	}
	REQUIRE(rte_eth_from_rings("symout", unused, 2, out, 2, SOCKET_ID_ANY) == 1);
	out_port = 1;
	REQUIRE(eth_test_port_up(in_port, 2, mp, 1) == 0);
	REQUIRE(eth_test_port_up(out_port, 2, mp, 0) == 0);

	/* the prediction: queue = reta[hash % reta_size] */
	uint8_t key[40];
	struct rte_eth_rss_conf rc = { .rss_key = key, .rss_key_len = sizeof(key) };
	struct rte_eth_rss_reta_entry64 reta[2];
	REQUIRE(rte_eth_dev_rss_hash_conf_get(in_port, &rc) == 0);
	memset(reta, 0, sizeof(reta));
	reta[0].mask = reta[1].mask = ~0ULL;
	REQUIRE(rte_eth_dev_rss_reta_query(in_port, reta, 128) == 0);
	int flow_q[FLOWS];
	unsigned int want[2] = { 0, 0 };
	for (int f = 0; f < FLOWS; f++) {
		union rte_thash_tuple t;
		memset(&t, 0, sizeof(t));
		t.v4.src_addr = flow_src(f);
		t.v4.dst_addr = flow_dst(f);
		t.v4.sport = flow_sp(f);
		t.v4.dport = flow_dp(f);
		uint32_t h = rte_softrss((uint32_t *)&t, RTE_THASH_V4_L4_LEN, key);
		flow_q[f] = reta[(h % 128) / 64].reta[(h % 128) % 64];
		want[flow_q[f]] += PER_FLOW;
	}
	CHECK_MSG(want[0] > 0 && want[1] > 0, "flow set does not spread: %u/%u", want[0], want[1]);

	/* two secondaries, one per queue, on lcores 1 and 2 (both may share a CPU) */
	struct proc pr[2];
	for (int i = 0; i < 2; i++) {
		char lc[32], id[32], exp[64];
		snprintf(lc, sizeof(lc), "--lcores=%d@0", i + 1);
		snprintf(id, sizeof(id), "--proc-id=%d", i);
		char *a[16] = { argv[1], pfx, lc, (char *)"--proc-type=secondary" };
		int n = 4;
		if (test_no_huge())
			a[n++] = nohuge;
		a[n++] = (char *)"--";
		a[n++] = (char *)"-p";
		a[n++] = (char *)"3";
		a[n++] = (char *)"--num-procs=2";
		a[n++] = id;
		a[n] = NULL;
		REQUIRE(proc_start(&pr[i], a) == 0);
		kids[i] = pr[i].pid;
		snprintf(exp, sizeof(exp), "using queue %d of each port", i);
		if (!proc_expect(&pr[i], exp, 20000)) {
			fprintf(stderr, "secondary %d did not start: %s\n", i, pr[i].buf);
			return 1;
		}
	}

	/* inject, at most INFLIGHT packets out at a time (the rx rings hold 1024) */
	static int next_seq[FLOWS];
	unsigned int sent = 0, got = 0, got_q[2] = { 0, 0 }, wrong_q = 0, order = 0, dup = 0, bad = 0;
	static uint8_t seen[TOTAL];
	long end = ms_now() + 30000;
	while (got < TOTAL && ms_now() < end) {
		if (sent < TOTAL && sent - got < INFLIGHT) {
			struct rte_mbuf *b[16];
			uint16_t k = 0;
			for (; k < 16 && sent < TOTAL; k++, sent++) {
				int f = (int)(sent % FLOWS);
				b[k] = eth_test_frame(mp, flow_src(f), flow_dst(f), flow_sp(f), flow_dp(f), 0, 80, 0);
				REQUIRE(b[k] != NULL);
				uint32_t s = sent;
				memcpy(rte_pktmbuf_mtod_offset(b[k], uint8_t *, 42), &s, 4);
			}
			REQUIRE(rte_eth_tx_burst(in_port, 0, b, k) == k);
		}
		for (int q = 0; q < 2; q++) {
			void *o[32];
			unsigned int n = rte_ring_sc_dequeue_burst(out[q], o, 32, NULL);
			for (unsigned int i = 0; i < n; i++) {
				struct rte_mbuf *m = o[i];
				uint32_t s;
				memcpy(&s, rte_pktmbuf_mtod_offset(m, uint8_t *, 42), 4);
				if (s >= TOTAL) {
					bad++;
				} else {
					int f = (int)(s % FLOWS);
					dup += seen[s]++ != 0;
					wrong_q += flow_q[f] != q;
					order += (int)(s / FLOWS) != next_seq[f];
					next_seq[f] = (int)(s / FLOWS) + 1;
				}
				rte_pktmbuf_free(m);
			}
			got += n;
			got_q[q] += n;
		}
	}
	CHECK_MSG(got == TOTAL, "got %u of %u packets", got, TOTAL);
	CHECK(dup == 0 && bad == 0);
	CHECK_MSG(wrong_q == 0, "%u packets forwarded by the wrong process", wrong_q);
	CHECK_MSG(order == 0, "%u packets out of order within their flow", order);
	CHECK_MSG(got_q[0] == want[0] && got_q[1] == want[1], "per queue %u/%u, predicted %u/%u",
		  got_q[0], got_q[1], want[0], want[1]);

	/* the port's own counters, written by the two secondaries */
	struct rte_eth_stats st;
	REQUIRE(rte_eth_stats_get(in_port, &st) == 0);
	CHECK_MSG(st.q_ipackets[0] == want[0] && st.q_ipackets[1] == want[1] && st.ipackets == TOTAL,
		  "port 0 rx per queue %" PRIu64 "/%" PRIu64, st.q_ipackets[0], st.q_ipackets[1]);
	REQUIRE(rte_eth_stats_get(out_port, &st) == 0);
	CHECK(st.q_opackets[0] == want[0] && st.q_opackets[1] == want[1]);

	/* each process prints its per-port counters on SIGINT, as DPDK's does */
	for (int i = 0; i < 2; i++) {
		char line[96];
		kill(pr[i].pid, SIGINT);
		snprintf(line, sizeof(line), "Port 0: RX - %u, TX - 0, Drop - 0", want[i]);
		CHECK_MSG(proc_expect(&pr[i], line, 10000), "process %d: %s", i, pr[i].buf);
		snprintf(line, sizeof(line), "Port 1: RX - 0, TX - %u, Drop - 0", want[i]);
		CHECK_MSG(proc_expect(&pr[i], line, 10000), "process %d: %s", i, pr[i].buf);
		CHECK(proc_wait(&pr[i], 10000) == 0);
		kids[i] = 0;
	}
	CHECK_MSG(rte_mempool_in_use_count(mp) == 0, "%u mbufs still in use",
		  rte_mempool_in_use_count(mp));
	rte_eth_dev_stop(in_port);
	rte_eth_dev_close(in_port);
	rte_eth_dev_stop(out_port);
	rte_eth_dev_close(out_port);
	rte_eal_cleanup();
	return test_done();
}
