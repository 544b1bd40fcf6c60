/* SPDX-License-Identifier: BSD-3-Clause
 * symmetric_mp: N copies of the same program share one synthetic packet
 * source, like N processes each serving one RSS queue of a shared NIC.
 *
 * The source is a shared sequence counter in a memzone: every process claims
 * packet numbers from it in bursts, builds the packets in mbufs from the
 * shared pool, and steers each by a flow hash to queue (hash % N) — a ring
 * per queue. Each process drains only its own queue, checks that every
 * packet it gets really hashes to it, counts and frees it. The run ends when
 * all packets were generated and consumed; process 0 prints per-queue counts
 * and verifies the sum and the pool.
 *
 *   symmetric_mp -l 0 --proc-type=auto -- --num-procs 2 --proc-id 0 [--packets P]
 *   symmetric_mp --lcores=1@1 --proc-type=auto -- --num-procs 2 --proc-id 1
 * Process 0 must be the primary (start it first). DPDK 22.11 API only. */
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_ring.h>

#define MAX_PROCS 16
#define BURST 32

struct sym_shared {
	uint64_t total;                 /* packets to generate */
	uint64_t next_seq;              /* the source: next packet number */
	uint64_t consumed;              /* packets consumed by all processes */
	uint32_t nprocs;
	uint32_t attached;
	uint32_t finished;
	uint64_t per_queue[MAX_PROCS];
	uint64_t wrong_queue;
};

static uint32_t flow_hash(uint64_t seq)
{
	uint64_t x = seq * 0x9e3779b97f4a7c15ull;
	return (uint32_t)(x >> 32) ^ (uint32_t)x;
}

static void ring_name(char *buf, size_t len, unsigned int q)
{
	snprintf(buf, len, "sym_q_%u", q);
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(1, "cannot init EAL: %s\n", rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	unsigned int nprocs = 0, id = UINT32_MAX;
	uint64_t total = 1000000;
	static const struct option opts[] = {
		{ "num-procs", required_argument, NULL, 'n' },
		{ "proc-id", required_argument, NULL, 'i' },
		{ "packets", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 } };
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'n') nprocs = (unsigned int)atoi(optarg);
		else if (o == 'i') id = (unsigned int)atoi(optarg);
		else if (o == 'p') total = strtoull(optarg, NULL, 10);
		else rte_exit(1, "usage: -- --num-procs N --proc-id I [--packets P]\n");
	}
	if (nprocs < 1 || nprocs > MAX_PROCS || id >= nprocs)
		rte_exit(1, "need --num-procs 1..%d and --proc-id < num-procs\n", MAX_PROCS);
	bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;
	if (primary != (id == 0))
		rte_exit(1, "process 0 must be the primary, the others secondaries\n");

	const struct rte_memzone *mz;
	struct rte_mempool *pool;
	struct rte_ring *rings[MAX_PROCS];
	char name[32];
	if (primary) {
		mz = rte_memzone_reserve("sym_shared", sizeof(struct sym_shared), SOCKET_ID_ANY, 0);
		pool = rte_pktmbuf_pool_create("sym_pool", 16383, 128, 0, 512, SOCKET_ID_ANY);
		if (mz == NULL || pool == NULL)
			rte_exit(1, "cannot create shared objects: %s\n", rte_strerror(rte_errno));
		struct sym_shared *s = mz->addr;
		memset(s, 0, sizeof(*s));
		s->total = total;
		s->nprocs = nprocs;
		for (unsigned int q = 0; q < nprocs; q++) {
			ring_name(name, sizeof(name), q);
			rings[q] = rte_ring_create(name, 4096, SOCKET_ID_ANY, RING_F_SC_DEQ);
			if (rings[q] == NULL)
				rte_exit(1, "ring %u: %s\n", q, rte_strerror(rte_errno));
		}
	} else {
		mz = rte_memzone_lookup("sym_shared");
		pool = rte_mempool_lookup("sym_pool");
		if (mz == NULL || pool == NULL)
			rte_exit(1, "primary's objects not found: %s\n", rte_strerror(rte_errno));
		for (unsigned int q = 0; q < nprocs; q++) {
			ring_name(name, sizeof(name), q);
			if ((rings[q] = rte_ring_lookup(name)) == NULL)
				rte_exit(1, "ring %s not found\n", name);
		}
	}
	struct sym_shared *s = mz->addr;
	if (s->nprocs != nprocs)
		rte_exit(1, "primary runs %u processes, not %u\n", s->nprocs, nprocs);
	__atomic_fetch_add(&s->attached, 1, __ATOMIC_ACQ_REL);
	printf("process %u ready\n", id);
	fflush(stdout);
	while (__atomic_load_n(&s->attached, __ATOMIC_ACQUIRE) < nprocs)
		rte_delay_us_sleep(500);

	uint64_t mine = 0, wrong = 0;
	struct rte_mbuf *b[BURST];
	for (;;) {
		/* produce: claim a burst of sequence numbers from the shared source */
		uint64_t seq = __atomic_fetch_add(&s->next_seq, BURST, __ATOMIC_RELAXED);
		if (seq < s->total) {
			unsigned int n = (unsigned int)RTE_MIN((uint64_t)BURST, s->total - seq);
			for (unsigned int k = 0; k < n; k++) {
				struct rte_mbuf *m;
				while ((m = rte_pktmbuf_alloc(pool)) == NULL) {
					/* pool dry: drain our queue so buffers flow back */
					void *x;
					if (rte_ring_sc_dequeue(rings[id], &x) == 0) {
						uint64_t *p = rte_pktmbuf_mtod((struct rte_mbuf *)x, uint64_t *);
						wrong += flow_hash(*p) % nprocs != id;
						mine++;
						__atomic_fetch_add(&s->consumed, 1, __ATOMIC_RELAXED);
						rte_pktmbuf_free(x);
					}
				}
				uint64_t *p = (uint64_t *)rte_pktmbuf_append(m, 64);
				p[0] = seq + k;
				unsigned int q = flow_hash(seq + k) % nprocs;
				m->hash.rss = flow_hash(seq + k);
				while (rte_ring_mp_enqueue(rings[q], m) != 0) {
					void *x;
					if (rte_ring_sc_dequeue(rings[id], &x) == 0) {
						uint64_t *px = rte_pktmbuf_mtod((struct rte_mbuf *)x, uint64_t *);
						wrong += flow_hash(*px) % nprocs != id;
						mine++;
						__atomic_fetch_add(&s->consumed, 1, __ATOMIC_RELAXED);
						rte_pktmbuf_free(x);
					}
				}
			}
		}
		/* consume our own queue */
		unsigned int n = rte_ring_sc_dequeue_burst(rings[id], (void **)b, BURST, NULL);
		for (unsigned int k = 0; k < n; k++) {
			uint64_t *p = rte_pktmbuf_mtod(b[k], uint64_t *);
			wrong += flow_hash(*p) % nprocs != id;
		}
		rte_pktmbuf_free_bulk(b, n);
		mine += n;
		if (n)
			__atomic_fetch_add(&s->consumed, n, __ATOMIC_RELAXED);
		if (seq >= s->total && n == 0 &&
		    __atomic_load_n(&s->consumed, __ATOMIC_ACQUIRE) >= s->total)
			break;
	}
	s->per_queue[id] = mine;
	__atomic_fetch_add(&s->wrong_queue, wrong, __ATOMIC_RELAXED);
	printf("process %u: handled %" PRIu64 " packets on queue %u\n", id, mine, id);
	fflush(stdout);
	__atomic_fetch_add(&s->finished, 1, __ATOMIC_ACQ_REL);

	int rc = 0;
	if (primary) {
		while (__atomic_load_n(&s->finished, __ATOMIC_ACQUIRE) < nprocs)
			rte_delay_us_sleep(1000);
		uint64_t sum = 0;
		for (unsigned int q = 0; q < nprocs; q++)
			sum += s->per_queue[q];
		unsigned int avail = rte_mempool_avail_count(pool);
		rc = sum == s->total && s->wrong_queue == 0 && avail == 16383 ? 0 : 1;
		printf("total %" PRIu64 " of %" PRIu64 " packets, %" PRIu64 " on a wrong queue, pool %u/16383: %s\n",
		       sum, s->total, s->wrong_queue, avail, rc ? "MISMATCH" : "OK");
		for (unsigned int q = 0; q < nprocs; q++)
			rte_ring_free(rings[q]);
		rte_mempool_free(pool);
		rte_memzone_free(mz);
	}
	rte_eal_cleanup();
	return rc;
}
