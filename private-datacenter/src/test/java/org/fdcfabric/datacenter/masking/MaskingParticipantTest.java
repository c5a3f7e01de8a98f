package org.fdcfabric.datacenter.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.EncryptedShares;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.ShareKeys;
import org.fdcfabric.protocol.secagg.UnmaskingRequest;
import org.fdcfabric.protocol.secagg.UnmaskingResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MaskingParticipantTest {
    static final String A = "AMSP";
    static final String B = "BMSP";
    static final String C = "CMSP";

    final SessionId session = new SessionId("job-9", 2);
    final Map<String, KeyPair> keys = new TreeMap<>();
    final Map<String, PublicKey> directory = new TreeMap<>();
    final Map<String, MaskingParticipant> centers = new TreeMap<>();
    final List<AdvertiseKeys> roster = new ArrayList<>();

    @BeforeEach
    void centers() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        for (String id : List.of(A, B, C)) {
            KeyPair k = gen.generateKeyPair();
            keys.put(id, k);
            directory.put(id, k.getPublic());
        }
        for (String id : List.of(A, B, C)) {
            centers.put(
                    id,
                    new MaskingCenter(
                                    id,
                                    keys.get(id).getPrivate(),
                                    directory,
                                    2,
                                    FixedPointCodec.DEFAULT,
                                    new SecureRandom())
                            .join(session));
        }
        centers.values().forEach(c -> roster.add(c.advertise()));
    }

    static void assertCode(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                .isEqualTo(code));
    }

    Map<String, ShareKeys> shareAll() {
        Map<String, ShareKeys> out = new TreeMap<>();
        centers.forEach((id, c) -> out.put(id, c.shareKeys(roster)));
        return out;
    }

    List<EncryptedShares> inbox(Map<String, ShareKeys> shared, String holder) {
        List<EncryptedShares> inbox = new ArrayList<>();
        shared.values().forEach(m -> m.shares().stream()
                .filter(s -> s.holderId().equals(holder))
                .forEach(inbox::add));
        return inbox;
    }

    @Nested
    class SharingKeys {
        @Test
        void dealsOneSealedBundleToEveryOtherCenterAndCommitsToEverySecret() {
            ShareKeys message = centers.get(A).shareKeys(roster);
            assertThat(message.shares()).extracting(EncryptedShares::holderId).containsExactly(B, C);
            assertThat(message.commitments()).hasSize(3); // self mask + two pairwise seeds
        }

        @Test
        void refusesARosterWithAForgedAdvertisement() throws Exception {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] nonce = new byte[32];
            AdvertiseKeys forged = new AdvertiseKeys(
                    session,
                    B,
                    nonce,
                    Signatures.sign(gen.generateKeyPair().getPrivate(), AdvertiseKeys.signedBytes(session, B, nonce)));
            List<AdvertiseKeys> bad = new ArrayList<>(List.of(roster.get(0), forged, roster.get(2)));

            assertCode(() -> centers.get(A).shareKeys(bad), "SECAGG_BAD_SIGNATURE");
            centers.get(A).shareKeys(roster); // the refused roster changed nothing
        }

        @Test
        void refusesARosterThatOmitsItOrIsBelowTheThreshold() {
            assertCode(() -> centers.get(A).shareKeys(roster.subList(1, 3)), "SECAGG_INCONSISTENT_REQUEST");
            assertCode(() -> centers.get(A).shareKeys(roster.subList(0, 1)), "SECAGG_INCONSISTENT_REQUEST");
        }

        @Test
        void refusesToRunAStepTwice() {
            centers.get(A).shareKeys(roster);
            assertCode(() -> centers.get(A).shareKeys(roster), "SECAGG_WRONG_PHASE");
            assertCode(() -> centers.get(A).advertise(), "SECAGG_WRONG_PHASE");
        }
    }

    @Nested
    class Masking {
        @Test
        void refusesATamperedBundle() {
            Map<String, ShareKeys> shared = shareAll();
            List<EncryptedShares> inbox = inbox(shared, A);
            EncryptedShares first = inbox.get(0);
            byte[] ct = first.ciphertext();
            ct[ct.length - 1] ^= 1;
            List<EncryptedShares> tampered = List.of(new EncryptedShares(first.ownerId(), A, ct), inbox.get(1));

            assertCode(
                    () -> centers.get(A).maskedInput(tampered, new float[] {1f}, 1), "SECAGG_SHARE_DECRYPTION_FAILED");
        }

        @Test
        void refusesBundlesMeantForAnotherCenterOrSentTwice() {
            Map<String, ShareKeys> shared = shareAll();
            assertCode(() -> centers.get(A).maskedInput(inbox(shared, B), new float[] {1f}, 1), "SECAGG_WRONG_SHARE");
            List<EncryptedShares> twice =
                    List.of(inbox(shared, A).get(0), inbox(shared, A).get(0));
            assertCode(() -> centers.get(A).maskedInput(twice, new float[] {1f}, 1), "SECAGG_DUPLICATE_SHARE");
        }

        @Test
        void refusesAnUpdateOutsideTheCodecBounds() {
            Map<String, ShareKeys> shared = shareAll();
            assertCode(
                    () -> centers.get(A).maskedInput(inbox(shared, A), new float[] {Float.NaN}, 1),
                    "SECAGG_UPDATE_OUT_OF_BOUNDS");
        }
    }

    @Nested
    class Unmasking {
        Map<String, ShareKeys> shared;

        @BeforeEach
        void masked() {
            shared = shareAll();
            centers.forEach((id, c) -> c.maskedInput(inbox(shared, id), new float[] {1f}, 1));
        }

        @Test
        void revealsSelfSharesOfSurvivorsAndPairSharesOfTheDroppedOnce() {
            UnmaskingResponse response =
                    centers.get(A).unmask(new UnmaskingRequest(session, List.of(A, B), List.of(C)));

            assertThat(response.shares())
                    .extracting(s -> s.secret().toString())
                    .containsExactlyInAnyOrder(
                            "SecretId[ownerId=AMSP, kind=SELF_MASK, peerId=]",
                            "SecretId[ownerId=BMSP, kind=SELF_MASK, peerId=]",
                            "SecretId[ownerId=CMSP, kind=PAIR_MASK, peerId=AMSP]",
                            "SecretId[ownerId=CMSP, kind=PAIR_MASK, peerId=BMSP]");
            assertCode(
                    () -> centers.get(A).unmask(new UnmaskingRequest(session, List.of(A, C), List.of(B))),
                    "SECAGG_WRONG_PHASE");
        }

        @Test
        void refusesRequestsInconsistentWithWhatItSaw() {
            assertCode(
                    () -> centers.get(A).unmask(new UnmaskingRequest(session, List.of(A, B), List.of())),
                    "SECAGG_INCONSISTENT_REQUEST");
            assertCode(
                    () -> centers.get(A).unmask(new UnmaskingRequest(session, List.of(B, C), List.of(A))),
                    "SECAGG_INCONSISTENT_REQUEST");
            assertCode(
                    () -> centers.get(A).unmask(new UnmaskingRequest(session, List.of(A), List.of(B, C))),
                    "SECAGG_INCONSISTENT_REQUEST");
            assertCode(
                    () -> centers.get(A)
                            .unmask(new UnmaskingRequest(new SessionId("job-9", 3), List.of(A, B, C), List.of())),
                    "SECAGG_WRONG_SESSION");
            assertThat(centers.get(A)
                            .unmask(new UnmaskingRequest(session, List.of(A, B, C), List.of()))
                            .shares())
                    .hasSize(3);
        }
    }
}
