package org.fdcfabric.msp;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM encoding of certificates and PKCS#8 private keys, written exactly as the Fabric Gateway client's
 * {@code Identities.toPemString} writes them, so serialized identity bytes agree wherever they are produced.
 */
public final class Pem {
    private Pem() {}

    public static String certificate(X509Certificate certificate) {
        return write(certificate);
    }

    public static String privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new MspException("cannot encode private key as PKCS#8", e);
        }
    }

    public static X509Certificate readCertificate(String pem) {
        List<X509Certificate> certificates = readCertificates(pem);
        if (certificates.size() != 1) {
            throw new MspException("expected exactly one PEM certificate, found " + certificates.size());
        }
        return certificates.get(0);
    }

    public static List<X509Certificate> readCertificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new MspException("PEM block is not a certificate: "
                            + object.getClass().getSimpleName());
                }
                certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (IOException | CertificateException e) {
            throw new MspException("malformed PEM certificate: " + e.getMessage(), e);
        }
        return certificates;
    }

    public static PrivateKey readPrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            PrivateKeyInfo info;
            if (object instanceof PrivateKeyInfo keyInfo) {
                info = keyInfo;
            } else if (object instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else {
                throw new MspException("PEM block is not a private key");
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new MspException("malformed PEM private key: " + e.getMessage(), e);
        }
    }

    private static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
