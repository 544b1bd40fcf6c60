/* SPDX-License-Identifier: BSD-3-Clause
 * symmetric_mp: N copies of one program share the ports; process I polls rx
 * queue I of every port in the mask and sends what it gets out of the paired
 * port (0<->1, 2<->3, ...) on its own tx queue I. The NIC (or net_ring with
 * RSS) spreads flows over the rx queues, so the processes never share a
 * queue and need no locks.
 *
 *   symmetric_mp [EAL] -- -p PORTMASK --num-procs=N --proc-id=I
 *
 * The primary (whichever process is started first, usually --proc-id=0)
 * creates the mbuf pool "MProc_pktmbuf_pool" and configures every port of
 * the mask with N rx and N tx queues and RSS on IP; secondaries
 * (--proc-type=secondary or auto) look the pool up and use the ports as the
 * primary configured them. On SIGINT/SIGTERM each process prints what it
 * did per port: "Port P: RX - r, TX - t, Drop - d". The same command line
 * and output as DPDK 22.11's example; DPDK API only. */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_common.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define POOL_NAME "MProc_pktmbuf_pool"
#define NB_MBUFS 8191
#define BURST 32
#define RX_DESC 1024
#define TX_DESC 1024

struct port_stats {
	unsigned int rx, tx, drop;
} __rte_cache_aligned;

static struct port_stats pstats[RTE_MAX_ETHPORTS];
static uint16_t ports[RTE_MAX_ETHPORTS];
static unsigned int num_ports;
static unsigned int num_procs, proc_id = UINT32_MAX;
static volatile sig_atomic_t quit;

static void on_signal(int sig)
{
	(void)sig;
	__atomic_store_n(&quit, 1, __ATOMIC_RELAXED);   /* handler may run on any thread */
}

static void usage(const char *prg, const char *why)
{
	fprintf(stderr, "%s\n%s [EAL options] -- -p PORTMASK --num-procs=N --proc-id=I\n", why, prg);
	exit(1);
}

static void parse_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "num-procs", required_argument, NULL, 'n' },
		{ "proc-id", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 } };
	unsigned long mask = 0;
	int o;
	char *end;

	while ((o = getopt_long(argc, argv, "p:", opts, NULL)) != -1) {
		if (o == 'p')
			mask = strtoul(optarg, &end, 16);
		else if (o == 'n')
			num_procs = (unsigned int)strtoul(optarg, &end, 10);
		else if (o == 'i')
			proc_id = (unsigned int)strtoul(optarg, &end, 10);
		else
			usage(argv[0], "unknown option");
	}
	if (num_procs == 0)
		usage(argv[0], "Invalid or missing num-procs parameter");
	if (proc_id >= num_procs)
		usage(argv[0], "Invalid or missing proc-id parameter");
	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS && p < 8 * sizeof(mask); p++)
		if (mask & (1ul << p)) {
			if (!rte_eth_dev_is_valid_port(p))
				usage(argv[0], "port mask names a port that does not exist");
			ports[num_ports++] = p;
		}
	if (num_ports == 0 || num_ports % 2)
		usage(argv[0], "the port mask must select an even, non-zero number of ports");
}

/* primary only: N queues each way, RSS over IP (and UDP/TCP ports when the
 * device hashes them) */
static void port_init(uint16_t port, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	int ret;

	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_info_get(port, &info) != 0)
		rte_exit(1, "port %u: no info\n", port);
	if (num_procs > 1) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IP & info.flow_type_rss_offloads;
		if (conf.rx_adv_conf.rss_conf.rss_hf == 0)
			conf.rxmode.mq_mode = RTE_ETH_MQ_RX_NONE;
	}
	printf("# Initialising port %u... ", port);
	fflush(stdout);
	ret = rte_eth_dev_configure(port, (uint16_t)num_procs, (uint16_t)num_procs, &conf);
	if (ret < 0)
		rte_exit(1, "port %u: configure: %s\n", port, strerror(-ret));
	for (uint16_t q = 0; q < num_procs; q++) {
		ret = rte_eth_rx_queue_setup(port, q, RX_DESC, rte_eth_dev_socket_id(port), NULL, mp);
		if (ret == 0)
			ret = rte_eth_tx_queue_setup(port, q, TX_DESC, rte_eth_dev_socket_id(port), NULL);
		if (ret < 0)
			rte_exit(1, "port %u queue %u: %s\n", port, q, strerror(-ret));
	}
	rte_eth_promiscuous_enable(port);
	ret = rte_eth_dev_start(port);
	if (ret < 0)
		rte_exit(1, "port %u: start: %s\n", port, strerror(-ret));
	printf("done\n");
}

static int lcore_main(void *arg)
{
	const uint16_t q = (uint16_t)proc_id;
	struct rte_mbuf *b[BURST];
	(void)arg;

	printf("Lcore %u using ports", rte_lcore_id());
	for (unsigned int i = 0; i < num_ports; i++)
		printf(" %u", ports[i]);
	printf("\nlcore %u using queue %u of each port\n", rte_lcore_id(), q);
	fflush(stdout);
	while (!__atomic_load_n(&quit, __ATOMIC_RELAXED)) {
		for (unsigned int i = 0; i < num_ports; i++) {
			uint16_t in = ports[i], out = ports[i ^ 1];
			uint16_t n = rte_eth_rx_burst(in, q, b, BURST);
			if (n == 0)
				continue;
			pstats[in].rx += n;
			uint16_t sent = rte_eth_tx_burst(out, q, b, n);
			pstats[out].tx += sent;
			if (sent < n) {
				pstats[out].drop += n - sent;
				rte_pktmbuf_free_bulk(&b[sent], n - sent);
			}
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(1, "Cannot initialise EAL: %s\n", rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	parse_args(argc, argv);

	struct rte_mempool *mp;
	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		mp = rte_pktmbuf_pool_create(POOL_NAME, NB_MBUFS, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
					     rte_socket_id());
		if (mp == NULL)
			rte_exit(1, "Cannot create mbuf pool: %s\n", rte_strerror(rte_errno));
		for (unsigned int i = 0; i < num_ports; i++)
			port_init(ports[i], mp);
	} else {
		mp = rte_mempool_lookup(POOL_NAME);
		if (mp == NULL)
			rte_exit(1, "Cannot get mbuf pool (is the primary running?)\n");
		for (unsigned int i = 0; i < num_ports; i++) {
			struct rte_eth_dev_info info;
			if (rte_eth_dev_info_get(ports[i], &info) != 0 || info.nb_rx_queues < num_procs ||
			    info.nb_tx_queues < num_procs)
				rte_exit(1, "port %u has fewer than %u queues\n", ports[i], num_procs);
		}
	}
	printf("Finished Process Init.\n");
	fflush(stdout);
	/* every lcore of this process polls the same queue; one is plenty */
	lcore_main(NULL);

	printf("\nExiting on signal\n\n");
	for (unsigned int i = 0; i < num_ports; i++)
		printf("Port %u: RX - %u, TX - %u, Drop - %u\n", ports[i], pstats[ports[i]].rx,
		       pstats[ports[i]].tx, pstats[ports[i]].drop);
	fflush(stdout);
	rte_eal_cleanup();
	return 0;
}
