#!/usr/bin/env bash
# dplite vs DPDK 22.11, side by side.
#
# Each bench/bench_<subject>.c is ONE source built twice with the same cc and
# flags: against dplite (./include + ./build/libdplite.so) and, when
# pkg-config finds libdpdk, against DPDK. The two builds then run in turn,
# alternating which goes first, for several rounds, on the same lcores.
# bench/report.py turns the collected numbers into a markdown table
# (median of rounds, min-max spread, ratio dplite/DPDK) and an SVG chart.
#
# usage: bench/run.sh [--quick] [--rounds N] [--only SUBJECT] [--no-dpdk]
#                     [--docs] [--out FILE.md]
#   --quick       a few seconds: 1 round, tiny iteration counts (numbers not
#                 meaningful; checks that everything builds and runs)
#   --rounds N    rounds of (dplite, DPDK) pairs (default 5)
#   --only S      only subject S (see SUBJECTS below)
#   --no-dpdk     measure dplite alone even if DPDK is installed
#   --docs        write the report to docs/bench.md + docs/bench.svg (the
#                 committed report: `make bench-docs`)
#   --out F       write the markdown table to F (SVG next to it)
# By default the report goes to $BUILD/bench/bench.md (+ .svg), next to the
# raw numbers; nothing tracked by git is touched.
# env: BUILD (default ./build), CC (default cc), BENCH_LCORES (default 0-1),
#      BENCH_SWEEPS (default 4: ring/mempool/mbuf run their figure list this
#      many times per process and keep each figure's best sweep),
#      BENCH_BUDGET (seconds; default 120: after 3 rounds, stop early when
#      the next round would not fit, as happens on a busy machine)
#
# DPDK is found with pkg-config (libdpdk); this script never installs
# anything. Without it the report shows dplite alone and says what to
# install (Debian/Ubuntu: apt-get install libdpdk-dev pkg-config).
#
# Adding a subject: write bench/bench_<name>.c (bench_common.h protocol;
# a " * BENCH-EAL: ..." line in it adds EAL arguments such as --vdev) or a
# script bench/bench_<name>.sh, add <name> to SUBJECTS below, give it a case
# in subject_run() if it must be run differently, and list its keys in
# bench/report.py (SUBJECTS, HEADLINE).
#
# Exit status: 0 when every benchmark that was built ran to completion,
# 1 when one failed to build against DPDK or failed to run (being slow is
# never a failure), 2 for usage errors. A subject whose dplite build fails
# (its API has not landed yet) is reported as "dplite: not built".
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
CC=${CC:-cc}
LCORES=${BENCH_LCORES:-0-1}
OUTDIR=$BUILD/bench
# one binary bench/bench_<subject>.c per subject, run in this order
SUBJECTS="eal ring mempool mbuf heap ethdev fwd kdrv memif"

QUICK=0 ROUNDS="" ONLY="" USE_DPDK=1 OUTMD=""
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) QUICK=1 ;;
	--rounds) ROUNDS=${2:?--rounds needs N}; shift ;;
	--only) ONLY=${2:?--only needs a subject}; shift ;;
	--no-dpdk) USE_DPDK=0 ;;
	--docs) OUTMD=$ROOT/docs/bench.md ;;
	--out) OUTMD=${2:?--out needs a file}; shift ;;
	-h|--help) sed -n '2,40p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done
if [ -n "$ONLY" ]; then
	case " $SUBJECTS " in *" $ONLY "*) SUBJECTS=$ONLY ;;
	*) echo "run.sh: unknown subject '$ONLY' ($SUBJECTS)" >&2; exit 2 ;;
	esac
fi
# kdrv (bench_kdrv.sh: af_packet/af_xdp on a veth) needs root for its
# network namespaces: without root it is left out with a note, not failed
KDRV_NOTE=""
case " $SUBJECTS " in *" kdrv "*)
	if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
		KDRV_NOTE="kdrv rows (net_af_packet/net_af_xdp on a veth) left out: they need root and ip(8)"
		SUBJECTS=$(echo "$SUBJECTS" | sed 's/ *kdrv//')
		[ -n "$SUBJECTS" ] || { echo "run.sh: $KDRV_NOTE" >&2; exit 2; }
	fi ;;
esac
OUTMD=${OUTMD:-$OUTDIR/bench.md}
if [ "$QUICK" = 1 ]; then
	ROUNDS=${ROUNDS:-1} SCALE=0.05 PASSES=3 SWEEPS=1 EAL_RUNS=2 BUDGET=${BENCH_BUDGET:-100000}
else
	ROUNDS=${ROUNDS:-5} SCALE=1 PASSES=20 SWEEPS=${BENCH_SWEEPS:-4} EAL_RUNS=5 BUDGET=${BENCH_BUDGET:-120}
fi

log() { echo "bench: $*" >&2; }

rm -rf "$OUTDIR/logs"
mkdir -p "$OUTDIR/dplite" "$OUTDIR/dpdk" "$OUTDIR/logs"
RESULTS=$OUTDIR/results.tsv
STATUS=$OUTDIR/status.tsv
PAIRS=$OUTDIR/pairs.tsv
TIMES=$OUTDIR/times.tsv
NOTES=$OUTDIR/notes.tsv
: >"$NOTES"
: >"$RESULTS"
: >"$STATUS"
: >"$PAIRS"
: >"$TIMES"
FAIL=0

# ---- find DPDK ---------------------------------------------------------------
DPDK_NOTE=""
if [ "$USE_DPDK" = 1 ] && pkg-config --exists libdpdk 2>/dev/null; then
	DPDK_VERSION=$(pkg-config --modversion libdpdk)
	LIBS="dplite dpdk"
else
	if [ "$USE_DPDK" = 1 ]; then
		DPDK_NOTE="DPDK not installed (pkg-config libdpdk failed; to compare, install DPDK 22.11's development package, e.g. apt-get install libdpdk-dev pkg-config)"
	else
		DPDK_NOTE="DPDK comparison disabled (--no-dpdk)"
	fi
	log "$DPDK_NOTE: measuring dplite alone"
	DPDK_VERSION=""
	LIBS="dplite"
fi

if [ ! -e "$BUILD/libdplite.so" ]; then
	log "$BUILD/libdplite.so missing: run 'make build' (or 'make bench') first"
	exit 1
fi

# ---- hugepages usable? ------------------------------------------------------------
HUGE_OK=0
if [ "$(id -u)" = 0 ] && grep -qs ' hugetlbfs ' /proc/mounts &&
   [ "$(awk '/^HugePages_Free/ {print $2}' /proc/meminfo)" -gt 64 ] 2>/dev/null; then
	HUGE_OK=1
fi
HUGE_NOTE=""
[ "$HUGE_OK" = 1 ] || HUGE_NOTE="no usable hugepages (need root + >64 free 2 MiB pages): all rows use --no-huge -m 1024"

# ---- build ------------------------------------------------------------------------
# The benchmark binaries (both builds) are tuned for this machine
# (-march=native), like an application built here; the libraries are what
# gets installed: libdplite as configured (DPLITE_MARCH, x86-64-v2 by
# default) and DPDK as the distribution built it. The report says so.
BENCH_MARCH=-march=native
CFLAGS_COMMON=(-O3 -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -g)
build_one() {  # lib subject -> 0 built, 1 not built
	local lib=$1 subj=$2 src=$ROOT/bench/bench_$2.c out=$OUTDIR/$1/bench_$2
	local blog=$OUTDIR/logs/build-$1-$2.log
	if [ -f "$ROOT/bench/bench_$2.sh" ]; then
		# a script subject compares two programs (bench_fwd.sh: dplite-fwd
		# vs dpdk-testpmd); its directory tells it which one to run
		cp "$ROOT/bench/bench_$2.sh" "$out" && chmod +x "$out" &&
			BENCH_ROOT=$ROOT CC=$CC "$out" --check >"$blog" 2>&1
	elif [ "$lib" = dplite ]; then
		# the -march comes last so both builds get the same codegen target
		$CC "${CFLAGS_COMMON[@]}" -I"$ROOT/include" $BENCH_MARCH "$src" -o "$out" \
			-L"$BUILD" -Wl,-rpath,"$BUILD" -ldplite -lpthread -lm >"$blog" 2>&1
	else
		# shellcheck disable=SC2046
		$CC "${CFLAGS_COMMON[@]}" $(pkg-config --cflags libdpdk) $BENCH_MARCH "$src" -o "$out" \
			-Wl,--as-needed $(pkg-config --libs libdpdk) -lpthread -lm >"$blog" 2>&1
	fi
}

# the builds of one subject run in parallel (the compile is a good part of
# a run's wall time on a busy machine); each records its exit status
for subj in $SUBJECTS; do
	for lib in $LIBS; do
		( build_one "$lib" "$subj"; echo $? >"$OUTDIR/logs/build-$lib-$subj.rc" ) &
	done
	wait
done
for subj in $SUBJECTS; do
	for lib in $LIBS; do
		if [ "$(cat "$OUTDIR/logs/build-$lib-$subj.rc")" = 0 ]; then
			printf '%s\t%s\tok\t\n' "$lib" "$subj" >>"$STATUS"
		else
			rm -f "$OUTDIR/$lib/bench_$subj"
			why=$(grep -m1 -E 'error|fatal' "$OUTDIR/logs/build-$lib-$subj.log" | sed 's/\t/ /g' | cut -c1-160)
			printf '%s\t%s\tnotbuilt\t%s\n' "$lib" "$subj" "$why" >>"$STATUS"
			log "$lib: bench_$subj not built ($why)"
			# against DPDK every API exists: a build failure there is ours
			[ "$lib" = dpdk ] && FAIL=1
		fi
	done
done

# ---- run ------------------------------------------------------------------------
PREFIX=dpb$$
cleanup() {
	local p
	for p in "$PREFIX"_dplite "$PREFIX"_dpdk; do
		rm -rf "/var/run/dpdk/$p" "${XDG_RUNTIME_DIR:-/nonexistent}/dpdk/$p" "/tmp/dpdk/$p" 2>/dev/null
		rm -f /dev/hugepages/"$p"* 2>/dev/null
	done
}
trap cleanup EXIT

built() { [ -x "$OUTDIR/$1/bench_$2" ]; }

mark_failed() {  # lib subject reason
	FAIL=1
	log "FAILED: $1 bench_$2: $3"
	awk -F'\t' -v OFS='\t' -v l="$1" -v s="$2" -v r="$3" \
		'$1==l && $2==s {$3="failed"; $4=r} {print}' "$STATUS" >"$STATUS.tmp" && mv "$STATUS.tmp" "$STATUS"
}

# Arguments of one subject's binary after the EAL ones; a subject that
# needs its own (or several invocations) gets a case here.
subject_run() {  # subject bin out rlog eal-args...
	local subj=$1 bin=$2 out=$3 rlog=$4 rc=0
	shift 4
	case "$subj" in
	eal)	# process start-up: N launches per invocation, with and without hugepages
		if [ "$HUGE_OK" = 1 ]; then
			timeout 120 "$bin" --runs "$EAL_RUNS" --tag huge "$@" >>"$out" 2>>"$rlog" || rc=$?
		fi
		[ $rc = 0 ] && { timeout 120 "$bin" --runs "$EAL_RUNS" --tag nohuge "$@" --no-huge -m 1024 \
			>>"$out" 2>>"$rlog" || rc=$?; }
		;;
	*)
		[ "$HUGE_OK" = 1 ] || set -- "$@" --no-huge -m 1024
		timeout 300 "$bin" "$@" -- --scale "$SCALE" --passes "$PASSES" --sweeps "$SWEEPS" \
			>>"$out" 2>>"$rlog" || rc=$?
		;;
	esac
	return $rc
}

run_one() {  # lib subject round
	local lib=$1 subj=$2 round=$3 bin=$OUTDIR/$1/bench_$2 rc=0 t0
	local rlog=$OUTDIR/logs/run-$lib-$subj-r$round.log
	local out=$OUTDIR/logs/run-$lib-$subj-r$round.out
	: >"$out"
	: >"$rlog"
	local -a eal=(--no-pci "--file-prefix=${PREFIX}_$lib" -l "$LCORES")
	# devices a subject needs, from its " * BENCH-EAL: ..." source line
	# shellcheck disable=SC2207
	eal+=($(sed -n 's/^ \* BENCH-EAL: //p' "$ROOT/bench/bench_$subj.c" 2>/dev/null))
	t0=$(date +%s%N)
	subject_run "$subj" "$bin" "$out" "$rlog" "${eal[@]}" || rc=$?
	awk -v l="$lib" -v s="$subj" -v r="$round" -v a="$t0" -v b="$(date +%s%N)" \
		'BEGIN {printf "%s\t%s\t%s\t%.1f\n", l, s, r, (b - a) / 1e9}' >>"$TIMES"
	if [ $rc != 0 ] || grep -q '^BENCH-ERROR' "$out"; then
		mark_failed "$lib" "$subj" "exit $rc: $(grep -m1 '^BENCH-ERROR' "$out" | cut -f2- | tr '\t' ' ')"
		tail -5 "$rlog" >&2
		return 1
	fi
	awk -F'\t' -v OFS='\t' -v l="$lib" -v r="$round" \
		'$1=="BENCH" {print l, r, $2, $3, $4, $5}' "$out" >>"$RESULTS"
	awk -F'\t' -v OFS='\t' -v l="$lib" -v r="$round" \
		'$1=="BENCH-PAIR" {print l, r, $2, $3, $4, $5}' "$out" >>"$PAIRS"
	# a row a subject could not measure (bench_kdrv.sh: a driver that does not run here)
	awk -F'\t' -v OFS='\t' -v l="$lib" '$1=="BENCH-NOTE" {print l, $2}' "$out" >>"$NOTES"
}

LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
START=$(date +%s)
ROUNDS_NOTE=""
for round in $(seq 1 "$ROUNDS"); do
	if [ $((round % 2)) = 1 ]; then order=$LIBS; else order=$(echo "$LIBS" | awk '{for (i=NF;i>1;i--) printf "%s ", $i; print $1}'); fi
	log "round $round/$ROUNDS (order: $order)"
	for subj in $SUBJECTS; do
		for lib in $order; do
			built "$lib" "$subj" || continue
			grep -qP "^$lib\t$subj\tfailed" "$STATUS" && continue
			run_one "$lib" "$subj" "$round"
		done
	done
	cleanup
	# time budget: keep `make bench` near its documented length on a busy
	# machine by dropping rounds (never below 3) that would not fit
	now=$(( $(date +%s) - START ))
	if [ "$round" -lt "$ROUNDS" ] && [ "$round" -ge 3 ] &&
	   [ $(( now + now / round )) -gt "$BUDGET" ]; then
		log "time budget ${BUDGET} s: stopping after $round of $ROUNDS rounds"
		ROUNDS_NOTE="$round of $ROUNDS requested rounds (time budget ${BUDGET} s)"
		ROUNDS=$round
		break
	fi
done
ELAPSED=$(( $(date +%s) - START ))
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
log "ran in $ELAPSED s (load average ${LOAD_START} before, ${LOAD_END} after)"
# seconds per subject and build, summed over rounds (where the time goes)
awk -F'\t' '{t[$2" "$1]+=$4} END {for (k in t) printf "bench:   %-16s %6.1f s\n", k, t[k]}' "$TIMES" | sort >&2

# ---- report ---------------------------------------------------------------------
MACHINE_CPU=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
export BENCH_CPU="${MACHINE_CPU:-unknown}"
BENCH_NCPU=$(nproc)
BENCH_KERNEL=$(uname -r)
BENCH_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
BENCH_CC=$($CC --version | head -1)
BENCH_COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
BENCH_LIB_MARCH=$(sed -n 's/^DPLITE_MARCH:STRING=//p' "$BUILD/CMakeCache.txt" 2>/dev/null)
BENCH_LIB_MARCH=${BENCH_LIB_MARCH:-compiler default}
export BENCH_NCPU BENCH_KERNEL BENCH_DATE BENCH_CC BENCH_COMMIT
export BENCH_DPDK="$DPDK_VERSION" BENCH_DPDK_NOTE="$DPDK_NOTE" BENCH_HUGE_NOTE="$HUGE_NOTE"
export BENCH_KDRV_NOTE="$KDRV_NOTE"
export BENCH_LOAD="$LOAD_START $LOAD_END" BENCH_ELAPSED=$ELAPSED
export BENCH_MARCH BENCH_LIB_MARCH
export BENCH_ROUNDS_NOTE="$ROUNDS_NOTE" BENCH_ROUNDS=$ROUNDS BENCH_PASSES=$PASSES BENCH_SWEEPS=$SWEEPS BENCH_QUICK=$QUICK BENCH_LCORES=$LCORES BENCH_EAL_RUNS=$EAL_RUNS
if command -v python3 >/dev/null; then
	mkdir -p "$(dirname "$OUTMD")"
	BENCH_PAIRS=$PAIRS BENCH_NOTES=$NOTES python3 "$ROOT/bench/report.py" "$RESULTS" "$STATUS" "$OUTMD" "${OUTMD%.md}.svg" || FAIL=1
else
	log "python3 not found: raw results only ($RESULTS)"
	column -t -s "$(printf '\t')" "$RESULTS" 2>/dev/null || cat "$RESULTS"
fi
[ "$FAIL" = 0 ] || log "one or more benchmarks failed (see $OUTDIR/logs)"
exit "$FAIL"
