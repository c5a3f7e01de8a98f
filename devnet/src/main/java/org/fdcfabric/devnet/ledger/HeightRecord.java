package org.fdcfabric.devnet.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The height the ledger last committed, kept beside the store ({@code ledger.height}). MVStore opens a file whose
 * newest commit was cut off at the commit before, silently; comparing with this record is how the ledger notices
 * that blocks it acknowledged are gone. Written after the block's commit and fsync, without an fsync of its own: a
 * crash can leave it behind the store (harmless) but never ahead of what the store made durable.
 */
final class HeightRecord implements AutoCloseable {
    static final String FILE_NAME = "ledger.height";

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);

    private HeightRecord(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static Path fileIn(Path directory) {
        return directory.resolve(FILE_NAME);
    }

    /** The recorded height, or empty when there is no readable record. */
    static Optional<Long> read(Path directory) {
        Path file = fileIn(directory);
        try {
            byte[] bytes = Files.readAllBytes(file);
            return bytes.length == Long.BYTES
                    ? Optional.of(ByteBuffer.wrap(bytes).getLong())
                    : Optional.empty();
        } catch (IOException absent) {
            return Optional.empty();
        }
    }

    static HeightRecord open(Path directory) {
        Path file = fileIn(directory);
        try {
            return new HeightRecord(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new LedgerException("cannot open the height record " + file, e);
        }
    }

    void write(long height) {
        buffer.clear();
        buffer.putLong(height).flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.truncate(Long.BYTES);
        } catch (IOException e) {
            throw new LedgerException("cannot write the height record " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new LedgerException("cannot close the height record " + file, e);
        }
    }
}
