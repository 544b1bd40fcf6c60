/* SPDX-License-Identifier: BSD-3-Clause
 * Interrupt handle types, as DPDK 22.11 names them. dplite has no device
 * interrupts (its drivers are polled virtual devices), so this header only
 * provides the types and constants that programs name; the rte_intr_*
 * functions are not provided (docs/multi-process.md, "DPDK's examples").
 * It exists so that sources which include it, like DPDK's multi-process
 * examples, build unchanged. */
#ifndef _RTE_INTERRUPTS_H_
#define _RTE_INTERRUPTS_H_

#include <stdint.h>
#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque interrupt handle. */
struct rte_intr_handle;

/** rte_intr_instance_alloc() flags. */
#define RTE_INTR_INSTANCE_F_PRIVATE UINT32_C(0)
#define RTE_INTR_INSTANCE_F_SHARED  UINT32_C(1)

/** Kind of interrupt source behind a handle. */
enum rte_intr_handle_type {
	RTE_INTR_HANDLE_UNKNOWN = 0,
	RTE_INTR_HANDLE_UIO,
	RTE_INTR_HANDLE_UIO_INTX,
	RTE_INTR_HANDLE_VFIO_LEGACY,
	RTE_INTR_HANDLE_VFIO_MSI,
	RTE_INTR_HANDLE_VFIO_MSIX,
	RTE_INTR_HANDLE_ALARM,
	RTE_INTR_HANDLE_EXT,
	RTE_INTR_HANDLE_VDEV,
	RTE_INTR_HANDLE_DEV_EVENT,
	RTE_INTR_HANDLE_VFIO_REQ,
	RTE_INTR_HANDLE_MAX
};

/** Interrupt callback. */
typedef void (*rte_intr_callback_fn)(void *cb_arg);

/** Called when a callback is unregistered. */
typedef void (*rte_intr_unregister_callback_fn)(struct rte_intr_handle *intr_handle, void *cb_arg);

#ifdef __cplusplus
}
#endif
#endif
