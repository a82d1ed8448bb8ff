#!/usr/bin/env bash
# Benchmark: time from the README's run command to a ready stack, and the stack's total memory (RSS).
# Precondition (as the target states): already built, Keycloak cache warm — run ./run once before.
# Usage: bench/stack-startup.sh [runs]   (default 3). Uses its own data dir and default ports.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
data="$(mktemp -d -t parley-bench-XXXXXX)"
trap 'rm -rf "$data"' EXIT

rss_of_tree() { # total RSS in KiB of a process and all its descendants
  local pids=("$1") all=() p
  while [ ${#pids[@]} -gt 0 ]; do
    p="${pids[0]}"; pids=("${pids[@]:1}"); all+=("$p")
    for c in $(pgrep -P "$p" || true); do pids+=("$c"); done
  done
  ps -o rss= -p "$(IFS=,; echo "${all[*]}")" | awk '{s+=$1} END {print s}'
}

echo "run,seconds_to_ready,total_rss_mib,processes_left_after_stop"
for i in $(seq 1 "$runs"); do
  log="$data/run-$i.log"
  start=$(date +%s.%N)
  PARLEY_DATA_DIR="$data/stack" ./run > "$log" 2>&1 &
  pid=$!
  until grep -q "Parley is up" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "stack exited early, see $log" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.1
  done
  ready=$(date +%s.%N)
  sleep 5 # let the JVMs settle before measuring memory
  rss_kib=$(rss_of_tree "$pid")
  descendants=$(pgrep -d' ' -P "$pid" || true)
  kill -TERM "$pid"; wait "$pid" || true
  sleep 1
  left=0
  for d in $descendants; do
    if kill -0 "$d" 2>/dev/null; then left=$((left + 1)); fi
  done
  left=$((left + $(pgrep -f "$data/stack" | wc -l || true)))
  printf '%d,%.1f,%d,%d\n' "$i" "$(echo "$ready - $start" | bc)" $((rss_kib / 1024)) "$left"
done
