package org.fdcfabric.experiment;

import java.util.Optional;

/**
 * How rows are dealt to centers: by the value of a column (for example a subject or site id: one center per
 * value), or by a seeded random split into {@code centers}; then each center holds out a seeded
 * {@code testFraction} of its rows as its local test split.
 */
public record Partitioning(Optional<String> byColumn, int centers, long seed, double testFraction) {
    public Partitioning {
        if (byColumn.isEmpty() && (centers < 1 || centers > 1000)) {
            throw new IllegalArgumentException("a random split needs 1..1000 centers, was " + centers);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), was " + testFraction);
        }
    }

    public static Partitioning byColumn(String column, long seed, double testFraction) {
        return new Partitioning(Optional.of(column), 0, seed, testFraction);
    }

    public static Partitioning random(int centers, long seed, double testFraction) {
        return new Partitioning(Optional.empty(), centers, seed, testFraction);
    }
}
