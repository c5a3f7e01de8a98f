package org.fdcfabric.auditor;

import java.util.List;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;

/** Facts about a job's recorded rounds that more than one check relies on. */
final class Rounds {
    private Rounds() {}

    /** The rounds are exactly 1..{@code roundsRecorded}, in order, each of this job. */
    static boolean complete(TrainingJob job, List<RoundRecord> rounds) {
        if (rounds.size() != job.roundsRecorded()) {
            return false;
        }
        for (int i = 0; i < rounds.size(); i++) {
            RoundRecord round = rounds.get(i);
            if (round.round() != i + 1 || !job.jobId().equals(round.jobId())) {
                return false;
            }
        }
        return true;
    }
}
