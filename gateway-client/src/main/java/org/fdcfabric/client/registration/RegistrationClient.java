package org.fdcfabric.client.registration;

import java.util.Optional;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;

/**
 * The {@code registration} contract on the registration channel: the UCL registry, its version history and the
 * datasets' audit trails (subjects {@code dataset:{datasetId}}).
 */
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

    /**
     * {@code registration:ListDatasets}: current versions (retired ones included) in dataset id order.
     *
     * @param ownerMsp only this organisation's datasets; null for all
     */
    DatasetPage list(String ownerMsp, int pageSize, String bookmark) throws FdcClientException;

    /** {@code registration:DatasetHistory}: every version, oldest first. */
    VersionPage history(String datasetId, int pageSize, String bookmark) throws FdcClientException;

    /** {@code registration:GetTrail}: a trail on the registration channel, subject {@code dataset:{datasetId}}. */
    TrailPage trail(String subject, int pageSize, String bookmark) throws FdcClientException;

    /** {@code registration:VerifyTrail}: the chain's check of every hash and link of a trail. */
    TrailVerdict verifyTrail(String subject) throws FdcClientException;
}
