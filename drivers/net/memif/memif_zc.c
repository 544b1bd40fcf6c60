/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif zero copy (zero-copy=yes, client role only): packet data lives
 * in a data region of its own that holds nothing but mbuf data rooms.
 *
 * Owns: the per-connection zero-copy area (struct mif_zc: a sealed memfd
 * mapped here, and a pinned-external-buffer mbuf pool whose data rooms are
 * that mapping while its mbuf headers stay in the EAL heap), the per-slot
 * mbuf tables of the rings, and the zero-copy bursts.
 * Calls: libc (memfd, mmap), rte_mempool, rte_mbuf. Never calls memif.c or
 * memif_ctl.c: they call in here (the burst reports a protocol violation
 * by returning its reason, memif.c turns it into a disconnect).
 *
 * Why not DPDK's way: DPDK 22.11's client shares every memseg file it has
 * (mbuf headers, mempool rings, the heap) so that any mbuf can be posted.
 * A peer could then rewrite our mbuf headers and heap. Here the peer maps
 * the ring region (region 0, as in copy mode) and the data region
 * (region 1) only: the worst it can do is change packet bytes.
 *
 * Data region layout (region 1): n buffers of `elt` bytes each,
 *   [headroom RTE_PKTMBUF_HEADROOM][bsize bytes offered to the peer][pad to 64]
 * buffer i at offset i * elt; mbuf i's buf_addr points at it for life
 * (RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF).
 *
 * Slot ownership:
 *   S2C (rx): slot s in [last, head) holds zslot[s], posted to the server
 *     with (region 1, offset of its data, bsize). The server fills it and
 *     moves tail; we check the returned descriptor names exactly that
 *     buffer (region, offset) with length <= bsize before we take the mbuf
 *     out of the slot and hand it to the application. Each read slot is
 *     refilled with a fresh mbuf from the pool.
 *   C2S (tx): slot s in [zdone, last) holds the mbuf whose data the server
 *     may read; it is freed once the server's tail passed it. A packet is
 *     posted in place when it is one segment of this connection's pool;
 *     anything else is copied once into buffers of the pool.
 *   Disconnect: every mbuf left in a slot table is freed exactly once
 *     (mif_zc_release); the pool and mapping go when every mbuf is back,
 *     else they wait on the port's retired list until the application
 *     returns what it holds (swept at the next connect, stop and close).
 *
 * Destruction rule: the application frees zero-copy mbufs on any thread at
 * any time, also while the control thread (dev_stop, the interrupt thread)
 * decides whether a pool can go. "Every mbuf is back" must therefore be a
 * fact the control thread observes with acquire, not a snapshot:
 *   - the pool has no per-lcore cache (ZC_CACHE 0): every put, from any
 *     thread, is an enqueue on the pool's ring_mp_mc ring (the pool is
 *     created with those ops, whatever --mbuf-pool-ops-name chose for the
 *     application's own pools);
 *   - Z1: a put writes its slots, waits (load-acquire, the ring's W1) for
 *     the earlier reservations' tail, then stores prod.tail with release
 *     (the ring's P1) and touches nothing of the pool afterwards. Tails
 *     retire in reservation order, each after an acquire of the one
 *     before, so the store that makes the ring hold all `size` objects
 *     happens after every earlier put's last write;
 *   - Z2: zc_all_back() loads prod.tail (and cons.tail) with acquire and
 *     destroys only when the ring holds exactly `size` objects. Reading
 *     that value synchronises with Z1 of the last put, hence with all of
 *     them: the put that gave back the last mbuf has finished before
 *     rte_mempool_free and munmap run. A put still in flight holds an
 *     object the tail does not count yet, so it cannot read as "all back".
 *   Nothing takes from a retired pool: its queues are down (the Q1/Q2
 *   drain in memif.c) and the application must not allocate from the
 *   port's pool itself. rte_mempool_full() is not used: it reads the tails
 *   and (for cached pools) the lcore caches relaxed, which gives no such
 *   edge (ThreadSanitizer reported the free racing an lcore's cache store).
 *   Cost: each free or alloc is a ring operation (CAS on the head) instead
 *   of a cache access; the driver's own ones are bulks (rx refill, tx
 *   reclaim), docs/packet-io.md has the figures.
 *
 * Ordering pairs: the same R1..R4 as copy mode (memif.c), on head/tail;
 * Z1/Z2 above for destruction.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memcpy.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include "ethdev_driver.h"
#include "mbuf_driver.h"
#include "memif_int.h"

#define ZC_EXTRA_MBUFS 1024u	/* beyond the rings: bursts the application holds */
#define ZC_CACHE 0u	/* no lcore cache: the destruction rule (Z1/Z2) needs it */
#define ZC_OPS "ring_mp_mc"	/* the ring whose tail ordering Z1 relies on */
#define ZC_MAX_PKT 65535u
#define ZC_MAX_CHAIN 512u

struct mif_zc {
	struct mif_zc *next;		/* in the port's retired list */
	struct rte_mempool *mp;
	uint8_t *addr;
	uint64_t size;
	int leak;			/* a burst never left: never unmap */
};

#define ZLOG(level, l, fmt, ...) \
	RTE_ETHDEV_LOG(level, MIF_DRV " %s: " fmt "\n", (l)->dev->data->name, ##__VA_ARGS__)

uint32_t mif_zc_elt_size(uint32_t bsize)
{
	return RTE_ALIGN_CEIL(RTE_PKTMBUF_HEADROOM + bsize, 64u);
}

static void zc_destroy(struct mif_zc *z)
{
	rte_mempool_free(z->mp);
	munmap(z->addr, z->size);
	free(z);
}

/* 1 when every mbuf of z's pool is back in its ring and every put that
 * brought one back has finished (Z2, see the header comment). */
static int zc_all_back(const struct mif_zc *z)
{
	const struct rte_ring *r = (const struct rte_ring *)z->mp->pool_data;
	uint32_t ct = __atomic_load_n(&r->cons.tail, __ATOMIC_ACQUIRE);        /* Z2 */
	uint32_t pt = __atomic_load_n(&r->prod.tail, __ATOMIC_ACQUIRE);        /* Z2 */

	return !z->leak && pt - ct == z->mp->size;
}

/* Free retired areas whose mbufs all came back. final: the port is closing;
 * what is still held stays mapped for good (an application mbuf points
 * into it) and is logged. */
void mif_zc_sweep(struct mif_local *l, int final)
{
	struct mif_zc **pp = &l->zc_retired;

	while (*pp != NULL) {
		struct mif_zc *z = *pp;
		if (zc_all_back(z)) {
			*pp = z->next;
			zc_destroy(z);
			continue;
		}
		if (final) {
			*pp = z->next;
			ZLOG(WARNING, l, "closing with %u zero-copy mbuf(s) still held by the "
			     "application: their data region stays mapped",
			     rte_mempool_in_use_count(z->mp));
			free(z);	/* the pool and mapping stay: mbufs point there */
			continue;
		}
		pp = &z->next;
	}
}

/* A sealed memfd of at least `want` bytes, mapped; 2 MiB pages when the
 * EAL uses hugepages and some are left. */
static int zc_memfd(uint64_t want, uint8_t **addr, uint64_t *size)
{
	for (int huge = rte_eal_has_hugepages() ? 1 : 0; huge >= 0; huge--) {
		uint64_t sz = huge ? RTE_ALIGN_CEIL(want, (uint64_t)MIF_HUGE_SZ) :
				     RTE_ALIGN_CEIL(want, (uint64_t)4096);
		unsigned int fl = MFD_CLOEXEC | MFD_ALLOW_SEALING | (huge ? MIF_MFD_HUGE_2MB : 0);
		int fd = memfd_create("memif_zc_data", fl);
		void *a;
		if (fd < 0)
			continue;
		if (ftruncate(fd, (off_t)sz) < 0) {
			close(fd);
			continue;
		}
		(void)fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL);
		a = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
		if (a == MAP_FAILED) {
			close(fd);
			continue;
		}
		*addr = a;
		*size = sz;
		return fd;
	}
	return -ENOMEM;
}

int mif_zc_create(struct mif_local *l, uint32_t region)
{
	uint32_t rsize = 1u << l->log2;
	uint32_t elt = mif_zc_elt_size(l->bsize);
	uint64_t nrings = (uint64_t)l->nc2s + l->ns2c;
	uint64_t n = 2 * nrings * rsize + ZC_EXTRA_MBUFS;
	struct rte_pktmbuf_extmem em;
	char name[RTE_MEMPOOL_NAMESIZE];
	struct mif_zc *z;
	int fd;

	mif_zc_sweep(l, 0);
	/* the client retries every 100 ms: failures are logged once per start
	 * (logged_region_fail, set by the caller) */
	if (n * elt > UINT32_MAX) {
		if (!l->logged_region_fail)
			ZLOG(ERR, l, "zero copy needs %" PRIu64 " bytes of buffers, more than a memif "
			     "offset reaches (4 GiB): lower rsize, bsize or the queue count", n * elt);
		return -E2BIG;
	}
	z = calloc(1, sizeof(*z));
	if (z == NULL)
		return -ENOMEM;
	fd = zc_memfd(n * elt, &z->addr, &z->size);
	if (fd < 0) {
		if (!l->logged_region_fail)
			ZLOG(ERR, l, "cannot create the zero-copy data region (%" PRIu64 " bytes)", n * elt);
		free(z);
		return fd;
	}
	memset(&em, 0, sizeof(em));
	em.buf_ptr = z->addr;
	em.buf_iova = RTE_BAD_IOVA;
	em.buf_len = z->size;
	em.elt_size = (uint16_t)elt;
	snprintf(name, sizeof(name), "memif_zc_p%u_%u", l->dev->data->port_id, l->zc_gen++);
	z->mp = mbuf_pool_create_extbuf_ops(name, (unsigned int)n, ZC_CACHE, 0, (uint16_t)elt,
					    l->dev->data->numa_node, &em, 1, ZC_OPS);
	if (z->mp == NULL) {
		if (!l->logged_region_fail)
			ZLOG(ERR, l, "cannot create the zero-copy mbuf pool: %s", rte_strerror(rte_errno));
		munmap(z->addr, z->size);
		close(fd);
		free(z);
		return -ENOMEM;
	}
	for (unsigned int d = 0; d < 2; d++) {
		unsigned int nq = d == 0 ? l->nc2s : l->ns2c;
		struct mif_lq *qs = d == 0 ? l->txq : l->rxq;
		for (unsigned int i = 0; i < nq; i++) {
			struct mif_lq *q = &qs[i];
			q->zslot = calloc(rsize, sizeof(*q->zslot));
			if (q->zslot == NULL)
				goto nomem;
			q->zmp = z->mp;
			q->zbase = z->addr;
			q->zreg = (uint16_t)region;
			q->zlen = l->bsize;
			q->zdone = 0;
		}
	}
	l->zc = z;
	l->reg[region].fd = fd;		/* closed with the other region fds */
	l->reg[region].size = z->size;
	l->reg[region].addr = NULL;	/* unmapped by mif_zc_release, not regions_free */
	return 0;
nomem:
	for (unsigned int d = 0; d < 2; d++) {
		struct mif_lq *qs = d == 0 ? l->txq : l->rxq;
		for (unsigned int i = 0; i < MIF_MAX_QUEUES; i++) {
			free(qs[i].zslot);
			qs[i].zslot = NULL;
			qs[i].zmp = NULL;
		}
	}
	close(fd);
	zc_destroy(z);
	return -ENOMEM;
}

void mif_zc_release(struct mif_local *l)
{
	struct mif_zc *z = l->zc;
	unsigned int freed = 0;

	if (z == NULL)
		return;
	for (unsigned int d = 0; d < 2; d++) {
		struct mif_lq *qs = d == 0 ? l->txq : l->rxq;
		for (unsigned int i = 0; i < MIF_MAX_QUEUES; i++) {
			struct mif_lq *q = &qs[i];
			if (q->zslot == NULL)
				continue;
			if (q->ring == NULL && q->size != 0) {
				/* a burst never left this ring (lq_quiesce gave up):
				 * leave its mbufs and the mapping alone */
				z->leak = 1;
				q->zslot = NULL;
				q->zmp = NULL;
				continue;
			}
			for (uint32_t s = 0; s < q->size; s++)
				if (q->zslot[s] != NULL) {
					rte_pktmbuf_free_seg(q->zslot[s]);
					q->zslot[s] = NULL;
					freed++;
				}
			free(q->zslot);
			q->zslot = NULL;
			q->zmp = NULL;
			q->zbase = NULL;
		}
	}
	l->zc = NULL;
	if (zc_all_back(z)) {
		zc_destroy(z);
		return;
	}
	ZLOG(INFO, l, "%u zero-copy mbuf(s) reclaimed from the rings; %u still held by the "
	     "application keep the old data region mapped until they are freed", freed,
	     rte_mempool_in_use_count(z->mp));
	z->next = l->zc_retired;
	l->zc_retired = z;
}

/* ---- data path ------------------------------------------------------------------------------ */
static inline uint32_t zc_off(const struct mif_lq *lq, const struct rte_mbuf *m)
{
	return (uint32_t)(rte_pktmbuf_mtod(m, const uint8_t *) - lq->zbase);
}

uint16_t mif_zc_rx_fill(struct mif_lq *lq, uint16_t cur)
{
	struct memif_ring *ring = lq->ring;
	uint16_t head = lq->head;
	struct rte_mbuf *m[64];

	while ((uint16_t)(head - cur) < lq->size) {
		unsigned int want = RTE_MIN(64u, (unsigned int)(lq->size - (uint16_t)(head - cur)));
		if (rte_pktmbuf_alloc_bulk(lq->zmp, m, want) != 0) {
			m[0] = rte_pktmbuf_alloc(lq->zmp);
			if (m[0] == NULL)
				break;	/* the pool is dry: offer the rest later */
			want = 1;
		}
		for (unsigned int i = 0; i < want; i++, head++) {
			uint16_t s = head & lq->mask;
			struct memif_desc *d = &ring->desc[s];
			if (unlikely(lq->zslot[s] != NULL))	/* cannot happen: keep both */
				rte_pktmbuf_free_seg(lq->zslot[s]);
			lq->zslot[s] = m[i];
			d->flags = 0;
			d->region = lq->zreg;
			d->offset = zc_off(lq, m[i]);
			d->length = lq->zlen;
		}
	}
	return head;
}

uint16_t mif_zc_rx(struct mif_lq *lq, uint16_t port, struct rte_mbuf **bufs, uint16_t nb,
		   struct mif_zc_burst *st)
{
	struct memif_ring *ring = lq->ring;
	uint16_t cur = lq->last, n, rx = 0;

	n = (uint16_t)(__atomic_load_n(&ring->tail, __ATOMIC_ACQUIRE) - cur);      /* R3 */
	if (unlikely(n > (uint16_t)(lq->head - cur))) {
		st->bad = "S2C ring tail moved past the offered buffers";
		return 0;
	}
	while (n > 0 && rx < nb && st->bad == NULL) {
		struct rte_mbuf *h = NULL, *t = NULL;
		int drop = 0;
		for (;;) {
			struct memif_desc d;
			uint16_t s = cur & lq->mask;
			const volatile struct memif_desc *v = &ring->desc[s];
			struct rte_mbuf *m = lq->zslot[s];
			d.flags = v->flags;
			d.region = v->region;
			d.length = v->length;
			d.offset = v->offset;
			/* the server fills the buffer we posted on this slot: it
			 * may set length and flags, never name another buffer */
			if (unlikely(m == NULL || d.region != lq->zreg || d.offset != zc_off(lq, m))) {
				st->bad = "server moved a posted buffer";
				break;
			}
			if (unlikely(d.length > lq->zlen)) {
				st->bad = "descriptor length beyond its buffer";
				break;
			}
			lq->zslot[s] = NULL;
			cur++;
			n--;
			m->data_len = (uint16_t)d.length;
			if (h == NULL) {
				h = t = m;
				m->pkt_len = d.length;
			} else {
				t->next = m;
				t = m;
				h->nb_segs++;
				h->pkt_len += d.length;
			}
			st->zc++;
			if (unlikely(h->pkt_len > ZC_MAX_PKT || h->nb_segs > ZC_MAX_CHAIN))
				drop = 1;
			if (!(d.flags & MEMIF_DESC_FLAG_NEXT))
				break;
			if (unlikely(n == 0)) {
				st->bad = "chained descriptors past the ring tail";
				break;
			}
		}
		if (unlikely(st->bad != NULL || drop)) {
			if (drop && st->bad == NULL)
				st->errs++;
			rte_pktmbuf_free(h);
			continue;
		}
		h->port = port;
		st->bytes += h->pkt_len;
		bufs[rx++] = h;
	}
	lq->last = cur;
	if (st->bad == NULL) {
		uint16_t head = mif_zc_rx_fill(lq, cur);
		if (head != lq->head) {
			lq->head = head;
			__atomic_store_n(&ring->head, head, __ATOMIC_RELEASE);          /* R4 */
		}
	}
	return rx;
}

/* Free what the server consumed: slots [zdone, tail). */
static inline int zc_tx_reclaim(struct mif_lq *lq, uint16_t tail)
{
	struct rte_mbuf *f[64];
	unsigned int nf = 0;

	if (unlikely((uint16_t)(tail - lq->zdone) > (uint16_t)(lq->last - lq->zdone)))
		return -1;
	while (lq->zdone != tail) {
		uint16_t s = lq->zdone & lq->mask;
		if (lq->zslot[s] != NULL) {
			f[nf++] = lq->zslot[s];
			lq->zslot[s] = NULL;
			if (nf == RTE_DIM(f)) {
				rte_pktmbuf_free_bulk(f, nf);
				nf = 0;
			}
		}
		lq->zdone++;
	}
	if (nf)
		rte_pktmbuf_free_bulk(f, nf);
	return 0;
}

static inline void zc_post(struct mif_lq *lq, uint16_t slot, struct rte_mbuf *m, uint16_t flags)
{
	struct memif_desc *d = &lq->ring->desc[slot & lq->mask];

	lq->zslot[slot & lq->mask] = m;
	d->flags = flags;
	d->region = lq->zreg;
	d->offset = zc_off(lq, m);
	d->length = m->data_len;
}

uint16_t mif_zc_tx(struct mif_lq *lq, struct rte_mbuf **bufs, uint16_t nb, struct mif_zc_burst *st)
{
	struct memif_ring *ring = lq->ring;
	uint16_t slot = lq->last, nfree, i;
	uint16_t tail = __atomic_load_n(&ring->tail, __ATOMIC_ACQUIRE);             /* R2 */
	uint32_t cap = lq->zlen;

	if (unlikely(zc_tx_reclaim(lq, tail) < 0)) {
		st->bad = "C2S ring tail moved past the posted buffers";
		return 0;
	}
	nfree = (uint16_t)(lq->size - (uint16_t)(slot - tail));
	for (i = 0; i < nb; i++) {
		struct rte_mbuf *m = bufs[i];
		if (m->pool == lq->zmp && m->next == NULL && m->data_len == m->pkt_len &&
		    m->data_len > 0 && m->data_off + (uint32_t)m->data_len <= m->buf_len) {
			/* one segment of this connection's pool: post it in place */
			if (nfree == 0)
				break;
			zc_post(lq, slot, m, 0);
			slot++;
			nfree--;
			st->zc++;
			st->bytes += m->pkt_len;
			continue;
		}
		uint32_t need = m->pkt_len <= cap ? 1 : (m->pkt_len + cap - 1) / cap;
		if (unlikely(m->pkt_len > ZC_MAX_PKT || need > ZC_MAX_CHAIN || need > lq->size)) {
			st->errs++;	/* cannot be described: dropped, counted */
			rte_pktmbuf_free(m);
			continue;
		}
		if (need > nfree)
			break;
		struct rte_mbuf *c[ZC_MAX_CHAIN];
		if (rte_pktmbuf_alloc_bulk(lq->zmp, c, need) != 0)
			break;	/* the pool is dry: the application keeps the rest */
		/* copy once into pool buffers, one descriptor per buffer */
		uint32_t j = 0, left = m->pkt_len;
		for (const struct rte_mbuf *seg = m; seg != NULL && left > 0; seg = seg->next) {
			const uint8_t *src = rte_pktmbuf_mtod(seg, const uint8_t *);
			uint32_t len = RTE_MIN((uint32_t)seg->data_len, left);
			left -= len;
			while (len > 0) {
				if (c[j]->data_len == cap)
					j++;
				uint32_t k = RTE_MIN(len, cap - c[j]->data_len);
				rte_memcpy(rte_pktmbuf_mtod_offset(c[j], uint8_t *, c[j]->data_len), src, k);
				c[j]->data_len = (uint16_t)(c[j]->data_len + k);
				src += k;
				len -= k;
			}
		}
		/* a short chain (pkt_len above the segments' bytes) sends what is there */
		for (uint32_t x = 0; x < need; x++) {
			c[x]->pkt_len = c[x]->data_len;
			zc_post(lq, (uint16_t)(slot + x), c[x], x + 1 < need ? MEMIF_DESC_FLAG_NEXT : 0);
		}
		slot = (uint16_t)(slot + need);
		nfree = (uint16_t)(nfree - need);
		st->copied++;
		st->bytes += m->pkt_len;
		rte_pktmbuf_free(m);
	}
	lq->last = slot;
	__atomic_store_n(&ring->head, slot, __ATOMIC_RELEASE);                       /* R1 */
	return i;
}
