package org.fdcfabric.cli;

import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.client.FdcClientException;

/** Reads paged chaincode queries to the end, with a bound so a runaway listing stops. */
public final class Pages {
    public static final int PAGE_SIZE = 100;
    public static final int MAX_ITEMS = 100_000;

    private Pages() {}

    /** One page: its items and the bookmark of the next (empty after the last). */
    public record Page<T>(List<T> items, String bookmark) {}

    @FunctionalInterface
    public interface PageReader<T> {
        Page<T> read(int pageSize, String bookmark) throws FdcClientException;
    }

    public static <T> List<T> all(PageReader<T> reader) throws FdcClientException {
        List<T> items = new ArrayList<>();
        String bookmark = "";
        do {
            Page<T> page = reader.read(PAGE_SIZE, bookmark);
            items.addAll(page.items());
            if (page.bookmark() == null
                    || page.bookmark().isEmpty()
                    || page.items().isEmpty()) {
                break;
            }
            bookmark = page.bookmark();
        } while (items.size() < MAX_ITEMS);
        return items;
    }
}
