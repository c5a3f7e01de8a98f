package org.fdcfabric.devnet.ledger;

import com.google.protobuf.Timestamp;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The outcome of the per-envelope stage of validation. {@code txId} is empty when the channel header could not be
 * read (such envelopes are not indexed); {@code rwSets} are present only for VALID endorser transactions.
 */
record TxCheck(TxValidationCode code, String txId, Timestamp timestamp, List<NsRwSet> rwSets) {
    /** One namespace's public read-write set. */
    record NsRwSet(String namespace, KVRWSet rwSet) {}

    static TxCheck invalid(TxValidationCode code, String txId) {
        return new TxCheck(code, txId, Timestamp.getDefaultInstance(), List.of());
    }

    TxCheck withCode(TxValidationCode newCode) {
        return new TxCheck(newCode, txId, timestamp, rwSets);
    }

    boolean valid() {
        return code == TxValidationCode.VALID;
    }
}
