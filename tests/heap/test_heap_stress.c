/* SPDX-License-Identifier: BSD-3-Clause
 * Multi-thread heap stress: EAL lcores, rte_thread_register'd pthreads and
 * unregistered pthreads (more threads than CPUs) allocate, free, realloc
 * and swap blocks through a shared exchange array, so most frees are
 * cross-thread. Every block carries a pattern checked before it is freed.
 * All threads stop between phases while the main lcore runs the full-heap
 * check. Usage: test_heap_stress [phases] [ops_per_phase] [pthreads] */
#include <pthread.h>
#include <stdint.h>
#include <rte_malloc.h>
#include <rte_lcore.h>
#include <rte_launch.h>
#include "heap_test.h"

#define LOCAL 256
#define SHARED 1024

static int phases = 6, ops = 20000, nthreads_extra = 4;
static int nthreads;
static pthread_barrier_t bar;
static void *shared_slot[SHARED];
static int corrupt, alloc_fail;

struct blk_hdr { uint32_t size, seed; };

static inline uint64_t xs(uint64_t *s)
{
	*s ^= *s << 13; *s ^= *s >> 7; *s ^= *s << 17;
	return *s;
}

static void *make(uint64_t *rs, size_t size, unsigned int align)
{
	void *p = (rs && (xs(rs) & 1)) ? rte_zmalloc("stress", size, align) :
					  rte_malloc("stress", size, align);
	if (p == NULL) {
		__atomic_fetch_add(&alloc_fail, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	if (align && ((uintptr_t)p & (align - 1)))
		__atomic_fetch_add(&corrupt, 1, __ATOMIC_RELAXED);
	struct blk_hdr h = { (uint32_t)size, (uint32_t)(uintptr_t)p ^ (uint32_t)size };
	memcpy(p, &h, sizeof(h));
	fill_pattern((char *)p + sizeof(h), size - sizeof(h), h.seed);
	return p;
}

static int intact(const void *p)
{
	struct blk_hdr h;
	memcpy(&h, p, sizeof(h));
	return check_pattern((const char *)p + sizeof(h), h.size - sizeof(h), h.seed);
}

static void drop(void *p)
{
	if (p == NULL)
		return;
	if (!intact(p))
		__atomic_fetch_add(&corrupt, 1, __ATOMIC_RELAXED);
	rte_free(p);
}

static size_t rand_size(uint64_t *rs)
{
	uint64_t r = xs(rs);
	switch (r % 16) {
	case 0: return 8193 + (xs(rs) % 60000);    /* large */
	case 1: return 16 + (xs(rs) % 16);
	default: return 16 + (xs(rs) % 4081);       /* 16..4096 */
	}
}

static void worker_loop(unsigned int tid)
{
	void *local[LOCAL] = { 0 };
	uint64_t rs = 0x9e3779b97f4a7c15ULL * (tid + 1);
	for (int ph = 0; ph < phases; ph++) {
		for (int i = 0; i < ops; i++) {
			unsigned int k = (unsigned int)(xs(&rs) % LOCAL);
			unsigned int op = (unsigned int)(xs(&rs) % 10);
			if (op < 4) {                      /* replace */
				drop(local[k]);
				unsigned int al = (xs(&rs) % 8 == 0) ? 1u << (6 + xs(&rs) % 7) : 0;
				local[k] = make(&rs, rand_size(&rs), al);
			} else if (op < 6 && local[k]) {   /* realloc keeps the prefix */
				struct blk_hdr h;
				memcpy(&h, local[k], sizeof(h));
				if (!intact(local[k]))
					__atomic_fetch_add(&corrupt, 1, __ATOMIC_RELAXED);
				size_t ns = rand_size(&rs);
				char *q = rte_realloc(local[k], ns, 0);
				if (q == NULL) {
					__atomic_fetch_add(&alloc_fail, 1, __ATOMIC_RELAXED);
					continue;
				}
				size_t keep = RTE_MIN((size_t)h.size, ns);
				if (!check_prefix(q + sizeof(h), keep - sizeof(h), h.seed))
					__atomic_fetch_add(&corrupt, 1, __ATOMIC_RELAXED);
				h.size = (uint32_t)ns;
				memcpy(q, &h, sizeof(h));
				fill_pattern(q + sizeof(h), ns - sizeof(h), h.seed);
				local[k] = q;
			} else {                           /* swap with the shared array */
				unsigned int s = (unsigned int)(xs(&rs) % SHARED);
				local[k] = __atomic_exchange_n(&shared_slot[s], local[k], __ATOMIC_ACQ_REL);
			}
		}
		pthread_barrier_wait(&bar);   /* main checks the heap now */
		pthread_barrier_wait(&bar);
	}
	for (unsigned int k = 0; k < LOCAL; k++)
		drop(local[k]);
}

static int lcore_fn(void *arg)
{
	(void)arg;
	worker_loop(rte_lcore_id());
	return 0;
}

struct pth_arg { unsigned int tid; int reg; };
static void *pthread_fn(void *arg)
{
	struct pth_arg *a = arg;
	if (a->reg && rte_thread_register() != 0) {
		__atomic_fetch_add(&corrupt, 1, __ATOMIC_RELAXED);
		a->reg = 0;
	}
	worker_loop(a->tid);
	if (a->reg)
		rte_thread_unregister();
	return NULL;
}

int main(int argc, char **argv)
{
	static const char *const extra[] = { "--lcores=(0-3)@(0-1)", NULL };
	if (argc > 1) phases = atoi(argv[1]);
	if (argc > 2) ops = atoi(argv[2]);
	if (argc > 3) nthreads_extra = atoi(argv[3]);
	test_eal_init("heap_stress", extra);
	unsigned int nl = rte_lcore_count();
	nthreads = (int)nl + nthreads_extra;
	pthread_barrier_init(&bar, NULL, (unsigned int)nthreads);
	printf("%u lcores + %d pthreads (half registered), %d phases x %d ops\n", nl,
	       nthreads_extra, phases, ops);

	/* launch lcores before pthreads register (the lcore walk must not
	 * race with rte_thread_register) */
	unsigned int id;
	RTE_LCORE_FOREACH_WORKER(id)
		rte_eal_remote_launch(lcore_fn, NULL, id);
	pthread_t th[64];
	struct pth_arg args[64];
	for (int i = 0; i < nthreads_extra && i < 64; i++) {
		args[i] = (struct pth_arg){ .tid = 1000u + (unsigned int)i, .reg = !(i & 1) };
		REQUIRE(pthread_create(&th[i], NULL, pthread_fn, &args[i]) == 0);
	}

	/* main lcore: work, and check the heap while everyone waits */
	void *local[LOCAL] = { 0 };
	uint64_t rs = 12345;
	for (int ph = 0; ph < phases; ph++) {
		for (int i = 0; i < ops; i++) {
			unsigned int k = (unsigned int)(xs(&rs) % LOCAL);
			if (xs(&rs) & 1) {
				drop(local[k]);
				local[k] = make(&rs, rand_size(&rs), 0);
			} else {
				unsigned int s = (unsigned int)(xs(&rs) % SHARED);
				local[k] = __atomic_exchange_n(&shared_slot[s], local[k], __ATOMIC_ACQ_REL);
			}
		}
		pthread_barrier_wait(&bar);
		char msg[32];
		snprintf(msg, sizeof(msg), "phase %d", ph);
		HEAP_VERIFY(msg);
		pthread_barrier_wait(&bar);
	}
	for (unsigned int k = 0; k < LOCAL; k++)
		drop(local[k]);
	for (int i = 0; i < nthreads_extra && i < 64; i++)
		pthread_join(th[i], NULL);
	rte_eal_mp_wait_lcore();
	for (unsigned int s = 0; s < SHARED; s++)
		drop(shared_slot[s]);
	HEAP_VERIFY("final");
	CHECK_MSG(corrupt == 0, "%d corrupted/misaligned blocks", corrupt);
	CHECK_MSG(alloc_fail == 0, "%d allocations failed", alloc_fail);
	/* every byte of type "stress" came back */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rte_malloc_dump_stats(f, "stress");
	fclose(f);
	CHECK_MSG(strstr(buf, "Type:stress live_bytes:0 live_count:0") != NULL, "%s", buf);
	free(buf);
	rte_eal_cleanup();
	return test_done();
}
