package org.fdcfabric.protocol.secagg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InputChecks;

/**
 * Step 2: a center's fixed-point update (pre-scaled by its sample count, the count itself in the last slot) plus
 * its self mask and pairwise masks, in Z_2^64. Alone it is indistinguishable from uniform noise.
 */
public record MaskedInput(SessionId session, String centerId, long[] values) {
    public static final int MAX_LENGTH = 1 << 26;

    public MaskedInput {
        InputChecks.present(session, SecAggCodes.INVALID_MESSAGE, "session");
        CenterIds.check(centerId, "centerId");
        InputChecks.present(values, SecAggCodes.INVALID_MESSAGE, "values");
        InputChecks.require(
                values.length >= 2 && values.length <= MAX_LENGTH,
                SecAggCodes.WRONG_VECTOR_LENGTH,
                "masked vector length out of range: " + values.length);
        values = values.clone();
    }

    public int length() {
        return values.length;
    }

    /** Adds this input into {@code sum} modulo 2^64, without copying it. */
    public void addTo(long[] sum) {
        InputChecks.require(sum.length == values.length, SecAggCodes.WRONG_VECTOR_LENGTH, "length mismatch");
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
    }

    /**
     * SHA-256 of the masked words as sent (little-endian): what the chain records for this input and what the
     * center signs in its round usage.
     */
    public String commitment() {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return Hashes.sha256Hex(bytes.array());
    }

    @Override
    public long[] values() {
        return values.clone();
    }
}
