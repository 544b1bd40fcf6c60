/* SPDX-License-Identifier: BSD-3-Clause
 * master_slave_mp: a master (primary) owns a multi-queue port and starts N
 * worker processes (secondaries, exec'd, one lcore id each). Worker i polls
 * rx queue i of the port and sends every packet back out of tx queue i. The
 * master is the wire on the other side: it generates packets into the rx
 * queues and takes what the workers send. It watches the workers (waitpid),
 * and when one dies - SIGKILL included, at any instruction - it takes back
 * the mbufs the dead worker had in its hands and starts a new worker that
 * takes over the same queues and the same lcore id. At the end every packet
 * is accounted for: injected = forwarded + reclaimed, and the pool is full.
 *
 *   master_slave_mp [EAL] -- <nworkers> <seconds>
 *
 * SIGINT/SIGTERM to the master ends the run early, with the same summary.
 *
 * The port ("ms_port") is a net_ring port over 2N rings made by the master;
 * its peer "ms_wire" uses the same rings the other way round, so the master
 * talks to the workers through rte_eth_tx_burst/rte_eth_rx_burst too:
 *
 *   master --ms_wire txq i--> ring ms_rx_i --ms_port rxq i--> worker i
 *   master <--ms_wire rxq i-- ring ms_tx_i <--ms_port txq i-- worker i
 *
 * Why this can be recovered exactly:
 *   - each ring has one producer and one consumer (SP/SC), so once the
 *     worker is dead (waitpid) the master is the only process touching its
 *     rings and may undo a half-done operation: a dequeue that moved the
 *     rx ring's consumer head but not its tail is rolled back (head = tail:
 *     the packets are still in the ring, the worker never got them), an
 *     enqueue that moved the tx ring's producer head but not its tail is
 *     rolled back too (the packets were not sent: they count as held);
 *   - workers never touch the mempool: net_ring rx hands over the mbufs the
 *     master put in the ring, net_ring tx puts them in the next ring, and a
 *     worker never frees (a partial tx is retried). So no mbuf sits in a
 *     worker's lcore cache and no worker can die inside the pool's shared
 *     ring. (A worker that allocated or freed, as net_null's rx does, would
 *     lose up to a cache's worth on death and could stall the pool; see
 *     docs/multi-process.md.)
 *   - the rings keep order, so the master's list of the mbufs it sent to
 *     queue i and has not yet got back (its ledger, in sending order) is
 *     [what is in ms_tx_i] + [what the worker holds] + [what is in ms_rx_i].
 *     After a death the held part is the middle of the ledger: its length
 *     is ledger - count(tx ring) - count(rx ring), and those mbufs are
 *     freed by the master ("reclaimed"). Every mbuf the master takes back
 *     from ms_tx_i is checked against the ledger's head (no loss, no
 *     duplicate, order kept).
 *
 * Prints "worker <i> started pid <p> on queue <i>", on a death "worker <i>
 * died: reclaimed <n> mbuf(s) it held; queue <i> goes to restarted pid
 * <p>", and at the end "injected I, forwarded F, reclaimed R, K
 * restart(s), order kept; pool in use 0: exact".
 * Written against the DPDK 22.11 API. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <sys/prctl.h>
#include <rte_ring.h>
#include "ms_shared.h"

#define NB_MBUFS 8191
#define RING_SIZE 1024
#define BURST 32
#define MAX_INFLIGHT 512        /* per worker: ledger length the master keeps below */
#define LEDGER_CAP 4096         /* > 2 rings + a burst */
#define ETHER_TYPE_MS 0x88b5    /* IEEE local experimental */

static char *self_path, *prefix_arg, *huge_arg;

/* ---- worker ------------------------------------------------------------------------------ */
static void idle(unsigned int *empty)
{
	if (++*empty < 64) {
		rte_pause();
	} else {
		usleep(100);    /* be kind to a loaded machine */
		*empty = 0;
	}
}

static int worker(unsigned int q)
{
	const struct rte_memzone *mz = rte_memzone_lookup(MS_STATE_NAME);
	if (mz == NULL)
		rte_exit(1, "worker %u: the master's state is not there\n", q);
	struct ms_state *st = mz->addr;
	struct ms_worker *me = &st->w[q];
	uint16_t port = st->port;
	struct rte_mbuf *b[BURST];
	unsigned int empty = 0;
	uint64_t fwd = 0;

	printf("worker %u: polling rx queue %u of port %u, lcore %u\n", q, q, port, rte_lcore_id());
	fflush(stdout);
	while (!__atomic_load_n(&st->stop, __ATOMIC_ACQUIRE)) {
		uint16_t n = rte_eth_rx_burst(port, (uint16_t)q, b, BURST);
		if (n == 0) {
			idle(&empty);
			continue;
		}
		empty = 0;
		if (__atomic_load_n(&me->hold, __ATOMIC_ACQUIRE)) {
			/* keep this burst and do nothing more: a process that
			 * dies now takes n mbufs with it */
			__atomic_store_n(&me->holding, n, __ATOMIC_RELEASE);
			while (!__atomic_load_n(&st->stop, __ATOMIC_ACQUIRE))
				usleep(1000);
			return 0;
		}
		for (uint16_t i = 0; i < n; i++) {      /* the work: swap the MACs */
			struct rte_ether_hdr *eh = rte_pktmbuf_mtod(b[i], struct rte_ether_hdr *);
			struct rte_ether_addr t = eh->src_addr;
			eh->src_addr = eh->dst_addr;
			eh->dst_addr = t;
		}
		/* never free: a partial send is retried (the master drains) */
		uint16_t sent = 0;
		unsigned int tries = 0;
		while (sent < n) {
			sent += rte_eth_tx_burst(port, (uint16_t)q, b + sent, (uint16_t)(n - sent));
			if (sent < n && ++tries > 100000 && __atomic_load_n(&st->stop, __ATOMIC_ACQUIRE))
				return 0;       /* the master reclaims the rest */
			if (sent < n)
				idle(&empty);
		}
		fwd += n;
		__atomic_store_n(&me->forwarded, fwd, __ATOMIC_RELAXED);       /* display only */
	}
	return 0;
}

/* ---- master ------------------------------------------------------------------------------ */
struct ledger {                 /* master-private: mbufs sent to a queue, not yet back */
	struct rte_mbuf *e[LEDGER_CAP];
	uint32_t head, len;
	uint64_t next_seq;      /* sequence number of the next packet sent */
	uint64_t want_seq;      /* sequence number expected back next (gaps after a reclaim) */
};

static struct rte_mbuf **led_at(struct ledger *l, uint32_t k)
{
	return &l->e[(l->head + k) & (LEDGER_CAP - 1)];
}

static struct ms_state *st;
static struct rte_ring *rxr[MS_MAX_WORKERS], *txr[MS_MAX_WORKERS];
static struct ledger *led;
static pid_t pids[MS_MAX_WORKERS];
static uint16_t wire_port;
static uint64_t injected, forwarded, reclaimed, returned, mismatched;
static unsigned int restarts;

static pid_t spawn_worker(unsigned int idx)
{
	char lc[32], id[16];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	snprintf(lc, sizeof(lc), "--lcores=%u@%u", idx + 1, idx % (unsigned int)(ncpu > 0 ? ncpu : 1));
	snprintf(id, sizeof(id), "%u", idx);
	st->w[idx].forwarded = 0;
	st->w[idx].lives++;
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		/* a worker outlives no master: with the master gone nobody
		 * feeds, drains or stops it, and it would poll forever */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
			_exit(126);
		char *argv[] = { self_path, prefix_arg, lc, (char *)"--proc-type=secondary",
				 huge_arg, (char *)"--", (char *)"worker", id, NULL };
		execv(self_path, argv);
		_exit(127);
	}
	__atomic_store_n(&st->w[idx].pid, (int32_t)pid, __ATOMIC_RELEASE);
	return pid;
}

static struct rte_mbuf *make_packet(struct rte_mempool *mp, unsigned int q, uint64_t seq)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, 64);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	struct rte_ether_hdr *eh = (struct rte_ether_hdr *)p;
	memset(p, 0, 64);
	for (unsigned int i = 0; i < RTE_ETHER_ADDR_LEN; i++) {
		eh->dst_addr.addr_bytes[i] = 0x02;
		eh->src_addr.addr_bytes[i] = i == 5 ? (uint8_t)q : 0x04;
	}
	eh->ether_type = rte_cpu_to_be_16(ETHER_TYPE_MS);
	memcpy(p + sizeof(*eh), &seq, sizeof(seq));
	return m;
}

static void feed(struct rte_mempool *mp, unsigned int q)
{
	struct ledger *l = &led[q];
	struct rte_mbuf *b[BURST];
	uint16_t n = 0, k;

	if (l->len + BURST > MAX_INFLIGHT)
		return;
	for (; n < BURST; n++)
		if ((b[n] = make_packet(mp, q, l->next_seq + n)) == NULL)
			break;
	k = rte_eth_tx_burst(wire_port, (uint16_t)q, b, n);
	for (uint16_t i = 0; i < k; i++)
		*led_at(l, l->len++) = b[i];
	l->next_seq += k;
	injected += k;
	if (k < n)
		rte_pktmbuf_free_bulk(b + k, n - k);
}

/* Take back what worker q sent: each one must be the ledger's oldest. */
static unsigned int drain(unsigned int q)
{
	struct ledger *l = &led[q];
	struct rte_mbuf *b[BURST];
	uint16_t n = rte_eth_rx_burst(wire_port, (uint16_t)q, b, BURST);

	for (uint16_t i = 0; i < n; i++) {
		uint64_t seq;
		memcpy(&seq, rte_pktmbuf_mtod_offset(b[i], uint8_t *, sizeof(struct rte_ether_hdr)),
		       sizeof(seq));
		if (l->len == 0 || *led_at(l, 0) != b[i] || seq < l->want_seq) {
			mismatched++;
		} else {
			l->head = (l->head + 1) & (LEDGER_CAP - 1);
			l->len--;
			l->want_seq = seq + 1;
		}
		forwarded++;
	}
	rte_pktmbuf_free_bulk(b, n);
	return n;
}

/* ring slot k places after the consumer tail (a ring of pointers) */
static void *ring_slot(const struct rte_ring *r, uint32_t k)
{
	void *const *slots = (void *const *)&r[1];
	return slots[(r->cons.tail + k) & r->mask];
}

/* Worker q is dead (waitpid said so): nobody else touches its rings now. */
static unsigned int reclaim(unsigned int q)
{
	struct ledger *l = &led[q];
	struct rte_ring *rx = rxr[q], *tx = txr[q];

	rx->cons.head = rx->cons.tail;  /* a dequeue cut short: not taken */
	tx->prod.head = tx->prod.tail;  /* an enqueue cut short: not sent */
	uint32_t t = rte_ring_count(tx), r = rte_ring_count(rx);
	if (t + r > l->len) {
		mismatched += t + r - l->len;
		return 0;
	}
	uint32_t held = l->len - t - r;
	for (uint32_t k = 0; k < t; k++)
		mismatched += ring_slot(tx, k) != *led_at(l, k);
	for (uint32_t k = 0; k < r; k++)
		mismatched += ring_slot(rx, k) != *led_at(l, t + held + k);
	for (uint32_t k = 0; k < held; k++)
		rte_pktmbuf_free(*led_at(l, t + k));
	for (uint32_t k = 0; k < r; k++)        /* close the gap */
		*led_at(l, t + k) = *led_at(l, t + held + k);
	l->len -= held;
	reclaimed += held;
	st->w[q].hold = 0;
	st->w[q].holding = 0;
	return held;
}

/* Returns false when a worker exited on its own during the run (a bug, not
 * a crash to recover from). */
static bool watch(unsigned int n, bool respawn)
{
	int status;
	pid_t dead;
	bool ok = true;

	while ((dead = waitpid(-1, &status, WNOHANG)) > 0) {
		for (unsigned int i = 0; i < n; i++) {
			if (pids[i] != dead)
				continue;
			pids[i] = 0;
			__atomic_store_n(&st->w[i].pid, 0, __ATOMIC_RELEASE);
			unsigned int held = reclaim(i);
			if (!respawn)
				break;
			if (!WIFSIGNALED(status)) {
				printf("worker %u exited with status %d during the run\n", i,
				       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
				ok = false;
				break;
			}
			pids[i] = spawn_worker(i);
			restarts++;
			printf("worker %u died: reclaimed %u mbuf(s) it held; queue %u goes to restarted pid %d\n",
			       i, held, i, (int)pids[i]);
			fflush(stdout);
		}
	}
	return ok;
}

static int port_up(uint16_t port, uint16_t nq, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;
	int ret;

	memset(&conf, 0, sizeof(conf));
	if ((ret = rte_eth_dev_configure(port, nq, nq, &conf)) < 0)
		return ret;
	for (uint16_t q = 0; q < nq; q++) {
		if ((ret = rte_eth_rx_queue_setup(port, q, RING_SIZE, SOCKET_ID_ANY, NULL, mp)) < 0 ||
		    (ret = rte_eth_tx_queue_setup(port, q, RING_SIZE, SOCKET_ID_ANY, NULL)) < 0)
			return ret;
	}
	return rte_eth_dev_start(port);
}

/* Set by the signal handler, read by the master's loop: an atomic, as the
 * handler may run on any of the process's threads. */
static int quit;
static void on_quit(int sig)
{
	(void)sig;
	__atomic_store_n(&quit, 1, __ATOMIC_RELAXED);
}

static int master(unsigned int n, double seconds)
{
	const struct rte_memzone *mz = rte_memzone_reserve(MS_STATE_NAME, sizeof(struct ms_state),
							   SOCKET_ID_ANY, 0);
	struct rte_mempool *mp = rte_pktmbuf_pool_create("ms_pool", NB_MBUFS, 256, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
	led = calloc(n, sizeof(*led));
	if (mz == NULL || mp == NULL || led == NULL)
		rte_exit(1, "master: %s\n", rte_strerror(rte_errno));
	st = mz->addr;
	memset(st, 0, sizeof(*st));
	st->nworkers = n;
	for (unsigned int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof(name), "ms_rx_%u", i);
		rxr[i] = rte_ring_create(name, RING_SIZE, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		snprintf(name, sizeof(name), "ms_tx_%u", i);
		txr[i] = rte_ring_create(name, RING_SIZE, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (rxr[i] == NULL || txr[i] == NULL)
			rte_exit(1, "master: ring: %s\n", rte_strerror(rte_errno));
	}
	int port = rte_eth_from_rings("ms_port", rxr, n, txr, n, SOCKET_ID_ANY);
	int wire = rte_eth_from_rings("ms_wire", txr, n, rxr, n, SOCKET_ID_ANY);
	if (port < 0 || wire < 0)
		rte_exit(1, "master: ports: %s\n", rte_strerror(rte_errno));
	if (port_up((uint16_t)port, (uint16_t)n, mp) < 0 || port_up((uint16_t)wire, (uint16_t)n, mp) < 0)
		rte_exit(1, "master: cannot start the ports\n");
	st->port = (uint16_t)port;
	wire_port = (uint16_t)wire;
	printf("port %d (ms_port): %u queue pairs, one per worker; port %d (ms_wire) is the master's side\n",
	       port, n, wire);
	for (unsigned int i = 0; i < n; i++) {
		pids[i] = spawn_worker(i);
		printf("worker %u started pid %d on queue %u\n", i, (int)pids[i], i);
	}
	fflush(stdout);

	uint64_t hz = rte_get_timer_hz();
	uint64_t end = rte_get_timer_cycles() + (uint64_t)(seconds * (double)hz);
	bool ok = true;
	signal(SIGINT, on_quit);
	signal(SIGTERM, on_quit);
	while (ok && rte_get_timer_cycles() < end && !__atomic_load_n(&quit, __ATOMIC_RELAXED)) {
		unsigned int moved = 0;
		for (unsigned int i = 0; i < n; i++) {
			if (pids[i] > 0)
				feed(mp, i);
			moved += drain(i);
		}
		ok = watch(n, true);
		if (moved == 0)
			usleep(100);
	}
	/* stop feeding; let the workers send back what they have, then stop them */
	uint64_t limit = rte_get_timer_cycles() + 10 * hz;
	for (;;) {
		uint32_t left = 0;
		for (unsigned int i = 0; i < n; i++) {
			drain(i);
			left += pids[i] > 0 ? led[i].len : 0;
		}
		watch(n, ok);
		if (left == 0 || rte_get_timer_cycles() > limit)
			break;
		usleep(100);
	}
	__atomic_store_n(&st->stop, 1, __ATOMIC_RELEASE);
	for (unsigned int live = n; live > 0 && rte_get_timer_cycles() < limit + 10 * hz;) {
		live = 0;
		for (unsigned int i = 0; i < n; i++) {
			drain(i);
			live += pids[i] > 0;
		}
		watch(n, false);
		usleep(100);
	}
	for (unsigned int i = 0; i < n; i++) {
		if (pids[i] > 0) {              /* did not stop: take it down */
			kill(pids[i], SIGKILL);
			waitpid(pids[i], NULL, 0);
			reclaim(i);
		}
		while (drain(i) > 0)
			;
		/* what is left in an rx ring was never taken by a worker */
		struct rte_mbuf *b[BURST];
		unsigned int k;
		while ((k = rte_ring_sc_dequeue_burst(rxr[i], (void **)b, BURST, NULL)) > 0) {
			rte_pktmbuf_free_bulk(b, k);
			returned += k;
			led[i].len -= RTE_MIN(led[i].len, k);
		}
	}
	rte_mempool_cache_flush(rte_mempool_default_cache(mp, rte_lcore_id()), mp);
	unsigned int in_use = rte_mempool_in_use_count(mp);
	uint32_t ledger_left = 0;
	for (unsigned int i = 0; i < n; i++)
		ledger_left += led[i].len;
	bool exact = ok && in_use == 0 && ledger_left == 0 && mismatched == 0 &&
		     injected == forwarded + reclaimed + returned;
	for (unsigned int i = 0; i < n; i++)
		printf("worker %u: queue %u, %u life(s), the last forwarded %" PRIu64 "\n", i, i,
		       st->w[i].lives, st->w[i].forwarded);
	if (returned)
		printf("%" PRIu64 " packet(s) were still in the rx rings at the end\n", returned);
	printf("injected %" PRIu64 ", forwarded %" PRIu64 ", reclaimed %" PRIu64 ", %u restart(s), %s; "
	       "pool in use %u: %s\n", injected, forwarded, reclaimed, restarts,
	       mismatched ? "ORDER BROKEN" : "order kept", in_use, exact ? "exact" : "MISMATCH");
	fflush(stdout);
	rte_eth_dev_stop((uint16_t)port);
	rte_eth_dev_stop((uint16_t)wire);
	rte_eth_dev_close((uint16_t)port);
	rte_eth_dev_close((uint16_t)wire);
	for (unsigned int i = 0; i < n; i++) {
		rte_ring_free(rxr[i]);
		rte_ring_free(txr[i]);
	}
	rte_mempool_free(mp);
	rte_memzone_free(mz);
	free(led);
	return exact ? 0 : 1;
}

int main(int argc, char **argv)
{
	self_path = argv[0];
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(1, "cannot init EAL: %s\n", rte_strerror(rte_errno));
	/* remember the EAL options the workers need */
	for (int i = 1; i < ret; i++) {
		if (strncmp(argv[i], "--file-prefix", 13) == 0)
			prefix_arg = argv[i];
		if (strcmp(argv[i], "--no-huge") == 0)
			huge_arg = argv[i];
	}
	static char default_prefix[] = "--file-prefix=rte", one[] = "-n1";
	if (prefix_arg == NULL)
		prefix_arg = default_prefix;
	if (huge_arg == NULL)
		huge_arg = one;
	argc -= ret;
	argv += ret;
	int rc;
	if (rte_eal_process_type() == RTE_PROC_SECONDARY && argc >= 3 && strcmp(argv[1], "worker") == 0)
		rc = worker((unsigned int)atoi(argv[2]));
	else if (rte_eal_process_type() == RTE_PROC_PRIMARY && argc >= 3) {
		unsigned int n = (unsigned int)atoi(argv[1]);
		if (n < 1 || n > MS_MAX_WORKERS)
			rte_exit(1, "1..%d workers\n", MS_MAX_WORKERS);
		rc = master(n, atof(argv[2]));
	} else
		rte_exit(1, "usage: %s [EAL] -- <nworkers> <seconds>\n", self_path);
	rte_eal_cleanup();
	return rc;
}
