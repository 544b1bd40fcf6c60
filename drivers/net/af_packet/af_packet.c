/* SPDX-License-Identifier: BSD-3-Clause
 * net_af_packet: a port on a Linux interface through AF_PACKET sockets with
 * memory-mapped TPACKET_V3 rings (DPDK's net_af_packet arguments).
 *
 *   --vdev=net_af_packet0,iface=IF[,qpairs=N][,blocksz=B][,framesz=F]
 *                          [,framecnt=C][,qdisc_bypass=0|1]
 *
 * Each queue pair is one packet socket bound to the interface with an RX
 * ring and a TX ring of framecnt * framesz bytes each (blocks of blocksz)
 * in one mapping. With more than one RX queue the sockets join one
 * PACKET_FANOUT group in hash mode, so the kernel spreads flows over them.
 * RX is TPACKET_V3: the kernel packs packets back to back into a block
 * (each tpacket3_hdr says where the next one starts) and hands the whole
 * block over (TP_STATUS_USER on the block descriptor) when it is full or
 * AFP_BLOCK_TOV ms after its first packet. So the ring holds as many small
 * packets as fit its bytes (64-byte frames: ~28 per 4 KiB block, ~16x what
 * V2's one-frame-per-packet ring of the same memory holds), which is what
 * decides the drops when the polling thread is descheduled. rx walks the
 * block, copies each packet into an mbuf and gives the block back when it
 * has taken its last packet. TX keeps frames (V3 on the tx ring is V2's
 * frame ring with tpacket3_hdr): tx copies each mbuf into a free frame,
 * marks it TP_STATUS_SEND_REQUEST and kicks the socket with one sendto per
 * burst (MSG_DONTWAIT, only when it queued something).
 * AFP_VNET: the socket has PACKET_VNET_HDR on, and each tx frame carries a
 * virtio_net_hdr (no offload, hdr_len = the packet's length) in front of
 * the packet. That is what makes the kernel copy the whole packet into the
 * skb's head; without it the kernel copies only the Ethernet header and
 * attaches the rest as a page fragment of the ring, marked zero copy, and
 * every path that must not hold on to ring pages (a veth peer's receive,
 * a local tap, a software-segmenting path) first copies that fragment into
 * a freshly allocated page (skb_copy_ubufs): a page allocation and free per
 * packet, ~12-15 % of the transmitting CPU on a veth (perf). On rx the
 * kernel then writes a virtio_net_hdr before each packet in the block too
 * (tp_mac still points at the packet; rx does not read the header).
 *
 * Owns: dev_private (struct afp_priv, shared: the arguments, the interface
 * name), queue objects (shared, eth_queue_stats first) and the per-process
 * sockets and mappings (dev->process_private, struct afp_local). Sockets and
 * rings exist only between dev_start and dev_stop: stop (and close) closes
 * every socket and unmaps every ring.
 *
 * Secondary processes (section "secondary processes" below): the sockets
 * belong to the primary. A secondary polling queue i asks the primary for
 * socket i over the rte_mp channel (the fd comes with SCM_RIGHTS), maps the
 * same kernel rings from it and works on them as the primary would. Where
 * a queue is in its ring is therefore shared state: it lives in the queue
 * object (afp_queue.frame_idx, blk_off, blk_left; shared memory), written
 * only by the one process polling that queue, after every packet (not once
 * per burst), so a worker that takes a queue over from a dead one goes on
 * where it stopped, off by at most the one tx frame or rx packet (rx: at
 * worst the one block) the dead one was handling (see sec_refresh and
 * afp_rx_resync).
 * afp_priv.sock_gen (shared) changes at every start and stop of the port; a
 * secondary whose sockets are from an older generation drops them and asks
 * again at its next burst. The fanout group id includes the generation, so
 * a stale socket a secondary still holds is in a group of its own (it gets
 * copies, it takes nothing from the new sockets).
 *
 * Calls: libc and the kernel's packet socket API; ethdev_driver.h, kif.h,
 * rte_kvargs, rte_mp_* (secondary attach), rte_malloc (queues), the mbuf
 * and mempool inlines, rte_log.
 *
 * Ordering pairs with the kernel (the status word is the handshake):
 *   K1 rx: acquire load of the block's block_status == TP_STATUS_USER pairs
 *      with the kernel's write barrier before it sets it: every packet of
 *      the block and their headers are visible once the status is.
 *   K2 rx: release store of TP_STATUS_KERNEL in the block status after the
 *      copies: the kernel may refill the block only after we have read it.
 *   K3 tx: release store of TP_STATUS_SEND_REQUEST after filling the frame,
 *      paired with the kernel's read barrier before it reads the frame.
 *   K4 tx: acquire load of a free status (not SEND_REQUEST/SENDING) before
 *      writing the frame again.
 * Interface gone while running: the kernel stops filling the RX ring and
 * refuses sendto; bursts return 0, link_update reports down. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/virtio_net.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_kvargs.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_spinlock.h>
#include "ethdev_driver.h"
#include "kif.h"

#define AFP_MAX_QUEUES 16
#define AFP_DFLT_FRAMESZ 2048
#define AFP_DFLT_FRAMECNT 512
#define AFP_BLOCK_TOV 1          /* ms: a block with packets goes to user space at the latest */
/* where tx data starts in a frame (no PACKET_TX_HAS_OFF) */
#define AFP_TX_OFF (TPACKET_ALIGN(sizeof(struct tpacket3_hdr)))
/* the virtio_net_hdr in front of each tx packet (AFP_VNET below) */
#define AFP_VNET_LEN ((unsigned int)sizeof(struct virtio_net_hdr))

static const char *const valid_args[] = {
	"iface", "qpairs", "blocksz", "framesz", "framecnt", "qdisc_bypass", NULL
};

struct afp_priv {
	char iface[IFNAMSIZ];
	unsigned int qpairs, blocksz, framesz, framecnt, qdisc_bypass;
	struct rte_ether_addr mac;
	uint32_t sock_gen;          /* primary: +1 at start and stop (release); secondaries: acquire */
};

/* One socket (queue pair) in this process. */
struct afp_sock {
	int fd;                     /* -1: not open */
	uint8_t *map;               /* rx ring then tx ring */
	size_t map_len;
	uint8_t *rx, *tx;
	uint32_t gen;               /* secondary: the sock_gen this fd is from */
	uint32_t vnet;              /* primary: PACKET_VNET_HDR on (its size) or 0 */
	uint64_t drops;             /* PACKET_STATISTICS drops summed (the kernel resets on read) */
};

struct afp_local {
	struct afp_sock s[AFP_MAX_QUEUES];
	uint64_t drop_base[AFP_MAX_QUEUES];
	int promisc_on;             /* membership added on socket 0 */
};

struct afp_queue {
	struct eth_queue_stats stats;       /* first: the core sums it */
	struct rte_mempool *mp;             /* rx only */
	struct rte_eth_dev_data *data;
	uint16_t port_id;
	uint16_t qid;
	/* Where this queue's poller is in its ring, shared (a secondary may
	 * take the queue over); written by the poller only, after every packet.
	 * tx: the next frame. rx: the current block, the byte offset of its
	 * next packet (0: the block is not opened yet) and its packets not
	 * taken yet. */
	uint32_t frame_idx;
	uint32_t blk_off, blk_left;
	uint32_t nblk;              /* rx: blocks in the ring (set at start) */
	uint32_t vnet;              /* tx: virtio_net_hdr bytes before each frame's packet
				     * (0 or 10; the primary sets it at start with the socket) */
} __rte_cache_aligned;

static struct afp_priv *priv_of(struct rte_eth_dev *dev) { return dev->data->dev_private; }

static inline struct afp_sock *sock_of(const struct afp_queue *q)
{
	struct afp_local *l = rte_eth_devices[q->port_id].process_private;
	return l ? &l->s[q->qid] : NULL;
}

/* ---- fast path ---------------------------------------------------------------------------------- */
static inline uint16_t afp_rx_sock(struct afp_queue *q, struct afp_sock *s,
				   struct rte_mbuf **bufs, uint16_t nb)
{
	const struct afp_priv *p;
	uint16_t n = 0;
	uint64_t bytes = 0, bad = 0;

	if (unlikely(s == NULL || s->fd < 0))
		return 0;
	p = q->data->dev_private;
	while (n < nb) {
		struct tpacket_block_desc *bd = (void *)(s->rx + (size_t)q->frame_idx * p->blocksz);
		if (q->blk_off == 0) {
			if (!(__atomic_load_n(&bd->hdr.bh1.block_status, __ATOMIC_ACQUIRE) &   /* K1 */
			      TP_STATUS_USER))
				break;
			q->blk_left = bd->hdr.bh1.num_pkts;
			q->blk_off = bd->hdr.bh1.offset_to_first_pkt;   /* > 0: after the descriptor */
		}
		if (q->blk_left != 0) {
			struct tpacket3_hdr *h = (void *)((uint8_t *)bd + q->blk_off);
			struct rte_mbuf *m = NULL;
			if (h->tp_snaplen == h->tp_len) {
				m = rte_pktmbuf_alloc(q->mp);
				if (m == NULL) {
					eth_qstats_nombuf(&q->stats, 1);
					break;          /* pool empty: leave the rest in the ring */
				}
			}
			if (m == NULL || h->tp_snaplen > rte_pktmbuf_tailroom(m)) {
				bad++;          /* truncated: larger than a frame or an mbuf */
				rte_pktmbuf_free(m);
			} else {
				memcpy(rte_pktmbuf_mtod(m, void *), (uint8_t *)h + h->tp_mac,
				       h->tp_snaplen);
				m->data_len = (uint16_t)h->tp_snaplen;
				m->pkt_len = h->tp_snaplen;
				m->port = q->port_id;
				if (h->tp_status & TP_STATUS_VLAN_VALID) {
					m->vlan_tci = h->hv1.tp_vlan_tci;
					m->ol_flags |= RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
				}
				bytes += h->tp_snaplen;
				bufs[n++] = m;
			}
			/* offset first, then the count: a poller killed in between
			 * makes its successor deliver the last packet twice, not lose one */
			q->blk_off += h->tp_next_offset;    /* 0 after the last packet */
			q->blk_left--;
			if (q->blk_left != 0)
				continue;
		}
		/* the block's last packet taken (or an empty block): forget it,
		 * give it back, move on (in this order: see afp_rx_resync) */
		q->blk_off = 0;
		__atomic_store_n(&bd->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE); /* K2 */
		q->frame_idx = q->frame_idx + 1 == q->nblk ? 0 : q->frame_idx + 1;
	}
	if (bad)
		eth_qstats_err(&q->stats, bad);
	if (n == 0)
		return 0;
	if (unlikely(ethdev_rss_wanted(q->data)))
		ethdev_rss_mark(q->data, bufs, n);
	eth_qstats_add(&q->stats, n, bytes);
	return n;
}

static uint16_t afp_rx(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	struct afp_queue *q = qv;

	return afp_rx_sock(q, sock_of(q), bufs, nb);
}

static inline uint16_t afp_tx_sock(struct afp_queue *q, struct afp_sock *s,
				   struct rte_mbuf **bufs, uint16_t nb)
{
	const struct afp_priv *p;
	uint16_t i, sent = 0;
	uint32_t first, vl, kick = 0;
	uint64_t bytes = 0, bad = 0;

	if (unlikely(s == NULL || s->fd < 0))
		return 0;
	p = q->data->dev_private;
	vl = q->vnet;
	first = q->frame_idx;
	for (i = 0; i < nb; i++) {
		struct rte_mbuf *m = bufs[i];
		struct tpacket3_hdr *h = (void *)(s->tx + (size_t)q->frame_idx * p->framesz);
		uint32_t st = __atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE);             /* K4 */
		if (st & (TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING)) {
			/* ring full. If this burst queued nothing, the frames
			 * were left by an earlier kick the kernel cut short
			 * (EAGAIN: socket send buffer full): kick again below,
			 * or nothing would ever send them */
			kick = st & TP_STATUS_SEND_REQUEST;
			break;
		}
		if (m->pkt_len > p->framesz - AFP_TX_OFF - vl) {
			bad++;          /* does not fit a frame: dropped and counted */
			continue;
		}
		uint8_t *dst = (uint8_t *)h + AFP_TX_OFF;
		if (vl != 0) {
			/* no offload asked; hdr_len = the whole packet: the
			 * kernel copies it all into the skb's head (AFP_VNET) */
			struct virtio_net_hdr *vh = (void *)dst;
			memset(vh, 0, sizeof(*vh));
			vh->hdr_len = rte_cpu_to_le_16((uint16_t)m->pkt_len);
			dst += sizeof(*vh);
		}
		for (const struct rte_mbuf *seg = m; seg; seg = seg->next) {
			memcpy(dst, rte_pktmbuf_mtod(seg, const void *), seg->data_len);
			dst += seg->data_len;
		}
		h->tp_len = m->pkt_len + vl;
		h->tp_snaplen = m->pkt_len + vl;
		h->tp_next_offset = 0;
		__atomic_store_n(&h->tp_status, TP_STATUS_SEND_REQUEST, __ATOMIC_RELEASE);  /* K3 */
		q->frame_idx = q->frame_idx + 1 == p->framecnt ? 0 : q->frame_idx + 1;
		bytes += m->pkt_len;
		sent++;
	}
	if ((sent || kick) && sendto(s->fd, NULL, 0, MSG_DONTWAIT, NULL, 0) < 0 &&
	    (errno == ENXIO || errno == ENODEV || errno == ENETDOWN)) {
		/* The interface is down or gone: the kernel refused before it
		 * touched any frame, so take the frames back and accept nothing;
		 * the caller still owns every mbuf. */
		for (uint32_t k = first; k != q->frame_idx; k = k + 1 == p->framecnt ? 0 : k + 1) {
			struct tpacket3_hdr *h = (void *)(s->tx + (size_t)k * p->framesz);
			__atomic_store_n(&h->tp_status, TP_STATUS_AVAILABLE, __ATOMIC_RELAXED);
		}
		q->frame_idx = first;
		return 0;
	}
	rte_pktmbuf_free_bulk(bufs, i);
	if (bad)
		eth_qstats_err(&q->stats, bad);
	eth_qstats_add(&q->stats, sent, bytes);
	return i;
}

static uint16_t afp_tx(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	struct afp_queue *q = qv;

	return afp_tx_sock(q, sock_of(q), bufs, nb);
}

/* ---- interface queries ---------------------------------------------------------------------------- */
static void afp_link(struct rte_eth_dev *dev, int want_up)
{
	kif_link_set(dev, priv_of(dev)->iface, want_up);
}

/* ---- sockets ------------------------------------------------------------------------------------------- */
static uint64_t sock_drops(struct afp_sock *s)
{
	struct tpacket_stats_v3 ts;
	socklen_t len = sizeof(ts);

	if (s->fd >= 0 && getsockopt(s->fd, SOL_PACKET, PACKET_STATISTICS, &ts, &len) == 0)
		s->drops += ts.tp_drops;
	return s->drops;
}

static void sock_close(struct afp_sock *s)
{
	if (s->fd >= 0)
		sock_drops(s);
	if (s->map != NULL && s->map != MAP_FAILED)
		munmap(s->map, s->map_len);
	if (s->fd >= 0)
		close(s->fd);
	s->map = NULL;
	s->fd = -1;
	s->rx = s->tx = NULL;
}

/* Open queue pair i: socket, rings, mapping, bind, fanout. rx: the socket
 * receives (joins the fanout group when nrx > 1); otherwise it only sends
 * and a drop-everything filter keeps the kernel from queueing to it. */
static int sock_open(struct rte_eth_dev *dev, struct afp_sock *s, int rx, unsigned int nrx,
		     int ifindex)
{
	struct afp_priv *p = priv_of(dev);
	struct tpacket_req3 req = {
		.tp_block_size = p->blocksz,
		.tp_block_nr = p->framecnt / (p->blocksz / p->framesz),
		.tp_frame_size = p->framesz,
		.tp_frame_nr = p->framecnt,
		.tp_retire_blk_tov = AFP_BLOCK_TOV,
	}, treq = req;
	int v = TPACKET_V3, one = 1;
	const char *what;

	s->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (s->fd < 0) {
		what = "socket(AF_PACKET)";
		goto fail;
	}
	if (!rx) {
		struct sock_filter drop = BPF_STMT(BPF_RET | BPF_K, 0);
		struct sock_fprog prog = { .len = 1, .filter = &drop };
		if (setsockopt(s->fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) < 0) {
			what = "SO_ATTACH_FILTER";
			goto fail;
		}
	}
	if (setsockopt(s->fd, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)) < 0) {
		what = "PACKET_VERSION";
		goto fail;
	}
#ifdef PACKET_IGNORE_OUTGOING
	/* our rx ring sees what arrives, not what this host sends */
	(void)setsockopt(s->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
#endif
	if (p->qdisc_bypass &&
	    setsockopt(s->fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)) < 0) {
		what = "PACKET_QDISC_BYPASS";
		goto fail;
	}
	/* AFP_VNET: before the rings (the kernel refuses it after); a kernel
	 * without it gets frames without the header, as before */
	s->vnet = setsockopt(s->fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one)) == 0 ?
		  (uint32_t)sizeof(struct virtio_net_hdr) : 0;
	if (setsockopt(s->fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)) < 0) {
		what = "PACKET_RX_RING";
		goto fail;
	}
	treq.tp_retire_blk_tov = 0;         /* the tx ring is frames: no block timer */
	if (setsockopt(s->fd, SOL_PACKET, PACKET_TX_RING, &treq, sizeof(treq)) < 0) {
		what = "PACKET_TX_RING";
		goto fail;
	}
	s->map_len = 2 * (size_t)req.tp_block_size * req.tp_block_nr;
	s->map = mmap(NULL, s->map_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		      s->fd, 0);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		what = "mmap";
		goto fail;
	}
	s->rx = s->map;
	s->tx = s->map + s->map_len / 2;
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = ifindex,
	};
	if (bind(s->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		what = "bind";
		goto fail;
	}
	if (rx && nrx > 1) {
		/* low 16 bits: group id (per process and interface); high: mode, flags */
		uint32_t fanu = (((uint32_t)getpid() ^ (uint32_t)ifindex ^ (p->sock_gen << 9)) & 0xffffu) |
				((uint32_t)(PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG) << 16);
		int fan = (int)fanu;
		if (setsockopt(s->fd, SOL_PACKET, PACKET_FANOUT, &fan, sizeof(fan)) < 0) {
			what = "PACKET_FANOUT";
			goto fail;
		}
	}
	s->drops = 0;
	return 0;
fail:;
	int err = errno;
	RTE_ETHDEV_LOG(ERR, "net_af_packet %s: %s on %s failed: %s\n", dev->data->name, what,
		       p->iface, strerror(err));
	sock_close(s);
	return -err;
}

static int promisc_apply(struct rte_eth_dev *dev, int on)
{
	struct afp_local *l = dev->process_private;
	struct packet_mreq mr = { .mr_type = PACKET_MR_PROMISC };

	if (l == NULL || l->s[0].fd < 0 || l->promisc_on == on)
		return 0;
	mr.mr_ifindex = (int)if_nametoindex(priv_of(dev)->iface);
	if (setsockopt(l->s[0].fd, SOL_PACKET, on ? PACKET_ADD_MEMBERSHIP : PACKET_DROP_MEMBERSHIP,
		       &mr, sizeof(mr)) < 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_packet %s: promiscuous %s on %s: %s\n", dev->data->name,
			       on ? "on" : "off", priv_of(dev)->iface, strerror(errno));
		return -errno;
	}
	l->promisc_on = on;
	return 0;
}

/* ---- control ------------------------------------------------------------------------------------------ */
static int afp_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	struct afp_priv *p = priv_of(dev);

	info->max_mac_addrs = 1;
	info->max_rx_pktlen = p->framesz - AFP_TX_OFF;
	info->max_rx_queues = (uint16_t)p->qpairs;
	info->max_tx_queues = (uint16_t)p->qpairs;
	info->min_rx_bufsize = 0;
	info->max_mtu = (uint16_t)(p->framesz - AFP_TX_OFF - AFP_VNET_LEN - RTE_ETHER_HDR_LEN);
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_RSS_HASH | RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
	info->reta_size = dev->data->rss.reta_size;
	info->hash_key_size = 40;
	info->flow_type_rss_offloads = RTE_ETH_RSS_IP | RTE_ETH_RSS_TCP | RTE_ETH_RSS_UDP;
	info->rx_desc_lim.nb_max = (uint16_t)RTE_MIN(p->framecnt, 65535u);
	info->tx_desc_lim.nb_max = (uint16_t)RTE_MIN(p->framecnt, 65535u);
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	return 0;
}

static int afp_configure(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }

/* This process's sockets against the rte_mp thread handing them to
 * secondaries (process-local: each process has its own). */
static rte_spinlock_t afp_sock_lock = RTE_SPINLOCK_INITIALIZER;

/* Primary: a new socket generation (secondaries drop what they hold). */
static void sock_gen_bump(struct rte_eth_dev *dev)
{
	struct afp_priv *p = priv_of(dev);

	__atomic_store_n(&p->sock_gen, p->sock_gen + 1, __ATOMIC_RELEASE);
}

static void socks_close(struct rte_eth_dev *dev)
{
	struct afp_local *l = dev->process_private;

	if (l == NULL)
		return;
	rte_spinlock_lock(&afp_sock_lock);
	sock_gen_bump(dev);
	for (unsigned int i = 0; i < AFP_MAX_QUEUES; i++)
		sock_close(&l->s[i]);
	l->promisc_on = 0;
	rte_spinlock_unlock(&afp_sock_lock);
}

static int afp_stop(struct rte_eth_dev *dev)
{
	socks_close(dev);
	afp_link(dev, 0);
	return 0;
}

static int afp_start(struct rte_eth_dev *dev)
{
	struct afp_local *l = dev->process_private;
	struct afp_priv *p = priv_of(dev);
	unsigned int nrx = dev->data->nb_rx_queues, ntx = dev->data->nb_tx_queues;
	unsigned int n = RTE_MAX(nrx, ntx);
	int ifindex, rc;

	if (l == NULL)
		return -ENOTSUP;
	ifindex = (int)if_nametoindex(p->iface);
	if (ifindex == 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_packet %s: interface %s: %s\n", dev->data->name,
			       p->iface, strerror(errno));
		return -ENODEV;
	}
	/* new sockets start at frame (block) 0 of their rings */
	for (unsigned int i = 0; i < nrx; i++) {
		struct afp_queue *q = dev->data->rx_queues[i];
		if (q != NULL) {
			q->frame_idx = q->blk_off = q->blk_left = 0;
			q->nblk = p->framecnt / (p->blocksz / p->framesz);
		}
	}
	for (unsigned int i = 0; i < ntx; i++)
		if (dev->data->tx_queues[i] != NULL)
			((struct afp_queue *)dev->data->tx_queues[i])->frame_idx = 0;
	rte_spinlock_lock(&afp_sock_lock);
	sock_gen_bump(dev);
	for (unsigned int i = 0; i < n; i++) {
		rc = sock_open(dev, &l->s[i], i < nrx, nrx, ifindex);
		if (rc < 0) {
			rte_spinlock_unlock(&afp_sock_lock);
			afp_stop(dev);
			return rc;
		}
		if (i < ntx && dev->data->tx_queues[i] != NULL)
			((struct afp_queue *)dev->data->tx_queues[i])->vnet = l->s[i].vnet;
	}
	rte_spinlock_unlock(&afp_sock_lock);
	if (dev->data->promiscuous && (rc = promisc_apply(dev, 1)) < 0) {
		afp_stop(dev);
		return rc;
	}
	afp_link(dev, 1);
	return 0;
}

static int afp_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(wait);
	afp_link(dev, dev->data->dev_started);
	return 0;
}

static int afp_promisc_on(struct rte_eth_dev *dev) { return promisc_apply(dev, 1); }
static int afp_promisc_off(struct rte_eth_dev *dev) { return promisc_apply(dev, 0); }
static int afp_allmulti(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }

static struct afp_queue *queue_new(struct rte_eth_dev *dev, uint16_t qid, unsigned int socket)
{
	struct afp_queue *q = ethdev_queue_zalloc(dev, "afp_queue", sizeof(*q), socket);
	if (q == NULL)
		return NULL;
	q->data = dev->data;
	q->port_id = dev->data->port_id;
	q->qid = qid;
	return q;
}

static int afp_rxq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			 unsigned int socket, const struct rte_eth_rxconf *conf,
			 struct rte_mempool *mp)
{
	struct afp_queue *q;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(conf);
	q = queue_new(dev, qid, socket);
	if (q == NULL)
		return -ENOMEM;
	q->mp = mp;
	dev->data->rx_queues[qid] = q;
	return 0;
}

static int afp_txq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			 unsigned int socket, const struct rte_eth_txconf *conf)
{
	struct afp_queue *q;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(conf);
	q = queue_new(dev, qid, socket);
	if (q == NULL)
		return -ENOMEM;
	dev->data->tx_queues[qid] = q;
	return 0;
}

static void afp_rxq_info(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qi)
{
	struct afp_queue *q = dev->data->rx_queues[qid];
	qi->mp = q->mp;
	qi->nb_desc = (uint16_t)RTE_MIN(priv_of(dev)->framecnt, 65535u);
}

static int afp_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	struct ifreq ifr;
	int rc;

	if (mtu > priv_of(dev)->framesz - AFP_TX_OFF - AFP_VNET_LEN - RTE_ETHER_HDR_LEN)
		return -EINVAL;
	ifr.ifr_mtu = mtu;
	rc = kif_ioctl(priv_of(dev)->iface, SIOCSIFMTU, &ifr);
	return rc;
}

static void sec_free(struct rte_eth_dev *dev);

static int afp_close(struct rte_eth_dev *dev)
{
	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		sec_free(dev);          /* our copies of the primary's sockets only */
		return 0;
	}
	afp_stop(dev);
	free(dev->process_private);
	dev->process_private = NULL;
	return 0;
}

/* Kernel drops (RX ring full) per queue since the last reset. */
static uint64_t queue_drops(struct afp_local *l, unsigned int i)
{
	return l ? sock_drops(&l->s[i]) - l->drop_base[i] : 0;
}

static int afp_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	for (unsigned int i = 0; i < dev->data->nb_rx_queues && i < AFP_MAX_QUEUES; i++)
		st->imissed += queue_drops(dev->process_private, i);
	return 0;
}

static int afp_stats_reset(struct rte_eth_dev *dev)
{
	struct afp_local *l = dev->process_private;

	for (unsigned int i = 0; l && i < AFP_MAX_QUEUES; i++)
		l->drop_base[i] = sock_drops(&l->s[i]);
	return 0;
}

static int afp_xstats_names(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
			    unsigned int size)
{
	unsigned int n = RTE_MIN(dev->data->nb_rx_queues, AFP_MAX_QUEUES);

	if (names == NULL || size < n)
		return (int)n;
	for (unsigned int i = 0; i < n; i++)
		snprintf(names[i].name, sizeof(names[i].name), "rx_q%u_kernel_drops", i);
	return (int)n;
}

static int afp_xstats(struct rte_eth_dev *dev, struct rte_eth_xstat *xs, unsigned int size)
{
	unsigned int n = RTE_MIN(dev->data->nb_rx_queues, AFP_MAX_QUEUES);

	if (xs == NULL || size < n)
		return (int)n;
	for (unsigned int i = 0; i < n; i++) {
		xs[i].id = i;
		xs[i].value = queue_drops(dev->process_private, i);
	}
	return (int)n;
}

static const struct eth_dev_ops afp_ops = {
	.dev_infos_get = afp_infos_get,
	.dev_configure = afp_configure,
	.dev_start = afp_start,
	.dev_stop = afp_stop,
	.dev_close = afp_close,
	.link_update = afp_link_update,
	.promiscuous_enable = afp_promisc_on,
	.promiscuous_disable = afp_promisc_off,
	.allmulticast_enable = afp_allmulti,
	.allmulticast_disable = afp_allmulti,
	.mtu_set = afp_mtu_set,
	.rx_queue_setup = afp_rxq_setup,
	.tx_queue_setup = afp_txq_setup,
	.rx_queue_release = ethdev_rxq_free,
	.tx_queue_release = ethdev_txq_free,
	.rxq_info_get = afp_rxq_info,
	.stats_get = afp_stats_get,
	.stats_reset = afp_stats_reset,
	.xstats_get_names = afp_xstats_names,
	.xstats_get = afp_xstats,
};

/* ---- secondary processes --------------------------------------------------------------------------
 * The primary answers AFP_MP_ACTION requests ({port name, queue}) with the
 * fd of that queue pair's socket (SCM_RIGHTS) and the socket generation. A
 * secondary keeps one copy per direction and queue (struct afp_sec), so an
 * rx poller and a tx poller on different threads never share one; each
 * poller refreshes its own copy when the generation moved. */
#define AFP_MP_ACTION "net_af_packet_fd"

struct afp_mp_req {
	char name[RTE_ETH_NAME_MAX_LEN];
	uint16_t qid;
};

struct afp_mp_rep {
	int32_t result;             /* 0, or -errno */
	uint32_t gen;
};

struct afp_sec {
	struct afp_local l;         /* first, and empty: control ops find no sockets */
	struct afp_sock rx[AFP_MAX_QUEUES], tx[AFP_MAX_QUEUES];
};

/* Primary, rte_mp thread. */
static int afp_mp_give_fd(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg rep;
	struct afp_mp_req r;
	struct afp_mp_rep a = { .result = -EINVAL, .gen = 0 };

	memset(&rep, 0, sizeof(rep));
	snprintf(rep.name, sizeof(rep.name), "%s", AFP_MP_ACTION);
	rep.len_param = sizeof(a);
	rte_spinlock_lock(&afp_sock_lock);
	if (msg->len_param == (int)sizeof(r)) {
		memcpy(&r, msg->param, sizeof(r));
		r.name[sizeof(r.name) - 1] = '\0';
		struct rte_eth_dev *dev = ethdev_allocated(r.name);
		struct afp_local *l = dev != NULL && dev->dev_ops == &afp_ops ?
				      dev->process_private : NULL;
		if (l == NULL)
			a.result = -ENODEV;
		else if (r.qid >= AFP_MAX_QUEUES || l->s[r.qid].fd < 0)
			a.result = -ENOTCONN;   /* not started, or no such queue */
		else {
			rep.fds[0] = l->s[r.qid].fd;
			rep.num_fds = 1;
			a.result = 0;
			a.gen = priv_of(dev)->sock_gen;
		}
	}
	memcpy(rep.param, &a, sizeof(a));
	/* under the lock: the fd is duplicated into the message when it is
	 * sent, so it may be closed right after, not before */
	int rc = rte_mp_reply(&rep, peer);
	rte_spinlock_unlock(&afp_sock_lock);
	return rc;
}

static void sec_sock_drop(struct afp_sock *s)
{
	if (s->map != NULL)
		munmap(s->map, s->map_len);
	if (s->fd >= 0)
		close(s->fd);
	s->map = NULL;
	s->rx = s->tx = NULL;
	s->fd = -1;
}

static void sec_free(struct rte_eth_dev *dev)
{
	struct afp_sec *sec = dev->process_private;

	if (sec == NULL)
		return;
	for (unsigned int i = 0; i < AFP_MAX_QUEUES; i++) {
		sec_sock_drop(&sec->rx[i]);
		sec_sock_drop(&sec->tx[i]);
	}
	free(sec);
	dev->process_private = NULL;
}

static int frame_pending(const struct afp_priv *p, const uint8_t *ring, uint32_t k)
{
	const struct tpacket3_hdr *h = (const void *)(ring + (size_t)k * p->framesz);

	return (__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) &
		(TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING)) != 0;
}

/* Cold path of a secondary's burst: the socket generation moved (or this is
 * the first burst). Drop the old copy; ask the primary for socket qid of
 * the current generation and map its rings. Failures are logged once per
 * generation and queue (a later start tries again). */
static void __rte_noinline sec_refresh(struct afp_queue *q, struct afp_sock *s, int tx, uint32_t gen)
{
	struct rte_eth_dev *dev = &rte_eth_devices[q->port_id];
	const struct afp_priv *p = q->data->dev_private;
	struct rte_mp_msg req;
	struct rte_mp_reply reply = { 0 };
	struct afp_mp_req r;
	struct afp_mp_rep a = { .result = -ETIMEDOUT, .gen = gen };
	const struct timespec ts = { .tv_sec = 2, .tv_nsec = 0 };
	const char *what = "no answer from the primary";

	sec_sock_drop(s);
	s->gen = gen;
	if (!q->data->dev_started)
		return;
	memset(&req, 0, sizeof(req));
	memset(&r, 0, sizeof(r));
	snprintf(req.name, sizeof(req.name), "%s", AFP_MP_ACTION);
	snprintf(r.name, sizeof(r.name), "%s", q->data->name);
	r.qid = q->qid;
	memcpy(req.param, &r, sizeof(r));
	req.len_param = sizeof(r);
	if (rte_mp_request_sync(&req, &reply, &ts) == 0 && reply.nb_received == 1) {
		struct rte_mp_msg *m = &reply.msgs[0];
		if (m->len_param == (int)sizeof(a))
			memcpy(&a, m->param, sizeof(a));
		else
			a.result = -EPROTO;
		if (a.result == 0 && m->num_fds == 1) {
			s->fd = m->fds[0];
		} else {
			for (int i = 0; i < m->num_fds; i++)
				close(m->fds[i]);
			if (a.result == 0)
				a.result = -EPROTO;
		}
		what = "the primary refused";
	}
	free(reply.msgs);
	if (s->fd >= 0) {
		size_t blocks = p->framecnt / (p->blocksz / p->framesz);
		s->map_len = 2 * (size_t)p->blocksz * blocks;
		s->map = mmap(NULL, s->map_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
			      s->fd, 0);
		if (s->map == MAP_FAILED) {
			s->map = NULL;
			a.result = -errno;
			what = "mmap of the primary's socket";
			sec_sock_drop(s);
		} else {
			s->rx = s->map;
			s->tx = s->map + s->map_len / 2;
			s->gen = a.gen;
		}
	}
	if (s->fd < 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_packet %s: secondary process: %s queue %u: %s: %s "
			       "(bursts on it return 0 until the port is started again)\n",
			       q->data->name, tx ? "tx" : "rx", q->qid, what, strerror(-a.result));
		return;
	}
	if (tx) {
		/* A poller killed between marking frame_idx for sending and
		 * advancing frame_idx leaves that frame pending with the one before
		 * it free (in a full ring the one before would be pending too):
		 * step over it, then kick whatever it left unsent. */
		uint32_t k = q->frame_idx, prev = k == 0 ? p->framecnt - 1 : k - 1;
		if (frame_pending(p, s->tx, k) && !frame_pending(p, s->tx, prev))
			q->frame_idx = k + 1 == p->framecnt ? 0 : k + 1;
		(void)sendto(s->fd, NULL, 0, MSG_DONTWAIT, NULL, 0);
	}
	RTE_SET_USED(dev);
}

/* A poller killed between handing block frame_idx back and advancing
 * frame_idx leaves the kernel one block ahead: block frame_idx not ours
 * (blk_off 0), the next one handed over (which cannot happen otherwise: the
 * kernel retires blocks in order). One killed before it gave the block back
 * leaves it ours with blk_off 0: its successor opens it again and delivers
 * its packets twice rather than losing them. */
static void afp_rx_resync(struct afp_queue *q, const struct afp_sock *s)
{
	const struct afp_priv *p = q->data->dev_private;
	uint32_t k = q->frame_idx, next = k + 1 == q->nblk ? 0 : k + 1;
	const struct tpacket_block_desc *b = (const void *)(s->rx + (size_t)k * p->blocksz);
	const struct tpacket_block_desc *bn = (const void *)(s->rx + (size_t)next * p->blocksz);

	if (q->blk_off == 0 && q->nblk != 0 &&
	    (__atomic_load_n(&bn->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER) &&
	    !(__atomic_load_n(&b->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER))
		q->frame_idx = next;
}

static uint16_t afp_rx_sec(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	struct afp_queue *q = qv;
	struct afp_sec *sec = rte_eth_devices[q->port_id].process_private;
	const struct afp_priv *p = q->data->dev_private;
	struct afp_sock *s;
	uint16_t n;

	if (unlikely(sec == NULL))
		return 0;
	s = &sec->rx[q->qid];
	uint32_t gen = __atomic_load_n(&p->sock_gen, __ATOMIC_ACQUIRE);
	if (unlikely(s->gen != gen))
		sec_refresh(q, s, 0, gen);
	n = afp_rx_sock(q, s, bufs, nb);
	if (n == 0 && s->fd >= 0)
		afp_rx_resync(q, s);
	return n;
}

static uint16_t afp_tx_sec(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	struct afp_queue *q = qv;
	struct afp_sec *sec = rte_eth_devices[q->port_id].process_private;
	const struct afp_priv *p = q->data->dev_private;
	struct afp_sock *s;

	if (unlikely(sec == NULL))
		return 0;
	s = &sec->tx[q->qid];
	uint32_t gen = __atomic_load_n(&p->sock_gen, __ATOMIC_ACQUIRE);
	if (unlikely(s->gen != gen))
		sec_refresh(q, s, 1, gen);
	return afp_tx_sock(q, s, bufs, nb);
}

static int afp_probe_secondary(const char *name, struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = ethdev_attach_secondary(name);
	struct afp_sec *sec;

	if (dev == NULL)
		return -ENODEV;
	sec = calloc(1, sizeof(*sec));
	if (sec == NULL) {
		ethdev_release_port(dev);
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < AFP_MAX_QUEUES; i++)
		sec->l.s[i].fd = sec->rx[i].fd = sec->tx[i].fd = -1;
	dev->process_private = sec;
	dev->dev_ops = &afp_ops;
	dev->rx_pkt_burst = afp_rx_sec;
	dev->tx_pkt_burst = afp_tx_sec;
	dev->device = &vdev->device;
	ethdev_probing_finish(dev);
	return 0;
}

/* ---- probe / remove ---------------------------------------------------------------------------------- */
static int parse_args(const char *name, const char *args, struct afp_priv *p)
{
	struct rte_kvargs *kv;
	int ret = 0;

	p->qpairs = 1;
	p->blocksz = (unsigned int)getpagesize();
	p->framesz = AFP_DFLT_FRAMESZ;
	p->framecnt = AFP_DFLT_FRAMECNT;
	p->qdisc_bypass = 1;
	kv = rte_kvargs_parse(args ? args : "", valid_args);
	if (kv == NULL) {
		RTE_ETHDEV_LOG(ERR, "net_af_packet %s: cannot parse arguments '%s' (valid: iface, "
			       "qpairs, blocksz, framesz, framecnt, qdisc_bypass)\n", name, args);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < kv->count && ret == 0; i++) {
		const char *k = kv->pairs[i].key, *v = kv->pairs[i].value;
		if (strcmp(k, "iface") == 0) {
			if (v[0] == '\0' || strlen(v) >= IFNAMSIZ) {
				RTE_ETHDEV_LOG(ERR, "net_af_packet %s: bad argument iface=%s\n", name, v);
				ret = -EINVAL;
			} else {
				snprintf(p->iface, sizeof(p->iface), "%s", v);
			}
		} else if (strcmp(k, "qpairs") == 0) {
			ret = kif_parse_uint("net_af_packet", name, k, v, 1, AFP_MAX_QUEUES, &p->qpairs);
		} else if (strcmp(k, "blocksz") == 0) {
			ret = kif_parse_uint("net_af_packet", name, k, v, 1, 1u << 30, &p->blocksz);
		} else if (strcmp(k, "framesz") == 0) {
			ret = kif_parse_uint("net_af_packet", name, k, v, 1, 1u << 30, &p->framesz);
		} else if (strcmp(k, "framecnt") == 0) {
			ret = kif_parse_uint("net_af_packet", name, k, v, 1, 1u << 24, &p->framecnt);
		} else {
			ret = kif_parse_uint("net_af_packet", name, k, v, 0, 1, &p->qdisc_bypass);
		}
	}
	rte_kvargs_free(kv);
	if (ret < 0)
		return ret;
	if (p->iface[0] == '\0') {
		RTE_ETHDEV_LOG(ERR, "net_af_packet %s: iface= is required\n", name);
		return -EINVAL;
	}
	if (p->blocksz % (unsigned int)getpagesize() || p->framesz % TPACKET_ALIGNMENT ||
	    p->framesz < TPACKET3_HDRLEN + RTE_ETHER_HDR_LEN || p->framesz > p->blocksz ||
	    p->framecnt % (p->blocksz / p->framesz)) {
		RTE_ETHDEV_LOG(ERR, "net_af_packet %s: bad ring geometry blocksz=%u framesz=%u "
			       "framecnt=%u (blocksz a multiple of the page size, framesz a multiple "
			       "of %d and <= blocksz, framecnt a multiple of blocksz/framesz)\n",
			       name, p->blocksz, p->framesz, p->framecnt, TPACKET_ALIGNMENT);
		return -EINVAL;
	}
	return 0;
}

static void set_ops(struct rte_eth_dev *dev, struct rte_vdev_device *vdev)
{
	dev->dev_ops = &afp_ops;
	dev->rx_pkt_burst = afp_rx;
	dev->tx_pkt_burst = afp_tx;
	dev->device = &vdev->device;
}

static int afp_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev), *args = rte_vdev_device_args(vdev);
	struct afp_priv tmp = { .iface = "" }, *p;
	struct afp_local *l;
	struct rte_eth_dev *dev;
	struct ifreq ifr;
	int rc;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return afp_probe_secondary(name, vdev);
	rc = parse_args(name, args, &tmp);
	if (rc < 0)
		return rc;
	if (if_nametoindex(tmp.iface) == 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_packet %s: no interface %s: %s\n", name, tmp.iface,
			       strerror(errno));
		return -ENODEV;
	}
	rc = kif_ioctl(tmp.iface, SIOCGIFHWADDR, &ifr);
	if (rc < 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_packet %s: cannot read the MAC of %s: %s\n", name,
			       tmp.iface, strerror(-rc));
		return rc;
	}
	memcpy(tmp.mac.addr_bytes, ifr.ifr_hwaddr.sa_data, RTE_ETHER_ADDR_LEN);
	l = calloc(1, sizeof(*l));
	if (l == NULL)
		return -ENOMEM;
	for (unsigned int i = 0; i < AFP_MAX_QUEUES; i++)
		l->s[i].fd = -1;
	dev = ethdev_allocate(name);
	if (dev == NULL) {
		free(l);
		return -rte_errno;
	}
	p = rte_zmalloc_socket("afp_priv", sizeof(*p), 0, rte_socket_id());
	if (p == NULL) {
		free(l);
		ethdev_release_port(dev);
		RTE_ETHDEV_LOG(ERR, "net_af_packet %s: out of memory\n", name);
		return -ENOMEM;
	}
	*p = tmp;
	dev->data->dev_private = p;
	kif_port_setup(dev, p->iface, &p->mac);
	dev->process_private = l;
	set_ops(dev, vdev);
	afp_link(dev, 0);
	/* hand sockets to secondaries (once per process; without the channel,
	 * --in-memory or --no-shconf, there are no secondaries to serve) */
	static int mp_registered;
	if (!mp_registered && rte_mp_action_register(AFP_MP_ACTION, afp_mp_give_fd) == 0)
		mp_registered = 1;
	ethdev_probing_finish(dev);
	return 0;
}

static int afp_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = ethdev_allocated(rte_vdev_device_name(vdev));

	if (dev == NULL)
		return 0;   /* closed already */
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		rte_eth_dev_stop(dev->data->port_id);
	return rte_eth_dev_close(dev->data->port_id);
}

static struct rte_vdev_driver pmd_af_packet_drv = {
	.probe = afp_probe,
	.remove = afp_remove,
};

RTE_PMD_REGISTER_VDEV(net_af_packet, pmd_af_packet_drv);
RTE_PMD_REGISTER_ALIAS(net_af_packet, eth_af_packet);
RTE_PMD_REGISTER_PARAM_STRING(net_af_packet, "iface=<string> qpairs=<int> blocksz=<int> "
			      "framesz=<int> framecnt=<int> qdisc_bypass=<0|1>");
