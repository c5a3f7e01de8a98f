package org.fdcfabric.client.profile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.fdcfabric.client.ProfileInvalid;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.profile.ConnectionProfile;
import org.fdcfabric.protocol.profile.ConnectionProfile.ProfileIdentity;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * A checked connection profile together with the file it came from, which anchors the relative paths in it.
 *
 * @param file the profile's absolute path
 */
public record LoadedProfile(Path file, ConnectionProfile profile) {

    /** A path from the profile, made absolute against the profile's own directory. */
    public Path resolve(String path) {
        return file.getParent().resolve(path).normalize();
    }

    public Path tlsRootCert() {
        return resolve(profile.gateway().tlsRootCert());
    }

    /**
     * The identity to act as: the one named, or, when none is named, the profile's only identity.
     *
     * @throws ProfileInvalid when the name is unknown or none is named and the profile lists several
     */
    public String identityName(String requested) throws ProfileInvalid {
        if (requested != null) {
            if (!profile.identities().containsKey(requested)) {
                throw new ProfileInvalid(file, "no identity named '" + requested + "'; this profile has: " + known());
            }
            return requested;
        }
        if (profile.identities().size() == 1) {
            return profile.identities().keySet().iterator().next();
        }
        throw new ProfileInvalid(file, "name the identity to act as (--as); this profile has: " + known());
    }

    /** Loads the named identity's certificate and key, and checks that the key belongs to the certificate. */
    public SigningMaterial signingMaterial(String identityName) throws ProfileInvalid {
        String name = identityName(identityName);
        ProfileIdentity identity = profile.identities().get(name);
        Path certFile = resolve(identity.certificate());
        Path keyFile = resolve(identity.privateKey());
        X509Certificate certificate = certificate(certFile);
        PrivateKey key = privateKey(keyFile);
        boolean matches;
        try {
            matches = Signatures.isKeyPair(key, certificate.getPublicKey());
        } catch (IllegalArgumentException e) {
            throw new ProfileInvalid(keyFile, "is not an EC private key (Fabric identities use ECDSA)", e);
        }
        if (!matches) {
            throw new ProfileInvalid(keyFile, "private key does not belong to the certificate " + certFile);
        }
        return new SigningMaterial(name, identity.mspId(), certificate, key);
    }

    private String known() {
        return String.join(", ", profile.identities().keySet());
    }

    private static X509Certificate certificate(Path file) throws ProfileInvalid {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return Identities.readX509Certificate(reader);
        } catch (NoSuchFileException e) {
            throw new ProfileInvalid(file, "certificate file does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ProfileInvalid(file, "certificate file is not readable (permission denied)", e);
        } catch (CertificateException | IOException | RuntimeException e) {
            throw new ProfileInvalid(file, "is not a PEM X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) throws ProfileInvalid {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return Identities.readPrivateKey(reader);
        } catch (NoSuchFileException e) {
            throw new ProfileInvalid(file, "private key file does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ProfileInvalid(file, "private key file is not readable (permission denied)", e);
        } catch (InvalidKeyException | IOException | RuntimeException e) {
            throw new ProfileInvalid(file, "is not a PEM private key: " + e.getMessage(), e);
        }
    }
}
