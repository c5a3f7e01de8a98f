package org.fdcfabric.devnet.chaincode;

import java.util.Optional;
import org.fdcfabric.devnet.ledger.StateSnapshot;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** What chaincode-to-chaincode calls need from the peer: the target channel's state and its write ACL. */
public interface ChannelAccess {
    /** A fresh snapshot of the channel's committed state, or empty if the peer has no such channel. */
    Optional<StateSnapshot> snapshot(String channelId);

    /** Whether the proposal's creator satisfies {@code peer/ChaincodeToChaincode} ({@code /Channel/Application/Writers}). */
    boolean mayInvoke(String channelId, SignedProposal proposal);
}
