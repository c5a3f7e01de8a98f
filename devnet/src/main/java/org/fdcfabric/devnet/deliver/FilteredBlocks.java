package org.fdcfabric.devnet.deliver;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import org.fdcfabric.devnet.ledger.TransactionsFilter;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * {@code deliverevents.go: toFilteredBlock}: per envelope its txid, header type and validation code, and for an
 * endorser transaction its chaincode events without their payloads.
 */
final class FilteredBlocks {
    private FilteredBlocks() {}

    static FilteredBlock of(Block block) throws InvalidProtocolBufferException {
        FilteredBlock.Builder filtered =
                FilteredBlock.newBuilder().setNumber(block.getHeader().getNumber());
        List<ByteString> envelopes = block.getData().getDataList();
        for (int i = 0; i < envelopes.size(); i++) {
            Payload payload =
                    Payload.parseFrom(Envelope.parseFrom(envelopes.get(i)).getPayload());
            if (!payload.hasHeader()) {
                continue;
            }
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            filtered.setChannelId(header.getChannelId());
            FilteredTransaction.Builder transaction = FilteredTransaction.newBuilder()
                    .setTxid(header.getTxId())
                    .setTypeValue(header.getType())
                    .setTxValidationCode(TransactionsFilter.code(block, i));
            if (header.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                transaction.setTransactionActions(actions(Transaction.parseFrom(payload.getData())));
            }
            filtered.addFilteredTransactions(transaction);
        }
        return filtered.build();
    }

    private static FilteredTransactionActions actions(Transaction transaction) throws InvalidProtocolBufferException {
        FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
        for (TransactionAction action : transaction.getActionsList()) {
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
            if (!actionPayload.hasAction()) {
                continue;
            }
            ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload())
                            .getExtension());
            ChaincodeEvent event = ChaincodeEvent.parseFrom(chaincodeAction.getEvents());
            if (!event.getChaincodeId().isEmpty()) {
                actions.addChaincodeActions(FilteredChaincodeAction.newBuilder()
                        .setChaincodeEvent(ChaincodeEvent.newBuilder()
                                .setTxId(event.getTxId())
                                .setChaincodeId(event.getChaincodeId())
                                .setEventName(event.getEventName())));
            }
        }
        return actions.build();
    }
}
