package org.fdcfabric.protocol.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.Signatures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MaskingPrimitivesTest {
    final SessionId session = new SessionId("job-1", 0);

    static KeyPair p256() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        return gen.generateKeyPair();
    }

    AdvertiseKeys advertise(String id, KeyPair keys, byte fill) {
        byte[] nonce = new byte[32];
        java.util.Arrays.fill(nonce, fill);
        return new AdvertiseKeys(
                session, id, nonce, Signatures.sign(keys.getPrivate(), AdvertiseKeys.signedBytes(session, id, nonce)));
    }

    @Nested
    class PairwiseAgreement {
        @Test
        void bothCentersDeriveTheSameSeedAndKeysWhichChangeWithTheNonces() throws Exception {
            KeyPair a = p256();
            KeyPair b = p256();
            AdvertiseKeys adA = advertise("AMSP", a, (byte) 1);
            AdvertiseKeys adB = advertise("BMSP", b, (byte) 2);
            PairwiseKeys fromA = PairwiseKeys.agree(a.getPrivate(), b.getPublic(), session, adA, adB);
            PairwiseKeys fromB = PairwiseKeys.agree(b.getPrivate(), a.getPublic(), session, adB, adA);

            assertThat(fromA.maskSeed()).isEqualTo(fromB.maskSeed()).hasSize(32);
            assertThat(fromA.shareKey("AMSP", "BMSP")).isEqualTo(fromB.shareKey("AMSP", "BMSP"));
            assertThat(fromA.shareKey("AMSP", "BMSP")).isNotEqualTo(fromA.shareKey("BMSP", "AMSP"));
            assertThat(fromA.maskSeed()).isNotEqualTo(fromA.shareKey("AMSP", "BMSP"));

            PairwiseKeys fresh =
                    PairwiseKeys.agree(a.getPrivate(), b.getPublic(), session, advertise("AMSP", a, (byte) 3), adB);
            assertThat(fresh.maskSeed()).isNotEqualTo(fromA.maskSeed());
        }

        @Test
        void advertisementsVerifyOnlyUnderTheSignersKey() throws Exception {
            KeyPair a = p256();
            AdvertiseKeys ad = advertise("AMSP", a, (byte) 1);
            assertThat(ad.verify(a.getPublic())).isTrue();
            assertThat(ad.verify(p256().getPublic())).isFalse();
        }
    }

    @Nested
    class Masks {
        @Test
        void theMaskIsDeterministicAndAddingThenSubtractingItCancels() {
            byte[] seed = new byte[32];
            seed[5] = 9;
            long[] once = new long[20_000];
            long[] again = new long[20_000];
            new MaskGenerator().apply(seed, once, 1);
            new MaskGenerator().apply(seed, again, 1);
            assertThat(once).isEqualTo(again);
            assertThat(once).doesNotContain(0L);
            new MaskGenerator().apply(seed, once, -1);
            assertThat(once).containsOnly(0L);
        }
    }

    @Nested
    class SharesInTransit {
        final byte[] key = new byte[32];
        final ShareBundle bundle = new ShareBundle(
                "AMSP", "BMSP", List.of(HeldShare.of(SecretId.self("AMSP"), new Share(2, java.math.BigInteger.TEN))));

        @Test
        void aSealedBundleOpensOnlyWithItsKeySessionAndNames() {
            EncryptedShares sealed = ShareBundleCipher.seal(key, session, bundle);
            assertThat(ShareBundleCipher.open(key, session, sealed)).isEqualTo(bundle);

            byte[] otherKey = key.clone();
            otherKey[0] = 1;
            assertDecryptFails(() -> ShareBundleCipher.open(otherKey, session, sealed));
            assertDecryptFails(() -> ShareBundleCipher.open(key, new SessionId("job-1", 1), sealed));
            assertDecryptFails(() ->
                    ShareBundleCipher.open(key, session, new EncryptedShares("AMSP", "CMSP", sealed.ciphertext())));
            byte[] flipped = sealed.ciphertext();
            flipped[3] ^= 1;
            assertDecryptFails(
                    () -> ShareBundleCipher.open(key, session, new EncryptedShares("AMSP", "BMSP", flipped)));
        }

        @Test
        void aBundleCannotCarryAnotherOwnersShares() {
            assertThatThrownBy(() -> new ShareBundle(
                            "AMSP",
                            "BMSP",
                            List.of(HeldShare.of(SecretId.self("CMSP"), new Share(2, java.math.BigInteger.ONE)))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_WRONG_SHARE"));
        }

        void assertDecryptFails(Runnable action) {
            assertThatThrownBy(action::run)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_SHARE_DECRYPTION_FAILED"));
        }
    }

    @Nested
    class Messages {
        @Test
        void malformedMessagesAreRefused() {
            assertThatThrownBy(() -> new SessionId("", 1)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> new SessionId("job", -1)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> new AdvertiseKeys(session, "A MSP", new byte[32], new byte[8]))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_INVALID_CENTER_ID"));
            assertThatThrownBy(() -> new AdvertiseKeys(session, "AMSP", new byte[31], new byte[8]))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> new UnmaskingRequest(session, List.of("AMSP", "BMSP"), List.of("BMSP")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_INCONSISTENT_REQUEST"));
            assertThatThrownBy(() -> new MaskedInput(session, "AMSP", new long[1]))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo("SECAGG_WRONG_VECTOR_LENGTH"));
            assertThatThrownBy(() -> SecretId.pair("AMSP", "AMSP")).isInstanceOf(InvalidInputException.class);
        }
    }
}
