/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-fwd: shared declarations of the forwarding application.
 *
 * Files: main.c (options, phases, lifecycle), port.c (port setup, the
 * generated loopback ports, drain), gen.c (flow templates and packet
 * building), engine.c (the lcore loops: rtc, pipeline RX, pipeline worker),
 * report.c (periodic lines, exit summary, JSON), icmpecho.c (--fwd=icmpecho:
 * ARP and ICMP echo replies for --ip).
 *
 * Written against the DPDK 22.11 public API only, so the same source builds
 * against dplite and against DPDK.
 *
 * Invariants:
 *  - the fast path (engine.c) calls no malloc and takes no lock: mbufs come
 *    from one pktmbuf pool with a per-lcore cache, rings are SP/SC because
 *    each ring and each queue has exactly one producer and one consumer lcore;
 *  - every counter is written by exactly one lcore (its owner) with relaxed
 *    stores and read by the main lcore with relaxed loads (no RMW atomics);
 *  - every mbuf goes home: anything not transmitted is freed where it is
 *    dropped, and at the end of a phase the lcores drain the pipeline rings
 *    and main drains the ports, so the pool's in-use count is 0.
 */
#ifndef DPLITE_FWD_H
#define DPLITE_FWD_H

#include <signal.h>
#include <stdint.h>
#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#define FWD_MAX_PORTS   8
#define FWD_MAX_QUEUES  16
#define FWD_MAX_WORKERS 16
#define FWD_MAX_BURST   512
#define FWD_MAX_RXQ_REF (FWD_MAX_PORTS * FWD_MAX_QUEUES)
#define FWD_PIPE_RING   4096      /* pipeline ring size (holds every generated packet) */

enum fwd_mode { MODE_RTC, MODE_PIPELINE, MODE_BOTH };
enum fwd_kind { FWD_IO, FWD_MAC, FWD_MACSWAP, FWD_RXONLY, FWD_TXONLY, FWD_ICMPECHO };
enum lcore_role { ROLE_IDLE, ROLE_RTC, ROLE_RX, ROLE_WORKER, ROLE_ALL };

struct fwd_opts {
	enum fwd_mode mode;
	enum fwd_kind fwd;
	unsigned int burst;
	double duration;        /* per phase; 0 = until SIGINT/SIGTERM */
	double stats_period;    /* 0 = no periodic lines */
	unsigned int rxq, txq;  /* 0 = chosen from the lcore count */
	unsigned int workers;   /* pipeline workers; 0 = one per non-RX lcore */
	int json;
	unsigned int txpkts;     /* generated frame length; 0 = the mixed sizes */
};

/* Counters of one lcore, written only by that lcore. */
struct lcore_stats {
	uint64_t rx[FWD_MAX_PORTS];        /* packets taken from rx_burst */
	uint64_t tx[FWD_MAX_PORTS];        /* packets accepted by tx_burst */
	uint64_t tx_full[FWD_MAX_PORTS];   /* refused by tx_burst, freed */
	uint64_t pipe_full;                /* RX lcore: pipeline ring full, freed */
	uint64_t nombuf;                   /* txonly: pool empty */
	uint64_t worked;                   /* packets this lcore processed */
	uint32_t ring_hwm[FWD_MAX_WORKERS][FWD_MAX_PORTS]; /* RX lcore: most packets seen in each pipeline ring */
} __rte_cache_aligned;

struct worker_stats {
	uint64_t packets;                  /* written by the lcore running the worker */
} __rte_cache_aligned;

struct rxq_ref {
	uint16_t port, queue;
};

struct lcore_conf {
	enum lcore_role role;
	unsigned int n_rxq;
	struct rxq_ref rxq[FWD_MAX_RXQ_REF];
	uint16_t txq;                        /* rtc: this lcore's TX queue on every port */
	unsigned int n_workers;              /* pipeline workers run by this lcore */
	unsigned int worker[FWD_MAX_WORKERS];
};

struct fwd_port {
	char name[RTE_ETH_NAME_MAX_LEN];
	uint16_t nrxq, ntxq;
	uint16_t peer;                       /* TX port for packets received here */
	struct rte_ether_addr mac;
	struct rte_eth_stats base;           /* driver stats at phase start */
};

/* One run's global state (one phase at a time). */
struct fwd {
	struct fwd_opts o;
	enum fwd_mode mode;                  /* the phase's mode (never BOTH) */
	struct rte_mempool *pool;
	uint16_t nb_ports;
	uint16_t port_id[FWD_MAX_PORTS];     /* index -> ethdev port id */
	uint8_t index_of_port[RTE_MAX_ETHPORTS]; /* ethdev port id -> index */
	struct fwd_port port[FWD_MAX_PORTS];
	int generated;                       /* ports are our loopback rings */
	unsigned int gen_queues;
	struct rte_ring *gen_ring[2][FWD_MAX_QUEUES];
	unsigned int n_workers;
	struct rte_ring *pipe[FWD_MAX_WORKERS][FWD_MAX_PORTS]; /* [worker][input port] */
	unsigned int worker_lcore[FWD_MAX_WORKERS];
	struct lcore_conf lconf[RTE_MAX_LCORE];
	uint64_t drained;                    /* packets freed by the end-of-phase drain */
	double seconds;
};

extern struct fwd g;
extern struct lcore_stats lstats[RTE_MAX_LCORE];
extern struct worker_stats wstats[FWD_MAX_WORKERS];
extern volatile int fwd_stop;           /* set (release) by main to end a phase */
extern volatile int rx_done;            /* set (release) by the RX lcore after its last enqueue */
extern volatile sig_atomic_t fwd_signalled;

/* Single-writer counter update: a relaxed store of the new value. */
static inline void cnt_add(uint64_t *c, uint64_t n)
{
	__atomic_store_n(c, *c + n, __ATOMIC_RELAXED);
}
static inline uint64_t cnt_get(const uint64_t *c)
{
	return __atomic_load_n(c, __ATOMIC_RELAXED);
}

/* port.c */
int fwd_ports_init(void);
int fwd_ports_start(void);
void fwd_ports_prefill(void);
void fwd_ports_drain(void);
void fwd_ports_stop(void);
void fwd_ports_close(void);

/* gen.c */
int gen_init(void);
uint16_t gen_burst(struct rte_mbuf **pkts, uint16_t n, uint32_t *cursor);
unsigned int gen_flow_count(void);
struct rte_mbuf *gen_packet(uint32_t idx);
uint32_t fwd_soft_rss(struct rte_mbuf *m);

/* engine.c */
int fwd_lcore_main(void *arg);

/* main.c */
void fwd_main_tick(void);
const char *fwd_mode_name(enum fwd_mode m);
const char *fwd_kind_name(enum fwd_kind k);

/* icmpecho.c (--fwd=icmpecho) */
int icmpecho_set_ip(const char *s);
int icmpecho_have_ip(void);
uint16_t icmpecho_burst(struct rte_mbuf **p, uint16_t n, unsigned int pi);
void icmpecho_report(void);

/* report.c */
void report_reset(void);
void report_periodic(double t);
void report_phase_end(void);   /* summary; keeps the JSON object */
void report_json(void);        /* every phase's JSON object, one per line */
void report_side_by_side(void);

#endif
