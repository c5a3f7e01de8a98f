package org.fdcfabric.datacenter.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** The shared test PKI's device CA, center and device certificates written as the PEM files TLS reads. */
final class TestPki {
    private final Path dir;
    private final org.fdcfabric.datacenter.testing.TestPki pki = new org.fdcfabric.datacenter.testing.TestPki();
    private final org.fdcfabric.datacenter.testing.TestPki.Org deviceCa;
    private final Path caFile;

    TestPki(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            deviceCa = pki.organization("DeviceCA");
            caFile = pem(dir.resolve("ca.pem"), "CERTIFICATE", deviceCa.ca().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The center's side: a certificate valid for localhost, trusting the device CA. */
    TlsFiles center() {
        return issue("center");
    }

    /** A device's side: its id as the certificate's common name, trusting the same CA. */
    TlsFiles device(String deviceId) {
        return issue(deviceId);
    }

    private TlsFiles issue(String commonName) {
        try {
            var member = pki.member(deviceCa, commonName);
            return new TlsFiles(
                    pem(
                            dir.resolve(commonName + ".pem"),
                            "CERTIFICATE",
                            member.certificate().getEncoded()),
                    pem(
                            dir.resolve(commonName + ".key"),
                            "PRIVATE KEY",
                            member.privateKey().getEncoded()),
                    caFile);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pem(Path file, String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        try {
            Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
