/* SPDX-License-Identifier: BSD-3-Clause
 * introspect.c: read-only views of EAL state for in-process tools
 * (eal_introspect.h). Sits between mem/ (whose heap root and memzone table
 * it reads) and init.c (which saves argv here); calls nothing else.
 *
 * Owns only the saved copy of rte_eal_init's argv. Reads the shared heap
 * root and memzone table through the same fields heap_stats.c and memzone.c
 * use; counters are read with relaxed atomics, so the figures are snapshots
 * (exact when the heap is quiet), as rte_malloc_dump_stats says. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
#include <rte_string_fns.h>
#include "eal_private.h"
#include "eal_mem.h"
#include "heap_private.h"
#include "eal_introspect.h"

/* ---- saved argv ------------------------------------------------------------ */
/* One block: two pointer arrays followed by the strings. Replaced (never
 * freed while reachable from a static) at each init, before any telemetry
 * thread exists, so readers never see a half-written block. */
static char **saved_eal, **saved_app;
static void *saved_block;

void eal_args_save(int argc, char **argv)
{
	size_t bytes = 0;
	int i, split = argc;

	if (argc < 0 || argv == NULL)
		return;
	for (i = 0; i < argc; i++) {
		if (argv[i] == NULL) {
			argc = i;
			break;
		}
		bytes += strlen(argv[i]) + 1;
		if (split == argc && strcmp(argv[i], "--") == 0)
			split = i;
	}
	if (split > argc)
		split = argc;
	/* eal: split entries + NULL; app: argc - split - 1 entries + NULL */
	size_t nptr = (size_t)split + 1 + (size_t)(argc > split ? argc - split - 1 : 0) + 1;
	char **blk = malloc(nptr * sizeof(char *) + bytes);
	if (blk == NULL)
		return;
	char *s = (char *)(blk + nptr);
	char **e = blk, **a = blk + split + 1;
	for (i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;
		if (i < split)
			*e++ = memcpy(s, argv[i], l);
		else if (i > split)
			*a++ = memcpy(s, argv[i], l);
		else
			continue;
		s += l;
	}
	*e = NULL;
	*a = NULL;
	free(saved_block);
	saved_block = blk;
	saved_eal = blk;
	saved_app = blk + split + 1;
}

char *const *eal_saved_eal_args(void) { return saved_eal; }
char *const *eal_saved_app_args(void) { return saved_app; }

/* ---- heaps ------------------------------------------------------------------ */
unsigned int eal_heap_slots(void) { return RTE_MAX_HEAPS; }

int eal_heap_describe(unsigned int idx, struct eal_heap_desc *d)
{
	struct heap_root *r = heap_root_ptr;
	if (r == NULL || d == NULL || idx >= RTE_MAX_HEAPS ||
	    idx >= __atomic_load_n(&r->nheaps, __ATOMIC_ACQUIRE))
		return -ENOENT;
	struct heap_heap *h = &r->heaps[idx];
	rte_spinlock_lock(&h->lock);
	int used = h->in_use != 0;
	if (used) {
		rte_strscpy(d->name, h->name, sizeof(d->name));
		d->socket_id = h->socket_id;
		d->external = h->external != 0;
	}
	rte_spinlock_unlock(&h->lock);
	return used ? 0 : -ENOENT;
}

static void type_sum(const struct heap_root *r, unsigned int t, int64_t *bytes, int64_t *count)
{
	int64_t b = __atomic_load_n(&r->type_bytes[t], __ATOMIC_RELAXED);
	int64_t c = __atomic_load_n(&r->type_count[t], __ATOMIC_RELAXED);
	for (unsigned int i = 0; i < HEAP_NCACHES; i++) {
		b += __atomic_load_n(&r->caches[i].type_bytes[t], __ATOMIC_RELAXED);
		c += __atomic_load_n(&r->caches[i].type_count[t], __ATOMIC_RELAXED);
	}
	for (unsigned int i = 0; i < r->nheaps && i < RTE_MAX_HEAPS; i++) {
		b += __atomic_load_n(&r->heaps[i].type_bytes[t], __ATOMIC_RELAXED);
		c += __atomic_load_n(&r->heaps[i].type_count[t], __ATOMIC_RELAXED);
	}
	*bytes = b;
	*count = c;
}

unsigned int eal_heap_types_read(struct eal_heap_type_stat *out, unsigned int max)
{
	struct heap_root *r = heap_root_ptr;
	uint8_t ids[HEAP_NTYPES];
	unsigned int n = 0;
	if (r == NULL || out == NULL)
		return 0;
	/* heap_type_id adds names under the root lock: copy the table under it */
	rte_spinlock_lock(&r->lock);
	for (unsigned int t = HEAP_TYPE_NONE; t < HEAP_NTYPES && n < max; t++) {
		if (t >= r->ntypes && t != HEAP_TYPE_OTHER)
			continue;
		size_t l = strnlen(r->types[t], HEAP_TYPE_NAMELEN - 1);
		if (l >= sizeof(out[n].name))
			l = sizeof(out[n].name) - 1;
		memcpy(out[n].name, r->types[t], l);
		out[n].name[l] = '\0';
		ids[n++] = (uint8_t)t;
	}
	rte_spinlock_unlock(&r->lock);
	for (unsigned int i = 0; i < n; i++)
		type_sum(r, ids[i], &out[i].bytes, &out[i].count);
	return n;
}

/* ---- memzones and lcores ------------------------------------------------------ */
int eal_memzone_index(const struct rte_memzone *mz)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || cfg->mz == NULL || mz == NULL)
		return -1;
	uintptr_t base = (uintptr_t)cfg->mz, p = (uintptr_t)mz;
	if (p < base || p >= base + (uintptr_t)cfg->mz_cap * sizeof(struct eal_mz_slot))
		return -1;
	return (int)((p - base) / sizeof(struct eal_mz_slot));
}

int eal_lcore_owner(unsigned int lcore_id)
{
	struct eal_mem_config *cfg = eal_mcfg();
	if (cfg == NULL || lcore_id >= RTE_MAX_LCORE)
		return 0;
	return __atomic_load_n(&cfg->lcore_owner[lcore_id], __ATOMIC_ACQUIRE);
}
