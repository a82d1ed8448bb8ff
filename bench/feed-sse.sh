#!/usr/bin/env bash
# Benchmark: feed-service counts and SSE (docs/benchmarks.md, "feed-service: counts and SSE").
#   fanout   >= 15,000 concurrent SSE subscribers on one feed-service (heap per subscriber reported),
#            one update delivered to all within 1 s
#   latency  comment posted (Isso POST /new through the gateway) -> info event at a subscriber: p50 <= 30 ms, p99 <= 150 ms
#   counts   Remark42 POST /api/v1/counts with 50 URLs through the gateway: >= 5,000 req/s
# Starts its own stack (no Keycloak) from the built jars on free loopback ports in a temporary data directory.
#
# Usage: bench/feed-sse.sh           (about 3 minutes)
# Settings (environment):
#   BENCH_SUBSCRIBERS=15000          SSE streams of the fanout phase (the client and the service each need that many
#                                    file descriptors: ulimit -n is checked)
#   BENCH_SERVICE_JAVA_OPTIONS="-Xmx512m"   JVM options for every service (as _JAVA_OPTIONS, applied after the stack's
#                                    -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1); 15,000 streams need more heap
#   BENCH_COUNTS_CONNECTIONS=16 BENCH_WARMUP=10 BENCH_DURATION=20
#   BENCH_PHASES="latency counts fanout"   which phases, in that order
#   BENCH_KEEP=1                     keep the data directory (logs) afterwards
# Remark42's rate limits in the gateway (10 req/s per address on /counts and /stream) are switched off: all load comes
# from one address.
set -euo pipefail
cd "$(dirname "$0")/.."

SUBSCRIBERS="${BENCH_SUBSCRIBERS:-15000}"
SERVICE_JAVA_OPTIONS="${BENCH_SERVICE_JAVA_OPTIONS:--Xmx512m}"
COUNTS_CONNECTIONS="${BENCH_COUNTS_CONNECTIONS:-16}"
WARMUP="${BENCH_WARMUP:-10}"
DURATION="${BENCH_DURATION:-20}"
PHASES="${BENCH_PHASES:-latency counts fanout}"
if [ "$(ulimit -n)" -lt $((SUBSCRIBERS + 1000)) ]; then
  ulimit -n $((SUBSCRIBERS + 1000)) 2>/dev/null || { echo "ulimit -n $(ulimit -n) is below $((SUBSCRIBERS + 1000))" >&2; exit 2; }
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR=bench/load/target/parley-bench-0.1.0-SNAPSHOT.jar
for artifact in deploy/local/target/parley-local-stack-0.1.0-SNAPSHOT.jar deploy/kafka-broker/target/lib \
    comments-service/target/quarkus-app/quarkus-run.jar feed-service/target/quarkus-app/quarkus-run.jar \
    gateway/target/quarkus-app/quarkus-run.jar "$BENCH_JAR"; do
  [ -e "$artifact" ] || { echo "missing $artifact: build first (./mvnw -B -q install -DskipTests)" >&2; exit 2; }
done
data="$(mktemp -d -t parley-feed-sse-XXXXXX)"
# The harness is copied too, so a rebuild beside the benchmark cannot swap it.
mkdir -p "$data/harness"
cp -r "$BENCH_JAR" bench/load/target/lib "$data/harness/"
CP="$data/harness/$(basename "$BENCH_JAR"):$data/harness/lib/*"
stack_pid=""
cleanup() {
  local code=$?
  if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
    kill -TERM "$stack_pid"
    for _ in $(seq 1 600); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$stack_pid" 2>/dev/null && kill -KILL "$stack_pid" 2>/dev/null
    wait "$stack_pid" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$code" != 0 ]; then echo "data and logs kept in $data" >&2; else rm -rf "$data"; fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "feed-service counts and SSE benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); service JVMs _JAVA_OPTIONS=$SERVICE_JAVA_OPTIONS" >&2

# A copy of the built parts: a build running beside the benchmark must not swap jars under running services.
mkdir -p "$data/build/deploy/kafka-broker/target"
cp -r deploy/kafka-broker/target/lib "$data/build/deploy/kafka-broker/target/"
# Every packaged service, as the stack starts all of them.
for app in */target/quarkus-app; do
  module="${app%%/*}"
  mkdir -p "$data/build/$module/target"
  cp -r "$app" "$data/build/$module/target/"
done
"$JAVA" -cp "$CP" io.parley.bench.BenchStackMain --data-dir "$data/stack" --root "$data/build" \
  --ready-file "$data/stack.ready" --env comments-service:PARLEY_ISSO_GUARD_ENABLED=false \
  --env gateway:PARLEY_GATEWAY_RATE_LIMITS_ENABLED=false \
  --service-java-options "$SERVICE_JAVA_OPTIONS" > "$data/stack.out" 2>&1 &
stack_pid=$!
for _ in $(seq 1 1800); do
  [ -f "$data/stack.ready" ] && break
  kill -0 "$stack_pid" 2>/dev/null || { echo "the stack exited during start:" >&2; cat "$data/stack.out" >&2; exit 1; }
  sleep 0.1
done
[ -f "$data/stack.ready" ] || { echo "the stack was not ready within 180 s" >&2; exit 1; }
gateway="$(sed -n 's/^gateway.url=//p' "$data/stack.ready")"
feed_pid="$(sed -n 's/^pid.feed-service=//p' "$data/stack.ready")"
feed_port="$(tr '\0' '\n' < "/proc/$feed_pid/environ" | sed -n 's/^QUARKUS_HTTP_PORT=//p')"
echo "gateway $gateway, feed-service pid $feed_pid port $feed_port (open files limit $(sed -n 's/^Max open files *\([0-9]*\).*/\1/p' "/proc/$feed_pid/limits"))" >&2

bench() { "$JAVA" -Xms256m -Xmx768m -cp "$CP" io.parley.bench.FeedSseMain "$@"; }
for phase in $PHASES; do
  case "$phase" in
    latency) bench latency --gateway "$gateway" --samples 300 --warmup 50 ;;
    counts) bench counts --gateway "$gateway" --connections "$COUNTS_CONNECTIONS" --warmup "$WARMUP" --duration "$DURATION" ;;
    fanout) bench fanout --feed "http://127.0.0.1:$feed_port" --feed-pid "$feed_pid" --gateway "$gateway" \
      --subscribers "$SUBSCRIBERS" ;;
    *) echo "unknown phase $phase" >&2; exit 2 ;;
  esac
done
grep -h "Replayed" "$data"/stack/logs/feed-service*.log 2>/dev/null | tail -1 >&2 || true
