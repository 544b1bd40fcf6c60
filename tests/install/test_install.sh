#!/bin/sh
# make install into a scratch prefix, then build unmodified DPDK-style
# programs with pkg-config alone and run them: shared, static through
# `pkg-config --static`, and static against the bare libdplite.a.
set -eu
src=$1; build=$2; sanitize=${3:-}
san=""
[ -n "$sanitize" ] && san="-fsanitize=$sanitize"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/p" >/dev/null
test -f "$tmp/p/include/dplite/rte_eal.h"
test -f "$tmp/p/lib/libdplite.so"
test -f "$tmp/p/lib/libdplite.a"
export PKG_CONFIG_PATH="$tmp/p/lib/pkgconfig"
cc $san -o "$tmp/hello" "$src/tests/install/hello_dpdk.c" $(pkg-config --cflags --libs dplite)
args=""
case "${DPLITE_TEST_EAL_ARGS:-}" in *--no-huge*) args="--no-huge";; esac
out=$("$tmp/hello" -l 0-1 --file-prefix "install_$$" $args -- appargA appargB)
echo "$out"
echo "$out" | grep -q "hello from core 1"
echo "$out" | grep -q "app args 2"
# static, the pkg-config way: whole archive, no libdplite.so needed at run time
cc $san -o "$tmp/pool_pc" "$src/tests/install/pool_static.c" $(pkg-config --static --cflags --libs dplite)
if readelf -d "$tmp/pool_pc" | grep -q 'NEEDED.*libdplite'; then
	echo "pkg-config --static: the program still needs libdplite.so"; exit 1
fi
"$tmp/pool_pc" -l 0 --file-prefix "install_pc_$$" $args
# static, bare archive: only the objects the program names are linked in
# (the drivers' libraries as dplite.pc lists them: -lpcap where net_pcap is built)
drvlibs=$(pkg-config --static --libs-only-l dplite | tr ' ' '\n' | grep -v -e '^-ldplite$' -e '^-l:' | tr '\n' ' ')
cc $san -o "$tmp/pool_bare" "$src/tests/install/pool_static.c" -I"$tmp/p/include/dplite" \
	"$tmp/p/lib/libdplite.a" $drvlibs -lpthread -ldl -lm
"$tmp/pool_bare" -l 0 --file-prefix "install_bare_$$" $args
# shared: the pool program against libdplite.so too
cc $san -o "$tmp/pool_so" "$src/tests/install/pool_static.c" $(pkg-config --cflags --libs dplite)
readelf -d "$tmp/pool_so" | grep -q 'NEEDED.*libdplite' || { echo "shared link: no libdplite.so"; exit 1; }
"$tmp/pool_so" -l 0 --file-prefix "install_so_$$" $args
# exported symbols: only the public API
if nm -D --defined-only "$tmp/p/lib/libdplite.so" | awk '{print $3}' | grep -v -E '^(rte_|__rte_|per_lcore_|cmdline_|rdline_|cirbuf_|vt100_|_init$|_fini$)' | grep -q .; then
	echo "non-API symbols exported:"; nm -D --defined-only "$tmp/p/lib/libdplite.so" | awk '{print $3}' | grep -v -E '^(rte_|__rte_|per_lcore_|cmdline_|rdline_|cirbuf_|vt100_)'
	exit 1
fi
echo PASS
