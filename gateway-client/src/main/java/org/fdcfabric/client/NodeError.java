package org.fdcfabric.client;

import java.util.List;
import java.util.stream.Collectors;

/** What one peer or orderer said when it failed a request (from the gateway's error details). */
public record NodeError(String address, String mspId, String message) {

    /** The nodes as a bracketed suffix for a message; empty when there are none. */
    public static String describe(List<NodeError> nodes) {
        if (nodes.isEmpty()) {
            return "";
        }
        return nodes.stream()
                .map(n -> n.mspId() + " at " + n.address() + ": " + n.message())
                .collect(Collectors.joining("; ", " [", "]"));
    }
}
