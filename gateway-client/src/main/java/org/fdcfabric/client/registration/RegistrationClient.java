package org.fdcfabric.client.registration;

import java.util.List;
import java.util.Optional;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;

/** The {@code registration} contract on the registration channel: the UCL registry and its version history. */
public interface RegistrationClient {

    static RegistrationClient over(ContractCalls calls) {
        return new GatewayRegistrationClient(calls);
    }

    /** {@code registration:RegisterDataset}: version 1 of a new dataset, owned by the caller's organisation. */
    Committed<Ucl> register(UclDraft draft) throws FdcClientException;

    /** {@code registration:UpdateDataset}: the next version of one of the caller's datasets. */
    Committed<Ucl> update(UclDraft draft) throws FdcClientException;

    /** {@code registration:RetireDataset}: the dataset stays readable but takes no new versions or passes. */
    Committed<Ucl> retire(String datasetId) throws FdcClientException;

    /** {@code registration:GetDataset}: the current version; empty when there is no such dataset. */
    Optional<Ucl> dataset(String datasetId) throws FdcClientException;

    /** {@code registration:GetDatasetVersion}; empty when there is no such dataset or version. */
    Optional<Ucl> version(String datasetId, int version) throws FdcClientException;

    /** {@code registration:ListDatasets}: current versions in dataset id order. */
    DatasetPage list(int pageSize, String bookmark) throws FdcClientException;

    /** {@code registration:DatasetHistory}: every version, oldest first. */
    List<Ucl> history(String datasetId) throws FdcClientException;

    /** {@code registration:GetTrail}: a dataset's audit trail on the registration channel. */
    TrailPage trail(String datasetId, int pageSize, String bookmark) throws FdcClientException;

    /** {@code registration:VerifyTrail}: checks every hash and link of a dataset's trail on chain. */
    TrailVerdict verifyTrail(String datasetId) throws FdcClientException;
}
