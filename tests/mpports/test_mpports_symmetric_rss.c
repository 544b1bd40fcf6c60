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
 * per-queue counters equal the prediction; the pool is full at the end.
 *
 * Built a second time with KILL_WORKER (test_mpports_symmetric_kill): a
 * third of the way in, secondary 1 is killed with SIGKILL while it
 * forwards, the test (as the primary would) rolls back any ring operation
 * it left half done (rx ring consumer head, output ring producer head: it
 * was their only user), restarts it on the same queue and lcore id and goes
 * on. Afterwards: no packet twice or on a wrong queue, flow order kept
 * (gaps allowed), and exact accounting: every injected packet came out or
 * is one of the few (at most one burst) the dead process held, which are
 * exactly the pool's in-use count. */
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

static char pfx[96], nohuge[] = "--no-huge";

static void start_secondary(struct proc *pr, const char *prog, int i)
{
	static char lc[2][32], id[2][32];
	char exp[64];
	snprintf(lc[i], sizeof(lc[i]), "--lcores=%d@0", i + 1);
	snprintf(id[i], sizeof(id[i]), "--proc-id=%d", i);
	char *a[16] = { (char *)prog, pfx, lc[i], (char *)"--proc-type=secondary" };
	int n = 4;
	if (test_no_huge())
		a[n++] = nohuge;
	a[n++] = (char *)"--";
	a[n++] = (char *)"-p";
	a[n++] = (char *)"3";
	a[n++] = (char *)"--num-procs=2";
	a[n++] = id[i];
	a[n] = NULL;
	REQUIRE(proc_start(pr, a) == 0);
	kids[i] = pr->pid;
	snprintf(exp, sizeof(exp), "using queue %d of each port", i);
	if (!proc_expect(pr, exp, 20000)) {
		fprintf(stderr, "secondary %d did not start: %s\n", i, pr->buf);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	atexit(kill_kids);
	REQUIRE(argc == 2);
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
		out[q] = rte_ring_create(n, 4096, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
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
	for (int i = 0; i < 2; i++)
		start_secondary(&pr[i], argv[1], i);

	/* inject, at most INFLIGHT packets out at a time (the rx rings hold 1024) */
	static int next_seq[FLOWS];
	unsigned int sent = 0, got = 0, got_q[2] = { 0, 0 }, wrong_q = 0, order = 0, dup = 0, bad = 0;
	static uint8_t seen[TOTAL];
	long end = ms_now() + 30000;
#ifdef KILL_WORKER
	struct rte_ring *rxr[2] = { rte_ring_lookup("ETH_RXTX0_net_ring0"),
				    rte_ring_lookup("ETH_RXTX1_net_ring0") };
	REQUIRE(rxr[0] && rxr[1]);
	int killed = 0, quiet = 0, stopped = 0;
	unsigned int last_got = 0;
	while (ms_now() < end) {
		if (!killed && sent >= TOTAL / 3) {
			/* SIGKILL while it forwards; once it is gone, undo any ring
			 * operation it left half done (it was the only consumer of
			 * its rx ring and the only producer of its output ring), then
			 * restart it on the same queue and lcore id */
			kill(pr[1].pid, SIGKILL);
			CHECK(proc_wait(&pr[1], 10000) == 128 + SIGKILL);
			rxr[1]->cons.head = rxr[1]->cons.tail;
			out[1]->prod.head = out[1]->prod.tail;
			start_secondary(&pr[1], argv[1], 1);
			killed = 1;
		}
		if (sent == TOTAL) {
			unsigned int left = rte_ring_count(rxr[0]) + rte_ring_count(rxr[1]) +
					    rte_ring_count(out[0]) + rte_ring_count(out[1]);
			quiet = left == 0 && got == last_got ? quiet + 1 : 0;
			last_got = got;
			if (quiet > 50) {
				if (stopped)
					break;
				/* the secondaries stop at a loop boundary: a burst one
				 * still holds is sent first; drain once more after */
				for (int i = 0; i < 2; i++) {
					kill(pr[i].pid, SIGINT);
					CHECK(proc_wait(&pr[i], 10000) == 0);
					kids[i] = 0;
				}
				stopped = 1;
				quiet = 0;
			}
			usleep(2000);
		}
#else
	while (got < TOTAL && ms_now() < end) {
#endif
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
#ifdef KILL_WORKER
					order += (int)(s / FLOWS) < next_seq[f];    /* gaps allowed */
#else
					order += (int)(s / FLOWS) != next_seq[f];
#endif
					next_seq[f] = (int)(s / FLOWS) + 1;
				}
				rte_pktmbuf_free(m);
			}
			got += n;
			got_q[q] += n;
		}
	}
#ifdef KILL_WORKER
	CHECK(killed && stopped);
	for (int q = 0; q < 2; q++)
		CHECK(rte_ring_count(rxr[q]) == 0 && rte_ring_count(out[q]) == 0);
	unsigned int in_use = rte_mempool_in_use_count(mp);
	CHECK(dup == 0 && bad == 0);
	CHECK_MSG(wrong_q == 0, "%u packets forwarded by the wrong process", wrong_q);
	CHECK_MSG(order == 0, "%u packets out of order within their flow", order);
	/* exact accounting: what did not come out is what the dead one held */
	CHECK_MSG(got + in_use == TOTAL && in_use <= 32, "got %u, in use %u, of %u", got, in_use, TOTAL);
	CHECK_MSG(got_q[0] == want[0] && got_q[1] + in_use == want[1], "per queue %u/%u+%u, predicted %u/%u",
		  got_q[0], got_q[1], in_use, want[0], want[1]);
	printf("killed worker 1 held %u packets; %u of %u forwarded\n", in_use, got, TOTAL);
	rte_eth_dev_stop(in_port);
	rte_eth_dev_close(in_port);
	rte_eth_dev_stop(out_port);
	rte_eth_dev_close(out_port);
	rte_eal_cleanup();
	return test_done();
#else
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
#endif
}
