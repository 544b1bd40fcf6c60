/* Compiled by check_headers.sh as C (C11/gnu11) and as C++ (C++11..20)
 * after every public header (all.h, generated from the include directory): calls the
 * inline fast paths so their bodies are instantiated and warned about.
 * Valid C and C++ at once: explicit casts from void *, no designated
 * initializers. Linked against libdplite; "run [EAL args]" does a little
 * real work (EAL with --no-huge -l 0). */
#include <stdio.h>
#include <string.h>

static int use_ring(struct rte_ring *r)
{
	void *objs[32] = { 0 };
	uint64_t elems[32] = { 0 };
	unsigned int avail = 0, n = 0;
	struct rte_ring_zc_data zcd;

	n += rte_ring_enqueue_bulk(r, objs, 32, &avail);
	n += rte_ring_dequeue_bulk(r, objs, 32, &avail);
	n += rte_ring_enqueue_burst(r, objs, 8, NULL);
	n += rte_ring_dequeue_burst(r, objs, 8, NULL);
	n += rte_ring_mp_enqueue(r, objs[0]) == 0;
	n += rte_ring_sc_dequeue(r, &objs[0]) == 0;
	n += rte_ring_sp_enqueue_bulk(r, objs, 1, NULL);
	n += rte_ring_mc_dequeue_bulk(r, objs, 1, NULL);
	n += rte_ring_enqueue_bulk_elem(r, elems, sizeof(elems[0]), 4, NULL);
	n += rte_ring_dequeue_bulk_elem(r, elems, sizeof(elems[0]), 4, NULL);
	n += rte_ring_enqueue_burst_elem(r, elems, 16, 2, NULL);
	n += rte_ring_dequeue_burst_elem(r, elems, 16, 2, NULL);
	n += rte_ring_count(r) + rte_ring_free_count(r);
	n += (unsigned int)rte_ring_full(r) + (unsigned int)rte_ring_empty(r);
	if (rte_ring_enqueue_zc_bulk_start(r, 1, &zcd, NULL) == 1) {
		((void **)zcd.ptr1)[0] = objs[0];
		rte_ring_enqueue_zc_finish(r, 1);
	}
	return (int)n;
}

static int use_mempool_mbuf(struct rte_mempool *mp)
{
	void *objs[8];
	struct rte_mbuf *mbufs[4];
	char buf[64];
	int n = 0;

	if (rte_mempool_get_bulk(mp, objs, 8) == 0)
		rte_mempool_put_bulk(mp, objs, 8);
	if (rte_mempool_get(mp, &objs[0]) == 0) {
		n += rte_mempool_virt2iova(objs[0]) != RTE_BAD_IOVA;
		rte_mempool_put(mp, objs[0]);
	}
	n += (int)rte_mempool_avail_count(mp);
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m != NULL) {
		char *p = rte_pktmbuf_append(m, 60);
		if (p != NULL)
			memset(p, 0, 60);
		n += rte_pktmbuf_prepend(m, 0) != NULL;
		n += rte_pktmbuf_read(m, 0, 16, buf) != NULL;
		n += rte_pktmbuf_mtod(m, struct rte_ether_hdr *)->ether_type == 0;
		n += *rte_pktmbuf_mtod_offset(m, char *, 4);
		n += (int)rte_pktmbuf_headroom(m) + (int)rte_pktmbuf_tailroom(m);
		n += rte_mbuf_data_iova(m) != 0;
		rte_mbuf_iova_set(m, rte_mbuf_iova_get(m));
		rte_pktmbuf_free(m);
	}
	if (rte_pktmbuf_alloc_bulk(mp, mbufs, 4) == 0)
		rte_pktmbuf_free_bulk(mbufs, 4);
	return n;
}

static int use_misc(void)
{
	rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;
	rte_rwlock_t rw = RTE_RWLOCK_INITIALIZER;
	rte_atomic32_t a32;
	rte_int128_t x, e, s;
	uint32_t u = 1, v = 2;
	uint8_t bytes[20] = { 0 }, *bp = bytes;
	struct rte_ether_addr ea;
	int n = 0;

	rte_spinlock_lock(&sl);
	rte_spinlock_unlock(&sl);
	rte_rwlock_read_lock(&rw);
	rte_rwlock_read_unlock(&rw);
	rte_atomic32_init(&a32);
	rte_atomic32_inc(&a32);
	n += rte_atomic32_read(&a32);
	memset(&x, 0, sizeof(x));
	memset(&e, 0, sizeof(e));
	memset(&s, 0, sizeof(s));
#if defined(__x86_64__)
	n += rte_atomic128_cmp_exchange(&x, &e, &s, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
#endif
	RTE_SWAP(u, v);
	n += (int)(u + RTE_MIN(u, v) + RTE_MAX(u, v));
	n += (int)RTE_ALIGN_CEIL(u, 8) + (int)(uintptr_t)RTE_PTR_ALIGN_FLOOR(bp, 4);
	n += (int)rte_be_to_cpu_16(rte_cpu_to_be_16(3)) + (int)rte_bswap32(u);
	n += (int)(rte_rdtsc() & 1) + (int)(US_PER_S / MS_PER_S) + (NS_PER_S > 0);
	n += (int)rte_hash_crc(bytes, sizeof(bytes), 0);
	n += (int)rte_raw_cksum(bytes, sizeof(bytes));
	n += *(const unaligned_uint32_t *)(bytes + 1) == 0;
	rte_eth_random_addr(ea.addr_bytes);
	n += rte_is_valid_assigned_ether_addr(&ea);
	rte_memcpy(bytes, bytes + 10, 10);
	n += (int)rte_lcore_id() + (int)rte_align32pow2(u) + (int)rte_log2_u64(v);
	n += RTE_EXEC_ENV_IS_LINUX + RTE_EXEC_ENV_IS_WINDOWS + (E_RTE_SECONDARY == 1001);
	RTE_BUILD_BUG_ON(sizeof(struct rte_mbuf) != 128);
	/* DPDK's values on glibc (no __ELASTERROR): 1000 + 1, + 2 */
	RTE_BUILD_BUG_ON(E_RTE_SECONDARY != 1001 || E_RTE_NO_CONFIG != 1002);
	return n;
}

static int use_stack(struct rte_stack *s)
{
	void *objs[4] = { 0 };
	unsigned int n = rte_stack_push(s, objs, 4);
	return (int)(n + rte_stack_pop(s, objs, n) + rte_stack_count(s));
}

int main(int argc, char **argv)
{
	int n = 0;
	if (argc < 2 || strcmp(argv[1], "run") != 0)
		return 0;   /* compile/link check only */
	/* EAL arguments: --no-huge -l 0, then argv[2..] */
	char a0[] = "use_headers", a1[] = "--no-huge", a2[] = "-l", a3[] = "0";
	char *eal[16] = { a0, a1, a2, a3, NULL };
	int eargc = 4;
	for (int i = 2; i < argc && eargc < 15; i++)
		eal[eargc++] = argv[i];
	if (rte_eal_init(eargc, eal) < 0)
		return 1;
	struct rte_ring *r = rte_ring_create("hdr_ring", 64, SOCKET_ID_ANY, 0);
	struct rte_mempool *mp = rte_pktmbuf_pool_create("hdr_mbufs", 63, 0, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	struct rte_stack *s = rte_stack_create("hdr_stack", 16, SOCKET_ID_ANY, 0);
	if (r == NULL || mp == NULL || s == NULL)
		return 1;
	n += use_ring(r) + use_mempool_mbuf(mp) + use_misc() + use_stack(s);
	printf("use_headers ok (%d)\n", n & 1);
	rte_stack_free(s);
	rte_mempool_free(mp);
	rte_ring_free(r);
	rte_eal_cleanup();
	return 0;
}
