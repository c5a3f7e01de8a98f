#!/usr/bin/env bash
# Runs the FDC-Fabric network of network-config/ with Hyperledger Fabric's official 2.5 binaries: a Fabric CA
# per organisation, one Raft orderer, one peer per organisation, all on 127.0.0.1 as plain processes (pid files
# and logs under the work dir), or with --compose in the official images (host networking, same addresses).
#
#   scripts/network.sh [options] up        start CAs, enrol identities, start the orderer and the peers
#   scripts/network.sh [options] channels  create 'registration' and 'collaboration', join orderer and peers
#   scripts/network.sh [options] deploy    install, approve, commit and start both chaincodes (deploy-chaincode.sh)
#   scripts/network.sh [options] status    show what runs
#   scripts/network.sh [options] down      stop everything this script started (--purge also deletes the work dir)
#
# Options: --work DIR (default: ./fabric-work), --crypto ca|cryptogen (default ca: users with fdc.role),
#          --compose (run nodes with docker compose), --purge (with down),
#          --orgs a,b (up, channels: only these orgs' nodes, "orderer" included or not; default all: one host).
# Hosts: network.env's ORDERER_HOST and ORG_HOST, and the file FDC_NETWORK_HOSTS names (several hosts).
# Binaries: FABRIC_BIN (a folder with peer, orderer, ...) goes first on the PATH; FABRIC_CCAAS_BUILDER names the
#          CCaaS builder (default: builders/ccaas next to the bin/ holding peer).
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
readonly FABRIC_INSTALL_HINT="install Hyperledger Fabric 2.5 and Fabric CA 1.5 binaries:
  curl -sSLO https://raw.githubusercontent.com/hyperledger/fabric/main/scripts/install-fabric.sh
  bash install-fabric.sh --fabric-version 2.5.12 --ca-version 1.5.13 binary
  export PATH=\"\$PWD/bin:\$PATH\" FABRIC_CCAAS_BUILDER=\"\$PWD/builders/ccaas\"
(releases: https://github.com/hyperledger/fabric/releases and https://github.com/hyperledger/fabric-ca/releases)"

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit "${EXIT_USAGE}"
}

log() { echo "network.sh: $*" >&2; }

die() {
  log "$*"
  exit 1
}

work="${PWD}/fabric-work"
orgs_arg=""
crypto="ca"
compose=false
purge=false
command=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --work)
      [[ $# -ge 2 ]] || usage
      work="$2"
      shift 2
      ;;
    --orgs)
      [[ $# -ge 2 ]] || usage
      orgs_arg="$2"
      shift 2
      ;;
    --crypto)
      [[ $# -ge 2 && ("$2" == ca || "$2" == cryptogen) ]] || usage
      crypto="$2"
      shift 2
      ;;
    --compose)
      compose=true
      shift
      ;;
    --purge)
      purge=true
      shift
      ;;
    up | down | channels | deploy | status)
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
[[ -n "${command}" ]] || usage
case "${work}" in
  /*) ;;
  *) work="${PWD}/${work}" ;;
esac

# The orgs whose nodes this host runs: all of them on one machine; on an institution's own host, its own.
host_orgs=("${ORDERER_ORG}" "${PEER_ORGS[@]}")
if [[ -n "${orgs_arg}" ]]; then
  IFS=, read -r -a host_orgs <<<"${orgs_arg}"
  for org in "${host_orgs[@]}"; do
    [[ "${org}" == "${ORDERER_ORG}" || -n "${ORG_MSP[${org}]:-}" ]] ||
      die "unknown org '${org}' (expected ${ORDERER_ORG} or some of: ${PEER_ORGS[*]})"
  done
fi
host_peer_orgs=()
runs_orderer=false
for org in "${host_orgs[@]}"; do
  if [[ "${org}" == "${ORDERER_ORG}" ]]; then runs_orderer=true; else host_peer_orgs+=("${org}"); fi
done

# --- prerequisites -------------------------------------------------------------------------------------------

# The CCaaS external builder ships with the Fabric release as builders/ccaas (bin/detect, bin/build, bin/release).
ccaas_builder_dir() {
  if [[ -n "${FABRIC_CCAAS_BUILDER:-}" ]]; then
    printf '%s' "${FABRIC_CCAAS_BUILDER}"
    return 0
  fi
  local peer_bin
  peer_bin="$(command -v peer 2>/dev/null || true)"
  if [[ -n "${peer_bin}" ]]; then
    printf '%s' "$(cd "$(dirname "${peer_bin}")/.." && pwd)/builders/ccaas"
  fi
}

check_prerequisites() {
  local missing=()
  local tool
  local tools=()
  case "${command}" in
    up)
      tools=(peer orderer openssl)
      if [[ "${crypto}" == ca ]]; then
        tools+=(fabric-ca-server fabric-ca-client)
      else
        tools+=(cryptogen)
      fi
      ;;
    channels) tools=(peer configtxgen osnadmin) ;;
    deploy) tools=(peer java tar gzip sha256sum) ;;
    down | status) tools=() ;;
  esac
  if [[ "${compose}" == true && "${command}" == up ]]; then
    # the nodes run in containers; the admin CLIs still run here
    tools=(openssl docker)
    if [[ "${crypto}" == ca ]]; then tools+=(fabric-ca-client); else tools+=(cryptogen); fi
  fi
  for tool in "${tools[@]}"; do
    command -v "${tool}" >/dev/null 2>&1 || missing+=("${tool}")
  done
  if [[ "${command}" == up && "${compose}" == false ]]; then
    local builder
    builder="$(ccaas_builder_dir)"
    if [[ -z "${builder}" || ! -x "${builder}/bin/release" ]]; then
      missing+=("the CCaaS builder (set FABRIC_CCAAS_BUILDER to the release's builders/ccaas folder)")
    fi
  fi
  if [[ "${compose}" == true && "${command}" == up ]] && command -v docker >/dev/null 2>&1 &&
    ! docker compose version >/dev/null 2>&1; then
    missing+=("docker compose (the Compose v2 plugin)")
  fi
  if [[ ${#missing[@]} -gt 0 ]]; then
    {
      echo "network.sh ${command}: missing prerequisites: ${missing[*]}"
      echo "${FABRIC_INSTALL_HINT}"
      if [[ " ${missing[*]} " == *" java "* ]]; then
        echo "java: a Java 17 runtime (e.g. apt-get install openjdk-17-jre-headless)"
      fi
      if [[ " ${missing[*]} " == *" docker "* ]]; then
        echo "docker: https://docs.docker.com/engine/install/ (or run without --compose)"
      fi
    } >&2
    exit "${EXIT_PREREQUISITES}"
  fi
}

# --- helpers -------------------------------------------------------------------------------------------------

pids="${work}/pids"
logs="${work}/logs"

org_domain() { printf '%s.%s' "$1" "${FDC_DOMAIN}"; }
peer_org_dir() { printf '%s/organizations/peerOrganizations/%s' "${work}" "$(org_domain "$1")"; }
orderer_org_dir() { printf '%s/organizations/ordererOrganizations/%s' "${work}" "$(org_domain "${ORDERER_ORG}")"; }
orderer_node_dir() { printf '%s/orderers/orderer0.%s' "$(orderer_org_dir)" "$(org_domain "${ORDERER_ORG}")"; }
orderer_tls_ca() { printf '%s/tlsca/tlsca.%s-cert.pem' "$(orderer_org_dir)" "$(org_domain "${ORDERER_ORG}")"; }
peer_node_dir() { printf '%s/peers/peer0.%s' "$(peer_org_dir "$1")" "$(org_domain "$1")"; }
peer_tls_ca() { printf '%s/tlsca/tlsca.%s-cert.pem' "$(peer_org_dir "$1")" "$(org_domain "$1")"; }
peer_home() { printf '%s/peers/peer0.%s' "${work}" "$1"; }

admin_msp() {
  local mode
  mode="$(cat "${work}/crypto-mode")"
  if [[ "${mode}" == ca ]]; then
    printf '%s/users/%s-admin@%s/msp' "$(peer_org_dir "$1")" "$1" "$(org_domain "$1")"
  else
    printf '%s/users/Admin@%s/msp' "$(peer_org_dir "$1")" "$(org_domain "$1")"
  fi
}

# launch <name> <env-assignments...> -- <command...>: a background process with its pid file and log.
launch() {
  local name="$1"
  shift
  local envs=()
  while [[ "$1" != "--" ]]; do
    envs+=("$1")
    shift
  done
  shift
  if alive "${pids}/${name}.pid"; then
    log "${name} already runs (pid $(cat "${pids}/${name}.pid"))"
    return 0
  fi
  nohup env "${envs[@]}" "$@" >>"${logs}/${name}.log" 2>&1 &
  echo "$!" >"${pids}/${name}.pid"
  log "started ${name} (pid $!, log ${logs}/${name}.log)"
}

# Readiness probes speak each node's own protocol to the end. A bare TCP connect to a TLS port (as this script
# once did) left a "TLS handshake failed ... EOF" error in every node's log on each up.

# http_ok <host> <port> <path>: whether a plain-HTTP GET answers 200 within 5 s (the peers' and the orderer's
# operations endpoints, which serve /healthz without TLS on loopback).
http_ok() {
  local status=""
  # shellcheck disable=SC2016 # $1.. expand in the inner shell
  status="$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$3" "$1" >&3 &&
    head -n 1 <&3' probe "$1" "$2" "$3" 2>/dev/null || true)"
  [[ "${status}" == "HTTP/1."?" 200"* ]]
}

# ca_ready <org>: whether the org's CA answers a real TLS request for its CA chain (Fabric CA's /cainfo).
ca_ready() {
  local org="$1" home="${work}/fabric-ca/$1"
  [[ -f "${home}/ca-cert.pem" ]] || return 1
  fabric-ca-client getcainfo -u "https://127.0.0.1:$(ca_port_of "${org}")" --caname "ca-${org}" \
    --tls.certfiles "${home}/ca-cert.pem" -H "${home}/probe" >/dev/null 2>&1
}

# Seconds a node may take to become ready: generous, because a loaded 2-core machine starts 14 Go processes and
# enrols 7 organisations at once; a node that exits stops the wait at once.
readonly READY_SECONDS="${FDC_NETWORK_READY_SECONDS:-300}"

# wait_until <name> <what> <command...>: polls the command until it succeeds, the node exits, or time is up.
wait_until() {
  local name="$1" what="$2" pid_file=""
  shift 2
  if [[ "${compose}" == false ]]; then pid_file="${pids}/${name}.pid"; fi
  wait_ready "${READY_SECONDS}" "${pid_file}" "${what} (log: ${logs}/${name}.log)" "$@"
}

# --- compose -------------------------------------------------------------------------------------------------

compose_file() { printf '%s/docker-compose.yaml' "${work}"; }

# compose_service <name> <image> <env-assignments...> -- <command...>: appends a service that runs like the
# plain process would (host network, the work dir mounted at the same path, the caller's uid).
yaml_quote() { printf "'%s'" "${1//\'/\'\'}"; }

compose_service() {
  local name="$1" image="$2"
  shift 2
  {
    echo "  ${name}:"
    echo "    image: ${image}"
    echo "    network_mode: host"
    echo "    user: \"$(id -u):$(id -g)\""
    echo "    volumes:"
    echo "      - $(yaml_quote "${work}:${work}")"
    echo "    environment:"
    while [[ "$1" != "--" ]]; do
      echo "      - $(yaml_quote "$1")"
      shift
    done
    shift
    printf '    command: ['
    local first=true arg
    for arg in "$@"; do
      if [[ "${first}" == true ]]; then first=false; else printf ', '; fi
      yaml_quote "${arg}"
    done
    echo ']'
  } >>"$(compose_file)"
}

run_node() {
  local name="$1" image="$2"
  shift 2
  if [[ "${compose}" == true ]]; then
    compose_service "${name}" "${image}" "$@"
  else
    launch "${name}" "$@"
  fi
}

# --- up ------------------------------------------------------------------------------------------------------

ca_port_of() {
  if [[ "$1" == "${ORDERER_ORG}" ]]; then printf '%s' "${ORDERER_CA_PORT}"; else printf '%s' "${ORG_CA_PORT[$1]}"; fi
}

prepare_ca() {
  local org="$1"
  local home="${work}/fabric-ca/${org}"
  local secrets="${work}/secrets/${org}.env"
  mkdir -p "${home}" "${work}/secrets"
  chmod 700 "${work}/secrets"
  if [[ ! -f "${secrets}" ]]; then
    (
      umask 077
      printf 'CA_ADMIN_PASSWORD=%s\n' "$(openssl rand -hex 16)" >"${secrets}"
    )
  fi
  local password
  password="$(sed -n 's/^CA_ADMIN_PASSWORD=//p' "${secrets}")"
  if [[ ! -f "${home}/fabric-ca-server-config.yaml" ]]; then
    (
      umask 077
      sed "s/FDC_CA_ADMIN_PASSWORD/${password}/" "${config}/fabric-ca/${org}/fabric-ca-server-config.yaml" \
        >"${home}/fabric-ca-server-config.yaml"
    )
  fi
  run_node "ca-${org}" hyperledger/fabric-ca:1.5 FABRIC_CA_SERVER_HOME="${home}" -- \
    fabric-ca-server start --home "${home}"
}

start_orderer() {
  local node
  node="$(orderer_node_dir)"
  local home="${work}/orderers/orderer0"
  mkdir -p "${home}/data"
  cp "${config}/orderer/orderer.yaml" "${home}/orderer.yaml"
  run_node orderer0 hyperledger/fabric-orderer:2.5 \
    FABRIC_CFG_PATH="${home}" \
    FABRIC_LOGGING_SPEC=info \
    ORDERER_GENERAL_LISTENADDRESS="${ORDERER_HOST}" \
    ORDERER_GENERAL_LISTENPORT="${ORDERER_PORT}" \
    ORDERER_GENERAL_LOCALMSPID="${ORDERER_MSP}" \
    ORDERER_GENERAL_LOCALMSPDIR="${node}/msp" \
    ORDERER_GENERAL_TLS_PRIVATEKEY="${node}/tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="${node}/tls/server.crt" \
    ORDERER_GENERAL_TLS_ROOTCAS="[${node}/tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="${node}/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="${node}/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[${node}/tls/ca.crt]" \
    ORDERER_FILELEDGER_LOCATION="${home}/data" \
    ORDERER_CONSENSUS_WALDIR="${home}/data/etcdraft/wal" \
    ORDERER_CONSENSUS_SNAPDIR="${home}/data/etcdraft/snapshot" \
    ORDERER_ADMIN_LISTENADDRESS="${ORDERER_HOST}:${ORDERER_ADMIN_PORT}" \
    ORDERER_ADMIN_TLS_CERTIFICATE="${node}/tls/server.crt" \
    ORDERER_ADMIN_TLS_PRIVATEKEY="${node}/tls/server.key" \
    ORDERER_ADMIN_TLS_ROOTCAS="[${node}/tls/ca.crt]" \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[${node}/tls/ca.crt]" \
    ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:${ORDERER_OPERATIONS_PORT}" \
    -- orderer
}

start_peer() {
  local org="$1"
  local node home port cc_port builder
  node="$(peer_node_dir "${org}")"
  home="$(peer_home "${org}")"
  port="${ORG_PEER_PORT[${org}]}"
  cc_port=$((port + 1))
  if [[ "${compose}" == true ]]; then
    builder=/opt/hyperledger/ccaas_builder
  else
    builder="$(ccaas_builder_dir)"
  fi
  mkdir -p "${home}/data"
  sed "s|FDC_CCAAS_BUILDER_DIR|${builder}|" "${config}/peer/core.yaml" >"${home}/core.yaml"
  local builder_config
  builder_config="$(printf '{"peername":"peer0%s","registration_address":"127.0.0.1:%s","collaboration_address":"127.0.0.1:%s"}' \
    "${org}" "${ORG_REGISTRATION_CC_PORT[${org}]}" "${ORG_COLLABORATION_CC_PORT[${org}]}")"
  run_node "peer0-${org}" hyperledger/fabric-peer:2.5 \
    FABRIC_CFG_PATH="${home}" \
    FABRIC_LOGGING_SPEC=info \
    CORE_PEER_ID="peer0.$(org_domain "${org}")" \
    CORE_PEER_LOCALMSPID="${ORG_MSP[${org}]}" \
    CORE_PEER_MSPCONFIGPATH="${node}/msp" \
    CORE_PEER_ADDRESS="${ORG_HOST[${org}]}:${port}" \
    CORE_PEER_LISTENADDRESS="${ORG_HOST[${org}]}:${port}" \
    CORE_PEER_CHAINCODEADDRESS="127.0.0.1:${cc_port}" \
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:${cc_port}" \
    CORE_PEER_GOSSIP_BOOTSTRAP="${ORG_HOST[${org}]}:${port}" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="${ORG_HOST[${org}]}:${port}" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="${node}/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="${node}/tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="${node}/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="${home}/data" \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="${home}/data/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:${ORG_OPERATIONS_PORT[${org}]}" \
    CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG="${builder_config}" \
    -- peer node start
}

# Each profile's gateway is its org's peer (trial.json: provider1's), reached at that peer's host.
install_profiles() {
  mkdir -p "${work}/profiles"
  if [[ "${crypto}" == ca ]]; then
    local profile org rewrite=()
    for org in "${PEER_ORGS[@]}"; do
      rewrite+=(-e "s|\"address\": \"127.0.0.1:${ORG_PEER_PORT[${org}]}\"|\"address\": \"${ORG_HOST[${org}]}:${ORG_PEER_PORT[${org}]}\"|")
    done
    for profile in "${config}"/profiles/*.json; do
      sed "${rewrite[@]}" "${profile}" >"${work}/profiles/$(basename "${profile}")"
    done
    log "connection profiles: ${work}/profiles/<org>.json (all users: ${work}/profiles/trial.json)"
  else
    log "cryptogen users carry no fdc.role, so no fdc connection profiles were written (use --crypto ca)"
  fi
}

up() {
  if [[ -f "${work}/crypto-mode" && "$(cat "${work}/crypto-mode")" != "${crypto}" ]]; then
    die "${work} holds $(cat "${work}/crypto-mode") crypto material; use --crypto $(cat "${work}/crypto-mode") or another --work"
  fi
  mkdir -p "${pids}" "${logs}" "${work}/organizations"
  echo "${crypto}" >"${work}/crypto-mode"
  if [[ "${compose}" == true ]]; then
    echo "services:" >"$(compose_file)"
  fi
  local all_orgs=("${host_orgs[@]}") org
  if [[ "${crypto}" == ca ]]; then
    for org in "${all_orgs[@]}"; do prepare_ca "${org}"; done
    if [[ "${compose}" == true ]]; then
      # the node services are appended below; start only the CAs now
      local cas=()
      for org in "${all_orgs[@]}"; do cas+=("ca-${org}"); done
      docker compose -f "$(compose_file)" up -d "${cas[@]}"
    fi
    for org in "${all_orgs[@]}"; do
      wait_until "ca-${org}" "GET /cainfo" ca_ready "${org}"
      bash "${config}/fabric-ca/enroll.sh" "${work}" "${org}"
    done
  elif [[ ! -d "$(orderer_org_dir)" ]]; then
    cryptogen generate --config="${config}/crypto-config.yaml" --output="${work}/organizations"
  fi
  if [[ "${runs_orderer}" == true ]]; then start_orderer; fi
  for org in "${host_peer_orgs[@]}"; do start_peer "${org}"; done
  if [[ "${compose}" == true ]]; then
    docker compose -f "$(compose_file)" up -d
  fi
  if [[ "${runs_orderer}" == true ]]; then
    wait_until orderer0 "GET /healthz" http_ok 127.0.0.1 "${ORDERER_OPERATIONS_PORT}" /healthz
  fi
  for org in "${host_peer_orgs[@]}"; do
    wait_until "peer0-${org}" "GET /healthz" http_ok 127.0.0.1 "${ORG_OPERATIONS_PORT[${org}]}" /healthz
  done
  install_profiles
  log "network is up; next: scripts/network.sh --work ${work} channels"
}

# --- channels ------------------------------------------------------------------------------------------------

# peer_admin <org> <command...>: runs a peer CLI command as the org's admin against its own peer.
peer_admin() {
  local org="$1"
  shift
  env FABRIC_CFG_PATH="$(peer_home "${org}")" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_LOCALMSPID="${ORG_MSP[${org}]}" \
    CORE_PEER_MSPCONFIGPATH="$(admin_msp "${org}")" \
    CORE_PEER_ADDRESS="${ORG_HOST[${org}]}:${ORG_PEER_PORT[${org}]}" \
    CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "${org}")" \
    "$@"
}

# configtx.yaml with the hosts of network.env (and FDC_NETWORK_HOSTS): anchor peers and Raft consenters are
# recognised by their port, which is unique per node; the orderer endpoint by its address.
render_configtx() {
  local ports=() org
  ports+=("${ORDERER_PORT}=${ORDERER_HOST}")
  for org in "${PEER_ORGS[@]}"; do ports+=("${ORG_PEER_PORT[${org}]}=${ORG_HOST[${org}]}"); done
  awk -v mapping="${ports[*]}" -v orderer="${ORDERER_HOST}:${ORDERER_PORT}" -v orderer_port="${ORDERER_PORT}" '
    BEGIN { n = split(mapping, pairs, " "); for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); host[kv[1]] = kv[2] } }
    held != "" {
      if (match($0, /Port: [0-9]+/)) { port = substr($0, RSTART + 6, RLENGTH - 6); sub(/127\.0\.0\.1/, host[port], held) }
      print held; held = ""
    }
    /- Host: 127\.0\.0\.1$/ { held = $0; next }
    $0 ~ "- 127\\.0\\.0\\.1:" orderer_port "$" { sub("127\\.0\\.0\\.1:" orderer_port, orderer) }
    { print }
  ' "${config}/configtx.yaml" >"${work}/config/configtx.yaml"
}

channels() {
  [[ -f "${work}/crypto-mode" ]] || die "no network in ${work}: run 'scripts/network.sh --work ${work} up' first"
  local artifacts="${work}/channel-artifacts" node channel org
  node="$(orderer_node_dir)"
  mkdir -p "${artifacts}" "${work}/config"
  render_configtx
  for channel in "${CHANNELS[@]}"; do
    if [[ "${runs_orderer}" == false ]]; then
      # an institution's host: the genesis block comes from the orderer's operator (docs/deploy.md, step 5)
      [[ -f "${artifacts}/${channel}.block" ]] ||
        die "no ${artifacts}/${channel}.block: receive it from the orderer's operator (docs/deploy.md, step 5)"
    elif [[ ! -f "${artifacts}/${channel}.block" ]]; then
      configtxgen -configPath "${work}/config" -profile "${CHANNEL_PROFILE[${channel}]}" -channelID "${channel}" \
        -outputBlock "${artifacts}/${channel}.block"
    fi
    # osnadmin exits 0 whatever the HTTP status, so read the status it prints
    local tls_args=(-o "${ORDERER_HOST}:${ORDERER_ADMIN_PORT}" --ca-file "$(orderer_tls_ca)"
      --client-cert "${node}/tls/server.crt" --client-key "${node}/tls/server.key")
    local answer=""
    if [[ "${runs_orderer}" == true ]]; then
      answer="$(osnadmin channel list --channelID "${channel}" "${tls_args[@]}" 2>&1 || true)"
    fi
    if [[ "${runs_orderer}" == false ]]; then
      :
    elif [[ "${answer}" == *"Status: 200"* ]]; then
      log "orderer0 already serves ${channel}"
    else
      answer="$(osnadmin channel join --channelID "${channel}" --config-block "${artifacts}/${channel}.block" \
        "${tls_args[@]}" 2>&1 || true)"
      [[ "${answer}" == *"Status: 201"* ]] || die "orderer0 did not join ${channel}: ${answer}"
      log "orderer0 joined ${channel}"
    fi
    for org in "${host_peer_orgs[@]}"; do
      local joined
      # captured first: grep -q closing the pipe early would fail the pipeline under pipefail
      joined="$(peer_admin "${org}" peer channel list 2>/dev/null || true)"
      if grep -qx "${channel}" <<<"${joined}"; then
        log "peer0.${org} already on ${channel}"
        continue
      fi
      local tries=0
      # the orderer needs a moment to elect itself leader of a new channel
      until peer_admin "${org}" peer channel join -b "${artifacts}/${channel}.block"; do
        tries=$((tries + 1))
        [[ ${tries} -lt 5 ]] || die "peer0.${org} could not join ${channel}; see ${logs}/peer0-${org}.log"
        sleep 2
      done
    done
  done
  log "channels ready: ${CHANNELS[*]}; next: scripts/network.sh --work ${work} deploy"
}

# --- down / status -------------------------------------------------------------------------------------------

down() {
  if [[ -f "$(compose_file)" ]] && command -v docker >/dev/null 2>&1; then
    docker compose -f "$(compose_file)" down
  fi
  if [[ -d "${pids}" ]]; then
    # every node at once (chaincode servers, peers, orderer, CAs): none of them needs another to shut down
    stop_pid_files 10 "${pids}"/*.pid
  fi
  if [[ "${purge}" == true && -d "${work}" ]]; then
    rm -rf -- "${work}"
    log "removed ${work}"
  fi
}

status() {
  local pid_file found=false
  for pid_file in "${pids}"/*.pid; do
    [[ -f "${pid_file}" ]] || continue
    found=true
    if alive "${pid_file}"; then
      echo "$(basename "${pid_file}" .pid): running (pid $(cat "${pid_file}"))"
    else
      echo "$(basename "${pid_file}" .pid): stopped"
    fi
  done
  [[ "${found}" == true ]] || echo "nothing started in ${work}"
}

check_prerequisites
case "${command}" in
  up) up ;;
  channels) channels ;;
  deploy) exec bash "${repo}/scripts/deploy-chaincode.sh" --work "${work}" all ;;
  down) down ;;
  status) status ;;
esac
