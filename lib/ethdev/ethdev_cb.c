/* SPDX-License-Identifier: BSD-3-Clause
 * Callbacks: event callbacks (LSC, NEW, DESTROY...) and the rx/tx burst
 * callbacks.
 *
 * Owns: the process-local event-callback list; the burst-callback chains
 * hanging off rte_eth_devices[port].post_rx_burst_cbs / pre_tx_burst_cbs.
 * Both are per process, as in DPDK: a secondary's callbacks run only in it.
 *
 * Burst chains, ordering pairs:
 *   C1 (add): the new element is filled in, then linked with a release store
 *       (of the chain head or of the last element's next);
 *   C2 (burst): the head is read with acquire in rte_eth_rx/tx_burst and
 *       each next with acquire in rte_eth_call_*_callbacks; C2 pairs with C1
 *       so a polling lcore never sees a half-built element.
 *   Removal unlinks with a release store; the memory stays valid until the
 *   application frees it once no lcore can be inside a burst (DPDK's rule).
 * Writers serialise on cb_lock (a process-local mutex). */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include "ethdev_driver.h"

static pthread_mutex_t cb_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- burst callbacks ------------------------------------------------------------------------ */
uint16_t rte_eth_call_rx_callbacks(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts,
				   uint16_t nb_rx, uint16_t nb_pkts, void *opaque)
{
	const struct rte_eth_rxtx_callback *cb = opaque;

	while (cb != NULL) {
		nb_rx = cb->fn.rx(port_id, queue_id, rx_pkts, nb_rx, nb_pkts, cb->param);
		cb = __atomic_load_n(&cb->next, __ATOMIC_ACQUIRE);   /* C2 */
	}
	return nb_rx;
}

uint16_t rte_eth_call_tx_callbacks(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts,
				   uint16_t nb_pkts, void *opaque)
{
	const struct rte_eth_rxtx_callback *cb = opaque;

	while (cb != NULL) {
		nb_pkts = cb->fn.tx(port_id, queue_id, tx_pkts, nb_pkts, cb->param);
		cb = __atomic_load_n(&cb->next, __ATOMIC_ACQUIRE);   /* C2 */
	}
	return nb_pkts;
}

static struct rte_eth_dev *cb_dev(uint16_t port_id, uint16_t queue_id, int tx)
{
	struct rte_eth_dev *dev;

	if (!rte_eth_dev_is_valid_port(port_id)) {
		ETHDEV_LOG(ERR, "add/remove %s callback: invalid port_id=%u\n", tx ? "tx" : "rx",
			   port_id);
		rte_errno = ENODEV;
		return NULL;
	}
	dev = &rte_eth_devices[port_id];
	if (queue_id >= (tx ? dev->data->nb_tx_queues : dev->data->nb_rx_queues)) {
		ETHDEV_LOG(ERR, "add/remove %s callback: invalid queue_id=%u on port %u\n",
			   tx ? "tx" : "rx", queue_id, port_id);
		rte_errno = EINVAL;
		return NULL;
	}
	return dev;
}

static const struct rte_eth_rxtx_callback *
cb_add(uint16_t port_id, uint16_t queue_id, void *fn, void *param, int tx, int first)
{
	struct rte_eth_dev *dev = cb_dev(port_id, queue_id, tx);
	struct rte_eth_rxtx_callback *cb, **head, *tail;

	if (dev == NULL)
		return NULL;
	if (fn == NULL) {
		ETHDEV_LOG(ERR, "add %s callback: NULL function\n", tx ? "tx" : "rx");
		rte_errno = EINVAL;
		return NULL;
	}
	cb = rte_zmalloc(NULL, sizeof(*cb), 0);
	if (cb == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	if (tx)
		cb->fn.tx = (rte_tx_callback_fn)fn;
	else
		cb->fn.rx = (rte_rx_callback_fn)fn;
	cb->param = param;
	head = tx ? &dev->pre_tx_burst_cbs[queue_id] : &dev->post_rx_burst_cbs[queue_id];
	pthread_mutex_lock(&cb_lock);
	if (first || *head == NULL) {
		cb->next = *head;
		__atomic_store_n(head, cb, __ATOMIC_RELEASE);              /* C1 */
	} else {
		for (tail = *head; tail->next != NULL; tail = tail->next)
			;
		__atomic_store_n(&tail->next, cb, __ATOMIC_RELEASE);       /* C1 */
	}
	pthread_mutex_unlock(&cb_lock);
	return cb;
}

const struct rte_eth_rxtx_callback *rte_eth_add_rx_callback(uint16_t port_id, uint16_t queue_id,
	rte_rx_callback_fn fn, void *user_param)
{
	return cb_add(port_id, queue_id, (void *)(uintptr_t)fn, user_param, 0, 0);
}

const struct rte_eth_rxtx_callback *rte_eth_add_first_rx_callback(uint16_t port_id,
	uint16_t queue_id, rte_rx_callback_fn fn, void *user_param)
{
	return cb_add(port_id, queue_id, (void *)(uintptr_t)fn, user_param, 0, 1);
}

const struct rte_eth_rxtx_callback *rte_eth_add_tx_callback(uint16_t port_id, uint16_t queue_id,
	rte_tx_callback_fn fn, void *user_param)
{
	return cb_add(port_id, queue_id, (void *)(uintptr_t)fn, user_param, 1, 0);
}

static int cb_remove(uint16_t port_id, uint16_t queue_id, const struct rte_eth_rxtx_callback *user_cb,
		     int tx)
{
	struct rte_eth_dev *dev = cb_dev(port_id, queue_id, tx);
	struct rte_eth_rxtx_callback **prev;
	int ret = -EINVAL;

	if (dev == NULL)
		return -rte_errno;
	if (user_cb == NULL) {
		ETHDEV_LOG(ERR, "remove %s callback: NULL callback\n", tx ? "tx" : "rx");
		return -EINVAL;
	}
	pthread_mutex_lock(&cb_lock);
	prev = tx ? &dev->pre_tx_burst_cbs[queue_id] : &dev->post_rx_burst_cbs[queue_id];
	for (; *prev != NULL; prev = &(*prev)->next)
		if (*prev == user_cb) {
			__atomic_store_n(prev, user_cb->next, __ATOMIC_RELEASE);
			ret = 0;
			break;
		}
	pthread_mutex_unlock(&cb_lock);
	if (ret < 0)
		ETHDEV_LOG(ERR, "remove %s callback: not registered on port %u queue %u\n",
			   tx ? "tx" : "rx", port_id, queue_id);
	return ret;
}

int rte_eth_remove_rx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb)
{
	return cb_remove(port_id, queue_id, user_cb, 0);
}

int rte_eth_remove_tx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb)
{
	return cb_remove(port_id, queue_id, user_cb, 1);
}

/* ---- event callbacks ------------------------------------------------------------------------- */
struct event_cb {
	struct event_cb *next;
	uint16_t port_id;              /* RTE_ETH_ALL: every port */
	enum rte_eth_event_type event;
	rte_eth_dev_cb_fn fn;
	void *arg;
	int active;                    /* running now (unregister gets -EAGAIN) */
};

static struct event_cb *event_cbs;
static pthread_mutex_t event_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

static int event_args_ok(uint16_t port_id, enum rte_eth_event_type event, rte_eth_dev_cb_fn fn,
			 const char *what)
{
	if (fn == NULL) {
		ETHDEV_LOG(ERR, "%s: NULL callback\n", what);
		return -EINVAL;
	}
	if (port_id != RTE_ETH_ALL && !rte_eth_dev_is_valid_port(port_id)) {
		ETHDEV_LOG(ERR, "%s: invalid port_id=%u\n", what, port_id);
		return -EINVAL;
	}
	if ((unsigned)event >= RTE_ETH_EVENT_MAX) {
		ETHDEV_LOG(ERR, "%s: invalid event %d\n", what, (int)event);
		return -EINVAL;
	}
	return 0;
}

int rte_eth_dev_callback_register(uint16_t port_id, enum rte_eth_event_type event,
				  rte_eth_dev_cb_fn cb_fn, void *cb_arg)
{
	struct event_cb *e, **tail;
	int ret = event_args_ok(port_id, event, cb_fn, "rte_eth_dev_callback_register");

	if (ret < 0)
		return ret;
	pthread_mutex_lock(&event_lock);
	for (tail = &event_cbs; *tail != NULL; tail = &(*tail)->next) {
		e = *tail;
		if (e->port_id == port_id && e->event == event && e->fn == cb_fn &&
		    e->arg == cb_arg) {
			pthread_mutex_unlock(&event_lock);
			return 0;   /* already there */
		}
	}
	e = calloc(1, sizeof(*e));
	if (e == NULL) {
		pthread_mutex_unlock(&event_lock);
		return -ENOMEM;
	}
	*e = (struct event_cb){ NULL, port_id, event, cb_fn, cb_arg, 0 };
	*tail = e;
	pthread_mutex_unlock(&event_lock);
	return 0;
}

int rte_eth_dev_callback_unregister(uint16_t port_id, enum rte_eth_event_type event,
				    rte_eth_dev_cb_fn cb_fn, void *cb_arg)
{
	struct event_cb **pp, *e;
	int ret = event_args_ok(port_id, event, cb_fn, "rte_eth_dev_callback_unregister");

	if (ret < 0)
		return ret;
	pthread_mutex_lock(&event_lock);
	for (pp = &event_cbs; (e = *pp) != NULL;) {
		if (e->port_id == port_id && e->event == event && e->fn == cb_fn &&
		    (cb_arg == (void *)-1 || e->arg == cb_arg)) {
			if (e->active) {
				ret = -EAGAIN;
				pp = &e->next;
				continue;
			}
			*pp = e->next;
			free(e);
			continue;
		}
		pp = &e->next;
	}
	pthread_mutex_unlock(&event_lock);
	return ret;
}

int ethdev_callback_process(struct rte_eth_dev *dev, enum rte_eth_event_type event,
			    void *ret_param)
{
	struct event_cb *e;
	uint16_t port_id = (uint16_t)(dev - rte_eth_devices);   /* data may be freed (secondary) */
	int rc = 0;

	pthread_mutex_lock(&event_lock);
	for (e = event_cbs; e != NULL; e = e->next) {
		if (e->event != event || (e->port_id != port_id && e->port_id != RTE_ETH_ALL))
			continue;
		e->active = 1;
		/* recursive lock: the callback may register or query */
		rc = e->fn(port_id, event, e->arg, ret_param);
		e->active = 0;
	}
	pthread_mutex_unlock(&event_lock);
	return rc;
}
