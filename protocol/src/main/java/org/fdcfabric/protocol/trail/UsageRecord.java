package org.fdcfabric.protocol.trail;

import java.time.Instant;

/** A usage report as the ledger keeps it ({@code usage~{datasetId}~{seq}}), with who reported it and when. */
public record UsageRecord(
        UsageReport report, long seq, String reporterMsp, String reporterId, Instant recordedAt, String txId) {}
