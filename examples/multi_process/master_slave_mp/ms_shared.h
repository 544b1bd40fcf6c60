/* SPDX-License-Identifier: BSD-3-Clause
 * master_slave_mp: the state the master shares with its workers (and with
 * anything else that attaches to the same --file-prefix, such as the test
 * that asks a worker to hold a burst and kills it).
 *
 * Layout (memzone MS_STATE_NAME, written as noted):
 *   ms_state.stop            master; workers leave their loop when set
 *   ms_state.nworkers        master, before the first worker starts
 *   ms_state.port            the workers' port id (master, before start)
 *   ms_worker[i].pid         master, when it starts worker i
 *   ms_worker[i].lives       master: how many times worker i was started
 *   ms_worker[i].forwarded   worker i (packets sent in this life)
 *   ms_worker[i].hold        anyone: ask worker i to keep its next received
 *                            burst and stop (a demonstration and test knob)
 *   ms_worker[i].holding     worker i: the size of the burst it now keeps
 *
 * Ordering: `hold` is read with acquire by the worker only after it has
 * received a burst; `holding` is stored with release after the burst is in
 * the worker's hands, so whoever reads holding != 0 (acquire) knows the
 * mbufs have left the rx ring. Nothing else crosses processes without the
 * ring's own ordering. */
#ifndef MS_SHARED_H
#define MS_SHARED_H
#include <stdint.h>
#include <rte_common.h>

#define MS_STATE_NAME "ms_state"
#define MS_MAX_WORKERS 8

struct ms_worker {
	int32_t pid;
	uint32_t lives;
	uint64_t forwarded;
	uint32_t hold;
	uint32_t holding;
} __rte_cache_aligned;

struct ms_state {
	uint32_t stop;
	uint32_t nworkers;
	uint16_t port;
	struct ms_worker w[MS_MAX_WORKERS];
};

#endif
