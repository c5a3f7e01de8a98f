package org.fdcfabric.client.ledger;

import java.util.Optional;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.ContractCalls;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;

/** One channel's blocks and transactions, read through {@code qscc} and the Deliver service of the gateway's peer. */
public interface LedgerClient {
    static LedgerClient over(String channel, ContractCalls qscc, Network network) {
        return new QsccLedgerClient(channel, qscc, network);
    }

    String channel();

    BlockchainInfo chainInfo() throws FdcClientException;

    Optional<Block> block(long number) throws FdcClientException;

    /** The transaction's envelope and validation code, empty for a transaction id the ledger does not have. */
    Optional<ProcessedTransaction> transaction(String txId) throws FdcClientException;

    Optional<Block> blockOfTransaction(String txId) throws FdcClientException;

    /** Blocks from {@code startBlock} on, waiting for new ones until closed. */
    CloseableIterator<Block> blocks(long startBlock);
}
