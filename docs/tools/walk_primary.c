/* SPDX-License-Identifier: BSD-3-Clause
 * The primary behind docs/memory-walk.svg: a pktmbuf pool and one mbuf in
 * use holding a 64-byte frame. Prints the mbuf's data address, then waits
 * until stdin closes, so `dplite-info -f walk explain ADDR` can walk it:
 *
 *   cc -O2 -Iinclude docs/tools/walk_primary.c -Lbuild -ldplite -o /tmp/walk_primary
 *   sleep 30 | LD_LIBRARY_PATH=build /tmp/walk_primary --file-prefix walk -l 0 &
 *   build/app/dplite-info/dplite-info -f walk explain ADDR   (ADDR as printed)
 *
 * docs/tools/memory_svg.py draws the recorded output (walk-example.txt). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <rte_eal.h>
#include <rte_mbuf.h>

int main(int argc, char **argv)
{
	if (rte_eal_init(argc, argv) < 0)
		return 1;
	struct rte_mempool *mp = rte_pktmbuf_pool_create("walk_pool", 1023, 32, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	if (mp == NULL)
		return 1;
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	char *d = m ? rte_pktmbuf_append(m, 64) : NULL;
	if (d == NULL)
		return 1;
	memset(d, 0xab, 64);
	printf("mbuf %p data %p\n", (void *)m, (void *)d);
	fflush(stdout);
	char c;
	while (read(0, &c, 1) > 0)
		;
	rte_pktmbuf_free(m);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
