package org.fdcfabric.learning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpdateCipherTest {
    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Nested
    class KeyAgreement {
        @Test
        void bothSidesDeriveTheSameKeyPerJobAndDifferentKeysForOtherJobsOrPeers() throws Exception {
            KeyPair center = p256();
            KeyPair coordinator = p256();
            KeyPair stranger = p256();
            byte[] atCenter = JobKeyAgreement.deriveJobKey(
                    center.getPrivate(), center.getPublic(), coordinator.getPublic(), "job-1");
            byte[] atCoordinator = JobKeyAgreement.deriveJobKey(
                    coordinator.getPrivate(), coordinator.getPublic(), center.getPublic(), "job-1");
            assertThat(atCenter).hasSize(32).isEqualTo(atCoordinator);
            assertThat(JobKeyAgreement.deriveJobKey(
                            center.getPrivate(), center.getPublic(), coordinator.getPublic(), "job-2"))
                    .isNotEqualTo(atCenter);
            assertThat(JobKeyAgreement.deriveJobKey(
                            center.getPrivate(), center.getPublic(), stranger.getPublic(), "job-1"))
                    .isNotEqualTo(atCenter);
        }

        @Test
        void rejectsNonEcKeys() throws Exception {
            KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            KeyPair ec = p256();
            assertThatThrownBy(
                            () -> JobKeyAgreement.deriveJobKey(ec.getPrivate(), ec.getPublic(), rsa.getPublic(), "j"))
                    .hasMessageContaining("P-256");
        }
    }

    @Nested
    class Sealing {
        private final byte[] key = new byte[32];
        private final UpdateCipher cipher;
        private final byte[] update = "model bytes".repeat(1000).getBytes(StandardCharsets.UTF_8);
        private final byte[] binding = UpdateCipher.binding("job-1", 3, "ds-a");

        Sealing() {
            new SecureRandom().nextBytes(key);
            cipher = new UpdateCipher(key, new SecureRandom());
        }

        @Test
        void roundTripsAndReportsItsEngine() throws Exception {
            SealedBox box = cipher.seal(update, binding);
            assertThat(box.nonce()).hasSize(12);
            assertThat(box.ciphertext()).hasSize(update.length + 16);
            assertThat(new String(box.ciphertext(), StandardCharsets.ISO_8859_1))
                    .doesNotContain("model bytes");
            assertThat(cipher.open(box, binding)).isEqualTo(update);
            assertThat(cipher.engine()).isIn("OpenSslCipher", "JceCipher");
        }

        @Test
        void detectsAFlippedBit() {
            SealedBox box = cipher.seal(update, binding);
            byte[] ciphertext = box.ciphertext();
            ciphertext[17] ^= 1;
            assertThatThrownBy(() -> cipher.open(new SealedBox(box.nonce(), ciphertext), binding))
                    .isInstanceOf(UpdateTamperedException.class);
        }

        @Test
        void detectsAReplayIntoAnotherRound() {
            SealedBox box = cipher.seal(update, binding);
            assertThatThrownBy(() -> cipher.open(box, UpdateCipher.binding("job-1", 4, "ds-a")))
                    .isInstanceOf(UpdateTamperedException.class);
        }

        @Test
        void detectsTheWrongKey() {
            SealedBox box = cipher.seal(update, binding);
            UpdateCipher other = new UpdateCipher(new byte[32], new SecureRandom());
            assertThatThrownBy(() -> other.open(box, binding)).isInstanceOf(UpdateTamperedException.class);
        }

        @Test
        void rejectsMalformedBoxes() {
            assertThatThrownBy(() -> cipher.open(new SealedBox(new byte[5], new byte[40]), binding))
                    .isInstanceOf(UpdateTamperedException.class)
                    .hasMessageContaining("nonce");
            assertThatThrownBy(() -> cipher.open(new SealedBox(new byte[12], new byte[3]), binding))
                    .isInstanceOf(UpdateTamperedException.class);
            assertThatThrownBy(() -> new UpdateCipher(new byte[16], new SecureRandom()))
                    .hasMessageContaining("32 bytes");
        }
    }

    @Nested
    class Segments {
        private final UpdateCipher cipher = new UpdateCipher(new byte[32], new SecureRandom());
        private final byte[] binding = UpdateCipher.binding("job-1", 3, "ds-a");
        private final byte[] update = new byte[5 * UpdateCipher.SEGMENT_BYTES + 123];

        Segments() {
            new SecureRandom().nextBytes(update);
        }

        @Test
        void aLargeUpdateRoundTripsWithOneTagPerSegment() throws Exception {
            SealedBox box = cipher.seal(update, binding);
            assertThat(box.ciphertext()).hasSize(update.length + 6 * 16);
            assertThat(cipher.open(box, binding)).isEqualTo(update);
        }

        @Test
        void updatesOfWholeSegmentsAndEmptyUpdatesRoundTrip() throws Exception {
            byte[] whole = java.util.Arrays.copyOf(update, 2 * UpdateCipher.SEGMENT_BYTES);
            assertThat(cipher.open(cipher.seal(whole, binding), binding)).isEqualTo(whole);
            assertThat(cipher.open(cipher.seal(new byte[0], binding), binding)).isEmpty();
        }

        @Test
        void swappedSegmentsAreDetected() {
            SealedBox box = cipher.seal(update, binding);
            int segment = UpdateCipher.SEGMENT_BYTES + 16;
            byte[] swapped = box.ciphertext().clone();
            System.arraycopy(box.ciphertext(), 0, swapped, segment, segment);
            System.arraycopy(box.ciphertext(), segment, swapped, 0, segment);
            assertThatThrownBy(() -> cipher.open(new SealedBox(box.nonce(), swapped), binding))
                    .isInstanceOf(UpdateTamperedException.class);
        }

        @Test
        void aDroppedLastSegmentIsDetected() {
            SealedBox box = cipher.seal(update, binding);
            byte[] cut = java.util.Arrays.copyOf(box.ciphertext(), 5 * (UpdateCipher.SEGMENT_BYTES + 16));
            assertThatThrownBy(() -> cipher.open(new SealedBox(box.nonce(), cut), binding))
                    .isInstanceOf(UpdateTamperedException.class);
        }

        @Test
        void aLastSegmentShorterThanItsTagIsRefused() {
            SealedBox box = cipher.seal(update, binding);
            byte[] cut = java.util.Arrays.copyOf(box.ciphertext(), 5 * (UpdateCipher.SEGMENT_BYTES + 16) + 7);
            assertThatThrownBy(() -> cipher.open(new SealedBox(box.nonce(), cut), binding))
                    .isInstanceOf(UpdateTamperedException.class)
                    .hasMessageContaining("shorter than its tag");
        }

        @Test
        void aFlippedBitInALaterSegmentIsDetected() {
            SealedBox box = cipher.seal(update, binding);
            byte[] ciphertext = box.ciphertext();
            ciphertext[3 * UpdateCipher.SEGMENT_BYTES + 100] ^= 1;
            assertThatThrownBy(() -> cipher.open(new SealedBox(box.nonce(), ciphertext), binding))
                    .isInstanceOf(UpdateTamperedException.class);
        }
    }
}
