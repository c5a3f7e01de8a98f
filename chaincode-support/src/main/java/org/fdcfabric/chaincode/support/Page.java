package org.fdcfabric.chaincode.support;

import java.util.List;
import java.util.function.Function;

/**
 * One page of results. {@code bookmark} is the last key part (an id, a version, a sequence number) of the first
 * entry of the next page, empty on the last page; passing it back continues there.
 */
public record Page<T>(List<T> items, String bookmark) {
    public Page {
        items = List.copyOf(items);
    }

    /** Maps the page's items, keeping the bookmark. */
    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), bookmark);
    }
}
