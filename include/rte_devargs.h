/* SPDX-License-Identifier: BSD-3-Clause
 * Device arguments (DPDK 22.11 rte_devargs.h): what --vdev (and the allow /
 * block lists in DPDK) put on the EAL's list before buses probe.
 *
 * A devargs string is "[bus:]name[,key=value...]"; for dplite's vdev bus
 * "net_ring0,nodeaction=..." gives name "net_ring0" and args "nodeaction=...".
 * The list is process-local and owned by lib/eal/devargs.c. */
#ifndef _RTE_DEVARGS_H_
#define _RTE_DEVARGS_H_

#include <stdio.h>
#include <rte_compat.h>
#include <rte_dev.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_bus;

#define RTE_DEVARGS_KEY_BUS "bus"
#define RTE_DEVARGS_KEY_CLASS "class"
#define RTE_DEVARGS_KEY_DRIVER "driver"

enum rte_devtype {
	RTE_DEVTYPE_ALLOWED,
	RTE_DEVTYPE_BLOCKED,
	RTE_DEVTYPE_VIRTUAL,
};

struct rte_devargs {
	RTE_TAILQ_ENTRY(rte_devargs) next;
	enum rte_devtype type;
	enum rte_dev_policy policy;
	char name[RTE_DEV_NAME_MAX_LEN];
	RTE_STD_C11
	union {
		const char *args;
		const char *drv_str;
	};
	struct rte_bus *bus;
	struct rte_class *cls;
	const char *bus_str;
	const char *cls_str;
	char *data;
};

/* Fill da from "[bus:]name[,args]"; 0 or a negative errno. da->data is
 * allocated and released by rte_devargs_reset(). */
int rte_devargs_parse(struct rte_devargs *da, const char *dev);
int rte_devargs_parsef(struct rte_devargs *da, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
void rte_devargs_reset(struct rte_devargs *da);
/* Put *da (from malloc) on the list, replacing a same-named entry; the list
 * owns it afterwards and *da may be updated to the surviving entry. */
int rte_devargs_insert(struct rte_devargs **da);
int rte_devargs_add(enum rte_devtype devtype, const char *devargs_str);
int rte_devargs_remove(struct rte_devargs *devargs);
unsigned int rte_devargs_type_count(enum rte_devtype devtype);
void rte_devargs_dump(FILE *f);
/* Next entry on bus busname (NULL: any bus) after start (NULL: first). */
struct rte_devargs *rte_devargs_next(const char *busname, const struct rte_devargs *start);

#define RTE_EAL_DEVARGS_FOREACH(busname, da) \
	for (da = rte_devargs_next(busname, NULL); \
	     da != NULL; \
	     da = rte_devargs_next(busname, da))

#ifdef __cplusplus
}
#endif
#endif
