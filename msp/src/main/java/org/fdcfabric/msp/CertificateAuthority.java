package org.fdcfabric.msp;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate authority for one organisation, issuing certificates shaped like
 * cryptogen's and Fabric CA's: enrolment certificates with the NodeOU as subject OU and Fabric CA attributes
 * ({@code hf.*} plus custom ones such as {@code fdc.role}), and TLS server/client certificates with SANs.
 */
public final class CertificateAuthority {
    private static final String CERT_FILE = "ca-cert.pem";
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Clock clock;
    private final Duration validity;
    private final SecureRandom random;

    /** Wraps an existing CA (for example one read back from an MSP directory). */
    public CertificateAuthority(
            X509Certificate certificate, PrivateKey privateKey, Clock clock, Duration validity, SecureRandom random) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.random = Objects.requireNonNull(random, "random");
        if (certificate.getBasicConstraints() < 0) {
            throw new MspException("not a CA certificate: " + certificate.getSubjectX500Principal());
        }
    }

    /**
     * Creates a new root CA named {@code commonName} (e.g. {@code ca.org1.fdc}) for organisation {@code
     * organisation}, valid from the clock's now (backdated five minutes for clock skew) for {@code validity}.
     */
    public static CertificateAuthority create(
            String commonName, String organisation, Clock clock, Duration validity, SecureRandom random) {
        KeyPair keys = newKeyPair(random);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName)
                .build();
        Instant now = clock.instant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                serial(random),
                Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(validity)),
                subject,
                keys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.digitalSignature
                            | KeyUsage.keyEncipherment
                            | KeyUsage.keyCertSign
                            | KeyUsage.cRLSign));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth
            }));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new MspException("cannot build CA certificate for " + commonName, e);
        }
        X509Certificate certificate = sign(builder, keys.getPrivate());
        return new CertificateAuthority(certificate, keys.getPrivate(), clock, validity, random);
    }

    /** Stores the CA as cryptogen does: {@code <cn>-cert.pem} and the key {@code priv_sk} (owner-only). */
    public void save(Path folder) {
        MspDirectory.writeFile(folder.resolve(CERT_FILE), Pem.certificate(certificate));
        MspDirectory.writeSecret(folder.resolve(MspDirectory.KEY_FILE), Pem.privateKey(privateKey));
    }

    public static CertificateAuthority load(Path folder, Clock clock, Duration validity, SecureRandom random) {
        return new CertificateAuthority(
                Pem.readCertificate(MspDirectory.readFile(folder.resolve(CERT_FILE))),
                Pem.readPrivateKey(MspDirectory.readFile(folder.resolve(MspDirectory.KEY_FILE))),
                clock,
                validity,
                random);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * Issues an enrolment certificate: subject {@code C=US, OU=<nodeOu>, CN=<enrollmentId>}, and the Fabric CA
     * attribute extension holding {@code hf.EnrollmentID}, {@code hf.Type}, {@code hf.Affiliation} and {@code
     * attributes} (which may not override the {@code hf.*} ones).
     */
    public IssuedIdentity issue(String mspId, String enrollmentId, NodeOu nodeOu, Map<String, String> attributes) {
        requireText(enrollmentId, "enrollment id");
        Map<String, String> attrs = new TreeMap<>(attributes);
        if (attrs.keySet().stream().anyMatch(name -> name.startsWith("hf."))) {
            throw new MspException("custom attributes may not use the reserved hf. prefix: " + attrs.keySet());
        }
        attrs.put(CaAttributes.ENROLLMENT_ID, enrollmentId);
        attrs.put(CaAttributes.TYPE, nodeOu.identifier());
        attrs.put(CaAttributes.AFFILIATION, "");
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.OU, nodeOu.identifier())
                .addRDN(BCStyle.CN, enrollmentId)
                .build();
        KeyPair keys = newKeyPair(random);
        X509v3CertificateBuilder builder = leafBuilder(subject, keys.getPublic());
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(new ASN1ObjectIdentifier(CaAttributes.OID), false, CaAttributes.encode(attrs));
        } catch (CertIOException e) {
            throw new MspException("cannot build certificate for " + enrollmentId, e);
        }
        return new IssuedIdentity(mspId, sign(builder, privateKey), keys.getPrivate());
    }

    /**
     * Issues a TLS certificate for {@code commonName} usable as server and client certificate; {@code hosts}
     * become subject alternative names (IP literals as IP addresses, anything else as DNS names).
     */
    public IssuedIdentity issueTls(String mspId, String commonName, List<String> hosts) {
        requireText(commonName, "TLS common name");
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.CN, commonName)
                .build();
        KeyPair keys = newKeyPair(random);
        X509v3CertificateBuilder builder = leafBuilder(subject, keys.getPublic());
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(
                    isIpLiteral(host)
                            ? new GeneralName(GeneralName.iPAddress, host)
                            : new GeneralName(GeneralName.dNSName, host));
        }
        try {
            builder.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
            }));
            if (!names.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
        } catch (CertIOException e) {
            throw new MspException("cannot build TLS certificate for " + commonName, e);
        }
        return new IssuedIdentity(mspId, sign(builder, privateKey), keys.getPrivate());
    }

    private X509v3CertificateBuilder leafBuilder(X500Name subject, PublicKey publicKey) {
        Instant now = clock.instant();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                certificate, serial(random), Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, publicKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new MspException("cannot build certificate extensions for " + subject, e);
        }
        return builder;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new MspException("cannot sign certificate", e);
        }
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new MspException("ECDSA P-256 key generation is unavailable", e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static boolean isIpLiteral(String host) {
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank() || value.length() > 256) {
            throw new MspException(what + " must be 1-256 characters");
        }
    }
}
