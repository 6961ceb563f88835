#!/usr/bin/env bash
# Runs the spending benchmark (not a test): the same 10,000 requests (30 % repeats, 20 % deferrable) replayed on the
# whole suite without and then with the response cache, in-flight dedup and off-peak deferral; prints DeepSeek calls,
# tokens and dollars of both, the saving, and whether the ledger equals an independent recomputation. Writes
# local-stack/target/benchmark-spend.md. Sizes: BENCH_REQUESTS (10000), BENCH_USERS (50), BENCH_CONCURRENCY (24),
# BENCH_WINDOW_DELAY_SECONDS (240: the second run's off-peak window opens this long after its start).
# Holds the build lock itself when run from the project's shared machine: flock /tmp/clientnest-build.lock <this>.
set -euo pipefail
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cd "$(dirname "$0")/.."
. .mvn/jdk.sh
mkdir -p local-stack/target/tmp
exec ./mvnw -B -ntp -q -pl local-stack -am -Pspend-benchmark -DskipTests -Dspotless.check.skip=true test
