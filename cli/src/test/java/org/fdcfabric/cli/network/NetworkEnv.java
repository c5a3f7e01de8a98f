package org.fdcfabric.cli.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of {@code network-config/network.env}, read by letting bash source it (the scripts do the same), so
 * the test sees exactly what the scripts see.
 */
record NetworkEnv(
        String domain,
        String ordererOrg,
        String ordererMsp,
        int ordererPort,
        int ordererAdminPort,
        int ordererOperationsPort,
        int ordererCaPort,
        List<PeerOrg> orgs,
        List<User> users,
        Map<String, String> channelChaincodes,
        Map<String, String> channelProfiles,
        Map<String, String> chaincodeJars,
        String chaincodeVersion,
        String endorsementPolicy) {

    record PeerOrg(
            String name,
            String mspId,
            int peerPort,
            int caPort,
            int operationsPort,
            int registrationChaincodePort,
            int collaborationChaincodePort) {}

    record User(String org, String name, String role, String type) {}

    private static final String DUMP = """
            source network-config/network.env
            echo "domain $FDC_DOMAIN"
            echo "orderer $ORDERER_ORG $ORDERER_MSP $ORDERER_PORT $ORDERER_ADMIN_PORT $ORDERER_OPERATIONS_PORT $ORDERER_CA_PORT"
            for o in "${PEER_ORGS[@]}"; do
              echo "org $o ${ORG_MSP[$o]} ${ORG_PEER_PORT[$o]} ${ORG_CA_PORT[$o]} ${ORG_OPERATIONS_PORT[$o]} ${ORG_REGISTRATION_CC_PORT[$o]} ${ORG_COLLABORATION_CC_PORT[$o]}"
            done
            for u in "${FDC_USERS[@]}"; do echo "user ${u//:/ }"; done
            for c in "${CHANNELS[@]}"; do
              echo "channel $c ${CHANNEL_CHAINCODE[$c]} ${CHANNEL_PROFILE[$c]} ${CHAINCODE_JAR[${CHANNEL_CHAINCODE[$c]}]}"
            done
            echo "version $CHAINCODE_VERSION"
            echo "policy $ENDORSEMENT_POLICY"
            """;

    static NetworkEnv load(Path repository) {
        Command dump = Command.run(repository, null, List.of("bash", "-c", "set -euo pipefail\n" + DUMP));
        if (dump.exitCode() != 0) {
            throw new AssertionError("network.env cannot be sourced: " + dump.stderr());
        }
        String domain = null;
        String[] orderer = null;
        String version = null;
        String policy = null;
        List<PeerOrg> orgs = new ArrayList<>();
        List<User> users = new ArrayList<>();
        Map<String, String> chaincodes = new LinkedHashMap<>();
        Map<String, String> profiles = new LinkedHashMap<>();
        Map<String, String> jars = new LinkedHashMap<>();
        for (String line : dump.stdout().split("\n")) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "domain" -> domain = f[1];
                case "orderer" -> orderer = f;
                case "org" ->
                    orgs.add(new PeerOrg(
                            f[1],
                            f[2],
                            Integer.parseInt(f[3]),
                            Integer.parseInt(f[4]),
                            Integer.parseInt(f[5]),
                            Integer.parseInt(f[6]),
                            Integer.parseInt(f[7])));
                case "user" -> users.add(new User(f[1], f[2], f[3], f[4]));
                case "channel" -> {
                    chaincodes.put(f[1], f[2]);
                    profiles.put(f[1], f[3]);
                    jars.put(f[2], f[4]);
                }
                case "version" -> version = f[1];
                case "policy" -> policy = line.substring("policy ".length());
                default -> throw new AssertionError("unexpected line from network.env dump: " + line);
            }
        }
        if (orderer == null) {
            throw new AssertionError("network.env names no orderer");
        }
        return new NetworkEnv(
                domain,
                orderer[1],
                orderer[2],
                Integer.parseInt(orderer[3]),
                Integer.parseInt(orderer[4]),
                Integer.parseInt(orderer[5]),
                Integer.parseInt(orderer[6]),
                List.copyOf(orgs),
                List.copyOf(users),
                Map.copyOf(chaincodes),
                Map.copyOf(profiles),
                Map.copyOf(jars),
                version,
                policy);
    }

    String orgDomain(String org) {
        return org + "." + domain;
    }

    PeerOrg org(String name) {
        return orgs.stream()
                .filter(o -> o.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no org " + name));
    }
}
