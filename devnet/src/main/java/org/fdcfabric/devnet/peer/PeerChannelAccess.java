package org.fdcfabric.devnet.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.devnet.chaincode.ChannelAccess;
import org.fdcfabric.devnet.ledger.ChannelLedger;
import org.fdcfabric.devnet.ledger.StateSnapshot;
import org.fdcfabric.devnet.policy.ChannelAccessControl;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** A peer's view of its channels for chaincode-to-chaincode calls: their state, and the Writers ACL on each. */
public final class PeerChannelAccess implements ChannelAccess {
    private final Map<String, ChannelLedger> ledgers;
    private final ChannelAccessControl acl;

    public PeerChannelAccess(Map<String, ChannelLedger> ledgers, ChannelAccessControl acl) {
        this.ledgers = Map.copyOf(ledgers);
        this.acl = acl;
    }

    @Override
    public Optional<StateSnapshot> snapshot(String channelId) {
        return Optional.ofNullable(ledgers.get(channelId)).map(ChannelLedger::snapshot);
    }

    @Override
    public boolean mayInvoke(String channelId, SignedProposal proposal) {
        try {
            Header header = Header.parseFrom(
                    Proposal.parseFrom(proposal.getProposalBytes()).getHeader());
            byte[] creator = SignatureHeader.parseFrom(header.getSignatureHeader())
                    .getCreator()
                    .toByteArray();
            return acl.authenticate(
                            channelId,
                            creator,
                            proposal.getProposalBytes().toByteArray(),
                            proposal.getSignature().toByteArray())
                    .filter(identity -> acl.isWriter(channelId, identity))
                    .isPresent();
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}
