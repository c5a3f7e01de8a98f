#!/usr/bin/env bash
# Installs what the build needs on a fresh Debian machine: a JDK 17 and Maven. Everything else comes from
# Maven Central during the build. Where Hyperledger Fabric's binaries are at hand (FABRIC_BIN or the PATH, see
# scripts/test.sh), also what the real-Fabric test needs to run them: fabric-ca-server links the system SQLite
# (libsqlite3-0) and scripts/network.sh uses openssl. With --browser also Chromium and its driver, which the
# explorer's browser tests drive headless (scripts/test.sh asks for them).
set -euo pipefail
need=()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [[ ${1:-} == --browser ]]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fi
ca_server="$(PATH="${FABRIC_BIN:+${FABRIC_BIN}:}${PATH}" command -v fabric-ca-server || true)"
if [[ -n "${ca_server}" ]]; then
  if ldd "${ca_server}" 2>/dev/null | grep -q 'libsqlite3.*not found'; then need+=(libsqlite3-0); fi
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
fi
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing ${need[*]}; install them (sudo apt-get install ${need[*]}) and rerun" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
version=$(javac -version 2>&1 | awk '{print $2}')
if [[ ${version%%.*} -lt 17 ]]; then
  echo "setup: javac $version found; FDC-Fabric needs Java 17 or later (set JAVA_HOME)" >&2
  exit 1
fi
