#!/bin/sh
# make install into a scratch prefix, then build an unmodified DPDK-style
# program with pkg-config alone and run it.
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
# exported symbols: only the public API
if nm -D --defined-only "$tmp/p/lib/libdplite.so" | awk '{print $3}' | grep -v -E '^(rte_|__rte_|per_lcore_|cmdline_|rdline_|cirbuf_|vt100_|_init$|_fini$)' | grep -q .; then
	echo "non-API symbols exported:"; nm -D --defined-only "$tmp/p/lib/libdplite.so" | awk '{print $3}' | grep -v -E '^(rte_|__rte_|per_lcore_|cmdline_|rdline_|cirbuf_|vt100_)'
	exit 1
fi
echo PASS
