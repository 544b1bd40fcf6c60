/* SPDX-License-Identifier: BSD-3-Clause
 * net_af_xdp's XDP mode and DPDK 22.11's other arguments, on one veth pair
 * in a private network namespace:
 *   - the program goes on in native (driver) mode where the interface has
 *     it (veth does): xstat q0_xsk_native 1, ip(8) shows "xdp" on the
 *     link; packets pass both ways; stop leaves no program on the link;
 *   - a peer MTU too large for native XDP on veth makes the attach fall
 *     back to generic (SKB) mode: q0_xsk_native 0, ip(8) shows
 *     "xdpgeneric"; packets still pass;
 *   - busy_budget=64 turns preferred busy polling on (q0_xsk_busy_poll 1)
 *     and packets still pass; busy_budget=0 leaves it off;
 *   - shared_umem=0|1 and force_copy=0|1 are accepted, other values and
 *     busy_budget above 65535 fail the probe with -EINVAL;
 *   - another process (this program exec'd as "hold") running a port on
 *     the interface: our start fails at once with -EBUSY; after that
 *     process is killed with kill -9 (its program left on the link) our
 *     start removes the leftover and runs, in native mode. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include "test.h"
#include "netns_test.h"

static struct rte_mempool *mp;

static int port_of(const char *name)
{
	uint16_t pid;
	return rte_eth_dev_get_port_by_name(name, &pid) == 0 ? pid : -1;
}

static int port_up(const char *name, const char *args)
{
	struct rte_eth_conf conf;
	int pid;

	if (rte_vdev_init(name, args) != 0 || (pid = port_of(name)) < 0)
		return -1;
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure((uint16_t)pid, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup((uint16_t)pid, 0, 256, 0, NULL, mp) != 0 ||
	    rte_eth_tx_queue_setup((uint16_t)pid, 0, 256, 0, NULL) != 0 ||
	    rte_eth_dev_start((uint16_t)pid) != 0)
		return -1;
	return pid;
}

static void port_gone(int pid)
{
	if (pid < 0)
		return;
	CHECK(rte_eth_dev_stop((uint16_t)pid) == 0);
	CHECK(rte_eth_dev_close((uint16_t)pid) == 0);
}

static uint64_t xstat(int pid, const char *name)
{
	uint64_t id, v;
	if (rte_eth_xstats_get_id_by_name((uint16_t)pid, name, &id) != 0 ||
	    rte_eth_xstats_get_by_id((uint16_t)pid, &id, &v, 1) != 1)
		return UINT64_MAX;
	return v;
}

/* The XDP word ip(8) prints for the link: "xdp" (native), "xdpgeneric",
 * or "" (none). */
static const char *link_xdp(const char *ifname)
{
	static char word[32];
	char cmd[128], line[512];
	snprintf(cmd, sizeof(cmd), "ip link show %s", ifname);
	FILE *f = popen(cmd, "r");
	word[0] = '\0';
	if (f == NULL)
		return word;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p = strstr(line, " xdp");
		if (p != NULL && word[0] == '\0')
			sscanf(p + 1, "%31s", word);
	}
	pclose(f);
	return word;
}

/* Sends n 60-byte frames (ethertype 0x88b5) from a to b; returns how many
 * of ours arrived (bounded: 2 s). */
static unsigned int pass(int a, int b, unsigned int n)
{
	struct rte_ether_addr mac;
	unsigned int sent = 0, got = 0;

	rte_eth_macaddr_get((uint16_t)a, &mac);
	while (sent < n) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		if (m == NULL)
			break;
		uint8_t *d = (uint8_t *)rte_pktmbuf_append(m, 60);
		if (d == NULL) {
			rte_pktmbuf_free(m);
			break;
		}
		memset(d, 0, 60);
		memset(d, 0xff, 6);
		memcpy(d + 6, mac.addr_bytes, 6);
		d[12] = 0x88;
		d[13] = 0xb5;
		d[14] = (uint8_t)sent;
		if (rte_eth_tx_burst((uint16_t)a, 0, &m, 1) != 1) {
			rte_pktmbuf_free(m);
			break;
		}
		sent++;
	}
	for (int spin = 0; spin < 2000 && got < sent; spin++) {
		struct rte_mbuf *r[32];
		uint16_t k = rte_eth_rx_burst((uint16_t)b, 0, r, 32);
		for (uint16_t i = 0; i < k; i++) {
			const uint8_t *d = rte_pktmbuf_mtod(r[i], const uint8_t *);
			got += r[i]->data_len >= 60 && d[12] == 0x88 && d[13] == 0xb5;
		}
		rte_pktmbuf_free_bulk(r, k);
		(void)rte_eth_tx_burst((uint16_t)a, 0, NULL, 0);	/* completions, kick */
		if (k == 0)
			usleep(1000);
	}
	return got;
}

/* The other process: a running port on km0, then "1" on fd, then wait to
 * be killed (bounded: 60 s). */
static int hold(int fd)
{
	test_eal_init("afx_hold", NULL);
	mp = rte_pktmbuf_pool_create("afx_hold", 4095, 64, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     SOCKET_ID_ANY);
	if (mp == NULL || port_up("net_af_xdp0", "iface=km0") < 0)
		return 1;
	if (write(fd, "1", 1) != 1)
		return 1;
	sleep(60);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "hold") == 0)
		return hold(atoi(argv[2]));
	netns_veth_setup("km0", "km1");
	test_eal_init("afx_modes", NULL);
	mp = rte_pktmbuf_pool_create("afx_modes", 4095, 64, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     SOCKET_ID_ANY);
	REQUIRE(mp != NULL);

	/* DPDK's arguments: accepted values, and refused ones */
	CHECK(rte_vdev_init("net_af_xdp9", "iface=km0,busy_budget=65536") == -EINVAL);
	CHECK(rte_vdev_init("net_af_xdp9", "iface=km0,busy_budget=-1") == -EINVAL);
	CHECK(rte_vdev_init("net_af_xdp9", "iface=km0,force_copy=2") == -EINVAL);
	CHECK(rte_vdev_init("net_af_xdp9", "iface=km0,shared_umem=yes") == -EINVAL);
	CHECK(port_of("net_af_xdp9") < 0);

	/* native mode on veth, both ends */
	int p0 = port_up("net_af_xdp0", "iface=km0,shared_umem=1,force_copy=1,busy_budget=0");
	int p1 = port_up("net_af_xdp1", "iface=km1,shared_umem=0,force_copy=0");
	REQUIRE(p0 >= 0 && p1 >= 0);
	CHECK_MSG(xstat(p0, "q0_xsk_native") == 1 && xstat(p1, "q0_xsk_native") == 1,
		  "q0_xsk_native %" PRIu64 " / %" PRIu64 " (want 1: veth has native XDP)",
		  xstat(p0, "q0_xsk_native"), xstat(p1, "q0_xsk_native"));
	CHECK_MSG(strcmp(link_xdp("km0"), "xdp") == 0, "km0 shows '%s' (want xdp)", link_xdp("km0"));
	CHECK(xstat(p0, "q0_xsk_busy_poll") == 0);
	unsigned int got = pass(p0, p1, 50);
	CHECK_MSG(got == 50, "native: %u of 50 arrived km0 -> km1", got);
	got = pass(p1, p0, 50);
	CHECK_MSG(got == 50, "native: %u of 50 arrived km1 -> km0", got);
	port_gone(p0);
	CHECK_MSG(link_xdp("km0")[0] == '\0', "km0 still shows '%s' after stop", link_xdp("km0"));

	/* busy polling asked for: on, and packets still pass */
	p0 = port_up("net_af_xdp2", "iface=km0,busy_budget=64");
	REQUIRE(p0 >= 0);
	CHECK_MSG(xstat(p0, "q0_xsk_busy_poll") == 1, "q0_xsk_busy_poll %" PRIu64,
		  xstat(p0, "q0_xsk_busy_poll"));
	got = pass(p1, p0, 50);
	CHECK_MSG(got == 50, "busy polling: %u of 50 arrived km1 -> km0", got);
	port_gone(p0);

	/* km0 held by a live port of another process: refused at once; that
	 * process killed: its leftover program is removed and the port runs */
	int pfd[2];
	char fdarg[16], ready = 0;
	REQUIRE(pipe(pfd) == 0);
	snprintf(fdarg, sizeof(fdarg), "%d", pfd[1]);
	pid_t child = fork();
	REQUIRE(child >= 0);
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);	/* gone with us, whatever fails here */
		execl("/proc/self/exe", argv[0], "hold", fdarg, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	struct pollfd pw = { .fd = pfd[0], .events = POLLIN, .revents = 0 };
	REQUIRE(poll(&pw, 1, 30000) == 1);			/* bounded wait */
	REQUIRE(read(pfd[0], &ready, 1) == 1 && ready == '1');	/* EOF if the child failed */
	close(pfd[0]);
	p0 = port_up("net_af_xdp5", "iface=km0");
	CHECK_MSG(p0 < 0, "a second port started on km0 while another process runs one");
	kill(child, SIGKILL);
	REQUIRE(waitpid(child, NULL, 0) == child);
	test_runtime_sweep("afx_hold");
	CHECK_MSG(strcmp(link_xdp("km0"), "xdp") == 0, "km0 shows '%s' after kill -9 (want the "
		  "leftover program)", link_xdp("km0"));
	p0 = port_of("net_af_xdp5");
	REQUIRE(p0 >= 0);
	CHECK_MSG(rte_eth_dev_start((uint16_t)p0) == 0, "start after the holder was killed");
	CHECK(xstat(p0, "q0_xsk_native") == 1);
	got = pass(p1, p0, 50);
	CHECK_MSG(got == 50, "after the leftover: %u of 50 arrived km1 -> km0", got);
	port_gone(p0);
	port_gone(p1);
	CHECK(link_xdp("km0")[0] == '\0');

	/* a peer MTU native XDP on veth cannot take: generic mode instead */
	REQUIRE(system("ip link set km1 mtu 9000") == 0);
	p0 = port_up("net_af_xdp3", "iface=km0");
	REQUIRE(p0 >= 0);
	CHECK_MSG(xstat(p0, "q0_xsk_native") == 0, "q0_xsk_native %" PRIu64 " with peer MTU 9000",
		  xstat(p0, "q0_xsk_native"));
	CHECK_MSG(strcmp(link_xdp("km0"), "xdpgeneric") == 0, "km0 shows '%s' (want xdpgeneric)",
		  link_xdp("km0"));
	p1 = port_up("net_af_xdp4", "iface=km1");
	REQUIRE(p1 >= 0);
	got = pass(p1, p0, 50);
	CHECK_MSG(got == 50, "generic: %u of 50 arrived km1 -> km0", got);
	port_gone(p0);
	port_gone(p1);
	CHECK(link_xdp("km0")[0] == '\0' && link_xdp("km1")[0] == '\0');
	CHECK(rte_mempool_in_use_count(mp) == 0);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_done();
}
