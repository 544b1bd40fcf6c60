/* SPDX-License-Identifier: BSD-3-Clause
 * The ethdev control lock (lib/ethdev/ethdev_lock.c). */
#ifndef DPLITE_ETHDEV_LOCK_H
#define DPLITE_ETHDEV_LOCK_H

void ethdev_ctl_lock(void);
void ethdev_ctl_unlock(void);

#endif
