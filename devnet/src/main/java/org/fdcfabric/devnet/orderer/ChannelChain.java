package org.fdcfabric.devnet.orderer;

import com.google.protobuf.ByteString;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * stops admission, then orders and commits everything already accepted. Every accepted envelope and every cut is
 * in the channel's {@link AcceptedLog} before it is acknowledged or committed; on start the chain first commits
 * the blocks the log has and the ledger lacks, then orders the envelopes the log accepted and no block holds.
 */
final class ChannelChain implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChannelChain.class.getName());
    /** The log is started afresh (keeping only what is not yet committed) when it grows past this. */
    private static final long LOG_ROLL_BYTES = 64L * 1024 * 1024;

    private final BlockCommitter committer;
    private final BlockAssembler assembler;
    private final BatchConfig config;
    private final BlockCutter cutter;
    private final BlockingQueue<Envelope> queue;
    private final Envelope stop = Envelope.newBuilder().build();
    private final ReadWriteLock admission = new ReentrantReadWriteLock();
    private final Thread thread;
    private final AcceptedLog log;
    /** Held while an envelope enters both the queue and the log, and while a cut is logged: one order for both. */
    private final Object logOrder = new Object();

    private boolean closed;
    private long nextNumber;
    private ByteString previousHash;

    ChannelChain(
            BlockCommitter committer,
            BlockAssembler assembler,
            BatchConfig config,
            int queueCapacity,
            Path logDirectory) {
        this.committer = committer;
        this.assembler = assembler;
        this.config = config;
        this.cutter = new BlockCutter(config);
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        resync();
        this.log = recover(logDirectory);
        this.thread = new Thread(this::run, "order-" + committer.channelId());
        thread.setDaemon(true);
        thread.start();
    }

    /** Commits what the log holds and the ledger lacks; starts the log afresh with what is still to order. */
    private AcceptedLog recover(Path logDirectory) {
        AcceptedLog.Contents contents = AcceptedLog.read(logDirectory, committer.channelId());
        List<Envelope> unordered = new ArrayList<>();
        for (AcceptedLog.CutBlock cut : contents.blocks()) {
            if (cut.number() < nextNumber) {
                continue;
            }
            if (cut.number() == nextNumber && unordered.isEmpty()) {
                LOG.log(
                        Level.WARNING,
                        "channel {0}: block {1} ({2} transactions) was cut before the devnet stopped but is not in"
                                + " the ledger; committing it from the orderer''s log",
                        committer.channelId(),
                        cut.number(),
                        cut.envelopes().size());
                commitBlock(cut.envelopes());
            } else {
                unordered.addAll(cut.envelopes());
            }
        }
        unordered.addAll(contents.pending());
        if (!unordered.isEmpty()) {
            LOG.log(
                    Level.WARNING,
                    "channel {0}: {1} envelopes were accepted before the devnet stopped but are in no block; ordering"
                            + " them now",
                    committer.channelId(),
                    unordered.size());
        }
        AcceptedLog fresh = AcceptedLog.rewrite(logDirectory, unordered);
        for (Envelope envelope : unordered) {
            if (!queue.offer(envelope)) {
                throw new IllegalStateException("more envelopes to recover than the ordering queue holds");
            }
        }
        return fresh;
    }

    /**
     * Queues an admitted envelope and returns once it is durable in the log; false if the chain is closed or its
     * queue is full.
     */
    boolean enqueue(Envelope envelope) throws InterruptedException {
        long position;
        admission.readLock().lock();
        try {
            if (closed) {
                return false;
            }
            synchronized (logOrder) {
                if (!queue.offer(envelope)) {
                    return false;
                }
                position = log.append(envelope);
            }
        } finally {
            admission.readLock().unlock();
        }
        log.sync(position);
        return true;
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
                // here every accepted envelope is committed, in the cutter or in the queue
                rollLogIfLarge();
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
        // everything accepted is committed: the log starts empty next time
        synchronized (logOrder) {
            log.restartWith(List.of());
        }
        log.close();
    }

    private void rollLogIfLarge() {
        if (log.size() < LOG_ROLL_BYTES) {
            return;
        }
        synchronized (logOrder) {
            List<Envelope> unordered = new ArrayList<>(cutter.pending());
            queue.stream().filter(envelope -> envelope != stop).forEach(unordered::add);
            log.restartWith(unordered);
        }
    }

    private void write(List<Envelope> batch) {
        long mark;
        synchronized (logOrder) {
            mark = log.markBlock(nextNumber, batch.size());
        }
        log.sync(mark);
        commitBlock(batch);
    }

    private void commitBlock(List<Envelope> batch) {
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
