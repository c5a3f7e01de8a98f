#!/usr/bin/env bash
# Runs every test of every module (and the format and dependency checks) on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
exec mvn -B -ntp verify "$@"
