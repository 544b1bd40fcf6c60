/* SPDX-License-Identifier: BSD-3-Clause
 * A dplite net_memif server against a raw client written here with nothing
 * but drivers/net/memif/memif_proto.h and libc (so the header is checked to
 * stand alone): the HELLO is a 128-byte memif 2.0 message; a pipe passed
 * where a ring's eventfd belongs is refused with a DISCONNECT naming it; a
 * client that stops after INIT is dropped by the handshake timeout; the
 * server's fd count is back where it started, and a well-behaved dplite
 * client then connects. */
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <rte_alarm.h>
#include <rte_bus_vdev.h>
#include "memif_proto.h"
#include "test_memif_dplite.h"

static int raw_connect(const char *path)
{
	struct sockaddr_un un;
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	memset(&un, 0, sizeof(un));
	un.sun_family = AF_UNIX;
	snprintf(un.sun_path, sizeof(un.sun_path), "%s", path);
	REQUIRE(fd >= 0 && connect(fd, (struct sockaddr *)&un, sizeof(un)) == 0);
	return fd;
}

/* One message within ms; its size, or 0 on close, -1 on timeout. */
static ssize_t raw_recv(int fd, struct memif_msg *m, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, ms) <= 0)
		return -1;
	return recv(fd, m, sizeof(*m), 0);
}

static void raw_send(int fd, const struct memif_msg *m, int pass_fd)
{
	char ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = (void *)(uintptr_t)m, .iov_len = sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (pass_fd >= 0) {
		memset(ctl, 0, sizeof(ctl));
		mh.msg_control = ctl;
		mh.msg_controllen = sizeof(ctl);
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &pass_fd, sizeof(int));
	}
	REQUIRE(sendmsg(fd, &mh, MSG_NOSIGNAL) == (ssize_t)sizeof(*m));
}

/* HELLO in, INIT out, ACK in. */
static int raw_hello_init(const char *path)
{
	struct memif_msg m;
	int fd = raw_connect(path);

	CHECK(raw_recv(fd, &m, 5000) == MEMIF_MSG_SIZE);
	CHECK(m.type == MEMIF_MSG_TYPE_HELLO);
	CHECK(m.u.hello.min_version <= MEMIF_VERSION && m.u.hello.max_version >= MEMIF_VERSION);
	CHECK(m.u.hello.max_log2_ring_size >= 10);
	memset(&m, 0, sizeof(m));
	m.type = MEMIF_MSG_TYPE_INIT;
	m.u.init.version = MEMIF_VERSION;
	m.u.init.id = 0;
	m.u.init.mode = MEMIF_INTERFACE_MODE_ETHERNET;
	raw_send(fd, &m, -1);
	CHECK(raw_recv(fd, &m, 5000) == MEMIF_MSG_SIZE && m.type == MEMIF_MSG_TYPE_ACK);
	return fd;
}

/* Wait for DISCONNECT (reason must contain want) and then the close. */
static void raw_expect_disconnect(int fd, const char *want, int ms)
{
	struct memif_msg m;

	ssize_t n = raw_recv(fd, &m, ms);
	CHECK_MSG(n == MEMIF_MSG_SIZE && m.type == MEMIF_MSG_TYPE_DISCONNECT,
		  "no DISCONNECT (%zd, type %u)", n, n > 0 ? m.type : 0);
	if (n == MEMIF_MSG_SIZE) {
		m.u.disconnect.string[sizeof(m.u.disconnect.string) - 1] = 0;
		CHECK_MSG(strstr((char *)m.u.disconnect.string, want) != NULL,
			  "reason '%s', want '%s'", (char *)m.u.disconnect.string, want);
	}
	CHECK(raw_recv(fd, &m, ms) == 0);
	close(fd);
}

static void noop(void *arg) { RTE_SET_USED(arg); }

int main(int argc, char **argv)
{
	char dir[64], sock[128];
	struct rte_mempool *mp;
	struct memif_msg m;

	RTE_SET_USED(argc);
	RTE_SET_USED(argv);
	mt_tmpdir(dir, sizeof(dir));
	snprintf(sock, sizeof(sock), "%s/memif.sock", dir);
	uint16_t port = mt_port_up("memif_raw", "server", sock, 1, 2048, &mp);
	/* the alarm timerfd is made on first use: make it before counting */
	REQUIRE(rte_eal_alarm_set(10000000, noop, NULL) == 0);
	rte_eal_alarm_cancel(noop, NULL);
	int fds0 = test_count_dir("/proc/self/fd");

	/* a pipe where the ring's eventfd belongs */
	int fd = raw_hello_init(sock);
	int mfd = memfd_create("raw_region", MFD_CLOEXEC);
	REQUIRE(mfd >= 0 && ftruncate(mfd, 1 << 20) == 0);
	memset(&m, 0, sizeof(m));
	m.type = MEMIF_MSG_TYPE_ADD_REGION;
	m.u.add_region.index = 0;
	m.u.add_region.size = 1 << 20;
	raw_send(fd, &m, mfd);
	CHECK(raw_recv(fd, &m, 5000) == MEMIF_MSG_SIZE && m.type == MEMIF_MSG_TYPE_ACK);
	int pp[2];
	REQUIRE(pipe(pp) == 0);
	memset(&m, 0, sizeof(m));
	m.type = MEMIF_MSG_TYPE_ADD_RING;
	m.u.add_ring.flags = MEMIF_MSG_ADD_RING_FLAG_C2S;
	m.u.add_ring.log2_ring_size = 10;
	raw_send(fd, &m, pp[1]);
	raw_expect_disconnect(fd, "eventfd", 5000);
	close(pp[0]);
	close(pp[1]);
	close(mfd);

	/* a client that goes quiet after INIT */
	fd = raw_hello_init(sock);
	raw_expect_disconnect(fd, "timeout", 20000);

	struct rte_eth_link link;
	CHECK(rte_eth_link_get_nowait(port, &link) == 0 && link.link_status == 0);
	CHECK_MSG(test_count_dir("/proc/self/fd") == fds0, "fds: %d before, %d after", fds0,
		  test_count_dir("/proc/self/fd"));

	/* a dplite client still gets in */
	char args[256];
	snprintf(args, sizeof(args), "role=client,socket=%s,socket-abstract=no", sock);
	REQUIRE(rte_vdev_init("net_memif1", args) == 0);
	uint16_t c;
	REQUIRE(rte_eth_dev_get_port_by_name("net_memif1", &c) == 0);
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	REQUIRE(rte_eth_dev_configure(c, 1, 1, &conf) == 0);
	REQUIRE(rte_eth_rx_queue_setup(c, 0, 256, (unsigned int)rte_socket_id(), NULL, mp) == 0);
	REQUIRE(rte_eth_tx_queue_setup(c, 0, 256, (unsigned int)rte_socket_id(), NULL) == 0);
	REQUIRE(rte_eth_dev_start(c) == 0);
	CHECK(mt_wait_link(port, 1, 10000) && mt_wait_link(c, 1, 10000));

	CHECK(rte_eth_dev_stop(c) == 0 && rte_eth_dev_close(c) == 0);
	CHECK(rte_eth_dev_stop(port) == 0 && rte_eth_dev_close(port) == 0);
	rte_eal_cleanup();
	rmdir(dir);
	return test_done();
}
