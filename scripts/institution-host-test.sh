#!/usr/bin/env bash
# Tests docs/deploy.md's multi-host procedure with an institution on a host of its own: provider2's CA, peer and
# chaincode servers run in a network namespace of their own (address 10.213.0.2, host name
# peer0.provider2.fdc.example.com) and the rest of the network (orderer, the other five orgs) in another
# (10.213.0.1), joined by a veth pair. Both namespaces, the veth pair and their host files (/etc/netns/<ns>/hosts)
# are made here and removed at the end, also on failure; every process this test starts runs inside one of them,
# so the network's traffic never leaves them. The two sides share no files except what the procedure sends:
# provider2's public MSP and TLS CA certificates to the consortium, the channels' genesis blocks and the orderer's
# TLS CA certificate back.
#
#   scripts/institution-host-test.sh [--keep]     (root, or CAP_NET_ADMIN and CAP_SYS_ADMIN: ip netns needs them)
#
# Needs Fabric's binaries like scripts/network.sh (FABRIC_BIN, ../shared/fabric or the PATH), iproute2, and the
# chaincode jars and the CLI built (mvn -B -ntp -DskipTests -pl cli -am package). About 3 minutes on a loaded
# 2-core machine. Exits 0 when every check passed; prints each check.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=network-config/network.env
source "${repo}/network-config/network.env"

log() { echo "institution-host-test: $*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}
check() { log "ok: $*"; }

keep=false
[[ "${1:-}" == --keep ]] && keep=true

shared="$(cd "${repo}/.." && pwd)/shared/fabric"
if [[ -z "${FABRIC_BIN:-}" && -x "${shared}/bin/peer" ]]; then
  export FABRIC_BIN="${shared}/bin"
  export FABRIC_CCAAS_BUILDER="${FABRIC_CCAAS_BUILDER:-${shared}/builders/ccaas}"
fi
command -v ip >/dev/null 2>&1 || die "ip (iproute2) is not installed"
[[ -n "${FABRIC_BIN:-}" ]] || command -v peer >/dev/null 2>&1 || die "no Fabric binaries (FABRIC_BIN, ../shared/fabric or the PATH)"
export PATH="${FABRIC_BIN:+${FABRIC_BIN}:}${PATH}"

institution=provider2
consortium_orgs=()
for org in "${PEER_ORGS[@]}"; do
  [[ "${org}" == "${institution}" ]] || consortium_orgs+=("${org}")
done
hub_orgs="$(IFS=,; echo "${ORDERER_ORG},${consortium_orgs[*]}")"
peer_orgs_of_hub="$(IFS=,; echo "${consortium_orgs[*]}")"

suffix="$$"
hub_ns="fdc-hub-${suffix}"
inst_ns="fdc-inst-${suffix}"
hub_if="fdch${suffix}"
inst_if="fdci${suffix}"
hub_ip=10.213.0.1
inst_ip=10.213.0.2
base="$(mktemp -d "${TMPDIR:-/tmp}/fdc-institution-XXXXXX")"
hub="${base}/consortium"
inst="${base}/${institution}"

cleanup() {
  local status=$?
  log "cleaning up (exit ${status})"
  bash "${repo}/scripts/network.sh" --work "${hub}" down --purge >/dev/null 2>&1 || true
  bash "${repo}/scripts/network.sh" --work "${inst}" down --purge >/dev/null 2>&1 || true
  ip -n "${hub_ns}" link del "${hub_if}" 2>/dev/null || true
  ip netns del "${hub_ns}" 2>/dev/null || true
  ip netns del "${inst_ns}" 2>/dev/null || true
  rm -rf -- "/etc/netns/${hub_ns}" "/etc/netns/${inst_ns}"
  if [[ "${keep}" == false ]]; then rm -rf -- "${base}"; else log "kept ${base}"; fi
}
trap cleanup EXIT

# --- the two hosts -------------------------------------------------------------------------------------------
ip netns add "${hub_ns}" || die "ip netns add failed (needs root or CAP_SYS_ADMIN)"
ip netns add "${inst_ns}"
ip link add "${hub_if}" type veth peer name "${inst_if}" || die "ip link add ... type veth failed"
ip link set "${hub_if}" netns "${hub_ns}"
ip link set "${inst_if}" netns "${inst_ns}"
ip -n "${hub_ns}" addr add "${hub_ip}/30" dev "${hub_if}"
ip -n "${inst_ns}" addr add "${inst_ip}/30" dev "${inst_if}"
for ns in "${hub_ns}" "${inst_ns}"; do
  ip -n "${ns}" link set lo up
done
ip -n "${hub_ns}" link set "${hub_if}" up
ip -n "${inst_ns}" link set "${inst_if}" up

# Host names as a consortium's DNS would give them; ip netns exec shows each namespace its own /etc/hosts.
hosts_file() {
  echo "127.0.0.1 localhost"
  echo "${hub_ip} orderer0.${ORDERER_ORG}.${FDC_DOMAIN}"
  local org
  for org in "${consortium_orgs[@]}"; do echo "${hub_ip} peer0.${org}.${FDC_DOMAIN}"; done
  echo "${inst_ip} peer0.${institution}.${FDC_DOMAIN}"
}
for ns in "${hub_ns}" "${inst_ns}"; do
  mkdir -p "/etc/netns/${ns}"
  hosts_file >"/etc/netns/${ns}/hosts"
done
in_hub() { ip netns exec "${hub_ns}" "$@"; }
in_inst() { ip netns exec "${inst_ns}" "$@"; }

# The consortium's host assignments (docs/deploy.md, step 1): every node by its host name.
hosts_env="${base}/hosts.env"
{
  echo "ORDERER_HOST=orderer0.${ORDERER_ORG}.${FDC_DOMAIN}"
  for org in "${PEER_ORGS[@]}"; do echo "ORG_HOST[${org}]=peer0.${org}.${FDC_DOMAIN}"; done
} >"${hosts_env}"
export FDC_NETWORK_HOSTS="${hosts_env}"
check "namespaces ${hub_ns} (${hub_ip}) and ${inst_ns} (${inst_ip}) joined by a veth pair"

network() { bash "${repo}/scripts/network.sh" "$@"; }
deploy() { bash "${repo}/scripts/deploy-chaincode.sh" "$@"; }

# --- steps 2-4: each side runs its CA, enrols its identities and starts its nodes ----------------------------
in_inst bash "${repo}/scripts/network.sh" --work "${inst}" --orgs "${institution}" up
in_hub bash "${repo}/scripts/network.sh" --work "${hub}" --orgs "${hub_orgs}" up
inst_org_dir="${inst}/organizations/peerOrganizations/${institution}.${FDC_DOMAIN}"
hub_org_dir="${hub}/organizations/peerOrganizations/${institution}.${FDC_DOMAIN}"

# step 3: the institution sends only its public MSP (and TLS CA) to whoever assembles the channel configuration
mkdir -p "${hub_org_dir}"
cp -r "${inst_org_dir}/msp" "${inst_org_dir}/tlsca" "${hub_org_dir}/"
if find "${hub_org_dir}" -name '*_sk' -o -name 'keystore' | grep -q .; then die "a private key crossed to the consortium"; fi
check "${institution} sent its MSP and TLS CA certificates, no private key"

# --- step 5: channels ----------------------------------------------------------------------------------------
in_hub bash "${repo}/scripts/network.sh" --work "${hub}" --orgs "${hub_orgs}" channels
mkdir -p "${inst}/channel-artifacts" "${inst}/organizations/ordererOrganizations"
cp "${hub}"/channel-artifacts/*.block "${inst}/channel-artifacts/"
cp -r "${hub}/organizations/ordererOrganizations/${ORDERER_ORG}.${FDC_DOMAIN}" "${inst}/organizations/ordererOrganizations/"
find "${inst}/organizations/ordererOrganizations" \( -name keystore -o -name '*.key' -o -name '*_sk' \) -exec rm -rf {} +
in_inst bash "${repo}/scripts/network.sh" --work "${inst}" --orgs "${institution}" channels
check "${institution}'s peer joined both channels from the genesis blocks it received"

# --- steps 6-7: chaincode ------------------------------------------------------------------------------------
inst_ids="$(in_inst bash "${repo}/scripts/deploy-chaincode.sh" --work "${inst}" --orgs "${institution}" package)"
hub_ids="$(in_hub bash "${repo}/scripts/deploy-chaincode.sh" --work "${hub}" --orgs "${peer_orgs_of_hub}" package)"
[[ "$(grep -o 'package id .*' <<<"${inst_ids}")" == "$(grep -o 'package id .*' <<<"${hub_ids}")" ]] ||
  die "package ids differ: ${inst_ids} vs ${hub_ids}"
check "both sides built the same package ids"
for step in install start approve; do
  in_inst bash "${repo}/scripts/deploy-chaincode.sh" --work "${inst}" --orgs "${institution}" "${step}"
done
in_hub bash "${repo}/scripts/deploy-chaincode.sh" --work "${hub}" --orgs "${peer_orgs_of_hub}" all
check "both chaincodes committed with endorsements from all six peers, ${institution}'s across the veth pair"

# --- step 8: users act through their own org's peer ----------------------------------------------------------
fdc() { bash "${repo}/scripts/fdc" "$@"; }
balance_of() { # <ns-runner> <profile> <identity> <account>
  "$1" bash "${repo}/scripts/fdc" token balance "$4" --json --profile "$2" --as "$3" | sed -n 's/.*"balance":\([0-9]*\).*/\1/p'
}
hub_profile="${hub}/profiles/provider1.json"
inst_profile="${inst}/profiles/${institution}.json"
in_hub bash "${repo}/scripts/fdc" token init --name FDC --profile "${hub_profile}" --as provider1-admin >/dev/null
in_hub bash "${repo}/scripts/fdc" token mint "${ORG_MSP[${institution}]}" 100 --profile "${hub_profile}" --as provider1-admin >/dev/null
[[ "$(balance_of in_inst "${inst_profile}" bob "${ORG_MSP[${institution}]}")" == 100 ]] ||
  die "${institution}'s peer does not show the 100 tokens minted through provider1's peer"
check "a mint through provider1's peer reads back through ${institution}'s own peer (its chaincode servers, its namespace)"
in_inst bash "${repo}/scripts/fdc" token transfer "${ORG_MSP[datauser]}" 7 --profile "${inst_profile}" --as bob >/dev/null
[[ "$(balance_of in_hub "${hub}/profiles/datauser.json" dave "${ORG_MSP[datauser]}")" == 7 ]] ||
  die "the transfer submitted through ${institution}'s peer is not visible at the data user's peer"
check "a transfer bob submitted through ${institution}'s gateway committed and reads back at the data user's peer"
grep -q "finished chaincode: collaboration" "${inst}/logs/peer0-${institution}.log" ||
  die "${institution}'s peer never ran the collaboration chaincode"
check "${institution}'s peer endorsed with its own chaincode servers"

# --- the same chain everywhere -------------------------------------------------------------------------------
chain_tip() { # <runner> <work> <org> <channel>
  local org="$3" domain="$3.${FDC_DOMAIN}"
  "$1" env FABRIC_CFG_PATH="$2/peers/peer0.${org}" CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_LOCALMSPID="${ORG_MSP[${org}]}" \
    CORE_PEER_MSPCONFIGPATH="$2/organizations/peerOrganizations/${domain}/users/${org}-admin@${domain}/msp" \
    CORE_PEER_ADDRESS="peer0.${domain}:${ORG_PEER_PORT[${org}]}" \
    CORE_PEER_TLS_ROOTCERT_FILE="$2/organizations/peerOrganizations/${domain}/tlsca/tlsca.${domain}-cert.pem" \
    peer channel getinfo -c "$4" 2>/dev/null | sed -n 's/.*"height":\([0-9]*\),"currentBlockHash":"\([^"]*\)".*/\1 \2/p'
}
for channel in "${CHANNELS[@]}"; do
  expected=""
  deadline=$((SECONDS + 60))
  while :; do
    tips="$(chain_tip in_inst "${inst}" "${institution}" "${channel}")"
    for org in "${consortium_orgs[@]}"; do tips+=$'\n'"$(chain_tip in_hub "${hub}" "${org}" "${channel}")"; done
    [[ "$(sort -u <<<"${tips}" | wc -l)" -ne 1 || -z "${tips%%$'\n'*}" ]] || { expected="${tips%%$'\n'*}"; break; }
    [[ ${SECONDS} -lt ${deadline} ]] || die "${channel}: the six peers disagree: ${tips}"
    sleep 1
  done
  check "${channel}: all six peers at height and block hash ${expected}"
done

# --- nothing ran outside the two namespaces ------------------------------------------------------------------
root_ns="$(readlink /proc/self/ns/net)"
for side in "${hub}" "${inst}"; do
  for pid_file in "${side}"/pids/*.pid; do
    pid="$(cat "${pid_file}")"
    [[ "$(readlink "/proc/${pid}/ns/net")" != "${root_ns}" ]] ||
      die "$(basename "${pid_file}" .pid) runs in the root network namespace"
  done
done
listeners="$(in_inst ss -Hltn | awk '{print $4}' | sort -u | tr '\n' ' ')"
[[ "${listeners}" == *"${inst_ip}:${ORG_PEER_PORT[${institution}]}"* ]] ||
  die "${institution}'s peer does not listen on ${inst_ip}:${ORG_PEER_PORT[${institution}]} (listeners: ${listeners})"
check "every process runs in a namespace this test made; ${institution} listens on ${listeners}"
log "PASSED"
