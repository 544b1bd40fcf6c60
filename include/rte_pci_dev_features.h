/* SPDX-License-Identifier: BSD-3-Clause
 * The option spellings of each rte_intr_mode ("--vfio-intr=msix"). */
#ifndef _RTE_PCI_DEV_FEATURES_H
#define _RTE_PCI_DEV_FEATURES_H

#include <rte_pci_dev_feature_defs.h>

#define RTE_INTR_MODE_NONE_NAME "none"
#define RTE_INTR_MODE_LEGACY_NAME "legacy"
#define RTE_INTR_MODE_MSI_NAME "msi"
#define RTE_INTR_MODE_MSIX_NAME "msix"

#endif
