/* SPDX-License-Identifier: BSD-3-Clause
 * net_af_xdp: a port on a Linux interface through AF_XDP sockets (XSK),
 * built with libxdp/libbpf (DPDK's net_af_xdp arguments).
 *
 *   --vdev=net_af_xdp0,iface=IF[,start_queue=Q][,queue_count=N][,xdp_prog=FILE.o]
 *
 * Queue i is one XSK socket bound to the interface's queue start_queue+i,
 * with its own UMEM of AFX_FRAMES frames (AFX_FRAME bytes each) in this
 * process's memory: the first half of the frames feed the fill ring (the
 * kernel writes received packets there), the second half are TX frames on a
 * free stack. rx copies each received frame into an mbuf and gives the frame
 * straight back to the fill ring; tx takes the completions back onto the
 * free stack, copies each mbuf into a free frame, posts the descriptors and
 * kicks the socket (sendto). So every packet is copied once by us, and in
 * generic (SKB) mode once more by the kernel; zero-copy UMEM-in-mbufs is not
 * done (see docs/packet-io.md). The XDP program: libxdp's default redirect
 * program (xsk_def_xdp_prog.o) or xdp_prog= (an object with a map
 * "xsks_map"), loaded, attached in generic (SKB) mode and removed by us,
 * so it works on any interface (veth included) and nothing stays behind.
 *
 * Owns: dev_private (struct afx_priv, shared: arguments), queue objects
 * (shared, eth_queue_stats first), and per process (process_private): the
 * UMEMs, sockets, ring views, the XDP program. They exist only between
 * dev_start and dev_stop; stop releases all of them (the program is removed
 * from the interface with the last socket).
 *
 * Secondary processes attach (port id, name, info, stats, link as in the
 * primary) but cannot poll: the UMEMs live in the primary's private memory
 * and the ring views and TX frame stacks are the primary's, so an XSK fd
 * passed over (as DPDK 22.11 does) would give nothing to read from. Their
 * bursts return 0 and the first one on each port logs why (DPDK 22.11's
 * secondary bursts return 0 without a word).
 *
 * Ordering with the kernel: the xsk ring helpers of libxdp (xsk.h) carry the
 * pairs: consumer peek = acquire load of the producer index, release =
 * release store of the consumer index; producer submit = release store of
 * the producer index after the descriptors are written. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <xdp/libxdp.h>
#include <xdp/xsk.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <rte_ethdev.h>
#include <rte_kvargs.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include "ethdev_driver.h"
#include "kif.h"

#define AFX_MAX_QUEUES 16
#define AFX_FRAME 2048u
#define AFX_FRAMES 4096u                 /* per queue: half fill, half tx */
#define AFX_RING 2048u                   /* rx/tx/fill/completion ring sizes */

static const char *const valid_args[] = {
	"iface", "start_queue", "queue_count", "xdp_prog", NULL
};

struct afx_priv {
	char iface[IFNAMSIZ];
	unsigned int start_queue, queue_count;
	char prog[256];
	struct rte_ether_addr mac;
};

struct afx_sock {
	struct xsk_socket *xsk;
	struct xsk_umem *umem;
	void *area;
	struct xsk_ring_prod fq, tx;
	struct xsk_ring_cons cq, rx;
	uint64_t free_addr[AFX_FRAMES / 2];  /* tx frames not in flight */
	uint32_t nfree;
	struct xdp_statistics base;          /* at the last stats reset */
	struct xdp_statistics last;          /* at stop (the socket is gone after) */
};

struct afx_local {
	struct afx_sock s[AFX_MAX_QUEUES];
	struct xdp_program *prog;            /* attached by us: xdp_prog= or libxdp's default */
	int map_fd;                          /* its xsks_map */
};

struct afx_queue {
	struct eth_queue_stats stats;       /* first: the core sums it */
	struct rte_mempool *mp;
	struct rte_eth_dev_data *data;
	uint16_t port_id;
	uint16_t qid;
} __rte_cache_aligned;

static struct afx_priv *priv_of(struct rte_eth_dev *dev) { return dev->data->dev_private; }

static inline struct afx_sock *sock_of(const struct afx_queue *q)
{
	struct afx_local *l = rte_eth_devices[q->port_id].process_private;
	return l && l->s[q->qid].xsk ? &l->s[q->qid] : NULL;
}

/* ---- fast path ---------------------------------------------------------------------------------- */
static uint16_t afx_rx(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	struct afx_queue *q = qv;
	struct afx_sock *s = sock_of(q);
	uint32_t idx_rx = 0, idx_fq = 0, n, i;
	uint64_t bytes = 0;

	if (unlikely(s == NULL))
		return 0;
	n = xsk_ring_cons__peek(&s->rx, nb, &idx_rx);
	if (n == 0) {
		if (xsk_ring_prod__needs_wakeup(&s->fq))
			(void)recvfrom(xsk_socket__fd(s->xsk), NULL, 0, MSG_DONTWAIT, NULL, NULL);
		return 0;
	}
	if (rte_pktmbuf_alloc_bulk(q->mp, bufs, (unsigned int)n) != 0) {
		/* leave them in the ring: the kernel counts what it cannot put */
		xsk_ring_cons__cancel(&s->rx, n);
		eth_qstats_nombuf(&q->stats, n);
		return 0;
	}
	/* every rx frame goes straight back: the fill ring has room for all */
	(void)xsk_ring_prod__reserve(&s->fq, n, &idx_fq);
	for (i = 0; i < n; i++) {
		const struct xdp_desc *d = xsk_ring_cons__rx_desc(&s->rx, idx_rx + i);
		struct rte_mbuf *m = bufs[i];
		uint32_t len = RTE_MIN(d->len, (uint32_t)rte_pktmbuf_tailroom(m));
		memcpy(rte_pktmbuf_mtod(m, void *), xsk_umem__get_data(s->area, d->addr), len);
		m->data_len = (uint16_t)len;
		m->pkt_len = len;
		m->port = q->port_id;
		bytes += len;
		*xsk_ring_prod__fill_addr(&s->fq, idx_fq + i) = xsk_umem__extract_addr(d->addr);
	}
	xsk_ring_cons__release(&s->rx, n);
	xsk_ring_prod__submit(&s->fq, n);
	if (unlikely(ethdev_rss_wanted(q->data)))
		ethdev_rss_mark(q->data, bufs, (uint16_t)n);
	eth_qstats_add(&q->stats, n, bytes);
	return (uint16_t)n;
}

static void tx_complete(struct afx_sock *s)
{
	uint32_t idx = 0, n = xsk_ring_cons__peek(&s->cq, AFX_RING, &idx);

	for (uint32_t i = 0; i < n; i++)
		s->free_addr[s->nfree++] = *xsk_ring_cons__comp_addr(&s->cq, idx + i);
	if (n)
		xsk_ring_cons__release(&s->cq, n);
}

static uint16_t afx_tx(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	struct afx_queue *q = qv;
	struct afx_sock *s = sock_of(q);
	uint32_t idx = 0, k = 0, n;
	uint64_t bytes = 0, bad = 0;
	uint16_t i;

	if (unlikely(s == NULL))
		return 0;
	tx_complete(s);
	n = RTE_MIN((uint32_t)nb, s->nfree);
	if (n == 0 || xsk_ring_prod__reserve(&s->tx, n, &idx) != n) {
		(void)sendto(xsk_socket__fd(s->xsk), NULL, 0, MSG_DONTWAIT, NULL, 0);
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = bufs[i];
		if (m->pkt_len > AFX_FRAME) {
			bad++;
			continue;
		}
		uint64_t addr = s->free_addr[--s->nfree];
		uint8_t *dst = xsk_umem__get_data(s->area, addr);
		for (const struct rte_mbuf *seg = m; seg; seg = seg->next) {
			memcpy(dst, rte_pktmbuf_mtod(seg, const void *), seg->data_len);
			dst += seg->data_len;
		}
		struct xdp_desc *d = xsk_ring_prod__tx_desc(&s->tx, idx + k++);
		d->addr = addr;
		d->len = m->pkt_len;
		bytes += m->pkt_len;
	}
	if (k < n)
		s->tx.cached_prod -= n - k;   /* give back the descriptors of dropped packets */
	xsk_ring_prod__submit(&s->tx, k);
	(void)sendto(xsk_socket__fd(s->xsk), NULL, 0, MSG_DONTWAIT, NULL, 0);
	rte_pktmbuf_free_bulk(bufs, n);
	if (bad)
		eth_qstats_err(&q->stats, bad);
	eth_qstats_add(&q->stats, k, bytes);
	return (uint16_t)n;
}

/* ---- interface ------------------------------------------------------------------------------------ */
static void afx_link(struct rte_eth_dev *dev, int want_up)
{
	kif_link_set(dev, priv_of(dev)->iface, want_up);
}

/* ---- sockets ------------------------------------------------------------------------------------------- */
static void xstats_read(struct afx_sock *s, struct xdp_statistics *st)
{
	socklen_t len = sizeof(*st);

	if (s->xsk == NULL || getsockopt(xsk_socket__fd(s->xsk), SOL_XDP, XDP_STATISTICS, st,
					 &len) != 0)
		*st = s->last;
}

static void sock_close(struct afx_sock *s)
{
	if (s->xsk) {
		xstats_read(s, &s->last);
		xsk_socket__delete(s->xsk);
	}
	if (s->umem)
		xsk_umem__delete(s->umem);
	free(s->area);
	s->xsk = NULL;
	s->umem = NULL;
	s->area = NULL;
}

static int sock_open(struct rte_eth_dev *dev, struct afx_local *l, unsigned int i)
{
	struct afx_priv *p = priv_of(dev);
	struct afx_sock *s = &l->s[i];
	struct xsk_umem_config ucfg = {
		.fill_size = AFX_RING, .comp_size = AFX_RING,
		.frame_size = AFX_FRAME, .frame_headroom = 0,
	};
	struct xsk_socket_config xcfg = {
		.rx_size = AFX_RING, .tx_size = AFX_RING,
		.xdp_flags = XDP_FLAGS_SKB_MODE,
		.bind_flags = XDP_COPY | XDP_USE_NEED_WAKEUP,
		.libxdp_flags = XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD,
	};
	uint32_t idx = 0;
	int rc;
	const char *what;

	memset(s, 0, sizeof(*s));     /* ring views from a previous start must not leak in */
	if (posix_memalign(&s->area, (size_t)getpagesize(), (size_t)AFX_FRAMES * AFX_FRAME) != 0) {
		s->area = NULL;
		rc = -ENOMEM;
		what = "UMEM memory";
		goto fail;
	}
	rc = xsk_umem__create(&s->umem, s->area, (uint64_t)AFX_FRAMES * AFX_FRAME, &s->fq, &s->cq,
			      &ucfg);
	if (rc) {
		s->umem = NULL;
		what = "xsk_umem__create";
		goto fail;
	}
	/* The kernel frees a closed socket's hold on the queue from a work
	 * item, so right after a stop the queue can still be busy: retry a
	 * bounded number of times (at most ~1 s). */
	for (int tries = 0;; tries++) {
		rc = xsk_socket__create(&s->xsk, p->iface, p->start_queue + i, s->umem, &s->rx,
					&s->tx, &xcfg);
		if (rc != -EBUSY || tries == 100)
			break;
		usleep(10000);
	}
	if (rc) {
		s->xsk = NULL;
		what = "xsk_socket__create";
		goto fail;
	}
	rc = xsk_socket__update_xskmap(s->xsk, l->map_fd);
	if (rc) {
		what = "xsk_socket__update_xskmap";
		goto fail;
	}
	/* first half of the frames to the fill ring, second half free for tx */
	if (xsk_ring_prod__reserve(&s->fq, AFX_FRAMES / 2, &idx) != AFX_FRAMES / 2) {
		rc = -ENOSPC;
		what = "fill ring";
		goto fail;
	}
	for (uint32_t f = 0; f < AFX_FRAMES / 2; f++)
		*xsk_ring_prod__fill_addr(&s->fq, idx + f) = (uint64_t)f * AFX_FRAME;
	xsk_ring_prod__submit(&s->fq, AFX_FRAMES / 2);
	s->nfree = 0;
	for (uint32_t f = AFX_FRAMES / 2; f < AFX_FRAMES; f++)
		s->free_addr[s->nfree++] = (uint64_t)f * AFX_FRAME;
	memset(&s->base, 0, sizeof(s->base));
	memset(&s->last, 0, sizeof(s->last));
	return 0;
fail:
	RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: %s on %s queue %u failed: %s\n", dev->data->name,
		       what, p->iface, p->start_queue + i, strerror(rc < 0 ? -rc : rc));
	sock_close(s);
	return rc < 0 ? rc : -rc;
}

/* ---- control ------------------------------------------------------------------------------------------ */
static int afx_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	struct afx_priv *p = priv_of(dev);

	info->max_mac_addrs = 1;
	info->max_rx_pktlen = AFX_FRAME;
	info->max_rx_queues = (uint16_t)p->queue_count;
	info->max_tx_queues = (uint16_t)p->queue_count;
	info->max_mtu = AFX_FRAME - RTE_ETHER_HDR_LEN;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_RSS_HASH;
	info->reta_size = dev->data->rss.reta_size;
	info->hash_key_size = 40;
	info->flow_type_rss_offloads = RTE_ETH_RSS_IP | RTE_ETH_RSS_TCP | RTE_ETH_RSS_UDP;
	info->rx_desc_lim.nb_max = AFX_RING;
	info->tx_desc_lim.nb_max = AFX_RING;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	return 0;
}

static int afx_configure(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }

static int afx_stop(struct rte_eth_dev *dev)
{
	struct afx_local *l = dev->process_private;

	if (l != NULL) {
		int ifindex = (int)if_nametoindex(priv_of(dev)->iface);
		for (unsigned int i = 0; i < AFX_MAX_QUEUES; i++) {
			uint32_t key = priv_of(dev)->start_queue + i;
			if (l->s[i].xsk && l->prog)
				(void)bpf_map_delete_elem(l->map_fd, &key);
		}
		for (unsigned int i = 0; i < AFX_MAX_QUEUES; i++)
			sock_close(&l->s[i]);
		if (l->prog) {
			if (ifindex > 0)
				xdp_program__detach(l->prog, ifindex, XDP_MODE_SKB, 0);
			xdp_program__close(l->prog);
			l->prog = NULL;
		}
	}
	afx_link(dev, 0);
	return 0;
}

static int afx_start(struct rte_eth_dev *dev)
{
	struct afx_local *l = dev->process_private;
	struct afx_priv *p = priv_of(dev);
	unsigned int n = RTE_MAX(dev->data->nb_rx_queues, dev->data->nb_tx_queues);
	int ifindex, rc;

	if (l == NULL)
		return -ENOTSUP;
	ifindex = (int)if_nametoindex(p->iface);
	if (ifindex == 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: interface %s: %s\n", dev->data->name, p->iface,
			       strerror(errno));
		return -ENODEV;
	}
	/* our own program (we attach and remove it; libxdp's automatic load
	 * would leave it attached with its fds open after stop) */
	l->prog = p->prog[0] ? xdp_program__open_file(p->prog, NULL, NULL) :
		  xdp_program__find_file("xsk_def_xdp_prog.o", NULL, NULL);
	rc = (int)libxdp_get_error(l->prog);
	if (rc == 0)
		rc = xdp_program__attach(l->prog, ifindex, XDP_MODE_SKB, 0);
	if (rc == 0) {
		struct bpf_object *obj = xdp_program__bpf_obj(l->prog);
		struct bpf_map *map = obj ? bpf_object__find_map_by_name(obj, "xsks_map") : NULL;
		l->map_fd = map ? bpf_map__fd(map) : -1;
		if (l->map_fd < 0) {
			xdp_program__detach(l->prog, ifindex, XDP_MODE_SKB, 0);
			rc = -ENOENT;
		}
	}
	if (rc) {
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: XDP program %s (needs a map xsks_map): %s\n",
			       dev->data->name, p->prog[0] ? p->prog : "xsk_def_xdp_prog.o",
			       strerror(rc < 0 ? -rc : rc));
		if (libxdp_get_error(l->prog) == 0)
			xdp_program__close(l->prog);
		l->prog = NULL;
		return rc < 0 ? rc : -rc;
	}
	for (unsigned int i = 0; i < n; i++) {
		rc = sock_open(dev, l, i);
		if (rc < 0) {
			afx_stop(dev);
			return rc;
		}
	}
	afx_link(dev, 1);
	return 0;
}

static int afx_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(wait);
	afx_link(dev, dev->data->dev_started);
	return 0;
}

static int afx_noop(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }

static struct afx_queue *queue_new(struct rte_eth_dev *dev, uint16_t qid, unsigned int socket)
{
	struct afx_queue *q = rte_zmalloc_socket("afx_queue", sizeof(*q), RTE_CACHE_LINE_SIZE,
						 (int)socket == SOCKET_ID_ANY ? dev->data->numa_node :
						 (int)socket);
	if (q == NULL)
		return NULL;
	q->data = dev->data;
	q->port_id = dev->data->port_id;
	q->qid = qid;
	return q;
}

static int afx_rxq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			 unsigned int socket, const struct rte_eth_rxconf *conf,
			 struct rte_mempool *mp)
{
	RTE_SET_USED(nb_desc);
	RTE_SET_USED(conf);
	struct afx_queue *q = queue_new(dev, qid, socket);
	if (q == NULL)
		return -ENOMEM;
	q->mp = mp;
	dev->data->rx_queues[qid] = q;
	return 0;
}

static int afx_txq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			 unsigned int socket, const struct rte_eth_txconf *conf)
{
	RTE_SET_USED(nb_desc);
	RTE_SET_USED(conf);
	struct afx_queue *q = queue_new(dev, qid, socket);
	if (q == NULL)
		return -ENOMEM;
	dev->data->tx_queues[qid] = q;
	return 0;
}

static void afx_rxq_release(struct rte_eth_dev *dev, uint16_t qid) { rte_free(dev->data->rx_queues[qid]); }
static void afx_txq_release(struct rte_eth_dev *dev, uint16_t qid) { rte_free(dev->data->tx_queues[qid]); }

static void afx_rxq_info(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qi)
{
	struct afx_queue *q = dev->data->rx_queues[qid];
	qi->mp = q->mp;
	qi->nb_desc = AFX_RING;
}

static int afx_close(struct rte_eth_dev *dev)
{
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;       /* nothing of ours here; the port and link are the primary's */
	afx_stop(dev);
	free(dev->process_private);
	dev->process_private = NULL;
	return 0;
}

static int afx_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	struct afx_local *l = dev->process_private;

	for (unsigned int i = 0; l && i < dev->data->nb_rx_queues && i < AFX_MAX_QUEUES; i++) {
		struct xdp_statistics x;
		xstats_read(&l->s[i], &x);
		st->imissed += (x.rx_dropped - l->s[i].base.rx_dropped) +
			       (x.rx_ring_full - l->s[i].base.rx_ring_full);
	}
	return 0;
}

static int afx_stats_reset(struct rte_eth_dev *dev)
{
	struct afx_local *l = dev->process_private;

	for (unsigned int i = 0; l && i < AFX_MAX_QUEUES; i++)
		xstats_read(&l->s[i], &l->s[i].base);
	return 0;
}

static const char *const xnames[] = {
	"rx_dropped", "rx_invalid_descs", "rx_ring_full", "rx_fill_ring_empty_descs",
	"tx_invalid_descs", "tx_ring_empty_descs",
};

static int afx_xstats_names(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
			    unsigned int size)
{
	unsigned int nq = RTE_MIN(dev->data->nb_rx_queues, AFX_MAX_QUEUES);
	unsigned int n = nq * RTE_DIM(xnames);

	if (names == NULL || size < n)
		return (int)n;
	for (unsigned int i = 0; i < nq; i++)
		for (unsigned int j = 0; j < RTE_DIM(xnames); j++)
			snprintf(names[i * RTE_DIM(xnames) + j].name, sizeof(names[0].name),
				 "q%u_xsk_%s", i, xnames[j]);
	return (int)n;
}

static int afx_xstats(struct rte_eth_dev *dev, struct rte_eth_xstat *xs, unsigned int size)
{
	struct afx_local *l = dev->process_private;
	unsigned int nq = RTE_MIN(dev->data->nb_rx_queues, AFX_MAX_QUEUES);
	unsigned int n = nq * RTE_DIM(xnames);

	if (xs == NULL || size < n)
		return (int)n;
	for (unsigned int i = 0; i < nq; i++) {
		struct xdp_statistics x = { 0 }, b = { 0 };
		if (l) {
			xstats_read(&l->s[i], &x);
			b = l->s[i].base;
		}
		uint64_t v[] = { x.rx_dropped - b.rx_dropped, x.rx_invalid_descs - b.rx_invalid_descs,
				 x.rx_ring_full - b.rx_ring_full,
				 x.rx_fill_ring_empty_descs - b.rx_fill_ring_empty_descs,
				 x.tx_invalid_descs - b.tx_invalid_descs,
				 x.tx_ring_empty_descs - b.tx_ring_empty_descs };
		for (unsigned int j = 0; j < RTE_DIM(xnames); j++) {
			xs[i * RTE_DIM(xnames) + j].id = i * RTE_DIM(xnames) + j;
			xs[i * RTE_DIM(xnames) + j].value = v[j];
		}
	}
	return (int)n;
}

static const struct eth_dev_ops afx_ops = {
	.dev_infos_get = afx_infos_get,
	.dev_configure = afx_configure,
	.dev_start = afx_start,
	.dev_stop = afx_stop,
	.dev_close = afx_close,
	.link_update = afx_link_update,
	.promiscuous_enable = afx_noop,
	.promiscuous_disable = afx_noop,
	.allmulticast_enable = afx_noop,
	.allmulticast_disable = afx_noop,
	.rx_queue_setup = afx_rxq_setup,
	.tx_queue_setup = afx_txq_setup,
	.rx_queue_release = afx_rxq_release,
	.tx_queue_release = afx_txq_release,
	.rxq_info_get = afx_rxq_info,
	.stats_get = afx_stats_get,
	.stats_reset = afx_stats_reset,
	.xstats_get_names = afx_xstats_names,
	.xstats_get = afx_xstats,
};

/* ---- probe / remove ---------------------------------------------------------------------------------- */
static int parse_args(const char *name, const char *args, struct afx_priv *p)
{
	struct rte_kvargs *kv;
	int ret = 0;

	p->queue_count = 1;
	kv = rte_kvargs_parse(args ? args : "", valid_args);
	if (kv == NULL) {
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: cannot parse arguments '%s' (valid: iface, "
			       "start_queue, queue_count, xdp_prog)\n", name, args);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < kv->count && ret == 0; i++) {
		const char *k = kv->pairs[i].key, *v = kv->pairs[i].value;
		if (strcmp(k, "iface") == 0 || strcmp(k, "xdp_prog") == 0) {
			int is_if = k[0] == 'i';
			size_t cap = is_if ? sizeof(p->iface) : sizeof(p->prog);
			if (v[0] == '\0' || strlen(v) >= cap) {
				RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: bad argument %s=%s\n", name, k, v);
				ret = -EINVAL;
			} else {
				snprintf(is_if ? p->iface : p->prog, cap, "%s", v);
			}
		} else if (strcmp(k, "start_queue") == 0) {
			ret = kif_parse_uint("net_af_xdp", name, k, v, 0, 4095, &p->start_queue);
		} else {
			ret = kif_parse_uint("net_af_xdp", name, k, v, 1, AFX_MAX_QUEUES, &p->queue_count);
		}
	}
	rte_kvargs_free(kv);
	if (ret == 0 && p->iface[0] == '\0') {
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: iface= is required\n", name);
		ret = -EINVAL;
	}
	if (ret == 0 && p->prog[0] && access(p->prog, R_OK) != 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: xdp_prog=%s: %s\n", name, p->prog, strerror(errno));
		ret = -EINVAL;
	}
	return ret;
}

static void set_ops(struct rte_eth_dev *dev, struct rte_vdev_device *vdev)
{
	dev->dev_ops = &afx_ops;
	dev->rx_pkt_burst = afx_rx;
	dev->tx_pkt_burst = afx_tx;
	dev->device = &vdev->device;
}

/* ---- secondary processes ---------------------------------------------------------------------------- */
static void afx_secondary_refused(const struct afx_queue *q, const char *dir)
{
	static uint32_t logged[RTE_MAX_ETHPORTS];   /* process-local: once per port */

	if (__atomic_fetch_add(&logged[q->port_id], 1, __ATOMIC_RELAXED) == 0)
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: %s burst in a secondary process: the AF_XDP "
			       "sockets and their UMEM belong to the primary and cannot be used "
			       "here; poll this port from the primary (bursts here return 0)\n",
			       q->data->name, dir);
}

static uint16_t afx_rx_secondary(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	RTE_SET_USED(bufs);
	RTE_SET_USED(nb);
	afx_secondary_refused(qv, "rx");
	return 0;
}

static uint16_t afx_tx_secondary(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	RTE_SET_USED(bufs);
	RTE_SET_USED(nb);
	afx_secondary_refused(qv, "tx");
	return 0;
}

static int afx_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev), *args = rte_vdev_device_args(vdev);
	struct afx_priv tmp, *p;
	struct afx_local *l;
	struct rte_eth_dev *dev;
	struct ifreq ifr;
	int rc;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		dev = ethdev_attach_secondary(name);
		if (dev == NULL)
			return -ENODEV;
		set_ops(dev, vdev);
		dev->rx_pkt_burst = afx_rx_secondary;
		dev->tx_pkt_burst = afx_tx_secondary;
		ethdev_probing_finish(dev);
		return 0;
	}
	memset(&tmp, 0, sizeof(tmp));
	rc = parse_args(name, args, &tmp);
	if (rc < 0)
		return rc;
	if (if_nametoindex(tmp.iface) == 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: no interface %s: %s\n", name, tmp.iface,
			       strerror(errno));
		return -ENODEV;
	}
	rc = kif_ioctl(tmp.iface, SIOCGIFHWADDR, &ifr);
	if (rc < 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: cannot read the MAC of %s: %s\n", name,
			       tmp.iface, strerror(-rc));
		return rc;
	}
	memcpy(tmp.mac.addr_bytes, ifr.ifr_hwaddr.sa_data, RTE_ETHER_ADDR_LEN);
	l = calloc(1, sizeof(*l));
	if (l == NULL)
		return -ENOMEM;
	dev = ethdev_allocate(name);
	if (dev == NULL) {
		free(l);
		return -rte_errno;
	}
	p = rte_zmalloc_socket("afx_priv", sizeof(*p), 0, rte_socket_id());
	if (p == NULL) {
		free(l);
		ethdev_release_port(dev);
		return -ENOMEM;
	}
	*p = tmp;
	dev->data->dev_private = p;
	kif_port_setup(dev, p->iface, &p->mac);
	dev->process_private = l;
	set_ops(dev, vdev);
	afx_link(dev, 0);
	ethdev_probing_finish(dev);
	return 0;
}

static int afx_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = ethdev_allocated(rte_vdev_device_name(vdev));

	if (dev == NULL)
		return 0;
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		rte_eth_dev_stop(dev->data->port_id);
	return rte_eth_dev_close(dev->data->port_id);
}

static struct rte_vdev_driver pmd_af_xdp_drv = {
	.probe = afx_probe,
	.remove = afx_remove,
};

RTE_PMD_REGISTER_VDEV(net_af_xdp, pmd_af_xdp_drv);
RTE_PMD_REGISTER_ALIAS(net_af_xdp, eth_af_xdp);
RTE_PMD_REGISTER_PARAM_STRING(net_af_xdp, "iface=<string> start_queue=<int> queue_count=<int> "
			      "xdp_prog=<string>");
