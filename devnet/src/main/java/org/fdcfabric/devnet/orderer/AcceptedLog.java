package org.fdcfabric.devnet.orderer;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.fdcfabric.devnet.ledger.LedgerException;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * The orderer's write-ahead log of one channel: every envelope it accepts is written and fsynced before Broadcast
 * answers SUCCESS, and every block it cuts is marked (number and envelope count) and fsynced before the block
 * goes to the committer. After a crash the log gives back the blocks that were cut but are not in the ledger and
 * the envelopes that were accepted but not yet cut, so kill -9 loses none. Records are
 * {@code length, CRC32C, type, payload}; a torn last record (a write the crash cut short, never acknowledged) is
 * dropped. Concurrent appends share one fsync (group commit).
 */
final class AcceptedLog implements AutoCloseable {
    static final String FILE_NAME = "accepted.wal";
    private static final System.Logger LOG = System.getLogger(AcceptedLog.class.getName());
    private static final byte ENVELOPE = 1;
    private static final byte BLOCK = 2;
    private static final int HEADER = 4 + 4 + 1;

    private final Path file;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object();
    private FileChannel channel;
    private long written;
    private long synced;

    private AcceptedLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** What the log holds: the cut blocks in order, then the envelopes accepted after the last cut. */
    record Contents(List<CutBlock> blocks, List<Envelope> pending) {}

    record CutBlock(long number, List<Envelope> envelopes) {}

    /** Reads the channel's log in {@code directory} (empty if there is none). */
    static Contents read(Path directory, String channelId) {
        Path file = directory.resolve(FILE_NAME);
        List<CutBlock> blocks = new ArrayList<>();
        List<Envelope> pending = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Contents(blocks, pending);
        }
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new LedgerException("cannot read the orderer's log " + file + " of channel " + channelId, e);
        }
        while (bytes.remaining() >= HEADER) {
            int start = bytes.position();
            int length = bytes.getInt();
            int crc = bytes.getInt();
            if (length < 1 || length > bytes.remaining()) {
                bytes.position(start);
                break;
            }
            byte[] record = new byte[length];
            bytes.get(record);
            if (crc(record) != crc) {
                bytes.position(start);
                break;
            }
            ByteBuffer payload = ByteBuffer.wrap(record, 1, length - 1);
            if (record[0] == ENVELOPE) {
                try {
                    pending.add(Envelope.parseFrom(payload));
                } catch (InvalidProtocolBufferException e) {
                    bytes.position(start);
                    break;
                }
            } else if (record[0] == BLOCK && length == 1 + 8 + 4) {
                long number = payload.getLong();
                int count = payload.getInt();
                if (count > pending.size()) {
                    bytes.position(start);
                    break;
                }
                blocks.add(new CutBlock(number, List.copyOf(pending.subList(0, count))));
                pending = new ArrayList<>(pending.subList(count, pending.size()));
            } else {
                bytes.position(start);
                break;
            }
        }
        if (bytes.hasRemaining()) {
            LOG.log(
                    Level.WARNING,
                    "channel {0}: the orderer''s log {1} ends in {2} bytes that are not a whole record (a write cut"
                            + " short by a crash, never acknowledged); they are dropped",
                    channelId,
                    file,
                    bytes.remaining());
        }
        return new Contents(blocks, pending);
    }

    /** Starts the channel's log afresh holding {@code pending}, replacing the old one atomically. */
    static AcceptedLog rewrite(Path directory, List<Envelope> pending) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            Path staging = directory.resolve(FILE_NAME + ".new");
            try (FileChannel out = FileChannel.open(
                    staging,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                for (Envelope envelope : pending) {
                    writeRecord(out, ENVELOPE, envelope.toByteArray());
                }
                out.force(true);
            }
            Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new AcceptedLog(file, channel);
        } catch (IOException e) {
            throw new LedgerException("cannot write the orderer's log " + file, e);
        }
    }

    /** Appends an accepted envelope; {@link #sync} with the returned position before acknowledging it. */
    long append(Envelope envelope) {
        return write(ENVELOPE, envelope.toByteArray());
    }

    /** Marks that the next {@code count} logged envelopes form block {@code number}; returns its position. */
    long markBlock(long number, int count) {
        return write(
                BLOCK, ByteBuffer.allocate(12).putLong(number).putInt(count).array());
    }

    /** Returns once everything up to {@code position} is on disk; one fsync serves every waiting writer. */
    void sync(long position) {
        synchronized (syncLock) {
            if (synced >= position) {
                return;
            }
            long target;
            FileChannel current;
            synchronized (writeLock) {
                target = written;
                current = channel;
            }
            try {
                current.force(false);
            } catch (IOException e) {
                throw new LedgerException("cannot fsync the orderer's log " + file, e);
            }
            synced = target;
        }
    }

    /** Bytes in the current file. */
    long size() {
        synchronized (writeLock) {
            try {
                return channel.size();
            } catch (IOException e) {
                throw new LedgerException("cannot read the size of the orderer's log " + file, e);
            }
        }
    }

    /**
     * Replaces the file with one holding only {@code pending} (the envelopes accepted and not yet in a committed
     * block), so the log does not grow with the ledger. The caller holds what keeps appends out meanwhile.
     */
    void restartWith(List<Envelope> pending) {
        synchronized (syncLock) {
            synchronized (writeLock) {
                AcceptedLog fresh = rewrite(file.getParent(), pending);
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "closing the replaced orderer log failed", e);
                }
                channel = fresh.channel;
                written++;
                synced = written;
            }
        }
    }

    private long write(byte type, byte[] payload) {
        synchronized (writeLock) {
            try {
                writeRecord(channel, type, payload);
            } catch (IOException e) {
                throw new LedgerException("cannot append to the orderer's log " + file, e);
            }
            return ++written;
        }
    }

    private static void writeRecord(FileChannel out, byte type, byte[] payload) throws IOException {
        byte[] record = new byte[1 + payload.length];
        record[0] = type;
        System.arraycopy(payload, 0, record, 1, payload.length);
        ByteBuffer buffer = ByteBuffer.allocate(8 + record.length);
        buffer.putInt(record.length).putInt(crc(record)).put(record).flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static int crc(byte[] record) {
        CRC32C crc = new CRC32C();
        crc.update(record);
        return (int) crc.getValue();
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new LedgerException("cannot close the orderer's log " + file, e);
            }
        }
    }
}
