/* SPDX-License-Identifier: BSD-3-Clause
 * Bus and class registries, device accessors, and the EAL hook that scans
 * and probes every bus at rte_eal_init (and cleans them up at
 * rte_eal_cleanup).
 *
 * Owns: the process-local bus and class lists (filled by constructors).
 * May call: lib/eal (hook registry, log), the buses' own callbacks.
 * Invariant: buses are probed in registration order and cleaned up in
 * reverse; a failed probe fails rte_eal_init after undoing the probes that
 * succeeded (the bus's cleanup). */
#include <errno.h>
#include <string.h>
#include <rte_class.h>
#include <rte_memory.h>
#include <rte_log.h>
#include "bus_driver.h"
#include "eal_private.h"

static TAILQ_HEAD(, rte_bus) bus_list = TAILQ_HEAD_INITIALIZER(bus_list);
static struct rte_class_list class_list = TAILQ_HEAD_INITIALIZER(class_list);

void bus_register(struct rte_bus *bus)
{
	TAILQ_INSERT_TAIL(&bus_list, bus, next);
}

const char *rte_bus_name(const struct rte_bus *bus)
{
	return bus ? bus->name : NULL;
}

int rte_bus_scan(void)
{
	struct rte_bus *b;

	TAILQ_FOREACH(b, &bus_list, next) {
		int ret = b->scan ? b->scan() : 0;
		if (ret < 0) {
			EAL_LOG(ERR, "scan of bus %s failed\n", b->name);
			return ret;
		}
	}
	return 0;
}

int rte_bus_probe(void)
{
	struct rte_bus *b;

	TAILQ_FOREACH(b, &bus_list, next) {
		int ret = b->probe ? b->probe() : 0;
		if (ret < 0) {
			EAL_LOG(ERR, "probe of bus %s failed: %s\n", b->name, strerror(-ret));
			return ret;
		}
	}
	return 0;
}

void rte_bus_dump(FILE *f)
{
	struct rte_bus *b;

	if (f == NULL)
		return;
	TAILQ_FOREACH(b, &bus_list, next)
		fprintf(f, "%s\n", b->name);
}

struct rte_bus *rte_bus_find(const struct rte_bus *start, rte_bus_cmp_t cmp, const void *data)
{
	struct rte_bus *b;
	bool started = start == NULL;

	if (cmp == NULL)
		return NULL;
	TAILQ_FOREACH(b, &bus_list, next) {
		if (!started) {
			if (b == start)
				started = true;
			continue;
		}
		if (cmp(b, data) == 0)
			return b;
	}
	return NULL;
}

static int cmp_name(const struct rte_bus *b, const void *name)
{
	return strcmp(b->name, (const char *)name);
}

struct rte_bus *rte_bus_find_by_name(const char *busname)
{
	return busname ? rte_bus_find(NULL, cmp_name, busname) : NULL;
}

struct rte_bus *rte_bus_find_by_device(const struct rte_device *dev)
{
	return dev ? (struct rte_bus *)(uintptr_t)dev->bus : NULL;
}

enum rte_iova_mode rte_bus_get_iommu_class(void)
{
	return RTE_IOVA_DC;   /* virtual devices have no preference */
}

/* ---- device accessors --------------------------------------------------------------- */
const char *rte_driver_name(const struct rte_driver *driver) { return driver ? driver->name : NULL; }
const struct rte_bus *rte_dev_bus(const struct rte_device *dev) { return dev ? dev->bus : NULL; }
const char *rte_dev_bus_info(const struct rte_device *dev) { return dev ? dev->bus_info : NULL; }
const struct rte_devargs *rte_dev_devargs(const struct rte_device *dev) { return dev ? dev->devargs : NULL; }
const struct rte_driver *rte_dev_driver(const struct rte_device *dev) { return dev ? dev->driver : NULL; }
const char *rte_dev_name(const struct rte_device *dev) { return dev ? dev->name : NULL; }
int rte_dev_numa_node(const struct rte_device *dev) { return dev ? dev->numa_node : SOCKET_ID_ANY; }
int rte_dev_is_probed(const struct rte_device *dev) { return dev != NULL && dev->driver != NULL; }

int rte_dev_remove(struct rte_device *dev)
{
	if (dev == NULL || dev->bus == NULL || dev->bus->unplug == NULL)
		return -EINVAL;
	return dev->bus->unplug(dev);
}

/* ---- classes ----------------------------------------------------------------------------- */
void rte_class_register(struct rte_class *cls)
{
	if (cls)
		TAILQ_INSERT_TAIL(&class_list, cls, next);
}

void rte_class_unregister(struct rte_class *cls)
{
	if (cls)
		TAILQ_REMOVE(&class_list, cls, next);
}

struct rte_class *rte_class_find(const struct rte_class *start, rte_class_cmp_t cmp,
				 const void *data)
{
	struct rte_class *c;
	bool started = start == NULL;

	if (cmp == NULL)
		return NULL;
	TAILQ_FOREACH(c, &class_list, next) {
		if (!started) {
			if (c == start)
				started = true;
			continue;
		}
		if (cmp(c, data) == 0)
			return c;
	}
	return NULL;
}

static int cls_cmp_name(const struct rte_class *c, const void *name)
{
	return strcmp(c->name, (const char *)name);
}

struct rte_class *rte_class_find_by_name(const char *name)
{
	return name ? rte_class_find(NULL, cls_cmp_name, name) : NULL;
}

/* ---- EAL hook ------------------------------------------------------------------------------ */
static void buses_fini(void);

static int buses_init(void)
{
	int ret = rte_bus_scan();
	if (ret == 0)
		ret = rte_bus_probe();
	if (ret < 0)
		buses_fini();   /* the EAL does not call fini for a failed init */
	return ret;
}

static void buses_fini(void)
{
	struct rte_bus *b;

	TAILQ_FOREACH(b, &bus_list, next)
		if (b->cleanup)
			b->cleanup();
}

/* After devargs (104) and ethdev (105): see lib/eal/devargs.c. */
static void __attribute__((constructor(106), used)) bus_hook_register(void)
{
	eal_register_hook("bus", buses_init, buses_fini);
	eal_devargs_set_bus_lookup(rte_bus_find_by_name);
}
