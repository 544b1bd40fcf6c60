/* SPDX-License-Identifier: BSD-3-Clause
 * rte_vfio.h without VFIO: dplite drives no PCI device, so each call gives
 * the answer DPDK 22.11 gives when it is built without VFIO support -- 0
 * for the "is it enabled" questions, -1 with rte_errno = ENOTSUP for every
 * action. Also the VF token getter of rte_eal.h (no --vfio-vf-token option:
 * the token is all zeros, DPDK's default).
 * May call: errno.c. */
#include <errno.h>
#include <string.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_uuid.h>
#include <rte_vfio.h>

static int no_vfio(void)
{
	rte_errno = ENOTSUP;
	return -1;
}

void rte_eal_vfio_get_vf_token(rte_uuid_t vf_token)
{
	if (vf_token != NULL)
		memset(vf_token, 0, sizeof(rte_uuid_t));
}

int rte_vfio_setup_device(const char *sysfs_base, const char *dev_addr, int *vfio_dev_fd,
			  struct vfio_device_info *device_info)
{
	RTE_SET_USED(sysfs_base); RTE_SET_USED(dev_addr);
	RTE_SET_USED(vfio_dev_fd); RTE_SET_USED(device_info);
	return no_vfio();
}

int rte_vfio_release_device(const char *sysfs_base, const char *dev_addr, int fd)
{
	RTE_SET_USED(sysfs_base); RTE_SET_USED(dev_addr); RTE_SET_USED(fd);
	return no_vfio();
}

int rte_vfio_enable(const char *modname)
{
	RTE_SET_USED(modname);
	return no_vfio();
}

int rte_vfio_is_enabled(const char *modname)
{
	RTE_SET_USED(modname);
	return 0;
}

int rte_vfio_noiommu_is_enabled(void)
{
	return 0;
}

int rte_vfio_clear_group(int vfio_group_fd)
{
	RTE_SET_USED(vfio_group_fd);
	return no_vfio();
}

int rte_vfio_get_group_num(const char *sysfs_base, const char *dev_addr, int *iommu_group_num)
{
	RTE_SET_USED(sysfs_base); RTE_SET_USED(dev_addr); RTE_SET_USED(iommu_group_num);
	return no_vfio();
}

int rte_vfio_get_group_fd(int iommu_group_num)
{
	RTE_SET_USED(iommu_group_num);
	return no_vfio();
}

int rte_vfio_get_container_fd(void)
{
	return no_vfio();
}

int rte_vfio_container_create(void)
{
	return no_vfio();
}

int rte_vfio_container_destroy(int container_fd)
{
	RTE_SET_USED(container_fd);
	return no_vfio();
}

int rte_vfio_container_group_bind(int container_fd, int iommu_group_num)
{
	RTE_SET_USED(container_fd); RTE_SET_USED(iommu_group_num);
	return no_vfio();
}

int rte_vfio_container_group_unbind(int container_fd, int iommu_group_num)
{
	RTE_SET_USED(container_fd); RTE_SET_USED(iommu_group_num);
	return no_vfio();
}

int rte_vfio_container_dma_map(int container_fd, uint64_t vaddr, uint64_t iova, uint64_t len)
{
	RTE_SET_USED(container_fd); RTE_SET_USED(vaddr); RTE_SET_USED(iova); RTE_SET_USED(len);
	return no_vfio();
}

int rte_vfio_container_dma_unmap(int container_fd, uint64_t vaddr, uint64_t iova, uint64_t len)
{
	RTE_SET_USED(container_fd); RTE_SET_USED(vaddr); RTE_SET_USED(iova); RTE_SET_USED(len);
	return no_vfio();
}
