#!/usr/bin/env bash
# Reruns the benchmark and fault soak of issue 6 and writes bench/results.md.
# Usage: bench/run.sh [--runs shared:100:60,...|none] [--soak N:limit:budget:seconds|none] [--samples 20]
# Everything runs on loopback and stops by itself (the full default run takes about 25 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -Xmx6g -Dbench.command="bench/run.sh $*" \
  -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp target/test-classes:target/omni-operator.jar dev.gitops.omni.bench.Benchmark "$@"
