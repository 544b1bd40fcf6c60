/* SPDX-License-Identifier: BSD-3-Clause
 * rx/tx burst callbacks (order, first, removal, errors), tx buffering
 * (flush on full, error callback counts unsent), and event callbacks:
 * RTE_ETH_EVENT_INTR_LSC on link down/up when intr_conf.lsc is set, NEW and
 * DESTROY for ports made and closed at run time, RTE_ETH_ALL. */
#include <rte_bus_vdev.h>
#include <rte_malloc.h>
#include "eth_test.h"

static int order[8], norder;
static uint16_t rx_cb_a(uint16_t port, uint16_t q, struct rte_mbuf *pkts[], uint16_t n,
			uint16_t max, void *arg)
{
	RTE_SET_USED(port); RTE_SET_USED(q); RTE_SET_USED(pkts); RTE_SET_USED(max);
	if (norder < 8)
		order[norder++] = (int)(uintptr_t)arg;
	return n;
}
/* drops every second packet */
static uint16_t rx_cb_drop(uint16_t port, uint16_t q, struct rte_mbuf *pkts[], uint16_t n,
			   uint16_t max, void *arg)
{
	uint16_t k = 0;
	RTE_SET_USED(port); RTE_SET_USED(q); RTE_SET_USED(max); RTE_SET_USED(arg);
	for (uint16_t i = 0; i < n; i++) {
		if (i % 2)
			rte_pktmbuf_free(pkts[i]);
		else
			pkts[k++] = pkts[i];
	}
	return k;
}
static unsigned int tx_seen;
static uint16_t tx_cb(uint16_t port, uint16_t q, struct rte_mbuf *pkts[], uint16_t n, void *arg)
{
	RTE_SET_USED(port); RTE_SET_USED(q); RTE_SET_USED(pkts); RTE_SET_USED(arg);
	tx_seen += n;
	return n;
}

static int ev_count[RTE_ETH_EVENT_MAX];
static int ev_port;
static int on_event(uint16_t port, enum rte_eth_event_type ev, void *arg, void *ret)
{
	RTE_SET_USED(arg); RTE_SET_USED(ret);
	ev_count[ev]++;
	ev_port = port;
	return 0;
}

int main(void)
{
	const char *extra[] = { "--vdev=net_ring0", NULL };
	struct rte_mbuf *b[64];
	uint16_t port;

	test_eal_init("eth_cbs", extra);
	REQUIRE(rte_eth_dev_get_port_by_name("net_ring0", &port) == 0);
	struct rte_mempool *mp = eth_test_pool("cb_pool", 1023);

	CHECK(rte_eth_dev_callback_register(RTE_ETH_ALL, RTE_ETH_EVENT_NEW, on_event, NULL) == 0);
	CHECK(rte_eth_dev_callback_register(RTE_ETH_ALL, RTE_ETH_EVENT_DESTROY, on_event, NULL) == 0);
	CHECK(rte_eth_dev_callback_register(port, RTE_ETH_EVENT_INTR_LSC, on_event, NULL) == 0);
	CHECK(rte_eth_dev_callback_register(port, RTE_ETH_EVENT_INTR_LSC, NULL, NULL) == -EINVAL);
	CHECK(rte_eth_dev_callback_register(RTE_MAX_ETHPORTS - 2, RTE_ETH_EVENT_INTR_LSC, on_event, NULL) == -EINVAL);
	CHECK(rte_eth_dev_callback_register(port, RTE_ETH_EVENT_MAX, on_event, NULL) == -EINVAL);

	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	conf.intr_conf.lsc = 1;
	REQUIRE(rte_eth_dev_configure(port, 1, 1, &conf) == 0);
	REQUIRE(rte_eth_rx_queue_setup(port, 0, 512, SOCKET_ID_ANY, NULL, mp) == 0);
	REQUIRE(rte_eth_tx_queue_setup(port, 0, 512, SOCKET_ID_ANY, NULL) == 0);
	REQUIRE(rte_eth_dev_start(port) == 0);
	CHECK(ev_count[RTE_ETH_EVENT_INTR_LSC] == 1 && ev_port == port);      /* link came up */
	CHECK(rte_eth_dev_set_link_down(port) == 0);
	CHECK(ev_count[RTE_ETH_EVENT_INTR_LSC] == 2);
	CHECK(rte_eth_dev_set_link_down(port) == 0);                          /* no change */
	CHECK(ev_count[RTE_ETH_EVENT_INTR_LSC] == 2);
	CHECK(rte_eth_dev_set_link_up(port) == 0);
	CHECK(ev_count[RTE_ETH_EVENT_INTR_LSC] == 3);
	CHECK(rte_eth_dev_callback_unregister(port, RTE_ETH_EVENT_INTR_LSC, on_event, NULL) == 0);
	CHECK(rte_eth_dev_set_link_down(port) == 0 && rte_eth_dev_set_link_up(port) == 0);
	CHECK(ev_count[RTE_ETH_EVENT_INTR_LSC] == 3);

	/* rx callbacks: appended in order, "first" goes in front */
	const struct rte_eth_rxtx_callback *c1, *c2, *c0, *cd, *ct;
	c1 = rte_eth_add_rx_callback(port, 0, rx_cb_a, (void *)1);
	c2 = rte_eth_add_rx_callback(port, 0, rx_cb_a, (void *)2);
	c0 = rte_eth_add_first_rx_callback(port, 0, rx_cb_a, (void *)0);
	CHECK(c1 && c2 && c0);
	CHECK(rte_eth_add_rx_callback(port, 3, rx_cb_a, NULL) == NULL && rte_errno == EINVAL);
	CHECK(rte_eth_add_rx_callback(RTE_MAX_ETHPORTS - 2, 0, rx_cb_a, NULL) == NULL &&
	      rte_errno == ENODEV);
	CHECK(rte_eth_add_rx_callback(port, 0, NULL, NULL) == NULL && rte_errno == EINVAL);
	ct = rte_eth_add_tx_callback(port, 0, tx_cb, NULL);
	CHECK(ct != NULL);
	for (int i = 0; i < 10; i++)
		b[i] = eth_test_frame(mp, 1, 2, (uint16_t)i, 9, 0, 64, 0);
	CHECK(rte_eth_tx_burst(port, 0, b, 10) == 10);
	CHECK(tx_seen == 10);
	CHECK(rte_eth_rx_burst(port, 0, b, 64) == 10);
	CHECK(norder == 3 && order[0] == 0 && order[1] == 1 && order[2] == 2);
	rte_pktmbuf_free_bulk(b, 10);
	/* a filtering callback: half the packets survive */
	cd = rte_eth_add_rx_callback(port, 0, rx_cb_drop, NULL);
	CHECK(cd != NULL);
	for (int i = 0; i < 10; i++)
		b[i] = eth_test_frame(mp, 1, 2, (uint16_t)i, 9, 0, 64, 0);
	CHECK(rte_eth_tx_burst(port, 0, b, 10) == 10);
	CHECK(rte_eth_rx_burst(port, 0, b, 64) == 5);
	rte_pktmbuf_free_bulk(b, 5);
	/* removal */
	CHECK(rte_eth_remove_rx_callback(port, 0, cd) == 0);
	CHECK(rte_eth_remove_rx_callback(port, 0, cd) == -EINVAL);
	CHECK(rte_eth_remove_rx_callback(port, 0, c1) == 0);
	CHECK(rte_eth_remove_tx_callback(port, 0, ct) == 0);
	CHECK(rte_eth_remove_tx_callback(port, 0, NULL) == -EINVAL);
	norder = 0;
	b[0] = eth_test_frame(mp, 1, 2, 3, 9, 0, 64, 0);
	CHECK(rte_eth_tx_burst(port, 0, b, 1) == 1);
	CHECK(tx_seen == 20);
	CHECK(rte_eth_rx_burst(port, 0, b, 64) == 1);
	CHECK(norder == 2 && order[0] == 0 && order[1] == 2);
	rte_pktmbuf_free(b[0]);
	rte_free((void *)(uintptr_t)c1);
	rte_free((void *)(uintptr_t)cd);
	rte_free((void *)(uintptr_t)ct);

	/* tx buffer: flushes when full; unsent packets reach the error callback */
	struct rte_eth_dev_tx_buffer *buf = rte_zmalloc(NULL, RTE_ETH_TX_BUFFER_SIZE(8), 0);
	uint64_t unsent = 0;
	REQUIRE(buf != NULL);
	CHECK(rte_eth_tx_buffer_init(buf, 8) == 0);
	CHECK(rte_eth_tx_buffer_set_err_callback(buf, rte_eth_tx_buffer_count_callback, &unsent) == 0);
	uint16_t sent = 0;
	for (int i = 0; i < 7; i++)
		sent += rte_eth_tx_buffer(port, 0, buf, eth_test_frame(mp, 1, 2, 3, 9, 0, 64, 0));
	CHECK(sent == 0 && buf->length == 7);
	sent += rte_eth_tx_buffer(port, 0, buf, eth_test_frame(mp, 1, 2, 3, 9, 0, 64, 0));
	CHECK(sent == 8 && buf->length == 0);
	CHECK(rte_eth_tx_buffer(port, 0, buf, eth_test_frame(mp, 1, 2, 3, 9, 0, 64, 0)) == 0);
	CHECK(rte_eth_tx_buffer_flush(port, 0, buf) == 1);
	CHECK(rte_eth_tx_buffer_flush(port, 0, buf) == 0);
	uint16_t got = 0, n;
	while ((n = rte_eth_rx_burst(port, 0, b, 64)) > 0) {
		got += n;
		rte_pktmbuf_free_bulk(b, n);
	}
	CHECK(got == 9);
	/* stopped port: the flush cannot send, the count callback frees and counts */
	CHECK(rte_eth_dev_stop(port) == 0);
	for (int i = 0; i < 3; i++)
		rte_eth_tx_buffer(port, 0, buf, eth_test_frame(mp, 1, 2, 3, 9, 0, 64, 0));
	CHECK(rte_eth_tx_buffer_flush(port, 0, buf) == 0);
	CHECK(unsent == 3);
	rte_free(buf);

	/* NEW / DESTROY for run-time ports */
	int new0 = ev_count[RTE_ETH_EVENT_NEW], del0 = ev_count[RTE_ETH_EVENT_DESTROY];
	CHECK(rte_vdev_init("net_null7", NULL) == 0);
	CHECK(ev_count[RTE_ETH_EVENT_NEW] == new0 + 1);
	CHECK(rte_vdev_uninit("net_null7") == 0);
	CHECK(ev_count[RTE_ETH_EVENT_DESTROY] == del0 + 1);
	CHECK(rte_eth_dev_callback_unregister(RTE_ETH_ALL, RTE_ETH_EVENT_NEW, on_event, NULL) == 0);
	CHECK(rte_eth_dev_callback_unregister(RTE_ETH_ALL, RTE_ETH_EVENT_DESTROY, on_event, NULL) == 0);

	CHECK(rte_eth_remove_rx_callback(port, 0, c0) == 0);
	CHECK(rte_eth_remove_rx_callback(port, 0, c2) == 0);
	rte_free((void *)(uintptr_t)c0);
	rte_free((void *)(uintptr_t)c2);
	CHECK(rte_mempool_in_use_count(mp) == 0);
	CHECK(rte_eal_cleanup() == 0);
	return test_done();
}
