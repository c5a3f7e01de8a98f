package org.fdcfabric.protocol.ucl;

import java.time.Instant;

/**
 * A registered unified content label (one version of it). {@code ownerMsp} and {@code createdAt} come from the
 * registering transaction (caller's MSP, transaction timestamp), never from input.
 */
public record Ucl(
        String id,
        String name,
        String profile,
        UclSchema schema,
        long recordCount,
        String merkleRoot,
        long leafCount,
        String address,
        int version,
        Terms terms,
        String ownerMsp,
        Instant createdAt,
        UclStatus status) {

    public static Ucl fromDraft(UclDraft draft, int version, String ownerMsp, Instant createdAt) {
        return new Ucl(
                draft.id(),
                draft.name(),
                draft.profile(),
                draft.schema(),
                draft.recordCount(),
                draft.merkleRoot(),
                draft.leafCount(),
                draft.address(),
                version,
                draft.terms(),
                ownerMsp,
                createdAt,
                UclStatus.ACTIVE);
    }
}
