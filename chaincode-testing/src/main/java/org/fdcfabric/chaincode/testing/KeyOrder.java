package org.fdcfabric.chaincode.testing;

import java.util.Comparator;

/**
 * Fabric's LevelDB state database orders keys by their UTF-8 bytes, unsigned. For valid UTF-8 that is code point
 * order, which differs from {@link String#compareTo} (UTF-16 units) once supplementary characters meet U+E000..U+FFFF.
 */
final class KeyOrder {
    static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {}

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** The peer refuses keys that are not valid UTF-8; in Java that means an unpaired surrogate. */
    static boolean isValidUtf8(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
