package org.fdcfabric.devnet.deliver;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

/** What one Deliver RPC sends for a block ({@code deliverevents.go}'s response senders). */
@FunctionalInterface
interface BlockDelivery {
    /** A block that cannot be converted is answered with BAD_REQUEST, as the filtered sender does. */
    DeliverResponse response(Block block) throws InvalidProtocolBufferException;
}
