/* SPDX-License-Identifier: BSD-3-Clause
 * memif_peer: a scriptable memif protocol v2 peer for the net_memif tests.
 *
 * Owns: nothing in the library. It is a separate program that speaks memif
 * over a Unix socket the way DPDK 22.11's net_memif and VPP do, written from
 * the protocol facts on purpose WITHOUT drivers/net/memif/memif_proto.h, so
 * a wrong layout in the driver's header shows up as a failed handshake here
 * instead of being agreed on by both sides. It was first checked against
 * dpdk-testpmd's net_memif in both roles (see tests/memif/README.md).
 *
 * By default (--mode=good) it does the handshake correctly, then sends
 * --tx N frames of --len bytes and receives until --rx N frames came, and
 * reports.  Each other mode sends one malformed thing (list: --help) and then
 * waits for the other side to drop the connection.
 *
 * May call: libc only (no EAL: the peer must not depend on what it tests).
 *
 * Output, one line each on stdout, for the test scripts to grep:
 *   peer: connected regions=R rings=C2S/S2C ring=N bsize=B
 *   peer: rx N tx M bad K          (K: received frames whose bytes differ)
 *   peer: disconnect received: <reason>   (the other side sent DISCONNECT)
 *   peer: closed by the other side        (EOF on the control socket)
 *   peer: still connected after T ms      (hostile mode not rejected)
 * Exit: 0 the run did what the mode expects (good: the counts came; hostile:
 * the other side dropped us), 1 otherwise, 2 usage.
 *
 * Ring protocol used in the data phase (copy mode, region 0 holds the rings
 * and then the buffers, written by the client):
 *   C2S ring: the client is the producer. It fills desc[head & mask], then
 *     publishes head (release). The server reads descriptors up to head
 *     (acquire) and hands them back by storing tail (release); the client
 *     reuses slots up to tail (acquire).
 *   S2C ring: the client offers empty buffers by setting each descriptor's
 *     length to the buffer size and publishing head (release); the server
 *     fills the offered slots up to head (acquire), writes each length, and
 *     publishes tail (release); the client reads up to tail (acquire).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

/* ---- the wire format (memif protocol 2.0) -------------------------------- */
#define M_COOKIE 0x3E31F20u
#define M_VERSION ((2 << 8) | 0)
#define M_NAME 32
#define M_MSG_SIZE 128

enum { T_NONE, T_ACK, T_HELLO, T_INIT, T_ADD_REGION, T_ADD_RING, T_CONNECT, T_CONNECTED, T_DISCONNECT };

struct __attribute__((packed)) m_hello {
	uint8_t name[M_NAME];
	uint16_t min_version, max_version;
	uint16_t max_region, max_s2c_ring, max_c2s_ring; /* highest index, not count */
	uint8_t max_log2_ring_size;
};
struct __attribute__((packed)) m_init {
	uint16_t version;
	uint32_t id;
	uint8_t mode; /* 0 ethernet */
	uint8_t secret[24];
	uint8_t name[M_NAME];
};
struct __attribute__((packed)) m_add_region {
	uint16_t index;
	uint64_t size;
};
struct __attribute__((packed)) m_add_ring {
	uint16_t flags; /* 1: C2S */
	uint16_t index, region;
	uint32_t offset;
	uint8_t log2_ring_size;
	uint16_t private_hdr_size;
};
struct __attribute__((packed)) m_name { uint8_t if_name[M_NAME]; };
struct __attribute__((packed)) m_disconnect {
	uint32_t code;
	uint8_t string[96];
};
struct __attribute__((packed)) m_msg {
	uint16_t type;
	union {
		struct m_hello hello;
		struct m_init init;
		struct m_add_region add_region;
		struct m_add_ring add_ring;
		struct m_name connect, connected;
		struct m_disconnect disconnect;
		uint8_t pad[M_MSG_SIZE - 2];
	};
};
_Static_assert(sizeof(struct m_msg) == M_MSG_SIZE, "memif message is 128 bytes");
_Static_assert(sizeof(struct m_hello) == 43 && sizeof(struct m_init) == 63, "packed bodies");
_Static_assert(sizeof(struct m_add_ring) == 13 && sizeof(struct m_add_region) == 10, "packed bodies");

struct m_desc {
	uint16_t flags; /* 1: another descriptor follows (chained) */
	uint16_t region;
	uint32_t length;
	uint32_t offset;
	uint32_t metadata;
};
/* ring header: cookie/flags/head in the first cache line, tail in the
 * second, descriptors from the third (64-byte lines, as DPDK on x86 and
 * arm64 lays it out) */
struct m_ring {
	uint32_t cookie;
	uint16_t flags; /* 1: the reader polls, do not kick the eventfd */
	uint16_t head;
	uint8_t pad0[56];
	uint16_t tail;
	uint8_t pad1[62];
	struct m_desc desc[];
};
_Static_assert(sizeof(struct m_desc) == 16, "descriptor is 16 bytes");
_Static_assert(offsetof(struct m_ring, tail) == 64 && offsetof(struct m_ring, desc) == 128, "ring header");

/* ---- options -------------------------------------------------------------- */
enum mode {
	MD_GOOD, MD_BAD_SIZE, MD_UNKNOWN_TYPE, MD_DESC_OFFSET, MD_DESC_LENGTH, MD_DESC_REGION,
	MD_DESC_TX, MD_SECRET, MD_REGIONS, MD_RINGS, MD_SMALL_REGION, MD_EARLY_CONNECT,
	MD_DESC_OVERLONG,
};
static const char *const mode_names[] = {
	"good", "bad-size", "unknown-type", "desc-offset", "desc-length", "desc-region",
	"desc-tx", "secret", "regions", "rings", "small-region", "early-connect",
	"desc-overlong",
};
static const char *const mode_help[] = {
	"handshake, send --tx frames, receive --rx frames",
	"a 64-byte control message (client: INIT; server: HELLO)",
	"an unknown message type (client: after INIT's ACK; server: in place of the first ACK)",
	"a descriptor on the ring the other side reads with an offset far outside the region",
	"a descriptor whose offset+length runs past the end of the region",
	"a descriptor naming a region that was never added",
	"client only: the S2C descriptors the server writes into point outside the region",
	"client only: INIT with a secret that is not the server's (use with secret= on it)",
	"client only: ADD_REGION for index 0, 1, 2, ... up to 300",
	"client only: ADD_RING for C2S index 0, 1, 2, ... up to 299",
	"client only: ADD_REGION claims twice the size of the memfd passed with it",
	"client: CONNECT before INIT; server: CONNECTED right after HELLO",
	"server only: an S2C descriptor keeps the buffer the client offered but claims 64 bytes more",
};

static struct {
	int server;
	const char *path;
	int abstract;
	uint32_t id;
	const char *secret;
	enum mode mode;
	unsigned int log2_ring, bsize, qpairs, len;
	unsigned long tx, rx;
	long timeout_ms, hold_ms;
	int quiet;
} o = { .log2_ring = 10, .bsize = 2048, .qpairs = 1, .len = 64, .timeout_ms = 5000 };

/* ---- connection state ----------------------------------------------------- */
struct region {
	int fd;
	uint64_t size;
	uint8_t *base;
};
struct ring_ref {
	int used;
	uint16_t region;
	uint32_t offset;
	uint8_t log2;
	int evfd;
	struct m_ring *r;
	uint16_t last; /* consumer's next slot (reader) */
};
#define MAX_REGIONS 4
#define MAX_RINGS 8
static struct region regions[MAX_REGIONS];
static unsigned int nregions;
static struct ring_ref c2s[MAX_RINGS], s2c[MAX_RINGS];
static unsigned int nc2s, ns2c;
static int sock = -1;
static unsigned long n_tx, n_rx, n_bad;

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("peer: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	fflush(stdout);
	va_end(ap);
}

static int sock_addr(struct sockaddr_un *sa, socklen_t *len)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	size_t n = strlen(o.path);
	if (n + 2 > sizeof(sa->sun_path))
		return -1;
	if (o.abstract) {
		/* DPDK: leading NUL, then the name; length covers only the name */
		memcpy(sa->sun_path + 1, o.path, n);
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
	} else {
		memcpy(sa->sun_path, o.path, n);
		*len = sizeof(*sa);
	}
	return 0;
}

/* send one message of `size` bytes (128 unless a hostile mode says
 * otherwise), with `fd` in SCM_RIGHTS when fd >= 0 */
static int msg_send(const struct m_msg *m, size_t size, int fd)
{
	struct iovec iov = { (void *)(uintptr_t)m, size };
	union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } ctl;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (fd >= 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	ssize_t n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	return n == (ssize_t)size ? 0 : -1;
}

static void report_disconnect(const struct m_msg *m)
{
	char reason[97];
	memcpy(reason, m->disconnect.string, 96);
	reason[96] = 0;
	say("disconnect received: %s", reason);
}

/* wait up to `ms` for one message. 1: got one (*fd set, -1 if none);
 * 0: timeout; -1: EOF or error (reported). A DISCONNECT is reported and
 * returned as -1 too. */
static int msg_recv(struct m_msg *m, int *fd, long ms)
{
	struct pollfd p = { sock, POLLIN, 0 };
	*fd = -1;
	int pr = poll(&p, 1, (int)ms);
	if (pr == 0)
		return 0;
	if (pr < 0)
		return errno == EINTR ? 0 : -1;
	union { char buf[CMSG_SPACE(sizeof(int) * 4)]; struct cmsghdr align; } ctl;
	struct iovec iov = { m, sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
			     .msg_controllen = sizeof(ctl.buf) };
	memset(m, 0, sizeof(*m));
	ssize_t n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	if (n <= 0) {
		say("closed by the other side");
		return -1;
	}
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			int nfd = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			int fds[4];
			memcpy(fds, CMSG_DATA(c), (size_t)(nfd > 4 ? 4 : nfd) * sizeof(int));
			for (int i = 0; i < nfd && i < 4; i++) {
				if (*fd < 0)
					*fd = fds[i];
				else
					close(fds[i]);
			}
		}
	if (n != (ssize_t)sizeof(*m)) {
		say("bad message size %zd from the other side", n);
		return -1;
	}
	if (m->type == T_DISCONNECT) {
		report_disconnect(m);
		if (*fd >= 0)
			close(*fd);
		return -1;
	}
	return 1;
}

/* wait for a message of type `want`; anything else is a failure */
static int expect(int want, struct m_msg *m, int *fd)
{
	int rc = msg_recv(m, fd, o.timeout_ms);
	if (rc == 0) {
		say("timeout waiting for message type %d", want);
		return -1;
	}
	if (rc < 0)
		return -1;
	if (m->type != want) {
		say("expected message type %d, got %u", want, m->type);
		if (*fd >= 0)
			close(*fd);
		return -1;
	}
	return 0;
}

static void send_disconnect(const char *why)
{
	struct m_msg m = { .type = T_DISCONNECT };
	snprintf((char *)m.disconnect.string, sizeof(m.disconnect.string), "%s", why);
	(void)msg_send(&m, sizeof(m), -1);
}

/* After a hostile message: the other side must drop us (DISCONNECT or EOF)
 * within the timeout. Messages it sends meanwhile (an ACK it should not
 * have sent) are ignored. 0: dropped; 1: still connected. */
static int wait_dropped(void)
{
	long end = now_ms() + o.timeout_ms;
	for (;;) {
		long left = end - now_ms();
		if (left <= 0)
			break;
		struct m_msg m;
		int fd;
		int rc = msg_recv(&m, &fd, left);
		if (rc < 0)
			return 0;
		if (rc > 0) {
			if (fd >= 0)
				close(fd);
			if (!o.quiet)
				say("(message type %u while waiting to be dropped)", m.type);
		}
	}
	say("still connected after %ld ms", o.timeout_ms);
	return 1;
}

/* ---- regions and rings ---------------------------------------------------- */
static size_t ring_bytes(unsigned int log2)
{
	return sizeof(struct m_ring) + sizeof(struct m_desc) * ((size_t)1 << log2);
}

static int map_region(struct region *r)
{
	struct stat st;
	if (fstat(r->fd, &st) != 0 || (uint64_t)st.st_size < r->size) {
		say("region fd is %lld bytes, smaller than the %llu announced", (long long)st.st_size,
		    (unsigned long long)r->size);
		return -1;
	}
	r->base = mmap(NULL, r->size, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		return -1;
	}
	return 0;
}

/* the client's region 0: all C2S rings, then all S2C rings, then one
 * buffer per slot of every ring */
static int client_make_region(unsigned int nrings_each, uint64_t *claimed)
{
	size_t rb = ring_bytes(o.log2_ring);
	size_t slots = (size_t)1 << o.log2_ring;
	size_t buf_off = 2 * nrings_each * rb;
	struct region *r = &regions[0];
	r->size = buf_off + 2 * nrings_each * slots * o.bsize;
	r->fd = memfd_create("memif_peer_region", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (r->fd < 0 || ftruncate(r->fd, (off_t)r->size) != 0)
		return -1;
	r->base = mmap(NULL, r->size, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
	if (r->base == MAP_FAILED)
		return -1;
	nregions = 1;
	*claimed = r->size;
	for (unsigned int i = 0; i < 2 * nrings_each; i++) {
		struct m_ring *ring = (struct m_ring *)(r->base + i * rb);
		struct ring_ref *ref = i < nrings_each ? &c2s[i] : &s2c[i - nrings_each];
		ring->cookie = M_COOKIE;
		ring->flags = 0;
		ring->head = ring->tail = 0;
		for (size_t j = 0; j < slots; j++) {
			ring->desc[j].region = 0;
			ring->desc[j].offset = (uint32_t)(buf_off + (i * slots + j) * o.bsize);
			ring->desc[j].length = o.bsize;
			ring->desc[j].flags = 0;
		}
		ref->used = 1;
		ref->region = 0;
		ref->offset = (uint32_t)(i * rb);
		ref->log2 = (uint8_t)o.log2_ring;
		ref->r = ring;
		ref->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		ref->last = 0;
	}
	nc2s = ns2c = nrings_each;
	if (o.mode == MD_SMALL_REGION) {
		/* announce the real size, pass a file half as long */
		if (ftruncate(r->fd, (off_t)(r->size / 2)) != 0)
			return -1;
	}
	/* as DPDK does: the file can no longer shrink under the server's
	 * mapping (it would SIGBUS there) */
	if (fcntl(r->fd, F_ADD_SEALS, F_SEAL_SHRINK) != 0)
		return -1;
	return 0;
}

/* ---- frames ------------------------------------------------------------- */
/* frame k: broadcast Ethernet, type 0x88b5 (local experimental), then a
 * 32-bit sequence number and a byte pattern derived from it */
static void frame_fill(uint8_t *p, unsigned int len, uint32_t k)
{
	memset(p, 0xff, 6);
	static const uint8_t src[6] = { 0x02, 0x6d, 0x65, 0x6d, 0x69, 0x66 };
	memcpy(p + 6, src, 6);
	p[12] = 0x88, p[13] = 0xb5;
	memcpy(p + 14, &k, 4);
	for (unsigned int i = 18; i < len; i++)
		p[i] = (uint8_t)(k + i);
}

static int frame_ok(const uint8_t *p, unsigned int len)
{
	if (len < 18 || p[12] != 0x88 || p[13] != 0xb5)
		return 1; /* not one of ours: counted, not judged */
	uint32_t k;
	memcpy(&k, p + 14, 4);
	for (unsigned int i = 18; i < len; i++)
		if (p[i] != (uint8_t)(k + i))
			return 0;
	return 1;
}

/* a descriptor from the other side, checked against our own mapping */
static uint8_t *desc_buf(const struct m_desc *d, uint32_t len)
{
	if (d->region >= nregions || regions[d->region].base == NULL)
		return NULL;
	uint64_t end = (uint64_t)d->offset + len;
	if (end > regions[d->region].size)
		return NULL;
	return regions[d->region].base + d->offset;
}

/* the ring we produce on and the ring we read from, by role */
static struct ring_ref *tx_ring(unsigned int q) { return o.server ? &s2c[q] : &c2s[q]; }
static struct ring_ref *rx_ring(unsigned int q) { return o.server ? &c2s[q] : &s2c[q]; }

static void kick(struct ring_ref *ref)
{
	uint64_t one = 1;
	if (!(__atomic_load_n(&ref->r->flags, __ATOMIC_RELAXED) & 1) && ref->evfd >= 0)
		(void)!write(ref->evfd, &one, sizeof(one));
}

/* send up to n frames on queue q; returns how many went */
static unsigned int do_tx(unsigned int q, unsigned int n, uint32_t first)
{
	struct ring_ref *ref = tx_ring(q);
	struct m_ring *r = ref->r;
	uint16_t mask = (uint16_t)((1u << ref->log2) - 1), slot, room;
	unsigned int sent = 0;
	if (!o.server) {
		/* C2S producer: slots free up to tail + ring size (T1: the
		 * acquire on tail pairs with the server's release, so the
		 * server is done with those buffers) */
		slot = r->head;
		room = (uint16_t)((mask + 1) - (uint16_t)(slot - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE)));
	} else {
		/* S2C producer: slots the client offered, up to its head (H1) */
		slot = r->tail;
		room = (uint16_t)(__atomic_load_n(&r->head, __ATOMIC_ACQUIRE) - slot);
	}
	while (sent < n && room) {
		struct m_desc *d = &r->desc[slot & mask];
		uint32_t cap = o.server ? d->length : o.bsize;
		uint32_t len = o.len < cap ? o.len : cap;
		uint8_t *p = desc_buf(d, len);
		if (p == NULL) {
			say("the other side offered a descriptor outside the region (region %u offset %u)",
			    d->region, d->offset);
			return sent;
		}
		frame_fill(p, len, first + sent);
		d->length = len;
		d->flags = 0;
		slot++, room--, sent++;
	}
	/* R1: publish the filled descriptors (pairs with the reader's acquire) */
	if (!o.server)
		__atomic_store_n(&r->head, slot, __ATOMIC_RELEASE);
	else
		__atomic_store_n(&r->tail, slot, __ATOMIC_RELEASE);
	if (sent)
		kick(ref);
	return sent;
}

static unsigned int do_rx(unsigned int q)
{
	struct ring_ref *ref = rx_ring(q);
	struct m_ring *r = ref->r;
	uint16_t mask = (uint16_t)((1u << ref->log2) - 1), cur = ref->last, last;
	unsigned int got = 0;
	uint64_t junk;
	if (ref->evfd >= 0)
		(void)!read(ref->evfd, &junk, sizeof(junk));
	if (o.server)
		last = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE); /* pairs with the client's R1 */
	else
		last = __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE);
	while (cur != last) {
		struct m_desc *d = &r->desc[cur & mask];
		uint8_t *p = desc_buf(d, d->length);
		if (p == NULL || !frame_ok(p, d->length))
			n_bad++;
		cur++, got++;
	}
	ref->last = cur;
	if (o.server) {
		/* hand the slots back (T1) */
		__atomic_store_n(&r->tail, cur, __ATOMIC_RELEASE);
	} else {
		/* offer every slot up to last-read + ring size again (H1) */
		uint16_t head = r->head;
		while ((uint16_t)(head - cur) < (uint16_t)(mask + 1)) {
			r->desc[head & mask].length = o.bsize;
			head++;
		}
		__atomic_store_n(&r->head, head, __ATOMIC_RELEASE);
	}
	return got;
}

/* ---- hostile descriptors --------------------------------------------------- */
/* Put one bad descriptor on the ring the other side reads and publish it. */
static void write_bad_desc(void)
{
	struct ring_ref *ref = tx_ring(0);
	struct m_ring *r = ref->r;
	uint16_t mask = (uint16_t)((1u << ref->log2) - 1);
	uint64_t rsize = regions[0].size;
	uint16_t slot;
	if (!o.server) {
		slot = r->head;
	} else {
		/* wait (bounded) until the client offers a slot */
		long end = now_ms() + o.timeout_ms;
		while (__atomic_load_n(&r->head, __ATOMIC_ACQUIRE) == r->tail && now_ms() < end)
			usleep(1000);
		slot = r->tail;
	}
	struct m_desc *d = &r->desc[slot & mask];
	switch (o.mode) {
	case MD_DESC_OFFSET:
		d->offset = 0xfffff000u;
		d->length = 64;
		break;
	case MD_DESC_LENGTH:
		d->offset = (uint32_t)(rsize - 32);
		d->length = o.bsize;
		break;
	case MD_DESC_OVERLONG:
		d->length += 64;	/* region and offset as the client offered */
		break;
	default: /* MD_DESC_REGION */
		d->region = 3;
		d->length = 64;
		break;
	}
	d->flags = 0;
	if (!o.server)
		__atomic_store_n(&r->head, (uint16_t)(slot + 1), __ATOMIC_RELEASE);
	else
		__atomic_store_n(&r->tail, (uint16_t)(slot + 1), __ATOMIC_RELEASE);
	kick(ref);
	say("wrote a %s descriptor at slot %u", mode_names[o.mode], slot);
}

/* client, desc-tx: every S2C descriptor points past the region */
static void spoil_s2c(void)
{
	struct m_ring *r = s2c[0].r;
	for (unsigned int j = 0; j < (1u << o.log2_ring); j++)
		r->desc[j].offset = 0xfffff000u;
	say("pointed every S2C descriptor outside the region");
}

/* ---- handshakes ----------------------------------------------------------- */
static int client_handshake(void)
{
	struct m_msg m;
	int fd;
	if (expect(T_HELLO, &m, &fd) < 0)
		return -1;
	if (m.hello.min_version > M_VERSION || m.hello.max_version < M_VERSION) {
		say("hello: versions %#x..%#x do not include 2.0", m.hello.min_version, m.hello.max_version);
		return -1;
	}
	unsigned int each = o.qpairs;
	if (each > (unsigned int)m.hello.max_c2s_ring + 1)
		each = (unsigned int)m.hello.max_c2s_ring + 1;
	if (each > (unsigned int)m.hello.max_s2c_ring + 1)
		each = (unsigned int)m.hello.max_s2c_ring + 1;
	if (each > MAX_RINGS)
		each = MAX_RINGS;
	if (o.log2_ring > m.hello.max_log2_ring_size)
		o.log2_ring = m.hello.max_log2_ring_size;

	if (o.mode == MD_EARLY_CONNECT) {
		m = (struct m_msg){ .type = T_CONNECT };
		snprintf((char *)m.connect.if_name, M_NAME, "memif_peer");
		(void)msg_send(&m, sizeof(m), -1);
		say("sent CONNECT before INIT");
		return 1;
	}
	m = (struct m_msg){ .type = T_INIT };
	m.init.version = M_VERSION;
	m.init.id = o.id;
	m.init.mode = 0;
	if (o.secret)
		snprintf((char *)m.init.secret, sizeof(m.init.secret), "%s", o.secret);
	snprintf((char *)m.init.name, M_NAME, "memif_peer");
	if (o.mode == MD_SECRET)
		snprintf((char *)m.init.secret, sizeof(m.init.secret), "not-the-secret-%d", (int)getpid());
	if (o.mode == MD_BAD_SIZE) {
		(void)msg_send(&m, 64, -1);
		say("sent a 64-byte INIT");
		return 1;
	}
	if (msg_send(&m, sizeof(m), -1) < 0 || expect(T_ACK, &m, &fd) < 0)
		return -1;
	if (o.mode == MD_UNKNOWN_TYPE) {
		m = (struct m_msg){ .type = 0x77 };
		(void)msg_send(&m, sizeof(m), -1);
		say("sent message type 0x77");
		return 1;
	}
	if (o.mode == MD_REGIONS) {
		/* the same real region, announced under ever higher indices */
		uint64_t claimed;
		if (client_make_region(each, &claimed) < 0)
			return -1;
		for (unsigned int i = 0; i < 300; i++) {
			m = (struct m_msg){ .type = T_ADD_REGION };
			m.add_region.index = (uint16_t)i;
			m.add_region.size = claimed;
			if (msg_send(&m, sizeof(m), regions[0].fd) < 0 || expect(T_ACK, &m, &fd) < 0) {
				say("dropped after ADD_REGION index %u", i);
				return 2;
			}
		}
		say("300 regions accepted");
		return 1;
	}
	uint64_t claimed;
	if (client_make_region(each, &claimed) < 0) {
		say("cannot make the region: %s", strerror(errno));
		return -1;
	}
	m = (struct m_msg){ .type = T_ADD_REGION };
	m.add_region.index = 0;
	m.add_region.size = claimed;
	if (msg_send(&m, sizeof(m), regions[0].fd) < 0 || expect(T_ACK, &m, &fd) < 0)
		return o.mode == MD_SMALL_REGION ? 2 : -1;
	unsigned int nr = o.mode == MD_RINGS ? 150 : each;
	for (unsigned int i = 0; i < 2 * nr; i++) {
		int is_c2s = o.mode == MD_RINGS ? 1 : i < nr;
		unsigned int idx = o.mode == MD_RINGS ? i : (is_c2s ? i : i - nr);
		/* rings mode: every announcement reuses ring 0's place and eventfd */
		struct ring_ref *ref = o.mode == MD_RINGS ? &c2s[0] : is_c2s ? &c2s[idx] : &s2c[idx];
		m = (struct m_msg){ .type = T_ADD_RING };
		m.add_ring.flags = is_c2s ? 1 : 0;
		m.add_ring.index = (uint16_t)idx;
		m.add_ring.region = ref->region;
		m.add_ring.offset = ref->offset;
		m.add_ring.log2_ring_size = ref->log2;
		m.add_ring.private_hdr_size = 0;
		if (msg_send(&m, sizeof(m), ref->evfd) < 0 || expect(T_ACK, &m, &fd) < 0) {
			if (o.mode == MD_RINGS) {
				say("dropped after ADD_RING index %u", idx);
				return 2;
			}
			return -1;
		}
	}
	if (o.mode == MD_RINGS) {
		say("300 rings accepted");
		return 1;
	}
	m = (struct m_msg){ .type = T_CONNECT };
	snprintf((char *)m.connect.if_name, M_NAME, "memif_peer");
	if (msg_send(&m, sizeof(m), -1) < 0 || expect(T_CONNECTED, &m, &fd) < 0)
		return o.mode == MD_SMALL_REGION ? 2 : -1;
	return 0;
}

static int server_handshake(void)
{
	struct m_msg m = { .type = T_HELLO };
	int fd;
	snprintf((char *)m.hello.name, M_NAME, "memif_peer");
	m.hello.min_version = m.hello.max_version = M_VERSION;
	m.hello.max_region = MAX_REGIONS - 1;
	m.hello.max_c2s_ring = m.hello.max_s2c_ring = (uint16_t)(o.qpairs - 1);
	m.hello.max_log2_ring_size = 14;
	if (o.mode == MD_BAD_SIZE) {
		(void)msg_send(&m, 64, -1);
		say("sent a 64-byte HELLO");
		return 1;
	}
	if (msg_send(&m, sizeof(m), -1) < 0)
		return -1;
	if (o.mode == MD_EARLY_CONNECT) {
		m = (struct m_msg){ .type = T_CONNECTED };
		snprintf((char *)m.connected.if_name, M_NAME, "memif_peer");
		(void)msg_send(&m, sizeof(m), -1);
		say("sent CONNECTED right after HELLO");
		return 1;
	}
	if (expect(T_INIT, &m, &fd) < 0)
		return -1;
	if (m.init.version != M_VERSION || m.init.id != o.id) {
		send_disconnect("memif_peer: wrong version or id");
		say("init: version %#x id %u refused", m.init.version, m.init.id);
		return -1;
	}
	if (o.secret && strncmp((char *)m.init.secret, o.secret, sizeof(m.init.secret)) != 0) {
		send_disconnect("Incorrect secret");
		say("init: wrong secret");
		return -1;
	}
	if (o.mode == MD_UNKNOWN_TYPE) {
		m = (struct m_msg){ .type = 0x77 };
		(void)msg_send(&m, sizeof(m), -1);
		say("sent message type 0x77");
		return 1;
	}
	m = (struct m_msg){ .type = T_ACK };
	if (msg_send(&m, sizeof(m), -1) < 0)
		return -1;
	for (;;) {
		if (msg_recv(&m, &fd, o.timeout_ms) <= 0) {
			say("handshake did not finish");
			return -1;
		}
		if (m.type == T_ADD_REGION) {
			if (fd < 0 || m.add_region.index != nregions || nregions >= MAX_REGIONS) {
				send_disconnect("memif_peer: bad region");
				return -1;
			}
			regions[nregions].fd = fd;
			regions[nregions].size = m.add_region.size;
			nregions++;
		} else if (m.type == T_ADD_RING) {
			struct m_add_ring *a = &m.add_ring;
			struct ring_ref *tab = (a->flags & 1) ? c2s : s2c;
			if (fd < 0 || a->index >= o.qpairs || a->index >= MAX_RINGS || tab[a->index].used) {
				send_disconnect("memif_peer: bad ring");
				return -1;
			}
			tab[a->index] = (struct ring_ref){ 1, a->region, a->offset, a->log2_ring_size, fd, NULL, 0 };
			if (a->flags & 1)
				nc2s++;
			else
				ns2c++;
		} else if (m.type == T_CONNECT) {
			break;
		} else {
			say("unexpected message type %u during the handshake", m.type);
			return -1;
		}
		m = (struct m_msg){ .type = T_ACK };
		if (msg_send(&m, sizeof(m), -1) < 0)
			return -1;
	}
	for (unsigned int i = 0; i < nregions; i++)
		if (map_region(&regions[i]) < 0) {
			send_disconnect("memif_peer: cannot map region");
			return -1;
		}
	for (unsigned int i = 0; i < 2 * MAX_RINGS; i++) {
		struct ring_ref *ref = i < MAX_RINGS ? &c2s[i] : &s2c[i - MAX_RINGS];
		if (!ref->used)
			continue;
		if (ref->region >= nregions || ref->log2 > 15 ||
		    (uint64_t)ref->offset + ring_bytes(ref->log2) > regions[ref->region].size) {
			send_disconnect("memif_peer: ring outside region");
			return -1;
		}
		ref->r = (struct m_ring *)(regions[ref->region].base + ref->offset);
		if (ref->r->cookie != M_COOKIE) {
			send_disconnect("memif_peer: bad ring cookie");
			return -1;
		}
		ref->last = 0;
	}
	if (nc2s == 0 || ns2c == 0) {
		send_disconnect("memif_peer: no rings");
		return -1;
	}
	m = (struct m_msg){ .type = T_CONNECTED };
	snprintf((char *)m.connected.if_name, M_NAME, "memif_peer");
	return msg_send(&m, sizeof(m), -1);
}

/* ---- main ----------------------------------------------------------------- */
static void usage(FILE *f)
{
	fprintf(f, "usage: memif_peer --role=client|server --socket=PATH [--abstract] [--id=N]\n"
		   "         [--secret=S] [--mode=M] [--rsize=LOG2] [--bsize=N] [--qpairs=N]\n"
		   "         [--tx=N] [--rx=N] [--len=N] [--timeout=MS] [--hold=MS] [--quiet]\n"
		   "modes:\n");
	for (unsigned int i = 0; i < sizeof(mode_names) / sizeof(mode_names[0]); i++)
		fprintf(f, "  %-14s %s\n", mode_names[i], mode_help[i]);
}

static int parse(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", 1, NULL, 'r' }, { "socket", 1, NULL, 's' }, { "abstract", 0, NULL, 'a' },
		{ "id", 1, NULL, 'i' }, { "secret", 1, NULL, 'S' }, { "mode", 1, NULL, 'm' },
		{ "rsize", 1, NULL, 'R' }, { "bsize", 1, NULL, 'b' }, { "qpairs", 1, NULL, 'q' },
		{ "tx", 1, NULL, 't' }, { "rx", 1, NULL, 'x' }, { "len", 1, NULL, 'l' },
		{ "timeout", 1, NULL, 'T' }, { "hold", 1, NULL, 'H' }, { "quiet", 0, NULL, 'Q' },
		{ "help", 0, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c, role = -1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			role = !strcmp(optarg, "server") ? 1 : !strcmp(optarg, "client") ? 0 : -1;
			if (role < 0)
				return -1;
			break;
		case 's': o.path = optarg; break;
		case 'a': o.abstract = 1; break;
		case 'i': o.id = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'S': o.secret = optarg; break;
		case 'm': {
			unsigned int i, n = sizeof(mode_names) / sizeof(mode_names[0]);
			for (i = 0; i < n && strcmp(optarg, mode_names[i]); i++)
				;
			if (i == n)
				return -1;
			o.mode = (enum mode)i;
			break;
		}
		case 'R': o.log2_ring = (unsigned int)atoi(optarg); break;
		case 'b': o.bsize = (unsigned int)atoi(optarg); break;
		case 'q': o.qpairs = (unsigned int)atoi(optarg); break;
		case 't': o.tx = strtoul(optarg, NULL, 0); break;
		case 'x': o.rx = strtoul(optarg, NULL, 0); break;
		case 'l': o.len = (unsigned int)atoi(optarg); break;
		case 'T': o.timeout_ms = atol(optarg); break;
		case 'H': o.hold_ms = atol(optarg); break;
		case 'Q': o.quiet = 1; break;
		case 'h': usage(stdout); exit(0);
		default: return -1;
		}
	}
	if (role < 0 || !o.path || o.qpairs < 1 || o.qpairs > MAX_RINGS || o.log2_ring < 1 ||
	    o.log2_ring > 14 || o.bsize < 64 || o.len < 18 || o.len > o.bsize)
		return -1;
	o.server = role;
	int client_only = o.mode == MD_DESC_TX || o.mode == MD_SECRET || o.mode == MD_REGIONS ||
			  o.mode == MD_RINGS || o.mode == MD_SMALL_REGION;
	if (!o.server && o.mode == MD_DESC_OVERLONG) {
		fprintf(stderr, "memif_peer: --mode=%s is for --role=server\n", mode_names[o.mode]);
		return -1;
	}
	if (o.server && client_only) {
		fprintf(stderr, "memif_peer: --mode=%s is for --role=client\n", mode_names[o.mode]);
		return -1;
	}
	return 0;
}

static int open_channel(void)
{
	struct sockaddr_un sa;
	socklen_t len;
	if (sock_addr(&sa, &len) < 0)
		return -1;
	long end = now_ms() + o.timeout_ms;
	if (o.server) {
		int ls = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
		if (!o.abstract)
			unlink(o.path);
		if (ls < 0 || bind(ls, (struct sockaddr *)&sa, len) < 0 || listen(ls, 1) < 0) {
			say("cannot listen on %s: %s", o.path, strerror(errno));
			return -1;
		}
		say("listening on %s", o.path);
		struct pollfd p = { ls, POLLIN, 0 };
		if (poll(&p, 1, (int)o.timeout_ms) != 1) {
			say("nobody connected within %ld ms", o.timeout_ms);
			close(ls);
			return -1;
		}
		sock = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
		close(ls);
		if (!o.abstract)
			unlink(o.path);
		return sock < 0 ? -1 : 0;
	}
	for (;;) {
		sock = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
		if (sock >= 0 && connect(sock, (struct sockaddr *)&sa, len) == 0)
			return 0;
		if (sock >= 0)
			close(sock);
		sock = -1;
		if (now_ms() >= end) {
			say("cannot connect to %s within %ld ms", o.path, o.timeout_ms);
			return -1;
		}
		usleep(20000);
	}
}

/* The data phase: send --tx frames (as room allows), count received ones,
 * until both counts are met or the timeout, or the other side drops us. */
static int data_phase(void)
{
	long end = now_ms() + o.timeout_ms;
	unsigned int nq = nc2s < ns2c ? nc2s : ns2c;
	int dropped = 0;
	if (o.mode == MD_DESC_OFFSET || o.mode == MD_DESC_LENGTH || o.mode == MD_DESC_REGION ||
	    o.mode == MD_DESC_OVERLONG) {
		write_bad_desc();
		return wait_dropped() ? 1 : 0;
	}
	if (o.mode == MD_DESC_TX)
		spoil_s2c();
	while (now_ms() < end) {
		for (unsigned int q = 0; q < nq; q++) {
			if (n_tx < o.tx) {
				unsigned long want = o.tx - n_tx;
				n_tx += do_tx(q, want > 32 ? 32 : (unsigned int)want, (uint32_t)n_tx);
			}
			n_rx += do_rx(q);
		}
		if (o.mode == MD_GOOD && n_tx >= o.tx && n_rx >= o.rx && o.hold_ms == 0)
			break;
		struct m_msg m;
		int fd;
		int rc = msg_recv(&m, &fd, 0);
		if (rc < 0) {
			dropped = 1;
			break;
		}
		if (rc > 0 && fd >= 0)
			close(fd);
		if (n_tx >= o.tx && n_rx >= o.rx && o.hold_ms > 0) {
			/* counts met: stay connected --hold ms more, then leave */
			if (end > now_ms() + o.hold_ms)
				end = now_ms() + o.hold_ms;
		}
		usleep(200);
	}
	say("rx %lu tx %lu bad %lu", n_rx, n_tx, n_bad);
	if (o.mode == MD_DESC_TX) {
		if (!dropped)
			say("still connected after %ld ms", o.timeout_ms);
		return dropped ? 0 : 1;
	}
	if (!dropped)
		send_disconnect("memif_peer: done");
	return (n_tx >= o.tx && n_rx >= o.rx && n_bad == 0) ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (parse(argc, argv) < 0) {
		usage(stderr);
		return 2;
	}
	for (unsigned int i = 0; i < MAX_RINGS; i++)
		c2s[i].evfd = s2c[i].evfd = -1;
	if (open_channel() < 0)
		return 1;
	int rc = o.server ? server_handshake() : client_handshake();
	if (rc < 0) {
		if (o.mode == MD_GOOD)
			return 1;
		/* a hostile mode may be refused before its own step: that is a drop too */
		return 0;
	}
	if (rc == 2)
		return 0; /* refused at the hostile step (already reported) */
	if (rc == 1)
		return wait_dropped();
	say("connected regions=%u rings=%u/%u ring=%u bsize=%u", nregions, nc2s, ns2c,
	    1u << (o.server ? c2s[0].log2 : o.log2_ring), o.bsize);
	return data_phase();
}
