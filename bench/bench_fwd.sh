#!/usr/bin/env bash
# dplite-fwd against dpdk-testpmd: io forwarding between two net_null ports
# with one forwarding lcore and burst 32, the same vdevs and lcores for both.
# Unlike the bench_*.c subjects this compares two programs, not one source
# built twice: bench/run.sh copies this script to build/bench/<lib>/bench_fwd
# and the directory name says which program to run.
#   dplite: build/app/dplite-fwd/dplite-fwd --mode=rtc --fwd=io --rxq 1 --txq 1
#           (the main lcore forwards; Mpps from its --json summary)
#   dpdk:   dpdk-testpmd --forward-mode=io --nb-cores=1 (lcore 1 forwards,
#           lcore 0 runs the console; Mpps = the best 1 s "Rx-pps" period,
#           summed over both ports, the first period left out)
# Output: BENCH lines (bench/bench_common.h's protocol), ns per forwarded
# packet = 1000 / Mpps, lower is better.
# usage (from run.sh): bench_fwd [EAL args] -- [--scale F] [--passes N] [--sweeps N]
#                      bench_fwd --check   (exit 0 when the program exists)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$(basename "$HERE")
BUILD=$(cd "$HERE/../.." && pwd)
if [ "${1:-}" = --check ]; then
	if [ "$LIB" = dplite ]; then
		grep -q -a -- "--mode=rtc|pipeline" "$BUILD/app/dplite-fwd/dplite-fwd" 2>/dev/null ||
			{ echo "error: $BUILD/app/dplite-fwd/dplite-fwd has no packet forwarding (no ethdev)"; exit 1; }
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
secs=3
awk -v s="$scale" 'BEGIN { exit !(s < 1) }' && secs=2
vdevs=(--vdev=net_null0 --vdev=net_null1 --log-level=warning)
desc="io fwd 2 net_null ports, 1 fwd lcore, burst 32: dplite-fwd vs dpdk-testpmd"
fail() { printf 'BENCH-ERROR\t%s\n' "$*"; exit 1; }

if [ "$LIB" = dplite ]; then
	bin=$BUILD/app/dplite-fwd/dplite-fwd
	grep -q -a -- "--mode=rtc|pipeline" "$bin" 2>/dev/null || fail "dplite-fwd has no packet forwarding yet"
	out=$(timeout 120 "$bin" "${eal[@]}" "${vdevs[@]}" -- --mode=rtc --fwd=io --rxq 1 --txq 1 \
		--duration "$secs" --stats-period 0 --json) || fail "dplite-fwd failed"
	mpps=$(printf "%s\n" "$out" | tail -1 | sed -n 's/^[^[]*"mpps":\([0-9.]*\),"ports".*/\1/p')
else
	command -v dpdk-testpmd >/dev/null || fail "dpdk-testpmd not installed"
	log=$(mktemp)
	timeout 120 dpdk-testpmd "${eal[@]}" "${vdevs[@]}" -- --forward-mode=io --nb-cores=1 \
		--rxq=1 --txq=1 --burst=32 --stats-period 1 >"$log" 2>&1 &
	pid=$!
	sleep $((secs + 1))
	kill -INT $pid 2>/dev/null
	wait $pid || { tail -5 "$log" >&2; rm -f "$log"; fail "dpdk-testpmd failed"; }
	mpps=$(awk '/Port statistics ====/ { if (n++ > 1 && sum > best) best = sum; sum = 0 }
		    /Rx-pps:/ { sum += $2 }
		    END { if (sum > best) best = sum; printf "%.4f", best / 1e6 }' "$log")
	rm -f "$log"
fi
awk -v m="${mpps:-0}" 'BEGIN { exit !(m > 0) }' || fail "no rate measured"
awk -v m="$mpps" -v d="$desc" 'BEGIN { printf "BENCH\tfwd.io.null\tns/pkt\t%.3f\t%s\n", 1000 / m, d }'
