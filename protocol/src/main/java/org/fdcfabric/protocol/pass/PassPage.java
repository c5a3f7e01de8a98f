package org.fdcfabric.protocol.pass;

import java.util.List;

/** One page of passes in key order; {@code bookmark} is empty after the last page. */
public record PassPage(List<AccessPass> passes, String bookmark) {
    public PassPage {
        passes = List.copyOf(passes);
    }
}
