/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif: a port that exchanges packets with another process (dplite,
 * DPDK's net_memif, VPP's memif, libmemif) over shared memory, speaking
 * memif protocol 2.0 (DPDK 22.11's arguments and defaults):
 *
 *   --vdev=net_memif0[,role=server|client][,id=N][,socket=PATH]
 *       [,socket-abstract=yes|no][,rsize=LOG2][,bsize=N][,secret=S]
 *       [,mac=M][,zero-copy=yes|no]
 *
 * This file: the data path (copy mode; zero copy is memif_zc.c), the ethdev
 * ops and probe. The control channel, regions and connect/disconnect are
 * memif_ctl.c.
 *
 * Owns: dev_private (struct mif_priv), the queue objects (struct mif_queue,
 * shared, stats first) and process_private (struct mif_local, allocated
 * here, filled by memif_ctl.c).
 * Calls: memif_ctl.c, memif_zc.c (zero-copy bursts), ethdev_driver.h,
 * rte_kvargs, rte_mbuf.
 *
 * Buffer ownership (copy mode; the client owns all shared memory):
 *   C2S (client tx -> server rx): slots in [tail, head) belong to the
 *     server; the client fills slots in [head, tail + size).
 *   S2C (server tx -> client rx): the client offers empty buffers in
 *     [tail, head); the server fills them and hands them back by moving
 *     tail; the client owns [last read, tail) until it reads them, then
 *     offers them again. mbufs never enter shared memory: both sides copy.
 *
 * Ordering pairs (all on the 16-bit head/tail words of the ring):
 *   R1 client tx: release store of C2S head after writing descriptors and
 *      data; server rx: acquire load of head before reading them.
 *   R2 server rx: release store of C2S tail after copying out; client tx:
 *      acquire load of tail before reusing those buffers.
 *   R3 server tx: release store of S2C tail after writing data, length and
 *      flags; client rx: acquire load of tail before reading them.
 *   R4 client rx: release store of S2C head after writing the offered
 *      descriptors; server tx: acquire load of head before reading them.
 *   Q1/Q2 (with memif_ctl.c): a burst stores busy = 1 then loads up, the
 *      control path stores up = 0 then loads busy (all seq_cst): either the
 *      burst sees the queue down, or the control path sees the burst and
 *      waits for it before unmapping the ring.
 *
 * Nothing the peer writes is trusted: counters are checked against the
 * ring size, each descriptor is read once into a local copy, and its
 * (region, offset, length) checked against the mapped region before a byte
 * is copied; a client copies from its own layout, checks that the server
 * left each offered buffer where it was, and checks lengths against bsize. A violation stops the queue and
 * the control thread disconnects with one log line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rte_ethdev.h>
#include <rte_kvargs.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memcpy.h>
#include "ethdev_driver.h"
#include "memif_int.h"

#define MIF_MAX_PKT 65535u

struct mif_queue {
	struct eth_queue_stats stats;	/* first: the core sums it */
	struct rte_mempool *mp;		/* rx only */
	uint16_t port_id;
	uint16_t qid;
	/* zero copy (xstats): rx segments taken in place; tx packets posted
	 * in place, and copied once into the data region */
	uint64_t zc_rx, zc_tx, zc_copied;
} __rte_cache_aligned;

static const char *const valid_args[] = {
	"id", "role", "bsize", "rsize", "socket", "socket-abstract", "mac", "zero-copy",
	"secret", NULL
};

/* ---- data path ---------------------------------------------------------------------------------- */
static inline struct mif_local *local_of(const struct mif_queue *q)
{
	return rte_eth_devices[q->port_id].process_private;
}

/* Q2: enter a queue's ring, or 0 when it is down. */
static inline int lq_enter(struct mif_lq *lq)
{
	if (!__atomic_load_n(&lq->up, __ATOMIC_RELAXED))
		return 0;
	__atomic_store_n(&lq->busy, 1, __ATOMIC_SEQ_CST);
	if (likely(__atomic_load_n(&lq->up, __ATOMIC_SEQ_CST)))
		return 1;
	__atomic_store_n(&lq->busy, 0, __ATOMIC_RELEASE);
	return 0;
}

static inline void lq_leave(struct mif_lq *lq)
{
	__atomic_store_n(&lq->busy, 0, __ATOMIC_RELEASE);
}

/* A protocol violation: stop this queue, let the control thread disconnect. */
static void lq_bad(struct mif_local *l, struct mif_lq *lq, const char *what)
{
	__atomic_store_n(&lq->up, 0, __ATOMIC_RELAXED);
	mif_ctl_report_bad(l, what);
}

/* One read of a descriptor the peer may be rewriting. */
static inline void desc_read(const struct memif_desc *src, struct memif_desc *d)
{
	const volatile struct memif_desc *v = src;

	d->flags = v->flags;
	d->region = v->region;
	d->length = v->length;
	d->offset = v->offset;
}

/* Append len bytes to the chain h..*t, growing it from mp. -1: no mbuf. */
static inline int chain_append(struct rte_mempool *mp, struct rte_mbuf *h, struct rte_mbuf **t,
			       const uint8_t *src, uint32_t len)
{
	while (len > 0) {
		struct rte_mbuf *m = *t;
		uint32_t space = rte_pktmbuf_tailroom(m);
		if (space == 0) {
			struct rte_mbuf *nm = rte_pktmbuf_alloc(mp);
			if (unlikely(nm == NULL))
				return -1;
			m->next = nm;
			*t = nm;
			h->nb_segs++;
			continue;
		}
		uint32_t c = RTE_MIN(space, len);
		rte_memcpy(rte_pktmbuf_mtod_offset(m, uint8_t *, m->data_len), src, c);
		m->data_len = (uint16_t)(m->data_len + c);
		h->pkt_len += c;
		src += c;
		len -= c;
	}
	return 0;
}

/* Head mbufs for a burst, taken from the pool in one bulk get (the common
 * case: one mbuf per packet); what is left goes back at the end. */
#define MIF_RX_PREALLOC 64
struct mif_pre {
	struct rte_mbuf *m[MIF_RX_PREALLOC];
	uint16_t n, used;
};

static inline void pre_fill(struct mif_pre *pre, struct rte_mempool *mp, uint16_t want)
{
	pre->used = 0;
	pre->n = 0;
	want = RTE_MIN(want, (uint16_t)MIF_RX_PREALLOC);
	if (want > 0 && rte_pktmbuf_alloc_bulk(mp, pre->m, want) == 0)
		pre->n = want;
}

static inline struct rte_mbuf *pre_get(struct mif_pre *pre, struct rte_mempool *mp)
{
	return pre->used < pre->n ? pre->m[pre->used++] : rte_pktmbuf_alloc(mp);
}

static inline void pre_return(struct mif_pre *pre)
{
	if (pre->used < pre->n)
		rte_pktmbuf_free_bulk(&pre->m[pre->used], pre->n - pre->used);
}

/* Server rx: C2S ring in the client's memory. */
static uint16_t rx_server(struct mif_queue *q, struct mif_local *l, struct mif_lq *lq,
			  struct rte_mbuf **bufs, uint16_t nb)
{
	struct memif_ring *ring = lq->ring;
	uint16_t cur = lq->last, n, rx = 0;
	uint64_t bytes = 0, errs = 0, nombuf = 0;
	const char *bad = NULL;

	n = (uint16_t)(__atomic_load_n(&ring->head, __ATOMIC_ACQUIRE) - cur);      /* R1 */
	if (unlikely(n > lq->size)) {
		lq_bad(l, lq, "C2S ring head moved past the ring");
		return 0;
	}
	struct mif_pre pre;
	pre_fill(&pre, q->mp, RTE_MIN(n, nb));
	while (n > 0 && rx < nb) {
		struct rte_mbuf *h = pre_get(&pre, q->mp), *t = h;
		int drop = 0;
		if (unlikely(h == NULL)) {
			nombuf++;
			break;          /* leave the rest in the ring */
		}
		for (;;) {
			struct memif_desc d;
			desc_read(&ring->desc[cur & lq->mask], &d);
			cur++;
			n--;
			if (unlikely(d.region >= lq->nreg ||
				     (uint64_t)d.offset + d.length > lq->reg[d.region].size)) {
				bad = "descriptor outside its region";
				break;
			}
			if (unlikely(h->pkt_len + (uint64_t)d.length > MIF_MAX_PKT))
				drop = 1;
			if (!drop && chain_append(q->mp, h, &t, lq->reg[d.region].addr + d.offset,
						  d.length) < 0) {
				nombuf++;
				drop = 1;
			}
			if (!(d.flags & MEMIF_DESC_FLAG_NEXT))
				break;
			if (unlikely(n == 0)) {
				bad = "chained descriptors past the ring head";
				break;
			}
		}
		if (unlikely(bad != NULL)) {
			rte_pktmbuf_free(h);
			break;
		}
		if (unlikely(drop)) {
			errs++;
			rte_pktmbuf_free(h);
			continue;
		}
		h->port = q->port_id;
		bytes += h->pkt_len;
		bufs[rx++] = h;
	}
	pre_return(&pre);
	lq->last = cur;
	__atomic_store_n(&ring->tail, cur, __ATOMIC_RELEASE);                        /* R2 */
	if (unlikely(bad != NULL))
		lq_bad(l, lq, bad);
	if (unlikely(errs))
		eth_qstats_err(&q->stats, errs);
	if (unlikely(nombuf))
		eth_qstats_nombuf(&q->stats, nombuf);
	eth_qstats_add(&q->stats, rx, bytes);
	return rx;
}

/* Client rx: S2C ring in our own memory. */
static uint16_t rx_client(struct mif_queue *q, struct mif_local *l, struct mif_lq *lq,
			  struct rte_mbuf **bufs, uint16_t nb)
{
	struct memif_ring *ring = lq->ring;
	uint16_t cur = lq->last, n, rx = 0;
	uint64_t bytes = 0, errs = 0, nombuf = 0;
	const char *bad = NULL;

	n = (uint16_t)(__atomic_load_n(&ring->tail, __ATOMIC_ACQUIRE) - cur);      /* R3 */
	if (unlikely(n > (uint16_t)(lq->head - cur))) {
		lq_bad(l, lq, "S2C ring tail moved past the offered buffers");
		return 0;
	}
	struct mif_pre pre;
	pre_fill(&pre, q->mp, RTE_MIN(n, nb));
	while (n > 0 && rx < nb) {
		struct rte_mbuf *h = pre_get(&pre, q->mp), *t = h;
		int drop = 0;
		if (unlikely(h == NULL)) {
			nombuf++;
			break;
		}
		for (;;) {
			struct memif_desc d;
			uint32_t boff = lq->buf_off + (uint32_t)(cur & lq->mask) * lq->bsize;
			desc_read(&ring->desc[cur & lq->mask], &d);
			const uint8_t *src = lq->bufs + (size_t)(cur & lq->mask) * lq->bsize;
			uint32_t len = d.length;
			uint16_t flags = d.flags;
			cur++;
			n--;
			/* the server fills the buffer we offered in this slot: it may
			 * set length and flags, never move the buffer */
			if (unlikely(d.region != 0 || d.offset != boff)) {
				bad = "server moved an offered buffer";
				break;
			}
			if (unlikely(len > lq->bsize)) {
				bad = "descriptor length beyond its buffer";
				break;
			}
			if (unlikely(h->pkt_len + (uint64_t)len > MIF_MAX_PKT))
				drop = 1;
			if (!drop && chain_append(q->mp, h, &t, src, len) < 0) {
				nombuf++;
				drop = 1;
			}
			if (!(flags & MEMIF_DESC_FLAG_NEXT))
				break;
			if (unlikely(n == 0)) {
				bad = "chained descriptors past the ring tail";
				break;
			}
		}
		if (unlikely(bad != NULL)) {
			rte_pktmbuf_free(h);
			break;
		}
		if (unlikely(drop)) {
			errs++;
			rte_pktmbuf_free(h);
			continue;
		}
		h->port = q->port_id;
		bytes += h->pkt_len;
		bufs[rx++] = h;
	}
	pre_return(&pre);
	lq->last = cur;
	/* offer every buffer we have read back to the server */
	uint16_t head = lq->head;
	while ((uint16_t)(head - cur) < lq->size) {
		struct memif_desc *d = &ring->desc[head & lq->mask];
		d->flags = 0;
		d->region = 0;
		d->offset = lq->buf_off + (uint32_t)(head & lq->mask) * lq->bsize;
		d->length = lq->bsize;
		head++;
	}
	if (head != lq->head) {
		lq->head = head;
		__atomic_store_n(&ring->head, head, __ATOMIC_RELEASE);                /* R4 */
	}
	if (unlikely(bad != NULL))
		lq_bad(l, lq, bad);
	if (unlikely(errs))
		eth_qstats_err(&q->stats, errs);
	if (unlikely(nombuf))
		eth_qstats_nombuf(&q->stats, nombuf);
	eth_qstats_add(&q->stats, rx, bytes);
	return rx;
}

/* Client, zero-copy=yes: memif_zc.c does the ring work. Counters are
 * single-writer (the queue's lcore); xstats read them relaxed. */
static uint16_t rx_zc(struct mif_queue *q, struct mif_local *l, struct mif_lq *lq,
		      struct rte_mbuf **bufs, uint16_t nb)
{
	struct mif_zc_burst st = { NULL, 0, 0, 0, 0 };
	uint16_t n = mif_zc_rx(lq, q->port_id, bufs, nb, &st);

	if (unlikely(st.bad != NULL))
		lq_bad(l, lq, st.bad);
	if (unlikely(st.errs))
		eth_qstats_err(&q->stats, st.errs);
	__atomic_store_n(&q->zc_rx, q->zc_rx + st.zc, __ATOMIC_RELAXED);
	eth_qstats_add(&q->stats, n, st.bytes);
	return n;
}

static uint16_t mif_rx(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	struct mif_queue *q = qv;
	struct mif_local *l = local_of(q);
	struct mif_lq *lq;
	uint16_t n;

	if (unlikely(l == NULL))
		return 0;
	lq = &l->rxq[q->qid];
	if (!lq_enter(lq))
		return 0;
	if (lq->zslot != NULL)
		n = rx_zc(q, l, lq, bufs, nb);
	else if (l->p->role == MIF_ROLE_CLIENT)
		n = rx_client(q, l, lq, bufs, nb);
	else
		n = rx_server(q, l, lq, bufs, nb);
	lq_leave(lq);
	if (n && unlikely(ethdev_rss_wanted(rte_eth_devices[q->port_id].data)))
		ethdev_rss_mark(rte_eth_devices[q->port_id].data, bufs, n);
	return n;
}

static inline void kick(const struct mif_lq *lq)
{
	uint64_t one = 1;

	if (!(lq->ring->flags & MEMIF_RING_FLAG_MASK_INT) && lq->efd >= 0)
		(void)!write(lq->efd, &one, sizeof(one));
}

/* Client tx: C2S ring in our own memory. */
static uint16_t tx_client(struct mif_queue *q, struct mif_local *l, struct mif_lq *lq,
			  struct rte_mbuf **bufs, uint16_t nb)
{
	struct memif_ring *ring = lq->ring;
	uint16_t slot = lq->last, used, nfree, i;
	uint64_t bytes = 0, errs = 0;
	uint32_t bsize = lq->bsize;

	used = (uint16_t)(slot - __atomic_load_n(&ring->tail, __ATOMIC_ACQUIRE));    /* R2 */
	if (unlikely(used > lq->size)) {
		lq_bad(l, lq, "C2S ring tail moved past the ring");
		return 0;
	}
	nfree = (uint16_t)(lq->size - used);
	for (i = 0; i < nb; i++) {
		struct rte_mbuf *m = bufs[i];
		uint32_t need = likely(m->pkt_len <= bsize) ? 1 : (m->pkt_len + bsize - 1) / bsize;
		if (unlikely(m->pkt_len > MIF_MAX_PKT || need > MIF_MAX_CHAIN || need > lq->size)) {
			errs++;         /* cannot be described: dropped, counted */
			continue;
		}
		if (need > nfree)
			break;
		uint32_t off = 0;       /* bytes in the current slot */
		uint32_t left = m->pkt_len;     /* pkt_len rules, whatever data_len says */
		uint16_t s = slot;
		uint8_t *dst = lq->bufs + (size_t)(s & lq->mask) * bsize;
		for (const struct rte_mbuf *seg = m; seg != NULL && left > 0; seg = seg->next) {
			const uint8_t *src = rte_pktmbuf_mtod(seg, const uint8_t *);
			uint32_t len = RTE_MIN((uint32_t)seg->data_len, left);
			left -= len;
			while (len > 0) {
				if (off == bsize) {
					struct memif_desc *d = &ring->desc[s & lq->mask];
					d->flags = MEMIF_DESC_FLAG_NEXT;
					d->region = 0;
					d->offset = lq->buf_off + (uint32_t)(s & lq->mask) * bsize;
					d->length = bsize;
					s++;
					off = 0;
					dst = lq->bufs + (size_t)(s & lq->mask) * bsize;
				}
				uint32_t c = RTE_MIN(len, bsize - off);
				rte_memcpy(dst + off, src, c);
				off += c;
				src += c;
				len -= c;
			}
		}
		struct memif_desc *d = &ring->desc[s & lq->mask];
		d->flags = 0;
		d->region = 0;
		d->offset = lq->buf_off + (uint32_t)(s & lq->mask) * bsize;
		d->length = off;
		s++;
		nfree = (uint16_t)(nfree - (uint16_t)(s - slot));
		slot = s;
		bytes += m->pkt_len;
	}
	lq->last = slot;
	__atomic_store_n(&ring->head, slot, __ATOMIC_RELEASE);                       /* R1 */
	kick(lq);
	rte_pktmbuf_free_bulk(bufs, i);
	if (unlikely(errs))
		eth_qstats_err(&q->stats, errs);
	eth_qstats_add(&q->stats, i - errs, bytes);
	return i;
}

/* Server tx: S2C ring in the client's memory; the client offered buffers. */
static uint16_t tx_server(struct mif_queue *q, struct mif_local *l, struct mif_lq *lq,
			  struct rte_mbuf **bufs, uint16_t nb)
{
	struct memif_ring *ring = lq->ring;
	uint16_t slot = lq->last, avail, i;
	uint64_t bytes = 0, errs = 0;
	struct memif_desc dd[MIF_MAX_CHAIN];
	const char *bad = NULL;

	avail = (uint16_t)(__atomic_load_n(&ring->head, __ATOMIC_ACQUIRE) - slot);  /* R4 */
	if (unlikely(avail > lq->size)) {
		lq_bad(l, lq, "S2C ring head moved past the ring");
		return 0;
	}
	for (i = 0; i < nb; i++) {
		struct rte_mbuf *m = bufs[i];
		uint64_t cap = 0;
		uint32_t k = 0;
		if (unlikely(m->pkt_len > MIF_MAX_PKT)) {
			errs++;
			continue;
		}
		/* pass 1: read and check the offered buffers the packet needs */
		while ((cap < m->pkt_len || k == 0) && k < avail && k < MIF_MAX_CHAIN) {
			struct memif_desc *d = &dd[k];
			desc_read(&ring->desc[(uint16_t)(slot + k) & lq->mask], d);
			if (unlikely(d->region >= lq->nreg || d->length == 0 ||
				     (uint64_t)d->offset + d->length > lq->reg[d->region].size)) {
				bad = "offered buffer outside its region";
				break;
			}
			cap += d->length;
			k++;
		}
		if (bad != NULL || cap < m->pkt_len || k == 0) {
			if (bad == NULL && ((k == MIF_MAX_CHAIN && k < avail) || k == lq->size)) {
				/* needs more than MIF_MAX_CHAIN buffers, or more than the
				 * whole ring offers: it can never go, drop it */
				errs++;
				continue;
			}
			break;  /* not enough offered yet */
		}
		/* pass 2: copy, then write each used slot's length and flags */
		uint32_t j = 0, off = 0, left = m->pkt_len;
		for (const struct rte_mbuf *seg = m; seg != NULL && left > 0; seg = seg->next) {
			const uint8_t *src = rte_pktmbuf_mtod(seg, const uint8_t *);
			uint32_t len = RTE_MIN((uint32_t)seg->data_len, left);
			left -= len;
			while (len > 0) {
				if (off == dd[j].length) {
					j++;
					off = 0;
				}
				uint32_t c = RTE_MIN(len, dd[j].length - off);
				rte_memcpy(lq->reg[dd[j].region].addr + dd[j].offset + off, src, c);
				off += c;
				src += c;
				len -= c;
			}
		}
		for (uint32_t x = 0; x <= j; x++) {
			struct memif_desc *d = &ring->desc[(uint16_t)(slot + x) & lq->mask];
			d->length = x < j ? dd[x].length : off;
			d->flags = x < j ? MEMIF_DESC_FLAG_NEXT : 0;
		}
		slot = (uint16_t)(slot + j + 1);
		avail = (uint16_t)(avail - (j + 1));
		bytes += m->pkt_len;
	}
	lq->last = slot;
	__atomic_store_n(&ring->tail, slot, __ATOMIC_RELEASE);                       /* R3 */
	kick(lq);
	rte_pktmbuf_free_bulk(bufs, i);
	if (unlikely(bad != NULL))
		lq_bad(l, lq, bad);
	if (unlikely(errs))
		eth_qstats_err(&q->stats, errs);
	eth_qstats_add(&q->stats, i - errs, bytes);
	return i;
}

static uint16_t tx_zc(struct mif_queue *q, struct mif_local *l, struct mif_lq *lq,
		      struct rte_mbuf **bufs, uint16_t nb)
{
	struct mif_zc_burst st = { NULL, 0, 0, 0, 0 };
	uint16_t n = mif_zc_tx(lq, bufs, nb, &st);

	if (n)
		kick(lq);
	if (unlikely(st.bad != NULL))
		lq_bad(l, lq, st.bad);
	if (unlikely(st.errs))
		eth_qstats_err(&q->stats, st.errs);
	__atomic_store_n(&q->zc_tx, q->zc_tx + st.zc, __ATOMIC_RELAXED);
	__atomic_store_n(&q->zc_copied, q->zc_copied + st.copied, __ATOMIC_RELAXED);
	eth_qstats_add(&q->stats, n - st.errs, st.bytes);
	return n;
}

static uint16_t mif_tx(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	struct mif_queue *q = qv;
	struct mif_local *l = local_of(q);
	struct mif_lq *lq;
	uint16_t n;

	if (unlikely(l == NULL))
		return 0;
	lq = &l->txq[q->qid];
	if (!lq_enter(lq))
		return 0;
	if (lq->zslot != NULL)
		n = tx_zc(q, l, lq, bufs, nb);
	else if (l->p->role == MIF_ROLE_CLIENT)
		n = tx_client(q, l, lq, bufs, nb);
	else
		n = tx_server(q, l, lq, bufs, nb);
	lq_leave(lq);
	return n;
}

/* ---- control ------------------------------------------------------------------------------------ */
static struct mif_priv *priv_of(struct rte_eth_dev *dev) { return dev->data->dev_private; }

static int mif_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	RTE_SET_USED(dev);
	info->max_mac_addrs = 1;
	info->max_rx_pktlen = MIF_MAX_PKT;
	info->max_mtu = (uint16_t)(MIF_MAX_PKT - RTE_ETHER_HDR_LEN);
	info->max_rx_queues = MIF_MAX_QUEUES;
	info->max_tx_queues = MIF_MAX_QUEUES;
	info->min_rx_bufsize = 0;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_SCATTER;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->speed_capa = RTE_ETH_LINK_SPEED_100G;
	return 0;
}

static int mif_configure(struct rte_eth_dev *dev) { RTE_SET_USED(dev); return 0; }

static int mif_start(struct rte_eth_dev *dev)
{
	if (dev->process_private == NULL)
		return -ENOTSUP;
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++)
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	return mif_ctl_start(dev->process_private);
}

static int mif_stop(struct rte_eth_dev *dev)
{
	if (dev->process_private != NULL)
		mif_ctl_stop(dev->process_private);
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++)
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static int mif_close(struct rte_eth_dev *dev)
{
	struct mif_local *l = dev->process_private;

	if (l != NULL) {
		mif_ctl_detach(l);
		free(l);
		dev->process_private = NULL;
	}
	return 0;
}

static int mif_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(wait);
	if (dev->process_private != NULL)
		mif_ctl_link_publish(dev->process_private);
	return 0;
}

static struct mif_queue *queue_new(struct rte_eth_dev *dev, uint16_t qid, unsigned int socket)
{
	struct mif_queue *q = ethdev_queue_zalloc(dev, "memif_queue", sizeof(*q), socket);
	if (q == NULL)
		return NULL;
	q->port_id = dev->data->port_id;
	q->qid = qid;
	return q;
}

static int mif_rxq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			 unsigned int socket, const struct rte_eth_rxconf *conf,
			 struct rte_mempool *mp)
{
	struct mif_queue *q;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(conf);
	if (qid >= MIF_MAX_QUEUES)
		return -EINVAL;
	q = queue_new(dev, qid, socket);
	if (q == NULL)
		return -ENOMEM;
	q->mp = mp;
	dev->data->rx_queues[qid] = q;
	return 0;
}

static int mif_txq_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			 unsigned int socket, const struct rte_eth_txconf *conf)
{
	struct mif_queue *q;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(conf);
	if (qid >= MIF_MAX_QUEUES)
		return -EINVAL;
	q = queue_new(dev, qid, socket);
	if (q == NULL)
		return -ENOMEM;
	dev->data->tx_queues[qid] = q;
	return 0;
}

static void mif_rxq_info(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qi)
{
	struct mif_queue *q = dev->data->rx_queues[qid];

	qi->mp = q->mp;
	qi->nb_desc = (uint16_t)(1u << priv_of(dev)->log2_ring);
	qi->scattered_rx = 1;
}

/* xstats: memif_connects, memif_disconnects; with zero-copy=yes also
 * qN_rx_zero_copy per rx queue, qN_tx_zero_copy and qN_tx_copied per tx
 * queue. */
static unsigned int mif_xstats_count(struct rte_eth_dev *dev)
{
	if (!priv_of(dev)->zero_copy)
		return 2;
	return 2u + dev->data->nb_rx_queues + 2u * dev->data->nb_tx_queues;
}

static int mif_xstats_names(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
			    unsigned int size)
{
	unsigned int n = mif_xstats_count(dev), k = 2;

	if (names == NULL || size < n)
		return (int)n;
	snprintf(names[0].name, sizeof(names[0].name), "memif_connects");
	snprintf(names[1].name, sizeof(names[1].name), "memif_disconnects");
	for (unsigned int i = 0; k < n && i < dev->data->nb_rx_queues; i++)
		snprintf(names[k++].name, sizeof(names[0].name), "q%u_rx_zero_copy", i);
	for (unsigned int i = 0; k < n && i < dev->data->nb_tx_queues; i++) {
		snprintf(names[k++].name, sizeof(names[0].name), "q%u_tx_zero_copy", i);
		snprintf(names[k++].name, sizeof(names[0].name), "q%u_tx_copied", i);
	}
	return (int)n;
}

static int mif_xstats(struct rte_eth_dev *dev, struct rte_eth_xstat *xs, unsigned int size)
{
	unsigned int n = mif_xstats_count(dev), k = 2;

	if (xs == NULL || size < n)
		return (int)n;
	for (unsigned int i = 0; i < n; i++)
		xs[i].id = i;
	/* bumped by the control thread */
	xs[0].value = __atomic_load_n(&priv_of(dev)->connects, __ATOMIC_RELAXED);
	xs[1].value = __atomic_load_n(&priv_of(dev)->disconnects, __ATOMIC_RELAXED);
	for (unsigned int i = 0; k < n && i < dev->data->nb_rx_queues; i++) {
		const struct mif_queue *q = dev->data->rx_queues[i];
		xs[k++].value = q ? __atomic_load_n(&q->zc_rx, __ATOMIC_RELAXED) : 0;
	}
	for (unsigned int i = 0; k < n && i < dev->data->nb_tx_queues; i++) {
		const struct mif_queue *q = dev->data->tx_queues[i];
		xs[k++].value = q ? __atomic_load_n(&q->zc_tx, __ATOMIC_RELAXED) : 0;
		xs[k++].value = q ? __atomic_load_n(&q->zc_copied, __ATOMIC_RELAXED) : 0;
	}
	return (int)n;
}

static const struct eth_dev_ops mif_ops = {
	.dev_infos_get = mif_infos_get,
	.dev_configure = mif_configure,
	.dev_start = mif_start,
	.dev_stop = mif_stop,
	.dev_close = mif_close,
	.link_update = mif_link_update,
	.rx_queue_setup = mif_rxq_setup,
	.tx_queue_setup = mif_txq_setup,
	.rx_queue_release = ethdev_rxq_free,
	.tx_queue_release = ethdev_txq_free,
	.rxq_info_get = mif_rxq_info,
	.xstats_get_names = mif_xstats_names,
	.xstats_get = mif_xstats,
};

/* ---- probe / remove ------------------------------------------------------------------------------ */
/* DPDK 22.11 parses these with strstr/strtoul; so do we, but a value it
 * would ignore or misread is refused here with a log line. */
static int parse_args(const char *name, const char *args, struct mif_priv *p)
{
	struct rte_kvargs *kv;
	int ret = 0;

	p->role = MIF_ROLE_CLIENT;
	p->id = 0;
	p->bsize = MIF_DFLT_BSIZE;
	p->log2_ring = MIF_DFLT_LOG2_RING;
	p->abstract = 1;                /* DPDK 22.11: abstract socket unless socket-abstract=no */
	snprintf(p->socket, sizeof(p->socket), "%s", MIF_DFLT_SOCKET);
	rte_eth_random_addr(p->mac.addr_bytes);
	kv = rte_kvargs_parse(args ? args : "", valid_args);
	if (kv == NULL) {
		RTE_ETHDEV_LOG(ERR, MIF_DRV " %s: cannot parse arguments '%s' (valid: id, role, "
			       "bsize, rsize, socket, socket-abstract, mac, zero-copy, secret)\n",
			       name, args);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < kv->count && ret == 0; i++) {
		const char *k = kv->pairs[i].key, *v = kv->pairs[i].value ? kv->pairs[i].value : "";
		char *end;
		unsigned long n;
		if (strcmp(k, "role") == 0) {
			if (strstr(v, "server") || strstr(v, "master"))
				p->role = MIF_ROLE_SERVER;
			else if (strstr(v, "client") || strstr(v, "slave"))
				p->role = MIF_ROLE_CLIENT;
			else
				ret = -EINVAL;
		} else if (strcmp(k, "id") == 0) {
			errno = 0;
			n = strtoul(v, &end, 10);
			if (*v == '\0' || *end != '\0' || errno != 0 || n > UINT32_MAX)
				ret = -EINVAL;
			else
				p->id = (uint32_t)n;
		} else if (strcmp(k, "bsize") == 0) {
			n = strtoul(v, &end, 10);
			if (*end != '\0' || n == 0 || n > 0xffff)
				ret = -EINVAL;
			else
				p->bsize = (uint32_t)n;
		} else if (strcmp(k, "rsize") == 0) {
			n = strtoul(v, &end, 10);
			if (*end != '\0' || n == 0 || n > MIF_MAX_LOG2_RING)
				ret = -EINVAL;
			else
				p->log2_ring = (uint32_t)n;
		} else if (strcmp(k, "socket") == 0) {
			if (*v == '\0' || strlen(v) >= sizeof(p->socket))
				ret = -EINVAL;
			else
				snprintf(p->socket, sizeof(p->socket), "%s", v);
		} else if (strcmp(k, "socket-abstract") == 0) {
			if (strstr(v, "yes"))
				p->abstract = 1;
			else if (strstr(v, "no"))
				p->abstract = 0;
			else
				ret = -EINVAL;
		} else if (strcmp(k, "mac") == 0) {
			if (rte_ether_unformat_addr(v, &p->mac) < 0)
				ret = -EINVAL;
		} else if (strcmp(k, "zero-copy") == 0) {
			if (strstr(v, "yes"))
				p->zero_copy = 1;
			else if (strstr(v, "no"))
				p->zero_copy = 0;
			else
				ret = -EINVAL;
		} else {        /* secret */
			if (strlen(v) > MEMIF_SECRET_SZ - 1)
				ret = -EINVAL;
			else
				snprintf(p->secret, sizeof(p->secret), "%s", v);
		}
		if (ret < 0)
			RTE_ETHDEV_LOG(ERR, MIF_DRV " %s: bad argument %s=%s\n", name, k, v);
	}
	rte_kvargs_free(kv);
	if (ret < 0)
		return ret;
	if (p->role == MIF_ROLE_SERVER)
		p->zero_copy = 0;       /* DPDK: only relevant to a client */
	if (p->zero_copy && mif_zc_elt_size(p->bsize) > UINT16_MAX) {
		RTE_ETHDEV_LOG(ERR, MIF_DRV " %s: zero-copy=yes needs bsize <= %u (an mbuf "
			       "data room holds the headroom and one buffer)\n", name,
			       UINT16_MAX - RTE_PKTMBUF_HEADROOM - 63);
		return -EINVAL;
	}
	if (!p->abstract) {
		/* the socket's directory must exist and be writable (DPDK checks too) */
		char dir[MIF_SOCK_PATH_MAX];
		const char *slash = strrchr(p->socket, '/');
		if (slash == NULL) {
			RTE_ETHDEV_LOG(ERR, MIF_DRV " %s: socket=%s needs a directory part\n", name,
				       p->socket);
			return -EINVAL;
		}
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - p->socket), p->socket);
		if (access(dir[0] ? dir : "/", R_OK | W_OK | X_OK) < 0) {
			RTE_ETHDEV_LOG(ERR, MIF_DRV " %s: socket directory %s: %s\n", name,
				       dir[0] ? dir : "/", strerror(errno));
			return -EINVAL;
		}
	}
	return 0;
}

static int mif_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev), *args = rte_vdev_device_args(vdev);
	struct mif_priv tmp, *p;
	struct mif_local *l;
	struct rte_eth_dev *dev;
	int rc;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		RTE_ETHDEV_LOG(ERR, MIF_DRV " %s: secondary processes cannot use a memif port "
			       "(its socket, regions and peer belong to the primary)\n", name);
		return -ENOTSUP;
	}
	memset(&tmp, 0, sizeof(tmp));
	rc = parse_args(name, args, &tmp);
	if (rc < 0)
		return rc;
	l = calloc(1, sizeof(*l));
	if (l == NULL)
		return -ENOMEM;
	dev = ethdev_allocate(name);
	if (dev == NULL) {
		free(l);
		return -rte_errno;
	}
	p = rte_zmalloc_socket("memif_priv", sizeof(*p), 0, (int)rte_socket_id());
	if (p == NULL) {
		free(l);
		ethdev_release_port(dev);
		RTE_ETHDEV_LOG(ERR, MIF_DRV " %s: out of memory\n", name);
		return -ENOMEM;
	}
	*p = tmp;
	dev->data->dev_private = p;
	dev->data->mac_addrs[0] = p->mac;
	dev->data->numa_node = (int)rte_socket_id();
	dev->data->dev_flags = RTE_ETH_DEV_INTR_LSC;
	dev->data->promiscuous = 1;
	dev->dev_ops = &mif_ops;
	dev->rx_pkt_burst = mif_rx;
	dev->tx_pkt_burst = mif_tx;
	dev->device = &vdev->device;
	l->dev = dev;
	l->p = p;
	rc = mif_ctl_attach(l);
	if (rc < 0) {
		free(l);
		ethdev_release_port(dev);
		return rc;
	}
	dev->process_private = l;
	mif_ctl_link_publish(l);
	ethdev_probing_finish(dev);
	return 0;
}

static int mif_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = ethdev_allocated(rte_vdev_device_name(vdev));

	if (dev == NULL)
		return 0;
	rte_eth_dev_stop(dev->data->port_id);
	return rte_eth_dev_close(dev->data->port_id);
}

static struct rte_vdev_driver pmd_memif_drv = {
	.probe = mif_probe,
	.remove = mif_remove,
};

RTE_PMD_REGISTER_VDEV(net_memif, pmd_memif_drv);
RTE_PMD_REGISTER_PARAM_STRING(net_memif, "id=<int> role=server|client bsize=<int> "
			      "rsize=<int> socket=<string> socket-abstract=yes|no "
			      "mac=xx:xx:xx:xx:xx:xx zero-copy=yes|no secret=<string>");
