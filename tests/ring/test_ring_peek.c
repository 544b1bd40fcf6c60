/* SPDX-License-Identifier: BSD-3-Clause
 * Peek (two-phase) and zero-copy ring APIs on SP/SC and HTS rings: start
 * reserves without publishing, finish publishes exactly n (handing back the
 * rest), burst vs bulk limits, free_space/available, wrap-around split of
 * zero-copy reservations, _elem forms, and the refusal (0 + ENOTSUP + log)
 * on MT/RTS sides. */
#include <stdint.h>
#include <string.h>
#include <rte_ring.h>
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>
#include "test.h"

#define P(x) ((void *)(uintptr_t)(x))

static void test_peek(unsigned int flags)
{
	struct rte_ring *r = rte_ring_create("peek", 16, SOCKET_ID_ANY, flags);
	void *in[16], *out[16];
	unsigned int f, a;

	REQUIRE(r != NULL);
	for (int i = 0; i < 16; i++)
		in[i] = P(i + 1);
	CHECK(rte_ring_enqueue_bulk_start(r, 8, &f) == 8 && f == 7);
	CHECK(rte_ring_count(r) == 0);		/* reserved, not visible */
	rte_ring_enqueue_finish(r, in, 8);
	CHECK(rte_ring_count(r) == 8);
	/* reserve 5, publish 3: objects 9..11 */
	CHECK(rte_ring_enqueue_burst_start(r, 5, &f) == 5 && f == 2);
	rte_ring_enqueue_finish(r, in + 8, 3);
	CHECK(rte_ring_count(r) == 11 && rte_ring_free_count(r) == 4);
	CHECK(rte_ring_enqueue_bulk_start(r, 5, &f) == 0 && f == 4);
	CHECK(rte_ring_enqueue_burst_start(r, 5, NULL) == 4);
	rte_ring_enqueue_finish(r, in + 11, 4);	/* 12..15 */
	CHECK(rte_ring_full(r));

	/* dequeue: take 4, release 2; the other 2 come back */
	CHECK(rte_ring_dequeue_bulk_start(r, out, 4, &a) == 4 && a == 11);
	CHECK(out[0] == P(1) && out[3] == P(4));
	CHECK(rte_ring_count(r) == 15);		/* not released yet */
	rte_ring_dequeue_finish(r, 2);
	CHECK(rte_ring_count(r) == 13);
	CHECK(rte_ring_dequeue_bulk_start(r, out, 14, &a) == 0 && a == 13);
	CHECK(rte_ring_dequeue_burst_start(r, out, 14, &a) == 13 && a == 0);
	for (int i = 0; i < 13; i++)
		CHECK(out[i] == P(i + 3));
	/* finish with more than reserved is clamped to the reservation */
	rte_ring_dequeue_finish(r, 100);
	CHECK(rte_ring_empty(r) && rte_ring_count(r) == 0);
	CHECK(rte_ring_dequeue_burst_start(r, out, 4, &a) == 0 && a == 0);
	rte_ring_dequeue_finish(r, 0);
	/* plain calls still agree with the ring state */
	CHECK(rte_ring_enqueue_burst(r, in, 16, &f) == 15 && f == 0);
	CHECK(rte_ring_dequeue_burst(r, out, 16, &a) == 15 && out[14] == P(15));

	/* _elem forms with 12-byte elements on a fresh ring */
	rte_ring_free(r);
	r = rte_ring_create_elem("peek12", 12, 16, SOCKET_ID_ANY, flags);
	REQUIRE(r != NULL);
	uint32_t e_in[3 * 6], e_out[3 * 6];

	for (int i = 0; i < 18; i++)
		e_in[i] = 0x1000 + (uint32_t)i;
	CHECK(rte_ring_enqueue_bulk_elem_start(r, 6, &f) == 6 && f == 9);
	rte_ring_enqueue_elem_finish(r, e_in, 12, 6);
	CHECK(rte_ring_enqueue_burst_elem_start(r, 2, NULL) == 2);
	rte_ring_enqueue_elem_finish(r, e_in, 12, 0);		/* give it all back */
	CHECK(rte_ring_count(r) == 6);
	CHECK(rte_ring_dequeue_bulk_elem_start(r, e_out, 12, 6, &a) == 6 && a == 0);
	CHECK(memcmp(e_in, e_out, sizeof(e_in)) == 0);
	rte_ring_dequeue_elem_finish(r, 6);
	CHECK(rte_ring_dequeue_burst_elem_start(r, e_out, 12, 6, &a) == 0 && a == 0);
	rte_ring_dequeue_elem_finish(r, 0);
	rte_ring_free(r);
}

static void test_zc(unsigned int flags)
{
	struct rte_ring *r = rte_ring_create("zc", 16, SOCKET_ID_ANY, flags);
	struct rte_ring_zc_data z;
	void *out[16];
	unsigned int f, a;

	REQUIRE(r != NULL);
	void **slots = (void **)(r + 1);
	/* move positions to 12 so a reservation of 8 wraps: 4 + 4 */
	for (int i = 0; i < 12; i++)
		CHECK(rte_ring_enqueue(r, P(100 + i)) == 0);
	CHECK(rte_ring_dequeue_burst(r, out, 12, NULL) == 12);

	memset(&z, 0, sizeof(z));
	CHECK(rte_ring_enqueue_zc_bulk_start(r, 8, &z, &f) == 8 && f == 7);
	CHECK(z.ptr1 == &slots[12] && z.n1 == 4 && z.ptr2 == &slots[0]);
	for (unsigned int i = 0; i < z.n1; i++)
		((void **)z.ptr1)[i] = P(i + 1);
	for (unsigned int i = 0; i < 8 - z.n1; i++)
		((void **)z.ptr2)[i] = P(z.n1 + i + 1);
	CHECK(rte_ring_count(r) == 0);
	rte_ring_enqueue_zc_finish(r, 8);
	CHECK(rte_ring_count(r) == 8);

	/* non-wrapping reservation: ptr2 NULL */
	CHECK(rte_ring_enqueue_zc_burst_start(r, 20, &z, &f) == 7 && f == 0);
	CHECK(z.ptr1 == &slots[4] && z.n1 == 7 && z.ptr2 == NULL);
	for (unsigned int i = 0; i < 7; i++)
		((void **)z.ptr1)[i] = P(9 + i);
	rte_ring_enqueue_zc_finish(r, 5);	/* publish 9..13 only */
	CHECK(rte_ring_count(r) == 13);
	CHECK(rte_ring_enqueue_zc_bulk_start(r, 3, &z, &f) == 0 && f == 2);

	/* zero-copy dequeue, wrapping (cons at 12) */
	CHECK(rte_ring_dequeue_zc_bulk_start(r, 6, &z, &a) == 6 && a == 7);
	CHECK(z.ptr1 == &slots[12] && z.n1 == 4 && z.ptr2 == &slots[0]);
	CHECK(((void **)z.ptr1)[0] == P(1) && ((void **)z.ptr2)[1] == P(6));
	rte_ring_dequeue_zc_finish(r, 6);
	CHECK(rte_ring_count(r) == 7);
	CHECK(rte_ring_dequeue_zc_burst_start(r, 16, &z, &a) == 7 && a == 0);
	CHECK(z.n1 == 7 && z.ptr2 == NULL && ((void **)z.ptr1)[6] == P(13));
	rte_ring_dequeue_zc_finish(r, 3);	/* 10..13 stay */
	CHECK(rte_ring_dequeue_burst(r, out, 16, NULL) == 4 && out[0] == P(10) && out[3] == P(13));

	/* _elem forms, 8-byte elements */
	uint64_t v = 0xabcdef;
	CHECK(rte_ring_enqueue_zc_bulk_elem_start(r, 8, 1, &z, NULL) == 1);
	memcpy(z.ptr1, &v, 8);
	rte_ring_enqueue_zc_elem_finish(r, 1);
	CHECK(rte_ring_enqueue_zc_burst_elem_start(r, 8, 1, &z, NULL) == 1);
	rte_ring_enqueue_zc_elem_finish(r, 0);
	CHECK(rte_ring_dequeue_zc_burst_elem_start(r, 8, 4, &z, &a) == 1 && a == 0);
	CHECK(memcmp(z.ptr1, &v, 8) == 0);
	rte_ring_dequeue_zc_elem_finish(r, 1);
	CHECK(rte_ring_dequeue_zc_bulk_elem_start(r, 8, 1, &z, &a) == 0 && a == 0);
	CHECK(rte_ring_empty(r));
	rte_ring_free(r);
}

static void test_unsupported(unsigned int flags)
{
	struct rte_ring *r = rte_ring_create("nopeek", 16, SOCKET_ID_ANY, flags);
	struct rte_ring_zc_data z;
	void *out[4] = { NULL, NULL, NULL, NULL };
	unsigned int f = 99;

	REQUIRE(r != NULL);
	rte_errno = 0;
	CHECK(rte_ring_enqueue_bulk_start(r, 2, &f) == 0 && f == 0 && rte_errno == ENOTSUP);
	rte_ring_enqueue_finish(r, out, 2);
	CHECK(rte_ring_count(r) == 0);
	CHECK(rte_ring_enqueue(r, P(5)) == 0);
	rte_errno = 0;
	CHECK(rte_ring_dequeue_zc_burst_start(r, 1, &z, NULL) == 0 && rte_errno == ENOTSUP);
	rte_ring_dequeue_zc_finish(r, 1);
	CHECK(rte_ring_count(r) == 1);
	rte_ring_free(r);
}

int main(void)
{
	test_eal_init("ring_peek", NULL);
	test_peek(RING_F_SP_ENQ | RING_F_SC_DEQ);
	test_peek(RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ);
	test_peek(RING_F_SP_ENQ | RING_F_MC_HTS_DEQ);
	test_zc(RING_F_SP_ENQ | RING_F_SC_DEQ);
	test_zc(RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ);
	test_zc(RING_F_MP_HTS_ENQ | RING_F_SC_DEQ);
	test_unsupported(0);
	test_unsupported(RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ);
	rte_eal_cleanup();
	return test_done();
}
