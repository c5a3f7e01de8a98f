package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;

/** Reads an envelope's channel header without validating anything else. */
final class EnvelopeHeaders {
    private EnvelopeHeaders() {}

    static Optional<ChannelHeader> channelHeader(ByteString envelope) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            return payload.hasHeader()
                    ? Optional.of(ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()))
                    : Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    /** The non-empty transaction id, as the block index records it. */
    static Optional<String> txId(ByteString envelope) {
        return channelHeader(envelope).map(ChannelHeader::getTxId).filter(id -> !id.isEmpty());
    }
}
