package org.fdcfabric.datacenter.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plaintext layout of a chunk of readings: a version byte, the chunk's distinct subjects once (length-prefixed UTF-8), then per
 * reading its sequence, timestamp, subject index and channel values. Subjects are listed once because a chunk
 * usually holds a handful of subjects' thousands of readings.
 */
final class ChunkCodec {
    private static final byte VERSION = 1;

    private ChunkCodec() {}

    static byte[] encode(List<Reading> readings, int channels) {
        Map<String, Integer> subjects = new LinkedHashMap<>();
        int size = 1 + 4 + 4 + 1 + readings.size() * (20 + 8 * channels);
        for (Reading r : readings) {
            if (subjects.putIfAbsent(r.subject(), subjects.size()) == null) {
                size += 4 + r.subject().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION);
        out.putInt(subjects.size());
        for (String subject : subjects.keySet()) {
            byte[] utf8 = subject.getBytes(StandardCharsets.UTF_8);
            out.putInt(utf8.length).put(utf8);
        }
        out.putInt(readings.size());
        out.put((byte) channels);
        for (Reading r : readings) {
            if (r.channelCount() != channels) {
                throw new IllegalArgumentException("reading " + r.sequence() + " has " + r.channelCount()
                        + " values, the stream has " + channels + " channels");
            }
            out.putLong(r.sequence()).putLong(r.timestampMillis()).putInt(subjects.get(r.subject()));
            for (int c = 0; c < channels; c++) {
                out.putDouble(r.value(c));
            }
        }
        return out.array();
    }

    static List<Reading> decode(byte[] plaintext) {
        try {
            ByteBuffer in = ByteBuffer.wrap(plaintext);
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown chunk version " + version);
            }
            String[] subjects = new String[in.getInt()];
            for (int i = 0; i < subjects.length; i++) {
                byte[] utf8 = new byte[in.getInt()];
                in.get(utf8);
                subjects[i] = new String(utf8, StandardCharsets.UTF_8);
            }
            int count = in.getInt();
            int channels = in.get();
            List<Reading> readings = new ArrayList<>(count);
            double[] values = new double[channels];
            for (int i = 0; i < count; i++) {
                long sequence = in.getLong();
                long timestamp = in.getLong();
                String subject = subjects[in.getInt()];
                for (int c = 0; c < channels; c++) {
                    values[c] = in.getDouble();
                }
                readings.add(new Reading(sequence, timestamp, subject, values));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return readings;
        } catch (RuntimeException e) {
            throw new StoreException("chunk plaintext is malformed: " + e.getMessage(), e);
        }
    }
}
