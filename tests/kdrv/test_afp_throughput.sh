#!/bin/sh
# txonly on one veth end, rxonly on the other, both dplite-fwd on
# net_af_packet: every packet is accounted for against the kernel's own
# counters (ip -s link):
#   dplite tx packets            == kernel tx packets of the sending end
#   kernel rx of the other end   == kernel tx of the sending end (+ its drops)
#   dplite rx + dplite rx drop   == kernel rx packets of the receiving end
# usage: test_afp_throughput.sh DPLITE_FWD [VDEV_DRIVER_ARGS]
# env KD_EXPECT: a pattern both dplite-fwds must log at start (af_xdp: "zero copy")
FWD="$1"; DRV="${2:-net_af_packet0,iface=}"
. "$(dirname "$0")/netns.sh"
kd_require timeout
[ -x "$FWD" ] || kd_fail "no dplite-fwd at $FWD"
kd_setup t

ip netns exec "$NSB" timeout 60 "$FWD" $(kd_eal b) --vdev="$DRV$VB" -- --fwd=rxonly --mode=rtc \
	--duration 0 --stats-period 0 >"$KD_TMP/rx.out" 2>&1 &
RPID=$!
KD_PIDS="$RPID"
i=0
while ! grep -q "== rtc" "$KD_TMP/rx.out" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && { cat "$KD_TMP/rx.out"; kd_fail "receiver did not start"; }
	sleep 0.1
done
RXK0=$(kd_count "$NSB" "$VB" rx)
TXK0=$(kd_count "$NSA" "$VA" tx)
ip netns exec "$NSA" timeout 60 "$FWD" $(kd_eal a) --vdev="$DRV$VA" -- --fwd=txonly --mode=rtc \
	--duration 1 --stats-period 0 >"$KD_TMP/tx.out" 2>&1 || { cat "$KD_TMP/tx.out"; kd_fail "sender"; }
sleep 0.5
kill -TERM $RPID; wait $RPID; RRC=$?
KD_PIDS=""
cat "$KD_TMP/tx.out" "$KD_TMP/rx.out"
[ $RRC = 0 ] || kd_fail "receiver exit $RRC"
# KD_EXPECT (set by CMake for the af_xdp runs): a line both ends must log at start
if [ -n "${KD_EXPECT:-}" ]; then
	grep -q "$KD_EXPECT" "$KD_TMP/tx.out" || kd_fail "the sender did not log '$KD_EXPECT'"
	grep -q "$KD_EXPECT" "$KD_TMP/rx.out" || kd_fail "the receiver did not log '$KD_EXPECT'"
fi
TXK=$(( $(kd_count "$NSA" "$VA" tx) - TXK0 ))
RXK=$(( $(kd_count "$NSB" "$VB" rx) - RXK0 ))
# port line: idx name rx_pkts rx_mpps tx_pkts tx_mpps rx_drop tx_drop
TXA=$(awk '$1 ~ /^[0-9]+$/ && $2 ~ /^net_/ {print $5; exit}' "$KD_TMP/tx.out")
RXA=$(awk '$1 ~ /^[0-9]+$/ && $2 ~ /^net_/ {print $3; exit}' "$KD_TMP/rx.out")
RXD=$(awk '$1 ~ /^[0-9]+$/ && $2 ~ /^net_/ {print $7; exit}' "$KD_TMP/rx.out")
echo "kernel: $VA tx $TXK, $VB rx $RXK; dplite: sent $TXA, received $RXA, rx drops $RXD"
[ -n "$TXA" ] && [ -n "$RXA" ] && [ -n "$RXD" ] || kd_fail "cannot read the dplite-fwd summaries"
[ "$TXA" -gt 0 ] || kd_fail "nothing sent"
[ "$RXA" -gt 0 ] || kd_fail "nothing received"
[ "$TXA" = "$TXK" ] || kd_fail "sent $TXA but the kernel transmitted $TXK"
[ "$RXK" = "$TXK" ] || kd_fail "the veth delivered $RXK of $TXK"
[ $((RXA + RXD)) = "$RXK" ] || kd_fail "received $RXA + dropped $RXD != kernel's $RXK"
echo PASS
