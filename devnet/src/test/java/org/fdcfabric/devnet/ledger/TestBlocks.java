package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/** Chains unsigned blocks onto a ledger, as the orderer would but without its signature. */
public final class TestBlocks {
    private TestBlocks() {}

    public static Block genesis(String channelId) {
        return GenesisBlocks.genesis(channelId, Map.of(), Instant.parse("2026-11-22T00:00:00Z"));
    }

    public static Block next(ChannelLedger ledger, List<ByteString> envelopes) {
        long number = ledger.height();
        BlockData data = BlockData.newBuilder().addAllData(envelopes).build();
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder()
                        .setNumber(number)
                        .setPreviousHash(ByteString.copyFrom(
                                BlockHashes.headerHash(ledger.block(number - 1).getHeader())))
                        .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data))))
                .setData(data)
                .build();
    }
}
