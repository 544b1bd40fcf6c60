#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# memif_peer against DPDK 22.11's own net_memif (dpdk-testpmd): the check that
# the peer the hostile tests use speaks the protocol right, in both roles, and
# that the malformed messages it sends are ones DPDK itself refuses.
#   1. well-formed peer client -> testpmd server (rxonly): the handshake
#      completes and testpmd's port counts the frames the peer sent;
#   2. well-formed peer server <- testpmd client (txonly): the peer receives
#      testpmd's frames;
#   3. each control-channel hostile mode DPDK checks (bad message size,
#      unknown type, wrong secret, too many regions, too many rings, CONNECT
#      before INIT): testpmd sends DISCONNECT and stays alive.
# The descriptor modes (desc-offset, desc-region, desc-tx, small-region) are
# NOT run against testpmd: DPDK 22.11 does not check descriptors or region
# sizes and dies of SIGSEGV/SIGBUS (see docs/packet-io.md, "Interop and
# speed"); desc-length is read past the region without complaint.
# usage: test_memif_hostile_dpdk.sh PATH/memif_peer
# Skips (77) without dpdk-testpmd. Bounded: every process runs under timeout.
set -u
PEER=${1:?usage: $0 memif_peer}
command -v dpdk-testpmd >/dev/null 2>&1 || { echo "SKIP: dpdk-testpmd not installed"; exit 77; }
command -v timeout >/dev/null 2>&1 || { echo "SKIP: no timeout(1)"; exit 77; }
DIR=$(mktemp -d /tmp/memifhd.XXXXXX)
PFX=memifhd_$$
TPID=
cleanup() {
	if [ -n "$TPID" ]; then # testpmd itself, then the timeout(1) above it
		# shellcheck disable=SC2046 # a list of pids, split on purpose
		kill -9 $(cat "/proc/$TPID/task/$TPID/children" 2>/dev/null) 2>/dev/null
		wait "$TPID" 2>/dev/null
	fi
	rm -rf "$DIR" "/var/run/dpdk/$PFX" 2>/dev/null
}
trap cleanup EXIT INT TERM
SOCK=$DIR/m.sock
fail=0
bad() { echo "FAIL: $*"; fail=1; }
# testpmd: 2 lcores (main + one forwarding), no hugepages, 8192 mbufs,
# port statistics every second; it runs until SIGINT (tp_stop) or its
# lifetime bound. Exit 0 or 124 (the bound) is a clean exit; 128+n is death
# by signal n.
tp() { # lifetime-secs role fwdmode extra-vdev-args
	rm -f "$DIR/tp.log" # tp_ready must not read the last run's log
	timeout -s INT "$1" dpdk-testpmd -l 0,1 --no-huge -m 128 --no-pci \
		--no-telemetry --file-prefix=$PFX --log-level=pmd.net.memif:info \
		--vdev=net_memif0,role=$2,socket=$SOCK,socket-abstract=no$4 \
		-- --total-num-mbufs=8192 --forward-mode=$3 -a --stats-period 1 \
		</dev/null >"$DIR/tp.log" 2>&1 &
	TPID=$!
}
tp_stop() { # -> testpmd's exit status, 0 for a clean exit
	kill -INT "$TPID" 2>/dev/null
	wait "$TPID"; rc=$?
	TPID=
	[ $rc -eq 124 ] && rc=0
	return $rc
}
# wait (bounded) until testpmd has started its port, so a client is not
# refused as "ID not found" while it is still configuring
tp_ready() {
	for _ in $(seq 1 100); do
		grep -q "forwards packets on" "$DIR/tp.log" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# 1. peer client sends 3000 frames to a testpmd server in rxonly
tp 15 server rxonly ""
tp_ready || bad "testpmd server did not start: $(tail -3 "$DIR/tp.log")"
out=$(timeout 20 "$PEER" --role=client --socket="$SOCK" --tx=3000 --timeout=5000 --hold=2500 2>&1)
rc=$?
echo "$out"
[ $rc -eq 0 ] || bad "good client: peer exit $rc"
echo "$out" | grep -q "peer: connected regions=1 rings=1/1" || bad "good client: no handshake"
tp_stop
# periodic port statistics while the peer was connected: the largest RX count
got=$(awk '/RX-packets:/ && /RX-missed/ { if ($2 > m) m = $2 } END { print m + 0 }' "$DIR/tp.log")
[ "$got" -eq 3000 ] || bad "good client: testpmd counted $got of 3000 frames"
echo "testpmd server received $got frames from memif_peer"

# 2. peer server receives 2000 frames from a testpmd client in txonly
( timeout 40 "$PEER" --role=server --socket="$SOCK" --rx=2000 --timeout=20000 >"$DIR/peer.log" 2>&1
  echo "rc=$?" >>"$DIR/peer.log" ) &
PPID2=$!
sleep 0.3
tp 40 client txonly ""
wait $PPID2
tp_stop
cat "$DIR/peer.log"
grep -q "rc=0" "$DIR/peer.log" || bad "good server: peer did not receive 2000 frames"
grep -q "peer: connected regions=1 rings=1/1" "$DIR/peer.log" || bad "good server: no handshake"

# 3. control-channel hostile modes against a testpmd server (secret=abc)
for m in bad-size unknown-type secret regions rings early-connect; do
	tp 15 server io ",secret=abc"
	tp_ready || bad "$m: testpmd did not start"
	out=$(timeout 20 "$PEER" --role=client --socket="$SOCK" --secret=abc --mode=$m --timeout=3000 --quiet 2>&1)
	rc=$?
	alive=0
	kill -0 "$TPID" 2>/dev/null && alive=1
	tp_stop; trc=$?
	echo "$m: $(echo "$out" | tr '\n' ' ')"
	[ $rc -eq 0 ] || bad "$m: testpmd did not drop the peer (peer exit $rc)"
	echo "$out" | grep -q "peer: disconnect received" || bad "$m: no DISCONNECT from testpmd"
	[ $alive -eq 1 ] && [ $trc -eq 0 ] || bad "$m: testpmd died (exit $trc)"
done
# and the two a server can send: a short HELLO, an unknown type
for m in bad-size unknown-type; do
	( timeout 40 "$PEER" --role=server --socket="$SOCK" --mode=$m --timeout=20000 --quiet >"$DIR/peer.log" 2>&1
	  echo "rc=$?" >>"$DIR/peer.log" ) &
	PPID2=$!
	sleep 0.3
	tp 40 client io ""
	wait $PPID2
	alive=0
	kill -0 "$TPID" 2>/dev/null && alive=1
	tp_stop; trc=$?
	echo "server $m: $(tr '\n' ' ' <"$DIR/peer.log")"
	grep -q "rc=0" "$DIR/peer.log" || bad "server $m: testpmd did not drop the peer"
	[ $alive -eq 1 ] && [ $trc -eq 0 ] || bad "server $m: testpmd died (exit $trc)"
done
[ $fail -eq 0 ] && echo "PASS"
exit $fail
