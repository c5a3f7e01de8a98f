package org.fdcfabric.chaincode.collaboration;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.fdcfabric.protocol.Role;
import org.hyperledger.fabric.contract.ClientIdentity;

/**
 * Who submitted the transaction: organisation (MSP id), client id and {@code fdc.role} (absent when the
 * certificate carries none).
 */
public record Caller(String msp, String id, String role) {
    public static final String ROLE_ATTRIBUTE = Role.ATTRIBUTE;

    static Caller of(ClientIdentity identity) {
        return new Caller(identity.getMSPID(), identity.getId(), identity.getAttributeValue(ROLE_ATTRIBUTE));
    }

    public boolean has(Role wanted) {
        return wanted.attributeValue().equals(role);
    }

    /** Throws {@code UNAUTHORIZED_ROLE} unless the caller holds one of {@code allowed}. */
    public Caller require(Role... allowed) {
        for (Role r : allowed) {
            if (has(r)) {
                return this;
            }
        }
        String names = Arrays.stream(allowed).map(Role::attributeValue).collect(Collectors.joining(" or "));
        throw CollaborationError.UNAUTHORIZED_ROLE.error(
                "this transaction needs fdc.role " + names + ", the caller has " + (role == null ? "none" : role));
    }

    /** Throws {@code WRONG_ORGANISATION} unless the caller belongs to {@code expectedMsp}. */
    public Caller requireOrganisation(String expectedMsp, String why) {
        if (!msp.equals(expectedMsp)) {
            throw CollaborationError.WRONG_ORGANISATION.error(why + " (caller is " + msp + ")");
        }
        return this;
    }
}
