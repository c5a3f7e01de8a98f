package org.fdcfabric.devnet.msp;

import java.util.Optional;

/** Deserializes a {@code SerializedIdentity} and validates it against the channel's MSPs (Fabric's MSP rules). */
public interface IdentityVerifier {
    /** The identity if it deserializes and is valid for its MSP on this channel; empty otherwise. */
    Optional<VerifiedIdentity> verify(String channelId, byte[] serializedIdentity);
}
