/* SPDX-License-Identifier: BSD-3-Clause
 * The consumers' "found empty" state (docs/ring.md, rte_ring_elem_pvt.h):
 * after a dequeue that found too little, the next one reads the producer
 * tail before anything else and returns 0 if it has not moved far enough.
 * Checked here: the state is entered by an empty poll and kept (no store
 * per poll) while the ring stays empty; every later answer is exact - bulk
 * vs burst, what arrived after the poll, `available`, sc and mc calls mixed,
 * peek finishing less than it reserved, positions across 2^32 and moved
 * forward by hand, reset; a consumer with a backlog still keeps its
 * cached limit (the state never replaces it on a busy ring), and one that
 * keeps up drops a used-up limit (word 0). The state
 * word is internal: reading it here makes sure the fast state is the one
 * being tested, not the long way. */
#include <stdint.h>
#include <string.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>
#include <rte_ring_peek.h>
#include "test.h"

#define P(x) ((void *)(uintptr_t)(x))

static uint64_t cons_word(const struct rte_ring *r)
{
	return __atomic_load_n(&r->cons_cache.word, __ATOMIC_RELAXED);
}

static int is_empty_state(const struct rte_ring *r, uint32_t head)
{
	return cons_word(r) == (__RTE_RING_PEER_EMPTY | head);
}

static void fill(void **o, unsigned int n, uintptr_t base)
{
	for (unsigned int i = 0; i < n; i++)
		o[i] = P(base + i);
}

/* sc (mc = 0) or mc (mc = 1) dequeue calls */
static unsigned int deq_bulk(struct rte_ring *r, int mc, void **o, unsigned int n,
			     unsigned int *av)
{
	return mc ? rte_ring_mc_dequeue_bulk(r, o, n, av) : rte_ring_sc_dequeue_bulk(r, o, n, av);
}

static unsigned int deq_burst(struct rte_ring *r, int mc, void **o, unsigned int n,
			      unsigned int *av)
{
	return mc ? rte_ring_mc_dequeue_burst(r, o, n, av) : rte_ring_sc_dequeue_burst(r, o, n, av);
}

static void test_state_and_answers(int mc)
{
	struct rte_ring *r = rte_ring_create("ep_basic", 64, SOCKET_ID_ANY, 0);
	void *in[64], *out[64];
	unsigned int av;
	uint64_t w;

	REQUIRE(r != NULL);
	fill(in, 64, 0x100);
	CHECK(cons_word(r) == 0);
	CHECK(deq_bulk(r, mc, out, 8, NULL) == 0);
	CHECK_MSG(is_empty_state(r, 0), "mc %d word %#llx", mc, (unsigned long long)cons_word(r));
	w = cons_word(r);
	CHECK(deq_burst(r, mc, out, 8, NULL) == 0);
	CHECK(rte_ring_sc_dequeue(r, &out[0]) == -ENOENT);
	CHECK(cons_word(r) == w);		/* repeated empty polls store nothing */

	/* 3 arrive: a bulk of 8 still finds too little, a burst takes them */
	CHECK(rte_ring_enqueue_bulk(r, in, 3, NULL) == 3);
	CHECK(deq_bulk(r, mc, out, 8, NULL) == 0);
	CHECK(deq_bulk(r, mc, out, 8, &av) == 0 && av == 3);	/* exact, not the hint */
	CHECK(deq_bulk(r, mc, out, 3, NULL) == 3 && out[0] == in[0] && out[2] == in[2]);
	CHECK(deq_burst(r, mc, out, 8, &av) == 0 && av == 0);
	CHECK(deq_burst(r, mc, out, 8, NULL) == 0);
	CHECK(is_empty_state(r, 3));		/* the poll at head 3 */

	/* 8 arrive: bulk 8 passes the first test and takes them in order */
	CHECK(rte_ring_enqueue_bulk(r, in + 3, 8, NULL) == 8);
	CHECK(deq_bulk(r, mc, out, 8, NULL) == 8 && out[0] == in[3] && out[7] == in[10]);
	CHECK(rte_ring_empty(r));
	CHECK(deq_burst(r, mc, out, 1, NULL) == 0);
	CHECK(is_empty_state(r, 11));

	/* single-object and _elem calls see the same state */
	CHECK(rte_ring_enqueue(r, in[20]) == 0);
	CHECK((mc ? rte_ring_mc_dequeue(r, &out[0]) : rte_ring_sc_dequeue(r, &out[0])) == 0 &&
	      out[0] == in[20]);
	CHECK((mc ? rte_ring_mc_dequeue_elem(r, &out[0], sizeof(void *))
		  : rte_ring_sc_dequeue_elem(r, &out[0], sizeof(void *))) == -ENOENT);

	/* num == 0 is a no-op returning 0 in every state */
	CHECK(deq_bulk(r, mc, out, 0, NULL) == 0 && deq_burst(r, mc, out, 0, NULL) == 0);
	CHECK(rte_ring_enqueue_bulk(r, in, 2, NULL) == 2);
	CHECK(deq_bulk(r, mc, out, 0, &av) == 0 && av == 2);
	CHECK(deq_burst(r, mc, out, 4, NULL) == 2 && out[1] == in[1]);

	/* reset forgets the state */
	CHECK(deq_burst(r, mc, out, 4, NULL) == 0 && (int64_t)cons_word(r) < 0);
	rte_ring_reset(r);
	CHECK(cons_word(r) == 0);
	rte_ring_free(r);
}

/* A busy consumer (more waiting than it takes) keeps a cached limit, so it
 * does not read the producer tail on every call; the empty state comes only
 * from an empty poll and leaves again when a backlog is found. */
static void test_backlog_keeps_limit(void)
{
	struct rte_ring *r = rte_ring_create("ep_backlog", 64, SOCKET_ID_ANY,
					     RING_F_SP_ENQ | RING_F_SC_DEQ);
	void *in[64], *out[64];

	REQUIRE(r != NULL);
	fill(in, 64, 0x200);
	CHECK(rte_ring_dequeue_burst(r, out, 4, NULL) == 0 && is_empty_state(r, 0));
	CHECK(rte_ring_enqueue_bulk(r, in, 32, NULL) == 32);
	CHECK(rte_ring_dequeue_burst(r, out, 4, NULL) == 4 && out[3] == in[3]);
	CHECK_MSG(cons_word(r) == (__RTE_RING_PEER_VALID | 32), "word %#llx",
		  (unsigned long long)cons_word(r));
	for (int i = 1; i < 8; i++)
		CHECK(rte_ring_dequeue_burst(r, out, 4, NULL) == 4 && out[0] == in[4 * i]);
	CHECK(cons_word(r) == (__RTE_RING_PEER_VALID | 32));	/* limit used, not refreshed */
	CHECK(rte_ring_dequeue_burst(r, out, 4, NULL) == 0 && is_empty_state(r, 32));
	rte_ring_free(r);
}

/* A single consumer that takes everything its fresh look at the producer
 * showed (it keeps up) drops its used-up limit: the word goes to 0, and
 * the calls that follow read head and tail directly, with exact answers.
 * An EMPTY word is left as it is by such a call (it is a lower bound of
 * the head, still "read the tail first"); a single-object call keeps the
 * plain limit path and never stores 0. */
static void test_drained_drops_limit(void)
{
	struct rte_ring *r = rte_ring_create("ep_drained", 64, SOCKET_ID_ANY,
					     RING_F_SP_ENQ | RING_F_SC_DEQ);
	void *in[64], *out[64];
	unsigned int av;

	REQUIRE(r != NULL);
	fill(in, 64, 0x600);
	CHECK(rte_ring_enqueue_bulk(r, in, 8, NULL) == 8);
	CHECK(rte_ring_dequeue_burst(r, out, 4, NULL) == 4 && out[3] == in[3]);
	CHECK(cons_word(r) == (__RTE_RING_PEER_VALID | 8));	/* a backlog: a limit */
	CHECK(rte_ring_dequeue_burst(r, out, 4, NULL) == 4 && out[0] == in[4]);
	CHECK(cons_word(r) == (__RTE_RING_PEER_VALID | 8));	/* used by the limit */
	CHECK(rte_ring_enqueue_bulk(r, in + 8, 8, NULL) == 8);
	CHECK(rte_ring_dequeue_burst(r, out, 8, NULL) == 8 && out[0] == in[8] && out[7] == in[15]);
	CHECK_MSG(cons_word(r) == 0, "word %#llx", (unsigned long long)cons_word(r));

	/* from 0: exactly what is asked for (the exact-fit exit), with and
	 * without `available` */
	CHECK(rte_ring_enqueue_bulk(r, in + 32, 4, NULL) == 4);
	CHECK(rte_ring_dequeue_bulk(r, out, 4, NULL) == 4 && out[0] == in[32] && out[3] == in[35]);
	CHECK(cons_word(r) == 0);
	CHECK(rte_ring_enqueue_bulk(r, in + 36, 4, NULL) == 4);
	CHECK(rte_ring_dequeue_burst(r, out, 4, &av) == 4 && av == 0 && out[3] == in[39]);
	CHECK(cons_word(r) == 0 && rte_ring_empty(r));
	CHECK(rte_ring_enqueue_bulk(r, in + 40, 6, NULL) == 6);
	CHECK(rte_ring_dequeue_burst(r, out, 6, NULL) == 6 && out[5] == in[45]);
	CHECK(cons_word(r) == 0);

	/* from 0: a burst that finds 3 takes 3, a bulk that finds too few
	 * takes none (and enters EMPTY), `available` stays exact */
	CHECK(rte_ring_enqueue_bulk(r, in + 16, 3, NULL) == 3);
	CHECK(rte_ring_dequeue_burst(r, out, 8, &av) == 3 && av == 0 && out[2] == in[18]);
	CHECK(cons_word(r) == 0);
	CHECK(rte_ring_enqueue_bulk(r, in + 19, 2, NULL) == 2);
	CHECK(rte_ring_dequeue_bulk(r, out, 4, &av) == 0 && av == 2);
	CHECK(rte_ring_dequeue_bulk(r, out, 4, NULL) == 0 && is_empty_state(r, 33));
	CHECK(rte_ring_dequeue_bulk(r, out, 2, NULL) == 2 && out[1] == in[20]);
	CHECK(is_empty_state(r, 33));			/* drained from EMPTY: kept */
	CHECK(rte_ring_dequeue_burst(r, out, 2, NULL) == 0 && is_empty_state(r, 35));

	/* a backlog again gives a limit; a drain through mc calls shares it */
	CHECK(rte_ring_enqueue_bulk(r, in, 20, NULL) == 20);
	CHECK(rte_ring_dequeue_burst(r, out, 5, NULL) == 5 && out[4] == in[4]);
	CHECK(cons_word(r) == (__RTE_RING_PEER_VALID | 55));
	CHECK(rte_ring_mc_dequeue_burst(r, out, 16, NULL) == 15 && out[14] == in[19]);
	CHECK(rte_ring_empty(r));

	/* single-object calls: a used-up limit stays (no store of 0) */
	CHECK(rte_ring_enqueue_bulk(r, in, 4, NULL) == 4);
	CHECK(rte_ring_dequeue_burst(r, out, 1, NULL) == 1 && out[0] == in[0]);
	CHECK(cons_word(r) == (__RTE_RING_PEER_VALID | 59));
	for (int i = 1; i < 4; i++)
		CHECK(rte_ring_sc_dequeue(r, &out[0]) == 0 && out[0] == in[i]);
	CHECK(rte_ring_enqueue(r, in[9]) == 0);
	CHECK(rte_ring_sc_dequeue(r, &out[0]) == 0 && out[0] == in[9]);
	CHECK(cons_word(r) == (__RTE_RING_PEER_VALID | 59));
	CHECK(rte_ring_sc_dequeue(r, &out[0]) == -ENOENT && is_empty_state(r, 60));
	rte_ring_free(r);
}

/* sc and mc calls on one side share the word: each sees the other's state. */
static void test_mixed(void)
{
	struct rte_ring *r = rte_ring_create("ep_mixed", 16, SOCKET_ID_ANY, 0);
	void *in[16], *out[16];

	REQUIRE(r != NULL);
	fill(in, 16, 0x300);
	CHECK(rte_ring_mc_dequeue_burst(r, out, 4, NULL) == 0 && is_empty_state(r, 0));
	CHECK(rte_ring_sp_enqueue_bulk(r, in, 5, NULL) == 5);
	CHECK(rte_ring_sc_dequeue_bulk(r, out, 2, NULL) == 2 && out[1] == in[1]);
	CHECK(rte_ring_mc_dequeue_bulk(r, out, 4, NULL) == 0);	/* 3 left */
	CHECK(rte_ring_sc_dequeue_burst(r, out, 4, NULL) == 3 && out[2] == in[4]);
	CHECK(rte_ring_sc_dequeue_burst(r, out, 4, NULL) == 0 && is_empty_state(r, 5));
	CHECK(rte_ring_mp_enqueue_burst(r, in, 15, NULL) == 15);
	CHECK(rte_ring_mc_dequeue_burst(r, out, 16, NULL) == 15 && out[14] == in[14]);
	CHECK(rte_ring_empty(r));
	rte_ring_free(r);
}

/* Peek: a reservation handed back in part (finish with less) moves the head
 * back, but never below the head of an earlier empty poll, so the state's
 * head stays a lower bound and nothing handed back is hidden. */
static void test_peek_partial(void)
{
	struct rte_ring *r = rte_ring_create("ep_peek", 16, SOCKET_ID_ANY,
					     RING_F_SP_ENQ | RING_F_SC_DEQ);
	void *in[16], *out[16];
	unsigned int av;

	REQUIRE(r != NULL);
	fill(in, 16, 0x400);
	CHECK(rte_ring_dequeue_burst_start(r, out, 8, NULL) == 0 && is_empty_state(r, 0));
	rte_ring_dequeue_finish(r, 0);
	CHECK(rte_ring_enqueue_bulk(r, in, 8, NULL) == 8);
	CHECK(rte_ring_dequeue_bulk_start(r, out, 8, NULL) == 8 && out[7] == in[7]);
	rte_ring_dequeue_finish(r, 3);		/* hand 5 back */
	CHECK(rte_ring_count(r) == 5);
	CHECK(rte_ring_dequeue_bulk(r, out, 5, NULL) == 5 && out[0] == in[3] && out[4] == in[7]);
	CHECK(rte_ring_dequeue_burst_start(r, out, 8, &av) == 0 && av == 0);
	rte_ring_dequeue_finish(r, 0);
	CHECK(rte_ring_dequeue_bulk(r, out, 1, NULL) == 0 && is_empty_state(r, 8));
	rte_ring_free(r);
}

/* Positions across 2^32: a poll just below the wrap, objects that take the
 * producer tail past 0, and positions moved forward by hand (as DPDK's own
 * tests do) while the state is held. */
static void test_wrap_and_hand_moves(int mc)
{
	struct rte_ring *r = rte_ring_create("ep_wrap", 16, SOCKET_ID_ANY, 0);
	void *in[16], *out[16];
	const uint32_t start = 0xfffffffeu;

	REQUIRE(r != NULL);
	fill(in, 16, 0x500);
	r->prod.head = r->prod.tail = r->cons.head = r->cons.tail = start;
	CHECK(deq_bulk(r, mc, out, 8, NULL) == 0 && is_empty_state(r, start));
	CHECK(rte_ring_enqueue_bulk(r, in, 5, NULL) == 5 && r->prod.tail == 3u);
	CHECK(deq_bulk(r, mc, out, 8, NULL) == 0);
	CHECK(deq_bulk(r, mc, out, 5, NULL) == 5 && out[0] == in[0] && out[4] == in[4]);
	CHECK(deq_burst(r, mc, out, 8, NULL) == 0 && is_empty_state(r, 3));

	/* forward by hand, empty at 100000, while the state says head 3 */
	r->prod.head = r->prod.tail = r->cons.head = r->cons.tail = 100000;
	CHECK(deq_burst(r, mc, out, 8, NULL) == 0);
	CHECK(rte_ring_enqueue_bulk(r, in, 2, NULL) == 2);
	CHECK(deq_burst(r, mc, out, 8, NULL) == 2 && out[1] == in[1]);
	/* forward by hand to a ring holding 6 (written there by hand) */
	CHECK(deq_burst(r, mc, out, 8, NULL) == 0);
	for (uint32_t p = 200000; p < 200006; p++)
		((void **)&r[1])[p & r->mask] = in[p - 200000];
	r->cons.head = r->cons.tail = 200000;
	r->prod.head = r->prod.tail = 200006;
	CHECK(deq_bulk(r, mc, out, 6, NULL) == 6 && out[0] == in[0] && out[5] == in[5]);
	CHECK(rte_ring_empty(r));
	rte_ring_free(r);
}

int main(void)
{
	test_eal_init("ring_empty_poll", NULL);
	test_state_and_answers(0);
	test_state_and_answers(1);
	test_backlog_keeps_limit();
	test_drained_drops_limit();
	test_mixed();
	test_peek_partial();
	test_wrap_and_hand_moves(0);
	test_wrap_and_hand_moves(1);
	rte_eal_cleanup();
	return test_done();
}
