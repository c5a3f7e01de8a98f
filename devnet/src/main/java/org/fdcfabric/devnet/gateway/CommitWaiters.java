package org.fdcfabric.devnet.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.fdcfabric.devnet.ledger.TxStatus;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;

/**
 * CommitStatus waiting as {@code commit/finder.go} does it: register first, then look the txid up, so no commit
 * falls between the two; waiters complete when the block holding their txid is committed. The answer is always
 * the block index's, i.e. the txid's first occurrence.
 */
final class CommitWaiters implements AutoCloseable {
    private final ChannelLedger ledger;
    private final Map<String, List<CompletableFuture<TxStatus>>> waiters = new ConcurrentHashMap<>();
    private final AutoCloseable registration;

    CommitWaiters(ChannelLedger ledger) {
        this.ledger = ledger;
        this.registration = ledger.addCommitListener((channelId, block) -> committed(block));
    }

    CompletableFuture<TxStatus> await(String txId) {
        CompletableFuture<TxStatus> future = new CompletableFuture<>();
        waiters.computeIfAbsent(txId, id -> new CopyOnWriteArrayList<>()).add(future);
        future.whenComplete((status, failure) -> waiters.computeIfPresent(txId, (id, list) -> {
            list.remove(future);
            return list.isEmpty() ? null : list;
        }));
        ledger.txStatus(txId).ifPresent(future::complete);
        return future;
    }

    private void committed(Block block) {
        if (waiters.isEmpty()) {
            return;
        }
        for (ByteString envelope : block.getData().getDataList()) {
            txId(envelope).ifPresent(txId -> {
                List<CompletableFuture<TxStatus>> waiting = waiters.get(txId);
                if (waiting != null) {
                    ledger.txStatus(txId).ifPresent(status -> waiting.forEach(f -> f.complete(status)));
                }
            });
        }
    }

    private static Optional<String> txId(ByteString envelopeBytes) {
        try {
            Payload payload =
                    Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            return Optional.of(ChannelHeader.parseFrom(payload.getHeader().getChannelHeader())
                    .getTxId());
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws Exception {
        registration.close();
        waiters.values().forEach(list -> list.forEach(f -> f.cancel(false)));
    }
}
