/* SPDX-License-Identifier: BSD-3-Clause
 * Packet mbuf slow paths: pool creation and object init, bulk free, clone,
 * deep copy, cross-segment read/write, linearize, checks and dumps.
 *
 * Owns nothing beyond the pools it creates (which are ordinary mempools with
 * a struct rte_pktmbuf_pool_private in their private area). Invariant kept
 * for every mbuf sitting in a pool: refcnt == 1, next == NULL, nb_segs == 1,
 * buf_addr/buf_iova/buf_len describe its own data room (see rte_mbuf.h).
 */
#include <string.h>
#include <inttypes.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_debug.h>
#include "mbuf_driver.h"

#define MBUF_LOG(level, ...) RTE_LOG(level, MBUF, __VA_ARGS__)

void rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg)
{
	struct rte_pktmbuf_pool_private *priv, defaults;

	RTE_VERIFY(mp->private_data_size >= sizeof(struct rte_pktmbuf_pool_private));
	RTE_VERIFY(mp->elt_size >= sizeof(struct rte_mbuf));
	if (opaque_arg != NULL) {
		defaults = *(struct rte_pktmbuf_pool_private *)opaque_arg;
	} else {
		memset(&defaults, 0, sizeof(defaults));
		defaults.mbuf_data_room_size = (uint16_t)(mp->elt_size - sizeof(struct rte_mbuf));
	}
	/* Pinned pools keep their data rooms outside the objects. */
	if (!(defaults.flags & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF))
		RTE_VERIFY(mp->elt_size >= sizeof(struct rte_mbuf) + defaults.mbuf_data_room_size +
					   defaults.mbuf_priv_size);
	priv = rte_mempool_get_priv(mp);
	*priv = defaults;
}

void rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg, void *_m, unsigned i)
{
	struct rte_mbuf *m = _m;
	uint16_t priv_size = rte_pktmbuf_priv_size(mp);
	uint32_t mbuf_size = (uint32_t)(sizeof(struct rte_mbuf) + priv_size);
	rte_iova_t iova = rte_mempool_virt2iova(m);

	RTE_SET_USED(opaque_arg);
	RTE_SET_USED(i);
	memset(m, 0, mbuf_size);
	m->priv_size = priv_size;
	m->buf_addr = (char *)m + mbuf_size;
	m->buf_iova = iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + mbuf_size;
	m->buf_len = rte_pktmbuf_data_room_size(mp);
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	m->pool = mp;
	m->nb_segs = 1;
	m->port = RTE_MBUF_PORT_INVALID;
	rte_mbuf_refcnt_set(m, 1);
	m->next = NULL;
}

struct rte_mempool *
rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const char *ops_name)
{
	struct rte_pktmbuf_pool_private priv;
	struct rte_mempool *mp;
	unsigned int elt_size;
	int ret;

	if (RTE_ALIGN(priv_size, RTE_MBUF_PRIV_ALIGN) != priv_size) {
		MBUF_LOG(ERR, "pool %s: priv_size %u not a multiple of %u\n",
			 name ? name : "(null)", priv_size, RTE_MBUF_PRIV_ALIGN);
		rte_errno = EINVAL;
		return NULL;
	}
	elt_size = (unsigned int)sizeof(struct rte_mbuf) + priv_size + data_room_size;
	memset(&priv, 0, sizeof(priv));
	priv.mbuf_data_room_size = data_room_size;
	priv.mbuf_priv_size = priv_size;

	mp = rte_mempool_create_empty(name, n, elt_size, cache_size, sizeof(priv),
				      socket_id, 0);
	if (mp == NULL)
		return NULL;   /* rte_errno and the log line come from the mempool */
	if (ops_name == NULL)
		ops_name = rte_mbuf_best_mempool_ops();
	ret = rte_mempool_set_ops_byname(mp, ops_name, NULL);
	if (ret != 0) {
		MBUF_LOG(ERR, "pool %s: cannot use mempool ops %s\n", name, ops_name);
		rte_mempool_free(mp);
		rte_errno = -ret;
		return NULL;
	}
	rte_pktmbuf_pool_init(mp, &priv);
	ret = rte_mempool_populate_default(mp);
	if (ret < 0) {
		rte_mempool_free(mp);
		rte_errno = -ret;
		return NULL;
	}
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, NULL);
	return mp;
}

struct rte_mempool *
rte_pktmbuf_pool_create(const char *name, unsigned n, unsigned cache_size, uint16_t priv_size,
			uint16_t data_room_size, int socket_id)
{
	return rte_pktmbuf_pool_create_by_ops(name, n, cache_size, priv_size, data_room_size,
					      socket_id, NULL);
}

/* ---- pools over pinned external memory ---------------------------------------------------- */
/* Last clone of a pinned mbuf gone: the mbuf itself goes back to its pool. */
static void mbuf_pinned_free_cb(void *addr, void *opaque)
{
	struct rte_mbuf *m = opaque;

	RTE_SET_USED(addr);
	rte_mbuf_ext_refcnt_set(m->shinfo, 1);
	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	m->next = NULL;
	m->nb_segs = 1;
	rte_mbuf_raw_free(m);
}

struct mbuf_extmem_ctx {
	const struct rte_pktmbuf_extmem *ext_mem;
	unsigned int ext_num, ext;   /* current area */
	size_t off;                  /* offset in the current area */
};

static void mbuf_init_extmem(struct rte_mempool *mp, void *opaque, void *obj, unsigned i)
{
	struct mbuf_extmem_ctx *ctx = opaque;
	const struct rte_pktmbuf_extmem *em = &ctx->ext_mem[ctx->ext];
	struct rte_mbuf *m = obj;
	struct rte_mbuf_ext_shared_info *shinfo;

	rte_pktmbuf_init(mp, NULL, obj, i);
	/* The shared info sits in the object, after the private area. */
	shinfo = RTE_PTR_ADD(m, sizeof(*m) + m->priv_size);
	shinfo->free_cb = mbuf_pinned_free_cb;
	shinfo->fcb_opaque = m;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	m->buf_addr = RTE_PTR_ADD(em->buf_ptr, ctx->off);
	m->buf_iova = em->buf_iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : em->buf_iova + ctx->off;
	m->buf_len = (uint16_t)em->elt_size;
	rte_pktmbuf_reset_headroom(m);
	m->shinfo = shinfo;
	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	ctx->off += em->elt_size;
	/* Move on when the next buffer does not fit (skipping tiny areas). */
	while (ctx->ext < ctx->ext_num &&
	       ctx->off + ctx->ext_mem[ctx->ext].elt_size > ctx->ext_mem[ctx->ext].buf_len) {
		ctx->ext++;
		ctx->off = 0;
	}
}

struct rte_mempool *
mbuf_pool_create_extbuf_ops(const char *name, unsigned int n, unsigned int cache_size,
			    uint16_t priv_size, uint16_t data_room_size, int socket_id,
			    const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num,
			    const char *ops_name)
{
	struct rte_pktmbuf_pool_private priv;
	struct mbuf_extmem_ctx ctx;
	struct rte_mempool *mp;
	uint64_t bufs = 0;
	int ret;

	if (ext_mem == NULL || ext_num == 0 || RTE_ALIGN(priv_size, RTE_MBUF_PRIV_ALIGN) != priv_size) {
		MBUF_LOG(ERR, "pool %s: bad external memory or priv_size\n", name ? name : "(null)");
		rte_errno = EINVAL;
		return NULL;
	}
	for (unsigned int i = 0; i < ext_num; i++) {
		if (ext_mem[i].elt_size == 0 || ext_mem[i].elt_size < data_room_size ||
		    ext_mem[i].buf_ptr == NULL) {
			MBUF_LOG(ERR, "pool %s: external area %u unusable\n", name, i);
			rte_errno = EINVAL;
			return NULL;
		}
		bufs += ext_mem[i].buf_len / ext_mem[i].elt_size;
	}
	if (bufs < n) {
		MBUF_LOG(ERR, "pool %s: external memory holds %" PRIu64 " buffers, %u needed\n",
			 name, bufs, n);
		rte_errno = EINVAL;
		return NULL;
	}
	memset(&priv, 0, sizeof(priv));
	priv.mbuf_data_room_size = data_room_size;
	priv.mbuf_priv_size = priv_size;
	priv.flags = RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF;
	mp = rte_mempool_create_empty(name, n, (unsigned int)(sizeof(struct rte_mbuf) + priv_size +
				      sizeof(struct rte_mbuf_ext_shared_info)),
				      cache_size, sizeof(priv), socket_id, 0);
	if (mp == NULL)
		return NULL;
	ret = rte_mempool_set_ops_byname(mp, ops_name != NULL ? ops_name : rte_mbuf_best_mempool_ops(),
					 NULL);
	if (ret != 0) {
		rte_mempool_free(mp);
		rte_errno = -ret;
		return NULL;
	}
	rte_pktmbuf_pool_init(mp, &priv);
	ret = rte_mempool_populate_default(mp);
	if (ret < 0) {
		rte_mempool_free(mp);
		rte_errno = -ret;
		return NULL;
	}
	/* Skip leading areas too small for one buffer. */
	memset(&ctx, 0, sizeof(ctx));
	ctx.ext_mem = ext_mem;
	ctx.ext_num = ext_num;
	while (ctx.ext < ext_num && ext_mem[ctx.ext].buf_len < ext_mem[ctx.ext].elt_size)
		ctx.ext++;
	rte_mempool_obj_iter(mp, mbuf_init_extmem, &ctx);
	return mp;
}

struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num)
{
	return mbuf_pool_create_extbuf_ops(name, n, cache_size, priv_size, data_room_size,
					   socket_id, ext_mem, ext_num, NULL);
}

/* ---- bulk free -------------------------------------------------------------------------- */
#define MBUF_FREE_BATCH 64

static inline void mbuf_flush_pending(struct rte_mbuf **pending, unsigned int *n)
{
	if (*n) {
		rte_mempool_put_bulk(pending[0]->pool, (void **)pending, *n);
		*n = 0;
	}
}

void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)
{
	struct rte_mbuf *pending[MBUF_FREE_BATCH];
	unsigned int np = 0, i;

	for (i = 0; i < count; i++) {
		struct rte_mbuf *m = mbufs[i], *next;

		if (unlikely(m == NULL))
			continue;
		__rte_mbuf_sanity_check(m, 1);
		do {
			next = m->next;
			m = rte_pktmbuf_prefree_seg(m);
			if (likely(m != NULL)) {
				if (np == MBUF_FREE_BATCH ||
				    (np != 0 && unlikely(pending[0]->pool != m->pool)))
					mbuf_flush_pending(pending, &np);
				pending[np++] = m;
			}
			m = next;
		} while (m != NULL);
	}
	mbuf_flush_pending(pending, &np);
}

/* ---- clone / copy ---------------------------------------------------------------------------- */
struct rte_mbuf *rte_pktmbuf_clone(struct rte_mbuf *md, struct rte_mempool *mp)
{
	struct rte_mbuf *mc, *mi, **prev;
	uint32_t pktlen;
	uint16_t nseg;

	if (md == NULL || mp == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	mc = rte_pktmbuf_alloc(mp);
	if (mc == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	mi = mc;
	prev = &mi->next;
	pktlen = md->pkt_len;
	nseg = 0;
	do {
		nseg++;
		rte_pktmbuf_attach(mi, md);
		*prev = mi;
		prev = &mi->next;
	} while ((md = md->next) != NULL && (mi = rte_pktmbuf_alloc(mp)) != NULL);
	*prev = NULL;
	mc->nb_segs = nseg;
	mc->pkt_len = pktlen;
	if (unlikely(md != NULL)) {   /* allocation failed mid-chain */
		rte_pktmbuf_free(mc);
		rte_errno = ENOMEM;
		return NULL;
	}
	__rte_mbuf_sanity_check(mc, 1);
	return mc;
}

struct rte_mbuf *rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp,
				  uint32_t off, uint32_t len)
{
	const struct rte_mbuf *seg = m;
	struct rte_mbuf *mc, *m_last, **prev;

	if (m == NULL || mp == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (unlikely(off >= m->pkt_len && !(off == 0 && m->pkt_len == 0))) {
		rte_errno = EINVAL;
		return NULL;
	}
	len = RTE_MIN(len, m->pkt_len - off);
	mc = rte_pktmbuf_alloc(mp);
	if (mc == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	__rte_pktmbuf_copy_hdr(mc, m);
	mc->ol_flags = m->ol_flags & ~(RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL);
	prev = &mc->next;
	m_last = mc;
	/* Skip whole segments before off. */
	while (off >= seg->data_len && seg->next != NULL) {
		off -= seg->data_len;
		seg = seg->next;
	}
	while (len > 0) {
		uint32_t n, copy_len;

		if (rte_pktmbuf_tailroom(m_last) == 0) {
			struct rte_mbuf *nm = rte_pktmbuf_alloc(mp);
			if (nm == NULL || mc->nb_segs == RTE_MBUF_MAX_NB_SEGS) {
				rte_pktmbuf_free(nm);
				rte_pktmbuf_free(mc);
				rte_errno = nm ? EOVERFLOW : ENOMEM;
				return NULL;
			}
			++mc->nb_segs;
			*prev = nm;
			prev = &nm->next;
			m_last = nm;
		}
		n = RTE_MIN((uint32_t)seg->data_len - off, len);
		copy_len = RTE_MIN(n, (uint32_t)rte_pktmbuf_tailroom(m_last));
		memcpy(rte_pktmbuf_mtod_offset(m_last, char *, m_last->data_len),
		       rte_pktmbuf_mtod_offset(seg, const char *, off), copy_len);
		m_last->data_len = (uint16_t)(m_last->data_len + copy_len);
		mc->pkt_len += copy_len;
		off += copy_len;
		len -= copy_len;
		if (off == seg->data_len) {
			seg = seg->next;
			off = 0;
		}
	}
	__rte_mbuf_sanity_check(mc, 1);
	return mc;
}

/* ---- read / write / linearize -------------------------------------------------------------- */
const void *__rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len, void *buf)
{
	const struct rte_mbuf *seg = m;
	uint32_t copied = 0;

	if (off + len < off || off + len > m->pkt_len)
		return NULL;
	while (off >= seg->data_len) {
		off -= seg->data_len;
		seg = seg->next;
		if (seg == NULL)
			return NULL;
	}
	if (off + len <= seg->data_len)
		return rte_pktmbuf_mtod_offset(seg, char *, off);
	while (copied < len) {
		uint32_t n = RTE_MIN((uint32_t)seg->data_len - off, len - copied);
		memcpy((char *)buf + copied, rte_pktmbuf_mtod_offset(seg, char *, off), n);
		copied += n;
		off = 0;
		seg = seg->next;
		if (seg == NULL && copied < len)
			return NULL;
	}
	return buf;
}

int __rte_pktmbuf_write(struct rte_mbuf *m, uint32_t off, uint32_t len, const void *buf)
{
	struct rte_mbuf *seg = m;
	uint32_t done = 0;

	if (off + len < off || off + len > m->pkt_len)
		return -1;
	while (seg != NULL && off >= seg->data_len) {
		off -= seg->data_len;
		seg = seg->next;
	}
	while (done < len && seg != NULL) {
		uint32_t n = RTE_MIN((uint32_t)seg->data_len - off, len - done);
		memcpy(rte_pktmbuf_mtod_offset(seg, char *, off), (const char *)buf + done, n);
		done += n;
		off = 0;
		seg = seg->next;
	}
	return done == len ? 0 : -1;
}

int __rte_pktmbuf_linearize(struct rte_mbuf *mbuf)
{
	struct rte_mbuf *seg, *next;
	char *dst;

	if (mbuf->pkt_len > (uint32_t)mbuf->data_len + rte_pktmbuf_tailroom(mbuf))
		return -1;
	/* A clone's data room belongs to another mbuf: appending there would
	 * change the original packet (DPDK does it anyway; we refuse). */
	if (RTE_MBUF_CLONED(mbuf))
		return -1;
	dst = rte_pktmbuf_mtod_offset(mbuf, char *, mbuf->data_len);
	for (seg = mbuf->next; seg != NULL; seg = next) {
		next = seg->next;
		memcpy(dst, rte_pktmbuf_mtod(seg, char *), seg->data_len);
		dst += seg->data_len;
		mbuf->data_len = (uint16_t)(mbuf->data_len + seg->data_len);
		seg->next = NULL;
		seg->nb_segs = 1;
		rte_pktmbuf_free_seg(seg);
	}
	mbuf->next = NULL;
	mbuf->nb_segs = 1;
	return 0;
}

/* ---- checks and dumps --------------------------------------------------------------------------- */
int rte_mbuf_check(const struct rte_mbuf *m, int is_header, const char **reason)
{
	const char *why = NULL;

	if (m == NULL) {
		why = "mbuf is NULL";
	} else if (m->pool == NULL) {
		why = "bad mbuf pool";
	} else if (m->buf_addr == NULL) {
		why = "bad virt addr";
	} else if (m->buf_iova == 0 && !(m->pool->flags & RTE_MEMPOOL_F_NON_IO)) {
		why = "bad IO addr";
	} else if (rte_mbuf_refcnt_read(m) == 0 || rte_mbuf_refcnt_read(m) == UINT16_MAX) {
		why = "bad ref cnt";   /* 0: free; UINT16_MAX: refused as DPDK does */
	} else if ((uint32_t)m->data_off + m->data_len > m->buf_len) {
		why = "data offset too big in mbuf segment";
	} else if (is_header) {
		const struct rte_mbuf *s = m;
		uint32_t nb = 0, len = 0;

		if (m->data_len > m->pkt_len) {
			why = "bad data_len";
		} else {
			for (; s != NULL; s = s->next) {
				if (++nb > m->nb_segs || (uint32_t)s->data_off + s->data_len > s->buf_len) {
					why = nb > m->nb_segs ? "bad nb_segs" :
					      "data offset too big in mbuf segment";
					break;
				}
				len += s->data_len;
			}
			if (why == NULL && nb != m->nb_segs)
				why = "bad nb_segs";
			else if (why == NULL && len != m->pkt_len)
				why = "bad pkt_len";
		}
	}
	if (why != NULL) {
		if (reason != NULL)
			*reason = why;
		return -1;
	}
	return 0;
}

void rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header)
{
	const char *reason;

	if (rte_mbuf_check(m, is_header, &reason) != 0)
		rte_panic("%s\n", reason);
}

void rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m, unsigned dump_len)
{
	unsigned int nseg = 0;

	if (f == NULL || m == NULL)
		return;
	fprintf(f, "dump mbuf at %p, iova=0x%" PRIx64 ", buf_len=%u\n", (const void *)m,
		m->buf_iova, m->buf_len);
	fprintf(f, "  pkt_len=%u, ol_flags=0x%" PRIx64 ", nb_segs=%u, port=%u, ptype=0x%x\n",
		m->pkt_len, m->ol_flags, m->nb_segs, m->port, m->packet_type);
	for (; m != NULL && nseg < 1024; m = m->next, nseg++) {
		unsigned int len = RTE_MIN((unsigned int)m->data_len, dump_len);
		const unsigned char *d = rte_pktmbuf_mtod(m, const unsigned char *);

		fprintf(f, "  segment at %p, data=%p, len=%u, off=%u, refcnt=%u\n",
			(const void *)m, (const void *)d, m->data_len, m->data_off,
			rte_mbuf_refcnt_read(m));
		for (unsigned int i = 0; i < len; i++)
			fprintf(f, "%s%02x%s", i % 16 == 0 ? "    " : "", d[i],
				(i % 16 == 15 || i + 1 == len) ? "\n" : " ");
		dump_len -= len;
		if (dump_len == 0)
			break;
	}
}

/* ---- ol_flags names -------------------------------------------------------------------------------- */
struct mbuf_flag_name {
	uint64_t flag, mask;
	const char *name;
};

/* In DPDK 22.11's order. The zero-valued entries (..._UNKNOWN,
 * TX_L4_NO_CKSUM) have no name lookup (rte_get_*_ol_flag_name(0) is NULL)
 * but are listed when their field is 0, so a list for mask 0 names them. */
#define FN(f, m) { f, m, #f }
static const struct mbuf_flag_name rx_names[] = {
	FN(RTE_MBUF_F_RX_VLAN, RTE_MBUF_F_RX_VLAN),
	FN(RTE_MBUF_F_RX_RSS_HASH, RTE_MBUF_F_RX_RSS_HASH),
	FN(RTE_MBUF_F_RX_FDIR, RTE_MBUF_F_RX_FDIR),
	FN(RTE_MBUF_F_RX_L4_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_L4_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_L4_CKSUM_NONE, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_IP_CKSUM_BAD, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_IP_CKSUM_NONE, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD, RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD),
	FN(RTE_MBUF_F_RX_VLAN_STRIPPED, RTE_MBUF_F_RX_VLAN_STRIPPED),
	FN(RTE_MBUF_F_RX_IEEE1588_PTP, RTE_MBUF_F_RX_IEEE1588_PTP),
	FN(RTE_MBUF_F_RX_IEEE1588_TMST, RTE_MBUF_F_RX_IEEE1588_TMST),
	FN(RTE_MBUF_F_RX_FDIR_ID, RTE_MBUF_F_RX_FDIR_ID),
	FN(RTE_MBUF_F_RX_FDIR_FLX, RTE_MBUF_F_RX_FDIR_FLX),
	FN(RTE_MBUF_F_RX_QINQ_STRIPPED, RTE_MBUF_F_RX_QINQ_STRIPPED),
	FN(RTE_MBUF_F_RX_LRO, RTE_MBUF_F_RX_LRO),
	FN(RTE_MBUF_F_RX_SEC_OFFLOAD, RTE_MBUF_F_RX_SEC_OFFLOAD),
	FN(RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED, RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED),
	FN(RTE_MBUF_F_RX_QINQ, RTE_MBUF_F_RX_QINQ),
	FN(RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD, RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD, RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID, RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
	FN(RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN, RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
};

static const struct mbuf_flag_name tx_names[] = {
	FN(RTE_MBUF_F_TX_VLAN, RTE_MBUF_F_TX_VLAN),
	FN(RTE_MBUF_F_TX_IP_CKSUM, RTE_MBUF_F_TX_IP_CKSUM),
	FN(RTE_MBUF_F_TX_TCP_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	FN(RTE_MBUF_F_TX_SCTP_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	FN(RTE_MBUF_F_TX_UDP_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	FN(RTE_MBUF_F_TX_L4_NO_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	FN(RTE_MBUF_F_TX_IEEE1588_TMST, RTE_MBUF_F_TX_IEEE1588_TMST),
	FN(RTE_MBUF_F_TX_TCP_SEG, RTE_MBUF_F_TX_TCP_SEG),
	FN(RTE_MBUF_F_TX_IPV4, RTE_MBUF_F_TX_IPV4),
	FN(RTE_MBUF_F_TX_IPV6, RTE_MBUF_F_TX_IPV6),
	FN(RTE_MBUF_F_TX_OUTER_IP_CKSUM, RTE_MBUF_F_TX_OUTER_IP_CKSUM),
	FN(RTE_MBUF_F_TX_OUTER_IPV4, RTE_MBUF_F_TX_OUTER_IPV4),
	FN(RTE_MBUF_F_TX_OUTER_IPV6, RTE_MBUF_F_TX_OUTER_IPV6),
	FN(RTE_MBUF_F_TX_TUNNEL_VXLAN, RTE_MBUF_F_TX_TUNNEL_MASK),
	FN(RTE_MBUF_F_TX_TUNNEL_GTP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FN(RTE_MBUF_F_TX_TUNNEL_GRE, RTE_MBUF_F_TX_TUNNEL_MASK),
	FN(RTE_MBUF_F_TX_TUNNEL_IPIP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FN(RTE_MBUF_F_TX_TUNNEL_GENEVE, RTE_MBUF_F_TX_TUNNEL_MASK),
	FN(RTE_MBUF_F_TX_TUNNEL_MPLSINUDP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FN(RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE, RTE_MBUF_F_TX_TUNNEL_MASK),
	FN(RTE_MBUF_F_TX_TUNNEL_IP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FN(RTE_MBUF_F_TX_TUNNEL_UDP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FN(RTE_MBUF_F_TX_QINQ, RTE_MBUF_F_TX_QINQ),
	FN(RTE_MBUF_F_TX_MACSEC, RTE_MBUF_F_TX_MACSEC),
	FN(RTE_MBUF_F_TX_SEC_OFFLOAD, RTE_MBUF_F_TX_SEC_OFFLOAD),
	FN(RTE_MBUF_F_TX_UDP_SEG, RTE_MBUF_F_TX_UDP_SEG),
	FN(RTE_MBUF_F_TX_OUTER_UDP_CKSUM, RTE_MBUF_F_TX_OUTER_UDP_CKSUM),
};
#undef FN

static const char *flag_name(const struct mbuf_flag_name *t, size_t n, uint64_t mask)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].flag == mask && t[i].flag != 0)
			return t[i].name;
	return NULL;
}

/* Names of every flag set in mask (each entry: its field equals its value),
 * space-separated. -1 when buf is NULL, buflen 0, or the names do not fit. */
static int flag_list(const struct mbuf_flag_name *t, size_t n, uint64_t mask, char *buf,
		     size_t buflen)
{
	size_t off = 0;

	if (buf == NULL || buflen == 0)
		return -1;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if ((mask & t[i].mask) != t[i].flag)
			continue;
		int r = snprintf(buf + off, buflen - off, "%s ", t[i].name);
		if (r < 0 || (size_t)r >= buflen - off)
			return -1;
		off += (size_t)r;
	}
	return 0;
}

const char *rte_get_rx_ol_flag_name(uint64_t mask)
{
	return flag_name(rx_names, RTE_DIM(rx_names), mask);
}
int rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return flag_list(rx_names, RTE_DIM(rx_names), mask, buf, buflen);
}
const char *rte_get_tx_ol_flag_name(uint64_t mask)
{
	return flag_name(tx_names, RTE_DIM(tx_names), mask);
}
int rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return flag_list(tx_names, RTE_DIM(tx_names), mask, buf, buflen);
}
