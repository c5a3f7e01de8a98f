package org.fdcfabric.protocol.secagg;

/** The unmasked sum of the centers' statistics ({@link StatisticsCodec}): total row count and summed values. */
public record StatisticsSum(long count, double[] values) {
    public StatisticsSum {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
