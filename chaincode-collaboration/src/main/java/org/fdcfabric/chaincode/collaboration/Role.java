package org.fdcfabric.chaincode.collaboration;

/** The {@code fdc.role} certificate attribute values. */
public enum Role {
    PROVIDER("provider"),
    DATA_USER("data-user"),
    COMPUTE("compute"),
    AUDITOR("auditor"),
    TOKEN_ADMIN("token-admin");

    private final String attribute;

    Role(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }
}
