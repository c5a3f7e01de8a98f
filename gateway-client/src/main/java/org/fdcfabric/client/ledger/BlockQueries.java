package org.fdcfabric.client.ledger;

import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.ContractCalls;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A channel's blocks as the gateway's peer serves them through the {@code qscc} system chaincode (the caller must
 * be a reader of the channel). Only queries: nothing is submitted.
 */
public interface BlockQueries {

    /** {@code calls} must address the {@code qscc} chaincode on {@code channel}. */
    static BlockQueries over(ContractCalls calls, String channel) {
        return new QsccBlockQueries(calls, channel);
    }

    /** {@code qscc:GetChainInfo}: the number of blocks. */
    long height() throws FdcClientException;

    /** {@code qscc:GetBlockByNumber}: the stored block, with its metadata (TRANSACTIONS_FILTER included). */
    Block block(long number) throws FdcClientException;
}
