package org.fdcfabric.compute.aggregation.robust;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One center's verdict, shaped for the round record (canonical JSON, so no floating point).
 *
 * @param norm the L2 norm of the update as sent, to 6 significant digits; absent (null) if it had non-finite values
 * @param reason why it was not accepted as sent; empty when accepted
 */
public record UpdateVerdict(String centerId, Verdict verdict, BigDecimal norm, String reason) {
    static UpdateVerdict accepted(String centerId, double norm) {
        BigDecimal rounded = Double.isFinite(norm) ? new BigDecimal(norm, new MathContext(6)) : null;
        return new UpdateVerdict(centerId, Verdict.ACCEPTED, rounded, "");
    }

    UpdateVerdict downgrade(Verdict to, String why) {
        return new UpdateVerdict(centerId, to, norm, reason.isEmpty() ? why : reason + "; " + why);
    }
}
