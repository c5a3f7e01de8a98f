package org.fdcfabric.datacenter.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.crypto.AEADBadTagException;
import org.fdcfabric.datacenter.device.SensorModel;

/**
 * Raw readings at rest. Each stream's readings are kept in sequence order in chunks of up to {@link
 * #CHUNK_READINGS}, each chunk sealed with AES-GCM; the chunk's stream, number and sequence range are its
 * associated data, so a chunk altered, moved to another stream or reordered fails to open.
 */
public final class ReadingStore {
    public static final int CHUNK_READINGS = 4096;

    private final CenterDatabase database;
    private final ReadingCipher cipher;
    private final Counter stored;

    public ReadingStore(CenterDatabase database, ReadingCipher cipher, MeterRegistry meters) {
        this.database = database;
        this.cipher = cipher;
        this.stored = Counter.builder("fdc.center.readings.stored")
                .description("raw readings stored (sealed) in the center's store, from any source")
                .register(meters);
    }

    /** Which AES-GCM implementation seals the readings. */
    public String cipherEngine() {
        return cipher.engine();
    }

    /** Creates the stream, or accepts it unchanged if it already exists with the same model and source. */
    public void createStream(StreamDescriptor stream) {
        database.inTransaction(c -> {
            Optional<StreamDescriptor> existing = find(c, stream.id());
            if (existing.isPresent()) {
                if (!existing.get().equals(stream)) {
                    throw new StoreException("stream " + stream.id() + " already exists as " + existing.get());
                }
                return null;
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO reading_stream (stream_id, sensor_model, source) VALUES (?, ?, ?)")) {
                insert.setString(1, stream.id());
                insert.setString(2, stream.model().name());
                insert.setString(3, stream.source().name());
                insert.executeUpdate();
            }
            return null;
        });
    }

    public Optional<StreamDescriptor> stream(String streamId) {
        return database.inTransaction(c -> find(c, streamId));
    }

    public List<StreamDescriptor> streams() {
        return database.inTransaction(c -> {
            List<StreamDescriptor> streams = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                            "SELECT stream_id, sensor_model, source FROM reading_stream ORDER BY stream_id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    streams.add(descriptor(rows));
                }
            }
            return streams;
        });
    }

    /**
     * Appends readings whose sequences rise strictly and follow the stream's last one, all in one
     * transaction: either every reading is stored or none is.
     */
    public void append(String streamId, List<Reading> readings) {
        database.inTransaction(c -> {
            StreamDescriptor stream = require(c, streamId);
            long last = lastSequence(c, streamId);
            for (Reading r : readings) {
                if (r.sequence() <= last) {
                    throw new IllegalArgumentException(
                            "stream " + streamId + ": reading sequence " + r.sequence() + " does not follow " + last);
                }
                last = r.sequence();
            }
            writeChunks(c, stream, readings);
            return null;
        });
        stored.increment(readings.size());
    }

    /**
     * Appends an edge device's readings exactly once: readings at or below the stream's last stored sequence
     * were stored by an earlier delivery and are skipped. Readings must arrive in rising sequence order.
     */
    public AppendResult appendOnce(String streamId, List<Reading> readings) {
        AppendResult result = database.inTransaction(c -> {
            StreamDescriptor stream = require(c, streamId);
            long last = lastSequence(c, streamId);
            List<Reading> fresh = new ArrayList<>(readings.size());
            int duplicates = 0;
            for (Reading r : readings) {
                if (r.sequence() <= last) {
                    duplicates++;
                    continue;
                }
                fresh.add(r);
                last = r.sequence();
            }
            writeChunks(c, stream, fresh);
            return new AppendResult(fresh.size(), duplicates, last);
        });
        stored.increment(result.accepted());
        return result;
    }

    /** What {@link #appendOnce} did: readings stored, readings skipped as already stored, last stored sequence. */
    public record AppendResult(int accepted, int duplicates, long lastSequence) {}

    /** The highest stored sequence of the stream, 0 when it has none. */
    public long lastSequence(String streamId) {
        return database.inTransaction(c -> {
            require(c, streamId);
            return lastSequence(c, streamId);
        });
    }

    public long count(String streamId) {
        return database.inTransaction(c -> {
            require(c, streamId);
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT COALESCE(SUM(reading_count), 0) FROM reading_chunk WHERE stream_id = ?")) {
                query.setString(1, streamId);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** All readings of the stream in sequence order. */
    public List<Reading> read(String streamId) {
        List<Reading> readings = new ArrayList<>();
        forEach(streamId, readings::add);
        return readings;
    }

    /** Feeds every reading of the stream, in sequence order, opening one chunk at a time. */
    public void forEach(String streamId, Consumer<Reading> consumer) {
        database.inTransaction(c -> {
            require(c, streamId);
            try (PreparedStatement query =
                    c.prepareStatement("SELECT chunk_no, first_seq, last_seq, reading_count, sealed FROM reading_chunk "
                            + "WHERE stream_id = ? ORDER BY chunk_no")) {
                query.setString(1, streamId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long chunkNo = rows.getLong(1);
                        byte[] aad = chunkAad(streamId, chunkNo, rows.getLong(2), rows.getLong(3), rows.getInt(4));
                        List<Reading> chunk = ChunkCodec.decode(open(rows.getBytes(5), aad, streamId, chunkNo));
                        chunk.forEach(consumer);
                    }
                }
            }
            return null;
        });
    }

    /** Stores a sealed document with the stream (its activity log, its import report), replacing any earlier one. */
    public void putAttachment(String streamId, String kind, byte[] document) {
        database.inTransaction(c -> {
            require(c, streamId);
            try (PreparedStatement delete =
                    c.prepareStatement("DELETE FROM stream_attachment WHERE stream_id = ? AND kind = ?")) {
                delete.setString(1, streamId);
                delete.setString(2, kind);
                delete.executeUpdate();
            }
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO stream_attachment (stream_id, kind, sealed) VALUES (?, ?, ?)")) {
                insert.setString(1, streamId);
                insert.setString(2, kind);
                insert.setBytes(3, cipher.seal(document, attachmentAad(streamId, kind)));
                insert.executeUpdate();
            }
            return null;
        });
    }

    public Optional<byte[]> attachment(String streamId, String kind) {
        return database.inTransaction(c -> {
            try (PreparedStatement query =
                    c.prepareStatement("SELECT sealed FROM stream_attachment WHERE stream_id = ? AND kind = ?")) {
                query.setString(1, streamId);
                query.setString(2, kind);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    try {
                        return Optional.of(cipher.open(rows.getBytes(1), attachmentAad(streamId, kind)));
                    } catch (AEADBadTagException e) {
                        throw new StoreIntegrityException(
                                "attachment " + kind + " of stream " + streamId + " failed authentication", e);
                    }
                }
            }
        });
    }

    private void writeChunks(Connection c, StreamDescriptor stream, List<Reading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        int channels = stream.model().channels().size();
        long chunkNo = nextChunkNo(c, stream.id());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO reading_chunk "
                + "(stream_id, chunk_no, first_seq, last_seq, reading_count, sealed) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int from = 0; from < readings.size(); from += CHUNK_READINGS) {
                List<Reading> chunk = readings.subList(from, Math.min(readings.size(), from + CHUNK_READINGS));
                long first = chunk.get(0).sequence();
                long last = chunk.get(chunk.size() - 1).sequence();
                byte[] aad = chunkAad(stream.id(), chunkNo, first, last, chunk.size());
                insert.setString(1, stream.id());
                insert.setLong(2, chunkNo);
                insert.setLong(3, first);
                insert.setLong(4, last);
                insert.setInt(5, chunk.size());
                insert.setBytes(6, cipher.seal(ChunkCodec.encode(chunk, channels), aad));
                insert.addBatch();
                chunkNo++;
            }
            insert.executeBatch();
        }
    }

    private byte[] open(byte[] sealed, byte[] aad, String streamId, long chunkNo) {
        try {
            return cipher.open(sealed, aad);
        } catch (AEADBadTagException e) {
            throw new StoreIntegrityException(
                    "chunk " + chunkNo + " of stream " + streamId
                            + " failed authentication: it was altered, moved, or sealed under another key",
                    e);
        }
    }

    static byte[] chunkAad(String streamId, long chunkNo, long firstSeq, long lastSeq, int count) {
        byte[] id = ("chunk|" + streamId).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(id.length + 28)
                .put(id)
                .putLong(chunkNo)
                .putLong(firstSeq)
                .putLong(lastSeq)
                .putInt(count)
                .array();
    }

    private static byte[] attachmentAad(String streamId, String kind) {
        return ("attachment|" + streamId + "|" + kind).getBytes(StandardCharsets.UTF_8);
    }

    private static long lastSequence(Connection c, String streamId) throws SQLException {
        try (PreparedStatement query =
                c.prepareStatement("SELECT COALESCE(MAX(last_seq), 0) FROM reading_chunk WHERE stream_id = ?")) {
            query.setString(1, streamId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long nextChunkNo(Connection c, String streamId) throws SQLException {
        try (PreparedStatement query =
                c.prepareStatement("SELECT COALESCE(MAX(chunk_no), 0) + 1 FROM reading_chunk WHERE stream_id = ?")) {
            query.setString(1, streamId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static StreamDescriptor require(Connection c, String streamId) throws SQLException {
        return find(c, streamId).orElseThrow(() -> new StoreException("no stream " + streamId + " in the store"));
    }

    private static Optional<StreamDescriptor> find(Connection c, String streamId) throws SQLException {
        try (PreparedStatement query =
                c.prepareStatement("SELECT stream_id, sensor_model, source FROM reading_stream WHERE stream_id = ?")) {
            query.setString(1, streamId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(descriptor(rows)) : Optional.empty();
            }
        }
    }

    private static StreamDescriptor descriptor(ResultSet rows) throws SQLException {
        return new StreamDescriptor(
                rows.getString(1), SensorModel.valueOf(rows.getString(2)), StreamSource.valueOf(rows.getString(3)));
    }
}
