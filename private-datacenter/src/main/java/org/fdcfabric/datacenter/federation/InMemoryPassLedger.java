package org.fdcfabric.datacenter.federation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.LedgerRefusal;

/**
 * An in-memory stand-in for the chain's {@code pass} and {@code audit} contracts with their semantics: a pass
 * is valid for its job, dataset and purpose until it expires or is revoked, and only while its job runs (until
 * {@link #settle}); every use is appended to a log. For tests and for experiments that run without a chain.
 */
public final class InMemoryPassLedger implements PassCheck {
    private record Pass(String computeMsp, String purpose, Instant expiresAt, boolean revoked) {}

    private final Clock clock;
    private final Map<String, Pass> passes = new TreeMap<>();
    private final Set<String> settled = new TreeSet<>();
    private final List<DatasetUse> usage = new ArrayList<>();

    public InMemoryPassLedger(Clock clock) {
        this.clock = clock;
    }

    public synchronized void grant(
            String jobId, String datasetId, String computeMsp, String purpose, Instant expiresAt) {
        passes.put(key(jobId, datasetId), new Pass(computeMsp, purpose, expiresAt, false));
    }

    public synchronized void revoke(String jobId, String datasetId) {
        Pass pass = requirePass(jobId, datasetId);
        passes.put(key(jobId, datasetId), new Pass(pass.computeMsp(), pass.purpose(), pass.expiresAt(), true));
    }

    /** Makes the pass expire now, as if its expiry had come. */
    public synchronized void expire(String jobId, String datasetId) {
        Pass pass = requirePass(jobId, datasetId);
        passes.put(key(jobId, datasetId), new Pass(pass.computeMsp(), pass.purpose(), clock.instant(), false));
    }

    /** The job stops running (completed, failed or cancelled): its passes no longer allow any use. */
    public synchronized void settle(String jobId) {
        settled.add(jobId);
    }

    @Override
    public synchronized PassClearance verifyPass(String jobId, String datasetId, String purpose) {
        Pass pass = passes.get(key(jobId, datasetId));
        if (pass == null) {
            return PassClearance.refused(ErrorCode.PASS_NOT_FOUND.name());
        }
        if (settled.contains(jobId)) {
            return PassClearance.refused(ErrorCode.JOB_NOT_RUNNING.name());
        }
        if (pass.revoked()) {
            return PassClearance.refused("PASS_REVOKED");
        }
        if (!clock.instant().isBefore(pass.expiresAt())) {
            return PassClearance.refused("PASS_EXPIRED");
        }
        if (!pass.purpose().equals(purpose)) {
            return PassClearance.refused("PURPOSE_MISMATCH");
        }
        return PassClearance.granted(pass.computeMsp());
    }

    @Override
    public synchronized void recordUsage(DatasetUse report) {
        usage.add(report);
    }

    public synchronized List<DatasetUse> usage() {
        return List.copyOf(usage);
    }

    private Pass requirePass(String jobId, String datasetId) {
        Pass pass = passes.get(key(jobId, datasetId));
        if (pass == null) {
            throw new LedgerRefusal(ErrorCode.PASS_NOT_FOUND, "" + jobId + "/" + datasetId);
        }
        return pass;
    }

    private static String key(String jobId, String datasetId) {
        return jobId + "\u0000" + datasetId;
    }
}
