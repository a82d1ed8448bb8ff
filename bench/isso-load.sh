#!/usr/bin/env bash
# Benchmark: Isso HTTP load through the gateway (docs/benchmarks.md, "Isso HTTP load").
#   (a) GET /?uri= of a 100-comment thread   target >= 3,000 req/s with p99 <= 25 ms
#   (b) POST /new                             target >= 500 req/s sustained with p99 <= 50 ms
# Starts its own stack (no Keycloak) from the built jars on free loopback ports in a temporary data directory, seeds
# the thread, runs each scenario as 1-connection latency, closed-model maximum and open-model at the target rate,
# prints a CSV and a markdown table, stops the stack and checks that no process is left.
#
# Usage: bench/isso-load.sh            (about 4 minutes; each phase is warm-up + measured window <= 30 s)
# Settings (environment):
#   BENCH_WARMUP=10 BENCH_DURATION=20    seconds per phase (sum <= 30); 1-connection phases use half of each
#   BENCH_CONNECTIONS=16                 connections of the closed-model phases
#   BENCH_OPEN_CONNECTIONS=64            connection pool of the open-model phases
#   BENCH_GET_RATE=3000 BENCH_POST_RATE=500   offered rates of the open-model phases
#   BENCH_EVENT_LOOPS=1                  event loops of the load generator
#   BENCH_SERVICE_JAVA_OPTIONS="..."     extra JVM options for every service (as _JAVA_OPTIONS, which the JVM applies
#                                        after the stack's -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1),
#                                        e.g. "-XX:TieredStopAtLevel=4 -Xmx512m"
#   BENCH_KEEP=1                         keep the data directory (logs) afterwards
# Loopback only. Needs the project built; builds what is missing with ./mvnw -B -q install -DskipTests.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP="${BENCH_WARMUP:-10}"
DURATION="${BENCH_DURATION:-20}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
OPEN_CONNECTIONS="${BENCH_OPEN_CONNECTIONS:-64}"
GET_RATE="${BENCH_GET_RATE:-3000}"
POST_RATE="${BENCH_POST_RATE:-500}"
EVENT_LOOPS="${BENCH_EVENT_LOOPS:-1}"
SERVICE_JAVA_OPTIONS="${BENCH_SERVICE_JAVA_OPTIONS:-}"
if [ $((WARMUP + DURATION)) -gt 30 ]; then
  echo "BENCH_WARMUP + BENCH_DURATION must be at most 30 s (each phase is bounded)" >&2
  exit 2
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR=bench/load/target/parley-bench-0.1.0-SNAPSHOT.jar
STACK_ARTIFACTS=(deploy/local/target/parley-local-stack-0.1.0-SNAPSHOT.jar deploy/kafka-broker/target/lib)
for module in comments-service feed-service gateway; do
  STACK_ARTIFACTS+=("$module/target/quarkus-app/quarkus-run.jar")
done

# Benchmarks what is built: no rebuild when the jars exist (other work may be half-done in the tree).
missing=0
for artifact in "${STACK_ARTIFACTS[@]}"; do [ -e "$artifact" ] || missing=1; done
if [ "$missing" = 1 ]; then
  echo "Building Parley (./mvnw -B -q install -DskipTests) ..." >&2
  ./mvnw -B -q install -DskipTests
elif [ ! -e "$BENCH_JAR" ] || [ ! -d bench/load/target/lib ]; then
  echo "Building the load harness (./mvnw -B -q -pl bench/load install -DskipTests) ..." >&2
  ./mvnw -B -q -pl bench/load install -DskipTests
fi
CP="$BENCH_JAR:bench/load/target/lib/*"

data="$(mktemp -d -t parley-isso-load-XXXXXX)"
results="$data/results.csv"
table="$data/results.md"
stack_pid=""
tree_pids=""
top_pid=""

descendants() { # a pid and all its descendants
  local pids=("$1") p c
  while [ ${#pids[@]} -gt 0 ]; do
    p="${pids[0]}"; pids=("${pids[@]:1}"); echo "$p"
    for c in $(pgrep -P "$p" || true); do pids+=("$c"); done
  done
}

stop_stack() {
  [ -n "$stack_pid" ] || return 0
  if kill -0 "$stack_pid" 2>/dev/null; then
    kill -TERM "$stack_pid"
    for _ in $(seq 1 600); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$stack_pid" 2>/dev/null; then
      echo "the stack did not stop within 60 s: killing it" >&2
      kill -KILL "$stack_pid" 2>/dev/null || true
    fi
  fi
  wait "$stack_pid" 2>/dev/null || true
  stack_pid=""
  sleep 1
  local left=0 p
  for p in $tree_pids; do
    if kill -0 "$p" 2>/dev/null; then left=$((left + 1)); echo "left running: $(ps -o pid=,args= -p "$p" | cut -c1-160)" >&2; fi
  done
  echo "processes left after stop: $left" >&2
}

cleanup() {
  local code=$?
  if [ -n "$top_pid" ]; then pkill -P "$top_pid" 2>/dev/null || true; kill "$top_pid" 2>/dev/null || true; fi
  stop_stack
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$code" != 0 ]; then
    echo "data and logs kept in $data" >&2
  else
    rm -rf "$data"
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Isso HTTP load benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- comments-service feed-service gateway 2>/dev/null || echo ' + uncommitted service changes')," \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "Service JVMs: -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1${SERVICE_JAVA_OPTIONS:+ then _JAVA_OPTIONS=$SERVICE_JAVA_OPTIONS}" >&2

# A copy of the built parts: a build running beside the benchmark must not swap jars under running services.
mkdir -p "$data/build/deploy/kafka-broker/target"
cp -r deploy/kafka-broker/target/lib "$data/build/deploy/kafka-broker/target/"
for module in comments-service feed-service gateway; do
  mkdir -p "$data/build/$module/target"
  cp -r "$module/target/quarkus-app" "$data/build/$module/target/"
done
stack_args=(--data-dir "$data/stack" --root "$data/build" --ready-file "$data/stack.ready"
  # The Isso guard (rate limit per client address) would stop the seeding and the write load from one address.
  --env comments-service:PARLEY_ISSO_GUARD_ENABLED=false)
if [ -n "$SERVICE_JAVA_OPTIONS" ]; then stack_args+=(--service-java-options "$SERVICE_JAVA_OPTIONS"); fi
"$JAVA" -cp "$CP" io.parley.bench.BenchStackMain "${stack_args[@]}" > "$data/stack.out" 2>&1 &
stack_pid=$!
for _ in $(seq 1 1800); do
  [ -f "$data/stack.ready" ] && break
  if ! kill -0 "$stack_pid" 2>/dev/null; then
    echo "the stack exited during start:" >&2; cat "$data/stack.out" >&2; exit 1
  fi
  sleep 0.1
done
if [ ! -f "$data/stack.ready" ]; then echo "the stack was not ready within 180 s" >&2; cat "$data/stack.out" >&2; exit 1; fi
grep -h "Stack up" "$data/stack.out" >&2 || true
gateway="$(sed -n 's/^gateway.url=//p' "$data/stack.ready")"
postgres_pid="$(sed -n 's/^pid.postgres=//p' "$data/stack.ready")"
tree_pids="$(descendants "$stack_pid") ${postgres_pid:+$(descendants "$postgres_pid")}"

load() { "$JAVA" -Xms256m -Xmx512m -cp "$CP" io.parley.bench.IssoLoadMain "$@"; }

thread_uri=/bench/thread-100
load seed --url "$gateway" --uri "$thread_uri" --comments 100

load header > "$results"
{
  echo "| scenario | model | conn. | offered req/s | achieved req/s | p50 ms | p90 ms | p99 ms | max ms | errors | target met | CPU cores used (measured window) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$table"

phase() { # label scenario connections rate warmup duration target_rps target_p99_ms
  local label="$1" scenario="$2" conns="$3" rate="$4" warmup="$5" duration="$6" trps="$7" tp99="$8"
  # One process snapshot in the middle of the measured window, for the record.
  ( sleep "$(echo "$warmup + $duration / 2" | bc)"
    top -b -n1 -w 180 | head -22 > "$data/top-$label.txt" 2>/dev/null || true ) &
  top_pid=$!
  load run --url "$gateway" --scenario "$scenario" --label "$label" --uri "$thread_uri" \
    --connections "$conns" --rate "$rate" --warmup "$warmup" --duration "$duration" --timeout 5 \
    --event-loops "$EVENT_LOOPS" --target-rps "$trps" --target-p99-ms "$tp99" \
    --stack-info "$data/stack.ready" --markdown "$table" >> "$results"
  wait "$top_pid" 2>/dev/null || true
  top_pid=""
}

phase get-1conn   get  1                   0            "$((WARMUP / 2))" "$((DURATION / 2))" 0 0
phase get-max     get  "$CONNECTIONS"      0            "$WARMUP" "$DURATION" 3000       25
phase get-rate    get  "$OPEN_CONNECTIONS" "$GET_RATE"  "$WARMUP" "$DURATION" 3000       25
phase post-1conn  post 1                   0            "$((WARMUP / 2))" "$((DURATION / 2))" 0 0
phase post-max    post "$CONNECTIONS"      0            "$WARMUP" "$DURATION" 500        50
phase post-rate   post "$OPEN_CONNECTIONS" "$POST_RATE" "$WARMUP" "$DURATION" 500        50

echo >&2
echo "Snapshot of top in the middle of get-max:" >&2
sed -n '1,5p;7,16p' "$data/top-get-max.txt" >&2 || true
echo >&2
cat "$results"
echo
cat "$table"
