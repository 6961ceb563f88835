#!/usr/bin/env bash
# Runs the benchmark report (not a test): P1 POST -> 202 rate (services in one JVM, then each in its own, each time
# beside the gateway's floors), P2 submission -> COMPLETED at fixed rates, P3 calls in flight and completions/s at
# ~1 s DeepSeek latency, P4 lane waits under 3x overload, P5 ledger settlement, P6 each service's start time and RSS
# as its own JVM; each beside a baseline measured in the same run. Prints a table and writes
# local-stack/target/benchmark-report.md. BENCH_ONLY=p1,p5 runs some of them. Sizes: BENCH_CONNECTIONS (64),
# BENCH_P1_WARMUP_SECONDS (300 at most), BENCH_WARMUP_SECONDS (20, the others), BENCH_SECONDS (30),
# BENCH_RATES (25,50,100), BENCH_PRELOAD (40000), BENCH_IN_FLIGHT (2000), BENCH_OVERLOAD_SECONDS (20),
# BENCH_USAGE_EVENTS (200000), BENCH_FOOTPRINT_RATE (20). BENCH_PROPERTIES=a=1,b=2 sets properties of the services
# that run in the report's JVM (diagnosis). P1's load comes from wrk, installed here when missing. About 20 minutes,
# P1 alone 12.
set -euo pipefail
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cd "$(dirname "$0")/.."
. .mvn/jdk.sh

# P1's load comes from wrk, outside the report's JVM; without it, a Java client in that JVM sends it (and says so).
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt_get="apt-get"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt_get="sudo -n env DEBIAN_FRONTEND=noninteractive apt-get"
  else
    apt_get=""
  fi
  if [ -n "$apt_get" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing wrk for P1"
    export DEBIAN_FRONTEND=noninteractive
    { $apt_get -qq update >/dev/null && $apt_get -qq install -y --no-install-recommends wrk >/dev/null; } \
      || echo "Note: installing wrk failed; P1 will be measured by a Java client inside the report's JVM"
  else
    echo "Note: wrk missing and cannot be installed (not root, no sudo or no apt-get);" \
      "P1 will be measured by a Java client inside the report's JVM"
  fi
fi

mkdir -p local-stack/target/tmp
# package, so that the services' runnable jars exist before local-stack's test phase runs the report.
exec ./mvnw -B -ntp -q -pl local-stack -am -Pbenchmark-report -DskipTests -Dspotless.check.skip=true package
