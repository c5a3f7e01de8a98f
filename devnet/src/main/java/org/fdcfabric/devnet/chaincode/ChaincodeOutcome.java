package org.fdcfabric.devnet.chaincode;

import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * What one chaincode execution produced: the chaincode's {@code Response} and event (stamped with chaincode id and
 * txid), or an execution failure (ERROR, timeout, lost stream, undefined chaincode) that Fabric reports as status 500
 * without payload.
 */
public record ChaincodeOutcome(Response response, Optional<ChaincodeEvent> event, boolean executionFailed) {
    static ChaincodeOutcome failure(String message) {
        return new ChaincodeOutcome(
                Response.newBuilder().setStatus(500).setMessage(message).build(), Optional.empty(), true);
    }
}
