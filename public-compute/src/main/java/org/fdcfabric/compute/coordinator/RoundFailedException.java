package org.fdcfabric.compute.coordinator;

import java.util.List;
import org.fdcfabric.compute.job.Absence;

/**
 * A round could not be aggregated because fewer updates than the quorum were accepted. Nothing was recorded
 * for it; the job can be resumed.
 */
public final class RoundFailedException extends RuntimeException {
    private final transient List<Absence> absences;

    public RoundFailedException(String message, List<Absence> absences) {
        super(message);
        this.absences = List.copyOf(absences);
    }

    public List<Absence> absences() {
        return absences;
    }
}
