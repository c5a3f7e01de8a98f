package org.fdcfabric.devnet.deliver;

import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

/** The stream one seek request answers on; both calls return false once the client has gone. */
interface Outlet {
    /** Sends when the transport can take it (flow control), so a slow client does not make the server buffer. */
    boolean send(DeliverResponse response) throws InterruptedException;

    /** Waits until block {@code number} is committed. */
    boolean awaitBlock(ChannelLedger ledger, long number) throws InterruptedException;
}
