package org.fdcfabric.protocol.secagg;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fdcfabric.protocol.InputChecks;

/**
 * Step 1: a center's shares of its self-mask seed and of each pairwise seed, one sealed bundle per other center,
 * with a commitment to every secret it shared so that wrong shares can be caught at reconstruction.
 */
public record ShareKeys(
        SessionId session, String ownerId, List<SecretCommitment> commitments, List<EncryptedShares> shares) {
    public ShareKeys {
        InputChecks.present(session, SecAggCodes.INVALID_MESSAGE, "session");
        CenterIds.check(ownerId, "ownerId");
        InputChecks.present(commitments, SecAggCodes.INVALID_MESSAGE, "commitments");
        InputChecks.present(shares, SecAggCodes.INVALID_MESSAGE, "shares");
        Set<SecretId> secrets = new HashSet<>();
        for (SecretCommitment c : commitments) {
            InputChecks.require(
                    c.secret().ownerId().equals(ownerId),
                    SecAggCodes.INVALID_MESSAGE,
                    "commitment to another's secret");
            InputChecks.require(secrets.add(c.secret()), SecAggCodes.DUPLICATE_SHARE, "secret committed twice");
        }
        Set<String> holders = new HashSet<>();
        for (EncryptedShares s : shares) {
            InputChecks.require(s.ownerId().equals(ownerId), SecAggCodes.INVALID_MESSAGE, "bundle of another owner");
            InputChecks.require(holders.add(s.holderId()), SecAggCodes.DUPLICATE_SHARE, "two bundles for one holder");
        }
        commitments = List.copyOf(commitments);
        shares = List.copyOf(shares);
    }
}
