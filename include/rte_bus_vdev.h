/* SPDX-License-Identifier: BSD-3-Clause
 * The virtual-device bus (DPDK 22.11 rte_bus_vdev.h): software devices made
 * by name. rte_vdev_init("net_ring0", NULL) finds the driver whose name (or
 * alias) is a prefix of the device name and probes it with args. */
#ifndef RTE_VDEV_H
#define RTE_VDEV_H

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*rte_vdev_scan_callback)(void *user_arg);

int rte_vdev_add_custom_scan(rte_vdev_scan_callback callback, void *user_arg);
int rte_vdev_remove_custom_scan(rte_vdev_scan_callback callback, void *user_arg);

/* 0, or a negative errno: -EEXIST (name taken), -EINVAL (no driver / bad
 * arguments), or what the driver's probe returned. */
int rte_vdev_init(const char *name, const char *args);
/* 0, -EINVAL (NULL), -ENOENT (no such device), or the driver's remove error. */
int rte_vdev_uninit(const char *name);

#ifdef __cplusplus
}
#endif
#endif
