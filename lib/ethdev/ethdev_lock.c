/* SPDX-License-Identifier: BSD-3-Clause
 * The ethdev control lock: one process-private, recursive mutex that the
 * control calls which change or free what a port's data points at
 * (configure, queue setup, start, stop, close, release) hold, and that the
 * /ethdev/... telemetry commands hold while they read it.
 *
 * The race it closes: the telemetry thread answers /ethdev/stats (and info,
 * xstats, link) whenever a client asks, while the application may be
 * reconfiguring the same port: rte_eth_stats_get walks nb_rx_queues and
 * rx_queues[] as rte_eth_dev_configure changes the count and releases the
 * queues above it (a freed queue read), and ThreadSanitizer flags the plain
 * reads of the port data. DPDK leaves control calls to one thread of the
 * application; telemetry is a thread of ours, so the library orders it.
 * The pair: the unlock at the end of a control call happens-before the lock
 * of a later telemetry command (and the reverse), so a command sees a port
 * before or after a control call, never halfway.
 *
 * Recursive: close releases the port (release takes it again), and event
 * callbacks run under it may call back into ethdev. A leaf: calls nothing
 * but pthreads. Not shared between processes: a secondary's telemetry and
 * its own control calls are ordered, a primary's control calls are not
 * ordered against a secondary's reads (as in DPDK). */
#include <pthread.h>
#include "ethdev_lock.h"

static pthread_mutex_t ethdev_ctl = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

void ethdev_ctl_lock(void)
{
	pthread_mutex_lock(&ethdev_ctl);
}

void ethdev_ctl_unlock(void)
{
	pthread_mutex_unlock(&ethdev_ctl);
}
