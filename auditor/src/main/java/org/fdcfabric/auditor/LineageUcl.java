package org.fdcfabric.auditor;

/**
 * A dataset a model learned from, as the registry knew it when the provider accepted the job: the UCL version in
 * force then and its Merkle root.
 */
public record LineageUcl(String datasetId, String ownerMsp, long version, String merkleRoot) {}
