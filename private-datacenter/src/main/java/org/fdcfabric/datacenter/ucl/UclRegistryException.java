package org.fdcfabric.datacenter.ucl;

/** The registry refused a registration or update; {@link #code()} is the registry's stable error code. */
public final class UclRegistryException extends RuntimeException {
    private final String code;

    public UclRegistryException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
