package org.fdcfabric.client.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.hyperledger.fabric.client.identity.Identities;

/** PEM certificates and keys named by a config file; a file that is not one is a {@link ConfigException}. */
public final class PemFiles {
    private PemFiles() {}

    public static X509Certificate certificate(Path file, String key) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Identities.readX509Certificate(reader);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigException(
                    key, "key '" + key + "': " + file + " is not a PEM certificate: " + e.getMessage());
        }
    }

    public static PrivateKey privateKey(Path file, String key) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Identities.readPrivateKey(reader);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigException(
                    key, "key '" + key + "': " + file + " is not a PEM private key: " + e.getMessage());
        }
    }
}
