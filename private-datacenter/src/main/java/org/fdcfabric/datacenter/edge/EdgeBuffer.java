package org.fdcfabric.datacenter.edge;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The agent's on-disk queue (an H2 MVStore file): every sample is numbered and written here before it is
 * sent, and removed only once the center has acknowledged it. The sequence counter lives in the same file and
 * is committed together with the sample, so numbers never repeat across restarts of the agent.
 */
public final class EdgeBuffer implements AutoCloseable {
    private static final String NEXT = "next-sequence";

    private final MVStore store;
    private final MVMap<Long, byte[]> pending;
    private final MVMap<String, Long> meta;

    /** One buffered sample. */
    public record Entry(long sequence, long timestampMillis, double[] values) {}

    private EdgeBuffer(MVStore store) {
        this.store = store;
        this.pending = store.openMap("pending");
        this.meta = store.openMap("meta");
    }

    public static EdgeBuffer open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the buffer directory of " + file, e);
        }
        return new EdgeBuffer(new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .open());
    }

    /** Numbers the sample with the next sequence and makes it durable; returns the sequence. */
    public synchronized long append(long timestampMillis, double[] values) {
        long sequence = meta.getOrDefault(NEXT, 1L);
        ByteBuffer encoded = ByteBuffer.allocate(8 + 8 * values.length).putLong(timestampMillis);
        for (double v : values) {
            encoded.putDouble(v);
        }
        pending.put(sequence, encoded.array());
        meta.put(NEXT, sequence + 1);
        store.commit();
        return sequence;
    }

    /** Up to {@code max} unacknowledged samples, lowest sequence first. */
    public synchronized List<Entry> peek(int max) {
        List<Entry> entries = new ArrayList<>(Math.min(max, pending.size()));
        Cursor<Long, byte[]> cursor = pending.cursor(null);
        while (cursor.hasNext() && entries.size() < max) {
            long sequence = cursor.next();
            ByteBuffer bytes = ByteBuffer.wrap(cursor.getValue());
            long timestamp = bytes.getLong();
            double[] values = new double[bytes.remaining() / 8];
            for (int i = 0; i < values.length; i++) {
                values[i] = bytes.getDouble();
            }
            entries.add(new Entry(sequence, timestamp, values));
        }
        return entries;
    }

    /** Forgets every sample up to and including {@code sequence}: the center has stored them. */
    public synchronized void acknowledge(long sequence) {
        Long first;
        while ((first = pending.firstKey()) != null && first <= sequence) {
            pending.remove(first);
        }
        if (meta.getOrDefault(NEXT, 1L) <= sequence) {
            // The center knows later samples than this buffer (e.g. the buffer file was replaced): never reuse them.
            meta.put(NEXT, sequence + 1);
        }
        store.commit();
    }

    public synchronized int size() {
        return pending.size();
    }

    /** The sequence the next sample will get. */
    public synchronized long nextSequence() {
        return meta.getOrDefault(NEXT, 1L);
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
