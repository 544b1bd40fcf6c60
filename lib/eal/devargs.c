/* SPDX-License-Identifier: BSD-3-Clause
 * Device arguments: the EAL's list of struct rte_devargs (rte_devargs.h).
 *
 * Owns: a process-local TAILQ of devargs, filled from the --vdev options when
 * rte_eal_init runs its hooks (this file registers the first one) and by
 * rte_devargs_add/insert at run time; emptied by rte_eal_cleanup.
 * May call: libc, the EAL log and the parsed options (eal_private.h). Buses
 * read the list (RTE_EAL_DEVARGS_FOREACH); nothing here calls a bus by name:
 * the bus layer registers its lookup (eal_devargs_set_bus_lookup) so a parsed
 * devargs can carry its struct rte_bus, as DPDK's does.
 * Invariants: names are unique per bus; every entry's data/args strings are
 * owned by the entry (freed by rte_devargs_reset). Not thread-safe, as in
 * DPDK: the list is changed by the control thread only. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_common.h>
#include <rte_devargs.h>
#include <rte_errno.h>
#include <rte_log.h>
#include "eal_private.h"

RTE_TAILQ_HEAD(devargs_list, rte_devargs);
static struct devargs_list devargs_list = TAILQ_HEAD_INITIALIZER(devargs_list);

/* Only bus dplite has; a "bus:" prefix naming another bus is refused. */
#define DEVARGS_VDEV_BUS "vdev"

/* rte_bus_find_by_name, registered by lib/bus (a higher layer) at load time */
static struct rte_bus *(*devargs_bus_lookup)(const char *name);

void eal_devargs_set_bus_lookup(struct rte_bus *(*lookup)(const char *name))
{
	devargs_bus_lookup = lookup;
}

int rte_devargs_parse(struct rte_devargs *da, const char *dev)
{
	const char *name, *comma;
	size_t len;

	if (da == NULL || dev == NULL) {
		EAL_LOG(ERR, "rte_devargs_parse: NULL argument\n");
		return -EINVAL;
	}
	memset(da, 0, sizeof(*da));
	name = dev;
	/* "bus:name" - accept only vdev (DPDK also accepts pci, etc.) */
	const char *colon = strchr(dev, ':');
	comma = strchr(dev, ',');
	if (colon != NULL && (comma == NULL || colon < comma)) {
		if ((size_t)(colon - dev) != strlen(DEVARGS_VDEV_BUS) ||
		    strncmp(dev, DEVARGS_VDEV_BUS, (size_t)(colon - dev)) != 0) {
			EAL_LOG(ERR, "device '%s': unknown bus (dplite has only '%s')\n",
				dev, DEVARGS_VDEV_BUS);
			return -EINVAL;
		}
		name = colon + 1;
	}
	len = comma ? (size_t)(comma - name) : strlen(name);
	if (len == 0) {
		EAL_LOG(ERR, "device '%s': empty device name\n", dev);
		return -EINVAL;
	}
	if (len >= sizeof(da->name)) {
		EAL_LOG(ERR, "device '%s': name longer than %zu characters\n", dev,
			sizeof(da->name) - 1);
		return -ENAMETOOLONG;
	}
	memcpy(da->name, name, len);
	da->name[len] = '\0';
	da->data = strdup(comma ? comma + 1 : "");
	if (da->data == NULL)
		return -ENOMEM;
	da->args = da->data;
	da->bus_str = DEVARGS_VDEV_BUS;
	da->bus = devargs_bus_lookup ? devargs_bus_lookup(DEVARGS_VDEV_BUS) : NULL;
	da->type = RTE_DEVTYPE_VIRTUAL;
	da->policy = RTE_DEV_ALLOWED;
	return 0;
}

int rte_devargs_parsef(struct rte_devargs *da, const char *format, ...)
{
	va_list ap;
	char *s = NULL;
	int ret;

	if (da == NULL || format == NULL)
		return -EINVAL;
	va_start(ap, format);
	ret = vasprintf(&s, format, ap);
	va_end(ap);
	if (ret < 0)
		return -ENOMEM;
	ret = rte_devargs_parse(da, s);
	free(s);
	return ret;
}

void rte_devargs_reset(struct rte_devargs *da)
{
	if (da == NULL)
		return;
	free(da->data);
	da->data = NULL;
	da->args = NULL;
}

int rte_devargs_insert(struct rte_devargs **da)
{
	struct rte_devargs *cur;

	if (da == NULL || *da == NULL)
		return -EINVAL;
	TAILQ_FOREACH(cur, &devargs_list, next) {
		if (cur == *da)
			return 0;
		if (strcmp(cur->name, (*da)->name) == 0) {
			/* same device again: the newer arguments win */
			rte_devargs_reset(cur);
			cur->data = (*da)->data;
			cur->args = cur->data;
			cur->type = (*da)->type;
			cur->policy = (*da)->policy;
			free(*da);
			*da = cur;
			return 0;
		}
	}
	TAILQ_INSERT_TAIL(&devargs_list, *da, next);
	return 0;
}

int rte_devargs_add(enum rte_devtype devtype, const char *devargs_str)
{
	struct rte_devargs *da;
	int ret;

	if (devargs_str == NULL) {
		EAL_LOG(ERR, "rte_devargs_add: NULL device string\n");
		return -EINVAL;
	}
	da = calloc(1, sizeof(*da));
	if (da == NULL)
		return -ENOMEM;
	ret = rte_devargs_parse(da, devargs_str);
	if (ret < 0) {
		free(da);
		return ret;
	}
	da->type = devtype;
	da->policy = devtype == RTE_DEVTYPE_BLOCKED ? RTE_DEV_BLOCKED : RTE_DEV_ALLOWED;
	/* DPDK refuses to add a device that is already listed */
	struct rte_devargs *cur;
	TAILQ_FOREACH(cur, &devargs_list, next) {
		if (strcmp(cur->name, da->name) == 0) {
			EAL_LOG(ERR, "device '%s' given twice\n", da->name);
			rte_devargs_reset(da);
			free(da);
			return -EEXIST;
		}
	}
	TAILQ_INSERT_TAIL(&devargs_list, da, next);
	return 0;
}

int rte_devargs_remove(struct rte_devargs *devargs)
{
	struct rte_devargs *cur, *tmp;

	if (devargs == NULL)
		return -EINVAL;
	for (cur = TAILQ_FIRST(&devargs_list); cur != NULL; cur = tmp) {
		tmp = TAILQ_NEXT(cur, next);
		if (strcmp(cur->name, devargs->name) == 0) {
			TAILQ_REMOVE(&devargs_list, cur, next);
			rte_devargs_reset(cur);
			free(cur);
			return 0;
		}
	}
	return 1;  /* DPDK: positive when not found */
}

unsigned int rte_devargs_type_count(enum rte_devtype devtype)
{
	struct rte_devargs *cur;
	unsigned int n = 0;

	TAILQ_FOREACH(cur, &devargs_list, next)
		if (cur->type == devtype)
			n++;
	return n;
}

void rte_devargs_dump(FILE *f)
{
	struct rte_devargs *cur;

	if (f == NULL)
		return;
	fprintf(f, "User device list:\n");
	TAILQ_FOREACH(cur, &devargs_list, next)
		fprintf(f, "  [%s]: %s %s\n", cur->bus_str ? cur->bus_str : "?", cur->name,
			cur->args ? cur->args : "");
}

struct rte_devargs *rte_devargs_next(const char *busname, const struct rte_devargs *start)
{
	struct rte_devargs *da = start ? TAILQ_NEXT(start, next) : TAILQ_FIRST(&devargs_list);

	for (; da != NULL; da = TAILQ_NEXT(da, next))
		if (busname == NULL || (da->bus_str && strcmp(busname, da->bus_str) == 0))
			return da;
	return NULL;
}

/* ---- EAL hook: --vdev options become list entries ------------------------------- */
static void devargs_clear(void)
{
	struct rte_devargs *da;

	while ((da = TAILQ_FIRST(&devargs_list)) != NULL) {
		TAILQ_REMOVE(&devargs_list, da, next);
		rte_devargs_reset(da);
		free(da);
	}
}

static int devargs_from_options(void)
{
	for (unsigned int i = 0; i < eal.opt.nb_vdevs; i++) {
		int ret = rte_devargs_add(RTE_DEVTYPE_VIRTUAL, eal.opt.vdevs[i]);
		if (ret < 0) {
			EAL_LOG(ERR, "option --vdev %s: %s\n", eal.opt.vdevs[i], strerror(-ret));
			devargs_clear();
			return ret;
		}
	}
	return 0;
}

/* Before the bus hook (RTE_PRIORITY_BUS) and ethdev's, so that cleanup runs
 * the other way round: devices go, then their arguments. */
static void __attribute__((constructor(104), used)) devargs_hook_register(void)
{
	eal_register_hook("devargs", devargs_from_options, devargs_clear);
}
