/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif in a secondary process: the primary owns the port (socket,
 * fds, mappings), so a secondary's probe fails with one log line and the
 * secondary starts without the port; the primary's port is unaffected. */
#include "test_memif_dplite.h"

static int secondary(const char *prefix)
{
	char pfx[128];
	char *argv[8];
	int n = 0;
	uint16_t port;

	snprintf(pfx, sizeof(pfx), "--file-prefix=%s", prefix);
	argv[n++] = (char *)"secondary";
	argv[n++] = pfx;
	argv[n++] = (char *)"--proc-type=secondary";
	argv[n++] = (char *)"--lcores=1@0";
	if (test_no_huge())
		argv[n++] = (char *)"--no-huge";
	argv[n] = NULL;
	REQUIRE(rte_eal_init(n, argv) >= 0);
	CHECK_MSG(rte_eth_dev_get_port_by_name("net_memif0", &port) != 0,
		  "a secondary got the memif port");
	rte_eal_cleanup();
	return test_done();
}

int main(int argc, char **argv)
{
	char dir[64], sock[128], prefix[64];
	struct rte_mempool *mp;

	if (argc >= 3 && strcmp(argv[1], "peer") == 0)
		return secondary(argv[2]);
	mt_tmpdir(dir, sizeof(dir));
	snprintf(sock, sizeof(sock), "%s/memif.sock", dir);
	uint16_t port = mt_port_up("memif_sec", "server", sock, 1, 2048, &mp);
	snprintf(prefix, sizeof(prefix), "memif_sec_%d", (int)getpid());
	const char *args[] = { prefix, NULL };
	pid_t child = mt_spawn(argv[0], args);
	REQUIRE(child > 0);
	CHECK_MSG(mt_reap(child, 30000) == 0, "the secondary failed");
	struct rte_eth_link link;
	CHECK(rte_eth_link_get_nowait(port, &link) == 0 && link.link_status == 0);
	CHECK(rte_eth_dev_stop(port) == 0);
	CHECK(rte_eth_dev_close(port) == 0);
	rte_eal_cleanup();
	unlink(sock);
	rmdir(dir);
	return test_done();
}
