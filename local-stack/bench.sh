#!/usr/bin/env bash
# Runs the quota benchmark (not a test) on the whole local stack in one JVM: POST -> 202 with the quota
# reservation, measured with wrk (apt-get install wrk), then the cost service's ledger settlement rate.
# Sizes: BENCH_CONNECTIONS (64), BENCH_WARM_UP_SECONDS (20), BENCH_SECONDS (30), BENCH_SUBMITTERS (200 users), BENCH_USAGE_EVENTS (200000),
# BENCH_USAGE_USERS (1000). BENCH_SYNCHRONOUS_COMMIT=off shows what flushing every commit to disk costs.
set -euo pipefail
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cd "$(dirname "$0")/.."
mkdir -p local-stack/target/tmp
exec ./mvnw -B -ntp -q -pl local-stack -am -Pquota-benchmark -DskipTests -Dspotless.check.skip=true test
