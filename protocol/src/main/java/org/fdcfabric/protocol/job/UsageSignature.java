package org.fdcfabric.protocol.job;

/**
 * A center's signature over a {@link RoundUsage}.
 *
 * @param centerKey lowercase hex SHA-256 of the DER certificate that signed (its {@link CenterKey} fingerprint)
 * @param signature base64 of the DER, low-S ECDSA P-256 signature over {@link RoundUsage#canonicalBytes()}
 */
public record UsageSignature(String centerKey, String signature) {}
