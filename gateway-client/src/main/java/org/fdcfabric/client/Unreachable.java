package org.fdcfabric.client;

/** The gateway could not be reached, or did not answer before the call's deadline. */
public final class Unreachable extends FdcClientException {
    private final String endpoint;
    private final String reason;

    public Unreachable(String endpoint, String reason, Throwable cause) {
        super("cannot reach the gateway at " + endpoint + ": " + reason, cause);
        this.endpoint = endpoint;
        this.reason = reason;
    }

    public String endpoint() {
        return endpoint;
    }

    public String reason() {
        return reason;
    }
}
