#!/usr/bin/env bash
# Runs every benchmark; each prints a table and writes bench/results/<name>.json.
# The single-core figures (encoder, in-process engine) are pinned to one CPU when taskset is available;
# the end-to-end ones use the whole machine, as a deployment would.
set -euo pipefail
cd "$(dirname "$0")/.."
pin=()
command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)
for bench in bench/*.bench.ts; do
  echo "== ${bench}"
  case "${bench}" in
    */encoder.bench.ts | */advice.bench.ts) "${pin[@]}" node --expose-gc --import tsx "${bench}" ;;
    *) node --expose-gc --import tsx "${bench}" ;;
  esac
done
