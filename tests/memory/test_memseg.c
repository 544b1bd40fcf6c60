/* SPDX-License-Identifier: BSD-3-Clause
 * Page layer through its heap-facing contract (eal_pages_alloc/free) and the
 * public memseg API: walks see exactly what is mapped, virt<->memseg<->iova
 * round trips, fds and offsets address the same bytes, mem event callbacks
 * fire on grow and shrink, pages really go back to the kernel on shrink
 * (file blocks of the memfd; RSS), alignment, and every bad input. */
#include <stdint.h>
#include <sys/stat.h>
#include <rte_memory.h>
#include <rte_errno.h>
#include "test.h"
#include "mem_test.h"
#include "eal_memalloc.h"

struct walk_sum { size_t segs; size_t bytes; const void *lo, *hi; int hits; };

static int seg_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	struct walk_sum *w = arg;
	w->segs++;
	w->bytes += ms->len;
	if (ms->len != msl->page_sz || ms->hugepage_sz != msl->page_sz)
		w->hits = -1000;
	if ((const char *)ms->addr >= (const char *)w->lo && (const char *)ms->addr < (const char *)w->hi)
		w->hits++;
	return 0;
}

static int contig_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, size_t len, void *arg)
{
	struct walk_sum *w = arg;
	(void)msl;
	w->segs++;
	w->bytes += len;
	if ((const char *)ms->addr <= (const char *)w->lo &&
	    (const char *)ms->addr + len >= (const char *)w->hi)
		w->hits++;
	return 0;
}

static int list_cb(const struct rte_memseg_list *msl, void *arg)
{
	(*(int *)arg)++;
	return msl->page_sz == 0 ? -1 : 0;
}

static int stop_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	(void)msl; (void)ms;
	return ++*(int *)arg >= 2 ? 1 : 0;
}

static int fail_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	(void)msl; (void)ms; (void)arg;
	return -1;
}

static struct { int allocs, frees; const void *addr; size_t len; size_t walk_segs; int nested_ok; } ev;
static void mem_cb(enum rte_mem_event type, const void *addr, size_t len, void *arg)
{
	(void)arg;
	if (type == RTE_MEM_EVENT_ALLOC)
		ev.allocs++;
	else
		ev.frees++;
	ev.addr = addr;
	ev.len = len;
	/* callbacks may walk (the lock is re-entrant for its writer) */
	struct walk_sum w = { 0 };
	rte_memseg_walk(seg_cb, &w);
	ev.walk_segs = w.segs;
	/* ... but may not change the callback list (it is being iterated) */
	if (rte_mem_event_callback_register("nested", mem_cb, &ev) != -1 || rte_errno != EDEADLK)
		ev.nested_ok = -1;
	if (rte_mem_event_callback_unregister("memseg_test", NULL) != -1 || rte_errno != EDEADLK)
		ev.nested_ok = -1;
}

static long file_blocks(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? (long)st.st_blocks : -1;
}

static struct walk_sum walk_now(const void *lo, const void *hi)
{
	struct walk_sum w = { 0, 0, lo, hi, 0 };
	CHECK(rte_memseg_walk(seg_cb, &w) == 0);
	return w;
}

int main(void)
{
	test_eal_init("memseg", NULL);
	size_t pg = eal_pages_default_size();
	CHECK(pg == (rte_eal_has_hugepages() ? RTE_PGSIZE_2M : 4096));
	CHECK(rte_eal_iova_mode() == RTE_IOVA_PA || rte_eal_iova_mode() == RTE_IOVA_VA);
	if (!rte_eal_has_hugepages())
		CHECK(rte_eal_iova_mode() == RTE_IOVA_VA);
	int nlists = 0;
	CHECK(rte_memseg_list_walk(list_cb, &nlists) == 0 && nlists >= 1);

	struct walk_sum base = walk_now(NULL, NULL);
	uint64_t phys0 = rte_eal_get_physmem_size();
	CHECK(phys0 == base.bytes);
	REQUIRE(rte_mem_event_callback_register("memseg_test", mem_cb, NULL) == 0);
	rte_errno = 0;
	CHECK(rte_mem_event_callback_register("memseg_test", mem_cb, NULL) == -1 && rte_errno == EEXIST);

	/* ---- grow past one page ---- */
	struct eal_page_span sp;
	size_t want = 3 * pg + 1;
	REQUIRE(eal_pages_alloc(want, 0, SOCKET_ID_ANY, 0, 0, &sp) == 0);
	CHECK(sp.len == 4 * pg && sp.page_sz == pg);
	CHECK(((uintptr_t)sp.addr & (pg - 1)) == 0);
	CHECK(ev.allocs == 1 && ev.addr == sp.addr && ev.len == sp.len);
	CHECK(ev.walk_segs == base.segs + 4);
	size_t nonzero = 0;
	for (size_t i = 0; i < sp.len; i++)
		nonzero += ((unsigned char *)sp.addr)[i] != 0;
	CHECK(nonzero == 0);
	memset(sp.addr, 0xab, sp.len);

	struct walk_sum w = walk_now(sp.addr, (char *)sp.addr + sp.len);
	CHECK(w.segs == base.segs + 4 && w.hits == 4);
	CHECK(rte_eal_get_physmem_size() == phys0 + sp.len);
	struct walk_sum c = { 0, 0, sp.addr, (char *)sp.addr + sp.len, 0 };
	CHECK(rte_memseg_contig_walk(contig_cb, &c) == 0 && c.hits == 1);
	int stop = 0;
	CHECK(rte_memseg_walk(stop_cb, &stop) == 1 && stop == 2);
	CHECK(rte_memseg_walk(fail_cb, NULL) == -1);

	/* virt -> memseg -> iova round trips */
	struct rte_memseg_list *msl = rte_mem_virt2memseg_list(sp.addr);
	REQUIRE(msl != NULL);
	CHECK(msl->page_sz == pg && msl->memseg_arr.count >= 4);
	CHECK(msl->heap == 1 && msl->external == 0 && msl->len % pg == 0);
	for (size_t k = 0; k < 4; k++) {
		char *p = (char *)sp.addr + k * pg;
		struct rte_memseg *ms = rte_mem_virt2memseg(p + 17, msl);
		REQUIRE(ms != NULL);
		CHECK(ms->addr == p && ms->len == pg);
		CHECK(rte_mem_virt2memseg(p + 17, NULL) == ms);
		rte_iova_t io = rte_mem_virt2iova(p + 17);
		CHECK(io != RTE_BAD_IOVA && io == ms->iova + 17);
		CHECK(rte_mem_iova2virt(io) == p + 17);
		if (rte_eal_iova_mode() == RTE_IOVA_VA)
			CHECK(io == (rte_iova_t)(uintptr_t)(p + 17));
		else
			CHECK(rte_mem_virt2phy(p + 17) == io);
		if (k == 0 && sp.iova != RTE_BAD_IOVA)
			CHECK(sp.iova == ms->iova);
		/* the fd + offset name the same bytes as the mapping */
		size_t off = 0;
		int fd = rte_memseg_get_fd(ms);
		CHECK(fd >= 0 && rte_memseg_get_fd_thread_unsafe(ms) == fd);
		size_t off2 = 1;
		CHECK(rte_memseg_get_fd_offset_thread_unsafe(ms, &off2) == 0 && off2 % pg == 0);
		CHECK(rte_memseg_get_fd_offset(ms, &off) == 0 && off == (size_t)((char *)p - (char *)msl->base_va));
		unsigned char b = 0;
		p[5] = 0x42;
		CHECK(pread(fd, &b, 1, (off_t)(off + 5)) == 1 && b == 0x42);
	}
	if (rte_eal_iova_mode() == RTE_IOVA_VA)
		CHECK(sp.iova == (rte_iova_t)(uintptr_t)sp.addr);
	int fd = rte_memseg_get_fd(rte_mem_virt2memseg(sp.addr, NULL));
	long blocks_grown = file_blocks(fd);
	CHECK(rte_mem_check_dma_mask(63) == 0);
	CHECK(rte_mem_check_dma_mask_thread_unsafe(63) == 0);

	char buf[8192];
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	rte_dump_physmem_layout(f);
	fclose(f);
	CHECK(strstr(buf, "Segment") != NULL);

	/* ---- alignment: start on a multiple of 4 pages ---- */
	struct eal_page_span al;
	REQUIRE(eal_pages_alloc(pg, 4 * pg, SOCKET_ID_ANY, 0, 0, &al) == 0);
	CHECK(((uintptr_t)al.addr & (4 * pg - 1)) == 0 && al.len == pg);
	CHECK(eal_pages_free(al.addr, al.len) == 0);

	/* ---- exact page size flag, IOVA-contiguous single page ---- */
	struct eal_page_span one;
	CHECK(eal_pages_alloc(pg, 0, SOCKET_ID_ANY, EAL_PAGES_F_PAGE_SZ | EAL_PAGES_F_IOVA_CONTIG,
			      pg, &one) == 0 && one.iova != RTE_BAD_IOVA);
	CHECK(eal_pages_free(one.addr, one.len) == 0);
	CHECK(eal_pages_alloc(pg, 0, SOCKET_ID_ANY, EAL_PAGES_F_PAGE_SZ, 3 * pg, &one) == -ENOMEM);

	/* ---- bad input ---- */
	CHECK(eal_pages_alloc(0, 0, SOCKET_ID_ANY, 0, 0, &one) == -EINVAL);
	CHECK(eal_pages_alloc(pg, 3, SOCKET_ID_ANY, 0, 0, &one) == -EINVAL);
	CHECK(eal_pages_alloc(pg, 0, RTE_MAX_NUMA_NODES, 0, 0, &one) == -EINVAL);
	CHECK(eal_pages_alloc(pg, 0, SOCKET_ID_ANY, 0, 0, NULL) == -EINVAL);
	CHECK(eal_pages_free(NULL, pg) == -EINVAL);
	CHECK(eal_pages_free(buf, pg) == -EINVAL);                      /* not ours */
	CHECK(eal_pages_free((char *)sp.addr + 1, pg) == -EINVAL);      /* misaligned */
	CHECK(eal_pages_free(sp.addr, pg + 1) == -EINVAL);              /* partial page */
	CHECK(eal_pages_free(sp.addr, SIZE_MAX - pg + 1) == -EINVAL);   /* absurd length */
	CHECK(eal_pages_alloc(SIZE_MAX - 10, 0, SOCKET_ID_ANY, 0, 0, &one) == -ENOMEM);
	CHECK(eal_pages_free((char *)sp.addr + sp.len, pg) == -EINVAL); /* never allocated */
	CHECK(rte_memseg_get_fd(NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_memseg_get_fd_offset(rte_mem_virt2memseg(sp.addr, NULL), NULL) == -1);
	CHECK(rte_mem_virt2memseg(buf, NULL) == NULL);
	CHECK(rte_mem_virt2memseg_list(buf) == NULL);
	CHECK(rte_mem_event_callback_register(NULL, mem_cb, NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_mem_event_callback_register("x", NULL, NULL) == -1 && rte_errno == EINVAL);
	CHECK(rte_mem_event_callback_unregister("nope", NULL) == -1 && rte_errno == ENOENT);
	CHECK(rte_mem_check_dma_mask(3) == -1);

	/* ---- shrink: pages go back to the kernel ---- */
	int frees0 = ev.frees;
	CHECK(eal_pages_free(sp.addr, sp.len) == 0);
	CHECK(ev.frees == frees0 + 1 && ev.addr == sp.addr && ev.len == sp.len);
	CHECK(ev.walk_segs == base.segs + 4);   /* callback ran while still mapped */
	w = walk_now(sp.addr, (char *)sp.addr + sp.len);
	CHECK(w.segs == base.segs && w.hits == 0);
	CHECK(rte_eal_get_physmem_size() == phys0);
	CHECK(rte_mem_virt2memseg(sp.addr, NULL) == NULL);
	long blocks_shrunk = file_blocks(fd);
	CHECK_MSG(blocks_shrunk >= 0 && blocks_shrunk < blocks_grown,
		  "file blocks %ld -> %ld", blocks_grown, blocks_shrunk);
	CHECK(eal_pages_free(sp.addr, sp.len) == -EINVAL);   /* double free */

	/* same VA can be reused, fresh and zeroed */
	struct eal_page_span again;
	REQUIRE(eal_pages_alloc(sp.len, 0, SOCKET_ID_ANY, 0, 0, &again) == 0);
	CHECK(((unsigned char *)again.addr)[5] == 0 && ((unsigned char *)again.addr)[again.len - 1] == 0);
	CHECK(eal_pages_free(again.addr, again.len) == 0);

	/* A big grow and shrink shows in RSS (4 KiB pages) or in the memfd's
	 * allocated blocks (hugepages are not counted in RSS). 8 MiB: above noise. */
	struct eal_page_span big;
	long rss0 = rss_bytes(), blk0 = file_blocks(fd);
	REQUIRE(eal_pages_alloc(8 << 20, 0, SOCKET_ID_ANY, 0, 0, &big) == 0);
	memset(big.addr, 1, big.len);
	long rss1 = rss_bytes(), blk1 = file_blocks(fd);
	CHECK_MSG(blk1 >= blk0 + (8 << 20) / 512, "blocks %ld -> %ld after grow", blk0, blk1);
	if (!rte_eal_has_hugepages())
		CHECK_MSG(rss1 >= rss0 + (7 << 20), "rss %ld -> %ld after grow", rss0, rss1);
	CHECK(eal_pages_free(big.addr, big.len) == 0);
	long rss2 = rss_bytes(), blk2 = file_blocks(fd);
	CHECK_MSG(blk2 <= blk1 - (8 << 20) / 512, "blocks %ld -> %ld after shrink", blk1, blk2);
	if (!rte_eal_has_hugepages())
		CHECK_MSG(rss2 <= rss1 - (7 << 20), "rss %ld -> %ld after shrink", rss1, rss2);

	CHECK(ev.nested_ok == 0);
	CHECK(rte_mem_event_callback_unregister("memseg_test", NULL) == 0);
	int allocs = ev.allocs;
	REQUIRE(eal_pages_alloc(pg, 0, SOCKET_ID_ANY, 0, 0, &again) == 0);
	CHECK(ev.allocs == allocs);   /* unregistered: silent */
	CHECK(eal_pages_free(again.addr, again.len) == 0);

	CHECK(rte_eal_using_phys_addrs() == (rte_eal_iova_mode() == RTE_IOVA_PA));
	CHECK(rte_mcfg_get_single_file_segments());
	rte_mcfg_tailq_write_lock();
	rte_mcfg_tailq_write_unlock();
	rte_mcfg_tailq_read_lock();
	rte_mcfg_tailq_read_unlock();
	rte_mcfg_mempool_write_lock();
	rte_mcfg_mempool_write_unlock();
	rte_mcfg_mempool_read_lock();
	rte_mcfg_mempool_read_unlock();
	rte_mcfg_timer_lock();
	rte_mcfg_timer_unlock();
	/* the write lock may be re-entered by its holder, as writer or reader */
	rte_mcfg_mem_write_lock();
	rte_mcfg_mem_read_lock();
	rte_mcfg_mem_read_unlock();
	struct walk_sum nested = { 0 };
	CHECK(rte_memseg_walk(seg_cb, &nested) == 0);
	rte_mcfg_mem_write_unlock();
	rte_mcfg_mem_read_lock();
	rte_mcfg_mem_read_unlock();
	rte_mcfg_mem_write_lock();
	rte_mcfg_mem_write_unlock();
	CHECK(rte_memory_get_nchannel() == 0 && rte_memory_get_nrank() == 0);
	rte_eal_cleanup();
	return test_done();
}
