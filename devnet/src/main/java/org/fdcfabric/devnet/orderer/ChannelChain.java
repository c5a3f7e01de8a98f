package org.fdcfabric.devnet.orderer;

import com.google.protobuf.ByteString;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.fdcfabric.devnet.ledger.BlockCommitter;
import org.fdcfabric.devnet.ledger.BlockHashes;
import org.fdcfabric.devnet.ledger.MvStoreLedger;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * One channel's ordering thread (Fabric's solo {@code chain.main}): takes admitted envelopes in arrival order,
 * cuts blocks, signs them and commits each through the channel's committer before cutting the next. Closing
 * stops admission, then orders and commits everything already accepted.
 */
final class ChannelChain implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChannelChain.class.getName());
    private static final long ENQUEUE_WAIT_MILLIS = 1_000;

    private final BlockCommitter committer;
    private final BlockAssembler assembler;
    private final BatchConfig config;
    private final BlockCutter cutter;
    private final BlockingQueue<Envelope> queue;
    private final Envelope stop = Envelope.newBuilder().build();
    private final ReadWriteLock admission = new ReentrantReadWriteLock();
    private final Thread thread;
    private boolean closed;
    private long nextNumber;
    private ByteString previousHash;

    ChannelChain(BlockCommitter committer, BlockAssembler assembler, BatchConfig config, int queueCapacity) {
        this.committer = committer;
        this.assembler = assembler;
        this.config = config;
        this.cutter = new BlockCutter(config);
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        resync();
        this.thread = new Thread(this::run, "order-" + committer.channelId());
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an admitted envelope; false if the chain is closed or stays full for a second. */
    boolean enqueue(Envelope envelope) throws InterruptedException {
        admission.readLock().lock();
        try {
            return !closed && queue.offer(envelope, ENQUEUE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            admission.readLock().unlock();
        }
    }

    @Override
    public void close() {
        admission.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            admission.writeLock().unlock();
        }
        try {
            queue.put(stop);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long deadline = 0;
        try {
            while (true) {
                Envelope next;
                if (cutter.hasPending()) {
                    next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } else {
                    next = queue.take();
                }
                if (next == null) {
                    write(cutter.cut());
                } else if (next == stop) {
                    drainAndStop();
                    return;
                } else {
                    for (List<Envelope> batch : cutter.ordered(next)) {
                        write(batch);
                    }
                }
                if (!cutter.hasPending()) {
                    deadline = 0;
                } else if (deadline == 0) {
                    deadline = System.nanoTime() + config.batchTimeout().toNanos();
                }
            }
        } catch (InterruptedException e) {
            LOG.log(Level.WARNING, "ordering thread of channel {0} interrupted", committer.channelId());
            Thread.currentThread().interrupt();
        }
    }

    private void drainAndStop() {
        Envelope next;
        while ((next = queue.poll()) != null) {
            for (List<Envelope> batch : cutter.ordered(next)) {
                write(batch);
            }
        }
        if (cutter.hasPending()) {
            write(cutter.cut());
        }
    }

    private void write(List<Envelope> batch) {
        Block block = assembler.assemble(nextNumber, previousHash, batch);
        try {
            committer.commit(block);
            nextNumber++;
            previousHash = ByteString.copyFrom(BlockHashes.headerHash(block.getHeader()));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.ERROR,
                    "block " + nextNumber + " of channel " + committer.channelId() + " with " + batch.size()
                            + " transactions could not be committed; they are lost and their clients will time out",
                    e);
            resync();
        }
    }

    private void resync() {
        MvStoreLedger ledger = committer.ledger();
        long height = ledger.height();
        nextNumber = height;
        previousHash = ByteString.copyFrom(
                BlockHashes.headerHash(ledger.block(height - 1).getHeader()));
    }
}
