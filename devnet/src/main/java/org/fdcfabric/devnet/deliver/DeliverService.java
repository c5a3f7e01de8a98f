package org.fdcfabric.devnet.deliver;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.fdcfabric.devnet.policy.ChannelAccessControl;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

/**
 * The peer's Deliver service. All three RPCs take the same signed seek envelopes and check the same ACL ({@code
 * event/Block} and {@code event/FilteredBlock} both default to {@code /Channel/Application/Readers}); they differ
 * only in what each block becomes. The devnet has no private data collections, so DeliverWithPrivateData sends every
 * block with an empty private data map.
 */
public final class DeliverService extends DeliverGrpc.DeliverImplBase {
    /** {@code peer.authentication.timewindow}'s default: how far a seek envelope's timestamp may be off. */
    static final Duration TIME_WINDOW = Duration.ofMinutes(15);

    private final Map<String, ChannelLedger> ledgers;
    private final ChannelAccessControl acl;
    private final Executor executor;
    private final Clock clock;

    public DeliverService(
            Map<String, ChannelLedger> ledgers, ChannelAccessControl acl, Executor executor, Clock clock) {
        this.ledgers = Map.copyOf(ledgers);
        this.acl = acl;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        return session(
                responses,
                (block -> DeliverResponse.newBuilder().setBlock(block).build()));
    }

    @Override
    public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
        return session(responses, (block -> DeliverResponse.newBuilder()
                .setFilteredBlock(FilteredBlocks.of(block))
                .build()));
    }

    @Override
    public StreamObserver<Envelope> deliverWithPrivateData(StreamObserver<DeliverResponse> responses) {
        return session(responses, (block -> DeliverResponse.newBuilder()
                .setBlockAndPrivateData(
                        BlockAndPrivateData.newBuilder().setBlock(block).build())
                .build()));
    }

    private StreamObserver<Envelope> session(StreamObserver<DeliverResponse> responses, BlockDelivery delivery) {
        return new DeliverSession(
                (ServerCallStreamObserver<DeliverResponse>) responses,
                new SeekHandler(ledgers, acl, clock, delivery),
                executor);
    }
}
