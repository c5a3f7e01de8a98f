package org.fdcfabric.chaincode.collaboration.token;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;

/**
 * The MSP ids of the channel's organisations, the only wallets tokens may be minted or transferred into. A
 * chaincode cannot read its channel's configuration (Fabric refuses chaincode-to-chaincode calls to {@code cscc}),
 * so the chaincode server is configured with them in {@code FDC_CHANNEL_MSPS} (comma separated): the devnet sets
 * it from its channel definition, {@code scripts/deploy-chaincode.sh} from the network's. Every endorsing
 * organisation runs the contract with its own server, so a server configured differently produces a different
 * result and fails endorsement instead of writing.
 */
final class ChannelMembers {
    static final String ENVIRONMENT = "FDC_CHANNEL_MSPS";

    private final Set<String> mspIds;

    private ChannelMembers(Set<String> mspIds) {
        this.mspIds = mspIds;
    }

    /** The members configured for this chaincode server; refuses the transaction when none are configured. */
    static ChannelMembers configured() {
        return parse(System.getenv(ENVIRONMENT));
    }

    static ChannelMembers parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw Refusals.refuse(
                    ErrorCode.CHANNEL_MEMBERS_UNKNOWN,
                    "the chaincode server was started without " + ENVIRONMENT
                            + "; it cannot tell which accounts exist");
        }
        Set<String> ids =
                Arrays.stream(configured.split(",", -1)).map(String::strip).collect(Collectors.toUnmodifiableSet());
        for (String id : ids) {
            if (!InputChecks.MSP_ID.matcher(id).matches()) {
                throw Refusals.refuse(
                        ErrorCode.CHANNEL_MEMBERS_UNKNOWN,
                        ENVIRONMENT + " holds a malformed MSP id; it must list MSP ids separated by commas");
            }
        }
        return new ChannelMembers(ids);
    }

    /** Case-exact: {@code provider1msp} is not {@code Provider1MSP}, and tokens sent there could never be spent. */
    String requireMember(String account) {
        if (!mspIds.contains(account)) {
            throw Refusals.refuse(
                    ErrorCode.UNKNOWN_ACCOUNT,
                    account + " is not an organisation of this channel; tokens there could never be spent");
        }
        return account;
    }
}
