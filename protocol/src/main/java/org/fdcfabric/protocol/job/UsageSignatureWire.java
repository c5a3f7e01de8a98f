package org.fdcfabric.protocol.job;

import org.fdcfabric.protocol.federation.SignedUsage;

/** A center's {@link UsageSignature} on the Federation wire ({@code SignedUsage}). */
public final class UsageSignatureWire {
    private UsageSignatureWire() {}

    public static SignedUsage toProto(UsageSignature signature) {
        return SignedUsage.newBuilder()
                .setCenterKey(signature.centerKey())
                .setSignature(signature.signature())
                .build();
    }

    /** The signature a response carried, or null when it carried none (the chain then refuses the contribution). */
    public static UsageSignature fromProto(SignedUsage usage) {
        if (usage.getCenterKey().isEmpty() && usage.getSignature().isEmpty()) {
            return null;
        }
        return new UsageSignature(usage.getCenterKey(), usage.getSignature());
    }
}
