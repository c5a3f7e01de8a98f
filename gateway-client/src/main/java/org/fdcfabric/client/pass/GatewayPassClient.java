package org.fdcfabric.client.pass;

import static org.fdcfabric.client.tx.Arguments.bookmark;
import static org.fdcfabric.client.tx.Arguments.instant;
import static org.fdcfabric.client.tx.Arguments.pageSize;
import static org.fdcfabric.client.tx.Arguments.positive;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Arguments;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.PassPage;
import org.fdcfabric.protocol.pass.PassVerdict;
import org.fdcfabric.protocol.pass.RequestPage;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.request.RequestRules;

final class GatewayPassClient implements PassClient {
    private final ContractCalls calls;

    GatewayPassClient(ContractCalls calls) {
        this.calls = calls;
    }

    @Override
    public Committed<RequestRecord> requestAccess(CollaborationRequest request, byte[] derSignature)
            throws FdcClientException {
        RequestRules.validate(request);
        if (derSignature == null || derSignature.length < 8 || derSignature.length > 72) {
            throw new InvalidInputException(
                    ErrorCode.INVALID_SIGNATURE.name(), "a DER ECDSA signature is 8 to 72 bytes");
        }
        return calls.submit(
                "RequestAccess",
                RequestRecord.class,
                Arguments.json(request),
                HexFormat.of().formatHex(derSignature));
    }

    @Override
    public Committed<AccessPass> grant(String requestId, String datasetId, Instant expiresAt, long rounds)
            throws FdcClientException {
        return calls.submit(
                "GrantPass",
                AccessPass.class,
                requestId,
                datasetId,
                instant(expiresAt, ErrorCode.INVALID_EXPIRY, "expiresAt"),
                positive(rounds, ErrorCode.INVALID_ROUNDS, "rounds"));
    }

    @Override
    public Committed<RequestRecord> deny(String requestId, String datasetId, String reason) throws FdcClientException {
        return calls.submit("DenyRequest", RequestRecord.class, requestId, datasetId, reason);
    }

    @Override
    public Committed<AccessPass> revoke(String passId, String reason) throws FdcClientException {
        return calls.submit("RevokePass", AccessPass.class, passId, reason);
    }

    @Override
    public Optional<AccessPass> pass(String passId) throws FdcClientException {
        return calls.find("GetPass", AccessPass.class, ErrorCode.PASS_NOT_FOUND, passId);
    }

    @Override
    public Optional<RequestRecord> request(String requestId) throws FdcClientException {
        return calls.find("GetRequest", RequestRecord.class, ErrorCode.REQUEST_NOT_FOUND, requestId);
    }

    @Override
    public PassVerdict verify(String passId, String datasetId, String purpose) throws FdcClientException {
        return calls.evaluate("VerifyPass", PassVerdict.class, passId, datasetId, purpose);
    }

    @Override
    public RequestPage requests(int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("ListRequests", RequestPage.class, pageSize(pageSize), bookmark(bookmark));
    }

    @Override
    public PassPage passesOf(String datasetId, int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("ListPassesByDataset", PassPage.class, datasetId, pageSize(pageSize), bookmark(bookmark));
    }
}
