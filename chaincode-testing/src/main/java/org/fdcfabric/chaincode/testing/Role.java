package org.fdcfabric.chaincode.testing;

/** The FDC roles a user certificate can carry in its {@code fdc.role} Fabric CA attribute. */
public enum Role {
    PROVIDER("provider"),
    DATA_USER("data-user"),
    COMPUTE("compute"),
    AUDITOR("auditor"),
    TOKEN_ADMIN("token-admin");

    private final String attributeValue;

    Role(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The attribute value as it appears in the certificate, e.g. {@code data-user}. */
    public String attributeValue() {
        return attributeValue;
    }
}
