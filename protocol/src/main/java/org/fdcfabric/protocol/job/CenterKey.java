package org.fdcfabric.protocol.job;

import java.time.Instant;

/**
 * A certificate an organisation's data centers sign round usage with ({@code centerkey~{msp}~{fingerprint}}).
 * It is registered by a transaction that this very certificate signed ({@code job:RegisterCenterKey}), so the
 * peers validated it against the organisation's MSP before the chaincode kept it: the channel's MSP
 * configuration is not readable from chaincode, and this is how the chain learns a key the organisation vouches
 * for.
 *
 * @param fingerprint lowercase hex SHA-256 of the certificate's DER bytes
 * @param certificatePem the certificate, PEM
 */
public record CenterKey(
        String mspId,
        String fingerprint,
        String certificatePem,
        String registeredBy,
        Instant registeredAt,
        String txId) {}
