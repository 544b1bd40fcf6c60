/* Linked statically by the install test in two ways: with
 * `pkg-config --static` (whole archive) and with a bare libdplite.a (only
 * the objects the program names). Both must find the built-in mempool ops,
 * which used to register from constructors a bare static link dropped
 * ("unknown mempool ops ring_mp_mc"). */
#include <stdio.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

int main(int argc, char **argv)
{
	const char *names[] = { "ring_mp_mc", "ring_sp_sc", "ring_mt_hts", "stack", "lf_stack" };
	int bad = 0;

	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "EAL init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	struct rte_mempool *mb = rte_pktmbuf_pool_create("st_mbufs", 255, 32, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	struct rte_mbuf *m = mb ? rte_pktmbuf_alloc(mb) : NULL;
	if (m == NULL) {
		fprintf(stderr, "mbuf pool: %s\n", rte_strerror(rte_errno));
		bad++;
	}
	rte_pktmbuf_free(m);
	rte_mempool_free(mb);
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char pn[32];
		void *obj;
		snprintf(pn, sizeof(pn), "st_%u", i);
		struct rte_mempool *mp = rte_mempool_create_empty(pn, 64, 64, 0, 0, SOCKET_ID_ANY, 0);
		if (mp == NULL || rte_mempool_set_ops_byname(mp, names[i], NULL) != 0 ||
		    rte_mempool_populate_default(mp) != 64 || rte_mempool_get(mp, &obj) != 0) {
			fprintf(stderr, "ops %s: not usable\n", names[i]);
			bad++;
		} else {
			rte_mempool_put(mp, obj);
		}
		rte_mempool_free(mp);
	}
	printf("static pools: %s\n", bad ? "FAILED" : "ok");
	rte_eal_cleanup();
	return bad != 0;
}
