#!/usr/bin/env bash
# Deploys FDC-Fabric's two chaincodes as chaincode-as-a-service (CCaaS) on the network of scripts/network.sh:
#
#   package   build the CCaaS packages (metadata.json + code.tar.gz holding connection.json), byte-for-byte
#             reproducible, so every institution that builds them gets the same package id
#   install   install both packages on each org's peer
#   start     start each org's chaincode servers from the shaded jars (CHAINCODE_SERVER_ADDRESS,
#             CORE_CHAINCODE_ID_NAME = the package id)
#   approve   approve both chaincode definitions for each org
#   commit    commit both definitions (a majority of the orgs must have approved)
#   stop      stop the chaincode servers this script started (all together; waits until they are gone)
#   all       package, install, start, approve, commit (the default)
#
# Options: --work DIR (default ./fabric-work), --orgs a,b (default: all orgs; an institution passes its own),
#          --sequence N (default 1; raise it to change a definition), --version V (default network.env's).
# Environment: FABRIC_BIN (put first on the PATH), FDC_CHAINCODE_JAVA_OPTS (each chaincode server's JVM options,
#          default CHAINCODE_JAVA_OPTS of network-config/network.env: a 256 MB heap instead of a quarter of RAM).
# See docs/deploy.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="${repo}/network-config"
# shellcheck source=network-config/network.env
source "${config}/network.env"
# shellcheck source=scripts/lib/processes.sh
source "${repo}/scripts/lib/processes.sh"
if [[ -n "${FABRIC_BIN:-}" ]]; then
  export PATH="${FABRIC_BIN}:${PATH}"
fi

readonly EXIT_USAGE=64
readonly EXIT_PREREQUISITES=69

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit "${EXIT_USAGE}"
}

log() { echo "deploy-chaincode.sh: $*" >&2; }

die() {
  log "$*"
  exit 1
}

work="${PWD}/fabric-work"
orgs_arg=""
sequence=1
version="${CHAINCODE_VERSION}"
command=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --work | --orgs | --sequence | --version)
      [[ $# -ge 2 ]] || usage
      case "$1" in
        --work) work="$2" ;;
        --orgs) orgs_arg="$2" ;;
        --sequence) sequence="$2" ;;
        --version) version="$2" ;;
      esac
      shift 2
      ;;
    package | install | start | approve | commit | stop | all)
      [[ -z "${command}" ]] || usage
      command="$1"
      shift
      ;;
    -h | --help) usage ;;
    *)
      log "unknown argument: $1"
      usage
      ;;
  esac
done
command="${command:-all}"
case "${work}" in
  /*) ;;
  *) work="${PWD}/${work}" ;;
esac
[[ "${sequence}" =~ ^[1-9][0-9]{0,8}$ ]] || die "--sequence must be a positive integer, was '${sequence}'"
[[ "${version}" =~ ^[A-Za-z0-9_.+-]{1,64}$ ]] || die "--version must be 1-64 of [A-Za-z0-9_.+-], was '${version}'"

orgs=()
if [[ -z "${orgs_arg}" ]]; then
  orgs=("${PEER_ORGS[@]}")
else
  IFS=, read -r -a orgs <<<"${orgs_arg}"
  for org in "${orgs[@]}"; do
    [[ -n "${ORG_MSP[${org}]:-}" ]] || die "unknown org '${org}' (expected some of: ${PEER_ORGS[*]})"
  done
fi

check_prerequisites() {
  local tools=(tar gzip sha256sum) missing=() tool
  case "${command}" in
    package | stop) ;;
    start) tools+=(java) ;;
    *) tools+=(peer java) ;;
  esac
  for tool in "${tools[@]}"; do
    command -v "${tool}" >/dev/null 2>&1 || missing+=("${tool}")
  done
  if [[ "${command}" == start || "${command}" == all ]]; then
    local chaincode
    for chaincode in "${CHANNEL_CHAINCODE[@]}"; do
      [[ -f "${repo}/${CHAINCODE_JAR[${chaincode}]}" ]] || missing+=("${CHAINCODE_JAR[${chaincode}]}")
    done
  fi
  if [[ ${#missing[@]} -gt 0 ]]; then
    {
      echo "deploy-chaincode.sh ${command}: missing prerequisites: ${missing[*]}"
      if [[ " ${missing[*]} " == *" peer "* ]]; then
        echo "peer: install Hyperledger Fabric 2.5 binaries (https://github.com/hyperledger/fabric/releases;"
        echo "  bash install-fabric.sh --fabric-version 2.5.12 binary) and put their bin/ on the PATH"
      fi
      if [[ " ${missing[*]} " == *" java "* ]]; then
        echo "java: a Java 17 runtime (e.g. apt-get install openjdk-17-jre-headless)"
      fi
      if [[ " ${missing[*]} " == *".jar"* ]]; then
        echo "chaincode jars: build them with 'mvn -B -ntp -pl chaincode-registration,chaincode-collaboration -am package -DskipTests'"
      fi
    } >&2
    exit "${EXIT_PREREQUISITES}"
  fi
}

org_domain() { printf '%s.%s' "$1" "${FDC_DOMAIN}"; }
peer_org_dir() { printf '%s/organizations/peerOrganizations/%s' "${work}" "$(org_domain "$1")"; }
peer_tls_ca() { printf '%s/tlsca/tlsca.%s-cert.pem' "$(peer_org_dir "$1")" "$(org_domain "$1")"; }
orderer_tls_ca() {
  local domain
  domain="$(org_domain "${ORDERER_ORG}")"
  printf '%s/organizations/ordererOrganizations/%s/tlsca/tlsca.%s-cert.pem' "${work}" "${domain}" "${domain}"
}

admin_msp() {
  if [[ "$(cat "${work}/crypto-mode")" == ca ]]; then
    printf '%s/users/%s-admin@%s/msp' "$(peer_org_dir "$1")" "$1" "$(org_domain "$1")"
  else
    printf '%s/users/Admin@%s/msp' "$(peer_org_dir "$1")" "$(org_domain "$1")"
  fi
}

peer_admin() {
  local org="$1"
  shift
  env FABRIC_CFG_PATH="${work}/peers/peer0.${org}" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_LOCALMSPID="${ORG_MSP[${org}]}" \
    CORE_PEER_MSPCONFIGPATH="$(admin_msp "${org}")" \
    CORE_PEER_ADDRESS="${ORG_HOST[${org}]}:${ORG_PEER_PORT[${org}]}" \
    CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "${org}")" \
    "$@"
}

orderer_args=(-o "${ORDERER_HOST}:${ORDERER_PORT}" --ordererTLSHostnameOverride
  "orderer0.$(org_domain "${ORDERER_ORG}")" --tls --cafile "$(orderer_tls_ca)")

package_file() { printf '%s/packages/%s.tar.gz' "${work}" "$1"; }

# Fabric's package id is "<label>:<sha256 of the package file>".
package_id() {
  local chaincode="$1"
  local digest
  digest="$(sha256sum "$(package_file "${chaincode}")" | cut -d ' ' -f 1)"
  printf '%s_%s:%s' "${chaincode}" "${version}" "${digest}"
}

# Reproducible tar.gz: sorted names, fixed times, owners and modes, gzip without a name or time stamp.
reproducible_tar_gz() {
  local source_dir="$1" output="$2"
  shift 2
  tar --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner --mode='u=rw,go=r' \
    -C "${source_dir}" -cf - "$@" | gzip -9 -n >"${output}"
}

package() {
  local chaincode staging
  mkdir -p "${work}/packages"
  for chaincode in "${CHANNEL_CHAINCODE[@]}"; do
    staging="$(mktemp -d)"
    cp "${config}/chaincode/${chaincode}/connection.json" "${staging}/connection.json"
    reproducible_tar_gz "${staging}" "${staging}/code.tar.gz" connection.json
    # the label carries the version, so a new version gets a new package id
    sed "s/\"label\": \"${chaincode}_[^\"]*\"/\"label\": \"${chaincode}_${version}\"/" \
      "${config}/chaincode/${chaincode}/metadata.json" >"${staging}/metadata.json"
    reproducible_tar_gz "${staging}" "$(package_file "${chaincode}")" metadata.json code.tar.gz
    rm -rf -- "${staging}"
    echo "${chaincode}: $(package_file "${chaincode}") package id $(package_id "${chaincode}")"
  done
}

require_network() {
  [[ -f "${work}/crypto-mode" ]] ||
    die "no network in ${work}: run scripts/network.sh --work ${work} up && scripts/network.sh --work ${work} channels"
}

require_packages() {
  local chaincode
  for chaincode in "${CHANNEL_CHAINCODE[@]}"; do
    [[ -f "$(package_file "${chaincode}")" ]] || package >/dev/null
  done
}

install() {
  require_network
  require_packages
  local org chaincode id installed
  for org in "${orgs[@]}"; do
    for chaincode in "${CHANNEL_CHAINCODE[@]}"; do
      id="$(package_id "${chaincode}")"
      installed="$(peer_admin "${org}" peer lifecycle chaincode queryinstalled --output json 2>/dev/null || true)"
      if grep -qF "\"${id}\"" <<<"${installed}"; then
        log "${chaincode} already installed on peer0.${org}"
        continue
      fi
      peer_admin "${org}" peer lifecycle chaincode install "$(package_file "${chaincode}")"
      [[ "$(peer_admin "${org}" peer lifecycle chaincode calculatepackageid "$(package_file "${chaincode}")")" == "${id}" ]] ||
        die "peer computes another package id for ${chaincode} than ${id}"
    done
  done
}

start() {
  require_packages
  mkdir -p "${work}/pids" "${work}/logs"
  local org chaincode port name pid_file java_opts=()
  read -r -a java_opts <<<"${FDC_CHAINCODE_JAVA_OPTS:-${CHAINCODE_JAVA_OPTS}}"
  # the token contract mints and transfers only to the channel's organisations (every peer org joins both channels)
  local channel_msps="" peer_org
  for peer_org in "${PEER_ORGS[@]}"; do channel_msps+="${channel_msps:+,}${ORG_MSP[${peer_org}]}"; done
  for org in "${orgs[@]}"; do
    for chaincode in "${CHANNEL_CHAINCODE[@]}"; do
      if [[ "${chaincode}" == registration ]]; then
        port="${ORG_REGISTRATION_CC_PORT[${org}]}"
      else
        port="${ORG_COLLABORATION_CC_PORT[${org}]}"
      fi
      name="cc-${chaincode}-${org}"
      pid_file="${work}/pids/${name}.pid"
      if alive "${pid_file}"; then
        log "${name} already runs (pid $(cat "${pid_file}"))"
        continue
      fi
      nohup env CHAINCODE_SERVER_ADDRESS="127.0.0.1:${port}" \
        CORE_CHAINCODE_ID_NAME="$(package_id "${chaincode}")" \
        CORE_PEER_TLS_ENABLED=false \
        FDC_CHANNEL_MSPS="${channel_msps}" \
        CORE_CHAINCODE_LOGGING_LEVEL=WARNING \
        CORE_CHAINCODE_LOGGING_SHIM=WARNING \
        java "${java_opts[@]}" -jar "${repo}/${CHAINCODE_JAR[${chaincode}]}" >>"${work}/logs/${name}.log" 2>&1 &
      echo "$!" >"${pid_file}"
      log "started ${name} on 127.0.0.1:${port} (pid $!, log ${work}/logs/${name}.log)"
    done
  done
  # A peer that dials a server not yet listening fails that transaction ("could not launch chaincode"), so return
  # only when every server listens.
  local ready_seconds="${FDC_CHAINCODE_READY_SECONDS:-300}"
  for org in "${orgs[@]}"; do
    wait_ready "${ready_seconds}" "${work}/pids/cc-registration-${org}.pid" "on 127.0.0.1:${ORG_REGISTRATION_CC_PORT[${org}]}" \
      tcp_open 127.0.0.1 "${ORG_REGISTRATION_CC_PORT[${org}]}"
    wait_ready "${ready_seconds}" "${work}/pids/cc-collaboration-${org}.pid" "on 127.0.0.1:${ORG_COLLABORATION_CC_PORT[${org}]}" \
      tcp_open 127.0.0.1 "${ORG_COLLABORATION_CC_PORT[${org}]}"
  done
  log "every chaincode server listens"
}

# Waits for the servers to be gone, so that new ones (an upgrade) can listen on the same ports right after.
stop() {
  local pid_files=() org chaincode
  for org in "${orgs[@]}"; do
    for chaincode in "${CHANNEL_CHAINCODE[@]}"; do
      pid_files+=("${work}/pids/cc-${chaincode}-${org}.pid")
    done
  done
  stop_pid_files 10 "${pid_files[@]}"
}

channel_of() {
  local channel
  for channel in "${CHANNELS[@]}"; do
    if [[ "${CHANNEL_CHAINCODE[${channel}]}" == "$1" ]]; then
      printf '%s' "${channel}"
      return 0
    fi
  done
  die "no channel carries chaincode $1"
}

definition_args() {
  local chaincode="$1"
  printf '%s\0' --channelID "$(channel_of "${chaincode}")" --name "${chaincode}" --version "${version}" \
    --sequence "${sequence}" --signature-policy "${ENDORSEMENT_POLICY}"
}

approve_for_org() {
  local org="$1" chaincode definition=()
  for chaincode in "${CHANNEL_CHAINCODE[@]}"; do
    mapfile -d '' -t definition < <(definition_args "${chaincode}")
    if peer_admin "${org}" peer lifecycle chaincode queryapproved --channelID "$(channel_of "${chaincode}")" \
      --name "${chaincode}" --sequence "${sequence}" >/dev/null 2>&1; then
      log "${ORG_MSP[${org}]} already approved ${chaincode} sequence ${sequence}"
      continue
    fi
    peer_admin "${org}" peer lifecycle chaincode approveformyorg "${orderer_args[@]}" "${definition[@]}" \
      --package-id "$(package_id "${chaincode}")"
  done
}

# Every org approves at the same time: each approval waits for its block, and the orgs' approvals touch
# different keys (each org's own implicit collection), so they do not conflict. One after the other, the trial
# network's twelve approvals took over a minute on a loaded 2-core machine. Each org's output is printed when it
# is done, so the lines do not interleave.
approve() {
  require_network
  require_packages
  local org failed=() outputs pids_of=()
  outputs="$(mktemp -d)"
  for org in "${orgs[@]}"; do
    approve_for_org "${org}" >"${outputs}/${org}" 2>&1 &
    pids_of+=("$!")
  done
  local i
  for i in "${!orgs[@]}"; do
    if ! wait "${pids_of[i]}"; then failed+=("${orgs[i]}"); fi
    cat "${outputs}/${orgs[i]}" >&2
  done
  rm -rf -- "${outputs}"
  [[ ${#failed[@]} -eq 0 ]] || die "approval failed for: ${failed[*]} (output above)"
}

commit() {
  require_network
  local chaincode org committed definition=() endorsers=()
  # the lifecycle endorsement policy is MAJORITY Endorsement: ask every org's peer
  for org in "${PEER_ORGS[@]}"; do
    endorsers+=(--peerAddresses "${ORG_HOST[${org}]}:${ORG_PEER_PORT[${org}]}" --tlsRootCertFiles "$(peer_tls_ca "${org}")")
  done
  org="${orgs[0]}"
  for chaincode in "${CHANNEL_CHAINCODE[@]}"; do
    mapfile -d '' -t definition < <(definition_args "${chaincode}")
    committed="$(peer_admin "${org}" peer lifecycle chaincode querycommitted \
      --channelID "$(channel_of "${chaincode}")" --name "${chaincode}" 2>/dev/null || true)"
    if grep -q "Sequence: ${sequence}," <<<"${committed}"; then
      log "${chaincode} sequence ${sequence} already committed"
      continue
    fi
    peer_admin "${org}" peer lifecycle chaincode checkcommitreadiness "${definition[@]}"
    peer_admin "${org}" peer lifecycle chaincode commit "${orderer_args[@]}" "${definition[@]}" "${endorsers[@]}"
    peer_admin "${org}" peer lifecycle chaincode querycommitted --channelID "$(channel_of "${chaincode}")" \
      --name "${chaincode}"
  done
}

check_prerequisites
case "${command}" in
  package) package ;;
  install) install ;;
  start) start ;;
  approve) approve ;;
  commit) commit ;;
  stop) stop ;;
  all)
    package
    install
    start
    approve
    commit
    log "both chaincodes are committed; fdc --profile ${work}/profiles/trial.json ... now reaches the network"
    ;;
esac
