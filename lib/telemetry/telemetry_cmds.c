/* SPDX-License-Identifier: BSD-3-Clause
 * Built-in telemetry commands for EAL, heaps, memzones, hugepages, memseg
 * lists, lcores, mempools and rings (shapes: docs/telemetry.md).
 *
 * DPDK 22.11's commands keep DPDK's keys and shapes (including its
 * "Head_id" spelling); the others (/eal/lcore/..., /eal/hugepages,
 * /eal/memseg_lists, /eal/heap_types, /ring/...) are ours.
 *
 * Rules every command here keeps: parameters are parsed strictly (decimal
 * ids only, in range, or the reply is null); shared objects are read through
 * the public API or lib/eal's read-only views (eal_introspect.h); objects an
 * application may free at any moment (memzones, pools, rings) are read
 * inside rte_memzone_walk, whose read lock holds rte_memzone_free (and so
 * rte_mempool_free and rte_ring_free) off until the callback returns.
 * DPDK 22.11 gets the same from its tailq lock; without it a query racing
 * a free read a zeroed pool and crashed (test_telemetry_concurrent). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_launch.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_string_fns.h>
#include "telemetry_internal.h"
#include "eal_introspect.h"

/* Every memzone walk of every telemetry client goes through here, one at a
 * time: the memzone lock prefers readers, so overlapping walks from many
 * clients could keep rte_memzone_reserve/free waiting indefinitely; one
 * walk at a time, with a yield after it, leaves the writers their gaps. */
static pthread_mutex_t walk_lock = PTHREAD_MUTEX_INITIALIZER;

static void mz_walk(void (*cb)(const struct rte_memzone *, void *), void *arg)
{
	pthread_mutex_lock(&walk_lock);
	rte_memzone_walk(cb, arg);
	pthread_mutex_unlock(&walk_lock);
	sched_yield();
}

/* Strict decimal id: digits only, value <= max. */
static int parse_id(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (s == NULL || *s == '\0')
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return -ERANGE;
	}
	*out = v;
	return 0;
}

static void addr_str(char *buf, size_t len, const void *p)
{
	snprintf(buf, len, "0x%" PRIxPTR, (uintptr_t)p);
}

/* ---- /eal/params, /eal/app_params ----------------------------------------------- */
static int eal_params(const char *cmd, const char *params __rte_unused, struct rte_tel_data *d)
{
	char *const *a = strcmp(cmd, "/eal/params") == 0 ? eal_saved_eal_args() :
							   eal_saved_app_args();
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (; a != NULL && *a != NULL; a++)
		rte_tel_data_add_array_string(d, *a);
	return 0;
}

/* ---- heaps ---------------------------------------------------------------------------- */
static int heap_list(const char *cmd __rte_unused, const char *params __rte_unused,
		     struct rte_tel_data *d)
{
	struct eal_heap_desc h;
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	for (unsigned int i = 0; i < eal_heap_slots(); i++)
		if (eal_heap_describe(i, &h) == 0)
			rte_tel_data_add_array_int(d, (int)i);
	return 0;
}

static int heap_info(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	struct eal_heap_desc h;
	struct rte_malloc_socket_stats st;
	unsigned long id;
	if (parse_id(params, eal_heap_slots() - 1, &id) < 0 || eal_heap_describe(id, &h) < 0 ||
	    rte_malloc_get_socket_stats(h.socket_id, &st) < 0)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "Head_id", id);   /* DPDK 22.11's key */
	rte_tel_data_add_dict_string(d, "Name", h.name);
	rte_tel_data_add_dict_u64(d, "Heap_size", st.heap_totalsz_bytes);
	rte_tel_data_add_dict_u64(d, "Free_size", st.heap_freesz_bytes);
	rte_tel_data_add_dict_u64(d, "Alloc_size", st.heap_allocsz_bytes);
	rte_tel_data_add_dict_u64(d, "Greatest_free_size", st.greatest_free_size);
	rte_tel_data_add_dict_u64(d, "Alloc_count", st.alloc_count);
	rte_tel_data_add_dict_u64(d, "Free_count", st.free_count);
	rte_tel_data_add_dict_int(d, "Socket_id", h.socket_id);
	rte_tel_data_add_dict_int(d, "External", h.external);
	return 0;
}

/* {"<type>": {"bytes": live bytes, "count": live blocks}, ...} */
static int heap_types(const char *cmd __rte_unused, const char *params __rte_unused,
		      struct rte_tel_data *d)
{
	struct eal_heap_type_stat *st = malloc(256 * sizeof(*st));
	if (st == NULL)
		return -ENOMEM;
	unsigned int n = eal_heap_types_read(st, 256);
	rte_tel_data_start_dict(d);
	for (unsigned int i = 0; i < n; i++) {
		if (st[i].count <= 0)
			continue;
		struct rte_tel_data *x = rte_tel_data_alloc();
		if (x == NULL)
			break;
		rte_tel_data_start_dict(x);
		rte_tel_data_add_dict_u64(x, "bytes", (uint64_t)(st[i].bytes < 0 ? 0 : st[i].bytes));
		rte_tel_data_add_dict_u64(x, "count", (uint64_t)st[i].count);
		if (tel_dict_add_container_anyname(d, st[i].name, x, 0) < 0)
			rte_tel_data_free(x);
	}
	free(st);
	return 0;
}

/* ---- memzones -------------------------------------------------------------------------- */
struct mz_walk {
	struct rte_tel_data *d;     /* list */
	int want;                   /* info: index wanted */
	bool found;
	struct rte_memzone copy;
};

static void mz_list_cb(const struct rte_memzone *mz, void *arg)
{
	struct mz_walk *w = arg;
	int idx = eal_memzone_index(mz);
	if (idx >= 0)
		rte_tel_data_add_array_int(w->d, idx);
}

static int memzone_list(const char *cmd __rte_unused, const char *params __rte_unused,
			struct rte_tel_data *d)
{
	struct mz_walk w = { .d = d };
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	mz_walk(mz_list_cb, &w);
	return 0;
}

static void mz_find_cb(const struct rte_memzone *mz, void *arg)
{
	struct mz_walk *w = arg;
	if (!w->found && eal_memzone_index(mz) == w->want) {
		w->copy = *mz;
		w->found = true;
	}
}

static int memzone_info(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	struct mz_walk w = { 0 };
	unsigned long id;
	char a[32];
	if (parse_id(params, INT32_MAX, &id) < 0)
		return -EINVAL;
	w.want = (int)id;
	mz_walk(mz_find_cb, &w);
	if (!w.found)
		return -ENOENT;
	const struct rte_memzone *mz = &w.copy;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "Zone", id);
	rte_tel_data_add_dict_string(d, "Name", mz->name);
	rte_tel_data_add_dict_u64(d, "Length", mz->len);
	addr_str(a, sizeof(a), mz->addr);
	rte_tel_data_add_dict_string(d, "Address", a);
	rte_tel_data_add_dict_int(d, "Socket", mz->socket_id);
	rte_tel_data_add_dict_u64(d, "Flags", mz->flags);
	uint64_t pg = mz->hugepage_sz;
	struct rte_memseg_list *msl = rte_mem_virt2memseg_list(mz->addr);
	if (msl != NULL && msl->page_sz)
		pg = msl->page_sz;
	if (pg == 0)
		pg = 4096;
	uintptr_t first = RTE_ALIGN_FLOOR((uintptr_t)mz->addr, pg);
	uintptr_t end = RTE_ALIGN_CEIL((uintptr_t)mz->addr + mz->len, pg);
	rte_tel_data_add_dict_u64(d, "Hugepage_size", pg);
	addr_str(a, sizeof(a), (void *)first);
	rte_tel_data_add_dict_string(d, "Hugepage_base", a);
	rte_tel_data_add_dict_int(d, "Hugepage_used", (int)((end - first) / pg));
	return 0;
}

/* ---- hugepages, memseg lists ------------------------------------------------------------- */
struct pages_walk {
	uint64_t page_sz;
	uint64_t n;
};

static int count_pages_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms __rte_unused,
			  void *arg)
{
	struct pages_walk *w = arg;
	if (!msl->external && msl->page_sz == w->page_sz)
		w->n++;
	return 0;
}

static long read_count(const char *dir, const char *file)
{
	char path[512], buf[32];
	long v = -1;
	snprintf(path, sizeof(path), "/sys/kernel/mm/hugepages/%s/%s", dir, file);
	FILE *f = fopen(path, "re");
	if (f == NULL)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		v = strtol(buf, NULL, 10);
	fclose(f);
	return v;
}

/* {"2048kB": {"page_size", "total", "free", "reserved", "surplus",
 *             "used_by_prefix"}, ...}: the kernel's pools and this prefix's share. */
static int hugepages(const char *cmd __rte_unused, const char *params __rte_unused,
		     struct rte_tel_data *d)
{
	DIR *dir = opendir("/sys/kernel/mm/hugepages");
	struct dirent *e;
	rte_tel_data_start_dict(d);
	if (dir == NULL)
		return 0;
	while ((e = readdir(dir)) != NULL) {
		unsigned long kb;
		if (sscanf(e->d_name, "hugepages-%lukB", &kb) != 1)
			continue;
		struct pages_walk w = { .page_sz = (uint64_t)kb * 1024 };
		rte_memseg_walk(count_pages_cb, &w);
		struct rte_tel_data *x = rte_tel_data_alloc();
		if (x == NULL)
			break;
		rte_tel_data_start_dict(x);
		rte_tel_data_add_dict_u64(x, "page_size", w.page_sz);
		long v;
		rte_tel_data_add_dict_u64(x, "total", (v = read_count(e->d_name, "nr_hugepages")) < 0 ? 0 : (uint64_t)v);
		rte_tel_data_add_dict_u64(x, "free", (v = read_count(e->d_name, "free_hugepages")) < 0 ? 0 : (uint64_t)v);
		rte_tel_data_add_dict_u64(x, "reserved", (v = read_count(e->d_name, "resv_hugepages")) < 0 ? 0 : (uint64_t)v);
		rte_tel_data_add_dict_u64(x, "surplus", (v = read_count(e->d_name, "surplus_hugepages")) < 0 ? 0 : (uint64_t)v);
		rte_tel_data_add_dict_u64(x, "used_by_prefix", w.n);
		char key[32];
		snprintf(key, sizeof(key), "%lukB", kb);
		if (rte_tel_data_add_dict_container(d, key, x, 0) < 0)
			rte_tel_data_free(x);
	}
	closedir(dir);
	return 0;
}

struct msl_walk {
	struct rte_tel_data *d;
	unsigned int idx;
};

static int msl_cb(const struct rte_memseg_list *msl, void *arg)
{
	struct msl_walk *w = arg;
	char key[16], a[32];
	struct rte_tel_data *x = rte_tel_data_alloc();
	if (x == NULL)
		return -1;
	rte_tel_data_start_dict(x);
	addr_str(a, sizeof(a), msl->base_va);
	rte_tel_data_add_dict_string(x, "base_va", a);
	rte_tel_data_add_dict_u64(x, "page_size", msl->page_sz);
	rte_tel_data_add_dict_int(x, "socket_id", msl->socket_id);
	rte_tel_data_add_dict_u64(x, "length", msl->len);
	rte_tel_data_add_dict_u64(x, "pages_max", msl->memseg_arr.len);
	rte_tel_data_add_dict_u64(x, "pages_used", msl->memseg_arr.count);
	rte_tel_data_add_dict_int(x, "external", (int)msl->external);
	snprintf(key, sizeof(key), "%u", w->idx++);
	if (rte_tel_data_add_dict_container(w->d, key, x, 0) < 0) {
		rte_tel_data_free(x);
		return 1;
	}
	return 0;
}

static int memseg_lists(const char *cmd __rte_unused, const char *params __rte_unused,
			struct rte_tel_data *d)
{
	struct msl_walk w = { .d = d };
	rte_tel_data_start_dict(d);
	rte_memseg_list_walk(msl_cb, &w);
	return 0;
}

/* ---- lcores ----------------------------------------------------------------------------- */
static int lcore_list(const char *cmd __rte_unused, const char *params __rte_unused,
		      struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (rte_eal_lcore_role(id) != ROLE_OFF)
			rte_tel_data_add_array_int(d, (int)id);
	return 0;
}

static int lcore_info(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	static const char *const roles[] = { "RTE", "OFF", "SERVICE", "NON_EAL" };
	unsigned long id;
	if (parse_id(params, RTE_MAX_LCORE - 1, &id) < 0)
		return -EINVAL;
	enum rte_lcore_role_t role = rte_eal_lcore_role(id);
	if (role == ROLE_OFF || (unsigned int)role >= RTE_DIM(roles))
		return -ENOENT;
	struct rte_tel_data *cpus = rte_tel_data_alloc();
	if (cpus == NULL)
		return -ENOMEM;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "lcore_id", (int)id);
	rte_tel_data_add_dict_int(d, "socket", (int)rte_lcore_to_socket_id(id));
	rte_tel_data_add_dict_string(d, "role", roles[role]);
	rte_tel_data_start_array(cpus, RTE_TEL_INT_VAL);
	rte_cpuset_t set = rte_lcore_cpuset(id);
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set))
			rte_tel_data_add_array_int(cpus, c);
	if (rte_tel_data_add_dict_container(d, "cpuset", cpus, 0) < 0)
		rte_tel_data_free(cpus);
	rte_tel_data_add_dict_int(d, "main", id == rte_get_main_lcore());
	rte_tel_data_add_dict_string(d, "state",
				     role == ROLE_RTE && id != rte_get_main_lcore() &&
				     rte_eal_get_lcore_state(id) == RUNNING ? "RUNNING" : "WAIT");
	rte_tel_data_add_dict_int(d, "owner_pid", eal_lcore_owner(id));
	return 0;
}

/* {"<lcore id>": pid, ...}: lcore ids claimed in this prefix, by any process
 * (how dplite-info picks a free id for a secondary). */
static int lcore_owners(const char *cmd __rte_unused, const char *params __rte_unused,
			struct rte_tel_data *d)
{
	char key[16];
	rte_tel_data_start_dict(d);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		int pid = eal_lcore_owner(id);
		if (pid == 0)
			continue;
		snprintf(key, sizeof(key), "%u", id);
		rte_tel_data_add_dict_int(d, key, pid);
	}
	return 0;
}

/* ---- mempools ------------------------------------------------------------------------------ */
#define NAMES_MAX RTE_TEL_MAX_ARRAY_ENTRIES
struct names {
	unsigned int n;
	char (*v)[RTE_MEMZONE_NAMESIZE];
};

/* Names are copied inside rte_memzone_walk (a pool freed meanwhile cannot
 * vanish under the copy); a pool is a zone "MP_<name>" linked back to it. */
static void pool_name_cb(const struct rte_memzone *mz, void *arg)
{
	struct names *w = arg;
	const size_t plen = sizeof(RTE_MEMPOOL_MZ_PREFIX) - 1;
	const struct rte_mempool *mp = mz->addr;
	if (w->n < NAMES_MAX && strncmp(mz->name, RTE_MEMPOOL_MZ_PREFIX, plen) == 0 &&
	    mz->len >= sizeof(*mp) && __atomic_load_n(&mp->mz, __ATOMIC_ACQUIRE) == mz)
		rte_strscpy(w->v[w->n++], mp->name, RTE_MEMZONE_NAMESIZE);
}

static int mempool_list(const char *cmd __rte_unused, const char *params __rte_unused,
			struct rte_tel_data *d)
{
	struct names w = { 0 };
	w.v = malloc(NAMES_MAX * sizeof(*w.v));
	if (w.v == NULL)
		return -ENOMEM;
	mz_walk(pool_name_cb, &w);
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (unsigned int i = 0; i < w.n; i++)
		rte_tel_data_add_array_string(d, w.v[i]);
	free(w.v);
	return 0;
}

/* The pool is read inside rte_memzone_walk, whose read lock keeps
 * rte_mempool_free from completing (it frees the pool's ring and zones with
 * rte_memzone_free) while we read; a pool whose mz link is already cleared
 * is being freed and counts as absent. */
struct pool_info_walk {
	char zone[RTE_MEMZONE_NAMESIZE];
	const char *name;
	struct rte_tel_data *d;
};

static void pool_info_cb(const struct rte_memzone *mz, void *arg)
{
	struct pool_info_walk *w = arg;
	struct rte_tel_data *d = w->d;
	if (strncmp(mz->name, w->zone, RTE_MEMZONE_NAMESIZE) != 0)
		return;
	struct rte_mempool *mp = mz->addr;
	if (mz->len < sizeof(*mp) || __atomic_load_n(&mp->mz, __ATOMIC_ACQUIRE) != mz ||
	    strncmp(mp->name, w->name, RTE_MEMPOOL_NAMESIZE) != 0)
		return;
	rte_tel_data_add_dict_string(d, "name", mp->name);
	rte_tel_data_add_dict_u64(d, "pool_id", mp->pool_id);
	rte_tel_data_add_dict_u64(d, "flags", mp->flags);
	rte_tel_data_add_dict_int(d, "socket_id", mp->socket_id);
	rte_tel_data_add_dict_u64(d, "size", mp->size);
	rte_tel_data_add_dict_u64(d, "cache_size", mp->cache_size);
	rte_tel_data_add_dict_u64(d, "elt_size", mp->elt_size);
	rte_tel_data_add_dict_u64(d, "header_size", mp->header_size);
	rte_tel_data_add_dict_u64(d, "trailer_size", mp->trailer_size);
	rte_tel_data_add_dict_u64(d, "private_data_size", mp->private_data_size);
	rte_tel_data_add_dict_int(d, "ops_index", mp->ops_index);
	rte_tel_data_add_dict_u64(d, "populated_size", mp->populated_size);
	rte_tel_data_add_dict_string(d, "mz_name", mz->name);
	rte_tel_data_add_dict_u64(d, "mz_len", mz->len);
	rte_tel_data_add_dict_u64(d, "mz_hugepage_sz", mz->hugepage_sz);
	rte_tel_data_add_dict_int(d, "mz_socket_id", mz->socket_id);
	rte_tel_data_add_dict_u64(d, "mz_flags", mz->flags);
	/* dplite additions */
	if (mp->ops_index >= 0 && mp->ops_index < RTE_MEMPOOL_MAX_OPS_IDX) {
		rte_tel_data_add_dict_string(d, "ops_name", rte_mempool_get_ops(mp->ops_index)->name);
		if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED) {
			rte_tel_data_add_dict_u64(d, "avail_count", rte_mempool_avail_count(mp));
			rte_tel_data_add_dict_u64(d, "in_use_count", rte_mempool_in_use_count(mp));
		}
	}
}

static int mempool_info(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	struct pool_info_walk w = { .name = params, .d = d };
	if (params == NULL || params[0] == '\0' || strlen(params) >= RTE_MEMPOOL_NAMESIZE)
		return -EINVAL;
	rte_tel_data_start_dict(d);   /* DPDK: unknown pool -> {} */
	/* a lookup binds the pool's ops in this process (their name, counts) */
	if (rte_mempool_lookup(params) == NULL)
		return 0;
	snprintf(w.zone, sizeof(w.zone), RTE_MEMPOOL_MZ_FORMAT, params);
	mz_walk(pool_info_cb, &w);
	return 0;
}

/* ---- rings ------------------------------------------------------------------------------------ */
static void ring_name_cb(const struct rte_memzone *mz, void *arg)
{
	struct names *w = arg;
	const size_t plen = sizeof(RTE_RING_MZ_PREFIX) - 1;
	if (w->n < NAMES_MAX && strncmp(mz->name, RTE_RING_MZ_PREFIX, plen) == 0)
		rte_strscpy(w->v[w->n++], mz->name + plen, RTE_MEMZONE_NAMESIZE);
}

static int ring_list(const char *cmd __rte_unused, const char *params __rte_unused,
		     struct rte_tel_data *d)
{
	struct names w = { 0 };
	w.v = malloc(NAMES_MAX * sizeof(*w.v));
	if (w.v == NULL)
		return -ENOMEM;
	mz_walk(ring_name_cb, &w);
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (unsigned int i = 0; i < w.n; i++)
		if (rte_ring_lookup(w.v[i]) != NULL)
			rte_tel_data_add_array_string(d, w.v[i]);
	free(w.v);
	return 0;
}

/* "MP"/"SP"/"MP_RTS"/"MP_HTS" for the producer side, "MC"/... for the consumer */
static const char *sync_name(enum rte_ring_sync_type t, bool prod)
{
	switch (t) {
	case RTE_RING_SYNC_MT: return prod ? "MP" : "MC";
	case RTE_RING_SYNC_ST: return prod ? "SP" : "SC";
	case RTE_RING_SYNC_MT_RTS: return prod ? "MP_RTS" : "MC_RTS";
	case RTE_RING_SYNC_MT_HTS: return prod ? "MP_HTS" : "MC_HTS";
	}
	return "unknown";
}

/* Head and tail of one side, whatever its sync mode. The producers and
 * consumers move them concurrently: each word is read atomically (relaxed:
 * a snapshot, no ordering with the slots is needed to print it). */
static void side_pos(const struct rte_ring_headtail *ht, uint32_t *head, uint32_t *tail)
{
	if (ht->sync_type == RTE_RING_SYNC_MT_RTS) {
		const struct rte_ring_rts_headtail *r = (const void *)ht;
		union __rte_ring_rts_poscnt h, t;
		h.raw = __atomic_load_n(&r->head.raw, __ATOMIC_RELAXED);
		t.raw = __atomic_load_n(&r->tail.raw, __ATOMIC_RELAXED);
		*head = h.val.pos;
		*tail = t.val.pos;
	} else if (ht->sync_type == RTE_RING_SYNC_MT_HTS) {
		const struct rte_ring_hts_headtail *h = (const void *)ht;
		union __rte_ring_hts_pos p;
		p.raw = __atomic_load_n(&h->ht.raw, __ATOMIC_RELAXED);
		*head = p.pos.head;
		*tail = p.pos.tail;
	} else {
		*head = __atomic_load_n(&ht->head, __ATOMIC_RELAXED);
		*tail = __atomic_load_n(&ht->tail, __ATOMIC_RELAXED);
	}
}

/* Read inside rte_memzone_walk: rte_ring_free cannot free the zone under
 * us (it needs the write lock). */
struct ring_info_walk {
	char zone[RTE_MEMZONE_NAMESIZE];
	const char *name;
	struct rte_tel_data *d;
	bool found;
};

static void ring_info_cb(const struct rte_memzone *mz, void *arg)
{
	struct ring_info_walk *w = arg;
	struct rte_tel_data *d = w->d;
	if (w->found || strncmp(mz->name, w->zone, RTE_MEMZONE_NAMESIZE) != 0)
		return;
	struct rte_ring *r = mz->addr;
	if (mz->len < sizeof(*r) || r->memzone == NULL ||
	    strncmp(r->name, w->name, RTE_RING_NAMESIZE) != 0)
		return;
	w->found = true;
	uint32_t ph, pt, ch, ct;
	side_pos(&r->prod, &ph, &pt);
	side_pos(&r->cons, &ch, &ct);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", r->name);
	rte_tel_data_add_dict_int(d, "socket_id", mz->socket_id);
	rte_tel_data_add_dict_int(d, "flags", r->flags);
	rte_tel_data_add_dict_u64(d, "size", r->size);
	rte_tel_data_add_dict_u64(d, "mask", r->mask);
	rte_tel_data_add_dict_u64(d, "capacity", r->capacity);
	rte_tel_data_add_dict_u64(d, "used_count", rte_ring_count(r));
	rte_tel_data_add_dict_u64(d, "free_count", rte_ring_free_count(r));
	rte_tel_data_add_dict_string(d, "prod_type", sync_name(r->prod.sync_type, true));
	rte_tel_data_add_dict_string(d, "cons_type", sync_name(r->cons.sync_type, false));
	rte_tel_data_add_dict_u64(d, "prod_head", ph);
	rte_tel_data_add_dict_u64(d, "prod_tail", pt);
	rte_tel_data_add_dict_u64(d, "cons_head", ch);
	rte_tel_data_add_dict_u64(d, "cons_tail", ct);
	rte_tel_data_add_dict_string(d, "mz_name", mz->name);
}

static int ring_info(const char *cmd __rte_unused, const char *params, struct rte_tel_data *d)
{
	struct ring_info_walk w = { .name = params, .d = d };
	if (params == NULL || params[0] == '\0' || strlen(params) >= RTE_RING_NAMESIZE)
		return -EINVAL;
	if ((size_t)snprintf(w.zone, sizeof(w.zone), "%s%s", RTE_RING_MZ_PREFIX, params) >=
	    sizeof(w.zone))
		return -EINVAL;
	mz_walk(ring_info_cb, &w);
	return w.found ? 0 : -ENOENT;
}

void tel_register_builtins(void)
{
	static const struct {
		const char *name;
		telemetry_cb fn;
		const char *help;
	} b[] = {
		{ "/eal/params", eal_params, "EAL arguments of rte_eal_init (up to --). No parameters" },
		{ "/eal/app_params", eal_params, "Application arguments (after --). No parameters" },
		{ "/eal/heap_list", heap_list, "Ids of the heaps in use. No parameters" },
		{ "/eal/heap_info", heap_info, "Statistics of one heap. Parameters: heap id" },
		{ "/eal/heap_types", heap_types, "Live bytes and blocks per rte_malloc type string. No parameters" },
		{ "/eal/memzone_list", memzone_list, "Ids of the reserved memzones. No parameters" },
		{ "/eal/memzone_info", memzone_info, "One memzone. Parameters: memzone id" },
		{ "/eal/hugepages", hugepages, "Hugepages per size: kernel totals and this prefix's use. No parameters" },
		{ "/eal/memseg_lists", memseg_lists, "Memseg lists and their page use. No parameters" },
		{ "/eal/lcore/list", lcore_list, "Lcore ids of this process. No parameters" },
		{ "/eal/lcore/info", lcore_info, "One lcore. Parameters: lcore id" },
		{ "/eal/lcore/owners", lcore_owners, "Lcore ids claimed in this prefix and their pids. No parameters" },
		{ "/mempool/list", mempool_list, "Names of the mempools. No parameters" },
		{ "/mempool/info", mempool_info, "One mempool. Parameters: pool name" },
		{ "/ring/list", ring_list, "Names of the rings. No parameters" },
		{ "/ring/info", ring_info, "One ring. Parameters: ring name" },
	};
	for (unsigned int i = 0; i < RTE_DIM(b); i++)
		rte_telemetry_register_cmd(b[i].name, b[i].fn, b[i].help);
	tel_register_mem();
}
