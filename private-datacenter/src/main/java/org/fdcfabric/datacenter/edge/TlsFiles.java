package org.fdcfabric.datacenter.edge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * PEM files of one side of a mutual-TLS connection: its certificate chain, its private key (PKCS#8) and the CA
 * certificate it trusts for the other side.
 */
public record TlsFiles(Path certificateChain, Path privateKey, Path trustedCa) {
    public TlsFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trustedCa, "trustedCa");
        for (Path file : new Path[] {certificateChain, privateKey, trustedCa}) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("TLS file " + file + " does not exist or is not readable");
            }
        }
    }
}
