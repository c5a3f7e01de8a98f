package org.fdcfabric.protocol.job;

import java.util.List;

/** One page of a job's rounds in round order; {@code bookmark} is empty after the last page. */
public record RoundPage(List<RoundRecord> rounds, String bookmark) {
    public RoundPage {
        rounds = List.copyOf(rounds);
    }
}
