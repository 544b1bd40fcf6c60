/* SPDX-License-Identifier: BSD-3-Clause
 * Interrupt handles and callbacks. A handle (opaque, rte_intr_instance_alloc)
 * names an fd; callbacks registered on it run on the EAL interrupt thread
 * whenever the fd is readable. The thread starts with the first registration
 * and stops in rte_eal_cleanup(). What the thread does with a ready fd
 * depends on the handle type: for RTE_INTR_HANDLE_EXT, VDEV, DEV_EVENT and
 * UNKNOWN it reads nothing (the callback must drain the fd, or it runs
 * again); for ALARM it reads the 8-byte timerfd count; for UIO 4 bytes, for
 * VFIO 8 bytes. Error returns are negative errno values unless noted.
 *
 * Rx interrupts (rte_intr_efd_enable, rte_intr_rx_ctl): the handle also
 * holds up to RTE_MAX_RXTX_INTR_VEC_ID event fds, one per queue vector; a
 * data-path thread adds them to its epoll set and sleeps in rte_epoll_wait. */
#ifndef _RTE_INTERRUPTS_H_
#define _RTE_INTERRUPTS_H_

#include <stdbool.h>
#include <stdint.h>
#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_compat.h>
#include <rte_epoll.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_intr_handle;

#define RTE_INTR_INSTANCE_F_PRIVATE UINT32_C(0)
#define RTE_INTR_INSTANCE_F_SHARED  RTE_BIT32(0)

#define RTE_MAX_RXTX_INTR_VEC_ID 512
#define RTE_INTR_VEC_ZERO_OFFSET 0
#define RTE_INTR_VEC_RXTX_OFFSET 1

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

typedef void (*rte_intr_callback_fn)(void *cb_arg);
typedef void (*rte_intr_unregister_callback_fn)(struct rte_intr_handle *intr_handle, void *cb_arg);

/* 0; -EINVAL (NULL handle or cb, fd < 0), -ENOMEM. */
int rte_intr_callback_register(const struct rte_intr_handle *intr_handle, rte_intr_callback_fn cb, void *cb_arg);
/* Number removed (>= 1); -ENOENT none matched, -EAGAIN one is running now,
 * -EINVAL bad arguments. cb_arg (void *)-1 matches any argument. */
int rte_intr_callback_unregister(const struct rte_intr_handle *intr_handle, rte_intr_callback_fn cb, void *cb_arg);
/* From inside a callback: marks matching callbacks for removal once they
 * return, then calls ucb_fn(handle, cb_arg) for each. Number marked, or
 * -ENOENT/-EINVAL. */
int rte_intr_callback_unregister_pending(const struct rte_intr_handle *intr_handle, rte_intr_callback_fn cb_fn,
					 void *cb_arg, rte_intr_unregister_callback_fn ucb_fn);
/* Like unregister but waits while a matching callback runs (never call it
 * from the interrupt thread). */
__rte_experimental int rte_intr_callback_unregister_sync(const struct rte_intr_handle *intr_handle,
							 rte_intr_callback_fn cb, void *cb_arg);
/* Hardware interrupt control: 0 for EXT/VDEV/ALARM/DEV_EVENT handles (nothing
 * to do), -1 for other types (no UIO/VFIO in dplite) or a bad handle. */
int rte_intr_enable(const struct rte_intr_handle *intr_handle);
int rte_intr_disable(const struct rte_intr_handle *intr_handle);
int rte_intr_ack(const struct rte_intr_handle *intr_handle);
/* 1 on the EAL interrupt thread, else 0. */
int rte_thread_is_intr(void);

/* NULL with rte_errno EINVAL (unknown flags) or ENOMEM. */
__rte_experimental struct rte_intr_handle *rte_intr_instance_alloc(uint32_t flags);
__rte_experimental void rte_intr_instance_free(struct rte_intr_handle *intr_handle);
/* Setters: 0 or -1 with rte_errno EINVAL; getters: the value, or -1 with
 * rte_errno EINVAL for a NULL handle (type: RTE_INTR_HANDLE_UNKNOWN). */
__rte_experimental int rte_intr_fd_set(struct rte_intr_handle *intr_handle, int fd);
__rte_experimental int rte_intr_fd_get(const struct rte_intr_handle *intr_handle);
__rte_experimental int rte_intr_type_set(struct rte_intr_handle *intr_handle, enum rte_intr_handle_type type);
__rte_experimental enum rte_intr_handle_type rte_intr_type_get(const struct rte_intr_handle *intr_handle);

/* The calling thread's own epoll fd (created on first use), or -1. */
__rte_internal int rte_intr_tls_epfd(void);
/* Adds (RTE_INTR_EVENT_ADD) or removes (RTE_INTR_EVENT_DEL) the event fd of
 * vector vec to/from epfd (RTE_EPOLL_PER_THREAD: rte_intr_tls_epfd()); data
 * comes back in rte_epoll_event.epdata.data. 0; -EINVAL, -EEXIST (already
 * added), -ENOENT (not added), -EPERM (no event fds). */
__rte_internal int rte_intr_rx_ctl(struct rte_intr_handle *intr_handle, int epfd, int op, unsigned int vec, void *data);
__rte_internal void rte_intr_free_epoll_fd(struct rte_intr_handle *intr_handle);
/* Creates nb_efd non-blocking eventfds (vectors RTE_INTR_VEC_RXTX_OFFSET..).
 * 0; -EINVAL (nb_efd 0 or > RTE_MAX_RXTX_INTR_VEC_ID), -errno. */
__rte_internal int rte_intr_efd_enable(struct rte_intr_handle *intr_handle, uint32_t nb_efd);
__rte_internal void rte_intr_efd_disable(struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_dp_is_en(struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_allow_others(struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_cap_multiple(struct rte_intr_handle *intr_handle);
__rte_internal struct rte_intr_handle *rte_intr_instance_dup(const struct rte_intr_handle *src);
__rte_internal int rte_intr_dev_fd_set(struct rte_intr_handle *intr_handle, int fd);
__rte_internal int rte_intr_dev_fd_get(const struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_max_intr_set(struct rte_intr_handle *intr_handle, int max_intr);
__rte_internal int rte_intr_max_intr_get(const struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_nb_efd_set(struct rte_intr_handle *intr_handle, int nb_efd);
__rte_internal int rte_intr_nb_efd_get(const struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_nb_intr_get(const struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_efd_counter_size_set(struct rte_intr_handle *intr_handle, uint8_t efd_counter_size);
__rte_internal int rte_intr_efd_counter_size_get(const struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_efds_index_set(struct rte_intr_handle *intr_handle, int index, int fd);
__rte_internal int rte_intr_efds_index_get(const struct rte_intr_handle *intr_handle, int index);
__rte_internal int rte_intr_elist_index_set(struct rte_intr_handle *intr_handle, int index, struct rte_epoll_event elist);
__rte_internal struct rte_epoll_event *rte_intr_elist_index_get(struct rte_intr_handle *intr_handle, int index);
__rte_internal int rte_intr_vec_list_alloc(struct rte_intr_handle *intr_handle, const char *name, int size);
__rte_internal int rte_intr_vec_list_index_set(struct rte_intr_handle *intr_handle, int index, int vec);
__rte_internal int rte_intr_vec_list_index_get(const struct rte_intr_handle *intr_handle, int index);
__rte_internal void rte_intr_vec_list_free(struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_event_list_update(struct rte_intr_handle *intr_handle, int size);
__rte_internal void *rte_intr_instance_windows_handle_get(struct rte_intr_handle *intr_handle);
__rte_internal int rte_intr_instance_windows_handle_set(struct rte_intr_handle *intr_handle, void *windows_handle);

#ifdef __cplusplus
}
#endif
#endif
