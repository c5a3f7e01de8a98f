package org.fdcfabric.datacenter.federation;

/**
 * One use of a dataset, reported on chain whether it was granted or refused.
 *
 * <p>Not {@code protocol.trail.UsageReport}: this is the center's own account of the call (operation, sample count,
 * the caller its certificate proved); the chain port turns it into the report it signs and submits, adding the pass
 * and a detail line.
 *
 * @param operation {@code train} or {@code evaluate}
 * @param callerMsp the caller's organisation as its certificate proved it ({@code unknown} if it proved none)
 * @param reason empty when granted; the refusal code otherwise
 * @param samples samples used (0 when refused)
 */
public record DatasetUse(
        String jobId,
        String datasetId,
        int round,
        String operation,
        String callerMsp,
        boolean granted,
        String reason,
        long samples) {}
