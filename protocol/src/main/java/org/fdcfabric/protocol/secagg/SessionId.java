package org.fdcfabric.protocol.secagg;

import java.util.regex.Pattern;
import org.fdcfabric.protocol.InputChecks;

/**
 * One secure-aggregation run: a training job's round. Every derived key, mask and commitment is bound to it, and
 * each center also mixes in a fresh nonce, so a coordinator that replays a session id still gets fresh masks.
 */
public record SessionId(String jobId, int round) {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public SessionId {
        InputChecks.matches(jobId, JOB_ID, SecAggCodes.INVALID_MESSAGE, "jobId");
        InputChecks.inRange(round, 0, Integer.MAX_VALUE, SecAggCodes.INVALID_MESSAGE, "round");
    }

    Transcript transcript(String domain) {
        return new Transcript(domain).add(jobId).add(round);
    }

    void requireSame(SessionId other) {
        InputChecks.require(
                equals(other), SecAggCodes.WRONG_SESSION, "message belongs to " + other + ", not to " + this);
    }
}
