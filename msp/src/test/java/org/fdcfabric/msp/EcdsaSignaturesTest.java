package org.fdcfabric.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EcdsaSignaturesTest {
    private KeyPair keys;
    private BigInteger order;

    @BeforeEach
    void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        order = ((ECPublicKey) keys.getPublic()).getParams().getOrder();
    }

    @Nested
    class Sign {
        @Test
        void isDeterministic() {
            byte[] message = "proposal".getBytes(StandardCharsets.UTF_8);
            assertThat(EcdsaSignatures.sign(keys.getPrivate(), message))
                    .isEqualTo(EcdsaSignatures.sign(keys.getPrivate(), message));
        }

        @Test
        void alwaysProducesLowSThatTheJdkAlsoVerifies() throws Exception {
            for (int i = 0; i < 64; i++) {
                byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
                byte[] signature = EcdsaSignatures.sign(keys.getPrivate(), message);
                BigInteger s = StandardDSAEncoding.INSTANCE.decode(order, signature)[1];
                assertThat(s).isLessThanOrEqualTo(order.shiftRight(1));
                Signature jdk = Signature.getInstance("SHA256withECDSA");
                jdk.initVerify(keys.getPublic());
                jdk.update(message);
                assertThat(jdk.verify(signature)).isTrue();
            }
        }

        @Test
        void refusesNonEcKeys() throws Exception {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            assertThatThrownBy(() -> EcdsaSignatures.sign(rsa.generateKeyPair().getPrivate(), new byte[1]))
                    .isInstanceOf(MspException.class);
        }
    }

    @Nested
    class Verify {
        private final byte[] message = "envelope payload".getBytes(StandardCharsets.UTF_8);

        @Test
        void acceptsItsOwnSignature() {
            assertThat(EcdsaSignatures.verify(
                            keys.getPublic(), message, EcdsaSignatures.sign(keys.getPrivate(), message)))
                    .isTrue();
        }

        @Test
        void rejectsTheHighSTwinOfAValidSignature() throws Exception {
            byte[] low = EcdsaSignatures.sign(keys.getPrivate(), message);
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(order, low);
            byte[] high = StandardDSAEncoding.INSTANCE.encode(order, rs[0], order.subtract(rs[1]));
            Signature jdk = Signature.getInstance("SHA256withECDSA");
            jdk.initVerify(keys.getPublic());
            jdk.update(message);
            assertThat(jdk.verify(high)).as("mathematically valid").isTrue();
            assertThat(EcdsaSignatures.verify(keys.getPublic(), message, high)).isFalse();
        }

        @Test
        void rejectsAnotherMessageGarbageAndEmptyBytes() {
            byte[] signature = EcdsaSignatures.sign(keys.getPrivate(), message);
            assertThat(EcdsaSignatures.verify(keys.getPublic(), "other".getBytes(StandardCharsets.UTF_8), signature))
                    .isFalse();
            assertThat(EcdsaSignatures.verify(keys.getPublic(), message, new byte[] {1, 2, 3}))
                    .isFalse();
            assertThat(EcdsaSignatures.verify(keys.getPublic(), message, new byte[0]))
                    .isFalse();
        }
    }
}
