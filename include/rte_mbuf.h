/* SPDX-License-Identifier: BSD-3-Clause
 * Packet buffers (mbufs): mempool objects carrying a struct rte_mbuf header,
 * an optional private area and a data room. Segments chain through ->next;
 * the head's nb_segs/pkt_len describe the chain.
 *
 * Ownership and reference counts:
 *   - a direct mbuf owns its data room; refcnt counts the holders of the
 *     mbuf itself plus every indirect mbuf attached to it (clones);
 *   - an indirect mbuf (RTE_MBUF_F_INDIRECT) points into another mbuf's data
 *     room; freeing it drops one reference on that direct mbuf;
 *   - an mbuf with RTE_MBUF_F_EXTERNAL points at an external buffer whose
 *     shared info (shinfo) counts the attached mbufs; the last one out calls
 *     shinfo->free_cb.
 * An mbuf goes back to its pool when its own refcnt reaches zero; in the
 * pool, refcnt is 1, next is NULL and nb_segs is 1 (so alloc need not write
 * them).
 *
 * Reference count ordering: decrements are acq_rel so that whoever drops the
 * last reference sees every write the other holders made before theirs
 * (R1: release on each decrement pairs with the acquire on the final one).
 */
#ifndef _RTE_MBUF_H_
#define _RTE_MBUF_H_
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <rte_config.h>
#include <rte_common.h>
#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_errno.h>
#include <rte_mempool.h>
#include <rte_memcpy.h>
#include <rte_prefetch.h>
#include <rte_mbuf_core.h>
#include <rte_mbuf_ptype.h>
#include <rte_mbuf_dyn.h>
#include <rte_mbuf_pool_ops.h>
#ifdef __cplusplus
extern "C" {
#endif

const char *rte_get_rx_ol_flag_name(uint64_t mask);
int rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);
const char *rte_get_tx_ol_flag_name(uint64_t mask);
int rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);

static inline void rte_mbuf_prefetch_part1(struct rte_mbuf *m)
{
	rte_prefetch0(&m->cacheline0);
}
static inline void rte_mbuf_prefetch_part2(struct rte_mbuf *m)
{
	rte_prefetch0(&m->cacheline1);
}

static inline uint16_t rte_pktmbuf_priv_size(struct rte_mempool *mp);

/* IO address of the mbuf's buffer (buf_iova: dplite is built as DPDK with
 * RTE_IOVA_AS_PA, the default). */
static inline rte_iova_t rte_mbuf_iova_get(const struct rte_mbuf *m)
{
	return m->buf_iova;
}
static inline void rte_mbuf_iova_set(struct rte_mbuf *m, rte_iova_t iova)
{
	m->buf_iova = iova;
}
static inline rte_iova_t rte_mbuf_data_iova(const struct rte_mbuf *mb)
{
	return mb->buf_iova + mb->data_off;
}
static inline rte_iova_t rte_mbuf_data_iova_default(const struct rte_mbuf *mb)
{
	return mb->buf_iova + RTE_PKTMBUF_HEADROOM;
}

/* The direct mbuf whose data room an indirect mbuf points into. */
static inline struct rte_mbuf *rte_mbuf_from_indirect(struct rte_mbuf *mi)
{
	return (struct rte_mbuf *)RTE_PTR_SUB(mi->buf_addr, sizeof(*mi) + mi->priv_size);
}
static inline char *rte_mbuf_buf_addr(struct rte_mbuf *mb, struct rte_mempool *mp)
{
	return (char *)mb + sizeof(*mb) + rte_pktmbuf_priv_size(mp);
}
static inline char *rte_mbuf_data_addr_default(struct rte_mbuf *mb)
{
	return rte_mbuf_buf_addr(mb, mb->pool) + RTE_PKTMBUF_HEADROOM;
}
static inline char *rte_mbuf_to_baddr(struct rte_mbuf *md)
{
	return rte_mbuf_buf_addr(md, md->pool);
}
static inline void *rte_mbuf_to_priv(struct rte_mbuf *m)
{
	return RTE_PTR_ADD(m, sizeof(struct rte_mbuf));
}

/* Stored in the pool's private area by rte_pktmbuf_pool_init(). */
struct rte_pktmbuf_pool_private {
	uint16_t mbuf_data_room_size;
	uint16_t mbuf_priv_size;
	uint32_t flags;
};
#define RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF (1 << 0)
#define RTE_MBUF_HAS_PINNED_EXTBUF(mb) \
	(rte_pktmbuf_priv_flags((mb)->pool) & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF)

static inline uint32_t rte_pktmbuf_priv_flags(struct rte_mempool *mp)
{
	return ((struct rte_pktmbuf_pool_private *)rte_mempool_get_priv(mp))->flags;
}

/* ---- reference counts ----------------------------------------------------------- */
static inline uint16_t rte_mbuf_refcnt_read(const struct rte_mbuf *m)
{
	return __atomic_load_n(&m->refcnt, __ATOMIC_RELAXED);
}
static inline void rte_mbuf_refcnt_set(struct rte_mbuf *m, uint16_t new_value)
{
	__atomic_store_n(&m->refcnt, new_value, __ATOMIC_RELAXED);
}
static inline uint16_t __rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	return __atomic_add_fetch(&m->refcnt, (uint16_t)value, __ATOMIC_ACQ_REL);   /* R1 */
}
/* Adds value and returns the new count. A sole holder (refcnt 1) cannot race
 * with anyone, so it skips the atomic. */
static inline uint16_t rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	if (likely(rte_mbuf_refcnt_read(m) == 1)) {
		uint16_t v = (uint16_t)(1 + value);
		rte_mbuf_refcnt_set(m, v);
		return v;
	}
	return __rte_mbuf_refcnt_update(m, value);
}

static inline uint16_t rte_mbuf_ext_refcnt_read(const struct rte_mbuf_ext_shared_info *shinfo)
{
	return __atomic_load_n(&shinfo->refcnt, __ATOMIC_RELAXED);
}
static inline void rte_mbuf_ext_refcnt_set(struct rte_mbuf_ext_shared_info *shinfo,
					   uint16_t new_value)
{
	__atomic_store_n(&shinfo->refcnt, new_value, __ATOMIC_RELAXED);
}
static inline uint16_t rte_mbuf_ext_refcnt_update(struct rte_mbuf_ext_shared_info *shinfo,
						  int16_t value)
{
	if (likely(rte_mbuf_ext_refcnt_read(shinfo) == 1)) {
		uint16_t v = (uint16_t)(1 + value);
		rte_mbuf_ext_refcnt_set(shinfo, v);
		return v;
	}
	return __atomic_add_fetch(&shinfo->refcnt, (uint16_t)value, __ATOMIC_ACQ_REL);  /* R1 */
}

/* ---- checks ------------------------------------------------------------------------ */
/* Panics (like DPDK) when m is inconsistent; is_header checks the chain. */
void rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header);
/* 0, or -1 with *reason set to a static description. */
int rte_mbuf_check(const struct rte_mbuf *m, int is_header, const char **reason);

#ifdef RTE_LIBRTE_MBUF_DEBUG
#define __rte_mbuf_sanity_check(m, is_h) rte_mbuf_sanity_check(m, is_h)
#else
#define __rte_mbuf_sanity_check(m, is_h) do { } while (0)
#endif
#define __rte_mbuf_raw_sanity_check(m) do { } while (0)
#define RTE_MBUF_PREFETCH_TO_FREE(m) do { if ((m) != NULL) rte_prefetch0(m); } while (0)

/* ---- raw alloc/free --------------------------------------------------------------------- */
static inline struct rte_mbuf *rte_mbuf_raw_alloc(struct rte_mempool *mp)
{
	union { struct rte_mbuf *m; void *p; } u;

	if (rte_mempool_get(mp, &u.p) < 0)
		return NULL;
	return u.m;
}
static __rte_always_inline void rte_mbuf_raw_free(struct rte_mbuf *m)
{
	rte_mempool_put(m->pool, m);
}

/* ---- pools --------------------------------------------------------------------------------- */
void rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg, void *m, unsigned i);
void rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg);
struct rte_mempool *
rte_pktmbuf_pool_create(const char *name, unsigned n, unsigned cache_size, uint16_t priv_size,
			uint16_t data_room_size, int socket_id);
struct rte_mempool *
rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const char *ops_name);

/* One area of external memory for rte_pktmbuf_pool_create_extbuf(): cut
 * into elt_size-byte data buffers, one per mbuf. */
struct rte_pktmbuf_extmem {
	void *buf_ptr;
	rte_iova_t buf_iova;
	size_t buf_len;
	uint16_t elt_size;
};

/* A pool whose mbufs are permanently attached ("pinned") to buffers in
 * ext_mem (RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF). NULL + rte_errno EINVAL when
 * the areas hold fewer than n buffers or parameters are bad. */
struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num);

static inline uint16_t rte_pktmbuf_data_room_size(struct rte_mempool *mp)
{
	return ((struct rte_pktmbuf_pool_private *)rte_mempool_get_priv(mp))->mbuf_data_room_size;
}
static inline uint16_t rte_pktmbuf_priv_size(struct rte_mempool *mp)
{
	return ((struct rte_pktmbuf_pool_private *)rte_mempool_get_priv(mp))->mbuf_priv_size;
}

static inline void rte_pktmbuf_reset_headroom(struct rte_mbuf *m)
{
	m->data_off = (uint16_t)RTE_MIN((uint16_t)RTE_PKTMBUF_HEADROOM, m->buf_len);
}

/* Back to a fresh single-segment, empty state (keeps buffer and EXTERNAL). */
static inline void rte_pktmbuf_reset(struct rte_mbuf *m)
{
	m->next = NULL;
	m->pkt_len = 0;
	m->tx_offload = 0;
	m->vlan_tci = 0;
	m->vlan_tci_outer = 0;
	m->nb_segs = 1;
	m->port = RTE_MBUF_PORT_INVALID;
	m->ol_flags &= RTE_MBUF_F_EXTERNAL;
	m->packet_type = 0;
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	__rte_mbuf_sanity_check(m, 1);
}

static inline struct rte_mbuf *rte_pktmbuf_alloc(struct rte_mempool *mp)
{
	struct rte_mbuf *m = rte_mbuf_raw_alloc(mp);

	if (m != NULL)
		rte_pktmbuf_reset(m);
	return m;
}

/* All count or none: 0, or -ENOENT. */
static inline int rte_pktmbuf_alloc_bulk(struct rte_mempool *pool, struct rte_mbuf **mbufs,
					 unsigned count)
{
	unsigned int i;
	int rc = rte_mempool_get_bulk(pool, (void **)mbufs, count);

	if (unlikely(rc != 0))
		return rc;
	for (i = 0; i < count; i++)
		rte_pktmbuf_reset(mbufs[i]);
	return 0;
}

/* ---- external buffers -------------------------------------------------------------------- */
/* Carve a shared info from the tail of buf_addr[*buf_len]; shrinks *buf_len.
 * NULL when the buffer is too small. */
static inline struct rte_mbuf_ext_shared_info *
rte_pktmbuf_ext_shinfo_init_helper(void *buf_addr, uint16_t *buf_len,
				   rte_mbuf_extbuf_free_callback_t free_cb, void *fcb_opaque)
{
	struct rte_mbuf_ext_shared_info *shinfo;
	void *buf_end = RTE_PTR_ADD(buf_addr, *buf_len);
	void *addr = RTE_PTR_ALIGN_FLOOR(RTE_PTR_SUB(buf_end, sizeof(*shinfo)), sizeof(uintptr_t));

	if ((uintptr_t)addr <= (uintptr_t)buf_addr)
		return NULL;
	shinfo = (struct rte_mbuf_ext_shared_info *)addr;
	shinfo->free_cb = free_cb;
	shinfo->fcb_opaque = fcb_opaque;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	*buf_len = (uint16_t)RTE_PTR_DIFF(shinfo, buf_addr);
	return shinfo;
}

/* Point m at an external buffer. The caller accounts for shinfo->refcnt
 * (1 from init_helper covers this first attachment). */
static inline void rte_pktmbuf_attach_extbuf(struct rte_mbuf *m, void *buf_addr,
					     rte_iova_t buf_iova, uint16_t buf_len,
					     struct rte_mbuf_ext_shared_info *shinfo)
{
	m->buf_addr = buf_addr;
	m->buf_iova = buf_iova;
	m->buf_len = buf_len;
	m->data_len = 0;
	m->data_off = 0;
	m->ol_flags |= RTE_MBUF_F_EXTERNAL;
	m->shinfo = shinfo;
}

#define rte_pktmbuf_detach_extbuf(m) rte_pktmbuf_detach(m)

static inline void rte_mbuf_dynfield_copy(struct rte_mbuf *mdst, const struct rte_mbuf *msrc)
{
	memcpy(&mdst->dynfield1, msrc->dynfield1, sizeof(mdst->dynfield1));
}

static inline void __rte_pktmbuf_copy_hdr(struct rte_mbuf *mdst, const struct rte_mbuf *msrc)
{
	mdst->port = msrc->port;
	mdst->vlan_tci = msrc->vlan_tci;
	mdst->vlan_tci_outer = msrc->vlan_tci_outer;
	mdst->tx_offload = msrc->tx_offload;
	mdst->hash = msrc->hash;
	mdst->packet_type = msrc->packet_type;
	rte_mbuf_dynfield_copy(mdst, msrc);
}

/* Make mi an indirect (or external-sharing) view of m's data. */
static inline void rte_pktmbuf_attach(struct rte_mbuf *mi, struct rte_mbuf *m)
{
	if (RTE_MBUF_HAS_EXTBUF(m)) {
		rte_mbuf_ext_refcnt_update(m->shinfo, 1);
		mi->ol_flags = m->ol_flags;
		mi->shinfo = m->shinfo;
	} else {
		/* m may itself be indirect: always reference the direct one. */
		rte_mbuf_refcnt_update(rte_mbuf_from_indirect(m), 1);
		mi->priv_size = m->priv_size;
		mi->ol_flags = m->ol_flags | RTE_MBUF_F_INDIRECT;
	}
	__rte_pktmbuf_copy_hdr(mi, m);
	mi->data_off = m->data_off;
	mi->data_len = m->data_len;
	mi->buf_iova = m->buf_iova;
	mi->buf_addr = m->buf_addr;
	mi->buf_len = m->buf_len;
	mi->next = NULL;
	mi->pkt_len = mi->data_len;
	mi->nb_segs = 1;
	__rte_mbuf_sanity_check(mi, 1);
}

static inline void __rte_pktmbuf_free_extbuf(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *shinfo = m->shinfo;

	if (rte_mbuf_ext_refcnt_update(shinfo, -1) == 0)
		shinfo->free_cb(m->buf_addr, shinfo->fcb_opaque);
}

static inline void __rte_pktmbuf_free_direct(struct rte_mbuf *m)
{
	struct rte_mbuf *md = rte_mbuf_from_indirect(m);

	if (rte_mbuf_refcnt_update(md, -1) == 0) {
		md->next = NULL;
		md->nb_segs = 1;
		rte_mbuf_refcnt_set(md, 1);
		rte_mbuf_raw_free(md);
	}
}

/* Drop m's view of another buffer and give it back its own data room. */
static inline void rte_pktmbuf_detach(struct rte_mbuf *m)
{
	struct rte_mempool *mp = m->pool;
	uint32_t mbuf_size, buf_len;
	uint16_t priv_size;

	if (RTE_MBUF_HAS_EXTBUF(m)) {
		/* A pinned pool's mbufs keep their external buffer for life. */
		if (RTE_MBUF_HAS_PINNED_EXTBUF(m))
			return;
		__rte_pktmbuf_free_extbuf(m);
	} else {
		__rte_pktmbuf_free_direct(m);
	}
	priv_size = rte_pktmbuf_priv_size(mp);
	mbuf_size = (uint32_t)(sizeof(struct rte_mbuf) + priv_size);
	buf_len = rte_pktmbuf_data_room_size(mp);
	m->priv_size = priv_size;
	m->buf_addr = (char *)m + mbuf_size;
	m->buf_iova = rte_mempool_virt2iova(m) == RTE_BAD_IOVA ? RTE_BAD_IOVA :
		      rte_mempool_virt2iova(m) + mbuf_size;
	m->buf_len = (uint16_t)buf_len;
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	m->ol_flags = 0;
}

/* A pinned-buffer mbuf whose buffer is still referenced by clones must not
 * go back to the pool yet (the last clone's free returns it): 1 then, 0 when
 * the mbuf may be recycled now. */
static inline int __rte_pktmbuf_pinned_extbuf_decref(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *shinfo = m->shinfo;

	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	if (likely(rte_mbuf_ext_refcnt_read(shinfo) == 1))
		return 0;
	if (__atomic_add_fetch(&shinfo->refcnt, (uint16_t)-1, __ATOMIC_ACQ_REL) != 0)   /* R1 */
		return 1;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	return 0;
}

/* Prepare one segment for the pool: NULL if someone else still holds it. */
static __rte_always_inline struct rte_mbuf *rte_pktmbuf_prefree_seg(struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 0);
	if (likely(rte_mbuf_refcnt_read(m) == 1)) {
		if (!RTE_MBUF_DIRECT(m)) {
			rte_pktmbuf_detach(m);
			if (RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m) &&
			    __rte_pktmbuf_pinned_extbuf_decref(m))
				return NULL;
		}
		if (m->next != NULL)
			m->next = NULL;
		if (m->nb_segs != 1)
			m->nb_segs = 1;
		return m;
	}
	if (__rte_mbuf_refcnt_update(m, -1) == 0) {
		if (!RTE_MBUF_DIRECT(m)) {
			rte_pktmbuf_detach(m);
			if (RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m) &&
			    __rte_pktmbuf_pinned_extbuf_decref(m))
				return NULL;
		}
		if (m->next != NULL)
			m->next = NULL;
		if (m->nb_segs != 1)
			m->nb_segs = 1;
		rte_mbuf_refcnt_set(m, 1);
		return m;
	}
	return NULL;
}

static __rte_always_inline void rte_pktmbuf_free_seg(struct rte_mbuf *m)
{
	m = rte_pktmbuf_prefree_seg(m);
	if (likely(m != NULL))
		rte_mbuf_raw_free(m);
}

static inline void rte_pktmbuf_free(struct rte_mbuf *m)
{
	struct rte_mbuf *next;

	if (m != NULL)
		__rte_mbuf_sanity_check(m, 1);
	while (m != NULL) {
		next = m->next;
		rte_pktmbuf_free_seg(m);
		m = next;
	}
}

/* Free count packets (NULL entries skipped), batching puts per pool. */
void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count);

/* NULL + rte_errno on failure (ENOMEM, EOVERFLOW). */
struct rte_mbuf *rte_pktmbuf_clone(struct rte_mbuf *md, struct rte_mempool *mp);
/* Deep copy of [offset, offset+length) (length UINT32_MAX: to the end). */
struct rte_mbuf *rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp,
				  uint32_t offset, uint32_t length);

static inline void rte_pktmbuf_refcnt_update(struct rte_mbuf *m, int16_t v)
{
	__rte_mbuf_sanity_check(m, 1);
	do {
		rte_mbuf_refcnt_update(m, v);
	} while ((m = m->next) != NULL);
}

/* ---- data room arithmetic ------------------------------------------------------------------- */
static inline uint16_t rte_pktmbuf_headroom(const struct rte_mbuf *m)
{
	return m->data_off;
}
static inline uint16_t rte_pktmbuf_tailroom(const struct rte_mbuf *m)
{
	return (uint16_t)(m->buf_len - rte_pktmbuf_headroom(m) - m->data_len);
}
static inline struct rte_mbuf *rte_pktmbuf_lastseg(struct rte_mbuf *m)
{
	while (m->next != NULL)
		m = m->next;
	return m;
}
#define rte_pktmbuf_pkt_len(m) ((m)->pkt_len)
#define rte_pktmbuf_data_len(m) ((m)->data_len)

/* Grow the first segment at the front; NULL if the headroom is short. */
static inline char *rte_pktmbuf_prepend(struct rte_mbuf *m, uint16_t len)
{
	if (unlikely(len > rte_pktmbuf_headroom(m)))
		return NULL;
	m->data_off = (uint16_t)(m->data_off - len);
	m->data_len = (uint16_t)(m->data_len + len);
	m->pkt_len = m->pkt_len + len;
	return (char *)m->buf_addr + m->data_off;
}

/* Grow the last segment at the end; NULL if its tailroom is short. */
static inline char *rte_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last = rte_pktmbuf_lastseg(m);
	void *tail;

	if (unlikely(len > rte_pktmbuf_tailroom(last)))
		return NULL;
	tail = (char *)last->buf_addr + last->data_off + last->data_len;
	last->data_len = (uint16_t)(last->data_len + len);
	m->pkt_len = m->pkt_len + len;
	return (char *)tail;
}

/* Drop len bytes from the front of the first segment. */
static inline char *rte_pktmbuf_adj(struct rte_mbuf *m, uint16_t len)
{
	if (unlikely(len > m->data_len))
		return NULL;
	m->data_len = (uint16_t)(m->data_len - len);
	m->data_off = (uint16_t)(m->data_off + len);
	m->pkt_len = m->pkt_len - len;
	return (char *)m->buf_addr + m->data_off;
}

/* Drop len bytes from the end of the last segment: 0 or -1. */
static inline int rte_pktmbuf_trim(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last = rte_pktmbuf_lastseg(m);

	if (unlikely(len > last->data_len))
		return -1;
	last->data_len = (uint16_t)(last->data_len - len);
	m->pkt_len = m->pkt_len - len;
	return 0;
}

static inline int rte_pktmbuf_is_contiguous(const struct rte_mbuf *m)
{
	return m->nb_segs == 1;
}

const void *__rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len, void *buf);

/* Pointer to len bytes at off: into the mbuf when they sit in the first
 * segment, else copied to buf. NULL when out of range. */
static inline const void *rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off,
					   uint32_t len, void *buf)
{
	if (likely(off + len <= m->data_len && off + len >= off))
		return rte_pktmbuf_mtod_offset(m, char *, off);
	return __rte_pktmbuf_read(m, off, len, buf);
}

/* dplite extension: copy len bytes from buf into the packet at off, across
 * segments. 0, or -1 when [off, off+len) is outside the packet. */
int __rte_pktmbuf_write(struct rte_mbuf *m, uint32_t off, uint32_t len, const void *buf);
static inline int rte_pktmbuf_write(struct rte_mbuf *m, uint32_t off, uint32_t len,
				    const void *buf)
{
	return __rte_pktmbuf_write(m, off, len, buf);
}

/* Append chain tail to chain head: 0, or -EOVERFLOW (too many segments). */
static inline int rte_pktmbuf_chain(struct rte_mbuf *head, struct rte_mbuf *tail)
{
	struct rte_mbuf *cur_tail;

	if ((uint32_t)head->nb_segs + tail->nb_segs > RTE_MBUF_MAX_NB_SEGS)
		return -EOVERFLOW;
	cur_tail = rte_pktmbuf_lastseg(head);
	cur_tail->next = tail;
	head->nb_segs = (uint16_t)(head->nb_segs + tail->nb_segs);
	head->pkt_len += tail->pkt_len;
	tail->pkt_len = tail->data_len;
	return 0;
}

static __rte_always_inline uint64_t
rte_mbuf_tx_offload(uint64_t il2, uint64_t il3, uint64_t il4, uint64_t tso, uint64_t ol3,
		    uint64_t ol2, uint64_t unused)
{
	return il2 << RTE_MBUF_L2_LEN_OFS | il3 << RTE_MBUF_L3_LEN_OFS |
	       il4 << RTE_MBUF_L4_LEN_OFS | tso << RTE_MBUF_TSO_SEGSZ_OFS |
	       ol3 << RTE_MBUF_OUTL3_LEN_OFS | ol2 << RTE_MBUF_OUTL2_LEN_OFS |
	       unused << RTE_MBUF_TXOFLD_UNUSED_OFS;
}

/* 0, or -EINVAL when the Tx offload flags are inconsistent. */
static inline int rte_validate_tx_offload(const struct rte_mbuf *m)
{
	uint64_t ol_flags = m->ol_flags;

	if (!(ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK))
		return 0;
	if ((ol_flags & RTE_MBUF_F_TX_IP_CKSUM) && (ol_flags & RTE_MBUF_F_TX_IPV6))
		return -EINVAL;
	/* L4 checksum or TSO needs the IP version (IPV4|IPV6 both is accepted,
	 * as in DPDK 22.11) */
	if ((ol_flags & (RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_TCP_SEG)) &&
	    !(ol_flags & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6)))
		return -EINVAL;
	if ((ol_flags & RTE_MBUF_F_TX_TCP_SEG) &&
	    (m->tso_segsz == 0 || ((ol_flags & RTE_MBUF_F_TX_IPV4) &&
				   !(ol_flags & RTE_MBUF_F_TX_IP_CKSUM))))
		return -EINVAL;
	if ((ol_flags & RTE_MBUF_F_TX_OUTER_IP_CKSUM) && !(ol_flags & RTE_MBUF_F_TX_OUTER_IPV4))
		return -EINVAL;
	return 0;
}

/* Make the packet one segment when it fits in the first: 0, or -1. */
int __rte_pktmbuf_linearize(struct rte_mbuf *mbuf);
static inline int rte_pktmbuf_linearize(struct rte_mbuf *mbuf)
{
	if (rte_pktmbuf_is_contiguous(mbuf))
		return 0;
	return __rte_pktmbuf_linearize(mbuf);
}

void rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m, unsigned dump_len);

static inline uint32_t rte_mbuf_sched_queue_get(const struct rte_mbuf *m)
{
	return m->hash.sched.queue_id;
}
static inline uint8_t rte_mbuf_sched_traffic_class_get(const struct rte_mbuf *m)
{
	return m->hash.sched.traffic_class;
}
static inline uint8_t rte_mbuf_sched_color_get(const struct rte_mbuf *m)
{
	return m->hash.sched.color;
}
static inline void rte_mbuf_sched_queue_set(struct rte_mbuf *m, uint32_t queue_id)
{
	m->hash.sched.queue_id = queue_id;
}
static inline void rte_mbuf_sched_traffic_class_set(struct rte_mbuf *m, uint8_t traffic_class)
{
	m->hash.sched.traffic_class = traffic_class;
}
static inline void rte_mbuf_sched_color_set(struct rte_mbuf *m, uint8_t color)
{
	m->hash.sched.color = color;
}
static inline void rte_mbuf_sched_get(const struct rte_mbuf *m, uint32_t *queue_id,
				      uint8_t *traffic_class, uint8_t *color)
{
	*queue_id = m->hash.sched.queue_id;
	*traffic_class = m->hash.sched.traffic_class;
	*color = m->hash.sched.color;
}
static inline void rte_mbuf_sched_set(struct rte_mbuf *m, uint32_t queue_id,
				      uint8_t traffic_class, uint8_t color)
{
	m->hash.sched = (struct rte_mbuf_sched){ queue_id, traffic_class, color, 0 };
}

#ifdef __cplusplus
}
#endif
#endif
