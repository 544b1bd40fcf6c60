/* SPDX-License-Identifier: BSD-3-Clause
 * One-shot alarms: cb(cb_arg) runs once on the EAL interrupt thread about us
 * microseconds from now. Driven by one timerfd armed for the earliest alarm. */
#ifndef _RTE_ALARM_H_
#define _RTE_ALARM_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*rte_eal_alarm_callback)(void *arg);

/* 0; -EINVAL (us 0 or too large, cb NULL), -ENOMEM. */
int rte_eal_alarm_set(uint64_t us, rte_eal_alarm_callback cb, void *cb_arg);
/* Number of alarms cancelled. cb_arg (void *)-1 matches any argument.
 * Waits for a matching alarm that runs on another thread; called from the
 * alarm's own callback it sets rte_errno EINPROGRESS; none found: rte_errno
 * ENOENT and 0. -EINVAL (rte_errno EINVAL) for a NULL cb_fn. */
int rte_eal_alarm_cancel(rte_eal_alarm_callback cb_fn, void *cb_arg);

#ifdef __cplusplus
}
#endif
#endif
