/* SPDX-License-Identifier: BSD-3-Clause
 * The vdev bus: software devices created by name.
 *
 * Owns: the process-local lists of vdev drivers (registered by constructors,
 * RTE_PMD_REGISTER_VDEV) and of probed devices.
 * May call: lib/eal (devargs, log), the drivers' probe/remove callbacks.
 * Invariants: every device on the list was probed successfully; names are
 * unique; a device is matched to the first driver whose name or alias is a
 * prefix of the device name ("net_ring0" -> "net_ring"), as DPDK does.
 * Locking: one recursive mutex around list changes and probe/remove, so a
 * driver's probe may itself create devices (rte_eth_from_rings does).
 *
 * Secondary processes: the primary keeps the names and arguments of the
 * devices it probed in memzone "vdev_list" (struct vdev_shared below:
 * spinlock, entries of name + args, a used flag each; reserved with the
 * first device). A secondary's scan probes every listed device it was not
 * given itself, so its drivers attach to the primary's ports without
 * --vdev on its command line (DPDK asks the primary over IPC instead). */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <rte_devargs.h>
#include <rte_log.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>
#include "bus_driver.h"
#include "eal_private.h"

#define VDEV_LOG(level, ...) RTE_LOG(level, EAL, "vdev: " __VA_ARGS__)

static TAILQ_HEAD(, rte_vdev_driver) vdev_drivers = TAILQ_HEAD_INITIALIZER(vdev_drivers);
static TAILQ_HEAD(vdev_dev_list, rte_vdev_device) vdev_devices =
	TAILQ_HEAD_INITIALIZER(vdev_devices);
static pthread_mutex_t vdev_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static struct rte_bus vdev_bus;

/* ---- the primary's device list, shared ------------------------------------------------- */
#define VDEV_SHARED_MZ "vdev_list"
#define VDEV_SHARED_MAX 64
#define VDEV_ARGS_MAX 512

struct vdev_shared {
	rte_spinlock_t lock;
	struct {
		uint32_t used;
		char name[RTE_DEV_NAME_MAX_LEN];
		char args[VDEV_ARGS_MAX];
	} dev[VDEV_SHARED_MAX];
};

static struct vdev_shared *vdev_shared;

static struct vdev_shared *shared_get(int create)
{
	const struct rte_memzone *mz;

	if (vdev_shared != NULL)
		return vdev_shared;
	mz = rte_memzone_lookup(VDEV_SHARED_MZ);
	if (mz == NULL && create && rte_eal_process_type() == RTE_PROC_PRIMARY) {
		mz = rte_memzone_reserve(VDEV_SHARED_MZ, sizeof(struct vdev_shared), SOCKET_ID_ANY, 0);
		if (mz != NULL) {
			memset(mz->addr, 0, sizeof(struct vdev_shared));
			rte_spinlock_init(&((struct vdev_shared *)mz->addr)->lock);
		}
	}
	if (mz != NULL)
		vdev_shared = mz->addr;
	return vdev_shared;
}

/* primary: remember (add=1) or forget a device for secondaries */
static void shared_note(const char *name, const char *args, int add)
{
	struct vdev_shared *vs;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY || (vs = shared_get(add)) == NULL)
		return;
	rte_spinlock_lock(&vs->lock);
	for (unsigned int i = 0; i < VDEV_SHARED_MAX; i++) {
		if (add && !vs->dev[i].used) {
			snprintf(vs->dev[i].name, sizeof(vs->dev[i].name), "%s", name);
			snprintf(vs->dev[i].args, sizeof(vs->dev[i].args), "%s", args ? args : "");
			vs->dev[i].used = 1;
			break;
		}
		if (!add && vs->dev[i].used && strcmp(vs->dev[i].name, name) == 0) {
			vs->dev[i].used = 0;
			break;
		}
	}
	rte_spinlock_unlock(&vs->lock);
}

struct vdev_scan_cb {
	rte_vdev_scan_callback cb;
	void *arg;
};
#define VDEV_SCAN_CBS_MAX 16
static struct vdev_scan_cb scan_cbs[VDEV_SCAN_CBS_MAX];
static unsigned int scan_cbs_n;

void vdev_driver_register(struct rte_vdev_driver *driver)
{
	TAILQ_INSERT_TAIL(&vdev_drivers, driver, next);
}

static struct rte_vdev_driver *driver_for(const char *name)
{
	struct rte_vdev_driver *d;

	TAILQ_FOREACH(d, &vdev_drivers, next) {
		const char *n = d->driver.name, *a = d->driver.alias;
		if (strncmp(n, name, strlen(n)) == 0)
			return d;
		if (a != NULL && strncmp(a, name, strlen(a)) == 0)
			return d;
	}
	return NULL;
}

static struct rte_vdev_device *device_find(const char *name)
{
	struct rte_vdev_device *v;

	TAILQ_FOREACH(v, &vdev_devices, next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

static void device_free(struct rte_vdev_device *v)
{
	if (v == NULL)
		return;
	if (v->device.devargs) {
		rte_devargs_reset(v->device.devargs);
		free(v->device.devargs);
	}
	free(v->args);
	free(v);
}

/* Create and probe one device; 0 or a negative errno, logged. */
static int vdev_probe_one(const char *name, const char *args)
{
	struct rte_vdev_driver *drv;
	struct rte_vdev_device *v;
	int ret;

	if (strlen(name) >= RTE_DEV_NAME_MAX_LEN) {
		VDEV_LOG(ERR, "device name '%s' is too long\n", name);
		return -ENAMETOOLONG;
	}
	if (device_find(name) != NULL) {
		VDEV_LOG(ERR, "device '%s' already exists\n", name);
		return -EEXIST;
	}
	drv = driver_for(name);
	if (drv == NULL) {
		VDEV_LOG(ERR, "device '%s': no driver with that name (dplite has net_ring, "
			 "net_null, net_pcap where libpcap is)\n", name);
		return -EINVAL;
	}
	v = calloc(1, sizeof(*v));
	if (v == NULL)
		return -ENOMEM;
	snprintf(v->name, sizeof(v->name), "%s", name);
	v->args = strdup(args ? args : "");
	v->device.devargs = calloc(1, sizeof(*v->device.devargs));
	if (v->args == NULL || v->device.devargs == NULL) {
		device_free(v);
		return -ENOMEM;
	}
	snprintf(v->device.devargs->name, sizeof(v->device.devargs->name), "%s", name);
	v->device.devargs->data = strdup(v->args);
	v->device.devargs->args = v->device.devargs->data;
	v->device.devargs->type = RTE_DEVTYPE_VIRTUAL;
	v->device.devargs->bus_str = "vdev";
	v->device.devargs->bus = &vdev_bus;
	v->device.name = v->name;
	v->device.bus = &vdev_bus;
	v->device.numa_node = SOCKET_ID_ANY;
	v->device.bus_info = NULL;

	TAILQ_INSERT_TAIL(&vdev_devices, v, next);
	ret = drv->probe(v);
	if (ret < 0) {
		TAILQ_REMOVE(&vdev_devices, v, next);
		VDEV_LOG(ERR, "device '%s': driver %s refused it (%s)\n", name,
			 drv->driver.name, strerror(-ret));
		device_free(v);
		return ret;
	}
	v->device.driver = &drv->driver;
	shared_note(name, v->args, 1);
	return 0;
}

static int vdev_remove_one(struct rte_vdev_device *v)
{
	struct rte_vdev_driver *drv = v->device.driver ?
		container_of(v->device.driver, struct rte_vdev_driver, driver) : NULL;
	int ret = 0;

	if (drv && drv->remove)
		ret = drv->remove(v);
	if (ret < 0) {
		VDEV_LOG(ERR, "device '%s': remove failed (%s)\n", v->name, strerror(-ret));
		return ret;
	}
	shared_note(v->name, NULL, 0);
	TAILQ_REMOVE(&vdev_devices, v, next);
	device_free(v);
	return 0;
}

int rte_vdev_init(const char *name, const char *args)
{
	int ret;

	if (name == NULL) {
		VDEV_LOG(ERR, "rte_vdev_init: NULL name\n");
		return -EINVAL;
	}
	pthread_mutex_lock(&vdev_lock);
	ret = vdev_probe_one(name, args);
	pthread_mutex_unlock(&vdev_lock);
	return ret;
}

int rte_vdev_uninit(const char *name)
{
	struct rte_vdev_device *v;
	int ret;

	if (name == NULL) {
		VDEV_LOG(ERR, "rte_vdev_uninit: NULL name\n");
		return -EINVAL;
	}
	pthread_mutex_lock(&vdev_lock);
	v = device_find(name);
	if (v == NULL) {
		pthread_mutex_unlock(&vdev_lock);
		VDEV_LOG(ERR, "rte_vdev_uninit: no device '%s'\n", name);
		return -ENOENT;
	}
	ret = vdev_remove_one(v);
	pthread_mutex_unlock(&vdev_lock);
	return ret;
}

int rte_vdev_add_custom_scan(rte_vdev_scan_callback callback, void *user_arg)
{
	int ret = 0;

	if (callback == NULL)
		return -EINVAL;
	pthread_mutex_lock(&vdev_lock);
	for (unsigned int i = 0; i < scan_cbs_n; i++)
		if (scan_cbs[i].cb == callback && scan_cbs[i].arg == user_arg)
			goto out;
	if (scan_cbs_n == VDEV_SCAN_CBS_MAX)
		ret = -ENOMEM;
	else
		scan_cbs[scan_cbs_n++] = (struct vdev_scan_cb){ callback, user_arg };
out:
	pthread_mutex_unlock(&vdev_lock);
	return ret;
}

int rte_vdev_remove_custom_scan(rte_vdev_scan_callback callback, void *user_arg)
{
	pthread_mutex_lock(&vdev_lock);
	for (unsigned int i = 0; i < scan_cbs_n; i++)
		if (scan_cbs[i].cb == callback && (user_arg == (void *)-1 || scan_cbs[i].arg == user_arg)) {
			scan_cbs[i] = scan_cbs[--scan_cbs_n];
			i--;
		}
	pthread_mutex_unlock(&vdev_lock);
	return 0;
}

/* ---- hotplug by string (the vdev bus is the only one) ---------------------------------- */
int rte_eal_hotplug_add(const char *busname, const char *devname, const char *drvargs)
{
	if (busname == NULL || devname == NULL || strcmp(busname, "vdev") != 0) {
		EAL_LOG(ERR, "hotplug add: bus '%s' unknown (dplite has only 'vdev')\n",
			busname ? busname : "(null)");
		return -ENOENT;
	}
	return rte_vdev_init(devname, drvargs);
}

int rte_eal_hotplug_remove(const char *busname, const char *devname)
{
	if (busname == NULL || devname == NULL || strcmp(busname, "vdev") != 0) {
		EAL_LOG(ERR, "hotplug remove: bus '%s' unknown (dplite has only 'vdev')\n",
			busname ? busname : "(null)");
		return -ENOENT;
	}
	return rte_vdev_uninit(devname);
}

int rte_dev_probe(const char *devargs)
{
	struct rte_devargs da;
	int ret;

	ret = rte_devargs_parse(&da, devargs);
	if (ret < 0)
		return ret;
	ret = rte_vdev_init(da.name, da.args);
	rte_devargs_reset(&da);
	return ret;
}

/* ---- bus callbacks ---------------------------------------------------------------------- */
static int vdev_scan(void)
{
	/* custom scans add devargs (DPDK's failsafe/vdev_netvsc use this) */
	for (unsigned int i = 0; i < scan_cbs_n; i++)
		scan_cbs[i].cb(scan_cbs[i].arg);
	return 0;
}

static int vdev_probe(void)
{
	struct rte_devargs *da;
	int ret = 0;

	pthread_mutex_lock(&vdev_lock);
	RTE_EAL_DEVARGS_FOREACH("vdev", da) {
		if (da->type != RTE_DEVTYPE_VIRTUAL || device_find(da->name))
			continue;
		ret = vdev_probe_one(da->name, da->args);
		if (ret < 0) {
			VDEV_LOG(ERR, "--vdev %s%s%s: cannot create the device\n", da->name,
				 da->args && da->args[0] ? "," : "", da->args ? da->args : "");
			break;
		}
	}
	/* a secondary also attaches to every device the primary has */
	struct vdev_shared *vs = ret == 0 && rte_eal_process_type() != RTE_PROC_PRIMARY ?
				 shared_get(0) : NULL;
	for (unsigned int i = 0; vs != NULL && i < VDEV_SHARED_MAX; i++) {
		char name[RTE_DEV_NAME_MAX_LEN], args[VDEV_ARGS_MAX];
		rte_spinlock_lock(&vs->lock);
		int used = (int)vs->dev[i].used;
		memcpy(name, vs->dev[i].name, sizeof(name));
		memcpy(args, vs->dev[i].args, sizeof(args));
		rte_spinlock_unlock(&vs->lock);
		if (!used || device_find(name) != NULL)
			continue;
		if (vdev_probe_one(name, args) < 0)
			VDEV_LOG(ERR, "secondary: cannot attach to the primary's device %s\n", name);
	}
	pthread_mutex_unlock(&vdev_lock);
	return ret;
}

static int vdev_cleanup(void)
{
	struct rte_vdev_device *v;
	int ret = 0;

	pthread_mutex_lock(&vdev_lock);
	while ((v = TAILQ_LAST(&vdev_devices, vdev_dev_list)) != NULL) {
		if (vdev_remove_one(v) < 0) {
			/* forget it anyway: cleanup must not loop */
			TAILQ_REMOVE(&vdev_devices, v, next);
			device_free(v);
			ret = -EIO;
		}
	}
	pthread_mutex_unlock(&vdev_lock);
	vdev_shared = NULL;       /* the memzone goes with the EAL's memory */
	return ret;
}

static int vdev_unplug(struct rte_device *dev)
{
	return rte_vdev_uninit(dev->name);
}

static struct rte_device *vdev_find_device(const struct rte_device *start, rte_dev_cmp_t cmp,
					   const void *data)
{
	struct rte_vdev_device *v;
	bool started = start == NULL;

	pthread_mutex_lock(&vdev_lock);
	TAILQ_FOREACH(v, &vdev_devices, next) {
		if (!started) {
			if (&v->device == start)
				started = true;
			continue;
		}
		if (cmp(&v->device, data) == 0) {
			pthread_mutex_unlock(&vdev_lock);
			return &v->device;
		}
	}
	pthread_mutex_unlock(&vdev_lock);
	return NULL;
}

static struct rte_bus vdev_bus = {
	.scan = vdev_scan,
	.probe = vdev_probe,
	.cleanup = vdev_cleanup,
	.find_device = vdev_find_device,
	.unplug = vdev_unplug,
};

RTE_REGISTER_BUS(vdev, vdev_bus);
