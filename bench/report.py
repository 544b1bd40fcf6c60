#!/usr/bin/env python3
"""Turn bench/run.sh's raw numbers into a markdown report and an SVG chart
(build/bench/bench.md + .svg by default; docs/bench.md + .svg for
`make bench-docs`).

Input: results.tsv (lib, round, key, unit, value, description), one line
per measurement per round, and status.tsv (lib, subject, ok|notbuilt|failed,
reason). Machine facts come from BENCH_* environment variables set by run.sh.

Every metric is "lower is better" (ns, ms, MiB). For each metric the table
shows, per library, the median over rounds and the min-max spread, then the
ratio dplite/DPDK of the medians (< 1: dplite is faster/smaller).
The SVG is drawn by hand (no gnuplot, no network): one row per metric, a bar
from 1x on a log2 axis to the ratio, green when dplite is lower, red when
higher, labelled with both medians.
"""
import math
import os
import statistics
import sys
from xml.sax.saxutils import escape

SUBJECTS = [("eal", "EAL"), ("ring", "Ring"), ("mempool", "Mempool"),
            ("mbuf", "Mempool"), ("heap", "Heap"), ("ethdev", "Packet I/O"),
            ("fwd", "Packet I/O"), ("kdrv", "Real interfaces (veth)"),
            ("memif", "Packet I/O")]
SUBJECT_OF_BINARY = {"eal": ["eal"], "ring": ["ring"], "mempool": ["mempool"],
                     "mbuf": ["mbuf"], "heap": ["heap"], "ethdev": ["ethdev"],
                     "fwd": ["fwd"], "kdrv": ["kdrv"], "memif": ["memif"]}
HEADLINE = [
    "eal.huge.exec", "eal.huge.init", "eal.huge.rss", "eal.nohuge.rss",
    "ring.1core.spsc.bulk1", "ring.1core.spsc.bulk32", "ring.1core.mpmc.bulk32",
    "ring.1core.elem16.spsc.single", "ring.1core.elem16.spsc.bulk32",
    "ring.1core.rt.spsc.empty.bulk8", "ring.1core.rt.mpmc.empty.bulk8",
    "ring.2core.spsc.burst32", "ring.2core.mpmc.burst32", "ring.pingpong",
    "mempool.1core.cache256.bulk32", "mempool.1core.cache0.bulk32",
    "mempool.allcores.cache256.bulk32", "mbuf.bulk32",
    "heap.churn", "heap.churn.glibc", "heap.fixed64",
    "heap.lat.1000.p99", "heap.lat.100000.p99",
    "ethdev.iofwd.null", "ethdev.softrss.v4l4", "ethdev.pipeline.1core",
    "ethdev.pipeline.2core", "fwd.io.null", "memif.txrx.64",
    "kdrv.afp.tx", "kdrv.afp.rx", "kdrv.afx.tx", "kdrv.afx.rx", "kdrv.kernel.blast",
]
REFERENCE_KEYS = {"ring.pingpong", "heap.churn.glibc", "kdrv.kernel.blast"}


def fmt(v):
    if v is None:
        return "-"
    if v == 0:
        return "0"
    if abs(v) >= 1e6:
        return "%.1fM" % (v / 1e6)
    if abs(v) >= 1e5:
        return "%.0fk" % (v / 1e3)
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    if abs(v) >= 1:
        return "%.2f" % v
    return "%.3f" % v


def load(results_path, status_path):
    data = {}      # key -> {lib: [values]}
    meta = {}      # key -> (unit, desc)
    order = []
    with open(results_path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 6:
                continue
            lib, _rnd, key, unit, value, desc = parts[:6]
            if key not in meta:
                meta[key] = (unit, desc)
                order.append(key)
            data.setdefault(key, {}).setdefault(lib, []).append(float(value))
    status = {}
    with open(status_path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                status[(parts[0], parts[1])] = (parts[2], parts[3] if len(parts) > 3 else "")
    return data, meta, order, status


def subject_of(key):
    return key.split(".")[0]


def binary_of(key):
    s = subject_of(key)
    for b, subs in SUBJECT_OF_BINARY.items():
        if s in subs:
            return b
    return s


def summarize(vals):
    if not vals:
        return None
    return statistics.median(vals), min(vals), max(vals)


def cell(lib, key, data, status, dpdk_present):
    if lib == "dpdk" and not dpdk_present:
        return "n/a"
    st = status.get((lib, binary_of(key)), ("?", ""))[0]
    s = summarize(data.get(key, {}).get(lib, []))
    if s is None:
        return {"notbuilt": "%s: not built" % lib, "failed": "%s: failed" % lib}.get(st, "-")
    med, lo, hi = s
    if st == "failed":
        return "%s (failed later)" % fmt(med)
    return "%s (%s-%s)" % (fmt(med), fmt(lo), fmt(hi))


def ratio(key, data, which=0):
    """dplite/DPDK of the medians over rounds (which=0), or of the best
    (lowest) round (which=1: the least disturbed process of each build)."""
    ma = summarize(data.get(key, {}).get("dplite", []))
    mb = summarize(data.get(key, {}).get("dpdk", []))
    if ma is None or mb is None or mb[which] == 0:
        return None
    return ma[which] / mb[which]


def table(keys, data, meta, status, dpdk_present):
    rows = ["| benchmark | unit | dplite median (min-max) | DPDK median (min-max) "
            "| dplite/DPDK medians | dplite/DPDK best |",
            "|---|---|---:|---:|---:|---:|"]
    for key in keys:
        unit, desc = meta[key]
        txt = []
        for which in (0, 1):
            r = ratio(key, data, which)
            t = "-" if r is None else "%.2fx" % r
            if key in REFERENCE_KEYS and r is not None:
                t += " (ref)"
            txt.append(t)
        rows.append("| %s | %s | %s | %s | %s | %s |" % (
            desc, unit, cell("dplite", key, data, status, dpdk_present),
            cell("dpdk", key, data, status, dpdk_present), txt[0], txt[1]))
    return "\n".join(rows)



def load_pairs(path):
    """BENCH-PAIR samples: (lib, round, key, pingpong before, pingpong
    after, value), round trips in ns."""
    out = []
    if not path or not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 6:
                try:
                    out.append((parts[0], parts[1], parts[2], float(parts[3]),
                                float(parts[4]), float(parts[5])))
                except ValueError:
                    pass
    return out


def placement_table(pairs, meta):
    """Cross-core rows split by the vCPU placement each timed pass ran under.

    Every timed pass of a cross-core figure comes with a short ping-pong
    measured right before it and one right after. The host puts the two
    vCPUs on one physical core or on two, and the round trip tells which:
    passes whose two round trips are both within 1.5x of the fastest round
    trip of the whole run count as "near", both between 1.5x and 4x as
    "far"; passes whose placement changed in between, or where a vCPU was
    descheduled (slower than 4x), are dropped. Within a class
    the two builds ran under the same conditions, so their ratio is like for
    like. Per class and build: the best pass of each round (process), then
    the median over rounds and the best round."""
    if not pairs:
        return None
    floor = min(min(p[3], p[4]) for p in pairs if p[3] > 0 and p[4] > 0)
    classes = (("near", 0, 1.5 * floor), ("far", 1.5 * floor, 4 * floor))
    rows = ["| benchmark | placement (ping-pong) | dplite rounds: median (best) | "
            "DPDK rounds: median (best) | dplite/DPDK medians | dplite/DPDK best |",
            "|---|---|---:|---:|---:|---:|"]
    keys = []
    for p in pairs:
        if p[2] not in keys:
            keys.append(p[2])
    for key in keys:
        for name, lo, hi in classes:
            per = {}
            for lib, rnd, k, pp0, pp1, v in pairs:
                if k == key and lo < pp0 <= hi and lo < pp1 <= hi:
                    d = per.setdefault(lib, {})
                    d[rnd] = min(v, d.get(rnd, v))
            a, b = list(per.get("dplite", {}).values()), list(per.get("dpdk", {}).values())
            if not a or not b:
                cells = [("%d rounds, %s (%s)" % (len(x), fmt(statistics.median(x)), fmt(min(x)))
                          if x else "no pass") for x in (a, b)]
                rows.append("| %s | %s, %.0f-%.0f ns | %s | %s | - | - |" % (
                    meta.get(key, ("", key))[1], name, lo, hi, cells[0], cells[1]))
                continue
            ma, mb = statistics.median(a), statistics.median(b)
            rows.append("| %s | %s, %.0f-%.0f ns | %d: %s (%s) | %d: %s (%s) | %.2fx | %.2fx |" % (
                meta.get(key, ("", key))[1], name, lo, hi, len(a), fmt(ma), fmt(min(a)),
                len(b), fmt(mb), fmt(min(b)), ma / mb, min(a) / min(b)))
    return "\n".join(rows)


def write_svg(path, keys, data, meta, dpdk_present, title):
    width, left, right_pad, row_h, top = 980, 360, 250, 20, 60
    plot_w = width - left - right_pad
    span = 4.0  # log2 range each side: 1/16x .. 16x
    groups = []
    for key in keys:
        sub = dict(SUBJECTS).get(subject_of(key), subject_of(key))
        if not groups or groups[-1][0] != sub:
            groups.append((sub, []))
        groups[-1][1].append(key)
    height = top + sum(len(g[1]) * row_h + 26 for g in groups) + 40
    x0 = left + plot_w / 2.0

    def xpos(r):
        lg = max(-span, min(span, math.log2(r)))
        return x0 + lg / span * (plot_w / 2.0)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="11">' % (width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="20" font-size="15" font-weight="bold">%s</text>' % escape(title)]
    if dpdk_present:
        out.append('<text x="10" y="38" fill="#444">bar: dplite time (or memory) relative to '
                   'DPDK 22.11 (ratio of medians), log scale; left/green = dplite lower, '
                   'right/red = dplite higher; labels: dplite / DPDK medians</text>')
    else:
        out.append('<text x="10" y="38" fill="#a00">DPDK not installed: dplite numbers only, '
                   'no comparison</text>')
    # axis ticks
    y_axis_top, y = top, top
    for t in (1 / 16, 1 / 4, 1 / 2, 1, 2, 4, 16):
        x = xpos(t)
        lab = ("1/%d" % round(1 / t)) if t < 1 else "%d" % t
        out.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#666">%sx</text>'
                   % (x, top - 6, lab))
    for sub, ks in groups:
        y += 18
        out.append('<text x="10" y="%d" font-weight="bold" font-size="13">%s</text>' % (y, escape(sub)))
        y += 8
        for key in ks:
            unit, desc = meta[key]
            cy = y + row_h / 2.0
            out.append('<text x="10" y="%.1f" dominant-baseline="middle">%s</text>'
                       % (cy, escape(desc[:58])))
            a = summarize(data.get(key, {}).get("dplite", []))
            b = summarize(data.get(key, {}).get("dpdk", []))
            r = ratio(key, data)
            if r is not None and r > 0:
                xr = xpos(r)
                color = "#2a9d4a" if r < 0.97 else ("#d04040" if r > 1.03 else "#888")
                if key in REFERENCE_KEYS:
                    color = "#7a8fb0"
                out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s"/>'
                           % (min(x0, xr), y + 3, max(1.5, abs(xr - x0)), row_h - 6, color))
                if abs(math.log2(r)) > span:   # off the axis: arrow head at the end
                    d = -1 if r < 1 else 1
                    out.append('<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s"/>'
                               % (xr, y + 1, xr + 7 * d, cy, xr, y + row_h - 1, color))
                txt = "%s / %s %s (%.2fx)" % (fmt(a[0]), fmt(b[0]), unit, r)
            elif a is not None:
                txt = "dplite %s %s" % (fmt(a[0]), unit) + ("" if b else
                                                               (" (no DPDK)" if not dpdk_present else ""))
            elif b is not None:
                txt = "dplite: not built; DPDK %s %s" % (fmt(b[0]), unit)
            else:
                txt = "-"
            out.append('<text x="%d" y="%.1f" dominant-baseline="middle">%s</text>'
                       % (left + plot_w + 8, cy, escape(txt)))
            y += row_h
    out.insert(3, '<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#333"/>'
               % (x0, y_axis_top, x0, y + 4))
    for t in (1 / 16, 1 / 4, 1 / 2, 2, 4, 16):
        out.insert(3, '<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>'
                   % (xpos(t), y_axis_top, xpos(t), y + 4))
    y += 24
    out.append('<text x="10" y="%d" fill="#444">'
               'Grey-blue rows are references (no library code / glibc).</text>' % y)
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    if len(sys.argv) != 5:
        print("usage: report.py results.tsv status.tsv out.md out.svg", file=sys.stderr)
        return 2
    res, st, md_path, svg_path = sys.argv[1:]
    data, meta, order, status = load(res, st)
    env = os.environ.get
    dpdk_present = bool(env("BENCH_DPDK")) or any("dpdk" in v for v in data.values())
    if not order:
        print("report.py: no results at all", file=sys.stderr)
        return 1
    # a subject with no numbers at all (dplite not built, DPDK absent or also
    # failing) still gets one row saying so
    for (lib, subj), (st_, _why) in sorted(status.items()):
        if st_ != "ok" and not any(binary_of(k) == subj for k in order):
            key = "%s.(all)" % subj
            meta[key] = ("-", "%s: all rows" % dict(SUBJECTS).get(subj, subj))
            order.append(key)
            HEADLINE.append(key)
    rank = {s: i for i, (s, _) in enumerate(SUBJECTS)}
    order.sort(key=lambda k: rank.get(subject_of(k), 99))  # stable within subject
    headline = sorted([k for k in HEADLINE if k in meta],
                      key=lambda k: rank.get(subject_of(k), 99))

    notes = []
    if env("BENCH_DPDK_NOTE"):
        notes.append("**%s** - dplite numbers only." % env("BENCH_DPDK_NOTE"))
    seen = set()
    if env("BENCH_NOTES") and os.path.exists(env("BENCH_NOTES")):
        with open(env("BENCH_NOTES")) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2 and tuple(parts[:2]) not in seen:
                    seen.add(tuple(parts[:2]))
                    notes.append("%s: %s." % ({"dpdk": "DPDK"}.get(parts[0], parts[0]), parts[1]))
    if env("BENCH_KDRV_NOTE"):
        notes.append("Note: %s." % env("BENCH_KDRV_NOTE"))
    if env("BENCH_HUGE_NOTE"):
        notes.append("Note: %s." % env("BENCH_HUGE_NOTE"))
    for (lib, subj), (s, why) in sorted(status.items()):
        if s == "notbuilt":
            notes.append("`bench_%s` against %s: **not built** (%s)." % (subj, lib, why or "compile error"))
        elif s == "failed":
            notes.append("`bench_%s` against %s: **failed to run** (%s)." % (subj, lib, why))
    loadavg = [float(x) for x in env("BENCH_LOAD", "").split()]
    # only the load before the run says anything about other work: the
    # figure after it includes the benchmarks' own busy lcores
    if loadavg and loadavg[0] > 1.0:
        notes.append("**The machine was busy** (1-minute load average %.1f before the run, on "
                     "%s CPUs): other processes shared the cores, so absolute numbers "
                     "and spreads are inflated; the ratios are fairer than the absolute values "
                     "because both builds ran interleaved." % (loadavg[0], env("BENCH_NCPU", "?")))
    for key in sorted(REFERENCE_KEYS):
        for which, name in ((0, "medians"), (1, "best rounds")):
            r = ratio(key, data, which) if key in meta else None
            if r is not None and not 0.8 <= r <= 1.25:
                notes.append("**Reference row disagrees**: \"%s\" runs the same code in both "
                             "builds but its %s differ by %.2fx; the %s ratios of the rows it "
                             "stands for (%s) are within noise in this run." % (
                                 meta[key][1], name, r, name,
                                 "cross-core ring rows" if key.startswith("ring") else
                                 "veth rows" if key.startswith("kdrv") else "heap rows"))
    if env("BENCH_ROUNDS_NOTE"):
        notes.append("Ran %s." % env("BENCH_ROUNDS_NOTE"))
    if env("BENCH_QUICK") == "1":
        notes.append("**--quick run: tiny iteration counts, numbers are not meaningful.**")

    machine = ("%s, %s CPUs, Linux %s, %s; lcores %s; %s; dplite %s; DPDK %s; "
               "load average %s before/after; run took %s s"
               % (env("BENCH_CPU", "?"), env("BENCH_NCPU", "?"), env("BENCH_KERNEL", "?"),
                  env("BENCH_DATE", "?"), env("BENCH_LCORES", "?"), env("BENCH_CC", "?"),
                  env("BENCH_COMMIT", "?"), env("BENCH_DPDK") or "not installed",
                  "/".join(env("BENCH_LOAD", "? ?").split()), env("BENCH_ELAPSED", "?")))
    md = ["# dplite vs DPDK benchmarks", "",
          "Generated by `make bench` (bench/run.sh). Machine: %s." % machine, "",
          "Median of %s rounds (min-max across rounds); %s Ratios: dplite/DPDK "
          "of the medians, and of the best (lowest) rounds - the least disturbed process of "
          "each build; below 1 means dplite is faster (or smaller). Within a round each throughput "
          "number is the best of %s short timed passes (0.1-1 ms each, after a warm-up) in one "
          "process: interference only ever slows a pass down, so this is the least disturbed "
          "steady-state cost; EAL rows: each round is itself the median of %s process launches." % (
              env("BENCH_ROUNDS", "?"),
              "the two builds of each benchmark run alternately, same lcores, same compiler "
              "flags." if dpdk_present else "dplite alone (no DPDK build to compare with).",
              env("BENCH_PASSES", "?"), env("BENCH_EAL_RUNS", "?")),
          ""]
    if notes:
        md += ["- " + n for n in notes] + [""]
    matched = placement_table(load_pairs(env("BENCH_PAIRS")), meta) if dpdk_present else None
    md += ["## Headline", "", table(headline, data, meta, status, dpdk_present), "",
           "![dplite vs DPDK](bench.svg)", "",
           "## All results", "", table(order, data, meta, status, dpdk_present), ""]
    if matched:
        md += ["## Cross-core rows by vCPU placement", "",
               "On a VM the host may run the two vCPUs on one physical core (a short "
               "core-to-core round trip) or on two (a longer one), and it changes its mind "
               "while the benchmark runs, so the cross-core rows above mix placements and "
               "the dplite and DPDK processes of one round may not have had the same one. "
               "Here every timed pass of a cross-core figure is classed by two ping-pongs "
               "measured just before and just after it (near: both within 1.5x of the run's "
               "fastest round trip; far: both between 1.5x and 4x; passes whose placement "
               "changed in between, or where a vCPU was descheduled, are dropped), "
               "and the two builds are compared within each class: like for like. Per "
               "build and class: the best pass of each round, then the median over rounds "
               "and the best round.", "", matched, ""]
    md += [
           "## What is measured", "",
           "- **EAL**: `bench_eal` re-executes itself N times; *exec* is fork -> exec -> "
           "`rte_eal_init` -> `rte_eal_cleanup` -> exit as seen by the parent, *init* is "
           "`rte_eal_init()` alone timed in the child, *VmRSS* is read from /proc/self/status "
           "right after init (hugetlb mappings are not in VmRSS; they are shown as *hugetlb*). "
           "Arguments: `--no-pci --file-prefix=<unique> -l 0-1`, plus `--no-huge -m 1024` for the "
           "no-huge rows. The Debian DPDK build loads all its driver plugins during init.",
           "- **Ring**: 1 core = `enqueue_bulk(n)` then `dequeue_bulk(n)` in a loop, ns per object, "
           "n a constant the compiler sees; 2 cores = worker lcore produces bursts, main lcore "
           "consumes, ns per object delivered (each timed pass between two untimed ping-pongs "
           "that class its vCPU placement; a pass or ping-pong that runs far past any "
           "undisturbed time, because an lcore was descheduled, gives up and is dropped); RTS/HTS through the generic "
           "`rte_ring_enqueue_bulk`/`dequeue_bulk`. Ring size 2048. The *runtime n* rows measure "
           "what DPDK's `ring_perf_autotest` measures: the count is read from a volatile (so "
           "neither build can specialise the copy for it), the `_elem` API with 16-byte "
           "elements, single-object calls (`rte_ring_sp_enqueue`/`sc_dequeue`, "
           "`rte_ring_sp_enqueue_elem`...; ns per enqueue+dequeue pair) and `dequeue_bulk(8)` "
           "from an empty ring (ns per call), on an MP/MC ring of 2048 slots.",
           "- **Ping-pong**: two lcores bounce one cache line (release store / acquire load); "
           "round-trip ns. No library code: the physical floor for a cross-core handoff, and "
           "a noise check (both builds should agree).",
           "- **Mempool**: `rte_mempool_get_bulk(n)`+`put_bulk(n)`, 16383 x 64 B objects, cache 256 or 0; "
           "all-cores rows: every lcore runs the loop at once, value is the per-lcore mean. "
           "**mbuf**: `rte_pktmbuf_alloc_bulk(32)`+`rte_pktmbuf_free_bulk(32)`, 8191 mbufs, cache 256.",
           "- **Heap**: churn = free a random one of 4096 live blocks and `rte_malloc` a random "
           "16..4096 B block in its place, ns per free+malloc; the same loop on glibc "
           "malloc/free is the reference line; fixed = `rte_malloc(64)`+`rte_free`; latency = "
           "each churn step timed with rdtsc at 10..100000 live blocks (p50/p99, includes the rdtsc "
           "reads).",
           "- **memif**: two processes over one memif socket, 64-byte frames, one queue pair, DPDK's defaults (1024-slot rings, 2048-byte buffers, copy mode): a txonly client feeding an rxonly server, dplite-fwd + dplite-fwd against dpdk-testpmd + dpdk-testpmd, on the same two lcores (receiver polls on the first, sender on the second; testpmd's console lcore shares the other one). Value: ns per received packet from the receiver's best 1 s period (the first left out). testpmd may die of SIGSEGV when its peer disconnects at teardown (DPDK 22.11's memif unmaps the regions under its own forwarding lcore); that is after the measurement and not counted.",
           "- Noise: on the 2-vCPU VM these numbers were first taken on, a tight single-core "
           "loop runs in one of two speed states about 2x apart, for stretches of a second or "
           "more (a host effect: the same binary flips between runs, ASLR on or off). Ring, "
           "mempool and mbuf binaries therefore run their whole list of figures %s times per "
           "process (sweeps) and report each figure's best sweep, which spreads every figure's "
           "samples over the process's lifetime; the min-max columns show what is left. "
           "Cross-core rows additionally depend on where the host places the two vCPUs, which "
           "the ping-pong reference row tracks; see the placement-matched table." % env("BENCH_SWEEPS", "?"),
           "- **Real interfaces** (bench/bench_kdrv.sh, root only): one veth pair between two "
           "network namespaces made and deleted by the script; `dplite-fwd --fwd=txonly|rxonly "
           "--txpkts=64` on dplite's net_af_packet / net_af_xdp against `dpdk-testpmd "
           "--forward-mode=txonly|rxonly --txpkts=64` on DPDK's, both polling on lcore 1 "
           "(testpmd's console on lcore 0). Tool rows: each tool's own packet count over the "
           "time it ran (dplite-fwd's --json Mpps over its timed run; testpmd's mean 1 s "
           "Tx-pps/Rx-pps period over as many seconds); *kernel* rows: the veth's "
           "`ip -s link` counter over a window inside the same run (tx: what was sent; rx: "
           "what was offered); *CPU* rows: the CPU time the tool's threads ran in that window "
           "(/proc/PID/task/*/schedstat) per packet the veth counted, which does not move with "
           "how much of a shared CPU the tool got. The rxonly generator is bench/kblast.c on the peer, on CPU 0, "
           "for both; kblast alone on the polling CPU (AF_PACKET `sendmmsg`, 64 frames a "
           "call, qdisc bypass) is the kernel's own ceiling (reference row). ns/pkt = "
           "1000 / Mpps.",
           "- Builds: the benchmark binaries are compiled `-O3 %s` (a native build for this "
           "machine, so the inline ring/mempool code is too), the same source file for both "
           "libraries (bench/bench_*.c), except `fwd.io.null` and `memif.txrx.64`, which compare "
           "programs, dplite-fwd and dpdk-testpmd (bench/bench_fwd.sh, bench/bench_memif.sh: two "
           "processes each, txonly -> rxonly over memif; and the kdrv rows); the libraries are as installed: "
           "libdplite built for `%s` (DPLITE_MARCH; portable), DPDK the distribution's shared "
           "build." % (env("BENCH_MARCH", "-march=native"), env("BENCH_LIB_MARCH", "x86-64-v2")),
           "",
           "## How to run", "",
           "```sh",
           "make bench                          # a few minutes (120 s budget of runs, 3 rounds at least, + build): report in build/bench/bench.md",
           "make bench-docs                     # the same, rewriting docs/bench.md + docs/bench.svg (quiet machine)",
           "make bench BENCH_ARGS=--quick       # seconds; checks that everything builds and runs, numbers not meaningful",
           "bench/run.sh --only ring --rounds 9 # one subject (eal ring mempool mbuf heap ethdev fwd kdrv memif), more rounds",
           "bench/run.sh --no-dpdk              # dplite alone",
           "```", "",
           "Defaults: 5 rounds, each throughput figure the best of 20 passes, ring/mempool/mbuf "
           "figure lists run 4 times per process (sweeps); after 3 rounds a round that would not "
           "fit the 120 s budget (BENCH_BUDGET) is dropped and the report says so. This run: "
           "%s s of benchmark runs." % env("BENCH_ELAPSED", "?"), "",
           "Binaries land in build/bench/{dplite,dpdk}/, raw numbers in build/bench/results.tsv, "
           "seconds per subject and build in build/bench/times.tsv, per-run logs in "
           "build/bench/logs/. `make bench` exits non-zero when a benchmark that was built fails "
           "to run; a slow result is never a failure. It never installs anything: without DPDK "
           "(pkg-config libdpdk fails) the table shows dplite alone and says what to install "
           "(Debian/Ubuntu: `apt-get install libdpdk-dev pkg-config`).",
           ""]
    text = "\n".join(md)
    with open(md_path, "w") as f:
        f.write(text)
    title = "dplite vs DPDK %s - %s" % (env("BENCH_DPDK") or "(not installed)", env("BENCH_DATE", ""))
    write_svg(svg_path, order, data, meta, dpdk_present, title)
    print(text)
    print("\nwrote %s and %s" % (md_path, svg_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
