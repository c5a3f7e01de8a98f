package org.fdcfabric.client.registration;

import static org.fdcfabric.client.tx.Arguments.bookmark;
import static org.fdcfabric.client.tx.Arguments.pageSize;
import static org.fdcfabric.client.tx.Arguments.positive;

import java.util.Optional;
import java.util.Set;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Arguments;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclRules;

final class GatewayRegistrationClient implements RegistrationClient {

    private final ContractCalls calls;

    GatewayRegistrationClient(ContractCalls calls) {
        this.calls = calls;
    }

    @Override
    public Committed<Ucl> register(UclDraft draft) throws FdcClientException {
        UclRules.validate(draft);
        return calls.submit("RegisterDataset", Ucl.class, Arguments.json(draft));
    }

    @Override
    public Committed<Ucl> update(UclDraft draft) throws FdcClientException {
        UclRules.validate(draft);
        return calls.submit("UpdateDataset", Ucl.class, Arguments.json(draft));
    }

    @Override
    public Committed<Ucl> retire(String datasetId) throws FdcClientException {
        return calls.submit("RetireDataset", Ucl.class, datasetId);
    }

    @Override
    public Optional<Ucl> dataset(String datasetId) throws FdcClientException {
        return calls.find("GetDataset", Ucl.class, ErrorCode.DATASET_NOT_FOUND, datasetId);
    }

    @Override
    public Optional<Ucl> version(String datasetId, int version) throws FdcClientException {
        return calls.find(
                "GetDatasetVersion",
                Ucl.class,
                Set.of(ErrorCode.DATASET_NOT_FOUND, ErrorCode.VERSION_NOT_FOUND),
                datasetId,
                positive(version, ErrorCode.INVALID_VERSION, "version"));
    }

    @Override
    public DatasetPage list(String ownerMsp, int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate(
                "ListDatasets",
                DatasetPage.class,
                ownerMsp == null ? "" : ownerMsp,
                pageSize(pageSize),
                bookmark(bookmark));
    }

    @Override
    public VersionPage history(String datasetId, int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("DatasetHistory", VersionPage.class, datasetId, pageSize(pageSize), bookmark(bookmark));
    }

    @Override
    public TrailPage trail(String subject, int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("GetTrail", TrailPage.class, subject, pageSize(pageSize), bookmark(bookmark));
    }

    @Override
    public TrailVerdict verifyTrail(String subject) throws FdcClientException {
        return calls.evaluate("VerifyTrail", TrailVerdict.class, subject);
    }
}
