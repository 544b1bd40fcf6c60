/* SPDX-License-Identifier: BSD-3-Clause
 * mempool_events: how a pool tells you something happened.
 *
 * DPDK 22.11 has one notification for pools: rte_mempool_event_callback_
 * register(fn, arg). fn runs in the process that does the work, on the
 * thread that does it:
 *   RTE_MEMPOOL_EVENT_READY    when the last populate call fills the pool
 *                              (rte_mempool_create and rte_pktmbuf_pool_create
 *                              populate inside, so it fires before they return)
 *   RTE_MEMPOOL_EVENT_DESTROY  at the start of rte_mempool_free, the pool
 *                              still whole
 * Everything else (objects running out, the use of a pool) is polled:
 * rte_mempool_avail_count / in_use_count, or the telemetry commands
 * /mempool/info,NAME and /mempool/events (lifecycle counters). And where does
 * one mbuf live? rte_dplite_explain (a dplite extension) walks it down to
 * the page.
 *
 *   mempool_events [EAL args]     e.g. mempool_events --no-huge */
#include <inttypes.h>
#include <stdio.h>
#include <rte_dplite_explain.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

static void on_pool_event(enum rte_mempool_event ev, struct rte_mempool *mp, void *arg)
{
	unsigned int *seen = arg;
	(*seen)++;
	printf("event %s: pool %s, %u objects of %u bytes, %u in use\n",
	       ev == RTE_MEMPOOL_EVENT_READY ? "READY" : "DESTROY", mp->name, mp->size,
	       mp->elt_size, rte_mempool_in_use_count(mp));
}

int main(int argc, char **argv)
{
	unsigned int seen = 0;
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "mempool_events: rte_eal_init: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	if (rte_mempool_event_callback_register(on_pool_event, &seen) != 0) {
		fprintf(stderr, "mempool_events: register: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	struct rte_mempool *mp = rte_pktmbuf_pool_create("events_pool", 511, 32, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mp == NULL) {
		fprintf(stderr, "mempool_events: pool: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	struct rte_dplite_explain e;
	if (m != NULL && rte_dplite_explain(rte_pktmbuf_mtod(m, void *), &e) == 0)
		printf("mbuf %p: object %u of pool %s (%s), data at offset %u of a %u-byte buffer,\n"
		       "  in memzone %s, page %d of memseg list %d (%" PRIu64 " kB pages, %s)\n",
		       (void *)m, e.mempool.obj_index, e.mempool.name,
		       rte_dplite_obj_state_name(e.mempool.state), e.mbuf.data_off, e.mbuf.buf_len,
		       e.memzone.name, e.memseg.index, e.msl.index, e.msl.page_sz >> 10,
		       rte_dplite_backing_name(e.backing.kind));
	rte_pktmbuf_free(m);
	rte_mempool_free(mp);
	rte_mempool_event_callback_unregister(on_pool_event, &seen);
	printf("%u events\n", seen);
	rte_eal_cleanup();
	return seen == 2 ? 0 : 1;
}
