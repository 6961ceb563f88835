#!/usr/bin/env bash
# Runs the simulator benchmark (not a test): throughput at 0 ms latency, then >= 10,000 calls held open at 1-30 s.
# The simulator runs in a child process, so each side of 10,000 connections has its own descriptor budget;
# the limit is still raised where allowed.
# Sizes: BENCH_REQUESTS (100000), BENCH_CONNECTIONS (256), BENCH_HELD_CALLS (12000).
set -euo pipefail
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cd "$(dirname "$0")/.."
exec ./mvnw -B -ntp -q -pl deepseek-simulator -Pbenchmark -DskipTests test
