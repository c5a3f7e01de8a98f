package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The chaincode events a committed block delivers, as the gateway's ChaincodeEvents service reads them
 * ({@code internal/pkg/gateway/event}): from VALID endorser transactions only, in block order, keeping an event
 * only when its chaincode id, name and transaction id are all set.
 */
public final class BlockEvents {
    private BlockEvents() {}

    public static List<ChaincodeEvent> validChaincodeEvents(Block block) {
        List<ChaincodeEvent> events = new ArrayList<>();
        List<ByteString> envelopes = block.getData().getDataList();
        for (int i = 0; i < envelopes.size(); i++) {
            if (TransactionsFilter.code(block, i) == TxValidationCode.VALID) {
                addEvents(envelopes.get(i), events);
            }
        }
        return List.copyOf(events);
    }

    private static void addEvents(ByteString envelopeBytes, List<ChaincodeEvent> events) {
        try {
            Payload payload =
                    Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return;
            }
            for (TransactionAction action :
                    Transaction.parseFrom(payload.getData()).getActionsList()) {
                ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
                ProposalResponsePayload responsePayload = ProposalResponsePayload.parseFrom(
                        actionPayload.getAction().getProposalResponsePayload());
                ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(responsePayload.getExtension());
                ChaincodeEvent event = ChaincodeEvent.parseFrom(chaincodeAction.getEvents());
                if (!event.getChaincodeId().isEmpty()
                        && !event.getEventName().isEmpty()
                        && !event.getTxId().isEmpty()) {
                    events.add(event);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            // A VALID transaction always parses; anything else carries no event.
        }
    }
}
