#!/usr/bin/env bash
# Runs every benchmark; each prints a table and writes bench/results/<name>.json.
# Single-core figures are pinned to one CPU when taskset is available.
set -euo pipefail
cd "$(dirname "$0")/.."
pin=()
command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)
for bench in bench/*.bench.ts; do
  echo "== ${bench}"
  "${pin[@]}" node --expose-gc --import tsx "${bench}"
done
