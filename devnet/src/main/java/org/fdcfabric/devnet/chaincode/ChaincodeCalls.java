package org.fdcfabric.devnet.chaincode;

import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/** Chaincode-to-chaincode calls: runs the callee for the caller's transaction and returns its COMPLETED or ERROR. */
interface ChaincodeCalls {
    CompletableFuture<ChaincodeMessage> invoke(
            TransactionContext caller, String targetChannel, String chaincodeName, ChaincodeInput input);
}
