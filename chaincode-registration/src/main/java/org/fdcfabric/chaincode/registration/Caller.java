package org.fdcfabric.chaincode.registration;

import org.fdcfabric.protocol.Role;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;

/** Who submitted the transaction, as the shim reads it from the creator's certificate. */
record Caller(String mspId, String id, String role) {
    static final String ROLE_ATTRIBUTE = Role.ATTRIBUTE;
    static final String PROVIDER = Role.PROVIDER.attributeValue();

    static Caller of(Context ctx) {
        ClientIdentity identity = ctx.getClientIdentity();
        return new Caller(identity.getMSPID(), identity.getId(), identity.getAttributeValue(ROLE_ATTRIBUTE));
    }

    void requireProvider() {
        if (!PROVIDER.equals(role)) {
            throw RegistrationError.NOT_A_PROVIDER.error("only a certificate with " + ROLE_ATTRIBUTE + "=" + PROVIDER
                    + " may register or change datasets; this one has "
                    + (role == null ? "no role" : ROLE_ATTRIBUTE + "=" + role));
        }
    }
}
