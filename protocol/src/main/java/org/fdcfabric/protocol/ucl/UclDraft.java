package org.fdcfabric.protocol.ucl;

/**
 * What a provider submits to register or update a dataset. Owner, version, status and timestamp are not part of
 * it: the chain sets them from the caller's identity and the transaction.
 */
public record UclDraft(
        String id,
        String name,
        String profile,
        UclSchema schema,
        long recordCount,
        String merkleRoot,
        long leafCount,
        String address,
        Terms terms) {}
