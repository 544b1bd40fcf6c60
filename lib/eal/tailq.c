/* SPDX-License-Identifier: BSD-3-Clause
 * Shared tail queues (rte_tailq.h).
 *
 * Owns: the process-local list of registered rte_tailq_elem (filled by
 * constructors, before or after rte_eal_init) and the shared table of heads,
 * a memzone named "dplite_tailqs":
 *     struct tailq_table { uint32_t count; struct rte_tailq_head head[RTE_MAX_TAILQ]; }
 * The primary creates it when the first list is registered; secondaries
 * look it up, so a list filled
 * by one process is walked by all (pointers inside are valid everywhere:
 * shared memory has the same address in every process).
 * Invariants: head[0..count) are in use and never move or go away while the
 * prefix lives; names are unique; count and names change only under
 * rte_mcfg_tailq_write_lock. A registered elem's head is NULL until init
 * (or, in a secondary, until the primary has created that name).
 * Calls: memzone, the mcfg locks, eal_register_hook. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include <rte_string_fns.h>
#include <rte_tailq.h>
#include "eal_private.h"

#define TAILQ_MZ_NAME "dplite_tailqs"

struct tailq_table {
	uint32_t count;
	struct rte_tailq_head head[RTE_MAX_TAILQ];
};

static TAILQ_HEAD(, rte_tailq_elem) local_elems = TAILQ_HEAD_INITIALIZER(local_elems);
static struct tailq_table *table;   /* NULL until needed after init */
static bool eal_up;                  /* between the init and fini hooks */

/* Under the tailq write lock (primary) or read lock (secondary). */
static struct rte_tailq_head *table_find(const char *name)
{
	for (uint32_t i = 0; i < table->count; i++)
		if (strncmp(table->head[i].name, name, RTE_TAILQ_NAMESIZE) == 0)
			return &table->head[i];
	return NULL;
}

static int table_attach(void);

/* Point t->head at the shared head of its name, creating it in a primary. */
static int elem_attach(struct rte_tailq_elem *t)
{
	struct rte_tailq_head *h;
	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		rte_mcfg_tailq_write_lock();
		h = table_find(t->name);
		if (h == NULL && table->count < RTE_MAX_TAILQ) {
			h = &table->head[table->count];
			TAILQ_INIT(&h->tailq_head);
			rte_strscpy(h->name, t->name, sizeof(h->name));
			table->count++;
		}
		rte_mcfg_tailq_write_unlock();
	} else {
		rte_mcfg_tailq_read_lock();
		h = table_find(t->name);
		rte_mcfg_tailq_read_unlock();
	}
	if (h == NULL) {
		RTE_LOG(ERR, EAL, "tailq '%s': %s\n", t->name,
			rte_eal_process_type() == RTE_PROC_PRIMARY ? "no room (RTE_MAX_TAILQ)" :
			"the primary has not created it");
		return -1;
	}
	t->head = h;
	return 0;
}

int rte_eal_tailq_register(struct rte_tailq_elem *t)
{
	if (t == NULL || t->name[0] == '\0' || strnlen(t->name, RTE_TAILQ_NAMESIZE) == RTE_TAILQ_NAMESIZE) {
		RTE_LOG(ERR, EAL, "rte_eal_tailq_register: NULL, empty or too long name\n");
		rte_errno = EINVAL;
		return -1;
	}
	struct rte_tailq_elem *e;
	TAILQ_FOREACH(e, &local_elems, next)
		if (strncmp(e->name, t->name, RTE_TAILQ_NAMESIZE) == 0) {
			RTE_LOG(ERR, EAL, "rte_eal_tailq_register: '%s' already registered\n", t->name);
			rte_errno = EEXIST;
			return -1;
		}
	t->head = NULL;
	TAILQ_INSERT_TAIL(&local_elems, t, next);
	if (eal_up && (table_attach() < 0 || elem_attach(t) < 0)) {
		TAILQ_REMOVE(&local_elems, t, next);
		rte_errno = ENOSPC;
		return -1;
	}
	return 0;
}

struct rte_tailq_head *rte_eal_tailq_lookup(const char *name)
{
	if (name == NULL || !eal_up || table_attach() < 0)
		return NULL;
	rte_mcfg_tailq_read_lock();
	struct rte_tailq_head *h = table_find(name);
	rte_mcfg_tailq_read_unlock();
	return h;
}

void rte_dump_tailq(FILE *f)
{
	if (f == NULL || table == NULL)
		return;
	rte_mcfg_tailq_read_lock();
	for (uint32_t i = 0; i < table->count; i++) {
		const struct rte_tailq_entry_head *head = &table->head[i].tailq_head;
		fprintf(f, "Tailq %u: qname:<%s>, tqh_first:%p, tqh_last:%p\n", i,
			table->head[i].name, (void *)head->tqh_first, (void *)head->tqh_last);
	}
	rte_mcfg_tailq_read_unlock();
}

/* Map the shared table: the primary creates it (once something registers:
 * a prefix without tailqs has no such memzone), a secondary finds it. */
static int table_attach(void)
{
	if (table != NULL)
		return 0;
	const struct rte_memzone *mz = rte_memzone_lookup(TAILQ_MZ_NAME);
	if (mz == NULL && rte_eal_process_type() == RTE_PROC_PRIMARY) {
		mz = rte_memzone_reserve(TAILQ_MZ_NAME, sizeof(struct tailq_table), SOCKET_ID_ANY, 0);
		if (mz != NULL)
			memset(mz->addr, 0, sizeof(struct tailq_table));
	}
	if (mz == NULL) {
		RTE_LOG(ERR, EAL, "tailq table: %s\n", rte_eal_process_type() == RTE_PROC_PRIMARY ?
			rte_strerror(rte_errno) : "the primary has none");
		return -ENOMEM;
	}
	table = mz->addr;
	return 0;
}

static int tailq_init(void)
{
	eal_up = true;
	if (TAILQ_EMPTY(&local_elems))
		return 0;
	if (table_attach() < 0)
		return rte_eal_process_type() == RTE_PROC_PRIMARY ? -ENOMEM : 0;
	struct rte_tailq_elem *e;
	TAILQ_FOREACH(e, &local_elems, next)
		if (elem_attach(e) < 0 && rte_eal_process_type() == RTE_PROC_PRIMARY) {
			table = NULL;
			return -ENOSPC;
		}
	return 0;
}

static void tailq_fini(void)
{
	struct rte_tailq_elem *e;
	TAILQ_FOREACH(e, &local_elems, next)
		e->head = NULL;
	table = NULL;   /* the memzone goes with the memory */
	eal_up = false;
}

RTE_INIT(tailq_register_hook)
{
	eal_register_hook("tailq", tailq_init, tailq_fini);
}
