package org.fdcfabric.devnet.ledger;

/** The ledger's storage cannot be opened, read or written consistently; nothing partial was committed. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
