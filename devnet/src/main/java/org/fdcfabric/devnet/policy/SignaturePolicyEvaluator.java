package org.fdcfabric.devnet.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Evaluates a signature policy as {@code fabric/common/cauthdsl/cauthdsl.go} does: {@code signed_by i} consumes the
 * first not-yet-used identity that satisfies principal {@code i}; {@code n_out_of} evaluates every sub-rule on a
 * copy of the used-flags and keeps a sub-rule's consumption only when it is satisfied. So one identity can never
 * satisfy two branches, and the greedy order is Fabric's.
 */
final class SignaturePolicyEvaluator {
    private SignaturePolicyEvaluator() {}

    static boolean evaluate(SignaturePolicyEnvelope envelope, List<VerifiedIdentity> identities) {
        return evaluate(envelope, envelope.getRule(), identities, new boolean[identities.size()]);
    }

    private static boolean evaluate(
            SignaturePolicyEnvelope envelope, SignaturePolicy rule, List<VerifiedIdentity> identities, boolean[] used) {
        switch (rule.getTypeCase()) {
            case SIGNED_BY -> {
                int index = rule.getSignedBy();
                if (index < 0 || index >= envelope.getIdentitiesCount()) {
                    return false;
                }
                MSPPrincipal principal = envelope.getIdentities(index);
                for (int i = 0; i < identities.size(); i++) {
                    if (!used[i] && satisfies(identities.get(i), principal)) {
                        used[i] = true;
                        return true;
                    }
                }
                return false;
            }
            case N_OUT_OF -> {
                int verified = 0;
                boolean[] attempt = new boolean[used.length];
                for (SignaturePolicy sub : rule.getNOutOf().getRulesList()) {
                    System.arraycopy(used, 0, attempt, 0, used.length);
                    if (evaluate(envelope, sub, identities, attempt)) {
                        verified++;
                        System.arraycopy(attempt, 0, used, 0, used.length);
                    }
                }
                return verified >= rule.getNOutOf().getN();
            }
            default -> {
                return false;
            }
        }
    }

    /** ROLE principals only (the policy language produces nothing else); other classifications never match. */
    static boolean satisfies(VerifiedIdentity identity, MSPPrincipal principal) {
        if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE) {
            return false;
        }
        MSPRole role;
        try {
            role = MSPRole.parseFrom(principal.getPrincipal());
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
        if (!role.getMspIdentifier().equals(identity.mspId())) {
            return false;
        }
        return switch (role.getRole()) {
            case MEMBER -> true;
            case PEER -> "peer".equals(identity.nodeOu());
            case CLIENT -> "client".equals(identity.nodeOu());
            case ADMIN -> "admin".equals(identity.nodeOu());
            case ORDERER -> "orderer".equals(identity.nodeOu());
            default -> false;
        };
    }
}
