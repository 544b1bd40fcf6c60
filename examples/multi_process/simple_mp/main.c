/* SPDX-License-Identifier: BSD-3-Clause
 * simple_mp: a primary and a secondary process exchange text messages
 * through two rings, with message buffers taken from a shared mempool.
 *
 *   primary:   creates ring "PRI_2_SEC", ring "SEC_2_PRI", mempool "MSG_POOL"
 *   secondary: looks the three up by name
 *
 * Each process runs a receiver on a worker lcore (or polls on the main lcore
 * when it has only one) that prints "received: <text>" for every message,
 * and reads commands on stdin:
 *   send <text>   put <text> in a pool buffer and enqueue it for the peer
 *   quit          leave (the primary frees the rings and pool)
 * Written against the DPDK 22.11 API; it builds against DPDK unchanged.
 * Run:  simple_mp -l 0-1 --proc-type=primary
 *       simple_mp -l 2-3 --proc-type=secondary     (distinct lcores) */
#include <errno.h>
#include <stdbool.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_debug.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_cycles.h>
#include <rte_pause.h>

#define MSG_SIZE 256
#define POOL_SIZE 1023
#define RING_SIZE 64

static struct rte_ring *send_ring, *recv_ring;
static struct rte_mempool *pool;
static volatile int quit;

static int drain(void)
{
	void *msg;
	int n = 0;
	while (rte_ring_dequeue(recv_ring, &msg) == 0) {
		printf("received: %s\n", (char *)msg);
		fflush(stdout);
		rte_mempool_put(pool, msg);
		n++;
	}
	return n;
}

static int receiver(__rte_unused void *arg)
{
	while (!__atomic_load_n(&quit, __ATOMIC_ACQUIRE))
		if (drain() == 0)
			rte_delay_us_sleep(1000);
	return 0;
}

static int send_text(const char *text)
{
	void *msg;
	if (rte_mempool_get(pool, &msg) < 0) {
		printf("error: no free message buffer\n");
		return -1;
	}
	snprintf(msg, MSG_SIZE, "%.*s", MSG_SIZE - 1, text);
	if (rte_ring_enqueue(send_ring, msg) < 0) {
		rte_mempool_put(pool, msg);
		printf("error: peer ring full\n");
		return -1;
	}
	printf("sent: %s\n", text);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "cannot init EAL: %s\n", rte_strerror(rte_errno));
	bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;
	const char *tx = primary ? "PRI_2_SEC" : "SEC_2_PRI";
	const char *rx = primary ? "SEC_2_PRI" : "PRI_2_SEC";

	if (primary) {
		send_ring = rte_ring_create(tx, RING_SIZE, rte_socket_id(), 0);
		recv_ring = rte_ring_create(rx, RING_SIZE, rte_socket_id(), 0);
		pool = rte_mempool_create("MSG_POOL", POOL_SIZE, MSG_SIZE, 32, 0,
					  NULL, NULL, NULL, NULL, rte_socket_id(), 0);
	} else {
		send_ring = rte_ring_lookup(tx);
		recv_ring = rte_ring_lookup(rx);
		pool = rte_mempool_lookup("MSG_POOL");
	}
	if (send_ring == NULL || recv_ring == NULL || pool == NULL)
		rte_exit(EXIT_FAILURE, "cannot %s rings/pool: %s\n", primary ? "create" : "find",
			 rte_strerror(rte_errno));
	printf("%s ready\n", primary ? "primary" : "secondary");
	fflush(stdout);

	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	if (worker < RTE_MAX_LCORE)
		rte_eal_remote_launch(receiver, NULL, worker);

	char line[MSG_SIZE + 16];
	/* unbuffered: poll() on fd 0 must see every line stdio has not taken */
	setvbuf(stdin, NULL, _IONBF, 0);
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	for (;;) {
		if (worker >= RTE_MAX_LCORE)
			drain();
		if (poll(&pfd, 1, worker < RTE_MAX_LCORE ? -1 : 10) <= 0)
			continue;
		if (fgets(line, sizeof(line), stdin) == NULL)
			break;   /* EOF behaves like quit */
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "send ", 5) == 0)
			send_text(line + 5);
		else if (strcmp(line, "quit") == 0)
			break;
		else if (line[0] != '\0')
			printf("commands: send <text> | quit\n");
		fflush(stdout);
	}
	__atomic_store_n(&quit, 1, __ATOMIC_RELEASE);
	rte_eal_mp_wait_lcore();
	if (primary) {
		drain();
		rte_ring_free(send_ring);
		rte_ring_free(recv_ring);
		rte_mempool_free(pool);
	}
	printf("bye\n");
	rte_eal_cleanup();
	return 0;
}
