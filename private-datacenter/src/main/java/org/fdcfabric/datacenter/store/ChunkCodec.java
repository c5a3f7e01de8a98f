package org.fdcfabric.datacenter.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plaintext layout of a chunk of readings: a version byte, the chunk's distinct subjects once, then per
 * reading its sequence, timestamp, subject index and channel values. Subjects are listed once because a chunk
 * usually holds a handful of subjects' thousands of readings.
 */
final class ChunkCodec {
    private static final byte VERSION = 1;

    private ChunkCodec() {}

    static byte[] encode(List<Reading> readings, int channels) {
        Map<String, Integer> subjects = new LinkedHashMap<>();
        for (Reading r : readings) {
            subjects.putIfAbsent(r.subject(), subjects.size());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + readings.size() * (20 + 8 * channels));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(subjects.size());
            for (String subject : subjects.keySet()) {
                out.writeUTF(subject);
            }
            out.writeInt(readings.size());
            out.writeByte(channels);
            for (Reading r : readings) {
                if (r.channelCount() != channels) {
                    throw new IllegalArgumentException("reading " + r.sequence() + " has " + r.channelCount()
                            + " values, the stream has " + channels + " channels");
                }
                out.writeLong(r.sequence());
                out.writeLong(r.timestampMillis());
                out.writeInt(subjects.get(r.subject()));
                for (int c = 0; c < channels; c++) {
                    out.writeDouble(r.value(c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Reading> decode(byte[] plaintext) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown chunk version " + version);
            }
            String[] subjects = new String[in.readInt()];
            for (int i = 0; i < subjects.length; i++) {
                subjects[i] = in.readUTF();
            }
            int count = in.readInt();
            int channels = in.readByte();
            List<Reading> readings = new ArrayList<>(count);
            double[] values = new double[channels];
            for (int i = 0; i < count; i++) {
                long sequence = in.readLong();
                long timestamp = in.readLong();
                String subject = subjects[in.readInt()];
                for (int c = 0; c < channels; c++) {
                    values[c] = in.readDouble();
                }
                readings.add(new Reading(sequence, timestamp, subject, values));
            }
            return readings;
        } catch (IOException | RuntimeException e) {
            throw new StoreException("chunk plaintext is malformed: " + e.getMessage(), e);
        }
    }
}
