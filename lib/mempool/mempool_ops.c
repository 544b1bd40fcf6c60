/* SPDX-License-Identifier: BSD-3-Clause
 * Mempool backend ops: registration, lookup by name, and the per-process
 * resolution of a pool's ops_index into function pointers.
 *
 * Why indices are shared but pointers are not: a pool lives in shared memory
 * and may be used by several processes, each of which registered its ops (in
 * constructors) in whatever order its link line dictated, at whatever
 * addresses its loader chose. So:
 *
 *   - mp_ops_local[] (process-local) lists what this process registered;
 *   - a shared name table (memzone "MPOPS_names", layout struct mp_ops_names
 *     below) assigns each ops NAME a stable index the first time any process
 *     binds a pool to it; mp->ops_index is that index;
 *   - rte_mempool_ops_table.ops[i] (process-local, the DPDK-visible table)
 *     holds this process's functions for shared name i. Until a process
 *     resolves slot i, the slot holds forwarding stubs that look the name up
 *     and install the real functions, so a secondary that reaches a pool
 *     through a pointer (e.g. mbuf->pool) works without a lookup call.
 *
 * Invariants: a name, once in the shared table, keeps its index forever;
 * slot i is only ever written with functions registered under name i.
 */
#include <string.h>
#include <pthread.h>
#include <rte_mempool.h>
#include <rte_memzone.h>
#include <rte_errno.h>
#include <rte_log.h>
#include "mempool_private.h"

#define MP_OPS_NAMES_MZ "MPOPS_names"

/* Shared (memzone) layout. A zeroed zone is a valid empty table. */
struct mp_ops_names {
	rte_spinlock_t lock;
	uint32_t num;
	char name[RTE_MEMPOOL_MAX_OPS_IDX][RTE_MEMPOOL_OPS_NAMESIZE];
};

static struct rte_mempool_ops mp_ops_local[RTE_MEMPOOL_MAX_OPS_IDX];
static unsigned int mp_ops_local_num;
static rte_spinlock_t mp_ops_local_lock = RTE_SPINLOCK_INITIALIZER;

/* ---- forwarding stubs for unresolved slots ---------------------------------------- */
static int stub_alloc(struct rte_mempool *mp)
{
	if (mp_ops_resolve(mp->ops_index) < 0)
		return -ENOENT;
	return rte_mempool_ops_table.ops[mp->ops_index].alloc(mp);
}
static void stub_free(struct rte_mempool *mp)
{
	if (mp_ops_resolve(mp->ops_index) == 0)
		rte_mempool_ops_table.ops[mp->ops_index].free(mp);
}
static int stub_enqueue(struct rte_mempool *mp, void * const *t, unsigned int n)
{
	if (mp_ops_resolve(mp->ops_index) < 0)
		return -ENOENT;
	return rte_mempool_ops_table.ops[mp->ops_index].enqueue(mp, t, n);
}
static int stub_dequeue(struct rte_mempool *mp, void **t, unsigned int n)
{
	if (mp_ops_resolve(mp->ops_index) < 0)
		return -ENOENT;
	return rte_mempool_ops_table.ops[mp->ops_index].dequeue(mp, t, n);
}
static unsigned stub_get_count(const struct rte_mempool *mp)
{
	if (mp_ops_resolve(mp->ops_index) < 0)
		return 0;
	return rte_mempool_ops_table.ops[mp->ops_index].get_count(mp);
}

#define MP_STUB_OPS { .name = "", .alloc = stub_alloc, .free = stub_free, \
		      .enqueue = stub_enqueue, .dequeue = stub_dequeue, \
		      .get_count = stub_get_count }

struct rte_mempool_ops_table rte_mempool_ops_table = {
	.sl = RTE_SPINLOCK_INITIALIZER,
	.num_ops = 0,
	.ops = { [0 ... RTE_MEMPOOL_MAX_OPS_IDX - 1] = MP_STUB_OPS },
};

/* ---- registration (process-local) ------------------------------------------------- */
static pthread_once_t mp_builtins_once = PTHREAD_ONCE_INIT;

/* The built-in backends take the first local slots, once per process. */
static void mp_ops_builtins_add(void)
{
	rte_spinlock_lock(&mp_ops_local_lock);
	for (unsigned int i = 0; i < MP_OPS_RING_BUILTIN_NUM; i++)
		mp_ops_local[mp_ops_local_num++] = mp_ops_ring_builtin[i];
	for (unsigned int i = 0; i < MP_OPS_STACK_BUILTIN_NUM; i++)
		mp_ops_local[mp_ops_local_num++] = mp_ops_stack_builtin[i];
	rte_spinlock_unlock(&mp_ops_local_lock);
}

/* Every user of mp_ops_local takes the lock through here. */
static void mp_ops_local_take(void)
{
	pthread_once(&mp_builtins_once, mp_ops_builtins_add);
	rte_spinlock_lock(&mp_ops_local_lock);
}

static const struct rte_mempool_ops *mp_ops_local_find(const char *name)
{
	for (unsigned int i = 0; i < mp_ops_local_num; i++)
		if (strcmp(mp_ops_local[i].name, name) == 0)
			return &mp_ops_local[i];
	return NULL;
}

int rte_mempool_register_ops(const struct rte_mempool_ops *h)
{
	int idx;

	if (h == NULL || h->alloc == NULL || h->enqueue == NULL || h->dequeue == NULL ||
	    h->get_count == NULL) {
		RTE_LOG(ERR, MEMPOOL, "register_ops: missing callback\n");
		return -EINVAL;
	}
	if (strnlen(h->name, RTE_MEMPOOL_OPS_NAMESIZE) >= RTE_MEMPOOL_OPS_NAMESIZE ||
	    h->name[0] == '\0') {
		RTE_LOG(ERR, MEMPOOL, "register_ops: bad name\n");
		return -EINVAL;
	}
	mp_ops_local_take();
	if (mp_ops_local_find(h->name) != NULL) {
		rte_spinlock_unlock(&mp_ops_local_lock);
		RTE_LOG(ERR, MEMPOOL, "register_ops: %s already registered\n", h->name);
		return -EEXIST;
	}
	if (mp_ops_local_num >= RTE_MEMPOOL_MAX_OPS_IDX) {
		rte_spinlock_unlock(&mp_ops_local_lock);
		RTE_LOG(ERR, MEMPOOL, "register_ops: table full, cannot add %s\n", h->name);
		return -ENOSPC;
	}
	idx = (int)mp_ops_local_num;
	mp_ops_local[idx] = *h;
	mp_ops_local_num++;
	rte_spinlock_unlock(&mp_ops_local_lock);
	return idx;
}

/* ---- shared name table -------------------------------------------------------------- */
static struct mp_ops_names *mp_ops_names_get(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(MP_OPS_NAMES_MZ);

	if (mz == NULL) {
		mz = rte_memzone_reserve(MP_OPS_NAMES_MZ, sizeof(struct mp_ops_names),
					 SOCKET_ID_ANY, 0);
		if (mz == NULL && rte_errno == EEXIST)
			mz = rte_memzone_lookup(MP_OPS_NAMES_MZ);   /* lost the race */
	}
	return mz ? mz->addr : NULL;
}

/* Install this process's functions for shared index idx (name known). */
static int mp_ops_install(int idx, const char *name)
{
	const struct rte_mempool_ops *h;
	struct rte_mempool_ops *slot = &rte_mempool_ops_table.ops[idx];

	mp_ops_local_take();
	h = mp_ops_local_find(name);
	rte_spinlock_unlock(&mp_ops_local_lock);
	if (h == NULL)
		return -ENOENT;
	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	if (strcmp(slot->name, name) != 0) {
		/* Fill everything but the stubs first, then the hot pointers.
		 * Each store is a whole pointer; a racing reader sees the stub
		 * or the real function, both correct. */
		slot->calc_mem_size = h->calc_mem_size;
		slot->populate = h->populate;
		slot->get_info = h->get_info;
		slot->dequeue_contig_blocks = h->dequeue_contig_blocks;
		__atomic_store_n(&slot->alloc, h->alloc, __ATOMIC_RELEASE);
		__atomic_store_n(&slot->free, h->free, __ATOMIC_RELEASE);
		__atomic_store_n(&slot->get_count, h->get_count, __ATOMIC_RELEASE);
		__atomic_store_n(&slot->dequeue, h->dequeue, __ATOMIC_RELEASE);
		__atomic_store_n(&slot->enqueue, h->enqueue, __ATOMIC_RELEASE);
		memcpy(slot->name, h->name, sizeof(slot->name));
		if (rte_mempool_ops_table.num_ops < (uint32_t)idx + 1)
			rte_mempool_ops_table.num_ops = (uint32_t)idx + 1;
	}
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
	return 0;
}

int mp_ops_resolve(int idx)
{
	struct mp_ops_names *t;
	char name[RTE_MEMPOOL_OPS_NAMESIZE];

	if (idx < 0 || idx >= RTE_MEMPOOL_MAX_OPS_IDX)
		return -EINVAL;
	t = mp_ops_names_get();
	if (t == NULL)
		return -ENOMEM;
	rte_spinlock_lock(&t->lock);
	if ((uint32_t)idx >= t->num) {
		rte_spinlock_unlock(&t->lock);
		RTE_LOG(ERR, MEMPOOL, "ops index %d not in the shared table\n", idx);
		return -ENOENT;
	}
	memcpy(name, t->name[idx], sizeof(name));
	rte_spinlock_unlock(&t->lock);
	if (mp_ops_install(idx, name) < 0) {
		RTE_LOG(ERR, MEMPOOL, "ops \"%s\" used by a pool is not registered in this process\n",
			name);
		return -ENOENT;
	}
	return 0;
}

/* Shared index for name (added if new), with this process's slot installed. */
static int mp_ops_index_of(const char *name)
{
	struct mp_ops_names *t;
	int idx = -1;

	mp_ops_local_take();
	const struct rte_mempool_ops *h = mp_ops_local_find(name);
	rte_spinlock_unlock(&mp_ops_local_lock);
	if (h == NULL)
		return -EINVAL;
	t = mp_ops_names_get();
	if (t == NULL)
		return -ENOMEM;
	rte_spinlock_lock(&t->lock);
	for (uint32_t i = 0; i < t->num; i++)
		if (strcmp(t->name[i], name) == 0)
			idx = (int)i;
	if (idx < 0 && t->num < RTE_MEMPOOL_MAX_OPS_IDX) {
		idx = (int)t->num;
		snprintf(t->name[idx], RTE_MEMPOOL_OPS_NAMESIZE, "%s", name);
		t->num++;
	}
	rte_spinlock_unlock(&t->lock);
	if (idx < 0)
		return -ENOSPC;
	if (mp_ops_install(idx, name) < 0)
		return -EINVAL;
	return idx;
}

int rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name, void *pool_config)
{
	int idx;

	if (mp == NULL || name == NULL)
		return -EINVAL;
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED) {
		RTE_LOG(ERR, MEMPOOL, "%s: cannot change ops after populate\n", mp->name);
		return -EEXIST;
	}
	idx = mp_ops_index_of(name);
	if (idx < 0) {
		RTE_LOG(ERR, MEMPOOL, "%s: unknown mempool ops \"%s\"\n", mp->name, name);
		return idx == -ENOSPC ? -ENOSPC : -EINVAL;
	}
	mp->ops_index = idx;
	mp->pool_config = pool_config;
	return 0;
}

/* Slow-path accessor: resolves the slot if this process has not yet. */
static struct rte_mempool_ops *mp_ops(const struct rte_mempool *mp)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->name[0] == '\0' && mp_ops_resolve(mp->ops_index) < 0)
		return NULL;
	return ops;
}

int rte_mempool_ops_alloc(struct rte_mempool *mp)
{
	struct rte_mempool_ops *ops = mp_ops(mp);

	return ops ? ops->alloc(mp) : -ENOENT;
}

void rte_mempool_ops_free(struct rte_mempool *mp)
{
	struct rte_mempool_ops *ops = mp_ops(mp);

	if (ops != NULL && ops->free != NULL)
		ops->free(mp);
}

unsigned rte_mempool_ops_get_count(const struct rte_mempool *mp)
{
	struct rte_mempool_ops *ops = mp_ops(mp);

	return ops ? ops->get_count(mp) : 0;
}

ssize_t rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp, uint32_t obj_num,
				      uint32_t pg_shift, size_t *min_chunk_size, size_t *align)
{
	struct rte_mempool_ops *ops = mp_ops(mp);

	if (ops == NULL)
		return -ENOENT;
	if (ops->calc_mem_size == NULL)
		return rte_mempool_op_calc_mem_size_default(mp, obj_num, pg_shift,
							    min_chunk_size, align);
	return ops->calc_mem_size(mp, obj_num, pg_shift, min_chunk_size, align);
}

int rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
			     rte_iova_t iova, size_t len,
			     rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	struct rte_mempool_ops *ops = mp_ops(mp);

	if (ops == NULL)
		return -ENOENT;
	if (ops->populate == NULL)
		return rte_mempool_op_populate_default(mp, max_objs, vaddr, iova, len,
						       obj_cb, obj_cb_arg);
	return ops->populate(mp, max_objs, vaddr, iova, len, obj_cb, obj_cb_arg);
}

int rte_mempool_ops_get_info(const struct rte_mempool *mp, struct rte_mempool_info *info)
{
	struct rte_mempool_ops *ops;

	if (mp == NULL || info == NULL)
		return -EINVAL;
	ops = mp_ops(mp);
	if (ops == NULL)
		return -ENOENT;
	if (ops->get_info == NULL)
		return -ENOTSUP;
	return ops->get_info(mp, info);
}

/* ---- default memory sizing and object placement ---------------------------------------- */
ssize_t rte_mempool_op_calc_mem_size_helper(const struct rte_mempool *mp, uint32_t obj_num,
		uint32_t pg_shift, size_t chunk_reserve, size_t *min_chunk_size, size_t *align)
{
	size_t total = (size_t)mp->header_size + mp->elt_size + mp->trailer_size;
	size_t mem;

	if (total == 0) {
		mem = 0;
	} else if (pg_shift == 0) {
		mem = total * obj_num;
	} else {
		size_t pg_sz = (size_t)1 << pg_shift;

		if (total > pg_sz) {
			/* Objects span pages: each starts on a fresh page run. */
			mem = (size_t)obj_num * RTE_ALIGN_CEIL(total, pg_sz);
		} else {
			size_t per_pg = (pg_sz - chunk_reserve) / total;

			if (per_pg == 0)
				return -EINVAL;
			mem = (obj_num / per_pg) * pg_sz + (obj_num % per_pg) * total;
		}
	}
	mem += chunk_reserve;
	*min_chunk_size = total + chunk_reserve;
	*align = RTE_MAX((size_t)RTE_CACHE_LINE_SIZE, (size_t)RTE_MEMPOOL_ALIGN);
	return (ssize_t)mem;
}

ssize_t rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp, uint32_t obj_num,
		uint32_t pg_shift, size_t *min_chunk_size, size_t *align)
{
	return rte_mempool_op_calc_mem_size_helper(mp, obj_num, pg_shift, 0,
						   min_chunk_size, align);
}

int rte_mempool_op_populate_helper(struct rte_mempool *mp, unsigned int flags,
		unsigned int max_objs, void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	size_t total = (size_t)mp->header_size + mp->elt_size + mp->trailer_size;
	size_t off = 0;
	unsigned int i;

	if (total == 0)
		return -EINVAL;
	for (i = 0; i < max_objs; i++) {
		if (flags & RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ) {
			/* The object (after its header) starts on a multiple of
			 * the total object size, measured in VA. */
			uintptr_t elt = (uintptr_t)vaddr + off + mp->header_size;
			off += RTE_ALIGN_MUL_CEIL(elt, (uintptr_t)total) - elt;
		}
		if (off + total > len)
			break;
		char *obj = (char *)vaddr + off + mp->header_size;
		obj_cb(mp, obj_cb_arg, obj,
		       iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + off + mp->header_size);
		off += total;
	}
	return (int)i;
}

int rte_mempool_op_populate_default(struct rte_mempool *mp, unsigned int max_objs,
		void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	return rte_mempool_op_populate_helper(mp, 0, max_objs, vaddr, iova, len,
					      obj_cb, obj_cb_arg);
}
