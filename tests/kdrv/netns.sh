# Shared by the tests of this folder (sourced, not run): make two network
# namespaces joined by a veth pair and remove them on any exit.
#   kd_setup TAG   -> $NSA $NSB $VA $VB (VA in NSA, VB in NSB), IPv6 off
#                     (so the kernel sends nothing by itself), links up
# Addresses: 198.18.0.0/15 only. Nothing here touches the host namespace
# other than creating and deleting the pair.
kd_skip() { echo "SKIP: $*"; exit 77; }
kd_fail() { echo "FAIL: $*"; exit 1; }

kd_require() {
	[ "$(id -u)" = 0 ] || kd_skip "needs root (network namespaces)"
	command -v ip >/dev/null || kd_skip "no ip(8)"
	for c in "$@"; do command -v "$c" >/dev/null || kd_skip "no $c"; done
}

kd_cleanup() {
	[ -n "$KD_PIDS" ] && kill $KD_PIDS 2>/dev/null
	[ -n "$KD_PIDS" ] && wait $KD_PIDS 2>/dev/null
	ip netns del "$NSA" 2>/dev/null
	ip netns del "$NSB" 2>/dev/null
	ip link del "$VA" 2>/dev/null
	[ -n "$KD_TMP" ] && rm -rf "$KD_TMP"
	rm -rf /var/run/dpdk/"kd$KD_TAG"* 2>/dev/null
}

kd_setup() {
	KD_TAG="$1$$"
	NSA="kdA$KD_TAG"; NSB="kdB$KD_TAG"
	VA="kva$$"; VB="kvb$$"
	KD_PIDS=""
	KD_TMP=$(mktemp -d)
	trap kd_cleanup EXIT
	trap 'exit 1' INT TERM
	ip netns add "$NSA" 2>/dev/null || kd_skip "cannot create a network namespace"
	ip netns add "$NSB" || kd_fail "ip netns add $NSB"
	ip link add "$VA" type veth peer name "$VB" || kd_skip "cannot create a veth pair"
	ip link set "$VA" netns "$NSA" || kd_fail "move $VA"
	ip link set "$VB" netns "$NSB" || kd_fail "move $VB"
	for ns in "$NSA" "$NSB"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 2>/dev/null
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 2>/dev/null
		ip -n "$ns" link set lo up
	done
	ip netns exec "$NSA" sysctl -qw net.ipv6.conf."$VA".disable_ipv6=1 2>/dev/null
	ip netns exec "$NSB" sysctl -qw net.ipv6.conf."$VB".disable_ipv6=1 2>/dev/null
	ip -n "$NSA" link set "$VA" up || kd_fail "link up $VA"
	ip -n "$NSB" link set "$VB" up || kd_fail "link up $VB"
}

# kernel counters of a veth end: kd_count NS DEV rx|tx packets
kd_count() {
	ip -n "$1" -s -j link show "$2" 2>/dev/null |
		python3 -c "import json,sys; print(json.load(sys.stdin)[0]['stats64']['$3']['packets'])" 2>/dev/null ||
	ip -n "$1" -s link show "$2" | awk -v d="$3" '
		/RX:/ {m="rx"; next} /TX:/ {m="tx"; next}
		m==d && $2 ~ /^[0-9]+$/ {print $2; exit}'
}

# EAL arguments common to every dplite-fwd here
kd_eal() {
	echo "-l 0 --file-prefix kd$KD_TAG$1 ${DPLITE_TEST_EAL_ARGS:-}"
}
