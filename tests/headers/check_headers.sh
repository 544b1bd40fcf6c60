#!/bin/sh
# Every public header (include/*.h, so new headers are checked without an
# edit here) must:
#   1. compile on its own (except *_pvt.h and headers that #error unless
#      included through their parent), as C11;
#   2. together with all the others and use_headers.c (which calls the inline
#      fast paths) compile with -Wall -Wextra -Werror as C (gcc and clang,
#      -std=c11 and gnu11, -O0/-O2/-O3) and as C++ (g++ and clang++,
#      -std=c++11/14/17/20);
#   3. link and run as C++ and as C against libdplite.so.
# usage: check_headers.sh <source dir> <dir of libdplite.so> [sanitizers]
# (the sanitizers the library was built with: the linked programs need them)
set -u
src=$1; libdir=$2; sanitize=${3:-}
san=""
[ -n "$sanitize" ] && san="-fsanitize=$sanitize"
inc=$src/include
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
W="-Wall -Wextra -Werror"

have() { command -v "$1" >/dev/null 2>&1; }
# compile: <what> <compiler> <flags...> -- runs, prints the first errors on failure
try() {
	what=$1; shift
	if ! "$@" >"$tmp/out" 2>&1; then
		echo "FAIL: $what: $*"
		head -20 "$tmp/out"
		fail=$((fail + 1))
	fi
}

# all.h: the self-contained headers first, then the ones that need a parent
: >"$tmp/first.h"; : >"$tmp/later.h"
for h in "$inc"/*.h; do
	b=$(basename "$h")
	case "$b" in
	*_pvt.h) echo "#include <$b>" >>"$tmp/later.h"; continue;;
	esac
	if grep -q '#error "include' "$h"; then
		echo "#include <$b>" >>"$tmp/later.h"
	else
		echo "#include <$b>" >>"$tmp/first.h"
	fi
done
cat "$tmp/first.h" "$tmp/later.h" >"$tmp/all.h"
nh=$(wc -l <"$tmp/all.h")

# 1. each header alone
while read -r line; do
	b=$(echo "$line" | sed 's/.*<\(.*\)>/\1/')
	printf '%s\nint dplite_header_alone;\n' "$line" >"$tmp/alone.c"
	try "$b alone (C11)" gcc -std=c11 $W -I"$inc" -fsyntax-only "$tmp/alone.c"
done <"$tmp/first.h"

# 1b. what DPDK's include chains give programs that rely on them: DPDK's
#     rte_spinlock.h includes rte_lcore.h, so users of these headers get
#     RTE_LCORE_FOREACH and rte_lcore_id() without including it
for b in rte_memory.h rte_memzone.h rte_stack.h rte_mempool.h rte_ring.h rte_malloc.h; do
	printf '#include <%s>\nunsigned f(void) { unsigned i, n = rte_lcore_id(); RTE_LCORE_FOREACH(i) n += i; return n; }\n' "$b" >"$tmp/chain.c"
	try "$b gives rte_lcore.h" gcc -std=c11 $W -I"$inc" -fsyntax-only "$tmp/chain.c"
done
printf '#include <rte_mbuf.h>\nunsigned f(void) { return rte_ring_count(NULL) + (unsigned)rte_get_tsc_hz(); }\n' >"$tmp/chain.c"
try "rte_mbuf.h gives rte_ring.h and rte_cycles.h" gcc -std=c11 $W -I"$inc" -fsyntax-only "$tmp/chain.c"

# 2. everything together, with the inline functions used
cat "$tmp/all.h" "$src/tests/headers/use_headers.c" >"$tmp/use.c"
cp "$tmp/use.c" "$tmp/use.cpp"
n=0
for cc in gcc clang; do
	have $cc || { echo "note: $cc not installed, not checked"; continue; }
	for std in c11 gnu11; do
		for o in -O0 -O2 -O3; do
			try "C $cc -std=$std $o" $cc -std=$std $o $W -I"$inc" -c "$tmp/use.c" -o "$tmp/use.o"
			n=$((n + 1))
		done
	done
done
for cxx in g++ clang++; do
	have $cxx || { echo "note: $cxx not installed, not checked"; continue; }
	for std in c++11 c++14 c++17 c++20; do
		try "C++ $cxx -std=$std" $cxx -std=$std -O2 $W -I"$inc" -c "$tmp/use.cpp" -o "$tmp/use.o"
		n=$((n + 1))
	done
done

# 3. link and run (C++ proves the extern "C" declarations match the library)
pfx="hdr_$$"
if have g++; then
	try "C++ link" g++ $san -std=c++17 -O1 $W -I"$inc" "$tmp/use.cpp" -o "$tmp/use_cxx" \
		-L"$libdir" -Wl,-rpath,"$libdir" -ldplite -lpthread
	[ -x "$tmp/use_cxx" ] && try "C++ run" "$tmp/use_cxx" run --file-prefix=${pfx}_cxx
fi
try "C link" cc $san -O1 $W -I"$inc" "$tmp/use.c" -o "$tmp/use_c" \
	-L"$libdir" -Wl,-rpath,"$libdir" -ldplite -lpthread
[ -x "$tmp/use_c" ] && try "C run" "$tmp/use_c" run --file-prefix=${pfx}_c

echo "$nh headers, $n compiler/standard/optimisation combinations, $fail failure(s)"
[ $fail -eq 0 ] && echo PASS
exit $((fail != 0))
