package org.fdcfabric.client.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.ResponseUnreadable;
import org.fdcfabric.client.tx.ContractCalls;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/** {@link BlockQueries} over qscc's protobuf answers (the channel is its first argument, as Fabric's qscc takes it). */
final class QsccBlockQueries implements BlockQueries {
    private final ContractCalls calls;
    private final String channel;

    QsccBlockQueries(ContractCalls calls, String channel) {
        this.calls = calls;
        this.channel = channel;
    }

    @Override
    public long height() throws FdcClientException {
        byte[] answer = calls.evaluateBytes("GetChainInfo", channel);
        try {
            return BlockchainInfo.parseFrom(answer).getHeight();
        } catch (InvalidProtocolBufferException e) {
            throw new ResponseUnreadable("qscc:GetChainInfo", "a BlockchainInfo", e);
        }
    }

    @Override
    public Block block(long number) throws FdcClientException {
        byte[] answer = calls.evaluateBytes("GetBlockByNumber", channel, Long.toString(number));
        try {
            return Block.parseFrom(answer);
        } catch (InvalidProtocolBufferException e) {
            throw new ResponseUnreadable("qscc:GetBlockByNumber", "a Block", e);
        }
    }
}
