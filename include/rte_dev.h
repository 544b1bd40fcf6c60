/* SPDX-License-Identifier: BSD-3-Clause
 * Devices and drivers as the application sees them (DPDK 22.11 rte_dev.h).
 *
 * struct rte_device and struct rte_driver are opaque here, as in DPDK 22.11;
 * buses and drivers inside the library see their layout in lib/bus/dev_driver.h.
 * dplite has one bus, "vdev" (virtual devices made by software drivers). */
#ifndef _RTE_DEV_H_
#define _RTE_DEV_H_

#include <stdio.h>
#include <sys/queue.h>
#include <rte_config.h>
#include <rte_common.h>
#include <rte_compat.h>
#include <rte_log.h>

#ifdef __cplusplus
extern "C" {
#endif

/* DPDK keeps these in rte_os.h; defined here when nothing else did. */
#ifndef RTE_TAILQ_HEAD
#define RTE_TAILQ_HEAD(name, type) TAILQ_HEAD(name, type)
#define RTE_TAILQ_ENTRY(type) TAILQ_ENTRY(type)
#define RTE_TAILQ_FOREACH(var, head, field) TAILQ_FOREACH(var, head, field)
#define RTE_TAILQ_FIRST(head) TAILQ_FIRST(head)
#define RTE_TAILQ_NEXT(elem, field) TAILQ_NEXT(elem, field)
#endif

struct rte_bus;
struct rte_devargs;
struct rte_device;
struct rte_driver;

enum rte_dev_event_type {
	RTE_DEV_EVENT_ADD,
	RTE_DEV_EVENT_REMOVE,
	RTE_DEV_EVENT_MAX
};

typedef void (*rte_dev_event_cb_fn)(const char *device_name,
				    enum rte_dev_event_type event, void *cb_arg);

#define RTE_FUNC_PTR_OR_ERR_RET(func, retval) do { \
	if ((func) == NULL) \
		return retval; \
} while (0)
#define RTE_FUNC_PTR_OR_RET(func) do { \
	if ((func) == NULL) \
		return; \
} while (0)

enum rte_dev_policy {
	RTE_DEV_ALLOWED,
	RTE_DEV_BLOCKED,
};

struct rte_mem_resource {
	uint64_t phys_addr;
	uint64_t len;
	void *addr;
};

#define RTE_DEV_NAME_MAX_LEN 64

/* Accessors for the opaque device and driver. */
const char *rte_driver_name(const struct rte_driver *driver);
const struct rte_bus *rte_dev_bus(const struct rte_device *dev);
const char *rte_dev_bus_info(const struct rte_device *dev);
const struct rte_devargs *rte_dev_devargs(const struct rte_device *dev);
const struct rte_driver *rte_dev_driver(const struct rte_device *dev);
const char *rte_dev_name(const struct rte_device *dev);
int rte_dev_numa_node(const struct rte_device *dev);
int rte_dev_is_probed(const struct rte_device *dev);

/* Hotplug: "bus:name,args" style strings. For dplite the bus is "vdev". */
int rte_eal_hotplug_add(const char *busname, const char *devname, const char *drvargs);
int rte_dev_probe(const char *devargs);
int rte_eal_hotplug_remove(const char *busname, const char *devname);
int rte_dev_remove(struct rte_device *dev);

typedef int (*rte_dev_cmp_t)(const struct rte_device *dev, const void *data);

/* Driver metadata markers (DPDK's pmdinfo strings); kept as unused data. */
#define RTE_PMD_EXPORT_NAME_ARRAY(n, idx) n##idx[]
#define RTE_PMD_EXPORT_NAME(name, idx) \
static const char RTE_PMD_EXPORT_NAME_ARRAY(this_pmd_name, idx) __rte_used = RTE_STR(name)
#define DRV_EXP_TAG(name, tag) __##name##_##tag
#define RTE_PMD_REGISTER_PCI_TABLE(name, table) \
static const char DRV_EXP_TAG(name, pci_tbl_export)[] __rte_used = RTE_STR(table)
#define RTE_PMD_REGISTER_PARAM_STRING(name, str) \
static const char DRV_EXP_TAG(name, param_string_export)[] __rte_used = str
#define RTE_PMD_REGISTER_KMOD_DEP(name, str) \
static const char DRV_EXP_TAG(name, kmod_dep_export)[] __rte_used = str

struct rte_class;
struct rte_dev_iterator {
	const char *dev_str;
	const char *bus_str;
	const char *cls_str;
	struct rte_bus *bus;
	struct rte_class *cls;
	struct rte_device *device;
	void *class_device;
};

typedef void *(*rte_dev_iterate_t)(const void *start, const char *devstr,
				   const struct rte_dev_iterator *it);

#ifdef __cplusplus
}
#endif
#endif
