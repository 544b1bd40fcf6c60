/* SPDX-License-Identifier: BSD-3-Clause
 * dplite-fwd: the main job. Forwards packets between ports in one of DPDK's
 * two packet-processing models and reports where the packets went.
 *
 * usage: dplite-fwd [EAL options] -- [--mode=rtc|pipeline|both]
 *            [--fwd=io|mac|macswap|rxonly|txonly] [--burst N] [--duration S]
 *            [--stats-period S] [--rxq N] [--txq N] [--workers N] [--json]
 *
 * Ports come from --vdev; with none, two generated loopback ports carry
 * many-flow traffic (port.c). --mode=both (the default) runs a pipeline
 * phase and then an rtc phase on the same ports and prints them side by
 * side. A phase ends after --duration seconds (0: only on SIGINT/SIGTERM);
 * a signal ends the current phase, prints its summary and skips the rest.
 *
 * Lcore plan of a phase (plan()):
 *   rtc:      F = min(lcores, TX queues of every port) forwarding lcores;
 *             lcore i gets every port's RX queues q with q % F == i and TX
 *             queue i; the main lcore forwards too and also prints.
 *   pipeline: the main lcore is the RX lcore (it polls every RX queue and
 *             prints); W workers (default max(2, lcores - 1)) are spread
 *             over the other lcores, several per lcore when W is larger;
 *             worker w transmits on TX queue w. With one lcore, that lcore
 *             runs RX and every worker in turn.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_version.h>
#include "fwd.h"

struct fwd g;
struct lcore_stats lstats[RTE_MAX_LCORE];
struct worker_stats wstats[FWD_MAX_WORKERS];
volatile int fwd_stop;
volatile int rx_done;
volatile sig_atomic_t fwd_signalled;

static uint64_t start_tsc, end_tsc, period_tsc, next_stats_tsc, stop_tsc;

static const char *const mode_names[] = { "rtc", "pipeline", "both" };
static const char *const kind_names[] = { "io", "mac", "macswap", "rxonly", "txonly", "icmpecho" };

const char *fwd_mode_name(enum fwd_mode m)
{
	return mode_names[m];
}

const char *fwd_kind_name(enum fwd_kind k)
{
	return kind_names[k];
}

/* The kernel may run this handler on any thread of the process (an EAL
 * control thread included), so the flag is written and read with atomics:
 * lock-free on int, hence async-signal-safe. Relaxed: it orders nothing, the
 * main lcore only has to see it eventually and then stops through S1. */
static void on_signal(int sig)
{
	(void)sig;
	__atomic_store_n(&fwd_signalled, 1, __ATOMIC_RELAXED);
}

static int signalled(void)
{
	return __atomic_load_n(&fwd_signalled, __ATOMIC_RELAXED);
}

/* Called by the main lcore from its loop: ends the phase on time or on a
 * signal, and prints the periodic line. */
void fwd_main_tick(void)
{
	uint64_t now = rte_get_timer_cycles();
	if (!__atomic_load_n(&fwd_stop, __ATOMIC_RELAXED) &&
	    (signalled() || (end_tsc != 0 && now >= end_tsc))) {
		stop_tsc = now;
		__atomic_store_n(&fwd_stop, 1, __ATOMIC_RELEASE);     /* S1, see engine.c */
	}
	if (period_tsc != 0 && now >= next_stats_tsc) {
		report_periodic((double)(now - start_tsc) / (double)rte_get_timer_hz());
		next_stats_tsc += period_tsc;
	}
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: dplite-fwd [EAL options] -- [options]\n"
		"  --mode=rtc|pipeline|both   packet-processing model (default both: pipeline, then rtc)\n"
		"  --fwd=io|mac|macswap|rxonly|txonly|icmpecho   work per packet (default io)\n"
		"  --ip A.B.C.D       icmpecho: answer ARP and ICMP echo for this address (rtc only)\n"
		"  --burst N          packets per rx/tx burst, 1..%d (default 32)\n"
		"  --txpkts N         generated frames of N bytes, 60..1514 (default: six sizes\n"
		"                     from 60 to 1514, mixed over the flows)\n"
		"  --duration S       seconds per phase, 0 = until SIGINT/SIGTERM (default 3)\n"
		"  --stats-period S   seconds between periodic lines, 0 = none (default 1)\n"
		"  --rxq N, --txq N   queues per port, 1..%d (default: from the lcore count)\n"
		"  --workers N        pipeline workers, 1..%d (default max(2, lcores - 1))\n"
		"  --json             print the summary as one JSON object, the last line of stdout\n"
		"Ports: every --vdev port (pairs 0<->1, 2<->3, ...); with none, two generated\n"
		"loopback ports carrying many-flow IPv4 UDP/TCP traffic.\n",
		FWD_MAX_BURST, FWD_MAX_QUEUES, FWD_MAX_WORKERS);
}

static int bad(const char *opt, const char *val, const char *why)
{
	fprintf(stderr, "dplite-fwd: bad %s '%s': %s (see --help)\n", opt, val, why);
	return -1;
}

static int parse_uint(const char *opt, const char *s, unsigned int lo, unsigned int hi, unsigned int *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end != '\0' || s[0] == '-' || v < lo || v > hi) {
		char why[64];
		snprintf(why, sizeof(why), "expected an integer in %u..%u", lo, hi);
		return bad(opt, s, why);
	}
	*out = (unsigned int)v;
	return 0;
}

static int parse_secs(const char *opt, const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || !(v >= 0) || v > 86400)
		return bad(opt, s, "expected seconds in 0..86400");
	*out = v;
	return 0;
}

static int lookup(const char *opt, const char *s, const char *const *names, unsigned int n, int *out)
{
	for (unsigned int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	return bad(opt, s, "unknown value");
}

/* 0: run; 1: --help printed; -1: error */
static int parse_args(int argc, char **argv)
{
	enum { O_MODE = 256, O_FWD, O_BURST, O_DURATION, O_PERIOD, O_RXQ, O_TXQ, O_WORKERS, O_JSON, O_IP, O_TXPKTS };
	static const struct option lopts[] = {
		{ "mode", required_argument, NULL, O_MODE },
		{ "fwd", required_argument, NULL, O_FWD },
		{ "burst", required_argument, NULL, O_BURST },
		{ "txpkts", required_argument, NULL, O_TXPKTS },
		{ "duration", required_argument, NULL, O_DURATION },
		{ "stats-period", required_argument, NULL, O_PERIOD },
		{ "rxq", required_argument, NULL, O_RXQ },
		{ "txq", required_argument, NULL, O_TXQ },
		{ "workers", required_argument, NULL, O_WORKERS },
		{ "json", no_argument, NULL, O_JSON },
		{ "ip", required_argument, NULL, O_IP },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fwd_opts *o = &g.o;
	o->mode = MODE_BOTH;
	o->fwd = FWD_IO;
	o->burst = 32;
	o->duration = 3;
	o->stats_period = 1;
	int opt, v, rc = 0;
	optind = 1;
	opterr = 0;
	while (rc == 0 && (opt = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		switch (opt) {
		case O_MODE:
			if ((rc = lookup("--mode", optarg, mode_names, RTE_DIM(mode_names), &v)) == 0)
				o->mode = (enum fwd_mode)v;
			break;
		case O_FWD:
			if ((rc = lookup("--fwd", optarg, kind_names, RTE_DIM(kind_names), &v)) == 0)
				o->fwd = (enum fwd_kind)v;
			break;
		case O_BURST: rc = parse_uint("--burst", optarg, 1, FWD_MAX_BURST, &o->burst); break;
		case O_TXPKTS: rc = parse_uint("--txpkts", optarg, 60, 1514, &o->txpkts); break;
		case O_DURATION: rc = parse_secs("--duration", optarg, &o->duration); break;
		case O_PERIOD: rc = parse_secs("--stats-period", optarg, &o->stats_period); break;
		case O_RXQ: rc = parse_uint("--rxq", optarg, 1, FWD_MAX_QUEUES, &o->rxq); break;
		case O_TXQ: rc = parse_uint("--txq", optarg, 1, FWD_MAX_QUEUES, &o->txq); break;
		case O_WORKERS: rc = parse_uint("--workers", optarg, 1, FWD_MAX_WORKERS, &o->workers); break;
		case O_JSON: o->json = 1; break;
		case O_IP:
			if (icmpecho_set_ip(optarg) != 0)
				rc = bad("--ip", optarg, "expected an IPv4 address A.B.C.D");
			break;
		case 'h': usage(stdout); return 1;
		default:
			fprintf(stderr, "dplite-fwd: unknown option or missing value: '%s' (see --help)\n",
				argv[optind - 1]);
			return -1;
		}
	}
	if (rc == 0 && o->fwd == FWD_ICMPECHO) {
		if (!icmpecho_have_ip())
			return bad("--fwd", "icmpecho", "needs --ip A.B.C.D");
		if (o->mode == MODE_PIPELINE)
			return bad("--mode", "pipeline", "icmpecho runs in rtc mode");
		o->mode = MODE_RTC;
	}
	if (rc == 0 && optind < argc) {
		fprintf(stderr, "dplite-fwd: unexpected argument '%s' (see --help)\n", argv[optind]);
		return -1;
	}
	return rc;
}

static unsigned int lcore_list(unsigned int *lc)
{
	unsigned int n = 0, id;
	lc[n++] = rte_get_main_lcore();
	RTE_LCORE_FOREACH_WORKER(id)
		lc[n++] = id;
	return n;
}

static void add_rxq(struct lcore_conf *c, unsigned int pi, uint16_t q)
{
	c->rxq[c->n_rxq].port = (uint16_t)pi;
	c->rxq[c->n_rxq].queue = q;
	c->n_rxq++;
}

static int plan(enum fwd_mode m)
{
	unsigned int lc[RTE_MAX_LCORE];
	unsigned int L = lcore_list(lc), min_tx = FWD_MAX_QUEUES;
	memset(g.lconf, 0, sizeof(g.lconf));
	for (unsigned int i = 0; i < g.nb_ports; i++)
		min_tx = RTE_MIN(min_tx, (unsigned int)g.port[i].ntxq);

	if (m == MODE_RTC) {
		unsigned int F = RTE_MIN(L, min_tx);
		for (unsigned int i = 0; i < F; i++) {
			g.lconf[lc[i]].role = ROLE_RTC;
			g.lconf[lc[i]].txq = (uint16_t)i;
		}
		for (unsigned int pi = 0; pi < g.nb_ports; pi++)
			for (uint16_t q = 0; q < g.port[pi].nrxq; q++)
				add_rxq(&g.lconf[lc[q % F]], pi, q);
		return 0;
	}
	unsigned int want = g.o.workers ? g.o.workers : RTE_MAX(2u, L - 1);
	unsigned int W = RTE_MIN(want, min_tx);
	if (W < want)
		printf("note: %u pipeline workers, not %u: a port has only %u TX queues\n", W, want, min_tx);
	g.n_workers = W;
	for (unsigned int w = 0; w < W; w++)
		for (unsigned int pi = 0; pi < g.nb_ports; pi++) {
			char name[RTE_RING_NAMESIZE];
			snprintf(name, sizeof(name), "fwd_pipe%u_p%u", w, pi);
			g.pipe[w][pi] = rte_ring_create(name, FWD_PIPE_RING, rte_socket_id(),
							RING_F_SP_ENQ | RING_F_SC_DEQ);
			if (g.pipe[w][pi] == NULL) {
				fprintf(stderr, "dplite-fwd: cannot create ring %s: %s\n", name,
					rte_strerror(rte_errno));
				return -1;
			}
		}
	struct lcore_conf *rx = &g.lconf[lc[0]];
	rx->role = L == 1 ? ROLE_ALL : ROLE_RX;
	for (unsigned int pi = 0; pi < g.nb_ports; pi++)
		for (uint16_t q = 0; q < g.port[pi].nrxq; q++)
			add_rxq(rx, pi, q);
	for (unsigned int w = 0; w < W; w++) {
		unsigned int l = L == 1 ? lc[0] : lc[1 + w % (L - 1)];
		struct lcore_conf *c = &g.lconf[l];
		if (L > 1)
			c->role = ROLE_WORKER;
		c->worker[c->n_workers++] = w;
		g.worker_lcore[w] = l;
	}
	return 0;
}

static void unplan(void)
{
	for (unsigned int w = 0; w < g.n_workers; w++)
		for (unsigned int pi = 0; pi < g.nb_ports; pi++) {
			rte_ring_free(g.pipe[w][pi]);
			g.pipe[w][pi] = NULL;
		}
	g.n_workers = 0;
}

static int run_phase(enum fwd_mode m)
{
	g.mode = m;
	if (plan(m) != 0)
		return -1;
	memset(lstats, 0, sizeof(lstats));
	memset(wstats, 0, sizeof(wstats));
	g.drained = 0;
	fwd_stop = 0;
	rx_done = 0;
	if (fwd_ports_start() != 0)
		return -1;
	fwd_ports_prefill();
	report_reset();

	uint64_t hz = rte_get_timer_hz();
	printf("== %s, fwd %s, burst %u, %s ==\n", fwd_mode_name(m), fwd_kind_name(g.o.fwd), g.o.burst,
	       g.o.duration > 0 ? "timed" : "until SIGINT/SIGTERM");
	start_tsc = rte_get_timer_cycles();
	end_tsc = g.o.duration > 0 ? start_tsc + (uint64_t)(g.o.duration * (double)hz) : 0;
	period_tsc = (uint64_t)(g.o.stats_period * (double)hz);
	next_stats_tsc = start_tsc + period_tsc;
	stop_tsc = 0;
	fflush(stdout);
	rte_eal_mp_remote_launch(fwd_lcore_main, NULL, CALL_MAIN);
	rte_eal_mp_wait_lcore();
	if (stop_tsc == 0)
		stop_tsc = rte_get_timer_cycles();
	g.seconds = (double)(stop_tsc - start_tsc) / (double)hz;
	fwd_ports_drain();
	report_phase_end();
	if (g.o.fwd == FWD_ICMPECHO)
		icmpecho_report();
	fwd_ports_stop();
	unplan();
	return 0;
}

int main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "dplite-fwd: cannot init EAL: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	argc -= ret;
	argv += ret;
	int pa = parse_args(argc, argv);
	if (pa != 0) {
		rte_eal_cleanup();
		return pa > 0 ? 0 : 2;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	gen_init();
	int rc = 1;
	if (fwd_ports_init() != 0)
		goto out;
	printf("%s; %u lcore(s), %u port(s)%s:", rte_version(), rte_lcore_count(), g.nb_ports,
	       g.generated ? " (generated loopback, many flows)" : "");
	for (unsigned int i = 0; i < g.nb_ports; i++)
		printf(" %u=%s (%u rxq, %u txq)", g.port_id[i], g.port[i].name, g.port[i].nrxq, g.port[i].ntxq);
	printf("\n");

	rc = 0;
	if (g.o.mode == MODE_BOTH) {
		if (run_phase(MODE_PIPELINE) != 0)
			rc = 1;
		else if (!signalled() && run_phase(MODE_RTC) != 0)
			rc = 1;
		if (rc == 0 && !signalled())
			report_side_by_side();
	} else if (run_phase(g.o.mode) != 0) {
		rc = 1;
	}
	if (g.o.json)
		report_json();
	fwd_ports_close();
out:
	if (g.pool != NULL)
		rte_mempool_free(g.pool);
	rte_eal_cleanup();
	return rc;
}
