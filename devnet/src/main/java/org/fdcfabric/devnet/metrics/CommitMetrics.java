package org.fdcfabric.devnet.metrics;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.devnet.ledger.CommitListener;
import org.fdcfabric.devnet.ledger.TransactionsFilter;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Counts each committed block ({@code fdc.devnet.blocks}) and its transactions by validation code
 * ({@code fdc.devnet.transactions}), and times submit-to-commit ({@code fdc.devnet.commit}) for the transactions
 * the gateway saw submitted. Runs after the block is durable, on the committer's thread, so it only reads the
 * block's headers.
 */
final class CommitMetrics implements CommitListener {
    private final MeterRegistry meters;
    private final SubmitTimes submits;

    CommitMetrics(MeterRegistry meters, SubmitTimes submits) {
        this.meters = meters;
        this.submits = submits;
    }

    @Override
    public void committed(String channelId, Block block) {
        long now = System.nanoTime();
        Counter.builder("fdc.devnet.blocks")
                .description("blocks committed")
                .tag("channel", channelId)
                .register(meters)
                .increment();
        List<ByteString> envelopes = block.getData().getDataList();
        for (int i = 0; i < envelopes.size(); i++) {
            TxValidationCode code = TransactionsFilter.code(block, i);
            Counter.builder("fdc.devnet.transactions")
                    .description("transactions committed, by validation code")
                    .tags("channel", channelId, "code", code.name())
                    .register(meters)
                    .increment();
            if (submits.isEmpty()) {
                continue;
            }
            OptionalLong submitted = submits.committed(txId(envelopes.get(i)));
            if (submitted.isPresent()) {
                Timer.builder("fdc.devnet.commit")
                        .description("time from a Gateway Submit to its block's commit")
                        .serviceLevelObjectives(DevnetMetrics.LATENCY_BUCKETS)
                        .tags("channel", channelId, "code", code.name())
                        .register(meters)
                        .record(now - submitted.getAsLong(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private static String txId(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader())
                    .getTxId();
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }
}
