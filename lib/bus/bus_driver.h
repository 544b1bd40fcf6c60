/* SPDX-License-Identifier: BSD-3-Clause
 * Layouts of the device model for buses and drivers inside dplite (DPDK's
 * dev_driver.h + bus_driver.h + bus_vdev_driver.h rolled into one; not
 * installed). */
#ifndef DPLITE_BUS_DRIVER_H
#define DPLITE_BUS_DRIVER_H

#include <stdint.h>
#include <sys/queue.h>
#include <rte_common.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_bus.h>
#include <rte_bus_vdev.h>

struct rte_driver {
	const char *name;
	const char *alias;
};

struct rte_device {
	const char *name;
	const char *bus_info;
	const struct rte_driver *driver;   /* NULL until probed */
	const struct rte_bus *bus;
	int numa_node;
	struct rte_devargs *devargs;
};

/* A bus: scan finds devices (from devargs), probe matches drivers. */
struct rte_bus {
	TAILQ_ENTRY(rte_bus) next;
	const char *name;
	int (*scan)(void);
	int (*probe)(void);
	int (*cleanup)(void);
	struct rte_device *(*find_device)(const struct rte_device *start,
					  rte_dev_cmp_t cmp, const void *data);
	int (*plug)(struct rte_device *dev);
	int (*unplug)(struct rte_device *dev);
	enum rte_iova_mode (*get_iommu_class)(void);
};

void bus_register(struct rte_bus *bus);
#define RTE_REGISTER_BUS(nm, bus) \
RTE_INIT_PRIO(businitfn_ ##nm, BUS) \
{ \
	(bus).name = RTE_STR(nm); \
	bus_register(&(bus)); \
}

/* ---- vdev bus ------------------------------------------------------------------------- */
struct rte_vdev_device {
	TAILQ_ENTRY(rte_vdev_device) next;
	struct rte_device device;
	char name[RTE_DEV_NAME_MAX_LEN];
	char *args;            /* owned copy of the key=value list ("" if none) */
};

#define RTE_DEV_TO_VDEV(ptr) container_of(ptr, struct rte_vdev_device, device)
#define RTE_DEV_TO_VDEV_CONST(ptr) container_of(ptr, const struct rte_vdev_device, device)

static inline const char *rte_vdev_device_name(const struct rte_vdev_device *dev)
{
	return dev ? dev->name : NULL;
}
static inline const char *rte_vdev_device_args(const struct rte_vdev_device *dev)
{
	return dev ? dev->args : NULL;
}

typedef int (rte_vdev_probe_t)(struct rte_vdev_device *dev);
typedef int (rte_vdev_remove_t)(struct rte_vdev_device *dev);

struct rte_vdev_driver {
	TAILQ_ENTRY(rte_vdev_driver) next;
	struct rte_driver driver;
	rte_vdev_probe_t *probe;     /* 0 or a negative errno (logged by the driver) */
	rte_vdev_remove_t *remove;
	uint32_t drv_flags;
};

void vdev_driver_register(struct rte_vdev_driver *driver);

#define RTE_PMD_REGISTER_VDEV(nm, vdrv) \
static const char *vdrvinit_ ## nm ## _alias; \
RTE_INIT(vdrvinitfn_ ##vdrv) \
{ \
	(vdrv).driver.name = RTE_STR(nm); \
	(vdrv).driver.alias = vdrvinit_ ## nm ## _alias; \
	vdev_driver_register(&vdrv); \
} \
RTE_PMD_EXPORT_NAME(nm, __COUNTER__)

#define RTE_PMD_REGISTER_ALIAS(nm, alias) \
static const char *vdrvinit_ ## nm ## _alias = RTE_STR(alias)

#endif
