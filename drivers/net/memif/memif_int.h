/* SPDX-License-Identifier: BSD-3-Clause
 * net_memif internals shared by memif.c (ethdev ops, data path, probe) and
 * memif_ctl.c (Unix sockets, the control channel, regions, connect and
 * disconnect). Not installed. memif_ctl.c never calls into memif.c.
 *
 * Process-local vs shared:
 *   dev->data->dev_private  struct mif_priv  (shared: arguments, peer names)
 *   dev->data->rx/tx_queues struct mif_queue (shared: stats first, mempool)
 *   dev->process_private    struct mif_local (this process: sockets, fds,
 *                           mappings, per-queue ring pointers)
 * Only the primary process drives a memif port (the peer talks to one
 * process; fds and mappings are not shared); a secondary's probe fails.
 *
 * Locking: every control-path change (probe, start, stop, close, messages,
 * alarms) runs under mif_lock (memif_ctl.c), a process-local mutex. The data
 * path takes no lock: each local queue has an `up` word the control path
 * clears before it unmaps anything, and a `busy` word a burst holds while it
 * touches the ring (the Q1/Q2 pair in memif.c).
 */
#ifndef DPLITE_MEMIF_INT_H
#define DPLITE_MEMIF_INT_H

#include <stdint.h>
#include <sys/queue.h>
#include <sys/un.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <rte_ether.h>
#include "memif_proto.h"

/* memfd and sealing constants for libc headers that predate them (the
 * kernel's values); shared by the copy-mode and zero-copy regions */
#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 0x0001U
#endif
#ifndef MFD_ALLOW_SEALING
#define MFD_ALLOW_SEALING 0x0002U
#endif
#ifndef MFD_HUGETLB
#define MFD_HUGETLB 0x0004U
#endif
#ifndef F_ADD_SEALS
#define F_ADD_SEALS (1024 + 9)
#define F_GET_SEALS (1024 + 10)
#define F_SEAL_SEAL 0x0001
#define F_SEAL_SHRINK 0x0002
#define F_SEAL_GROW 0x0004
#endif
#define MIF_HUGE_SZ (2u << 20)
#define MIF_MFD_HUGE_2MB (MFD_HUGETLB | (21u << 26))	/* MFD_HUGE_SHIFT 26, log2(2 MiB) */

struct rte_eth_dev;
struct rte_mempool;
struct rte_intr_handle;

#define MIF_DRV			"net_memif"
#define MIF_MAX_QUEUES		255	/* per direction (DPDK: ETH_MEMIF_MAX_NUM_Q_PAIRS) */
#define MIF_MAX_REGIONS		256	/* DPDK: ETH_MEMIF_MAX_REGION_NUM */
#define MIF_MAX_LOG2_RING	14
#define MIF_DFLT_LOG2_RING	10
#define MIF_DFLT_BSIZE		2048
#define MIF_DFLT_SOCKET		"/run/memif.sock"
#define MIF_SOCK_PATH_MAX	(sizeof(((struct sockaddr_un *)0)->sun_path))
#define MIF_MAX_CHAIN		512	/* buffers one transmitted packet may span */

enum mif_role { MIF_ROLE_SERVER = 0, MIF_ROLE_CLIENT = 1 };

/* Connection state of a port (mif_local.state). */
enum mif_state {
	MIF_DOWN = 0,		/* no channel */
	MIF_HANDSHAKE,		/* channel open, not connected yet */
	MIF_UP,			/* rings mapped, link up */
};

/* dev_private: the arguments (shared memory). */
struct mif_priv {
	uint32_t id;
	uint32_t role;			/* enum mif_role */
	uint32_t abstract;		/* socket-abstract=yes */
	uint32_t zero_copy;
	uint32_t log2_ring;		/* rsize */
	uint32_t bsize;
	char socket[MIF_SOCK_PATH_MAX];
	char secret[MEMIF_SECRET_SZ + 1];
	struct rte_ether_addr mac;
	char remote_name[MEMIF_NAME_SZ + 1];
	char remote_if[MEMIF_NAME_SZ + 1];
	char disc_reason[MEMIF_DISC_STRING_SZ + 1];	/* last disconnect, either side */
	uint64_t connects, disconnects;
};

/* One mapped region in this process. */
struct mif_region {
	uint8_t *addr;		/* NULL: not mapped */
	uint64_t size;		/* bytes mapped (the peer's claim, checked against the fd) */
	int fd;			/* -1: none */
};

/* Per-queue fast-path state (process-local). */
struct mif_lq {
	uint32_t up;		/* Q1: set (seq_cst) after everything below is valid */
	uint32_t busy;		/* Q2: a burst is inside the ring */
	struct memif_ring *ring;
	uint32_t size;		/* slots */
	uint16_t mask;
	uint16_t last;		/* rx: next slot to read; tx: next slot to fill */
	uint16_t head;		/* client rx (S2C): next slot to offer */
	uint8_t *bufs;		/* client: this ring's own buffers, slot s at s * bsize */
	uint32_t buf_off;	/* client: region-0 offset of bufs */
	uint32_t bsize;
	int efd;		/* the ring's interrupt eventfd, -1: none */
	/* server only: the peer's region table, validated at connect */
	const struct mif_region *reg;
	uint32_t nreg;
	/* ring as announced by ADD_RING (server), before connect */
	uint16_t a_region;
	uint32_t a_offset;
	uint8_t a_log2;
	uint8_t added;
	/* client zero copy (memif_zc.c), NULL zslot: copy mode */
	struct rte_mbuf **zslot;	/* the mbuf posted on each slot, NULL: none */
	struct rte_mempool *zmp;	/* this connection's pinned-extbuf pool */
	uint8_t *zbase;			/* the data region's mapping */
	uint32_t zlen;			/* rx: bytes offered per buffer (bsize) */
	uint16_t zreg;			/* the data region's index */
	uint16_t zdone;			/* tx: next slot to reclaim */
} __attribute__((aligned(64)));

struct mif_cc;
struct mif_sock;
struct mif_zc;
struct rte_mbuf;

/* One line per distinct reason, then at most one per 10 s for a repeat: a
 * client retrying every 100 ms against a refusing server must not flood. */
struct mif_loglimit {
	char last[MEMIF_DISC_STRING_SZ + 1];
	uint64_t at_ns;
	uint32_t repeats;
};

/* process_private */
struct mif_local {
	struct rte_eth_dev *dev;
	struct mif_priv *p;
	struct mif_sock *sock;
	TAILQ_ENTRY(mif_local) next;	/* in sock->devs */
	struct mif_cc *cc;		/* the channel while HANDSHAKE or UP */
	int state;			/* enum mif_state */
	int enabled;			/* started: server accepts, client connects */
	int retry_armed;		/* client: reconnect alarm pending */
	uint32_t bad;			/* data path saw a protocol error (atomic) */
	int logged_connect_fail;
	int logged_region_fail;		/* client: region creation failure logged since start */
	const char *bad_what;		/* what the data path saw (static string) */
	uint64_t hs_start;		/* CLOCK_MONOTONIC ns the handshake began */
	struct mif_loglimit peer_refusals;	/* a refusing server, logged sparingly */
	/* run parameters of the current connection */
	uint32_t log2;
	uint32_t bsize;
	uint16_t nc2s, ns2c;
	uint32_t step;			/* client: next handshake message to send */
	struct mif_region reg[MIF_MAX_REGIONS];
	uint32_t nreg;
	uint16_t nrxq, ntxq;		/* configured queue counts */
	struct mif_lq rxq[MIF_MAX_QUEUES];
	struct mif_lq txq[MIF_MAX_QUEUES];
	/* zero copy (client): this connection's data area, and older ones
	 * whose mbufs the application still holds (memif_zc.c) */
	struct mif_zc *zc;
	struct mif_zc *zc_retired;
	uint32_t zc_gen;
};

/* ---- memif_ctl.c ---- */
/* Create or join the socket for a new port (probe). 0 or -errno, one log line. */
int mif_ctl_attach(struct mif_local *l);
/* Leave the socket (close); the last port on a socket closes it. */
void mif_ctl_detach(struct mif_local *l);
/* dev_start: server accepts from now on; client connects (and keeps retrying). */
int mif_ctl_start(struct mif_local *l);
/* dev_stop: disconnect, stop accepting/retrying. */
void mif_ctl_stop(struct mif_local *l);
/* Link state of the port from its connection state. */
void mif_ctl_link_publish(struct mif_local *l);
/* Data path: a burst found the peer breaking the ring protocol; the control
 * thread disconnects with one log line (callable from any lcore). */
void mif_ctl_report_bad(struct mif_local *l, const char *what);

/* ---- memif_zc.c (calls neither memif.c nor memif_ctl.c) ---- */
/* What one zero-copy burst did, for the caller's counters. */
struct mif_zc_burst {
	const char *bad;		/* non-NULL: the peer broke the protocol */
	uint64_t zc, copied, errs, bytes;
};
/* Data room of one buffer of the zero-copy pool for a given bsize. */
uint32_t mif_zc_elt_size(uint32_t bsize);
/* Client handshake: the data region (index `region`: its fd and size go in
 * l->reg[region]) and the pool over it, slot tables for every ring. */
int mif_zc_create(struct mif_local *l, uint32_t region);
/* Disconnect, after the queues are quiesced: free every mbuf still in a
 * slot, retire the area (destroyed once every mbuf is back). */
void mif_zc_release(struct mif_local *l);
/* Destroy retired areas whose mbufs all came back; final (close): give up
 * on the rest, logged. */
void mif_zc_sweep(struct mif_local *l, int final);
/* Rx ring: post fresh buffers from lq->head up to cur + size; new head. */
uint16_t mif_zc_rx_fill(struct mif_lq *lq, uint16_t cur);
uint16_t mif_zc_rx(struct mif_lq *lq, uint16_t port, struct rte_mbuf **bufs, uint16_t nb,
		   struct mif_zc_burst *st);
uint16_t mif_zc_tx(struct mif_lq *lq, struct rte_mbuf **bufs, uint16_t nb,
		   struct mif_zc_burst *st);

#endif
