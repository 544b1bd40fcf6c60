/* SPDX-License-Identifier: BSD-3-Clause
 * Port table: the lowest layer of lib/ethdev (every other ethdev file may
 * call it; it calls none of them).
 *
 * Owns:
 *   - memzone "rte_eth_dev_data" (layout: struct eth_shared below; created
 *     by the primary at rte_eal_init, looked up by secondaries), one
 *     struct rte_eth_dev_data per port id;
 *   - rte_eth_devices[] and rte_eth_fp_ops[] (process-local);
 *   - port slot allocation, lookup by name, enumeration.
 * Invariants:
 *   - a port id is valid in this process iff rte_eth_devices[id].state is
 *     ATTACHED and its data slot has in_use set with the generation this
 *     process attached to (a slot the primary freed or reused is invalid);
 *   - rte_eth_fp_ops[id] points at the driver only while data->dev_started;
 *     otherwise at a dummy burst and an all-NULL queue array;
 *   - slots are claimed and freed under the shared spinlock. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_lcore.h>
#include "ethdev_driver.h"

int rte_eth_dev_logtype = RTE_LOGTYPE_PMD;
struct rte_eth_dev rte_eth_devices[RTE_MAX_ETHPORTS];
struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];

/* ---- shared port table ------------------------------------------------------------------
 * memzone "rte_eth_dev_data", cache-line aligned:
 *   magic (written last by the primary, with release)
 *   lock  (spinlock taken to claim/free a slot)
 *   data[RTE_MAX_ETHPORTS] (struct rte_eth_dev_data, ~22 KiB each)
 * Secondaries check magic (acquire) before using the table. */
#define ETH_SHARED_MZ "rte_eth_dev_data"
#define ETH_SHARED_MAGIC 0x45544844u   /* "ETHD" */

struct eth_shared {
	uint32_t magic;
	rte_spinlock_t lock;
	struct rte_eth_dev_data data[RTE_MAX_ETHPORTS];
};

static struct eth_shared *shared;
static void *dummy_queues[RTE_MAX_QUEUES_PER_PORT];  /* all NULL: "no queue" */

int ethdev_shared_prepare(void)
{
	const struct rte_memzone *mz;

	if (shared != NULL)
		return 0;
	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		mz = rte_memzone_reserve(ETH_SHARED_MZ, sizeof(struct eth_shared),
					 rte_socket_id(), 0);
		if (mz == NULL) {
			ETHDEV_LOG(ERR, "cannot reserve memzone %s (%zu bytes): %s\n", ETH_SHARED_MZ,
				   sizeof(struct eth_shared), rte_strerror(rte_errno));
			return -ENOMEM;
		}
		struct eth_shared *s = mz->addr;
		memset(s, 0, sizeof(*s));
		rte_spinlock_init(&s->lock);
		__atomic_store_n(&s->magic, ETH_SHARED_MAGIC, __ATOMIC_RELEASE);
		shared = s;
	} else {
		mz = rte_memzone_lookup(ETH_SHARED_MZ);
		if (mz == NULL)
			return 0;   /* the primary has no ports yet */
		struct eth_shared *s = mz->addr;
		if (__atomic_load_n(&s->magic, __ATOMIC_ACQUIRE) != ETH_SHARED_MAGIC) {
			ETHDEV_LOG(ERR, "memzone %s is not initialised\n", ETH_SHARED_MZ);
			return -EINVAL;
		}
		shared = s;
	}
	return 0;
}

int ethdev_shared_lock(void)
{
	int ret = ethdev_shared_prepare();
	if (ret < 0)
		return ret;
	if (shared == NULL)
		return -ENOENT;
	rte_spinlock_lock(&shared->lock);
	return 0;
}

void ethdev_shared_unlock(void)
{
	rte_spinlock_unlock(&shared->lock);
}

/* ---- fast-path table -------------------------------------------------------------------------- */
static uint16_t dummy_burst(void *q, struct rte_mbuf **pkts, uint16_t n)
{
	RTE_SET_USED(q);
	RTE_SET_USED(pkts);
	RTE_SET_USED(n);
	return 0;
}

void ethdev_fp_ops_reset(uint16_t port_id)
{
	struct rte_eth_fp_ops *p = &rte_eth_fp_ops[port_id];

	/* queue arrays first: a racing burst then sees NULL and refuses */
	__atomic_store_n(&p->rxq.data, dummy_queues, __ATOMIC_RELEASE);
	__atomic_store_n(&p->txq.data, dummy_queues, __ATOMIC_RELEASE);
	p->rxq.clbk = dummy_queues;
	p->txq.clbk = dummy_queues;
	p->rx_pkt_burst = dummy_burst;
	p->tx_pkt_burst = dummy_burst;
	p->tx_pkt_prepare = NULL;
	p->rx_queue_count = NULL;
	p->rx_descriptor_status = NULL;
	p->tx_descriptor_status = NULL;
}

void ethdev_fp_ops_setup(struct rte_eth_dev *dev)
{
	struct rte_eth_fp_ops *p = &rte_eth_fp_ops[dev->data->port_id];

	p->rx_pkt_burst = dev->rx_pkt_burst ? dev->rx_pkt_burst : dummy_burst;
	p->tx_pkt_burst = dev->tx_pkt_burst ? dev->tx_pkt_burst : dummy_burst;
	p->tx_pkt_prepare = dev->tx_pkt_prepare;
	p->rx_queue_count = dev->rx_queue_count;
	p->rx_descriptor_status = dev->rx_descriptor_status;
	p->tx_descriptor_status = dev->tx_descriptor_status;
	p->rxq.clbk = (void **)(uintptr_t)dev->post_rx_burst_cbs;
	p->txq.clbk = (void **)(uintptr_t)dev->pre_tx_burst_cbs;
	/* R1: release so that a burst that reads the real queue array also sees
	 * the function pointers stored above (pairs with the data load in
	 * rte_eth_rx_burst, an address dependency on every target we build for). */
	__atomic_store_n(&p->rxq.data, dev->data->rx_queues, __ATOMIC_RELEASE);
	__atomic_store_n(&p->txq.data, dev->data->tx_queues, __ATOMIC_RELEASE);
}

RTE_INIT_PRIO(ethdev_fp_init, BUS)
{
	for (uint16_t i = 0; i < RTE_MAX_ETHPORTS; i++)
		ethdev_fp_ops_reset(i);
}

uint16_t __rte_eth_burst_refused(uint16_t port_id, uint16_t queue_id, int is_tx)
{
	static uint32_t bad_port_logged;
	const char *dir = is_tx ? "tx" : "rx";

	if (port_id >= RTE_MAX_ETHPORTS || rte_eth_devices[port_id].state != RTE_ETH_DEV_ATTACHED) {
		if (__atomic_fetch_add(&bad_port_logged, 1, __ATOMIC_RELAXED) < 4)
			ETHDEV_LOG(ERR, "%s burst: invalid port_id=%u\n", dir, port_id);
		return 0;
	}
	struct rte_eth_dev *dev = &rte_eth_devices[port_id];
	if (__atomic_fetch_add(&dev->refused_logged, 1, __ATOMIC_RELAXED) == 0) {
		if (!dev->data->dev_started)
			ETHDEV_LOG(ERR, "%s burst on port %u: port is not started\n", dir, port_id);
		else
			ETHDEV_LOG(ERR, "%s burst on port %u: queue %u is not set up\n", dir,
				   port_id, queue_id);
	}
	return 0;
}

/* ---- port slots ------------------------------------------------------------------------------- */
int rte_eth_dev_is_valid_port(uint16_t port_id)
{
	return ethdev_valid(port_id) != NULL;
}

struct rte_eth_dev *ethdev_allocated(const char *name)
{
	if (name == NULL)
		return NULL;
	for (uint16_t i = 0; i < RTE_MAX_ETHPORTS; i++) {
		struct rte_eth_dev *d = &rte_eth_devices[i];
		if (d->data != NULL && d->state != RTE_ETH_DEV_UNUSED &&
		    strcmp(d->data->name, name) == 0)
			return d;
	}
	return NULL;
}

static void local_init(struct rte_eth_dev *dev, struct rte_eth_dev_data *data)
{
	memset(dev, 0, sizeof(*dev));
	dev->data = data;
	dev->state = RTE_ETH_DEV_UNUSED;
}

struct rte_eth_dev *ethdev_allocate(const char *name)
{
	struct rte_eth_dev *dev = NULL;
	uint16_t id;
	int ret;

	if (name == NULL || name[0] == '\0' || strlen(name) >= RTE_ETH_NAME_MAX_LEN) {
		ETHDEV_LOG(ERR, "port name '%s' is empty or too long\n", name ? name : "(null)");
		rte_errno = EINVAL;
		return NULL;
	}
	if ((ret = ethdev_shared_lock()) < 0) {
		rte_errno = -ret;
		return NULL;
	}
	for (id = 0; id < RTE_MAX_ETHPORTS; id++)
		if (shared->data[id].in_use && strcmp(shared->data[id].name, name) == 0) {
			ETHDEV_LOG(ERR, "port '%s' already exists (port %u)\n", name, id);
			rte_errno = EEXIST;
			goto out;
		}
	for (id = 0; id < RTE_MAX_ETHPORTS; id++)
		if (!shared->data[id].in_use)
			break;
	if (id == RTE_MAX_ETHPORTS) {
		ETHDEV_LOG(ERR, "cannot create port '%s': all %d ports are in use\n", name,
			   RTE_MAX_ETHPORTS);
		rte_errno = ENOSPC;
		goto out;
	}
	struct rte_eth_dev_data *data = &shared->data[id];
	uint32_t gen = data->generation + 1;   /* survives the memset: slot history */
	memset(data, 0, sizeof(*data));
	data->generation = gen;
	snprintf(data->name, sizeof(data->name), "%s", name);
	data->port_id = id;
	data->mtu = RTE_ETHER_MTU;
	data->rx_queues = data->rxq;
	data->tx_queues = data->txq;
	data->mac_addrs = data->mac;
	data->numa_node = SOCKET_ID_ANY;
	data->backer_port_id = RTE_MAX_ETHPORTS;
	data->owner_pid = getpid();
	__atomic_store_n(&data->in_use, 1, __ATOMIC_RELEASE);
	dev = &rte_eth_devices[id];
	local_init(dev, data);
	dev->generation = gen;
	ethdev_fp_ops_reset(id);
out:
	ethdev_shared_unlock();
	return dev;
}

struct rte_eth_dev *ethdev_attach_secondary(const char *name)
{
	struct rte_eth_dev *dev = NULL;
	int ret;

	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if ((ret = ethdev_shared_lock()) < 0) {
		ETHDEV_LOG(ERR, "port '%s': the primary has no ports\n", name);
		rte_errno = -ret;
		return NULL;
	}
	for (uint16_t id = 0; id < RTE_MAX_ETHPORTS; id++)
		if (shared->data[id].in_use && strcmp(shared->data[id].name, name) == 0) {
			dev = &rte_eth_devices[id];
			local_init(dev, &shared->data[id]);
			dev->generation = shared->data[id].generation;
			ethdev_fp_ops_reset(id);
			break;
		}
	ethdev_shared_unlock();
	if (dev == NULL) {
		ETHDEV_LOG(ERR, "port '%s' not found in the primary\n", name);
		rte_errno = ENODEV;
	}
	return dev;
}

/* ---- enumeration --------------------------------------------------------------------------------- */
uint64_t rte_eth_find_next_owned_by(uint16_t port_id, const uint64_t owner_id)
{
	if (owner_id != RTE_ETH_DEV_NO_OWNER)
		return RTE_MAX_ETHPORTS;
	return rte_eth_find_next(port_id);
}

uint16_t rte_eth_find_next(uint16_t port_id)
{
	while (port_id < RTE_MAX_ETHPORTS && ethdev_valid(port_id) == NULL)
		port_id++;
	return port_id >= RTE_MAX_ETHPORTS ? RTE_MAX_ETHPORTS : port_id;
}

uint16_t rte_eth_find_next_of(uint16_t port_id, const struct rte_device *parent)
{
	port_id = rte_eth_find_next(port_id);
	while (port_id < RTE_MAX_ETHPORTS && rte_eth_devices[port_id].device != parent)
		port_id = rte_eth_find_next(port_id + 1);
	return port_id;
}

uint16_t rte_eth_dev_count_avail(void)
{
	uint16_t n = 0, p;

	RTE_ETH_FOREACH_DEV(p)
		n++;
	return n;
}

uint16_t rte_eth_dev_count_total(void)
{
	uint16_t n = 0;

	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS; p++)
		if (rte_eth_devices[p].state != RTE_ETH_DEV_UNUSED)
			n++;
	return n;
}

int rte_eth_dev_socket_id(uint16_t port_id)
{
	struct rte_eth_dev *dev = ethdev_valid(port_id);

	if (dev == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	return dev->data->numa_node;
}

int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id)
{
	if (name == NULL) {
		ETHDEV_LOG(ERR, "cannot get port id from NULL name\n");
		return -EINVAL;
	}
	if (port_id == NULL) {
		ETHDEV_LOG(ERR, "cannot get port id of '%s' into NULL\n", name);
		return -EINVAL;
	}
	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS; p++) {
		struct rte_eth_dev *d = &rte_eth_devices[p];
		if (ethdev_valid(p) != NULL && strcmp(d->data->name, name) == 0) {
			*port_id = p;
			return 0;
		}
	}
	return -ENODEV;
}

int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, -ENODEV);
	if (name == NULL) {
		ETHDEV_LOG(ERR, "cannot get name of port %u into NULL\n", port_id);
		return -EINVAL;
	}
	snprintf(name, RTE_ETH_NAME_MAX_LEN, "%s", dev->data->name);
	return 0;
}

int rte_eth_dev_is_removed(uint16_t port_id)
{
	struct rte_eth_dev *dev;

	GET_DEV_OR_RET(dev, port_id, 0);
	return dev->state == RTE_ETH_DEV_REMOVED;
}

void ethdev_shared_forget(void)
{
	shared = NULL;
}
