package org.fdcfabric.explorer.chain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Reads a Fabric block into rows: per envelope the channel header (type, txid, time), the creator's MSP, the
 * validation code from the TRANSACTIONS_FILTER metadata and, for endorser transactions, the chaincode and the
 * function name ({@code args[0]}). Arguments beyond the function are not shown: they can carry records.
 */
public final class BlockRows {
    private BlockRows() {}

    public static BlockRow of(String channel, Block block) {
        long number = block.getHeader().getNumber();
        ByteString filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
        List<TxRow> rows = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            String code = i < filter.size()
                    ? String.valueOf(TxValidationCode.forNumber(filter.byteAt(i) & 0xFF))
                    : "NOT_VALIDATED";
            rows.add(row(channel, number, i, block.getData().getData(i), code));
        }
        return new BlockRow(
                channel,
                number,
                hex(block.getHeader().getPreviousHash().toByteArray()),
                hex(block.getHeader().getDataHash().toByteArray()),
                rows);
    }

    private static TxRow row(String channel, long number, int index, ByteString envelope, String code) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            SignatureHeader signature =
                    SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            String creator =
                    SerializedIdentity.parseFrom(signature.getCreator()).getMspid();
            HeaderType type = HeaderType.forNumber(header.getType());
            String chaincode = "";
            String function = "";
            if (type == HeaderType.ENDORSER_TRANSACTION) {
                chaincode = ChaincodeHeaderExtension.parseFrom(header.getExtension())
                        .getChaincodeId()
                        .getName();
                function = function(Transaction.parseFrom(payload.getData()));
            }
            return new TxRow(
                    channel,
                    number,
                    index,
                    header.getTxId(),
                    String.valueOf(type),
                    code,
                    chaincode,
                    function,
                    creator,
                    Instant.ofEpochSecond(
                            header.getTimestamp().getSeconds(),
                            header.getTimestamp().getNanos()));
        } catch (InvalidProtocolBufferException e) {
            return new TxRow(channel, number, index, "", "UNREADABLE", code, "", "", "", Instant.EPOCH);
        }
    }

    private static String function(Transaction transaction) throws InvalidProtocolBufferException {
        if (transaction.getActionsCount() == 0) {
            return "";
        }
        ChaincodeActionPayload action =
                ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
        ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.parseFrom(
                ChaincodeProposalPayload.parseFrom(action.getChaincodeProposalPayload())
                        .getInput());
        var args = invocation.getChaincodeSpec().getInput().getArgsList();
        return args.isEmpty() ? "" : args.get(0).toStringUtf8();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
