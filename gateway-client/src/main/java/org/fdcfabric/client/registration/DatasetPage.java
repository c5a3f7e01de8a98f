package org.fdcfabric.client.registration;

import java.util.List;
import org.fdcfabric.protocol.ucl.Ucl;

/** One page of registered datasets; {@code bookmark} is empty after the last page. */
public record DatasetPage(List<Ucl> datasets, String bookmark) {
    public DatasetPage {
        datasets = List.copyOf(datasets);
    }
}
