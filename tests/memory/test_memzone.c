/* SPDX-License-Identifier: BSD-3-Clause
 * Memzone API: every bad input, name collisions, lookup/walk/dump, more zones
 * than DPDK's RTE_MAX_MEMZONE, free and reuse, page-size flags, callbacks
 * that try to modify the table from inside a walk, and threads racing on
 * reserve/lookup/free (more threads than cores). */
#include <pthread.h>
#include <stdint.h>
#include <rte_memzone.h>
#include <rte_memory.h>
#include <rte_errno.h>
#include "test.h"

#define NB_MANY 3000   /* > DPDK's RTE_MAX_MEMZONE (2560) */

static void count_cb(const struct rte_memzone *mz, void *arg)
{
	(void)mz;
	(*(unsigned int *)arg)++;
}

static int walk_free_rc, walk_reserve_errno;
static void modify_cb(const struct rte_memzone *mz, void *arg)
{
	(void)arg;
	walk_free_rc = rte_memzone_free(mz);
	if (rte_memzone_reserve("from_walk", 64, SOCKET_ID_ANY, 0) == NULL)
		walk_reserve_errno = rte_errno;
}

static unsigned int count_zones(void)
{
	unsigned int n = 0;
	rte_memzone_walk(count_cb, &n);
	return n;
}

static void test_bad_input(void)
{
	const struct rte_memzone *mz;
	char longname[RTE_MEMZONE_NAMESIZE + 8];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';

	rte_errno = 0;
	CHECK(rte_memzone_reserve(NULL, 64, SOCKET_ID_ANY, 0) == NULL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_reserve("", 64, SOCKET_ID_ANY, 0) == NULL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_reserve(longname, 64, SOCKET_ID_ANY, 0) == NULL && rte_errno == ENAMETOOLONG);
	longname[RTE_MEMZONE_NAMESIZE - 1] = '\0';   /* exactly 31 chars: fits */
	mz = rte_memzone_reserve(longname, 64, SOCKET_ID_ANY, 0);
	CHECK(mz != NULL && rte_memzone_lookup(longname) == mz);
	CHECK(mz != NULL && rte_memzone_free(mz) == 0);
	rte_errno = 0;
	CHECK(rte_memzone_reserve_aligned("bad_align", 64, SOCKET_ID_ANY, 0, 3) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_reserve_aligned("bad_align2", 64, SOCKET_ID_ANY, 0, 96) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_reserve_bounded("bad_bound", 64, SOCKET_ID_ANY, 0, 64, 1000) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_reserve_bounded("small_bound", 8192, SOCKET_ID_ANY, 0, 64, 4096) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_reserve("bad_socket", 64, RTE_MAX_NUMA_NODES, 0) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_reserve("bad_socket2", 64, -7, 0) == NULL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_reserve("bad_flags", 64, SOCKET_ID_ANY, 0x40000000) == NULL &&
	      rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_reserve("huge_len", SIZE_MAX - 10, SOCKET_ID_ANY, 0) == NULL &&
	      rte_errno != 0);
	CHECK(rte_memzone_free(NULL) == -EINVAL);
	struct rte_memzone fake;
	memset(&fake, 0, sizeof(fake));
	CHECK(rte_memzone_free(&fake) == -EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_lookup(NULL) == NULL && rte_errno == EINVAL);
	rte_errno = 0;
	CHECK(rte_memzone_lookup("no_such_zone") == NULL && rte_errno == ENOENT);
	rte_memzone_walk(NULL, NULL);   /* must not crash */
	rte_memzone_dump(NULL);
	CHECK(count_zones() == 0);       /* failed calls left nothing behind */
}

static void test_basic(void)
{
	const struct rte_memzone *a = rte_memzone_reserve("zone_a", 1000, SOCKET_ID_ANY, 0);
	REQUIRE(a != NULL);
	CHECK(strcmp(a->name, "zone_a") == 0);
	CHECK(a->len >= 1000);
	CHECK(((uintptr_t)a->addr & (RTE_CACHE_LINE_SIZE - 1)) == 0);
	CHECK(a->iova == rte_mem_virt2iova(a->addr));
	CHECK(a->hugepage_sz >= 4096);
	memset(a->addr, 0x5a, a->len);
	CHECK(rte_memzone_lookup("zone_a") == a);
	rte_errno = 0;
	CHECK(rte_memzone_reserve("zone_a", 64, SOCKET_ID_ANY, 0) == NULL && rte_errno == EEXIST);
	CHECK(rte_memzone_lookup("zone_a") == a);   /* the collision did not disturb it */

	const struct rte_memzone *b = rte_memzone_reserve_aligned("zone_b", 100, 0, 0, 4096);
	REQUIRE(b != NULL);
	CHECK(((uintptr_t)b->addr & 4095) == 0);
	CHECK(b->socket_id == 0);
	CHECK((char *)b->addr + b->len <= (char *)a->addr || (char *)a->addr + a->len <= (char *)b->addr);
	CHECK(count_zones() == 2);

	char buf[64 * 1024];
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	REQUIRE(f != NULL);
	rte_memzone_dump(f);
	fclose(f);
	CHECK(strstr(buf, "zone_a") != NULL && strstr(buf, "zone_b") != NULL);

	/* walking callbacks cannot change the table (DPDK would deadlock) */
	walk_free_rc = 0;
	walk_reserve_errno = 0;
	rte_memzone_walk(modify_cb, NULL);
	CHECK(walk_free_rc == -EDEADLK);
	CHECK(walk_reserve_errno == EDEADLK);
	CHECK(rte_memzone_lookup("from_walk") == NULL);

	CHECK(rte_memzone_free(a) == 0);
	CHECK(rte_memzone_free(a) == -EINVAL);   /* double free */
	rte_errno = 0;
	CHECK(rte_memzone_lookup("zone_a") == NULL && rte_errno == ENOENT);
	CHECK(rte_memzone_free(b) == 0);
	CHECK(count_zones() == 0);

	/* name can be reused after free */
	a = rte_memzone_reserve("zone_a", 64, SOCKET_ID_ANY, 0);
	CHECK(a != NULL && rte_memzone_lookup("zone_a") == a);
	CHECK(a != NULL && rte_memzone_free(a) == 0);
}

static void test_flags(void)
{
	const struct rte_memzone *mz;
	mz = rte_memzone_reserve("flag_hint", 4096, SOCKET_ID_ANY,
				 RTE_MEMZONE_1GB | RTE_MEMZONE_SIZE_HINT_ONLY);
	CHECK(mz != NULL);
	if (mz)
		rte_memzone_free(mz);
	mz = rte_memzone_reserve("flag_2m", 4096, SOCKET_ID_ANY, RTE_MEMZONE_2MB);
	if (rte_eal_has_hugepages() && rte_memzone_lookup("flag_2m") == NULL)
		CHECK_MSG(mz != NULL, "2MB zone with 2MB hugepages: %s", rte_strerror(rte_errno));
	if (mz) {
		CHECK(!rte_eal_has_hugepages() || mz->hugepage_sz == RTE_PGSIZE_2M);
		rte_memzone_free(mz);
	}
	mz = rte_memzone_reserve("flag_contig", 10000, SOCKET_ID_ANY, RTE_MEMZONE_IOVA_CONTIG);
	CHECK(mz != NULL);
	if (mz)
		rte_memzone_free(mz);
	/* len 0: the largest free block, or ENOMEM when there is none */
	rte_errno = 0;
	mz = rte_memzone_reserve("len_zero", 0, SOCKET_ID_ANY, 0);
	CHECK(mz != NULL || rte_errno == ENOMEM);
	if (mz) {
		CHECK(mz->len > 0);
		memset(mz->addr, 1, mz->len);
		rte_memzone_free(mz);
	}
}

static void test_many(void)
{
	static const struct rte_memzone *z[NB_MANY];
	char name[RTE_MEMZONE_NAMESIZE];
	unsigned int ok = 0;
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < NB_MANY; i++) {
			snprintf(name, sizeof(name), "many_%d", i);
			z[i] = rte_memzone_reserve(name, 64 + (size_t)(i % 7) * 64, SOCKET_ID_ANY, 0);
			if (z[i] == NULL) {
				CHECK_MSG(0, "zone %d: %s", i, rte_strerror(rte_errno));
				break;
			}
			*(int *)z[i]->addr = i;
			ok++;
		}
		CHECK(count_zones() == NB_MANY);
		for (int i = 0; i < NB_MANY; i++) {
			snprintf(name, sizeof(name), "many_%d", i);
			const struct rte_memzone *m = rte_memzone_lookup(name);
			CHECK(m == z[i] && m && *(int *)m->addr == i);
		}
		/* free every other one, then the rest: exercises slot reuse and the index */
		for (int i = 0; i < NB_MANY; i += 2)
			CHECK(z[i] && rte_memzone_free(z[i]) == 0);
		for (int i = 1; i < NB_MANY; i += 2) {
			snprintf(name, sizeof(name), "many_%d", i);
			CHECK(rte_memzone_lookup(name) == z[i]);
		}
		for (int i = 1; i < NB_MANY; i += 2)
			CHECK(z[i] && rte_memzone_free(z[i]) == 0);
		CHECK(count_zones() == 0);
	}
	CHECK(ok == 2 * NB_MANY);
	/* long reserve/free churn of one name keeps the index healthy */
	for (int i = 0; i < 40000; i++) {
		snprintf(name, sizeof(name), "churn_%d", i);
		const struct rte_memzone *m = rte_memzone_reserve(name, 64, SOCKET_ID_ANY, 0);
		if (m == NULL || rte_memzone_lookup(name) != m || rte_memzone_free(m) != 0) {
			CHECK_MSG(0, "churn %d failed", i);
			break;
		}
	}
	CHECK(count_zones() == 0);
}

/* ---- threads ---------------------------------------------------------------------- */
#define NB_THREADS 6
#define PER_THREAD 300
static int shared_wins;
static void *racer(void *arg)
{
	int id = (int)(intptr_t)arg;
	char name[RTE_MEMZONE_NAMESIZE];
	int errors = 0;
	for (int round = 0; round < 3; round++) {
		const struct rte_memzone *mine[PER_THREAD];
		for (int i = 0; i < PER_THREAD; i++) {
			snprintf(name, sizeof(name), "t%d_%d", id, i);
			mine[i] = rte_memzone_reserve(name, 128, SOCKET_ID_ANY, 0);
			if (mine[i] == NULL) {
				errors++;
				continue;
			}
			memset(mine[i]->addr, id, 128);
		}
		/* everybody tries the same name: exactly one wins per round */
		snprintf(name, sizeof(name), "shared_%d", round);
		const struct rte_memzone *s = rte_memzone_reserve(name, 64, SOCKET_ID_ANY, 0);
		if (s != NULL)
			__atomic_fetch_add(&shared_wins, 1, __ATOMIC_RELAXED);
		else if (rte_errno != EEXIST)
			errors++;
		for (int i = 0; i < PER_THREAD; i++) {
			snprintf(name, sizeof(name), "t%d_%d", id, i);
			if (mine[i] == NULL)
				continue;
			if (rte_memzone_lookup(name) != mine[i] || ((unsigned char *)mine[i]->addr)[127] != id)
				errors++;
			if (rte_memzone_free(mine[i]) != 0)
				errors++;
		}
	}
	return (void *)(intptr_t)errors;
}

static void test_threads(void)
{
	pthread_t th[NB_THREADS];
	for (int i = 0; i < NB_THREADS; i++)
		REQUIRE(pthread_create(&th[i], NULL, racer, (void *)(intptr_t)i) == 0);
	for (int i = 0; i < NB_THREADS; i++) {
		void *r;
		pthread_join(th[i], &r);
		CHECK_MSG(r == NULL, "thread %d: %d errors", i, (int)(intptr_t)r);
	}
	CHECK(shared_wins == 3);
	CHECK(count_zones() == 3);
	char name[RTE_MEMZONE_NAMESIZE];
	for (int r = 0; r < 3; r++) {
		snprintf(name, sizeof(name), "shared_%d", r);
		const struct rte_memzone *m = rte_memzone_lookup(name);
		CHECK(m != NULL && rte_memzone_free(m) == 0);
	}
}

int main(void)
{
	/* before init: no config */
	rte_errno = 0;
	CHECK(rte_memzone_reserve("early", 64, SOCKET_ID_ANY, 0) == NULL && rte_errno == E_RTE_NO_CONFIG);
	test_eal_init("memzone", NULL);
	test_bad_input();
	test_basic();
	test_flags();
	test_many();
	test_threads();
	rte_eal_cleanup();
	return test_done();
}
