package org.fdcfabric.msp;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

/** A node's {@code tls/} folder as cryptogen lays it out: {@code server.crt}, {@code server.key}, {@code ca.crt}. */
public final class TlsDirectory {
    private final Path root;

    public TlsDirectory(Path root) {
        this.root = root;
    }

    public Path certificateFile() {
        return root.resolve("server.crt");
    }

    public Path keyFile() {
        return root.resolve("server.key");
    }

    public Path caCertificateFile() {
        return root.resolve("ca.crt");
    }

    public void write(IssuedIdentity tlsIdentity, X509Certificate tlsCaCertificate) {
        MspDirectory.writeFile(certificateFile(), tlsIdentity.certificatePem());
        MspDirectory.writeSecret(keyFile(), Pem.privateKey(tlsIdentity.privateKey()));
        MspDirectory.writeFile(caCertificateFile(), Pem.certificate(tlsCaCertificate));
    }

    public TlsMaterial read(String mspId) {
        IssuedIdentity identity = new IssuedIdentity(
                mspId,
                Pem.readCertificate(MspDirectory.readFile(certificateFile())),
                Pem.readPrivateKey(MspDirectory.readFile(keyFile())));
        return new TlsMaterial(identity, Pem.readCertificate(MspDirectory.readFile(caCertificateFile())));
    }

    /** A TLS key pair and the root that signed it. */
    public record TlsMaterial(IssuedIdentity identity, X509Certificate caCertificate) {}
}
