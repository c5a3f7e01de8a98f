package org.fdcfabric.protocol.profile;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a client needs to reach a network. File paths are relative to the profile's own directory unless
 * absolute, so a profile and its crypto material can move together.
 *
 * @param name the network's name (for messages)
 * @param gateway the Fabric Gateway endpoint
 * @param channels channel and chaincode names
 * @param identities identities by the short name a user passes to {@code --as}
 */
public record ConnectionProfile(
        String name, GatewayEndpoint gateway, ChannelNames channels, Map<String, ProfileIdentity> identities) {

    public ConnectionProfile {
        identities = Collections.unmodifiableSortedMap(new TreeMap<>(identities == null ? Map.of() : identities));
    }

    /**
     * @param address host:port of the gateway's gRPC service
     * @param tlsRootCert PEM file of the CA that issued the gateway's TLS certificate
     * @param serverNameOverride the TLS name to expect when it differs from the host (empty when not)
     */
    public record GatewayEndpoint(String address, String tlsRootCert, String serverNameOverride) {}

    public record ChannelNames(
            String registration, String registrationChaincode, String collaboration, String collaborationChaincode) {

        public static ChannelNames defaults() {
            return new ChannelNames("registration", "registration", "collaboration", "collaboration");
        }
    }

    /**
     * @param mspId the organisation's MSP id
     * @param certificate PEM file of the X.509 signing certificate
     * @param privateKey PEM file (PKCS#8) of its private key
     * @param role the {@code fdc.role} the certificate carries (informational; the chain reads the certificate)
     */
    public record ProfileIdentity(String mspId, String certificate, String privateKey, String role) {}
}
