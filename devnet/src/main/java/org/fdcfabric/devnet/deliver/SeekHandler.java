package org.fdcfabric.devnet.deliver;

import com.google.protobuf.InvalidProtocolBufferException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.fdcfabric.devnet.msp.VerifiedIdentity;
import org.fdcfabric.devnet.policy.ChannelAccessControl;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;

/**
 * One seek request, as {@code common/deliver/deliver.go: deliverBlocks} answers it: BAD_REQUEST for an envelope that
 * does not parse, has no timestamp or one more than the time window away; NOT_FOUND for an unknown channel; FORBIDDEN
 * when the signer is not a channel reader (checked again before every block, so an expiring certificate ends the
 * stream); BAD_REQUEST without start or stop, or with a stop before the start; NOT_FOUND for a start beyond the
 * height, or with FAIL_IF_NOT_READY for a block not yet committed. Otherwise it sends the blocks from start to stop,
 * waiting for those not yet committed, and answers SUCCESS.
 */
final class SeekHandler {
    private static final Logger LOG = Logger.getLogger(SeekHandler.class.getName());

    private final Map<String, ChannelLedger> ledgers;
    private final ChannelAccessControl acl;
    private final Clock clock;
    private final BlockDelivery delivery;

    SeekHandler(Map<String, ChannelLedger> ledgers, ChannelAccessControl acl, Clock clock, BlockDelivery delivery) {
        this.ledgers = ledgers;
        this.acl = acl;
        this.clock = clock;
        this.delivery = delivery;
    }

    /** The status that closes the request, or empty when the client went away before it ended. */
    Optional<Status> handle(Envelope envelope, Outlet outlet) throws InterruptedException {
        Payload payload;
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            payload = Payload.parseFrom(envelope.getPayload());
            if (!payload.hasHeader()) {
                return Optional.of(Status.BAD_REQUEST);
            }
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            return Optional.of(Status.BAD_REQUEST);
        }
        if (!channelHeader.hasTimestamp() || outsideTimeWindow(channelHeader)) {
            return Optional.of(Status.BAD_REQUEST);
        }
        String channelId = channelHeader.getChannelId();
        ChannelLedger ledger = ledgers.get(channelId);
        if (ledger == null || !acl.hasChannel(channelId)) {
            return Optional.of(Status.NOT_FOUND);
        }
        SeekInfo seek;
        try {
            seek = SeekInfo.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            return Optional.of(Status.BAD_REQUEST);
        }
        Optional<VerifiedIdentity> reader = acl.authenticate(
                        channelId,
                        signatureHeader.getCreator().toByteArray(),
                        envelope.getPayload().toByteArray(),
                        envelope.getSignature().toByteArray())
                .filter(identity -> acl.isReader(channelId, identity));
        if (reader.isEmpty() || expired(reader.get().certificate())) {
            return Optional.of(Status.FORBIDDEN);
        }
        if (!seek.hasStart() || !seek.hasStop()) {
            return Optional.of(Status.BAD_REQUEST);
        }
        Optional<Long> start = startNumber(ledger, seek.getStart());
        long number = start.orElse(0L);
        long stop =
                switch (seek.getStop().getTypeCase()) {
                    case OLDEST -> number;
                    // start and stop both newest: exactly one block, even if another commits meanwhile
                    case NEWEST -> seek.getStart().equals(seek.getStop()) ? number : ledger.height() - 1;
                    case SPECIFIED -> seek.getStop().getSpecified().getNumber();
                    default -> 0L;
                };
        if (seek.getStop().hasSpecified() && Long.compareUnsigned(stop, number) < 0) {
            return Optional.of(Status.BAD_REQUEST);
        }
        if (start.isEmpty()) {
            // the iterator of a start beyond the height answers NOT_FOUND on its first Next
            return Optional.of(Status.NOT_FOUND);
        }
        while (true) {
            if (seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY && number > ledger.height() - 1) {
                return Optional.of(Status.NOT_FOUND);
            }
            if (!outlet.awaitBlock(ledger, number)) {
                return Optional.empty();
            }
            Block block = ledger.block(number);
            number++;
            if (expired(reader.get().certificate())) {
                return Optional.of(Status.FORBIDDEN);
            }
            if (seek.getContentType() == SeekInfo.SeekContentType.HEADER_WITH_SIG && !isConfigBlock(block)) {
                block = Block.newBuilder()
                        .setHeader(block.getHeader())
                        .setMetadata(block.getMetadata())
                        .build();
            }
            try {
                if (!outlet.send(delivery.response(block))) {
                    return Optional.empty();
                }
            } catch (InvalidProtocolBufferException e) {
                LOG.log(Level.WARNING, "block " + block.getHeader().getNumber() + " cannot be filtered", e);
                return Optional.of(Status.BAD_REQUEST);
            }
            if (stop == block.getHeader().getNumber()) {
                return Optional.of(Status.SUCCESS);
            }
        }
    }

    /** {@code fileledger.Iterator}: the first block to send, empty for a start beyond the ledger's height. */
    private static Optional<Long> startNumber(ChannelLedger ledger, SeekPosition start) {
        return switch (start.getTypeCase()) {
            case OLDEST -> Optional.of(0L);
            case NEWEST -> Optional.of(ledger.height() - 1);
            case SPECIFIED ->
                Long.compareUnsigned(start.getSpecified().getNumber(), ledger.height()) > 0
                        ? Optional.empty()
                        : Optional.of(start.getSpecified().getNumber());
            case NEXT_COMMIT -> Optional.of(ledger.height());
            default -> Optional.empty();
        };
    }

    private boolean outsideTimeWindow(ChannelHeader header) {
        Instant sent = Instant.ofEpochSecond(
                header.getTimestamp().getSeconds(), header.getTimestamp().getNanos());
        return Duration.between(sent, clock.instant()).abs().compareTo(DeliverService.TIME_WINDOW) > 0;
    }

    private boolean expired(X509Certificate certificate) {
        return clock.instant().isAfter(certificate.getNotAfter().toInstant());
    }

    private static boolean isConfigBlock(Block block) {
        if (block.getData().getDataCount() != 1) {
            return false;
        }
        try {
            Payload payload = Payload.parseFrom(
                    Envelope.parseFrom(block.getData().getData(0)).getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader())
                            .getType()
                    == HeaderType.CONFIG_VALUE;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}
