/* SPDX-License-Identifier: BSD-3-Clause
 * The ethdev telemetry commands against a port being reconfigured: client
 * threads (more than cores) ask /ethdev/stats, /ethdev/info and
 * /ethdev/xstats of a net_null port over this process's telemetry socket
 * while the main thread configures it with 1..4 queue pairs, sets the queues
 * up, starts, stops and closes and re-creates nothing in between: every
 * reply must be whole, valid for one of the shapes the port had (the per
 * queue arrays no longer than the largest queue count), and the commands
 * must not read a queue being released (ThreadSanitizer's check in CI: the
 * ethdev control lock, lib/ethdev/ethdev_lock.c, orders the two). */
#include <pthread.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include "eth_test.h"
#include "telclient.h"

#define CLIENTS 3
#define ROUNDS 200

static char sock[512];
static uint16_t port;
static int done;
static unsigned long answered[CLIENTS], bad[CLIENTS];

/* Entries of the JSON array after "key":[ (0 when absent). */
static int array_len(const char *s, const char *key)
{
	char k[64];
	snprintf(k, sizeof(k), "\"%s\":[", key);
	const char *p = strstr(s, k);
	if (p == NULL)
		return 0;
	p += strlen(k);
	if (*p == ']')
		return 0;
	int n = 1;
	for (; *p && *p != ']'; p++)
		n += *p == ',';
	return n;
}

static void *client(void *arg)
{
	int id = (int)(uintptr_t)arg;
	static char out[CLIENTS][64 * 1024];
	char banner[1024], req[64];
	static const char *const cmds[] = { "/ethdev/stats", "/ethdev/info", "/ethdev/xstats" };
	int fd = tc_connect(sock, banner, sizeof(banner), 10000);
	if (fd < 0) {
		__atomic_fetch_add(&bad[id], 1, __ATOMIC_RELAXED);
		return NULL;
	}
	for (unsigned long i = 0; !__atomic_load_n(&done, __ATOMIC_ACQUIRE); i++) {
		const char *cmd = cmds[i % 3];
		snprintf(req, sizeof(req), "%s,%u", cmd, port);
		ssize_t n = tc_query(fd, req, strlen(req), out[id], sizeof(out[id]) - 1);
		if (n <= 0) {
			__atomic_fetch_add(&bad[id], 1, __ATOMIC_RELAXED);
			break;
		}
		out[id][n] = '\0';
		/* whole and for this command; per-queue arrays within 4 queues */
		char head[80];
		snprintf(head, sizeof(head), "{\"%s\":", cmd);
		if (strncmp(out[id], head, strlen(head)) != 0 || out[id][n - 1] != '}' ||
		    array_len(out[id], "q_ipackets") > RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			if (__atomic_fetch_add(&bad[id], 1, __ATOMIC_RELAXED) == 0)
				fprintf(stderr, "client %d: bad reply to %s: %.200s\n", id, req, out[id]);
		}
		__atomic_fetch_add(&answered[id], 1, __ATOMIC_RELAXED);
	}
	close(fd);
	return NULL;
}

static unsigned long min_answered(void)
{
	unsigned long m = ~0ul;
	for (int i = 0; i < CLIENTS; i++) {
		unsigned long a = __atomic_load_n(&answered[i], __ATOMIC_RELAXED);
		if (__atomic_load_n(&bad[i], __ATOMIC_RELAXED))
			return ~0ul;           /* a client gave up: stop, the checks say why */
		m = a < m ? a : m;
	}
	return m;
}

int main(void)
{
	const char *extra[] = { "--vdev=net_null0", NULL };
	test_eal_init("eth_tel_race", extra);
	REQUIRE(rte_eth_dev_get_port_by_name("net_null0", &port) == 0);
	struct rte_mempool *mp = eth_test_pool("tel_race_pool", 4096);
	REQUIRE(mp != NULL);
	snprintf(sock, sizeof(sock), "%s/dpdk_telemetry.v2", rte_eal_get_runtime_dir());

	pthread_t t[CLIENTS];
	for (int i = 0; i < CLIENTS; i++)
		REQUIRE(pthread_create(&t[i], NULL, client, (void *)(uintptr_t)i) == 0);
	int failed = 0, r;
	/* at least ROUNDS reconfigurations, and on until every client has had
	 * 100 replies (bounded: 60 s) */
	uint64_t end = rte_get_timer_cycles() + 60 * rte_get_timer_hz();
	for (r = 0; (r < ROUNDS || min_answered() < 100) && rte_get_timer_cycles() < end; r++) {
		uint16_t nq = (uint16_t)(1 + r % 4);
		struct rte_eth_conf conf;
		memset(&conf, 0, sizeof(conf));
		if (rte_eth_dev_configure(port, nq, nq, &conf) != 0)
			failed++;
		for (uint16_t q = 0; q < nq; q++)
			if (rte_eth_rx_queue_setup(port, q, 256, SOCKET_ID_ANY, NULL, mp) != 0 ||
			    rte_eth_tx_queue_setup(port, q, 256, SOCKET_ID_ANY, NULL) != 0)
				failed++;
		if (rte_eth_dev_start(port) != 0 || rte_eth_dev_stop(port) != 0)
			failed++;
	}
	__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
	unsigned long total = 0, nbad = 0;
	for (int i = 0; i < CLIENTS; i++) {
		pthread_join(t[i], NULL);
		total += answered[i];
		nbad += bad[i];
	}
	CHECK_MSG(failed == 0, "%d control calls failed", failed);
	CHECK_MSG(nbad == 0, "%lu bad or failed telemetry replies", nbad);
	CHECK_MSG(total >= 100 * CLIENTS, "only %lu telemetry replies", total);
	printf("%d reconfigurations, %lu telemetry replies beside them\n", r, total);
	CHECK(rte_eth_dev_close(port) == 0);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
