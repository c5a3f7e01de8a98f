#!/usr/bin/env bash
# Registers and enrols one organisation's identities with its running Fabric CA and lays them out as cryptogen
# would (organizations/peerOrganizations/<org>.fdc.example.com/...), so configtx.yaml, the peers and the
# connection profiles find them:
#   msp/ (the org's verifying MSP, NodeOUs), tlsca/tlsca.<domain>-cert.pem,
#   peers/peer0.<domain>/{msp,tls} (or orderers/orderer0.<domain>/{msp,tls}),
#   users/<name>@<domain>/msp with signcerts/cert.pem and keystore/priv_sk.
# Users get their fdc.role as an attribute in the enrolment certificate (--id.attrs 'fdc.role=provider:ecert'),
# which the chaincodes read with ClientIdentity.getAttributeValue("fdc.role").
#
# Usage: enroll.sh <work-dir> <org>      (org: orderer or one of PEER_ORGS in network-config/network.env)
# Needs: fabric-ca-client on the PATH, the org's CA running (scripts/network.sh up starts it), openssl.
# Idempotent: an identity already enrolled is left alone, so a re-run only fills in what is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=network-config/network.env
source "${here}/../network.env"

die() {
  echo "enroll.sh: $*" >&2
  exit 1
}

[[ $# -eq 2 ]] || die "usage: enroll.sh <work-dir> <org>"
work="$1"
org="$2"
command -v fabric-ca-client >/dev/null 2>&1 ||
  die "fabric-ca-client not found on the PATH (get it from https://github.com/hyperledger/fabric-ca/releases, v1.5.x)"
command -v openssl >/dev/null 2>&1 || die "openssl not found on the PATH (apt-get install openssl)"

domain="${org}.${FDC_DOMAIN}"
if [[ "${org}" == "${ORDERER_ORG}" ]]; then
  ca_port="${ORDERER_CA_PORT}"
  org_dir="${work}/organizations/ordererOrganizations/${domain}"
  node_type="orderer"
  node_name="orderer0"
  node_dir="${org_dir}/orderers/${node_name}.${domain}"
elif [[ -n "${ORG_MSP[${org}]:-}" ]]; then
  ca_port="${ORG_CA_PORT[${org}]}"
  org_dir="${work}/organizations/peerOrganizations/${domain}"
  node_type="peer"
  node_name="peer0"
  node_dir="${org_dir}/peers/${node_name}.${domain}"
else
  die "unknown org '${org}' (expected ${ORDERER_ORG} or one of: ${PEER_ORGS[*]})"
fi

ca_home="${work}/fabric-ca/${org}"
ca_cert="${ca_home}/ca-cert.pem"
ca_name="ca-${org}"
ca_url_host="127.0.0.1:${ca_port}"
secrets="${work}/secrets/${org}.env"
[[ -f "${ca_cert}" ]] || die "no CA certificate at ${ca_cert}: start the CA first (scripts/network.sh up)"
[[ -f "${secrets}" ]] || die "no CA admin secret at ${secrets}: start the CA with scripts/network.sh up"
chmod 600 "${secrets}"
# shellcheck source=/dev/null
source "${secrets}"
: "${CA_ADMIN_PASSWORD:?CA_ADMIN_PASSWORD missing from ${secrets}}"

export FABRIC_CA_CLIENT_HOME="${ca_home}/registrar"
umask 077

# The registrar (the CA's bootstrap admin).
if [[ ! -f "${FABRIC_CA_CLIENT_HOME}/msp/signcerts/cert.pem" ]]; then
  fabric-ca-client enroll -u "https://admin:${CA_ADMIN_PASSWORD}@${ca_url_host}" --caname "${ca_name}" \
    --tls.certfiles "${ca_cert}" >/dev/null
fi

# Replaces the CA certificate's generated file name with a fixed one, names the key priv_sk (the connection
# profiles point at it) and writes the NodeOU config, so every MSP folder has the same shape.
normalize_msp() {
  local msp="$1"
  local cacert
  cacert="$(find "${msp}/cacerts" -type f -name '*.pem' | head -n 1)"
  [[ -n "${cacert}" ]] || die "enrolment left no CA certificate in ${msp}/cacerts"
  if [[ "${cacert}" != "${msp}/cacerts/ca-cert.pem" ]]; then
    mv "${cacert}" "${msp}/cacerts/ca-cert.pem"
  fi
  local key
  key="$(find "${msp}/keystore" -type f -name '*_sk' | head -n 1)"
  if [[ -n "${key}" ]]; then
    mv "${key}" "${msp}/keystore/priv_sk"
  fi
  write_node_ous "${msp}"
}

write_node_ous() {
  local msp="$1"
  cat >"${msp}/config.yaml" <<EOF
NodeOUs:
  Enable: true
  ClientOUIdentifier:
    Certificate: cacerts/ca-cert.pem
    OrganizationalUnitIdentifier: client
  PeerOUIdentifier:
    Certificate: cacerts/ca-cert.pem
    OrganizationalUnitIdentifier: peer
  AdminOUIdentifier:
    Certificate: cacerts/ca-cert.pem
    OrganizationalUnitIdentifier: admin
  OrdererOUIdentifier:
    Certificate: cacerts/ca-cert.pem
    OrganizationalUnitIdentifier: orderer
EOF
}

# register <name> <type> [attrs]: registers once with a random secret kept in the secrets file.
register() {
  local name="$1" type="$2" attrs="${3:-}"
  local var
  var="SECRET_$(echo "${name}" | tr 'a-z-' 'A-Z_')"
  if [[ -n "${!var:-}" ]]; then
    return 0
  fi
  local secret
  secret="$(openssl rand -hex 16)"
  local args=(register --caname "${ca_name}" --id.name "${name}" --id.secret "${secret}" --id.type "${type}"
    --tls.certfiles "${ca_cert}")
  if [[ -n "${attrs}" ]]; then
    args+=(--id.attrs "${attrs}")
  fi
  fabric-ca-client "${args[@]}" >/dev/null
  printf '%s=%q\n' "${var}" "${secret}" >>"${secrets}"
  printf -v "${var}" '%s' "${secret}"
}

secret_of() {
  local var
  var="SECRET_$(echo "$1" | tr 'a-z-' 'A-Z_')"
  printf '%s' "${!var}"
}

# enrol_identity <name> <msp-dir>: enrols the identity's signing certificate (with its ecert attributes).
enrol_identity() {
  local name="$1" msp="$2"
  if [[ -f "${msp}/signcerts/cert.pem" ]]; then return 0; fi
  fabric-ca-client enroll -u "https://${name}:$(secret_of "${name}")@${ca_url_host}" --caname "${ca_name}" \
    -M "${msp}" --tls.certfiles "${ca_cert}" >/dev/null
  normalize_msp "${msp}"
}

# The org's verifying MSP and TLS CA (this CA signs both kinds of certificate).
mkdir -p "${org_dir}/msp/cacerts" "${org_dir}/msp/tlscacerts" "${org_dir}/tlsca" "${org_dir}/ca"
cp "${ca_cert}" "${org_dir}/msp/cacerts/ca-cert.pem"
cp "${ca_cert}" "${org_dir}/msp/tlscacerts/ca.crt"
cp "${ca_cert}" "${org_dir}/tlsca/tlsca.${domain}-cert.pem"
cp "${ca_cert}" "${org_dir}/ca/ca.${domain}-cert.pem"
write_node_ous "${org_dir}/msp"

# The node: signing identity and TLS key pair (SANs: its host name, localhost and 127.0.0.1).
register "${node_name}" "${node_type}"
enrol_identity "${node_name}" "${node_dir}/msp"
if [[ ! -f "${node_dir}/tls/server.crt" ]]; then
  fabric-ca-client enroll -u "https://${node_name}:$(secret_of "${node_name}")@${ca_url_host}" \
    --caname "${ca_name}" -M "${node_dir}/tls" --enrollment.profile tls \
    --csr.hosts "${node_name}.${domain}" --csr.hosts localhost --csr.hosts 127.0.0.1 \
    --tls.certfiles "${ca_cert}" >/dev/null
  cp "$(find "${node_dir}/tls/tlscacerts" -type f | head -n 1)" "${node_dir}/tls/ca.crt"
  cp "${node_dir}/tls/signcerts/cert.pem" "${node_dir}/tls/server.crt"
  cp "$(find "${node_dir}/tls/keystore" -type f | head -n 1)" "${node_dir}/tls/server.key"
fi

# The org admin (channel joins, chaincode approvals). provider1's admin is also the token admin.
admin="${org}-admin"
admin_attrs=""
for entry in "${FDC_USERS[@]}"; do
  IFS=: read -r user_org user_name user_role _ <<<"${entry}"
  if [[ "${user_org}" == "${org}" && "${user_name}" == "${admin}" ]]; then
    admin_attrs="fdc.role=${user_role}:ecert"
  fi
done
register "${admin}" admin "${admin_attrs}"
enrol_identity "${admin}" "${org_dir}/users/${admin}@${domain}/msp"

# The application users with their fdc.role (network.env's FDC_USERS, the devnet's users).
for entry in "${FDC_USERS[@]}"; do
  IFS=: read -r user_org user_name user_role user_type <<<"${entry}"
  if [[ "${user_org}" != "${org}" || "${user_name}" == "${admin}" ]]; then
    continue
  fi
  register "${user_name}" "${user_type}" "fdc.role=${user_role}:ecert"
  enrol_identity "${user_name}" "${org_dir}/users/${user_name}@${domain}/msp"
done

echo "enrolled ${org}: ${org_dir}"
