#!/usr/bin/env bash
# memif between two processes, 64-byte frames, one queue pair:
#   dplite: dplite-fwd --fwd=txonly (memif client) -> dplite-fwd --fwd=rxonly
#           (memif server)
#   dpdk:   dpdk-testpmd txonly (client) -> dpdk-testpmd rxonly (server)
# Same lcores for both: the receiver polls on the first lcore of -l, the
# sender on the second (testpmd's main lcore, which only prints statistics,
# is put on the other one). Same memif settings: DPDK's defaults (1024-slot
# rings, 2048-byte buffers, copy mode), socket in a temporary directory.
# Rate: the best 1 s period of the receiver (dplite-fwd's periodic "rx"
# Mpps, testpmd's "Rx-pps"), the first period (connection) left out.
# Like bench_fwd.sh this compares two programs, not one source built twice:
# bench/run.sh copies this script to build/bench/<lib>/bench_memif and the
# directory name says which program to run.
# A second row, memif.zc.rx.64, runs the other way round with the client
# receiving in zero-copy mode (zero-copy=yes on both; DPDK's zero-copy
# client needs --single-file-segments).
# Output: two BENCH lines (bench/bench_common.h's protocol), ns per received
# packet = 1000 / Mpps, lower is better.
# usage (from run.sh): bench_memif [EAL args] -- [--scale F] [--passes N] [--sweeps N]
#                      bench_memif --check   (exit 0 when the programs exist)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$(basename "$HERE")
BUILD=$(cd "$HERE/../.." && pwd)
FWDBIN=$BUILD/app/dplite-fwd/dplite-fwd
if [ "${1:-}" = --check ]; then
	if [ "$LIB" = dplite ]; then
		grep -q -a -- "--mode=rtc|pipeline" "$FWDBIN" 2>/dev/null ||
			{ echo "error: $FWDBIN has no packet forwarding (no ethdev)"; exit 1; }
		grep -q -a "net_memif" "$BUILD/libdplite.so" 2>/dev/null ||
			{ echo "error: $BUILD/libdplite.so has no net_memif driver"; exit 1; }
	else
		command -v dpdk-testpmd >/dev/null || { echo "error: dpdk-testpmd not installed (dpdk package)"; exit 1; }
	fi
	exit 0
fi
# EAL arguments from run.sh, less -l and --file-prefix (two processes here)
eal=() lcores="0-1" pfx=bmemif$$
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	case "$1" in
	-l) lcores=$2; shift ;;
	-l*) lcores=${1#-l} ;;
	--file-prefix=*) pfx=${1#--file-prefix=} ;;
	*) eal+=("$1") ;;
	esac
	shift
done
[ $# -gt 0 ] && shift
scale=1
while [ $# -gt 0 ]; do
	case "$1" in --scale) scale=$2; shift ;; esac
	shift
done
secs=4
awk -v s="$scale" 'BEGIN { exit !(s < 1) }' && secs=2
# the first two lcores of the list (a-b or a,b,...)
lrx=$(echo "$lcores" | sed 's/[-,].*//')
ltx=$(echo "$lcores" | sed -n 's/^[0-9]*[-,]\([0-9]*\).*/\1/p')
ltx=${ltx:-$lrx}
desc="memif 64 B, 1 queue pair, txonly client -> rxonly server: dplite-fwd x2 vs dpdk-testpmd x2"
zdesc="memif 64 B zero copy, 1 queue pair, txonly server -> rxonly zero-copy client: dplite-fwd x2 vs dpdk-testpmd x2 (--single-file-segments)"
fail() { printf 'BENCH-ERROR\t%s\n' "$*"; exit 1; }
DIR=$(mktemp -d /tmp/bmemif.XXXXXX)
SOCK=$DIR/m.sock
RX='' TX=''
cleanup() {
	for p in $TX $RX; do
		# shellcheck disable=SC2046 # a list of pids, split on purpose
		kill -9 $(cat "/proc/$p/task/$p/children" 2>/dev/null) 2>/dev/null
		kill -9 "$p" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$DIR" "/var/run/dpdk/${pfx}r" "/var/run/dpdk/${pfx}t" "/var/run/dpdk/${pfx}s" \
		"/var/run/dpdk/${pfx}c" 2>/dev/null
}
trap cleanup EXIT INT TERM
vdev() { echo "--vdev=net_memif0,role=$1,socket=$SOCK,socket-abstract=no"; }
wait_sock() {
	for _ in $(seq 1 200); do [ -S "$SOCK" ] && return 0; sleep 0.05; done
	return 1
}

# measure RX_ROLE ZC: one run, sets mpps (the receiver's best period).
# The receiver polls on lrx, the sender on ltx; the server starts first.
# ZC=1: the client (the receiver then) has zero-copy=yes.
measure() {
	local rxrole=$1 zc=$2 zarg='' dpdkzc=()
	[ "$zc" = 1 ] && zarg=,zero-copy=yes
	# DPDK 22.11's zero-copy client shares its memseg files: one per list
	[ "$zc" = 1 ] && dpdkzc=(--single-file-segments)
	rm -f "$DIR"/rx.log "$DIR"/tx.log "$SOCK"
	if [ "$LIB" = dplite ]; then
		grep -q -a -- "--mode=rtc|pipeline" "$FWDBIN" 2>/dev/null || fail "dplite-fwd has no packet forwarding yet"
		if [ "$rxrole" = server ]; then
			timeout -s INT $((secs + 30)) "$FWDBIN" -l "$lrx" --file-prefix="${pfx}r" "${eal[@]}" "$(vdev server)" \
				--log-level=warning -- --mode=rtc --fwd=rxonly --rxq 1 --txq 1 --duration 0 --stats-period 1 \
				>"$DIR/rx.log" 2>&1 &
			RX=$!
			wait_sock || { tail -5 "$DIR/rx.log" >&2; fail "the receiving dplite-fwd did not listen"; }
			timeout -s INT $((secs + 30)) "$FWDBIN" -l "$ltx" --file-prefix="${pfx}t" "${eal[@]}" "$(vdev client)" \
				--log-level=warning -- --mode=rtc --fwd=txonly --txpkts 64 --rxq 1 --txq 1 \
				--duration $((secs + 1)) --stats-period 0 >"$DIR/tx.log" 2>&1 &
			TX=$!
		else
			timeout -s INT $((secs + 30)) "$FWDBIN" -l "$ltx" --file-prefix="${pfx}t" "${eal[@]}" "$(vdev server)" \
				--log-level=warning -- --mode=rtc --fwd=txonly --txpkts 64 --rxq 1 --txq 1 \
				--duration $((secs + 2)) --stats-period 0 >"$DIR/tx.log" 2>&1 &
			TX=$!
			wait_sock || { tail -5 "$DIR/tx.log" >&2; fail "the sending dplite-fwd did not listen"; }
			timeout -s INT $((secs + 30)) "$FWDBIN" -l "$lrx" --file-prefix="${pfx}r" "${eal[@]}" "$(vdev client)$zarg" \
				--log-level=warning -- --mode=rtc --fwd=rxonly --rxq 1 --txq 1 --duration 0 --stats-period 1 \
				>"$DIR/rx.log" 2>&1 &
			RX=$!
		fi
		wait $TX || { tail -5 "$DIR/tx.log" >&2; fail "the sending dplite-fwd failed"; }
		TX=
		kill -INT $RX
		wait $RX || { tail -5 "$DIR/rx.log" >&2; fail "the receiving dplite-fwd failed"; }
		RX=
		# "[rtc  2.0s] port 0 rx 12.34 tx 0.00 Mpps | drops 0": best period after the first
		mpps=$(awk '/^\[rtc/ { for (i = 1; i < NF; i++) if ($i == "rx") { if (n++ > 0 && $(i + 1) > best) best = $(i + 1) } }
			    END { printf "%.4f", best }' "$DIR/rx.log")
	else
		command -v dpdk-testpmd >/dev/null || fail "dpdk-testpmd not installed"
		local slog clog smain cmain sfwd cfwd SP CP
		# testpmd's forwarding lcore is the one that is not --main-lcore
		if [ "$rxrole" = server ]; then
			slog=rx.log clog=tx.log smain=$ltx cmain=$lrx sfwd=(--forward-mode=rxonly) cfwd=(--forward-mode=txonly --txpkts=64)
		else
			slog=tx.log clog=rx.log smain=$lrx cmain=$ltx sfwd=(--forward-mode=txonly --txpkts=64) cfwd=(--forward-mode=rxonly)
		fi
		timeout -s INT $((secs + 30)) dpdk-testpmd -l "$lrx,$ltx" --main-lcore "$smain" --file-prefix="${pfx}s" \
			"${eal[@]}" "$(vdev server)" --log-level=warning -- --total-num-mbufs=16384 \
			"${sfwd[@]}" --nb-cores=1 --rxq=1 --txq=1 --stats-period 1 </dev/null >"$DIR/$slog" 2>&1 &
		SP=$!
		RX=$SP	# for cleanup until both run
		wait_sock || { tail -5 "$DIR/$slog" >&2; fail "the server testpmd did not listen"; }
		# a client is refused ("ID not found") until the server's port has started
		for _ in $(seq 1 200); do grep -q "forwards packets on" "$DIR/$slog" && break; sleep 0.05; done
		timeout -s INT $((secs + 30)) dpdk-testpmd -l "$lrx,$ltx" --main-lcore "$cmain" --file-prefix="${pfx}c" \
			"${eal[@]}" "${dpdkzc[@]}" "$(vdev client)$zarg" --log-level=warning -- --total-num-mbufs=16384 \
			"${cfwd[@]}" --nb-cores=1 --rxq=1 --txq=1 --stats-period 1 \
			</dev/null >"$DIR/$clog" 2>&1 &
		CP=$!
		[ "$rxrole" = server ] && { RX=$SP TX=$CP; } || { RX=$CP TX=$SP; }
		# it sends for secs + 1 s from when it forwards (start-up is slow on a
		# loaded machine)
		for _ in $(seq 1 400); do grep -q "forwards packets on" "$DIR/$clog" && break; sleep 0.05; done
		sleep $((secs + 1))
		# The rate is taken while both run. At teardown DPDK 22.11's memif may
		# die of SIGSEGV in whichever process sees its peer go (its disconnect
		# unmaps the regions under its own forwarding lcore), so the exit status
		# after the measurement is not held against it; a start-up failure shows
		# as no rate below.
		# shellcheck disable=SC2046 # a list of pids, split on purpose
		kill -INT $(cat "/proc/$CP/task/$CP/children" 2>/dev/null) 2>/dev/null
		wait $CP
		kill -INT $SP
		wait $SP
		RX= TX=
		mpps=$(awk '/Rx-pps:/ { if (n++ > 0 && $2 > best) best = $2 } END { printf "%.4f", best / 1e6 }' "$DIR/rx.log")
	fi
	if ! awk -v m="${mpps:-0}" 'BEGIN { exit !(m > 0) }'; then
		for f in rx tx; do echo "--- $f.log" >&2; grep -v -E '^ *$|-pps|-bps|####|Throughput|statistics|-packets|-errors' "$DIR/$f.log" | tail -8 >&2; done
		fail "no rate measured"
	fi
}

measure server 0
awk -v m="$mpps" -v d="$desc" 'BEGIN { printf "BENCH\tmemif.txrx.64\tns/pkt\t%.3f\t%s\n", 1000 / m, d }'
# zero copy: the client receives in place (the server copies into the
# client's buffers on both sides; txonly mbufs would be copied once by a
# dplite zero-copy client's tx, so the client is the receiver here)
measure client 1
awk -v m="$mpps" -v d="$zdesc" 'BEGIN { printf "BENCH\tmemif.zc.rx.64\tns/pkt\t%.3f\t%s\n", 1000 / m, d }'
