#!/usr/bin/env bash
# Real interfaces: dplite-fwd on dplite's net_af_packet / net_af_xdp against
# dpdk-testpmd on DPDK's net_af_packet / net_af_xdp, 64-byte frames, on ONE
# veth pair between two network namespaces this script creates and deletes
# (no addresses are needed: the frames are raw Ethernet; nothing leaves the
# namespaces). bench/run.sh copies it to build/bench/<lib>/bench_kdrv and
# runs the dplite and the DPDK copy alternately, round after round; the
# directory name says which program this copy runs.
#
# Rows (each as ns per packet = 1000 / Mpps, lower is better):
#   kdrv.<drv>.tx          txonly on vethA: the tool's own count over the
#                          time it ran (dplite-fwd: its --json Mpps over the
#                          timed run; testpmd: the mean of its 1 s Tx-pps
#                          periods over the same ~secs)
#   kdrv.<drv>.tx.kernel   the same run, vethA's kernel tx counter
#                          (ip -s link) over a window inside the run
#   kdrv.<drv>.tx.cpu      the same window: CPU time the tool's threads ran
#                          (/proc/PID/task/*/schedstat) per packet of that
#                          counter. Nearly all of it is the kernel's
#                          transmit path inside the tool's sendto, so it
#                          reads what each driver asks the kernel to do per
#                          packet, and, unlike a rate, it does not move
#                          with how much of a shared CPU the tool got
#   kdrv.<drv>.rx          rxonly on vethA while kblast (bench/kblast.c, the
#                          same generator for both) blasts from vethB: the
#                          tool's own rx count (as above, Rx-pps)
#   kdrv.<drv>.rx.offered  the same run, vethA's kernel rx counter: what was
#                          offered to the receiver (it takes at most that)
#   kdrv.kernel.blast      reference: kblast alone on vethA (sendmmsg of 64
#                          frames per call on an AF_PACKET socket with
#                          qdisc bypass), its own count: the kernel's
#                          transmit ceiling on this veth and CPU
# <drv> is afp (net_af_packet) or afx (net_af_xdp; dplite's only when it was
# built with libxdp). Lcores: both tools poll on the last lcore of the
# list run.sh gives (-l 0-1: lcore 1): dplite-fwd -l 1 (its main lcore
# polls), dpdk-testpmd -l 0-1 --nb-cores=1 (lcore 0 runs its console);
# kblast runs on the first CPU (0) as the rx generator, and on the polling
# CPU for the reference row.
# usage (from run.sh): bench_kdrv [EAL args] -- [--scale F] [--passes N] [--sweeps N]
#                      bench_kdrv --check   (exit 0 when it can run here)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$(basename "$HERE")
BUILD=$(cd "$HERE/../.." && pwd)
SRC=${BENCH_ROOT:-$(cd "$BUILD/.." && pwd)}
FWD=$BUILD/app/dplite-fwd/dplite-fwd

if [ "${1:-}" = --check ]; then
	[ "$(id -u)" = 0 ] || { echo "error: needs root (network namespaces, veth)"; exit 1; }
	command -v ip >/dev/null || { echo "error: no ip(8) (iproute2)"; exit 1; }
	${CC:-cc} -O2 -Wall -Wextra -o "$HERE/kblast" "$SRC/bench/kblast.c" ||
		{ echo "error: cannot build bench/kblast.c"; exit 1; }
	if [ "$LIB" = dplite ]; then
		grep -q -a -- "net_af_packet" "$BUILD/libdplite.so" 2>/dev/null ||
			{ echo "error: libdplite has no net_af_packet"; exit 1; }
		[ -x "$FWD" ] || { echo "error: no $FWD"; exit 1; }
	else
		command -v dpdk-testpmd >/dev/null || { echo "error: dpdk-testpmd not installed (dpdk package)"; exit 1; }
	fi
	exit 0
fi

eal=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do eal+=("$1"); shift; done
[ $# -gt 0 ] && shift
scale=1
while [ $# -gt 0 ]; do
	case "$1" in --scale) scale=$2; shift ;; esac
	shift
done
secs=4
awk -v s="$scale" 'BEGIN { exit !(s < 1) }' && secs=3
fail() { printf 'BENCH-ERROR\t%s\n' "$*"; exit 1; }
# a row that cannot be measured: a BENCH-NOTE line (run.sh puts it under the report's table)
note() { echo "bench_kdrv: $*" >&2; printf 'BENCH-NOTE\t%s\n' "$*"; }

# EAL arguments from run.sh minus the lcore list (each tool gets its own
# below) and the file prefix (one per run here, so a slow exit cannot clash)
lcores=0-1 rest=() prefix=kdrv$$
for ((i = 0; i < ${#eal[@]}; i++)); do
	case "${eal[$i]}" in
	-l) lcores=${eal[$((i + 1))]}; i=$((i + 1)) ;;
	--file-prefix=*) prefix=${eal[$i]#--file-prefix=} ;;
	*) rest+=("${eal[$i]}") ;;
	esac
done
first=${lcores%%[-,]*} last=${lcores##*[-,]}
[ "$first" != "$last" ] || fail "needs two lcores (-l A-B), got -l $lcores"

# ---- the namespace pair ---------------------------------------------------------------------
NSA=kbA$$ NSB=kbB$$ VA=kba$$ VB=kbb$$ TMP=$(mktemp -d) PIDS=""
cleanup() {
	# shellcheck disable=SC2086
	[ -n "$PIDS" ] && kill $PIDS 2>/dev/null && wait $PIDS 2>/dev/null
	ip netns del "$NSA" 2>/dev/null
	ip netns del "$NSB" 2>/dev/null
	rm -rf "$TMP" /var/run/dpdk/"$prefix"_* 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM
ip netns add "$NSA" && ip netns add "$NSB" || fail "cannot create network namespaces"
ip link add "$VA" type veth peer name "$VB" || fail "cannot create a veth pair"
ip link set "$VA" netns "$NSA" && ip link set "$VB" netns "$NSB" || fail "cannot move the veth ends"
for ns in "$NSA" "$NSB"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 2>/dev/null
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 2>/dev/null
done
ip -n "$NSA" link set "$VA" up && ip -n "$NSB" link set "$VB" up || fail "cannot bring the veth up"
MACA=$(ip -n "$NSA" link show "$VA" | awk '/link\/ether/ {print $2}')

count() {  # NS DEV rx|tx -> packets
	ip -n "$1" -s link show "$2" | awk -v d="$3" '
		/RX:/ {m="rx"; next} /TX:/ {m="tx"; next}
		m==d && $2 ~ /^[0-9]+$/ {print $2; exit}'
}
now() { date +%s.%N; }

# CPU time (ns) the tool's threads have run so far: the sum of
# /proc/PID/task/*/schedstat's first field (the scheduler's own count), PID
# being the tool under `timeout` (the child of the process started)
cputime() {
	local tool
	tool=$(pgrep -P "$1" | head -1)
	[ -n "$tool" ] && cat /proc/"$tool"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

# window DIR PID -> "Mpps cpu_ns_per_pkt": vethA's kernel counter over
# ~(secs - 1.5) s from now + 0.5 s, and the CPU time the tool (PID: the
# timeout process around it) ran in that window per packet counted. The
# CPU figure is what stays comparable on a shared machine: a polling tool
# that gets half a CPU sends half as many packets per second but spends
# the same CPU time on each one.
window() {
	local c1 c2 t1 t2 x1 x2
	sleep 0.5
	t1=$(now); c1=$(count "$NSA" "$VA" "$1"); x1=$(cputime "$2")
	sleep "$(awk -v s="$secs" 'BEGIN { print s - 1.5 }')"
	t2=$(now); c2=$(count "$NSA" "$VA" "$1"); x2=$(cputime "$2")
	awk -v a="$c1" -v b="$c2" -v s="$t1" -v e="$t2" -v x="${x1:-0}" -v y="${x2:-0}" 'BEGIN {
		printf "%.4f %.1f", (b - a) / (e - s) / 1e6, (b > a && y > x && x > 0) ? (y - x) / (b - a) : 0 }'
}

# measure VDEV MODE -> "tool_mpps kernel_mpps cpu_ns_per_pkt" (kernel: tx counter for
# txonly, rx for rxonly; cpu: see window)
measure() {
	local vdev=$1 mode=$2 dir=tx out=$TMP/run.out pid i=0 kern mpps
	[ "$mode" = rxonly ] && dir=rx
	: >"$out"
	if [ "$LIB" = dplite ]; then
		ip netns exec "$NSA" timeout 60 "$FWD" -l "$last" --file-prefix="${prefix}_$mode" "${rest[@]}" \
			--vdev="$vdev" --log-level=warning -- --fwd="$mode" --txpkts=64 --mode=rtc \
			--rxq 1 --txq 1 --duration "$secs" --stats-period 0 --json >"$out" 2>&1 &
		pid=$!
		while ! grep -q "== rtc" "$out" && kill -0 $pid 2>/dev/null && [ $i -lt 300 ]; do
			sleep 0.05; i=$((i + 1))
		done
		kern=$(window $dir $pid)
		wait $pid || { tail -3 "$out" >&2; return 1; }
		mpps=$(tail -1 "$out" | sed -n 's/^[^[]*"mpps":\([0-9.]*\),"ports".*/\1/p')
	else
		ip netns exec "$NSA" timeout 60 dpdk-testpmd -l "$first-$last" --file-prefix="${prefix}_$mode" \
			"${rest[@]}" --vdev="$vdev" --log-level=warning -- --forward-mode="$mode" --txpkts=64 \
			--nb-cores=1 --rxq=1 --txq=1 --burst=32 --stats-period 1 >"$out" 2>&1 </dev/null &
		pid=$!
		while ! grep -q "Port statistics" "$out" && kill -0 $pid 2>/dev/null && [ $i -lt 300 ]; do
			sleep 0.05; i=$((i + 1))
		done
		t0=$(now)
		kern=$(window $dir $pid)
		sleep "$(awk -v s="$secs" -v a="$t0" -v b="$(now)" 'BEGIN { d = s + 0.6 - (b - a); print (d > 0 ? d : 0) }')"
		kill -INT $pid 2>/dev/null
		wait $pid || { grep -v '^\s*$' "$out" | grep -i -m3 -E 'error|fail|cannot' >&2; return 1; }
		# the mean of its 1 s Tx-pps (Rx-pps) periods after the first block
		# (which says 0: nothing shown before): its rate over ~secs, as
		# dplite-fwd's --json. (Not its accumulated count at the stop: it
		# forwards for up to a second after SIGINT before it stops.)
		mpps=$(awk -v k="$( [ "$mode" = rxonly ] && echo Rx-pps: || echo Tx-pps: )" \
			'$1 == k { if (n++ > 0) { sum += $2; m++ } }
			 END { if (m) printf "%.4f", sum / m / 1e6 }' "$out")
	fi
	awk -v m="${mpps:-0}" 'BEGIN { exit !(m > 0) }' || { tail -3 "$out" >&2; return 1; }
	echo "$mpps $kern"     # "tool_mpps kernel_mpps cpu_ns_per_pkt"
}

why() {  # the first error-looking line of the last run, or "failed"
	local w
	w=$(grep -v '^\s*$' "$TMP/run.out" 2>/dev/null | grep -i -m1 -E 'error|fail|cannot|invalid|not' |
		tr -d '\t' | cut -c1-140)
	echo "${w:-the tool failed or measured nothing}"
}

cpurow() {  # key ns description (0: not measured, no row)
	awk -v k="$1" -v n="$2" -v d="$3" 'BEGIN { if (n > 0) printf "BENCH\t%s\tns/pkt\t%.1f\t%s\n", k, n, d }'
}

row() {  # key mpps description
	awk -v k="$1" -v m="$2" -v d="$3" 'BEGIN { if (m > 0) printf "BENCH\t%s\tns/pkt\t%.1f\t%s\n", k, 1000 / m, d }'
}

# the kernel's own ceiling on this veth: kblast alone, on the polling CPU
r=$(ip netns exec "$NSA" taskset -c "$last" "$HERE/kblast" "$VA" "$secs" 64 64 2>&1) || fail "kblast: $r"
row kdrv.kernel.blast "$(echo "$r" | awk '{print $(NF-1)}')" \
	"reference: kernel AF_PACKET sendmmsg 64 B on the veth (kblast)"

for drv in afp afx; do
	if [ $drv = afp ]; then vdev=net_af_packet0,iface=$VA; name=net_af_packet
	else vdev=net_af_xdp0,iface=$VA; name=net_af_xdp; fi
	if [ "$LIB" = dplite ] && [ $drv = afx ] && ! grep -q -a net_af_xdp "$BUILD/libdplite.so"; then
		note "kdrv net_af_xdp: dplite was built without it (no libxdp/libbpf found), no rows"
		continue
	fi
	if r=$(measure "$vdev" txonly); then
		set -- $r
		row kdrv.$drv.tx "$1" "$name txonly 64 B on a veth, the tool's count"
		row kdrv.$drv.tx.kernel "$2" "$name txonly 64 B, veth kernel tx counter"
		cpurow kdrv.$drv.tx.cpu "$3" "$name txonly 64 B: CPU ns of the tool per packet sent"
	else
		note "kdrv $name txonly: $(why) (no row)"
	fi
	# the generator: kblast on the other end, on the other CPU, to vethA's MAC
	ip netns exec "$NSB" taskset -c "$first" "$HERE/kblast" "$VB" 60 64 64 "$MACA" >/dev/null 2>&1 &
	gpid=$!
	PIDS=$gpid
	sleep 0.3
	if r=$(measure "$vdev" rxonly); then
		set -- $r
		row kdrv.$drv.rx "$1" "$name rxonly 64 B from kblast, the tool's count"
		row kdrv.$drv.rx.offered "$2" "$name rxonly: offered (veth kernel rx counter)"
	else
		note "kdrv $name rxonly: $(why) (no row)"
	fi
	kill -INT $gpid 2>/dev/null
	wait $gpid 2>/dev/null
	PIDS=""
done
exit 0
