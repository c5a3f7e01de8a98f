package org.fdcfabric.devnet.chaincode;

import java.util.Comparator;

/**
 * State keys compare by unsigned UTF-8 bytes, as Fabric's LevelDB does. Code point order is the same order;
 * Java's {@code String.compareTo} is not (UTF-16 puts U+E000..U+FFFF after supplementary characters).
 */
final class KeyOrder {
    static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {}

    private static int compare(String a, String b) {
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
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
