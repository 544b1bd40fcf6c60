/* Debug builds (-DDPLITE_DEBUG=ON => RTE_LIBRTE_MEMPOOL_DEBUG): header and
 * trailer cookies catch a double put, a put into the wrong pool and a buffer
 * overrun, each with a log line naming the pool and the object; the bad put
 * is dropped so the pool never hands the object out twice. Skips otherwise. */
#include <rte_mempool.h>
#include <rte_mbuf.h>
#include <rte_log.h>
#include "test.h"

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
static char logbuf[16384];

static int log_has(const char *needle)
{
	fflush(rte_log_get_stream());
	return strstr(logbuf, needle) != NULL;
}

int main(void)
{
	test_eal_init("mempool_debug", NULL);
	FILE *f = fmemopen(logbuf, sizeof(logbuf), "w");
	REQUIRE(f != NULL);
	setvbuf(f, NULL, _IONBF, 0);
	rte_openlog_stream(f);

	struct rte_mempool *a = rte_mempool_create("dbg_a", 64, 32, 8, 0, NULL, NULL, NULL, NULL,
						   SOCKET_ID_ANY, 0);
	struct rte_mempool *b = rte_mempool_create("dbg_b", 64, 32, 0, 0, NULL, NULL, NULL, NULL,
						   SOCKET_ID_ANY, 0);
	REQUIRE(a && b);
	CHECK(a->trailer_size >= sizeof(struct rte_mempool_objtlr));
	void *o, *p;
	char objname[64];

	/* double put */
	REQUIRE(rte_mempool_get(a, &o) == 0);
	CHECK(rte_mempool_get_header(o)->cookie == RTE_MEMPOOL_HEADER_COOKIE2);
	rte_mempool_put(a, o);
	CHECK(rte_mempool_get_header(o)->cookie == RTE_MEMPOOL_HEADER_COOKIE1);
	rte_mempool_put(a, o);
	snprintf(objname, sizeof(objname), "%p", o);
	CHECK(log_has("dbg_a") && log_has("put twice") && log_has(objname));
	CHECK(rte_mempool_avail_count(a) == 64);   /* dropped, not counted twice */

	/* wrong pool */
	logbuf[0] = 0;
	rewind(f);
	REQUIRE(rte_mempool_get(b, &p) == 0);
	rte_mempool_put(a, p);
	snprintf(objname, sizeof(objname), "%p", p);
	CHECK(log_has("dbg_a") && log_has("dbg_b") && log_has(objname));
	CHECK(rte_mempool_avail_count(a) == 64);
	CHECK(rte_mempool_avail_count(b) == 63);
	rte_mempool_put(b, p);
	CHECK(rte_mempool_avail_count(b) == 64);

	/* overrun */
	logbuf[0] = 0;
	rewind(f);
	REQUIRE(rte_mempool_get(a, &o) == 0);
	memset(o, 0xee, a->elt_size + 4);   /* four bytes too many */
	rte_mempool_put(a, o);
	snprintf(objname, sizeof(objname), "%p", o);
	CHECK(log_has("overrun") && log_has(objname) && log_has("dbg_a"));
	CHECK(rte_mempool_avail_count(a) == 64);

	/* double rte_pktmbuf_free: the second free is a second put, caught and
	 * dropped the same way (through the lcore cache) */
	logbuf[0] = 0;
	rewind(f);
	struct rte_mempool *mb = rte_pktmbuf_pool_create("dbg_mbufs", 63, 16, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	REQUIRE(mb != NULL);
	struct rte_mbuf *m = rte_pktmbuf_alloc(mb);
	REQUIRE(m != NULL);
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(m);
	snprintf(objname, sizeof(objname), "%p", (void *)m);
	CHECK(log_has("dbg_mbufs") && log_has("put twice") && log_has(objname));
	CHECK(rte_mempool_avail_count(mb) == 63);
	struct rte_mbuf *ms[63];
	CHECK(rte_pktmbuf_alloc_bulk(mb, ms, 63) == 0);
	for (int i = 0; i < 63; i++)
		for (int j = i + 1; j < 63; j++)
			CHECK(ms[i] != ms[j]);
	rte_pktmbuf_free_bulk(ms, 63);
	rte_mempool_free(mb);

	/* Every object still handed out exactly once. */
	void *all[64];
	CHECK(rte_mempool_get_bulk(a, all, 64) == 0);
	for (int i = 0; i < 64; i++)
		for (int j = i + 1; j < 64; j++)
			CHECK(all[i] != all[j]);
	rte_mempool_put_bulk(a, all, 64);
	rte_mempool_audit(a);
	rte_openlog_stream(NULL);
	fclose(f);
	rte_mempool_free(a);
	rte_mempool_free(b);
	rte_eal_cleanup();
	return test_done();
}
#else
int main(void)
{
	TEST_SKIP("not a debug build (configure with -DDPLITE_DEBUG=ON)");
}
#endif
