package org.fdcfabric.devnet.msp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.msp.NodeOu;
import org.fdcfabric.msp.Pem;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChannelMspsTest {
    private final Clock clock = Clock.systemUTC();
    private final CertificateAuthority org1 = ca("ca.org1", clock);
    private final CertificateAuthority org2 = ca("ca.org2", clock);
    private final ChannelMsps msps = new ChannelMsps(Map.of(
            "ch",
            List.of(
                    new OrgMsp("Org1MSP", List.of(org1.certificate()), true),
                    new OrgMsp("Org2MSP", List.of(org2.certificate()), true))));

    private static CertificateAuthority ca(String name, Clock clock) {
        return CertificateAuthority.create(name, name, clock, Duration.ofDays(365), new SecureRandom());
    }

    @Nested
    class Verify {
        @Test
        void acceptsAMemberAndReportsItsNodeOu() {
            IssuedIdentity peer = org1.issue("Org1MSP", "peer0", NodeOu.PEER, Map.of());
            VerifiedIdentity verified = msps.verify("ch", peer.serialize()).orElseThrow();
            assertThat(verified.mspId()).isEqualTo("Org1MSP");
            assertThat(verified.nodeOu()).isEqualTo("peer");
            assertThat(verified.certificate()).isEqualTo(peer.certificate());
        }

        @Test
        void rejectsACertificateClaimingTheWrongMsp() {
            IssuedIdentity org2User = org2.issue("Org1MSP", "mallory", NodeOu.CLIENT, Map.of());
            assertThat(msps.verify("ch", org2User.serialize())).isEmpty();
        }

        @Test
        void rejectsUnknownMspsChannelsAndGarbage() {
            IssuedIdentity user = org1.issue("Org9MSP", "u", NodeOu.CLIENT, Map.of());
            assertThat(msps.verify("ch", user.serialize())).isEmpty();
            assertThat(msps.verify(
                            "other",
                            org1.issue("Org1MSP", "u", NodeOu.CLIENT, Map.of()).serialize()))
                    .isEmpty();
            assertThat(msps.verify("ch", new byte[] {1, 2, 3})).isEmpty();
            SerializedIdentity notPem = SerializedIdentity.newBuilder()
                    .setMspid("Org1MSP")
                    .setIdBytes(ByteString.copyFromUtf8("hello"))
                    .build();
            assertThat(msps.verify("ch", notPem.toByteArray())).isEmpty();
        }

        @Test
        void rejectsTheCaCertificateItself() {
            SerializedIdentity root = SerializedIdentity.newBuilder()
                    .setMspid("Org1MSP")
                    .setIdBytes(ByteString.copyFromUtf8(Pem.certificate(org1.certificate())))
                    .build();
            assertThat(msps.verify("ch", root.toByteArray())).isEmpty();
        }

        @Test
        void rejectsAnIdentityWithoutANodeOu() throws Exception {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                    org1.certificate(),
                    java.math.BigInteger.TEN,
                    new java.util.Date(),
                    new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                    new org.bouncycastle.asn1.x500.X500Name("CN=nobody,OU=department"),
                    generator.generateKeyPair().getPublic());
            var certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate(builder.build(
                            new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                                    .build(org1.privateKey())));
            SerializedIdentity noOu = SerializedIdentity.newBuilder()
                    .setMspid("Org1MSP")
                    .setIdBytes(ByteString.copyFromUtf8(Pem.certificate(certificate)))
                    .build();
            assertThat(msps.verify("ch", noOu.toByteArray())).isEmpty();
        }

        @Test
        void rejectsACertificateFromAnotherKeyWithTheSameCaName() {
            CertificateAuthority impostorCa = ca("ca.org1", clock);
            IssuedIdentity impostor = impostorCa.issue("Org1MSP", "peer0", NodeOu.PEER, Map.of());
            assertThat(msps.verify("ch", impostor.serialize()))
                    .as("same CA name, other key")
                    .isEmpty();
        }

        @Test
        void doesNotEnforceExpiryAsFabricPinsTheTimeToNotBefore() {
            Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC);
            CertificateAuthority oldCa =
                    CertificateAuthority.create("ca.old", "old", past, Duration.ofDays(3650), new SecureRandom());
            CertificateAuthority shortLived = new CertificateAuthority(
                    oldCa.certificate(), oldCa.privateKey(), past, Duration.ofDays(1), new SecureRandom());
            IssuedIdentity expired = shortLived.issue("OldMSP", "old", NodeOu.CLIENT, Map.of());
            ChannelMsps old =
                    new ChannelMsps(Map.of("ch", List.of(new OrgMsp("OldMSP", List.of(oldCa.certificate()), true))));
            assertThat(expired.certificate().getNotAfter()).isBefore(new java.util.Date());
            assertThat(old.verify("ch", expired.serialize())).isPresent();
        }
    }

    @Nested
    class VerifySignature {
        @Test
        void aRememberedOutcomeNeverVouchesForOtherBytes() {
            IssuedIdentity user = org1.issue("Org1MSP", "carol", NodeOu.CLIENT, Map.of());
            byte[] message = "envelope".getBytes(StandardCharsets.UTF_8);
            byte[] signature = user.sign(message);
            VerifiedIdentity first = msps.verify("ch", user.serialize()).orElseThrow();
            assertThat(first.verifySignature(message, signature)).isTrue();
            assertThat(first.verifySignature(message, signature))
                    .as("remembered")
                    .isTrue();
            assertThat(first.verifySignature("other".getBytes(StandardCharsets.UTF_8), signature))
                    .isFalse();
            byte[] tampered = signature.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThat(first.verifySignature(message, tampered)).isFalse();
            IssuedIdentity other = org1.issue("Org1MSP", "dan", NodeOu.CLIENT, Map.of());
            assertThat(msps.verify("ch", other.serialize()).orElseThrow().verifySignature(message, signature))
                    .as("same bytes, other key")
                    .isFalse();
        }

        @Test
        void acceptsTheHoldersSignatureOnly() {
            IssuedIdentity user = org1.issue("Org1MSP", "alice", NodeOu.CLIENT, Map.of());
            IssuedIdentity other = org1.issue("Org1MSP", "bob", NodeOu.CLIENT, Map.of());
            byte[] message = "proposal".getBytes(StandardCharsets.UTF_8);
            VerifiedIdentity verified = msps.verify("ch", user.serialize()).orElseThrow();
            assertThat(verified.verifySignature(message, user.sign(message))).isTrue();
            assertThat(verified.verifySignature(message, other.sign(message))).isFalse();
        }
    }

    @Nested
    class NodeSignatures {
        @Test
        void aNodesOwnSignatureIsRememberedForItsCertificateOnly() {
            IssuedIdentity peer = org1.issue("Org1MSP", "peer0", NodeOu.PEER, Map.of());
            IssuedIdentity impostor = org1.issue("Org1MSP", "peer1", NodeOu.PEER, Map.of());
            NodeSigner signer = msps.signerFor(peer);
            byte[] message = "payload||endorser".getBytes(StandardCharsets.UTF_8);
            byte[] signature = signer.sign(message);
            assertThat(signature).isEqualTo(peer.sign(message));
            assertThat(msps.verify("ch", peer.serialize()).orElseThrow().verifySignature(message, signature))
                    .isTrue();
            assertThat(msps.verify("ch", impostor.serialize()).orElseThrow().verifySignature(message, signature))
                    .as("the remembered signature belongs to peer0's certificate, not to another member's")
                    .isFalse();
            byte[] otherMessage = "payload'||endorser".getBytes(StandardCharsets.UTF_8);
            assertThat(msps.verify("ch", peer.serialize()).orElseThrow().verifySignature(otherMessage, signature))
                    .isFalse();
        }

        @Test
        void aForgedSignatureInTheNameOfANodeIsStillRejected() {
            IssuedIdentity peer = org1.issue("Org1MSP", "peer0", NodeOu.PEER, Map.of());
            IssuedIdentity mallory = org2.issue("Org2MSP", "mallory", NodeOu.CLIENT, Map.of());
            byte[] message = "payload||endorser".getBytes(StandardCharsets.UTF_8);
            msps.signerFor(peer).sign(message);
            assertThat(msps.verify("ch", peer.serialize())
                            .orElseThrow()
                            .verifySignature(message, mallory.sign(message)))
                    .isFalse();
        }
    }

    @Nested
    class SignatureMemory {
        @Test
        void staysWithinItsLimitAndKeepsAnsweringCorrectly() {
            SignatureChecks checks = new SignatureChecks(4);
            IssuedIdentity user = org1.issue("Org1MSP", "erin", NodeOu.CLIENT, Map.of());
            VerifiedIdentity verified = msps.verify("ch", user.serialize()).orElseThrow();
            MemberIdentity member = (MemberIdentity) verified;
            for (int i = 0; i < 10; i++) {
                byte[] message = ("m" + i).getBytes(StandardCharsets.UTF_8);
                byte[] signature = user.sign(message);
                assertThat(checks.verify(
                                member.certificateHash(), member.verifier().orElseThrow(), message, signature))
                        .isTrue();
                byte[] tampered = signature.clone();
                tampered[tampered.length - 1] ^= 1;
                assertThat(checks.verify(
                                member.certificateHash(), member.verifier().orElseThrow(), message, tampered))
                        .isFalse();
                assertThat(checks.size()).isLessThanOrEqualTo(4);
            }
        }

        @Test
        void concurrentChecksOfOneSignatureAllGetTheRightAnswer() throws Exception {
            IssuedIdentity user = org1.issue("Org1MSP", "frank", NodeOu.CLIENT, Map.of());
            VerifiedIdentity verified = msps.verify("ch", user.serialize()).orElseThrow();
            byte[] message = "proposal".getBytes(StandardCharsets.UTF_8);
            byte[] good = user.sign(message);
            byte[] bad = good.clone();
            bad[bad.length - 1] ^= 1;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<Boolean>> goods = new java.util.ArrayList<>();
                List<java.util.concurrent.Future<Boolean>> bads = new java.util.ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    goods.add(pool.submit(() -> verified.verifySignature(message, good)));
                    bads.add(pool.submit(() -> verified.verifySignature(message, bad)));
                }
                for (int i = 0; i < 16; i++) {
                    assertThat(goods.get(i).get()).isTrue();
                    assertThat(bads.get(i).get()).isFalse();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
