#!/usr/bin/env bash
# Runs the fault suite (not a test; ProcessModeIT is its smoke version inside ./mvnw verify): the services as
# separate processes on embedded Kafka and PostgreSQL with the simulator, a steady mixed load, and one fault after
# the other: kill -9 of the worker, the gateway and the cost service, a broker restart, a PostgreSQL crash, a
# DeepSeek outage, a DeepSeek that holds calls until they time out, and the account limit cut to 10. Prints a table
# and writes local-stack/target/fault-suite.md. Sizes: FAULT_RATE (50 req/s), FAULT_DOWN_SECONDS (10),
# FAULT_OUTAGE_SECONDS (60), FAULT_ONLY (a comma-separated list of fault names to run, e.g. "broker,postgres").
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh
mkdir -p local-stack/target/tmp
exec ./mvnw -B -ntp -q -pl local-stack -am -Pfault-suite -DskipTests -Dspotless.check.skip=true package
