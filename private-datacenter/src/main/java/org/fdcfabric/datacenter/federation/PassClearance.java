package org.fdcfabric.datacenter.federation;

import java.util.Objects;

/**
 * The chain's answer about a pass.
 *
 * <p>Not {@code protocol.pass.PassVerdict}: the verdict speaks of the pass alone; a clearance joins it with the
 * job's compute organisation (from {@code job~{jobId}}), because a center serves only the compute node the job
 * names.
 *
 * @param valid whether the pass allows the use now
 * @param computeMsp the MSP id of the job's public compute organisation: the only caller allowed to use the pass
 * @param reason why not, when not valid (for example {@code PASS_REVOKED}, {@code PASS_EXPIRED})
 */
public record PassClearance(boolean valid, String computeMsp, String reason) {
    public PassClearance {
        Objects.requireNonNull(reason, "reason");
        if (valid && (computeMsp == null || computeMsp.isBlank())) {
            throw new IllegalArgumentException("a valid pass names its job's compute organisation");
        }
    }

    public static PassClearance granted(String computeMsp) {
        return new PassClearance(true, computeMsp, "");
    }

    public static PassClearance refused(String reason) {
        return new PassClearance(false, null, reason);
    }
}
