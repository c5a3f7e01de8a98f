package org.fdcfabric.devnet.orderer;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import java.util.Optional;
import org.fdcfabric.devnet.msp.IdentityVerifier;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;

/**
 * The orderer's filters for a normal channel message ({@code msgprocessor/standardchannel.go}): not empty, within
 * the absolute size, a well-formed endorser transaction for this channel, signed over its payload by a creator
 * that satisfies the channel's Writers, whose certificate has not expired. Errors map as Fabric's
 * {@code ClassifyError} does: permission failures FORBIDDEN, anything malformed BAD_REQUEST.
 */
final class EnvelopeAdmission {
    private final IdentityVerifier identities;
    private final WritersPolicy writers;
    private final int absoluteMaxBytes;
    private final Clock clock;

    EnvelopeAdmission(IdentityVerifier identities, WritersPolicy writers, int absoluteMaxBytes, Clock clock) {
        this.identities = identities;
        this.writers = writers;
        this.absoluteMaxBytes = absoluteMaxBytes;
        this.clock = clock;
    }

    Status check(String channelId, Envelope envelope) {
        if (envelope == null || envelope.getPayload().isEmpty()) {
            return Status.BAD_REQUEST;
        }
        if (envelope.getSerializedSize() > absoluteMaxBytes) {
            return Status.BAD_REQUEST;
        }
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            return Status.BAD_REQUEST;
        }
        if (!channelId.equals(channelHeader.getChannelId())
                || channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            // Config updates are not supported by the devnet; other types are never ordered directly.
            return Status.BAD_REQUEST;
        }
        Optional<VerifiedIdentity> creator =
                identities.verify(channelId, signatureHeader.getCreator().toByteArray());
        if (creator.isEmpty()
                || !creator.get()
                        .verifySignature(
                                envelope.getPayload().toByteArray(),
                                envelope.getSignature().toByteArray())
                || !writers.permits(channelId, creator.get())) {
            return Status.FORBIDDEN;
        }
        if (creator.get().certificate().getNotAfter().toInstant().isBefore(clock.instant())) {
            return Status.BAD_REQUEST;
        }
        return Status.SUCCESS;
    }
}
