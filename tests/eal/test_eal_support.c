/* Support headers: rte_common helpers, byte order, strings, random numbers,
 * spinlock/rwlock/atomics under contention (more threads than cores),
 * cycles, errno strings, hexdump and version. */
#include <pthread.h>
#include <rte_common.h>
#include <rte_byteorder.h>
#include <rte_string_fns.h>
#include <rte_random.h>
#include <rte_spinlock.h>
#include <rte_rwlock.h>
#include <rte_atomic.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_hexdump.h>
#include <rte_version.h>
#include <rte_memcpy.h>
#include <rte_prefetch.h>
#include <rte_branch_prediction.h>
#include "test.h"

#define NT 8
#define ITERS 200000
static rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;
static rte_rwlock_t rw = RTE_RWLOCK_INITIALIZER;
static rte_atomic64_t a64 = RTE_ATOMIC64_INIT(0);
static uint64_t plain_counter, rw_a, rw_b;
static rte_spinlock_recursive_t rsl = RTE_SPINLOCK_RECURSIVE_INITIALIZER;
static int rw_torn;

static void *worker(void *arg)
{
	int idx = (int)(intptr_t)arg;
	for (int i = 0; i < ITERS; i++) {
		rte_spinlock_lock(&sl);
		plain_counter++;
		rte_spinlock_unlock(&sl);
		rte_atomic64_inc(&a64);
		if ((i & 15) == 0) {
			if (idx & 1) {
				rte_rwlock_write_lock(&rw);
				rw_a++;
				rw_b++;
				rte_rwlock_write_unlock(&rw);
			} else {
				rte_rwlock_read_lock(&rw);
				if (rw_a != rw_b)
					__atomic_fetch_add(&rw_torn, 1, __ATOMIC_RELAXED);
				rte_rwlock_read_unlock(&rw);
			}
		}
		if ((i & 255) == 0) {
			rte_spinlock_recursive_lock(&rsl);
			rte_spinlock_recursive_lock(&rsl);
			plain_counter += 0;
			rte_spinlock_recursive_unlock(&rsl);
			rte_spinlock_recursive_unlock(&rsl);
		}
	}
	return NULL;
}

int main(void)
{
	/* rte_common.h */
	CHECK(RTE_ALIGN_CEIL(13u, 8u) == 16 && RTE_ALIGN_FLOOR(13u, 8u) == 8);
	CHECK(RTE_ALIGN_MUL_CEIL(10, 3) == 12 && RTE_ALIGN_MUL_FLOOR(10, 3) == 9);
	CHECK(rte_is_power_of_2(64) && !rte_is_power_of_2(0) && !rte_is_power_of_2(96));
	CHECK(rte_align32pow2(33) == 64 && rte_align32pow2(64) == 64);
	CHECK(rte_align64pow2((1ull << 40) + 1) == 1ull << 41);
	CHECK(rte_align32prevpow2(100) == 64);
	CHECK(rte_bsf32(0x80) == 7 && rte_fls_u32(0x80) == 8 && rte_fls_u32(0) == 0);
	CHECK(rte_log2_u32(1000) == 10 && rte_log2_u64(1ull << 50) == 50);
	CHECK(RTE_MIN(3, 9) == 3 && RTE_MAX(3, 9) == 9);
	int arr[7];
	CHECK(RTE_DIM(arr) == 7);
	CHECK(RTE_PTR_DIFF(RTE_PTR_ADD(arr, 8), arr) == 8);
	CHECK(rte_is_aligned(RTE_PTR_ALIGN_CEIL((void *)(uintptr_t)65, 64), 64));
	CHECK(RTE_CACHE_LINE_ROUNDUP(65) == 128);
	CHECK(rte_str_to_size("2M") == 2u << 20 && rte_str_to_size("3k") == 3072);
	CHECK(RTE_BIT64(40) == 1ull << 40 && RTE_GENMASK32(7, 4) == 0xf0);
	struct s { int a; double b; } sv;
	CHECK(container_of(&sv.b, struct s, b) == &sv);
	CHECK(strcmp(RTE_STR(RTE_MAX_LCORE), "128") == 0);

	/* byte order */
	CHECK(rte_cpu_to_be_16(0x1234) == 0x3412 && rte_be_to_cpu_32(0x78563412u) == 0x12345678u);
	CHECK(RTE_BE16(0x0800) == 0x0008 && rte_bswap64(0x0102030405060708ull) == 0x0807060504030201ull);
	static const rte_be32_t c = RTE_BE32(0xc0a80001);   /* usable as a constant */
	CHECK(rte_be_to_cpu_32(c) == 0xc0a80001);

	/* strings */
	char str[] = "a,b,,c", *tok[8];
	CHECK(rte_strsplit(str, (int)sizeof(str), tok, 8, ',') == 4);
	CHECK(strcmp(tok[0], "a") == 0 && strcmp(tok[2], "") == 0 && strcmp(tok[3], "c") == 0);
	CHECK(rte_strsplit(NULL, 4, tok, 8, ',') == -1);
	char small[4];
	CHECK(rte_strscpy(small, "hello", sizeof(small)) == -E2BIG && strcmp(small, "hel") == 0);
	CHECK(rte_strscpy(small, "hi", sizeof(small)) == 2);
	CHECK(strlcpy(small, "world", sizeof(small)) == 5 && strcmp(small, "wor") == 0);

	/* random: bounded, not constant, reproducible after srand */
	uint64_t r1 = rte_rand(), r2 = rte_rand();
	CHECK(r1 != r2);
	for (int i = 0; i < 10000; i++)
		CHECK(rte_rand_max(37) < 37);
	CHECK(rte_rand_max(0) == 0 && rte_rand_max(1) == 0);
	rte_srand(1234);
	uint64_t s1 = rte_rand();
	rte_srand(1234);
	CHECK(rte_rand() == s1);
	double d = rte_drand();
	CHECK(d >= 0.0 && d < 1.0);

	/* locks and atomics: 8 threads on 2 cores */
	pthread_t th[NT];
	for (int i = 0; i < NT; i++)
		pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
	for (int i = 0; i < NT; i++)
		pthread_join(th[i], NULL);
	CHECK(plain_counter == (uint64_t)NT * ITERS);
	CHECK(rte_atomic64_read(&a64) == (int64_t)NT * ITERS);
	CHECK(rw_torn == 0 && rw_a == rw_b && rw_a == (uint64_t)(NT / 2) * (ITERS / 16));
	CHECK(!rte_spinlock_is_locked(&sl) && rte_spinlock_trylock(&sl) == 1 && rte_spinlock_trylock(&sl) == 0);
	rte_spinlock_unlock(&sl);
	CHECK(rte_rwlock_write_trylock(&rw) == 0 && rte_rwlock_read_trylock(&rw) == -EBUSY);
	rte_rwlock_write_unlock(&rw);
	rte_atomic32_t a32 = RTE_ATOMIC32_INIT(1);
	CHECK(rte_atomic32_dec_and_test(&a32) && rte_atomic32_test_and_set(&a32) && !rte_atomic32_test_and_set(&a32));
	uint32_t word = 5;
	CHECK(rte_atomic32_cmpset(&word, 5, 6) && word == 6 && !rte_atomic32_cmpset(&word, 5, 7));

	/* cycles: monotonic and a plausible frequency (no timing assertions) */
	uint64_t t0 = rte_rdtsc();
	rte_delay_us_block(100);
	rte_delay_ms(1);
	CHECK(rte_rdtsc() > t0);
	CHECK(rte_get_tsc_hz() > 1000000ull);
	CHECK(rte_get_timer_hz() == rte_get_tsc_hz());

	/* errno strings */
	CHECK(strstr(rte_strerror(E_RTE_SECONDARY), "secondary") != NULL);
	CHECK(strcmp(rte_strerror(ENOMEM), strerror(ENOMEM)) == 0);
	rte_errno = 0;

	/* hexdump */
	char out[1024];
	FILE *f = fmemopen(out, sizeof(out), "w");
	rte_hexdump(f, "T", "ABC\x01", 4);
	fclose(f);
	CHECK(strstr(out, "41 42 43 01") != NULL && strstr(out, "ABC.") != NULL);

	/* version and misc */
	CHECK(strstr(rte_version(), "dplite") != NULL);
	CHECK(RTE_VERSION >= RTE_VERSION_NUM(22, 11, 0, 0));
	char dst[64], src[64] = "copy me";
	rte_prefetch0(src);
	CHECK(strcmp(rte_memcpy(dst, src, sizeof(src)), "copy me") == 0);
	CHECK(likely(1) && !unlikely(0));
	return test_done();
}
