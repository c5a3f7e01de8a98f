package org.fdcfabric.client.pass;

import java.time.Instant;
import java.util.Optional;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.PassPage;
import org.fdcfabric.protocol.pass.PassVerdict;
import org.fdcfabric.protocol.pass.RequestPage;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.request.CollaborationRequest;

/** The {@code pass} contract on the collaboration channel: signed collaboration requests and access passes. */
public interface PassClient {

    static PassClient over(ContractCalls calls) {
        return new GatewayPassClient(calls);
    }

    /**
     * {@code pass:RequestAccess}: stores a data user's request with its DER signature over
     * {@link CollaborationRequest#canonicalBytes()}, made with the key of the identity that submits it.
     */
    Committed<RequestRecord> requestAccess(CollaborationRequest request, byte[] derSignature) throws FdcClientException;

    /** {@code pass:GrantPass}: the dataset owner grants the request for one dataset. */
    Committed<AccessPass> grant(String requestId, String datasetId, Instant expiresAt, long rounds)
            throws FdcClientException;

    /** {@code pass:DenyRequest}: the dataset owner refuses the request for one dataset. */
    Committed<RequestRecord> deny(String requestId, String datasetId, String reason) throws FdcClientException;

    /** {@code pass:RevokePass}: the granting owner withdraws a pass. */
    Committed<AccessPass> revoke(String passId, String reason) throws FdcClientException;

    /** {@code pass:GetPass}; empty when there is no such pass. */
    Optional<AccessPass> pass(String passId) throws FdcClientException;

    /** {@code pass:GetRequest}; empty when there is no such request. */
    Optional<RequestRecord> request(String requestId) throws FdcClientException;

    /** {@code pass:VerifyPass}: whether the pass may be used now for this dataset and purpose. */
    PassVerdict verify(String passId, String datasetId, String purpose) throws FdcClientException;

    /** {@code pass:ListRequests}: every collaboration request with its decisions, in request id order. */
    RequestPage requests(int pageSize, String bookmark) throws FdcClientException;

    /** {@code pass:ListPassesByDataset}: the passes granted for a dataset, in pass id order. */
    PassPage passesOf(String datasetId, int pageSize, String bookmark) throws FdcClientException;
}
