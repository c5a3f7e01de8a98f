package org.fdcfabric.msp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

/**
 * ECDSA over SHA-256 as Fabric's BCCSP does it: DER {@code SEQUENCE{r, s}} with {@code s} in the lower half of the
 * curve order. Signing is deterministic (RFC 6979), so the same key and message always give the same bytes; verify
 * rejects high-S signatures, which Fabric's verifier refuses.
 */
public final class EcdsaSignatures {
    private EcdsaSignatures() {}

    public static byte[] sign(PrivateKey key, byte[] message) {
        ECPrivateKeyParameters params = privateParameters(key);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, params);
        BigInteger[] rs = signer.generateSignature(sha256(message));
        BigInteger n = params.getParameters().getN();
        BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
        try {
            return StandardDSAEncoding.INSTANCE.encode(n, rs[0], s);
        } catch (IOException e) {
            throw new MspException("cannot DER-encode signature", e);
        }
    }

    /** False for malformed, high-S or wrong signatures; never throws on bad signature bytes. */
    public static boolean verify(PublicKey key, byte[] message, byte[] derSignature) {
        ECPublicKeyParameters params;
        try {
            params = (ECPublicKeyParameters) ECUtil.generatePublicKeyParameter(key);
        } catch (InvalidKeyException | ClassCastException e) {
            return false;
        }
        ECDomainParameters domain = params.getParameters();
        BigInteger[] rs;
        try {
            rs = StandardDSAEncoding.INSTANCE.decode(domain.getN(), derSignature);
        } catch (IOException | RuntimeException e) {
            // BouncyCastle's ASN.1 parser throws assorted runtime exceptions on garbage; all mean "not a signature"
            return false;
        }
        if (rs[1].compareTo(domain.getN().shiftRight(1)) > 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, params);
        return verifier.verifySignature(sha256(message), rs[0], rs[1]);
    }

    private static ECPrivateKeyParameters privateParameters(PrivateKey key) {
        try {
            return (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(key);
        } catch (InvalidKeyException | ClassCastException e) {
            throw new MspException("not an EC private key: " + key.getAlgorithm(), e);
        }
    }

    private static byte[] sha256(byte[] message) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(message, 0, message.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
