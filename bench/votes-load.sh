#!/usr/bin/env bash
# Benchmark: Isso votes through the gateway with the whole stack (docs/benchmarks.md, "Votes").
#   target: >= 1,000 votes/s sustained; vote answered -> visible in GET /?uri= p99 <= 200 ms
# Starts its own stack (no Keycloak) from the built jars on free loopback ports in a temporary data directory, seeds
# comments, casts likes at the offered rate (open model, a new client network per vote) while a probe measures the
# vote-to-visible time, prints a markdown row, stops the stack.
#
# Usage: bench/votes-load.sh
# Settings (environment): BENCH_RATE=1000 BENCH_WARMUP=10 BENCH_DURATION=20 BENCH_COMMENTS=200
#   BENCH_CONNECTIONS=64 BENCH_KEEP=1 (keep the data directory and logs)
# Loopback only. Needs the project built (./mvnw -B -q install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

RATE="${BENCH_RATE:-1000}"
WARMUP="${BENCH_WARMUP:-10}"
DURATION="${BENCH_DURATION:-20}"
COMMENTS="${BENCH_COMMENTS:-200}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP="bench/load/target/parley-bench-0.1.0-SNAPSHOT.jar:bench/load/target/lib/*"
# Every built service (the stack starts those of deploy/local ServiceSpec.defaults()); these three are needed here.
SERVICES=()
for app in */target/quarkus-app; do SERVICES+=("${app%%/*}"); done
for module in comments-service votes-service gateway; do
  [ -e "$module/target/quarkus-app/quarkus-run.jar" ] || { echo "$module is not built: ./mvnw -B -q install -DskipTests" >&2; exit 2; }
done

data="$(mktemp -d -t parley-votes-load-XXXXXX)"
stack_pid=""
stop() {
  local code=$?
  if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
    kill -TERM "$stack_pid"
    for _ in $(seq 1 600); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$stack_pid" 2>/dev/null && kill -KILL "$stack_pid" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$code" != 0 ]; then echo "data and logs kept in $data" >&2; else rm -rf "$data"; fi
  exit "$code"
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "Votes benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# A copy of the built parts, so a build running beside the benchmark cannot swap jars under running services.
mkdir -p "$data/build/deploy/kafka-broker/target"
cp -r deploy/kafka-broker/target/lib "$data/build/deploy/kafka-broker/target/"
for module in "${SERVICES[@]}"; do
  mkdir -p "$data/build/$module/target" && cp -r "$module/target/quarkus-app" "$data/build/$module/target/"
done
"$JAVA" -cp "$CP" io.parley.bench.BenchStackMain --data-dir "$data/stack" --root "$data/build" \
  --ready-file "$data/stack.ready" --env comments-service:PARLEY_ISSO_GUARD_ENABLED=false \
  --env gateway:PARLEY_GATEWAY_TRUSTED_PROXIES=127.0.0.1/32 > "$data/stack.out" 2>&1 &
stack_pid=$!
for _ in $(seq 1 1800); do
  [ -f "$data/stack.ready" ] && break
  kill -0 "$stack_pid" 2>/dev/null || { echo "the stack exited during start:" >&2; cat "$data/stack.out" >&2; exit 1; }
  sleep 0.1
done
[ -f "$data/stack.ready" ] || { echo "the stack was not ready within 180 s" >&2; exit 1; }
gateway="$(sed -n 's/^gateway.url=//p' "$data/stack.ready")"

echo "| offered votes/s | achieved votes/s | vote p50 ms | vote p99 ms | vote max ms | failed votes | probes | visible p50 ms | visible p99 ms | visible max ms | targets met |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
"$JAVA" -Xmx512m -cp "$CP" io.parley.bench.VotesLoadMain --url "$gateway" --comments "$COMMENTS" --rate "$RATE" \
  --warmup "$WARMUP" --duration "$DURATION" --connections "$CONNECTIONS"
