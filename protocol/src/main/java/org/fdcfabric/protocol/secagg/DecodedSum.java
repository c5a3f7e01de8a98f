package org.fdcfabric.protocol.secagg;

/** The unmasked aggregate: the sample-weighted mean of the centers' vectors and the total sample count. */
public record DecodedSum(float[] mean, long totalSamples) {
    public DecodedSum {
        mean = mean.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }
}
