package org.fdcfabric.explorer.web;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.explorer.chain.BlockRow;
import org.fdcfabric.explorer.chain.BlockRows;
import org.fdcfabric.explorer.chain.ChainSource;
import org.fdcfabric.explorer.chain.TxRow;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/** The Network view (channels, heights, recent blocks with their transactions), a block, and a transaction. */
final class NetworkPages {
    /** How many of the newest blocks of each channel the Network view lists. */
    static final int RECENT_BLOCKS = 8;

    private final ChainSource chain;

    NetworkPages(ChainSource chain) {
        this.chain = chain;
    }

    /** One channel on the Network view. */
    record ChannelView(String name, long height, String currentHash, List<BlockRow> recent) {}

    View network() {
        List<ChannelView> channels = new ArrayList<>();
        for (String channel : chain.channels()) {
            BlockchainInfo info = chain.chainInfo(channel);
            List<BlockRow> recent = new ArrayList<>();
            for (long n = info.getHeight() - 1; n >= 0 && n >= info.getHeight() - RECENT_BLOCKS; n--) {
                chain.block(channel, n)
                        .map(block -> BlockRows.of(channel, block))
                        .ifPresent(recent::add);
            }
            channels.add(new ChannelView(
                    channel,
                    info.getHeight(),
                    HexFormat.of().formatHex(info.getCurrentBlockHash().toByteArray()),
                    recent));
        }
        return View.ok("network", Map.of("section", "network", "channels", channels));
    }

    View block(String channel, long number) {
        if (!chain.channels().contains(channel)) {
            return View.notFound("channel " + channel);
        }
        return chain.block(channel, number)
                .map(block -> View.ok("block", Map.of("section", "network", "block", BlockRows.of(channel, block))))
                .orElseGet(() -> View.notFound("block " + number + " of " + channel));
    }

    View transaction(String txId) {
        return findTransaction(txId)
                .map(tx -> View.ok("transaction", Map.of("section", "network", "tx", tx)))
                .orElseGet(() -> View.notFound("transaction " + txId));
    }

    Optional<TxRow> findTransaction(String txId) {
        return chain.blockOfTransaction(txId)
                .flatMap(located -> BlockRows.of(located.channel(), located.block()).transactions().stream()
                        .filter(tx -> tx.txId().equals(txId))
                        .findFirst());
    }
}
