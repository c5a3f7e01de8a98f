package org.fdcfabric.explorer.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fdcfabric.auditor.ChainReadException;
import org.fdcfabric.auditor.ChainReader;
import org.fdcfabric.auditor.gateway.GatewayChainReader;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.ledger.LedgerClient;
import org.fdcfabric.client.pass.PassClient;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.PassPage;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/** {@link ChainSource} over one gateway connection. */
public final class GatewaySource implements ChainSource {
    private static final Logger LOG = Logger.getLogger(GatewaySource.class.getName());
    private static final int PAGE = 100;

    private final ChainReader records;
    private final PassClient passes;
    private final List<LedgerClient> ledgers;

    public GatewaySource(ChainReader records, PassClient passes, List<LedgerClient> ledgers) {
        this.records = records;
        this.passes = passes;
        this.ledgers = List.copyOf(ledgers);
    }

    public static GatewaySource over(FdcConnection connection) {
        return new GatewaySource(
                GatewayChainReader.over(connection),
                connection.passes(),
                List.of(connection.registrationLedger(), connection.collaborationLedger()));
    }

    @Override
    public ChainReader records() {
        return records;
    }

    @Override
    public List<String> channels() {
        return ledgers.stream().map(LedgerClient::channel).toList();
    }

    @Override
    public BlockchainInfo chainInfo(String channel) {
        return read("the chain info of " + channel, () -> ledger(channel).chainInfo());
    }

    @Override
    public Optional<Block> block(String channel, long number) {
        return read("block " + number + " of " + channel, () -> ledger(channel).block(number));
    }

    @Override
    public Optional<Located> blockOfTransaction(String txId) {
        for (LedgerClient ledger : ledgers) {
            Optional<Block> block = read("the block of " + txId, () -> ledger.blockOfTransaction(txId));
            if (block.isPresent()) {
                return Optional.of(new Located(ledger.channel(), block.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<AccessPass> passesOf(String datasetId) {
        List<AccessPass> all = new ArrayList<>();
        String bookmark = "";
        do {
            String mark = bookmark;
            PassPage page = read("the passes of " + datasetId, () -> passes.passesOf(datasetId, PAGE, mark));
            all.addAll(page.passes());
            bookmark = page.bookmark() == null ? "" : page.bookmark();
        } while (!bookmark.isEmpty());
        return List.copyOf(all);
    }

    @Override
    public AutoCloseable followBlocks(String channel, long startBlock, BlockListener listener) {
        CloseableIterator<Block> blocks = ledger(channel).blocks(startBlock);
        Thread follower = new Thread(
                () -> {
                    try {
                        while (blocks.hasNext()) {
                            listener.onBlock(channel, blocks.next());
                        }
                    } catch (RuntimeException e) {
                        // closing the iterator cancels the call; anything else is worth a line
                        LOG.log(Level.FINE, "block events of " + channel + " ended", e);
                    }
                },
                "explorer-blocks-" + channel);
        follower.setDaemon(true);
        follower.start();
        return blocks::close;
    }

    private LedgerClient ledger(String channel) {
        return ledgers.stream()
                .filter(ledger -> ledger.channel().equals(channel))
                .findFirst()
                .orElseThrow(() -> new ChainReadException("no channel " + channel, null));
    }

    private interface Call<T> {
        T read() throws FdcClientException;
    }

    private static <T> T read(String what, Call<T> call) {
        try {
            return call.read();
        } catch (FdcClientException e) {
            throw new ChainReadException("could not read " + what + ": " + e.getMessage(), e);
        }
    }
}
