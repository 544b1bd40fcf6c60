/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif control path: Unix sockets, the memif control channel, regions,
 * connect and disconnect (memif_proto.h has the messages; memif_int.h the
 * structures).
 *
 * Owns: the process's socket table (one entry per socket path and role:
 * listeners are shared by every server port with that path; clients open one
 * connection per port), the control channels (struct mif_cc), every fd the
 * protocol passes (region memfds, ring eventfds), and the mappings of the
 * regions. Everything here runs under mif_lock (recursive, process-local):
 * on the EAL interrupt thread for socket events and alarms, on the
 * application's thread for start/stop/close.
 *
 * Calls: libc (sockets, memfd, mmap, eventfd), rte_intr_* and
 * rte_eal_alarm_* (the EAL interrupt thread), ethdev_link_set, memif_zc.c
 * (the zero-copy data region and pool of a client connection). Never calls
 * memif.c.
 *
 * Invariants:
 *   - a port has a channel (l->cc) exactly while it is HANDSHAKE or UP;
 *   - regions are mapped and ring eventfds open only while UP or during the
 *     client's handshake; mif_disconnect() closes and unmaps all of them, so
 *     reconnecting leaks nothing;
 *   - a local queue's `up` is set only after its ring pointer, size and
 *     buffers are valid, and cleared (then `busy` drained) before anything
 *     it points to is unmapped (pair Q1/Q2, see memif.c);
 *   - nothing the peer sends is trusted: message size and type are checked
 *     before the body is read; sizes, indices and offsets are checked before
 *     anything is mapped or touched; each received fd is kept or closed.
 *
 * Shared-memory layout the client (us or the peer) builds, region 0:
 *   [C2S ring 0..nc2s-1][S2C ring 0..ns2c-1][pad to 128][buffers]
 * (a dplite zero-copy client: region 0 without the buffers; region 1 holds
 * mbuf data rooms, memif_zc.c)
 * each ring MEMIF_RING_HDR_SIZE + 16 * 2^log2 bytes; buffers bsize bytes,
 * ring by ring (C2S rings first), slot by slot. A dplite client writes each
 * descriptor from its own copy of this layout and never reads back an
 * offset; a dplite server reads the client's descriptors and checks every
 * (region, offset, length) against the region sizes it mapped.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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
#include <rte_alarm.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_interrupts.h>
#include <rte_pause.h>
#include "ethdev_driver.h"
#include "memif_int.h"


#define MIF_PENDING_MAX 16		/* accepted channels not yet bound to a port */
#define MIF_RETRY_US 100000		/* client: reconnect attempt period */
#define MIF_HANDSHAKE_MAX_NS 8000000000ull	/* give up a stalled handshake (slow servers: 8 s) */
#define MIF_DRAIN_SPINS 2000000		/* bounded wait for a burst to leave a ring */

struct mif_sock {
	TAILQ_ENTRY(mif_sock) next;
	char path[MIF_SOCK_PATH_MAX];
	int abstract;
	int listener;
	int fd;				/* listener fd, -1 for client sockets */
	struct rte_intr_handle *ih;
	TAILQ_HEAD(, mif_local) devs;
	struct mif_cc *pending[MIF_PENDING_MAX];	/* server: channels before INIT */
	struct mif_loglimit refusals;
	int dead;			/* closing: events are ignored */
};

struct mif_cc {
	int fd;
	struct rte_intr_handle *ih;
	struct mif_sock *sock;		/* server side: the listener it came from */
	struct mif_local *l;		/* the port, once INIT named it (client: always) */
	int dead;
};

static pthread_mutex_t mif_lock;
static pthread_once_t mif_lock_once = PTHREAD_ONCE_INIT;
static TAILQ_HEAD(, mif_sock) mif_socks = TAILQ_HEAD_INITIALIZER(mif_socks);

static void lock_init(void)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	/* recursive: an LSC callback run from here may query the port */
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&mif_lock, &a);
	pthread_mutexattr_destroy(&a);
}

static void mif_lock_take(void)
{
	pthread_once(&mif_lock_once, lock_init);
	pthread_mutex_lock(&mif_lock);
}

static void mif_lock_drop(void)
{
	pthread_mutex_unlock(&mif_lock);
}

#define MLOG(level, l, fmt, ...) \
	RTE_ETHDEV_LOG(level, MIF_DRV " %s: " fmt "\n", \
		       (l) ? (l)->dev->data->name : "-", ##__VA_ARGS__)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void copy_name(char *dst, size_t dlen, const uint8_t *src, size_t slen)
{
	size_t n = 0;

	while (n < slen && n + 1 < dlen && src[n] != '\0') {
		dst[n] = (src[n] >= 0x20 && src[n] < 0x7f) ? (char)src[n] : '?';
		n++;
	}
	dst[n] = '\0';
}

/* Copy a C string into a fixed wire field, NUL-terminated, truncated. */
static void name_put(uint8_t *dst, size_t dlen, const char *src)
{
	size_t n = strnlen(src, dlen - 1);

	memcpy(dst, src, n);
	memset(dst + n, 0, dlen - n);
}

/* 1: log this reason now (*repeats gets how many were held back). */
static int loglimit_pass(struct mif_loglimit *ll, const char *reason, uint32_t *repeats)
{
	uint64_t now = now_ns();

	if (strncmp(ll->last, reason, MEMIF_DISC_STRING_SZ) == 0 &&
	    now - ll->at_ns < 10000000000ull) {
		ll->repeats++;
		return 0;
	}
	*repeats = ll->repeats;
	ll->repeats = 0;
	ll->at_ns = now;
	snprintf(ll->last, sizeof(ll->last), "%s", reason);
	return 1;
}

static socklen_t sock_addr(struct sockaddr_un *un, const char *path, int abstract)
{
	size_t len = strlen(path);

	memset(un, 0, sizeof(*un));
	un->sun_family = AF_UNIX;
	if (abstract) {
		/* abstract name: a NUL, then the path bytes, no terminator */
		if (len > sizeof(un->sun_path) - 1)
			len = sizeof(un->sun_path) - 1;
		memcpy(un->sun_path + 1, path, len);
		return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
	}
	memcpy(un->sun_path, path, RTE_MIN(len, sizeof(un->sun_path) - 1));
	return (socklen_t)sizeof(*un);
}

/* ---- link ------------------------------------------------------------------------------------ */
void mif_ctl_link_publish(struct mif_local *l)
{
	int up = __atomic_load_n(&l->state, __ATOMIC_RELAXED) == MIF_UP;
	struct rte_eth_link link;

	/* ethdev compares the whole 64-bit word: zero the padding bits too */
	memset(&link, 0, sizeof(link));
	link.link_speed = up ? RTE_ETH_SPEED_NUM_100G : RTE_ETH_SPEED_NUM_NONE;
	link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	link.link_autoneg = RTE_ETH_LINK_FIXED;
	link.link_status = up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	ethdev_link_set(l->dev, &link);
}

/* ---- control channel --------------------------------------------------------------------------- */
static void cc_event(void *arg);

static void cc_release(struct rte_intr_handle *ih, void *arg)
{
	struct mif_cc *cc = arg;

	RTE_SET_USED(ih);
	close(cc->fd);
	rte_intr_instance_free(cc->ih);
	free(cc);
}

static struct mif_cc *cc_new(int fd, struct mif_sock *sock, struct mif_local *l)
{
	struct mif_cc *cc = calloc(1, sizeof(*cc));

	if (cc == NULL)
		return NULL;
	cc->fd = fd;
	cc->sock = sock;
	cc->l = l;
	cc->ih = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (cc->ih == NULL || rte_intr_fd_set(cc->ih, fd) < 0 ||
	    rte_intr_type_set(cc->ih, RTE_INTR_HANDLE_EXT) < 0 ||
	    rte_intr_callback_register(cc->ih, cc_event, cc) < 0) {
		if (cc->ih)
			rte_intr_instance_free(cc->ih);
		free(cc);
		return NULL;
	}
	return cc;
}

/* Close a channel: no more callbacks, then the fd goes. Called under
 * mif_lock, on any thread; a callback already running (or waiting for the
 * lock) sees cc->dead and returns, and the interrupt thread frees it after. */
static void cc_close(struct mif_cc *cc)
{
	if (cc == NULL || cc->dead)
		return;
	cc->dead = 1;
	if (cc->sock != NULL) {
		for (unsigned int i = 0; i < MIF_PENDING_MAX; i++)
			if (cc->sock->pending[i] == cc)
				cc->sock->pending[i] = NULL;
	}
	for (int tries = 0; tries < 1000000; tries++) {
		int rc = rte_intr_callback_unregister(cc->ih, cc_event, cc);
		if (rc >= 0) {
			cc_release(cc->ih, cc);
			return;
		}
		if (rc != -EAGAIN)
			break;
		/* the source is running: remove it when the run ends */
		if (rte_intr_callback_unregister_pending(cc->ih, cc_event, cc, cc_release) >= 0)
			return;
	}
	/* cannot happen with a registered handle; do not free what may run */
	shutdown(cc->fd, SHUT_RDWR);
}

static int cc_send(struct mif_cc *cc, const struct memif_msg *m, int fd)
{
	char ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = (void *)(uintptr_t)m, .iov_len = sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;

	if (fd >= 0) {
		memset(ctl, 0, sizeof(ctl));
		mh.msg_control = ctl;
		mh.msg_controllen = sizeof(ctl);
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	n = sendmsg(cc->fd, &mh, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (n != (ssize_t)sizeof(*m))
		return n < 0 ? -errno : -EMSGSIZE;
	return 0;
}

static void cc_send_disconnect(struct mif_cc *cc, const char *reason)
{
	struct memif_msg m;

	memset(&m, 0, sizeof(m));
	m.type = MEMIF_MSG_TYPE_DISCONNECT;
	snprintf((char *)m.u.disconnect.string, sizeof(m.u.disconnect.string), "%s", reason);
	(void)cc_send(cc, &m, -1);
}

/* 1: a message in *m (and maybe one fd in *fd), 0: nothing to read,
 * -ECONNRESET: the peer closed, -EBADMSG: not one whole message. */
static int cc_recv(struct mif_cc *cc, struct memif_msg *m, int *fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int) * 8)];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = m, .iov_len = sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf) };
	ssize_t n;

	*fd = -1;
	n = recvmsg(cc->fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (n < 0)
		return (errno == EAGAIN || errno == EINTR) ? 0 : -ECONNRESET;
	/* keep the first passed fd, close any others */
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		size_t nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < nfd; i++) {
			int f;
			memcpy(&f, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (*fd < 0)
				*fd = f;
			else
				close(f);
		}
	}
	if (n == 0)
		return -ECONNRESET;
	if (n != (ssize_t)sizeof(*m) || (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC))) {
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
		return -EBADMSG;
	}
	return 1;
}

/* ---- regions and rings -------------------------------------------------------------------------- */
static void lq_quiesce(struct mif_lq *q, struct mif_local *l)
{
	/* Q1 (control side): clear up, then wait until no burst is inside.
	 * seq_cst on both words on both sides: a burst either sees up == 0, or
	 * we see its busy == 1 and wait (store-load ordering, Dekker style). */
	__atomic_store_n(&q->up, 0, __ATOMIC_SEQ_CST);
	for (unsigned long i = 0; __atomic_load_n(&q->busy, __ATOMIC_SEQ_CST); i++) {
		if (i > MIF_DRAIN_SPINS) {
			MLOG(ERR, l, "a burst did not leave its ring; the mapping is kept");
			q->ring = NULL;
			return;
		}
		if (i > 1000)
			sched_yield();
		else
			rte_pause();
	}
}

static void regions_free(struct mif_local *l, int leak_maps)
{
	for (uint32_t i = 0; i < MIF_MAX_REGIONS; i++) {
		struct mif_region *r = &l->reg[i];
		if (r->addr != NULL && !leak_maps)
			munmap(r->addr, r->size);
		if (r->fd >= 0)
			close(r->fd);
		r->addr = NULL;
		r->size = 0;
		r->fd = -1;
	}
	l->nreg = 0;
}

static void queues_reset(struct mif_local *l)
{
	for (unsigned int d = 0; d < 2; d++) {
		struct mif_lq *qs = d ? l->txq : l->rxq;
		for (unsigned int i = 0; i < MIF_MAX_QUEUES; i++) {
			struct mif_lq *q = &qs[i];
			if (q->efd >= 0)
				close(q->efd);
			/* up and busy are read by bursts without the lock: atomics */
			__atomic_store_n(&q->up, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&q->busy, 0, __ATOMIC_RELAXED);
			q->ring = NULL;
			q->size = 0;
			q->mask = 0;
			q->last = q->head = 0;
			q->bufs = NULL;
			q->buf_off = q->bsize = 0;
			q->efd = -1;
			q->reg = NULL;
			q->nreg = 0;
			q->a_region = 0;
			q->a_offset = 0;
			q->a_log2 = 0;
			q->added = 0;
		}
	}
}

/* The end of a connection, whatever ended it. reason != NULL: tell the peer.
 * Leaves the port DOWN with nothing mapped and no fd open but the listener;
 * a started client arms its reconnect alarm. */
static void arm_retry(struct mif_local *l, uint64_t us);

static void mif_disconnect(struct mif_local *l, const char *reason, int log_it)
{
	int leak = 0;
	int was = l->state;

	/* log first: the peer may act on the DISCONNECT at once; a handshake
	 * failing the same way on every retry is logged sparingly */
	uint32_t rep = 0;
	if (log_it && reason != NULL &&
	    (was == MIF_UP || loglimit_pass(&l->peer_refusals, reason, &rep)))
		MLOG(NOTICE, l, "disconnected: %s%s", reason, rep ? " (and earlier attempts)" : "");
	if (l->cc != NULL) {
		if (reason != NULL)
			cc_send_disconnect(l->cc, reason);
		l->cc->l = NULL;
		cc_close(l->cc);
		l->cc = NULL;
	}
	for (unsigned int d = 0; d < 2; d++) {
		struct mif_lq *qs = d ? l->txq : l->rxq;
		for (unsigned int i = 0; i < MIF_MAX_QUEUES; i++) {
			lq_quiesce(&qs[i], l);
			if (qs[i].ring == NULL && qs[i].size != 0)
				leak = 1;
		}
	}
	mif_zc_release(l);	/* zero copy: every posted mbuf back, before the unmap */
	regions_free(l, leak);
	queues_reset(l);
	__atomic_store_n(&l->state, MIF_DOWN, __ATOMIC_RELAXED);
	l->step = 0;
	l->nc2s = l->ns2c = 0;
	if (reason != NULL)
		snprintf(l->p->disc_reason, sizeof(l->p->disc_reason), "%s", reason);
	if (was == MIF_UP)
		__atomic_fetch_add(&l->p->disconnects, 1, __ATOMIC_RELAXED);
	mif_ctl_link_publish(l);
	if (l->enabled && l->p->role == MIF_ROLE_CLIENT)
		arm_retry(l, MIF_RETRY_US);
}

/* A new memfd region of at least `total` bytes, sealed so the server can
 * rely on its size, mapped and populated (a page shortage is an error here,
 * not a SIGBUS later). huge: 2 MiB pages, size rounded up to them. */
static int region_new(struct mif_region *r, uint64_t total, int huge)
{
	uint64_t size = huge ? RTE_ALIGN_CEIL(total, (uint64_t)MIF_HUGE_SZ) : total;
	unsigned int flags = MFD_CLOEXEC | MFD_ALLOW_SEALING | (huge ? MIF_MFD_HUGE_2MB : 0);
	int fd = memfd_create("memif_region_0", flags), err;
	void *addr;

	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size) < 0)
		goto fail;
	(void)fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL);
	addr = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
	if (addr == MAP_FAILED)
		goto fail;
	r->fd = fd;
	r->addr = addr;
	r->size = size;
	return 0;
fail:
	err = errno;
	close(fd);
	return -err;
}

/* Client: build region 0 (rings, then buffers) in a sealed memfd. */
static int client_region_create(struct mif_local *l)
{
	uint64_t rsz = memif_ring_size(l->log2);
	uint64_t nrings = (uint64_t)l->nc2s + l->ns2c;
	uint64_t buf_off = RTE_ALIGN_CEIL(nrings * rsz, 128);
	int zc = l->p->zero_copy != 0;
	/* zero copy: region 0 holds the rings only, packet data is region 1 */
	uint64_t total = zc ? buf_off :
			 buf_off + nrings * ((uint64_t)1 << l->log2) * l->bsize;
	struct mif_region *r = &l->reg[0];

	if (total > UINT32_MAX) {
		if (!l->logged_region_fail)	/* once per start: the client retries */
			MLOG(ERR, l, "rings and buffers need %" PRIu64 " bytes, more than a "
			     "memif offset reaches (4 GiB): lower rsize, bsize or the queue count",
			     total);
		l->logged_region_fail = 1;
		return -E2BIG;
	}
	/* 2 MiB pages when the EAL uses hugepages (fewer TLB misses on the
	 * buffers), else, or when none are left, ordinary pages */
	int rc = -ENOENT;
	if (rte_eal_has_hugepages())
		rc = region_new(r, total, 1);
	if (rc < 0)
		rc = region_new(r, total, 0);
	if (rc < 0) {
		errno = -rc;
		goto fail;
	}
	l->nreg = 1;

	for (unsigned int d = 0; d < 2; d++) {
		unsigned int n = d == 0 ? l->nc2s : l->ns2c;
		/* client: tx queues feed C2S rings, rx queues read S2C rings */
		struct mif_lq *qs = d == 0 ? l->txq : l->rxq;
		for (unsigned int i = 0; i < n; i++) {
			struct mif_lq *q = &qs[i];
			uint64_t gi = (d == 0 ? 0 : l->nc2s) + i;    /* ring index in the region */
			struct memif_ring *ring = (void *)(r->addr + gi * rsz);
			q->ring = ring;
			q->size = 1u << l->log2;
			q->mask = (uint16_t)(q->size - 1);
			q->bsize = l->bsize;
			q->buf_off = zc ? 0 : (uint32_t)(buf_off + gi * q->size * l->bsize);
			q->bufs = zc ? NULL : r->addr + q->buf_off;
			q->a_offset = (uint32_t)(gi * rsz);
			q->a_region = 0;
			q->a_log2 = (uint8_t)l->log2;
			ring->flags = 0;
			__atomic_store_n(&ring->head, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&ring->tail, 0, __ATOMIC_RELAXED);
			for (uint32_t s = 0; s < q->size; s++) {
				ring->desc[s].flags = 0;
				ring->desc[s].region = 0;
				ring->desc[s].offset = zc ? 0 : q->buf_off + s * l->bsize;
				ring->desc[s].length = zc ? 0 : l->bsize;
				ring->desc[s].metadata = 0;
			}
			ring->cookie = MEMIF_COOKIE;
			q->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
			if (q->efd < 0)
				goto fail;
		}
	}
	if (zc) {
		int zrc = mif_zc_create(l, 1);	/* logs its own failure */
		if (zrc < 0) {
			l->logged_region_fail = 1;
			return zrc;
		}
		l->nreg = 2;
	}
	return 0;
fail:;
	int err = errno;
	if (!l->logged_region_fail)
		MLOG(ERR, l, "cannot create the shared region: %s", strerror(err));
	l->logged_region_fail = 1;
	return -err;
}

/* Map the region fds a client passed us, after checking each claim against
 * the fd. Then check and attach every ring. */
static const char *server_map(struct mif_local *l)
{
	for (uint32_t i = 0; i < l->nreg; i++) {
		struct mif_region *r = &l->reg[i];
		struct stat st;
		if (fstat(r->fd, &st) < 0 || !S_ISREG(st.st_mode))
			return "Region fd is not a file";
		if (r->size == 0 || (uint64_t)st.st_size < r->size)
			return "Region size exceeds its file";
		r->addr = mmap(NULL, r->size, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
		if (r->addr == MAP_FAILED) {
			r->addr = NULL;
			return "Region mmap failed";
		}
		int seals = fcntl(r->fd, F_GET_SEALS);
		if (seals < 0 || !(seals & F_SEAL_SHRINK))
			MLOG(INFO, l, "region %u is not sealed against shrinking: the peer must "
			     "keep it whole while connected", i);
	}
	for (unsigned int d = 0; d < 2; d++) {
		unsigned int n = d == 0 ? l->nc2s : l->ns2c;
		/* server: rx queues read C2S rings, tx queues feed S2C rings */
		struct mif_lq *qs = d == 0 ? l->rxq : l->txq;
		for (unsigned int i = 0; i < n; i++) {
			struct mif_lq *q = &qs[i];
			uint64_t need = (uint64_t)q->a_offset + memif_ring_size(q->a_log2);
			if (q->a_region >= l->nreg)
				return "Ring in an unknown region";
			const struct mif_region *r = &l->reg[q->a_region];
			if (need > r->size || (q->a_offset & 3))
				return "Ring outside its region";
			struct memif_ring *ring = (void *)(r->addr + q->a_offset);
			if (ring->cookie != MEMIF_COOKIE)
				return "Wrong ring cookie";
			q->ring = ring;
			q->size = 1u << q->a_log2;
			q->mask = (uint16_t)(q->size - 1);
			q->reg = l->reg;
			q->nreg = l->nreg;
			q->last = 0;
			__atomic_store_n(&ring->head, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&ring->tail, 0, __ATOMIC_RELAXED);
			if (d == 0)
				ring->flags = MEMIF_RING_FLAG_MASK_INT;   /* we poll what we receive */
		}
	}
	return NULL;
}

/* Both roles, last step: the rings are valid, open the data path. */
static void go_up(struct mif_local *l)
{
	unsigned int nrx = l->p->role == MIF_ROLE_CLIENT ? l->ns2c : l->nc2s;
	unsigned int ntx = l->p->role == MIF_ROLE_CLIENT ? l->nc2s : l->ns2c;

	__atomic_store_n(&l->bad, 0, __ATOMIC_RELAXED);
	if (l->p->role == MIF_ROLE_CLIENT) {
		/* offer every S2C slot to the server (ring head, release: the
		 * descriptors are written before the server can see them) */
		for (unsigned int i = 0; i < nrx; i++) {
			struct mif_lq *q = &l->rxq[i];
			q->ring->flags = MEMIF_RING_FLAG_MASK_INT;
			__atomic_store_n(&q->ring->tail, 0, __ATOMIC_RELAXED);
			q->last = 0;
			q->head = 0;
			q->head = q->zslot != NULL ? mif_zc_rx_fill(q, 0) : (uint16_t)q->size;
			__atomic_store_n(&q->ring->head, q->head, __ATOMIC_RELEASE);
		}
		for (unsigned int i = 0; i < ntx; i++) {
			l->txq[i].last = 0;
			__atomic_store_n(&l->txq[i].ring->head, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&l->txq[i].ring->tail, 0, __ATOMIC_RELAXED);
		}
	}
	for (unsigned int i = 0; i < nrx; i++)
		__atomic_store_n(&l->rxq[i].up, 1, __ATOMIC_SEQ_CST);
	for (unsigned int i = 0; i < ntx; i++)
		__atomic_store_n(&l->txq[i].up, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&l->state, MIF_UP, __ATOMIC_RELAXED);
	__atomic_fetch_add(&l->p->connects, 1, __ATOMIC_RELAXED);	/* xstats read it */
	l->logged_connect_fail = 0;
	memset(&l->peer_refusals, 0, sizeof(l->peer_refusals));
	if (l->sock != NULL)
		memset(&l->sock->refusals, 0, sizeof(l->sock->refusals));
	MLOG(INFO, l, "connected to %s (%s): %u rx, %u tx rings of %u slots", l->p->remote_if,
	     l->p->remote_name, nrx, ntx, 1u << l->log2);
	mif_ctl_link_publish(l);
}

/* ---- server side: messages -------------------------------------------------------------------------- */
static void hello_fill(struct memif_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->type = MEMIF_MSG_TYPE_HELLO;
	snprintf((char *)m->u.hello.name, sizeof(m->u.hello.name), "dplite");
	m->u.hello.min_version = MEMIF_VERSION;
	m->u.hello.max_version = MEMIF_VERSION;
	m->u.hello.max_region = MIF_MAX_REGIONS - 1;
	m->u.hello.max_c2s_ring = MIF_MAX_QUEUES;
	m->u.hello.max_s2c_ring = MIF_MAX_QUEUES;
	m->u.hello.max_log2_ring_size = MIF_MAX_LOG2_RING;
}

static int send_simple(struct mif_cc *cc, uint16_t type, const char *ifname)
{
	struct memif_msg m;

	memset(&m, 0, sizeof(m));
	m.type = type;
	if (ifname != NULL)
		name_put(m.u.connected.if_name, sizeof(m.u.connected.if_name), ifname);
	return cc_send(cc, &m, -1);
}


/* The tx path writes a ring's interrupt fd when the peer asks for kicks: a
 * pipe or socket passed in its place could block that write, so only an
 * eventfd is taken. */
static int is_eventfd(int fd)
{
	char path[64], target[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return access("/proc/self/fd", F_OK) != 0;	/* no /proc: cannot tell */
	target[n] = '\0';
	return strcmp(target, "anon_inode:[eventfd]") == 0;
}

/* Server side. NULL: handled; otherwise the reason to disconnect. */
static const char *server_msg(struct mif_cc *cc, const struct memif_msg *m, int *fd)
{
	struct mif_local *l = cc->l;

	if (l == NULL) {
		const struct memif_msg_init *in = &m->u.init;
		struct mif_local *it, *found = NULL;

		if (m->type != MEMIF_MSG_TYPE_INIT)
			return "Unexpected message";
		if (in->version != MEMIF_VERSION)
			return "Incompatible memif version";
		TAILQ_FOREACH(it, &cc->sock->devs, next)
			if (it->p->role == MIF_ROLE_SERVER && it->p->id == in->id)
				found = it;
		if (found == NULL || !found->enabled)
			return "ID not found";
		if (found->cc != NULL)
			return "Already connected";
		if (in->mode != MEMIF_INTERFACE_MODE_ETHERNET)
			return "Only ethernet mode supported";
		if (found->p->secret[0] != '\0') {
			if (in->secret[0] == '\0')
				return "Secret required";
			if (strncmp(found->p->secret, (const char *)in->secret, MEMIF_SECRET_SZ) != 0)
				return "Incorrect secret";
		}
		for (unsigned int i = 0; i < MIF_PENDING_MAX; i++)
			if (cc->sock->pending[i] == cc)
				cc->sock->pending[i] = NULL;
		l = found;
		cc->l = l;
		l->cc = cc;
		__atomic_store_n(&l->state, MIF_HANDSHAKE, __ATOMIC_RELAXED);
		l->hs_start = now_ns();
		l->nreg = 0;
		l->nc2s = l->ns2c = 0;
		copy_name(l->p->remote_name, sizeof(l->p->remote_name), in->name, MEMIF_NAME_SZ);
		l->p->remote_if[0] = '\0';
		arm_retry(l, MIF_RETRY_US);	/* handshake timeout */
		return send_simple(cc, MEMIF_MSG_TYPE_ACK, NULL) < 0 ? "Send failed" : NULL;
	}
	if (l->state != MIF_HANDSHAKE)
		return "Unexpected message";
	switch (m->type) {
	case MEMIF_MSG_TYPE_ADD_REGION: {
		const struct memif_msg_add_region *ar = &m->u.add_region;
		if (*fd < 0)
			return "Missing region fd";
		if (ar->index >= MIF_MAX_REGIONS)
			return "Too many regions";
		if (ar->index != l->nreg)
			return "Invalid region index";
		if (ar->size == 0 || ar->size > ((uint64_t)1 << 40))
			return "Invalid region size";
		l->reg[l->nreg].fd = *fd;
		l->reg[l->nreg].size = ar->size;
		l->nreg++;
		*fd = -1;
		break;
	}
	case MEMIF_MSG_TYPE_ADD_RING: {
		const struct memif_msg_add_ring *ar = &m->u.add_ring;
		int c2s = ar->flags & MEMIF_MSG_ADD_RING_FLAG_C2S;
		/* server: C2S rings feed our rx queues, S2C rings our tx queues */
		unsigned int nq = c2s ? l->nrxq : l->ntxq;
		struct mif_lq *q;
		if (*fd < 0)
			return "Missing interrupt fd";
		if (!is_eventfd(*fd))
			return "Interrupt fd is not an eventfd";
		if (ar->index >= nq)
			return "Too many rings";
		if (ar->log2_ring_size > MIF_MAX_LOG2_RING)
			return "Invalid ring size";
		if (ar->private_hdr_size != 0)
			return "Private headers not supported";
		q = c2s ? &l->rxq[ar->index] : &l->txq[ar->index];
		if (q->added)
			return "Ring added twice";
		q->added = 1;
		q->a_region = ar->region;
		q->a_offset = ar->offset;
		q->a_log2 = ar->log2_ring_size;
		q->efd = *fd;
		*fd = -1;
		if (c2s)
			l->nc2s = (uint16_t)RTE_MAX(l->nc2s, ar->index + 1);
		else
			l->ns2c = (uint16_t)RTE_MAX(l->ns2c, ar->index + 1);
		l->log2 = ar->log2_ring_size;
		break;
	}
	case MEMIF_MSG_TYPE_CONNECT: {
		const char *e;
		for (unsigned int i = 0; i < l->nc2s; i++)
			if (!l->rxq[i].added)
				return "Missing ring";
		for (unsigned int i = 0; i < l->ns2c; i++)
			if (!l->txq[i].added)
				return "Missing ring";
		if (l->nreg == 0)
			return "Missing region";
		copy_name(l->p->remote_if, sizeof(l->p->remote_if), m->u.connect.if_name,
			  MEMIF_NAME_SZ);
		e = server_map(l);
		if (e != NULL)
			return e;
		if (send_simple(cc, MEMIF_MSG_TYPE_CONNECTED, l->dev->data->name) < 0)
			return "Send failed";
		go_up(l);
		return NULL;
	}
	default:
		return "Unexpected message";
	}
	return send_simple(cc, MEMIF_MSG_TYPE_ACK, NULL) < 0 ? "Send failed" : NULL;
}

/* ---- client side: messages -------------------------------------------------------------------------- */
static uint32_t client_steps(const struct mif_local *l)
{
	return 1 + l->nreg + l->nc2s + l->ns2c + 1;
}

/* Send handshake message number l->step: INIT, regions, C2S rings, S2C
 * rings, CONNECT; one per message the server answers. */
static const char *client_next(struct mif_cc *cc)
{
	struct mif_local *l = cc->l;
	uint32_t k = l->step;
	struct memif_msg m;
	int fd = -1;

	memset(&m, 0, sizeof(m));
	if (k == 0) {
		m.type = MEMIF_MSG_TYPE_INIT;
		m.u.init.version = MEMIF_VERSION;
		m.u.init.id = l->p->id;
		m.u.init.mode = MEMIF_INTERFACE_MODE_ETHERNET;
		memcpy(m.u.init.secret, l->p->secret, RTE_MIN(strlen(l->p->secret),
							  sizeof(m.u.init.secret)));
		snprintf((char *)m.u.init.name, sizeof(m.u.init.name), "dplite");
	} else if (k <= l->nreg) {
		m.type = MEMIF_MSG_TYPE_ADD_REGION;
		m.u.add_region.index = (uint16_t)(k - 1);
		m.u.add_region.size = l->reg[k - 1].size;
		fd = l->reg[k - 1].fd;
	} else if (k < client_steps(l) - 1) {
		uint32_t r = k - 1 - l->nreg;
		int c2s = r < l->nc2s;
		struct mif_lq *q = c2s ? &l->txq[r] : &l->rxq[r - l->nc2s];
		m.type = MEMIF_MSG_TYPE_ADD_RING;
		m.u.add_ring.flags = c2s ? MEMIF_MSG_ADD_RING_FLAG_C2S : 0;
		m.u.add_ring.index = (uint16_t)(c2s ? r : r - l->nc2s);
		m.u.add_ring.region = q->a_region;
		m.u.add_ring.offset = q->a_offset;
		m.u.add_ring.log2_ring_size = q->a_log2;
		m.u.add_ring.private_hdr_size = 0;
		fd = q->efd;
	} else {
		m.type = MEMIF_MSG_TYPE_CONNECT;
		name_put(m.u.connect.if_name, sizeof(m.u.connect.if_name), l->dev->data->name);
	}
	if (cc_send(cc, &m, fd) < 0)
		return "Send failed";
	l->step = k + 1;
	return NULL;
}

static const char *client_msg(struct mif_cc *cc, const struct memif_msg *m)
{
	struct mif_local *l = cc->l;

	switch (m->type) {
	case MEMIF_MSG_TYPE_HELLO: {
		const struct memif_msg_hello *h = &m->u.hello;
		if (l->step != 0 || l->nreg != 0)
			return "Unexpected message";
		if (h->min_version > MEMIF_VERSION || h->max_version < MEMIF_VERSION)
			return "Incompatible memif version";
		copy_name(l->p->remote_name, sizeof(l->p->remote_name), h->name, MEMIF_NAME_SZ);
		l->nc2s = (uint16_t)RTE_MIN((unsigned int)h->max_c2s_ring + 1, l->ntxq);
		l->ns2c = (uint16_t)RTE_MIN((unsigned int)h->max_s2c_ring + 1, l->nrxq);
		l->log2 = RTE_MIN((uint32_t)h->max_log2_ring_size, l->p->log2_ring);
		l->bsize = l->p->bsize;
		if (client_region_create(l) < 0)
			return "Failed to create region";
		return client_next(cc);
	}
	case MEMIF_MSG_TYPE_ACK:
		if (l->step == 0 || l->step >= client_steps(l))
			return "Unexpected message";
		return client_next(cc);
	case MEMIF_MSG_TYPE_CONNECTED:
		if (l->step == 0 || l->step != client_steps(l) || l->state != MIF_HANDSHAKE)
			return "Unexpected message";
		copy_name(l->p->remote_if, sizeof(l->p->remote_if), m->u.connected.if_name,
			  MEMIF_NAME_SZ);
		go_up(l);
		return NULL;
	default:
		return "Unexpected message";
	}
}

/* ---- socket events -------------------------------------------------------------------------------- */
static void cc_event(void *arg)
{
	struct mif_cc *cc = arg;
	struct mif_local *l;
	struct memif_msg m;
	const char *err = NULL;
	int fd = -1, rc;

	mif_lock_take();
	if (cc->dead)
		goto out;
	rc = cc_recv(cc, &m, &fd);
	if (rc == 0)
		goto out;
	l = cc->l;
	if (rc == -ECONNRESET) {
		if (l != NULL) {
			if (l->state == MIF_UP)
				MLOG(NOTICE, l, "peer %s closed the connection", l->p->remote_if);
			snprintf(l->p->disc_reason, sizeof(l->p->disc_reason), "peer closed");
			mif_disconnect(l, NULL, 0);
		} else {
			cc_close(cc);
		}
		goto out;
	}
	if (rc == -EBADMSG) {
		err = "Invalid message size";
	} else if (m.type == MEMIF_MSG_TYPE_DISCONNECT) {
		char why[MEMIF_DISC_STRING_SZ + 1];
		copy_name(why, sizeof(why), m.u.disconnect.string, MEMIF_DISC_STRING_SZ);
		if (l != NULL) {
			uint32_t rep = 0;
			if (l->state == MIF_UP || loglimit_pass(&l->peer_refusals, why, &rep))
				MLOG(NOTICE, l, "peer disconnected: %s%s", why,
				     rep ? " (and earlier attempts)" : "");
			snprintf(l->p->disc_reason, sizeof(l->p->disc_reason), "peer: %.90s", why);
			mif_disconnect(l, NULL, 0);
		} else {
			cc_close(cc);
		}
		goto out;
	} else if (m.type == MEMIF_MSG_TYPE_NONE || m.type > MEMIF_MSG_TYPE_DISCONNECT) {
		err = "Unknown message type";
	} else if (cc->sock != NULL) {
		err = server_msg(cc, &m, &fd);
	} else {
		err = client_msg(cc, &m);
	}
	if (err != NULL) {
		l = cc->l;
		if (l != NULL) {
			mif_disconnect(l, err, 1);
		} else {
			uint32_t rep = 0;
			if (cc->sock == NULL || loglimit_pass(&cc->sock->refusals, err, &rep))
				RTE_ETHDEV_LOG(NOTICE, MIF_DRV " socket %s: refused a peer: %s%s\n",
					       cc->sock ? cc->sock->path : "?", err,
					       rep ? " (and earlier attempts)" : "");
			cc_send_disconnect(cc, err);
			cc_close(cc);
		}
	}
out:
	if (fd >= 0)
		close(fd);
	mif_lock_drop();
}

static void listener_event(void *arg)
{
	struct mif_sock *s = arg;
	struct memif_msg m;
	struct mif_cc *cc;
	int fd, slot = -1;

	mif_lock_take();
	if (s->dead)
		goto out;
	fd = accept4(s->fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		goto out;
	for (unsigned int i = 0; i < MIF_PENDING_MAX && slot < 0; i++)
		if (s->pending[i] == NULL)
			slot = (int)i;
	if (slot < 0) {
		/* every slot holds a peer that has not said INIT: drop the oldest */
		RTE_ETHDEV_LOG(NOTICE, MIF_DRV " socket %s: too many connections without "
			       "INIT, dropping one\n", s->path);
		cc_send_disconnect(s->pending[0], "Too many pending connections");
		cc_close(s->pending[0]);
		memmove(&s->pending[0], &s->pending[1], sizeof(s->pending[0]) * (MIF_PENDING_MAX - 1));
		s->pending[MIF_PENDING_MAX - 1] = NULL;
		slot = MIF_PENDING_MAX - 1;
	}
	cc = cc_new(fd, s, NULL);
	if (cc == NULL) {
		close(fd);
		goto out;
	}
	s->pending[slot] = cc;
	hello_fill(&m);
	if (cc_send(cc, &m, -1) < 0)
		cc_close(cc);
out:
	mif_lock_drop();
}

/* ---- alarms ---------------------------------------------------------------------------------------- */
static int client_try(struct mif_local *l);

static void tick_cb(void *arg)
{
	struct mif_local *l = arg;

	mif_lock_take();
	l->retry_armed = 0;
	if (!l->enabled)
		goto out;
	if (l->state == MIF_HANDSHAKE) {
		if (now_ns() - l->hs_start > MIF_HANDSHAKE_MAX_NS)
			mif_disconnect(l, "Handshake timeout", 1);
		else
			arm_retry(l, MIF_RETRY_US);
	} else if (l->state == MIF_DOWN && l->p->role == MIF_ROLE_CLIENT) {
		if (client_try(l) < 0)
			arm_retry(l, MIF_RETRY_US);
	}
out:
	mif_lock_drop();
}

static void arm_retry(struct mif_local *l, uint64_t us)
{
	if (l->retry_armed)
		return;
	if (rte_eal_alarm_set(us, tick_cb, l) == 0)
		l->retry_armed = 1;
}

static void bad_cb(void *arg)
{
	struct mif_local *l = arg;

	mif_lock_take();
	if (l->state == MIF_UP && __atomic_load_n(&l->bad, __ATOMIC_ACQUIRE))
		mif_disconnect(l, l->bad_what ? l->bad_what : "Ring protocol error", 1);
	mif_lock_drop();
}

void mif_ctl_report_bad(struct mif_local *l, const char *what)
{
	if (__atomic_exchange_n(&l->bad, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	l->bad_what = what;
	(void)rte_eal_alarm_set(1, bad_cb, l);
}

/* ---- sockets --------------------------------------------------------------------------------------- */
static int client_try(struct mif_local *l)
{
	struct sockaddr_un un;
	socklen_t len = sock_addr(&un, l->p->socket, (int)l->p->abstract);
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&un, len) < 0) {
		int err = errno;
		if (!l->logged_connect_fail)
			MLOG(INFO, l, "no server at %s%s yet (%s): retrying every %u ms",
			     l->p->abstract ? "abstract:" : "", l->p->socket, strerror(err),
			     MIF_RETRY_US / 1000);
		l->logged_connect_fail = 1;
		close(fd);
		return -err;
	}
	l->cc = cc_new(fd, NULL, l);
	if (l->cc == NULL) {
		close(fd);
		return -ENOMEM;
	}
	__atomic_store_n(&l->state, MIF_HANDSHAKE, __ATOMIC_RELAXED);
	l->hs_start = now_ns();
	l->step = 0;
	l->nreg = 0;
	arm_retry(l, MIF_RETRY_US);	/* handshake timeout */
	return 0;
}

static int listener_open(struct mif_sock *s)
{
	struct sockaddr_un un;
	socklen_t len = sock_addr(&un, s->path, s->abstract);
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -errno;
	int rc = bind(fd, (struct sockaddr *)&un, len);
	if (rc < 0 && errno == EADDRINUSE && !s->abstract) {
		/* a file left by a server that died: nobody answers on it */
		int probe = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
		struct stat st;
		if (probe >= 0 && connect(probe, (struct sockaddr *)&un, len) < 0 &&
		    errno == ECONNREFUSED && lstat(s->path, &st) == 0 && S_ISSOCK(st.st_mode)) {
			unlink(s->path);
			rc = bind(fd, (struct sockaddr *)&un, len);
		} else {
			errno = EADDRINUSE;
		}
		if (probe >= 0) {
			int e = errno;
			close(probe);
			errno = e;
		}
	}
	if (rc < 0 || listen(fd, 16) < 0) {
		int err = errno;
		close(fd);
		return -err;
	}
	s->ih = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (s->ih == NULL || rte_intr_fd_set(s->ih, fd) < 0 ||
	    rte_intr_type_set(s->ih, RTE_INTR_HANDLE_EXT) < 0 ||
	    rte_intr_callback_register(s->ih, listener_event, s) < 0) {
		if (s->ih)
			rte_intr_instance_free(s->ih);
		s->ih = NULL;
		close(fd);
		return -ENOMEM;
	}
	s->fd = fd;
	return 0;
}

static void listener_release(struct rte_intr_handle *ih, void *arg)
{
	struct mif_sock *s = arg;

	RTE_SET_USED(ih);
	close(s->fd);
	rte_intr_instance_free(s->ih);
	free(s);
}

static void sock_close(struct mif_sock *s)
{
	TAILQ_REMOVE(&mif_socks, s, next);
	if (!s->listener) {
		free(s);
		return;
	}
	for (unsigned int i = 0; i < MIF_PENDING_MAX; i++)
		if (s->pending[i] != NULL)
			cc_close(s->pending[i]);
	if (!s->abstract)
		unlink(s->path);
	s->dead = 1;	/* a listener_event already waiting returns at once */
	for (int tries = 0; tries < 1000000; tries++) {
		int rc = rte_intr_callback_unregister(s->ih, listener_event, s);
		if (rc >= 0) {
			listener_release(s->ih, s);
			return;
		}
		if (rc != -EAGAIN)
			return;
		if (rte_intr_callback_unregister_pending(s->ih, listener_event, s,
							 listener_release) >= 0)
			return;
	}
}

int mif_ctl_attach(struct mif_local *l)
{
	struct mif_sock *s;
	struct mif_local *o;
	int listener = l->p->role == MIF_ROLE_SERVER, rc;

	/* l is fresh (zeroed): no fd is open yet, 0 is not ours to close */
	for (unsigned int i = 0; i < MIF_MAX_REGIONS; i++)
		l->reg[i].fd = -1;
	for (unsigned int i = 0; i < MIF_MAX_QUEUES; i++)
		l->rxq[i].efd = l->txq[i].efd = -1;
	mif_lock_take();
	TAILQ_FOREACH(s, &mif_socks, next)
		if (s->listener == listener && s->abstract == (int)l->p->abstract &&
		    strcmp(s->path, l->p->socket) == 0)
			break;
	if (s == NULL) {
		s = calloc(1, sizeof(*s));
		if (s == NULL) {
			mif_lock_drop();
			return -ENOMEM;
		}
		snprintf(s->path, sizeof(s->path), "%s", l->p->socket);
		s->abstract = (int)l->p->abstract;
		s->listener = listener;
		s->fd = -1;
		TAILQ_INIT(&s->devs);
		if (listener) {
			rc = listener_open(s);
			if (rc < 0) {
				MLOG(ERR, l, "cannot listen on %s%s: %s", s->abstract ? "abstract:" : "",
				     s->path, strerror(-rc));
				free(s);
				mif_lock_drop();
				return rc;
			}
		}
		TAILQ_INSERT_TAIL(&mif_socks, s, next);
	}
	TAILQ_FOREACH(o, &s->devs, next)
		if (o->p->id == l->p->id) {
			MLOG(ERR, l, "id=%u is taken on %s by %s (one %s per id and socket)", l->p->id,
			     s->path, o->dev->data->name, listener ? "server" : "client");
			if (TAILQ_EMPTY(&s->devs))
				sock_close(s);
			mif_lock_drop();
			return -EEXIST;
		}
	TAILQ_INSERT_TAIL(&s->devs, l, next);
	l->sock = s;
	mif_lock_drop();
	return 0;
}

int mif_ctl_start(struct mif_local *l)
{
	mif_lock_take();
	l->enabled = 1;
	l->nrxq = l->dev->data->nb_rx_queues;
	l->ntxq = l->dev->data->nb_tx_queues;
	l->logged_connect_fail = 0;
	l->logged_region_fail = 0;
	if (l->p->role == MIF_ROLE_CLIENT && l->state == MIF_DOWN && client_try(l) < 0)
		arm_retry(l, MIF_RETRY_US);
	mif_ctl_link_publish(l);
	mif_lock_drop();
	return 0;
}

void mif_ctl_stop(struct mif_local *l)
{
	mif_lock_take();
	l->enabled = 0;
	if (l->state != MIF_DOWN || l->cc != NULL)
		mif_disconnect(l, "Device stopped", 0);
	mif_lock_drop();
	/* no alarm re-arms itself once enabled is 0, and no burst can report
	 * a fault once the queues are down: after these nothing refers to l */
	rte_eal_alarm_cancel(tick_cb, l);
	rte_eal_alarm_cancel(bad_cb, l);
	mif_lock_take();
	l->retry_armed = 0;
	mif_zc_sweep(l, 0);
	mif_lock_drop();
}

void mif_ctl_detach(struct mif_local *l)
{
	mif_ctl_stop(l);
	mif_lock_take();
	if (l->sock != NULL) {
		TAILQ_REMOVE(&l->sock->devs, l, next);
		if (TAILQ_EMPTY(&l->sock->devs))
			sock_close(l->sock);
		l->sock = NULL;
	}
	mif_zc_sweep(l, 1);
	mif_lock_drop();
}
