package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fdcfabric.devnet.msp.IdentityVerifier;
import org.fdcfabric.devnet.policy.EndorsementPolicies;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The committing peer of one channel: validates each block the orderer cuts (stage A per envelope in parallel,
 * duplicate transaction ids within the block, then MVCC in block order), writes the TRANSACTIONS_FILTER, and
 * stores the block with the valid transactions' writes in one atomic ledger commit. Call {@link #commit} from one
 * thread (the channel's ordering thread).
 */
public final class BlockCommitter implements AutoCloseable {
    private final MvStoreLedger ledger;
    private final TransactionValidator validator;
    private final ExecutorService validation;

    /** {@code validationThreads} verify signatures and policies of a block's envelopes in parallel. */
    public BlockCommitter(
            MvStoreLedger ledger, IdentityVerifier identities, EndorsementPolicies policies, int validationThreads) {
        if (validationThreads < 1) {
            throw new IllegalArgumentException("validationThreads must be at least 1");
        }
        this.ledger = ledger;
        this.validator = new TransactionValidator(ledger.channelId(), identities, policies);
        this.validation = Executors.newFixedThreadPool(validationThreads, threads("validate-" + ledger.channelId()));
    }

    public String channelId() {
        return ledger.channelId();
    }

    public MvStoreLedger ledger() {
        return ledger;
    }

    /**
     * Validates and stores the next block; returns it as stored (with its TRANSACTIONS_FILTER). Throws
     * {@link IllegalArgumentException} if it is not the next block of the chain and {@link LedgerException} if it
     * cannot be stored; in both cases nothing of it is kept.
     */
    public Block commit(Block block) {
        CommittedView committed = ledger.committed();
        List<ByteString> envelopes = block.getData().getDataList();
        List<TxCheck> checks = stageA(envelopes, committed);
        long blockNum = block.getHeader().getNumber();
        byte[] filter = new byte[envelopes.size()];
        UpdateBatch updates = new UpdateBatch();
        MvccValidator mvcc = new MvccValidator(committed, updates, blockNum);
        Set<String> validTxIds = new HashSet<>();
        for (int txNum = 0; txNum < envelopes.size(); txNum++) {
            TxCheck check = checks.get(txNum);
            TxValidationCode code = check.code();
            if (check.valid() && !validTxIds.add(check.txId())) {
                code = TxValidationCode.DUPLICATE_TXID;
            }
            if (code == TxValidationCode.VALID) {
                code = mvcc.validateAndApply(txNum, check);
            }
            filter[txNum] = (byte) code.getNumber();
            if (!check.txId().isEmpty()) {
                updates.addIndex(new UpdateBatch.IndexRecord(check.txId(), new TxStatus(code, blockNum), txNum));
            }
        }
        Block validated = TransactionsFilter.set(block, filter);
        ledger.append(validated, updates);
        return validated;
    }

    private List<TxCheck> stageA(List<ByteString> envelopes, CommittedView committed) {
        if (envelopes.size() == 1) {
            return List.of(validator.check(envelopes.get(0), committed::containsTx));
        }
        List<CompletableFuture<TxCheck>> futures = new ArrayList<>(envelopes.size());
        for (ByteString envelope : envelopes) {
            futures.add(
                    CompletableFuture.supplyAsync(() -> validator.check(envelope, committed::containsTx), validation));
        }
        List<TxCheck> checks = new ArrayList<>(futures.size());
        for (CompletableFuture<TxCheck> future : futures) {
            checks.add(future.join());
        }
        return checks;
    }

    @Override
    public void close() {
        validation.shutdown();
        try {
            if (!validation.awaitTermination(10, TimeUnit.SECONDS)) {
                validation.shutdownNow();
            }
        } catch (InterruptedException e) {
            validation.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
