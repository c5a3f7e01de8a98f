package org.fdcfabric.devnet.ledger;

import java.util.Comparator;

/**
 * Fabric's key order: LevelDB compares keys as unsigned UTF-8 bytes, which equals Unicode code point order. Java's
 * {@code String.compareTo} compares UTF-16 units and puts supplementary characters (surrogate pairs) before
 * U+E000..U+FFFF, so composite-key scans (which end at U+10FFFF) would differ from Fabric without this.
 */
public final class Utf8KeyOrder {
    /** Code point (= unsigned UTF-8 byte) order. */
    public static final Comparator<String> COMPARATOR = Utf8KeyOrder::compare;

    private Utf8KeyOrder() {}

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

    /** Moves surrogates above U+E000..U+FFFF so that UTF-16 units compare in code point order. */
    private static int fixUp(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
