package org.fdcfabric.datacenter.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The center's own secret keys, kept in a PKCS12 keystore file under its data directory: the key that seals
 * raw readings at rest and the key of the subject pseudonyms. Neither is ever exported: the store and the
 * governance pipeline use them in place, and nothing in the data center sends them anywhere.
 */
public final class CenterKeys {
    static final String READINGS_ALIAS = "fdc-readings-aes";
    static final String PSEUDONYM_ALIAS = "fdc-pseudonym-hmac";

    private final SecretKey readingKey;
    private final SecretKey pseudonymKey;

    private CenterKeys(SecretKey readingKey, SecretKey pseudonymKey) {
        this.readingKey = readingKey;
        this.pseudonymKey = pseudonymKey;
    }

    /** The default keystore location: {@code <dataDir>/keys/center-keys.p12}. */
    public static Path defaultLocation(Path dataDir) {
        return dataDir.resolve("keys").resolve("center-keys.p12");
    }

    /**
     * Loads the keystore, or creates it with fresh random keys (AES-256, HMAC-SHA256) when the file does not
     * exist yet. A wrong password or a keystore without both keys is an error, never a silent re-key, since
     * that would make every sealed reading unreadable.
     */
    public static CenterKeys openOrCreate(Path file, char[] password) {
        try {
            if (Files.exists(file)) {
                return load(file, password);
            }
            return create(file, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("cannot open the center keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static CenterKeys load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
        if (!store.containsAlias(READINGS_ALIAS) || !store.containsAlias(PSEUDONYM_ALIAS)) {
            throw new StoreException(
                    "keystore " + file + " lacks the entries " + READINGS_ALIAS + " and " + PSEUDONYM_ALIAS);
        }
        SecretKey aes = ((KeyStore.SecretKeyEntry) store.getEntry(READINGS_ALIAS, protection)).getSecretKey();
        SecretKey hmac = ((KeyStore.SecretKeyEntry) store.getEntry(PSEUDONYM_ALIAS, protection)).getSecretKey();
        return new CenterKeys(aes, hmac);
    }

    private static CenterKeys create(Path file, char[] password) throws IOException, GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        KeyGenerator aesGenerator = KeyGenerator.getInstance("AES");
        aesGenerator.init(256, random);
        KeyGenerator hmacGenerator = KeyGenerator.getInstance("HmacSHA256");
        hmacGenerator.init(256, random);
        CenterKeys keys = new CenterKeys(aesGenerator.generateKey(), hmacGenerator.generateKey());

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
        store.setEntry(READINGS_ALIAS, new KeyStore.SecretKeyEntry(keys.readingKey), protection);
        store.setEntry(PSEUDONYM_ALIAS, new KeyStore.SecretKeyEntry(keys.pseudonymKey), protection);

        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".center-keys", ".tmp");
        restrictToOwner(temp);
        try (OutputStream out = Files.newOutputStream(temp)) {
            store.store(out, password);
        }
        // Atomic: a crash never leaves a half-written keystore that a later start would reject.
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return keys;
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** AES-256 key sealing raw readings at rest. */
    public SecretKey readingKey() {
        return readingKey;
    }

    /** HMAC-SHA256 key of subject pseudonyms. */
    public SecretKey pseudonymKey() {
        return pseudonymKey;
    }

    @Override
    public String toString() {
        return "CenterKeys[redacted]";
    }
}
