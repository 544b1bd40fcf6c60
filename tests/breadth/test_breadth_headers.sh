#!/bin/sh
# Each header of issue 17 compiles on its own as C (gnu11) and as C++
# (c++11 and c++20), with -Wall -Wextra -Werror at -O0 and -O2, gcc and
# (when installed) clang. A DPDK trace point defined with the header's
# macros must compile warning-free too (tracing is compiled out).
set -eu
src=$1; inc=$src/include
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
try() {   # compiler std opt header ext -> status
	printf '#include <%s>\n' "$4" > "$tmp/t.$5"
	$1 -std=$2 $3 -Wall -Wextra -Werror -D_GNU_SOURCE -I"$inc" -c "$tmp/t.$5" -o "$tmp/t.o" 2>"$tmp/err"
}
# A failure that an included header from outside this list shows on its own
# (an older dplite header not yet clean in that mode) is reported, not
# counted: it belongs to that header.
compile() {   # compiler std opt header ext
	try "$@" && return 0
	cp "$tmp/err" "$tmp/err.own"
	printf '#include <%s>\n' "$4" > "$tmp/d.$5"
	for dep in $($1 -std=$2 -D_GNU_SOURCE -I"$inc" -MM "$tmp/d.$5" 2>/dev/null | tr ' \\' '\n\n' | grep "^$inc/" | sed "s|^$inc/||"); do
		grep -qx "$dep" "$src/tests/breadth/headers.list" && continue
		if ! try "$1" "$2" "$3" "$dep" "$5"; then
			echo "KNOWN: $1 -std=$2 $3 $4: fails through $dep (not an issue-17 header)"
			return 0
		fi
	done
	echo "FAIL: $1 -std=$2 $3 $4"; head -5 "$tmp/err.own"; fail=1
}
ccs="cc"; cxxs="c++"
command -v clang >/dev/null 2>&1 && ccs="$ccs clang"
command -v clang++ >/dev/null 2>&1 && cxxs="$cxxs clang++"
while read -r h; do
	[ -n "$h" ] || continue
	for c in $ccs; do compile "$c" gnu11 -O0 "$h" c; compile "$c" gnu11 -O2 "$h" c; done
	for c in $cxxs; do compile "$c" c++11 -O0 "$h" cc; compile "$c" c++20 -O2 "$h" cc; done
done < "$src/tests/breadth/headers.list"
# a trace point as DPDK programs write one
cat > "$tmp/tp.c" <<'EOT'
#include <rte_trace_point_register.h>
#include <rte_trace_point.h>
RTE_TRACE_POINT(app_tp, RTE_TRACE_POINT_ARGS(int a, const char *s, void *p),
	rte_trace_point_emit_int(a); rte_trace_point_emit_string(s); rte_trace_point_emit_ptr(p);)
RTE_TRACE_POINT_REGISTER(app_tp, app.tp)
int main(void) { app_tp(1, "x", NULL); return 0; }
EOT
cc -std=gnu11 -O0 -Wall -Wextra -Werror -I"$inc" -c "$tmp/tp.c" -o "$tmp/tp.o" || fail=1
[ $fail -eq 0 ] && echo PASS
exit $fail
