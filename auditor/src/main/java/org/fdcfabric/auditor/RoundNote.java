package org.fdcfabric.auditor;

import java.util.List;
import org.fdcfabric.protocol.job.FlaggedUpdate;
import org.fdcfabric.protocol.job.SecureRoundSummary;

/**
 * How one recorded round was aggregated, for the auditor's information (never a violation): plain or secure, the
 * rule and its parameters, the secure protocol's survivors, dropouts and failure, and the updates a robust rule
 * rejected, clipped or trimmed away.
 *
 * @param summary one line, for example {@code secure fedavg t=3: 4 survived, dropped [center-c]}
 */
public record RoundNote(
        long round,
        String mode,
        String aggregator,
        String status,
        String summary,
        SecureRoundSummary secure,
        List<FlaggedUpdate> flagged) {
    public RoundNote {
        flagged = List.copyOf(flagged);
    }
}
