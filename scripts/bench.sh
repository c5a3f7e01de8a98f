#!/usr/bin/env bash
# Runs one benchmark by name; each prints what it measured on this machine and its ratio to a baseline measured
# in the same run. Usage: scripts/bench.sh NAME [ARGS...]; scripts/bench.sh list
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A main=(
  [devnet]=org.fdcfabric.benchmarks.devnet.GatewayThroughputBenchmark
  [ingest]=org.fdcfabric.benchmarks.datapath.IngestBenchmark
  [governance]=org.fdcfabric.benchmarks.datapath.GovernanceMerkleBenchmark
  [table-import]=org.fdcfabric.benchmarks.datapath.TableImportBenchmark
  [fedavg]=org.fdcfabric.benchmarks.federation.FedAvgThroughput
  [coordinator]=org.fdcfabric.benchmarks.federation.CoordinatorOverhead
  [case-study]=org.fdcfabric.benchmarks.federation.WearableCaseStudy
  [secure-aggregation]=org.fdcfabric.benchmarks.aggregation.SecureCoordinatorBenchmark
  [secure-aggregation-steps]=org.fdcfabric.benchmarks.aggregation.SecureAggregationBenchmark
  [services]=org.fdcfabric.benchmarks.services.ServicesRoundBenchmark
  [explorer]=org.fdcfabric.benchmarks.explorer.ExplorerPageBenchmark
  [parity]=org.fdcfabric.benchmarks.convergence.RoundsToParity
  [startup]=org.fdcfabric.benchmarks.startup.StartupBenchmark
)
declare -A what=(
  [devnet]="committed tx/s and evaluate/s through the Fabric Gateway SDK (needs the chaincode jars: packages first)"
  [ingest]="readings/s sealed into the data center's store vs one INSERT per reading"
  [governance]="governance + Merkle root throughput over a million readings"
  [table-import]="rows/s and peak heap importing a 200 MB CSV table under -Xmx512m vs the reader alone"
  [fedavg]="FedAvg aggregation GB/s vs a naive implementation"
  [coordinator]="coordinator overhead per round vs local training time, 10 centers x FDC's MLP"
  [case-study]="federated vs centralized accuracy on the simulated wearable case study"
  [secure-aggregation]="coordinator round wall time, secure vs plain FedAvg, 10 centers x FDC's MLP incl. local training"
  [secure-aggregation-steps]="secure aggregation protocol steps vs sealed plain updates, per party, without the coordinator"
  [services]="round wall time, centers and compute node as separate JVMs vs the same services in one JVM, 3 centers x FDC's MLP (args: ROUNDS WARMUP_ROUNDS)"
  [explorer]="explorer page load times with 10,000 transactions on chain vs an empty chain (needs the chaincode jars)"
  [parity]="rounds for federated (FedAvg, FedAdam, FedYogi) to reach centralized accuracy/MSE, case study and public datasets (run scripts/datasets.sh first)"
  [startup]="fdc --version and a devnet query: bin/fdc with its class-data archive vs without vs plain java -cp (packages the CLI)"
)

name=${1:-list}
if [[ $name == list || -z ${main[$name]+x} ]]; then
  [[ $name == list ]] || echo "unknown benchmark: $name" >&2
  for n in "${!main[@]}"; do printf '  %-20s %s\n' "$n" "${what[$n]}"; done | sort
  [[ $name == list ]]
  exit
fi
shift
scripts/setup.sh
if [[ $name == devnet || $name == services || $name == explorer ]]; then
  # The devnet runs the shaded chaincode jars, so they must be packaged first.
  mvn -B -ntp -q -Dmaven.test.skip=true -Dspotless.check.skip=true -Djacoco.skip=true -pl chaincode-registration,chaincode-collaboration -am package
fi
if [[ $name == startup ]]; then
  # the distribution (cli/target/fdc-<version>/, with its class-data archive) and the chaincode jars it measures
  mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl cli -am package
fi
# test-compile, not compile: exec:java resolves test-scoped dependencies in every reactor module, and devnet's
# test-jar dependency on metrics only resolves from the reactor once metrics has compiled its tests.
exec mvn -B -ntp -q -Djacoco.skip=true -pl benchmarks -am test-compile exec:java -Dexec.skip=true \
  -Dexec.mainClass="${main[$name]}" -Dexec.args="$*"
