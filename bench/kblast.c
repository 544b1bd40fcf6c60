/* SPDX-License-Identifier: BSD-3-Clause
 * kblast: the kernel's own transmit ceiling on an interface, as a reference
 * line for the net_af_packet / net_af_xdp rows of bench_kdrv.sh, and the
 * traffic generator of their rxonly rows (the same generator for dplite-fwd
 * and dpdk-testpmd). No DPDK, no dplite: one AF_PACKET socket
 * (PACKET_QDISC_BYPASS on, as both drivers set it) and sendmmsg() of
 * BATCH frames per call, every frame FRAME bytes (64 by default, like
 * --txpkts=64) with ethertype 0x88b5 (IEEE local experimental: the
 * receiving kernel hands it to packet sockets and XDP and drops it in the
 * stack at once) from the interface's MAC to DST (default broadcast).
 *
 *   kblast IFACE SECONDS [FRAME [BATCH [DSTMAC]]]
 *
 * Prints one line: "kblast sent N packets in S s: M Mpps" (its own count of
 * what sendmmsg accepted). Exits 1 with a message when the socket cannot be
 * made; stops at SECONDS or on SIGINT/SIGTERM. Build: cc -O2 kblast.c. */
#define _GNU_SOURCE
#include <errno.h>
#include <net/if.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#define MAX_BATCH 256

static volatile sig_atomic_t stop;

static void on_signal(int sig) { (void)sig; stop = 1; }

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: kblast IFACE SECONDS [FRAME [BATCH [DSTMAC]]]\n");
		return 2;
	}
	const char *ifname = argv[1];
	double secs = atof(argv[2]);
	unsigned int frame = argc > 3 ? (unsigned int)atoi(argv[3]) : 64;
	unsigned int batch = argc > 4 ? (unsigned int)atoi(argv[4]) : 64;
	uint8_t dst[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	if (argc > 5 && sscanf(argv[5], "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &dst[0], &dst[1], &dst[2],
			       &dst[3], &dst[4], &dst[5]) != 6) {
		fprintf(stderr, "kblast: bad MAC %s\n", argv[5]);
		return 2;
	}
	if (secs <= 0 || frame < 60 || frame > 1514 || batch < 1 || batch > MAX_BATCH) {
		fprintf(stderr, "kblast: SECONDS > 0, FRAME 60..1514, BATCH 1..%d\n", MAX_BATCH);
		return 2;
	}
	int ifindex = (int)if_nametoindex(ifname);
	if (ifindex == 0) {
		fprintf(stderr, "kblast: no interface %s: %s\n", ifname, strerror(errno));
		return 1;
	}
	int fd = socket(AF_PACKET, SOCK_RAW, 0);   /* protocol 0: transmit only */
	if (fd < 0) {
		fprintf(stderr, "kblast: socket(AF_PACKET): %s\n", strerror(errno));
		return 1;
	}
	int one = 1;
	(void)setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one));
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
		fprintf(stderr, "kblast: MAC of %s: %s\n", ifname, strerror(errno));
		return 1;
	}
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_ifindex = ifindex };
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		fprintf(stderr, "kblast: bind %s: %s\n", ifname, strerror(errno));
		return 1;
	}
	static uint8_t pkt[1514];
	memcpy(pkt, dst, 6);
	memcpy(pkt + 6, ifr.ifr_hwaddr.sa_data, 6);
	pkt[12] = 0x88;
	pkt[13] = 0xb5;
	static struct iovec iov[MAX_BATCH];
	static struct mmsghdr msg[MAX_BATCH];
	for (unsigned int i = 0; i < batch; i++) {
		iov[i].iov_base = pkt;
		iov[i].iov_len = frame;
		msg[i].msg_hdr.msg_iov = &iov[i];
		msg[i].msg_hdr.msg_iovlen = 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	uint64_t sent = 0, calls = 0;
	double t0 = now(), t = t0;
	while (!stop) {
		int n = sendmmsg(fd, msg, batch, 0);
		if (n > 0)
			sent += (uint64_t)n;
		else if (n < 0 && errno != ENOBUFS && errno != EAGAIN && errno != EINTR) {
			fprintf(stderr, "kblast: sendmmsg: %s\n", strerror(errno));
			return 1;
		}
		if ((++calls & 63) == 0 && (t = now()) - t0 >= secs)
			break;
	}
	t = now();
	printf("kblast sent %llu packets in %.3f s: %.4f Mpps\n", (unsigned long long)sent, t - t0,
	       (double)sent / (t - t0) / 1e6);
	close(fd);
	return 0;
}
