#!/usr/bin/env bash
# Runs every test of every module (and the format and dependency checks) on a fresh machine.
#
# The real-Fabric integration test (cli's RealFabricIT) needs Hyperledger Fabric's binaries. They are found through
# FABRIC_BIN (and FABRIC_CCAAS_BUILDER), else ../shared/fabric when it exists next to the checkout (this project's
# machines and CI keep a copy there), else the PATH. Without them that one test is skipped and says how to get
# them; with CI=true (as .ci/run and CI services set it) it fails instead. Nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="$(cd .. && pwd)/shared/fabric"
if [[ -z "${FABRIC_BIN:-}" && -x "${shared}/bin/peer" ]]; then
  export FABRIC_BIN="${shared}/bin"
  export FABRIC_CCAAS_BUILDER="${FABRIC_CCAAS_BUILDER:-${shared}/builders/ccaas}"
fi
scripts/setup.sh --browser
exec mvn -B -ntp verify "$@"
