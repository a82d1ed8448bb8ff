#!/usr/bin/env bash
# Benchmark: reply notifications end to end (docs/benchmarks.md, "Notification delivery").
#   1,000 Isso replies, each to a parent whose author asked for reply mails, posted through the gateway;
#   target: all 1,000 reply mails caught by the SMTP catcher within 30 s of the replies being posted.
# Starts its own stack (no Keycloak) from a copy of the built jars on free loopback ports in a temporary directory,
# with the Isso guard off (one client posts everything) and admin mails off (only reply mails are measured).
#
# Usage: bench/notify-load.sh          (about 2-4 minutes on the 2-core machine)
# Settings (environment): BENCH_REPLIES=1000, BENCH_CONCURRENCY=16 (parallel POST /new), BENCH_KEEP=1 (keep logs)
# Needs the project built (./mvnw -B -q install -DskipTests); builds the load harness if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR=bench/load/target/parley-bench-0.1.0-SNAPSHOT.jar
if [ ! -e "$BENCH_JAR" ] || [ ! -d bench/load/target/lib ]; then
  ./mvnw -B -q -pl bench/load install -DskipTests
fi
data="$(mktemp -d -t parley-notify-load-XXXXXX)"
cleanup() {
  local code=$?
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$code" != 0 ]; then echo "data and logs kept in $data" >&2; else rm -rf "$data"; fi
  exit "$code"
}
trap cleanup EXIT

# A copy of the built parts: a build running beside the benchmark must not swap jars under running services.
mkdir -p "$data/build/deploy/kafka-broker/target"
cp -r deploy/kafka-broker/target/lib "$data/build/deploy/kafka-broker/target/"
for module in $(ls -d *-service gateway); do
  if [ -d "$module/target/quarkus-app" ]; then
    mkdir -p "$data/build/$module/target"
    cp -r "$module/target/quarkus-app" "$data/build/$module/target/"
  fi
done
cp -r deploy "$data/build/" 2>/dev/null || true

echo "Notification delivery benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$JAVA" -Xmx512m -cp "deploy/local/target/parley-local-stack-0.1.0-SNAPSHOT.jar:$BENCH_JAR:bench/load/target/lib/*" bench/notify/NotifyLoad.java "$data/stack" "$data/build"
