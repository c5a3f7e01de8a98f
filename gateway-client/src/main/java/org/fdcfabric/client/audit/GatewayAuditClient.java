package org.fdcfabric.client.audit;

import static org.fdcfabric.client.tx.Arguments.bookmark;
import static org.fdcfabric.client.tx.Arguments.pageSize;

import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Arguments;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.trail.TrailHeadPage;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.trail.UsagePage;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.trail.UsageReport;

final class GatewayAuditClient implements AuditClient {
    private final ContractCalls calls;

    GatewayAuditClient(ContractCalls calls) {
        this.calls = calls;
    }

    @Override
    public TrailPage trail(String subject, int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("GetTrail", TrailPage.class, subject, pageSize(pageSize), bookmark(bookmark));
    }

    @Override
    public TrailHeadPage heads(int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("ListTrailHeads", TrailHeadPage.class, pageSize(pageSize), bookmark(bookmark));
    }

    @Override
    public TrailVerdict verify(String subject) throws FdcClientException {
        return calls.evaluate("VerifyTrail", TrailVerdict.class, subject);
    }

    @Override
    public Committed<UsageRecord> recordUsage(UsageReport report) throws FdcClientException {
        return calls.submit("RecordUsage", UsageRecord.class, Arguments.json(report.validate()));
    }

    @Override
    public UsagePage usage(String datasetId, int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("ListUsage", UsagePage.class, datasetId, pageSize(pageSize), bookmark(bookmark));
    }
}
