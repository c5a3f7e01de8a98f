package org.fdcfabric.devnet.chaincode;

/** The chaincode server could not be reached or did not complete the handshake. */
public final class ChaincodeUnavailableException extends Exception {
    public ChaincodeUnavailableException(String message) {
        super(message);
    }
}
