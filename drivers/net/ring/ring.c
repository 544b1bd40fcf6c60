/* SPDX-License-Identifier: BSD-3-Clause
 * net_ring: an ethdev port whose rx and tx queues are rte_rings (DPDK's
 * net_ring).
 *
 *   --vdev=net_ring0                  16 loopback rings "ETH_RXTX<i>_net_ring0"
 *                                     (1024 slots, SP/SC); tx queue i feeds rx
 *                                     queue i. Attaches to existing rings of
 *                                     that name if they exist.
 *   --vdev=net_ring0,nodeaction=NAME:NODE:CREATE|ATTACH[,nodeaction=...]
 *                                     one such port per item, named NAME.
 *   rte_eth_from_rings("x", rx[], n, tx[], m, node)
 *                                     port "net_ring_x" over the caller's rings.
 *
 * Owns: the port's dev_private (struct ring_priv, shared memory) holding the
 * queue objects, and the rings it created (freed at close). Each queue is
 * driven by one lcore at a time (the rings' own SP/SC or MP/MC flags say
 * what they tolerate). Packets are counted per queue (tx: what the ring
 * accepted), bytes are not: as in DPDK's net_ring, neither rx nor tx
 * touches an mbuf (no pkt_len read, no mbuf->port write), so a burst costs
 * the ring operation and two counter updates. Reading pkt_len for a byte
 * count was the whole of what made tx+rx 1.4x DPDK's (it pulls every
 * mbuf's first line in on both sides, and in a pipeline moves it between
 * lcores early). ibytes/obytes stay 0, as DPDK's net_ring reports them.
 *
 * RSS: a loopback port (its own ETH_RXTX rings, tx ring i == rx ring i)
 * configured with RTE_ETH_MQ_RX_RSS and several rx queues behaves like a
 * wire into a NIC that hashes: tx on any queue steers each packet to the
 * ring of rx queue reta[hash % reta_size]. Several tx queues may then feed
 * one ring, so steering always uses the multi-producer enqueue; a packet
 * whose ring is full is dropped and counted as a tx error (the receiving
 * "NIC" had no room), so tx_burst takes the whole burst. */
#include <errno.h>
#include <pthread.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_kvargs.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_lcore.h>
#include "ethdev_driver.h"

#define RING_SIZE_DEFAULT 1024
#define NODEACTION_ARG "nodeaction"
#define INTERNAL_ARG "internal"

static const char *const valid_args[] = { NODEACTION_ARG, INTERNAL_ARG, NULL };

enum dev_action { DEV_CREATE, DEV_ATTACH };

struct ring_queue {
	struct eth_queue_stats stats;       /* first: the core sums it */
	struct rte_ring *rng;
	struct rte_eth_dev_data *data;
	uint16_t port_id;
	uint8_t steer;                      /* tx: steer by RSS (set at start); rx: the
					     * packets were hashed when steered in */
} __rte_cache_aligned;

struct ring_priv {
	struct ring_queue rxq[RTE_PMD_RING_MAX_RX_RINGS];
	struct ring_queue txq[RTE_PMD_RING_MAX_TX_RINGS];
	uint16_t nb_rx, nb_tx;              /* rings given */
	uint8_t loopback;                   /* tx ring i is rx ring i (steerable) */
	enum dev_action action;
	struct rte_ether_addr mac;
};

/* rte_eth_from_rings hands its arguments over as a pointer in a string. */
struct ring_internal_args {
	struct rte_ring *const *rx_queues;
	unsigned int nb_rx_queues;
	struct rte_ring *const *tx_queues;
	unsigned int nb_tx_queues;
	unsigned int numa_node;
	void *addr;                         /* == self: sanity check */
};

/* The one rte_eth_from_rings call in progress (process-local): the
 * "internal=" argument is accepted only if it names it, so a stray pointer
 * in a devargs string cannot be dereferenced. */
static pthread_mutex_t from_rings_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ring_internal_args *from_rings_pending;

/* ---- fast path -------------------------------------------------------------------------------------- */
/* Packets only (see the top): the queue's one writer adds, the stats
 * reader loads; relaxed is enough for a counter (as eth_qstats_add). */
static __rte_always_inline void ring_count(struct eth_queue_stats *s, uint64_t n)
{
	__atomic_store_n(&s->packets, s->packets + n, __ATOMIC_RELAXED);
}

/* Out of line so that an empty poll (the common case when idle) pays only
 * for the dequeue attempt, not for this function's prologue: RSS marking
 * (software hash of each packet, only when the application asked for
 * RTE_ETH_RX_OFFLOAD_RSS_HASH and tx did not steer) and the counter. The
 * mbufs are not touched otherwise: mbuf->port is left as the sender set it,
 * as DPDK's net_ring does (a write would pull each line back exclusively
 * from whichever lcore touched it last, in a pipeline the transmitter). */
static __rte_noinline void ring_rx_mark(struct ring_queue *rq, struct rte_mbuf **bufs, uint16_t n)
{
	ethdev_rss_mark(rq->data, bufs, n);
}

static __rte_noinline uint16_t ring_rx_some(struct ring_queue *rq, struct rte_mbuf **bufs,
					    uint16_t nb)
{
	uint16_t n = (uint16_t)rte_ring_dequeue_burst(rq->rng, (void **)bufs, nb, NULL);

	if (n != 0) {
		if (unlikely(ethdev_rss_wanted(rq->data)) && !rq->steer)
			ring_rx_mark(rq, bufs, n);
		ring_count(&rq->stats, n);
	}
	return n;
}

/* An empty ring costs two tail loads and a compare: the dequeue (whose
 * inlined copy loop needs a large prologue) runs only when there is work.
 * A packet enqueued right after the check is seen by the next poll. */
static uint16_t ring_rx(void *q, struct rte_mbuf **bufs, uint16_t nb)
{
	struct ring_queue *rq = q;

	if (rte_ring_empty(rq->rng))
		return 0;
	return ring_rx_some(rq, bufs, nb);
}

#define STEER_CHUNK 64

/* Loopback + RSS: each packet to the ring of the rx queue its hash picks. */
static uint16_t ring_tx_steer(struct ring_queue *tq, struct rte_mbuf **bufs, uint16_t nb)
{
	const struct rte_eth_dev_data *data = tq->data;
	const struct ring_priv *p = data->dev_private;
	uint64_t dropped = 0;

	for (uint16_t base = 0; base < nb; base += STEER_CHUNK) {
		uint16_t n = (uint16_t)RTE_MIN(STEER_CHUNK, nb - base);
		struct rte_mbuf *grp[STEER_CHUNK];
		uint16_t qof[STEER_CHUNK];
		uint64_t todo = 0;   /* bit per packet not yet sent */

		for (uint16_t i = 0; i < n; i++) {
			struct rte_mbuf *m = bufs[base + i];
			uint32_t h = ethdev_rss_hash_mbuf(data, m);
			m->hash.rss = h;
			m->ol_flags |= RTE_MBUF_F_RX_RSS_HASH;
			qof[i] = ethdev_rss_queue(data, h);
			if (qof[i] >= p->nb_rx)
				qof[i] = 0;
			todo |= 1ULL << i;
		}
		while (todo) {
			uint16_t first = (uint16_t)__builtin_ctzll(todo), k = 0, dq = qof[first];
			for (uint16_t i = first; i < n; i++)
				if ((todo & (1ULL << i)) && qof[i] == dq) {
					grp[k++] = bufs[base + i];
					todo &= ~(1ULL << i);
				}
			uint16_t sent = (uint16_t)rte_ring_mp_enqueue_burst(p->rxq[dq].rng,
									    (void **)grp, k, NULL);
			if (sent < k) {
				dropped += (uint64_t)(k - sent);
				rte_pktmbuf_free_bulk(grp + sent, (unsigned int)(k - sent));
			}
		}
	}
	ring_count(&tq->stats, nb - dropped);
	if (dropped)
		eth_qstats_err(&tq->stats, dropped);
	return nb;
}

static uint16_t ring_tx(void *q, struct rte_mbuf **bufs, uint16_t nb)
{
	struct ring_queue *tq = q;
	uint16_t n;

	if (unlikely(tq->steer))
		return ring_tx_steer(tq, bufs, nb);
	n = (uint16_t)rte_ring_enqueue_burst(tq->rng, (void **)bufs, nb, NULL);
	if (n)
		ring_count(&tq->stats, n);
	return n;
}

static uint32_t ring_rx_count(void *q)
{
	return rte_ring_count(((struct ring_queue *)q)->rng);
}

/* ---- control ------------------------------------------------------------------------------------------- */
static struct ring_priv *priv_of(struct rte_eth_dev *dev) { return dev->data->dev_private; }

static int ring_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	struct ring_priv *p = priv_of(dev);

	info->max_mac_addrs = 1;
	info->max_rx_pktlen = (uint32_t)-1;
	info->max_rx_queues = p->nb_rx;
	info->max_tx_queues = p->nb_tx;
	info->min_rx_bufsize = 0;
	info->max_mtu = UINT16_MAX;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_RSS_HASH;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	info->reta_size = dev->data->rss.reta_size;
	info->hash_key_size = 40;
	info->flow_type_rss_offloads = RTE_ETH_RSS_IP | RTE_ETH_RSS_TCP | RTE_ETH_RSS_UDP;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	/* a queue holds what its ring holds */
	info->rx_desc_lim.nb_max = UINT16_MAX;
	info->tx_desc_lim.nb_max = UINT16_MAX;
	return 0;
}

static int ring_link(struct rte_eth_dev *dev, int up)
{
	struct rte_eth_link l = {
		.link_speed = RTE_ETH_SPEED_NUM_10G,
		.link_duplex = RTE_ETH_LINK_FULL_DUPLEX,
		.link_autoneg = RTE_ETH_LINK_FIXED,
		.link_status = up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN,
	};
	ethdev_link_set(dev, &l);
	return 0;
}

static int ring_configure(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }
static int ring_start(struct rte_eth_dev *dev)
{
	struct ring_priv *p = priv_of(dev);
	uint8_t steer = p->loopback && dev->data->nb_rx_queues > 1 &&
			(dev->data->dev_conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) &&
			dev->data->rss.hf != 0;

	for (uint16_t i = 0; i < p->nb_tx; i++)
		p->txq[i].steer = steer;
	for (uint16_t i = 0; i < p->nb_rx; i++)
		p->rxq[i].steer = steer;
	return ring_link(dev, 1);
}
static int ring_stop(struct rte_eth_dev *dev) { return ring_link(dev, 0); }
static int ring_link_up(struct rte_eth_dev *dev) { return ring_link(dev, 1); }
static int ring_link_down(struct rte_eth_dev *dev) { return ring_link(dev, 0); }
static int ring_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(wait);
	return 0;
}
static int ring_nop(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }
static int ring_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(mtu);
	return 0;
}
static int ring_mac_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	rte_ether_addr_copy(addr, &priv_of(dev)->mac);
	return 0;
}

static int ring_rxq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket, const struct rte_eth_rxconf *conf, struct rte_mempool *mp)
{
	RTE_SET_USED(nb_desc);
	RTE_SET_USED(socket);
	RTE_SET_USED(conf);
	RTE_SET_USED(mp);
	dev->data->rx_queues[qid] = &priv_of(dev)->rxq[qid];
	return 0;
}

static int ring_txq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket, const struct rte_eth_txconf *conf)
{
	RTE_SET_USED(nb_desc);
	RTE_SET_USED(socket);
	RTE_SET_USED(conf);
	dev->data->tx_queues[qid] = &priv_of(dev)->txq[qid];
	return 0;
}

/* queue objects live in dev_private: nothing to free */
static void ring_q_release(struct rte_eth_dev *dev, uint16_t qid)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(qid);
}

static int ring_close(struct rte_eth_dev *dev)
{
	struct ring_priv *p = priv_of(dev);

	if (rte_eal_process_type() != RTE_PROC_PRIMARY || p == NULL)
		return 0;
	if (p->action == DEV_CREATE)   /* rx and tx share the rings */
		for (uint16_t i = 0; i < p->nb_rx; i++)
			rte_ring_free(p->rxq[i].rng);
	return 0;
}

/* The driver's own xstats: how full each rx ring is now. */
static int ring_xstats_names(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
			     unsigned int size)
{
	uint16_t n = dev->data->nb_rx_queues;

	if (names == NULL || size < n)
		return n;
	for (uint16_t i = 0; i < n; i++)
		snprintf(names[i].name, sizeof(names[i].name), "rx_q%u_ring_fill", i);
	return n;
}

static int ring_xstats(struct rte_eth_dev *dev, struct rte_eth_xstat *xs, unsigned int size)
{
	struct ring_priv *p = priv_of(dev);
	uint16_t n = dev->data->nb_rx_queues;

	if (xs == NULL || size < n)
		return n;
	for (uint16_t i = 0; i < n; i++) {
		xs[i].id = i;
		xs[i].value = p->rxq[i].rng ? rte_ring_count(p->rxq[i].rng) : 0;
	}
	return n;
}

static const struct eth_dev_ops ring_ops = {
	.xstats_get_names = ring_xstats_names,
	.xstats_get = ring_xstats,
	.dev_infos_get = ring_infos_get,
	.dev_configure = ring_configure,
	.dev_start = ring_start,
	.dev_stop = ring_stop,
	.dev_close = ring_close,
	.dev_set_link_up = ring_link_up,
	.dev_set_link_down = ring_link_down,
	.link_update = ring_link_update,
	.promiscuous_enable = ring_nop,
	.promiscuous_disable = ring_nop,
	.allmulticast_enable = ring_nop,
	.allmulticast_disable = ring_nop,
	.mac_addr_set = ring_mac_set,
	.mtu_set = ring_mtu_set,
	.rx_queue_setup = ring_rxq_setup,
	.tx_queue_setup = ring_txq_setup,
	.rx_queue_release = ring_q_release,
	.tx_queue_release = ring_q_release,
};

static void set_ops(struct rte_eth_dev *dev, struct rte_vdev_device *vdev)
{
	dev->dev_ops = &ring_ops;
	dev->rx_pkt_burst = ring_rx;
	dev->tx_pkt_burst = ring_tx;
	dev->rx_queue_count = ring_rx_count;
	dev->device = &vdev->device;
}

/* ---- port creation ------------------------------------------------------------------------------------- */
static int port_create(const char *name, struct rte_vdev_device *vdev,
		       struct rte_ring *const rx[], unsigned int nb_rx,
		       struct rte_ring *const tx[], unsigned int nb_tx,
		       unsigned int numa_node, enum dev_action action)
{
	struct rte_eth_dev *dev;
	struct ring_priv *p;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		dev = ethdev_attach_secondary(name);
		if (dev == NULL)
			return -ENODEV;
		set_ops(dev, vdev);
		ethdev_probing_finish(dev);
		return dev->data->port_id;
	}
	dev = ethdev_allocate(name);
	if (dev == NULL)
		return -rte_errno;
	p = rte_zmalloc_socket("ring_priv", sizeof(*p), RTE_CACHE_LINE_SIZE,
			       numa_node == (unsigned int)SOCKET_ID_ANY ? SOCKET_ID_ANY : (int)numa_node);
	if (p == NULL) {
		ethdev_release_port(dev);
		return -ENOMEM;
	}
	dev->data->dev_private = p;
	p->nb_rx = (uint16_t)nb_rx;
	p->nb_tx = (uint16_t)nb_tx;
	p->action = action;
	p->loopback = nb_rx == nb_tx;
	for (unsigned int i = 0; i < nb_rx && p->loopback; i++)
		if (rx[i] != tx[i])
			p->loopback = 0;
	for (unsigned int i = 0; i < nb_rx; i++) {
		p->rxq[i].rng = rx[i];
		p->rxq[i].data = dev->data;
		p->rxq[i].port_id = dev->data->port_id;
	}
	for (unsigned int i = 0; i < nb_tx; i++) {
		p->txq[i].rng = tx[i];
		p->txq[i].data = dev->data;
		p->txq[i].port_id = dev->data->port_id;
	}
	rte_eth_random_addr(p->mac.addr_bytes);
	dev->data->mac_addrs[0] = p->mac;
	dev->data->numa_node = numa_node == (unsigned int)SOCKET_ID_ANY ? SOCKET_ID_ANY : (int)numa_node;
	dev->data->dev_flags = RTE_ETH_DEV_INTR_LSC;
	ethdev_rss_init(dev->data, RTE_ETH_RSS_RETA_SIZE_128);
	set_ops(dev, vdev);
	ring_link(dev, 0);
	ethdev_probing_finish(dev);
	return dev->data->port_id;
}

/* The 16 loopback rings "ETH_RXTX<i>_<name>": create or look up. */
static int loopback_create(const char *name, struct rte_vdev_device *vdev, unsigned int node,
			   enum dev_action action)
{
	struct rte_ring *rings[RTE_PMD_RING_MAX_RX_RINGS];
	unsigned int n = RTE_MIN(RTE_PMD_RING_MAX_RX_RINGS, RTE_PMD_RING_MAX_TX_RINGS), made = 0;
	char rname[RTE_RING_NAMESIZE];
	int ret;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		action = DEV_ATTACH;        /* a secondary uses the primary's rings */
	for (unsigned int i = 0; i < n; i++) {
		if (snprintf(rname, sizeof(rname), "ETH_RXTX%u_%s", i, name) >= (int)sizeof(rname)) {
			RTE_ETHDEV_LOG(ERR, "net_ring %s: name too long for its rings\n", name);
			ret = -ENAMETOOLONG;
			goto fail;
		}
		rings[i] = action == DEV_CREATE ?
			rte_ring_create(rname, RING_SIZE_DEFAULT, (int)node,
					RING_F_SP_ENQ | RING_F_SC_DEQ) :
			rte_ring_lookup(rname);
		if (rings[i] == NULL) {
			ret = action == DEV_CREATE ? -rte_errno : -ENOENT;
			if (ret == 0)
				ret = -ENOMEM;
			goto fail;
		}
		made++;
	}
	ret = port_create(name, vdev, rings, n, rings, n, node, action);
	if (ret >= 0)
		return 0;
fail:
	if (action == DEV_CREATE)
		for (unsigned int i = 0; i < made; i++)
			rte_ring_free(rings[i]);
	return ret;
}

struct nodeaction {
	char name[RTE_ETH_NAME_MAX_LEN];
	unsigned int node;
	enum dev_action action;
};

static int parse_nodeaction(const char *value, struct nodeaction *na, const char *devname)
{
	char buf[256], *node, *action, *end;

	if (snprintf(buf, sizeof(buf), "%s", value) >= (int)sizeof(buf))
		goto bad;
	node = strchr(buf, ':');
	if (node == NULL)
		goto bad;
	*node++ = '\0';
	action = strchr(node, ':');
	if (action == NULL)
		goto bad;
	*action++ = '\0';
	if (buf[0] == '\0' || strlen(buf) >= sizeof(na->name))
		goto bad;
	snprintf(na->name, sizeof(na->name), "%s", buf);
	errno = 0;
	na->node = (unsigned int)strtoul(node, &end, 10);
	if (node[0] == '\0' || *end != '\0' || errno || na->node >= RTE_MAX_NUMA_NODES)
		goto bad;
	if (strcmp(action, "CREATE") == 0)
		na->action = DEV_CREATE;
	else if (strcmp(action, "ATTACH") == 0)
		na->action = DEV_ATTACH;
	else
		goto bad;
	return 0;
bad:
	RTE_ETHDEV_LOG(ERR, "net_ring %s: bad argument %s=%s (want NAME:NODE:CREATE|ATTACH)\n",
		       devname, NODEACTION_ARG, value);
	return -EINVAL;
}

static int ring_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev), *args = rte_vdev_device_args(vdev);
	struct rte_kvargs *kv;
	int ret = 0;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY && (args == NULL || args[0] == '\0' ||
							  strstr(args, INTERNAL_ARG "=") != NULL)) {
		/* the primary's port of this name (rings are the primary's too) */
		ret = port_create(name, vdev, NULL, 0, NULL, 0, SOCKET_ID_ANY, DEV_ATTACH);
		return ret < 0 ? ret : 0;
	}
	if (args == NULL || args[0] == '\0') {
		ret = loopback_create(name, vdev, rte_socket_id(), DEV_CREATE);
		if (ret == -EEXIST || ret == -ENOSPC)
			ret = loopback_create(name, vdev, rte_socket_id(), DEV_ATTACH);
		return ret < 0 ? ret : 0;
	}
	kv = rte_kvargs_parse(args, valid_args);
	if (kv == NULL) {
		RTE_ETHDEV_LOG(ERR, "net_ring %s: cannot parse arguments '%s' (valid: %s, %s)\n",
			       name, args, NODEACTION_ARG, INTERNAL_ARG);
		return -EINVAL;
	}
	if (rte_kvargs_count(kv, INTERNAL_ARG) == 1) {
		const char *v = rte_kvargs_get(kv, INTERNAL_ARG);
		struct ring_internal_args *ia = NULL;
		if (sscanf(v, "%p", (void **)&ia) != 1 || ia == NULL || ia != from_rings_pending ||
		    ia->addr != ia) {
			RTE_ETHDEV_LOG(ERR, "net_ring %s: bad internal argument '%s' (only "
				       "rte_eth_from_rings passes it)\n", name, v);
			ret = -EINVAL;
		} else {
			ret = port_create(name, vdev, ia->rx_queues, ia->nb_rx_queues, ia->tx_queues,
					  ia->nb_tx_queues, ia->numa_node, DEV_ATTACH);
		}
	} else {
		for (unsigned i = 0; i < kv->count && ret >= 0; i++) {
			struct nodeaction na;
			if (strcmp(kv->pairs[i].key, NODEACTION_ARG) != 0)
				continue;
			ret = parse_nodeaction(kv->pairs[i].value, &na, name);
			if (ret < 0)
				break;
			ret = loopback_create(na.name, vdev, na.node, na.action);
			if (ret < 0 && na.action == DEV_CREATE)
				ret = loopback_create(na.name, vdev, na.node, DEV_ATTACH);
		}
	}
	rte_kvargs_free(kv);
	return ret < 0 ? ret : 0;
}

static int ring_remove(struct rte_vdev_device *vdev)
{
	uint16_t p;
	int ret = 0;

	RTE_ETH_FOREACH_DEV_OF(p, &vdev->device) {
		if (rte_eal_process_type() == RTE_PROC_PRIMARY)
			rte_eth_dev_stop(p);
		int r = rte_eth_dev_close(p);
		if (r < 0 && ret == 0)
			ret = r;
	}
	return ret;
}

static struct rte_vdev_driver pmd_ring_drv = {
	.probe = ring_probe,
	.remove = ring_remove,
};

RTE_PMD_REGISTER_VDEV(net_ring, pmd_ring_drv);
RTE_PMD_REGISTER_ALIAS(net_ring, eth_ring);
RTE_PMD_REGISTER_PARAM_STRING(net_ring, NODEACTION_ARG "=name:node:action(ATTACH|CREATE)");

/* ---- public constructors ---------------------------------------------------------------------------------- */
int rte_eth_from_rings(const char *name, struct rte_ring *const rx_queues[],
		       const unsigned nb_rx_queues, struct rte_ring *const tx_queues[],
		       const unsigned nb_tx_queues, const unsigned numa_node)
{
	struct ring_internal_args args = {
		.rx_queues = rx_queues, .nb_rx_queues = nb_rx_queues,
		.tx_queues = tx_queues, .nb_tx_queues = nb_tx_queues,
		.numa_node = numa_node, .addr = &args,
	};
	char args_str[32], ring_name[RTE_ETH_NAME_MAX_LEN];
	uint16_t port_id;
	int ret;

	if (name == NULL || (rx_queues == NULL && nb_rx_queues > 0) ||
	    (tx_queues == NULL && nb_tx_queues > 0) || nb_rx_queues > RTE_PMD_RING_MAX_RX_RINGS ||
	    nb_tx_queues > RTE_PMD_RING_MAX_TX_RINGS) {
		RTE_ETHDEV_LOG(ERR, "rte_eth_from_rings: NULL name or rings, or more than %d "
			       "queues\n", RTE_PMD_RING_MAX_RX_RINGS);
		rte_errno = EINVAL;
		return -1;
	}
	for (unsigned int i = 0; i < nb_rx_queues; i++)
		if (rx_queues[i] == NULL)
			goto null_ring;
	for (unsigned int i = 0; i < nb_tx_queues; i++)
		if (tx_queues[i] == NULL)
			goto null_ring;
	snprintf(args_str, sizeof(args_str), "%s=%p", INTERNAL_ARG, (void *)&args);
	if (snprintf(ring_name, sizeof(ring_name), "net_ring_%s", name) >= (int)sizeof(ring_name)) {
		rte_errno = ENAMETOOLONG;
		return -1;
	}
	pthread_mutex_lock(&from_rings_lock);
	from_rings_pending = &args;
	ret = rte_vdev_init(ring_name, args_str);
	from_rings_pending = NULL;
	pthread_mutex_unlock(&from_rings_lock);
	if (ret) {
		rte_errno = EINVAL;
		return -1;
	}
	if (rte_eth_dev_get_port_by_name(ring_name, &port_id) != 0) {
		rte_errno = ENODEV;
		return -1;
	}
	return port_id;
null_ring:
	RTE_ETHDEV_LOG(ERR, "rte_eth_from_rings: NULL ring in the queue arrays\n");
	rte_errno = EINVAL;
	return -1;
}

int rte_eth_from_ring(struct rte_ring *r)
{
	if (r == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	return rte_eth_from_rings(r->name, &r, 1, &r, 1,
				  r->memzone ? (unsigned int)r->memzone->socket_id :
					       (unsigned int)SOCKET_ID_ANY);
}
