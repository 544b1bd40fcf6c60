/* SPDX-License-Identifier: BSD-3-Clause
 * client_server_mp: one server process (primary) hands packets round-robin
 * to N client processes (secondaries) over one ring per client; clients
 * count what they receive, return the buffers to the shared pool and report
 * their counts. At the end the server checks that every packet it sent was
 * received by exactly the client it was sent to, and that the pool is full.
 *
 *   server: client_server_mp -l 0 --proc-type=primary -- server <nclients> <npackets>
 *   client: client_server_mp -l <k> --proc-type=secondary -- client <id>
 *
 * The server waits for all clients to attach (a shared "ready" counter in a
 * memzone), sends, then enqueues one end marker (NULL is not allowed in a
 * ring, so a marker object) per client and waits for their reports.
 * Written against the DPDK 22.11 API. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_debug.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_cycles.h>

#define MAX_CLIENTS 16
#define RING_SIZE 2048
#define BURST 32
#define POOL_SIZE 8191

struct shared {
	volatile uint32_t clients_ready;
	volatile uint32_t clients_done;
	uint64_t sent[MAX_CLIENTS];
	uint64_t received[MAX_CLIENTS];
	uint64_t bad[MAX_CLIENTS];       /* packets that reached the wrong client */
	uint32_t nclients;
};

static const char *ring_name(unsigned int id)
{
	static char buf[32];
	snprintf(buf, sizeof(buf), "MProc_Client_RX_%u", id);
	return buf;
}

static int server(unsigned int nclients, uint64_t npackets)
{
	const struct rte_memzone *mz = rte_memzone_reserve("CS_SHARED", sizeof(struct shared), SOCKET_ID_ANY, 0);
	struct rte_mempool *pool = rte_pktmbuf_pool_create("CS_POOL", POOL_SIZE, 256, 0,
							   RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mz == NULL || pool == NULL)
		rte_exit(1, "server: cannot create shared state: %s\n", rte_strerror(rte_errno));
	struct shared *sh = mz->addr;
	memset(sh, 0, sizeof(*sh));
	sh->nclients = nclients;
	struct rte_ring *rings[MAX_CLIENTS];
	for (unsigned int i = 0; i < nclients; i++) {
		rings[i] = rte_ring_create(ring_name(i), RING_SIZE, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (rings[i] == NULL)
			rte_exit(1, "server: ring %u: %s\n", i, rte_strerror(rte_errno));
	}
	printf("server ready: %u clients, %" PRIu64 " packets\n", nclients, npackets);
	fflush(stdout);
	while (__atomic_load_n(&sh->clients_ready, __ATOMIC_ACQUIRE) < nclients)
		rte_delay_us_sleep(1000);

	uint64_t sent = 0;
	unsigned int next = 0;
	struct rte_mbuf *burst[BURST];
	while (sent < npackets) {
		unsigned int n = (unsigned int)RTE_MIN((uint64_t)BURST, npackets - sent);
		if (rte_pktmbuf_alloc_bulk(pool, burst, n) != 0)
			continue;   /* clients are slow: buffers come back soon */
		for (unsigned int k = 0; k < n; k++) {
			uint32_t *p = (uint32_t *)rte_pktmbuf_append(burst[k], 8);
			p[0] = next;                     /* destination client */
			p[1] = (uint32_t)(sent + k);
		}
		unsigned int done = 0;
		while (done < n)
			done += rte_ring_sp_enqueue_burst(rings[next], (void **)burst + done, n - done, NULL);
		sh->sent[next] += n;
		sent += n;
		next = (next + 1) % nclients;
	}
	/* end marker: a zero-length mbuf */
	for (unsigned int i = 0; i < nclients; i++) {
		struct rte_mbuf *m;
		while ((m = rte_pktmbuf_alloc(pool)) == NULL)
			rte_delay_us_sleep(100);
		while (rte_ring_sp_enqueue(rings[i], m) != 0)
			rte_delay_us_sleep(100);
	}
	while (__atomic_load_n(&sh->clients_done, __ATOMIC_ACQUIRE) < nclients)
		rte_delay_us_sleep(1000);

	int rc = 0;
	uint64_t total = 0;
	for (unsigned int i = 0; i < nclients; i++) {
		printf("client %u: sent %" PRIu64 ", received %" PRIu64 ", misrouted %" PRIu64 "\n",
		       i, sh->sent[i], sh->received[i], sh->bad[i]);
		total += sh->received[i];
		if (sh->sent[i] != sh->received[i] || sh->bad[i])
			rc = 1;
	}
	unsigned int avail = rte_mempool_avail_count(pool);
	printf("total received %" PRIu64 " of %" PRIu64 ", pool %u/%u available: %s\n", total, npackets,
	       avail, POOL_SIZE, rc == 0 && total == npackets && avail == POOL_SIZE ? "OK" : "MISMATCH");
	if (total != npackets || avail != POOL_SIZE)
		rc = 1;
	for (unsigned int i = 0; i < nclients; i++)
		rte_ring_free(rings[i]);
	rte_mempool_free(pool);
	rte_memzone_free(mz);
	return rc;
}

static int client(unsigned int id)
{
	const struct rte_memzone *mz = rte_memzone_lookup("CS_SHARED");
	struct rte_ring *ring = rte_ring_lookup(ring_name(id));
	if (mz == NULL || ring == NULL)
		rte_exit(1, "client %u: server objects not found: %s\n", id, rte_strerror(rte_errno));
	struct shared *sh = mz->addr;
	if (id >= sh->nclients)
		rte_exit(1, "client %u: server has only %u clients\n", id, sh->nclients);
	__atomic_fetch_add(&sh->clients_ready, 1, __ATOMIC_RELEASE);
	uint64_t received = 0, bad = 0;
	struct rte_mbuf *burst[BURST];
	for (bool end = false; !end;) {
		unsigned int n = rte_ring_sc_dequeue_burst(ring, (void **)burst, BURST, NULL);
		for (unsigned int k = 0; k < n; k++) {
			if (rte_pktmbuf_data_len(burst[k]) == 0) {
				end = true;
			} else {
				uint32_t *p = rte_pktmbuf_mtod(burst[k], uint32_t *);
				received++;
				bad += p[0] != id;
			}
			rte_pktmbuf_free(burst[k]);
		}
	}
	sh->received[id] = received;
	sh->bad[id] = bad;
	printf("client %u: received %" PRIu64 " packets\n", id, received);
	__atomic_fetch_add(&sh->clients_done, 1, __ATOMIC_RELEASE);
	return 0;
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(1, "cannot init EAL: %s\n", rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	int rc;
	if (argc >= 4 && strcmp(argv[1], "server") == 0 && rte_eal_process_type() == RTE_PROC_PRIMARY) {
		unsigned int n = (unsigned int)atoi(argv[2]);
		if (n < 1 || n > MAX_CLIENTS)
			rte_exit(1, "server: 1..%d clients\n", MAX_CLIENTS);
		rc = server(n, strtoull(argv[3], NULL, 10));
	} else if (argc >= 3 && strcmp(argv[1], "client") == 0 &&
		   rte_eal_process_type() == RTE_PROC_SECONDARY) {
		rc = client((unsigned int)atoi(argv[2]));
	} else {
		rte_exit(1, "usage: %s [EAL] -- server <nclients> <npackets> (primary) | client <id> (secondary)\n",
			 argv[0]);
	}
	rte_eal_cleanup();
	return rc;
}
