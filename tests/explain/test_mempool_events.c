/* SPDX-License-Identifier: BSD-3-Clause
 * "How does a pool tell me something happened?": rte_mempool_event_callback_*
 * as DPDK 22.11 declares them. READY fires once, when the last populate
 * call completes the pool (not for a partial one), DESTROY at
 * rte_mempool_free before the pool goes; both with the pool and user data;
 * unregistering stops them; a callback may register another (which is not
 * called for the same event); bad arguments give -EINVAL/-EEXIST/-ENOENT
 * with rte_errno. The /mempool/events telemetry counters follow. */
#include <rte_malloc.h>
#include <rte_mempool.h>
#include <rte_errno.h>
#include "tel_test.h"

#define MAXEV 64
static struct ev { enum rte_mempool_event ev; struct rte_mempool *mp; void *arg; int populated; } evs[MAXEV];
static int nev, nlate;

static void on_event(enum rte_mempool_event ev, struct rte_mempool *mp, void *arg)
{
	if (nev < MAXEV)
		evs[nev++] = (struct ev){ ev, mp, arg, (int)mp->populated_size };
}
static void late(enum rte_mempool_event ev, struct rte_mempool *mp, void *arg)
{
	(void)ev; (void)mp; (void)arg;
	nlate++;
}
/* registers `late` from inside a callback */
static void registrar(enum rte_mempool_event ev, struct rte_mempool *mp, void *arg)
{
	(void)mp; (void)arg;
	if (ev == RTE_MEMPOOL_EVENT_READY)
		CHECK(rte_mempool_event_callback_register(late, NULL) == 0);
}

static uint64_t counter(int fd, const char *key)
{
	const struct jv *d;
	struct jv *v = tt_query(fd, "/mempool/events", "/mempool/events", &d);
	uint64_t x = v && d && jv_get(d, key) ? jv_u64(jv_get(d, key)) : UINT64_MAX;
	jv_free(v);
	return x;
}

int main(void)
{
	int tag = 7;
	test_eal_init("mp_events", NULL);
	int fd = tt_connect();
	uint64_t ready0 = counter(fd, "ready"), destroyed0 = counter(fd, "destroyed");
	uint64_t created0 = counter(fd, "created"), failed0 = counter(fd, "create_failed");
	REQUIRE(ready0 != UINT64_MAX);

	/* bad arguments */
	CHECK(rte_mempool_event_callback_register(NULL, NULL) == -EINVAL && rte_errno == EINVAL);
	CHECK(rte_mempool_event_callback_unregister(on_event, &tag) == -ENOENT && rte_errno == ENOENT);
	CHECK(rte_mempool_event_callback_register(on_event, &tag) == 0);
	CHECK(rte_mempool_event_callback_register(on_event, &tag) == -EEXIST && rte_errno == EEXIST);
	CHECK(counter(fd, "callbacks") == 1);

	/* READY after the last populate only; one event per pool */
	struct rte_mempool *mp = rte_mempool_create_empty("ev_pool", 100, 64, 0, 0, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	size_t half = 50 * (mp->header_size + mp->elt_size + mp->trailer_size) + RTE_CACHE_LINE_SIZE;
	void *mem = rte_malloc("ev_mem", 2 * half, RTE_CACHE_LINE_SIZE);
	REQUIRE(mem != NULL);
	CHECK(rte_mempool_populate_virt(mp, mem, half, 4096, NULL, NULL) > 0);
	CHECK(nev == 0);                              /* partial: not ready */
	CHECK(rte_mempool_populate_virt(mp, (char *)mem + half, half, 4096, NULL, NULL) > 0);
	CHECK(mp->populated_size == mp->size);
	CHECK(nev == 1 && evs[0].ev == RTE_MEMPOOL_EVENT_READY && evs[0].mp == mp &&
	      evs[0].arg == &tag && evs[0].populated == (int)mp->size);
	/* DESTROY before the pool goes: it is still whole in the callback */
	rte_mempool_free(mp);
	rte_free(mem);
	CHECK(nev == 2 && evs[1].ev == RTE_MEMPOOL_EVENT_DESTROY && evs[1].mp == mp &&
	      evs[1].populated == 100);

	/* rte_mempool_create: READY inside it */
	mp = rte_mempool_create("ev_pool2", 63, 32, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	REQUIRE(mp != NULL);
	CHECK(nev == 3 && evs[2].ev == RTE_MEMPOOL_EVENT_READY && evs[2].mp == mp);

	/* registered from a callback: not called for that event, called later */
	CHECK(rte_mempool_event_callback_register(registrar, NULL) == 0);
	struct rte_mempool *mp3 = rte_mempool_create("ev_pool3", 63, 32, 0, 0, NULL, NULL, NULL,
						     NULL, SOCKET_ID_ANY, 0);
	REQUIRE(mp3 != NULL);
	CHECK(nlate == 0 && nev == 4);
	rte_mempool_free(mp3);
	CHECK(nlate == 1 && nev == 5 && evs[4].ev == RTE_MEMPOOL_EVENT_DESTROY);
	CHECK(counter(fd, "callbacks") == 3);

	/* unregistered: silent */
	CHECK(rte_mempool_event_callback_unregister(on_event, &tag) == 0);
	CHECK(rte_mempool_event_callback_unregister(on_event, &tag) == -ENOENT);
	CHECK(rte_mempool_event_callback_unregister(on_event, NULL) == -ENOENT);   /* data must match */
	CHECK(rte_mempool_event_callback_unregister(registrar, NULL) == 0);
	CHECK(rte_mempool_event_callback_unregister(late, NULL) == 0);
	rte_mempool_free(mp);
	CHECK(nev == 5 && nlate == 1);

	/* a failed create is counted, no event */
	CHECK(rte_mempool_create("ev_bad", 0, 32, 0, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0) == NULL);

	CHECK(counter(fd, "ready") == ready0 + 3);
	CHECK(counter(fd, "destroyed") == destroyed0 + 3);
	CHECK(counter(fd, "created") == created0 + 3);
	CHECK(counter(fd, "create_failed") == failed0 + 1);
	CHECK(counter(fd, "callbacks") == 0);
	close(fd);
	rte_eal_cleanup();
	return test_done();
}
