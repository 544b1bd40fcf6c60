/* SPDX-License-Identifier: BSD-3-Clause
 * A secondary process sees the primary's ports: same ids, names, state and
 * queues (rte_eth_dev_data is shared), its own burst functions; packets the
 * primary sent on a net_ring and net_null port are received in the
 * secondary, packets the secondary sends arrive in the primary, and the
 * counters written by either process add up in both. The secondary gets no
 * --vdev: it attaches to every device the primary made (rte_eth_from_rings
 * ports included), and stops seeing a port once the primary closes it. */
#include <sys/wait.h>
#include <rte_ring.h>
#include <rte_eth_ring.h>
#include <rte_memzone.h>
#include <time.h>

/* waits (bounded, 10 s) until *flag == want */
static int wait_flag(volatile int *flag, int want)
{
	struct timespec ts = { 0, 1000000 };
	for (int i = 0; i < 10000; i++) {
		if (__atomic_load_n(flag, __ATOMIC_ACQUIRE) == want)
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}
#include "eth_test.h"

#define N 100

static char prefix[96];

static int secondary(void)
{
	char *argv[8] = { (char *)"sec", prefix, (char *)"--proc-type=secondary",
			  (char *)"--lcores=1@0" };
	int argc = 4;
	if (test_no_huge())
		argv[argc++] = (char *)"--no-huge";
	if (rte_eal_init(argc, argv) < 0)
		return 2;
	uint16_t ring, null;
	if (rte_eth_dev_count_avail() != 3)
		return 3;
	uint16_t fr;
	if (rte_eth_dev_get_port_by_name("net_ring_fr", &fr))
		return 11;
	{
		struct rte_mbuf *one;
		if (rte_eth_rx_burst(fr, 0, &one, 1) != 1 || one->pkt_len != 77)
			return 12;
		rte_pktmbuf_free(one);
	}
	if (rte_eth_dev_get_port_by_name("net_ring0", &ring) || rte_eth_dev_get_port_by_name("net_null0", &null))
		return 4;
	struct rte_eth_dev_info info;
	if (rte_eth_dev_info_get(ring, &info) || info.nb_rx_queues != 2)
		return 5;
	struct rte_mempool *mp = rte_mempool_lookup("sec_pool");
	if (mp == NULL)
		return 6;
	struct rte_mbuf *b[64];
	unsigned int got = 0;
	for (int spin = 0; spin < 1000 && got < N; spin++) {
		uint16_t n = rte_eth_rx_burst(ring, 1, b, 64);
		for (uint16_t i = 0; i < n; i++, got++) {
			const uint8_t *p = rte_pktmbuf_mtod(b[i], const uint8_t *);
			if (b[i]->pkt_len != 64 + got || (p[34] << 8 | p[35]) != (int)got)
				return 7;
		}
		rte_pktmbuf_free_bulk(b, n);
	}
	if (got != N)
		return 8;
	/* answer on queue 0 */
	for (int i = 0; i < N / 2; i++) {
		b[0] = eth_test_frame(mp, 1, 2, (uint16_t)i, 7, 0, 90, 0);
		if (b[0] == NULL || rte_eth_tx_burst(ring, 0, b, 1) != 1)
			return 9;
	}
	/* net_null in the secondary: its pool, its counters */
	uint16_t n = rte_eth_rx_burst(null, 0, b, 32);
	if (n != 32 || b[0]->pkt_len != 64)
		return 10;
	rte_pktmbuf_free_bulk(b, n);
	/* the primary closes net_null0: this process must stop seeing it */
	const struct rte_memzone *mz = rte_memzone_lookup("sec_sync");
	if (mz == NULL)
		return 13;
	volatile int *flag = mz->addr;
	__atomic_store_n(flag, 1, __ATOMIC_RELEASE);
	if (!wait_flag(flag, 2))
		return 14;
	if (rte_eth_dev_is_valid_port(null) || rte_eth_dev_count_avail() != 2 ||
	    rte_eth_dev_get_port_by_name("net_null0", &null) != -ENODEV)
		return 15;
	struct rte_eth_stats st;
	if (rte_eth_stats_get(ring, &st) != 0)
		return 16;
	rte_eal_cleanup();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3) {
		snprintf(prefix, sizeof(prefix), "%s", argv[2]);
		return secondary();
	}
	snprintf(prefix, sizeof(prefix), "--file-prefix=ethsec_%d", (int)getpid());
	char *pargv[8] = { (char *)"pri", prefix, (char *)"--vdev=net_ring0", (char *)"--vdev=net_null0",
			   (char *)"-l", (char *)"0" };
	int pargc = 6;
	if (test_no_huge())
		pargv[pargc++] = (char *)"--no-huge";
	REQUIRE(rte_eal_init(pargc, pargv) >= 0);
	uint16_t ring, null;
	REQUIRE(rte_eth_dev_get_port_by_name("net_ring0", &ring) == 0);
	REQUIRE(rte_eth_dev_get_port_by_name("net_null0", &null) == 0);
	struct rte_mempool *mp = eth_test_pool("sec_pool", 2047);
	REQUIRE(eth_test_port_up(ring, 2, mp, 0) == 0);
	REQUIRE(eth_test_port_up(null, 1, mp, 0) == 0);
	struct rte_mbuf *b[64];
	struct rte_ring *fr_ring = rte_ring_create("fr", 64, SOCKET_ID_ANY, 0);
	REQUIRE(fr_ring != NULL);
	int fr = rte_eth_from_ring(fr_ring);
	REQUIRE(fr >= 0 && eth_test_port_up((uint16_t)fr, 1, mp, 0) == 0);
	b[0] = eth_test_frame(mp, 1, 2, 3, 4, 0, 77, 0);
	REQUIRE(rte_eth_tx_burst((uint16_t)fr, 0, b, 1) == 1);
	for (unsigned int i = 0; i < N; i++) {
		b[0] = eth_test_frame(mp, 1, 2, (uint16_t)i, 7, 0, (uint16_t)(64 + i), 0);
		REQUIRE(b[0] && rte_eth_tx_burst(ring, 1, b, 1) == 1);
	}

	const struct rte_memzone *mz = rte_memzone_reserve("sec_sync", sizeof(int), SOCKET_ID_ANY, 0);
	REQUIRE(mz != NULL);
	volatile int *flag = mz->addr;
	*flag = 0;
	pid_t pid = fork();
	if (pid == 0) {
		execl(argv[0], argv[0], "secondary", prefix, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (wait_flag(flag, 1)) {
		struct rte_eth_stats nst;
		REQUIRE(rte_eth_stats_get(null, &nst) == 0);
		CHECK(nst.ipackets == 32 && nst.ibytes == 32 * 64);
		CHECK(rte_eth_dev_stop(null) == 0 && rte_eth_dev_close(null) == 0);
		__atomic_store_n(flag, 2, __ATOMIC_RELEASE);
	}
	REQUIRE(waitpid(pid, &status, 0) == pid);
	CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "secondary status 0x%x", status);

	uint16_t n = rte_eth_rx_burst(ring, 0, b, 64);
	CHECK(n == N / 2);
	for (uint16_t i = 0; i < n; i++)
		CHECK(b[i]->pkt_len == 90);
	rte_pktmbuf_free_bulk(b, n);
	struct rte_eth_stats st;
	REQUIRE(rte_eth_stats_get(ring, &st) == 0);
	CHECK(st.q_opackets[1] == N && st.q_ipackets[1] == N);               /* sent here, received there */
	CHECK(st.q_opackets[0] == N / 2 && st.q_ipackets[0] == N / 2);       /* sent there, received here */
	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
