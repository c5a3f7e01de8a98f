package org.fdcfabric.datacenter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Governed datasets: a manifest (canonical JSON) and the canonical records in Merkle leaf order. Saving a
 * dataset again replaces it in one transaction, so a reader never sees half of two versions.
 */
public final class DatasetStore {
    private final CenterDatabase database;

    public DatasetStore(CenterDatabase database) {
        this.database = database;
    }

    public void save(String datasetId, String manifest, List<byte[]> records) {
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dataset WHERE dataset_id = ?")) {
                delete.setString(1, datasetId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO dataset (dataset_id, manifest) VALUES (?, ?)")) {
                insert.setString(1, datasetId);
                insert.setString(2, manifest);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO dataset_record (dataset_id, record_index, canonical) VALUES (?, ?, ?)")) {
                for (int i = 0; i < records.size(); i++) {
                    insert.setString(1, datasetId);
                    insert.setInt(2, i);
                    insert.setBytes(3, records.get(i));
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    public Optional<String> manifest(String datasetId) {
        return database.inTransaction(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT manifest FROM dataset WHERE dataset_id = ?")) {
                query.setString(1, datasetId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The dataset's records in leaf order; empty when there is no such dataset. */
    public List<byte[]> records(String datasetId) {
        return database.inTransaction(c -> {
            List<byte[]> records = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT canonical FROM dataset_record WHERE dataset_id = ? ORDER BY record_index")) {
                query.setString(1, datasetId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        records.add(rows.getBytes(1));
                    }
                }
            }
            return records;
        });
    }

    public List<String> datasetIds() {
        return database.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT dataset_id FROM dataset ORDER BY dataset_id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
    }
}
