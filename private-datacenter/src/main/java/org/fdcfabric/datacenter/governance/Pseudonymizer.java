package org.fdcfabric.datacenter.governance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Replaces subject ids by keyed pseudonyms: {@code sub-} and the first 128 bits of HMAC-SHA256(key, id) in
 * hex. The same subject always gets the same pseudonym at this center, so windows of one child stay linked;
 * without the key (which stays in the center's keystore) nobody can compute or reverse one.
 */
public final class Pseudonymizer {
    private final SecretKey key;

    public Pseudonymizer(SecretKey key) {
        if (!"HmacSHA256".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("pseudonym key must be an HmacSHA256 key, is " + key.getAlgorithm());
        }
        this.key = key;
    }

    public String pseudonym(String subjectId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(subjectId.getBytes(StandardCharsets.UTF_8));
            return "sub-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
