/* rte_bitops, rte_bitmap (set/clear/get, scan order and wrap-around, bad
 * init), rte_reciprocal (against plain division), rte_uuid (parse, unparse,
 * compare, bad text), rte_eal_paging (map/unmap/lock, bad fd/address) and
 * rte_test.h's asserts. No EAL needed. */
#include <stdlib.h>
#include <rte_bitops.h>
#include <rte_bitmap.h>
#include <rte_reciprocal.h>
#include <rte_uuid.h>
#include <rte_eal_paging.h>
#include <rte_test.h>
#include "test.h"

static void bitops(void)
{
	uint32_t w = 0;
	uint64_t q = 0;
	rte_bit_relaxed_set32(5, &w);
	CHECK(w == 32 && rte_bit_relaxed_get32(5, &w));
	CHECK(rte_bit_relaxed_test_and_clear32(5, &w) && w == 0);
	CHECK(!rte_bit_relaxed_test_and_set32(31, &w) && w == RTE_BIT32(31));
	rte_bit_relaxed_set64(63, &q);
	CHECK(q == RTE_BIT64(63) && rte_bit_relaxed_get64(63, &q));
	rte_bit_relaxed_clear64(63, &q);
	CHECK(q == 0);
	CHECK(!rte_bit_relaxed_test_and_clear64(1, &q));
}

static void bitmap(void)
{
	const uint32_t n = 5000;
	uint32_t sz = rte_bitmap_get_memory_footprint(n);
	CHECK(sz > n / 8);
	CHECK(rte_bitmap_get_memory_footprint(0) == 0);
	uint8_t *mem = aligned_alloc(RTE_CACHE_LINE_SIZE, sz);
	REQUIRE(mem != NULL);
	CHECK(rte_bitmap_init(n, mem, sz - 1) == NULL);          /* too small */
	CHECK(rte_bitmap_init(n, mem + 1, sz) == NULL);          /* misaligned */
	CHECK(rte_bitmap_init(0, mem, sz) == NULL);
	struct rte_bitmap *bmp = rte_bitmap_init(n, mem, sz);
	REQUIRE(bmp != NULL);
	uint32_t pos;
	uint64_t slab;
	CHECK(rte_bitmap_scan(bmp, &pos, &slab) == 0);
	rte_bitmap_set(bmp, 3);
	rte_bitmap_set(bmp, 4000);
	rte_bitmap_set(bmp, 4001);
	CHECK(rte_bitmap_get(bmp, 3) && rte_bitmap_get(bmp, 4000) && !rte_bitmap_get(bmp, 5));
	CHECK(rte_bitmap_scan(bmp, &pos, &slab) == 1 && pos == 0 && slab == RTE_BIT64(3));
	CHECK(rte_bitmap_scan(bmp, &pos, &slab) == 1 && pos == 3968 && slab == (RTE_BIT64(32) | RTE_BIT64(33)));
	CHECK(rte_bitmap_scan(bmp, &pos, &slab) == 1 && pos == 0);   /* wrapped */
	rte_bitmap_clear(bmp, 3);
	CHECK(!rte_bitmap_get(bmp, 3));
	CHECK(rte_bitmap_scan(bmp, &pos, &slab) == 1 && pos == 3968);
	CHECK(rte_bitmap_scan(bmp, &pos, &slab) == 1 && pos == 3968);
	rte_bitmap_set_slab(bmp, 64, 0xf0);
	CHECK(rte_bitmap_get(bmp, 68) && rte_bitmap_get(bmp, 71) && !rte_bitmap_get(bmp, 72));
	rte_bitmap_reset(bmp);
	CHECK(rte_bitmap_scan(bmp, &pos, &slab) == 0);
	bmp = rte_bitmap_init_with_all_set(n, mem, sz);
	REQUIRE(bmp != NULL);
	uint32_t count = 0;
	uint32_t first = UINT32_MAX;
	for (int i = 0; i < 1000; i++) {
		REQUIRE(rte_bitmap_scan(bmp, &pos, &slab) == 1);
		if (pos == first)
			break;
		if (first == UINT32_MAX)
			first = pos;
		count += (uint32_t)__builtin_popcountll(slab);
	}
	CHECK_MSG(count == n, "all-set bitmap holds %u bits", count);
	CHECK(rte_bitmap_free(bmp) == 0);
	free(mem);
}

static void reciprocal(void)
{
	static const uint32_t d32[] = { 1, 2, 3, 7, 10, 255, 1000, 65537, 0x7fffffff, 0x80000000u, 0xffffffffu };
	static const uint32_t a32[] = { 0, 1, 2, 9, 1000, 123456789, 0x7fffffff, 0x80000000u, 0xfffffffeu, 0xffffffffu };
	for (unsigned i = 0; i < RTE_DIM(d32); i++) {
		struct rte_reciprocal r = rte_reciprocal_value(d32[i]);
		for (unsigned j = 0; j < RTE_DIM(a32); j++)
			CHECK_MSG(rte_reciprocal_divide(a32[j], r) == a32[j] / d32[i], "%u / %u", a32[j], d32[i]);
	}
	uint64_t s = 88172645463325252ULL;
	for (int i = 0; i < 20000; i++) {
		s ^= s << 13; s ^= s >> 7; s ^= s << 17;
		uint64_t d = (s >> (s & 63)) | 1, a = s * 2654435761u;
		if (i & 1)
			d = s;
		if (d == 0)
			d = 1;
		struct rte_reciprocal_u64 r = rte_reciprocal_value_u64(d);
		CHECK_MSG(rte_reciprocal_divide_u64(a, &r) == a / d, "%llu / %llu",
			  (unsigned long long)a, (unsigned long long)d);
		uint32_t d2 = (uint32_t)s ? (uint32_t)s : 1, a2 = (uint32_t)(s >> 32);
		CHECK(rte_reciprocal_divide(a2, rte_reciprocal_value(d2)) == a2 / d2);
	}
}

static void uuid(void)
{
	rte_uuid_t u, v;
	const rte_uuid_t k = RTE_UUID_INIT(0x12345678, 0x9abc, 0xdef0, 0x1234, 0x56789abcdef0ULL);
	char s[RTE_UUID_STRLEN];
	CHECK(rte_uuid_parse("12345678-9ABC-def0-1234-56789abcdef0", u) == 0);
	CHECK(rte_uuid_compare(u, k) == 0);
	rte_uuid_unparse(u, s, sizeof(s));
	CHECK(strcmp(s, "12345678-9abc-def0-1234-56789abcdef0") == 0);
	CHECK(rte_uuid_parse("12345678-9abc-def0-1234-56789abcdef", u) == -1);
	CHECK(rte_uuid_parse("12345678x9abc-def0-1234-56789abcdef0", u) == -1);
	CHECK(rte_uuid_parse("g2345678-9abc-def0-1234-56789abcdef0", u) == -1);
	memset(v, 0, sizeof(v));
	CHECK(rte_uuid_is_null(v) && !rte_uuid_is_null(k));
	CHECK(rte_uuid_compare(v, k) < 0 && rte_uuid_compare(k, v) > 0);
	rte_uuid_copy(v, k);
	CHECK(rte_uuid_compare(v, k) == 0);
}

static int failing_check(int v)
{
	RTE_TEST_ASSERT_EQUAL(v, 1, "v is %d", v);
	RTE_TEST_ASSERT_NOT_NULL(&v, "never");
	return 0;
}

static void paging(void)
{
	size_t pg = rte_mem_page_size();
	CHECK(pg >= 4096 && (pg & (pg - 1)) == 0);
	char *p = rte_mem_map(NULL, pg * 2, RTE_PROT_READ | RTE_PROT_WRITE, RTE_MAP_PRIVATE | RTE_MAP_ANONYMOUS, -1, 0);
	REQUIRE(p != NULL);
	p[pg] = 7;
	CHECK(rte_mem_lock(p, pg) == 0 || rte_errno == EPERM || rte_errno == ENOMEM);
	CHECK(rte_mem_unmap(p, pg * 2) == 0);
	CHECK(rte_mem_map(NULL, pg, RTE_PROT_READ, RTE_MAP_SHARED, -1, 0) == NULL && rte_errno == EBADF);
	CHECK(rte_mem_unmap((void *)1, pg) == -1 && rte_errno == EINVAL);
	CHECK(failing_check(1) == 0 && failing_check(2) == -1);   /* RTE_TEST_ASSERT returns -1 */
}

int main(void)
{
	paging();
	bitops();
	bitmap();
	reciprocal();
	uuid();
	return test_done();
}
