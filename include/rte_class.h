/* SPDX-License-Identifier: BSD-3-Clause
 * Device classes (DPDK 22.11 rte_class.h): "eth" is the one dplite has. */
#ifndef _RTE_CLASS_H_
#define _RTE_CLASS_H_

#include <rte_compat.h>
#include <rte_dev.h>

#ifdef __cplusplus
extern "C" {
#endif

RTE_TAILQ_HEAD(rte_class_list, rte_class);

struct rte_class {
	RTE_TAILQ_ENTRY(rte_class) next;
	const char *name;
	rte_dev_iterate_t dev_iterate;
};

typedef int (*rte_class_cmp_t)(const struct rte_class *cls, const void *data);

struct rte_class *rte_class_find(const struct rte_class *start, rte_class_cmp_t cmp,
				 const void *data);
struct rte_class *rte_class_find_by_name(const char *name);
void rte_class_register(struct rte_class *cls);
void rte_class_unregister(struct rte_class *cls);

#define RTE_REGISTER_CLASS(nm, cls) \
RTE_INIT_PRIO(classinitfn_ ##nm, CLASS) \
{ \
	(cls).name = RTE_STR(nm); \
	rte_class_register(&cls); \
}
#define RTE_UNREGISTER_CLASS(nm, cls) \
RTE_FINI_PRIO(classfinifn_ ##nm, CLASS) \
{ \
	rte_class_unregister(&cls); \
}

#ifdef __cplusplus
}
#endif
#endif
