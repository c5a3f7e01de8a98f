package org.fdcfabric.client.registration;

import static org.fdcfabric.client.tx.Arguments.bookmark;
import static org.fdcfabric.client.tx.Arguments.pageSize;
import static org.fdcfabric.client.tx.Arguments.positive;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Optional;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Arguments;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclRules;

final class GatewayRegistrationClient implements RegistrationClient {
    private static final String NOT_FOUND = "DATASET_NOT_FOUND";

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
        return calls.find("GetDataset", Ucl.class, NOT_FOUND, datasetId);
    }

    @Override
    public Optional<Ucl> version(String datasetId, int version) throws FdcClientException {
        return calls.find(
                "GetDatasetVersion", Ucl.class, NOT_FOUND, datasetId, positive(version, "INVALID_VERSION", "version"));
    }

    @Override
    public DatasetPage list(int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("ListDatasets", DatasetPage.class, pageSize(pageSize), bookmark(bookmark));
    }

    @Override
    public List<Ucl> history(String datasetId) throws FdcClientException {
        return calls.evaluate("DatasetHistory", new TypeReference<List<Ucl>>() {}, datasetId);
    }

    @Override
    public TrailPage trail(String datasetId, int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("GetTrail", TrailPage.class, datasetId, pageSize(pageSize), bookmark(bookmark));
    }

    @Override
    public TrailVerdict verifyTrail(String datasetId) throws FdcClientException {
        return calls.evaluate("VerifyTrail", TrailVerdict.class, datasetId);
    }
}
