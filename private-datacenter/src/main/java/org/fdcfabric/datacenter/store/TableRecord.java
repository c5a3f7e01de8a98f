package org.fdcfabric.datacenter.store;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * One table row as its UCL's Merkle root commits to it: the cells in schema order (a category as its index, null
 * when missing) and the label (class index or target), as decimals. Its canonical JSON is the Merkle leaf.
 *
 * <p>A float becomes the decimal of its exact binary value rounded to 9 significant digits (17 for the label's
 * double), enough to give the value back, and computed by {@link BigDecimal} alone, so the leaf is the same on every
 * JVM ({@code Float.toString} is not).
 */
public record TableRecord(List<BigDecimal> cells, BigDecimal label) {
    private static final MathContext FLOAT_DIGITS = new MathContext(9);
    private static final MathContext DOUBLE_DIGITS = new MathContext(17);

    public TableRecord {
        cells = Collections.unmodifiableList(new ArrayList<>(cells));
    }

    public static TableRecord of(float[] cells, double label) {
        List<BigDecimal> decimals = new ArrayList<>(cells.length);
        for (float cell : cells) {
            decimals.add(Float.isNaN(cell) ? null : decimal(new BigDecimal(cell), FLOAT_DIGITS));
        }
        return new TableRecord(decimals, decimal(new BigDecimal(label), DOUBLE_DIGITS));
    }

    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(this);
    }

    private static BigDecimal decimal(BigDecimal exact, MathContext digits) {
        BigDecimal rounded = exact.round(digits).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
