package org.fdcfabric.datacenter.governance;

import java.util.List;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * A dataset ready to register: its schema, the standardization that was applied, the governance report and
 * the records in Merkle leaf order.
 */
public record GovernedDataset(
        String id,
        UclSchema schema,
        Standardization standardization,
        GovernanceReport report,
        List<DatasetRecord> records) {
    public GovernedDataset {
        records = List.copyOf(records);
    }

    /** The Merkle leaves: each record's canonical JSON. */
    public List<byte[]> canonicalRecords() {
        return records.stream().map(DatasetRecord::canonicalBytes).toList();
    }
}
