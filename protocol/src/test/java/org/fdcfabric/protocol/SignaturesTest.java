package org.fdcfabric.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class SignaturesTest {
    static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    static KeyPair p256() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        return gen.generateKeyPair();
    }

    final byte[] message = "collaboration".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsDeterministicallyLowSAndVerifies() throws Exception {
        KeyPair keys = p256();
        for (int i = 0; i < 50; i++) {
            byte[] m = ("message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] sig = Signatures.sign(keys.getPrivate(), m);
            assertThat(Signatures.sign(keys.getPrivate(), m)).isEqualTo(sig);
            BigInteger s = ASN1Integer.getInstance(ASN1Sequence.getInstance(sig).getObjectAt(1))
                    .getValue();
            assertThat(s).isLessThanOrEqualTo(P256_ORDER.shiftRight(1));
            assertThat(Signatures.verify(keys.getPublic(), m, sig)).isTrue();
        }
    }

    @Test
    void verifiesSignaturesFromTheJdkProviderWhenLowS() throws Exception {
        KeyPair keys = p256();
        java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSA");
        jdk.initSign(keys.getPrivate());
        jdk.update(message);
        byte[] sig = jdk.sign();
        ASN1Sequence seq = ASN1Sequence.getInstance(sig);
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        BigInteger low = s.min(P256_ORDER.subtract(s));
        BigInteger high = s.max(P256_ORDER.subtract(s));
        assertThat(Signatures.verify(keys.getPublic(), message, der(r, low))).isTrue();
        assertThat(Signatures.verify(keys.getPublic(), message, der(r, high)))
                .as("high-S is malleable")
                .isFalse();
    }

    @Test
    void rejectsWrongKeyWrongMessageAndMalformedBytes() throws Exception {
        KeyPair keys = p256();
        byte[] sig = Signatures.sign(keys.getPrivate(), message);
        assertThat(Signatures.verify(p256().getPublic(), message, sig)).isFalse();
        assertThat(Signatures.verify(keys.getPublic(), "other".getBytes(StandardCharsets.UTF_8), sig))
                .isFalse();
        assertThat(Signatures.verify(keys.getPublic(), message, new byte[0])).isFalse();
        assertThat(Signatures.verify(keys.getPublic(), message, null)).isFalse();
        byte[] trailing = new byte[sig.length + 1];
        System.arraycopy(sig, 0, trailing, 0, sig.length);
        assertThat(Signatures.verify(keys.getPublic(), message, trailing)).isFalse();
        byte[] flipped = sig.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThat(Signatures.verify(keys.getPublic(), message, flipped)).isFalse();
    }

    @Test
    void aKeptVerifierAcceptsOnlyItsOwnKeysSignaturesAcrossManyCalls() throws Exception {
        KeyPair keys = p256();
        KeyPair other = p256();
        Signatures.Verifier verifier = Signatures.verifier(keys.getPublic()).orElseThrow();
        for (int i = 0; i < 20; i++) {
            byte[] m = ("message " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(verifier.verify(m, Signatures.sign(keys.getPrivate(), m)))
                    .isTrue();
            assertThat(verifier.verify(m, Signatures.sign(other.getPrivate(), m)))
                    .as("the precomputed point belongs to one key only")
                    .isFalse();
        }
        byte[] sig = Signatures.sign(keys.getPrivate(), message);
        assertThat(verifier.verify("other".getBytes(StandardCharsets.UTF_8), sig))
                .isFalse();
        assertThat(verifier.verify(message, null)).isFalse();
    }

    @Test
    void aVerifierNeedsAnEcKey() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThat(Signatures.verifier(rsa.generateKeyPair().getPublic())).isEmpty();
    }

    @Test
    void aKeyPairCheckTellsAPairFromTwoKeys() throws Exception {
        KeyPair keys = p256();
        KeyPair other = p256();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);

        assertThat(Signatures.isKeyPair(keys.getPrivate(), keys.getPublic())).isTrue();
        assertThat(Signatures.isKeyPair(keys.getPrivate(), other.getPublic())).isFalse();
        assertThat(Signatures.isKeyPair(keys.getPrivate(), rsa.generateKeyPair().getPublic()))
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Signatures.isKeyPair(rsa.generateKeyPair().getPrivate(), keys.getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingADigestEqualsSigningTheMessage() throws Exception {
        KeyPair keys = p256();
        assertThat(Signatures.signDigest(keys.getPrivate(), Hashes.sha256(message)))
                .isEqualTo(Signatures.sign(keys.getPrivate(), message));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Signatures.signDigest(keys.getPrivate(), message))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] der(BigInteger r, BigInteger s) throws Exception {
        return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
    }
}
