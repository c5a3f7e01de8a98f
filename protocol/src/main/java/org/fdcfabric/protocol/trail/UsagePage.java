package org.fdcfabric.protocol.trail;

import java.util.List;

/** One page of a dataset's usage records in order; {@code bookmark} is empty after the last page. */
public record UsagePage(List<UsageRecord> usage, String bookmark) {
    public UsagePage {
        usage = List.copyOf(usage);
    }
}
