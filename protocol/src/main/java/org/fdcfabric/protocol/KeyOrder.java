package org.fdcfabric.protocol;

import java.util.Comparator;

/**
 * Fabric's ledger key order, written once for the devnet's state database, its transaction simulation and the
 * chaincode tests' in-memory ledger. LevelDB compares keys as unsigned UTF-8 bytes, which equals Unicode code
 * point order. Java's {@code String.compareTo} compares UTF-16 units and puts supplementary characters (surrogate
 * pairs) before U+E000..U+FFFF, so composite-key scans (which end at U+10FFFF) would differ from Fabric without
 * this.
 */
public final class KeyOrder {
    /** Code point (= unsigned UTF-8 byte) order. */
    public static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {}

    public static int compare(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return fixUp(x) - fixUp(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** The peer refuses keys that are not valid UTF-8; in Java that means an unpaired surrogate. */
    public static boolean isValidUtf8(String key) {
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

    /** Moves surrogates above U+E000..U+FFFF so that UTF-16 units compare in code point order. */
    private static int fixUp(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
