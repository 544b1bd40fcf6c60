/* SPDX-License-Identifier: BSD-3-Clause
 * net_pcap: packets from and to pcap files and live interfaces through
 * libpcap (DPDK's net_pcap). Built only where configure finds libpcap.
 *
 *   --vdev=net_pcap0,rx_pcap=in.pcap[,rx_pcap=in2.pcap],tx_pcap=out.pcap
 *   --vdev=net_pcap0,iface=eth0            (rx and tx on one interface)
 *   --vdev=net_pcap0,rx_iface=eth0,tx_iface=eth1
 *   infinite_rx=1                          replay the rx file(s) forever
 *
 * iface= uses one socket for both directions, so the port does not capture
 * the frames it sends itself (the kernel skips the sending socket);
 * rx_iface_in= captures incoming frames only; rx_iface= both directions.
 *
 * One rx queue per rx_pcap/rx_iface argument and one tx queue per
 * tx_pcap/tx_iface argument, in order (at least one each: a port with no
 * rx source receives nothing; one with no tx sink drops and counts).
 *
 * Reading: microsecond and nanosecond pcap files (tcpdump, Wireshark,
 * libpcap); a packet longer than one mbuf's room arrives as a chain.
 * Writing: nanosecond pcap with DLT_EN10MB, readable by tcpdump and
 * Wireshark; chained mbufs are written as one packet; flushed at each burst
 * and at stop. Timestamps: the file's on rx (mbuf not stamped), the wall
 * clock on tx.
 *
 * State split: the queue objects (stats, pool, file names) are shared;
 * the pcap handles are per process (dev->process_private), as libpcap
 * handles cannot cross a fork. A secondary may attach to the port but gets
 * no handles: its bursts return 0 (documented limit; DPDK's pcap shares the
 * handles with fork-less secondaries only by reopening files). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pcap.h>
#include <rte_ethdev.h>
#include <rte_kvargs.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_lcore.h>
#include "ethdev_driver.h"

#define PCAP_MAX_QUEUES 16
#define PCAP_SNAPLEN 65535
#define PCAP_IFACE_SNAPLEN 9728          /* jumbo frames; bounds the kernel ring's frame size */
#define PCAP_IFACE_BUFSIZE (16 << 20)    /* kernel ring: ~1600 frames at that size */
#define PCAP_PATH_MAX 256

static const char *const valid_args[] = {
	"rx_pcap", "tx_pcap", "rx_iface", "rx_iface_in", "tx_iface", "iface", "phy_mac",
	"infinite_rx", NULL
};

enum src_kind { SRC_NONE, SRC_FILE, SRC_IFACE };

struct pcap_queue {
	struct eth_queue_stats stats;          /* first: the core sums it */
	struct rte_mempool *mp;                /* rx */
	uint16_t port_id;
	uint16_t qid;
	uint8_t is_tx;
	enum src_kind kind;
	uint8_t in_only;                       /* rx_iface_in: incoming packets only */
	int16_t pair_rxq;                      /* tx of iface=: shares rx queue N's handle */
	char name[PCAP_PATH_MAX];              /* file or interface */
	/* infinite_rx: the file's packets, replayed in a circle */
	struct rte_mbuf **replay;
	uint32_t replay_n, replay_next;
} __rte_cache_aligned;

struct pcap_priv {
	struct pcap_queue rxq[PCAP_MAX_QUEUES];
	struct pcap_queue txq[PCAP_MAX_QUEUES];
	uint16_t nb_rx, nb_tx;
	uint8_t infinite_rx;
	struct rte_ether_addr mac;
};

/* per process */
struct pcap_local {
	pcap_t *rx[PCAP_MAX_QUEUES];
	pcap_t *tx[PCAP_MAX_QUEUES];
	pcap_dumper_t *dump[PCAP_MAX_QUEUES];
	uint8_t *linear[PCAP_MAX_QUEUES];      /* tx: one chained packet made flat */
	uint64_t drop_base[PCAP_MAX_QUEUES];   /* kernel drops at the last stats reset */
};

static struct pcap_local *local_of(uint16_t port_id)
{
	return rte_eth_devices[port_id].process_private;
}

/* ---- rx -------------------------------------------------------------------------------------------------------- */
/* Copy len bytes into a fresh mbuf chain from mp; NULL if the pool runs dry. */
static struct rte_mbuf *to_mbufs(struct rte_mempool *mp, const uint8_t *data, uint32_t len)
{
	struct rte_mbuf *head = rte_pktmbuf_alloc(mp), *last = head;
	uint32_t done = 0;

	if (head == NULL)
		return NULL;
	for (;;) {
		uint16_t room = rte_pktmbuf_tailroom(last);
		uint16_t n = (uint16_t)RTE_MIN((uint32_t)room, len - done);
		rte_memcpy(rte_pktmbuf_mtod(last, uint8_t *), data + done, n);
		last->data_len = n;
		done += n;
		if (done == len)
			break;
		struct rte_mbuf *seg = rte_pktmbuf_alloc(mp);
		if (seg == NULL || room == 0) {
			rte_pktmbuf_free(seg);
			rte_pktmbuf_free(head);
			return NULL;
		}
		last->next = seg;
		head->nb_segs++;
		last = seg;
	}
	head->pkt_len = len;
	return head;
}

static uint16_t pcap_rx(void *q, struct rte_mbuf **bufs, uint16_t nb)
{
	struct pcap_queue *rq = q;
	struct pcap_local *lp = local_of(rq->port_id);
	pcap_t *h = lp ? lp->rx[rq->qid] : NULL;
	struct pcap_pkthdr *hdr;
	const u_char *data;
	uint64_t bytes = 0;
	uint16_t n = 0;

	if (h == NULL)
		return 0;
	while (n < nb) {
		if (pcap_next_ex(h, &hdr, &data) != 1)
			break;                   /* end of file, nothing yet, or error */
		struct rte_mbuf *m = to_mbufs(rq->mp, data, hdr->caplen);
		if (m == NULL) {
			eth_qstats_nombuf(&rq->stats, 1);
			break;
		}
		m->port = rq->port_id;
		bytes += m->pkt_len;
		bufs[n++] = m;
	}
	if (n) {
		const struct rte_eth_dev_data *d = rte_eth_devices[rq->port_id].data;
		if (ethdev_rss_wanted(d))
			ethdev_rss_mark(d, bufs, n);
		eth_qstats_add(&rq->stats, n, bytes);
	}
	return n;
}

static uint16_t pcap_rx_infinite(void *q, struct rte_mbuf **bufs, uint16_t nb)
{
	struct pcap_queue *rq = q;
	uint64_t bytes = 0;
	uint16_t n = 0;

	if (rq->replay_n == 0)
		return 0;
	while (n < nb) {
		struct rte_mbuf *m = rte_pktmbuf_copy(rq->replay[rq->replay_next], rq->mp, 0, UINT32_MAX);
		if (m == NULL) {
			eth_qstats_nombuf(&rq->stats, 1);
			break;
		}
		if (++rq->replay_next == rq->replay_n)
			rq->replay_next = 0;
		m->port = rq->port_id;
		bytes += m->pkt_len;
		bufs[n++] = m;
	}
	if (n) {
		const struct rte_eth_dev_data *d = rte_eth_devices[rq->port_id].data;
		if (ethdev_rss_wanted(d))
			ethdev_rss_mark(d, bufs, n);
		eth_qstats_add(&rq->stats, n, bytes);
	}
	return n;
}

/* ---- tx -------------------------------------------------------------------------------------------------------- */
static const uint8_t *flat(struct pcap_local *lp, uint16_t qid, struct rte_mbuf *m, uint32_t len)
{
	if (m->nb_segs == 1)
		return rte_pktmbuf_mtod(m, const uint8_t *);
	return rte_pktmbuf_read(m, 0, len, lp->linear[qid]);
}

static uint16_t pcap_tx(void *q, struct rte_mbuf **bufs, uint16_t nb)
{
	struct pcap_queue *tq = q;
	struct pcap_local *lp = local_of(tq->port_id);
	uint64_t bytes = 0, errs = 0;
	struct timespec ts;

	if (lp == NULL || (tq->kind == SRC_FILE && lp->dump[tq->qid] == NULL))
		return 0;   /* no handle in this process (a secondary does not write files) */
	if (tq->kind == SRC_NONE) {                   /* no sink: drop and count */
		for (uint16_t i = 0; i < nb; i++)
			bytes += bufs[i]->pkt_len;
		rte_pktmbuf_free_bulk(bufs, nb);
		eth_qstats_add(&tq->stats, nb, bytes);
		return nb;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	for (uint16_t i = 0; i < nb; i++) {
		struct rte_mbuf *m = bufs[i];
		uint32_t len = RTE_MIN(m->pkt_len, (uint32_t)PCAP_SNAPLEN);
		const uint8_t *p = flat(lp, tq->qid, m, len);
		if (p == NULL) {
			errs++;
			continue;
		}
		if (tq->kind == SRC_FILE) {
			struct pcap_pkthdr h;
			h.ts.tv_sec = ts.tv_sec;
			h.ts.tv_usec = ts.tv_nsec;       /* nanosecond file: this field holds ns */
			h.caplen = len;
			h.len = m->pkt_len;
			pcap_dump((u_char *)lp->dump[tq->qid], &h, p);
			bytes += m->pkt_len;
		} else if (pcap_sendpacket(lp->tx[tq->qid], p, (int)len) == 0) {
			bytes += m->pkt_len;
		} else {
			errs++;
		}
	}
	if (tq->kind == SRC_FILE)
		pcap_dump_flush(lp->dump[tq->qid]);
	rte_pktmbuf_free_bulk(bufs, nb);
	eth_qstats_add(&tq->stats, nb - errs, bytes);
	if (errs)
		eth_qstats_err(&tq->stats, errs);
	return nb;
}

/* ---- opening handles --------------------------------------------------------------------------------------- */
static pcap_t *open_iface(const char *name, const char *ifname)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *h = pcap_create(ifname, err);

	if (h == NULL) {
		RTE_ETHDEV_LOG(ERR, "net_pcap %s: interface %s: %s\n", name, ifname, err);
		return NULL;
	}
	pcap_set_snaplen(h, PCAP_IFACE_SNAPLEN);
	pcap_set_buffer_size(h, PCAP_IFACE_BUFSIZE);
	pcap_set_promisc(h, 1);
	pcap_set_timeout(h, 1);
	pcap_set_immediate_mode(h, 1);
	if (pcap_activate(h) < 0 || pcap_setnonblock(h, 1, err) < 0) {
		RTE_ETHDEV_LOG(ERR, "net_pcap %s: interface %s: %s\n", name, ifname, pcap_geterr(h));
		pcap_close(h);
		return NULL;
	}
	return h;
}

static void local_close(struct pcap_local *lp, struct pcap_priv *p)
{
	if (lp == NULL)
		return;
	for (uint16_t i = 0; i < PCAP_MAX_QUEUES; i++) {
		if (lp->rx[i])
			pcap_close(lp->rx[i]);
		if (lp->dump[i])
			pcap_dump_close(lp->dump[i]);
		if (lp->tx[i] && (p == NULL || p->txq[i].pair_rxq < 0))
			pcap_close(lp->tx[i]);
		free(lp->linear[i]);
	}
	free(lp);
}

static struct pcap_local *local_open(const char *name, struct pcap_priv *p, int primary)
{
	struct pcap_local *lp = calloc(1, sizeof(*lp));
	char err[PCAP_ERRBUF_SIZE];

	if (lp == NULL)
		return NULL;
	for (uint16_t i = 0; i < p->nb_rx; i++) {
		struct pcap_queue *q = &p->rxq[i];
		if (q->kind == SRC_FILE) {
			lp->rx[i] = pcap_open_offline_with_tstamp_precision(q->name,
					PCAP_TSTAMP_PRECISION_NANO, err);
			if (lp->rx[i] == NULL) {
				RTE_ETHDEV_LOG(ERR, "net_pcap %s: rx_pcap=%s: %s\n", name, q->name, err);
				goto fail;
			}
			if (pcap_datalink(lp->rx[i]) != DLT_EN10MB) {
				RTE_ETHDEV_LOG(ERR, "net_pcap %s: rx_pcap=%s: link type %d is not "
					       "Ethernet\n", name, q->name, pcap_datalink(lp->rx[i]));
				goto fail;
			}
		} else if (q->kind == SRC_IFACE) {
			if ((lp->rx[i] = open_iface(name, q->name)) == NULL)
				goto fail;
			if (q->in_only && pcap_setdirection(lp->rx[i], PCAP_D_IN) < 0) {
				RTE_ETHDEV_LOG(ERR, "net_pcap %s: rx_iface_in=%s: %s\n", name, q->name,
					       pcap_geterr(lp->rx[i]));
				goto fail;
			}
		}
	}
	for (uint16_t i = 0; i < p->nb_tx; i++) {
		struct pcap_queue *q = &p->txq[i];
		lp->linear[i] = malloc(PCAP_SNAPLEN);
		if (lp->linear[i] == NULL)
			goto fail;
		if (q->kind == SRC_FILE && primary) {
			lp->tx[i] = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, PCAP_SNAPLEN,
									 PCAP_TSTAMP_PRECISION_NANO);
			lp->dump[i] = lp->tx[i] ? pcap_dump_open(lp->tx[i], q->name) : NULL;
			if (lp->dump[i] == NULL) {
				RTE_ETHDEV_LOG(ERR, "net_pcap %s: tx_pcap=%s: %s\n", name, q->name,
					       lp->tx[i] ? pcap_geterr(lp->tx[i]) : "no memory");
				goto fail;
			}
		} else if (q->kind == SRC_IFACE && q->pair_rxq >= 0) {
			/* iface=: one socket for both directions, so the port does not
			 * capture what it sends itself (as DPDK's net_pcap) */
			lp->tx[i] = lp->rx[q->pair_rxq];
		} else if (q->kind == SRC_IFACE && (lp->tx[i] = open_iface(name, q->name)) == NULL) {
			goto fail;
		}
	}
	return lp;
fail:
	local_close(lp, p);
	return NULL;
}

/* ---- control ------------------------------------------------------------------------------------------------ */
static struct pcap_priv *priv_of(struct rte_eth_dev *dev) { return dev->data->dev_private; }

static int pcap_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	struct pcap_priv *p = priv_of(dev);

	info->max_mac_addrs = 1;
	info->max_rx_pktlen = PCAP_SNAPLEN;
	info->max_mtu = PCAP_SNAPLEN - RTE_ETHER_HDR_LEN;
	info->max_rx_queues = p->nb_rx;
	info->max_tx_queues = p->nb_tx;
	info->min_rx_bufsize = 0;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_SCATTER | RTE_ETH_RX_OFFLOAD_RSS_HASH;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->reta_size = dev->data->rss.reta_size;
	info->hash_key_size = 40;
	info->flow_type_rss_offloads = RTE_ETH_RSS_IP | RTE_ETH_RSS_TCP | RTE_ETH_RSS_UDP;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	return 0;
}

static int pcap_link(struct rte_eth_dev *dev, int up)
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

static void replay_free(struct pcap_queue *q)
{
	for (uint32_t i = 0; i < q->replay_n; i++)
		rte_pktmbuf_free(q->replay[i]);
	rte_free(q->replay);
	q->replay = NULL;
	q->replay_n = q->replay_next = 0;
}

/* infinite_rx: read the whole file once into mbufs from the queue's pool */
static int replay_load(struct rte_eth_dev *dev, struct pcap_queue *q, pcap_t *h)
{
	struct pcap_pkthdr *hdr;
	const u_char *data;
	uint32_t cap = 64;

	q->replay = rte_zmalloc(NULL, cap * sizeof(*q->replay), 0);
	if (q->replay == NULL)
		return -ENOMEM;
	while (pcap_next_ex(h, &hdr, &data) == 1) {
		if (q->replay_n == cap) {
			struct rte_mbuf **nr = rte_realloc(q->replay, 2 * cap * sizeof(*nr), 0);
			if (nr == NULL)
				goto nomem;
			q->replay = nr;
			cap *= 2;
		}
		struct rte_mbuf *m = to_mbufs(q->mp, data, hdr->caplen);
		if (m == NULL)
			goto nomem;
		q->replay[q->replay_n++] = m;
	}
	if (q->replay_n == 0) {
		RTE_ETHDEV_LOG(ERR, "net_pcap %s: infinite_rx: %s holds no packets\n",
			       dev->data->name, q->name);
		replay_free(q);
		return -EINVAL;
	}
	return 0;
nomem:
	RTE_ETHDEV_LOG(ERR, "net_pcap %s: infinite_rx: pool %s too small for %s\n",
		       dev->data->name, q->mp->name, q->name);
	replay_free(q);
	return -ENOMEM;
}

static int pcap_start(struct rte_eth_dev *dev)
{
	struct pcap_priv *p = priv_of(dev);
	struct pcap_local *lp = dev->process_private;

	if (p->infinite_rx) {
		for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
			int ret = p->rxq[i].replay ? 0 : replay_load(dev, &p->rxq[i], lp->rx[i]);
			if (ret < 0)
				return ret;
		}
	}
	return pcap_link(dev, 1);
}

static int pcap_stop(struct rte_eth_dev *dev)
{
	struct pcap_local *lp = dev->process_private;

	for (uint16_t i = 0; lp && i < PCAP_MAX_QUEUES; i++)
		if (lp->dump[i])
			pcap_dump_flush(lp->dump[i]);
	return pcap_link(dev, 0);
}

static int pcap_configure(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }
static int pcap_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(wait);
	return 0;
}
static int pcap_nop(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }
static int pcap_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(mtu);
	return 0;
}
static int pcap_mac_set(struct rte_eth_dev *dev, struct rte_ether_addr *a)
{
	rte_ether_addr_copy(a, &priv_of(dev)->mac);
	return 0;
}

static int pcap_rxq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket, const struct rte_eth_rxconf *conf, struct rte_mempool *mp)
{
	RTE_SET_USED(nb_desc);
	RTE_SET_USED(socket);
	RTE_SET_USED(conf);
	struct pcap_queue *q = &priv_of(dev)->rxq[qid];
	q->mp = mp;
	dev->data->rx_queues[qid] = q;
	return 0;
}

static int pcap_txq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket, const struct rte_eth_txconf *conf)
{
	RTE_SET_USED(nb_desc);
	RTE_SET_USED(socket);
	RTE_SET_USED(conf);
	dev->data->tx_queues[qid] = &priv_of(dev)->txq[qid];
	return 0;
}

static void pcap_rxq_release(struct rte_eth_dev *dev, uint16_t qid)
{
	replay_free(&priv_of(dev)->rxq[qid]);
}

static void pcap_txq_release(struct rte_eth_dev *dev, uint16_t qid)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(qid);
}

static int pcap_close_op(struct rte_eth_dev *dev)
{
	struct pcap_priv *p = priv_of(dev);

	if (p && rte_eal_process_type() == RTE_PROC_PRIMARY)
		for (uint16_t i = 0; i < PCAP_MAX_QUEUES; i++)
			replay_free(&p->rxq[i]);
	local_close(dev->process_private, p);
	dev->process_private = NULL;
	return 0;
}

/* Kernel drops on live interfaces (the capture ring was full) are imissed. */
static uint64_t iface_drops(struct pcap_local *lp, uint16_t i)
{
	struct pcap_stat ps;

	if (lp == NULL || lp->rx[i] == NULL || pcap_stats(lp->rx[i], &ps) != 0)
		return 0;
	return ps.ps_drop;
}

static int pcap_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	struct pcap_priv *p = priv_of(dev);
	struct pcap_local *lp = dev->process_private;

	for (uint16_t i = 0; i < p->nb_rx; i++)
		if (p->rxq[i].kind == SRC_IFACE)
			st->imissed += iface_drops(lp, i) - lp->drop_base[i];
	return 0;
}

static int pcap_stats_reset(struct rte_eth_dev *dev)
{
	struct pcap_priv *p = priv_of(dev);
	struct pcap_local *lp = dev->process_private;

	for (uint16_t i = 0; lp && i < p->nb_rx; i++)
		if (p->rxq[i].kind == SRC_IFACE)
			lp->drop_base[i] = iface_drops(lp, i);
	return 0;
}

/* The driver's own xstats: packets the kernel dropped per live rx queue. */
static int pcap_xstats_names(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
			     unsigned int size)
{
	uint16_t n = dev->data->nb_rx_queues;

	if (names == NULL || size < n)
		return n;
	for (uint16_t i = 0; i < n; i++)
		snprintf(names[i].name, sizeof(names[i].name), "rx_q%u_kernel_drops", i);
	return n;
}

static int pcap_xstats(struct rte_eth_dev *dev, struct rte_eth_xstat *xs, unsigned int size)
{
	struct pcap_priv *p = priv_of(dev);
	struct pcap_local *lp = dev->process_private;
	uint16_t n = dev->data->nb_rx_queues;

	if (xs == NULL || size < n)
		return n;
	for (uint16_t i = 0; i < n; i++) {
		xs[i].id = i;
		xs[i].value = p->rxq[i].kind == SRC_IFACE && lp ?
			      iface_drops(lp, i) - lp->drop_base[i] : 0;
	}
	return n;
}

static const struct eth_dev_ops pcap_ops = {
	.xstats_get_names = pcap_xstats_names,
	.xstats_get = pcap_xstats,
	.stats_get = pcap_stats_get,
	.stats_reset = pcap_stats_reset,
	.dev_infos_get = pcap_infos_get,
	.dev_configure = pcap_configure,
	.dev_start = pcap_start,
	.dev_stop = pcap_stop,
	.dev_close = pcap_close_op,
	.link_update = pcap_link_update,
	.promiscuous_enable = pcap_nop,
	.promiscuous_disable = pcap_nop,
	.allmulticast_enable = pcap_nop,
	.allmulticast_disable = pcap_nop,
	.mac_addr_set = pcap_mac_set,
	.mtu_set = pcap_mtu_set,
	.rx_queue_setup = pcap_rxq_setup,
	.tx_queue_setup = pcap_txq_setup,
	.rx_queue_release = pcap_rxq_release,
	.tx_queue_release = pcap_txq_release,
};

/* ---- probe --------------------------------------------------------------------------------------------------- */
struct pcap_args {
	const char *devname;
	struct pcap_priv *p;
	int err;
};

static int add_queue(struct pcap_args *a, int tx, enum src_kind kind, const char *key,
		     const char *val)
{
	struct pcap_priv *p = a->p;
	uint16_t *n = tx ? &p->nb_tx : &p->nb_rx;
	struct pcap_queue *q = tx ? &p->txq[*n] : &p->rxq[*n];

	if (val[0] == '\0' || strlen(val) >= PCAP_PATH_MAX) {
		RTE_ETHDEV_LOG(ERR, "net_pcap %s: bad argument %s=%s (empty or too long)\n",
			       a->devname, key, val);
		return -EINVAL;
	}
	if (*n == PCAP_MAX_QUEUES) {
		RTE_ETHDEV_LOG(ERR, "net_pcap %s: more than %d %s queues at %s=%s\n", a->devname,
			       PCAP_MAX_QUEUES, tx ? "tx" : "rx", key, val);
		return -EINVAL;
	}
	q->kind = kind;
	q->is_tx = (uint8_t)tx;
	q->pair_rxq = -1;
	q->in_only = !tx && strcmp(key, "rx_iface_in") == 0;
	q->qid = *n;
	snprintf(q->name, sizeof(q->name), "%s", val);
	(*n)++;
	return 0;
}

static int on_arg(const char *key, const char *val, void *opaque)
{
	struct pcap_args *a = opaque;
	int ret = 0;

	if (strcmp(key, "rx_pcap") == 0)
		ret = add_queue(a, 0, SRC_FILE, key, val);
	else if (strcmp(key, "tx_pcap") == 0)
		ret = add_queue(a, 1, SRC_FILE, key, val);
	else if (strcmp(key, "rx_iface") == 0 || strcmp(key, "rx_iface_in") == 0)
		ret = add_queue(a, 0, SRC_IFACE, key, val);
	else if (strcmp(key, "tx_iface") == 0)
		ret = add_queue(a, 1, SRC_IFACE, key, val);
	else if (strcmp(key, "iface") == 0) {
		ret = add_queue(a, 0, SRC_IFACE, key, val);
		if (ret == 0)
			ret = add_queue(a, 1, SRC_IFACE, key, val);
		if (ret == 0)   /* one socket both ways */
			a->p->txq[a->p->nb_tx - 1].pair_rxq = (int16_t)(a->p->nb_rx - 1);
	} else if (strcmp(key, "infinite_rx") == 0 || strcmp(key, "phy_mac") == 0) {
		if (strcmp(val, "0") != 0 && strcmp(val, "1") != 0) {
			RTE_ETHDEV_LOG(ERR, "net_pcap %s: bad argument %s=%s (0 or 1)\n", a->devname,
				       key, val);
			ret = -EINVAL;
		} else if (key[0] == 'i') {
			a->p->infinite_rx = (uint8_t)(val[0] == '1');
		}
	}
	if (ret < 0)
		a->err = ret;
	return ret;
}

static void set_ops(struct rte_eth_dev *dev, struct rte_vdev_device *vdev, int infinite)
{
	dev->dev_ops = &pcap_ops;
	dev->rx_pkt_burst = infinite ? pcap_rx_infinite : pcap_rx;
	dev->tx_pkt_burst = pcap_tx;
	dev->device = &vdev->device;
}

static int pcap_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev), *args = rte_vdev_device_args(vdev);
	struct pcap_priv tmp;
	struct pcap_args a = { name, &tmp, 0 };
	struct rte_kvargs *kv;
	struct rte_eth_dev *dev;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		dev = ethdev_attach_secondary(name);
		if (dev == NULL)
			return -ENODEV;
		struct pcap_priv *p = dev->data->dev_private;
		dev->process_private = local_open(name, p, 0);
		set_ops(dev, vdev, p->infinite_rx);
		ethdev_probing_finish(dev);
		return 0;
	}
	memset(&tmp, 0, sizeof(tmp));
	kv = rte_kvargs_parse(args ? args : "", valid_args);
	if (kv == NULL) {
		RTE_ETHDEV_LOG(ERR, "net_pcap %s: cannot parse arguments '%s' (valid: rx_pcap, "
			       "tx_pcap, rx_iface, tx_iface, iface, infinite_rx, phy_mac)\n", name,
			       args ? args : "");
		return -EINVAL;
	}
	rte_kvargs_process(kv, NULL, on_arg, &a);
	rte_kvargs_free(kv);
	if (a.err < 0)
		return a.err;
	if (tmp.infinite_rx) {
		for (uint16_t i = 0; i < tmp.nb_rx; i++)
			if (tmp.rxq[i].kind != SRC_FILE) {
				RTE_ETHDEV_LOG(ERR, "net_pcap %s: infinite_rx needs rx_pcap files\n", name);
				return -EINVAL;
			}
		if (tmp.nb_rx == 0) {
			RTE_ETHDEV_LOG(ERR, "net_pcap %s: infinite_rx=1 without rx_pcap\n", name);
			return -EINVAL;
		}
	}
	if (tmp.nb_rx == 0)
		tmp.rxq[tmp.nb_rx++].kind = SRC_NONE;
	if (tmp.nb_tx == 0)
		tmp.txq[tmp.nb_tx++].kind = SRC_NONE;
	for (uint16_t i = 0; i < PCAP_MAX_QUEUES; i++)
		if (i >= tmp.nb_tx || tmp.txq[i].kind != SRC_IFACE)
			tmp.txq[i].pair_rxq = -1;

	struct pcap_local *lp = local_open(name, &tmp, 1);
	if (lp == NULL)
		return -EINVAL;
	dev = ethdev_allocate(name);
	if (dev == NULL) {
		local_close(lp, &tmp);
		return -rte_errno;
	}
	struct pcap_priv *p = rte_zmalloc_socket("pcap_priv", sizeof(*p), RTE_CACHE_LINE_SIZE,
						 rte_socket_id());
	if (p == NULL) {
		local_close(lp, &tmp);
		ethdev_release_port(dev);
		return -ENOMEM;
	}
	*p = tmp;
	for (uint16_t i = 0; i < PCAP_MAX_QUEUES; i++) {
		p->rxq[i].port_id = p->txq[i].port_id = dev->data->port_id;
		p->rxq[i].qid = p->txq[i].qid = i;
	}
	static const uint8_t base_mac[6] = { 0x02, 'p', 'c', 'a', 'p', 0 };
	memcpy(p->mac.addr_bytes, base_mac, 6);
	p->mac.addr_bytes[5] = (uint8_t)dev->data->port_id;
	dev->data->dev_private = p;
	dev->data->mac_addrs[0] = p->mac;
	dev->data->numa_node = (int)rte_socket_id();
	dev->data->dev_flags = RTE_ETH_DEV_INTR_LSC;
	dev->process_private = lp;
	ethdev_rss_init(dev->data, RTE_ETH_RSS_RETA_SIZE_128);
	set_ops(dev, vdev, p->infinite_rx);
	pcap_link(dev, 0);
	ethdev_probing_finish(dev);
	return 0;
}

static int pcap_remove(struct rte_vdev_device *vdev)
{
	uint16_t port;
	int ret = 0;

	RTE_ETH_FOREACH_DEV_OF(port, &vdev->device) {
		if (rte_eal_process_type() == RTE_PROC_PRIMARY)
			rte_eth_dev_stop(port);
		int r = rte_eth_dev_close(port);
		if (r < 0 && ret == 0)
			ret = r;
	}
	return ret;
}

static struct rte_vdev_driver pmd_pcap_drv = {
	.probe = pcap_probe,
	.remove = pcap_remove,
};

RTE_PMD_REGISTER_VDEV(net_pcap, pmd_pcap_drv);
RTE_PMD_REGISTER_ALIAS(net_pcap, eth_pcap);
RTE_PMD_REGISTER_PARAM_STRING(net_pcap,
	"rx_pcap=<string> tx_pcap=<string> rx_iface=<ifc> rx_iface_in=<ifc> tx_iface=<ifc> "
	"iface=<ifc> phy_mac=<int> infinite_rx=<0|1>");
