package org.fdcfabric.protocol;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * ECDSA over SHA-256 as Fabric uses it: DER-encoded {@code SEQUENCE{r, s}} with s in the lower half of the curve
 * order ("low-S"; Fabric's verifier rejects the other half). Signing is deterministic (RFC 6979), so it draws no
 * randomness and the same key and message always give the same signature.
 */
public final class Signatures {
    public static final String INVALID_SIGNATURE = ErrorCode.INVALID_SIGNATURE.name();

    /**
     * One shared P-256 domain on BouncyCastle's optimised curve: the base point's precomputed multiples live on
     * it, so signing and verifying reuse them instead of rebuilding them from the JCA key on every call (about 7x
     * faster signing).
     */
    private static final ECDomainParameters P256 = p256();

    private Signatures() {}

    public static byte[] sign(PrivateKey privateKey, byte[] message) {
        return signDigest(privateKey, Hashes.sha256(message));
    }

    /**
     * Signs a SHA-256 digest computed elsewhere, as a Fabric Gateway client's {@code Signer} is asked to (the SDK
     * hashes, the signer signs). Same signature as {@link #sign(PrivateKey, byte[])} of the digested message.
     */
    public static byte[] signDigest(PrivateKey privateKey, byte[] sha256Digest) {
        if (sha256Digest == null || sha256Digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        ECPrivateKeyParameters key = privateParameters(privateKey);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(sha256Digest);
        BigInteger n = key.getParameters().getN();
        BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of two integers cannot fail", e);
        }
    }

    /**
     * Whether the two keys are one EC key pair: the private scalar times the base point is the public point. This
     * is what a sign-then-verify probe shows, for one multiplication on the shared base point's tables (which
     * signing reuses) instead of three; a client checks its identity with it on every start.
     *
     * @throws IllegalArgumentException when the private key is not an EC key
     */
    public static boolean isKeyPair(PrivateKey privateKey, PublicKey publicKey) {
        ECPrivateKeyParameters key = privateParameters(privateKey);
        ECPublicKeyParameters point;
        try {
            point = publicParameters(publicKey);
        } catch (InvalidKeyException | ClassCastException | IllegalArgumentException e) {
            return false;
        }
        if (!key.getParameters().equals(point.getParameters())) {
            return false;
        }
        return new FixedPointCombMultiplier()
                .multiply(key.getParameters().getG(), key.getD())
                .equals(point.getQ());
    }

    /**
     * Whether {@code signature} is a valid low-S, strictly DER-encoded signature of {@code message} by the key.
     * Malformed input is simply not valid; it never throws for bad signature bytes.
     */
    public static boolean verify(PublicKey publicKey, byte[] message, byte[] signature) {
        return verifier(publicKey).map(v -> v.verify(message, signature)).orElse(false);
    }

    /**
     * A verifier bound to one public key, or empty when the key is not a usable EC key. Keep it for as long as the
     * key is in use: BouncyCastle stores the key point's precomputed multiples on the point object, so every
     * verification after the first skips that work (several times faster than {@link #verify(PublicKey, byte[],
     * byte[])} with a fresh point).
     */
    public static Optional<Verifier> verifier(PublicKey publicKey) {
        try {
            return Optional.of(new Verifier(publicParameters(publicKey)));
        } catch (InvalidKeyException | ClassCastException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Verifies signatures of the one key it was made for, with the rules of {@link #verify(PublicKey, byte[],
     * byte[])}. Thread-safe: BouncyCastle guards the point's precomputation.
     */
    public static final class Verifier {
        private final ECPublicKeyParameters key;

        private Verifier(ECPublicKeyParameters key) {
            this.key = key;
        }

        public boolean verify(byte[] message, byte[] signature) {
            BigInteger[] rs = decodeStrict(signature);
            if (rs == null) {
                return false;
            }
            BigInteger n = key.getParameters().getN();
            if (rs[0].signum() <= 0
                    || rs[1].signum() <= 0
                    || rs[0].compareTo(n) >= 0
                    || rs[1].compareTo(n.shiftRight(1)) > 0) {
                return false;
            }
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, key);
            return verifier.verifySignature(Hashes.sha256(message), rs[0], rs[1]);
        }
    }

    private static ECDomainParameters p256() {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        return new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
    }

    private static boolean isP256(ECParameterSpec spec) {
        return spec != null
                && spec.getOrder().equals(P256.getN())
                && spec.getCurve().getField().getFieldSize() == 256;
    }

    private static ECPrivateKeyParameters privateParameters(PrivateKey privateKey) {
        if (privateKey instanceof ECPrivateKey ec && isP256(ec.getParams())) {
            return new ECPrivateKeyParameters(ec.getS(), P256);
        }
        try {
            return (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(privateKey);
        } catch (InvalidKeyException | ClassCastException e) {
            throw new IllegalArgumentException("not an EC private key: " + privateKey.getAlgorithm(), e);
        }
    }

    private static ECPublicKeyParameters publicParameters(PublicKey publicKey) throws InvalidKeyException {
        if (publicKey instanceof ECPublicKey ec && isP256(ec.getParams())) {
            // The constructor validates that the point lies on the curve.
            return new ECPublicKeyParameters(
                    P256.getCurve()
                            .createPoint(ec.getW().getAffineX(), ec.getW().getAffineY()),
                    P256);
        }
        return (ECPublicKeyParameters) ECUtil.generatePublicKeyParameter(publicKey);
    }

    private static BigInteger[] decodeStrict(byte[] der) {
        if (der == null || der.length < 8 || der.length > 72) {
            return null;
        }
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            if (seq.size() != 2) {
                return null;
            }
            BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
            // Re-encoding must give the same bytes: refuses BER variants and trailing data (malleability).
            byte[] canonical = new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
            return Arrays.equals(canonical, der) ? new BigInteger[] {r, s} : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
