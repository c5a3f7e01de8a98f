package org.fdcfabric.cli.network;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.client.profile.LoadedProfile;
import org.fdcfabric.client.profile.ProfileReader;
import org.fdcfabric.client.profile.SigningMaterial;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Every transaction of a channel with the validation code its peer recorded: blocks 0 to height-1 read through the
 * peer's Deliver service (the Fabric Gateway SDK's block events) as one of the profile's identities, each block's
 * {@code TRANSACTIONS_FILTER} metadata giving one code per transaction.
 */
final class ChainBlocks {

    /** One transaction as committed: where it is, what it is, and whether the peer found it valid. */
    record Committed(String channel, long block, int index, String txId, String type, TxValidationCode code) {
        @Override
        public String toString() {
            return channel + " block " + block + " tx " + index + " (" + type + " " + txId + "): " + code;
        }
    }

    private ChainBlocks() {}

    static List<Committed> read(Path profileFile, String identity, String channelName, long height, Duration timeout)
            throws Exception {
        LoadedProfile profile = new ProfileReader().read(profileFile);
        SigningMaterial material = profile.signingMaterial(identity);
        var endpoint = profile.profile().gateway();
        var builder = Grpc.newChannelBuilder(
                endpoint.address(),
                TlsChannelCredentials.newBuilder()
                        .trustManager(profile.tlsRootCert().toFile())
                        .build());
        if (endpoint.serverNameOverride() != null
                && !endpoint.serverNameOverride().isBlank()) {
            builder.overrideAuthority(endpoint.serverNameOverride());
        }
        ManagedChannel grpc = builder.build();
        List<Committed> committed = new ArrayList<>();
        try (Gateway gateway = Gateway.newInstance()
                        .identity(new X509Identity(material.mspId(), material.certificate()))
                        .signer(Signers.newPrivateKeySigner(material.privateKey()))
                        .connection(grpc)
                        .connect();
                CloseableIterator<Block> blocks = gateway.getNetwork(channelName)
                        .newBlockEventsRequest()
                        .startBlock(0)
                        .build()
                        .getEvents(CallOption.deadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS))) {
            for (long expected = 0; expected < height; expected++) {
                Block block = blocks.next();
                if (block.getHeader().getNumber() != expected) {
                    throw new AssertionError(channelName + ": expected block " + expected + ", got "
                            + block.getHeader().getNumber());
                }
                committed.addAll(transactions(channelName, block));
            }
        } finally {
            grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        return committed;
    }

    private static List<Committed> transactions(String channel, Block block) throws IOException {
        byte[] filter = block.getMetadata()
                .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                .toByteArray();
        int count = block.getData().getDataCount();
        if (filter.length != count) {
            throw new AssertionError(channel + " block " + block.getHeader().getNumber() + " has " + count
                    + " transactions but " + filter.length + " validation codes");
        }
        List<Committed> committed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Payload payload = Payload.parseFrom(
                    Envelope.parseFrom(block.getData().getData(i)).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            HeaderType type = HeaderType.forNumber(header.getType());
            TxValidationCode code = TxValidationCode.forNumber(filter[i] & 0xFF);
            committed.add(new Committed(
                    channel,
                    block.getHeader().getNumber(),
                    i,
                    header.getTxId(),
                    type == null ? "type " + header.getType() : type.name(),
                    code));
        }
        return committed;
    }
}
