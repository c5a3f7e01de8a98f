package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Checks at open that the newest block's effects are all in the store: every transaction id indexed, and for each
 * key its valid transactions wrote, the stored value and history entry. MVStore has no checksum over page
 * contents, so this is what catches a value region that never reached the disk.
 */
final class LastBlockCheck {
    private LastBlockCheck() {}

    /** Throws {@link LedgerException} when the store does not reflect {@code block}. */
    static void verify(CommittedView view, Block block) {
        long number = block.getHeader().getNumber();
        Map<String, Map<String, LastWrite>> lastWrites = new LinkedHashMap<>();
        List<ByteString> envelopes = block.getData().getDataList();
        for (int txNum = 0; txNum < envelopes.size(); txNum++) {
            Optional<String> txId = EnvelopeHeaders.txId(envelopes.get(txNum));
            if (txId.isPresent() && !view.containsTx(txId.get())) {
                throw damaged(number, "transaction " + txId.get() + " is not indexed");
            }
            if (number > 0 && TransactionsFilter.code(block, txNum) == TxValidationCode.VALID) {
                for (Map.Entry<String, KVRWSet> rwSet :
                        rwSets(envelopes.get(txNum), number).entrySet()) {
                    for (KVWrite write : rwSet.getValue().getWritesList()) {
                        lastWrites
                                .computeIfAbsent(rwSet.getKey(), ns -> new LinkedHashMap<>())
                                .put(write.getKey(), new LastWrite(txId.orElse(""), txNum, write));
                    }
                }
            }
        }
        lastWrites.forEach((namespace, writes) -> writes.forEach((key, last) -> {
            boolean delete =
                    last.write().getIsDelete() || last.write().getValue().isEmpty();
            Optional<StoredValue> stored = view.value(namespace, key);
            boolean matches = delete
                    ? stored.isEmpty()
                    : stored.isPresent()
                            && stored.get().version().blockNum() == number
                            && Arrays.equals(
                                    stored.get().value(),
                                    last.write().getValue().toByteArray());
            boolean inHistory = view.historyEntry(namespace, key, number, last.txNum())
                    .filter(entry -> entry.txId().equals(last.txId()) && entry.deleted() == delete)
                    .isPresent();
            if (!matches || !inHistory) {
                throw damaged(number, "state or history of a key in namespace " + namespace + " is not as written");
            }
        }));
    }

    /** The public read-write sets of a transaction the block marks VALID, by namespace, in block order. */
    static Map<String, KVRWSet> rwSets(ByteString envelope, long number) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(
                    Transaction.parseFrom(payload.getData()).getActions(0).getPayload());
            ChaincodeAction action = ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload())
                            .getExtension());
            Map<String, KVRWSet> rwSets = new LinkedHashMap<>();
            for (NsReadWriteSet nsRwSet :
                    TxReadWriteSet.parseFrom(action.getResults()).getNsRwsetList()) {
                rwSets.put(nsRwSet.getNamespace(), KVRWSet.parseFrom(nsRwSet.getRwset()));
            }
            return rwSets;
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            throw damaged(number, "a transaction marked VALID does not parse");
        }
    }

    private static LedgerException damaged(long number, String what) {
        return new LedgerException("block " + number + " is only partly stored: " + what);
    }

    private record LastWrite(String txId, int txNum, KVWrite write) {}
}
