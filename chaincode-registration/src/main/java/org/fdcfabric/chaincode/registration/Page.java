package org.fdcfabric.chaincode.registration;

import java.util.List;

/**
 * One page of results. {@code bookmark} is the last key part (dataset id, version, sequence number) of the first
 * entry of the next page, empty on the last page; passing it back continues there.
 */
record Page<T>(List<T> items, String bookmark) {
    Page {
        items = List.copyOf(items);
    }
}
