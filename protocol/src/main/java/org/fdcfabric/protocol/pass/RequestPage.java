package org.fdcfabric.protocol.pass;

import java.util.List;

/** One page of collaboration requests in request id order; {@code bookmark} is empty after the last page. */
public record RequestPage(List<RequestRecord> requests, String bookmark) {
    public RequestPage {
        requests = List.copyOf(requests);
    }
}
