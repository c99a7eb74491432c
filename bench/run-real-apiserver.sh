#!/usr/bin/env bash
# The shipped operator on a real etcd + kube-apiserver (issue 10): for N = 1 000 and 10 000, start-up,
# convergence, Kubernetes writes per created connection (audit log) and the steady state on both
# APIs; replaces the section "On a real kube-apiserver (issue 10)" of bench/results.md.
# Usage: bench/run-real-apiserver.sh [--n 1000,10000] [--heap 1g] [--unrelated-secrets 50000] [--out bench/results.md|-]
# Needs the binaries of e2e/build-binaries.sh (Go; cached in ~/.cache/omni-operator-e2e). Runs on
# loopback and stops by itself (about 15 minutes on 2 cores for both sizes).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
bash e2e/build-binaries.sh
# the operator JVM starts as the image starts it: with the class-data archive of a training run
java -XX:ArchiveClassesAtExit=target/omni-operator.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar target/omni-operator.jar sandbox >target/cds-training.log 2>&1
# the test classpath: kube-api-test and the rest of the test-scoped dependencies
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-test-classpath.txt
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -Dbench.command="bench/run-real-apiserver.sh $*" \
  -Dproject.basedir="$PWD" -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "target/test-classes:target/omni-operator.jar:$(cat target/bench-test-classpath.txt)" \
  dev.gitops.omni.bench.RealApiServerBench "$@"
