/* SPDX-License-Identifier: BSD-3-Clause
 * The driver interface seen from a driver: this program registers its own
 * vdev driver ("net_strict", strict limits, queue start/stop, reset, its own
 * stats and xstats) through ethdev_driver.h, and checks that the core
 * applies the limits it declares with no knowledge of it: descriptor range
 * and alignment, queue counts, minimum rx buffer, runtime queue setup, LSC
 * without support; that ops are called and their results reported; that
 * device-level counters and driver xstats join the generic ones. */
#include <rte_bus_vdev.h>
#include <rte_malloc.h>
#include "ethdev_driver.h"
#include "eth_test.h"

struct strict_q {
	struct eth_queue_stats stats;
	uint16_t stopped;
} __rte_cache_aligned;

static int resets, qstarts, qstops;

static uint16_t strict_rx(void *q, struct rte_mbuf **b, uint16_t n)
{
	struct strict_q *sq = q;
	RTE_SET_USED(b);
	RTE_SET_USED(n);
	if (sq->stopped)
		return 0;
	eth_qstats_err(&sq->stats, 1);    /* every poll "drops a bad frame" */
	return 0;
}

static uint16_t strict_tx(void *q, struct rte_mbuf **b, uint16_t n)
{
	struct strict_q *sq = q;
	uint64_t bytes = 0;
	for (uint16_t i = 0; i < n; i++)
		bytes += b[i]->pkt_len;
	rte_pktmbuf_free_bulk(b, n);
	eth_qstats_add(&sq->stats, n, bytes);
	return n;
}

static int s_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *i)
{
	RTE_SET_USED(dev);
	i->max_rx_queues = 2;
	i->max_tx_queues = 2;
	i->min_rx_bufsize = 1024;
	i->rx_desc_lim = (struct rte_eth_desc_lim){ .nb_max = 512, .nb_min = 64, .nb_align = 32 };
	i->tx_desc_lim = (struct rte_eth_desc_lim){ .nb_max = 256, .nb_min = 32, .nb_align = 32 };
	i->min_mtu = 100;
	i->max_mtu = 2000;
	i->dev_capa = RTE_ETH_DEV_CAPA_RUNTIME_TX_QUEUE_SETUP;
	return 0;
}
static int s_nop(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }
static int s_reset(struct rte_eth_dev *dev) { RTE_SET_USED(dev); resets++; return 0; }
static int s_qsetup_rx(struct rte_eth_dev *dev, uint16_t q, uint16_t nd, unsigned int s,
		       const struct rte_eth_rxconf *c, struct rte_mempool *mp)
{
	RTE_SET_USED(nd); RTE_SET_USED(s); RTE_SET_USED(c); RTE_SET_USED(mp);
	dev->data->rx_queues[q] = rte_zmalloc(NULL, sizeof(struct strict_q), RTE_CACHE_LINE_SIZE);
	return dev->data->rx_queues[q] ? 0 : -ENOMEM;
}
static int s_qsetup_tx(struct rte_eth_dev *dev, uint16_t q, uint16_t nd, unsigned int s,
		       const struct rte_eth_txconf *c)
{
	RTE_SET_USED(nd); RTE_SET_USED(s); RTE_SET_USED(c);
	dev->data->tx_queues[q] = rte_zmalloc(NULL, sizeof(struct strict_q), RTE_CACHE_LINE_SIZE);
	return dev->data->tx_queues[q] ? 0 : -ENOMEM;
}
static void s_rel_rx(struct rte_eth_dev *dev, uint16_t q) { rte_free(dev->data->rx_queues[q]); }
static void s_rel_tx(struct rte_eth_dev *dev, uint16_t q) { rte_free(dev->data->tx_queues[q]); }
static int s_rxq_start(struct rte_eth_dev *dev, uint16_t q)
{
	((struct strict_q *)dev->data->rx_queues[q])->stopped = 0;
	qstarts++;
	return 0;
}
static int s_rxq_stop(struct rte_eth_dev *dev, uint16_t q)
{
	((struct strict_q *)dev->data->rx_queues[q])->stopped = 1;
	qstops++;
	return 0;
}
static int s_stats(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	RTE_SET_USED(dev);
	st->imissed += 7;
	return 0;
}
static int s_xnames(struct rte_eth_dev *dev, struct rte_eth_xstat_name *n, unsigned int size)
{
	RTE_SET_USED(dev);
	if (n == NULL || size < 1)
		return 1;
	snprintf(n[0].name, sizeof(n[0].name), "strict_answer");
	return 1;
}
static int s_xstats(struct rte_eth_dev *dev, struct rte_eth_xstat *x, unsigned int size)
{
	RTE_SET_USED(dev);
	if (x == NULL || size < 1)
		return 1;
	x[0].value = 42;
	return 1;
}
static int s_link(struct rte_eth_dev *dev, int w) { RTE_SET_USED(dev); RTE_SET_USED(w); return 0; }

static const struct eth_dev_ops strict_ops = {
	.dev_infos_get = s_info, .dev_configure = s_nop, .dev_start = s_nop, .dev_stop = s_nop,
	.dev_close = s_nop, .dev_reset = s_reset, .link_update = s_link,
	.rx_queue_setup = s_qsetup_rx, .tx_queue_setup = s_qsetup_tx,
	.rx_queue_release = s_rel_rx, .tx_queue_release = s_rel_tx,
	.rx_queue_start = s_rxq_start, .rx_queue_stop = s_rxq_stop,
	.stats_get = s_stats, .xstats_get_names = s_xnames, .xstats_get = s_xstats,
};

static int strict_probe(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = ethdev_allocate(rte_vdev_device_name(vdev));
	if (dev == NULL)
		return -rte_errno;
	dev->dev_ops = &strict_ops;
	dev->rx_pkt_burst = strict_rx;
	dev->tx_pkt_burst = strict_tx;
	dev->device = &vdev->device;
	dev->data->mac_addrs[0] = (struct rte_ether_addr){ { 0x02, 0, 0, 0, 0, 9 } };
	ethdev_probing_finish(dev);
	return 0;
}

static int strict_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = ethdev_allocated(rte_vdev_device_name(vdev));
	if (dev == NULL)
		return 0;
	rte_eth_dev_stop(dev->data->port_id);
	return rte_eth_dev_close(dev->data->port_id);
}

static struct rte_vdev_driver strict_drv = { .probe = strict_probe, .remove = strict_remove };
RTE_PMD_REGISTER_VDEV(net_strict, strict_drv);

int main(void)
{
	const char *extra[] = { "--vdev=net_strict0", NULL };
	struct rte_eth_conf conf;
	uint16_t p;

	test_eal_init("eth_drv_if", extra);
	REQUIRE(rte_eth_dev_get_port_by_name("net_strict0", &p) == 0);
	struct rte_mempool *mp = eth_test_pool("strict_pool", 1023);
	struct rte_mempool *small = rte_pktmbuf_pool_create("strict_small", 255, 0, 0,
							     512 + RTE_PKTMBUF_HEADROOM, SOCKET_ID_ANY);
	REQUIRE(small != NULL);
	memset(&conf, 0, sizeof(conf));

	struct rte_eth_dev_info info;
	REQUIRE(rte_eth_dev_info_get(p, &info) == 0);
	CHECK(strcmp(info.driver_name, "net_strict") == 0 && info.reta_size == 0);
	CHECK(rte_eth_dev_configure(p, 3, 1, &conf) == -EINVAL);              /* 2 rx queues */
	conf.rxmode.mtu = 3000;
	CHECK(rte_eth_dev_configure(p, 1, 1, &conf) == -EINVAL);              /* MTU <= 2000 */
	conf.rxmode.mtu = 0;
	conf.intr_conf.lsc = 1;
	CHECK(rte_eth_dev_configure(p, 1, 1, &conf) == -EINVAL);              /* no LSC flag */
	conf.intr_conf.lsc = 0;
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IP;
	CHECK(rte_eth_dev_configure(p, 1, 1, &conf) == -EINVAL);              /* no RSS offered */
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_NONE;
	conf.rx_adv_conf.rss_conf.rss_hf = 0;
	REQUIRE(rte_eth_dev_configure(p, 2, 2, &conf) == 0);
	uint16_t mtu;
	CHECK(rte_eth_dev_get_mtu(p, &mtu) == 0 && mtu == RTE_ETHER_MTU);
	CHECK(rte_eth_dev_set_mtu(p, 1000) == -ENOTSUP);                       /* no mtu_set op */

	/* descriptors: range and alignment; 0 = the fallback size (512, in range) */
	CHECK(rte_eth_rx_queue_setup(p, 0, 1024, SOCKET_ID_ANY, NULL, mp) == -EINVAL);
	CHECK(rte_eth_rx_queue_setup(p, 0, 32, SOCKET_ID_ANY, NULL, mp) == -EINVAL);
	CHECK(rte_eth_rx_queue_setup(p, 0, 100, SOCKET_ID_ANY, NULL, mp) == -EINVAL);
	CHECK(rte_eth_rx_queue_setup(p, 0, 0, SOCKET_ID_ANY, NULL, mp) == 0);
	CHECK(rte_eth_rx_queue_info_get(p, 0, &(struct rte_eth_rxq_info){ 0 }) == 0);
	CHECK(rte_eth_tx_queue_setup(p, 0, 512, SOCKET_ID_ANY, NULL) == -EINVAL);
	/* adjust brings any request into range and alignment */
	uint16_t nrx = 1000, ntx = 40;
	CHECK(rte_eth_dev_adjust_nb_rx_tx_desc(p, &nrx, &ntx) == 0);
	CHECK(nrx == 512 && ntx == 64);
	nrx = 70;
	CHECK(rte_eth_dev_adjust_nb_rx_tx_desc(p, &nrx, NULL) == 0 && nrx == 96);
	/* buffers too small for min_rx_bufsize */
	CHECK(rte_eth_rx_queue_setup(p, 0, 64, SOCKET_ID_ANY, NULL, small) == -ENOSPC);
	for (uint16_t q = 0; q < 2; q++) {
		REQUIRE(rte_eth_rx_queue_setup(p, q, 64, SOCKET_ID_ANY, NULL, mp) == 0);
		REQUIRE(rte_eth_tx_queue_setup(p, q, 32, SOCKET_ID_ANY, NULL) == 0);
	}
	REQUIRE(rte_eth_dev_start(p) == 0);
	/* runtime setup: tx allowed (capability), rx not */
	CHECK(rte_eth_rx_queue_setup(p, 1, 64, SOCKET_ID_ANY, NULL, mp) == -EBUSY);
	CHECK(rte_eth_tx_queue_setup(p, 1, 64, SOCKET_ID_ANY, NULL) == -EBUSY);   /* started queue */

	/* queue stop/start go to the driver; the state is tracked */
	struct rte_mbuf *b[4];
	CHECK(rte_eth_rx_burst(p, 1, b, 4) == 0);
	CHECK(rte_eth_dev_rx_queue_stop(p, 1) == 0 && qstops == 1);
	CHECK(rte_eth_dev_rx_queue_stop(p, 1) == 0 && qstops == 1);            /* already */
	struct rte_eth_rxq_info qi;
	CHECK(rte_eth_rx_queue_info_get(p, 1, &qi) == 0 && qi.queue_state == RTE_ETH_QUEUE_STATE_STOPPED);
	CHECK(rte_eth_rx_burst(p, 1, b, 4) == 0);                                  /* no error counted */
	CHECK(rte_eth_dev_rx_queue_start(p, 1) == 0 && qstarts == 1);
	CHECK(rte_eth_dev_tx_queue_stop(p, 0) == -ENOTSUP);                        /* no op */

	/* counters: the queues' (errors on rx 1: two polls while started), the
	 * driver's imissed, the driver's xstat after the generic ones */
	b[0] = eth_test_frame(mp, 1, 2, 3, 4, 0, 200, 0);
	CHECK(rte_eth_tx_burst(p, 1, b, 1) == 1);
	struct rte_eth_stats st;
	REQUIRE(rte_eth_stats_get(p, &st) == 0);
	CHECK(st.imissed == 7 && st.ierrors == 1 && st.q_errors[1] == 1);
	CHECK(st.opackets == 1 && st.obytes == 200 && st.q_obytes[1] == 200);
	int nx = rte_eth_xstats_get_names(p, NULL, 0);
	CHECK(nx == 8 + 3 * 2 + 2 * 2 + 1);
	struct rte_eth_xstat_name names[32];
	struct rte_eth_xstat xs[32];
	REQUIRE(rte_eth_xstats_get_names(p, names, 32) == nx && rte_eth_xstats_get(p, xs, 32) == nx);
	CHECK(strcmp(names[nx - 1].name, "strict_answer") == 0 && xs[nx - 1].value == 42 &&
	      xs[nx - 1].id == (uint64_t)(nx - 1));
	CHECK(xs[4].value == 7);                                                   /* rx_missed_errors */

	/* ethdev_link_set: the same link in a struct whose padding bits differ
	 * is no change (no LSC event, returns 0) */
	union { struct rte_eth_link l; uint64_t u; } lk1, lk2;
	memset(&lk1, 0xff, sizeof(lk1));
	memset(&lk2, 0, sizeof(lk2));
	lk1.l.link_speed = lk2.l.link_speed = RTE_ETH_SPEED_NUM_10G;
	lk1.l.link_duplex = lk2.l.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	lk1.l.link_autoneg = lk2.l.link_autoneg = RTE_ETH_LINK_FIXED;
	lk1.l.link_status = lk2.l.link_status = RTE_ETH_LINK_UP;
	CHECK(ethdev_link_set(&rte_eth_devices[p], &lk1.l) == 1);
	CHECK(ethdev_link_set(&rte_eth_devices[p], &lk2.l) == 0);
	CHECK(ethdev_link_set(&rte_eth_devices[p], &lk1.l) == 0);

	/* reset: stops, then the driver's op */
	CHECK(rte_eth_dev_reset(p) == 0 && resets == 1);
	CHECK(rte_eth_rx_burst(p, 0, b, 4) == 0);                                  /* stopped now */
	CHECK(rte_eth_dev_close(p) == 0);
	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
