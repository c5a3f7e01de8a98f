package org.fdcfabric.auditor;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One finding: its kind, what it is about ({@code job:j1}, {@code pass:r1:ds-1}, ...), the evidence that locates
 * it on chain (tx ids, block numbers, sequence numbers, the values compared) and a sentence for people.
 */
public record Violation(ViolationKind kind, String subject, SortedMap<String, String> evidence, String message) {
    public Violation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        evidence = Collections.unmodifiableSortedMap(new TreeMap<>(evidence));
    }

    public static Violation of(ViolationKind kind, String subject, Map<String, String> evidence, String message) {
        return new Violation(kind, subject, new TreeMap<>(evidence), message);
    }
}
