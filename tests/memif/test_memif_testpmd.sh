#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# dplite-fwd's net_memif against DPDK 22.11's (dpdk-testpmd), two real
# processes on one Unix socket in a temporary directory.
#   rx:   dplite-fwd client --fwd=rxonly  <-  testpmd server txonly (64 B)
#   tx:   dplite-fwd server --fwd=txonly  ->  testpmd client rxonly
#         both: the sender's count minus the receiver's is between 0 and one
#         ring (1024 slots: frames left in the ring when the side that stops
#         first stopped) -- two rings for tx, where testpmd also empties its
#         RX queue before it starts counting (its flush of stale packets
#         reads up to a ring's worth that its forward statistics leave out);
#         testpmd stops first so its statistics are read
#         while it is still connected (DPDK's memif zeroes them on
#         disconnect), then dplite-fwd must print "port 0 link down".
#   kill: kill -9 mid-stream, each side in turn:
#         1. testpmd server killed: dplite-fwd (client) lives on, prints
#            "port 0 link down", and when a new testpmd server comes up it
#            reconnects by itself ("port 0 link up") and receives again;
#         2. dplite-fwd client killed: testpmd serves a new dplite-fwd
#            client, which receives;
#         3. testpmd client killed: dplite-fwd (server) lives on, link down,
#            and a new testpmd client connects and receives from it;
#         4. dplite-fwd server killed: testpmd (client) sees the link go.
#            (DPDK 22.11's client connects only when its port starts, so it
#            does not come back by itself; not checked.)
#         testpmd itself does not always survive 2 and 4: DPDK 22.11's memif
#         unmaps the regions on disconnect while its forwarding lcore may be
#         in rx/tx on them (SIGSEGV; measured about one run in three here).
#         That is printed as a NOTE, not a failure; when it happens in 2 the
#         new dplite-fwd is not checked.
#   zc-rx, zc-tx: rx and tx above with dplite-fwd a zero-copy client
#         (zero-copy=yes; the testpmd server is unchanged by it): testpmd
#         server txonly -> dplite-fwd rxonly, dplite-fwd txonly -> testpmd
#         server rxonly (dplite-fwd's txonly mbufs are copied once into the
#         data region).
#   zc-pingpong: testpmd server macswap (start tx_first) <-> dplite-fwd zero-copy
#         client macswap: one burst bounces between them, dplite-fwd sends
#         each received buffer back in place; both sides count > 1000 each
#         way, then testpmd stops and dplite-fwd reports link down.
# usage: test_memif_testpmd.sh PATH/dplite-fwd HAVE_MEMIF(0|1) rx|tx|kill|zc-rx|zc-tx|zc-pingpong
# Skips (77) without dpdk-testpmd or without the driver. Every wait is
# bounded; every process is killed by the EXIT trap.
set -u
FWD=${1:?usage: $0 dplite-fwd have-memif rx|tx|kill}
HAVE=${2:?}
CASE=${3:?}
[ "$HAVE" = 1 ] || { echo "SKIP: this build has no net_memif driver"; exit 77; }
command -v dpdk-testpmd >/dev/null 2>&1 || { echo "SKIP: dpdk-testpmd not installed"; exit 77; }
command -v timeout >/dev/null 2>&1 || { echo "SKIP: no timeout(1)"; exit 77; }
DIR=$(mktemp -d /tmp/memiftp.XXXXXX)
SOCK=$DIR/m.sock
TPFX=memiftp_t$$
FPFX=memiftp_f$$
TPID='' FPID=''
fail=0
cleanup() {
	[ -n "$TPID" ] && kill9 "$TPID"
	[ -n "$FPID" ] && kill9 "$FPID"
	[ -n "${MEMIF_TEST_KEEP:-}" ] || rm -rf "$DIR"
	rm -rf "/var/run/dpdk/$TPFX" "/var/run/dpdk/$FPFX" 2>/dev/null
}
trap cleanup EXIT INT TERM
bad() { echo "FAIL: $*"; fail=1; }
note() { echo "NOTE: $*"; }
# testpmd whose peer was killed: alive (0), or dead of DPDK's own
# disconnect race (a NOTE, 1)
tp_survived() { # case
	alive "$TPID" && return 0
	wait "$TPID"; rc=$?
	TPID=
	note "$1: testpmd died (exit $rc) when its peer was killed -- DPDK 22.11 memif unmaps its regions under its own forwarding lcore"
	return 1
}
RING=1024

# testpmd: lcore 0 its console, lcore 1 forwarding; dplite-fwd forwards on
# lcore 0 (its main lcore) -- one busy thread per core on a 2-core machine.
# Exit 0, or 124 from its lifetime bound, is clean; 128+n is death by signal.
FWD_VDEV_EXTRA=''
tp_start() { # role fwdmode log [socket]
	rm -f "$3"
	timeout -s INT 60 dpdk-testpmd -l 0,1 --no-huge -m 128 --no-pci --no-telemetry \
		--file-prefix=$TPFX --vdev=net_memif0,role=$1,socket=${4:-$SOCK},socket-abstract=no \
		-- --total-num-mbufs=8192 --forward-mode=$2 --txpkts=64 -a --stats-period 1 \
		</dev/null >"$3" 2>&1 &
	TPID=$!
}
tp_stop() { # -> 0 when testpmd exited cleanly
	kill -INT "$TPID" 2>/dev/null
	wait "$TPID"; rc=$?
	TPID=
	[ $rc -eq 124 ] && rc=0
	return $rc
}
# a server testpmd is ready for a client once its port forwards
tp_ready() {
	wait_for "$1" "forwards packets on" 1 15
}
fwd_start() { # role fwdmode log
	rm -f "$3"
	# shellcheck disable=SC2086 # DPLITE_TEST_EAL_ARGS is a word list
	timeout -s INT 60 "$FWD" -l 0 --file-prefix=$FPFX ${DPLITE_TEST_EAL_ARGS:-} \
		--vdev=net_memif0,role=$1,socket=$SOCK,socket-abstract=no$FWD_VDEV_EXTRA \
		-- --mode=rtc --fwd=$2 --txpkts 64 --rxq 1 --txq 1 --duration 0 --stats-period 0.5 --json \
		</dev/null >"$3" 2>&1 &
	FPID=$!
}
fwd_stop() {
	kill -INT "$FPID" 2>/dev/null
	wait "$FPID"; rc=$?
	FPID=
	[ $rc -eq 124 ] && rc=0
	return $rc
}
# wait_for FILE PATTERN N SECS: until PATTERN occurs N times in FILE
wait_for() {
	i=0
	while [ $i -lt $(($4 * 10)) ]; do
		[ "$(grep -c -- "$2" "$1" 2>/dev/null)" -ge "$3" ] 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# testpmd's final "Forward statistics for port 0": RX-packets / TX-packets
tp_final() { # log RX|TX
	awk -v k="$2-packets:" '/Forward statistics for port 0/ { f = 1 } f && $1 == k { print $2; exit }' "$1"
}
# the largest per-second port count testpmd printed while running
tp_peak() { # log RX|TX
	awk -v k="$2-packets:" '$1 == k && /(RX-missed|TX-errors)/ { if ($2 > m) m = $2 } END { print m + 0 }' "$1"
}
fwd_json() { # log rx_packets|tx_packets
	tail -1 "$1" | sed -n "s/.*\"ports\":\[{[^}]*\"$2\":\([0-9]*\).*/\1/p"
}
# 1 once a periodic line after the last "link up" shows a nonzero rx rate
fwd_moved_since_up() { # log
	awk '/port 0 link up/ { m = 0 }
	     /^\[rtc/ { for (i = 1; i < NF; i++) if ($i == "rx" && $(i + 1) > 0) m = 1 }
	     END { print m + 0 }' "$1"
}
wait_moved_since_up() { # log secs
	i=0
	while [ $i -lt $(($2 * 10)) ]; do
		[ "$(fwd_moved_since_up "$1")" = 1 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
alive() { kill -0 "$1" 2>/dev/null; }
# kill -9 the program itself, not the timeout(1) that bounds it, and reap both
kill9() { # pid-of-timeout
	kid=$(cat "/proc/$1/task/$1/children" 2>/dev/null)
	kill -9 $kid 2>/dev/null
	wait "$1" 2>/dev/null
}
check_count() { # what sent got allowed-difference
	s=$2 g=$3 allow=$4
	echo "$1: sender $s, receiver $g"
	[ -n "$s" ] && [ -n "$g" ] || { bad "$1: a count is missing"; return; }
	[ "$g" -gt 1000 ] || bad "$1: only $g frames arrived"
	d=$((s - g))
	[ $d -ge 0 ] && [ $d -le "$allow" ] || bad "$1: sender $s vs receiver $g differ by $d (allowed 0..$allow)"
}

case $CASE in
zc-*)
	FWD_VDEV_EXTRA=,zero-copy=yes
	CASE=${CASE#zc-}
	;;
esac
case $CASE in
pingpong)
	# testpmd interactive, commands from a fifo: "start tx_first" once the
	# client is connected (a burst sent before that would go nowhere)
	mkfifo "$DIR/tp.in"
	rm -f "$DIR/tp.log"
	timeout -s INT 60 dpdk-testpmd -l 0,1 --no-huge -m 128 --no-pci --no-telemetry \
		--file-prefix=$TPFX --vdev=net_memif0,role=server,socket=$SOCK,socket-abstract=no \
		-- -i --total-num-mbufs=8192 --forward-mode=macswap \
		<"$DIR/tp.in" >"$DIR/tp.log" 2>&1 &
	TPID=$!
	exec 3>"$DIR/tp.in"
	wait_for "$DIR/tp.log" "testpmd>" 1 15 || bad "testpmd server did not start: $(tail -3 "$DIR/tp.log")"
	fwd_start client macswap "$DIR/fwd.log"
	wait_for "$DIR/fwd.log" "connected to" 1 20 || bad "dplite-fwd did not connect: $(tail -5 "$DIR/fwd.log")"
	echo "start tx_first" >&3
	sleep 3
	echo "stop" >&3	# prints the statistics (the log is flushed at exit)
	sleep 1
	echo "quit" >&3
	exec 3>&-
	tp_stop || note "testpmd exited $rc"
	wait_for "$DIR/fwd.log" "port 0 link down" 1 10 || bad "dplite-fwd did not report link down"
	alive "$FPID" || bad "dplite-fwd died when testpmd left"
	fwd_stop || bad "dplite-fwd exited $rc"
	frx=$(fwd_json "$DIR/fwd.log" rx_packets) ftx=$(fwd_json "$DIR/fwd.log" tx_packets)
	trx=$(tp_final "$DIR/tp.log" RX) ttx=$(tp_final "$DIR/tp.log" TX)
	echo "ping-pong: dplite-fwd rx $frx tx $ftx, testpmd rx $trx tx $ttx"
	for v in "$frx" "$ftx" "$trx" "$ttx"; do
		[ -n "$v" ] && [ "$v" -gt 1000 ] || bad "ping-pong: a count is missing or <= 1000"
	done
	;;
rx)
	tp_start server txonly "$DIR/tp.log"
	tp_ready "$DIR/tp.log" || bad "testpmd server did not start: $(tail -3 "$DIR/tp.log")"
	fwd_start client rxonly "$DIR/fwd.log"
	wait_for "$DIR/fwd.log" "^\[rtc" 4 20 || bad "dplite-fwd did not run: $(tail -5 "$DIR/fwd.log")"
	tp_stop || bad "testpmd exited $?"
	wait_for "$DIR/fwd.log" "port 0 link down" 1 10 || bad "dplite-fwd did not report link down"
	alive "$FPID" || bad "dplite-fwd died when testpmd left"
	fwd_stop || bad "dplite-fwd exited $rc"
	check_count "testpmd txonly -> dplite-fwd rxonly" "$(tp_final "$DIR/tp.log" TX)" "$(fwd_json "$DIR/fwd.log" rx_packets)" $RING
	;;
tx)
	fwd_start server txonly "$DIR/fwd.log"
	wait_for "$DIR/fwd.log" "^\[rtc" 1 20 || bad "dplite-fwd did not start: $(tail -5 "$DIR/fwd.log")"
	tp_start client rxonly "$DIR/tp.log"
	wait_for "$DIR/tp.log" "RX-packets: [1-9]" 1 20 || bad "testpmd client received nothing: $(tail -3 "$DIR/tp.log")"
	sleep 2
	tp_stop || bad "testpmd exited $?"
	wait_for "$DIR/fwd.log" "port 0 link down" 1 10 || bad "dplite-fwd did not report link down"
	alive "$FPID" || bad "dplite-fwd died when testpmd left"
	fwd_stop || bad "dplite-fwd exited $rc"
	check_count "dplite-fwd txonly -> testpmd rxonly" "$(fwd_json "$DIR/fwd.log" tx_packets)" "$(tp_final "$DIR/tp.log" RX)" $((2 * RING))
	;;
kill)
	# 1. testpmd server killed under a receiving dplite-fwd client
	tp_start server txonly "$DIR/tp1.log"
	tp_ready "$DIR/tp1.log" || bad "1: testpmd server did not start"
	fwd_start client rxonly "$DIR/fwd1.log"
	wait_moved_since_up "$DIR/fwd1.log" 20 || bad "1: dplite-fwd was not receiving"
	kill9 "$TPID"; TPID=
	wait_for "$DIR/fwd1.log" "port 0 link down" 1 10 || bad "1: dplite-fwd did not report link down"
	rm -f "$SOCK" # DPDK leaves its socket file behind when killed
	sleep 1
	alive "$FPID" || bad "1: dplite-fwd died with its peer"
	ups=$(grep -c "port 0 link up" "$DIR/fwd1.log")
	# The new server binds its socket elsewhere and is moved into place once
	# its port is started: dplite's client retries every 100 ms and would
	# otherwise meet a testpmd still starting up (it answers "ID not found",
	# or nothing for seconds; DPDK 22.11 then PANICs in its interrupt thread
	# when the client gives up: "Error adding fd ... epoll_ctl").
	tp_start server txonly "$DIR/tp1b.log" "$DIR/new.sock"
	tp_ready "$DIR/tp1b.log" || bad "1: the new testpmd server did not start"
	mv "$DIR/new.sock" "$SOCK"
	wait_for "$DIR/fwd1.log" "port 0 link up" $((ups + 1)) 20 || bad "1: dplite-fwd did not reconnect to the new testpmd"
	wait_moved_since_up "$DIR/fwd1.log" 10 || bad "1: no traffic after the reconnect"
	echo "1: $(grep -c 'link down' "$DIR/fwd1.log") link-down and $(grep -c 'link up' "$DIR/fwd1.log") link-up line(s) from dplite-fwd"

	# 2. that dplite-fwd killed: the same testpmd serves a new one
	kill9 "$FPID"; FPID=
	rm -rf "/var/run/dpdk/$FPFX"
	sleep 1
	if tp_survived 2; then
		fwd_start client rxonly "$DIR/fwd2.log"
		wait_for "$DIR/fwd2.log" "port 0 link up\|^\[rtc" 1 20 || bad "2: the new dplite-fwd did not run"
		wait_moved_since_up "$DIR/fwd2.log" 10 || bad "2: the new dplite-fwd client receives nothing"
		fwd_stop
		tp_stop || note "2: testpmd exited with $rc"
	fi
	rm -f "$SOCK"

	# 3. testpmd client killed under a sending dplite-fwd server
	fwd_start server txonly "$DIR/fwd3.log"
	wait_for "$DIR/fwd3.log" "^\[rtc" 1 20 || bad "3: dplite-fwd did not start"
	tp_start client rxonly "$DIR/tp3.log"
	wait_for "$DIR/tp3.log" "RX-packets: [1-9]" 1 20 || bad "3: testpmd client received nothing"
	kill9 "$TPID"; TPID=
	rm -rf "/var/run/dpdk/$TPFX"
	wait_for "$DIR/fwd3.log" "port 0 link down" 1 10 || bad "3: dplite-fwd did not report link down"
	alive "$FPID" || bad "3: dplite-fwd died with its peer"
	tp_start client rxonly "$DIR/tp3b.log"
	wait_for "$DIR/tp3b.log" "RX-packets: [1-9]" 1 20 || bad "3: the new testpmd client received nothing"
	ups=$(grep -c "port 0 link up" "$DIR/fwd3.log")
	[ "$ups" -ge 1 ] || bad "3: dplite-fwd printed no link-up after the new client came"

	# 4. that dplite-fwd server killed: testpmd (client) survives
	kill9 "$FPID"; FPID=
	sleep 2
	tp_survived 4 && { tp_stop || note "4: testpmd exited with $rc"; }
	;;
*) echo "unknown case $CASE"; exit 2 ;;
esac
if [ $fail -ne 0 ]; then
	for f in "$DIR"/*.log; do echo "--- $f"; grep -v "^\[rtc\|^  [RT]x-pps\|^  ####\|^  [RT]X-\|^  ####" "$f" | tail -25; done
	exit 1
fi
echo PASS
