#!/usr/bin/env bash
# Reruns the benchmark and fault soak of issue 6 and writes bench/results.md.
# Usage: bench/run.sh [--runs shared:100:60,...|none] [--soak N:limit:budget:seconds|none] [--samples 20]
#                     [--keys K[:N[:R[:orgs|keys]]],...] [--schedules N[:R[:inprocess]],...]
# --keys runs the K-keys scenario of issue 12: N OmniConnections spread over K ClusterOmniInstances,
# each with its own key at R requests/min (default N = 600, R = 60, keys in K organisations; "keys"
# puts the K keys in one organisation), against the bound 1.05 x N/(K*R) minutes. Given alone it
# runs only that and replaces only the section "K keys (issue 12)" of bench/results.md, e.g.
# bench/run.sh --keys 3,3:600:60:keys (about 12 minutes on 2 cores).
# --schedules N[:R[:inprocess]],... runs the schedules scenario of issue 13: N OmniConnections with
# two schema-refresh schedules each, one instance at R requests/min (Omni's limit in the simulator
# and the operator's --rate-limit; default 60), the shipped jar in its own JVM unless "inprocess".
# Measured in one run: the time until every connection is Ready with its schedules in Omni against
# 1.1 x the floor (3N + 1 calls at the budget's R - 1 per 61 s), calls by route against the floor
# of calls, schedule edits until Omni shows them, steady lists and spare schedule reads per poll
# interval, 429s. Given alone it runs only that and replaces only the section "Schedules (issue 13)"
# of bench/results.md, e.g. bench/run.sh --schedules 100:60,1000:6000 (notes: bench/notes-schedules.md).
# Everything runs on loopback and stops by itself (the full default run takes about 25 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
# the operator JVM starts as the image starts it: with the class-data archive of a training run
# (the Dockerfile does the same); -Dbench.noCds=true measures without it
java -XX:ArchiveClassesAtExit=target/omni-operator.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar target/omni-operator.jar sandbox >target/cds-training.log 2>&1
exec java -Xmx6g ${BENCH_JAVA_OPTS:-} -Dbench.command="bench/run.sh $*" \
  -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp target/test-classes:target/omni-operator.jar dev.gitops.omni.bench.Benchmark "$@"
