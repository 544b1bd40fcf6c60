/* SPDX-License-Identifier: BSD-3-Clause
 * client_server_mp over net_pcap replay, all three processes exec'd: mp_server
 * (primary) receives a capture on port 0 and deals the packets round-robin
 * to two mp_client secondaries, which send them out of port 1 on their own
 * tx queue, each a tx_pcap file of its own that the secondary appends to.
 * Checks: the two output captures together hold exactly the input packets
 * (byte for byte, each once); within each output the packets of every flow
 * keep their input order; the server's and clients' printed counters agree.
 * Exits 77 without libpcap (no net_pcap). */
#include <stdint.h>
#include "test.h"
#include "examples/proc.h"

#ifndef DPLITE_HAVE_PCAP
int main(void) { TEST_SKIP("net_pcap is not built (no libpcap)"); }
#else
#include <sys/stat.h>

#define NPKT 1000
#define FLOWS 37
#define CLIENTS 2

static char dir[128];

static void put32(FILE *f, uint32_t v) { fwrite(&v, 4, 1, f); }

/* packet i: Ethernet/IPv4/UDP, flow i % FLOWS, sequence i / FLOWS, length varies */
static unsigned int make_pkt(unsigned int i, uint8_t *p)
{
	unsigned int f = i % FLOWS, len = 60 + (i * 7) % 200;
	memset(p, 0, len);
	for (int k = 0; k < 6; k++) {
		p[k] = (uint8_t)(0x02 + k);
		p[6 + k] = (uint8_t)(0x12 + k);
	}
	p[12] = 0x08;
	p[14] = 0x45;
	p[16] = (uint8_t)((len - 14) >> 8);
	p[17] = (uint8_t)(len - 14);
	p[22] = 64;
	p[23] = 17;
	p[26] = 198; p[27] = 18; p[28] = 0; p[29] = (uint8_t)f;      /* 198.18.0.f */
	p[30] = 198; p[31] = 19; p[32] = 0; p[33] = 1;
	p[34] = 0x10; p[35] = (uint8_t)f;
	p[36] = 0x20; p[37] = 0;
	memcpy(p + 42, &i, 4);
	for (unsigned int k = 46; k < len; k++)
		p[k] = (uint8_t)(i + k);
	return len;
}

/* records in a pcap file; -1 if unreadable. Calls cb for each. */
static int read_pcap(const char *path, int (*cb)(const uint8_t *, uint32_t, void *), void *arg)
{
	FILE *f = fopen(path, "rb");
	uint32_t h[6], r[4];
	static uint8_t buf[65536];
	int n = 0;
	if (f == NULL)
		return -1;
	if (fread(h, 4, 6, f) != 6 || (h[0] != 0xa1b2c3d4 && h[0] != 0xa1b23c4d)) {
		fclose(f);
		return -1;
	}
	while (fread(r, 4, 4, f) == 4) {
		if (r[2] > sizeof(buf) || fread(buf, 1, r[2], f) != r[2])
			break;
		if (cb && cb(buf, r[2], arg))
			break;
		n++;
	}
	fclose(f);
	return n;
}

static uint8_t seen[NPKT];
static int bad, dups, order;
static int last_seq[FLOWS];

static int check_rec(const uint8_t *p, uint32_t len, void *arg)
{
	uint8_t want[300];
	uint32_t i;
	(void)arg;
	if (len < 46) {
		bad++;
		return 0;
	}
	memcpy(&i, p + 42, 4);
	if (i >= NPKT || make_pkt(i, want) != len || memcmp(want, p, len) != 0) {
		bad++;
		return 0;
	}
	dups += seen[i]++ != 0;
	int f = (int)(i % FLOWS), s = (int)(i / FLOWS);
	order += s <= last_seq[f];
	last_seq[f] = s;
	return 0;
}

static pid_t kids[1 + CLIENTS];
static void kill_kids(void)
{
	for (int i = 0; i < 1 + CLIENTS; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGKILL);
}

int main(int argc, char **argv)
{
	REQUIRE(argc == 3);
	atexit(kill_kids);
	snprintf(dir, sizeof(dir), "/tmp/mpcs_%d", (int)getpid());
	REQUIRE(mkdir(dir, 0700) == 0);
	char in[160], out[CLIENTS][160], drop[CLIENTS][160];
	snprintf(in, sizeof(in), "%s/in.pcap", dir);
	FILE *f = fopen(in, "wb");
	REQUIRE(f != NULL);
	put32(f, 0xa1b2c3d4);
	put32(f, 0x00040002);
	put32(f, 0);
	put32(f, 0);
	put32(f, 65535);
	put32(f, 1);
	uint8_t pkt[300];
	for (unsigned int i = 0; i < NPKT; i++) {
		unsigned int len = make_pkt(i, pkt);
		put32(f, 1000 + i);
		put32(f, 0);
		put32(f, len);
		put32(f, len);
		fwrite(pkt, 1, len, f);
	}
	REQUIRE(fclose(f) == 0);

	static char pfx[96], vdev0[700], vdev1[700], nohuge[] = "--no-huge";
	snprintf(pfx, sizeof(pfx), "--file-prefix=mpcs_%d", (int)getpid());
	for (int c = 0; c < CLIENTS; c++) {
		snprintf(out[c], sizeof(out[c]), "%s/out%d.pcap", dir, c);
		snprintf(drop[c], sizeof(drop[c]), "%s/back%d.pcap", dir, c);
	}
	snprintf(vdev0, sizeof(vdev0), "--vdev=net_pcap0,rx_pcap=%s,tx_pcap=%s,tx_pcap=%s", in, drop[0],
		 drop[1]);
	snprintf(vdev1, sizeof(vdev1), "--vdev=net_pcap1,tx_pcap=%s,tx_pcap=%s", out[0], out[1]);

	struct proc pr[1 + CLIENTS];
	{
		char *a[16] = { argv[1], pfx, (char *)"-l", (char *)"0", vdev0, vdev1 };
		int n = 6;
		if (test_no_huge())
			a[n++] = nohuge;
		a[n++] = (char *)"--";
		a[n++] = (char *)"-p";
		a[n++] = (char *)"3";
		a[n++] = (char *)"-n";
		a[n++] = (char *)"2";
		a[n] = NULL;
		REQUIRE(proc_start(&pr[0], a) == 0);
		kids[0] = pr[0].pid;
		if (!proc_expect(&pr[0], "Server ready", 20000)) {
			fprintf(stderr, "server did not start: %s\n", pr[0].buf);
			return 1;
		}
	}
	for (int c = 0; c < CLIENTS; c++) {
		char lc[32], id[16];
		snprintf(lc, sizeof(lc), "--lcores=%d@0", c + 1);
		snprintf(id, sizeof(id), "%d", c);
		char *a[16] = { argv[2], pfx, lc, (char *)"--proc-type=secondary" };
		int n = 4;
		if (test_no_huge())
			a[n++] = nohuge;
		a[n++] = (char *)"--";
		a[n++] = (char *)"-n";
		a[n++] = id;
		a[n] = NULL;
		REQUIRE(proc_start(&pr[1 + c], a) == 0);
		kids[1 + c] = pr[1 + c].pid;
		if (!proc_expect(&pr[1 + c], "handling packets", 20000)) {
			fprintf(stderr, "client %d did not start: %s\n", c, pr[1 + c].buf);
			return 1;
		}
	}

	/* wait (bounded) until the outputs hold every packet */
	int total = 0, per[CLIENTS] = { 0 };
	for (long end = ms_now() + 30000; ms_now() < end; usleep(20000)) {
		total = 0;
		for (int c = 0; c < CLIENTS; c++)
			total += per[c] = read_pcap(out[c], NULL, NULL) > 0 ? read_pcap(out[c], NULL, NULL) : 0;
		if (total >= NPKT)
			break;
	}
	CHECK_MSG(total == NPKT, "outputs hold %d of %d packets", total, NPKT);
	/* round-robin: client c got every other packet */
	for (int c = 0; c < CLIENTS; c++)
		CHECK_MSG(per[c] == NPKT / CLIENTS, "client %d sent %d", c, per[c]);

	for (int c = 0; c < CLIENTS; c++) {
		char line[128];
		kill(pr[1 + c].pid, SIGINT);
		CHECK_MSG(proc_expect(&pr[1 + c], "exiting", 10000), "client %d: %s", c, pr[1 + c].buf);
		CHECK(proc_wait(&pr[1 + c], 10000) == 0);
		kids[1 + c] = 0;
		(void)line;
	}
	kill(pr[0].pid, SIGINT);
	CHECK_MSG(proc_expect(&pr[0], "Server exiting", 10000), "server: %s", pr[0].buf);
	CHECK(proc_wait(&pr[0], 10000) == 0);
	kids[0] = 0;
	/* the final counters: the last PORTS block of the server's output */
	const char *last = pr[0].buf, *s;
	while ((s = strstr(last + 1, "PORTS\n")) != NULL)
		last = s;
	char want[128];
	snprintf(want, sizeof(want), "Port 0 - rx: %9d\ttx: %9d", NPKT, 0);
	CHECK_MSG(strstr(last, want) != NULL, "server: %s", last);
	snprintf(want, sizeof(want), "Port 1 - rx: %9d\ttx: %9d", 0, NPKT);
	CHECK_MSG(strstr(last, want) != NULL, "server: %s", last);
	for (int c = 0; c < CLIENTS; c++) {
		snprintf(want, sizeof(want), "Client %2d - rx: %9d, rx_drop: %9d\n            tx: %9d, tx_drop: %9d",
			 c, NPKT / CLIENTS, 0, NPKT / CLIENTS, 0);
		CHECK_MSG(strstr(last, want) != NULL, "server: %s", last);
	}

	/* contents: exactly the input, each once, flow order kept per output */
	for (int c = 0; c < CLIENTS; c++) {
		for (int k = 0; k < FLOWS; k++)
			last_seq[k] = -1;
		CHECK(read_pcap(out[c], check_rec, NULL) == NPKT / CLIENTS);
	}
	int missing = 0;
	for (int i = 0; i < NPKT; i++)
		missing += seen[i] == 0;
	CHECK_MSG(bad == 0 && dups == 0 && missing == 0, "bad %d dups %d missing %d", bad, dups, missing);
	CHECK_MSG(order == 0, "%d packets out of flow order", order);

	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	return test_done();
}
#endif
