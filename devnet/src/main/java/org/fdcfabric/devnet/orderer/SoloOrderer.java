package org.fdcfabric.devnet.orderer;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fdcfabric.devnet.ledger.BlockCommitter;
import org.fdcfabric.devnet.ledger.Orderer;
import org.fdcfabric.devnet.msp.IdentityVerifier;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;

/**
 * The devnet's ordering service: one ordering thread per channel feeding that channel's committer. Admission
 * runs on the caller's thread, so signature checks of concurrent submits proceed in parallel. {@link #close()}
 * refuses new envelopes and commits every accepted one before returning; it does not close the committers. An
 * envelope is acknowledged only once it is in the channel's write-ahead log, so none is lost on kill -9.
 */
public final class SoloOrderer implements Orderer, AutoCloseable {
    /** Accepted envelopes waiting for the ordering thread, per channel, before Submit sees SERVICE_UNAVAILABLE. */
    public static final int QUEUE_CAPACITY = 20_000;

    private final EnvelopeAdmission admission;
    private final Map<String, ChannelChain> chains = new LinkedHashMap<>();

    /**
     * @param logDirectory holds each channel's write-ahead log of accepted envelopes ({@code <channel>/})
     * @param signer signs block metadata with the orderer's key
     * @param ordererIdentity the orderer's serialized identity ({@code SerializedIdentity} bytes)
     */
    public SoloOrderer(
            Path logDirectory,
            List<BlockCommitter> channels,
            BatchConfig config,
            BlockSigner signer,
            ByteString ordererIdentity,
            IdentityVerifier identities,
            WritersPolicy writers,
            Clock clock) {
        this.admission = new EnvelopeAdmission(identities, writers, config.absoluteMaxBytes(), clock);
        BlockAssembler assembler = new BlockAssembler(signer, ordererIdentity);
        for (BlockCommitter committer : channels) {
            if (chains.containsKey(committer.channelId())) {
                throw new IllegalArgumentException("channel " + committer.channelId() + " given twice");
            }
            chains.put(
                    committer.channelId(),
                    new ChannelChain(
                            committer, assembler, config, QUEUE_CAPACITY, logDirectory.resolve(committer.channelId())));
        }
    }

    @Override
    public Status broadcast(String channelId, Envelope envelope) {
        ChannelChain chain = chains.get(channelId);
        if (chain == null) {
            return Status.NOT_FOUND;
        }
        Status status = admission.check(channelId, envelope);
        if (status != Status.SUCCESS) {
            return status;
        }
        try {
            return chain.enqueue(envelope) ? Status.SUCCESS : Status.SERVICE_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.SERVICE_UNAVAILABLE;
        }
    }

    @Override
    public void close() {
        chains.values().forEach(ChannelChain::close);
    }
}
