package org.fdcfabric.chaincode.registration;

import org.fdcfabric.protocol.ucl.UclStatus;

/**
 * The payload of the one event each registration transaction emits: enough to find the new state and its audit
 * entry without shipping the whole UCL (schemas can run to hundreds of kilobytes).
 */
record DatasetEvent(
        String datasetId,
        int version,
        String ownerMsp,
        UclStatus status,
        String merkleRoot,
        String txId,
        long auditSeq,
        String auditHash) {}
