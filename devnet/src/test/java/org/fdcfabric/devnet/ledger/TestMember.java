package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.fdcfabric.msp.IssuedIdentity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** A test identity with a real P-256 key and certificate, serialized as Fabric does (MSP id + PEM). */
public record TestMember(
        String mspId,
        String nodeOu,
        KeyPair keys,
        X509Certificate certificate,
        ByteString serialized,
        ECPublicKeyParameters verificationKey)
        implements VerifiedIdentity {
    /** BouncyCastle's P-256 with its fast field arithmetic; a reused public point keeps its precomputation. */
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

    private static final AtomicLong SERIALS = new AtomicLong(1);

    /** Wraps an identity issued by the devnet's own certificate authority. */
    public static TestMember of(IssuedIdentity issued, String nodeOu) {
        ECPoint w = ((ECPublicKey) issued.certificate().getPublicKey()).getW();
        return new TestMember(
                issued.mspId(),
                nodeOu,
                new KeyPair(issued.certificate().getPublicKey(), issued.privateKey()),
                issued.certificate(),
                ByteString.copyFrom(issued.serialize()),
                new ECPublicKeyParameters(
                        P256.getCurve().createPoint(w.getAffineX(), w.getAffineY()),
                        new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH())));
    }

    public static TestMember create(String mspId, String nodeOu) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name =
                    new X500Name("CN=" + nodeOu + SERIALS.get() + "." + mspId + ",OU=" + nodeOu + ",O=" + mspId);
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    BigInteger.valueOf(SERIALS.getAndIncrement()),
                                    Date.from(now.minus(1, ChronoUnit.DAYS)),
                                    Date.from(now.plus(365, ChronoUnit.DAYS)),
                                    name,
                                    keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            ByteString serialized = SerializedIdentity.newBuilder()
                    .setMspid(mspId)
                    .setIdBytes(ByteString.copyFromUtf8(pem))
                    .build()
                    .toByteString();
            ECPoint w = ((ECPublicKey) keys.getPublic()).getW();
            ECPublicKeyParameters verificationKey = new ECPublicKeyParameters(
                    P256.getCurve().createPoint(w.getAffineX(), w.getAffineY()),
                    new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH()));
            return new TestMember(mspId, nodeOu, keys, certificate, serialized, verificationKey);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deterministic (RFC 6979), low-S ECDSA over SHA-256, DER-encoded, as Fabric's signers produce. */
    public byte[] sign(byte[] message) {
        try {
            ECDomainParameters domain = verificationKey.getParameters();
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, new ECPrivateKeyParameters(((ECPrivateKey) keys.getPrivate()).getS(), domain));
            BigInteger[] rs = signer.generateSignature(
                    MessageDigest.getInstance("SHA-256").digest(message));
            BigInteger s = rs[1].compareTo(domain.getN().shiftRight(1)) > 0
                    ? domain.getN().subtract(rs[1])
                    : rs[1];
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(s)}).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verifySignature(byte[] message, byte[] signatureBytes) {
        try {
            ASN1Sequence rs = ASN1Sequence.getInstance(signatureBytes);
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, verificationKey);
            return verifier.verifySignature(
                    MessageDigest.getInstance("SHA-256").digest(message),
                    ASN1Integer.getInstance(rs.getObjectAt(0)).getValue(),
                    ASN1Integer.getInstance(rs.getObjectAt(1)).getValue());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
