package org.fdcfabric.devnet.policy;

import java.util.List;
import java.util.Locale;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/** A chaincode's endorsement policy, evaluated over identities that already deserialized, verified and are unique. */
public sealed interface EndorsementPolicy {
    boolean isSatisfiedBy(List<VerifiedIdentity> identities);

    /**
     * Parses a policy as a chaincode definition states it: {@code ANY|ALL|MAJORITY Endorsement} (the implicit-meta
     * reference to {@code /Channel/Application/Endorsement}, each org's {@code Endorsement} being {@code
     * OR('<msp>.peer')} as in Fabric's sample configtx) or a signature policy text.
     */
    static EndorsementPolicy parse(String text, List<String> applicationMspIds) {
        String[] words = text.trim().split("\\s+");
        if (words.length == 2 && words[1].equals("Endorsement")) {
            ImplicitMeta.Rule rule;
            try {
                rule = ImplicitMeta.Rule.valueOf(words[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("implicit-meta rule must be ANY, ALL or MAJORITY: " + text);
            }
            List<SignaturePolicyEnvelope> orgPolicies = applicationMspIds.stream()
                    .map(msp -> PolicyText.compile("OR('" + msp + ".peer')"))
                    .toList();
            return new ImplicitMeta(rule, orgPolicies);
        }
        return new Signature(PolicyText.compile(text));
    }

    /** A {@code SignaturePolicyEnvelope} (cauthdsl). */
    record Signature(SignaturePolicyEnvelope envelope) implements EndorsementPolicy {
        @Override
        public boolean isSatisfiedBy(List<VerifiedIdentity> identities) {
            return SignaturePolicyEvaluator.evaluate(envelope, identities);
        }
    }

    /**
     * {@code ImplicitMetaPolicy} over the orgs' sub-policies: each sub-policy is evaluated on the whole signature
     * set; thresholds ANY 1, ALL = orgs, MAJORITY = orgs/2 + 1; no orgs means threshold 0.
     */
    record ImplicitMeta(Rule rule, List<SignaturePolicyEnvelope> orgPolicies) implements EndorsementPolicy {
        public enum Rule {
            ANY,
            ALL,
            MAJORITY
        }

        public ImplicitMeta {
            orgPolicies = List.copyOf(orgPolicies);
        }

        public int threshold() {
            int orgs = orgPolicies.size();
            if (orgs == 0) {
                return 0;
            }
            return switch (rule) {
                case ANY -> 1;
                case ALL -> orgs;
                case MAJORITY -> orgs / 2 + 1;
            };
        }

        @Override
        public boolean isSatisfiedBy(List<VerifiedIdentity> identities) {
            long satisfied = orgPolicies.stream()
                    .filter(policy -> SignaturePolicyEvaluator.evaluate(policy, identities))
                    .count();
            return satisfied >= threshold();
        }
    }
}
