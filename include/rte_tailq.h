/* SPDX-License-Identifier: BSD-3-Clause
 * Named list heads kept in shared memory so that every process of a prefix
 * walks the same lists (DPDK's rings, hashes, LPM tables... register one).
 * A library declares a struct rte_tailq_elem with a name and registers it
 * (EAL_REGISTER_TAILQ, from a constructor); after rte_eal_init() its head
 * points to the shared head of that name. The list links are pointers: they
 * are valid in every process because shared memory sits at the same address
 * everywhere. Take rte_mcfg_tailq_write_lock() around changes. */
#ifndef _RTE_TAILQ_H_
#define _RTE_TAILQ_H_

#include <stdio.h>
#include <rte_common.h>
#include <rte_debug.h>
#include <rte_os.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_tailq_entry {
	RTE_TAILQ_ENTRY(rte_tailq_entry) next;
	void *data;
};
RTE_TAILQ_HEAD(rte_tailq_entry_head, rte_tailq_entry);

#define RTE_TAILQ_NAMESIZE 32

struct rte_tailq_head {
	struct rte_tailq_entry_head tailq_head;   /* first: RTE_TAILQ_CAST relies on it */
	char name[RTE_TAILQ_NAMESIZE];
};

struct rte_tailq_elem {
	struct rte_tailq_head *head;   /* set by the EAL */
	RTE_TAILQ_ENTRY(rte_tailq_elem) next;
	const char name[RTE_TAILQ_NAMESIZE];
};

#define RTE_TAILQ_CAST(tailq_entry, struct_name) ((struct struct_name *)&(tailq_entry)->tailq_head)

#define RTE_TAILQ_LOOKUP(name, struct_name) __extension__ ({ \
	struct rte_tailq_head *__rte_tq = rte_eal_tailq_lookup(name); \
	__rte_tq == NULL ? NULL : RTE_TAILQ_CAST(__rte_tq, struct_name); \
})

void rte_dump_tailq(FILE *f);
struct rte_tailq_head *rte_eal_tailq_lookup(const char *name);
/* 0, or -1 (name empty or already registered, no room, or lookup failed). */
int rte_eal_tailq_register(struct rte_tailq_elem *t);

#define EAL_REGISTER_TAILQ(t) \
RTE_INIT(tailqinitfn_ ##t) \
{ \
	if (rte_eal_tailq_register(&t) < 0) \
		rte_panic("Cannot initialize tailq: %s\n", t.name); \
}

#ifndef TAILQ_FOREACH_SAFE
#define TAILQ_FOREACH_SAFE(var, head, field, tvar) \
	for ((var) = TAILQ_FIRST((head)); \
	     (var) && ((tvar) = TAILQ_NEXT((var), field), 1); \
	     (var) = (tvar))
#endif
#define RTE_TAILQ_FOREACH_SAFE(var, head, field, tvar) TAILQ_FOREACH_SAFE(var, head, field, tvar)

#ifdef __cplusplus
}
#endif
#endif
