package org.fdcfabric.devnet.orderer;

/**
 * Signs with the orderer's key: ECDSA P-256 over SHA-256 of {@code message}, DER-encoded and low-S normalised as
 * Fabric's verifiers require.
 */
@FunctionalInterface
public interface BlockSigner {
    byte[] sign(byte[] message);
}
