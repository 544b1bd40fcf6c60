/* SPDX-License-Identifier: BSD-3-Clause
 * Reporting: the periodic line, the end-of-phase summary, the side-by-side
 * table of --mode=both and the --json object.
 *
 * Reads every lcore's counters with relaxed loads while the lcores run (the
 * periodic line) and after they have returned (the summary). Where drops
 * happen:
 *   rx_ring_full       the port's RX queue was full (driver imissed)
 *   pipeline_ring_full the RX lcore found a worker's ring full
 *   tx_queue_full      tx_burst refused packets (the TX queue was full)
 *   mempool_empty      the driver had no mbuf for RX (rx_nombuf), or txonly
 *                      found the pool empty
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "fwd.h"

struct phase_result {
	enum fwd_mode mode;
	double seconds, mpps, ns_per_pkt_lcore;
	unsigned int busy_lcores;
	uint64_t forwarded, drops_total;
	uint64_t drops[4];
	uint64_t in_use;
	char json[8192];
};

static struct phase_result results[2];
static unsigned int nresults;
static uint64_t prev_rx[FWD_MAX_PORTS], prev_tx[FWD_MAX_PORTS], prev_drop;
static double prev_t;

static const char *const drop_names[4] = {
	"rx_ring_full", "pipeline_ring_full", "tx_queue_full", "mempool_empty"
};

static void port_totals(unsigned int pi, uint64_t *rx, uint64_t *tx, uint64_t *txfull)
{
	*rx = *tx = *txfull = 0;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		*rx += cnt_get(&lstats[l].rx[pi]);
		*tx += cnt_get(&lstats[l].tx[pi]);
		*txfull += cnt_get(&lstats[l].tx_full[pi]);
	}
}

static uint64_t app_drops(void)
{
	uint64_t d = 0;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		d += cnt_get(&lstats[l].pipe_full) + cnt_get(&lstats[l].nombuf);
		for (unsigned int pi = 0; pi < g.nb_ports; pi++)
			d += cnt_get(&lstats[l].tx_full[pi]);
	}
	return d;
}

void report_reset(void)
{
	memset(prev_rx, 0, sizeof(prev_rx));
	memset(prev_tx, 0, sizeof(prev_tx));
	prev_drop = 0;
	prev_t = 0;
}

/* Link state per port as last reported: 0 not read yet, 1 down, 2 up. The
 * periodic tick prints one line when it changes ("port N link down", "port
 * N link up"; a port first seen up prints nothing), so a peer that comes
 * and goes (net_memif, the kernel drivers) shows in the output. */
static uint8_t link_seen[FWD_MAX_PORTS];

static void report_links(void)
{
	for (unsigned int pi = 0; pi < g.nb_ports; pi++) {
		struct rte_eth_link l;
		memset(&l, 0, sizeof(l));
		if (rte_eth_link_get_nowait(g.port_id[pi], &l) != 0)
			continue;
		uint8_t now = l.link_status == RTE_ETH_LINK_UP ? 2 : 1;
		if (now != link_seen[pi] && (link_seen[pi] != 0 || now == 1))
			printf("port %u link %s\n", g.port_id[pi], now == 2 ? "up" : "down");
		link_seen[pi] = now;
	}
}

void report_periodic(double t)
{
	report_links();
	char line[1024];
	int n = snprintf(line, sizeof(line), "[%-8s %5.1fs]", fwd_mode_name(g.mode), t);
	double dt = t - prev_t;
	if (dt <= 0)
		return;
	for (unsigned int pi = 0; pi < g.nb_ports && n < (int)sizeof(line) - 64; pi++) {
		uint64_t rx, tx, full;
		port_totals(pi, &rx, &tx, &full);
		n += snprintf(line + n, sizeof(line) - (size_t)n, " port %u rx %6.2f tx %6.2f Mpps |",
			      g.port_id[pi], (double)(rx - prev_rx[pi]) / dt / 1e6,
			      (double)(tx - prev_tx[pi]) / dt / 1e6);
		prev_rx[pi] = rx;
		prev_tx[pi] = tx;
	}
	uint64_t d = app_drops();
	snprintf(line + n, sizeof(line) - (size_t)n, " drops %" PRIu64, d - prev_drop);
	prev_drop = d;
	prev_t = t;
	printf("%s\n", line);
	fflush(stdout);
}

static const char *role_name(const struct lcore_conf *c, char *buf, size_t len)
{
	switch (c->role) {
	case ROLE_RTC: return "rtc";
	case ROLE_RX: return "rx";
	case ROLE_ALL:
	case ROLE_WORKER: {
		int n = snprintf(buf, len, c->role == ROLE_ALL ? "rx+worker" : "worker");
		for (unsigned int k = 0; k < c->n_workers && n < (int)len - 8; k++)
			n += snprintf(buf + n, len - (size_t)n, "%s%u", k ? "," : " ", c->worker[k]);
		return buf;
	}
	default: return "idle";
	}
}

/* JSON strings here are port and ring names; escape what JSON requires. */
static int json_str(char *out, size_t len, const char *s)
{
	size_t n = 0;
	if (len < 3)
		return 0;
	out[n++] = '"';
	for (; *s && n + 8 < len; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			n += (size_t)snprintf(out + n, len - n, "\\%c", ch);
		else if (ch < 0x20)
			n += (size_t)snprintf(out + n, len - n, "\\u%04x", ch);
		else
			out[n++] = (char)ch;
	}
	out[n++] = '"';
	out[n] = '\0';
	return (int)n;
}

#define J(...) do { if (jn < (int)sizeof(r->json)) \
	jn += snprintf(r->json + jn, sizeof(r->json) - (size_t)jn, __VA_ARGS__); } while (0)

void report_phase_end(void)
{
	struct phase_result *r = &results[nresults < 2 ? nresults++ : 1];
	double s = g.seconds > 0 ? g.seconds : 1e-9;
	uint64_t drops[4] = { 0, 0, 0, 0 }, fwd_total = 0, rx_total = 0;
	char name[128];
	int jn = 0;

	memset(r, 0, sizeof(*r));
	r->mode = g.mode;
	r->seconds = g.seconds;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		drops[1] += lstats[l].pipe_full;
		drops[3] += lstats[l].nombuf;
	}
	printf("-- %s summary: fwd %s, %.2f s, %u port(s) --\n", fwd_mode_name(g.mode),
	       fwd_kind_name(g.o.fwd), g.seconds, g.nb_ports);
	printf("  %-4s %-16s %14s %8s %14s %8s %10s %10s\n", "port", "name", "rx packets", "rx Mpps",
	       "tx packets", "tx Mpps", "rx drop", "tx drop");
	J("{\"mode\":\"%s\",\"fwd\":\"%s\",\"seconds\":%.3f,", fwd_mode_name(g.mode),
	  fwd_kind_name(g.o.fwd), g.seconds);
	char ports_json[4096];
	int pn = 0;
	for (unsigned int pi = 0; pi < g.nb_ports; pi++) {
		uint64_t rx, tx, full, rxdrop = 0;
		struct rte_eth_stats es;
		port_totals(pi, &rx, &tx, &full);
		if (rte_eth_stats_get(g.port_id[pi], &es) == 0) {
			uint64_t missed = es.imissed - g.port[pi].base.imissed;
			uint64_t nombuf = es.rx_nombuf - g.port[pi].base.rx_nombuf;
			drops[0] += missed;
			drops[3] += nombuf;
			rxdrop = missed + nombuf;
		}
		drops[2] += full;
		fwd_total += tx;
		rx_total += rx;
		printf("  %-4u %-16s %14" PRIu64 " %8.2f %14" PRIu64 " %8.2f %10" PRIu64 " %10" PRIu64 "\n",
		       g.port_id[pi], g.port[pi].name, rx, (double)rx / s / 1e6, tx, (double)tx / s / 1e6,
		       rxdrop, full);
		json_str(name, sizeof(name), g.port[pi].name);
		pn += snprintf(ports_json + pn, sizeof(ports_json) - (size_t)pn,
			       "%s{\"port\":%u,\"name\":%s,\"rx_packets\":%" PRIu64 ",\"tx_packets\":%" PRIu64
			       ",\"rx_dropped\":%" PRIu64 ",\"tx_dropped\":%" PRIu64 "}",
			       pi ? "," : "", g.port_id[pi], name, rx, tx, rxdrop, full);
		if (pn >= (int)sizeof(ports_json))
			pn = (int)sizeof(ports_json) - 1;
	}
	uint64_t counted = g.o.fwd == FWD_RXONLY ? rx_total : fwd_total;
	r->forwarded = counted;
	r->mpps = (double)counted / s / 1e6;
	J("\"mpps\":%.4f,\"ports\":[%s],\"lcores\":[", r->mpps, ports_json);

	printf("  %-5s %-14s %14s %8s %10s\n", "lcore", "role", "packets", "Mpps", "ns/pkt");
	unsigned int busy = 0, first = 1;
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		const struct lcore_conf *c = &g.lconf[l];
		if (!rte_lcore_is_enabled(l))
			continue;
		uint64_t w = lstats[l].worked;
		char rb[64];
		const char *rn = role_name(c, rb, sizeof(rb));
		if (c->role != ROLE_IDLE)
			busy++;
		/* ns of this lcore's time per packet it handled (it polls all the time) */
		double nspp = w ? g.seconds * 1e9 / (double)w : 0;
		printf("  %-5u %-14s %14" PRIu64 " %8.2f %10.1f\n", l, rn, w, (double)w / s / 1e6, nspp);
		J("%s{\"lcore\":%u,\"role\":\"%s\",\"packets\":%" PRIu64 ",\"mpps\":%.4f}", first ? "" : ",",
		  l, rn, w, (double)w / s / 1e6);
		first = 0;
	}
	r->busy_lcores = busy;
	r->ns_per_pkt_lcore = counted ? g.seconds * 1e9 * busy / (double)counted : 0;
	uint64_t dt = drops[0] + drops[1] + drops[2] + drops[3];
	r->drops_total = dt;
	memcpy(r->drops, drops, sizeof(drops));
	printf("  drops: %" PRIu64 " (RX queue full %" PRIu64 ", pipeline ring full %" PRIu64
	       ", TX queue full %" PRIu64 ", mempool empty %" PRIu64 ")\n",
	       dt, drops[0], drops[1], drops[2], drops[3]);
	J("],\"drops\":{");
	for (int k = 0; k < 4; k++)
		J("%s\"%s\":%" PRIu64, k ? "," : "", drop_names[k], drops[k]);
	J("},\"workers\":[");
	if (g.mode == MODE_PIPELINE) {
		uint64_t all = 0;
		for (unsigned int w = 0; w < g.n_workers; w++)
			all += wstats[w].packets;
		printf("  workers (packets chosen by mbuf->hash.rss %% %u):", g.n_workers);
		for (unsigned int w = 0; w < g.n_workers; w++) {
			double share = all ? (double)wstats[w].packets / (double)all : 0;
			printf(" w%u@lcore%u %.1f%%", w, g.worker_lcore[w], share * 100);
			J("%s{\"worker\":%u,\"lcore\":%u,\"packets\":%" PRIu64 ",\"share\":%.4f}", w ? "," : "",
			  w, g.worker_lcore[w], wstats[w].packets, share);
		}
		printf("\n  ring high-water marks:");
		J("],\"rings\":[");
		int firstring = 1;
		for (unsigned int w = 0; w < g.n_workers; w++)
			for (unsigned int pi = 0; pi < g.nb_ports; pi++) {
				struct rte_ring *ring = g.pipe[w][pi];
				uint32_t hwm = 0;
				for (unsigned int l = 0; l < RTE_MAX_LCORE; l++)
					hwm = RTE_MAX(hwm, lstats[l].ring_hwm[w][pi]);
				printf(" %s %u/%u", ring->name, hwm, rte_ring_get_capacity(ring));
				json_str(name, sizeof(name), ring->name);
				J("%s{\"name\":%s,\"capacity\":%u,\"high_water\":%u}", firstring ? "" : ",",
				  name, rte_ring_get_capacity(ring), hwm);
				firstring = 0;
			}
		printf("\n");
	} else {
		J("],\"rings\":[");
	}
	r->in_use = rte_mempool_in_use_count(g.pool);
	printf("  drained from the ports at exit: %" PRIu64 " packets; mempool in use after drain: %" PRIu64
	       " of %u%s\n", g.drained, r->in_use, g.pool->size, r->in_use ? "  <-- LEAK" : "");
	J("],\"drained\":%" PRIu64 ",\"mempool_in_use\":%" PRIu64 "}", g.drained, r->in_use);
	if (jn >= (int)sizeof(r->json))
		snprintf(r->json, sizeof(r->json), "{\"error\":\"summary too long\"}");
	fflush(stdout);
}

void report_json(void)
{
	for (unsigned int i = 0; i < nresults; i++)
		printf("%s\n", results[i].json);
	fflush(stdout);
}

void report_side_by_side(void)
{
	if (nresults < 2)
		return;
	const struct phase_result *a = &results[0], *b = &results[1];
	printf("== side by side ==\n");
	printf("  %-34s %14s %14s\n", "", fwd_mode_name(a->mode), fwd_mode_name(b->mode));
	printf("  %-34s %14.2f %14.2f\n", "forwarded, Mpps", a->mpps, b->mpps);
	printf("  %-34s %14u %14u\n", "busy lcores", a->busy_lcores, b->busy_lcores);
	printf("  %-34s %14.1f %14.1f\n", "lcore-ns per packet", a->ns_per_pkt_lcore, b->ns_per_pkt_lcore);
	for (int k = 0; k < 4; k++)
		printf("  drops: %-26s %14" PRIu64 " %14" PRIu64 "\n", drop_names[k], a->drops[k], b->drops[k]);
	printf("  %-34s %14" PRIu64 " %14" PRIu64 "\n", "mempool in use after drain", a->in_use, b->in_use);
	fflush(stdout);
}
