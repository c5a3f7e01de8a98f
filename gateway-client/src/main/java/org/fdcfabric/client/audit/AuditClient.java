package org.fdcfabric.client.audit;

import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.trail.TrailHeadPage;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.trail.UsagePage;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.trail.UsageReport;

/**
 * The {@code audit} contract on the collaboration channel: per-subject audit trails ({@code token},
 * {@code wallet:{account}}, {@code request:{id}}, {@code pass:{id}}, {@code job:{id}}, {@code dataset:{id}}) and
 * providers' reports of local data use.
 */
public interface AuditClient {

    static AuditClient over(ContractCalls calls) {
        return new GatewayAuditClient(calls);
    }

    /** {@code audit:GetTrail}: a subject's entries in sequence order. */
    TrailPage trail(String subject, int pageSize, String bookmark) throws FdcClientException;

    /** {@code audit:ListTrailHeads}: every subject's latest entry in subject order, to enumerate all trails. */
    TrailHeadPage heads(int pageSize, String bookmark) throws FdcClientException;

    /** {@code audit:VerifyTrail}: checks every hash and link of a subject's trail on chain. */
    TrailVerdict verify(String subject) throws FdcClientException;

    /** {@code audit:RecordUsage}: a dataset owner reports a local use of its data (or a refused attempt). */
    Committed<UsageRecord> recordUsage(UsageReport report) throws FdcClientException;

    /** {@code audit:ListUsage}: a dataset's usage records in order. */
    UsagePage usage(String datasetId, int pageSize, String bookmark) throws FdcClientException;
}
