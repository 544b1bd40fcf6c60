/* Every object's IO address is the address a device would use for it.
 *
 * For large pools (8191 mbufs of 2 KiB, 32 MiB of 64 KiB objects, a pool
 * of odd-sized objects) this walks every object and every chunk and checks,
 * at the first byte, the last byte and each page boundary in between:
 *   - the mempool header's iova == rte_mempool_virt2iova(obj)
 *     == rte_mem_virt2iova(obj) (+ offset for the later bytes);
 *   - for mbufs, buf_iova == rte_mem_virt2iova(buf_addr) over the buffer;
 *   - as root in PA mode, the same addresses against /proc/self/pagemap,
 *     read here without the library.
 * A pool asked for with RTE_MEMPOOL_F_NO_IOVA_CONTIG has no IO addresses
 * (RTE_BAD_IOVA) and keeps RTE_MEMPOOL_F_NON_IO; the others clear it.
 *
 * argv[1]: "default" (EAL's choice), "va" or "pa" (--iova-mode=...).
 * The suite runs each with and without --no-huge. */
#include <fcntl.h>
#include <inttypes.h>
#include <rte_mempool.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include "test.h"

static int pagemap_fd = -1;
static size_t sys_pg;
static unsigned long checked_bytes, mismatches;

/* Physical address of va from pagemap, or RTE_BAD_IOVA. */
static rte_iova_t pagemap_pa(const void *va)
{
	uint64_t ent;
	uintptr_t a = (uintptr_t)va;

	if (pagemap_fd < 0)
		return RTE_BAD_IOVA;
	if (pread(pagemap_fd, &ent, sizeof(ent), (off_t)(a / sys_pg * sizeof(ent))) != sizeof(ent))
		return RTE_BAD_IOVA;
	if (!(ent & (1ULL << 63)) || (ent & ((1ULL << 55) - 1)) == 0)
		return RTE_BAD_IOVA;
	return (ent & ((1ULL << 55) - 1)) * sys_pg + (a % sys_pg);
}

/* Check that [va, va+len) has IO addresses iova .. iova+len-1. */
static void check_range(const char *what, const void *va, rte_iova_t iova, size_t len)
{
	const char *p = va;
	size_t off = 0;

	while (off < len) {
		rte_iova_t want = iova + off;
		rte_iova_t got = rte_mem_virt2iova(p + off);
		if (got != want) {
			if (mismatches++ < 5)
				fprintf(stderr, "%s %p+%zu: iova 0x%" PRIx64 ", rte_mem_virt2iova 0x%" PRIx64 "\n",
					what, va, off, want, got);
		}
		if (rte_eal_iova_mode() == RTE_IOVA_PA && pagemap_fd >= 0) {
			rte_iova_t pa = pagemap_pa(p + off);
			if (pa != want && mismatches++ < 5)
				fprintf(stderr, "%s %p+%zu: iova 0x%" PRIx64 ", pagemap 0x%" PRIx64 "\n",
					what, va, off, want, pa);
		}
		checked_bytes++;
		if (off == len - 1)
			break;
		/* next: the next page start inside the range, else the last byte */
		size_t next = (size_t)(RTE_PTR_ALIGN_CEIL(p + off + 1, sys_pg) - p);
		off = next < len ? next : len - 1;
	}
}

struct walk { unsigned int n, bad; int is_mbuf; };

static void obj_cb(struct rte_mempool *mp, void *arg, void *obj, unsigned idx)
{
	struct walk *w = arg;
	struct rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);

	(void)idx;
	w->n++;
	CHECK(hdr->mp == mp);
	CHECK(rte_mempool_virt2iova(obj) == hdr->iova);
	if (hdr->iova == RTE_BAD_IOVA) {
		w->bad++;
		return;
	}
	check_range("object", obj, hdr->iova, mp->elt_size);
	if (w->is_mbuf) {
		struct rte_mbuf *m = obj;
		CHECK(m->buf_iova == hdr->iova + RTE_PTR_DIFF(m->buf_addr, obj));
		check_range("mbuf buffer", m->buf_addr, m->buf_iova, m->buf_len);
	}
}

static void chunk_cb(struct rte_mempool *mp, void *arg, struct rte_mempool_memhdr *mh, unsigned idx)
{
	(void)mp; (void)idx;
	(*(unsigned *)arg)++;
	if (mh->iova != RTE_BAD_IOVA)
		check_range("chunk", mh->addr, mh->iova, mh->len);
}

static void check_pool(struct rte_mempool *mp, int is_mbuf, int expect_io)
{
	struct walk w = { 0, 0, is_mbuf };
	unsigned int chunks = 0;
	unsigned long before = mismatches;

	REQUIRE(mp != NULL);
	CHECK(rte_mempool_obj_iter(mp, obj_cb, &w) == mp->size);
	CHECK(w.n == mp->size);
	rte_mempool_mem_iter(mp, chunk_cb, &chunks);
	CHECK(chunks == mp->nb_mem_chunks);
	if (expect_io) {
		CHECK_MSG(w.bad == 0, "%s: %u objects without an IO address", mp->name, w.bad);
		CHECK(!(mp->flags & RTE_MEMPOOL_F_NON_IO));
	} else {
		CHECK_MSG(w.bad == w.n, "%s: %u of %u objects have an IO address", mp->name,
			  w.n - w.bad, w.n);
		CHECK(mp->flags & RTE_MEMPOOL_F_NON_IO);
	}
	CHECK_MSG(mismatches == before, "%s: %lu wrong IO addresses", mp->name, mismatches - before);
	printf("%s: %u objects in %u chunks, %s\n", mp->name, w.n, chunks,
	       mismatches == before ? "all IO addresses right" : "WRONG IO addresses");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "default";
	const char *pa[] = { "--iova-mode=pa", NULL }, *va[] = { "--iova-mode=va", NULL };

	sys_pg = (size_t)getpagesize();
	if (strcmp(mode, "pa") == 0) {
		pagemap_fd = open("/proc/self/pagemap", O_RDONLY);
		if (geteuid() != 0 || pagemap_fd < 0 || pagemap_pa(&mode) == RTE_BAD_IOVA)
			TEST_SKIP("PA mode needs root and /proc/self/pagemap");
		test_eal_init("mp_iova_pa", pa);
	} else if (strcmp(mode, "va") == 0) {
		test_eal_init("mp_iova_va", va);
	} else {
		pagemap_fd = open("/proc/self/pagemap", O_RDONLY);
		test_eal_init("mp_iova", NULL);
	}
	printf("IOVA mode %s, hugepages %s\n", rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA",
	       rte_eal_has_hugepages() ? "yes" : "no");

	struct rte_mempool *mb = rte_pktmbuf_pool_create("iova_mbufs", 8191, 256, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	check_pool(mb, 1, 1);
	/* mbufs as a driver sees them: allocated, with rte_pktmbuf_iova */
	struct rte_mbuf *m = rte_pktmbuf_alloc(mb);
	REQUIRE(m != NULL);
	CHECK(rte_pktmbuf_iova(m) == rte_mem_virt2iova(rte_pktmbuf_mtod(m, char *)));
	rte_pktmbuf_free(m);

	/* 32 MiB of 64 KiB objects: objects span many 4 KiB pages. Not in PA
	 * mode on 4 KiB pages: an object larger than a page needs IO-contiguous
	 * pages there, which the kernel seldom gives (DPDK: the same). */
	struct rte_mempool *big = NULL;
	if (rte_eal_has_hugepages() || rte_eal_iova_mode() == RTE_IOVA_VA) {
		big = rte_mempool_create("iova_big", 512, 65536, 0, 0, NULL, NULL, NULL, NULL,
					 SOCKET_ID_ANY, 0);
		check_pool(big, 0, 1);
	}
	/* odd-sized objects that never line up with a page */
	struct rte_mempool *odd = rte_mempool_create("iova_odd", 20000, 1000, 32, 0, NULL, NULL,
						     NULL, NULL, SOCKET_ID_ANY, 0);
	check_pool(odd, 0, 1);
	/* no IO addresses asked for: none given, NON_IO stays */
	struct rte_mempool *nio = rte_mempool_create("iova_none", 4000, 3000, 0, 0, NULL, NULL,
						     NULL, NULL, SOCKET_ID_ANY,
						     RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	check_pool(nio, 0, 0);

	rte_mempool_free(mb);
	rte_mempool_free(big);
	rte_mempool_free(odd);
	rte_mempool_free(nio);
	printf("%lu addresses checked\n", checked_bytes);
	rte_eal_cleanup();
	return test_done();
}
