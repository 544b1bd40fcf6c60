#!/usr/bin/env bash
# Run the telemetry fuzz target under libFuzzer for a few seconds.
#   tests/fuzz/run.sh [SECONDS]   (default 25)
# Needs clang with -fsanitize=fuzzer (Debian: clang + libclang-rt-dev or
# the llvm runtime package); without it, says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-25}
cc=${FUZZ_CC:-clang}
out=build-fuzz
mkdir -p "$out"
if ! command -v "$cc" >/dev/null 2>&1 ||
   ! echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){(void)d;(void)n;return 0;}' |
     "$cc" -x c -fsanitize=fuzzer -o "$out/probe" - >/dev/null 2>&1; then
	echo "fuzz: $cc cannot build -fsanitize=fuzzer targets; skipped"
	exit 0
fi
"$cc" -g -O1 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-Iinclude -Ilib/telemetry -Iapp/dplite-info \
	tests/fuzz/fuzz_telemetry.c lib/telemetry/telemetry_registry.c \
	lib/telemetry/telemetry_data.c lib/telemetry/telemetry_json.c app/dplite-info/json.c \
	-lpthread -o "$out/fuzz_telemetry"
mkdir -p "$out/corpus"
cp -n tests/fuzz/corpus/telemetry/* "$out/corpus/" 2>/dev/null || true
"$out/fuzz_telemetry" -max_total_time="$secs" -max_len=4096 -rss_limit_mb=1024 \
	-print_final_stats=1 "$out/corpus"
