#!/usr/bin/env bash
# Runs one data-path benchmark: ingest | governance. Builds what it needs (no tests), then runs it on the JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  ingest) main=org.fdcfabric.benchmarks.datapath.IngestBenchmark ;;
  governance) main=org.fdcfabric.benchmarks.datapath.GovernanceMerkleBenchmark ;;
  *) echo "usage: benchmarks/datapath.sh ingest|governance [options]" >&2; exit 2 ;;
esac
shift
classpath_file="$PWD/benchmarks/target/datapath-classpath.txt"
mvn -B -ntp -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true \
  dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
exec java -Xmx2g -cp "benchmarks/target/classes:$(cat "$classpath_file")" "$main" "$@"
