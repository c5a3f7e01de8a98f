package org.fdcfabric.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and lowercase hex, the only digest and text encoding of hashes in FDC-Fabric. */
public final class Hashes {
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {}

    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha256Digest().digest(data);
    }

    public static String sha256Hex(byte[] data) {
        return hex(sha256(data));
    }

    public static String hex(byte[] data) {
        return HEX.formatHex(data);
    }

    /** Parses lowercase or uppercase hex; a malformed string is an {@link InvalidInputException}. */
    public static byte[] unhex(String hex, String code) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(code, "not valid hex");
        }
    }
}
