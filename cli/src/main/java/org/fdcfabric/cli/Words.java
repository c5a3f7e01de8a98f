package org.fdcfabric.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts and tallies in words for people: "1 institution", "3 institutions", "learningRate 0.1, rounds 5": never
 * Java's {@code toString} of a collection.
 */
public final class Words {
    private Words() {}

    /** {@code count} and the noun, with an "s" unless the count is one. */
    public static String count(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }

    /** {@code count} and the singular or plural form, for irregular nouns ("entry"/"entries"). */
    public static String count(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** "name value, name value" in name order; "" for an empty map. */
    public static String pairs(Map<String, ?> values) {
        return new TreeMap<>(values)
                .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
