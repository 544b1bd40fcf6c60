/* SPDX-License-Identifier: BSD-3-Clause
 * VFIO device and container management, as DPDK 22.11 declares it. dplite
 * has no PCI bus and drives no device through VFIO, so it is built the way
 * DPDK is built without VFIO (VFIO_PRESENT undefined): every function exists
 * and gives the "no VFIO" answer DPDK gives then --
 *   rte_vfio_is_enabled(), rte_vfio_noiommu_is_enabled():  0 (not enabled);
 *   every other function:                                 -1, rte_errno = ENOTSUP.
 * struct vfio_device_info stays incomplete (only pointers are passed), and
 * the VFIO_* path macros that need <linux/vfio.h> are not defined. */
#ifndef _RTE_VFIO_H_
#define _RTE_VFIO_H_

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vfio_device_info;

/* the container fd argument that means "the default container" */
#define RTE_VFIO_DEFAULT_CONTAINER_FD (-1)

/* device set-up and release, by sysfs base and device address */
int rte_vfio_setup_device(const char *sysfs_base, const char *dev_addr,
			  int *vfio_dev_fd, struct vfio_device_info *device_info);
int rte_vfio_release_device(const char *sysfs_base, const char *dev_addr, int fd);

/* module state: enable (load) a VFIO module, ask whether it is in use */
int rte_vfio_enable(const char *modname);
int rte_vfio_is_enabled(const char *modname);
int rte_vfio_noiommu_is_enabled(void);

/* IOMMU groups */
int rte_vfio_clear_group(int vfio_group_fd);
int rte_vfio_get_group_num(const char *sysfs_base, const char *dev_addr, int *iommu_group_num);
int rte_vfio_get_group_fd(int iommu_group_num);

/* containers and DMA mappings in them */
int rte_vfio_get_container_fd(void);
int rte_vfio_container_create(void);
int rte_vfio_container_destroy(int container_fd);
int rte_vfio_container_group_bind(int container_fd, int iommu_group_num);
int rte_vfio_container_group_unbind(int container_fd, int iommu_group_num);
int rte_vfio_container_dma_map(int container_fd, uint64_t vaddr, uint64_t iova, uint64_t len);
int rte_vfio_container_dma_unmap(int container_fd, uint64_t vaddr, uint64_t iova, uint64_t len);

#ifdef __cplusplus
}
#endif

#endif
