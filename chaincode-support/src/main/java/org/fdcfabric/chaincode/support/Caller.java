package org.fdcfabric.chaincode.support;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.Role;
import org.hyperledger.fabric.contract.ClientIdentity;

/**
 * Who submitted the transaction, as the shim reads it from the creator's certificate: organisation (MSP id), client
 * id and {@code fdc.role} (null when the certificate carries none).
 */
public record Caller(String msp, String id, String role) {
    public static Caller of(ClientIdentity identity) {
        return new Caller(identity.getMSPID(), identity.getId(), identity.getAttributeValue(Role.ATTRIBUTE));
    }

    public boolean has(Role wanted) {
        return wanted.attributeValue().equals(role);
    }

    /** Throws {@code UNAUTHORIZED_ROLE} unless the caller holds one of {@code allowed}. */
    public Caller require(Role... allowed) {
        return require(ErrorCode.UNAUTHORIZED_ROLE, allowed);
    }

    /**
     * Throws {@code refusal} unless the caller holds one of {@code allowed}. The registration channel refuses with
     * {@code NOT_A_PROVIDER}, the collaboration channel with {@code UNAUTHORIZED_ROLE}: clients match both.
     */
    public Caller require(ErrorCode refusal, Role... allowed) {
        for (Role r : allowed) {
            if (has(r)) {
                return this;
            }
        }
        String names = Arrays.stream(allowed)
                .map(r -> Role.ATTRIBUTE + "=" + r.attributeValue())
                .collect(Collectors.joining(" or "));
        throw Refusals.refuse(
                refusal,
                "this transaction needs a certificate with " + names + "; the caller's has "
                        + (role == null ? "no role" : Role.ATTRIBUTE + "=" + role));
    }

    /** Throws {@code WRONG_ORGANISATION} unless the caller belongs to {@code expectedMsp}. */
    public Caller requireOrganisation(String expectedMsp, String why) {
        if (!msp.equals(expectedMsp)) {
            throw Refusals.refuse(ErrorCode.WRONG_ORGANISATION, why + " (caller is " + msp + ")");
        }
        return this;
    }
}
