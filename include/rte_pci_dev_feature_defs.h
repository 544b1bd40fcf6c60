/* SPDX-License-Identifier: BSD-3-Clause
 * The interrupt modes a PCI device can be bound with (the values of DPDK
 * 22.11's --vfio-intr option and of rte_eal_vfio_intr_mode()). dplite has
 * no PCI bus: rte_eal_vfio_intr_mode() always answers RTE_INTR_MODE_NONE. */
#ifndef _RTE_PCI_DEV_DEFS_H_
#define _RTE_PCI_DEV_DEFS_H_

#ifdef __cplusplus
extern "C" {
#endif

enum rte_intr_mode {
	RTE_INTR_MODE_NONE = 0,
	RTE_INTR_MODE_LEGACY,
	RTE_INTR_MODE_MSI,
	RTE_INTR_MODE_MSIX
};

#ifdef __cplusplus
}
#endif

#endif
