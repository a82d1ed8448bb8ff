#!/usr/bin/env bash
# Benchmark: Remark42 GET /api/v1/find?format=tree of a 500-comment post through the gateway (docs/benchmarks.md,
# "Remark42 find"). Target: >= 1,000 req/s with p99 <= 50 ms on the 2-core machine.
# Starts its own stack (no Keycloak) from the built jars on free loopback ports in a temporary data directory, with the
# gateway's rate limits and the Isso guard off (one load generator address), seeds the post with 500 comments through
# the Isso dialect (about 1 in 5 a reply), then measures: 1 connection, closed-model maximum, open model at the target.
#
# Usage: bench/remark42-find.sh     (about 2 minutes)
# Settings: BENCH_WARMUP=10 BENCH_DURATION=20 (seconds per phase), BENCH_CONNECTIONS=16, BENCH_OPEN_CONNECTIONS=64,
#           BENCH_RATE=1000, BENCH_KEEP=1 (keep data and logs)
# Loopback only. Needs the project built (./mvnw -B -q install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP="${BENCH_WARMUP:-10}"
DURATION="${BENCH_DURATION:-20}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
OPEN_CONNECTIONS="${BENCH_OPEN_CONNECTIONS:-64}"
RATE="${BENCH_RATE:-1000}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR=bench/load/target/parley-bench-0.1.0-SNAPSHOT.jar
# Every service the stack starts (deploy/local ServiceSpec) must be built.
SERVICES=(comments-service feed-service votes-service notify-service auth-service gateway)
artifacts=("$BENCH_JAR" bench/load/target/lib deploy/kafka-broker/target/lib)
for module in "${SERVICES[@]}"; do artifacts+=("$module/target/quarkus-app/quarkus-run.jar"); done
for artifact in "${artifacts[@]}"; do
  [ -e "$artifact" ] || { echo "missing $artifact: run ./mvnw -B -q install -DskipTests first" >&2; exit 2; }
done
CP="$BENCH_JAR:bench/load/target/lib/*"

data="$(mktemp -d -t parley-remark42-find-XXXXXX)"
stack_pid=""
stop_stack() {
  [ -n "$stack_pid" ] || return 0
  kill -TERM "$stack_pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$stack_pid" 2>/dev/null || true
  wait "$stack_pid" 2>/dev/null || true
  stack_pid=""
}
cleanup() {
  local code=$?
  stop_stack
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$code" != 0 ]; then echo "data and logs kept in $data" >&2; else rm -rf "$data"; fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Remark42 find benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# A copy of the built parts, so a build beside the benchmark cannot swap jars under running services.
mkdir -p "$data/build/deploy/kafka-broker/target"
cp -r deploy/kafka-broker/target/lib "$data/build/deploy/kafka-broker/target/"
for module in "${SERVICES[@]}"; do
  mkdir -p "$data/build/$module/target"
  cp -r "$module/target/quarkus-app" "$data/build/$module/target/"
done
"$JAVA" -cp "$CP" io.parley.bench.BenchStackMain --data-dir "$data/stack" --root "$data/build" \
  --ready-file "$data/stack.ready" \
  --env comments-service:PARLEY_ISSO_GUARD_ENABLED=false \
  --env gateway:PARLEY_GATEWAY_RATE_LIMITS_ENABLED=false > "$data/stack.out" 2>&1 &
stack_pid=$!
for _ in $(seq 1 1800); do
  [ -f "$data/stack.ready" ] && break
  kill -0 "$stack_pid" 2>/dev/null || { echo "the stack exited during start:" >&2; cat "$data/stack.out" >&2; exit 1; }
  sleep 0.1
done
[ -f "$data/stack.ready" ] || { echo "the stack was not ready within 180 s" >&2; exit 1; }
gateway="$(sed -n 's/^gateway.url=//p' "$data/stack.ready")"

post=/bench/find-500
"$JAVA" -cp "$CP" io.parley.bench.IssoLoadMain seed --url "$gateway" --uri "$post" --comments 500
bytes="$(curl -s "$gateway/api/v1/find?site=remark&format=tree&url=$post" | wc -c)"
count="$(curl -s "$gateway/api/v1/find?site=remark&format=tree&url=$post" | grep -o '"count":[0-9]*' | head -1)"
echo "find?format=tree of $post: $bytes bytes, info $count" >&2

find_phase() { "$JAVA" -Xms256m -Xmx512m -cp "$CP" io.parley.bench.Remark42FindMain --url "$gateway" --uri "$post" "$@"; }
echo "| phase | model | conn. | offered req/s | achieved req/s | p50 ms | p90 ms | p99 ms | max ms | errors | target met | body |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
find_phase --label find-1conn --connections 1 --warmup "$((WARMUP / 2))" --duration "$((DURATION / 2))" --target-p99-ms 50
find_phase --label find-max --connections "$CONNECTIONS" --warmup "$WARMUP" --duration "$DURATION"
find_phase --label find-rate --connections "$OPEN_CONNECTIONS" --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION"
