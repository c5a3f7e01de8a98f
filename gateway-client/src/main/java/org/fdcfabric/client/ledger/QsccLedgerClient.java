package org.fdcfabric.client.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.ResponseUnreadable;
import org.fdcfabric.client.tx.ContractCalls;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;

/**
 * {@link LedgerClient} over {@code qscc}. The peer reports an absent block or transaction as a chaincode error whose
 * text is the block index's {@code no such ... in index} (the same on a real peer), which is read as "absent".
 */
final class QsccLedgerClient implements LedgerClient {
    private static final String ABSENT = "in index";

    private final String channel;
    private final ContractCalls qscc;
    private final Network network;

    QsccLedgerClient(String channel, ContractCalls qscc, Network network) {
        this.channel = channel;
        this.qscc = qscc;
        this.network = network;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public BlockchainInfo chainInfo() throws FdcClientException {
        byte[] bytes = qscc.evaluateBytes("GetChainInfo", channel);
        return parse("GetChainInfo", bytes, BlockchainInfo::parseFrom, "BlockchainInfo");
    }

    @Override
    public Optional<Block> block(long number) throws FdcClientException {
        return find("GetBlockByNumber", Long.toUnsignedString(number), Block::parseFrom, "Block");
    }

    @Override
    public Optional<ProcessedTransaction> transaction(String txId) throws FdcClientException {
        return find("GetTransactionByID", txId, ProcessedTransaction::parseFrom, "ProcessedTransaction");
    }

    @Override
    public Optional<Block> blockOfTransaction(String txId) throws FdcClientException {
        return find("GetBlockByTxID", txId, Block::parseFrom, "Block");
    }

    @Override
    public CloseableIterator<Block> blocks(long startBlock) {
        return network.newBlockEventsRequest().startBlock(startBlock).build().getEvents();
    }

    private interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }

    private <T> Optional<T> find(String function, String key, Parser<T> parser, String type) throws FdcClientException {
        byte[] bytes;
        try {
            bytes = qscc.evaluateBytes(function, channel, key);
        } catch (ChaincodeRejected e) {
            if (e.detail().contains(ABSENT)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(parse(function, bytes, parser, type));
    }

    private static <T> T parse(String function, byte[] bytes, Parser<T> parser, String type) throws ResponseUnreadable {
        try {
            return parser.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ResponseUnreadable("qscc:" + function, type, e);
        }
    }
}
