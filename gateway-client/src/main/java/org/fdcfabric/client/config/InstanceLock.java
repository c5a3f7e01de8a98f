package org.fdcfabric.client.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive operating-system lock on a file in a service's data directory, held while the service runs: two
 * centers on one store (or two compute nodes on one model store) would interleave writes and both answer for one
 * organisation. The lock dies with the process (even on kill -9), so a restart never finds a stale lock; the file
 * keeps the holder's pid so the refusal can name it.
 */
public final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Thrown when another process holds the lock, or the lock file cannot be used; the message says which. */
    public static final class Locked extends Exception {
        Locked(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Locks {@code <dir>/<name>}.
     *
     * @param what the service, for the message ("center", "compute node")
     * @param key the config key that names {@code dir}, for the message
     */
    public static InstanceLock acquire(Path dir, String name, String what, String key) throws Locked {
        Path file = dir.resolve(name);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new Locked(
                        dir + " is in use by another " + what + " (pid " + (holder.isEmpty() ? "unknown" : holder)
                                + "); stop it first, or give this one its own " + key,
                        null);
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new Locked("cannot lock " + file + " (" + key + "): " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
