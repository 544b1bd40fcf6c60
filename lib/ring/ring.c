/* SPDX-License-Identifier: BSD-3-Clause
 * Ring slow paths: sizing, initialisation, creation in a named memzone,
 * lookup, free, reset and dumps. The enqueue/dequeue fast paths are inline
 * in include/rte_ring*.h.
 *
 * What this file owns:
 *  - the mapping ring name <-> memzone "RG_<name>": a ring created here is
 *    the first bytes of that memzone, r->memzone points at it, and that is
 *    the only registry. Lookup, list_dump and free go through the memzone
 *    table, so any process sharing the memzones finds the same rings (there
 *    is no process-local list to fall out of sync).
 *  - argument checking: every bad input gets rte_errno/negative errno and
 *    exactly one RING log line.
 *  - publication: as in DPDK, rte_ring_create holds the tailq lock
 *    (rte_mcfg_tailq_*, shared by every process of the prefix) from the
 *    name check until the header is filled and r->memzone is set (release
 *    store, last); rte_ring_lookup reads under it (and loads r->memzone
 *    with acquire for readers that walk memzones without it), and
 *    rte_ring_free clears r->memzone under it before the zone goes, so a
 *    lookup never returns a half-built or dying ring. Lock order: tailq
 *    lock -> memzone lock.
 * Invariants established by rte_ring_init(): size is a power of two no
 * larger than RTE_RING_SZ_MASK, mask = size - 1, capacity <= mask, all
 * heads/tails are zero, both sides' cached limits are cleared (not valid),
 * RTS htd_max = capacity / 8.
 */
#include <string.h>
#include <stdio.h>
#include <errno.h>
#include <inttypes.h>

#include <rte_common.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include <rte_ring.h>

#define RING_F_MASK (RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ | \
		     RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ | \
		     RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ)
/* default RTS head-tail distance: capacity / RING_RTS_HTD_DIV */
#define RING_RTS_HTD_DIV 8

/* DPDK-visible layout facts programs may depend on. */
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, tail) !=
		 offsetof(struct rte_ring_rts_headtail, tail.val.pos));
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, tail) !=
		 offsetof(struct rte_ring_hts_headtail, ht.pos.tail));
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, sync_type) !=
		 offsetof(struct rte_ring_rts_headtail, sync_type));
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, sync_type) !=
		 offsetof(struct rte_ring_hts_headtail, sync_type));
RTE_BUILD_BUG_ON(offsetof(struct rte_ring, prod) % RTE_CACHE_LINE_SIZE != 0);
RTE_BUILD_BUG_ON(offsetof(struct rte_ring, cons) % RTE_CACHE_LINE_SIZE != 0);
RTE_BUILD_BUG_ON(offsetof(struct rte_ring, prod_cache) / RTE_CACHE_LINE_SIZE !=
		 offsetof(struct rte_ring, prod) / RTE_CACHE_LINE_SIZE);
RTE_BUILD_BUG_ON(offsetof(struct rte_ring, cons_cache) / RTE_CACHE_LINE_SIZE !=
		 offsetof(struct rte_ring, cons) / RTE_CACHE_LINE_SIZE);
RTE_BUILD_BUG_ON(sizeof(struct rte_ring) != 6 * RTE_CACHE_LINE_SIZE);	/* = DPDK 22.11 */
RTE_BUILD_BUG_ON(offsetof(struct rte_ring, prod) != 2 * RTE_CACHE_LINE_SIZE);
RTE_BUILD_BUG_ON(offsetof(struct rte_ring, cons) != 4 * RTE_CACHE_LINE_SIZE);

/* Slot count for a requested count; 0 when impossible. */
static uint32_t ring_slots_for(unsigned int count, unsigned int flags)
{
	if (flags & RING_F_EXACT_SZ) {
		/* 0 refused (DPDK would make a ring that holds nothing) */
		if (count == 0 || count >= RTE_RING_SZ_MASK)
			return 0;
		return rte_align32pow2(count + 1);
	}
	if (!rte_is_power_of_2(count) || count > RTE_RING_SZ_MASK)
		return 0;
	return count;
}

static int ring_sync_type(unsigned int flags, unsigned int st, unsigned int rts,
			  unsigned int hts, enum rte_ring_sync_type *type)
{
	switch (flags & (st | rts | hts)) {
	case 0: *type = RTE_RING_SYNC_MT; return 0;
	default:
		if ((flags & (st | rts | hts)) == st) { *type = RTE_RING_SYNC_ST; return 0; }
		if ((flags & (st | rts | hts)) == rts) { *type = RTE_RING_SYNC_MT_RTS; return 0; }
		if ((flags & (st | rts | hts)) == hts) { *type = RTE_RING_SYNC_MT_HTS; return 0; }
		return -EINVAL;
	}
}

/* Flags check shared by init and create: 0 or -EINVAL (logged). */
static int ring_check_flags(unsigned int flags, enum rte_ring_sync_type *prod,
			    enum rte_ring_sync_type *cons)
{
	if ((flags & ~RING_F_MASK) != 0 ||
	    ring_sync_type(flags, RING_F_SP_ENQ, RING_F_MP_RTS_ENQ, RING_F_MP_HTS_ENQ, prod) ||
	    ring_sync_type(flags, RING_F_SC_DEQ, RING_F_MC_RTS_DEQ, RING_F_MC_HTS_DEQ, cons)) {
		RTE_LOG(ERR, RING, "invalid ring flags %#x (unknown bits or more than one "
			"sync mode per side)\n", flags);
		return -EINVAL;
	}
	return 0;
}

ssize_t
rte_ring_get_memsize_elem(unsigned int esize, unsigned int count)
{
	if (esize == 0 || esize % 4 != 0) {
		RTE_LOG(ERR, RING, "element size %u is not a non-zero multiple of 4\n", esize);
		return -EINVAL;
	}
	if (!rte_is_power_of_2(count) || count > RTE_RING_SZ_MASK) {
		RTE_LOG(ERR, RING, "ring size %u must be a power of 2 not above %u\n",
			count, RTE_RING_SZ_MASK);
		return -EINVAL;
	}
	return (ssize_t)RTE_ALIGN_CEIL(sizeof(struct rte_ring) + (size_t)count * esize,
				       (size_t)RTE_CACHE_LINE_SIZE);
}

ssize_t
rte_ring_get_memsize(unsigned int count)
{
	return rte_ring_get_memsize_elem(sizeof(void *), count);
}

/* Zero positions and caches of both sides, whatever their mode. */
static void ring_zero_positions(struct rte_ring *r)
{
	/* Mode-independent: the first 8 bytes are head/tail (MT/ST), tail
	 * {cnt,pos} (RTS) or {head,tail} (HTS); RTS keeps its head at 16. */
	if (r->prod.sync_type == RTE_RING_SYNC_MT_RTS)
		r->rts_prod.head.raw = 0;
	if (r->cons.sync_type == RTE_RING_SYNC_MT_RTS)
		r->rts_cons.head.raw = 0;
	r->hts_prod.ht.raw = 0;
	r->hts_cons.ht.raw = 0;
	memset(&r->prod_cache, 0, sizeof(r->prod_cache));
	memset(&r->cons_cache, 0, sizeof(r->cons_cache));
}

/* init with the checks already done. */
static void ring_setup(struct rte_ring *r, const char *name, unsigned int count,
		       unsigned int flags, enum rte_ring_sync_type prod,
		       enum rte_ring_sync_type cons)
{
	uint32_t slots = ring_slots_for(count, flags);

	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->flags = (int)flags;
	r->memzone = NULL;
	r->size = slots;
	r->mask = slots - 1;
	r->capacity = (flags & RING_F_EXACT_SZ) ? count : slots - 1;
	r->prod.sync_type = prod;
	r->cons.sync_type = cons;
	if (prod == RTE_RING_SYNC_MT_RTS)
		r->rts_prod.htd_max = r->capacity / RING_RTS_HTD_DIV;
	if (cons == RTE_RING_SYNC_MT_RTS)
		r->rts_cons.htd_max = r->capacity / RING_RTS_HTD_DIV;
	ring_zero_positions(r);
}

int
rte_ring_init(struct rte_ring *r, const char *name, unsigned int count, unsigned int flags)
{
	enum rte_ring_sync_type prod, cons;
	int ret;

	if (r == NULL || name == NULL) {
		RTE_LOG(ERR, RING, "rte_ring_init: NULL ring or name\n");
		return -EINVAL;
	}
	ret = ring_check_flags(flags, &prod, &cons);
	if (ret != 0)
		return ret;
	if (strnlen(name, RTE_RING_NAMESIZE) >= RTE_RING_NAMESIZE) {
		RTE_LOG(ERR, RING, "ring name too long (max %zu chars)\n",
			(size_t)RTE_RING_NAMESIZE - 1);
		return -ENAMETOOLONG;
	}
	if (ring_slots_for(count, flags) == 0) {
		RTE_LOG(ERR, RING, "ring count %u invalid: must be a power of 2 not above %u"
			" (or 1 to below it with RING_F_EXACT_SZ)\n", count, RTE_RING_SZ_MASK);
		return -EINVAL;
	}
	ring_setup(r, name, count, flags, prod, cons);
	return 0;
}

struct rte_ring *
rte_ring_create_elem(const char *name, unsigned int esize, unsigned int count,
		     int socket_id, unsigned int flags)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	enum rte_ring_sync_type prod, cons;
	const struct rte_memzone *mz;
	struct rte_ring *r;
	uint32_t slots;
	ssize_t sz;

	if (name == NULL) {
		RTE_LOG(ERR, RING, "rte_ring_create: NULL name\n");
		rte_errno = EINVAL;
		return NULL;
	}
	if (ring_check_flags(flags, &prod, &cons) != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (esize == 0 || esize % 4 != 0) {
		RTE_LOG(ERR, RING, "element size %u is not a non-zero multiple of 4\n", esize);
		rte_errno = EINVAL;
		return NULL;
	}
	slots = ring_slots_for(count, flags);
	if (slots == 0) {
		RTE_LOG(ERR, RING, "ring count %u invalid: must be a power of 2 not above %u"
			" (or 1 to below it with RING_F_EXACT_SZ)\n", count, RTE_RING_SZ_MASK);
		rte_errno = EINVAL;
		return NULL;
	}
	sz = rte_ring_get_memsize_elem(esize, slots);	/* cannot fail now */
	if (snprintf(mz_name, sizeof(mz_name), "%s%s", RTE_RING_MZ_PREFIX, name) >=
	    (int)sizeof(mz_name)) {
		RTE_LOG(ERR, RING, "ring name '%s' too long (max %zu chars)\n", name,
			(size_t)RTE_RING_NAMESIZE - 1);
		rte_errno = ENAMETOOLONG;
		return NULL;
	}
	rte_mcfg_tailq_write_lock();
	if (rte_memzone_lookup(mz_name) != NULL) {
		rte_mcfg_tailq_write_unlock();
		RTE_LOG(ERR, RING, "cannot create ring '%s': name already used\n", name);
		rte_errno = EEXIST;
		return NULL;
	}
	mz = rte_memzone_reserve_aligned(mz_name, (size_t)sz, socket_id, 0,
					 RTE_CACHE_LINE_SIZE);
	if (mz == NULL) {
		int err = rte_errno;

		rte_mcfg_tailq_write_unlock();
		RTE_LOG(ERR, RING, "cannot reserve memzone %s for ring '%s': %s\n", mz_name,
			name, err == EEXIST ? "name already used" : rte_strerror(err));
		rte_errno = err;
		return NULL;
	}
	r = mz->addr;
	ring_setup(r, name, count, flags, prod, cons);
	/* last: the header is whole before anyone can take it for a ring */
	__atomic_store_n(&r->memzone, mz, __ATOMIC_RELEASE);
	rte_mcfg_tailq_write_unlock();
	return r;
}

struct rte_ring *
rte_ring_create(const char *name, unsigned int count, int socket_id, unsigned int flags)
{
	return rte_ring_create_elem(name, sizeof(void *), count, socket_id, flags);
}

void
rte_ring_free(struct rte_ring *r)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;

	if (r == NULL)
		return;
	if (r->memzone == NULL) {
		RTE_LOG(ERR, RING, "cannot free ring '%.*s': not made by rte_ring_create()\n",
			(int)sizeof(r->name), r->name);
		return;
	}
	/* Go through this process's view of the memzone table rather than
	 * trusting r->memzone (written by whichever process created it). */
	snprintf(mz_name, sizeof(mz_name), "%s%.*s", RTE_RING_MZ_PREFIX,
		 (int)sizeof(r->name), r->name);
	rte_mcfg_tailq_write_lock();
	mz = rte_memzone_lookup(mz_name);
	if (mz == NULL || mz->addr != (void *)r) {
		rte_mcfg_tailq_write_unlock();
		RTE_LOG(ERR, RING, "cannot free ring '%.*s': not a live ring\n",
			(int)sizeof(r->name), r->name);
		return;
	}
	/* unpublish first: the memory may come back as another ring's */
	__atomic_store_n(&r->memzone, NULL, __ATOMIC_RELEASE);
	if (rte_memzone_free(mz) != 0)
		RTE_LOG(ERR, RING, "cannot free memzone of ring '%.*s'\n",
			(int)sizeof(r->name), r->name);
	rte_mcfg_tailq_write_unlock();
}

void
rte_ring_reset(struct rte_ring *r)
{
	if (r == NULL)
		return;
	ring_zero_positions(r);
}

static const char *ring_sync_name(enum rte_ring_sync_type t)
{
	switch (t) {
	case RTE_RING_SYNC_MT: return "MT";
	case RTE_RING_SYNC_ST: return "ST";
	case RTE_RING_SYNC_MT_RTS: return "MT_RTS";
	case RTE_RING_SYNC_MT_HTS: return "MT_HTS";
	}
	return "?";
}

static void ring_dump_side(FILE *f, const char *side, const struct rte_ring_headtail *ht)
{
	const struct rte_ring_rts_headtail *rts = (const void *)ht;
	const struct rte_ring_hts_headtail *hts = (const void *)ht;

	switch (ht->sync_type) {
	case RTE_RING_SYNC_MT_RTS:
		fprintf(f, "  %s: sync=MT_RTS head=%u/%u tail=%u/%u htd_max=%u\n", side,
			rts->head.val.pos, rts->head.val.cnt, rts->tail.val.pos,
			rts->tail.val.cnt, rts->htd_max);
		break;
	case RTE_RING_SYNC_MT_HTS:
		fprintf(f, "  %s: sync=MT_HTS head=%u tail=%u\n", side,
			hts->ht.pos.head, hts->ht.pos.tail);
		break;
	default:
		fprintf(f, "  %s: sync=%s head=%u tail=%u\n", side,
			ring_sync_name(ht->sync_type), ht->head, ht->tail);
		break;
	}
}

void
rte_ring_dump(FILE *f, const struct rte_ring *r)
{
	if (f == NULL)
		f = stdout;
	if (r == NULL) {
		fprintf(f, "ring <NULL>\n");
		return;
	}
	fprintf(f, "ring <%.*s>@%p\n", (int)sizeof(r->name), r->name, (const void *)r);
	fprintf(f, "  flags=%x\n  size=%" PRIu32 "\n  capacity=%" PRIu32 "\n",
		(unsigned int)r->flags, r->size, r->capacity);
	ring_dump_side(f, "prod", &r->prod);
	ring_dump_side(f, "cons", &r->cons);
	fprintf(f, "  used=%u\n  avail=%u\n", rte_ring_count(r), rte_ring_free_count(r));
}

/* A memzone is a ring's home when its name is "RG_<r->name>" and the ring
 * at its start says it lives in a memzone. (We do not compare r->memzone
 * with mz: the creating process wrote that pointer, and a descriptor's
 * address need not be the same in every process.) */
static struct rte_ring *ring_of_memzone(const struct rte_memzone *mz)
{
	const size_t plen = sizeof(RTE_RING_MZ_PREFIX) - 1;
	struct rte_ring *r;

	if (strncmp(mz->name, RTE_RING_MZ_PREFIX, plen) != 0 ||
	    mz->len < sizeof(struct rte_ring))
		return NULL;
	r = mz->addr;
	if (__atomic_load_n(&r->memzone, __ATOMIC_ACQUIRE) == NULL ||
	    strncmp(r->name, mz->name + plen, sizeof(r->name)) != 0)
		return NULL;
	return r;
}

static void ring_dump_walk(const struct rte_memzone *mz, void *arg)
{
	struct rte_ring *r = ring_of_memzone(mz);

	if (r != NULL)
		rte_ring_dump(arg, r);
}

void
rte_ring_list_dump(FILE *f)
{
	rte_mcfg_tailq_read_lock();
	rte_memzone_walk(ring_dump_walk, f != NULL ? f : stdout);
	rte_mcfg_tailq_read_unlock();
}

struct rte_ring *
rte_ring_lookup(const char *name)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct rte_ring *r;

	if (name == NULL ||
	    snprintf(mz_name, sizeof(mz_name), "%s%s", RTE_RING_MZ_PREFIX, name) >=
	    (int)sizeof(mz_name)) {
		rte_errno = ENOENT;
		return NULL;
	}
	rte_mcfg_tailq_read_lock();
	mz = rte_memzone_lookup(mz_name);
	r = mz != NULL ? ring_of_memzone(mz) : NULL;
	rte_mcfg_tailq_read_unlock();
	if (r == NULL) {
		rte_errno = ENOENT;
		return NULL;
	}
	return r;
}

void
__rte_ring_bad_sync_mode(const struct rte_ring *r, const char *func)
{
	RTE_LOG(ERR, RING, "%s: ring '%.*s' side is not SP/SC or HTS; peek/zero-copy "
		"API unsupported\n", func, (int)sizeof(r->name), r->name);
	rte_errno = ENOTSUP;
}
