package org.fdcfabric.datacenter.store;

import java.util.Objects;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * What the center keeps in clear about an imported table: its schema, how many rows it holds and the Merkle root
 * over the rows' {@link TableRecord}s (what its UCL commits to), and the file it came from.
 */
public record TableManifest(String datasetId, UclSchema schema, long rowCount, String merkleRoot, String source) {
    public TableManifest {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(merkleRoot, "merkleRoot");
        Objects.requireNonNull(source, "source");
    }
}
