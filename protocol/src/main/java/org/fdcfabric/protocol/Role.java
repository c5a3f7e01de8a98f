package org.fdcfabric.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The FDC roles a user certificate carries in its {@code fdc.role} Fabric CA attribute. Written once here: the
 * chaincodes check them, the MSP issues them, the devnet accepts them in its configuration and the CLI picks
 * identities by them.
 */
public enum Role {
    PROVIDER("provider"),
    DATA_USER("data-user"),
    COMPUTE("compute"),
    AUDITOR("auditor"),
    TOKEN_ADMIN("token-admin");

    /** The Fabric CA attribute that carries the role. */
    public static final String ATTRIBUTE = "fdc.role";

    private final String attributeValue;

    Role(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The attribute value as it appears in the certificate, e.g. {@code data-user}. */
    public String attributeValue() {
        return attributeValue;
    }

    /** The role an attribute value names, if any. */
    public static Optional<Role> of(String attributeValue) {
        return Arrays.stream(values())
                .filter(r -> r.attributeValue.equals(attributeValue))
                .findFirst();
    }
}
