/* SPDX-License-Identifier: BSD-3-Clause
 * epoll wrappers for event fds that data-path threads wait on (Rx interrupt
 * mode). An rte_epoll_event lives as long as its fd is in the epoll set: its
 * address is the epoll user data, and rte_epoll_wait hands back copies and
 * runs epdata.cb_fun(fd, cb_arg) for each ready one when set. */
#ifndef __RTE_EPOLL_H__
#define __RTE_EPOLL_H__

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_INTR_EVENT_ADD 1UL
#define RTE_INTR_EVENT_DEL 2UL

typedef void (*rte_intr_event_cb_t)(int fd, void *arg);

struct rte_epoll_data {
	uint32_t event;              /* EPOLLIN etc. */
	void *data;                  /* caller's */
	rte_intr_event_cb_t cb_fun;  /* run by rte_epoll_wait, may be NULL */
	void *cb_arg;
};

enum {
	RTE_EPOLL_INVALID = 0,
	RTE_EPOLL_VALID,
	RTE_EPOLL_EXEC,
};

struct rte_epoll_event {
	uint32_t status;   /* RTE_EPOLL_* */
	int fd;
	int epfd;
	struct rte_epoll_data epdata;
};

#define RTE_EPOLL_PER_THREAD -1   /* epfd: this thread's own epoll fd */

/* Number of events (>= 0), or -1 on error. Retries on EINTR. */
int rte_epoll_wait(int epfd, struct rte_epoll_event *events, int maxevents, int timeout);
/* As rte_epoll_wait but returns 0 when a signal interrupts the wait. */
int rte_epoll_wait_interruptible(int epfd, struct rte_epoll_event *events, int maxevents, int timeout);
/* op: EPOLL_CTL_ADD/DEL/MOD. 0, or -1. */
int rte_epoll_ctl(int epfd, int op, int fd, struct rte_epoll_event *event);

#ifdef __cplusplus
}
#endif
#endif
