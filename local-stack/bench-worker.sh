#!/usr/bin/env bash
# Runs the worker benchmark (not a test): calls in flight and completions/s of one worker at ~1 s DeepSeek latency,
# submission -> COMPLETED at 100 req/s, and priority under 3x overload, each beside a baseline from the same run.
# Prints a table and writes local-stack/target/benchmark-worker.md. Sizes: BENCH_PRELOAD (40000),
# BENCH_IN_FLIGHT (2000), BENCH_RATE (100), BENCH_SECONDS (20), BENCH_OVERLOAD_SECONDS (20).
set -euo pipefail
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cd "$(dirname "$0")/.."
. .mvn/jdk.sh
mkdir -p local-stack/target/tmp
# package, so that the worker's runnable jar exists before local-stack's test phase runs the benchmark.
exec ./mvnw -B -ntp -q -pl local-stack -am -Pworker-benchmark -DskipTests -Dspotless.check.skip=true package
