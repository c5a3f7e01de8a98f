package org.fdcfabric.datacenter.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import org.fdcfabric.learning.tabular.TabularCsvReader;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.merkle.MerkleRootBuilder;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Imported tables at rest. An import stages its rows in chunks of up to {@link #CHUNK_ROWS}, each sealed with
 * AES-GCM under the center's reading key (the import id, chunk number and row count are the associated data, so a
 * chunk altered or moved fails to open), and becomes the dataset's table only on {@link TableImport#commit}: one
 * transaction points the dataset at the new import and drops the previous one. Until then nothing of it is
 * visible, and closing an uncommitted import deletes what it staged. Memory stays constant: one chunk of rows
 * and a logarithmic Merkle state.
 */
public final class TableStore {
    public static final int CHUNK_ROWS = 4096;

    private final CenterDatabase database;
    private final ReadingCipher cipher;

    TableStore(CenterDatabase database, ReadingCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    /** Starts staging a new table for {@code datasetId}; the dataset's current table (if any) stays until commit. */
    public TableImport begin(String datasetId, UclSchema schema) {
        return new TableImport(datasetId, schema, UUID.randomUUID().toString());
    }

    /** The dataset ids that have an imported table, sorted. */
    public List<String> tableIds() {
        return database.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement query =
                            c.prepareStatement("SELECT dataset_id FROM tabular_table ORDER BY dataset_id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
    }

    public Optional<TableManifest> manifest(String datasetId) {
        return current(datasetId).map(Current::manifest);
    }

    /**
     * Streams the dataset's rows in import order, one chunk in memory at a time.
     *
     * @throws StoreException if there is no such table
     * @throws StoreIntegrityException if a chunk fails authentication
     */
    public void forEach(String datasetId, TabularCsvReader.RowConsumer consumer) {
        Current table = current(datasetId)
                .orElseThrow(() -> new StoreException("no table " + datasetId + " in the store; import one first"));
        int width = table.manifest().schema().features().size();
        long chunks = database.inTransaction(c -> {
            try (PreparedStatement query =
                    c.prepareStatement("SELECT COUNT(*) FROM tabular_chunk WHERE import_id = ?")) {
                query.setString(1, table.importId());
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
        for (long chunkNo = 0; chunkNo < chunks; chunkNo++) {
            long no = chunkNo;
            byte[][] sealed = new byte[1][];
            int count = database.inTransaction(c -> {
                try (PreparedStatement query = c.prepareStatement(
                        "SELECT row_count, sealed FROM tabular_chunk WHERE import_id = ? AND chunk_no = ?")) {
                    query.setString(1, table.importId());
                    query.setLong(2, no);
                    try (ResultSet rows = query.executeQuery()) {
                        if (!rows.next()) {
                            throw new StoreException("chunk " + no + " of table " + datasetId + " is gone");
                        }
                        sealed[0] = rows.getBytes(2);
                        return rows.getInt(1);
                    }
                }
            });
            ByteBuffer plain;
            try {
                plain = ByteBuffer.wrap(cipher.open(sealed[0], aad(table.importId(), no, count)));
            } catch (AEADBadTagException e) {
                throw new StoreIntegrityException(
                        "chunk " + no + " of table " + datasetId
                                + " failed authentication: it was altered, moved, or sealed under another key",
                        e);
            }
            for (int r = 0; r < count; r++) {
                float[] cells = new float[width];
                for (int i = 0; i < width; i++) {
                    cells[i] = plain.getFloat();
                }
                consumer.accept(cells, plain.getDouble());
            }
        }
    }

    /** The dataset's whole table in memory, as centers serve it. */
    public TabularRows load(String datasetId) {
        UclSchema schema = manifest(datasetId)
                .orElseThrow(() -> new StoreException("no table " + datasetId + " in the store; import one first"))
                .schema();
        TabularRows.Builder rows = TabularRows.builder(schema);
        forEach(datasetId, rows::add);
        return rows.build();
    }

    private Optional<Current> current(String datasetId) {
        return database.inTransaction(c -> {
            try (PreparedStatement query =
                    c.prepareStatement("SELECT import_id, manifest FROM tabular_table WHERE dataset_id = ?")) {
                query.setString(1, datasetId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Current(
                                    rows.getString(1), CanonicalJson.read(rows.getString(2), TableManifest.class)))
                            : Optional.empty();
                }
            }
        });
    }

    private record Current(String importId, TableManifest manifest) {}

    private static byte[] aad(String importId, long chunkNo, int count) {
        byte[] id = ("table-chunk|" + importId).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(id.length + 12)
                .put(id)
                .putLong(chunkNo)
                .putInt(count)
                .array();
    }

    /** One import being staged; not thread-safe. Close it in any case: without a commit that discards it. */
    public final class TableImport implements AutoCloseable {
        private final String datasetId;
        private final UclSchema schema;
        private final String importId;
        private final int width;
        private final MerkleRootBuilder merkle = new MerkleRootBuilder();
        private final ByteBuffer chunk;
        private int chunkRows;
        private long chunkNo;
        private boolean committed;

        private TableImport(String datasetId, UclSchema schema, String importId) {
            this.datasetId = datasetId;
            this.schema = schema;
            this.importId = importId;
            this.width = schema.features().size();
            this.chunk = ByteBuffer.allocate(CHUNK_ROWS * (4 * width + 8));
        }

        /** Stages one row (checked against the schema by the reader that produced it). */
        public void add(float[] cells, double label) {
            if (cells.length != width) {
                throw new IllegalArgumentException("row has " + cells.length + " cells; the table has " + width);
            }
            merkle.add(TableRecord.of(cells, label).canonicalBytes());
            for (float cell : cells) {
                chunk.putFloat(cell);
            }
            chunk.putDouble(label);
            if (++chunkRows == CHUNK_ROWS) {
                flush();
            }
        }

        /** Rows staged so far. */
        public long rows() {
            return merkle.leafCount();
        }

        /**
         * Makes the staged rows the dataset's table, replacing any earlier import of it.
         *
         * @throws StoreException if no row was staged
         */
        public TableManifest commit(String source) {
            if (merkle.leafCount() == 0) {
                throw new StoreException("table " + datasetId + " has no rows; nothing was stored");
            }
            flush();
            TableManifest manifest = new TableManifest(datasetId, schema, merkle.leafCount(), merkle.rootHex(), source);
            database.inTransaction(c -> {
                Optional<String> previous;
                try (PreparedStatement query =
                        c.prepareStatement("SELECT import_id FROM tabular_table WHERE dataset_id = ?")) {
                    query.setString(1, datasetId);
                    try (ResultSet rows = query.executeQuery()) {
                        previous = rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                    }
                }
                if (previous.isPresent()) {
                    deleteChunks(c, previous.get());
                    try (PreparedStatement delete =
                            c.prepareStatement("DELETE FROM tabular_table WHERE dataset_id = ?")) {
                        delete.setString(1, datasetId);
                        delete.executeUpdate();
                    }
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO tabular_table (dataset_id, import_id, manifest) VALUES (?, ?, ?)")) {
                    insert.setString(1, datasetId);
                    insert.setString(2, importId);
                    insert.setString(3, CanonicalJson.write(manifest));
                    insert.executeUpdate();
                }
                return null;
            });
            committed = true;
            return manifest;
        }

        private void flush() {
            if (chunkRows == 0) {
                return;
            }
            byte[] plain = new byte[chunk.position()];
            chunk.flip().get(plain);
            chunk.clear();
            long no = chunkNo;
            int count = chunkRows;
            byte[] sealed = cipher.seal(plain, aad(importId, no, count));
            database.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO tabular_chunk (import_id, chunk_no, row_count, sealed) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, importId);
                    insert.setLong(2, no);
                    insert.setInt(3, count);
                    insert.setBytes(4, sealed);
                    insert.executeUpdate();
                }
                return null;
            });
            chunkNo++;
            chunkRows = 0;
        }

        /** Discards the staged rows unless committed. */
        @Override
        public void close() {
            if (!committed) {
                database.inTransaction(c -> {
                    deleteChunks(c, importId);
                    return null;
                });
            }
        }
    }

    private static void deleteChunks(Connection c, String importId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM tabular_chunk WHERE import_id = ?")) {
            delete.setString(1, importId);
            delete.executeUpdate();
        }
    }
}
