package org.fdcfabric.datacenter.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One raw sample of a stream: its position in the stream ({@code sequence}: the device's counter, or the CSV
 * line number, so every error can point back at its source), when it was taken, whose it is (empty for
 * sensors worn by nobody) and one value per channel of the stream's sensor model. A value may be NaN when the
 * source had none; governance drops such readings as missing.
 */
public record Reading(long sequence, long timestampMillis, String subject, double[] values) {
    public Reading {
        Objects.requireNonNull(subject, "subject");
        values = values.clone();
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, was " + sequence);
        }
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double value(int channel) {
        return values[channel];
    }

    public int channelCount() {
        return values.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Reading r
                && r.sequence == sequence
                && r.timestampMillis == timestampMillis
                && r.subject.equals(subject)
                && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, timestampMillis, subject, Arrays.hashCode(values));
    }

    /** Leaves out subject and values: readings are personal data and must not reach logs. */
    @Override
    public String toString() {
        return "Reading[sequence=" + sequence + ", timestampMillis=" + timestampMillis + "]";
    }
}
