/* SPDX-License-Identifier: BSD-3-Clause
 * net_af_xdp: a port on a Linux interface through AF_XDP sockets (XSK),
 * built with libxdp/libbpf (DPDK's net_af_xdp arguments).
 *
 *   --vdev=net_af_xdp0,iface=IF[,start_queue=Q][,queue_count=N][,xdp_prog=FILE.o]
 *                      [,busy_budget=B][,force_copy=0|1][,shared_umem=0|1]
 *
 * Queue i is one XSK socket bound to the interface's queue start_queue+i,
 * with its own UMEM, in one of two modes chosen at dev_start:
 *
 * Zero copy into mbufs (when the rx queue's mempool fits): the UMEM is the
 * mempool's own memory, registered as is (XDP_UMEM_UNALIGNED_CHUNK_FLAG: a
 * chunk is any address, here an mbuf). The pool's memory must be one
 * virtually contiguous area, and an mbuf's buffer
 * (struct rte_mbuf + private area + data room) must be 2048..page size
 * bytes, the kernel's chunk limits. (Several memory chunks are fine when
 * they are adjacent: runs of one zone, as hugepage pools are.) The fill ring carries mbufs freshly
 * allocated from the pool (address = the mbuf's offset in the UMEM,
 * frame_headroom = the distance from the mbuf to its buf_addr), so the
 * kernel writes each packet into an mbuf's data room, XDP_PACKET_HEADROOM
 * (256) bytes after buf_addr; rx hands that mbuf up (data_off from the
 * descriptor) and refills the fill ring with new mbufs in one bulk. tx posts
 * the mbuf's own data address (offset | data offset << 48) when the mbuf is
 * from that pool, direct, one segment, refcnt 1, and frees it when its
 * completion comes back; any other mbuf is copied into a fresh mbuf of the
 * pool first. held[] (one byte per mbuf slot of the pool) says which mbufs the
 * kernel holds (fill/rx ring: 1, tx/completion ring: 2), so stop frees
 * exactly those after the socket and UMEM are gone. Sockets bind XDP_COPY,
 * so the kernel still copies once between its buffer and the UMEM; we copy
 * none.
 *
 * Copy (fallback; tx-only queues too): a UMEM of AFX_FRAMES frames
 * (AFX_FRAME bytes each) in this process's memory: the first half of the
 * frames feed the fill ring, the second half are TX frames on a free stack.
 * rx copies each received frame into an mbuf and gives the frame straight
 * back to the fill ring; tx takes the completions back onto the free stack
 * and copies each mbuf into a free frame. Why a queue fell back is said in
 * one log line at start; the xstat qN_xsk_zero_copy reads 1 or 0.
 *
 * Both post descriptors and kick the socket (sendto) only when the ring asks
 * for it (XDP_USE_NEED_WAKEUP; generic mode always asks on tx), and take
 * completions in one batch per burst. The XDP program: libxdp's default redirect
 * program (xsk_def_xdp_prog.o) or xdp_prog= (an object with a map
 * "xsks_map"), loaded, attached and removed by us, so nothing stays behind:
 * in native (driver) mode where the interface takes it (veth does, up to a
 * peer MTU of about 3.5 kB), as DPDK gets it from the kernel's default,
 * else in generic (SKB) mode, so any interface works; one INFO line and
 * the xstat qN_xsk_native say which. busy_budget=N (N > 0) sets DPDK's
 * preferred busy polling on each rx socket (an empty rx burst then kicks
 * with recvfrom; xstat qN_xsk_busy_poll); the default is 0, off (DPDK:
 * 64), see docs/compat.md. force_copy= and shared_umem= are DPDK's and
 * accepted (0|1): sockets always bind XDP_COPY, and each queue has its own
 * UMEM. A program a killed process left on the interface (kill -9 skips
 * dev_stop) is removed at the next start when it is an XSK program no live
 * process holds; a program in use, or not an XSK one, fails the start at
 * once with a line saying whose it is (afx_clear_stale).
 *
 * Owns: dev_private (struct afx_priv, shared: arguments), queue objects
 * (shared, eth_queue_stats first), and per process (process_private): the
 * UMEMs, sockets, ring views, the XDP program. They exist only between
 * dev_start and dev_stop; stop releases all of them (the program is removed
 * from the interface with the last socket).
 *
 * Secondary processes attach (port id, name, info, stats, link as in the
 * primary) but cannot poll: the copy-mode UMEMs live in the primary's
 * private memory, and in both modes the ring views, the TX frame stacks
 * and the held[] maps of zero copy (which mbufs the kernel holds) are the
 * primary's, so an XSK fd passed over (as DPDK 22.11 does) would give
 * nothing consistent to work on. Their
 * bursts return 0 and the first one on each port logs why (DPDK 22.11's
 * secondary bursts return 0 without a word).
 *
 * Ordering with the kernel: the xsk ring helpers of libxdp (xsk.h) carry the
 * pairs: consumer peek = acquire load of the producer index, release =
 * release store of the consumer index; producer submit = release store of
 * the producer index after the descriptors are written. Zero copy adds no
 * pair of its own: an mbuf changes hands only through those rings (Z1: we
 * reset it before the fill-ring submit, so the kernel sees a whole mbuf;
 * Z2: the rx peek's acquire makes the packet bytes the kernel wrote
 * visible before we read them or hand the mbuf up; Z3: a tx mbuf's bytes
 * are written before the tx submit, and we free it only after its
 * completion is peeked). The kernel writes only from buf_addr on
 * (frame_headroom covers struct rte_mbuf and the private area), so an
 * mbuf's header is never written by both sides. */
#include <dirent.h>
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
#define AFX_ZC_FILL AFX_RING             /* zero copy: mbufs kept on the fill ring (at most) */
#define AFX_UMEM_MIN_CHUNK 2048u         /* the kernel's smallest UMEM chunk (XDP_UMEM_MIN_CHUNK_SIZE) */
#define AFX_HELD_FILL 1                  /* held[]: on the fill or rx ring */
#define AFX_HELD_TX 2                    /* held[]: on the tx or completion ring */

static const char *const valid_args[] = {
	"iface", "start_queue", "queue_count", "xdp_prog",
	"shared_umem", "busy_budget", "force_copy", NULL
};

#define AFX_BUSY_POLL_US 20	/* SO_BUSY_POLL when busy_budget= is set (DPDK's value) */

struct afx_priv {
	char iface[IFNAMSIZ];
	unsigned int start_queue, queue_count;
	unsigned int busy_budget;            /* 0: no preferred busy polling */
	char prog[256];
	struct rte_ether_addr mac;
};

struct afx_sock {
	struct xsk_socket *xsk;
	struct xsk_umem *umem;
	void *area;
	struct xsk_ring_prod fq, tx;
	struct xsk_ring_cons cq, rx;
	uint64_t free_addr[AFX_FRAMES / 2];  /* copy mode: tx frames not in flight */
	uint32_t nfree;
	/* zero copy (zc = 1): the UMEM is zmp's memory starting at zbase */
	int zc;
	struct rte_mempool *zmp;
	uint8_t *zbase;
	uintptr_t zfirst;                    /* lowest object (mbuf) */
	uint32_t zstride, zcount;            /* object stride; slots in held[] */
	uint32_t zfill, zdeficit;            /* fill target; mbufs short of it */
	uint8_t *held;                       /* per mbuf: AFX_HELD_* or 0 */
	int busy;                            /* preferred busy polling is on: an empty rx kicks */
	struct xdp_statistics base;          /* at the last stats reset */
	struct xdp_statistics last;          /* at stop (the socket is gone after) */
};

struct afx_local {
	struct afx_sock s[AFX_MAX_QUEUES];
	struct xdp_program *prog;            /* attached by us: xdp_prog= or libxdp's default */
	enum xdp_attach_mode mode;           /* XDP_MODE_NATIVE, else XDP_MODE_SKB */
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

/* ---- zero copy fast path ------------------------------------------------------------------------ */
static inline uint32_t zc_index(const struct afx_sock *s, const struct rte_mbuf *m)
{
	return (uint32_t)(((uintptr_t)m - s->zfirst) / s->zstride);
}

static inline struct rte_mbuf *zc_mbuf(const struct afx_sock *s, uint64_t addr)
{
	return (struct rte_mbuf *)(s->zbase + xsk_umem__extract_addr(addr));
}

/* Top the fill ring up to zfill with new mbufs (one bulk allocation).
 * 0, or the number that could not be allocated (counted as rx_nombuf). */
static uint32_t zc_refill(struct afx_sock *s, uint32_t want)
{
	struct rte_mbuf *m[64];
	uint32_t idx = 0, done = 0;

	while (done < want) {
		uint32_t n = RTE_MIN(want - done, (uint32_t)RTE_DIM(m));
		if (rte_pktmbuf_alloc_bulk(s->zmp, m, n) != 0)
			break;
		if (xsk_ring_prod__reserve(&s->fq, n, &idx) != n) {
			rte_pktmbuf_free_bulk(m, n);   /* cannot happen: fill ring > zfill */
			break;
		}
		for (uint32_t i = 0; i < n; i++) {
			*xsk_ring_prod__fill_addr(&s->fq, idx + i) = (uint64_t)((uint8_t *)m[i] - s->zbase);
			s->held[zc_index(s, m[i])] = AFX_HELD_FILL;
		}
		xsk_ring_prod__submit(&s->fq, n);
		done += n;
	}
	return want - done;
}

static uint16_t afx_rx_zc(struct afx_queue *q, struct afx_sock *s, struct rte_mbuf **bufs,
			  uint16_t nb)
{
	uint32_t idx = 0, n, short_before = s->zdeficit;
	uint64_t bytes = 0;

	n = xsk_ring_cons__peek(&s->rx, nb, &idx);
	if (n == 0) {
		if (s->zdeficit)
			s->zdeficit = zc_refill(s, s->zdeficit);
		if (s->busy || xsk_ring_prod__needs_wakeup(&s->fq))
			(void)recvfrom(xsk_socket__fd(s->xsk), NULL, 0, MSG_DONTWAIT, NULL, NULL);
		return 0;
	}
	for (uint32_t i = 0; i < n; i++) {
		const struct xdp_desc *d = xsk_ring_cons__rx_desc(&s->rx, idx + i);
		struct rte_mbuf *m = zc_mbuf(s, d->addr);
		uint8_t *data = s->zbase + xsk_umem__add_offset_to_addr(d->addr);
		s->held[zc_index(s, m)] = 0;
		m->data_off = (uint16_t)(data - (uint8_t *)m->buf_addr);
		m->data_len = (uint16_t)d->len;
		m->pkt_len = d->len;
		m->port = q->port_id;
		bytes += d->len;
		bufs[i] = m;
	}
	xsk_ring_cons__release(&s->rx, n);
	s->zdeficit = zc_refill(s, s->zdeficit + n);
	if (s->zdeficit > short_before)
		eth_qstats_nombuf(&q->stats, s->zdeficit - short_before);
	if (unlikely(ethdev_rss_wanted(q->data)))
		ethdev_rss_mark(q->data, bufs, (uint16_t)n);
	eth_qstats_add(&q->stats, n, bytes);
	return (uint16_t)n;
}

static void zc_complete(struct afx_sock *s)
{
	struct rte_mbuf *m[64];
	uint32_t idx = 0, n;

	while ((n = xsk_ring_cons__peek(&s->cq, RTE_DIM(m), &idx)) != 0) {
		for (uint32_t i = 0; i < n; i++) {
			m[i] = zc_mbuf(s, *xsk_ring_cons__comp_addr(&s->cq, idx + i));
			s->held[zc_index(s, m[i])] = 0;
		}
		xsk_ring_cons__release(&s->cq, n);
		rte_pktmbuf_free_bulk(m, n);
	}
}

static uint16_t afx_tx_zc(struct afx_queue *q, struct afx_sock *s, struct rte_mbuf **bufs,
			  uint16_t nb)
{
	uint32_t idx = 0, k = 0, n;
	uint64_t bytes = 0, bad = 0;
	uint16_t i;

	zc_complete(s);
	/* as many as the tx ring has room for (reserve is all or nothing) */
	n = RTE_MIN((uint32_t)nb, xsk_prod_nb_free(&s->tx, nb));
	if (n != 0 && xsk_ring_prod__reserve(&s->tx, n, &idx) != n)
		n = 0;
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = bufs[i], *z = m;
		if (m->pool != s->zmp || m->nb_segs != 1 || !RTE_MBUF_DIRECT(m) ||
		    rte_mbuf_refcnt_read(m) != 1) {
			/* not postable as is: copy into a fresh mbuf of the UMEM's pool */
			if (m->pkt_len > (uint32_t)rte_pktmbuf_data_room_size(s->zmp) - RTE_PKTMBUF_HEADROOM) {
				bad++;
				rte_pktmbuf_free(m);
				continue;
			}
			z = rte_pktmbuf_alloc(s->zmp);
			if (z == NULL)
				break;          /* the caller keeps bufs[i..] */
			uint8_t *dst = rte_pktmbuf_mtod(z, uint8_t *);
			for (const struct rte_mbuf *seg = m; seg; seg = seg->next) {
				memcpy(dst, rte_pktmbuf_mtod(seg, const void *), seg->data_len);
				dst += seg->data_len;
			}
			z->data_len = (uint16_t)m->pkt_len;
			z->pkt_len = m->pkt_len;
			rte_pktmbuf_free(m);
		}
		struct xdp_desc *d = xsk_ring_prod__tx_desc(&s->tx, idx + k++);
		uint64_t off = (uint64_t)((uint8_t *)z - s->zbase);
		uint64_t doff = (uint64_t)(rte_pktmbuf_mtod(z, uint8_t *) - (uint8_t *)z);
		d->addr = off | (doff << XSK_UNALIGNED_BUF_OFFSET_SHIFT);
		d->len = z->pkt_len;
		s->held[zc_index(s, z)] = AFX_HELD_TX;
		bytes += z->pkt_len;
	}
	if (k < n)
		s->tx.cached_prod -= n - k;   /* give back the descriptors not used */
	if (k) {
		xsk_ring_prod__submit(&s->tx, k);
		if (xsk_ring_prod__needs_wakeup(&s->tx))
			(void)sendto(xsk_socket__fd(s->xsk), NULL, 0, MSG_DONTWAIT, NULL, 0);
	} else if (n == 0) {
		(void)sendto(xsk_socket__fd(s->xsk), NULL, 0, MSG_DONTWAIT, NULL, 0);
	}
	if (bad)
		eth_qstats_err(&q->stats, bad);
	eth_qstats_add(&q->stats, k, bytes);
	return i;
}

/* ---- copy-mode fast path ------------------------------------------------------------------------ */
static uint16_t afx_rx(void *qv, struct rte_mbuf **bufs, uint16_t nb)
{
	struct afx_queue *q = qv;
	struct afx_sock *s = sock_of(q);
	uint32_t idx_rx = 0, idx_fq = 0, n, i;
	uint64_t bytes = 0;

	if (unlikely(s == NULL))
		return 0;
	if (s->zc)
		return afx_rx_zc(q, s, bufs, nb);
	n = xsk_ring_cons__peek(&s->rx, nb, &idx_rx);
	if (n == 0) {
		if (s->busy || xsk_ring_prod__needs_wakeup(&s->fq))
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
	if (s->zc)
		return afx_tx_zc(q, s, bufs, nb);
	tx_complete(s);
	n = RTE_MIN(RTE_MIN((uint32_t)nb, s->nfree), xsk_prod_nb_free(&s->tx, nb));
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
	if (xsk_ring_prod__needs_wakeup(&s->tx))
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

/* Stop: every mbuf the kernel still held goes back to the pool. */
static void zc_free_held(struct rte_mempool *mp, void *opaque, void *obj, unsigned int i)
{
	struct afx_sock *s = opaque;

	RTE_SET_USED(mp);
	RTE_SET_USED(i);
	if (s->held[zc_index(s, obj)])
		rte_pktmbuf_free(obj);
}

static void sock_close(struct afx_sock *s)
{
	if (s->xsk) {
		xstats_read(s, &s->last);
		xsk_socket__delete(s->xsk);
	}
	if (s->umem)
		xsk_umem__delete(s->umem);
	/* zero copy: the kernel let go of the UMEM with the sockets; the mbufs
	 * it held (fill, rx, tx, completion rings) go back to the pool */
	if (s->held != NULL)
		rte_mempool_obj_iter(s->zmp, zc_free_held, s);
	free(s->held);
	free(s->area);
	s->xsk = NULL;
	s->umem = NULL;
	s->area = NULL;
	s->held = NULL;
	s->zc = 0;
}

/* ---- zero copy: does the pool fit a UMEM? ------------------------------------------------------------ */
/* Objects of a pool may sit in several memory chunks (runs of IO-contiguous
 * pages of one zone) with a little padding between runs, so an object's
 * slot in held[] is (obj - first) / stride: distinct for objects that do
 * not overlap, and at most span / stride + 1 slots. */
struct zc_walk {
	uintptr_t lo, hi;                    /* objects: lowest, highest */
	uintptr_t *chunk;                    /* memory chunks: start, end pairs */
	unsigned int n;
};

static void zc_walk_obj(struct rte_mempool *mp, void *opaque, void *obj, unsigned int i)
{
	struct zc_walk *w = opaque;

	RTE_SET_USED(mp);
	if (i == 0 || (uintptr_t)obj < w->lo)
		w->lo = (uintptr_t)obj;
	if (i == 0 || (uintptr_t)obj > w->hi)
		w->hi = (uintptr_t)obj;
}

static void zc_walk_mem(struct rte_mempool *mp, void *opaque, struct rte_mempool_memhdr *mh,
			unsigned int i)
{
	struct zc_walk *w = opaque;

	RTE_SET_USED(mp);
	RTE_SET_USED(i);
	w->chunk[2 * w->n] = (uintptr_t)mh->addr;
	w->chunk[2 * w->n + 1] = (uintptr_t)mh->addr + mh->len;
	w->n++;
}

static int cmp_chunk(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
	return x < y ? -1 : x > y;
}

/* Fill s->z* for a UMEM over mp's memory and return its length; 0 with
 * `why` filled when the pool does not fit: its memory is not one virtually
 * contiguous area (chunks further apart than one object), or its mbuf
 * buffers are outside the kernel's chunk sizes. */
static size_t zc_fit(struct afx_sock *s, struct rte_mempool *mp, char *why, size_t len)
{
	size_t pg = (size_t)getpagesize();
	uint32_t stride = mp->header_size + mp->elt_size + mp->trailer_size;
	struct zc_walk w = { .n = 0 };
	uint32_t hr, chunk;

	if (mp->elt_size < sizeof(struct rte_mbuf) || mp->private_data_size <
	    sizeof(struct rte_pktmbuf_pool_private) || mp->nb_mem_chunks == 0) {
		snprintf(why, len, "pool %s is not a populated mbuf pool", mp->name);
		return 0;
	}
	hr = (uint32_t)(sizeof(struct rte_mbuf) + rte_pktmbuf_priv_size(mp));
	chunk = hr + rte_pktmbuf_data_room_size(mp);
	if (chunk < AFX_UMEM_MIN_CHUNK || chunk > pg ||
	    rte_pktmbuf_data_room_size(mp) < XDP_PACKET_HEADROOM + RTE_ETHER_MIN_LEN) {
		snprintf(why, len, "mbuf buffers of pool %s are %u bytes, a UMEM chunk is %u..%zu",
			 mp->name, chunk, AFX_UMEM_MIN_CHUNK, pg);
		return 0;
	}
	w.chunk = malloc(2 * sizeof(uintptr_t) * mp->nb_mem_chunks);
	if (w.chunk == NULL) {
		snprintf(why, len, "out of memory");
		return 0;
	}
	rte_mempool_mem_iter(mp, zc_walk_mem, &w);
	qsort(w.chunk, w.n, 2 * sizeof(uintptr_t), cmp_chunk);
	for (unsigned int k = 1; k < w.n; k++) {
		if (w.chunk[2 * k] < w.chunk[2 * k - 1] || w.chunk[2 * k] - w.chunk[2 * k - 1] >= stride) {
			snprintf(why, len, "pool %s is not one contiguous area (%u memory chunks "
				 "apart)", mp->name, w.n);
			free(w.chunk);
			return 0;
		}
	}
	free(w.chunk);
	rte_mempool_obj_iter(mp, zc_walk_obj, &w);
	s->zmp = mp;
	s->zfirst = w.lo;
	s->zstride = stride;
	s->zcount = (uint32_t)((w.hi - w.lo) / stride + 1);
	s->zbase = (uint8_t *)RTE_ALIGN_FLOOR(w.lo, pg);
	return RTE_ALIGN_CEIL(w.hi + chunk, pg) - (uintptr_t)s->zbase;
}

/* busy_budget=N: ask the kernel to let this socket's polling run the
 * interface's NAPI (SO_PREFER_BUSY_POLL, SO_BUSY_POLL, SO_BUSY_POLL_BUDGET),
 * as DPDK does; an empty rx burst then kicks with recvfrom. A kernel or
 * interface that refuses leaves the socket as it was (one log line). */
static int busy_poll_on(struct rte_eth_dev *dev, struct afx_sock *s, unsigned int i,
			unsigned int budget)
{
	int fd = xsk_socket__fd(s->xsk), one = 1, us = AFX_BUSY_POLL_US, b = (int)budget, zero = 0;

	if (setsockopt(fd, SOL_SOCKET, SO_PREFER_BUSY_POLL, &one, sizeof(one)) == 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_BUSY_POLL, &us, sizeof(us)) == 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_BUSY_POLL_BUDGET, &b, sizeof(b)) == 0)
		return 1;
	RTE_ETHDEV_LOG(NOTICE, "net_af_xdp %s: queue %u: no preferred busy polling (%s); "
		       "polling as with busy_budget=0\n", dev->data->name, i, strerror(errno));
	(void)setsockopt(fd, SOL_SOCKET, SO_BUSY_POLL, &zero, sizeof(zero));
	(void)setsockopt(fd, SOL_SOCKET, SO_PREFER_BUSY_POLL, &zero, sizeof(zero));
	return 0;
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
		.xdp_flags = l->mode == XDP_MODE_NATIVE ? XDP_FLAGS_DRV_MODE : XDP_FLAGS_SKB_MODE,
		.bind_flags = XDP_COPY | XDP_USE_NEED_WAKEUP,
		.libxdp_flags = XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD,
	};
	uint32_t idx = 0;
	int rc;
	const char *what;
	char why[160] = "tx-only queue";
	struct afx_queue *rxq = i < dev->data->nb_rx_queues ? dev->data->rx_queues[i] : NULL;
	size_t zlen;

	memset(s, 0, sizeof(*s));     /* ring views from a previous start must not leak in */
	if (rxq != NULL && (zlen = zc_fit(s, rxq->mp, why, sizeof(why))) != 0) {
		struct xsk_umem_config zcfg = {
			.fill_size = AFX_RING, .comp_size = AFX_RING,
			.frame_size = (uint32_t)(sizeof(struct rte_mbuf) +
						 rte_pktmbuf_priv_size(s->zmp) +
						 rte_pktmbuf_data_room_size(s->zmp)),
			.frame_headroom = (uint32_t)(sizeof(struct rte_mbuf) +
						     rte_pktmbuf_priv_size(s->zmp)),
			.flags = XDP_UMEM_UNALIGNED_CHUNK_FLAG,
		};
		s->held = calloc(s->zcount, 1);
		rc = s->held ? xsk_umem__create(&s->umem, s->zbase, zlen, &s->fq, &s->cq, &zcfg) :
			-ENOMEM;
		if (rc == 0) {
			s->zc = 1;
		} else {
			snprintf(why, sizeof(why), "registering pool %s as a UMEM failed: %s",
				 s->zmp->name, strerror(rc < 0 ? -rc : rc));
			s->umem = NULL;
			free(s->held);
			s->held = NULL;
		}
	}
	if (!s->zc) {
		RTE_ETHDEV_LOG(NOTICE, "net_af_xdp %s: queue %u copies packets (no zero copy: %s)\n",
			       dev->data->name, i, why);
		if (posix_memalign(&s->area, (size_t)getpagesize(),
				   (size_t)AFX_FRAMES * AFX_FRAME) != 0) {
			s->area = NULL;
			rc = -ENOMEM;
			what = "UMEM memory";
			goto fail;
		}
		rc = xsk_umem__create(&s->umem, s->area, (uint64_t)AFX_FRAMES * AFX_FRAME, &s->fq,
				      &s->cq, &ucfg);
		if (rc) {
			s->umem = NULL;
			what = "xsk_umem__create";
			goto fail;
		}
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
	memset(&s->base, 0, sizeof(s->base));
	memset(&s->last, 0, sizeof(s->last));
	if (p->busy_budget != 0 && rxq != NULL)
		s->busy = busy_poll_on(dev, s, i, p->busy_budget);
	if (s->zc) {
		/* the fill ring gets up to AFX_ZC_FILL new mbufs, a quarter of the pool at most */
		s->zfill = RTE_MIN(AFX_ZC_FILL, s->zmp->size / 4);
		s->zdeficit = zc_refill(s, s->zfill);
		RTE_ETHDEV_LOG(INFO, "net_af_xdp %s: queue %u zero copy: UMEM = pool %s "
			       "(%u mbufs), %u on the fill ring\n", dev->data->name, i, s->zmp->name,
			       s->zmp->size, s->zfill - s->zdeficit);
		return 0;
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
				xdp_program__detach(l->prog, ifindex, l->mode, 0);
			xdp_program__close(l->prog);
			l->prog = NULL;
		}
	}
	afx_link(dev, 0);
	return 0;
}

/* Does any process we can see hold an fd of BPF program `id`? A running
 * port (dplite's or DPDK's, through libxdp) keeps its program open until
 * it stops. Returns the first such pid, or 0. */
static pid_t prog_holder(uint32_t id)
{
	char path[600], want[32], line[64];
	struct dirent *p, *f;
	pid_t who = 0;
	DIR *procs = opendir("/proc");

	if (procs == NULL)
		return 0;
	snprintf(want, sizeof(want), "prog_id:\t%u\n", id);
	while (who == 0 && (p = readdir(procs)) != NULL) {
		if (p->d_name[0] < '1' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fdinfo", p->d_name);
		DIR *fds = opendir(path);
		while (who == 0 && fds != NULL && (f = readdir(fds)) != NULL) {
			snprintf(path, sizeof(path), "/proc/%s/fdinfo/%s", p->d_name, f->d_name);
			FILE *in = f->d_name[0] == '.' ? NULL : fopen(path, "r");
			while (in != NULL && fgets(line, sizeof(line), in) != NULL)
				if (strcmp(line, want) == 0) {
					who = (pid_t)atoi(p->d_name);
					break;
				}
			if (in != NULL)
				fclose(in);
		}
		if (fds != NULL)
			closedir(fds);
	}
	closedir(procs);
	return who;
}

/* Is program `id` an XSK redirect program (one of its maps is an XSKMAP)? */
static int prog_is_xsk(uint32_t id)
{
	uint32_t maps[16];
	struct bpf_prog_info pi;
	uint32_t len = sizeof(pi);
	int fd = bpf_prog_get_fd_by_id(id), xsk = 0;

	if (fd < 0)
		return 0;
	memset(&pi, 0, sizeof(pi));
	pi.nr_map_ids = RTE_DIM(maps);
	pi.map_ids = (uint64_t)(uintptr_t)maps;
	if (bpf_obj_get_info_by_fd(fd, &pi, &len) == 0)
		for (uint32_t i = 0; i < RTE_MIN(pi.nr_map_ids, (uint32_t)RTE_DIM(maps)) && !xsk; i++) {
			struct bpf_map_info mi;
			uint32_t mlen = sizeof(mi);
			int mfd = bpf_map_get_fd_by_id(maps[i]);
			memset(&mi, 0, sizeof(mi));
			xsk = mfd >= 0 && bpf_obj_get_info_by_fd(mfd, &mi, &mlen) == 0 &&
			      mi.type == BPF_MAP_TYPE_XSKMAP;
			if (mfd >= 0)
				close(mfd);
		}
	close(fd);
	return xsk;
}

/* A process killed with kill -9 never reaches dev_stop, so its XDP program
 * stays on the interface and every later attach fails (libxdp cannot
 * replace a program it did not load). Remove such a leftover: an XSK
 * redirect program that no live process holds open. Anything else on the
 * interface (a running port's program, someone's own) is left alone and
 * the start fails at once, saying whose it is. 0, or -EBUSY. */
static int afx_clear_stale(struct rte_eth_dev *dev, int ifindex, const char *iface)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);
	uint32_t id;
	pid_t who;

	if (bpf_xdp_query(ifindex, 0, &q) != 0 || q.attach_mode == XDP_ATTACHED_NONE)
		return 0;
	id = q.drv_prog_id ? q.drv_prog_id : q.skb_prog_id ? q.skb_prog_id : q.prog_id;
	if (id == 0 || q.attach_mode == XDP_ATTACHED_MULTI || q.attach_mode == XDP_ATTACHED_HW ||
	    !prog_is_xsk(id)) {
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: %s already has an XDP program (id %u) that is "
			       "not an AF_XDP one; remove it first (ip link set dev %s xdp off)\n",
			       dev->data->name, iface, id, iface);
		return -EBUSY;
	}
	who = prog_holder(id);
	if (who != 0) {
		RTE_ETHDEV_LOG(ERR, "net_af_xdp %s: %s already has an AF_XDP program (id %u) held "
			       "by pid %d, a port in use; stop that port first\n",
			       dev->data->name, iface, id, (int)who);
		return -EBUSY;
	}
	if (bpf_xdp_detach(ifindex, q.drv_prog_id == id ? XDP_FLAGS_DRV_MODE : XDP_FLAGS_SKB_MODE,
			   NULL) != 0)
		return -EBUSY;
	RTE_ETHDEV_LOG(NOTICE, "net_af_xdp %s: removed XDP program %u that a process gone "
		       "without stopping its port left on %s\n", dev->data->name, id, iface);
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
	rc = afx_clear_stale(dev, ifindex, p->iface);
	if (rc != 0)
		return rc;
	/* our own program (we attach and remove it; libxdp's automatic load
	 * would leave it attached with its fds open after stop) */
	l->prog = p->prog[0] ? xdp_program__open_file(p->prog, NULL, NULL) :
		  xdp_program__find_file("xsk_def_xdp_prog.o", NULL, NULL);
	rc = (int)libxdp_get_error(l->prog);
	if (rc == 0) {
		/* native (driver) mode where the interface has it (veth does,
		 * up to a ~3.5 kB MTU), as DPDK gets from the kernel's default;
		 * generic (SKB) mode otherwise */
		l->mode = XDP_MODE_NATIVE;
		rc = xdp_program__attach(l->prog, ifindex, XDP_MODE_NATIVE, 0);
		if (rc != 0) {
			l->mode = XDP_MODE_SKB;
			rc = xdp_program__attach(l->prog, ifindex, XDP_MODE_SKB, 0);
		}
		if (rc == 0)
			RTE_ETHDEV_LOG(INFO, "net_af_xdp %s: XDP program attached to %s in %s mode\n",
				       dev->data->name, p->iface,
				       l->mode == XDP_MODE_NATIVE ? "native (driver)" : "generic (SKB)");
	}
	if (rc == 0) {
		struct bpf_object *obj = xdp_program__bpf_obj(l->prog);
		struct bpf_map *map = obj ? bpf_object__find_map_by_name(obj, "xsks_map") : NULL;
		l->map_fd = map ? bpf_map__fd(map) : -1;
		if (l->map_fd < 0) {
			xdp_program__detach(l->prog, ifindex, l->mode, 0);
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
	struct afx_queue *q = ethdev_queue_zalloc(dev, "afx_queue", sizeof(*q), socket);
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
	"tx_invalid_descs", "tx_ring_empty_descs", "zero_copy", "native", "busy_poll",
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
				 x.tx_ring_empty_descs - b.tx_ring_empty_descs,
				 l ? (uint64_t)l->s[i].zc : 0,
				 l && l->prog && l->mode == XDP_MODE_NATIVE,
				 l ? (uint64_t)l->s[i].busy : 0 };
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
	.rx_queue_release = ethdev_rxq_free,
	.tx_queue_release = ethdev_txq_free,
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
			       "start_queue, queue_count, xdp_prog, shared_umem, busy_budget, "
			       "force_copy)\n", name, args);
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
		} else if (strcmp(k, "busy_budget") == 0) {
			ret = kif_parse_uint("net_af_xdp", name, k, v, 0, UINT16_MAX, &p->busy_budget);
		} else if (strcmp(k, "force_copy") == 0 || strcmp(k, "shared_umem") == 0) {
			/* force_copy: the sockets always bind XDP_COPY (the kernel
			 * copies between its buffers and the UMEM; dplite's own zero
			 * copy into mbufs is separate). shared_umem: every queue
			 * has its own UMEM here; 1 is accepted and changes nothing
			 * but the memory registered. */
			unsigned int flag;
			ret = kif_parse_uint("net_af_xdp", name, k, v, 0, 1, &flag);
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
