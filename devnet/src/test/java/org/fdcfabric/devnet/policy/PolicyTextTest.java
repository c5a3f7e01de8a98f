package org.fdcfabric.devnet.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTextTest {
    @Nested
    class Compile {
        @Test
        void orOfOnePrincipalIsOneOutOfOneSignedBy() throws Exception {
            SignaturePolicyEnvelope envelope = PolicyText.compile("OR('Org1MSP.peer')");
            assertThat(envelope.getRule())
                    .isEqualTo(SignaturePolicy.newBuilder()
                            .setNOutOf(SignaturePolicy.NOutOf.newBuilder()
                                    .setN(1)
                                    .addRules(SignaturePolicy.newBuilder().setSignedBy(0)))
                            .build());
            assertThat(envelope.getIdentitiesList()).hasSize(1);
            MSPPrincipal principal = envelope.getIdentities(0);
            assertThat(principal.getPrincipalClassification()).isEqualTo(MSPPrincipal.Classification.ROLE);
            MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
            assertThat(role.getMspIdentifier()).isEqualTo("Org1MSP");
            assertThat(role.getRole()).isEqualTo(MSPRole.MSPRoleType.PEER);
        }

        @Test
        void nestsAndOutOfWithThresholds() throws Exception {
            SignaturePolicyEnvelope envelope = PolicyText.compile(
                    "OutOf(2, 'A.peer', AND(\"B.member\", 'org.c-1.admin'), or('D.client','E.orderer'))");
            assertThat(envelope.getRule().getNOutOf().getN()).isEqualTo(2);
            assertThat(envelope.getRule().getNOutOf().getRulesCount()).isEqualTo(3);
            assertThat(envelope.getRule().getNOutOf().getRules(1).getNOutOf().getN())
                    .isEqualTo(2);
            assertThat(envelope.getIdentitiesCount()).isEqualTo(5);
            assertThat(MSPRole.parseFrom(envelope.getIdentities(2).getPrincipal())
                            .getMspIdentifier())
                    .isEqualTo("org.c-1");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "'A.peer'",
                    "OR('A.peer'",
                    "OR('A.king')",
                    "XOR('A.peer')",
                    "OutOf(3, 'A.peer', 'B.peer')",
                    "OutOf(0, 'A.peer')",
                    "OR('A.peer') trailing",
                    "OR('A.peer)"
                })
        void rejectsMalformedPolicies(String text) {
            assertThatThrownBy(() -> PolicyText.compile(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
