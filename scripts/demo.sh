#!/usr/bin/env bash
# The README's first command: runs a whole FDC collaboration on an embedded devnet (fdc demo).
# On a fresh machine it installs a JDK 17 and Maven if they are missing (scripts/setup.sh), packages the CLI and
# everything it runs (the shaded chaincode jars included; tests skipped, nothing installed into ~/.m2), then runs
# `fdc demo` with the CLI's runtime classpath. Every argument goes to `fdc demo`, for example:
#   scripts/demo.sh --institutions 5 --rounds 10 --model mlp --keep
#   scripts/demo.sh --help
# Set FDC_DEMO_SKIP_BUILD=1 to rerun without rebuilding.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/setup.sh
if [[ ${FDC_DEMO_SKIP_BUILD:-0} != 1 ]]; then
  echo "demo: building the CLI, the devnet and the chaincode jars (mvn package, tests skipped)..." >&2
  mvn -B -ntp -q -DskipTests -pl cli -am package
fi
classpath_file=cli/target/runtime-classpath.txt
shopt -s nullglob
cli_jars=(cli/target/cli-*.jar)
shopt -u nullglob
if [[ ! -r $classpath_file || ${#cli_jars[@]} -eq 0 ]]; then
  echo "demo: $classpath_file or the cli jar is missing; run without FDC_DEMO_SKIP_BUILD to build them" >&2
  exit 1
fi
exec java -Dfdc.root="$root" -cp "${cli_jars[0]}:$(<"$classpath_file")" org.fdcfabric.cli.Fdc demo "$@"
