package org.fdcfabric.devnet.ledger;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;

/**
 * Fabric's AtomicBroadcast as the gateway's Submit uses it: admit an envelope (size, signature and
 * {@code /Channel/Writers} checks) and queue it for the next block. Returns the orderer's status
 * ({@code SUCCESS}, {@code BAD_REQUEST}, {@code FORBIDDEN}, {@code NOT_FOUND}, {@code SERVICE_UNAVAILABLE}).
 */
public interface Orderer {
    Status broadcast(String channelId, Envelope envelope);
}
