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
if [[ ${FDC_DEMO_SKIP_BUILD:-0} == 1 ]]; then
  exec scripts/fdc demo "$@"
fi
FDC_BUILD=1 exec scripts/fdc demo "$@"
