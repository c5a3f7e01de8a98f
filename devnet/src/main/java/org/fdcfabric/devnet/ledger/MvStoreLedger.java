package org.fdcfabric.devnet.ledger;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A channel's ledger in one H2 MVStore file: blocks (serialized {@code common.Block}), world state per namespace
 * with versions in Fabric key order, key history, and the transaction-id index. Each block is written with a
 * single MVStore commit, so a crash (even kill -9 mid-write) leaves the store at the last fully committed block:
 * MVStore checksums every chunk and ignores a torn last chunk when it opens.
 *
 * <p>Readers never block the committer: every commit publishes a frozen {@link CommittedView}, and snapshots pin
 * its MVStore version until they are closed.
 */
public final class MvStoreLedger implements ChannelLedger, AutoCloseable {
    static final String FILE_NAME = "ledger.mv.db";
    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9.-]{0,248}");
    private static final String BLOCKS = "blocks";
    private static final String TX_INDEX = "txindex";
    private static final String STATE_PREFIX = "state/";
    private static final String HISTORY_PREFIX = "history/";
    private static final System.Logger LOG = System.getLogger(MvStoreLedger.class.getName());
    private static final int COMPACT_EVERY_BLOCKS = 16;
    private static final int COMPACT_TARGET_FILL_PERCENT = 80;
    private static final int COMPACT_WRITE_BYTES = 4 * 1024 * 1024;

    private final String channelId;
    private final MVStore store;
    private final boolean syncEachBlock;
    private final Object writeLock = new Object();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final MVMap<Long, byte[]> blocks;
    private final MVMap<String, byte[]> txIndex;
    private final Map<String, MVMap<String, byte[]>> stateMaps = new HashMap<>();
    private final Map<String, MVMap<String, byte[]>> historyMaps = new HashMap<>();
    private volatile CommittedView view;
    /** Header hash of the newest block, so chaining a block never re-reads its predecessor; under writeLock. */
    private byte[] lastHeaderHash;
    /** Under writeLock. */
    private int blocksSinceCompaction;
    /** Set once the ledger is verified; under writeLock. */
    private HeightRecord heightRecord;

    private MvStoreLedger(String channelId, MVStore store, boolean syncEachBlock) {
        this.channelId = channelId;
        this.store = store;
        this.syncEachBlock = syncEachBlock;
        this.blocks = store.openMap(
                BLOCKS,
                new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.txIndex = store.openMap(
                TX_INDEX,
                new MVMap.Builder<String, byte[]>()
                        .keyType(StringDataType.INSTANCE)
                        .valueType(ByteArrayDataType.INSTANCE));
        for (String name : store.getMapNames()) {
            if (name.startsWith(STATE_PREFIX)) {
                stateMap(name.substring(STATE_PREFIX.length()));
            } else if (name.startsWith(HISTORY_PREFIX)) {
                historyMap(name.substring(HISTORY_PREFIX.length()));
            }
        }
    }

    /**
     * Opens (or creates) the ledger of {@code channelId} in {@code directory}, fsyncing every block. A new ledger
     * starts with the block {@code genesisBlock} supplies, which must be block 0.
     */
    public static MvStoreLedger open(Path directory, String channelId, Supplier<Block> genesisBlock) {
        return open(directory, channelId, genesisBlock, true);
    }

    /** As {@link #open(Path, String, Supplier)}; without {@code syncEachBlock} a power loss may lose recent blocks. */
    public static MvStoreLedger open(
            Path directory, String channelId, Supplier<Block> genesisBlock, boolean syncEachBlock) {
        return open(directory, channelId, genesisBlock, syncEachBlock, DamagePolicy.REFUSE);
    }

    /**
     * Opens the ledger and verifies it: the whole block chain (hash links and data hashes), that no block it once
     * committed is missing, and every state, history and index record against the blocks. Damaged state over an
     * intact chain is rebuilt from the blocks (nothing is lost) with a warning. A damaged or cut-off chain is
     * refused, naming file, channel and block, unless {@code damage} is {@link DamagePolicy#TRUNCATE}: then the
     * ledger is rebuilt from the blocks before the first bad one, the damaged file kept beside it.
     */
    public static MvStoreLedger open(
            Path directory,
            String channelId,
            Supplier<Block> genesisBlock,
            boolean syncEachBlock,
            DamagePolicy damage) {
        if (channelId == null || !CHANNEL_ID.matcher(channelId).matches()) {
            throw new IllegalArgumentException(
                    "channel id must match [a-z][a-z0-9.-]{0,248} as Fabric requires: " + channelId);
        }
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new LedgerException("cannot create the ledger directory " + directory, e);
        }
        Optional<Long> recorded = HeightRecord.read(directory);
        if (!Files.exists(file) && recorded.isPresent()) {
            // a new genesis block would start a different chain under the same channel name
            throw new LedgerException("channel " + channelId + ": the ledger file " + file + " is missing, but "
                    + recorded.get() + " blocks were committed to it; refusing to start the channel anew. Restore"
                    + " the file, or remove " + HeightRecord.fileIn(directory) + " to start an empty channel");
        }
        MvStoreLedger ledger = openRepairingNewestCommit(file, channelId, genesisBlock, syncEachBlock);
        try {
            return ledger.verified(directory, genesisBlock, damage);
        } catch (RuntimeException e) {
            ledger.closeQuietly();
            throw e;
        }
    }

    /**
     * Checks a stopped channel's ledger in {@code directory} without changing it (the same checks {@link #open}
     * makes); throws {@link LedgerException} when the store cannot be opened at all.
     */
    public static ChainCheck verify(Path directory, String channelId) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new LedgerException("channel " + channelId + " has no ledger file " + file);
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        } catch (RuntimeException e) {
            throw new LedgerException(
                    "channel " + channelId + ": the ledger file " + file + " cannot be opened: " + e.getMessage(), e);
        }
        try {
            MvStoreLedger ledger = new MvStoreLedger(channelId, store, false);
            return ledger.check(file, HeightRecord.read(directory));
        } finally {
            store.closeImmediately();
        }
    }

    /** The store's newest commit may be torn (kill -9, power loss): fall back to the newest one that reads back. */
    private static MvStoreLedger openRepairingNewestCommit(
            Path file, String channelId, Supplier<Block> genesisBlock, boolean syncEachBlock) {
        try {
            return openChecked(file, channelId, genesisBlock, syncEachBlock);
        } catch (StoreDamaged damage) {
            LOG.log(
                    Level.WARNING,
                    "the newest commit of channel " + channelId + " in " + file
                            + " is incomplete or damaged; rolling back to the newest good commit",
                    damage.getCause());
            try {
                StoreRepair.rollBackToLastGoodCommit(file, candidate -> {
                    openChecked(candidate, channelId, genesisBlock, syncEachBlock)
                            .close();
                });
                return openChecked(file, channelId, genesisBlock, syncEachBlock);
            } catch (StoreDamaged | LedgerException stillDamaged) {
                Throwable cause = stillDamaged instanceof StoreDamaged ? stillDamaged.getCause() : stillDamaged;
                throw new LedgerException(
                        "channel " + channelId + ": the ledger file " + file
                                + " is damaged and no recent commit of it reads back (" + cause.getMessage()
                                + "); refusing to serve. Restore the file from a backup or remove the channel's"
                                + " ledger directory to start the channel anew",
                        cause);
            }
        }
    }

    /** Opens and verifies the store; a damaged store throws {@link StoreDamaged}, a locked one LedgerException. */
    private static MvStoreLedger openChecked(
            Path file, String channelId, Supplier<Block> genesisBlock, boolean syncEachBlock) {
        MVStore store;
        try {
            store = openStore(file, syncEachBlock);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new LedgerException("the ledger of channel " + channelId + " is in use by another process", e);
            }
            throw new StoreDamaged(e);
        } catch (RuntimeException e) {
            // a damaged header can make MVStore's parsers throw anything (an H2 DbException about hex digits)
            throw new StoreDamaged(e);
        }
        try {
            MvStoreLedger ledger = new MvStoreLedger(channelId, store, syncEachBlock);
            ledger.recover(genesisBlock);
            return ledger;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new StoreDamaged(e);
        }
    }

    /** The store could not be read consistently; carries the cause. */
    static final class StoreDamaged extends RuntimeException {
        StoreDamaged(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static MVStore openStore(Path file, boolean syncEachBlock) {
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                // Only our explicit per-block commit may write: no background or memory-pressure commits that
                // could persist half a block.
                .autoCommitDisabled()
                .autoCommitBufferSize(0)
                .open();
        if (syncEachBlock) {
            // Space of chunks without live pages may be reused at once: every commit is fsynced before the next one
            // writes, which is the write ordering the default 45 s retention stands in for.
            store.setRetentionTime(0);
        }
        return store;
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public long height() {
        return view.height();
    }

    @Override
    public Block block(long number) {
        return view.block(number);
    }

    @Override
    public Optional<TxStatus> txStatus(String txId) {
        return view.txStatus(txId);
    }

    @Override
    public StateSnapshot snapshot() {
        MVStore.TxCounter pin;
        try {
            pin = store.registerVersionUsage();
        } catch (MVStoreException e) {
            throw new LedgerException("the ledger of channel " + channelId + " is closed", e);
        }
        return new MvStoreSnapshot(view, () -> store.deregisterVersionUsage(pin));
    }

    @Override
    public AutoCloseable addCommitListener(CommitListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The latest committed state; the committer validates against it (it is the only writer). */
    CommittedView committed() {
        return view;
    }

    /**
     * Stores a validated block (TRANSACTIONS_FILTER set) and its updates in one MVStore commit, then tells the
     * listeners. On any failure nothing of the block is kept.
     */
    void append(Block block, UpdateBatch updates) {
        synchronized (writeLock) {
            long number = block.getHeader().getNumber();
            requireNext(block.getHeader());
            try {
                write(block, updates);
                store.commit();
                if (syncEachBlock) {
                    store.sync();
                }
            } catch (RuntimeException e) {
                discardUncommitted();
                throw new LedgerException(
                        "block " + number + " of channel " + channelId + " could not be stored; nothing of it was kept",
                        e);
            }
            view = freeze(number + 1);
            lastHeaderHash = BlockHashes.headerHash(block.getHeader());
            if (heightRecord != null) {
                heightRecord.write(number + 1);
            }
            compactNow();
        }
        for (CommitListener listener : listeners) {
            try {
                listener.committed(channelId, block);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "commit listener failed on block " + block.getHeader().getNumber(),
                        e);
            }
        }
    }

    /**
     * MVStore writes each changed page anew, so a record updated in every block would otherwise stay on disk once
     * per block. Rewriting the live pages of sparse chunks lets their space be reused; it runs between blocks, in
     * a commit of its own that changes no content, so a crash during it rolls back to the same blocks.
     */
    private void compactNow() {
        if (++blocksSinceCompaction < COMPACT_EVERY_BLOCKS) {
            return;
        }
        blocksSinceCompaction = 0;
        try {
            // MVStore's background thread would free chunks no live page uses; with it disabled, we do
            store.getFileStore().dropUnusedChunks();
            // compact() itself does nothing while the chunks' fill rate is above the target
            if (store.compact(COMPACT_TARGET_FILL_PERCENT, COMPACT_WRITE_BYTES) && syncEachBlock) {
                store.sync();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "compacting the ledger of channel " + channelId + " failed; it stays as it is", e);
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (heightRecord != null) {
                heightRecord.close();
                heightRecord = null;
            }
            if (!store.isClosed()) {
                store.close();
            }
        }
    }

    private void write(Block block, UpdateBatch updates) {
        long number = block.getHeader().getNumber();
        blocks.put(number, block.toByteArray());
        for (UpdateBatch.IndexRecord record : updates.index()) {
            if (!txIndex.containsKey(record.txId())) {
                txIndex.put(record.txId(), StoredRecords.encodeTxStatus(record.status(), record.txNum()));
            }
        }
        for (Map.Entry<String, NavigableMap<String, UpdateBatch.KeyUpdate>> namespace :
                updates.state().entrySet()) {
            MVMap<String, byte[]> map = stateMap(namespace.getKey());
            for (Map.Entry<String, UpdateBatch.KeyUpdate> update :
                    namespace.getValue().entrySet()) {
                if (update.getValue().deleted()) {
                    map.remove(update.getKey());
                } else {
                    map.put(update.getKey(), update.getValue().value().encode());
                }
            }
        }
        for (UpdateBatch.HistoryRecord record : updates.history()) {
            historyMap(record.namespace())
                    .put(
                            StoredRecords.historyKey(record.key(), record.blockNum(), record.txNum()),
                            StoredRecords.encodeHistory(record.entry()));
        }
    }

    private void discardUncommitted() {
        try {
            store.rollback();
        } catch (RuntimeException rollbackFailure) {
            LOG.log(Level.ERROR, "rolling back an uncommitted block failed", rollbackFailure);
        }
        // Maps first opened in the failed block no longer exist after the rollback.
        stateMaps.values().removeIf(MVMap::isClosed);
        historyMaps.values().removeIf(MVMap::isClosed);
    }

    private void requireNext(BlockHeader header) {
        long expected = view == null ? 0 : view.height();
        if (header.getNumber() != expected) {
            throw new IllegalArgumentException("block " + header.getNumber() + " is not the next block of channel "
                    + channelId + " (height " + expected + ")");
        }
        if (expected > 0
                && !Arrays.equals(lastHeaderHash, header.getPreviousHash().toByteArray())) {
            throw new IllegalArgumentException(
                    "block " + header.getNumber() + " does not chain to block " + (expected - 1));
        }
    }

    private void recover(Supplier<Block> genesisBlock) {
        long height = blocks.size();
        if (height > 0) {
            List<MVMap<?, ?>> maps = new ArrayList<>(List.of(blocks, txIndex));
            maps.addAll(stateMaps.values());
            maps.addAll(historyMaps.values());
            LastCommitCheck.verify(maps);
            verifyTail(height);
            view = freeze(height);
            lastHeaderHash = BlockHashes.headerHash(view.block(height - 1).getHeader());
            LOG.log(Level.INFO, "ledger of channel {0} opened at height {1}", channelId, height);
            return;
        }
        Block genesis = genesisBlock.get();
        if (genesis.getHeader().getNumber() != 0
                || !Arrays.equals(
                        BlockHashes.dataHash(genesis.getData()),
                        genesis.getHeader().getDataHash().toByteArray())) {
            throw new IllegalArgumentException("the genesis block must be block 0 with a correct data hash");
        }
        UpdateBatch updates = new UpdateBatch();
        byte[] filter = new byte[genesis.getData().getDataCount()];
        for (int i = 0; i < filter.length; i++) {
            int txNum = i;
            EnvelopeHeaders.txId(genesis.getData().getData(i))
                    .ifPresent(txId -> updates.addIndex(
                            new UpdateBatch.IndexRecord(txId, new TxStatus(TxValidationCode.VALID, 0), txNum)));
        }
        append(TransactionsFilter.set(genesis, filter), updates);
    }

    /** The full check of this open store, as {@link #verify} reports it. */
    private ChainCheck check(Path file, Optional<Long> recorded) {
        long height = blocks.size();
        Optional<ChainVerifier.Damage> chain = ChainVerifier.firstDamage(channelId, height, blocks::get);
        if (chain.isPresent()) {
            return new ChainCheck(
                    channelId,
                    file,
                    ChainCheck.Finding.CHAIN_DAMAGED,
                    height,
                    chain.get().block(),
                    recorded,
                    Optional.of(chain.get().reason()));
        }
        if (recorded.isPresent() && recorded.get() > height) {
            return new ChainCheck(
                    channelId,
                    file,
                    ChainCheck.Finding.BLOCKS_LOST,
                    height,
                    height,
                    recorded,
                    Optional.of((recorded.get() - height > 1
                                    ? "blocks " + height + ".." + (recorded.get() - 1) + " were committed but are"
                                    : "block " + height + " was committed but is")
                            + " missing (the file lost its newest commits)"));
        }
        CommittedView stored = freeze(height);
        Optional<String> state = StateCheck.firstMismatch(height, stored::block, txIndex, stateMaps, historyMaps);
        return new ChainCheck(
                channelId,
                file,
                state.isPresent() ? ChainCheck.Finding.STATE_DAMAGED : ChainCheck.Finding.INTACT,
                height,
                height,
                recorded,
                state);
    }

    private MvStoreLedger verified(Path directory, Supplier<Block> genesisBlock, DamagePolicy damage) {
        Path file = directory.resolve(FILE_NAME);
        Optional<Long> recorded = HeightRecord.read(directory);
        ChainCheck check = check(file, recorded);
        long height = check.height();
        if (check.intact()) {
            if (recorded.isEmpty() && height > 1) {
                LOG.log(
                        Level.WARNING,
                        "channel {0}: no height record beside {1}; cannot tell whether its newest blocks were lost."
                                + " Recording height {2}",
                        channelId,
                        file,
                        height);
            }
            heightRecord = HeightRecord.open(directory);
            heightRecord.write(height);
            return this;
        }
        String problem = check.damage().orElseThrow();
        if (check.finding() == ChainCheck.Finding.STATE_DAMAGED) {
            // the chain is whole: the blocks say what the state must be, so nothing is lost by rebuilding it
            return rebuild(directory, height, problem, syncEachBlock);
        }
        if (damage == DamagePolicy.REFUSE || check.verifiedBlocks() == 0) {
            throw new LedgerException("channel " + channelId + ", file " + file + ": " + problem
                    + "; refusing to serve. `fdc devnet verify` reports the damage; `fdc devnet up --truncate-damaged`"
                    + " keeps blocks 0.." + (check.verifiedBlocks() - 1) + " and sets the damaged file aside");
        }
        return rebuild(directory, check.verifiedBlocks(), problem, syncEachBlock);
    }

    /** Writes a new store from blocks {@code [0, keep)} of this one, replacing it; the old file is kept. */
    private MvStoreLedger rebuild(Path directory, long keep, String problem, boolean sync) {
        Path file = directory.resolve(FILE_NAME);
        Path rebuilt = directory.resolve(FILE_NAME + ".rebuild");
        long height = blocks.size();
        try {
            Files.deleteIfExists(rebuilt);
            CommittedView source = freeze(height);
            Block genesis = source.block(0);
            try (MvStoreLedger fresh = openChecked(rebuilt, channelId, () -> genesis, sync)) {
                for (long number = 1; number < keep; number++) {
                    Block block = source.block(number);
                    fresh.append(block, BlockReplay.updates(fresh.committed(), block));
                }
            }
            closeQuietly();
            Path damaged = directory.resolve(FILE_NAME + ".damaged-" + System.currentTimeMillis());
            Files.move(file, damaged);
            Files.move(rebuilt, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(
                    Level.WARNING,
                    "channel {0}: {1}. Rebuilt the ledger from its verified blocks 0..{2}; the damaged file is kept"
                            + " as {3}",
                    channelId,
                    problem,
                    keep - 1,
                    damaged);
        } catch (IOException e) {
            throw new LedgerException("channel " + channelId + ": cannot replace the damaged ledger file " + file, e);
        }
        MvStoreLedger reopened = openChecked(
                file,
                channelId,
                () -> {
                    throw new LedgerException("the rebuilt ledger of channel " + channelId + " has no genesis block");
                },
                sync);
        reopened.heightRecord = HeightRecord.open(directory);
        reopened.heightRecord.write(reopened.height());
        return reopened;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the ledger of channel " + channelId + " failed", e);
        }
    }

    /** A torn write cannot survive MVStore's chunk checksums; this catches a store that is inconsistent anyway. */
    private void verifyTail(long height) {
        Long last = blocks.lastKey();
        if (last == null || last != height - 1) {
            throw new LedgerException("ledger of channel " + channelId + " has " + height
                    + " blocks but its last block is numbered " + last + "; the store is inconsistent");
        }
        CommittedView probe = freeze(height);
        Block tail = probe.block(last);
        BlockHeader header = tail.getHeader();
        boolean dataOk = Arrays.equals(
                BlockHashes.dataHash(tail.getData()), header.getDataHash().toByteArray());
        boolean chainOk = last == 0
                || Arrays.equals(
                        BlockHashes.headerHash(probe.block(last - 1).getHeader()),
                        header.getPreviousHash().toByteArray());
        if (header.getNumber() != last || !dataOk || !chainOk) {
            throw new LedgerException("the last block (" + last + ") of channel " + channelId
                    + " does not match its hash chain; the store is corrupt");
        }
        LastBlockCheck.verify(probe, tail);
    }

    private CommittedView freeze(long height) {
        long version = store.getCurrentVersion();
        Map<String, MVMap<String, byte[]>> state = new HashMap<>();
        stateMaps.forEach((namespace, map) -> state.put(namespace, map.openVersion(version)));
        Map<String, MVMap<String, byte[]>> history = new HashMap<>();
        historyMaps.forEach((namespace, map) -> history.put(namespace, map.openVersion(version)));
        return new CommittedView(height, blocks.openVersion(version), txIndex.openVersion(version), state, history);
    }

    private MVMap<String, byte[]> stateMap(String namespace) {
        return stateMaps.computeIfAbsent(namespace, ns -> openKeyMap(STATE_PREFIX + ns));
    }

    private MVMap<String, byte[]> historyMap(String namespace) {
        return historyMaps.computeIfAbsent(namespace, ns -> openKeyMap(HISTORY_PREFIX + ns));
    }

    private MVMap<String, byte[]> openKeyMap(String name) {
        return store.openMap(
                name,
                new MVMap.Builder<String, byte[]>().keyType(new Utf8KeyType()).valueType(ByteArrayDataType.INSTANCE));
    }
}
