package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Re-derives what a committed block changed from the block alone: its TRANSACTIONS_FILTER says which transactions
 * were valid, their read-write sets say what they wrote. Rebuilding a ledger from a verified prefix of its blocks
 * (as Fabric rebuilds its state database from the block store) applies these in block order.
 */
final class BlockReplay {
    private BlockReplay() {}

    static UpdateBatch updates(CommittedView committed, Block block) {
        long number = block.getHeader().getNumber();
        UpdateBatch updates = new UpdateBatch();
        MvccValidator writes = new MvccValidator(committed, updates, number);
        List<ByteString> envelopes = block.getData().getDataList();
        for (int txNum = 0; txNum < envelopes.size(); txNum++) {
            Optional<ChannelHeader> header = EnvelopeHeaders.channelHeader(envelopes.get(txNum));
            String txId = header.map(ChannelHeader::getTxId).orElse("");
            TxValidationCode code = TransactionsFilter.code(block, txNum);
            if (!txId.isEmpty()) {
                updates.addIndex(new UpdateBatch.IndexRecord(txId, new TxStatus(code, number), txNum));
            }
            if (number > 0 && code == TxValidationCode.VALID && header.isPresent()) {
                List<TxCheck.NsRwSet> rwSets = new ArrayList<>();
                for (Map.Entry<String, KVRWSet> rwSet :
                        LastBlockCheck.rwSets(envelopes.get(txNum), number).entrySet()) {
                    rwSets.add(new TxCheck.NsRwSet(rwSet.getKey(), rwSet.getValue()));
                }
                writes.replay(txNum, new TxCheck(code, txId, header.get().getTimestamp(), List.copyOf(rwSets)));
            }
        }
        return updates;
    }
}
