package org.fdcfabric.compute.aggregation.robust;

/**
 * @param norm the L2 norm of the update as sent (NaN if it had non-finite values)
 * @param reason why it was not accepted as sent; empty when accepted
 */
public record UpdateVerdict(String centerId, Verdict verdict, double norm, String reason) {
    static UpdateVerdict accepted(String centerId, double norm) {
        return new UpdateVerdict(centerId, Verdict.ACCEPTED, norm, "");
    }

    UpdateVerdict downgrade(Verdict to, String why) {
        return new UpdateVerdict(centerId, to, norm, reason.isEmpty() ? why : reason + "; " + why);
    }
}
