package org.fdcfabric.devnet.policy;

import java.util.List;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * The endorsement policy check that both the gateway (before submitting) and the committer (at validation)
 * run. Signatures are over {@code proposalResponsePayload || endorser}; entries that do not deserialize, do not
 * verify, or repeat an identity are dropped before evaluation, as Fabric does.
 */
public interface EndorsementPolicies {
    /** Whether a definition exists for the chaincode on the channel. */
    boolean isDefined(String channelId, String chaincodeName);

    boolean isSatisfied(
            String channelId, String chaincodeName, byte[] proposalResponsePayload, List<Endorsement> endorsements);
}
