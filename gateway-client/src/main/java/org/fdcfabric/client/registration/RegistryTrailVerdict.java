package org.fdcfabric.client.registration;

import org.fdcfabric.protocol.audit.TrailBreak;
import org.fdcfabric.protocol.trail.TrailVerdict;

/**
 * {@code registration:VerifyTrail}'s answer as the registration chaincode writes it ({@code intact} where the
 * collaboration chaincode says {@code valid}); callers get the protocol's {@link TrailVerdict}.
 */
record RegistryTrailVerdict(String subject, long entries, boolean intact, TrailBreak firstBreak, String headHash) {
    TrailVerdict toVerdict() {
        return new TrailVerdict(subject, entries, intact, firstBreak, headHash);
    }
}
