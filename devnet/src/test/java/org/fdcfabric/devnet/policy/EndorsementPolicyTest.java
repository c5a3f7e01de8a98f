package org.fdcfabric.devnet.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fdcfabric.devnet.msp.ChannelMsps;
import org.fdcfabric.devnet.msp.OrgMsp;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.msp.NodeOu;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EndorsementPolicyTest {
    private static final List<String> ORGS = List.of("Org1MSP", "Org2MSP", "Org3MSP");
    private final Map<String, CertificateAuthority> cas = new LinkedHashMap<>();
    private final ChannelMsps msps;
    private final byte[] payload = "proposal response payload".getBytes();

    EndorsementPolicyTest() {
        List<OrgMsp> members = new ArrayList<>();
        for (String org : ORGS) {
            CertificateAuthority ca = CertificateAuthority.create(
                    "ca." + org, org, Clock.systemUTC(), Duration.ofDays(30), new SecureRandom());
            cas.put(org, ca);
            members.add(new OrgMsp(org, List.of(ca.certificate()), true));
        }
        msps = new ChannelMsps(Map.of("ch", members));
    }

    private IssuedIdentity issue(String org, String name, NodeOu ou) {
        return cas.get(org).issue(org, name, ou, Map.of());
    }

    private Endorsement endorse(IssuedIdentity endorser) {
        byte[] serialized = endorser.serialize();
        byte[] signed = new byte[payload.length + serialized.length];
        System.arraycopy(payload, 0, signed, 0, payload.length);
        System.arraycopy(serialized, 0, signed, payload.length, serialized.length);
        return Endorsement.newBuilder()
                .setEndorser(ByteString.copyFrom(serialized))
                .setSignature(ByteString.copyFrom(endorser.sign(signed)))
                .build();
    }

    private ChaincodePolicies policies(String text) {
        return new ChaincodePolicies(
                msps, Map.of(new ChaincodePolicies.ChaincodeRef("ch", "cc"), EndorsementPolicy.parse(text, ORGS)));
    }

    private boolean satisfied(String policy, Endorsement... endorsements) {
        return policies(policy).isSatisfied("ch", "cc", payload, List.of(endorsements));
    }

    @Nested
    class Majority {
        @Test
        void needsTwoOfThreeOrgPeers() {
            Endorsement p1 = endorse(issue("Org1MSP", "peer0.org1", NodeOu.PEER));
            Endorsement p2 = endorse(issue("Org2MSP", "peer0.org2", NodeOu.PEER));
            assertThat(satisfied("MAJORITY Endorsement", p1)).isFalse();
            assertThat(satisfied("MAJORITY Endorsement", p1, p2)).isTrue();
        }

        @Test
        void aClientCertificateCannotEndorse() {
            Endorsement p1 = endorse(issue("Org1MSP", "peer0.org1", NodeOu.PEER));
            Endorsement client = endorse(issue("Org2MSP", "alice", NodeOu.CLIENT));
            assertThat(satisfied("MAJORITY Endorsement", p1, client)).isFalse();
        }

        @Test
        void thresholdsFollowFabric() {
            assertThat(((EndorsementPolicy.ImplicitMeta) EndorsementPolicy.parse("MAJORITY Endorsement", ORGS))
                            .threshold())
                    .isEqualTo(2);
            assertThat(((EndorsementPolicy.ImplicitMeta)
                                    EndorsementPolicy.parse("MAJORITY Endorsement", List.of("A", "B")))
                            .threshold())
                    .isEqualTo(2);
            assertThat(((EndorsementPolicy.ImplicitMeta) EndorsementPolicy.parse("ANY Endorsement", ORGS)).threshold())
                    .isEqualTo(1);
            assertThat(((EndorsementPolicy.ImplicitMeta) EndorsementPolicy.parse("ALL Endorsement", ORGS)).threshold())
                    .isEqualTo(3);
            assertThatThrownBy(() -> EndorsementPolicy.parse("MOST Endorsement", ORGS))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class SignatureSet {
        @Test
        void dropsForgedSignatures() {
            Endorsement p1 = endorse(issue("Org1MSP", "peer0.org1", NodeOu.PEER));
            Endorsement p2 = endorse(issue("Org2MSP", "peer0.org2", NodeOu.PEER));
            Endorsement forged = p2.toBuilder().setSignature(p1.getSignature()).build();
            assertThat(satisfied("AND('Org1MSP.peer','Org2MSP.peer')", p1, forged))
                    .isFalse();
        }

        @Test
        void dropsARepeatedIdentitySoItCannotSatisfyTwoBranches() {
            IssuedIdentity peer = issue("Org1MSP", "peer0.org1", NodeOu.PEER);
            Endorsement once = endorse(peer);
            assertThat(satisfied("AND('Org1MSP.peer','Org1MSP.peer')", once, once))
                    .isFalse();
            Endorsement other = endorse(issue("Org1MSP", "peer1.org1", NodeOu.PEER));
            assertThat(satisfied("AND('Org1MSP.peer','Org1MSP.peer')", once, other))
                    .isTrue();
        }

        @Test
        void oneIdentityCannotSatisfyTwoDifferentPrincipals() {
            Endorsement peer = endorse(issue("Org1MSP", "peer0.org1", NodeOu.PEER));
            assertThat(satisfied("AND('Org1MSP.peer','Org1MSP.member')", peer)).isFalse();
            assertThat(satisfied("OR('Org1MSP.peer','Org1MSP.member')", peer)).isTrue();
        }

        @Test
        void dropsEndorsersOfUnknownOrgs() {
            CertificateAuthority rogue = CertificateAuthority.create(
                    "ca.rogue", "rogue", Clock.systemUTC(), Duration.ofDays(1), new SecureRandom());
            Endorsement fake = endorse(rogue.issue("Org2MSP", "peer0.org2", NodeOu.PEER, Map.of()));
            Endorsement p1 = endorse(issue("Org1MSP", "peer0.org1", NodeOu.PEER));
            assertThat(satisfied("MAJORITY Endorsement", p1, fake)).isFalse();
        }

        @Test
        void outOfCountsDistinctOrgs() {
            Endorsement p1 = endorse(issue("Org1MSP", "p1", NodeOu.PEER));
            Endorsement p3 = endorse(issue("Org3MSP", "p3", NodeOu.PEER));
            String policy = "OutOf(2,'Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')";
            assertThat(satisfied(policy, p1, p3)).isTrue();
            assertThat(satisfied(policy, p3)).isFalse();
        }

        @Test
        void undefinedChaincodeIsNeverSatisfied() {
            Endorsement p1 = endorse(issue("Org1MSP", "p1", NodeOu.PEER));
            ChaincodePolicies policies = policies("OR('Org1MSP.peer')");
            assertThat(policies.isDefined("ch", "other")).isFalse();
            assertThat(policies.isSatisfied("ch", "other", payload, List.of(p1)))
                    .isFalse();
        }
    }

    @Nested
    class Layout {
        @Test
        void picksTheSmallestSatisfyingSetOfPeers() {
            List<VerifiedIdentity> peers = ORGS.stream()
                    .map(org -> msps.verify(
                                    "ch",
                                    issue(org, "peer0." + org, NodeOu.PEER).serialize())
                            .orElseThrow())
                    .toList();
            assertThat(policies("MAJORITY Endorsement")
                            .layout("ch", "cc", peers)
                            .orElseThrow())
                    .extracting(VerifiedIdentity::mspId)
                    .containsExactly("Org1MSP", "Org2MSP");
            assertThat(policies("AND('Org3MSP.peer', OR('Org2MSP.peer','Org1MSP.peer'))")
                            .layout("ch", "cc", peers)
                            .orElseThrow())
                    .extracting(VerifiedIdentity::mspId)
                    .containsExactly("Org1MSP", "Org3MSP");
            assertThat(policies("AND('Org1MSP.admin')").layout("ch", "cc", peers))
                    .isEmpty();
        }
    }
}
