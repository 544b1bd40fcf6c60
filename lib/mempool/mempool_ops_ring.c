/* SPDX-License-Identifier: BSD-3-Clause
 * Ring mempool backends: ring_mp_mc, ring_sp_sc, ring_mp_sc, ring_sp_mc,
 * ring_mt_rts, ring_mt_hts. The free objects sit in an rte_ring named
 * "MP_<pool name>" sized to the next power of two above mp->size, so an
 * enqueue of this pool's objects never fails. Uses only the public ring API.
 * An empty ring gives -ENOBUFS, as DPDK's ring driver.
 */
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_errno.h>
#include <rte_log.h>
#include "mempool_private.h"

static int mp_ring_alloc_flags(struct rte_mempool *mp, unsigned int rg_flags)
{
	char name[RTE_RING_NAMESIZE];
	struct rte_ring *r;

	snprintf(name, sizeof(name), RTE_MEMPOOL_MZ_FORMAT, mp->name);
	r = rte_ring_create(name, rte_align32pow2(mp->size + 1), mp->socket_id, rg_flags);
	if (r == NULL) {
		RTE_LOG(ERR, MEMPOOL, "%s: cannot create backing ring: %s\n", mp->name,
			rte_strerror(rte_errno));
		return -rte_errno;
	}
	mp->pool_data = r;
	return 0;
}
static int mp_ring_alloc_mp_mc(struct rte_mempool *mp) { return mp_ring_alloc_flags(mp, 0); }
static int mp_ring_alloc_sp_sc(struct rte_mempool *mp)
{
	return mp_ring_alloc_flags(mp, RING_F_SP_ENQ | RING_F_SC_DEQ);
}
static int mp_ring_alloc_mp_sc(struct rte_mempool *mp)
{
	return mp_ring_alloc_flags(mp, RING_F_SC_DEQ);
}
static int mp_ring_alloc_sp_mc(struct rte_mempool *mp)
{
	return mp_ring_alloc_flags(mp, RING_F_SP_ENQ);
}
static int mp_ring_alloc_rts(struct rte_mempool *mp)
{
	return mp_ring_alloc_flags(mp, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ);
}
static int mp_ring_alloc_hts(struct rte_mempool *mp)
{
	return mp_ring_alloc_flags(mp, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ);
}

static int mp_ring_mp_enqueue(struct rte_mempool *mp, void * const *t, unsigned int n)
{
	return rte_ring_mp_enqueue_bulk(mp->pool_data, t, n, NULL) == 0 && n ? -ENOBUFS : 0;
}
static int mp_ring_sp_enqueue(struct rte_mempool *mp, void * const *t, unsigned int n)
{
	return rte_ring_sp_enqueue_bulk(mp->pool_data, t, n, NULL) == 0 && n ? -ENOBUFS : 0;
}
static int mp_ring_mt_enqueue(struct rte_mempool *mp, void * const *t, unsigned int n)
{
	return rte_ring_enqueue_bulk(mp->pool_data, t, n, NULL) == 0 && n ? -ENOBUFS : 0;
}
static int mp_ring_mc_dequeue(struct rte_mempool *mp, void **t, unsigned int n)
{
	return rte_ring_mc_dequeue_bulk(mp->pool_data, t, n, NULL) == 0 && n ? -ENOBUFS : 0;
}
static int mp_ring_sc_dequeue(struct rte_mempool *mp, void **t, unsigned int n)
{
	return rte_ring_sc_dequeue_bulk(mp->pool_data, t, n, NULL) == 0 && n ? -ENOBUFS : 0;
}
static int mp_ring_mt_dequeue(struct rte_mempool *mp, void **t, unsigned int n)
{
	return rte_ring_dequeue_bulk(mp->pool_data, t, n, NULL) == 0 && n ? -ENOBUFS : 0;
}
static unsigned mp_ring_count(const struct rte_mempool *mp)
{
	return rte_ring_count(mp->pool_data);
}
static void mp_ring_free(struct rte_mempool *mp)
{
	rte_ring_free(mp->pool_data);
	mp->pool_data = NULL;
}

/* Built in: mempool_ops.c registers these itself (no constructor, so a
 * static link that never names this file still has them). */
#define MP_RING_OPS(nm, alloc_fn, enq, deq) { \
		.name = nm, .alloc = alloc_fn, .free = mp_ring_free, \
		.enqueue = enq, .dequeue = deq, .get_count = mp_ring_count, \
	}
const struct rte_mempool_ops mp_ops_ring_builtin[MP_OPS_RING_BUILTIN_NUM] = {
	MP_RING_OPS("ring_mp_mc", mp_ring_alloc_mp_mc, mp_ring_mp_enqueue, mp_ring_mc_dequeue),
	MP_RING_OPS("ring_sp_sc", mp_ring_alloc_sp_sc, mp_ring_sp_enqueue, mp_ring_sc_dequeue),
	MP_RING_OPS("ring_mp_sc", mp_ring_alloc_mp_sc, mp_ring_mp_enqueue, mp_ring_sc_dequeue),
	MP_RING_OPS("ring_sp_mc", mp_ring_alloc_sp_mc, mp_ring_sp_enqueue, mp_ring_mc_dequeue),
	MP_RING_OPS("ring_mt_rts", mp_ring_alloc_rts, mp_ring_mt_enqueue, mp_ring_mt_dequeue),
	MP_RING_OPS("ring_mt_hts", mp_ring_alloc_hts, mp_ring_mt_enqueue, mp_ring_mt_dequeue),
};
