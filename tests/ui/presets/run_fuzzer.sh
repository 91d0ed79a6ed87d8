#!/bin/sh
# Runs one libFuzzer target for a bounded time over a copy of its seed corpus, so that the
# inputs it finds do not end up in the source tree. A crashing input is kept beside the
# fuzzer (fuzz-artifacts/) to reproduce with: <fuzzer> <file>.
# Usage: run_fuzzer.sh FUZZER SEED_DIR SECONDS [DICTIONARY]
set -eu
fuzzer=$1 seeds=$2 seconds=$3 dict=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$seeds"/* "$work"/
artifacts="$(dirname "$fuzzer")/fuzz-artifacts/$(basename "$fuzzer")-"
mkdir -p "$(dirname "$artifacts")"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
  -print_final_stats=1 -artifact_prefix="$artifacts" ${dict:+-dict="$dict"} "$work"
