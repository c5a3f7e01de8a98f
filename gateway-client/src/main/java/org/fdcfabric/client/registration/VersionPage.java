package org.fdcfabric.client.registration;

import java.util.List;
import org.fdcfabric.protocol.ucl.Ucl;

/** One page of a dataset's versions, oldest first; {@code bookmark} is empty after the last page. */
public record VersionPage(List<Ucl> versions, String bookmark) {
    public VersionPage {
        versions = List.copyOf(versions);
    }
}
