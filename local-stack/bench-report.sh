#!/usr/bin/env bash
# Runs the benchmark report (not a test): P1 POST -> 202 rate, P2 submission -> COMPLETED at fixed rates, P3 calls in
# flight and completions/s at ~1 s DeepSeek latency, P4 lane waits under 3x overload, P5 ledger settlement, P6 each
# service's start time and RSS as its own JVM; each beside a baseline measured in the same run. Prints a table and
# writes local-stack/target/benchmark-report.md. BENCH_ONLY=p1,p5 runs some of them. Sizes: BENCH_CONNECTIONS (64),
# BENCH_WARMUP_SECONDS (20), BENCH_SECONDS (30), BENCH_RATES (25,50,100), BENCH_PRELOAD (40000), BENCH_IN_FLIGHT
# (2000), BENCH_OVERLOAD_SECONDS (20), BENCH_USAGE_EVENTS (200000), BENCH_FOOTPRINT_RATE (20). BENCH_PROPERTIES=a=1,b=2
# sets properties of the services that run in the report's JVM (diagnosis). About 10 minutes.
set -euo pipefail
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cd "$(dirname "$0")/.."
. .mvn/jdk.sh
mkdir -p local-stack/target/tmp
# package, so that the services' runnable jars exist before local-stack's test phase runs the report.
exec ./mvnw -B -ntp -q -pl local-stack -am -Pbenchmark-report -DskipTests -Dspotless.check.skip=true package
